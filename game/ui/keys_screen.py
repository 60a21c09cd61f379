"""Remapping the keys (opened from the settings screen): each action with its keys; choose one, press a new key.

Three steps, each usable with the arrows and Enter or the mouse: the list of actions → "add a key" or "use only a new
key" → waiting for the key (Esc cancels). A key another action used moves over (or swaps, when it was that action's
only key) and the screen says so. Esc and F1 never change (a student who is stuck always has the break screen and the
help card), and number and page keys keep their own jobs; the screen says why when one is pressed. On this screen the
default keys work as well as the player's own (unless given to another action), so a student who remapped the arrows
or Enter away can still find the way back to the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.context import Context
from game.ui.input import ACTIONS, MAX_KEYS, Action, Bindings, Rebound, key_name
from game.ui.menu import MenuList
from game.ui.screen import Screen
from game.ui.theme import LOGICAL_SIZE, panel, veil
from game.ui.transitions import Pop, Transition

# Keys whose names are words, said in the player's language (ui.yaml keys.key_<name>); others are shown as pygame
# names them ("J", "F5", "Left shift").
NAMED_KEYS = {"space": "space", "return": "return", "enter": "enter", "up": "up", "down": "down", "left": "left",
              "right": "right", "backspace": "backspace", "escape": "escape", "tab": "tab"}
MARGIN = 20
PAD = 36
COLUMN_GAP = 24


@dataclass
class GridMenu(MenuList):
    """The list in two columns (the actions, then "reset" and "done" side by side below them), so every key is seen at
    once; one column, scrolled as a window, when the text is too large for two. Up/Down go through the items in
    reading order, Left/Right across the columns."""
    columns: int = 2
    grid: int = len(ACTIONS)  # items in the two columns; the ones after share the last row

    def _rows(self) -> int:
        return (self.grid + 1) // 2

    def layout(self, text, x: int, y: int) -> int:
        if self.columns == 1:
            return super().layout(text, x, y)
        self.rects.clear()
        self._wrapped.clear()
        self.more_above = self.more_below = False
        line_h = text.line_height(self.style)
        col_w = (self.width - COLUMN_GAP) // 2
        wrapped = [text.wrap(label, col_w - 2 * self.PAD_X, self.style) for label in self.labels]
        rows = self._rows()
        cells = [(i // rows, i % rows) if i < self.grid else (i - self.grid, rows) for i in range(len(self.labels))]
        heights: dict[int, int] = {}
        for (col, row), lines in zip(cells, wrapped):
            heights[row] = max(heights.get(row, 0), len(lines) * line_h + 2 * self.PAD_Y)
        tops, top = {}, y
        for row in sorted(heights):
            tops[row] = top
            top += heights[row] + self.GAP
        for (col, row), lines in zip(cells, wrapped):
            self.rects.append(pygame.Rect(x + col * (col_w + COLUMN_GAP), tops[row], col_w, heights[row]))
            self._wrapped.append(lines)
        return top - y - self.GAP if self.labels else 0

    def handle(self, event: pygame.event.Event, bindings: Bindings) -> int | None:
        action = bindings.action(event) if event.type == pygame.KEYDOWN else None
        if self.columns > 1 and action in (Action.LEFT, Action.RIGHT) and self.labels:
            step = 1 if action is Action.RIGHT else -1
            if self.selected < self.grid:
                step *= self._rows()
            target = self.selected + step
            if 0 <= target < len(self.labels) and (self.selected < self.grid) == (target < self.grid):
                self.selected = target
            return None
        return super().handle(event, bindings)


def key_label(ctx: Context, key: int) -> str:
    name = key_name(key)
    if name in NAMED_KEYS:
        return ctx.t(f"keys.key_{NAMED_KEYS[name]}")
    if len(name) == 1 or (name[:1] == "f" and name[1:].isdigit()):
        return name.upper()
    return name[:1].upper() + name[1:]


def confirm_label(ctx: Context) -> str:
    """The first key that talks and goes on now, by name, for the hints ("Space or click to go on")."""
    key = ctx.bindings.key_for(Action.CONFIRM)
    return key_label(ctx, key) if key is not None else ""


def keys_label(ctx: Context, bindings: Bindings, action: Action) -> str:
    return ", ".join(key_label(ctx, k) for k in bindings.keys_for(action))


class KeysScreen(Screen):
    opaque = False

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.mode = "list"  # "list" of actions, "how" (add or replace), "wait" (for the new key)
        self.action: Action | None = None
        self.keep = True
        self.message = ""  # what the last key press did, or why it was refused
        self.menu = GridMenu([], ctx.theme.option, 900)
        self._relabel()

    @property
    def capturing_keys(self) -> bool:
        """While waiting for a key, the app hands every key to this screen (F1, H and F11 too)."""
        return self.mode == "wait"

    # --- words ----------------------------------------------------------------------------------------------------
    def _action_name(self, action: Action) -> str:
        return self.ctx.t(f"keys.{action.value}")

    def _relabel(self) -> None:
        t, b = self.ctx.t, self.ctx.bindings
        if self.mode == "list":
            labels = [t("keys.row", action=self._action_name(a), keys=keys_label(self.ctx, b, a)) for a in ACTIONS]
            labels += [t("keys.reset"), t("keys.done")]
        elif self.mode == "how":
            name = self._action_name(self.action)
            labels = [t("keys.add", action=name), t("keys.replace", action=name), t("keys.cancel")]
        else:
            labels = [t("keys.cancel")]
        self.menu.labels = labels
        self.menu.selected = min(self.menu.selected, len(labels) - 1)

    def status(self) -> list[tuple[str, bool]]:
        """The lines under the heading: (text, is it news). The prompt of the step, after what just happened."""
        t = self.ctx.t
        out = [(self.message, True)] if self.message else []
        if self.mode == "how":
            out.append((t("keys.how", action=self._action_name(self.action),
                          keys=keys_label(self.ctx, self.ctx.bindings, self.action)), False))
            if self.action in (Action.PAUSE, Action.HELP):
                out.append((t("keys.fixed_note"), False))  # why Esc / F1 stay, whatever is chosen here
        elif self.mode == "wait":
            out.append((t("keys.waiting", action=self._action_name(self.action)), False))
        elif not self.message:
            out.append((t("keys.intro"), False))
        return out

    def _said(self, result: Rebound) -> str:
        t, ctx = self.ctx.t, self.ctx
        key = key_label(ctx, result.key)
        action = self._action_name(self.action)
        keys = keys_label(ctx, result.bindings, self.action)
        if result.outcome == "bound":
            return t("keys.bound", action=action, keys=keys)
        if result.outcome == "moved":
            return t("keys.moved", action=action, keys=keys, new_key=key, other=self._action_name(result.other))
        if result.outcome == "swapped":
            return t("keys.swapped", action=action, keys=keys, new_key=key, other=self._action_name(result.other),
                     old=key_label(ctx, result.old))
        if result.outcome == "same":
            return t("keys.same", action=action, new_key=key)
        if result.outcome == "fixed":
            return t("keys.fixed_pause" if result.other is Action.PAUSE else "keys.fixed_help", new_key=key)
        if result.outcome == "many":
            return t("keys.many", action=action, count=MAX_KEYS)
        if result.outcome == "last":
            return t("keys.last", new_key=key, other=self._action_name(result.other))
        return t(f"keys.refused_{result.outcome}", new_key=key)  # number, page, unknown

    # --- input ----------------------------------------------------------------------------------------------------
    def _nav(self) -> Bindings:
        """The bindings this screen is moved with: the player's, and the default keys that no action took away."""
        current = self.ctx.bindings
        return Bindings({**Bindings().keys, **current.keys}, current.source, current.pad)

    def handle(self, event: pygame.event.Event) -> Transition | None:
        if self.mode == "wait":
            return self._wait(event)
        action = self._nav().action(event) if event.type == pygame.KEYDOWN else None
        if action in (Action.PAUSE, Action.BACK):
            if self.mode == "list":
                return Pop()
            self._to_list()
            return None
        chosen = self.menu.handle(event, self._nav())
        if chosen is None:
            return None
        self.ctx.play_sound("select")
        if self.mode == "list":
            if chosen < len(ACTIONS):
                self.action = ACTIONS[chosen]
                self.mode, self.message = "how", ""
                self.menu.selected = 0
            elif chosen == len(ACTIONS):
                self._reset()
            else:
                return Pop()
        elif chosen < 2:
            self.keep = chosen == 0
            self.mode, self.message = "wait", ""
            self.menu.selected = 0
        else:
            self._to_list()
        self._relabel()
        return None

    def _wait(self, event: pygame.event.Event) -> Transition | None:
        if event.type == pygame.MOUSEBUTTONDOWN:
            if self.menu.handle(event, self._nav()) is not None:
                self._cancel()
            return None
        if event.type != pygame.KEYDOWN:
            return None
        if getattr(event, "from_device", False):
            # A controller's button or a right click stands for a key; it cannot be given to an action.
            if self.ctx.bindings.action(event) in (Action.PAUSE, Action.BACK):
                self._cancel()
            return None
        if event.key == pygame.K_ESCAPE:
            self._cancel()
            return None
        result = self.ctx.bindings.bind(self.action, event.key, keep=self.keep)
        self.message = self._said(result)
        if result.changed:
            self.ctx.update_settings(keys=result.bindings.source)  # saved at once, kept after a restart
            self.ctx.bindings = result.bindings
            self.ctx.play_sound("select")
        if result.changed or result.outcome == "same":
            self._to_list(keep_message=True)
        elif result.outcome == "many":  # back a step, where "use only a new key" is
            self.mode = "how"
            self.menu.selected = 1
            self._relabel()
        return None

    def _cancel(self) -> None:
        self.message = self.ctx.t("keys.cancelled")
        self._to_list(keep_message=True)

    def _to_list(self, keep_message: bool = False) -> None:
        self.mode = "list"
        if not keep_message:
            self.message = ""
        self.menu.selected = ACTIONS.index(self.action) if self.action is not None else 0
        self._relabel()

    def _reset(self) -> None:
        self.ctx.update_settings(keys=())
        self.ctx.bindings = self.ctx.bindings.reset()
        self.message = self.ctx.t("keys.reset_done")

    def resumed(self) -> Transition | None:
        self._relabel()  # the language may have changed underneath
        return None

    def speech_text(self) -> str | None:
        parts = [text for text, _ in self.status()]
        if self.menu.labels:
            parts.append(self.menu.labels[self.menu.selected])
        return ". ".join(parts)

    # --- drawing --------------------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        self._relabel()  # cheap, and right after a language or binding change made elsewhere
        veil(surface, theme)
        sw, sh = LOGICAL_SIZE
        full = self.mode == "list"  # the list fills the screen; the two small steps are a card in the middle
        width = sw - 2 * MARGIN if full else min(sw - 2 * MARGIN, round(820 * max(1.0, text.scale)))
        inner = width - 2 * PAD
        heading = text.wrap(self.ctx.t("keys.title"), inner, theme.heading)
        height = sh - 2 * MARGIN
        # The list needs room for a few rows at least; the words above it get smaller, then the general notes go, when
        # the text is large.
        least = 3 * (text.line_height(theme.small) + 2 * MenuList.PAD_Y + MenuList.GAP)
        notes = [self.ctx.t("keys.fixed_note"), self.ctx.t("keys.other_ways")] if full else []
        said = self.status()
        # Last resort: only what just happened and the step's own prompt (the first line that is not news).
        prompt = next((i for i, (_, news) in enumerate(said) if not news), len(said) - 1)
        for style, keep_notes, lines in ((theme.body, True, len(said)), (theme.body, False, len(said)),
                                         (theme.small, False, len(said)), (theme.small, False, prompt + 1)):
            status = [(text.wrap(line, inner, style), news) for line, news in said[:lines]]
            top_h = len(heading) * text.line_height(theme.heading) + sum(
                4 + len(lines) * text.line_height(style) for lines, _ in status)
            note_lines = [line for note in notes for line in text.wrap(note, inner, theme.small)] if keep_notes else []
            notes_h = len(note_lines) * text.line_height(theme.small)
            room = height - PAD - top_h - 16 - (notes_h + 12 if note_lines else 0)
            if room >= least:
                break
        room = max(room, least)
        self.menu.width = inner + MenuList.PAD_X
        styles = (theme.option, theme.small)
        self.menu.columns, self.menu.max_height = (2 if full else 1), None
        menu_h = self.menu.fit(text, room, styles)
        if menu_h > room:
            # Too large for two columns: one, showing a window of the rows around the selected one.
            self.menu.columns, self.menu.max_height = 1, room
            menu_h = self.menu.fit(text, room, styles)
        box = pygame.Rect(0, 0, width, height if full else min(height, PAD // 2 + top_h + 16 + menu_h + PAD))
        box.center = (sw // 2, sh // 2)
        panel(surface, box, theme)
        x, y = box.x + PAD, box.y + PAD // 2
        y = text.draw_lines(surface, heading, theme.heading, theme.ink, x, y)
        for lines, news in status:
            y = text.draw_lines(surface, lines, style, theme.accent if news else theme.ink, x, y + 4)
        self.menu.layout(text, x - MenuList.PAD_X // 2, y + 16)
        self.menu.draw(surface, text, theme)
        text.draw_lines(surface, note_lines, theme.small, theme.ink_soft, x, box.bottom - PAD // 2 - notes_h)
