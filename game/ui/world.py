"""Walking around a Tiled map: arrows/WASD or click-to-walk, talking to people, triggers and exits.

Reduced motion (a setting, read every frame): the player steps from tile to tile instead of sliding, without the
walking frames, and the camera moves with them in whole tiles, so the map never scrolls smoothly under the student's
eyes. Each step still takes STEP_SECONDS, so walking keeps the same pace and control; the position is what matters
to play, the slide between tiles is decoration. People standing still breathe and blink now and then (game/ui/idle.py);
with reduced motion they do not.
"""

from __future__ import annotations

from dataclasses import replace

import pygame

from game.save import WorldPos
from game.session import Session, spawn_point
from game.story.again import again_line
from game.story.runner import Discuss, Menu, Note, Say
from game.ui.context import Context
from game.ui.emote import draw_emote
from game.ui.idle import IdleClock, idle_event, pose
from game.ui.goal_view import GoalView
from game.ui.input import DIRECTIONS, Action
from game.ui.keys_screen import confirm_label
from game.ui.music import track_for
from game.ui.screen import Screen
from game.ui.theme import LOGICAL_SIZE, panel
from game.ui.transitions import Push, Transition
from game.world.pathfind import find_path
from game.world.stage import Npc, StageView
from game.world.tmxdata import MapObject

STEP_SECONDS = 0.2  # one tile; brisk but easy to control on a slow PC
# During a conversation the camera looks a little lower, so the people it is about (the player, or a staged scene's
# focus) sit above the dialogue box rather than behind it; near a map's bottom edge it may scroll past the edge by
# BOX_ROOM pixels, which the box covers.
FOCUS_LIFT = 110
SHADE = (200, 200, 210)  # behind a dialogue box the ground is dimmed to about 80 %, slightly cool
BOX_ROOM = 260
FACING_OF = {(0, -1): "up", (0, 1): "down", (-1, 0): "left", (1, 0): "right"}
VECTOR_OF = {v: k for k, v in FACING_OF.items()}


TALK_PAUSE = 0.4  # seconds after a conversation closes in which Enter/Space starts no new one (WorldScreen.talk_pause)


