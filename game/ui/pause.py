"""Esc from anywhere in play: a calm break screen ("Taking a break"). Nothing is lost — the game is saved before it
opens. Back to the game, the settings, the language, who can help, the title screen, or quit."""

from __future__ import annotations

import pygame

from game.session import Session
from game.ui.context import Context
from game.ui.input import Action
from game.ui.menu import MenuList
from game.ui.screen import Screen
from game.ui.theme import LOGICAL_SIZE, panel, veil
from game.ui.transitions import Pop, Push, Quit, Reset, Transition

ITEMS = ("resume", "settings", "language", "help", "to_title", "quit")


class PauseScreen(Screen):
    opaque = False

    def __init__(self, ctx: Context, session: Session) -> None:
        self.ctx = ctx
        self.session = session
        session.save()
        self.menu = MenuList(self._labels(), ctx.theme.menu, 560)

    def _labels(self) -> list[str]:
        return [
            self.ctx.t("pause.resume"),
            self.ctx.t("settings.title"),
            self.ctx.language_label(),
            self.ctx.t("pause.help"),
            self.ctx.t("pause.to_title"),
            self.ctx.t("pause.quit"),
        ]

    def handle(self, event: pygame.event.Event) -> Transition | None:
        action = self.ctx.bindings.action(event)
        if event.type == pygame.KEYDOWN and action in (Action.PAUSE, Action.BACK):
            return Pop()
        chosen = self.menu.handle(event, self.ctx.bindings)
        if chosen is None:
            return None
        self.ctx.play_sound("select")
        item = ITEMS[chosen]
        if item == "resume":
            return Pop()
        if item == "language":
            if self.ctx.next_language():
                self.session.use_content(self.ctx.content)
        elif item == "settings":
            from game.ui.settings_screen import SettingsScreen

            return Push(SettingsScreen(self.ctx))
        elif item == "help":
            from game.ui.help_card import HelpScreen

            return Push(HelpScreen(self.ctx))
        elif item == "to_title":
            from game.ui.title import TitleScreen

            return Reset(TitleScreen(self.ctx))
        elif item == "quit":
            return Quit()
        self.menu.labels = self._labels()
        return None

    def resumed(self) -> Transition | None:
        self.menu.labels = self._labels()  # back from the settings or the help card
        return None

    def draw(self, surface: pygame.Surface) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        veil(surface, theme)
        sw, sh = LOGICAL_SIZE
        self.menu.width = min(sw - 120, round(560 * max(1.0, text.scale)))
        # At large text sizes a smaller heading leaves the room to the items.
        heading = text.render(self.ctx.t("pause.title"), theme.heading if text.scale <= 1.25 else theme.menu, theme.ink)
        room = sh - 150 - heading.get_height()
        self.menu.max_height = room  # at large text sizes a window of the items, scrolled with the selection
        menu_h = self.menu.fit(text, room, (theme.menu, theme.option, theme.small))
        box = pygame.Rect(0, 0, self.menu.width + 80, min(sh - 20, heading.get_height() + menu_h + 110))
        box.center = (sw // 2, sh // 2)
        panel(surface, box, theme)
        surface.blit(heading, (box.centerx - heading.get_width() // 2, box.y + 30))
        self.menu.layout(text, box.x + 40, box.y + 60 + heading.get_height())
        self.menu.draw(surface, text, theme)
