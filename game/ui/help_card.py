"""The help card: people to talk to and help lines, from dialogue/<lang>/help.yaml. One key (F1) from anywhere."""

from __future__ import annotations

import re

import pygame

from game.ui.card import Block, Card
from game.ui.context import Context
from game.ui.input import Action
from game.ui.menu import MenuList
from game.ui.screen import Screen
from game.ui.theme import veil
from game.ui.transitions import Pop, Transition


class HelpScreen(Screen):
    opaque = False

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        card, theme = ctx.content.strings.help, ctx.theme
        blocks = [Block(card.title, theme.heading, theme.ink, gap=0),
                  Block(card.intro, theme.body, theme.ink, gap=10)]
        blocks += [Block(person, theme.body, theme.ink, gap=8, bullet="•") for person in card.people]
        for line in card.lines:
            blocks.append(Block(f"{line.name}: {line.number}", theme.name, theme.accent, gap=20))
            blocks.append(Block(line.note, theme.body, theme.ink, gap=2))
        self.card = Card(blocks, MenuList([ctx.t("help.back")], theme.menu, 500))

    def speech_text(self) -> str | None:
        # Help-line numbers are read digit by digit ("1 0 9 8", not "one thousand and ninety-eight"): that is how
        # they are dialled. Hyphens in "1-800-422-4453" become short pauses.
        text = super().speech_text() or ""
        for line in self.ctx.content.strings.help.lines:
            text = text.replace(f"{line.name}: {line.number}", f"{line.name}: {spell_digits(line.number)}")
        return text or None

    def handle(self, event: pygame.event.Event) -> Transition | None:
        if event.type == pygame.KEYDOWN and self.ctx.bindings.action(event) in (Action.PAUSE, Action.BACK,
                                                                                  Action.HELP):
            return Pop()
        if self.card.handle(event, self.ctx.bindings) is not None:
            return Pop()
        return None

    def draw(self, surface: pygame.Surface) -> None:
        veil(surface, self.ctx.theme)
        self.card.draw(surface, self.ctx.text, self.ctx.theme)


def spell_digits(number: str) -> str:
    """ "1-800-422" -> "1, 8 0 0, 4 2 2": each digit on its own, groups apart, for read-aloud."""
    groups = [" ".join(g) for g in re.findall(r"\d+", number)]
    return ", ".join(groups) if groups else number
