"""Typing a short number — a class's join code, a teacher's PIN — with the keyboard alone or the mouse alone.

Digits come from the number row or the keypad; Backspace erases; Enter goes on; Esc goes back. The same keys are
drawn as a pad that can be clicked, so a student without a working keyboard can still join."""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from game.ui.text import TextRenderer
from game.ui.theme import Theme

_DIGIT_KEYS = {getattr(pygame, f"K_{n}"): str(n) for n in range(10)} | {
    getattr(pygame, f"K_KP{n}"): str(n) for n in range(10)}
ERASE, OK = "erase", "ok"
# The pad reads like a phone's: 1 2 3 / 4 5 6 / 7 8 9 / erase 0 ok.
PAD = ("1", "2", "3", "4", "5", "6", "7", "8", "9", ERASE, "0", OK)
KEY_W, KEY_H, GAP = 104, 70, 12


@dataclass
class NumberEntry:
    length: int            # how many digits at most (the boxes drawn)
    secret: bool = False   # draw dots instead of digits (a PIN)
    value: str = ""
    keys: dict[str, pygame.Rect] = field(default_factory=dict)  # filled by draw(): pad key -> where it is
    focus: int = 0         # the pad key the arrows move (keyboard users can also "press" the pad)

    def handle(self, event: pygame.event.Event) -> str | None:
        """"ok" when the number is handed in, "back" to leave, None otherwise (a digit typed or erased)."""
        if event.type == pygame.KEYDOWN:
            if event.key in _DIGIT_KEYS:
                self._type(_DIGIT_KEYS[event.key])
            elif event.key == pygame.K_BACKSPACE:
                self.value = self.value[:-1]
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                return OK
            elif event.key == pygame.K_ESCAPE:
                return "back"
            elif event.key in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN):
                step = {pygame.K_LEFT: -1, pygame.K_RIGHT: 1, pygame.K_UP: -3, pygame.K_DOWN: 3}[event.key]
                self.focus = (self.focus + step) % len(PAD)
            elif event.key == pygame.K_SPACE:
                return self._press(PAD[self.focus])
            return None
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for key, rect in self.keys.items():
                if rect.collidepoint(event.pos):
                    self.focus = PAD.index(key)
                    return self._press(key)
        return None

    def _press(self, key: str) -> str | None:
        if key == OK:
            return OK
        if key == ERASE:
            self.value = self.value[:-1]
        else:
            self._type(key)
        return None

    def _type(self, digit: str) -> None:
        if len(self.value) < self.length:
            self.value += digit

    # --- drawing ----------------------------------------------------------------------------------------------------
    def draw_boxes(self, surface: pygame.Surface, text: TextRenderer, theme: Theme, centre_x: int, y: int,
                   width: int = 700) -> int:
        """The typed digits in boxes, centred, as wide as ``width`` allows; returns the bottom."""
        size, gap = 64, 12
        size = min(size, (width - 24 - (self.length - 1) * gap) // self.length)
        group = 3 if self.length == 6 else self.length  # 482 913: a gap in the middle, as on the board
        extra = 24 if group < self.length else 0
        total = self.length * size + (self.length - 1) * gap + extra
        x = centre_x - total // 2
        digit_style = theme.heading
        for i in range(self.length):
            if i == group:
                x += extra
            box = pygame.Rect(x, y, size, 72)
            filled = i < len(self.value)
            pygame.draw.rect(surface, theme.field, box, border_radius=10)
            pygame.draw.rect(surface, theme.accent if i == len(self.value) else theme.paper_edge, box,
                             width=4 if i == len(self.value) else 2, border_radius=10)
            if filled:
                if self.secret:
                    pygame.draw.circle(surface, theme.ink, box.center, 10)
                else:
                    img = text.render(self.value[i], digit_style, theme.ink)
                    surface.blit(img, img.get_rect(center=box.center))
            x += size + gap
        return y + 72

    def draw_pad(self, surface: pygame.Surface, text: TextRenderer, theme: Theme, centre_x: int, y: int,
                 labels: dict[str, str]) -> int:
        """The clickable pad; ``labels`` names the erase and ok keys in the player's language. Returns the bottom."""
        self.keys.clear()
        left = centre_x - (3 * KEY_W + 2 * GAP) // 2
        for i, key in enumerate(PAD):
            rect = pygame.Rect(left + (i % 3) * (KEY_W + GAP), y + (i // 3) * (KEY_H + GAP), KEY_W, KEY_H)
            self.keys[key] = rect
            focused = i == self.focus
            fill = theme.selected_bg if focused else (theme.field_strong if key == OK else theme.field)
            pygame.draw.rect(surface, fill, rect, border_radius=12)
            pygame.draw.rect(surface, theme.accent if focused else theme.paper_edge, rect,
                             width=3 if focused else 2, border_radius=12)
            label = labels.get(key, key)
            style = theme.menu if len(label) == 1 else theme.small
            img = text.render(label, style, theme.ink)
            if img.get_width() > rect.w - 8:
                img = text.render(label, theme.small, theme.ink)
            surface.blit(img, img.get_rect(center=rect.center))
        return y + 4 * (KEY_H + GAP) - GAP
