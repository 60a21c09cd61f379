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

    def handle(self, event: pygame.event.Event) -> Transition | None:
        if self.menu.handle(event, self.ctx.bindings) is not None:
            from game.ui.title import TitleScreen

            return Reset(TitleScreen(self.ctx))
        return None

    def draw(self, surface: pygame.Surface) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        sw, sh = LOGICAL_SIZE
        surface.fill((38, 30, 52))
        # Soft warm glow behind the card, like lamplight.
        for r, a in ((520, 30), (400, 40), (280, 50)):
            glow = pygame.Surface((2 * r, 2 * r), pygame.SRCALPHA)
            pygame.draw.circle(glow, (255, 190, 120, a), (r, r), r)
            surface.blit(glow, (sw // 2 - r, sh // 2 - r))
        width = min(sw - 80, 980)
        inner = width - 100
        kicker = text.wrap(self.ctx.t("chapter_end.heading"), inner, theme.small)
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
