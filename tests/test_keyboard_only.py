"""The whole first chapter with the keyboard alone — not one mouse event: the title, New game, the chapter's note,
walking the house and the lane, talking to everyone, every choice on the way (with the arrows and Enter, and with the
number keys), the help card, the recent lines, the break screen in the world and in a conversation, the debrief
scrolled with Page Down, "What if?" to choose again, and on into the next chapter."""

from __future__ import annotations

import pygame
import pytest

from game.settings import Settings
from game.story.runner import Menu, Say
from game.ui.app import App
from game.ui.chapter_end import ChapterEndScreen
from game.ui.context import Context
from game.ui.dialogue import DialogueScreen
from game.ui.help_card import HelpScreen
from game.ui.history import HistoryScreen
from game.ui.pause import PauseScreen
from game.ui.title import TitleScreen
from game.ui.what_if import WhatIfScreen
from game.ui.world import WorldScreen
from game.world.pathfind import find_path
from tests.test_e2e import DT, KEY_OF, ROOT, frames, npc_tile, look_up, only_events, press, read_options, saved

KEY_EVENTS = {pygame.KEYDOWN, pygame.KEYUP}



@pytest.fixture()
def keys_only(monkeypatch):
    """Every event the test gives the game must be a key."""
    with only_events(monkeypatch, KEY_EVENTS) as posted:
        yield posted


def is_note(screen) -> bool:
    return type(screen).__name__ == "NoteScreen"  # the content note before a chapter or a part


def read(app: App, seen: list[str]) -> None:
    """Space through the lines (Enter on "Go on" of a content note) until a choice or the map."""
    for _ in range(300):
        top = app.top
        if is_note(top):
            assert top.items[top.card.menu.selected] == "go_on"
            press(app, pygame.K_RETURN)
            continue
        if not isinstance(top, DialogueScreen) or not isinstance(top.step, Say):
            return
        seen.append(top.step.id)
        press(app, pygame.K_SPACE)
    raise AssertionError("the conversation never ended")


def options(app: App) -> list[str]:
    assert isinstance(app.top, DialogueScreen) and isinstance(app.top.step, Menu), app.top
    return [o.id for o in app.top.step.options]


def pick_with_arrows(app: App, option_id: str) -> None:
    ids = options(app)
    menu = app.top.menu
    read_options(app)
    for _ in range(len(ids)):
        if menu.selected == ids.index(option_id):
            break
        press(app, pygame.K_DOWN, settle=0)
    assert menu.selected == ids.index(option_id)
    press(app, pygame.K_RETURN)


def pick_with_number(app: App, option_id: str) -> None:
    read_options(app)
    press(app, pygame.K_1 + options(app).index(option_id))


def walk(app: App, goal: tuple[int, int], seen: list[str], beside: bool) -> None:
    """With the arrow keys, a tile at a time: beside ``goal`` (facing it) or onto it. Conversations a trigger starts
    on the way are read through."""
    world = app.top
    scene = world.scene
    for _ in range(300):
        if not isinstance(app.top, WorldScreen):
            read(app, seen)
            continue
        x, y = world.tile
        if world.scene != scene:
            return  # walked through an exit
        if beside and abs(goal[0] - x) + abs(goal[1] - y) == 1:
            press(app, KEY_OF[(goal[0] - x, goal[1] - y)], settle=1)  # turn to face it
            return
        if not beside and (x, y) == goal:
            return
        path = find_path(world.blocked, world.info.width, world.info.height, world.tile, goal)
        assert path, f"no way from {world.tile} to {goal}"
        nx, ny = path[0]
        press(app, KEY_OF[(nx - x, ny - y)], settle=14)
    raise AssertionError(f"never reached {goal}")


def talk(app: App, character: str, seen: list[str]) -> DialogueScreen:
    walk(app, npc_tile(app, character), seen, beside=True)
    look_up(app)
    press(app, pygame.K_SPACE)
    assert isinstance(app.top, DialogueScreen), f"Space opened no conversation with {character}"
    read(app, seen)
    return app.top


def through_exit(app: App, seen: list[str]) -> str:
    world = app.top
    door = next(o for o in world.exits)
    walk(app, (door.rect[0], door.rect[1]), seen, beside=False)
    frames(app, 2)
    return world.scene


