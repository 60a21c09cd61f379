"""The whole first chapter with the mouse alone — not one key: New game on the title, the chapter's note, clicking
where to walk (only on what is on screen, as a student can), clicking people to talk to them, clicking through lines
and every choice on the way, the break screen (right click) and the help card from it, the debrief scrolled with the
wheel, "What if?" to choose again, and "Next chapter"."""

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
from game.ui.pause import ITEMS, PauseScreen
from game.ui.theme import LOGICAL_SIZE
from game.ui.title import TitleScreen
from game.ui.what_if import WhatIfScreen
from game.ui.world import WorldScreen
from game.world.pathfind import find_path
from tests.test_e2e import DT, ROOT, click, frames, npc_tile, only_events, read_options, saved

MOUSE_EVENTS = {pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL, pygame.MOUSEMOTION}



@pytest.fixture()
def mouse_only(monkeypatch):
    """Every event the test gives the game must be the mouse's."""
    with only_events(monkeypatch, MOUSE_EVENTS) as posted:
        yield posted


def right_click(app: App) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=3, pos=(640, 360)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, button=3, pos=(640, 360)))
    app.step(None, DT)
    frames(app, 1)


def wheel(app: App, y: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False, precise_x=0.0,
                                         precise_y=float(y), which=0))
    app.step(None, DT)


def on_screen(pos: tuple[int, int], margin: int = 8) -> bool:
    return margin <= pos[0] < LOGICAL_SIZE[0] - margin and margin <= pos[1] < LOGICAL_SIZE[1] - margin


def button(app: App, menu, index: int) -> None:
    """Click a button or a list item where it is drawn."""
    app.draw()  # rects are where the last frame drew them
    rect = menu.rects[index]
    assert rect.w and on_screen(rect.center, 0), rect
    click(app, rect.center)


def is_note(screen) -> bool:
    return type(screen).__name__ == "NoteScreen"


def read(app: App, seen: list[str]) -> None:
    """Click through the lines ("Go on" on a content note) until a choice or the map."""
    for _ in range(300):
        top = app.top
        if is_note(top):
            button(app, top.card.menu, top.items.index("go_on"))
            continue
        if not isinstance(top, DialogueScreen) or not isinstance(top.step, Say):
            return
        seen.append(top.step.id)
        click(app, top.box.center)
    raise AssertionError("the conversation never ended")


def choose(app: App, option_id: str) -> None:
    dialogue = app.top
    assert isinstance(dialogue, DialogueScreen) and isinstance(dialogue.step, Menu), dialogue
    ids = [o.id for o in dialogue.step.options]
    read_options(app)
    button(app, dialogue.menu, ids.index(option_id))


def tile_pos(world: WorldScreen, tile: tuple[int, int]) -> tuple[int, int]:
    cx, cy = world.camera()
    t = world.view.tile
    return tile[0] * t - cx + t // 2, tile[1] * t - cy + t // 2


def settle(app: App, world: WorldScreen) -> None:
    for _ in range(600):
        if app.top is not world or not world.animating():
            return
        frames(app, 1)


def beside(world: WorldScreen, tile: tuple[int, int]) -> bool:
    return abs(tile[0] - world.tile[0]) + abs(tile[1] - world.tile[1]) == 1


def go(app: App, goal: tuple[int, int], seen: list[str], person: bool) -> None:
    """Click ``goal`` (a person: walk there and talk; a tile: walk onto it). When it is off screen, click the furthest
    tile on the way that is on screen first, as a student does. Conversations a trigger starts are clicked through."""
    world = app.top
    scene = world.scene
    for _ in range(60):
        if not isinstance(app.top, WorldScreen):
            if person and isinstance(app.top, DialogueScreen) and beside(world, goal):
                return  # the person's own conversation
            read(app, seen)
            continue
        if world.scene != scene or (not person and world.tile == goal):
            return
        target = tile_pos(world, goal)
        if not on_screen(target):
            path = find_path(world.blocked, world.info.width, world.info.height, world.tile, goal)
            shown = [tile for tile in path if on_screen(tile_pos(world, tile))]
            assert shown, f"nothing on screen on the way from {world.tile} to {goal}"
            target = tile_pos(world, shown[-1])
        click(app, target, settle=0)
        settle(app, world)
    raise AssertionError(f"never reached {goal}")


def talk(app: App, character: str, seen: list[str]) -> None:
    go(app, npc_tile(app, character), seen, person=True)
    assert isinstance(app.top, DialogueScreen), f"no conversation with {character}"
    read(app, seen)


def through_exit(app: App, seen: list[str]) -> str:
    world = app.top
    door = next(o for o in world.exits)
    go(app, (door.rect[0], door.rect[1]), seen, person=False)
    frames(app, 2)
    return world.scene


