"""Everything a save file holds about the story: variables, visits, choices, position.

`to_json` / `from_json` round-trip exactly, and `from_json` checks its input because
a save file can be old, hand-edited or truncated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

from game.limits import MAX_HISTORY

from .model import Story

Value = Union[bool, int, str]
FORMAT_VERSION = 1


class StateError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Frame:
    scene: str
    node: str
    step: int  # the step to carry on with


@dataclass(frozen=True, slots=True)
class Position:
    scene: str
    node: str
    step: int
    stack: tuple[Frame, ...] = ()  # where each `call` returns to, innermost last

    @property
    def node_full(self) -> str:
        return f"{self.scene}.{self.node}"


@dataclass(frozen=True, slots=True)
class Placement:
    """Where staging left a character on the map of ``scene``: at a named point (None: where the map puts them),
    facing a direction or another character (None: as the map says), or gone from the map."""
    scene: str
    point: str | None = None
    facing: str | None = None
    gone: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"scene": self.scene, "point": self.point, "facing": self.facing, "gone": self.gone}


MAX_PLACEMENTS = 200  # a cast of a few dozen; more in a save means it was not written by the game


@dataclass
class State:
    vars: dict[str, Value] = field(default_factory=dict)
    visits: dict[str, int] = field(default_factory=dict)
    chosen: set[str] = field(default_factory=set)
    history: list[dict[str, str]] = field(default_factory=list)
    position: Position | None = None
    ending: str | None = None  # reached by the current chapter; cleared by Runner.begin
    endings: list[str] = field(default_factory=list)
    stage: dict[str, Placement] = field(default_factory=dict)  # character id -> where staging left them
    goal: str | None = None  # the full id of the goal step now in force (what the player is trying to do next)

    @classmethod
    def new(cls, story: Story) -> "State":
        return cls(vars={name: decl.value for name, decl in story.var_decls.items()})

    def copy(self) -> "State":
        """An independent copy, without the history (the path search's: it copies states hundreds of thousands of
        times, and a round trip through to_json/from_json re-checks data that never left the program). Positions and
        placements are frozen, values immutable: copying the containers is enough."""
        return State(dict(self.vars), dict(self.visits), set(self.chosen), [], self.position, self.ending,
                     list(self.endings), dict(self.stage), self.goal)

    def to_json(self) -> dict[str, Any]:
        pos = self.position
        return {
            "version": FORMAT_VERSION,
            "vars": dict(self.vars),
            "visits": dict(self.visits),
            "chosen": sorted(self.chosen),
            # The newest entries only: a save never holds more than the reader accepts.
            "history": [dict(entry) for entry in self.history[-MAX_HISTORY:]],
            "position": None if pos is None else {
                "scene": pos.scene, "node": pos.node, "step": pos.step,
                "stack": [{"scene": f.scene, "node": f.node, "step": f.step} for f in pos.stack],
            },
            "ending": self.ending,
            "endings": list(self.endings),
            "stage": {who: p.to_json() for who, p in sorted(self.stage.items())},
            "goal": self.goal,
        }

    @classmethod
    def from_json(cls, data: Any, story: Story | None = None) -> "State":
        d = _dict(data, "the saved state")
        version = d.get("version", FORMAT_VERSION)
        if version != FORMAT_VERSION:
            raise StateError(f"unsupported save format version {version!r}")
        known = {"version", "vars", "visits", "chosen", "history", "position", "ending", "endings", "stage", "goal"}
        extra = sorted(set(d) - known)
        if extra:
            raise StateError(f"unknown field(s) in the saved state: {', '.join(extra)}")
        history = _list(d.get("history", []), "history")
        if len(history) > MAX_HISTORY:
            raise StateError(f"the history has {len(history):,} entries, more than any real play ({MAX_HISTORY:,})")
        state = cls(
            vars={_str(k, "a variable name"): _value(v, k) for k, v in _dict(d.get("vars", {}), "vars").items()},
            visits={_str(k, "a node id"): _count(v, k) for k, v in _dict(d.get("visits", {}), "visits").items()},
            chosen={_str(x, "a chosen option") for x in _list(d.get("chosen", []), "chosen")},
            history=[_history(x) for x in history],
            position=_position(d.get("position")),
            ending=None if d.get("ending") is None else _str(d["ending"], "ending"),
            endings=[_str(x, "an ending") for x in _list(d.get("endings", []), "endings")],
            stage=_stage(d.get("stage", {})),
            goal=None if d.get("goal") is None else _str(d["goal"], "goal"),
        )
        if story is not None:
            _check_against(state, story)
        return state


def _dict(x: Any, what: str) -> dict:
    if not isinstance(x, dict):
        raise StateError(f"{what} should be an object, found {type(x).__name__}")
    return x


def _list(x: Any, what: str) -> list:
    if not isinstance(x, list):
        raise StateError(f"{what} should be a list, found {type(x).__name__}")
    return x


def _str(x: Any, what: str) -> str:
    if not isinstance(x, str):
        raise StateError(f"{what} should be a text, found {x!r}")
    return x


def _int(x: Any, what: str) -> int:
    if isinstance(x, bool) or not isinstance(x, int):
        raise StateError(f"{what} should be a whole number, found {x!r}")
    return x


def _count(x: Any, what: str) -> int:
    n = _int(x, f"the visit count of '{what}'")
    if n < 0:
        raise StateError(f"the visit count of '{what}' is negative")
    return n


def _value(x: Any, name: str) -> Value:
    if not isinstance(x, (bool, int, str)):
        raise StateError(f"variable '{name}' should be true/false, a whole number or a text, found {x!r}")
    return x


def _history(x: Any) -> dict[str, str]:
    entry = _dict(x, "a history entry")
    if set(entry) not in ({"node"}, {"choice", "option"}):
        raise StateError(f"a history entry should have 'node' or 'choice' and 'option', found {sorted(entry)}")
    return {k: _str(v, f"history '{k}'") for k, v in entry.items()}


def _frame(x: Any, what: str) -> tuple[str, str, int]:
    f = _dict(x, what)
    scene, node, step = _str(f.get("scene"), f"{what} scene"), _str(f.get("node"), f"{what} node"), \
        _int(f.get("step"), f"{what} step")
    if step < 0:
        raise StateError(f"{what} step is negative")
    return scene, node, step


def _position(x: Any) -> Position | None:
    if x is None:
        return None
    scene, node, step = _frame(x, "position")
    stack = tuple(Frame(*_frame(f, "a call frame")) for f in _list(_dict(x, "position").get("stack", []),
                                                                    "position stack"))
    return Position(scene, node, step, stack)


def _stage(x: Any) -> dict[str, Placement]:
    raw = _dict(x, "stage")
    if len(raw) > MAX_PLACEMENTS:
        raise StateError(f"the stage holds {len(raw)} characters, more than {MAX_PLACEMENTS}")
    out: dict[str, Placement] = {}
    for who, p in raw.items():
        entry = _dict(p, f"the place of '{who}'")
        extra = sorted(set(entry) - {"scene", "point", "facing", "gone"})
        if extra:
            raise StateError(f"unknown field(s) in the place of '{who}': {', '.join(extra)}")
        point, facing, gone = entry.get("point"), entry.get("facing"), entry.get("gone", False)
        if not isinstance(gone, bool):
            raise StateError(f"'gone' of '{who}' should be true or false, found {gone!r}")
        out[_str(who, "a character id")] = Placement(
            _str(entry.get("scene"), f"the scene of '{who}'"),
            None if point is None else _str(point, f"the point of '{who}'"),
            None if facing is None else _str(facing, f"the facing of '{who}'"), gone)
    return out


def _check_against(state: State, story: Story) -> None:
    for name, value in state.vars.items():
        decl = story.var_decls.get(name)
        if decl is None:
            raise StateError(f"the save has variable '{name}', which the story does not declare")
        if type(value) is not decl.type:
            raise StateError(f"variable '{name}' should be {decl.type.__name__}, found {value!r}")
    for name, decl in story.var_decls.items():
        state.vars.setdefault(name, decl.value)  # a variable added to the story since this save
    for full in state.visits:
        if story.node(full) is None:
            raise StateError(f"the save mentions node '{full}', which does not exist")
    pos = state.position
    if pos is not None:
        for scene, node, step in [(f.scene, f.node, f.step) for f in pos.stack] + [(pos.scene, pos.node, pos.step)]:
            found = story.node(f"{scene}.{node}")
            if found is None:
                raise StateError(f"the save is at node '{scene}.{node}', which does not exist")
            if step > len(found.steps):
                raise StateError(f"the save is at step {step} of '{scene}.{node}', which has {len(found.steps)}")
    # A place on a map the story no longer has is only decoration: dropped, not a reason to refuse the save.
    state.stage = {who: p for who, p in state.stage.items() if p.scene in story.scenes}
    if state.goal is not None and story.goal(state.goal) is None:
        state.goal = None  # a goal the content no longer has: guidance is a help, the next goal step sets a new one
    for ending in ([state.ending] if state.ending else []) + state.endings:
        if story.ending(ending) is None:
            raise StateError(f"the save mentions ending '{ending}', which does not exist")
