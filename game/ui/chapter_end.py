"""The end of a chapter: the ending the player's choices led to, what happened, questions to think about, then the
next chapter, "What if?" (go back to a decision) or the help card. It is also a natural pause point for a class."""

from __future__ import annotations

import pygame

from game.session import Session
from game.story.debrief import debrief_text
from game.story.runner import Ended
from game.ui.card import Block, Card
from game.ui.context import Context
from game.ui.input import Action
from game.ui.menu import MenuList
from game.ui.screen import Screen
from game.ui.transitions import Push, Reset, Transition


class ChapterEndScreen(Screen):
    def __init__(self, ctx: Context, session: Session, ending: Ended) -> None:
        self.ctx = ctx
        self.session = session
        self.ending = ending
        self.next = session.next_chapter()
        scene = ending.ending.split(".")[0]
        story_scene = ctx.content.story.scenes.get(scene)
        chapter = session.chapter
        first = ctx.content.story.scenes.get(chapter.scenes[0]) if chapter else story_scene
        text = ctx.text_hook()
        self.chapter_title = text(f"{first.id}.title", first.title) if first else ""
        self.happened, self.questions = debrief_text(ctx.content.story, first.id, session.state, text) \
            if first else ([], [])
        ctx.play_sound("chime")  # no caption: the chime comes with this card, which is its own cue
        session.chapter_ended(ending.ending)  # in a class session: written once to the results
        self.items: list[str] = []
        self.card = Card(self._blocks(), MenuList([], ctx.theme.option, 620, horizontal=True))
        self._relabel()

    def _relabel(self) -> None:
        t = self.ctx.t
        self.items = ["next" if self.next else "finish"]
        in_class = self.session.classroom is not None
        labels = [t("chapter_end.next") if self.next else t("class.go_on" if in_class else "chapter_end.continue")]
        if self.session.decisions():
            self.items.append("what_if")
            labels.append(t("chapter_end.what_if"))
        self.items.append("help")
        labels.append(t("chapter_end.help"))
        self.card.menu.labels = labels

    def _blocks(self, compact: bool = False) -> list[Block]:
        """The card's text. ``compact``: what happened as one paragraph and tighter gaps, so that with many things
        having happened every question still shows without scrolling (they are what the class talks about)."""
        theme, t = self.ctx.theme, self.ctx.t
        section = 10 if compact else 26
        heading = t("chapter_end.heading" if self.next else "chapter_end.final_heading", chapter=self.chapter_title)
        blocks = [Block(heading, theme.small, theme.accent, gap=0),
                  Block(self.ending.title, theme.menu if compact else theme.heading, theme.ink, gap=4),
                  Block(self.ending.text, theme.body, theme.ink, gap=12)]
        if self.happened:
            blocks.append(Block(t("chapter_end.happened"), theme.name, theme.accent, gap=section))
            if compact:
                blocks.append(Block(" ".join(self.happened), theme.option, theme.ink, gap=6))
            else:
                blocks += [Block(line, theme.body, theme.ink, gap=6, bullet="•") for line in self.happened]
        if self.questions:
            blocks.append(Block(t("chapter_end.questions"), theme.name, theme.accent, gap=section))
            blocks += [Block(q, theme.body, theme.ink, gap=2 if compact else 6, bullet=f"{i}.")
                       for i, q in enumerate(self.questions, 1)]
        return blocks

    def handle(self, event: pygame.event.Event) -> Transition | None:
        if event.type == pygame.KEYDOWN and self.ctx.bindings.action(event) is Action.PAUSE:
            return None  # the break screen is for play; this screen already is a pause
        chosen = self.card.handle(event, self.ctx.bindings)
        if chosen is None:
            return None
        self.ctx.play_sound("select")  # no caption: it answers the student's own choice
        item = self.items[chosen]
        if item == "next":
            from game.ui.world import WorldScreen

            self.session.start_chapter(self.next.id)
            self.session.save()
            return Reset(WorldScreen(self.ctx, self.session))
        if item == "finish" and self.session.classroom is not None:
            from game.ui.classflow import after_last_chapter

            return after_last_chapter(self.ctx, self.session)
        if item == "finish":
            from game.ui.title import TitleScreen

            return Reset(TitleScreen(self.ctx))
        if item == "what_if":
            from game.ui.what_if import WhatIfScreen

            return Push(WhatIfScreen(self.ctx, self.session))
        from game.ui.help_card import HelpScreen

        return Push(HelpScreen(self.ctx))

    def resumed(self) -> Transition | None:
        self._relabel()
        return None

    def _fit(self) -> None:
        """The full card when it fits (at this text size), else the compact one."""
        key = self.ctx.text.layout_key
        if getattr(self, "_fitted", None) == key:
            return
        self._fitted = key
        self.card.blocks = self._blocks()
        self.card.layout(self.ctx.text, self.ctx.theme)
        if self.card.max_scroll() > 0:
            self.card.blocks = self._blocks(compact=True)

    def draw(self, surface: pygame.Surface) -> None:
        self._fit()
        surface.blit(self.ctx.images.dusk(), (0, 0))
        self.card.draw(surface, self.ctx.text, self.ctx.theme)
