"""The live numbers of a class, read from student files while they are being written (game/classroom/live.py)."""

from __future__ import annotations

import json
import shutil
import time

import pytest

from game.classroom import live as live_module
from game.classroom import xapi
from game.classroom.folder import ClassFolder, append_line
from game.classroom.live import LiveClass


@pytest.fixture()
def folder(tmp_path):
    return ClassFolder(tmp_path / "results")


@pytest.fixture()
def session(folder):
    return folder.create(("home", "school"))


class Student:
    """One simulated play-through writing the statements the student game writes."""

    def __init__(self, folder: ClassFolder, session, anon: str) -> None:
        self.actor = xapi.Actor(anon, session.registration, "en", "test")
        self.path = folder.root / session.code / "students" / f"{anon}.jsonl"
        self.chapter = ""

    def write(self, verb, kind, ident="", **kw) -> None:
        append_line(self.path, self.actor.statement(verb, kind, ident, chapter=self.chapter, **kw))

    def join(self) -> "Student":
        self.write("initialized", "game")
        return self

    def start(self, chapter: str) -> "Student":
        self.chapter = chapter
        self.write("progressed", "chapter", chapter, extra={xapi.EXT_KIND: "chapter"})
        return self

    def choose(self, choice: str, option: str, replay: bool = False) -> "Student":
        self.write("selected", "choice", choice, result={"response": f"{choice}.{option}"},
                   extra={xapi.EXT_REPLAY: True} if replay else None)
        return self

    def pause(self, pause: str) -> "Student":
        self.write("progressed", "pause", pause, extra={xapi.EXT_KIND: "pause"})
        return self

    def release(self, pause: str) -> "Student":
        self.write("progressed", "pause", pause, extra={xapi.EXT_KIND: "released"})
        return self

    def complete_chapter(self) -> "Student":
        self.write("completed", "chapter", self.chapter, result={"completion": True})
        return self

    def finish(self) -> "Student":
        self.write("completed", "game", result={"completion": True})
        return self


KITCHEN = "home.meera_menu.talk"
TALK = "home.meera.talk_kitchen"


def test_a_class_of_six(folder, session):
    students = [Student(folder, session, f"s{i:012x}").join() for i in range(6)]
    students[0].start("home").pause(TALK)                                      # waiting at the pause point
    students[1].start("home").pause(TALK).release(TALK).choose(KITCHEN, "help")
    students[2].start("home").pause(TALK).release(TALK).choose(KITCHEN, "why")
    students[3].start("home").pause(TALK).release(TALK).choose(KITCHEN, "help").complete_chapter().start("school")
    students[4].start("home").pause(TALK).release(TALK).choose(KITCHEN, "leave").complete_chapter() \
        .start("school").finish()
    # students[5] has only joined (the survey before playing)
    live = LiveClass(folder, session)
    assert live.poll() is True
    assert live.joined == 6
    assert live.chapters() == {"home": 3, "school": 1}
    assert live.in_chapter("home") == 3 and live.in_chapter("school") == 1
    assert live.finished == 1 and live.not_started == 1
    assert live.waiting() == {TALK: 1} and live.waiting_in("home") == 1 and live.waiting_in("school") == 0
    assert live.waiting_pauses() == [TALK] and live.pause_chapter(TALK) == "home"
    [decision] = live.decisions()
    assert decision.choice == KITCHEN and decision.chosen == 4
    assert dict(decision.tally) == {f"{KITCHEN}.help": 2, f"{KITCHEN}.why": 1, f"{KITCHEN}.leave": 1}
    assert live.poll() is False  # nothing new


def test_a_torn_last_line_is_read_only_once_it_is_complete(folder, session):
    student = Student(folder, session, "storn").join()
    line = json.dumps(student.actor.statement("selected", "choice", KITCHEN, chapter="home",
                                              result={"response": f"{KITCHEN}.help"})).encode()
    with open(student.path, "ab") as f:
        f.write(line[:40])  # the machine was switched off (or is still writing) mid-line
    live = LiveClass(folder, session)
    assert live.poll() is True
    assert live.joined == 1 and live.decisions() == []
    assert live.poll() is False  # the half line is not read again and again as something new
    with open(student.path, "ab") as f:
        f.write(line[40:] + b"\n")
    assert live.poll() is True
    assert live.decisions()[0].tally == {f"{KITCHEN}.help": 1}


def test_each_poll_reads_only_what_was_appended(folder, session, monkeypatch):
    student = Student(folder, session, "soffset").join().start("home")
    calls: list[tuple[str, int]] = []
    real = live_module.read_jsonl

    def spy(path, offset=0, skipped=None):
        calls.append((path.name, offset))
        return real(path, offset, skipped)

    monkeypatch.setattr(live_module, "read_jsonl", spy)
    live = LiveClass(folder, session)
    live.poll()
    assert calls == [("soffset.jsonl", 0)]
    size = student.path.stat().st_size
    calls.clear()
    assert live.poll() is False
    assert calls == []  # an unchanged file is not even opened
    student.choose(KITCHEN, "help")
    assert live.poll() is True
    assert calls == [("soffset.jsonl", size)]  # from where the last read ended, not from the start
    assert live.decisions()[0].chosen == 1 and live.joined == 1 and live.in_chapter("home") == 1


