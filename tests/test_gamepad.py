"""A game controller, driven with synthetic JOY* events through the real game: the D-pad and the left stick move and
walk, A confirms, B goes back, Start opens the break screen, Y / Back the help card, X the recent lines. The joystick
module starts only after the first frame; the right mouse button is Esc."""

from __future__ import annotations

import pygame
import pytest

from game.settings import Settings
from game.story.runner import Menu, Say
from game.ui.app import App
from game.ui.context import Context
from game.ui.dialogue import DialogueScreen
from game.ui.help_card import HelpScreen
from game.ui.history import HistoryScreen
from game.ui.input import PRESS, RELEASE, Action, Bindings, Gamepad
from game.ui.menu import NONE
from game.ui.pause import PauseScreen
from game.ui.title import TitleScreen
from game.ui.world import WorldScreen
from game.world.pathfind import find_path
from tests.test_e2e import DT, ROOT, frames, npc_tile, read_options

A, B, X, Y, BACK, START = 0, 1, 2, 3, 6, 7
HAT = {"up": (0, 1), "down": (0, -1), "left": (-1, 0), "right": (1, 0), "centre": (0, 0)}
HAT_OF = {(0, -1): "up", (0, 1): "down", (-1, 0): "left", (1, 0): "right"}  # a step on the map -> the D-pad



@pytest.fixture()
def app(content, display, tmp_path):
    ctx = Context.create(ROOT, content, Settings(), tmp_path)
    ctx.display = display
    app = App(ctx, TitleScreen(ctx), display)
    app.step([], DT)
    return app


def joy(app: App, kind: int, settle: int = 1, **attrs) -> None:
    pygame.event.post(pygame.event.Event(kind, instance_id=0, joy=0, **attrs))
    app.step(None, DT)
    frames(app, settle)


def button(app: App, number: int, settle: int = 2) -> None:
    joy(app, pygame.JOYBUTTONDOWN, 0, button=number)
    joy(app, pygame.JOYBUTTONUP, settle, button=number)


def hat(app: App, where: str, settle: int = 1) -> None:
    joy(app, pygame.JOYHATMOTION, settle, hat=0, value=HAT[where])


def tap(app: App, where: str, settle: int = 2) -> None:
    hat(app, where, 0)
    hat(app, "centre", settle)


def stick(app: App, axis: int, value: float, settle: int = 0) -> None:
    joy(app, pygame.JOYAXISMOTION, settle, axis=axis, value=value)


def on_the_map(app: App) -> WorldScreen:
    """From the title, with the controller alone: New game, past the chapter's note, through the opening lines."""
    button(app, A)
    for _ in range(100):
        if isinstance(app.top, WorldScreen):
            return app.top
        button(app, A)
    raise AssertionError(f"never reached the map: {app.top}")


def test_the_joystick_module_starts_only_after_the_first_frame(content, display, tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(pygame.joystick, "init", lambda: calls.append(1))
    ctx = Context.create(ROOT, content, Settings(), tmp_path)
    ctx.display = display
    app = App(ctx, TitleScreen(ctx), display)
    app.step([pygame.event.Event(pygame.WINDOWSHOWN)], DT)  # the events of start-up come before the first picture
    assert calls == [] and app.frames_drawn == 1
    app.step([pygame.event.Event(pygame.WINDOWFOCUSGAINED)], DT)
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=(5, 5), rel=(1, 1), buttons=(0, 0, 0))], DT)
    assert calls == [1]  # once, when the game is already on screen


