"""The teacher view and the teacher's session menu, driven by posted keys and clicks against a real results folder."""

from __future__ import annotations

import io
import json
import os
import shutil
import time

import pygame
import pytest

from game.classroom.folder import ClassFolder, show_code
from game.classroom.pin import set_pin
from game.classroom.sign import TeacherKey
from game.content import load_content
from game.paths import project_root
from game.settings import Settings
from game.ui.app import App
from game.ui.context import Context
from game.ui.teacher_menu import TeacherMenuScreen
from game.ui.teacher_view import TeacherViewScreen, poll_event
from game.ui.title import TitleScreen
from game.ui.transitions import Push
from tests.test_live import KITCHEN, TALK, Student

ROOT = project_root()
DT = 1 / 60
AMMA = "home.amma_menu.ask"



@pytest.fixture()
def ctx(content, display, tmp_path):
    ctx = Context.create(ROOT, content, Settings(class_network=False), tmp_path / "data")
    (tmp_path / "data").mkdir()
    ctx.display = display
    ctx.results_override = tmp_path / "results"
    ctx.teacher_key = TeacherKey.new()  # the PIN screen unlocked it
    return ctx


def six_students(folder: ClassFolder, session) -> list[Student]:
    """Six students: one only joined, one waiting at the kitchen pause point, three past the kitchen decision
    (one of them also past Amma's), one finished."""
    s = [Student(folder, session, f"s{i:012x}").join() for i in range(6)]
    s[1].start("home").pause(TALK)
    s[2].start("home").pause(TALK).release(TALK).choose(KITCHEN, "help")
    s[3].start("home").pause(TALK).release(TALK).choose(KITCHEN, "help").choose(AMMA, "exam")
    s[4].start("home").pause(TALK).release(TALK).choose(KITCHEN, "why").choose(KITCHEN, "help", replay=True)
    s[5].start("home").pause(TALK).release(TALK).choose(KITCHEN, "leave").complete_chapter().start("school").finish()
    return s


def open_view(ctx, back=None) -> tuple[App, TeacherViewScreen, ClassFolder]:
    folder = ctx.class_folder()
    session = folder.sessions()[0]
    screen = TeacherViewScreen(ctx, folder, session, back=back)
    app = App(ctx, screen, ctx.display)
    app.step([], DT)
    return app, screen, folder


def press(app: App, key: int, mod: int = 0) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
    app.step(None, DT)


def click(app: App, pos) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=pos))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=pos))
    app.step(None, DT)


def tick(app: App) -> None:
    """What the once-a-second timer does."""
    pygame.event.post(pygame.event.Event(poll_event()))
    app.step(None, DT)


def accent_pixels(surface: pygame.Surface, rect: pygame.Rect, color) -> int:
    return sum(1 for x in range(rect.left, rect.right, 3) for y in range(rect.top, rect.bottom, 3)
               if tuple(surface.get_at((x, y)))[:3] == color)


@pytest.fixture(autouse=True)
def clean_events():
    pygame.event.clear()
    yield
    pygame.time.set_timer(poll_event(), 0)
    pygame.event.clear()


# --- the view ------------------------------------------------------------------------------------------------------------
def test_the_view_shows_the_class_and_keeps_the_split_hidden_until_revealed(ctx):
    folder = ctx.class_folder()
    session = folder.create(("home", "school"))
    six_students(folder, session)
    app, view, _ = open_view(ctx)
    live = view.live
    assert live.joined == 6 and live.not_started == 1 and live.finished == 1
    assert live.chapters() == {"home": 4, "school": 0} and live.waiting() == {TALK: 1}
    kitchen, amma = view.decisions()
    assert (kitchen.choice, kitchen.chosen, amma.choice, amma.chosen) == (KITCHEN, 4, AMMA, 1)
    assert dict(kitchen.tally) == {f"{KITCHEN}.help": 2, f"{KITCHEN}.why": 1, f"{KITCHEN}.leave": 1}

    # Hidden: the count of students who have chosen shows, the split does not.
    assert view.selected == KITCHEN and not view.revealed
    row = view.rows[KITCHEN]
    assert view._row(kitchen).bars == [] and view._row(kitchen).count == ctx.t("teacher.chosen", count=4)
    assert row.h < 100  # one line: the label, the count and the Reveal button, no room for bars

    press(app, pygame.K_RETURN)
    assert view.revealed == {KITCHEN}
    # Four have chosen: as in the report, a split of fewer than five is not shown, even when revealed.
    [(lines, n)] = view._row(view.decisions()[0]).bars
    assert n == -1 and " ".join(lines) == ctx.t("teacher.too_few", count=5)
    Student(folder, session, "s0000000000aa").join().start("home").choose(KITCHEN, "help")
    tick(app)
    bars = view._row(view.decisions()[0]).bars
    assert [n for _, n in bars] == [0, 1, 3, 1]  # hungry (no one), why, help, leave: in story order
    assert bars[2][0][0].startswith(ctx.content.catalog.text(f"{KITCHEN}.help", "")[:10])
    row = view.rows[KITCHEN]
    bar_column = pygame.Rect(row.x + view._option_width() + 50, row.y + 80, 220, row.h - 90)
    assert row.h > 250 and row.bottom <= 720
    assert accent_pixels(app.surface, bar_column, ctx.theme.accent) > 300  # the bars are drawn
    assert view.rows[KITCHEN].top < view.rows[AMMA].top  # story order: the kitchen comes before Amma

    press(app, pygame.K_SPACE)
    assert view.revealed == set()


