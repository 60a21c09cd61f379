"""Where each kind of act stands on the screen: the positions of tagged options across a set of decisions.

No position may be "the good one": a student who learns that the helpful answer is always option 1 (or that the quiet
one is always last) stops reading. The order of the options is authored, not shuffled (docs/dialogue-format.md,
section 3.2, says why), so this module measures it; `python main.py stats` prints it per chapter and
tests/test_act_order.py holds the shipped story to it.

Positions are counted in the order the options are written, 1-based. Options with an `if` are counted where they are
written: the menu a student sees may be shorter, but never in another order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from .model import ACT_TAGS, ACTIVE_ACTS, Choice, Story

UNTAGGED = "untagged"


@dataclass(frozen=True, slots=True)
class Spread:
    """The options of some decisions by kind of act and position."""
    decisions: int                         # decisions counted
    mixed: int                             # of which offer both active and other options
    at: dict[str, Counter]                 # kind of act → Counter(position → options)
    first_active: Counter                  # position of the first active option → mixed decisions
    last_active: int                       # mixed decisions whose last option is an active one
    active_at: Counter                     # position → mixed decisions with an active option there

    def most_common_first(self) -> tuple[int, int]:
        """(position, decisions) where the first active option stands most often; (0, 0) when none is mixed."""
        return self.first_active.most_common(1)[0] if self.first_active else (0, 0)


def is_active(tag: str | None) -> bool:
    return tag in ACTIVE_ACTS


def choices_of(story: Story, scenes: Iterable[str]) -> list[Choice]:
    """Every choice of the scenes, in file order."""
    out: list[Choice] = []
    for sid in scenes:
        scene = story.scenes.get(sid)
        for node in (scene.nodes.values() if scene else ()):
            out += [s for s in node.steps if isinstance(s, Choice)]
    return out


def spread(choices: Iterable[Choice]) -> Spread:
    at: dict[str, Counter] = {tag: Counter() for tag in (*ACT_TAGS, UNTAGGED)}
    first_active: Counter = Counter()
    active_at: Counter = Counter()
    decisions = mixed = last_active = 0
    for choice in choices:
        if len(choice.options) < 2:
            continue  # one option has no order
        decisions += 1
        flags = [is_active(o.tag) for o in choice.options]
        for position, option in enumerate(choice.options, 1):
            at[option.tag or UNTAGGED][position] += 1
        if any(flags) and not all(flags):
            mixed += 1
            first_active[flags.index(True) + 1] += 1
            last_active += flags[-1]
            active_at.update(i for i, flag in enumerate(flags, 1) if flag)
    return Spread(decisions, mixed, {k: v for k, v in at.items() if v}, first_active, last_active, active_at)


def format_spread(title: str, s: Spread) -> list[str]:
    """A few lines for `stats`: per kind of act, how many options stand at positions 1, 2, 3…"""
    width = max((max(c) for c in s.at.values()), default=0)
    if not width:
        return []
    name_w = max(len(k) for k in s.at)
    out = [f"{title}: kinds of act by position ({s.decisions} decisions)",
           "  " + "kind".ljust(name_w) + "".join(f"{p:>5}" for p in range(1, width + 1))]
    for kind, counts in s.at.items():
        out.append("  " + kind.ljust(name_w) + "".join(f"{counts.get(p, 0) or '.':>5}" for p in range(1, width + 1)))
    if s.mixed:
        firsts = ", ".join(f"{p}: {n}" for p, n in sorted(s.first_active.items()))
        out.append(f"  first active option at position ({s.mixed} decisions with active and other options): {firsts};"
                   f" last option active in {s.last_active}")
    return out


def spread_json(s: Spread) -> dict:
    return {"decisions": s.decisions, "mixed": s.mixed,
            "positions": {k: {str(p): n for p, n in sorted(c.items())} for k, c in s.at.items()},
            "first_active": {str(p): n for p, n in sorted(s.first_active.items())},
            "last_active": s.last_active}
