"""The settings screen, driven like a student drives it: from the title and from the break screen, with the keys and
with the mouse. Every change must be saved (settings.json) and applied at once (theme, spacing, font, …)."""

from __future__ import annotations

import json

import pygame
import pytest

from game.paths import project_root
from game.settings import Settings
from game.ui.app import App
from game.ui.context import Context
from game.ui.dialogue import DialogueScreen
from game.ui.pause import ITEMS as PAUSE_ITEMS, PauseScreen
from game.ui.settings_screen import ITEMS, SettingsScreen
from game.ui.theme import HIGH_CONTRAST, STANDARD
from game.ui.title import TitleScreen
from game.ui.world import WorldScreen

ROOT = project_root()
DT = 1 / 60



@pytest.fixture()
def new_app(content, display, tmp_path):
    def start(settings: Settings = Settings()) -> App:
        ctx = Context.create(ROOT, content, settings, tmp_path)
        ctx.display = display
        app = App(ctx, TitleScreen(ctx), display)
        app.step([], DT)
        return app

    return start


def frames(app: App, n: int) -> None:
    for _ in range(n):
        app.step(None, DT)


def press(app: App, key: int, settle: int = 1) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0))
    app.step(None, DT)
    frames(app, settle)


def click(app: App, pos: tuple[int, int]) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=pos))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=pos))
    app.step(None, DT)
    frames(app, 1)


class FakeDisplay:
    toggled = 0

    def toggle_fullscreen(self) -> None:
        self.toggled += 1


def saved(app: App) -> dict:
    return json.loads((app.ctx.data_dir / "settings.json").read_text(encoding="utf-8"))


def open_from_title(app: App) -> SettingsScreen:
    title = app.top
    assert isinstance(title, TitleScreen)
    while title._items()[title.menu.selected] != "settings":
        press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, SettingsScreen)
    return app.top


def select(app: App, screen: SettingsScreen, item: str) -> None:
    """Walk the selection to ``item`` with the arrow keys, as a student would."""
    for _ in range(len(screen.items) + 1):
        if screen.items[screen.menu.selected] == item:
            return
        press(app, pygame.K_DOWN)
    raise AssertionError(f"{item} not reached")


# --- from the title, with the keys ----------------------------------------------------------------------------------
def test_the_title_offers_settings_instead_of_text_size_and_full_screen(new_app):
    app = new_app()
    title = app.top
    assert "settings" in title._items() and "language" in title._items()
    assert "text_size" not in title._items() and "fullscreen" not in title._items()
    assert app.ctx.t("settings.title") in title.menu.labels


def test_every_setting_changes_with_the_keys_is_saved_and_applied(new_app):
    app = new_app()
    ctx = app.ctx
    screen = open_from_title(app)
    body = ctx.theme.body
    line_before = ctx.text.line_height(body)
    width_before = ctx.text.width("Illusion 0O 1l", body)

    select(app, screen, "theme")
    press(app, pygame.K_RIGHT)
    assert ctx.settings.theme == "high_contrast" and saved(app)["theme"] == "high_contrast"
    assert ctx.theme is HIGH_CONTRAST  # applied at once: this very screen now draws in it

    select(app, screen, "line_spacing")
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_RIGHT)
    assert ctx.settings.line_spacing == 1.5 and saved(app)["line_spacing"] == 1.5
    assert ctx.text.line_height(body) >= round(line_before * 1.5) - 1
    press(app, pygame.K_RIGHT)  # already the widest: Left/Right stop at the ends
    assert ctx.settings.line_spacing == 1.5

    select(app, screen, "font")
    press(app, pygame.K_RETURN)
    assert ctx.settings.font == "legible" and saved(app)["font"] == "legible"
    assert "Atkinson" in ctx.text.files.regular["Latn"].name
    assert ctx.text.width("Illusion 0O 1l", body) != width_before  # Latin text is drawn in the other font

    select(app, screen, "text_scale")
    press(app, pygame.K_RIGHT)
    assert ctx.settings.text_scale == 1.25 and ctx.text.scale == 1.25 and saved(app)["text_scale"] == 1.25
    press(app, pygame.K_LEFT)
    press(app, pygame.K_LEFT)  # 100 % is the smallest
    assert ctx.settings.text_scale == 1.0

    select(app, screen, "text_speed")
    for expected in ("fast", "instant", "instant"):
        press(app, pygame.K_RIGHT)
        assert ctx.settings.text_speed == expected
    press(app, pygame.K_RETURN)  # Enter goes round
    assert ctx.settings.text_speed == "slow" and saved(app)["text_speed"] == "slow"

    for item in ("auto_advance", "reduced_motion", "muted"):
        select(app, screen, item)
        before = getattr(ctx.settings, item)
        press(app, pygame.K_SPACE)
        assert getattr(ctx.settings, item) is (not before) and saved(app)[item] is (not before)
    assert ctx.settings.reduced_motion and ctx.settings.auto_advance and ctx.settings.muted

    select(app, screen, "captions")
    press(app, pygame.K_LEFT)  # a toggle flips with Left and Right too
    assert ctx.settings.captions is False and saved(app)["captions"] is False

    select(app, screen, "volume")
    for _ in range(5):
        press(app, pygame.K_RIGHT)
    assert ctx.settings.volume == 1.0 and saved(app)["volume"] == 1.0  # 80 % -> 100 %, and no further
    for _ in range(3):
        press(app, pygame.K_LEFT)
    assert ctx.settings.volume == pytest.approx(0.7)

    select(app, screen, "music_volume")
    press(app, pygame.K_LEFT)
    assert ctx.settings.music_volume == pytest.approx(0.5) and saved(app)["music_volume"] == pytest.approx(0.5)

    select(app, screen, "fullscreen")
    real, ctx.display = ctx.display, FakeDisplay()  # the tests share one window: it must stay 1280×720
    try:
        press(app, pygame.K_RETURN)
        assert ctx.settings.fullscreen is True and saved(app)["fullscreen"] is True and ctx.display.toggled == 1
        press(app, pygame.K_RETURN)
        assert ctx.settings.fullscreen is False and ctx.display.toggled == 2
    finally:
        ctx.display = real

    # Every label shows its value as it is now.
    assert screen.label("theme") == ctx.t("settings.theme", value=ctx.t("settings.theme_high_contrast"))
    assert ctx.t("settings.volume", percent=70) in screen.menu.labels
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, TitleScreen)