def test_the_whole_first_chapter_with_the_keyboard_alone(content, display, tmp_path, keys_only):
    ctx = Context.create(ROOT, content, Settings(), tmp_path)
    ctx.display = display
    app = App(ctx, TitleScreen(ctx), display)
    app.step([], DT)
    seen: list[str] = []

    # The title: the arrows move, Enter chooses New game.
    title = app.top
    press(app, pygame.K_DOWN)
    assert title.menu.selected == 1
    press(app, pygame.K_UP)
    assert title._items()[title.menu.selected] == "new_game"
    press(app, pygame.K_RETURN)
    read(app, seen)  # the chapter's note, then the evening begins
    world = app.top
    assert isinstance(world, WorldScreen) and world.scene == "home" and "home.arrive.v1" in seen
    session = world.session

    # From the map: the help card (F1), the recent lines (H), the break screen (Esc); each closes with Esc or Enter.
    press(app, pygame.K_F1)
    assert isinstance(app.top, HelpScreen)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_h)
    assert isinstance(app.top, HistoryScreen)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)
    pause = app.top
    assert isinstance(pause, PauseScreen)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_UP)
    press(app, pygame.K_RETURN)  # "Back to the game"
    assert app.top is world

    # Meera in the kitchen: ask why (arrows and Enter), then help (a number key).
    talk(app, "meera", seen)
    assert "home.courtyard_first.a1" in seen  # the courtyard's trigger on the way was read too
    pick_with_arrows(app, "home.meera_menu.talk.why")
    read(app, seen)
    assert "home.meera_why.w1" in seen
    pick_with_number(app, "home.meera_menu.talk.help")
    read(app, seen)
    assert app.top is world and session.state.vars["helped_meera"] is True

    # Amma: a break in the middle of the conversation changes nothing; then the test, and the errand.
    talk(app, "amma", seen)
    dialogue = app.top
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, PauseScreen)
    press(app, pygame.K_ESCAPE)
    assert app.top is dialogue and isinstance(dialogue.step, Menu)
    pick_with_arrows(app, "home.amma_menu.ask.exam")
    read(app, seen)
    assert session.state.vars["asked_amma"] is True
    talk(app, "amma", seen)
    pick_with_number(app, "home.amma_menu.ask.milk")
    read(app, seen)
    assert session.state.vars["milk_errand"] is True

    # Out to the lane: the milk, a question for Sharma-ji, the neighbour; and home again.
    assert through_exit(app, seen) == "lane"
    talk(app, "shopkeeper", seen)
    pick_with_arrows(app, "lane.shopkeeper.buy.milk")
    read(app, seen)
    talk(app, "shopkeeper", seen)
    pick_with_arrows(app, "lane.shopkeeper.buy.cook")
    read(app, seen)
    assert "lane.shop_cook.c2" in seen and session.state.vars["got_milk"] is True
    talk(app, "neighbour", seen)
    assert "lane.neighbour.n1" in seen and app.top is world
    assert through_exit(app, seen) == "home"
    assert saved(tmp_path)["world"]["scene"] == "home"

    # Dadi and the newspaper.
    talk(app, "dadi", seen)
    pick_with_arrows(app, "home.dadi_menu.with_dadi.school")
    read(app, seen)
    pick_with_arrows(app, "home.dadi_menu.with_dadi.stand")
    read(app, seen)
    assert session.state.vars["talked_dadi"] is True

    # Dinner: every choice of it.
    talk(app, "amma", seen)
    pick_with_arrows(app, "home.amma_menu.ask.dinner")
    read(app, seen)
    pick_with_arrows(app, "home.dinner.marriage.dadi")
    read(app, seen)
    assert "home.dadi_speaks.k2" in seen and "home.papa_step.s1" in seen
    pick_with_number(app, "home.chachi.speak.offer")
    read(app, seen)

    # The chapter's end: the debrief, read with Page Down.
    end = app.top
    assert isinstance(end, ChapterEndScreen) and end.ending.ending == "home.studied"
    assert end.items == ["next", "what_if", "help"]
    assert end.card.max_scroll() > 0  # more to read than fits
    press(app, pygame.K_PAGEDOWN)
    assert end.card.scroll > 0
    press(app, pygame.K_PAGEDOWN)
    assert end.card.scroll == end.card.max_scroll()
    press(app, pygame.K_PAGEUP)
    press(app, pygame.K_PAGEUP)
    assert end.card.scroll == 0
    press(app, pygame.K_DOWN)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)  # who can help
    assert isinstance(app.top, HelpScreen)
    press(app, pygame.K_RETURN)  # its Back button
    assert app.top is end

    # What if? Back to Chachi's visit, and this time ask why it is always Meera.
    press(app, pygame.K_UP)
    assert end.items[end.card.menu.selected] == "what_if"
    press(app, pygame.K_RETURN)
    what_if = app.top
    assert isinstance(what_if, WhatIfScreen)
    labels = [d.label for d in what_if.decisions]
    assert "Chachi's visit tomorrow" in labels
    while what_if.card.menu.selected != labels.index("Chachi's visit tomorrow"):
        press(app, pygame.K_DOWN, settle=0)
    press(app, pygame.K_RETURN)
    frames(app, 2)
    read(app, seen)
    assert options(app) == ["home.chachi.speak.question", "home.chachi.speak.quiet", "home.chachi.speak.offer"]
    pick_with_arrows(app, "home.chachi.speak.question")
    read(app, seen)
    end = app.top
    assert isinstance(end, ChapterEndScreen) and "home.dinner_question.q5" in seen

    # On to the next chapter.
    assert end.items[end.card.menu.selected] == "next"
    press(app, pygame.K_RETURN)
    frames(app, 2)
    assert isinstance(app.stack[0], WorldScreen) and app.stack[0].scene == "school"
    read(app, seen)
    assert any(line.startswith("school.bell.") for line in seen)
    assert isinstance(app.top, WorldScreen) and session.state.vars["helped_meera"] is True
