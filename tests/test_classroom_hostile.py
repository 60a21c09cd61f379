"""Hostile class files: what a curious student at a lab PC can write into the shared results folder, their own save or
the teacher's PIN file. No student game, teacher view, `classroom` or `report` command may raise, hang, leave its
folder, or obey a teacher command the teacher did not sign (issue 14)."""

from __future__ import annotations

import argparse
import io
import json
import time
import uuid

import pygame
import pytest

from game.classroom import xapi
from game.classroom.folder import CONTROL_FILE, SESSION_FILE, ClassFolder, ClassSession, append_line, fold_control, \
    read_jsonl
from game.classroom.live import LiveClass
from game.classroom.pin import PIN_FILE, FREE_TRIES, has_pin, set_pin, unlock
from game.classroom.report import csv_cell, merge, run_report
from game.classroom.sign import TeacherKey
from game.classroom.student import ClassLink
from game.cli import main
from game.settings import Settings
from game.ui.app import App
from game.ui.classflow import FrozenScreen
from game.ui.context import Context
from game.ui.discuss import DiscussScreen
from game.ui.join import PinScreen
from game.ui.teacher_menu import TeacherMenuScreen
from game.ui.teacher_view import TeacherViewScreen
from game.ui.title import TitleScreen
from tests.test_classroom_e2e import join, student_app, tick, to_the_kitchen_pause
from tests.test_e2e import DT, ROOT, frames, press
from tests.test_live import KITCHEN, TALK, Student

BAD_CONTROL = [b'{"do":"resume_all","pauses":5}', b"true", b"1.5", b'{"do":"release","pause":{"a":1}}',
               b'{"do":"release","pause":"' + b"x" * 5000 + b'"}', b"[" * 30000, b'{"do":["pause_all"]}', b"null",
               b'"pause_all"', b'{"do":"resume_all","pauses":["../../etc"]}']
FORGED = [{"do": "pause_all"}, {"do": "resume_all", "pauses": [TALK]}, {"do": "release", "pause": TALK},
          {"do": "release", "pause": TALK, "seq": 1, "sig": "00" * 64}]


@pytest.fixture()
def teacher(tmp_path):
    """A teacher PC's folder (with its key) and a session in it."""
    folder = ClassFolder(tmp_path / "results", TeacherKey.new())
    return folder, folder.create(("home",), survey="none")


def write_raw(path, lines: list[bytes]) -> None:
    with open(path, "ab") as f:
        for line in lines:
            f.write(line + b"\n")


# --- control.jsonl ------------------------------------------------------------------------------------------------------
def test_junk_control_lines_are_skipped_and_counted_never_raised(teacher):
    folder, session = teacher
    write_raw(folder.root / session.code / CONTROL_FILE, BAD_CONTROL)
    control = folder.control(session)
    assert (control.paused, control.released, control.lines, control.skipped) == (False, frozenset(), 0,
                                                                                   len(BAD_CONTROL))
    assert fold_control([5, "x", None, [], {"do": "pause_all"}]).skipped == 5  # raw JSON values of any type


def test_forged_replayed_and_foreign_commands_are_not_obeyed(teacher, tmp_path):
    folder, session = teacher
    path = folder.root / session.code / CONTROL_FILE
    for item in FORGED:
        append_line(path, item)
    stranger = TeacherKey.new()  # a student's own copy of the game, with a PIN of their own
    append_line(path, stranger.sign({"do": "release", "pause": TALK, "reg": session.registration, "seq": 1}))
    other = ClassFolder(tmp_path / "other", folder.key).create()  # the teacher's command for another class
    append_line(path, folder.key.sign({"do": "pause_all", "reg": other.registration, "seq": 1}))
    assert folder.control(session) == folder.control(session).__class__(False, frozenset(), 0, 6)
    folder.command(session, "release", pause=TALK)
    genuine = read_jsonl(path)[0][-1]
    append_line(path, genuine)  # copied to play it again later
    folder.command(session, "pause_all")
    control = folder.control(session)
    assert control.released == {TALK} and control.paused and control.lines == 2 and control.skipped == 7
    with pytest.raises(Exception):
        ClassFolder(folder.root, stranger).command(session, "resume_all")  # another key cannot speak for the class


