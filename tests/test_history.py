"""The backlog (H): the lines of a real conversation appear in it, "Name: text" and narration without a name, newest
at the bottom and shown first; it scrolls with Page Up / Page Down, the arrows and the wheel; H, Esc, Backspace or
the Back button (keyboard or mouse) closes it; with nothing said yet it says so."""

from __future__ import annotations

import pygame
import pytest

from game.session import Session
from game.settings import Settings
from game.ui.app import App
from game.ui.card import SCROLL_STEP
from game.ui.context import Context
from game.ui.dialogue import DialogueScreen
from game.ui.history import HistoryScreen
from game.ui.world import WorldScreen
from tests.test_e2e import DT, ROOT, click, frames, press, read_through, talk_to


@pytest.fixture(scope="module")
def content(display):
    from game.content import load_content

    loaded, problems, _ = load_content(ROOT)
    assert loaded is not None, [p.format() for p in problems]
    return loaded


def in_the_courtyard(content, display, tmp_path, text_scale: float = 1.0) -> App:
    """A new game standing in the courtyard, the chapter's opening already behind (no conversation yet)."""
    ctx = Context.create(ROOT, content, Settings(text_scale=text_scale), tmp_path)
    ctx.display = display
    session = Session.new(content, tmp_path)
    session.state.position = None  # straight to walking: no note, no intro
    app = App(ctx, WorldScreen(ctx, session), display)
    app.step([], DT)
    assert isinstance(app.top, WorldScreen)
    return app


def texts(screen: HistoryScreen) -> list[str]:
    return [b.text for b in screen.card.blocks]


def test_with_nothing_said_the_backlog_says_so_and_closes_with_h(content, display, tmp_path):
    app = in_the_courtyard(content, display, tmp_path)
    press(app, pygame.K_h)
    backlog = app.top
    assert isinstance(backlog, HistoryScreen)
    assert texts(backlog) == [app.ctx.t("history.title"), app.ctx.t("history.hint"), app.ctx.t("history.empty")]
    assert backlog.speech_text() == app.ctx.t("history.empty")
    press(app, pygame.K_h)
    assert isinstance(app.top, WorldScreen)


def test_the_lines_of_a_conversation_appear_newest_last(content, display, tmp_path):
    app = in_the_courtyard(content, display, tmp_path)
    seen: list[str] = []
    talk_to(app, "meera", seen)
    read_through(app, seen)
    dialogue = app.top
    assert isinstance(dialogue, DialogueScreen)
    press(app, pygame.K_h)  # from the middle of the conversation, at a choice
    backlog = app.top
    assert isinstance(backlog, HistoryScreen)
    story = content.story
    said = []
    for line_id in seen:
        node = story.node(".".join(line_id.split(".")[:2]))
        line = next(s for s in node.steps if getattr(s, "id", None) == line_id)
        name = content.strings.name(line.speaker) if line.speaker else ""
        said.append(f"{name}: {line.text}" if name else line.text)
    assert texts(backlog)[2:] == said
    assert any(t.startswith(content.strings.name("meera") + ": ") for t in said)  # a spoken line has its name
    assert any(":" not in t.split(" ")[0] for t in said)  # narration has none
    press(app, pygame.K_ESCAPE)
    assert app.top is dialogue  # Esc closes the backlog, not the conversation; the choice is still there
    assert dialogue.step.id == "home.meera_menu.talk"


def test_it_opens_at_the_newest_line_and_scrolls_every_way(content, display, tmp_path):
    app = in_the_courtyard(content, display, tmp_path)
    app.ctx.history.extend((("Meera" if i % 2 else ""), f"Line number {i}.") for i in range(60))
    press(app, pygame.K_h)
    backlog = app.top
    card = backlog.card
    bottom = card.max_scroll()
    assert bottom > 0 and card.scroll == bottom  # the newest is shown first
    assert backlog.speech_text() == "Meera: Line number 59."
    newest = app.surface.copy()

    press(app, pygame.K_PAGEUP)
    assert 0 < card.scroll < bottom
    assert app.surface.get_view("2").raw != newest.get_view("2").raw  # the page moved on screen too
    press(app, pygame.K_UP)
    up = card.scroll
    press(app, pygame.K_DOWN)
    assert card.scroll == up + SCROLL_STEP
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False))
    app.step(None, DT)
    assert card.scroll == up
    for _ in range(40):
        press(app, pygame.K_PAGEUP, settle=0)
    assert card.scroll == 0 and texts(backlog)[0] == app.ctx.t("history.title")
    for _ in range(40):
        press(app, pygame.K_PAGEDOWN, settle=0)
    assert card.scroll == bottom
    assert app.surface.get_view("2").raw == newest.get_view("2").raw  # back where it opened


def test_closing_with_backspace_enter_and_the_mouse(content, display, tmp_path):
    app = in_the_courtyard(content, display, tmp_path)
    app.ctx.remember_line("Meera", "Come on.")
    for close in ("backspace", "enter", "click"):
        press(app, pygame.K_h)
        backlog = app.top
        assert isinstance(backlog, HistoryScreen) and texts(backlog)[-1] == "Meera: Come on."
        if close == "backspace":
            press(app, pygame.K_BACKSPACE)
        elif close == "enter":
            press(app, pygame.K_RETURN)  # the Back button is selected
        else:
            click(app, backlog.card.menu.rects[0].center)
        assert isinstance(app.top, WorldScreen), close


def test_it_is_drawn_over_the_game_and_fits_at_200_percent(content, display, tmp_path):
    app = in_the_courtyard(content, display, tmp_path, text_scale=2.0)
    app.ctx.history.extend([("Meera", "Come on. If we're late, the good tomatoes will be gone.")] * 10)
    press(app, pygame.K_h)
    backlog = app.top
    frames(app, 1)
    app.draw()
    theme = app.ctx.theme
    box = backlog.card.layout(app.ctx.text, theme)
    assert box.top >= 0 and box.bottom <= app.surface.get_height()
    button = backlog.card.menu.rects[0]
    assert box.contains(button) and button.bottom <= box.bottom
    assert app.surface.get_at((box.x + 12, box.centery))[:3] == theme.paper
    assert backlog.opaque is False  # the game stays behind it, veiled