def test_keys_move_between_decisions_and_each_is_revealed_on_its_own(ctx):
    folder = ctx.class_folder()
    six_students(folder, folder.create(("home",)))
    app, view, _ = open_view(ctx)
    press(app, pygame.K_DOWN)
    assert view.selected == AMMA
    press(app, pygame.K_TAB)
    assert view.selected == KITCHEN  # Tab wraps round
    press(app, pygame.K_TAB, pygame.KMOD_SHIFT)
    assert view.selected == AMMA
    press(app, pygame.K_RETURN)
    assert view.revealed == {AMMA}
    press(app, pygame.K_UP)
    assert view.selected == KITCHEN and view.revealed == {AMMA}


def test_p_and_r_write_pause_all_and_resume_all_with_the_waiting_pause_points(ctx):
    folder = ctx.class_folder()
    session = folder.create(("home",))
    six_students(folder, session)
    app, view, _ = open_view(ctx)
    assert not folder.control(session).paused
    press(app, pygame.K_p)
    control = folder.control(session)
    assert control.paused and view.control.paused
    press(app, pygame.K_r)
    control = folder.control(session)
    assert not control.paused and control.released == {TALK}
    lines = (folder.root / session.code / "control.jsonl").read_text().splitlines()
    assert [json.loads(line)["do"] for line in lines] == ["pause_all", "resume_all"]
    assert json.loads(lines[1])["pauses"] == [TALK]


def test_the_mouse_alone_does_everything(ctx):
    folder = ctx.class_folder()
    session = folder.create(("home",))
    six_students(folder, session)
    app, view, _ = open_view(ctx)
    click(app, view.buttons["pause_all"].center)
    assert folder.control(session).paused
    click(app, view.buttons["resume_all"].center)
    assert folder.control(session).released == {TALK}
    click(app, view.rows[AMMA].midleft)
    assert view.selected == AMMA and not view.revealed
    click(app, view.reveal_buttons[AMMA].center)
    assert view.revealed == {AMMA}
    click(app, view.reveal_buttons[AMMA].center)
    assert view.revealed == set()
    click(app, view.buttons["back"].center)
    assert not app.running  # opened from the command line: Close quits


def test_the_timer_polls_while_the_view_is_open_and_stops_when_it_is_left(ctx, monkeypatch):
    timers: list[tuple[int, int]] = []
    real = pygame.time.set_timer
    # The view's own poll (the title it returns to sets a timer of its own, for its music).
    monkeypatch.setattr(pygame.time, "set_timer", lambda kind, ms, *loops: (
        timers.append((kind, ms)) if kind == poll_event() else None, real(kind, ms, *loops)))
    folder = ctx.class_folder()
    session = folder.create(("home",))
    app, view, _ = open_view(ctx, back=lambda: Push(TitleScreen(ctx)))
    assert timers == [(poll_event(), 1000)]
    assert view.live.joined == 0
    drawn = app.frames_drawn
    app.step([], DT)
    assert app.frames_drawn == drawn and not app.animating()  # between ticks the loop sleeps
    tick(app)
    assert app.frames_drawn == drawn  # a tick with nothing new draws nothing
    newcomer = Student(folder, session, "snew").join().start("home")
    newcomer.choose(KITCHEN, "help")
    tick(app)
    assert view.live.joined == 1 and view.decisions()[0].chosen == 1
    assert app.frames_drawn == drawn + 1  # and one with news draws once
    press(app, pygame.K_ESCAPE)
    assert timers[-1] == (poll_event(), 0)
    assert isinstance(app.top, TitleScreen)