class WorldScreen(Screen):
    opaque = True

    def __init__(self, ctx: Context, session: Session) -> None:
        self._init_input(ctx)
        self.session = session
        # A save taken in the middle of a conversation reopens it where it stopped.
        # So does a content note waiting on screen (a chapter's note, as the chapter starts).
        self.reopen_dialogue = isinstance(session.runner.current(), (Say, Menu, Discuss, Note))
        self._enter(session.world)
        self.goal = GoalView(ctx, session)  # the goal line, the marker and the idle hint

    def _init_input(self, ctx: Context) -> None:
        """What the screen keeps between frames about walking, talking and drawing, apart from the map and the story:
        shared with the loose-map walker (game/mapview.py), so a field added here reaches it too."""
        self.ctx = ctx
        self.held: list[Action] = []
        self.path: list[tuple[int, int]] = []
        self.talk_to: Npc | MapObject | None = None  # walking there to talk or look
        self.move_from: tuple[int, int] | None = None
        self.move_t = 0.0
        self.step_count = 0
        self.tapped: Action | None = None
        # Seconds left in which Enter/Space does not start a talk: the key that closed a conversation, pressed again
        # and again, must not open the same one at once (a student mashing Space would loop through it forever).
        self.talk_pause = 0.0
        self.talking = False  # a conversation is on screen over this map (see camera)
        self._shaded: tuple[object, pygame.Surface] | None = None  # the ground dimmed once, behind conversations
        self.idle = IdleClock()
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
        player = self.ctx.content.player
        self.stage = StageView(self.scene, self.info.objects, lambda x, y: (x, y) in self.info.solid,
                               self.info.width, self.info.height, Npc(None, player, self.tile, self.facing,
                                                                      self.facing))
        # A save taken during a staged scene: the student stands where the scene put them.
        placed = self.session.runner.stage_before_cues().get(player)
        self.session.state.stage.pop(player, None)
        if placed is not None and placed.scene == self.scene and placed.point in self.stage.points:
            self.tile = self.last_tile = self.stage.points[placed.point].tile
            self._sync()
        self._refresh_presence()
        self.triggers = [o for o in self.info.objects if o.kind == "trigger"]
        self.exits = [o for o in self.info.objects if o.kind == "exit"]
        self.player_sheet = self.ctx.images.sheet(self.ctx.content.player)
        self.ctx.play_music(track_for(self.ctx.content, self.session, self.scene))  # the chapter's loop goes on
        self.path.clear()
        self.move_from = None

    def _refresh_presence(self) -> None:
        """People and things with an `if` are there only while it holds (it may change after any conversation)."""
        here = self.session.condition
        self.stage.player.tile, self.stage.player.facing = self.tile, self.facing
        self.stage.cast(self.all_npcs, self.session.runner.stage_before_cues(),
                        lambda n: n.obj is not None and here(n.obj.props.get("if"), self.scene))
        self.things = [o for o in self.info.objects if o.kind == "thing" and here(o.props.get("if"), self.scene)]

    @property
    def npcs(self) -> list[Npc]:
        """The people on the map now: the map's own and those a staged scene brought (StageView keeps them)."""
        return self.stage.actors

    def _target_at(self, tile: tuple[int, int], reach_head: bool = False) -> Npc | MapObject | None:
        for npc in self.npcs:
            if npc.obj is None:
                continue  # only here for a scene: nothing to say
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
        self.idle.uncover()  # input reaches only the screen in front
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
            if action is Action.CONFIRM and self.move_from is None and self.talk_pause <= 0:
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
        target = self.ctx.content.node_target(self.scene, str(npc.obj.props["node"]))
        line = again_line(self.session.runner.story, self.session.state, target)
        if line is not None:  # nothing new to say: one short line, not the whole finished conversation again
            from game.ui.dialogue import DialogueScreen

            self._sync()
            self.session.runner.say_aside(line)
            self.talking = True
            return Push(DialogueScreen(self.ctx, self.session, backdrop=self))
        return self._dialogue(str(npc.obj.props["node"]), npc)

    def _dialogue(self, node_ref: str, npc: Npc | None = None) -> Transition:
        from game.ui.dialogue import DialogueScreen

        self._sync()
        self.session.runner.begin(self.ctx.content.node_target(self.scene, node_ref))
        self.talking = True
        return Push(DialogueScreen(self.ctx, self.session, backdrop=self))

    def resumed(self) -> Transition | None:
        self.goal.arm()  # back on the map: the idle clock of the goal's hint starts again
        # The conversation is over: whatever a scene still had under way ends at once, and the student stands
        # where it left them. Everyone else stands where the story's state says (the map's own facing again,
        # unless a scene turned them).
        self.idle.uncover()
        self.stage.finish()
        self.stage.clear_emotes()
        self.stage.focus = None
        self.talking = False
        self.tile, self.facing = self.stage.player.tile, self.stage.player.facing
        self.session.state.stage.pop(self.ctx.content.player, None)
        self._refresh_presence()
        self._sync()
        self.session.save()
        self.talk_pause = TALK_PAUSE
        return None

    # --- movement --------------------------------------------------------------------------------------------------
    def animating(self) -> bool:
        return (self.reopen_dialogue or self.move_from is not None or bool(self.held) or self.tapped is not None
                or bool(self.path) or self.talk_to is not None or self.talk_pause > 0)

    def update(self, dt: float) -> Transition | None:
        self.talk_pause = max(0.0, self.talk_pause - dt)
        if self.reopen_dialogue:
            from game.ui.dialogue import DialogueScreen

            self.reopen_dialogue = False
            self.talking = True
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
    # --- staging (played while a conversation is on screen; see DialogueScreen) ---------------------------------------
    def stage_play(self, cues: list) -> None:
        if not self.stage.player.moving:
            self.stage.player.tile, self.stage.player.facing = self.tile, self.facing
        self.stage.play(cues, instant=self.ctx.settings.reduced_motion)
        self._follow_stage()

    def stage_update(self, dt: float) -> bool:
        changed = self.stage.update(dt)
        self._follow_stage()
        return changed

    def stage_finish(self) -> None:
        """The student went on: every walk ends now, at its point, and the emotes of the last line go."""
        self.stage.finish()
        self.stage.clear_emotes()
        self._follow_stage()

    def _follow_stage(self) -> None:
        if (self.stage.player.tile, self.stage.player.facing) != (self.tile, self.facing):
            self.tile, self.facing = self.stage.player.tile, self.stage.player.facing
            self._sync()

    def player_px(self) -> tuple[float, float]:
        t = self.view.tile
        if self.stage.player.moving:
            x, y = self.stage.player.at()
            return x * t, y * t
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
        focus = self.stage.focus
        if focus is not None:  # a staged scene looks at a point or a person
            fx, fy = focus.at() if isinstance(focus, Npc) else focus
            px, py = fx * t, fy * t
        room = BOX_ROOM if self.talking else 0
        if self.talking:
            py += FOCUS_LIFT

        def axis(p: float, screen: int, world: int, room: int = 0) -> int:
            if world + room <= screen:
                return -(screen - world) // 2  # a small map sits in the middle
            return int(min(max(p + t / 2 - screen / 2, 0), world + room - screen))

        return axis(px, sw, mw), axis(py, sh, mh, room)

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_scene(surface)
        self.goal.draw(surface, self)
        self._draw_hint(surface)
        if self.ctx.settings.reduced_motion:
            self.idle.stop()
        else:
            self.idle.arm(pygame.time.get_ticks())  # drawn as the screen in front: the next breath is coming
        self.goal.draw_marker(surface, self)

    def player_rect(self) -> pygame.Rect:
        """Where Ravi is on screen, head included: panels keep clear of it."""
        cam = self.camera()
        px, py = self.player_px()
        return pygame.Rect(px - cam[0], py - cam[1] - 24, 48, 72)

    def on_timer(self, event: pygame.event.Event) -> bool | None:
        mine = self.goal.on_timer(event)  # the goal's idle hint and the marker's bob
        if mine is not None:
            return mine
        if event.type != idle_event():
            return None
        if self.ctx.settings.reduced_motion:
            self.idle.stop()
            return False
        before = self._poses()
        self.idle.fired()
        if self._poses() != before:
            return True  # the redraw re-arms the timer
        self.idle.arm(pygame.time.get_ticks())
        return False

    def _pose(self, who: int) -> str | None:
        return None if self.ctx.settings.reduced_motion else pose(self.idle.tick, who)

    def _people(self) -> list[tuple[Npc, int]]:
        """Everyone standing on this map with a number that keeps their idle pose their own: the map's people by
        their place in the map, those a scene brought after them."""
        index = {id(npc): who for who, npc in enumerate(self.all_npcs)}
        return [(npc, index.get(id(npc), len(self.all_npcs) + 1 + extra)) for extra, npc in enumerate(self.npcs)]

    def _poses(self) -> list[str | None]:
        """The idle pose of everyone standing on this map (the player last, while not walking)."""
        people = [self._pose(who) for _npc, who in self._people()]
        if self.move_from is None:
            people.append(self._pose(len(self.all_npcs)))
        return people

    def draw_scene(self, surface: pygame.Surface, shaded: bool = False) -> None:
        """The map and the people on it, without any interface (also the backdrop of conversations: ``shaded``
        dims the ground a little behind a dialogue box, while the people stay bright)."""
        cam = self.camera()
        ground = pygame.Rect(-cam[0], -cam[1], *self.view.size)
        if not ground.contains(surface.get_rect()):  # only what the map leaves uncovered (a fill costs a blit)
            surface.fill((30, 26, 34))
        if shaded:
            if self._shaded is None or self._shaded[0] is not self.view:
                dim = self.view.below.copy()
                dim.fill(SHADE, special_flags=pygame.BLEND_RGB_MULT)
                self._shaded = (self.view, dim)
            surface.blit(self._shaded[1], (-cam[0], -cam[1]))
        else:
            self.view.draw_below(surface, cam)
        t = self.view.tile
        still = self.ctx.settings.reduced_motion
        actors = []
        for npc, who in self._people():
            sheet = self.ctx.images.sheet(npc.character)
            nx, ny = npc.at()
            if npc.prev is not None:  # walking in a staged scene
                col = 1 + (npc.steps % 2) if npc.t < 0.5 and not still else 0
                frame = sheet.frame(npc.facing, col)
            else:
                frame = sheet.idle(npc.facing, self._pose(who))
            actors.append((ny * t, frame, nx * t, ny * t, sheet, npc.emote))
        px, py = self.player_px()
        player = self.stage.player
        if self.move_from is not None:
            col = 1 + (self.step_count % 2) if self.move_t < 0.5 and not still else 0
            frame = self.player_sheet.frame(self.facing, col)
        elif player.prev is not None:
            col = 1 + (player.steps % 2) if player.t < 0.5 and not still else 0
            frame = self.player_sheet.frame(self.facing, col)
        else:
            frame = self.player_sheet.idle(self.facing, self._pose(len(self.all_npcs)))
        actors.append((py, frame, px, py, self.player_sheet, player.emote))
        for _, frame, x, y, sheet, _emote in sorted(actors, key=lambda a: a[0]):
            sx = x - cam[0] + (t - sheet.width) // 2
            sy = y - cam[1] + t - sheet.height
            shadow = pygame.Rect(0, 0, t * 3 // 4, t // 4)
            shadow.center = (int(x - cam[0] + t / 2), int(y - cam[1] + t - 4))
            pygame.draw.ellipse(surface, (20, 16, 20), shadow)
            surface.blit(frame, (sx, sy))
        self.view.draw_above(surface, cam)
        for _, _frame, x, y, sheet, emote in actors:  # over everything, so a roof or a tree never hides one
            if emote is not None:
                draw_emote(surface, emote, int(x - cam[0] + t / 2), int(y - cam[1] + t - sheet.height - 4),
                           self.ctx.theme)

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
