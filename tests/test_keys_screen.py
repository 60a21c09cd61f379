"""Remapping keys, through the real keys screen: a new key for "talk / choose" works at once in the world, the dialogue
and every menu; the old key works only if kept; the change survives a restart; reset brings the defaults back; a key
another action used moves or swaps; Esc and F1 cannot be taken; a bad settings entry is ignored."""

from __future__ import annotations

import json

import pygame
import pytest

from game.settings import load_settings
from game.story.runner import Menu, Say
from game.ui.app import App
from game.ui.context import Context
from game.ui.dialogue import DialogueScreen
from game.ui.help_card import HelpScreen
from game.ui.history import HistoryScreen
from game.ui.input import ACTIONS, Action, Bindings
from game.ui.keys_screen import KeysScreen, key_label
from game.ui.title import TitleScreen
from game.ui.transitions import Push
from game.ui.world import WorldScreen
from game.world.pathfind import find_path
from tests.test_e2e import DT, KEY_OF, ROOT, click, frames, npc_tile, press, read_options

CONFIRM_ROW = ACTIONS.index(Action.CONFIRM)



@pytest.fixture()
def start(content, display):
    """The game as it starts on a lab PC: settings read from the folder, the title screen: ``start(data_dir)``."""

    def start(data_dir) -> App:
        ctx = Context.create(ROOT, content, load_settings(data_dir), data_dir)
        ctx.display = display
        app = App(ctx, TitleScreen(ctx), display)
        app.step([], DT)
        return app

    return start


def open_keys(app: App) -> KeysScreen:
    app.apply(Push(KeysScreen(app.ctx)))  # as the settings screen does
    app.step([], DT)
    assert isinstance(app.top, KeysScreen)
    return app.top


def rebind(app: App, action: Action, key: int, keep: bool) -> KeysScreen:
    """With the keyboard: the action's row, "add a key" or "use only a new key", then the key."""
    screen = open_keys(app)
    while screen.menu.selected != ACTIONS.index(action):
        press(app, pygame.K_DOWN, settle=0)
    press(app, pygame.K_RETURN)
    assert screen.mode == "how"
    if not keep:
        press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    assert screen.mode == "wait" and screen.capturing_keys
    press(app, key)
    return screen


def past_the_note(app: App, key: int = pygame.K_RETURN) -> None:
    """The chapter's content note, when there is one: "Go on"."""
    if type(app.top).__name__ == "NoteScreen":
        press(app, key)


def to_the_map(app: App, key: int) -> WorldScreen:
    """New game from the title and through the opening lines, confirming with ``key``."""
    press(app, key)
    for _ in range(40):
        past_the_note(app, key)
        if isinstance(app.top, WorldScreen):
            return app.top
        press(app, key)
    raise AssertionError(app.top)


def read_with(app: App, key: int) -> None:
    """Through the lines of a conversation with ``key``, until a choice or the map."""
    for _ in range(100):
        if not isinstance(app.top, DialogueScreen) or not isinstance(app.top.step, Say):
            return
        press(app, key)
    raise AssertionError("conversation never ended")


def walk_beside(app: App, target: tuple[int, int], key: int) -> None:
    """Walk with the arrows beside ``target`` and face it; a conversation a trigger starts is read with ``key``."""
    for _ in range(300):
        if isinstance(app.top, DialogueScreen):
            read_with(app, key)
            continue
        world = app.top
        assert isinstance(world, WorldScreen)
        x, y = world.tile
        if abs(target[0] - x) + abs(target[1] - y) == 1:
            press(app, KEY_OF[(target[0] - x, target[1] - y)], settle=1)
            return
        nx, ny = find_path(world.blocked, world.info.width, world.info.height, world.tile, target)[0]
        press(app, KEY_OF[(nx - x, ny - y)], settle=14)
    raise AssertionError(f"did not reach {target}")