def test_a_lost_folder_shows_a_calm_notice_and_keeps_the_numbers(ctx, tmp_path):
    folder = ctx.class_folder()
    session = folder.create(("home",))
    six_students(folder, session)
    app, view, _ = open_view(ctx)
    press(app, pygame.K_p)
    assert view.notice_rect is None
    shutil.move(str(folder.root), str(tmp_path / "elsewhere"))
    tick(app)
    assert not view.live.reachable and view.notice_rect is not None
    assert view.live.joined == 6 and view.control.paused  # the last numbers and the last state stay
    press(app, pygame.K_r)  # cannot be written now: said kindly, nothing breaks
    assert view._notice_text() == ctx.t("teacher.unreachable")
    assert view.notice == ctx.t("teacher.command_failed")
    shutil.move(str(tmp_path / "elsewhere"), str(folder.root))
    tick(app)
    assert view.live.reachable and view.control.paused
    press(app, pygame.K_r)
    assert not folder.control(session).paused and view.notice is None


def test_the_join_code_is_drawn_large_in_white_on_the_dark_column(ctx):
    folder = ctx.class_folder()
    folder.create(("home",))
    app, view, _ = open_view(ctx)
    box = view.code_rect
    assert box.h >= 60, box  # digits a twelfth of the screen tall: readable from the back of a room
    assert box.w >= 300 and box.right <= 440
    white = sum(1 for x in range(box.left, box.right, 2) for y in range(box.top, box.bottom, 2)
                if tuple(app.surface.get_at((x, y)))[:3] == (255, 255, 255))
    assert white > 1000
    assert show_code(view.session.code) == f"{view.session.code[:3]} {view.session.code[3:]}"


def test_in_hindi_the_story_texts_are_translated(display, tmp_path):
    hindi, problems, _ = load_content(ROOT, "hi")
    assert hindi is not None, [p.format() for p in problems]
    ctx = Context.create(ROOT, hindi, Settings(language="hi"), tmp_path)
    ctx.display = display
    ctx.results_override = tmp_path / "results"
    folder = ctx.class_folder()
    six_students(folder, folder.create(("home",)))
    _app, view, _ = open_view(ctx)
    label = view.decision_label(KITCHEN)
    assert label == hindi.catalog.text(f"{KITCHEN}.label", "") and any("\u0900" <= ch <= "\u097f" for ch in label)
    assert any("\u0900" <= ch <= "\u097f" for ch in view.pause_prompt(TALK))
    assert any("\u0900" <= ch <= "\u097f" for ch in view.chapter_name("home"))


# --- the menu ------------------------------------------------------------------------------------------------------------
def open_menu(ctx) -> tuple[App, TeacherMenuScreen]:
    app = App(ctx, TitleScreen(ctx), ctx.display)
    menu = TeacherMenuScreen(ctx)
    app.apply(Push(menu))
    app.step([], DT)
    return app, menu


def select(app: App, menu: TeacherMenuScreen, item: str) -> None:
    while menu.items()[menu.menu.selected] != item:
        press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)


def test_the_menu_starts_a_session_with_the_chosen_options(ctx):
    app, menu = open_menu(ctx)
    select(app, menu, "chapter:school")   # off: today is home and the neighbourhood
    select(app, menu, "pauses")           # off
    select(app, menu, "survey")           # both -> pre
    select(app, menu, "level")            # younger -> older
    select(app, menu, "continue")         # on
    assert menu.menu.labels[menu.items().index("survey")] == ctx.t(
        "teacher.survey", mode=ctx.t("teacher.survey_pre"))
    select(app, menu, "start")
    view = app.top
    assert isinstance(view, TeacherViewScreen)
    code = view.session.code
    saved = json.loads((ctx.class_folder().root / code / "session.json").read_text())
    assert saved["chapters"] == ["home", "neighbourhood"] and saved["pauses"] == []
    assert (saved["survey"], saved["level"], saved["students_continue"]) == ("pre", "older", True)
    press(app, pygame.K_ESCAPE)  # back to the menu, which now offers this session as the latest
    assert isinstance(app.top, TeacherMenuScreen) and app.top.latest.code == code
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, TitleScreen)


def test_the_menu_works_with_the_mouse_alone_and_opens_the_latest_session(ctx):
    folder = ctx.class_folder()
    folder.create(("home",))
    time.sleep(0.01)
    newest = folder.create(("school",))
    app, menu = open_menu(ctx)
    assert menu.latest.code == newest.code
    rect = menu.menu.rects[menu.items().index("latest")]
    assert rect.w, "the item is on screen"
    click(app, rect.center)
    assert isinstance(app.top, TeacherViewScreen) and app.top.session.code == newest.code
    click(app, app.top.buttons["back"].center)
    assert isinstance(app.top, TeacherMenuScreen)
    menu = app.top
    click(app, menu.menu.rects[menu.items().index("chapter:home")].center)
    assert menu.chapters_on["home"] is False