def test_students_the_teacher_view_and_continue_survive_junk_control_lines(teacher, content, display, tmp_path):
    folder, session = teacher
    app = student_app(content, display, tmp_path / "pc", folder.root)
    join(app, session.code)
    to_the_kitchen_pause(app)
    path = folder.root / session.code / CONTROL_FILE
    write_raw(path, BAD_CONTROL)
    for item in FORGED:
        append_line(path, item)
    tick(app)
    assert isinstance(app.top, DiscussScreen) and not app.top.free  # no forged release, no forged freeze
    again = student_app(content, display, tmp_path / "pc", folder.root)
    press(again, pygame.K_RETURN)  # Continue
    frames(again, 3)
    tick(again)
    assert isinstance(again.top, DiscussScreen) and not again.top.free
    ctx = Context.create(ROOT, content, Settings(class_network=False), tmp_path / "teacher")
    ctx.display, ctx.teacher_key = display, folder.key
    view = TeacherViewScreen(ctx, folder, session)
    App(ctx, view, display).step([], DT)
    assert view.control.skipped == len(BAD_CONTROL) + len(FORGED)
    assert str(view.control.skipped) in view._notice_text()  # the teacher is told lines were not counted
    view.resume_all()  # the genuine command still works after the junk
    tick(again)
    assert isinstance(again.top, DiscussScreen) and again.top.free


# --- session.json ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("created", ['"inf"', "1e308", '"nan"', "-1e18", "Infinity", "NaN", "true", "[]", "1e-300"])
def test_a_session_with_a_damaged_time_is_skipped_by_classroom_list(teacher, tmp_path, capsys, created):
    folder, session = teacher
    path = folder.root / session.code / SESSION_FILE
    raw = path.read_text()
    path.write_text(raw.replace(f'"created": {json.loads(raw)["created"]}', f'"created": {created}'))
    assert main(["classroom", "list", "--results", str(folder.root), "--data", str(tmp_path / "d")]) == 0
    out = capsys.readouterr().out.replace(str(folder.root), "")  # the folder's own name may hold the same digits
    assert session.code[:3] not in out  # skipped, not a traceback


@pytest.mark.parametrize("change", [{"students_continue": True}, {"survey": "pre"}, {"pauses": []},
                                    {"chapters": ["school"]}, {"code": "../../x"}, {"chapters": "home"}])
def test_an_edited_session_file_is_not_a_session(teacher, change):
    folder, session = teacher
    path = folder.root / session.code / SESSION_FILE
    raw = json.loads(path.read_text())
    path.write_text(json.dumps({**raw, **change}))
    assert folder.session(session.code) is None  # the signature no longer holds: new joiners are told "no class"


def test_a_session_re_signed_by_a_student_is_flagged_on_the_teacher_view(teacher, content, display, tmp_path):
    folder, session = teacher
    forged = ClassFolder(tmp_path / "x", TeacherKey.new())
    fake = ClassSession(session.code, session.registration, session.chapters, session.pauses, session.survey,
                        session.level, True, session.created, forged.key.public)
    (folder.root / session.code / SESSION_FILE).write_text(json.dumps(forged.key.sign(fake.to_json())))
    ctx = Context.create(ROOT, content, Settings(class_network=False), tmp_path / "teacher")
    ctx.display, ctx.teacher_key = display, folder.key
    view = TeacherViewScreen(ctx, folder, session)
    assert view.tampered and view._notice_text() == ctx.t("teacher.tampered")


# --- student files ----------------------------------------------------------------------------------------------------------
def test_long_and_strange_choice_ids_never_reach_the_teacher_views_text(teacher, content, display, tmp_path):
    folder, session = teacher
    student = Student(folder, session, "s0000000000a1").join().start("home")
    for n in (2_000, 20_000):
        student.choose("home.x" + "y" * n, "o")
    student.choose(KITCHEN, "help")
    student.choose("home.made_up.choice", "o")   # valid-looking, but not in the story
    student.choose(KITCHEN + ".\u202eevil", "o")   # right-to-left override
    ctx = Context.create(ROOT, content, Settings(class_network=False), tmp_path / "teacher")
    ctx.display, ctx.teacher_key = display, folder.key
    start = time.perf_counter()
    view = TeacherViewScreen(ctx, folder, session)
    app = App(ctx, view, display)
    app.step([], DT)
    app.draw()
    spent = time.perf_counter() - start
    assert [d.choice for d in view.decisions()] == [KITCHEN]
    assert view.live.skipped == 4
    assert spent < 10, spent  # it took 165 s before; a hang guard, not a benchmark
    long_label = "w" * 20_000
    assert len(view._clip(long_label, 300, __import__("game.ui.teacher_view", fromlist=["SMALL"]).SMALL)) < 60


