"""A class, simulated: six students (six app instances, each with its own save folder) and a teacher share one
results folder. They join with the code, answer the survey, stop at a pause point until the teacher releases the
class, make their decisions, finish the chapter and answer the survey again; then the class report is checked
against what the students did."""

from __future__ import annotations

import json

import pygame
import pytest

from game.classroom import xapi
from game.classroom.folder import ClassFolder, read_jsonl
from game.classroom.sign import TeacherKey
from game.classroom.records import parse
from game.settings import Settings
from game.ui.app import App
from game.ui.chapter_end import ChapterEndScreen
from game.ui.classflow import CLASS_TICK, ClassDoneScreen, FrozenScreen
from game.ui.content_note import NoteScreen
from game.ui.context import Context
from game.ui.dialogue import DialogueScreen
from game.ui.discuss import DiscussScreen
from game.ui.join import JoinScreen
from game.ui.survey_screen import SurveyScreen
from game.ui.title import TitleScreen
from game.ui.world import WorldScreen
from tests.test_e2e import DT, ROOT, choose, frames, press, read_through, talk_to

KITCHEN_PAUSE = "home.meera.talk_kitchen"


@pytest.fixture(scope="module")
def content(display):
    from game.content import load_content

    loaded, problems, _ = load_content(ROOT)
    assert loaded is not None, [p.format() for p in problems]
    return loaded


def student_app(content, display, data_dir, results, **network) -> App:
    """A student's PC. Without ``network``: the results folder only (nothing is sent on any network)."""
    settings = Settings(results_dir=str(results), **(network or {"class_discovery": ""}))
    ctx = Context.create(ROOT, content, settings, data_dir)
    ctx.display = display
    app = App(ctx, TitleScreen(ctx), display)
    app.step([], DT)
    return app


def tick(app: App) -> None:
    pygame.event.post(pygame.event.Event(CLASS_TICK))
    app.step(None, DT)
    frames(app, 1)


def type_code(app: App, code: str) -> None:
    for digit in code:
        press(app, getattr(pygame, f"K_{digit}"), settle=0)
    press(app, pygame.K_RETURN)


def join(app: App, code: str) -> None:
    title = app.top
    assert isinstance(title, TitleScreen)
    press(app, pygame.K_DOWN)
    assert title._items()[title.menu.selected] == "join_class"
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, JoinScreen)
    type_code(app, code)


def to_the_kitchen_pause(app: App) -> None:
    """A student who joined (no survey) plays to the first pause point: the opening, then Meera."""
    seen: list[str] = []
    read_through(app, seen)
    talk_to(app, "meera", seen)
    read_through(app, seen)
    assert isinstance(app.top, DiscussScreen), type(app.top)


def answer_survey(app: App, answers: list[int | None]) -> None:
    """Start, then answer each item with its scale value (None: skip it)."""
    assert isinstance(app.top, SurveyScreen)
    press(app, pygame.K_RETURN)  # Start
    for value in answers:
        screen = app.top
        assert isinstance(screen, SurveyScreen)
        if value is None:
            press(app, pygame.K_1 + len(screen.survey.scales[screen.survey.items[screen.index].scale].options))
        else:
            press(app, pygame.K_1 + value - 1)


def records(folder: ClassFolder, code: str) -> dict[str, list]:
    out = {}
    for path in folder.student_files(code):
        statements, _ = read_jsonl(path)
        for s in statements:
            assert xapi.validate(s) == [], s
        out[path.stem] = [parse(s) for s in statements]
    return out


# The two ways through the first chapter (tests/test_e2e.py plays them too).
HELP = [("meera", ["home.meera_menu.talk.help"]),
        ("amma", ["home.amma_menu.ask.exam"]),
        ("amma", ["home.amma_menu.ask.dinner", "home.dinner.marriage.doctor", "home.chachi.speak.offer"])]
QUIET = [("meera", ["home.meera_menu.talk.hungry", "home.meera_menu.talk.leave"]),
         ("amma", ["home.amma_menu.ask.dinner", "home.dinner.marriage.quiet", "home.chachi.speak.quiet"])]


