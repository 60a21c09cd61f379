"""The dialogue box over the world: portrait, name, typewriter text, options, and a caption for a line's sound.

Never timed: a key or click completes a line, and a choice waits for the student however long it takes. The player's
settings are read at the moment they matter (text speed, reduced motion, auto-advance, captions), so a change made on
the break screen applies to the very line on screen.
"""

from __future__ import annotations

import pygame

from game.session import Session
from game.story.model import Line
from game.story.runner import Discuss, Ended, Menu, Note, Say
from game.ui.context import Context
from game.ui.input import Action
from game.ui.keys_screen import confirm_label
from game.ui.menu import MenuList
from game.ui.screen import Screen
from game.ui.theme import LOGICAL_SIZE, panel
from game.ui.transitions import Pop, Push, Replace, Transition

# Typewriter speed for each text-speed setting; "instant" (and reduced motion) shows the whole page at once.
CHARS_PER_SECOND = {"slow": 30, "normal": 55, "fast": 110}
# Auto-advance (off by default): a page fully shown stays for the time it takes to read it, never less than 3 s,
# then moves on by itself. Never a choice.
READ_BASE, READ_PER_CHAR, READ_MIN = 1.5, 0.06, 3.0
MARGIN = 20
PAD = 22
GAP = 22


class DialogueScreen(Screen):
    # Opaque because it draws a snapshot of the world itself: the world does not move during a conversation, so
    # redrawing it under every typewriter frame would be wasted work.
    opaque = True

    def __init__(self, ctx: Context, session: Session, backdrop: Screen | None = None) -> None:
        self.ctx = ctx
        self.session = session
        self.backdrop = backdrop
        self._snapshot: pygame.Surface | None = None
        self._snapshot_version = -1  # the stage's version the snapshot shows (see _draw_backdrop)
        self.last_say: Say | None = None
        self.step: Say | Menu | Discuss | Note | Ended | None = None
        self.menu: MenuList | None = None
        self.revealed = 0.0
        self.waited = 0.0  # seconds the fully shown page has waited (auto-advance)
        self.page = 0
        self._layout_key: tuple | None = None
        self._serial = 0
        self._refresh()

    # --- following the runner -----------------------------------------------------------------------------------
    def _refresh(self) -> None:
        self.step = self.session.runner.current()
        cues = self.session.runner.take_cues()
        if cues and hasattr(self.backdrop, "stage_play"):
            self.backdrop.stage_play(cues)  # staging steps run on the way here: the map plays them
        self._serial += 1
        self.revealed = 0.0
        self.waited = 0.0
        self.page = 0
        self._layout_key = None
        self.menu = None
        if isinstance(self.step, Say):
            self.last_say = self.step
            self.ctx.remember_line(self.ctx.content.strings.name(self.step.speaker), self.step.text)
            if self.step.sound:
                self.ctx.play_sound(self.step.sound)  # heard, and seen as a caption while the line is on screen
        elif isinstance(self.step, Menu):
            self.menu = MenuList([o.text for o in self.step.options], self.ctx.theme.option, 0, numbered=True)
            self.session.mark_decision(self.step.id, self.step.label)

    def _after_step(self) -> Transition | None:
        self._refresh()
        if self.step is None:
            return Pop()
        if isinstance(self.step, Discuss):
            from game.ui.discuss import DiscussScreen

            return Push(DiscussScreen(self.ctx, self.session, self.step))
        if isinstance(self.step, Note):
            from game.ui.content_note import NoteScreen

            return Push(NoteScreen(self.ctx, self.session, self.step))  # it pops itself once the runner moved on
        if isinstance(self.step, Ended):
            from game.ui.chapter_end import ChapterEndScreen

            self.session.save()
            return Replace(ChapterEndScreen(self.ctx, self.session, self.step))
        return None

    # --- layout ------------------------------------------------------------------------------------------------------
    def _layout(self) -> None:
        key = (self._serial, self.ctx.text.layout_key)
        if self._layout_key == key:
            return
        self._layout_key = key
        theme, text = self.ctx.theme, self.ctx.text
        sw, sh = LOGICAL_SIZE
        say = self.last_say
        portrait = self.ctx.images.portrait(say.speaker, say.face) if say else None
        self.portrait = portrait
        # Without a portrait the text still leaves room for the option highlight inside the box edge.
        self.text_x = MARGIN + PAD + (portrait.get_width() + PAD if portrait else MenuList.PAD_X)
        text_w = sw - MARGIN - PAD - self.text_x
        self.lines = text.wrap(say.text, text_w, theme.body) if say else []
        line_h = text.line_height(theme.body)
        hint_h = text.line_height(theme.small)
        menu_h = 0
        # The box grows with the text; what still does not fit is shown a page at a time.
        max_box = sh - 2 * MARGIN - 40
        if self.menu is not None:
            # The options keep at least two lines of what was said above them: at large text sizes they take a
            # smaller style, and if even that is too tall they show a window that follows the selection.
            self.menu.width = text_w
            self.menu.max_height = None
            room_for_menu = max_box - 2 * PAD - hint_h - min(len(self.lines), 2) * line_h - GAP
            menu_h = self.menu.fit(text, room_for_menu, (theme.option, theme.small))
            if menu_h > room_for_menu:
                self.menu.max_height = room_for_menu
                menu_h = self.menu.layout(text, 0, 0)
            menu_h += GAP
        room = max_box - 2 * PAD - hint_h - menu_h
        self.per_page = max(1, room // line_h)
        self.pages = [self.lines[i:i + self.per_page] for i in range(0, len(self.lines), self.per_page)] or [[]]
        if self.menu is not None:
            self.page = len(self.pages) - 1
        body_h = max(len(p) for p in self.pages) * line_h if self.lines else 0
        min_h = (portrait.get_height() + 2 * PAD) if portrait else 0
        box_h = max(min_h, body_h + menu_h + hint_h + 2 * PAD)
        self.box = pygame.Rect(MARGIN, sh - MARGIN - box_h, sw - 2 * MARGIN, box_h)
        if self.menu is not None:
            self.menu.layout(text, self.text_x - MenuList.PAD_X, self.box.y + PAD + body_h + GAP // 2)

    def _page_chars(self) -> int:
        return sum(len(line) for line in self.pages[self.page]) if self.pages else 0

    def speed(self) -> float | None:
        """Characters per second of the typewriter now; None: the page appears whole (instant, or reduced motion)."""
        settings = self.ctx.settings
        return None if settings.reduced_motion else CHARS_PER_SECOND.get(settings.text_speed)

    def shown(self) -> float:
        """How many characters of the page are on screen."""
        self._layout()
        chars = self._page_chars()
        return float(chars) if self.speed() is None else min(self.revealed, chars)

    def typing(self) -> bool:
        self._layout()
        return isinstance(self.step, Say) and self.shown() < self._page_chars()

    def reading_pause(self) -> float:
        """Auto-advance: how long the fully shown page stays before it moves on by itself."""
        return max(READ_MIN, READ_BASE + READ_PER_CHAR * self._page_chars())

    def _auto_waiting(self) -> bool:
        # Only a line, never a choice: nothing in the game is timed.
        return self.ctx.settings.auto_advance and isinstance(self.step, Say) and not self.typing()

    # --- screen protocol ----------------------------------------------------------------------------------------
    # --- staging: the world behind the box plays what the scene's staging steps did --------------------------------
    @property
    def stage(self):
        """The world's StageView when this conversation is over a map (None over a plain backdrop)."""
        return getattr(self.backdrop, "stage", None)

    def staging(self) -> bool:
        return self.stage is not None and self.stage.busy

    def holding(self) -> bool:
        """A `wait` is under way (or a scene with no more lines is still moving): the box stays hidden."""
        return self.stage is not None and (self.stage.holding or (self.step is None and self.stage.busy))

    def _finish_stage(self) -> None:
        if hasattr(self.backdrop, "stage_finish"):
            self.backdrop.stage_finish()

    def animating(self) -> bool:
        # False while a page is fully shown and auto-advance is off: the app then sleeps until the student acts.
        self._layout()
        return (self.staging() or self.typing() or self._auto_waiting() or self.step is None
                or isinstance(self.step, (Ended, Discuss, Note)))

    def update(self, dt: float) -> Transition | None:
        if self.staging():
            self.backdrop.stage_update(dt)
        if self.holding():
            return None  # the text waits for the beat (or the last walk) to end
        if self.step is None or isinstance(self.step, (Ended, Discuss, Note)):
            # A conversation that had nothing to show (every line's condition was false) closes by itself; a pause
            # point or a content note is handed to its own screen.
            return self._after_step()
        if self.typing():
            self.revealed += dt * (self.speed() or 0.0)
        elif self._auto_waiting():
            self.waited += dt
            if self.waited >= self.reading_pause():
                return self._go_on()
        return None

    def handle(self, event: pygame.event.Event) -> Transition | None:
        self._layout()
        action = self.ctx.bindings.action(event)
        if event.type == pygame.KEYDOWN and action is Action.PAUSE:
            from game.ui.pause import PauseScreen

            return Push(PauseScreen(self.ctx, self.session))
        if self.holding():
            # A key or click during a beat: the scene jumps to where it is going, and the text comes at once.
            if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
                self._finish_stage()
            return None
        if isinstance(self.step, Menu) and self.menu is not None:
            chosen = self.menu.handle(event, self.ctx.bindings)
            if chosen is None:
                return None
            self._finish_stage()  # nobody is left half-way when the story moves on
            self.ctx.play_sound("select")  # no caption: it answers the student's own choice
            self.session.chose(self.step.options[chosen].text)
            self.session.choose(chosen)
            self.session.save()  # every decision is saved at once
            return self._after_step()
        go_on = (event.type == pygame.KEYDOWN and action is Action.CONFIRM) or (
            event.type == pygame.MOUSEBUTTONDOWN and event.button == 1)
        if not go_on or not isinstance(self.step, Say):
            return None
        if self.typing():
            self.revealed = self._page_chars()
            return None
        self.ctx.play_sound("page")  # no caption: it answers the student's own key or click
        return self._go_on()

    def _go_on(self) -> Transition | None:
        """The next page of the line, or the next step of the story."""
        self.waited = 0.0
        if self.page + 1 < len(self.pages):
            self.page += 1
            self.revealed = 0.0
            return None
        self._finish_stage()  # nobody is left half-way when the story moves on
        self.session.runner.advance()
        return self._after_step()

    def resumed(self) -> Transition | None:
        # The break screen may have changed the text size or the language: lay out again, in the words of now.
        self._layout_key = None
        self.waited = 0.0  # back from a break: the whole reading pause again before auto-advance goes on
        if self.ctx.settings.reduced_motion:
            self._finish_stage()  # reduced motion turned on during a break: whatever was walking is there now
        step = self.session.runner.current()
        if isinstance(self.step, Discuss) and not isinstance(step, Discuss):
            return self._after_step()  # the class went on from a pause point: show what comes next
        if isinstance(self.step, Note) and not (isinstance(step, Note) and step.id == self.step.id):
            return self._after_step()  # past the content note (gone on, or skipped): show what comes next
        if isinstance(step, Say) and isinstance(self.step, Say) and step.id == self.step.id:
            self.step = self.last_say = step
        elif isinstance(step, Menu) and isinstance(self.step, Menu) and step.id == self.step.id:
            self.step = step
            self.menu.labels = [o.text for o in step.options]
            self.last_say = self._say_again() or self.last_say
        return None

    def _say_again(self) -> Say | None:
        """The line shown above a choice, in the current language."""
        if self.last_say is None:
            return None
        node = self.session.content.story.node(".".join(self.last_say.id.split(".")[:2]))
        for step in (node.steps if node else ()):
            if isinstance(step, Line) and step.id == self.last_say.id:
                return Say(step.id, step.speaker, step.face, self.session.runner.show(step.id, step.text), step.sound)
        return None

    # --- drawing -----------------------------------------------------------------------------------------------------
    def _draw_backdrop(self, surface: pygame.Surface) -> None:
        if self.backdrop is None:
            surface.fill((30, 26, 34))
            return
        if self.stage is not None:
            # Over a map: people may be walking behind the box, so the map is drawn live while they do; once
            # everyone stands still it is kept as a snapshot, drawn again only when the scene changes (an emote).
            if self.staging():
                self._snapshot = None
                self.backdrop.draw_scene(surface, shaded=not self.holding())
                return
            if self._snapshot is None or self._snapshot.get_size() != surface.get_size() \
                    or self.stage.version != self._snapshot_version:
                self._snapshot = pygame.Surface(surface.get_size()).convert()
                self.backdrop.draw_scene(self._snapshot, shaded=True)
                self._snapshot_version = self.stage.version
            surface.blit(self._snapshot, (0, 0))
            return
        if self._snapshot is None or self._snapshot.get_size() != surface.get_size():
            snap = pygame.Surface(surface.get_size()).convert()
            draw_scene = getattr(self.backdrop, "draw_scene", self.backdrop.draw)
            draw_scene(snap)
            shade = pygame.Surface(snap.get_size(), pygame.SRCALPHA)
            shade.fill((10, 8, 20, 70))
            snap.blit(shade, (0, 0))
            self._snapshot = snap
        surface.blit(self._snapshot, (0, 0))

    def draw(self, surface: pygame.Surface) -> None:
        self._layout()
        self._draw_backdrop(surface)
        if self.step is None or isinstance(self.step, (Ended, Discuss, Note)) or self.holding():
            return
        theme, text = self.ctx.theme, self.ctx.text
        panel(surface, self.box, theme)
        say = self.last_say
        if self.portrait is not None:
            spot = pygame.Rect(self.box.x + PAD, self.box.y + PAD, *self.portrait.get_size())
            pygame.draw.rect(surface, theme.paper_edge, spot.inflate(8, 8), border_radius=10)
            surface.blit(self.portrait, spot)
        name_tag = self._draw_name(surface, say.speaker) if say is not None and say.speaker else None
        caption = self.caption()
        if caption:
            self._draw_caption(surface, caption, name_tag)
        self._draw_text(surface)
        if self.menu is not None:
            self.menu.draw(surface, text, theme)
        hint = self.ctx.t("dialogue.choose_hint", count=len(self.menu.labels)) if self.menu else (
            "" if self.typing() else self.ctx.t("dialogue.next_hint", confirm=confirm_label(self.ctx)))
        if hint:
            img = text.render(hint, theme.small, theme.ink_soft)
            surface.blit(img, (self.box.right - PAD - img.get_width(), self.box.bottom - PAD // 2 - img.get_height()))

    def _draw_name(self, surface: pygame.Surface, speaker: str) -> pygame.Rect:
        theme, text = self.ctx.theme, self.ctx.text
        name = self.ctx.content.strings.name(speaker)
        color = self.ctx.content.characters[speaker].color if speaker in self.ctx.content.characters else theme.ink
        img = text.render(name, theme.name, theme.on_dark)
        tag = pygame.Rect(self.text_x - 14, 0, img.get_width() + 28, img.get_height() + 10)
        tag.bottom = self.box.y + 6
        pygame.draw.rect(surface, color, tag, border_radius=10)
        pygame.draw.rect(surface, theme.paper_edge, tag, width=3, border_radius=10)
        surface.blit(img, (tag.x + 14, tag.y + 5))
        return tag

    def _draw_text(self, surface: pygame.Surface) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        lines = self.pages[self.page] if self.pages else []
        budget = self.shown() if isinstance(self.step, Say) else float("inf")
        y = self.box.y + PAD
        step = text.line_height(theme.body)
        color = theme.ink if isinstance(self.step, Say) else theme.ink_soft
        for line in lines:
            img = text.render(line, theme.body, color)
            if budget >= len(line):
                surface.blit(img, (self.text_x, y))
            elif budget > 0:
                # Reveal by clipping the shaped line, so complex scripts are never shaped half-way through a cluster.
                width = int(img.get_width() * budget / max(1, len(line)))
                surface.blit(img, (self.text_x, y), pygame.Rect(0, 0, width, img.get_height()))
            budget -= len(line)
            y += step

    # --- captions ------------------------------------------------------------------------------------------------
    def caption(self) -> str | None:
        """The words for the sound of the line on screen ("[the doorbell rings]"), while captions are on. It stays
        while the line does, also above the choice that follows it. A sound with no caption of its own (one a
        facilitator added) still shows the general one, so no sound ever goes unseen."""
        say = self.last_say
        if say is None or not say.sound or not self.ctx.settings.captions or not isinstance(self.step, (Say, Menu)):
            return None
        key = f"captions.{say.sound}"
        return self.ctx.t(key if key in self.ctx.content.strings.ui else "captions.other_sound")

    def caption_rect(self, name_tag: pygame.Rect | None = None) -> tuple[pygame.Rect, list[str]]:
        """Where the caption tag goes: on the top edge of the box at the right, like the name tag at the left, and
        wrapped (growing upwards) rather than running into the name."""
        theme, text = self.ctx.theme, self.ctx.text
        line_h = text.line_height(theme.small)
        icon = _icon_size(line_h)
        left = (name_tag.right if name_tag is not None else self.box.x) + GAP
        room = self.box.right - PAD - left - icon - 3 * CAPTION_PAD
        lines = text.wrap(self.caption() or "", max(80, room), theme.small)
        width = max(text.width(line, theme.small) for line in lines) + icon + 3 * CAPTION_PAD
        tag = pygame.Rect(0, 0, width, len(lines) * line_h + 10)
        tag.right = self.box.right - PAD
        tag.bottom = self.box.y + 6
        return tag, lines

    def _draw_caption(self, surface: pygame.Surface, caption: str, name_tag: pygame.Rect | None) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        tag, lines = self.caption_rect(name_tag)
        pygame.draw.rect(surface, theme.paper, tag, border_radius=10)
        pygame.draw.rect(surface, theme.paper_edge, tag, width=3, border_radius=10)
        line_h = text.line_height(theme.small)
        # A speaker drawn beside the words: a shape, so the tag says "a sound" without relying on colour.
        _draw_speaker(surface, theme.ink, tag.x + CAPTION_PAD, tag.y + 5 + line_h // 2, _icon_size(line_h))
        text.draw_lines(surface, lines, theme.small, theme.ink, tag.x + 2 * CAPTION_PAD + _icon_size(line_h),
                        tag.y + 5)

    # --- read-aloud ----------------------------------------------------------------------------------------------
    def speech_text(self) -> str | None:
        """The speaker's name and the line; on a choice, the line above it and the numbered options, one a line.
        The line above a choice reads the same as when it was said, so read-aloud goes on with the options only."""
        if isinstance(self.step, Say):
            return self._spoken(self.step)
        if isinstance(self.step, Menu) and self.menu is not None:
            above = [self._spoken(self.last_say)] if self.last_say is not None else []
            options = [f"{i}. {label}" for i, label in enumerate(self.menu.labels, 1)]
            return "\n".join(above + options)
        return None

    def _spoken(self, say: Say) -> str:
        name = self.ctx.content.strings.name(say.speaker)
        return f"{name}: {say.text}" if name else say.text


CAPTION_PAD = 12


def _icon_size(line_h: int) -> int:
    return max(12, line_h * 3 // 4)


def _draw_speaker(surface: pygame.Surface, color, x: int, cy: int, size: int) -> None:
    """A loudspeaker with two sound waves, ``size`` pixels wide, vertically centred on ``cy``."""
    h = size
    box = pygame.Rect(x, cy - h // 6, max(2, size // 5), max(2, h // 3))
    pygame.draw.rect(surface, color, box)
    cone = [(box.right, box.top), (box.right + size * 2 // 5, cy - h // 2), (box.right + size * 2 // 5, cy + h // 2),
            (box.right, box.bottom)]
    pygame.draw.polygon(surface, color, cone)
    wave_x = box.right + size * 2 // 5
    for r in (size // 4, size // 2):
        arc = pygame.Rect(0, 0, 2 * r, 2 * r)
        arc.center = (wave_x - r // 2, cy)
        pygame.draw.arc(surface, color, arc, -0.9, 0.9, max(2, size // 10))
