"""The goal on the world screen: one quiet line in the top-left corner, a marker over the person, thing or exit that
moves the story on, and — after a while on the map without getting on — a gentle hint.

The goal comes from the story (``Runner.goal``, set by goal steps in the dialogue); where it points on this map comes
from ``game.guidance``. When the place is on another map, the marker stands on the exit that leads towards it. When
it is off screen, an arrow at the edge of the screen points the way. Clicking the marker (or that arrow) walks there.

Nothing here animates every frame: the marker bobs on a slow timer (a few redraws a second, none with reduced motion),
and the idle hint is one timer that goes off once; in between the loop sleeps.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import pygame

from game.guidance import exit_towards, find_place
from game.story.runner import Guide
from game.ui.context import Context
from game.ui.theme import LOGICAL_SIZE, panel

IDLE_MS = 25_000  # on the map this long without a new goal: the hint appears (about the time a lost student gives up)
BOB_MS = 160  # one step of the marker's bob; 4 steps a cycle
BOB_PX = (0, 3, 5, 3)
EDGE = 28  # how far from the screen's edge the "this way" arrow stands
MARGIN = 16
MAX_GOAL_W = 560  # the goal line wraps inside this (at 100 % text); it grows with the text size, up to half the screen


@functools.cache
def timer_events() -> tuple[int, int]:
    """(idle, bob): event types for this module's timers, made once per process (not at import)."""
    return pygame.event.custom_type(), pygame.event.custom_type()


@dataclass(frozen=True)
class Marker:
    kind: str  # npc | thing | trigger | exit
    name: str  # the map object's name
    tile: tuple[int, int]  # the tile the marker stands over
    area: tuple[int, int, int, int]  # the whole object, in tiles
    head: bool  # over a person's head (a taller marker height)


