"""A vertical list of choices that works with arrows + Enter, number keys, or the mouse alone.

Used by the title and pause screens and by the dialogue options, so every list in the game behaves the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from game.ui.input import Action, Bindings, number_pressed
from game.ui.text import Style, TextRenderer
from game.ui.theme import Theme


@dataclass
class MenuList:
    labels: list[str]
    style: Style
    width: int
    numbered: bool = False
    selected: int = 0
    # Filled by layout(): one rect per item, in the surface's coordinates.
    rects: list[pygame.Rect] = field(default_factory=list)
    _wrapped: list[list[str]] = field(default_factory=list)

    PAD_X = 18
    PAD_Y = 8
    GAP = 8

    def prefix(self, i: int) -> str:
        return f"{i + 1}.  " if self.numbered else ""

    def fit(self, text: TextRenderer, room: int, styles: tuple[Style, ...]) -> int:
        """Use the first style whose list fits in ``room`` pixels of height (large text sizes need a smaller one)."""
        for style in styles:
            self.style = style
            height = self.layout(text, 0, 0)
            if height <= room:
                return height
        return height

    def layout(self, text: TextRenderer, x: int, y: int) -> int:
        """Compute item rects starting at (x, y); returns the total height. Items wrap to the width."""
        self.rects.clear()
        self._wrapped.clear()
        line_h = text.line_height(self.style)
        top = y
        for i, label in enumerate(self.labels):
            indent = text.width(self.prefix(i), self.style)
            lines = text.wrap(label, self.width - 2 * self.PAD_X - indent, self.style)
            h = len(lines) * line_h + 2 * self.PAD_Y
            self.rects.append(pygame.Rect(x, y, self.width, h))
            self._wrapped.append(lines)
            y += h + self.GAP
        return y - top - (self.GAP if self.labels else 0)

    def draw(self, surface: pygame.Surface, text: TextRenderer, theme: Theme, on_dark: bool = False) -> None:
        line_h = text.line_height(self.style)
        for i, (rect, lines) in enumerate(zip(self.rects, self._wrapped)):
            chosen = i == self.selected
            if chosen:
                pygame.draw.rect(surface, theme.selected_bg, rect, border_radius=12)
                pygame.draw.rect(surface, theme.accent, rect, width=3, border_radius=12)
                # A marker as well as a colour, so the selection never depends on colour alone.
                pygame.draw.polygon(surface, theme.accent, [
                    (rect.x + 5, rect.centery - 8), (rect.x + 12, rect.centery), (rect.x + 5, rect.centery + 8)])
            color = theme.ink if (chosen or not on_dark) else theme.on_dark
            prefix = self.prefix(i)
            indent = text.width(prefix, self.style)
            y = rect.y + self.PAD_Y
            if prefix:
                surface.blit(text.render(prefix, self.style, theme.accent if not on_dark or chosen else theme.on_dark),
                             (rect.x + self.PAD_X, y))
            for line in lines:
                surface.blit(text.render(line, self.style, color), (rect.x + self.PAD_X + indent, y))
                y += line_h

    def handle(self, event: pygame.event.Event, bindings: Bindings) -> int | None:
        """Returns the index chosen, if this event chose one."""
        if not self.labels:
            return None
        if event.type == pygame.MOUSEMOTION:
            for i, rect in enumerate(self.rects):
                if rect.collidepoint(event.pos):
                    self.selected = i
            return None
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, rect in enumerate(self.rects):
                if rect.collidepoint(event.pos):
                    self.selected = i
                    return i
            return None
        if event.type == pygame.MOUSEWHEEL:
            self.selected = (self.selected - event.y) % len(self.labels)
            return None
        number = number_pressed(event) if self.numbered else None
        if number is not None and number <= len(self.labels):
            self.selected = number - 1
            return number - 1
        if event.type != pygame.KEYDOWN:
            return None
        action = bindings.action(event)
        if action is Action.UP:
            self.selected = (self.selected - 1) % len(self.labels)
        elif action is Action.DOWN:
            self.selected = (self.selected + 1) % len(self.labels)
        elif action is Action.CONFIRM:
            return self.selected
        return None
