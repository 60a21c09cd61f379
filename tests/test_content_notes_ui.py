"""The content note screen, driven like a student drives it: before the voices through the wall, with the keyboard
alone and with the mouse alone; "Skip this part" shows the summary, then the story goes on at the skip target; the
chapter's note comes before its intro, from the title screen; the break screen and the help card are one key or
click away; and it is drawn as a card on the dusk backdrop, at 200 % text too."""

from __future__ import annotations

import pygame
import pytest

from game.session import Session
from game.settings import Settings
from game.story.runner import Note, Say
from game.ui.app import App
from game.ui.content_note import NoteScreen
from game.ui.context import Context
from game.ui.dialogue import DialogueScreen
from game.ui.help_card import HelpScreen
from game.ui.pause import PauseScreen
from game.ui.screen import Screen
from game.ui.title import TitleScreen
from game.ui.transitions import Push
from game.ui.world import WorldScreen
from tests.test_e2e import DT, ROOT, click, frames, press

VOICES = "neighbourhood.voices.note_voices"


@pytest.fixture(scope="module")
def content(display):
    from game.content import load_content

    loaded, problems, _ = load_content(ROOT)
    assert loaded is not None, [p.format() for p in problems]
    return loaded


class Below(Screen):
    """What the note covers (the dialogue screen, in the game): here only a marker to come back to."""


def at_the_wall(content, display, tmp_path, text_scale: float = 1.0) -> App:
    """A game in the neighbourhood, at the content note before the voices through the wall."""
    ctx = Context.create(ROOT, content, Settings(text_scale=text_scale), tmp_path)
    ctx.display = display
    session = Session.new(content, tmp_path)
    session.start_chapter("neighbourhood")
    session.runner.begin("neighbourhood.voices")
    note = session.runner.current()
    assert isinstance(note, Note) and note.id == VOICES
    app = App(ctx, Below(), display)
    app.apply(Push(NoteScreen(ctx, session, note)))
    app.step([], DT)
    return app


def words(screen: NoteScreen) -> list[str]:
    return [b.text for b in screen.card.blocks]


def test_the_note_names_what_is_in_the_part_calmly(content, display, tmp_path):
    app = at_the_wall(content, display, tmp_path)
    note = app.top
    t = app.ctx.t
    assert words(note) == [t("notes.heading_part"), t("notes.has_part"), t("notes.tag_violence_heard"),
                           t("notes.skip_text"), t("notes.break_text")]
    assert note.card.menu.labels == [t("notes.go_on"), t("notes.skip"), t("notes.help")]
    assert "skip this part" in t("notes.skip_text").lower() and "summary" in t("notes.skip_text")
    assert "Esc" in t("notes.break_text")
    assert note.speech_text().startswith(t("notes.heading_part"))  # read-aloud reads the card


def test_keyboard_skip_shows_the_summary_then_the_story_goes_on_at_the_skip_target(content, display, tmp_path):
    app = at_the_wall(content, display, tmp_path)
    note = app.top
    session = note.session
    press(app, pygame.K_RIGHT)
    assert note.card.menu.selected == 1
    press(app, pygame.K_RETURN)  # Skip this part
    assert app.top is note and note.skipping
    summary = session.runner.current().summary
    assert words(note)[:2] == [app.ctx.t("notes.summary_heading"), summary]
    assert note.card.menu.labels == [app.ctx.t("notes.go_on"), app.ctx.t("notes.help")]
    assert session.runner.current().id == VOICES  # nothing has moved yet: the student reads first
    press(app, pygame.K_RETURN)  # Go on
    assert isinstance(app.top, Below)
    step = session.runner.current()
    assert isinstance(step, Say) and step.id == "neighbourhood.voices_skipped.k1"
    assert session.state.vars["checked_in"] is False and session.state.vars["acts_quiet"] == 0
    assert app.ctx.history[-1] == ("", summary)  # the backlog has the summary in place of the part
    assert session.saves >= 1


def test_keyboard_go_on_reads_the_part(content, display, tmp_path):
    app = at_the_wall(content, display, tmp_path)
    session = app.top.session
    press(app, pygame.K_SPACE)  # Go on is selected first
    assert isinstance(app.top, Below)
    assert session.runner.current().id == "neighbourhood.voices.v1"


def test_backspace_on_the_summary_goes_back_to_the_note(content, display, tmp_path):
    app = at_the_wall(content, display, tmp_path)
    note = app.top
    press(app, pygame.K_2)  # the buttons are not numbered: a number key does nothing
    assert not note.skipping and app.top is note
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_RETURN)
    assert note.skipping
    press(app, pygame.K_BACKSPACE)
    assert not note.skipping and note.card.menu.labels[1] == app.ctx.t("notes.skip")


