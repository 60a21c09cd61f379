"""A paper card of wrapped text blocks above a list of buttons; the text scrolls when it does not fit.

Used by the chapter-end debrief, "What if?" and the help card, so every long read in the game scrolls the same way:
mouse wheel, Page Up / Page Down, or the arrow keys once the buttons' first item is passed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from game.ui.input import Bindings
from game.ui.menu import MenuList
from game.ui.text import Style, TextRenderer
from game.ui.theme import LOGICAL_SIZE, Theme, panel

PAD = 44
SCROLL_STEP = 60


@dataclass(frozen=True, slots=True)
class Block:
    text: str
    style: Style
    color: tuple[int, int, int]
    gap: int = 10          # space above the block
    bullet: str = ""       # drawn in the margin before the first line (e.g. "•", "1.")


@dataclass
class Card:
    blocks: list[Block]
    menu: MenuList
    width: int = 1160
    wide_menu: bool = False  # buttons as wide as the card (long labels, as in "What if?")
    compact: bool = False  # a short card shrinks to its text and buttons, centred (the survey, pause points)
    text_first: bool = False  # the text is what matters (a survey statement): the buttons get only the room it leaves
    scroll: int = 0
    # (text, style, colour, y, bullet shown on this line, indent of the block)
    _lines: list[tuple[str, Style, tuple[int, int, int], int, str, int]] = field(default_factory=list)
    _content_h: int = 0
    _view: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    _key: tuple | None = None
    _base: Style | None = None  # the buttons' own style; a smaller one is used only while it does not fit

    def layout(self, text: TextRenderer, theme: Theme) -> pygame.Rect:
        sw, sh = LOGICAL_SIZE
        width = min(self.width, sw - 40)
        inner = width - 2 * PAD
        key = (text.layout_key, width, tuple(self.blocks), tuple(self.menu.labels))
        box = pygame.Rect(0, 0, width, sh - 40)
        box.center = (sw // 2, sh // 2)
        if key != self._key:
            self._key = key
            self._lines.clear()
            y = 0
            for block in self.blocks:
                indent = text.width(block.bullet + "  ", block.style) if block.bullet else 0
                y += block.gap
                for i, line in enumerate(text.wrap(block.text, inner - indent, block.style)):
                    self._lines.append((line, block.style, block.color, y, block.bullet if i == 0 else "", indent))
                    y += text.line_height(block.style)
            self._content_h = y
            wide = self.menu.horizontal or self.wide_menu
            self.menu.width = inner if wide else min(inner, round(620 * max(1.0, text.scale)))
        # The buttons take at most about a third of the card, so the text keeps room to be read at 200 %.
        self._base = self._base or self.menu.style
        if self.wide_menu:  # a long list of choices shows a window of them, leaving the heading on screen
            self.menu.max_height = box.h - PAD - 150
        share = box.h - PAD - 150 if self.wide_menu else box.h // 3
        if self.text_first:
            share = max(share, box.h - PAD - 44 - self._content_h)
        if not self.wide_menu:
            self.menu.max_height = None
        menu_h = self.menu.fit(text, share, (self._base, theme.option, theme.small))
        if menu_h > share and not self.menu.horizontal:
            # Even the smallest buttons are too tall: show a window of them that follows the selection.
            self.menu.max_height = share
            menu_h = self.menu.layout(text, 0, 0)
        room = box.h - PAD - menu_h - 20
        # Buttons follow a short text; a long one scrolls above buttons kept at the bottom.
        text_h = min(room, self._content_h)
        if self.compact and self._content_h <= room:
            box.h = PAD // 2 + text_h + 24 + menu_h + PAD
            box.centery = sh // 2
        menu_y = box.y + PAD // 2 + text_h + 24 if self._content_h <= room else box.bottom - PAD // 2 - menu_h
        self.menu.layout(text, box.x + PAD - MenuList.PAD_X // 2, menu_y)
        self._view = pygame.Rect(box.x + PAD, box.y + PAD // 2, inner, room)
        self.scroll = max(0, min(self.scroll, self.max_scroll()))
        return box

    def max_scroll(self) -> int:
        return max(0, self._content_h - self._view.h)

    def handle(self, event: pygame.event.Event, bindings: Bindings) -> int | None:
        if event.type == pygame.MOUSEWHEEL:
            self.scroll = max(0, min(self.scroll - event.y * SCROLL_STEP, self.max_scroll()))
            return None
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            step = self._view.h - 40 if event.key == pygame.K_PAGEDOWN else -(self._view.h - 40)
            self.scroll = max(0, min(self.scroll + step, self.max_scroll()))
            return None
        return self.menu.handle(event, bindings)

    def draw(self, surface: pygame.Surface, text: TextRenderer, theme: Theme) -> None:
        box = self.layout(text, theme)
        panel(surface, box, theme)
        clip = surface.get_clip()
        surface.set_clip(self._view)
        for line, style, color, y, bullet, indent in self._lines:
            top = self._view.y + y - self.scroll
            if top < self._view.y - 1 or top + text.line_height(style) > self._view.bottom + 1:
                continue  # only whole lines: a line cut in half at the edge is hard to read (the arrows say more)
            if bullet:
                surface.blit(text.render(bullet, style, theme.accent), (self._view.x, top))
            surface.blit(text.render(line, style, color), (self._view.x + indent, top))
        surface.set_clip(clip)
        self._draw_more_marks(surface, theme)
        self.menu.draw(surface, text, theme)

    def _draw_more_marks(self, surface: pygame.Surface, theme: Theme) -> None:
        """Small arrows at the edge of the text when there is more above or below (shape, not colour alone)."""
        x = self._view.right - 6
        if self.scroll > 0:
            y = self._view.y + 4
            pygame.draw.polygon(surface, theme.accent, [(x - 10, y + 10), (x, y), (x + 10, y + 10)])
        if self.scroll < self.max_scroll():
            y = self._view.bottom - 4
            pygame.draw.polygon(surface, theme.accent, [(x - 10, y - 10), (x, y), (x + 10, y - 10)])
