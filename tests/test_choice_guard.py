"""A choice must be read: it opens with nothing highlighted, and in its first moment (CHOICE_GUARD) no key or click
picks, so mashing Space or 1 through the last line lands on the options without choosing one. Arrows, number keys
and the mouse work as before once it has been on screen a moment."""

from __future__ import annotations

import pygame

from game.story.runner import Menu
from game.ui.dialogue import CHOICE_GUARD, DialogueScreen
from game.ui.menu import NONE
from tests.test_motion_sound import DT, at_node, key

GUARD_FRAMES = round(CHOICE_GUARD / DT) + 1


def to_the_choice(app) -> DialogueScreen:
    screen = app.top
    for _ in range(20):
        if isinstance(screen.step, Menu):
            return screen
        key(app, pygame.K_SPACE)
        for _ in range(3):
            app.step([], DT)
    raise AssertionError("no choice")


def wait(app, n: int = GUARD_FRAMES) -> None:
    for _ in range(n):
        app.step([], DT)


def test_nothing_is_highlighted_and_space_and_enter_choose_nothing(content, display, tmp_path) -> None:
    app = at_node(content, display, tmp_path, "home.meera", text_speed="instant")
    screen = to_the_choice(app)
    menu = screen.step
    assert screen.menu.selected == NONE
    wait(app)
    for code in (pygame.K_SPACE, pygame.K_RETURN) * 3:
        key(app, code)
    assert screen.step is menu and screen.menu.selected == NONE
    key(app, pygame.K_DOWN)  # an arrow highlights the first option; Enter takes it
    assert screen.menu.selected == 0
    key(app, pygame.K_RETURN)
    assert screen.step is not menu
    assert menu.options[0].id in screen.session.state.chosen  # the first option ("once") is marked as taken


def test_mashing_space_through_the_lines_never_picks(content, display, tmp_path) -> None:
    for code in (pygame.K_SPACE, pygame.K_1):
        app = at_node(content, display, tmp_path / str(code), "home.meera", text_speed="instant")
        screen = app.top
        seen_menu = None
        for _ in range(120):  # two seconds of a key pressed every frame
            if isinstance(screen.step, Menu):
                seen_menu = seen_menu or screen.step
            key(app, pygame.K_SPACE if seen_menu is None else code)
        if code == pygame.K_SPACE:
            assert seen_menu is not None and screen.step is seen_menu  # still the same choice, nothing picked
        else:
            # A 1 held down through the lines picks only after the choice has been there a moment: never the Space
            # of the line before, and the number keys still work.
            assert seen_menu is not None and screen.step is not seen_menu


def test_a_number_key_in_the_first_moment_is_ignored_and_works_after_it(content, display, tmp_path) -> None:
    app = at_node(content, display, tmp_path, "home.meera", text_speed="instant")
    screen = to_the_choice(app)
    menu = screen.step
    key(app, pygame.K_1)
    assert screen.step is menu
    key(app, pygame.K_DOWN)  # the arrows move the highlight at once
    key(app, pygame.K_DOWN)
    assert screen.menu.selected == 1
    wait(app)
    assert not app.animating()  # the guard is over: the game sleeps until the student acts
    key(app, pygame.K_1)
    assert screen.step is not menu


def test_a_click_in_the_first_moment_is_ignored_and_works_after_it(content, display, tmp_path) -> None:
    app = at_node(content, display, tmp_path, "home.meera", text_speed="instant")
    screen = to_the_choice(app)
    menu = screen.step
    pos = screen.menu.rects[2].center
    click = [pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=pos),
             pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=pos)]
    app.step(click, DT)
    assert screen.step is menu and screen.menu.selected == 2  # it shows where the click was, but does not pick
    wait(app)
    app.step(click, DT)
    assert screen.step is not menu