def test_a_class_joins_pauses_plays_and_is_reported(content, display, tmp_path):
    results = tmp_path / "results"
    folder = ClassFolder(results, TeacherKey.new())
    session = folder.create(chapters=("home",), pauses=(KITCHEN_PAUSE,), survey="both")
    n_items = len(content.survey.items)
    plans = [HELP, HELP, HELP, HELP, QUIET, QUIET]
    pre = [[(i + s) % 4 + 1 for i in range(n_items)] for s in range(6)]
    pre[5][0] = None  # one student skips the first question
    post = [[min(4, v + 1) if v else 4 for v in answers] for answers in pre]

    apps = []
    for s in range(6):
        app = student_app(content, display, tmp_path / f"pc{s}", results)
        join(app, session.code)
        answer_survey(app, pre[s])
        seen: list[str] = []
        read_through(app, seen)  # the chapter's opening lines
        assert isinstance(app.top, WorldScreen)
        # Walk to Meera; the pause point before the kitchen decision stops the game.
        talk_to(app, "meera", seen)
        read_through(app, seen)
        assert isinstance(app.top, DiscussScreen), type(app.top)
        assert app.top.card.menu.labels == []  # no way on until the teacher says so
        tick(app)
        assert isinstance(app.top, DiscussScreen) and not app.top.free
        apps.append(app)

    # The teacher sees six students waiting at the same pause point …
    waiting = {r.student for recs in records(folder, session.code).values() for r in recs
               if r.kind == "pause" and r.progress == "pause"}
    assert len(waiting) == 6
    # … pauses everyone for a moment (eyes up), then lets the class go on.
    folder.command(session, "pause_all")
    tick(apps[0])
    assert isinstance(apps[0].top, FrozenScreen)
    press(apps[0], pygame.K_RETURN)
    assert isinstance(apps[0].top, FrozenScreen)  # a student cannot close it
    folder.command(session, "resume_all", pauses=[KITCHEN_PAUSE])
    for app in apps:
        tick(app)
        assert isinstance(app.top, DiscussScreen) and app.top.free

    for s, app in enumerate(apps):
        seen: list[str] = []
        press(app, pygame.K_RETURN)  # Go on
        for person, options in plans[s]:
            if not isinstance(app.top, DialogueScreen):
                talk_to(app, person, seen)
            for option in options:
                read_through(app, seen)
                choose(app, option)
            read_through(app, seen)
        assert isinstance(app.top, ChapterEndScreen), type(app.top)
        assert app.top.items[0] == "finish"  # only "home" today: no next chapter
        press(app, pygame.K_RETURN)
        answer_survey(app, post[s])
        assert isinstance(app.top, ClassDoneScreen)

    by_student = records(folder, session.code)
    assert len(by_student) == 6  # one file per play-through; nothing in them names a student
    for recs in by_student.values():
        verbs = [r.verb for r in recs]
        assert verbs[0] == "initialized" and verbs[-1] == "completed" and recs[-1].kind == "game"
        assert ("completed", "chapter", "home") in {(r.verb, r.kind, r.ident) for r in recs}
    for path in folder.student_files(session.code):
        for statement in read_jsonl(path)[0]:  # the actor is the file's random id, and nothing else
            assert statement["actor"] == {"objectType": "Agent", "account": {
                "homePage": xapi.session_iri(session.registration), "name": path.stem}}
    first = {}
    for student, recs in by_student.items():
        for r in recs:
            if r.verb == "selected" and not r.replay:
                first.setdefault((student, r.ident), r.response)
    kitchen = [v for (student, choice), v in first.items() if choice == "home.meera_menu.talk"]
    assert sorted(kitchen) == sorted(["home.meera_menu.talk.help"] * 4 + ["home.meera_menu.talk.hungry"] * 2)
    assert not [r for recs in by_student.values() for r in recs if r.replay]  # nobody went back with "What if?"

    # The class report agrees with what the students did.
    from game.cli import main

    csv_path = tmp_path / "report.csv"
    assert main(["report", str(results), "-o", str(tmp_path / "report.html"), "--csv", str(csv_path)]) == 0
    check_report(csv_path, pre, post, content)