def take_a_break(app: App) -> None:
    """Right click: the break screen; its help card and back, with clicks."""
    under = app.top
    right_click(app)
    pause = app.top
    assert isinstance(pause, PauseScreen)
    button(app, pause.menu, ITEMS.index("help"))
    help_card = app.top
    assert isinstance(help_card, HelpScreen)
    button(app, help_card.card.menu, 0)  # Back
    assert app.top is pause
    button(app, pause.menu, ITEMS.index("resume"))
    assert app.top is under


def test_the_whole_first_chapter_with_the_mouse_alone(content, display, tmp_path, mouse_only):
    ctx = Context.create(ROOT, content, Settings(), tmp_path)
    ctx.display = display
    app = App(ctx, TitleScreen(ctx), display)
    app.step([], DT)
    seen: list[str] = []

    title = app.top
    button(app, title.menu, title._items().index("new_game"))
    read(app, seen)
    world = app.top
    assert isinstance(world, WorldScreen) and world.scene == "home" and "home.arrive.v1" in seen
    session = world.session
    take_a_break(app)

    # Meera: ask why, then help.
    talk(app, "meera", seen)
    assert "home.courtyard_first.a1" in seen  # the courtyard's trigger on the way
    choose(app, "home.meera_menu.talk.why")
    read(app, seen)
    take_a_break(app)  # in the middle of a conversation too
    choose(app, "home.meera_menu.talk.help")
    read(app, seen)
    assert app.top is world and session.state.vars["helped_meera"] is True

    # Amma: the test, then the errand.
    talk(app, "amma", seen)
    choose(app, "home.amma_menu.ask.exam")
    read(app, seen)
    talk(app, "amma", seen)
    choose(app, "home.amma_menu.ask.milk")
    read(app, seen)
    assert session.state.vars["asked_amma"] is True and session.state.vars["milk_errand"] is True

    # The lane and back.
    assert through_exit(app, seen) == "lane"
    talk(app, "shopkeeper", seen)
    choose(app, "lane.shopkeeper.buy.milk")
    read(app, seen)
    talk(app, "shopkeeper", seen)
    choose(app, "lane.shopkeeper.buy.cook")
    read(app, seen)
    talk(app, "neighbour", seen)
    assert session.state.vars["got_milk"] is True and "lane.neighbour.n1" in seen
    assert through_exit(app, seen) == "home"
    assert saved(tmp_path)["world"]["scene"] == "home"

    # Dadi, then dinner and every choice of it.
    talk(app, "dadi", seen)
    choose(app, "home.dadi_menu.with_dadi.school")
    read(app, seen)
    choose(app, "home.dadi_menu.with_dadi.stand")
    read(app, seen)
    talk(app, "amma", seen)
    choose(app, "home.amma_menu.ask.dinner")
    read(app, seen)
    choose(app, "home.dinner.marriage.dadi")
    read(app, seen)
    choose(app, "home.chachi.speak.offer")
    read(app, seen)

    # The debrief, scrolled with the wheel; the help card from its button.
    end = app.top
    assert isinstance(end, ChapterEndScreen) and end.ending.ending == "home.studied"
    app.draw()
    assert end.card.max_scroll() > 0
    wheel(app, -3)
    assert end.card.scroll > 0
    wheel(app, 10)
    assert end.card.scroll == 0
    button(app, end.card.menu, end.items.index("help"))
    assert isinstance(app.top, HelpScreen)
    button(app, app.top.card.menu, 0)
    assert app.top is end

    # What if? Chachi's visit again: say nothing this time.
    button(app, end.card.menu, end.items.index("what_if"))
    what_if = app.top
    assert isinstance(what_if, WhatIfScreen)
    labels = [d.label for d in what_if.decisions]
    index = labels.index("Chachi's visit tomorrow")
    for _ in range(len(labels)):  # the list shows a window of the decisions; the wheel brings the one wanted
        app.draw()
        if what_if.card.menu.rects[index].w:
            break
        wheel(app, -1)
    button(app, what_if.card.menu, index)
    frames(app, 2)
    read(app, seen)
    choose(app, "home.chachi.speak.quiet")
    read(app, seen)
    end = app.top
    assert isinstance(end, ChapterEndScreen) and "home.dinner_quiet.s1" in seen

    # Next chapter.
    button(app, end.card.menu, end.items.index("next"))
    frames(app, 2)
    assert isinstance(app.stack[0], WorldScreen) and app.stack[0].scene == "school"
    read(app, seen)
    assert any(line.startswith("school.bell.") for line in seen)
    assert isinstance(app.top, WorldScreen) and session.state.vars["helped_meera"] is True
