"""The backlog: the recent lines, scrollable, one key (H) from anywhere. STUB — a helper is writing it."""

from __future__ import annotations

import pygame

from game.ui.context import Context
from game.ui.screen import Screen
from game.ui.transitions import Pop, Transition


class HistoryScreen(Screen):
    opaque = False

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def handle(self, event: pygame.event.Event) -> Transition | None:
        return Pop() if event.type == pygame.KEYDOWN else None
