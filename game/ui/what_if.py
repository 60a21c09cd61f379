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

    def handle(self, event: pygame.event.Event) -> Transition | None:
        if event.type == pygame.KEYDOWN and self.ctx.bindings.action(event) in (Action.PAUSE, Action.BACK):
            return Pop()
        chosen = self.card.handle(event, self.ctx.bindings)
        if chosen is None:
            return None
        self.ctx.play_sound("select")
        if chosen >= len(self.decisions):
            return Pop()
        from game.ui.world import WorldScreen

        self.session.go_back_to(self.decisions[chosen])
        return Reset(WorldScreen(self.ctx, self.session))

    def draw(self, surface: pygame.Surface) -> None:
        veil(surface, self.ctx.theme)
        self.card.draw(surface, self.ctx.text, self.ctx.theme)
