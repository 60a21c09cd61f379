"""The dialogue box over the world: portrait, name, typewriter text, options. Never timed; a key or click completes."""

from __future__ import annotations

import pygame

from game.session import Session
from game.story.model import Line
from game.story.runner import Discuss, Ended, Menu, Say
from game.ui.context import Context
from game.ui.input import Action
from game.ui.menu import MenuList
from game.ui.screen import Screen
from game.ui.theme import LOGICAL_SIZE, panel
from game.ui.transitions import Pop, Push, Replace, Transition

CHARS_PER_SECOND = 55
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
        self.last_say: Say | None = None
        self.step: Say | Menu | Ended | None = None
        self.menu: MenuList | None = None
        self.revealed = 0.0
        self.page = 0
        self._layout_key: tuple | None = None
        self._serial = 0
        self._refresh()

    # --- following the runner -----------------------------------------------------------------------------------
    def _refresh(self) -> None:
        self.step = self.session.runner.current()
        self._serial += 1
        self.revealed = 0.0
        self.page = 0
        self._layout_key = None
        self.menu = None
        if isinstance(self.step, Say):
            self.last_say = self.step
            self.ctx.remember_line(self.ctx.content.strings.name(self.step.speaker), self.step.text)
            if self.step.sound:
                self.ctx.play_sound(self.step.sound)
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
        if isinstance(self.step, Ended):
            from game.ui.chapter_end import ChapterEndScreen

            self.session.save()
            return Replace(ChapterEndScreen(self.ctx, self.session, self.step))
        return None

    # --- layout ------------------------------------------------------------------------------------------------------
    def _layout(self) -> None:
        key = (self._serial, self.ctx.text.scale)
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
        if self.menu is not None:
            self.menu.width = text_w
            menu_h = self.menu.layout(text, 0, 0) + GAP
        # The box grows with the text; what still does not fit is shown a page at a time.
        max_box = sh - 2 * MARGIN - 40
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

    def typing(self) -> bool:
        self._layout()
        return isinstance(self.step, Say) and self.revealed < self._page_chars()

    # --- screen protocol ----------------------------------------------------------------------------------------
    def animating(self) -> bool:
        self._layout()
        return self.typing() or self.step is None or isinstance(self.step, (Ended, Discuss))

    def update(self, dt: float) -> Transition | None:
        if self.step is None or isinstance(self.step, (Ended, Discuss)):
            # A conversation that had nothing to show (every line's condition was false) closes by itself.
            return self._after_step()
        self.revealed += dt * CHARS_PER_SECOND
        return None

    def handle(self, event: pygame.event.Event) -> Transition | None:
        self._layout()
        action = self.ctx.bindings.action(event)
        if event.type == pygame.KEYDOWN and action is Action.PAUSE:
            from game.ui.pause import PauseScreen

            return Push(PauseScreen(self.ctx, self.session))
        if isinstance(self.step, Menu) and self.menu is not None:
            chosen = self.menu.handle(event, self.ctx.bindings)
            if chosen is None:
                return None
            self.ctx.play_sound("select")
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
        self.ctx.play_sound("page")
        if self.page + 1 < len(self.pages):
            self.page += 1
            self.revealed = 0.0
            return None
        self.session.runner.advance()
        return self._after_step()

    def resumed(self) -> Transition | None:
        # The break screen may have changed the text size or the language: lay out again, in the words of now.
        self._layout_key = None
        step = self.session.runner.current()
        if isinstance(self.step, Discuss) and not isinstance(step, Discuss):
            return self._after_step()  # the class went on from a pause point: show what comes next
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
        if self.step is None or isinstance(self.step, (Ended, Discuss)):
            return
        theme, text = self.ctx.theme, self.ctx.text
        panel(surface, self.box, theme)
        say = self.last_say
        if self.portrait is not None:
            spot = pygame.Rect(self.box.x + PAD, self.box.y + PAD, *self.portrait.get_size())
            pygame.draw.rect(surface, theme.paper_edge, spot.inflate(8, 8), border_radius=10)
            surface.blit(self.portrait, spot)
        if say is not None and say.speaker:
            self._draw_name(surface, say.speaker)
        self._draw_text(surface)
        if self.menu is not None:
            self.menu.draw(surface, text, theme)
        hint = self.ctx.t("dialogue.choose_hint", count=len(self.menu.labels)) if self.menu else (
            "" if self.typing() else self.ctx.t("dialogue.next_hint"))
        if hint:
            img = text.render(hint, theme.small, theme.ink_soft)
            surface.blit(img, (self.box.right - PAD - img.get_width(), self.box.bottom - PAD // 2 - img.get_height()))

    def _draw_name(self, surface: pygame.Surface, speaker: str) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        name = self.ctx.content.strings.name(speaker)
        color = self.ctx.content.characters[speaker].color if speaker in self.ctx.content.characters else theme.ink
        img = text.render(name, theme.name, theme.on_dark)
        tag = pygame.Rect(self.text_x - 14, 0, img.get_width() + 28, img.get_height() + 10)
        tag.bottom = self.box.y + 6
        pygame.draw.rect(surface, color, tag, border_radius=10)
        pygame.draw.rect(surface, theme.paper_edge, tag, width=3, border_radius=10)
        surface.blit(img, (tag.x + 14, tag.y + 5))

    def _draw_text(self, surface: pygame.Surface) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        lines = self.pages[self.page] if self.pages else []
        budget = self.revealed if isinstance(self.step, Say) else float("inf")
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
