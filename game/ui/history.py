"""The backlog: the recent lines, one key (H) from anywhere, for a student who read too fast, looked away or wants to
read a line again. Newest at the bottom, and it opens there; scrolls with Page Up / Page Down, the arrows and the
mouse wheel; H, Esc, Backspace or the Back button closes it."""

from __future__ import annotations

import pygame

from game.ui.card import SCROLL_STEP, Block, Card
from game.ui.context import Context
from game.ui.input import Action
from game.ui.menu import MenuList
from game.ui.screen import Screen
from game.ui.theme import veil
from game.ui.transitions import Pop, Transition

CLOSE = (Action.HISTORY, Action.PAUSE, Action.BACK)


class HistoryScreen(Screen):
    opaque = False  # over the world or the conversation, which stays where it was

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.card = Card([], MenuList([], ctx.theme.menu, 400))
        self._relabel()
        self.card.scroll = 10 ** 9  # the newest line first: the card keeps the scroll within its text when laid out

    def _relabel(self) -> None:
        theme, t = self.ctx.theme, self.ctx.t
        blocks = [Block(t("history.title"), theme.heading, theme.ink, gap=0),
                  Block(t("history.hint"), theme.small, theme.ink_soft, gap=4)]
        if not self.ctx.history:
            blocks.append(Block(t("history.empty"), theme.body, theme.ink, gap=24))
        for i, (name, line) in enumerate(self.ctx.history):
            # Narration has no name; a spoken line reads "Name: text", as in a script.
            blocks.append(Block(f"{name}: {line}" if name else line, theme.body, theme.ink, gap=24 if i == 0 else 12))
        self.card.blocks = blocks
        self.card.menu.labels = [t("history.back")]

    def handle(self, event: pygame.event.Event) -> Transition | None:
        action = self.ctx.bindings.action(event)
        if event.type == pygame.KEYDOWN and action in CLOSE:
            return Pop()
        if event.type == pygame.KEYDOWN and action in (Action.UP, Action.DOWN):
            step = -SCROLL_STEP if action is Action.UP else SCROLL_STEP
            self.card.scroll = max(0, min(self.card.scroll + step, self.card.max_scroll()))
            return None
        if self.card.handle(event, self.ctx.bindings) is not None:
            return Pop()  # the Back button (Enter, or a click)
        return None

    def resumed(self) -> Transition | None:
        self._relabel()  # e.g. the help card (F1) was opened over it; the words may have changed with the language
        return None

    def speech_text(self) -> str | None:
        """Read-aloud says the newest line (the one the backlog opens at), not the whole list."""
        if not self.ctx.history:
            return self.ctx.t("history.empty")
        name, line = self.ctx.history[-1]
        return f"{name}: {line}" if name else line

    def draw(self, surface: pygame.Surface) -> None:
        veil(surface, self.ctx.theme)
        self.card.draw(surface, self.ctx.text, self.ctx.theme)
