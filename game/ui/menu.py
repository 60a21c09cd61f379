"""A vertical list of choices that works with arrows + Enter, number keys, or the mouse alone.

Used by the title and pause screens and by the dialogue options, so every list in the game behaves the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from game.ui.input import Action, Bindings, number_pressed
from game.ui.text import Style, TextRenderer
from game.ui.theme import Theme


NONE = -1  # MenuList.selected when nothing is highlighted


@dataclass
class MenuList:
    labels: list[str]
    style: Style
    width: int
    numbered: bool = False
    selected: int = 0  # NONE: nothing is highlighted, so Enter/Space choose nothing until an arrow picks one
    # False while a new story choice is too young to take a pick (see DialogueScreen): the highlight still moves, but
    # number keys, Enter/Space and clicks choose nothing, so a key mashed through the last line cannot pick.
    armed: bool = True
    # Buttons side by side (wrapping to more rows when they do not fit), for short choices under a long text.
    horizontal: bool = False
    # When set, a vertical list taller than this shows only a window of items around the selected one.
    max_height: int | None = None
    more_above: bool = False
    more_below: bool = False
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
        limit, self.max_height = self.max_height, None  # judge each style by its full height, not a window
        try:
            for style in styles:
                self.style = style
                height = self.layout(text, 0, 0)
                if height <= room:
                    return height
        finally:
            self.max_height = limit
        return self.layout(text, 0, 0)  # the smallest style, windowed if a limit is set

    def layout(self, text: TextRenderer, x: int, y: int) -> int:
        """Compute item rects starting at (x, y); returns the total height. Items wrap to the width."""
        self.rects.clear()
        self._wrapped.clear()
        self.more_above = self.more_below = False
        line_h = text.line_height(self.style)
        top = y
        if self.horizontal:
            return self._layout_row(text, x, y, line_h)
        for i, label in enumerate(self.labels):
            indent = text.width(self.prefix(i), self.style)
            lines = text.wrap(label, self.width - 2 * self.PAD_X - indent, self.style)
            h = len(lines) * line_h + 2 * self.PAD_Y
            self.rects.append(pygame.Rect(x, y, self.width, h))
            self._wrapped.append(lines)
            y += h + self.GAP
        height = y - top - (self.GAP if self.labels else 0)
        if self.max_height is not None and height > self.max_height:
            return self._window(top)
        return height

    def _window(self, top: int) -> int:
        """Keep the items around the selected one that fit in max_height; hide the rest (zero-size rects)."""
        heights = [r.h + self.GAP for r in self.rects]
        first = last = max(self.selected, 0)
        used = heights[first]
        while True:
            grew = False
            if last + 1 < len(heights) and used + heights[last + 1] <= self.max_height:
                last += 1
                used += heights[last]
                grew = True
            if first > 0 and used + heights[first - 1] <= self.max_height:
                first -= 1
                used += heights[first]
                grew = True
            if not grew:
                break
        y = top
        for i, rect in enumerate(self.rects):
            if first <= i <= last:
                self.rects[i] = pygame.Rect(rect.x, y, rect.w, rect.h)
                y += rect.h + self.GAP
            else:
                self.rects[i] = pygame.Rect(rect.x, top, 0, 0)
        self.more_above, self.more_below = first > 0, last < len(self.rects) - 1
        return y - top - self.GAP

    def _layout_row(self, text: TextRenderer, x: int, y: int, line_h: int) -> int:
        left, top, bottom = x, y, y
        for i, label in enumerate(self.labels):
            lines = text.wrap(label, self.width - 2 * self.PAD_X, self.style)
            w = max(text.width(line, self.style) for line in lines) + 2 * self.PAD_X + 12
            h = len(lines) * line_h + 2 * self.PAD_Y
            if x > left and x + w > left + self.width:
                x, y = left, bottom + self.GAP
            self.rects.append(pygame.Rect(x, y, w, h))
            self._wrapped.append(lines)
            x += w + 3 * self.GAP
            bottom = max(bottom, y + h)
        return bottom - top

    def draw(self, surface: pygame.Surface, text: TextRenderer, theme: Theme, on_dark: bool = False) -> None:
        line_h = text.line_height(self.style)
        self.draw_more_marks(surface, theme)
        for i, (rect, lines) in enumerate(zip(self.rects, self._wrapped)):
            if not rect.w:
                continue  # outside the visible window
            chosen = i == self.selected
            if chosen:
                pygame.draw.rect(surface, theme.selected_bg, rect, border_radius=12)
                pygame.draw.rect(surface, theme.accent, rect, width=theme.focus_width, border_radius=12)
                # A marker as well as a colour, so the selection never depends on colour alone.
                m = rect.x + theme.focus_width + 2  # inside the outline, however thick the theme draws it
                pygame.draw.polygon(surface, theme.accent, [
                    (m, rect.centery - 8), (m + 7, rect.centery), (m, rect.centery + 8)])
            elif self.horizontal:
                pygame.draw.rect(surface, theme.ink_soft, rect, width=2, border_radius=12)  # looks like a button
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

    def draw_more_marks(self, surface: pygame.Surface, theme: Theme) -> None:
        """Arrows (a shape, not colour alone) where a windowed list goes on above or below."""
        shown = [r for r in self.rects if r.w]
        if shown and (self.more_above or self.more_below):
            x = shown[0].right - 16
            if self.more_above:
                y = shown[0].top - 6
                pygame.draw.polygon(surface, theme.accent, [(x - 9, y), (x, y - 9), (x + 9, y)])
            if self.more_below:
                y = shown[-1].bottom + 6
                pygame.draw.polygon(surface, theme.accent, [(x - 9, y), (x, y + 9), (x + 9, y)])

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
                    return i if self.armed else None
            return None
        if event.type == pygame.MOUSEWHEEL:
            self._move(-event.y)
            return None
        number = number_pressed(event) if self.numbered else None
        if number is not None and number <= len(self.labels):
            if not self.armed:
                return None
            self.selected = number - 1
            return number - 1
        if event.type != pygame.KEYDOWN:
            return None
        action = bindings.action(event)
        if self.horizontal and action is Action.LEFT:
            action = Action.UP
        elif self.horizontal and action is Action.RIGHT:
            action = Action.DOWN
        if action is Action.UP:
            self._move(-1)
        elif action is Action.DOWN:
            self._move(1)
        elif action is Action.CONFIRM and self.armed and self.selected != NONE:
            return self.selected
        return None

    def _move(self, step: int) -> None:
        """Move the highlight; from nothing highlighted, down starts at the first item and up at the last."""
        if not step:
            return
        if self.selected == NONE:
            self.selected = 0 if step > 0 else len(self.labels) - 1
        else:
            self.selected = (self.selected + step) % len(self.labels)