def test_one_file_holding_thirty_ids_is_one_student(teacher, tmp_path):
    folder, session = teacher
    path = folder.root / session.code / "students" / "s00000000000a.jsonl"
    for i in range(30):
        actor = xapi.Actor(f"s{i + 100:012x}" if i else "s00000000000a", session.registration, "en", "t")
        append_line(path, actor.statement("selected", "choice", KITCHEN, chapter="home",
                                          result={"response": f"{KITCHEN}.help"}))
    live = LiveClass(folder, session)
    live.poll()
    assert live.joined == 1 and live.skipped == 29
    tally = merge([folder.root])
    assert sum(tally.students.values()) == 1 and tally.foreign == 29


def test_a_file_name_that_is_not_a_student_id_is_not_read(teacher):
    folder, session = teacher
    students = folder.root / session.code / "students"
    Student(folder, session, "s0000000000b1").join()
    (students / "s0000000000b1.jsonl").rename(students / "..evil name.jsonl")
    live = LiveClass(folder, session)
    live.poll()
    assert live.joined == 0 and live.skipped == 1


def test_a_save_whose_class_part_points_outside_the_results_folder_is_solo_play(teacher, tmp_path):
    folder, session = teacher
    link = ClassLink.join(folder, session, "en", ROOT)
    saved = json.loads(json.dumps(link.to_json()))
    for anon in ("../../../../tmp/x", "s/../../x", "C:\\x", "s" + "a" * 100, 5, None):
        assert ClassLink.from_json({**saved, "anon": anon}) is None
    bad_session = {**saved["session"], "code": "../../.."}
    assert ClassLink.from_json({**saved, "session": bad_session}) is None
    assert ClassLink.from_json({**saved, "chosen": ["x" * 10_000]}) is None
    assert ClassLink.from_json({**saved, "chosen": list(map(str, range(10_000)))}) is None
    with pytest.raises(ValueError):
        folder.student_log(session, "../../../../tmp/x")
    assert ClassLink.from_json(saved) is not None
    assert not list(tmp_path.glob("x*")) and not (tmp_path.parent / "x.jsonl").exists()


def test_the_report_survives_hostile_lines_and_neutralises_spreadsheet_formulas(teacher, tmp_path, capsys):
    folder, session = teacher
    path = folder.root / session.code / "students" / "s0000000000c1.jsonl"
    actor = xapi.Actor("s0000000000c1", session.registration, "en", "t")
    append_line(path, actor.statement("selected", "choice", KITCHEN, result={"response": "=HYPERLINK(1)"}))
    append_line(path, actor.statement("answered", "survey", "home_job", result={"response": "@SUM(A1)"},
                                      extra={xapi.EXT_PHASE: "pre"}))
    write_raw(path, BAD_CONTROL)
    tally = merge([folder.root])
    objects = 5  # junk lines that are JSON objects, but no statements
    assert tally.foreign == 2 + objects and tally.damaged == len(BAD_CONTROL) - objects
    for cell, safe in (("=1+2", "'=1+2"), ("+cmd", "'+cmd"), ("-x", "'-x"), ("@SUM(1)", "'@SUM(1)"),
                       ("\tx", "'\tx"), ("-0.5", "-0.5"), ("+12", "+12"), ("all", "all"), ("", "")):
        assert csv_cell(cell) == safe


# --- the PIN -----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("iterations", [0, -5, 10**9, 1e9, "120000", True, None, 49_999, 2_000_001])
def test_a_pin_file_with_bad_iterations_is_missing_and_asks_for_a_new_pin(tmp_path, iterations):
    set_pin(tmp_path, "4821")
    raw = json.loads((tmp_path / PIN_FILE).read_text())
    (tmp_path / PIN_FILE).write_text(json.dumps({**raw, "iterations": iterations}))
    start = time.perf_counter()
    assert not has_pin(tmp_path) and unlock(tmp_path, "4821").key is None
    assert time.perf_counter() - start < 2


@pytest.mark.parametrize("text", ["junk", "", "{}", "[]", '{"format": 1, "salt": "00", "hash": "00", '
                                  '"iterations": 120000}', "null", "[" * 30000])
def test_a_missing_junk_or_old_pin_file_never_opens_the_menu_without_a_new_pin(content, display, tmp_path, text):
    data = tmp_path / "data"
    data.mkdir()
    (data / PIN_FILE).write_text(text)
    ctx = Context.create(ROOT, content, Settings(), data)
    ctx.display = display
    app = App(ctx, PinScreen(ctx), display)
    app.step([], DT)
    assert app.top.setting  # it asks to choose a PIN
    for _ in range(2):
        for key in (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4):
            press(app, key, settle=0)
        assert not isinstance(app.top, TeacherMenuScreen)
        press(app, pygame.K_RETURN)
    assert isinstance(app.top, TeacherMenuScreen) and has_pin(data) and ctx.teacher_key is not None


