"""Walking around a Tiled map: arrows/WASD or click-to-walk, talking to people, triggers and exits.

Reduced motion (a setting, read every frame): the player steps from tile to tile instead of sliding, without the
walking frames, and the camera moves with them in whole tiles, so the map never scrolls smoothly under the student's
eyes. Each step still takes STEP_SECONDS, so walking keeps the same pace and control; the position is what matters
to play, the slide between tiles is decoration.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pygame

from game.save import WorldPos
from game.session import Session, spawn_point
from game.story.runner import Discuss, Menu, Note, Say
from game.ui.context import Context
from game.ui.goal_view import GoalView
from game.ui.input import DIRECTIONS, Action
from game.ui.keys_screen import confirm_label
from game.ui.screen import Screen
from game.ui.theme import LOGICAL_SIZE, panel
from game.ui.transitions import Push, Transition
from game.world.pathfind import find_path
from game.world.tmxdata import MapObject

STEP_SECONDS = 0.2  # one tile; brisk but easy to control on a slow PC
FACING_OF = {(0, -1): "up", (0, 1): "down", (-1, 0): "left", (1, 0): "right"}
VECTOR_OF = {v: k for k, v in FACING_OF.items()}


@dataclass
class Npc:
    obj: MapObject
    character: str
    tile: tuple[int, int]
    facing: str
    start_facing: str


class WorldScreen(Screen):
    opaque = True

    def __init__(self, ctx: Context, session: Session) -> None:
        self.ctx = ctx
        self.session = session
        self.held: list[Action] = []
        self.path: list[tuple[int, int]] = []
        self.talk_to: Npc | MapObject | None = None  # walking there to talk or look
        self.move_from: tuple[int, int] | None = None
        self.move_t = 0.0
        self.step_count = 0
        self.tapped: Action | None = None
        # A save taken in the middle of a conversation reopens it where it stopped.
        # So does a content note waiting on screen (a chapter's note, as the chapter starts).
        self.reopen_dialogue = isinstance(session.runner.current(), (Say, Menu, Discuss, Note))
        self._enter(session.world)
        self.goal = GoalView(ctx, session)  # the goal line, the marker and the idle hint
        self.hint_rect: pygame.Rect | None = None

    # --- map set-up ------------------------------------------------------------------------------------------------
    def _enter(self, where: WorldPos) -> None:
        self.scene = where.scene
        self.info = self.ctx.content.scenes[self.scene].map
        self.view = self.ctx.images.map_view(self.scene)
        self.tile = self.last_tile = (where.x, where.y)
        self.facing = where.facing
        self.all_npcs = [
            Npc(o, str(o.props["character"]), (o.rect[0], o.rect[1]), str(o.props.get("facing", "down")),
                str(o.props.get("facing", "down")))
            for o in self.info.objects if o.kind == "npc"
        ]
        self._refresh_presence()
        self.triggers = [o for o in self.info.objects if o.kind == "trigger"]
        self.exits = [o for o in self.info.objects if o.kind == "exit"]
        self.player_sheet = self.ctx.images.sheet(self.ctx.content.player)
        self.path.clear()
        self.move_from = None

    def _refresh_presence(self) -> None:
        """People and things with an `if` are there only while it holds (it may change after any conversation)."""
        here = self.session.condition
        self.npcs = [n for n in self.all_npcs if here(n.obj.props.get("if"), self.scene)]
        self.things = [o for o in self.info.objects if o.kind == "thing" and here(o.props.get("if"), self.scene)]

    def _target_at(self, tile: tuple[int, int], reach_head: bool = False) -> Npc | MapObject | None:
        for npc in self.npcs:
            if npc.tile == tile or (reach_head and (npc.tile[0], npc.tile[1] - 1) == tile):
                return npc
        return next((o for o in self.things if o.covers(*tile)), None)

    def _adjacent_to(self, target: Npc | MapObject) -> tuple[int, int] | None:
        """The direction to face to use ``target`` from where the player stands, if it is within reach."""
        x, y = self.tile
        for vec in VECTOR_OF.values():
            spot = (x + vec[0], y + vec[1])
            if (isinstance(target, Npc) and target.tile == spot) or (
                    isinstance(target, MapObject) and target.covers(*spot)):
                return vec
        return None

    def _approach(self, thing: MapObject, clicked: tuple[int, int]) -> tuple[int, int]:
        """The tile of a (wide, solid) thing to walk up to: one with a free side, nearest to where it was clicked."""
        x, y, w, h = thing.rect
        tiles = [(tx, ty) for tx in range(x, x + w) for ty in range(y, y + h)
                 if any(not self.blocked(tx + dx, ty + dy) for dx, dy in VECTOR_OF.values())]
        return min(tiles, key=lambda t: abs(t[0] - clicked[0]) + abs(t[1] - clicked[1]), default=clicked)

    def _sync(self) -> None:
        w = self.session.world
        self.session.world = WorldPos(self.scene, self.tile[0], self.tile[1], self.facing, w.fired)

    def blocked(self, x: int, y: int) -> bool:
        tile = (x, y)
        if not (0 <= x < self.info.width and 0 <= y < self.info.height):
            return True
        return tile in self.info.solid or any(n.tile == tile for n in self.npcs)

    # --- input -----------------------------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> Transition | None:
        action = self.ctx.bindings.action(event)
        if event.type == pygame.KEYDOWN:
            if action in DIRECTIONS:
                self.path.clear()
                self.talk_to = None
                if action in self.held:
                    self.held.remove(action)
                self.held.append(action)
                # A tap shorter than a frame still walks one tile (slow lab PCs drop frames).
                self.tapped = action
                self.facing = FACING_OF[DIRECTIONS[action]]
                return None
            if action is Action.CONFIRM and self.move_from is None:
                return self._interact()
            if action is Action.PAUSE:
                from game.ui.pause import PauseScreen

                return Push(PauseScreen(self.ctx, self.session))
        elif event.type == pygame.KEYUP and action in self.held:
            self.held.remove(action)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return self._click(event.pos)
        return None

    def _click(self, pos: tuple[int, int]) -> Transition | None:
        if self.goal.marker_rect is not None and self.goal.marker_rect.collidepoint(pos):
            return self.walk_to_goal()
        cx, cy = self.camera()
        t = self.view.tile
        target = ((pos[0] + cx) // t, (pos[1] + cy) // t)
        thing = self._target_at(target, reach_head=True)
        if thing is not None:
            reach = self._adjacent_to(thing)
            if reach is not None and self.move_from is None:
                self.facing = FACING_OF[reach]
                return self._use(thing)
            target = thing.tile if isinstance(thing, Npc) else self._approach(thing, target)
        self.held.clear()
        self.talk_to = thing
        self.path = find_path(self.blocked, self.info.width, self.info.height, self.tile, target)
        return None

    def walk_to_goal(self) -> Transition | None:
        """Clicking the marker (or the arrow at the screen's edge): walk to what it marks, and talk or look there."""
        marker = self.goal.marker(self)
        if marker is None:
            return None
        if marker.kind in ("npc", "thing"):
            thing = self._target_at(marker.tile)
            if thing is None:
                return None
            reach = self._adjacent_to(thing)
            if reach is not None and self.move_from is None:
                self.facing = FACING_OF[reach]
                return self._use(thing)
            target = thing.tile if isinstance(thing, Npc) else self._approach(thing, self.tile)
            self.held.clear()
            self.talk_to = thing
            self.path = find_path(self.blocked, self.info.width, self.info.height, self.tile, target)
            return None
        self.held.clear()
        self.talk_to = None
        self.path = find_path(self.blocked, self.info.width, self.info.height, self.tile, marker.tile)
        return None

    def _interact(self) -> Transition | None:
        dx, dy = VECTOR_OF[self.facing]
        target = self._target_at((self.tile[0] + dx, self.tile[1] + dy))
        return self._use(target) if target is not None else None

    def _use(self, target: Npc | MapObject) -> Transition | None:
        if isinstance(target, Npc):
            return self._talk(target)
        self.held.clear()
        self.path.clear()
        self.talk_to = None
        return self._dialogue(str(target.props["node"]))

    def _talk(self, npc: Npc) -> Transition | None:
        self.held.clear()
        self.path.clear()
        self.talk_to = None
        # Turn to face each other, as people do.
        npc.facing = FACING_OF[(self.tile[0] - npc.tile[0], self.tile[1] - npc.tile[1])]
        return self._dialogue(str(npc.obj.props["node"]), npc)

    def _dialogue(self, node_ref: str, npc: Npc | None = None) -> Transition:
        from game.ui.dialogue import DialogueScreen

        self._sync()
        self.session.runner.begin(self.ctx.content.node_target(self.scene, node_ref))
        return Push(DialogueScreen(self.ctx, self.session, backdrop=self))

    def on_timer(self, event: pygame.event.Event) -> bool | None:
        return self.goal.on_timer(event)

    def resumed(self) -> Transition | None:
        self.goal.arm()  # back on the map: the idle clock starts again
        for npc in self.all_npcs:
            npc.facing = npc.start_facing
        self._refresh_presence()
        self._sync()
        self.session.save()
        return None

    # --- movement --------------------------------------------------------------------------------------------------
    def animating(self) -> bool:
        return (self.reopen_dialogue or self.move_from is not None or bool(self.held) or self.tapped is not None
                or bool(self.path) or self.talk_to is not None)

    def update(self, dt: float) -> Transition | None:
        if self.reopen_dialogue:
            from game.ui.dialogue import DialogueScreen

            self.reopen_dialogue = False
            return Push(DialogueScreen(self.ctx, self.session, backdrop=self))
        if self.move_from is not None:
            self.move_t += dt / STEP_SECONDS
            if self.move_t < 1:
                return None
            self.move_from = None
            self.move_t = 0.0
            if self.step_count % 2 == 0:
                self.ctx.play_sound("step")  # no caption: the student's own walking, seen on screen
            result = self._arrived()
            if result is not None:
                return result
        return self._next_step()

    def _next_step(self) -> Transition | None:
        if self.path:
            nxt = self.path[0]
            if self.talk_to is not None and self._adjacent_to(self.talk_to) is not None:
                self.path.clear()
            elif self.blocked(*nxt):
                self.path.clear()
            else:
                self.path.pop(0)
                self._start_move(nxt)
                return None
        if not self.path and self.talk_to is not None:
            target = self.talk_to
            self.talk_to = None
            reach = self._adjacent_to(target)
            if reach is not None:
                self.facing = FACING_OF[reach]
                return self._use(target)
            return None
        direction = self.held[-1] if self.held else self.tapped
        self.tapped = None
        if direction is not None:
            vec = DIRECTIONS[direction]
            self.facing = FACING_OF[vec]
            nxt = (self.tile[0] + vec[0], self.tile[1] + vec[1])
            if not self.blocked(*nxt):
                self._start_move(nxt)
        return None

    def _start_move(self, nxt: tuple[int, int]) -> None:
        self.facing = FACING_OF[(nxt[0] - self.tile[0], nxt[1] - self.tile[1])]
        self.move_from = self.last_tile = self.tile
        self.tile = nxt
        self.move_t = 0.0
        self.step_count += 1

    def _arrived(self) -> Transition | None:
        for ex in self.exits:
            if ex.covers(*self.tile) and self.session.condition(ex.props.get("if"), self.scene):
                return self._change_map(str(ex.props["to"]), str(ex.props.get("spawn", "default")))
        for trig in self.triggers:
            # Fire on stepping into the area, not on every step inside it.
            if not trig.covers(*self.tile) or trig.covers(*self.last_tile):
                continue
            once = trig.props.get("once", True) is not False
            fired = self.session.world.fired
            if once and trig.key in fired:
                continue
            if not self.session.condition(trig.props.get("if"), self.scene):
                continue
            if once:
                self.session.world = replace(self.session.world, fired=fired | {trig.key})
            self.held.clear()
            self.path.clear()
            return self._dialogue(str(trig.props["node"]))
        return None

    def _change_map(self, scene: str, spawn: str) -> Transition | None:
        where = replace(spawn_point(self.ctx.content, scene, spawn), fired=self.session.world.fired)
        self.session.world = where
        self.held.clear()
        self._enter(where)
        self.ctx.play_sound("door")  # no caption: the student walked through it, and the new map is the cue
        self.session.save()
        return None

    # --- drawing ---------------------------------------------------------------------------------------------------
    def player_px(self) -> tuple[float, float]:
        t = self.view.tile
        x, y = self.tile
        if self.move_from is not None and not self.ctx.settings.reduced_motion:
            fx, fy = self.move_from
            x = fx + (x - fx) * self.move_t
            y = fy + (y - fy) * self.move_t
        return x * t, y * t

    def camera(self) -> tuple[int, int]:
        sw, sh = LOGICAL_SIZE
        mw, mh = self.view.size
        px, py = self.player_px()
        t = self.view.tile

        def axis(p: float, screen: int, world: int) -> int:
            if world <= screen:
                return -(screen - world) // 2  # a small map sits in the middle
            return int(min(max(p + t / 2 - screen / 2, 0), world - screen))

        return axis(px, sw, mw), axis(py, sh, mh)

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_scene(surface)
        self.goal.draw(surface, self)
        self._draw_hint(surface)
        self.goal.draw_marker(surface, self)

    def player_rect(self) -> pygame.Rect:
        """Where Ravi is on screen, head included: panels keep clear of it."""
        cam = self.camera()
        px, py = self.player_px()
        return pygame.Rect(px - cam[0], py - cam[1] - 24, 48, 72)

    def draw_scene(self, surface: pygame.Surface) -> None:
        """The map and the people on it, without any interface (also the backdrop of conversations)."""
        surface.fill((30, 26, 34))
        cam = self.camera()
        self.view.draw_below(surface, cam)
        t = self.view.tile
        actors = []
        for npc in self.npcs:
            sheet = self.ctx.images.sheet(npc.character)
            actors.append((npc.tile[1] * t, sheet.frame(npc.facing, 0), npc.tile[0] * t, npc.tile[1] * t, sheet))
        px, py = self.player_px()
        col = 0
        if self.move_from is not None and not self.ctx.settings.reduced_motion:
            col = 1 + (self.step_count % 2) if self.move_t < 0.5 else 0
        actors.append((py, self.player_sheet.frame(self.facing, col), px, py, self.player_sheet))
        for _, frame, x, y, sheet in sorted(actors, key=lambda a: a[0]):
            sx = x - cam[0] + (t - sheet.width) // 2
            sy = y - cam[1] + t - sheet.height
            shadow = pygame.Rect(0, 0, t * 3 // 4, t // 4)
            shadow.center = (int(x - cam[0] + t / 2), int(y - cam[1] + t - 4))
            pygame.draw.ellipse(surface, (20, 16, 20), shadow)
            surface.blit(frame, (sx, sy))
        self.view.draw_above(surface, cam)

    def hint(self) -> str | None:
        """The hint shown at the top: whom the player can talk to or what to look at, or how to walk at the start."""
        if self.move_from is not None:
            return None
        dx, dy = VECTOR_OF[self.facing]
        target = self._target_at((self.tile[0] + dx, self.tile[1] + dy))
        if isinstance(target, Npc):
            return self.ctx.t("world.talk_hint", name=self.ctx.content.strings.name(target.character),
                              confirm=confirm_label(self.ctx))
        if target is not None:
            return self.ctx.t("world.look_hint", confirm=confirm_label(self.ctx))
        if self.step_count == 0:
            return self.ctx.t("world.walk_hint")
        return None

    def speech_text(self) -> str | None:
        """Read-aloud says the goal, then the hint being shown (e.g. "Space or click: talk to Meera")."""
        parts = [self.goal.speech_text(), self.hint()]
        return "\n".join(p for p in parts if p) or None

    def _draw_hint(self, surface: pygame.Surface) -> None:
        self.hint_rect = None
        message = self.hint()
        if message is None:
            return
        theme, text = self.ctx.theme, self.ctx.text
        lines = text.wrap(message, 900, theme.small)
        h = len(lines) * text.line_height(theme.small) + 20
        w = max(text.width(line, theme.small) for line in lines) + 40
        rect = pygame.Rect(0, 0, w, h)
        rect.midtop = (surface.get_width() // 2, 16)
        for taken in sorted(self.goal.panels(), key=lambda r: r.top):
            if rect.colliderect(taken):  # large text: below the goal line (and the idle hint), not over them
                rect.top = taken.bottom + 8
        player = self.player_rect()
        if rect.colliderect(player):  # large text near the top of the map: the hint moves down, never over Ravi
            rect.midbottom = (surface.get_width() // 2, surface.get_height() - 16)
        panel(surface, rect, theme)
        self.hint_rect = rect  # the goal's marker keeps clear of it
        text.draw_lines(surface, lines, theme.small, theme.ink, rect.x + 20, rect.y + 10)
