"""The settings screen, from the title and the break screen: every setting shows its value and changes at once.

A list of "name: value" items. Enter, Space, a click or an item's number moves a setting to its next value (round and
round); Left and Right step it back and forth (without going round, so a volume stops at 0 and 100 %); the small arrows
at the end of an item do the same with the mouse. Each change is applied and saved at once (ctx.update_settings), so
the player sees the new text size, spacing, font or colours on this very screen. At 100 % text the items stand in two
columns; larger text shows them in one column, a window of them around the selected one (the wheel scrolls it).
"""

from __future__ import annotations

import importlib.util
import math
from dataclasses import dataclass, field

import pygame

from game.settings import FONTS, LINE_SPACINGS, TEXT_SCALES, TEXT_SPEEDS, THEMES
from game.ui.context import Context
from game.ui.input import Action
from game.ui.menu import MenuList
from game.ui.screen import Screen
from game.ui.text import TextRenderer
from game.ui.theme import LOGICAL_SIZE, Theme, panel
from game.ui.transitions import Pop, Push, Transition

VOLUMES = tuple(i / 10 for i in range(11))  # 0 … 100 % in steps of 10
# Settings with a list of values, in the order Left/Right walk them.
VALUES: dict[str, tuple] = {
    "text_scale": TEXT_SCALES, "line_spacing": LINE_SPACINGS, "font": FONTS, "theme": THEMES,
    "text_speed": TEXT_SPEEDS, "volume": VOLUMES, "music_volume": VOLUMES,
}
TOGGLES = ("auto_advance", "reduced_motion", "goal_marker", "muted", "captions", "read_aloud", "fullscreen")
# First column: reading and seeing; second: sound and controls.
ITEMS = ("text_scale", "line_spacing", "font", "theme", "text_speed", "auto_advance", "reduced_motion", "read_aloud",
         "goal_marker", "volume", "music_volume", "muted", "captions", "keys", "fullscreen", "back")
SPACING_WORDS = {1.0: "settings.spacing_normal", 1.25: "settings.spacing_wide", 1.5: "settings.spacing_wider"}
MARGIN = 20
PAD = 36
COLUMN_GAP = 24
ARROW_W = 34  # each of the two step arrows at the end of an item with values


