"""A pause point in a class session: the game stops with a question for the class to talk about, until the teacher
lets the class go on (or at once, if the teacher allowed students to continue by themselves)."""

from __future__ import annotations

import pygame

from game.session import Session
from game.story.runner import Discuss
from game.ui.card import Block, Card
from game.ui.classflow import CLASS_TICK
from game.ui.context import Context
from game.ui.input import Action
from game.ui.menu import MenuList
from game.ui.screen import Screen
from game.ui.transitions import Pop, Push, Transition


class DiscussScreen(Screen):
    def __init__(self, ctx: Context, session: Session, step: Discuss) -> None:
        self.ctx = ctx
        self.session = session
        self.step = step
        self.link = session.classroom
        chapter = session.chapter.id if session.chapter else ""
        if self.link is not None:
            self.link.pause_reached(step.id, chapter)
            session.save()
        self.free = self._may_go_on()
        self.card = Card([], MenuList([], ctx.theme.menu, 500, horizontal=True), width=1000, compact=True)
        self._relabel()

    def _may_go_on(self) -> bool:
        return self.link is None or self.link.may_go_on(self.step.id)

    def _relabel(self) -> None:
        theme, t = self.ctx.theme, self.ctx.t
        level = self.link.session.level if self.link is not None else "younger"
        prompt = self.step.older if level == "older" else self.step.younger
        status = t("class.discuss_free") if self.free else t("class.discuss_wait")
        self.card.blocks = [Block(t("class.discuss_heading"), theme.small, theme.accent, gap=0),
                            Block(prompt, theme.menu, theme.ink, gap=10),
                            Block(t("class.discuss_minutes", minutes=self.step.minutes), theme.body, theme.ink_soft,
                                  gap=18),
                            Block(status, theme.body, theme.ink, gap=18)]
        self.card.menu.labels = [t("class.discuss_go_on")] if self.free else []

    def on_timer(self, event: pygame.event.Event) -> bool | None:
        if event.type != CLASS_TICK:
            return None
        free = self._may_go_on()
        if free == self.free:
            return False
        self.free = free
        self._relabel()
        return True

    def handle(self, event: pygame.event.Event) -> Transition | None:
        if event.type == pygame.KEYDOWN and self.ctx.bindings.action(event) is Action.PAUSE:
            from game.ui.pause import PauseScreen

            return Push(PauseScreen(self.ctx, self.session))
        if not self.free:
            return None
        if self.card.handle(event, self.ctx.bindings) is None:
            return None
        self.ctx.play_sound("select")
        if self.link is not None:
            self.link.pause_left(self.step.id, self.session.chapter.id if self.session.chapter else "")
        self.session.runner.advance()
        self.session.save()
        return Pop()

    def resumed(self) -> Transition | None:
        self.free = self._may_go_on()  # the teacher may have let the class go on meanwhile
        step = self.session.runner.current()  # the break screen may have changed the language: the question too
        if isinstance(step, Discuss) and step.id == self.step.id:
            self.step = step
        self._relabel()  # the break screen may have changed the language or the text size
        return None

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self.ctx.images.dusk(), (0, 0))
        self.card.draw(surface, self.ctx.text, self.ctx.theme)
