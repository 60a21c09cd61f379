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

    def on_timer(self, event: pygame.event.Event) -> bool | None:
        """A timer of this screen went off (a class session's once-a-second look, the teacher view's poll): True when
        the picture must change, False when it need not, None when the event is not this screen's. The loop redraws
        only on True, so a waiting screen costs no drawing."""
        return None

    def resumed(self) -> Transition | None:
        """Called when the screen above this one was popped."""
        return None

    def speech_text(self) -> str | None:
        """What read-aloud says for this screen right now, one part per line (None: nothing to read). Read-aloud
        says the lines from the first one that changed, so put what stays first and what changes (the selected
        item) last. By default: the text of a card (with its numbers, as in the chapter-end questions) and the
        selected button, or the selected item of a menu. Screens with more to say override it."""
        card = getattr(self, "card", None)
        menu = getattr(self, "menu", None) or getattr(card, "menu", None)
        parts = [f"{b.bullet} {b.text}" if b.bullet and b.bullet != "•" else b.text
                 for b in getattr(card, "blocks", [])]
        if menu is not None and getattr(menu, "labels", None) and getattr(menu, "selected", 0) >= 0:
            parts.append(menu.labels[min(menu.selected, len(menu.labels) - 1)])
        return "\n".join(p.replace("\n", " ") for p in parts if p) or None
