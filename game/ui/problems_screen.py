"""Shown instead of the game when the content has errors: the checker's own messages, never a traceback."""

from __future__ import annotations

import pygame

from game.console import as_run  # hints name the command as this game is started
from game.story.problems import Problem, summary
from game.ui.input import Action, Bindings
from game.ui.screen import Screen
from game.ui.text import Style, TextRenderer
from game.ui.theme import LOGICAL_SIZE, Theme
from game.ui.transitions import Quit, Transition


class ProblemsScreen(Screen):
    """Works without any content (the strings themselves may be what is broken), so its words are the checker's."""

    def __init__(self, text: TextRenderer, problems: list[Problem], files: int) -> None:
        self.text = text
        self.problems = [p for p in problems if p.severity == "error"] + [p for p in problems if p.severity != "error"]
        self.summary = summary(problems, files)
        self.scroll = 0
        self.theme = Theme()
        self.bindings = Bindings()

    def handle(self, event: pygame.event.Event) -> Transition | None:
        action = self.bindings.action(event)
        if event.type == pygame.KEYDOWN and action in (Action.PAUSE, Action.BACK):
            return Quit()
        if event.type == pygame.KEYDOWN and action is Action.DOWN:
            self.scroll = min(self.scroll + 1, max(0, len(self.problems) - 1))
        elif event.type == pygame.KEYDOWN and action is Action.UP:
            self.scroll = max(0, self.scroll - 1)
        elif event.type == pygame.MOUSEWHEEL:
            self.scroll = min(max(0, self.scroll - event.y), max(0, len(self.problems) - 1))
        return None

    def draw(self, surface: pygame.Surface) -> None:
        sw, sh = LOGICAL_SIZE
        theme = self.theme  # the standard one: no settings are read before the content loads
        surface.fill((28, 24, 36))  # a shade from theme.dark; the text colours on it are in the contrast test
        mono = Style(20)
        y = 30
        y = self.text.draw_lines(surface, [self.summary], Style(30, bold=True), theme.on_dark_warm, 40, y) + 12
        for problem in self.problems[self.scroll:]:
            # Each line also says "error" or "warning" in words: the colour is never the only sign.
            color = theme.on_dark_error if problem.severity == "error" else theme.on_dark_warm
            lines = self.text.wrap(as_run(problem.format()), sw - 80, mono)
            if y + len(lines) * self.text.line_height(mono) > sh - 20:
                break
            y = self.text.draw_lines(surface, lines, mono, color, 40, y) + 8
