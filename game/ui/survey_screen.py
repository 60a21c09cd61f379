"""The short survey before and after today's chapters: one statement at a time, any answer can be skipped, nothing
asks about the student's own life. Answers are written as they are given (a later answer to the same item wins)."""

from __future__ import annotations

import pygame

from game.session import Session
from game.ui.card import Block, Card
from game.ui.context import Context
from game.ui.menu import MenuList
from game.ui.screen import Screen
from game.ui.transitions import Transition


class SurveyScreen(Screen):
    def __init__(self, ctx: Context, session: Session, phase: str) -> None:
        self.ctx = ctx
        self.session = session
        self.phase = phase
        self.survey = ctx.content.survey
        self.index = -1  # -1: the page that says what this is and that every answer may be skipped
        self.card = Card([], MenuList([], ctx.theme.option, 620), width=1040, compact=True, text_first=True)
        self.actions: list[tuple[str, int]] = []
        self._page()

    def _text(self, text_id: str, source: str) -> str:
        return self.ctx.content.catalog.text(text_id, source)

    def _page(self) -> None:
        theme, t, survey = self.ctx.theme, self.ctx.t, self.survey
        menu = self.card.menu
        menu.selected = 0
        self.card.scroll = 0
        if self.index < 0:
            heading = t("survey.pre_heading" if self.phase == "pre" else "survey.post_heading")
            self.card.blocks = [Block(heading, theme.small, theme.accent, gap=0),
                                Block(self._text("survey.title", survey.title), theme.heading, theme.ink, gap=4),
                                Block(self._text("survey.intro", survey.intro), theme.body, theme.ink, gap=12)]
            self.actions = [("start", 0), ("skip_all", 0)]
            menu.labels, menu.numbered, menu.horizontal = [t("survey.start"), t("survey.skip_all")], False, True
            return
        item = survey.items[self.index]
        scale = survey.scales[item.scale]
        self.card.blocks = [Block(t("survey.progress", n=self.index + 1, total=len(survey.items)), theme.small,
                                  theme.accent, gap=0),
                            Block(self._text(f"survey.items.{item.id}", item.text), theme.menu, theme.ink, gap=10)]
        self.actions = [("answer", o.value) for o in scale.options] + [("skip", 0)]
        labels = [self._text(f"survey.scales.{scale.id}.{o.value}", o.text) for o in scale.options]
        labels.append(t("survey.skip"))
        if self.index > 0:
            self.actions.append(("back", 0))
            labels.append(t("survey.back"))
        menu.labels, menu.numbered, menu.horizontal = labels, True, False

    def handle(self, event: pygame.event.Event) -> Transition | None:
        chosen = self.card.handle(event, self.ctx.bindings)
        if chosen is None:
            return None
        self.ctx.play_sound("select")
        action, value = self.actions[chosen]
        if action == "skip_all":
            return self._done()
        if action == "back":
            self.index -= 1
            self._page()
            return None
        if action == "answer" and self.session.classroom is not None:
            item = self.survey.items[self.index]
            chapter = self.session.chapter.id if self.session.chapter else ""
            self.session.classroom.answered(item.id, value, self.phase, chapter)
        self.index += 1
        if self.index >= len(self.survey.items):
            return self._done()
        self._page()
        return None

    def _done(self) -> Transition:
        from game.ui.classflow import after_survey

        if self.session.classroom is not None:
            self.session.classroom.survey_done(self.phase)
        self.session.save()
        return after_survey(self.ctx, self.session, self.phase)

    def resumed(self) -> Transition | None:
        self._page()
        return None

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self.ctx.images.dusk(), (0, 0))
        self.card.draw(surface, self.ctx.text, self.ctx.theme)