def check_report(csv_path, pre, post, content) -> None:
    """Every number in the report's CSV, recomputed from what the six students were made to do."""
    import csv
    from collections import Counter

    rows = [r for r in csv.DictReader(csv_path.open(encoding="utf-8-sig")) if r["class"] == "all"]
    decisions = {(r["id"], r["answer"]): int(r["count"]) for r in rows if r["kind"] == "decision" and int(r["count"])}
    expected = Counter()
    for plan in [HELP] * 4 + [QUIET] * 2:
        firsts: dict[str, str] = {}
        for _person, options in plan:
            for option in options:
                firsts.setdefault(option.rsplit(".", 1)[0], option)  # the first pick at each decision counts
        expected.update(firsts.items())
    assert decisions == dict(expected)
    assert {int(r["students"]) for r in rows if r["kind"] == "decision"} == {6}
    for phase, answers in (("pre", pre), ("post", post)):
        for i, item in enumerate(content.survey.items):
            given = Counter(str(a[i]) for a in answers if a[i] is not None)
            got = {r["answer"]: int(r["count"]) for r in rows
                   if r["kind"] == "survey" and r["id"] == item.id and r["phase"] == phase and int(r["count"])}
            assert got == dict(given), (item.id, phase)


def test_the_join_screen_works_with_the_mouse_alone_and_says_when_a_code_is_wrong(content, display, tmp_path):
    results = tmp_path / "results"
    session = ClassFolder(results, TeacherKey.new()).create(chapters=("home",), survey="none")
    app = student_app(content, display, tmp_path / "pc", results)
    title = app.top
    title.menu.layout(app.ctx.text, 0, 0)
    app.draw()
    join_rect = title.menu.rects[title._items().index("join_class")]
    from tests.test_e2e import click

    click(app, join_rect.center)
    screen = app.top
    assert isinstance(screen, JoinScreen)
    wrong = "1" + session.code[1:] if session.code[0] != "1" else "2" + session.code[1:]
    for digit in wrong:
        click(app, screen.entry.keys[digit].center, settle=0)
    click(app, screen.entry.keys["ok"].center)
    assert isinstance(app.top, JoinScreen)
    assert screen.message == app.ctx.t("class.no_such_code", code=f"{wrong[:3]} {wrong[3:]}")
    for _ in range(6):
        click(app, screen.entry.keys["erase"].center, settle=0)
    assert screen.entry.value == ""
    for digit in session.code:
        click(app, screen.entry.keys[digit].center, settle=0)
    click(app, screen.entry.keys["ok"].center)
    frames(app, 3)
    assert isinstance(app.top, NoteScreen)  # no survey today: straight into the chapter, its content note first
    assert app.top.session.classroom is not None
    saved = json.loads((tmp_path / "pc" / "autosave.json").read_text())
    assert saved["classroom"]["session"]["code"] == session.code


def test_a_student_who_restarts_the_pc_at_a_pause_point_comes_back_to_it(content, display, tmp_path):
    results = tmp_path / "results"
    folder = ClassFolder(results, TeacherKey.new())
    session = folder.create(chapters=("home",), survey="none")
    app = student_app(content, display, tmp_path / "pc", results)
    join(app, session.code)
    to_the_kitchen_pause(app)
    anon = app.top.link.anon

    again = student_app(content, display, tmp_path / "pc", results)
    press(again, pygame.K_RETURN)  # Continue
    frames(again, 3)
    assert isinstance(again.top, DiscussScreen) and again.top.step.id == KITCHEN_PAUSE
    assert again.top.link.anon == anon  # the same play-through, the same results file
    folder.command(session, "release", pause=KITCHEN_PAUSE)
    tick(again)
    press(again, pygame.K_RETURN)
    frames(again, 3)
    assert isinstance(again.top, DialogueScreen) and again.top.step.id == "home.meera_menu.talk"
    recs = records(folder, session.code)
    assert list(recs) == [anon]
    pauses = [(r.ident, r.progress) for r in recs[anon] if r.kind == "pause"]
    assert pauses == [(KITCHEN_PAUSE, "pause"), (KITCHEN_PAUSE, "released")]  # reached once, left once


def test_playing_alone_never_stops_at_a_pause_point(content, display, tmp_path):
    app = student_app(content, display, tmp_path / "pc", tmp_path / "results")
    press(app, pygame.K_RETURN)  # New game
    seen: list[str] = []
    read_through(app, seen)
    talk_to(app, "meera", seen)
    read_through(app, seen)
    assert isinstance(app.top, DialogueScreen) and app.top.step.id == "home.meera_menu.talk"
    assert not (tmp_path / "results").exists()  # and nothing is written anywhere