def test_a_self_made_pin_file_gives_no_power_over_the_teachers_class(tmp_path):
    real = set_pin(tmp_path / "teacher", "4821")
    folder = ClassFolder(tmp_path / "results", real)
    session = folder.create()
    # A student writes teacher.json with a PIN of their own on the teacher's PC …
    own = set_pin(tmp_path / "teacher", "1111")
    assert own is not None and own.public != real.public
    # … and opens the menu with it: it holds a new key, so nothing it says reaches the class.
    with pytest.raises(Exception):
        ClassFolder(folder.root, unlock(tmp_path / "teacher", "1111").key).command(session, "release", pause=TALK)
    assert folder.control(session).released == frozenset()


def test_wrong_pins_wait_longer_and_longer_and_the_wait_survives_a_restart(tmp_path):
    set_pin(tmp_path, "4821")
    now = time.time()
    waits = [unlock(tmp_path, "0000", now=now + i * 100).wait for i in range(6)]
    assert waits[:FREE_TRIES - 1] == [0.0] * (FREE_TRIES - 1) and waits[FREE_TRIES - 1:] == [1.0, 2.0, 4.0, 8.0]
    later = now + 5 * 100
    assert unlock(tmp_path, "4821", now=later + 1).key is None  # the right PIN waits too
    assert json.loads((tmp_path / PIN_FILE).read_text())["failures"] >= 6  # stored with the hash
    assert unlock(tmp_path, "4821", now=later + 100).key is not None
    assert unlock(tmp_path, "0000", now=later + 101).wait == 0.0  # a right PIN starts the count again


def test_sixty_wrong_pins_on_the_pin_screen_are_slowed(content, display, tmp_path, monkeypatch):
    frozen = time.time()
    monkeypatch.setattr("game.classroom.pin.time.time", lambda: frozen)  # a fast typist: no time passes
    data = tmp_path / "data"
    set_pin(data, "4821")
    ctx = Context.create(ROOT, content, Settings(), data)
    ctx.display = display
    app = App(ctx, PinScreen(ctx), display)
    app.step([], DT)
    for _ in range(FREE_TRIES + 1):
        for key in (pygame.K_9, pygame.K_9, pygame.K_9, pygame.K_9):
            press(app, key, settle=0)
        press(app, pygame.K_RETURN)
    assert app.top.message.startswith(ctx.t("pin.wait", seconds=1)[:10])
    for key in (pygame.K_4, pygame.K_8, pygame.K_2, pygame.K_1):
        press(app, key, settle=0)
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, PinScreen)  # even the right PIN waits


def test_the_command_line_teacher_commands_ask_for_the_pin(tmp_path, monkeypatch, capsys):
    data, results = tmp_path / "data", tmp_path / "results"
    args = ["--results", str(results), "--data", str(data)]
    assert main(["classroom", "new", *args]) == 1
    assert "set a teacher PIN first" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("4821\n4821\n"))
    assert main(["classroom", "pin", "--data", str(data)]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("1234\n"))
    assert main(["classroom", "new", *args]) == 1 and "not right" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("4821\n"))
    assert main(["classroom", "new", *args]) == 0
    session = ClassFolder(results).sessions()[0]
    assert session.key == unlock(data, "4821").key.public
    monkeypatch.setattr("sys.stdin", io.StringIO("1234\n"))
    from game.classroom.teacher_cli import run_teacher
    from game.cli import build_parser

    assert run_teacher(build_parser().parse_args(["teacher", "--screenshot", str(tmp_path / "t.png"), *args]),
                       ROOT) == 1
    assert not (tmp_path / "t.png").exists()


def test_the_report_command_never_raises_on_a_folder_of_junk(tmp_path, capsys):
    junk = tmp_path / "junk" / "123456" / "students"
    junk.mkdir(parents=True)
    (junk.parent / SESSION_FILE).write_text('{"code": "123456", "created": "inf"}')
    (junk / "s1.jsonl").write_bytes(b"\n".join(BAD_CONTROL) + b"\n\xff\xfe\n")
    args = argparse.Namespace(dirs=[tmp_path / "junk"], output=tmp_path / "r.html", csv=None, lang="en")
    assert run_report(args, ROOT) == 1
    assert "no class results" in capsys.readouterr().err


_ = (TitleScreen, FrozenScreen, uuid)
