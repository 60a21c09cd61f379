"""A chapter's debrief tells the player what happened; a later chapter may remind them of it (a callback). The two must
never contradict each other: the school debrief saying "you never showed it to anyone" and Vikram saying "you showed
your teacher" in the next chapter is a bug a player notices at once.

CONTRADICTIONS names pairs (debrief item, later line) that tell opposite facts. For each pair the test proves that no
state can show both: every variable and visit count the two conditions read is tried with every value that matters,
and the variables of the debrief's chapter must not change after it ends (so the debrief's state still holds later).
When you write a new callback to an earlier chapter, add it here next to the debrief item it must agree with.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from game.content import load_content
from game.story.expr import Binary, Expr, Lit, Var, Visits, evaluate, walk
from game.story.model import Do, Line, Story

ROOT = Path(__file__).resolve().parents[2]

CONTRADICTIONS = (
    # chapter 2 → chapter 3
    ("school.debrief.h_photo_kept", "neighbourhood.vikram.vk4"),  # "never showed it" / "showed your teacher"
    ("school.debrief.h_team_same", "neighbourhood.evening.e8"),  # "she will clean the lab" / "how Priya got on"
    ("school.debrief.h_team_same", "neighbourhood.vikram.vk3"),
    ("school.debrief.h_arjun_alone", "neighbourhood.chaiwala.b2"),  # "nobody asked him" / "you sat with him"
    # chapter 1 → chapters 2 and 3
    ("home.debrief.h3", "neighbourhood.evening.e7"),  # "Meera cooked" / "Chef Ravi"
    ("home.debrief.h3", "neighbourhood.rekha.r5"),
    ("home.debrief.h3", "neighbourhood.kavita.ka3"),
    ("home.debrief.h3", "school.arjun_lunch.l5"),
    ("home.debrief.h5", "neighbourhood.evening.e12"),  # "Papa told Bua…" / Papa has only put Bua off
)


@pytest.fixture(scope="module")
def story() -> Story:
    content, problems, _ = load_content(ROOT)
    assert content is not None, [p.format() for p in problems]
    return content.story


def _debrief_item(story: Story, ident: str):
    scene = story.scenes[ident.split(".")[0]]
    return next(i for i in scene.debrief.happened if i.id == ident)


def _line(story: Story, ident: str) -> Line:
    node = story.node(ident.rsplit(".", 1)[0])
    return next(s for s in node.steps if isinstance(s, Line) and s.id == ident)


def _values(story: Story, exprs: list[Expr]) -> dict[tuple[str, str], list]:
    """Every atom the conditions read, with the values worth trying: both truths, each number compared against
    (and one either side), each text compared against plus one that matches none."""
    atoms: dict[tuple[str, str], set] = {}
    for expr in exprs:
        for e in walk(expr):
            if isinstance(e, Var):
                atoms.setdefault(("var", e.name), set())
            elif isinstance(e, Visits):
                atoms.setdefault(("visits", e.node), set())
            if isinstance(e, Binary) and e.op in ("==", "!=", "<", "<=", ">", ">="):
                for a, b in ((e.left, e.right), (e.right, e.left)):
                    if isinstance(b, Lit):
                        key = ("var", a.name) if isinstance(a, Var) else ("visits", a.node) if isinstance(a, Visits) \
                            else None
                        if key is not None:
                            atoms.setdefault(key, set()).add(b.value)
    out = {}
    for (kind, name), seen in atoms.items():
        if kind == "var" and story.var_decls[name].type is bool:
            out[(kind, name)] = [False, True]
        elif kind == "var" and story.var_decls[name].type is str:
            out[(kind, name)] = sorted(seen) + ["\x00none"]
        else:
            numbers = {n for v in seen for n in (v - 1, v, v + 1)} | {0}
            out[(kind, name)] = sorted(n for n in numbers if n >= 0)
    return out


class _Env:
    def __init__(self, values: dict[tuple[str, str], object]) -> None:
        self.values = values

    def var(self, name: str):
        return self.values[("var", name)]

    def visits(self, node: str) -> int:
        return self.values[("visits", node)]  # type: ignore[return-value]


def both_can_show(story: Story, first: Expr | None, second: Expr | None) -> bool:
    exprs = [e for e in (first, second) if e is not None]
    atoms = _values(story, exprs)
    keys = list(atoms)
    for combo in itertools.product(*(atoms[k] for k in keys)):
        env = _Env(dict(zip(keys, combo)))
        if all(evaluate(e, env) for e in exprs):
            return True
    return False


def test_no_debrief_line_contradicts_a_later_callback(story):
    found = []
    for debrief_id, line_id in CONTRADICTIONS:
        item, line = _debrief_item(story, debrief_id), _line(story, line_id)
        if both_can_show(story, item.cond, line.cond):
            found.append(f"{debrief_id} ({item.text!r}) and {line_id} ({line.text!r}) can both be shown")
    assert not found, "\n".join(found)


def test_the_debriefs_facts_do_not_change_after_its_chapter(story):
    """The proof above takes the debrief's variables as fixed from its chapter's end: no later chapter sets them."""
    content, _, _ = load_content(ROOT)
    order = [c.scenes for c in content.chapters]
    for debrief_id, line_id in CONTRADICTIONS:
        debrief_scene, line_scene = debrief_id.split(".")[0], line_id.split(".")[0]
        later = next(i for i, scenes in enumerate(order) if debrief_scene in scenes) + 1
        assert any(line_scene in scenes for scenes in order[later:]), f"{line_id} is not in a later chapter"
        cond = _debrief_item(story, debrief_id).cond
        names = {e.name for e in walk(cond) if isinstance(e, Var)} if cond is not None else set()
        for scenes in order[later:]:
            for sid in scenes:
                for node in story.scenes[sid].nodes.values():
                    for step in node.steps:
                        effects = step.effects if isinstance(step, Do) else ()
                        options = getattr(step, "options", ())
                        for effect in [*effects, *(e for o in options for e in o.effects)]:
                            assert effect.name not in names, f"{node.full_id} changes {effect.name}"


def test_the_check_catches_the_old_photo_callback(story):
    """Vikram's line used to need only kept_evidence: the check must see that it contradicts the school debrief."""
    from game.story.expr import parse_condition

    item = _debrief_item(story, "school.debrief.h_photo_kept")
    assert both_can_show(story, item.cond, parse_condition("visits(neighbourhood.vikram) == 1 and kept_evidence"))
