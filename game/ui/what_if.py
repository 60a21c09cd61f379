"""'What if?': go back to one decision of this chapter and choose again. Everything after it is played anew."""

from __future__ import annotations

import pygame

from game.session import Session
from game.ui.card import Block, Card
from game.ui.context import Context
from game.ui.input import Action
from game.ui.menu import MenuList
from game.ui.screen import Screen
from game.ui.theme import veil
from game.ui.transitions import Pop, Reset, Transition


class WhatIfScreen(Screen):
    opaque = False

    def __init__(self, ctx: Context, session: Session) -> None:
        self.ctx = ctx
        self.session = session
        self.decisions = session.decisions()
        t = ctx.t
        labels = [f"{d.label} — {t('what_if.chose', option=d.chosen)}" for d in self.decisions] + [t("what_if.back")]
        blocks = [Block(t("what_if.title"), ctx.theme.heading, ctx.theme.ink, gap=0),
                  Block(t("what_if.intro"), ctx.theme.body, ctx.theme.ink, gap=10)]
        self.card = Card(blocks, MenuList(labels, ctx.theme.option, 900), wide_menu=True)
        self.pointer = (-1, -1)  # where the mouse was last seen (the wheel's events do not say)

    def handle(self, event: pygame.event.Event) -> Transition | None:
        if event.type == pygame.KEYDOWN and self.ctx.bindings.action(event) in (Action.PAUSE, Action.BACK):
            return Pop()
        if event.type == pygame.MOUSEMOTION:
            self.pointer = event.pos
        if event.type == pygame.MOUSEWHEEL and (self.card.max_scroll() == 0 or any(
                r.collidepoint(self.pointer) for r in self.card.menu.rects if r.w)):
            # A long list of decisions shows a window of them: the wheel (over the list, or when the text above has
            # nothing to scroll) goes through it, so every decision can be reached with the mouse alone.
            self.card.menu.handle(event, self.ctx.bindings)
            return None
        chosen = self.card.handle(event, self.ctx.bindings)
        if chosen is None:
            return None
        self.ctx.play_sound("select")  # no caption: it answers the student's own choice
        if chosen >= len(self.decisions):
            return Pop()
        from game.ui.world import WorldScreen

        self.session.go_back_to(self.decisions[chosen])
        return Reset(WorldScreen(self.ctx, self.session))

    def draw(self, surface: pygame.Surface) -> None:
        veil(surface, self.ctx.theme)
        self.card.draw(surface, self.ctx.text, self.ctx.theme)