def test_confirm_on_j_alone_talks_and_chooses_and_the_old_keys_stop(start, tmp_path):
    app = start(tmp_path)
    screen = rebind(app, Action.CONFIRM, pygame.K_j, keep=False)
    assert screen.mode == "list"
    assert screen.message == app.ctx.t("keys.bound", action=app.ctx.t("keys.confirm"), keys="J")
    assert app.ctx.bindings.keys_for(Action.CONFIRM) == [pygame.K_j]
    assert json.loads((tmp_path / "settings.json").read_text())["keys"] == ["confirm=j"]
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, TitleScreen)
    press(app, pygame.K_SPACE)
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, TitleScreen)  # Space and Enter no longer choose
    world = to_the_map(app, pygame.K_j)
    walk_beside(app, npc_tile(app, "meera"), pygame.K_j)  # the arrows still walk
    assert world.hint() == app.ctx.t("world.talk_hint", name="Meera", confirm="J")  # the hint names the key of now
    press(app, pygame.K_SPACE)
    assert app.top is world  # Space no longer talks
    press(app, pygame.K_j)
    dialogue = app.top
    assert isinstance(dialogue, DialogueScreen)
    line = dialogue.step
    press(app, pygame.K_RETURN)
    press(app, pygame.K_RETURN)
    assert dialogue.step is line  # nor goes on
    for _ in range(20):
        if isinstance(dialogue.step, Menu):
            break
        press(app, pygame.K_j)
    assert isinstance(dialogue.step, Menu)
    read_options(app)  # a choice takes no pick in its first moment, and opens with nothing highlighted
    why = [o.id for o in dialogue.step.options].index("home.meera_menu.talk.why")
    for _ in range(why + 1):
        press(app, pygame.K_DOWN)
    press(app, pygame.K_SPACE)
    assert isinstance(dialogue.step, Menu)
    press(app, pygame.K_j)  # J chooses the selected answer
    assert {"choice": "home.meera_menu.talk", "option": "home.meera_menu.talk.why"} in \
        dialogue.session.state.history


def test_an_added_key_works_beside_the_old_ones(start, tmp_path):
    app = start(tmp_path)
    screen = rebind(app, Action.CONFIRM, pygame.K_j, keep=True)
    assert app.ctx.bindings.keys_for(Action.CONFIRM) == [pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER,
                                                         pygame.K_e, pygame.K_j]
    labels = screen.menu.labels
    assert labels[CONFIRM_ROW].endswith("Space, Enter, Keypad Enter, E, J")
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_j)  # New game, with J
    past_the_note(app, pygame.K_SPACE)  # and Space still works
    assert isinstance(app.top, DialogueScreen)


def test_the_new_key_survives_a_restart_and_reset_brings_back_the_defaults(start, tmp_path):
    app = start(tmp_path)
    rebind(app, Action.CONFIRM, pygame.K_j, keep=False)
    rebind(app, Action.PAUSE, pygame.K_p, keep=True)

    again = start(tmp_path)  # the lab PC is switched off; next lesson the game starts again
    assert again.ctx.settings.keys == ("confirm=j", "pause=p")
    press(again, pygame.K_RETURN)
    assert isinstance(again.top, TitleScreen)
    world = to_the_map(again, pygame.K_j)
    press(again, pygame.K_p)
    assert type(again.top).__name__ == "PauseScreen"
    press(again, pygame.K_ESCAPE)  # Esc always works too
    assert again.top is world

    screen = open_keys(again)
    press(again, pygame.K_UP)
    press(again, pygame.K_UP)  # past the top: the last row, "Back"; one up is "reset"
    assert screen.menu.labels[screen.menu.selected] == again.ctx.t("keys.reset")
    press(again, pygame.K_j)
    assert screen.message == again.ctx.t("keys.reset_done")
    assert again.ctx.bindings.keys == Bindings().keys
    assert json.loads((tmp_path / "settings.json").read_text())["keys"] == []
    press(again, pygame.K_ESCAPE)
    press(again, pygame.K_p)
    assert again.top is world  # P does nothing any more
    press(again, pygame.K_SPACE)  # and Space talks again... to nobody here, but it is confirm again
    assert again.ctx.bindings.action(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0)) is Action.CONFIRM


