"""`python main.py --map PATH.tmx`: walk around any orthogonal Tiled map, without a story.

The map may live anywhere (outside scenes/, with no scene.yaml and no dialogue). It is read with pytmx, so
any tileset reference Tiled can save works. Spawns, npcs, things, triggers and exits are read; other object types
are ignored with a warning on stderr. People stand where they are put; talking, triggers and exits do nothing.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import pygame

from game.story.problems import Pos
from game.ui.context import Context
from game.ui.input import Action
from game.ui.theme import panel
from game.ui.transitions import Quit, Transition
from game.ui.world import Npc, WorldScreen
from game.world.stage import StageView
from game.world.tilemap import TileMapView
from game.world.tmxdata import FACINGS, KINDS, MapObject


class MapError(Exception):
    """The map cannot be shown at all."""


@dataclass(frozen=True, slots=True)
class LooseMap:
    """What WorldScreen reads from ``content.scenes[...].map``, for a map that belongs to no scene."""

    path: str
    width: int
    height: int
    solid: frozenset[tuple[int, int]]
    objects: tuple[MapObject, ...]


def read_map(path: Path, warn=lambda message: print(message, file=sys.stderr)) -> LooseMap:
    import os

    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pytmx

    from game.world.tmxdata import size_problems

    shown = path.as_posix()
    over = size_problems(path)
    if over:
        raise MapError(f"{shown}:{over[0].pos.line}:{over[0].pos.col}: {over[0].message} ({over[0].hint})")
    try:
        from game.world.tiledjson import load_pytmx

        tmx = load_pytmx(path)  # .tmx or .tmj
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback
        raise MapError(f"{shown}: the map could not be read: {exc or type(exc).__name__}") from None
    if getattr(tmx, "orientation", "orthogonal") != "orthogonal":
        raise MapError(f"{shown}: only orthogonal maps can be shown, not {tmx.orientation}")
    if str(getattr(tmx, "infinite", "0")).lower() in ("1", "true"):
        raise MapError(f"{shown}: infinite maps are not supported (uncheck 'Infinite' in Tiled)")
    tw, th = tmx.tilewidth, tmx.tileheight
    solid: set[tuple[int, int]] = set()
    for layer in tmx.layers:
        if not isinstance(layer, pytmx.TiledTileLayer):
            continue
        for x, y, gid in layer.iter_data():
            if not gid:
                continue
            props = tmx.get_tile_properties_by_gid(gid) or {}
            if layer.name == "collision" or props.get("solid") in (True, "true"):
                solid.add((x, y))
    objects = []
    for group in tmx.objectgroups:
        for obj in group:
            kind = obj.type or getattr(obj, "class", None) or ""
            label = f"object {obj.id}" + (f" '{obj.name}'" if obj.name else "")
            if kind not in KINDS:
                warn(f"{shown}: warning: {label} has unknown type '{kind}' (ignored)" if kind
                     else f"{shown}: warning: {label} has no type (ignored)")
                continue
            y = obj.y - obj.height if obj.gid else obj.y
            x0, y0 = int(obj.x // tw), int(y // th)
            if kind in ("spawn", "npc"):
                w = h = 1
            else:
                w = max(1, -(-int(obj.x + obj.width) // tw) - x0)
                h = max(1, -(-int(y + obj.height) // th) - y0)
            if not (0 <= x0 < tmx.width and 0 <= y0 < tmx.height):
                warn(f"{shown}: warning: {label} is outside the map (ignored)")
                continue
            props = dict(obj.properties)
            if kind == "npc" and "character" not in props:
                warn(f"{shown}: warning: {label} has no 'character' (ignored)")
                continue
            if "facing" in props and props["facing"] not in FACINGS:
                props["facing"] = "down"
            objects.append(MapObject(kind, obj.name or "", (x0, y0, w, h), MappingProxyType(props),
                                     Pos(shown, 1, 1), f"{shown}#{obj.id}"))
    return LooseMap(shown, tmx.width, tmx.height, frozenset(solid), tuple(objects))


def start_tile(info: LooseMap) -> tuple[tuple[int, int], str]:
    """The spawn named 'default', else any spawn, else the free tile nearest the middle."""
    spawns = [o for o in info.objects if o.kind == "spawn"]
    spawn = next((o for o in spawns if o.name == "default"), spawns[0] if spawns else None)
    if spawn is not None:
        return spawn.tile, str(spawn.props.get("facing", "down"))
    people = {o.tile for o in info.objects if o.kind == "npc"}
    free = [(x, y) for y in range(info.height) for x in range(info.width)
            if (x, y) not in info.solid and (x, y) not in people]
    mid = (info.width // 2, info.height // 2)
    best = min(free, key=lambda t: abs(t[0] - mid[0]) + abs(t[1] - mid[1]), default=mid)
    return best, "down"


class MapWalkScreen(WorldScreen):
    """WorldScreen on a loose map: walking and clicking work; there is no session, so no story."""

    def __init__(self, ctx: Context, path: Path, info: LooseMap | None = None) -> None:
        self._init_input(ctx)
        self.session = None  # type: ignore[assignment]
        self.reopen_dialogue = False
        self.info = info or read_map(path)
        self.view = TileMapView(path)
        self.scene = ""
        (x, y), self.facing = start_tile(self.info)
        self.tile = self.last_tile = (x, y)
        known = ctx.content.characters
        self.all_npcs = []
        for o in self.info.objects:
            if o.kind != "npc":
                continue
            character = str(o.props["character"])
            if character not in known or known[character].sprite is None:
                print(f"{self.info.path}: warning: npc '{o.name}' is '{character}', who has no sprite "
                      f"(drawn as {ctx.content.player})", file=sys.stderr)
                character = ctx.content.player
            facing = str(o.props.get("facing", "down"))
            self.all_npcs.append(Npc(o, character, o.tile, facing, facing))
        from game.ui.goal_view import GoalView

        self.goal = GoalView(ctx, None)  # no story, so no goal: nothing is drawn
        self.stage = StageView("", self.info.objects, lambda x, y: (x, y) in self.info.solid, self.info.width,
                               self.info.height, Npc(None, ctx.content.player, self.tile, self.facing, self.facing))
        self.stage.actors = list(self.all_npcs)  # no story, so nothing is staged: everyone where the map says
        self.things = [o for o in self.info.objects if o.kind == "thing"]
        self.triggers, self.exits = [], []
        self.player_sheet = ctx.images.sheet(ctx.content.player)

    def _refresh_presence(self) -> None:  # no story: everyone is there
        pass

    def _sync(self) -> None:
        pass

    def _use(self, target) -> Transition | None:  # nobody has anything to say here
        self.held.clear()
        self.path.clear()
        self.talk_to = None
        if isinstance(target, Npc):
            target.facing = {(0, -1): "up", (0, 1): "down", (-1, 0): "left", (1, 0): "right"}.get(
                (self.tile[0] - target.tile[0], self.tile[1] - target.tile[1]), target.facing)
        return None

    def _arrived(self) -> Transition | None:
        return None

    def resumed(self) -> Transition | None:
        return None

    def handle(self, event: pygame.event.Event) -> Transition | None:
        if event.type == pygame.KEYDOWN and self.ctx.bindings.action(event) is Action.PAUSE:
            return Quit()
        return super().handle(event)

    def _draw_hint(self, surface: pygame.Surface) -> None:
        if self.move_from is not None or self.step_count:
            return
        theme, text = self.ctx.theme, self.ctx.text
        message = f"{self.info.path}: a map without its story. Walk with the arrow keys or click; Esc closes it."
        lines = text.wrap(message, 900, theme.small)
        h = len(lines) * text.line_height(theme.small) + 20
        w = max(text.width(line, theme.small) for line in lines) + 40
        rect = pygame.Rect(0, 0, w, h)
        rect.midtop = (surface.get_width() // 2, 16)
        panel(surface, rect, theme)
        text.draw_lines(surface, lines, theme.small, theme.ink, rect.x + 20, rect.y + 10)


__all__ = ["LooseMap", "MapError", "MapWalkScreen", "read_map", "start_tile"]
