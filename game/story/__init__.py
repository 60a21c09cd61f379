"""The pure story core: content model, YAML reading with positions, loader, state, runner.

Never imports pygame, so it can be driven from tests and command-line tools.

The names below are imported on first use (PEP 562), not with the package: a module that needs only
``game.story.problems`` (the content folder, the command line) does not pay for the loader and the runner, which is
a tenth of a second of the game's start-up.
"""

from __future__ import annotations

import importlib

_WHERE = {
    "load_dialogue_file": "loader", "load_story": "loader",
    "Pos": "problems", "Problem": "problems", "did_you_mean": "problems", "sort_problems": "problems",
    "summary": "problems",
    "Ended": "runner", "Menu": "runner", "MenuOption": "runner", "Runner": "runner", "RunnerError": "runner",
    "Say": "runner",
    "State": "state", "StateError": "state",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> object:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'game.story' has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