def test_no_chapter_no_session(ctx):
    app, menu = open_menu(ctx)
    for chapter in ctx.content.chapters:
        select(app, menu, f"chapter:{chapter.id}")
    select(app, menu, "start")
    assert app.top is menu and menu.notice == ctx.t("teacher.need_chapter")
    assert not ctx.class_folder().sessions()


def test_a_folder_that_cannot_be_written_is_said_kindly(ctx, tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    ctx.results_override = tmp_path / "a-file" / "results"
    app, menu = open_menu(ctx)
    select(app, menu, "start")
    assert app.top is menu
    assert menu.notice == ctx.t("teacher.folder_error") and "a-file" in (menu.detail or "")
    app.draw()
    assert menu.notice_rect is not None and menu.notice_rect.bottom < 720


def test_typing_a_new_results_folder_saves_it_in_the_settings(ctx, tmp_path):
    app, menu = open_menu(ctx)
    select(app, menu, "folder")
    assert menu.editing == str(tmp_path / "results")
    for _ in range(len("results")):
        press(app, pygame.K_BACKSPACE)
    for piece in ("lab", "-share"):
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=piece))
    app.step(None, DT)
    assert menu.editing == str(tmp_path / "lab-share")
    press(app, pygame.K_RETURN)
    assert menu.editing is None
    assert ctx.settings.results_dir == str(tmp_path / "lab-share")
    assert ctx.class_folder().root == tmp_path / "lab-share"
    saved = json.loads((tmp_path / "data" / "settings.json").read_text())
    assert saved["results_dir"] == str(tmp_path / "lab-share")
    assert menu.menu.labels[menu.items().index("folder")] == ctx.t("teacher.folder", path=str(tmp_path / "lab-share"))
    # Esc while typing cancels and keeps the folder.
    select(app, menu, "folder")
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="zzz"))
    press(app, pygame.K_ESCAPE)
    assert menu.editing is None and ctx.settings.results_dir == str(tmp_path / "lab-share")
    assert isinstance(app.top, TeacherMenuScreen)


def test_opening_the_folder_deletes_sessions_older_than_the_retention_setting(ctx):
    folder = ctx.class_folder()
    old = folder.create(("home",))
    recent = folder.create(("home",))
    Student(folder, old, "sold").join()
    long_ago = time.time() - 90 * 86400
    for path in (folder.root / old.code).rglob("*"):
        os.utime(path, (long_ago, long_ago))
    ctx.update_settings(results_keep_days=60)
    _app, menu = open_menu(ctx)
    assert not (folder.root / old.code).exists() and (folder.root / recent.code).exists()
    assert menu.notice == ctx.t("teacher.expired", count=1, days=60)
    assert menu.latest.code == recent.code


# --- python main.py teacher ----------------------------------------------------------------------------------------------
def run_cli(*argv: str) -> int:
    from game.classroom.teacher_cli import run_teacher
    from game.cli import build_parser

    return run_teacher(build_parser().parse_args(["teacher", *argv]), ROOT)


def test_the_command_says_when_there_is_nothing_to_show(tmp_path, capsys, monkeypatch):
    data = str(tmp_path / "data")
    key = set_pin(tmp_path / "data", "4821")
    monkeypatch.setattr("sys.stdin", io.StringIO("4821\n" * 3))
    assert run_cli("--results", str(tmp_path / "empty"), "--data", data) == 1
    assert "no class session" in capsys.readouterr().err
    ClassFolder(tmp_path / "results", key).create(("home",))
    assert run_cli("--results", str(tmp_path / "results"), "--code", "999 999", "--data", data) == 1
    assert "999999" in capsys.readouterr().err
    assert run_cli("--results", str(tmp_path / "results"), "--size", "12", "--data", data) == 2


def test_the_command_renders_the_newest_session_headless(tmp_path):
    import subprocess
    import sys

    folder = ClassFolder(tmp_path / "results", set_pin(tmp_path / "data", "4821"))
    session = folder.create(("home", "school"))
    six_students(folder, session)
    out = tmp_path / "teacher.png"
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "teacher", "--results", str(folder.root),
                           "--screenshot", str(out), "--data", str(tmp_path / "data")],
                          capture_output=True, text=True, timeout=60, check=False, input="4821\n")
    assert done.returncode == 0, done.stderr
    picture = pygame.image.load(str(out))
    assert picture.get_size() == (1280, 720)
    assert tuple(picture.get_at((10, 700)))[:3] == (28, 22, 40)  # the dark column of the code and the buttons