def test_a_controller_plugged_in_is_opened_and_forgotten_when_unplugged(app, monkeypatch):
    opened = []

    class FakeStick:
        def __init__(self, index):
            opened.append(index)

        def get_instance_id(self):
            return 7

    monkeypatch.setattr(pygame.joystick, "Joystick", FakeStick)
    joy(app, pygame.JOYDEVICEADDED, device_index=0)
    pad = app.ctx.bindings.pad
    assert opened == [0] and 7 in pad.sticks
    pygame.event.post(pygame.event.Event(pygame.JOYDEVICEREMOVED, instance_id=7))
    app.step(None, DT)
    assert 7 not in pad.sticks
    # A device SDL cannot open (it went away at once) is no error.
    monkeypatch.setattr(pygame.joystick, "Joystick", lambda i: (_ for _ in ()).throw(pygame.error("gone")))
    joy(app, pygame.JOYDEVICEADDED, device_index=3)
    assert isinstance(app.top, TitleScreen)


def test_the_d_pad_moves_through_a_menu_one_item_per_press_and_a_chooses(app):
    title = app.top
    assert title.menu.selected == 0
    hat(app, "down")
    assert title.menu.selected == 1
    frames(app, 30)  # held: no repeat, still one step
    assert title.menu.selected == 1
    hat(app, "centre")
    tap(app, "down")
    assert title.menu.selected == 2
    tap(app, "up")
    tap(app, "up")
    assert title.menu.selected == 0 and title._items()[0] == "new_game"
    button(app, A)
    assert not isinstance(app.top, TitleScreen)  # New game started


def test_the_stick_has_a_dead_zone_and_sends_one_press_per_push(app):
    title = app.top
    for value in (0.1, 0.25, PRESS - 0.05, 0.3, -0.4):  # resting drift and small nudges
        stick(app, 1, value)
    stick(app, 0, 0.45)
    assert title.menu.selected == 0
    # A push down, with the stream of small changes a real stick sends while it is held there.
    for value in (0.55, 0.7, 0.9, 1.0, 0.95, 0.8, 0.6, RELEASE + 0.05, 0.5, 0.99):
        stick(app, 1, value)
    assert title.menu.selected == 1  # one move, however many events
    stick(app, 1, 0.1)  # let go
    stick(app, 1, 0.8)
    assert title.menu.selected == 2
    stick(app, 1, -0.9)  # straight across to up: down is let go, up pressed
    assert title.menu.selected == 1
    stick(app, 1, 0.0)


def test_a_held_d_pad_walks_and_letting_go_stops(app):
    world = on_the_map(app)
    x, y = world.tile
    assert not world.blocked(x, y - 1) and not world.blocked(x, y - 2) and not world.blocked(x, y - 3)
    hat(app, "up", 0)
    frames(app, 40)  # two thirds of a second: more than two tiles at 0.2 s a tile
    assert isinstance(app.top, WorldScreen)
    walked = y - world.tile[1]
    assert walked >= 3 and world.tile[0] == x
    hat(app, "centre", 0)
    frames(app, 20)  # the step under way finishes, and no other begins
    stopped = world.tile
    frames(app, 30)
    assert world.tile == stopped and not world.held and world.move_from is None


def test_the_left_stick_walks_too_and_unplugging_mid_walk_stops(app):
    world = on_the_map(app)
    x, y = world.tile
    stick(app, 1, -0.95)  # up
    frames(app, 30)
    assert world.tile[1] <= y - 2
    pygame.event.post(pygame.event.Event(pygame.JOYDEVICEREMOVED, instance_id=0))
    app.step(None, DT)
    frames(app, 20)
    stopped = world.tile
    frames(app, 30)
    assert world.tile == stopped and not world.held


