"""A content note, before a part of the story (or a chapter) that may be hard for a student: what is in it, calmly,
and the choice to go on, to skip the part (reading a short summary instead), or to see who can help.

The dialogue screen pushes this screen when the runner shows a `Note`; it pops itself once the runner has moved on
(``advance`` after "Go on", ``skip`` after the summary), and the dialogue screen shows what comes next.
"""

from __future__ import annotations

import pygame

from game.session import Session
from game.story.runner import Note
from game.ui.card import Block, Card
from game.ui.context import Context
from game.ui.input import Action
from game.ui.menu import MenuList
from game.ui.screen import Screen
from game.ui.transitions import Pop, Push, Transition

CARD_WIDTH = 960  # at 100 % text; it widens with the text size, up to the window, so the note fits at 200 %


class NoteScreen(Screen):
    def __init__(self, ctx: Context, session: Session, note: Note) -> None:
        self.ctx = ctx
        self.session = session
        self.note = note
        self.skipping = False  # the student chose to skip: the summary is on screen, "Go on" goes past the part
        self.card = Card([], MenuList([], ctx.theme.menu, 500, horizontal=True), width=CARD_WIDTH, compact=True)
        self._relabel()

    # --- what it says ---------------------------------------------------------------------------------------------
    def _items(self) -> list[str]:
        if self.skipping:
            return ["go_on", "help"]
        return ["go_on", "skip", "help"] if self.note.skippable else ["go_on", "help"]

    def _relabel(self) -> None:
        theme, t = self.ctx.theme, self.ctx.t
        part = "chapter" if self.note.chapter else "part"
        if self.skipping:
            blocks = [Block(t("notes.summary_heading"), theme.small, theme.accent, gap=0),
                      Block(self.note.summary, theme.body, theme.ink, gap=12)]
        else:
            blocks = [Block(t(f"notes.heading_{part}"), theme.small, theme.accent, gap=0),
                      Block(t(f"notes.has_{part}"), theme.body, theme.ink, gap=8)]
            blocks += [Block(t(f"notes.tag_{tag}"), theme.body, theme.ink, gap=6, bullet="•")
                       for tag in self.note.tags]
            if self.note.skippable:
                blocks.append(Block(t("notes.skip_text"), theme.body, theme.ink, gap=18))
            # Said once, on the note; the summary after it keeps the card short enough for 200 % text.
            blocks.append(Block(t("notes.break_text"), theme.small, theme.ink_soft, gap=12))
        self.card.blocks = blocks
        self.items = self._items()
        self.card.menu.labels = [t(f"notes.{item}") for item in self.items]
        self.card.menu.selected = min(self.card.menu.selected, len(self.items) - 1)

    # --- input --------------------------------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> Transition | None:
        action = self.ctx.bindings.action(event)
        if event.type == pygame.KEYDOWN and action is Action.PAUSE:
            from game.ui.pause import PauseScreen

            return Push(PauseScreen(self.ctx, self.session))  # a break, at any time: the note waits
        if event.type == pygame.KEYDOWN and action is Action.BACK and self.skipping:
            self.skipping = False  # changed their mind: back to the note, the part is still there to read
            self.card.menu.selected = 0
            self._relabel()
            return None
        chosen = self.card.handle(event, self.ctx.bindings)
        if chosen is None:
            return None
        self.ctx.play_sound("select")
        item = self.items[chosen]
        if item == "help":
            from game.ui.help_card import HelpScreen

            return Push(HelpScreen(self.ctx))
        if item == "skip":
            self.skipping = True
            self.card.menu.selected = 0
            self.card.scroll = 0
            self._relabel()
            return None
        if self.skipping:
            # The summary stands in for the part in the backlog too, so the story there still reads whole.
            self.ctx.remember_line("", self.note.summary)
            self.session.runner.skip()
        else:
            self.session.runner.advance()
        self.session.save()
        return Pop()

    def resumed(self) -> Transition | None:
        # The break screen may have changed the language or the text size: the same note, in the words of now.
        now = self.session.runner.current()
        if isinstance(now, Note) and now.id == self.note.id:
            self.note = now
        self._relabel()
        return None

    def draw(self, surface: pygame.Surface) -> None:
        self.card.width = round(CARD_WIDTH * max(1.0, self.ctx.text.scale))  # the card keeps it within the window
        surface.blit(self.ctx.images.dusk(), (0, 0))
        self.card.draw(surface, self.ctx.text, self.ctx.theme)
