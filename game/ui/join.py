"""Typing a number on a card: the class join code (students) and the teacher PIN. No names, no accounts."""

from __future__ import annotations

import pygame

from game.ui.context import Context
from game.ui.numpad import ERASE, GAP as KEY_GAP, KEY_H, KEY_W, OK, PAD, NumberEntry
from game.ui.screen import Screen
from game.ui.theme import LOGICAL_SIZE, panel
from game.ui.transitions import Pop, Transition


class NumberScreen(Screen):
    """A heading, a short text, the digits typed so far, a pad, and a line for what went wrong."""

    def __init__(self, ctx: Context, length: int, secret: bool = False) -> None:
        self.ctx = ctx
        self.entry = NumberEntry(length, secret)
        self.message = ""

    # What the screen says; set by the subclass.
    def heading(self) -> str:
        raise NotImplementedError

    def intro(self) -> str:
        raise NotImplementedError

    def submit(self, value: str) -> Transition | None:
        raise NotImplementedError

    def speech_text(self) -> str | None:
        # The pad key the arrows are on, then the digits typed so far. A PIN is never read out, digit or key: the
        # class would hear it.
        key = PAD[self.entry.focus]
        names = {ERASE: self.ctx.t("class.erase"), OK: self.ctx.t("class.ok")}
        parts = [self.heading(), self.intro()]
        if key in names or not self.entry.secret:
            parts.append(names.get(key, key))
        if self.entry.value and not self.entry.secret:
            parts.append(" ".join(self.entry.value))
        if self.message:
            parts.append(self.message)
        return "\n".join(parts)

    def handle(self, event: pygame.event.Event) -> Transition | None:
        before = self.entry.value
        result = self.entry.handle(event)
        if self.entry.value != before:
            self.message = ""
        if result == "back":
            return Pop()
        if result == OK:
            self.ctx.play_sound("select")
            return self.submit(self.entry.value)
        return None

    def draw(self, surface: pygame.Surface) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        surface.blit(self.ctx.images.dusk(), (0, 0))
        sw, sh = LOGICAL_SIZE
        box = pygame.Rect(0, 0, 1160, sh - 40)
        box.center = (sw // 2, sh // 2)
        panel(surface, box, theme)
        # Words on the left, the pad on the right, so large text sizes still leave the pad whole.
        pad_w = 3 * KEY_W + 2 * KEY_GAP
        inner = box.w - 100 - pad_w - 50
        hint_h = text.line_height(theme.small)
        room = box.h - 48 - hint_h - 20
        for head, body in ((theme.heading, theme.body), (theme.menu, theme.body), (theme.menu, theme.small)):
            heading = text.wrap(self.heading(), inner, head)
            intro = text.wrap(self.intro(), inner, body)
            message = text.wrap(self.message, inner, theme.small) if self.message else []
            height = (len(heading) * text.line_height(head) + len(intro) * text.line_height(body) + 110
                      + len(message) * hint_h)
            if height <= room:
                break
        y = text.draw_lines(surface, heading, head, theme.ink, box.x + 50, box.y + 24)
        y = text.draw_lines(surface, intro, body, theme.ink, box.x + 50, y + 6)
        y = self.entry.draw_boxes(surface, text, theme, box.x + 50 + inner // 2, y + 18, inner)
        if message:
            text.draw_lines(surface, message, theme.small, theme.error, box.x + 50, y + 10)
        labels = {ERASE: self.ctx.t("class.erase"), OK: self.ctx.t("class.ok")}
        pad_h = 4 * (KEY_H + KEY_GAP) - KEY_GAP
        self.entry.draw_pad(surface, text, theme, box.right - 50 - pad_w // 2, box.y + (box.h - hint_h - pad_h) // 2,
                            labels)
        hint = text.wrap(self.ctx.t("class.number_hint"), box.w - 100, theme.small)
        text.draw_lines(surface, hint, theme.small, theme.ink_soft, box.x + 50, box.bottom - 16 - len(hint) * hint_h)


class JoinScreen(NumberScreen):
    """A student types the code on the board; the session's chapters, pauses and survey then apply."""

    def __init__(self, ctx: Context) -> None:
        from game.classroom.folder import CODE_DIGITS

        super().__init__(ctx, CODE_DIGITS)

    def heading(self) -> str:
        return self.ctx.t("class.join_title")

    def intro(self) -> str:
        return self.ctx.t("class.join_intro")

    def submit(self, value: str) -> Transition | None:
        from game.classroom.activities import definitions
        from game.classroom.folder import CODE_DIGITS, show_code
        from game.classroom.student import ClassLink

        if len(value) < CODE_DIGITS:
            self.message = self.ctx.t("class.code_short", digits=CODE_DIGITS)
            return None
        # The teacher's PC on the lab network first: it is the one authority for the class.
        from game.classroom.net import discover

        settings = self.ctx.settings
        addresses = discovery_addresses(settings.class_discovery)
        teachers = discover(value, addresses, settings.class_port, wait=DISCOVERY_WAIT) if addresses else []
        if len({t.key for t in teachers}) > 1:
            self.message = self.ctx.t("class.two_teachers")  # someone else answers for this code: never guess
            return None
        if teachers:
            link = ClassLink.join_remote(teachers[0], value, self.ctx.content.lang, self.ctx.root,
                                         self.ctx.data_dir, addresses, settings.class_port, definitions(self.ctx.content))
            if link is None:
                self.message = self.ctx.t("class.no_such_code", code=show_code(value))
                return None
            from game.ui.classflow import begin_class

            return begin_class(self.ctx, link)
        folder = self.ctx.class_folder()
        if not folder.root.is_dir():
            self.message = self.ctx.t("class.folder_missing")
            return None
        session = folder.session(value)
        if session is None:
            self.message = self.ctx.t("class.no_such_code", code=show_code(value))
            return None
        link = ClassLink.join(folder, session, self.ctx.content.lang, self.ctx.root, definitions(self.ctx.content))
        from game.ui.classflow import begin_class

        return begin_class(self.ctx, link)


DISCOVERY_WAIT = 0.8  # seconds a join waits for the teacher's PC to answer on the lab network


def discovery_addresses(setting: str) -> tuple[str, ...]:
    """The addresses in the setting that are on the lab network (or its broadcast address); others are ignored."""
    from game.classroom.net import lab_address

    out = []
    for part in setting.split(","):
        part = part.strip()
        if part == "255.255.255.255" or lab_address(part):
            out.append(part)
    return tuple(out[:8])


class PinScreen(NumberScreen):
    """The teacher's menu is behind a PIN, chosen (twice) on first use."""

    def __init__(self, ctx: Context) -> None:
        from game.classroom.pin import MAX_DIGITS, has_pin

        super().__init__(ctx, MAX_DIGITS, secret=True)
        self.setting = not has_pin(ctx.data_dir)
        self.first: str | None = None  # while setting: the PIN typed the first time

    def heading(self) -> str:
        if not self.setting:
            return self.ctx.t("pin.enter_title")
        return self.ctx.t("pin.again_title" if self.first else "pin.set_title")

    def intro(self) -> str:
        return self.ctx.t("pin.set_intro" if self.setting else "pin.enter_intro")

    def submit(self, value: str) -> Transition | None:
        from game.classroom.pin import set_pin, unlock, valid_pin

        self.entry.value = ""
        if not valid_pin(value):
            self.message = self.ctx.t("pin.length")
            return None
        if self.setting and self.first is None:
            self.first = value
            return None
        if self.setting:
            if value != self.first:
                self.first = None
                self.message = self.ctx.t("pin.mismatch")
                return None
            key = set_pin(self.ctx.data_dir, value)
            if key is None:
                self.message = self.ctx.t("pin.not_saved")
                from game.classroom.sign import TeacherKey

                key = TeacherKey.new()  # good for this lesson on this PC; the PIN is asked for again next time
        else:
            tried = unlock(self.ctx.data_dir, value)
            if tried.key is None:
                self.message = self.ctx.t("pin.wait", seconds=max(1, round(tried.wait))) if tried.wait else \
                    self.ctx.t("pin.wrong")
                return None
            key = tried.key
        self.ctx.teacher_key = key
        from game.ui.teacher_menu import TeacherMenuScreen
        from game.ui.transitions import Replace

        return Replace(TeacherMenuScreen(self.ctx))
