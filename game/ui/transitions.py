"""What a screen asks the app to do next. Screens return these as values; only App.apply changes the stack."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from game.ui.screen import Screen


@dataclass(frozen=True, slots=True)
class Push:
    screen: "Screen"


@dataclass(frozen=True, slots=True)
class Pop:
    pass


@dataclass(frozen=True, slots=True)
class Replace:
    """Pop the top screen and push another."""

    screen: "Screen"


@dataclass(frozen=True, slots=True)
class Reset:
    """Clear the whole stack and start again from one screen (e.g. back to the title)."""

    screen: "Screen"


@dataclass(frozen=True, slots=True)
class Quit:
    pass


Transition = Union[Push, Pop, Replace, Reset, Quit]
