"""The small protocol every screen (title, world, dialogue, pause, chapter end) follows."""

from __future__ import annotations

import pygame

from game.ui.transitions import Transition


class Screen:
    # A screen that covers the whole window; the ones below it are not drawn.
    opaque: bool = True

    def handle(self, event: pygame.event.Event) -> Transition | None:
        return None

    def update(self, dt: float) -> Transition | None:
        return None

    def draw(self, surface: pygame.Surface) -> None:
        pass

    def animating(self) -> bool:
        """True while the screen needs frames without input (walking, typewriter). Otherwise the app sleeps."""
        return False

    def resumed(self) -> Transition | None:
        """Called when the screen above this one was popped."""
        return None