def test_a_talks_the_d_pad_and_a_choose_start_pauses_and_b_goes_back(app):
    world = on_the_map(app)
    target = npc_tile(app, "meera")
    for _ in range(200):  # walk beside Meera with the D-pad, a tile per tap
        if isinstance(app.top, DialogueScreen):  # a trigger on the way: read it with A
            button(app, A)
            continue
        x, y = world.tile
        if abs(target[0] - x) + abs(target[1] - y) == 1:
            tap(app, HAT_OF[(target[0] - x, target[1] - y)])
            break
        nx, ny = find_path(world.blocked, world.info.width, world.info.height, world.tile, target)[0]
        tap(app, HAT_OF[(nx - x, ny - y)], settle=14)
    button(app, A)
    dialogue = app.top
    assert isinstance(dialogue, DialogueScreen) and dialogue.step.id.startswith("home.meera.")
    button(app, START)
    assert isinstance(app.top, PauseScreen)
    button(app, B)
    assert app.top is dialogue
    button(app, Y)
    assert isinstance(app.top, HelpScreen)
    button(app, B)
    button(app, BACK)
    assert isinstance(app.top, HelpScreen)  # Back / View is the help card too
    button(app, Y)  # and closes it again
    button(app, X)
    assert isinstance(app.top, HistoryScreen)
    button(app, B)
    assert app.top is dialogue
    for _ in range(20):
        if isinstance(dialogue.step, Menu):
            break
        button(app, A)
    assert isinstance(dialogue.step, Menu) and dialogue.step.id == "home.meera_menu.talk"
    assert dialogue.menu.selected == NONE  # nothing highlighted at first
    tap(app, "down")  # highlights the first answer
    tap(app, "down")
    tap(app, "down")
    tap(app, "up")
    assert dialogue.menu.selected == 1
    read_options(app)  # and A takes no pick in the menu's first moment
    button(app, A)
    assert {"choice": "home.meera_menu.talk", "option": "home.meera_menu.talk.why"} in \
        dialogue.session.state.history
    assert isinstance(dialogue.step, Say)


def test_a_confirms_with_whatever_key_confirm_is_bound_to(app):
    app.ctx.update_settings(keys=("confirm=j",))
    title = app.top
    button(app, A)  # the app rebuilds the bindings from the settings and A presses J
    assert app.ctx.bindings.key_for(Action.CONFIRM) == pygame.K_j
    assert not isinstance(app.top, TitleScreen) and title.menu.selected == 0


def test_the_right_mouse_button_is_esc(app):
    world = on_the_map(app)

    def right_click():
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=3, pos=(640, 360)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, button=3, pos=(640, 360)))
        app.step(None, DT)

    right_click()
    assert isinstance(app.top, PauseScreen)
    right_click()
    assert app.top is world


def test_presses_and_releases_are_counted_per_input():
    """The D-pad and the stick can hold the same direction: it is pressed once and let go when both are."""
    pad = Gamepad()
    ev = pygame.event.Event
    assert pad.presses(ev(pygame.JOYHATMOTION, instance_id=0, hat=0, value=(1, 0))) == [(Action.RIGHT, True)]
    assert pad.presses(ev(pygame.JOYAXISMOTION, instance_id=0, axis=0, value=0.9)) == []
    assert pad.presses(ev(pygame.JOYHATMOTION, instance_id=0, hat=0, value=(0, 0))) == []
    assert pad.presses(ev(pygame.JOYAXISMOTION, instance_id=0, axis=0, value=0.0)) == [(Action.RIGHT, False)]
    # A diagonal holds both directions; the triggers and the right stick (other axes) do nothing.
    assert sorted(pad.presses(ev(pygame.JOYHATMOTION, instance_id=0, hat=0, value=(-1, 1))), key=str) == \
        sorted([(Action.LEFT, True), (Action.UP, True)], key=str)
    assert pad.presses(ev(pygame.JOYAXISMOTION, instance_id=0, axis=4, value=1.0)) == []
    assert pad.presses(ev(pygame.JOYBUTTONDOWN, instance_id=0, button=4)) == [(pygame.K_PAGEUP, True)]
    assert pad.presses(ev(pygame.JOYBUTTONDOWN, instance_id=0, button=12)) == []  # a button with no job
    # Bindings turn them into the keys of now.
    events = Bindings().as_keys(ev(pygame.JOYBUTTONDOWN, instance_id=0, button=START))
    assert [(e.type, e.key) for e in events] == [(pygame.KEYDOWN, pygame.K_ESCAPE)]
    assert Bindings().as_keys(ev(pygame.KEYDOWN, key=pygame.K_a, mod=0)) is None