def test_number_keys_change_the_item_with_that_number(new_app):
    app = new_app()
    screen = open_from_title(app)
    press(app, pygame.K_1 + ITEMS.index("theme"))
    assert screen.items[screen.menu.selected] == "theme" and app.ctx.theme is HIGH_CONTRAST
    press(app, pygame.K_1 + ITEMS.index("theme"))
    assert app.ctx.theme is STANDARD


def test_back_returns_to_the_title(new_app):
    app = new_app()
    screen = open_from_title(app)
    select(app, screen, "back")
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, TitleScreen)
    screen = open_from_title(app)
    press(app, pygame.K_BACKSPACE)
    assert isinstance(app.top, TitleScreen)


def test_keys_opens_the_keys_screen_and_comes_back(new_app):
    pytest.importorskip("game.ui.keys_screen")
    from game.ui.keys_screen import KeysScreen

    app = new_app()
    screen = open_from_title(app)
    select(app, screen, "keys")
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, KeysScreen)
    press(app, pygame.K_ESCAPE)
    assert app.top is screen


# --- with the mouse alone ---------------------------------------------------------------------------------------------
def test_the_mouse_alone_opens_changes_and_leaves_the_settings(new_app):
    app = new_app()
    ctx = app.ctx
    title = app.top
    click(app, title.menu.rects[title._items().index("settings")].center)
    screen = app.top
    assert isinstance(screen, SettingsScreen)
    rects = screen.menu.rects
    assert all(r.w for r in rects), "at 100 % text every setting is on screen at once"

    click(app, rects[screen.items.index("theme")].center)
    assert ctx.theme is HIGH_CONTRAST and saved(app)["theme"] == "high_contrast"
    click(app, rects[screen.items.index("reduced_motion")].center)
    assert ctx.settings.reduced_motion is True and saved(app)["reduced_motion"] is True
    click(app, rects[screen.items.index("font")].center)
    assert ctx.settings.font == "legible"

    # The small arrows at the end of an item step it back and forth; a click on the item itself goes on.
    i = screen.items.index("volume")
    back, forward = screen.menu.arrows[i]
    click(app, back.center)
    assert ctx.settings.volume == pytest.approx(0.7)
    click(app, forward.center)
    click(app, forward.center)
    assert ctx.settings.volume == pytest.approx(0.9) and saved(app)["volume"] == pytest.approx(0.9)
    assert screen.menu.arrows[screen.items.index("muted")] is None  # a toggle has no arrows

    click(app, screen.menu.rects[screen.items.index("text_scale")].center)
    assert ctx.settings.text_scale == 1.25 and ctx.text.scale == 1.25

    click(app, screen.menu.rects[screen.items.index("back")].center)
    assert isinstance(app.top, TitleScreen)


def test_at_200_percent_the_list_is_a_window_the_wheel_scrolls(new_app):
    app = new_app(Settings(text_scale=2.0))
    screen = open_from_title(app)
    app.draw()
    menu = screen.menu
    assert menu.columns == 1 and menu.more_below and not all(r.w for r in menu.rects)
    for r in menu.rects:  # whatever is shown is inside the panel, above the hint
        if r.w:
            assert r.top >= 20 and r.bottom <= 700
    for _ in range(len(screen.items) - 1):  # down to the last item, Back
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
        app.step(None, DT)
    assert screen.items[menu.selected] == "back" and menu.rects[menu.selected].w
    assert menu.more_above and not menu.more_below
    click(app, menu.rects[menu.selected].center)
    assert isinstance(app.top, TitleScreen)


