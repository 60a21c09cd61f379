"""The people on one map, and how staging moves them: appear at, walk to and leave for named points, turn, emote,
the camera's focus and the beats a scene waits (docs/dialogue-format.md section 12). Pure: no pygame here.

Where everyone ends up is decided by the story (``State.stage``) the moment a staging step runs; this module only
plays the way there. So finishing at once (reduced motion, the student going on to the next line, the conversation
ending) is always safe: every walk jumps to its last tile, never a tile short.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

from game.story.model import DIRECTIONS, Stage as Cue
from game.story.state import Placement
from game.world.pathfind import find_path
from game.world.tmxdata import MapObject

Tile = tuple[int, int]
STEP_SECONDS = 0.28  # one tile: a calm walk, a little slower than the student's own
# A `wait` holds the text while people walk, but never longer than this: someone with a long way to go (Kabir from
# the far end of the playground) then simply arrives, so a beat never turns into a wait for the student.
MAX_HOLD = 3.0


@dataclass(eq=False)
class Npc:
    """Someone on the map. ``obj`` is the map's `npc` object that makes them someone to talk to; None for a
    character who is only here because a scene put them here (Papa at dinner, a classmate at a desk)."""
    obj: MapObject | None
    character: str
    tile: Tile
    facing: str
    start_facing: str
    path: list[Tile] = field(default_factory=list)
    prev: Tile | None = None  # the tile being left while a step is under way; ``tile`` is where it ends
    t: float = 0.0  # 0..1 through that step
    steps: int = 0  # steps taken (which foot is forward)
    face_after: str | None = None  # a direction or a character to face on arrival
    leaving: bool = False  # gone from the map when the walk ends
    emote: str | None = None  # an icon from model.EMOTES over the head, until the story goes on

    @property
    def moving(self) -> bool:
        return self.prev is not None or bool(self.path)

    def at(self) -> tuple[float, float]:
        """Where they are drawn, in tiles (between two tiles while stepping)."""
        if self.prev is None:
            return float(self.tile[0]), float(self.tile[1])
        t = min(max(self.t, 0.0), 1.0)
        return (self.prev[0] + (self.tile[0] - self.prev[0]) * t, self.prev[1] + (self.tile[1] - self.prev[1]) * t)

    def stop(self) -> None:
        self.path.clear()
        self.prev = None
        self.t = 0.0


def direction(a: Tile, b: Tile) -> str | None:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == dy == 0:
        return None
    if abs(dx) >= abs(dy):
        return "right" if dx > 0 else "left"
    return "down" if dy > 0 else "up"


class StageView:
    """The cast of one map, placed from the story's state and moved by the cues of staging steps."""

    def __init__(self, scene: str, objects: Iterable[MapObject], solid: Callable[[int, int], bool], width: int,
                 height: int, player: Npc) -> None:
        self.scene = scene
        self.points: dict[str, MapObject] = {o.name: o for o in objects if o.kind == "point"}
        self.solid = solid
        self.size = (width, height)
        self.player = player  # the student's own figure; the world screen keeps it in step with its own position
        self.all_npcs: list[Npc] = []
        self.actors: list[Npc] = []
        self.queue: deque[Cue] = deque()
        self.hold: float | None = None  # seconds left of the beat being waited (None: not waiting)
        self.held = 0.0  # seconds this wait has held the text while people walk
        self.focus: Tile | Npc | None = None  # what the camera looks at during a scene (None: the player)
        self.version = 0  # goes up whenever anything drawn changes, so a cached picture knows it is stale

    # --- placing everyone at once ---------------------------------------------------------------------------------
    def cast(self, all_npcs: list[Npc], placements: Mapping[str, Placement], present: Callable[[Npc], bool]) -> None:
        """Everyone where the map and the story's state put them, standing still: the map's people whose `if`
        holds, moved, turned or removed by staging, and the characters staging brought here."""
        self.queue.clear()
        self.hold = None
        self.focus = None
        self.all_npcs = all_npcs
        here = {who: p for who, p in placements.items() if p.scene == self.scene}
        actors: list[Npc] = []
        for npc in all_npcs:
            assert npc.obj is not None
            npc.stop()
            npc.tile, npc.facing, npc.emote, npc.leaving, npc.face_after = npc.obj.tile, npc.start_facing, None, \
                False, None
            p = here.get(npc.character)
            if p is not None and p.gone:
                continue
            placed = p is not None and p.point in self.points
            if not placed and not present(npc):
                continue
            if placed:
                npc.tile = self.points[p.point].tile  # type: ignore[index]
            actors.append(npc)
        known = {n.character for n in actors} | {n.character for n in all_npcs}
        for who, p in sorted(here.items()):
            if who in known or who == self.player.character or p.gone or p.point not in self.points:
                continue
            point = self.points[p.point]  # type: ignore[index]
            actors.append(Npc(None, who, point.tile, "down", "down"))
        self.actors = actors
        for npc in actors:
            p = here.get(npc.character)
            if p is None:
                continue
            point = self.points.get(p.point or "")
            spec = p.facing or (str(point.props["facing"]) if point is not None and "facing" in point.props else None)
            npc.facing = self._facing(npc, spec) or npc.facing
        self.version += 1

    # --- playing staging steps --------------------------------------------------------------------------------------
    def play(self, cues: Iterable[Cue], instant: bool = False) -> None:
        """Play the cues in order: moves start together, and a `wait` holds what follows until everyone has arrived
        and the beat has passed. ``instant`` (reduced motion): everything at once."""
        self.queue.extend(c for c in cues if c.scene == self.scene or c.action == "wait")
        if instant:
            self.finish()
        else:
            self._run()

    @property
    def holding(self) -> bool:
        """A wait is under way: the dialogue box stays hidden so the student sees the map."""
        return bool(self.queue)

    @property
    def busy(self) -> bool:
        return bool(self.queue) or self.player.moving or any(n.moving for n in self.actors)

    def update(self, dt: float) -> bool:
        """Move everyone on by ``dt`` seconds; True if anything drawn changed."""
        changed = False
        for npc in [*self.actors, self.player]:
            if npc.moving:
                self._step(npc, dt)
                changed = True
        if self.hold is not None and not self._moving():
            self.hold -= dt
        elif self.hold is not None:
            self.held += dt
            if self.held >= MAX_HOLD:
                self._arrive_all()
        if self.queue:
            self._run()
        if changed:
            self.version += 1
        return changed

    def finish(self) -> None:
        """Everything queued done and every walk at its end, at once (never half-way)."""
        while self.queue:
            cue = self.queue.popleft()
            if cue.action != "wait":
                self._apply(cue)
        self.hold = None
        self._arrive_all()

    def _arrive_all(self) -> None:
        for npc in [*self.actors, self.player]:
            if npc.moving:
                npc.tile = npc.path[-1] if npc.path else npc.tile
                npc.stop()
                self._arrive(npc)
        self.version += 1

    def clear_emotes(self) -> None:
        for npc in [*self.actors, self.player]:
            if npc.emote is not None:
                npc.emote = None
                self.version += 1

    # --- machinery ----------------------------------------------------------------------------------------------------
    def _moving(self) -> bool:
        return self.player.moving or any(n.moving for n in self.actors)

    def _run(self) -> None:
        while self.queue:
            cue = self.queue[0]
            if cue.action == "wait":
                if self.hold is None:
                    self.hold, self.held = cue.seconds, 0.0
                if self._moving() or self.hold > 0:
                    return
                self.hold = None
                self.queue.popleft()
                self.version += 1  # the beat is over: the box (and the shade behind it) come back
                continue
            self.queue.popleft()
            self._apply(cue)

    def who(self, character: str) -> Npc | None:
        if character == self.player.character:
            return self.player
        return next((n for n in self.actors if n.character == character), None)

    def _apply(self, cue: Cue) -> None:
        self.version += 1
        if cue.action == "camera":
            point = self.points.get(cue.point or "")
            self.focus = point.tile if point is not None else self.who(cue.point or "")
            if self.focus is self.player:
                self.focus = None
            return
        npc = self.who(cue.who or "")
        point = self.points.get(cue.point or "")
        if cue.action == "appear" and point is not None:
            if npc is None:
                npc = next((n for n in self.all_npcs if n.character == cue.who), None) or \
                    Npc(None, cue.who or "", point.tile, "down", "down")
                self.actors.append(npc)
            npc.stop()
            npc.leaving = False
            npc.tile = point.tile
            npc.facing = self._facing(npc, cue.facing or _point_facing(point)) or npc.facing
        elif cue.action == "walk" and point is not None:
            if npc is None:  # not on this map yet: they are simply there
                self._apply(Cue("appear", cue.scene, cue.who, cue.point, cue.facing))
                return
            self._walk(npc, point.tile, cue.facing or _point_facing(point))
        elif cue.action == "leave" and npc is not None and npc is not self.player:
            if point is None:
                self._remove(npc)
            else:
                self._walk(npc, point.tile, None)
                npc.leaving = True
                if not npc.moving:
                    self._remove(npc)
        elif cue.action == "turn" and npc is not None:
            if npc.moving:
                npc.face_after = cue.facing
            else:
                npc.facing = self._facing(npc, cue.facing) or npc.facing
        elif cue.action == "emote" and npc is not None:
            npc.emote = cue.icon

    def _walk(self, npc: Npc, goal: Tile, face_after: str | None) -> None:
        start = npc.tile  # while a step is under way, the next path begins where that step ends
        others = {n.tile for n in [*self.actors, self.player] if n is not npc and not n.moving}

        def blocked(x: int, y: int) -> bool:
            if (x, y) == goal:
                return False  # a point may be on a mat or a bench: the walk ends exactly there
            return self.solid(x, y) or (x, y) in others

        npc.path = find_path(blocked, self.size[0], self.size[1], start, goal) if start != goal else []
        if start != goal and not npc.path:  # no way there (a door drawn shut): they are simply there
            npc.stop()
            npc.tile = goal
        npc.face_after = face_after
        if not npc.moving:
            self._arrive(npc)

    def _step(self, npc: Npc, dt: float) -> None:
        if npc.prev is None:
            self._start_step(npc)
        npc.t += dt / STEP_SECONDS
        while npc.t >= 1.0:
            left = npc.t - 1.0
            npc.prev = None
            npc.t = 0.0
            if not npc.path:
                self._arrive(npc)
                return
            self._start_step(npc)
            npc.t = left

    def _start_step(self, npc: Npc) -> None:
        nxt = npc.path.pop(0)
        npc.prev, npc.t = npc.tile, 0.0
        npc.facing = direction(npc.tile, nxt) or npc.facing
        npc.tile = nxt
        npc.steps += 1

    def _arrive(self, npc: Npc) -> None:
        if npc.leaving:
            self._remove(npc)
            return
        if npc.face_after is not None:
            npc.facing = self._facing(npc, npc.face_after) or npc.facing
            npc.face_after = None

    def _remove(self, npc: Npc) -> None:
        npc.stop()
        npc.leaving = False
        if npc in self.actors:
            self.actors.remove(npc)
        if self.focus is npc:
            self.focus = None

    def _facing(self, npc: Npc, spec: str | None) -> str | None:
        """A direction as written, or the direction towards another character (where they are going)."""
        if spec is None or spec in DIRECTIONS:
            return spec
        other = self.who(spec)
        if other is None or other is npc:
            return None
        return direction(npc.tile, other.path[-1] if other.path else other.tile)


def _point_facing(point: MapObject) -> str | None:
    facing = point.props.get("facing")
    return facing if isinstance(facing, str) else None