def test_a_key_in_use_moves_over_or_swaps_and_the_screen_says_so(start, tmp_path):
    app = start(tmp_path)
    t = app.ctx.t
    screen = rebind(app, Action.CONFIRM, pygame.K_w, keep=True)  # W was one of Up's two keys
    assert screen.message == t("keys.moved", action=t("keys.confirm"), keys="Space, Enter, Keypad Enter, E, W",
                               new_key="W", other=t("keys.up"))
    assert app.ctx.bindings.keys_for(Action.UP) == [pygame.K_UP]
    press(app, pygame.K_ESCAPE)
    screen = rebind(app, Action.BACK, pygame.K_h, keep=True)  # H is the only key of "recent lines": refused
    assert screen.mode == "wait" and screen.message == t("keys.last", new_key="H", other=t("keys.history"))
    press(app, pygame.K_ESCAPE)
    assert screen.mode == "list" and screen.message == t("keys.cancelled")
    assert app.ctx.bindings.keys_for(Action.HISTORY) == [pygame.K_h]
    press(app, pygame.K_ESCAPE)
    screen = rebind(app, Action.BACK, pygame.K_h, keep=False)  # using only H: Backspace goes to "recent lines"
    assert screen.message == t("keys.swapped", action=t("keys.back"), keys="H", new_key="H",
                               other=t("keys.history"), old="Backspace")
    assert app.ctx.bindings.keys_for(Action.HISTORY) == [pygame.K_BACKSPACE]
    assert app.ctx.settings.keys == ("up=up", "confirm=space", "confirm=return", "confirm=enter", "confirm=e",
                                     "confirm=w", "back=h", "history=backspace")
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_BACKSPACE)  # Backspace now opens the recent lines from anywhere
    assert isinstance(app.top, HistoryScreen)


def test_esc_and_f1_cannot_be_taken_and_say_why(start, tmp_path):
    app = start(tmp_path)
    t = app.ctx.t
    screen = rebind(app, Action.CONFIRM, pygame.K_F1, keep=False)
    assert screen.mode == "wait" and isinstance(app.top, KeysScreen)  # F1 did not open the help card
    assert screen.message == t("keys.fixed_help", new_key="F1")
    for key in (pygame.K_3, pygame.K_KP7):
        press(app, key)
        assert screen.message == t("keys.refused_number", new_key=key_label(app.ctx, key))
    press(app, pygame.K_PAGEDOWN)
    assert screen.message == t("keys.refused_page", new_key="Page down")
    press(app, pygame.K_ESCAPE)  # Esc cancels the wait: it cannot be bound either
    assert screen.mode == "list" and app.ctx.bindings.keys == Bindings().keys
    assert load_settings(tmp_path).keys == ()
    # Esc and F1 stay on their actions whatever else is bound to them.
    press(app, pygame.K_ESCAPE)
    rebind(app, Action.HELP, pygame.K_g, keep=False)
    assert app.ctx.bindings.keys_for(Action.HELP) == [pygame.K_F1, pygame.K_g]
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_g)
    assert isinstance(app.top, HelpScreen)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_F1)
    assert isinstance(app.top, HelpScreen)


def test_h_and_f11_can_be_bound_while_waiting(start, tmp_path):
    app = start(tmp_path)
    screen = rebind(app, Action.FULLSCREEN, pygame.K_h, keep=True)  # H would open the recent lines anywhere else
    assert isinstance(app.top, KeysScreen) and screen.mode == "wait"  # H is the only key of recent lines
    press(app, pygame.K_F11)
    assert screen.message == app.ctx.t("keys.same", action=app.ctx.t("keys.fullscreen"), new_key="F11")
    assert not app.ctx.settings.fullscreen  # F11 was for the keys screen, not a switch to full screen


def test_the_mouse_can_use_the_keys_screen(start, tmp_path):
    app = start(tmp_path)
    app.ctx.update_settings(keys=("confirm=j",))
    screen = open_keys(app)
    app.draw()
    click(app, screen.menu.rects[CONFIRM_ROW].center)
    assert screen.mode == "how"
    app.draw()
    click(app, screen.menu.rects[1].center)  # use only a new key
    assert screen.mode == "wait"
    app.draw()
    click(app, screen.menu.rects[0].center)  # cancel
    assert screen.mode == "list" and screen.message == app.ctx.t("keys.cancelled")
    app.draw()
    click(app, screen.menu.rects[len(ACTIONS)].center)  # reset
    assert app.ctx.settings.keys == ()
    app.draw()
    click(app, screen.menu.rects[len(ACTIONS) + 1].center)  # back
    assert isinstance(app.top, TitleScreen)