def test_mouse_alone_skip_and_go_on(content, display, tmp_path):
    app = at_the_wall(content, display, tmp_path)
    note = app.top
    session = note.session
    click(app, note.card.menu.rects[1].center)  # Skip this part
    assert note.skipping
    click(app, note.card.menu.rects[0].center)  # Go on
    assert isinstance(app.top, Below)
    assert session.runner.current().id == "neighbourhood.voices_skipped.k1"


def test_who_can_help_and_a_break_are_one_step_away(content, display, tmp_path):
    app = at_the_wall(content, display, tmp_path)
    note = app.top
    click(app, note.card.menu.rects[2].center)  # Who can help
    assert isinstance(app.top, HelpScreen)
    press(app, pygame.K_ESCAPE)
    assert app.top is note
    press(app, pygame.K_ESCAPE)  # a break, at any time
    assert isinstance(app.top, PauseScreen)
    press(app, pygame.K_ESCAPE)
    assert app.top is note and note.session.runner.current().id == VOICES  # nothing lost, nothing moved


def test_it_is_a_card_on_the_dusk_backdrop_and_fits_at_200_percent(content, display, tmp_path):
    for scale in (1.0, 2.0):
        app = at_the_wall(content, display, tmp_path / str(scale), text_scale=scale)
        note = app.top
        app.draw()
        surface = app.surface
        theme = app.ctx.theme
        box = note.card.layout(app.ctx.text, theme)
        assert surface.get_at((5, 5))[:3] == app.ctx.images.dusk().get_at((5, 5))[:3]
        assert surface.get_at((box.x + 12, box.centery))[:3] == theme.paper
        assert box.top >= 0 and box.bottom <= surface.get_height()
        for rect in note.card.menu.rects:  # every button is inside the card, and none overlaps another
            assert box.contains(rect)
        rects = note.card.menu.rects
        assert not any(a.colliderect(b) for i, a in enumerate(rects) for b in rects[i + 1:])
        assert note.card.max_scroll() == 0  # the whole note is on screen, nothing to scroll for


def test_the_chapter_note_comes_before_the_intro_from_the_title_screen(content, display, tmp_path):
    ctx = Context.create(ROOT, content, Settings(), tmp_path)
    ctx.display = display
    app = App(ctx, TitleScreen(ctx), display)
    app.step([], DT)
    press(app, pygame.K_RETURN)  # New game
    frames(app, 2)
    note = app.top
    assert isinstance(note, NoteScreen) and note.note.chapter
    assert isinstance(app.stack[-2], DialogueScreen) and isinstance(app.stack[0], WorldScreen)
    t = ctx.t
    assert words(note) == [t("notes.heading_chapter"), t("notes.has_chapter"), t("notes.tag_marriage_pressure"),
                           t("notes.break_text")]
    assert note.card.menu.labels == [t("notes.go_on"), t("notes.help")]  # a chapter is not skipped whole
    press(app, pygame.K_RETURN)  # Go on
    frames(app, 2)
    assert isinstance(app.top, DialogueScreen) and app.top.step.id == "home.arrive.v1"  # the intro's first line


def test_a_part_s_note_comes_up_in_the_real_conversation(content, display, tmp_path):
    """Through the dialogue screen, as the voices trigger starts it: the note, skip, the summary, the story."""
    ctx = Context.create(ROOT, content, Settings(), tmp_path)
    ctx.display = display
    session = Session.new(content, tmp_path)
    session.start_chapter("neighbourhood")
    session.runner.begin("neighbourhood.voices")
    app = App(ctx, WorldScreen(ctx, session), display)
    frames(app, 3)
    assert isinstance(app.top, NoteScreen) and app.top.note.id == VOICES
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_RETURN)  # Skip this part
    press(app, pygame.K_RETURN)  # Go on, after the summary
    frames(app, 2)
    assert isinstance(app.top, DialogueScreen) and app.top.step.id == "neighbourhood.voices_skipped.k1"


def test_switching_language_on_the_break_screen_keeps_the_note_in_the_new_words(content, display, tmp_path):
    app = at_the_wall(content, display, tmp_path)
    note = app.top
    session = note.session
    english = words(note)
    press(app, pygame.K_ESCAPE)
    assert app.ctx.switch_language("hi")
    session.use_content(app.ctx.content)
    press(app, pygame.K_ESCAPE)
    assert app.top is note and words(note) != english
    assert note.note.id == VOICES and note.note.summary == app.ctx.content.catalog.text(f"{VOICES}.summary", "?")
    assert any("\u0900" <= ch <= "\u097f" for ch in note.note.summary)


def test_a_chapter_note_survives_a_language_switch_and_goes_to_the_intro(content, display, tmp_path):
    session = Session.new(content, tmp_path)
    opening = session.runner.current()
    assert isinstance(opening, Note) and opening.chapter and opening.tags == ("marriage_pressure",)
    from game.content import load_content

    hindi, _problems, _ = load_content(ROOT, "hi")
    session.use_content(hindi)
    assert session.runner.current() == opening
    session.runner.advance()
    assert session.runner.current().id == "home.arrive.v1"