def test_only_the_first_choice_counts_and_what_if_replays_are_ignored(folder, session):
    a = Student(folder, session, "sa").join().start("home")
    a.choose(KITCHEN, "leave").choose(KITCHEN, "help", replay=True).choose(KITCHEN, "why", replay=True)
    b = Student(folder, session, "sb").join().start("home")
    b.choose(KITCHEN, "help", replay=True)  # a replay with no first choice before it (a lost line): not counted
    c = Student(folder, session, "sc").join().start("home")
    c.choose(KITCHEN, "why").choose(KITCHEN, "help")  # chosen again without the replay mark: still the first
    live = LiveClass(folder, session)
    live.poll()
    [decision] = live.decisions()
    assert decision.chosen == 2
    assert dict(decision.tally) == {f"{KITCHEN}.leave": 1, f"{KITCHEN}.why": 1}


def test_new_student_files_are_picked_up(folder, session):
    live = LiveClass(folder, session)
    assert live.poll() is False and live.joined == 0 and live.reachable
    Student(folder, session, "sfirst").join()
    assert live.poll() is True and live.joined == 1
    Student(folder, session, "ssecond").join().start("school")
    assert live.poll() is True and live.joined == 2 and live.in_chapter("school") == 1


def test_released_ends_the_wait_only_for_its_own_pause_point(folder, session):
    other = "home.papa_answer.talk_marriage"
    a = Student(folder, session, "sa").join().start("home").pause(TALK)
    b = Student(folder, session, "sb").join().start("home").pause(TALK)
    live = LiveClass(folder, session)
    live.poll()
    assert live.waiting() == {TALK: 2}
    a.release(other)  # a release of a different pause point changes nothing
    live.poll()
    assert live.waiting() == {TALK: 2}
    a.release(TALK)
    b.release(TALK).choose(KITCHEN, "help").pause(other)
    live.poll()
    assert live.waiting() == {other: 1} and live.waiting_pauses() == [other]
    b.start("school")  # a new chapter: the student has clearly gone on
    live.poll()
    assert live.waiting() == {}


def test_decisions_follow_the_story_order_when_given(folder, session):
    later, earlier = "home.amma_menu.ask", KITCHEN
    Student(folder, session, "sa").join().start("home").choose(later, "exam").choose(earlier, "help")
    live = LiveClass(folder, session)
    live.poll()
    assert [d.choice for d in live.decisions()] == [later, earlier]  # first seen
    assert [d.choice for d in live.decisions({earlier: 0, later: 1})] == [earlier, later]


def test_statements_of_another_session_and_junk_lines_are_ignored(folder, session):
    stranger = xapi.Actor("sother", "00000000-0000-4000-8000-000000000000", "en", "test")
    path = folder.root / session.code / "students" / "sother.jsonl"
    append_line(path, stranger.statement("initialized", "game"))
    with open(path, "ab") as f:
        f.write(b"not json at all\n{\"verb\": 3}\n")
    live = LiveClass(folder, session)
    live.poll()
    assert live.joined == 0


def test_a_lost_folder_keeps_the_last_numbers(folder, session):
    Student(folder, session, "sa").join().start("home").choose(KITCHEN, "help")
    live = LiveClass(folder, session)
    live.poll()
    where = folder.root / session.code
    shutil.move(str(where), str(folder.root / "away"))  # the network share is gone
    assert live.poll() is True and live.reachable is False
    assert live.joined == 1 and live.decisions()[0].chosen == 1
    assert live.poll() is False  # still gone: nothing new to draw
    shutil.move(str(folder.root / "away"), str(where))
    assert live.poll() is True and live.reachable is True and live.joined == 1


def test_forty_students_are_polled_quickly(folder, session):
    choices = [f"home.c{i}.pick" for i in range(20)]
    for n in range(40):
        s = Student(folder, session, f"s{n:012x}").join().start("home")
        for c in choices:
            s.choose(c, f"o{n % 3}")
    live = LiveClass(folder, session)
    start = time.perf_counter()
    live.poll()
    first = time.perf_counter() - start
    start = time.perf_counter()
    live.poll()
    again = time.perf_counter() - start
    assert live.joined == 40 and len(live.decisions()) == 20
    assert live.decisions()[0].tally == {"home.c0.pick.o0": 14, "home.c0.pick.o1": 13, "home.c0.pick.o2": 13}
    assert first < 0.5 and again < 0.05, (first, again)