@dataclass
class SettingsList(MenuList):
    """A MenuList in one or two columns, with room at the end of the items that have values for two step arrows."""
    columns: int = 1
    stepped: list[bool] = field(default_factory=list)
    # Filled by layout(): per item, the (back, forward) arrow rects, or None.
    arrows: list[tuple[pygame.Rect, pygame.Rect] | None] = field(default_factory=list)

    def prefix(self, i: int) -> str:
        return f"{i + 1}." if i < 9 else ""  # only 1-9 have a key; the rest keep the same indent, unnumbered

    def _indent(self, text: TextRenderer) -> int:
        """One indent for every label (the widest number and a gap), so the labels line up in each column."""
        return max([text.width(self.prefix(i), self.style) for i in range(len(self.labels))] + [0]) + \
            text.width("  ", self.style)

    def layout(self, text: TextRenderer, x: int, y: int) -> int:
        self.rects.clear()
        self._wrapped.clear()
        self.more_above = self.more_below = False
        line_h = text.line_height(self.style)
        cols = max(1, self.columns)
        col_w = (self.width - (cols - 1) * COLUMN_GAP) // cols
        heights = []
        indent = self._indent(text)
        for i, label in enumerate(self.labels):
            reserve = 2 * ARROW_W + 8 if self._stepped(i) else 0
            lines = text.wrap(label, max(40, col_w - 2 * self.PAD_X - indent - reserve), self.style)
            self._wrapped.append(lines)
            heights.append(len(lines) * line_h + 2 * self.PAD_Y)
        rows = math.ceil(len(self.labels) / cols) if self.labels else 0
        # Column after column (reading order goes down the first, then the second); a row is as tall as its tallest
        # item, so the two columns line up.
        row_h = [max(heights[c * rows + r] for c in range(cols) if c * rows + r < len(heights)) for r in range(rows)]
        tops = [y + sum(row_h[:r]) + r * self.GAP for r in range(rows)]
        for i in range(len(self.labels)):
            c, r = divmod(i, rows)
            h = row_h[r] if cols > 1 else heights[i]
            self.rects.append(pygame.Rect(x + c * (col_w + COLUMN_GAP), tops[r], col_w, h))
        height = (sum(row_h) + (rows - 1) * self.GAP) if rows else 0
        if cols == 1 and self.max_height is not None and height > self.max_height:
            height = self._window(y)
        self._place_arrows()
        return height

    def _stepped(self, i: int) -> bool:
        return i < len(self.stepped) and self.stepped[i]

    def _place_arrows(self) -> None:
        self.arrows = []
        for i, rect in enumerate(self.rects):
            if not rect.w or not self._stepped(i):
                self.arrows.append(None)
                continue
            forward = pygame.Rect(0, 0, ARROW_W, min(rect.h, 40))
            forward.midright = (rect.right - 6, rect.centery)
            back = forward.move(-ARROW_W, 0)
            self.arrows.append((back, forward))

    def draw(self, surface: pygame.Surface, text: TextRenderer, theme: Theme, on_dark: bool = False) -> None:
        line_h, indent = text.line_height(self.style), self._indent(text)
        self.draw_more_marks(surface, theme)
        for i, (rect, lines) in enumerate(zip(self.rects, self._wrapped)):
            if not rect.w:
                continue
            if i == self.selected:  # a fill, a thick outline and a marker: never colour alone
                pygame.draw.rect(surface, theme.selected_bg, rect, border_radius=12)
                pygame.draw.rect(surface, theme.accent, rect, width=theme.focus_width, border_radius=12)
                m = rect.x + theme.focus_width + 2
                pygame.draw.polygon(surface, theme.accent, [(m, rect.centery - 8), (m + 7, rect.centery),
                                                            (m, rect.centery + 8)])
            y = rect.y + self.PAD_Y
            number = self.prefix(i)
            if number:
                img = text.render(number, self.style, theme.accent)
                surface.blit(img, (rect.x + self.PAD_X + indent - text.width("  ", self.style) - img.get_width(), y))
            for line in lines:
                surface.blit(text.render(line, self.style, theme.ink), (rect.x + self.PAD_X + indent, y))
                y += line_h
        for i, pair in enumerate(self.arrows):
            if pair is None:
                continue
            color = theme.ink if i == self.selected else theme.ink_soft
            back, forward = pair
            cy, s = back.centery, 9
            # Shapes, not words: ◀ steps back, ▶ steps on.
            pygame.draw.polygon(surface, color, [(back.centerx + s // 2, cy - s), (back.centerx - s, cy),
                                                 (back.centerx + s // 2, cy + s)])
            pygame.draw.polygon(surface, color, [(forward.centerx - s // 2, cy - s), (forward.centerx + s, cy),
                                                 (forward.centerx - s // 2, cy + s)])


class SettingsScreen(Screen):
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        # The keys screen is another module; without it (an older copy of the game) the item is simply not there.
        self.items = [i for i in ITEMS if i != "keys" or importlib.util.find_spec("game.ui.keys_screen") is not None]
        self.message: str | None = None  # a ui key: why read-aloud could not be turned on
        self.menu = SettingsList([], ctx.theme.option, 1000, numbered=True)
        self.menu.stepped = [item in VALUES for item in self.items]
        self._relabel()

    # --- words ------------------------------------------------------------------------------------------------------
    def _relabel(self) -> None:
        self.menu.labels = [self.label(item) for item in self.items]

    def label(self, item: str) -> str:
        t, s = self.ctx.t, self.ctx.settings
        if item in TOGGLES:
            state = t("common.on") if getattr(s, item) else t("common.off")
            return t(f"settings.{item}", state=state)
        if item == "text_scale":
            return t("settings.text_size", percent=round(s.text_scale * 100))
        if item in ("volume", "music_volume"):
            return t(f"settings.{item}", percent=round(getattr(s, item) * 100))
        if item == "line_spacing":
            return t("settings.line_spacing", value=t(SPACING_WORDS.get(s.line_spacing, "settings.spacing_normal")))
        if item == "font":
            return t("settings.font", value=t(f"settings.font_{s.font}"))
        if item == "theme":
            return t("settings.theme", value=t(f"settings.theme_{s.theme}"))
        if item == "text_speed":
            return t("settings.text_speed", value=t(f"settings.speed_{s.text_speed}"))
        return t(f"settings.{item}")  # keys, back

    def _notice(self) -> str | None:
        """Why read-aloud is off: after trying to turn it on, or when the engine gave up later (no voice, broken)."""
        speech = self.ctx.speech
        key = self.message
        if key is None and speech is not None and not getattr(speech, "available", True):
            key = getattr(speech, "reason", "") or "settings.speech_missing"
        if key is None:
            return None
        return self.ctx.t(key if key in self.ctx.content.strings.ui else "settings.speech_missing")

    def speech_text(self) -> str | None:
        parts = [self.ctx.t("settings.title"), self._notice() or "", self.menu.labels[self.menu.selected]]
        return "\n".join(p for p in parts if p)

    # --- changing -----------------------------------------------------------------------------------------------------
    def change(self, item: str, step: int, wrap: bool) -> None:
        """Move ``item`` ``step`` values on (wrapping round, or stopping at the ends); toggles flip either way."""
        s = self.ctx.settings
        if item == "fullscreen":
            self.ctx.toggle_fullscreen()
        elif item == "read_aloud":
            if s.read_aloud:
                self.ctx.update_settings(read_aloud=False)
                self.message = None
            else:
                self.message = self.ctx.enable_speech()  # None: it speaks; else why not (the setting stays off)
        elif item in TOGGLES:
            self.ctx.update_settings(**{item: not getattr(s, item)})
        elif item in VALUES:
            values = VALUES[item]
            now = getattr(s, item)
            # The nearest value (a volume written by an older version may fall between the steps).
            i = min(range(len(values)), key=lambda k: abs(values[k] - now) if isinstance(now, float) else
                    (0 if values[k] == now else 1))
            j = (i + step) % len(values) if wrap else min(len(values) - 1, max(0, i + step))
            if values[j] == now:
                return
            self.ctx.update_settings(**{item: values[j]})
        else:
            return
        self.ctx.play_sound("select")
        self._relabel()

    def handle(self, event: pygame.event.Event) -> Transition | None:
        action = self.ctx.bindings.action(event)
        if event.type == pygame.KEYDOWN and action in (Action.PAUSE, Action.BACK):
            return Pop()
        item = self.items[self.menu.selected]
        if event.type == pygame.KEYDOWN and action in (Action.LEFT, Action.RIGHT):
            self.change(item, -1 if action is Action.LEFT else 1, wrap=False)
            return None
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, pair in enumerate(self.menu.arrows):
                if pair is not None and (pair[0].collidepoint(event.pos) or pair[1].collidepoint(event.pos)):
                    self.menu.selected = i
                    self.change(self.items[i], -1 if pair[0].collidepoint(event.pos) else 1, wrap=False)
                    return None
        chosen = self.menu.handle(event, self.ctx.bindings)
        if chosen is None:
            return None
        item = self.items[chosen]
        if item == "back":
            self.ctx.play_sound("select")
            return Pop()
        if item == "keys":
            try:
                from game.ui.keys_screen import KeysScreen
            except ImportError:
                return None
            self.ctx.play_sound("select")
            return Push(KeysScreen(self.ctx))
        self.change(item, 1, wrap=True)
        return None

    def resumed(self) -> Transition | None:
        self._relabel()
        return None

    # --- drawing ------------------------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        self._relabel()  # F11 may have changed full screen while this screen was open
        sw, sh = LOGICAL_SIZE
        surface.blit(self.ctx.images.dusk(), (0, 0))
        box = pygame.Rect(MARGIN, MARGIN, sw - 2 * MARGIN, sh - 2 * MARGIN)
        panel(surface, box, theme)
        inner = box.w - 2 * PAD
        x, y = box.x + PAD, box.y + 18
        head = theme.heading if text.scale <= 1.25 else theme.menu  # at large sizes the list needs the room more
        y = text.draw_lines(surface, text.wrap(self.ctx.t("settings.title"), inner, head), head, theme.ink, x, y)
        notice = self._notice()
        if notice:
            y = self._draw_notice(surface, notice, x, y + 4, inner)
        hint = text.wrap(self.ctx.t("settings.hint"), inner, theme.small)
        hint_y = box.bottom - 14 - len(hint) * text.line_height(theme.small)
        text.draw_lines(surface, hint, theme.small, theme.ink_soft, x, hint_y)
        room = hint_y - y - 20
        self._fit(text, theme, room)
        self.menu.layout(text, x - MenuList.PAD_X // 2, y + 8)
        self.menu.draw(surface, text, theme)

    def _fit(self, text: TextRenderer, theme: Theme, room: int) -> None:
        """Two columns if they fit, else one; the larger style first. Nothing fits: one column, windowed."""
        menu = self.menu
        menu.width = LOGICAL_SIZE[0] - 2 * MARGIN - 2 * PAD + MenuList.PAD_X
        menu.max_height = None
        for style in (theme.option, theme.small):
            for columns in (2, 1):
                menu.style, menu.columns = style, columns
                if menu.layout(text, 0, 0) <= room:
                    menu.max_height = room
                    return
        menu.style, menu.columns, menu.max_height = theme.option, 1, room

    def _draw_notice(self, surface: pygame.Surface, notice: str, x: int, y: int, width: int) -> int:
        theme, text = self.ctx.theme, self.ctx.text
        lines = text.wrap(notice, width - 40, theme.small)
        box = pygame.Rect(x, y, width, len(lines) * text.line_height(theme.small) + 16)
        pygame.draw.rect(surface, theme.selected_bg, box, border_radius=10)
        pygame.draw.rect(surface, theme.accent, (box.x, box.y, 6, box.h), border_top_left_radius=10,
                         border_bottom_left_radius=10)
        text.draw_lines(surface, lines, theme.small, theme.ink, box.x + 22, box.y + 8)
        return box.bottom + 6