# --- read-aloud ---------------------------------------------------------------------------------------------------------
class FakeSpeech:
    def __init__(self, available: bool, reason: str = "") -> None:
        self.available, self.reason, self.closed, self.heard = available, reason, False, []

    def follow(self, text):
        self.heard.append(text)

    def set_language(self, lang):
        pass

    def close(self):
        self.closed = True


def test_read_aloud_without_a_speech_engine_says_why_and_stays_off(new_app, monkeypatch):
    speech = pytest.importorskip("game.ui.speech")
    monkeypatch.setattr(speech.Speech, "create", staticmethod(lambda lang, engines=None: FakeSpeech(
        False, "settings.speech_missing")))
    app = new_app()
    screen = open_from_title(app)
    select(app, screen, "read_aloud")
    press(app, pygame.K_RETURN)
    assert app.ctx.settings.read_aloud is False and app.ctx.speech is None
    assert screen._notice() == app.ctx.t("settings.speech_missing")
    assert app.ctx.t("settings.speech_missing") in screen.speech_text()
    assert not (app.ctx.data_dir / "settings.json").exists() or saved(app)["read_aloud"] is False


def test_read_aloud_turns_on_and_off_when_there_is_an_engine(new_app, monkeypatch):
    speech = pytest.importorskip("game.ui.speech")
    made: list[FakeSpeech] = []
    monkeypatch.setattr(speech.Speech, "create", staticmethod(
        lambda lang, engines=None: made.append(FakeSpeech(True)) or made[-1]))
    app = new_app()
    screen = open_from_title(app)
    select(app, screen, "read_aloud")
    press(app, pygame.K_RETURN)
    assert app.ctx.settings.read_aloud is True and saved(app)["read_aloud"] is True
    assert app.ctx.speech is made[0] and screen._notice() is None
    assert made[0].heard and screen.label("read_aloud") in made[0].heard[-1]  # it reads the screen
    press(app, pygame.K_RETURN)
    assert app.ctx.settings.read_aloud is False and app.ctx.speech is None and made[0].closed


# --- from the break screen --------------------------------------------------------------------------------------------
def start_playing(app: App) -> None:
    """New game, then into the first conversation (past a content note, if the chapter has one)."""
    press(app, pygame.K_RETURN)
    for _ in range(10):
        if isinstance(app.top, (DialogueScreen, WorldScreen)):
            return
        press(app, pygame.K_RETURN)  # a note before the chapter: go on
    raise AssertionError(f"the game did not start: {app.top}")


def test_from_the_break_screen_and_back_into_the_game_in_high_contrast(new_app):
    app = new_app()
    start_playing(app)
    game = app.top
    if isinstance(game, DialogueScreen):
        game._layout()
        lines_before, box_before = len(game.lines), game.box.height
    press(app, pygame.K_ESCAPE)
    pause = app.top
    assert isinstance(pause, PauseScreen)
    assert {"resume", "settings", "language", "help", "to_title", "quit"} == set(PAUSE_ITEMS)
    while PAUSE_ITEMS[pause.menu.selected] != "settings":
        press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    screen = app.top
    assert isinstance(screen, SettingsScreen)
    select(app, screen, "theme")
    press(app, pygame.K_RIGHT)
    select(app, screen, "line_spacing")
    press(app, pygame.K_RIGHT)
    select(app, screen, "text_scale")
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_RIGHT)
    assert saved(app)["theme"] == "high_contrast" and saved(app)["line_spacing"] == 1.25
    assert saved(app)["text_scale"] == 1.5
    press(app, pygame.K_ESCAPE)
    assert app.top is pause
    press(app, pygame.K_ESCAPE)
    assert app.top is game
    if not isinstance(game, DialogueScreen):
        pytest.skip("the game began without a conversation; the dialogue pixel test needs one")
    app.dirty = True
    frames(app, 1)
    game._layout()  # the text reflows: more lines, a taller box, still on screen
    assert len(game.lines) >= lines_before and game.box.height > box_before
    assert game.box.top >= 0 and game.box.bottom <= 720
    box = game.box
    # The dialogue box is drawn in the high-contrast panel colour (right of the text, inside the thick edge).
    assert app.surface.get_at((box.right - 12, box.centery))[:3] == HIGH_CONTRAST.paper
    assert app.ctx.text.line_spacing == 1.25


def test_saved_settings_apply_when_the_game_starts(content, display, tmp_path):
    settings = Settings(theme="high_contrast", font="legible", line_spacing=1.5, text_scale=1.5)
    ctx = Context.create(ROOT, content, settings, tmp_path)
    assert ctx.theme is HIGH_CONTRAST
    assert ctx.text.line_spacing == 1.5 and ctx.text.scale == 1.5
    assert "Atkinson" in ctx.text.files.bold["Latn"].name and "Noto" in ctx.text.files.regular["Deva"].name
    plain = Context.create(ROOT, content, Settings(), tmp_path)
    assert plain.theme is STANDARD and plain.text.line_height(plain.theme.body) < ctx.text.line_height(ctx.theme.body)