def test_the_arrows_and_enter_always_work_on_the_keys_screen(start, tmp_path):
    app = start(tmp_path)
    app.ctx.update_settings(keys=("confirm=j", "down=k", "up=i"))
    screen = open_keys(app)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_DOWN)
    assert screen.menu.selected == 2
    press(app, pygame.K_RIGHT)  # across to the second column
    assert screen.menu.selected == 2 + (len(ACTIONS) + 1) // 2
    press(app, pygame.K_RETURN)
    assert screen.mode == "how"


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_every_row_is_on_the_screen_at_any_text_size(start, tmp_path, scale):
    app = start(tmp_path)
    app.ctx.update_settings(text_scale=scale)
    screen = open_keys(app)
    for i in range(len(screen.menu.labels)):
        screen.menu.selected = i
        app.draw()
        rect = screen.menu.rects[i]
        assert rect.w and app.surface.get_rect().contains(rect), (i, rect)
        # The selected row is drawn: its highlight is on screen.
        inside = (rect.x + 30, rect.y + app.ctx.theme.focus_width + 2)
        assert tuple(app.surface.get_at(inside))[:3] == app.ctx.theme.selected_bg
    if scale == 1.0:
        assert screen.menu.columns == 2 and all(r.w for r in screen.menu.rects)  # all at once at 100 %
    # The waiting step is a smaller card, still on screen.
    screen.menu.selected = 0
    press(app, pygame.K_RETURN)
    press(app, pygame.K_RETURN)
    app.draw()
    assert screen.mode == "wait" and app.surface.get_rect().contains(screen.menu.rects[0])


def test_settings_entries_that_are_wrong_are_ignored(start, tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps({"format": 1, "keys": [
        "confirm=j", "jump=k", "up=notakey", "down", "help=escape", "back=1", "left=j", "history=space", 7,
        "right=", "fullscreen=page up"]}))
    app = start(tmp_path)
    # settings.json itself is read field by field: a list with a number in it is not a list of strings.
    assert app.ctx.settings.keys == ()
    (tmp_path / "settings.json").write_text(json.dumps({"format": 1, "keys": [
        "confirm=j", "jump=k", "up=notakey", "down", "help=escape", "back=1", "left=j", "history=space",
        "right=", "fullscreen=page up"]}))
    app = start(tmp_path)
    bindings = Bindings.from_settings(app.ctx.settings.keys)
    defaults = Bindings()
    assert bindings.keys_for(Action.CONFIRM) == [pygame.K_j]
    assert bindings.keys_for(Action.HISTORY) == [pygame.K_SPACE]
    for action in (Action.UP, Action.DOWN, Action.LEFT, Action.RIGHT, Action.BACK, Action.PAUSE, Action.HELP,
                   Action.FULLSCREEN):
        assert bindings.keys_for(action) == defaults.keys_for(action), action
    world = to_the_map(app, pygame.K_j)  # the game itself uses them: J starts and reads
    assert isinstance(world, WorldScreen) and app.ctx.bindings.keys == bindings.keys
    # An entry that would leave another action without any key is dropped, whatever the file says.
    lonely = Bindings.from_settings(("confirm=h",))
    assert lonely.keys_for(Action.HISTORY) == [pygame.K_h] and lonely.keys_for(Action.CONFIRM) == \
        defaults.keys_for(Action.CONFIRM)
    assert Bindings.from_settings(Bindings.from_settings(("back=f5", "back=tab")).to_settings()).keys_for(
        Action.BACK) == [pygame.K_F5, pygame.K_TAB]


def test_the_screen_speaks_its_step_and_the_selected_row(start, tmp_path):
    app = start(tmp_path)
    screen = open_keys(app)
    press(app, pygame.K_DOWN)
    said = screen.speech_text()
    assert app.ctx.t("keys.intro") in said and screen.menu.labels[1] in said
    press(app, pygame.K_RETURN)
    press(app, pygame.K_RETURN)
    assert app.ctx.t("keys.waiting", action=app.ctx.t("keys.down")) in screen.speech_text()


