"""The end of a chapter: which ending the player's choices led to, in the story's own words."""

from __future__ import annotations

import pygame

from game.session import Session
from game.story.runner import Ended
from game.ui.context import Context
from game.ui.menu import MenuList
from game.ui.screen import Screen
from game.ui.theme import LOGICAL_SIZE, panel
from game.ui.transitions import Reset, Transition


class ChapterEndScreen(Screen):
    def __init__(self, ctx: Context, session: Session, ending: Ended) -> None:
        self.ctx = ctx
        self.session = session
        self.ending = ending
        self.menu = MenuList([ctx.t("chapter_end.continue")], ctx.theme.menu, 640)
        self._glow: pygame.Surface | None = None
        scene = ending.ending.split(".")[0]
        story_scene = ctx.content.story.scenes.get(scene)
        self.chapter = story_scene.title if story_scene else ""

    def handle(self, event: pygame.event.Event) -> Transition | None:
        if self.menu.handle(event, self.ctx.bindings) is not None:
            from game.ui.title import TitleScreen

            return Reset(TitleScreen(self.ctx))
        return None

    def _backdrop(self) -> pygame.Surface:
        """Dusk blue with a soft warm glow in the middle, like lamplight; drawn once."""
        if self._glow is None:
            sw, sh = LOGICAL_SIZE
            small = pygame.Surface((64, 36))
            for y in range(36):
                for x in range(64):
                    d = min(1.0, (((x - 31.5) / 34) ** 2 + ((y - 17.5) / 22) ** 2) ** 0.5)
                    k = (1 - d) ** 1.6
                    small.set_at((x, y), (int(38 + 92 * k), int(30 + 62 * k), int(52 + 30 * k)))
            self._glow = pygame.transform.smoothscale(small, (sw, sh)).convert()
        return self._glow

    def draw(self, surface: pygame.Surface) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        sw, sh = LOGICAL_SIZE
        surface.blit(self._backdrop(), (0, 0))
        width = min(sw - 80, 980)
        inner = width - 100
        kicker = text.wrap(self.ctx.t("chapter_end.heading", chapter=self.chapter), inner, theme.small)
        title = text.wrap(self.ending.title, inner, theme.heading)
        body = text.wrap(self.ending.text, inner, theme.body)
        self.menu.width = min(inner, round(640 * max(1.0, text.scale)))
        menu_h = self.menu.layout(text, 0, 0)
        h = (len(kicker) * text.line_height(theme.small) + len(title) * text.line_height(theme.heading)
             + len(body) * text.line_height(theme.body) + menu_h + 140)
        box = pygame.Rect(0, 0, width, min(h, sh - 40))
        box.center = (sw // 2, sh // 2)
        panel(surface, box, theme)
        y = box.y + 40
        y = text.draw_lines(surface, kicker, theme.small, theme.accent, box.x + 50, y)
        y = text.draw_lines(surface, title, theme.heading, theme.ink, box.x + 50, y + 4)
        y = text.draw_lines(surface, body, theme.body, theme.ink, box.x + 50, y + 16)
        self.menu.layout(text, box.x + 50, y + 24)
        self.menu.draw(surface, text, theme)
