"""The window, and the fixed 1280×720 surface every screen draws on, scaled to whatever size the window has.

pygame's SCALED mode would do the scaling on the GPU, but it forbids windows smaller than the logical size, and lab PCs
with 1024×600 screens exist. So the game scales in software (smoothscale, about 2 ms a frame here) only when the window
differs from 1280×720 (nearest-pixel while something moves: see present); at that size the window surface itself is
drawn on and nothing is copied.
"""

from __future__ import annotations

import pygame

from game.ui.theme import LOGICAL_SIZE

_MOUSE_EVENTS = (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP)


class Display:
    def __init__(self, fullscreen: bool = False, size: tuple[int, int] | None = None) -> None:
        self.windowed_size = tuple(size) if size else LOGICAL_SIZE
        self.fullscreen = fullscreen
        self.window: pygame.Surface = self._set_mode()
        self.logical: pygame.Surface = self.window
        self.view = pygame.Rect(0, 0, *LOGICAL_SIZE)
        self.refresh()

    @staticmethod
    def set_icon(path) -> None:
        """The window icon. Setting one before the first set_mode also spares pygame loading its own default icon
        through pkg_resources, which is a tenth of a second of start-up on a lab PC."""
        try:
            pygame.display.set_icon(pygame.image.load(str(path)))
        except (pygame.error, FileNotFoundError):
            pass

    def _set_mode(self) -> pygame.Surface:
        if self.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)

    def refresh(self) -> None:
        """Recompute the letterbox after the window changed size (resize, full screen)."""
        self.window = pygame.display.get_surface()
        ww, wh = self.window.get_size()
        lw, lh = LOGICAL_SIZE
        scale = min(ww / lw, wh / lh)
        self.view = pygame.Rect(0, 0, max(1, round(lw * scale)), max(1, round(lh * scale)))
        self.view.center = (ww // 2, wh // 2)
        if (ww, wh) == LOGICAL_SIZE:
            self.logical = self.window
        elif self.logical is self.window or self.logical.get_size() != LOGICAL_SIZE:
            self.logical = pygame.Surface(LOGICAL_SIZE).convert()
        self.window.fill((0, 0, 0))

    def toggle_fullscreen(self) -> None:
        if not self.fullscreen:
            self.windowed_size = self.window.get_size()
        self.fullscreen = not self.fullscreen
        self._set_mode()
        self.refresh()

    def present(self, moving: bool = False) -> None:
        """Show the logical surface. In a window of another size it is scaled: smoothly for a frame that stays on
        screen, and with the five-times-cheaper nearest-pixel scale while something moves (a walk, a fade), where the
        next frame replaces it within 16 ms; the frame drawn when motion stops is smooth again."""
        if self.logical is not self.window:
            target = self.window.subsurface(self.view)
            scale = pygame.transform.scale if moving else pygame.transform.smoothscale
            scale(self.logical, self.view.size, target)
        pygame.display.flip()

    def to_logical(self, pos: tuple[int, int]) -> tuple[int, int]:
        lw, lh = LOGICAL_SIZE
        x = (pos[0] - self.view.x) * lw / self.view.w
        y = (pos[1] - self.view.y) * lh / self.view.h
        return int(min(max(x, 0), lw - 1)), int(min(max(y, 0), lh - 1))

    def translate(self, event: pygame.event.Event) -> pygame.event.Event:
        """Mouse events in window pixels → the same event in logical pixels."""
        if event.type not in _MOUSE_EVENTS or self.logical is self.window:
            return event
        attrs = dict(event.dict)
        attrs["pos"] = self.to_logical(event.pos)
        return pygame.event.Event(event.type, attrs)