def test_direction_keys_and_say_are_untouched_by_a_rebind_of_another_action(start, tmp_path):
    """Moving "talk" to J leaves walking and the answer numbers as they were."""
    app = start(tmp_path)
    rebind(app, Action.CONFIRM, pygame.K_j, keep=False)
    press(app, pygame.K_ESCAPE)
    to_the_map(app, pygame.K_j)
    walk_beside(app, npc_tile(app, "meera"), pygame.K_j)
    press(app, pygame.K_j)
    dialogue = app.top
    for _ in range(20):
        if isinstance(dialogue.step, Menu):
            break
        press(app, pygame.K_j)
    read_options(app)  # a menu takes no pick in its first moment
    press(app, pygame.K_1 + [o.id for o in dialogue.step.options].index("home.meera_menu.talk.hungry"))
    assert {"choice": "home.meera_menu.talk", "option": "home.meera_menu.talk.hungry"} in \
        dialogue.session.state.history
    assert isinstance(dialogue.step, Say)
    frames(app, 2)


def test_an_action_has_at_most_six_keys_so_every_remapping_can_be_saved(start, tmp_path):
    bindings = Bindings()
    for key in (pygame.K_j, pygame.K_k):
        bindings = bindings.bind(Action.CONFIRM, key, keep=True).bindings
    refused = bindings.bind(Action.CONFIRM, pygame.K_l, keep=True)
    assert refused.outcome == "many" and not refused.changed and refused.bindings is bindings
    assert bindings.bind(Action.CONFIRM, pygame.K_l, keep=False).bindings.keys_for(Action.CONFIRM) == [pygame.K_l]
    # On the screen: the seventh key is refused, and the step that offers "use only a new key" comes back.
    app = start(tmp_path)
    for key in (pygame.K_j, pygame.K_k):
        rebind(app, Action.CONFIRM, key, keep=True)
        press(app, pygame.K_ESCAPE)
    screen = rebind(app, Action.CONFIRM, pygame.K_l, keep=True)
    assert screen.mode == "how" and screen.menu.labels[screen.menu.selected] == app.ctx.t(
        "keys.replace", action=app.ctx.t("keys.confirm"))
    assert screen.message == app.ctx.t("keys.many", action=app.ctx.t("keys.confirm"), count=6)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_l)
    assert app.ctx.bindings.keys_for(Action.CONFIRM) == [pygame.K_l]
    # Every action as full as it can get still fits in settings.json, and comes back the same.
    pool = [getattr(pygame, f"K_{c}") for c in "abcdefghijklmnopqrstuvwxyz"] + [
        getattr(pygame, f"K_F{n}") for n in range(2, 16) if n != 11] + [
        pygame.K_COMMA, pygame.K_PERIOD, pygame.K_SEMICOLON, pygame.K_SLASH, pygame.K_LEFTBRACKET,
        pygame.K_RIGHTBRACKET, pygame.K_MINUS, pygame.K_EQUALS, pygame.K_INSERT, pygame.K_HOME, pygame.K_END,
        pygame.K_DELETE, pygame.K_KP_PLUS, pygame.K_KP_MINUS, pygame.K_KP_MULTIPLY, pygame.K_KP_DIVIDE,
        pygame.K_KP_PERIOD, pygame.K_TAB, pygame.K_LSHIFT, pygame.K_RSHIFT, pygame.K_LCTRL, pygame.K_RCTRL]
    full = Bindings()
    for action in ACTIONS:
        while True:
            key = next(k for k in pool if k not in full.keys)
            result = full.bind(action, key, keep=True)
            if result.outcome == "many":
                break
            full = result.bindings
    app.ctx.update_settings(keys=full.to_settings())  # would raise if the settings could not hold it
    assert Bindings.from_settings(load_settings(tmp_path).keys).keys == full.keys


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_each_step_fits_on_screen_at_200_percent(start, tmp_path, lang):
    app = start(tmp_path)
    if lang != "en":
        assert app.ctx.switch_language(lang)
    app.ctx.update_settings(text_scale=2.0, theme="high_contrast")
    screen = open_keys(app)
    for row in range(len(ACTIONS)):
        screen.mode, screen.action, screen.message = "how", ACTIONS[row], ""
        screen.menu.selected = 0
        app.draw()
        shown = [r for r in screen.menu.rects if r.w]
        assert len(shown) == 3 and all(app.surface.get_rect().contains(r) for r in shown), (ACTIONS[row], shown)
        assert shown[-1].bottom < 720 - 20  # inside the card, above its edge
    screen._to_list()
