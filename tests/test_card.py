"""Long reads (debrief, help card) scroll instead of running off the screen, at any text size."""

import pygame

from game.paths import project_root
from game.ui.card import Block, Card
from game.ui.input import Bindings
from game.ui.menu import MenuList
from game.ui.text import FontFiles, TextRenderer
from game.ui.theme import Theme


def make(scale: float):
    text = TextRenderer(FontFiles.shipped(project_root() / "assets" / "fonts"), scale=scale)
    theme = Theme()
    blocks = [Block("A heading", theme.heading, theme.ink, gap=0)]
    blocks += [Block("One thing that happened because of a choice the player made. " * 2, theme.body, theme.ink,
                     bullet="•") for _ in range(12)]
    card = Card(blocks, MenuList(["Next chapter", "What if…?", "Who can help"], theme.menu, 620))
    return card, text, theme


def test_long_card_scrolls_and_keeps_buttons_on_screen(display):
    for scale in (1.0, 2.0):
        card, text, theme = make(scale)
        surface = pygame.Surface((1280, 720))
        card.draw(surface, text, theme)
        assert card.max_scroll() > 0
        for rect in card.menu.rects:
            assert 0 <= rect.top and rect.bottom <= 720
        assert card._view.bottom <= card.menu.rects[0].top  # text never runs under the buttons
        card.handle(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-3), Bindings())
        assert card.scroll > 0
        for _ in range(40):
            card.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_PAGEDOWN, mod=0), Bindings())
        assert card.scroll == card.max_scroll()


def test_short_card_does_not_scroll(display):
    text = TextRenderer(FontFiles.shipped(project_root() / "assets" / "fonts"))
    theme = Theme()
    card = Card([Block("Short", theme.body, theme.ink)], MenuList(["Back"], theme.menu, 400))
    card.draw(pygame.Surface((1280, 720)), text, theme)
    assert card.max_scroll() == 0
    card.handle(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-3), Bindings())
    assert card.scroll == 0
