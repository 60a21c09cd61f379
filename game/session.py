"""One play-through: the story state, the runner, where the player stands, and autosaving. No pygame here."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from game.content import Content
from game.save import NoSave, SaveCorrupt, SaveError, SaveOk, WorldPos, delete_save, quarantine, read_save, write_save
from game.story.expr import DictEnv, Expr, ExprError, Visits, evaluate, map_visits, parse_condition
from game.story.runner import Runner
from game.story.state import State, StateError


@lru_cache(maxsize=256)
def _condition(text: str, scene: str) -> Expr | None:
    try:
        expr = parse_condition(text)
    except ExprError:
        return None  # the checker reports it; at run time a broken condition is simply false
    return map_visits(expr, lambda v: v if "." in v.node else Visits(f"{scene}.{v.node}", v.col))


def spawn_point(content: Content, scene: str, name: str = "default") -> WorldPos:
    info = content.scenes[scene]
    spawns = {o.name: o for o in info.map.objects if o.kind == "spawn"}
    obj = spawns.get(name) or spawns["default"]
    facing = obj.props.get("facing", "down")
    return WorldPos(scene=scene, x=obj.rect[0], y=obj.rect[1], facing=facing if isinstance(facing, str) else "down")


@dataclass
class Session:
    content: Content
    state: State
    world: WorldPos
    data_dir: Path
    runner: Runner = field(init=False)
    saves: int = 0

    def __post_init__(self) -> None:
        self.runner = Runner(self.content.story, self.state)

    @staticmethod
    def new(content: Content, data_dir: Path) -> "Session":
        try:
            delete_save(data_dir)
        except SaveError:
            pass  # an old save we cannot move is no reason to stop a student from playing
        return Session(content, State.new(content.story), spawn_point(content, content.start_scene), data_dir)

    @staticmethod
    def resume(content: Content, data_dir: Path) -> tuple["Session | None", str | None]:
        """The saved session, or None and the reason the save could not be used (it has been moved aside)."""
        result = read_save(data_dir)
        if isinstance(result, NoSave):
            return None, None
        if isinstance(result, SaveCorrupt):
            return None, result.reason
        assert isinstance(result, SaveOk)
        data = result.data
        try:
            state = State.from_json(json.loads(json.dumps(dict(data.story))), content.story)
        except StateError as exc:
            return None, quarantine(data_dir, str(exc)).reason
        world = data.world
        if world.scene not in content.scenes:
            return None, quarantine(data_dir, f"the saved scene '{world.scene}' no longer exists").reason
        info = content.scenes[world.scene].map
        if not (0 <= world.x < info.width and 0 <= world.y < info.height) or (world.x, world.y) in info.solid:
            world = replace(spawn_point(content, world.scene), fired=world.fired)
        return Session(content, state, world, data_dir), None

    @staticmethod
    def has_save(data_dir: Path) -> bool:
        return (data_dir / "autosave.json").is_file()

    def save(self) -> bool:
        """Autosave; False (and the game goes on) if the disk refused."""
        try:
            write_save(self.data_dir, {"story": self.state.to_json(), "world": self.world})
        except (SaveError, OSError):
            return False
        self.saves += 1
        return True

    def condition(self, text: str | None, scene: str) -> bool:
        if not text or not str(text).strip():
            return True
        expr = _condition(str(text), scene)
        if expr is None:
            return False
        try:
            return bool(evaluate(expr, DictEnv(self.state.vars, self.state.visits)))
        except Exception:  # an unknown variable after a content edit: treat as not met rather than crash
            return False