class GoalView:
    def __init__(self, ctx: Context, session) -> None:
        self.ctx = ctx
        self.session = session
        self.bob = 0
        self.idle = False  # the idle hint is showing
        self.goal_id: str | None = None
        self.marker_rect: pygame.Rect | None = None  # where the marker (or the edge arrow) was drawn last
        self.goal_rect: pygame.Rect | None = None
        self.idle_rect: pygame.Rect | None = None
        self.arm()

    # --- what to show -------------------------------------------------------------------------------------------------
    def guide(self) -> Guide | None:
        return self.session.runner.goal() if self.session is not None else None  # a loose map has no story

    def marker(self, world) -> Marker | None:
        """Where the marker stands on the map ``world`` shows now, or None (no goal, no way, or the setting is off)."""
        if not self.ctx.settings.goal_marker:
            return None
        guide = self.guide()
        if guide is None:
            return None
        scenes = self.ctx.content.scenes
        if guide.at.scene == world.scene:
            obj = find_place(scenes, guide.at)
            if obj is None:
                return None
            if obj.kind == "npc":
                npc = next((n for n in world.npcs if n.obj.name == obj.name), None)
                return Marker("npc", obj.name, npc.tile, (*npc.tile, 1, 1), True) if npc else None
            if obj.kind == "thing" and not self.session.condition(obj.props.get("if"), world.scene):
                return None
        else:
            obj = exit_towards(scenes, world.scene, guide.at.scene, self.session.condition)
            if obj is None:
                return None
        x, y, w, h = obj.rect
        if obj.kind == "thing":
            return Marker("thing", obj.name, (x + w // 2, y), obj.rect, False)
        # An area (a trigger, an exit): the marker stands on its tile nearest to the player, so a long wall or a
        # wide door shows the nearest way in.
        px, py = world.tile
        tile = min(((tx, ty) for tx in range(x, x + w) for ty in range(y, y + h)),
                   key=lambda t: (abs(t[0] - px) + abs(t[1] - py), t[1], t[0]))
        return Marker(obj.kind, obj.name, tile, obj.rect, False)

    # --- timers -------------------------------------------------------------------------------------------------------
    def arm(self) -> None:
        """Start the idle clock again (on the map afresh, or a new goal)."""
        self.idle = False
        pygame.time.set_timer(timer_events()[0], IDLE_MS, loops=1)

    def on_timer(self, event: pygame.event.Event) -> bool | None:
        idle, bob = timer_events()
        if event.type == idle:
            if self.guide() is None or self.idle:
                return False
            self.idle = True
            return True
        if event.type == bob:
            self.bob = (self.bob + 1) % len(BOB_PX)
            return self.marker_rect is not None
        return None

    def follow(self) -> None:
        """Called whenever the world draws: a new goal restarts the idle clock."""
        guide = self.guide()
        gid = guide.id if guide else None
        if gid != self.goal_id:
            self.goal_id = gid
            self.arm()

    # --- drawing ------------------------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, world) -> None:
        """The goal line and the idle hint; the world draws its own hint next, then ``draw_marker`` on top of all."""
        self.follow()
        goal = self._layout_goal(surface, world)
        self.goal_rect = goal[0] if goal else None
        self.marker_rect = None
        marker = self.marker(world)
        if marker is not None:
            self.marker_rect = self._place_marker(surface, world, marker)[0]  # the idle hint keeps clear of it
        if goal is not None:
            self._draw_goal(surface, *goal)
        self.idle_rect = None
        if self.idle:
            self._draw_idle(surface, world)

    def draw_marker(self, surface: pygame.Surface, world) -> None:
        """The marker, over everything: it is what a lost student looks for."""
        marker = self.marker(world)
        if marker is None:
            self.marker_rect = None
            return
        self.marker_rect, draw = self._place_marker(surface, world, marker)
        draw()
        if not self.ctx.settings.reduced_motion:
            pygame.time.set_timer(timer_events()[1], BOB_MS, loops=1)  # the next bob, only while the map is seen

    def _layout_goal(self, surface: pygame.Surface, world) -> tuple[pygame.Rect, list[str]] | None:
        guide = self.guide()
        if guide is None:
            return None
        theme, text = self.ctx.theme, self.ctx.text
        style = theme.small
        width = min(LOGICAL_SIZE[0] // 2, int(MAX_GOAL_W * max(1.0, text.scale)))
        label = self.ctx.t("world.goal")
        lines = text.wrap(f"{label} {guide.text}", width - 56, style)
        line_h = text.line_height(style)
        rect = pygame.Rect(MARGIN, MARGIN, max(text.width(line, style) for line in lines) + 56,
                           len(lines) * line_h + 16)
        if rect.colliderect(world.player_rect()):
            rect.bottomleft = (MARGIN, surface.get_height() - MARGIN)  # never over Ravi
        return rect, lines

    def _draw_goal(self, surface: pygame.Surface, rect: pygame.Rect, lines: list[str]) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        panel(surface, rect, theme)
        _diamond(surface, theme.accent, (rect.x + 22, rect.y + 8 + text.line_height(theme.small) // 2), 7)
        text.draw_lines(surface, lines, theme.small, theme.ink, rect.x + 40, rect.y + 8)

    def _place_marker(self, surface: pygame.Surface, world, marker: Marker):
        """(where the marker goes on screen, a function that draws it there)."""
        theme = self.ctx.theme
        t = world.view.tile
        cam = world.camera()
        cx = marker.tile[0] * t + t // 2 - cam[0]
        top = marker.tile[1] * t - cam[1]
        if marker.head:
            top -= 30  # above the person's head
        lift = 0 if self.ctx.settings.reduced_motion else BOB_PX[self.bob]
        tip = (cx, top - 4 - lift)
        sw, sh = surface.get_size()
        here = pygame.Rect(tip[0] - 24, tip[1] - 24, 48, 48 + (30 if marker.head else t))
        panels = [r for r in (self.goal_rect, self.idle_rect, getattr(world, "hint_rect", None)) if r is not None]
        hidden = [r for r in panels if r.colliderect(here)]
        if hidden and 0 <= tip[0] < sw:
            # Under the goal line or a hint: an arrow just below them, pointing up at the place.
            ex, ey = tip[0], max(r.bottom for r in hidden) + EDGE
            points = [(ex, ey - 20), (ex - 15, ey + 6), (ex + 15, ey + 6)]
            return pygame.Rect(ex - 24, ey - 24, 48, 48), lambda: _arrow(surface, theme, points)
        if 0 <= tip[0] < sw and 30 <= tip[1] < sh:
            points = [(tip[0] - 15, tip[1] - 22), (tip[0] + 15, tip[1] - 22), tip]

            def on_map() -> None:
                if not marker.head:
                    ring = pygame.Rect(0, 0, t - 6, t // 2)
                    ring.center = (cx, top + t - t // 4)
                    pygame.draw.ellipse(surface, theme.accent, ring, width=3)
                _arrow(surface, theme, points)
            return here, on_map
        # Off screen: an arrow at the edge, pointing the way.
        ex = min(max(tip[0], EDGE), sw - EDGE)
        ey = min(max(tip[1], EDGE), sh - EDGE)
        if self.goal_rect is not None and self.goal_rect.inflate(2 * EDGE, 2 * EDGE).collidepoint(ex, ey):
            if ey < self.goal_rect.bottom + EDGE and tip[1] < self.goal_rect.bottom:
                ey = self.goal_rect.bottom + EDGE  # never under the goal line
            else:
                ex = self.goal_rect.right + EDGE
        # It points from where it stands towards the place (straight up when the place is just above the screen).
        angle = math.atan2(tip[1] - ey, tip[0] - ex)
        dx, dy = math.cos(angle), math.sin(angle)
        points = [(ex + dx * 20, ey + dy * 20), (ex - dx * 10 - dy * 15, ey - dy * 10 + dx * 15),
                  (ex - dx * 10 + dy * 15, ey - dy * 10 - dx * 15)]
        return pygame.Rect(ex - 24, ey - 24, 48, 48), lambda: _arrow(surface, theme, points)

    def _draw_idle(self, surface: pygame.Surface, world) -> None:
        guide = self.guide()
        if guide is None:
            return
        theme, text = self.ctx.theme, self.ctx.text
        message = guide.hint or self.ctx.t("world.goal_idle", goal=guide.text)
        lines = text.wrap(message, 820, theme.small)
        line_h = text.line_height(theme.small)
        rect = pygame.Rect(0, 0, max(text.width(line, theme.small) for line in lines) + 40, len(lines) * line_h + 20)
        rect.midbottom = (surface.get_width() // 2, surface.get_height() - MARGIN)
        if rect.colliderect(world.player_rect()) or (self.marker_rect and rect.colliderect(self.marker_rect)):
            rect.midtop = (surface.get_width() // 2, (self.goal_rect.bottom if self.goal_rect else 0) + MARGIN)
        panel(surface, rect, theme)
        self.idle_rect = rect
        pygame.draw.rect(surface, theme.accent, (rect.x, rect.y, 6, rect.h), border_top_left_radius=10,
                         border_bottom_left_radius=10)
        text.draw_lines(surface, lines, theme.small, theme.ink, rect.x + 22, rect.y + 10)

    def panels(self) -> list[pygame.Rect]:
        """The goal line and the idle hint as last drawn: the world's own hint keeps clear of them."""
        return [r for r in (self.goal_rect, self.idle_rect) if r is not None]

    def speech_text(self) -> str | None:
        guide = self.guide()
        if guide is None:
            return None
        parts = [f"{self.ctx.t('world.goal')} {guide.text}"]
        if self.idle:
            parts.append(guide.hint or self.ctx.t("world.goal_idle", goal=guide.text))
        return "\n".join(parts)


def _arrow(surface: pygame.Surface, theme, points) -> None:
    pygame.draw.polygon(surface, theme.accent, points)
    pygame.draw.polygon(surface, (255, 247, 232), points, width=4)  # a light edge, seen on dark floors too
    pygame.draw.polygon(surface, (20, 16, 20), points, width=2)


def _diamond(surface: pygame.Surface, color, center: tuple[int, int], r: int) -> None:
    x, y = center
    pygame.draw.polygon(surface, color, [(x, y - r), (x + r, y), (x, y + r), (x - r, y)])
