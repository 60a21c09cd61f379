"""The class-session core without a screen: the results folder, xAPI statements, the teacher PIN, the student's
link to a session, and the classroom command line."""

from __future__ import annotations

import io
import json
import os
import re
import time
import uuid

import pytest

from game.classroom import xapi
from game.classroom.folder import (ClassFolder, ClassSession, FolderError, StudentLog, fold_control, normalize_code,
                                   read_jsonl, results_root, show_code, statement_files)
from game.classroom.pin import check_pin, has_pin, set_pin, valid_pin
from game.classroom.records import parse
from game.classroom.sign import TeacherKey
from game.classroom.student import ClassLink, content_version
from game.cli import main
from game.paths import project_root

ROOT = project_root()


def actor() -> xapi.Actor:
    return xapi.Actor("s0123456789ab", str(uuid.uuid4()), "hi", "abc123")


# --- xAPI -------------------------------------------------------------------------------------------------------------
def test_every_kind_of_statement_the_game_writes_is_valid_xapi(tmp_path):
    folder = ClassFolder(tmp_path)
    session = folder.create(chapters=("home",))
    link = ClassLink.join(folder, session, "hi", ROOT)
    link.chapter_started("home")
    link.selected("home.meera_menu.talk", "home.meera_menu.talk.help", "home")
    link.pause_reached("home.meera.talk_kitchen", "home")
    link.pause_left("home.meera.talk_kitchen", "home")
    link.chapter_completed("home", "home.studied")
    link.answered("home_job", 2, "pre")
    link.finish("home")
    statements, _ = read_jsonl(link.log.path)
    assert len(statements) == 8
    for s in statements:
        assert xapi.validate(s) == [], s
        assert s["context"]["registration"] == session.registration
        assert s["context"]["extensions"][xapi.EXT_LANGUAGE] == "hi"
    verbs = [parse(s).verb for s in statements]
    assert verbs == ["initialized", "progressed", "selected", "progressed", "progressed", "completed", "answered",
                     "completed"]
    choice = parse(statements[2])
    assert (choice.kind, choice.ident, choice.response) == ("choice", "home.meera_menu.talk",
                                                            "home.meera_menu.talk.help")
    answer = parse(statements[6])
    assert (answer.kind, answer.ident, answer.response, answer.phase) == ("survey", "home_job", "2", "pre")
    assert statements[2]["object"]["id"] == "https://small-acts.example/activity/choice/home.meera_menu.talk"


@pytest.mark.parametrize("damage, message", [
    (lambda s: s.pop("actor"), "actor is required"),
    (lambda s: s["actor"].update(mbox="mailto:a@b.c"), "exactly one identifier"),
    (lambda s: s["actor"].update(name="Asha"), "no names or emails"),
    (lambda s: s.update(id="not-a-uuid"), "id must be a UUID"),
    (lambda s: s["verb"].update(id="selected"), "verb.id must be an IRI"),
    (lambda s: s["object"].update(id="choice 1"), "object.id must be an IRI"),
    (lambda s: s.update(timestamp="yesterday"), "timestamp must be ISO 8601"),
    (lambda s: s["context"].update(registration="1"), "context.registration must be a UUID"),
    (lambda s: s["context"]["extensions"].update(version="1"), "must be an IRI"),
    (lambda s: s.update(result={"response": 3}), "result.response is a string"),
    (lambda s: s.update(colour="blue"), "unknown statement properties"),
])
def test_the_checker_refuses_what_a_learning_record_store_refuses(damage, message):
    statement = actor().statement("selected", "choice", "home.x.y", result={"response": "home.x.y.z"})
    assert xapi.validate(statement) == []
    damage(statement)
    assert any(message in e for e in xapi.validate(statement)), xapi.validate(statement)


def test_activity_ids_round_trip():
    iri = xapi.activity_iri("pause", "home.meera.talk_kitchen")
    assert xapi.activity_id(iri) == ("pause", "home.meera.talk_kitchen")
    assert xapi.activity_id("http://example.com/x") == ("", "")


# --- the results folder ----------------------------------------------------------------------------------------------
def test_a_session_gets_a_fresh_six_digit_code_and_reads_back(tmp_path):
    folder = ClassFolder(tmp_path / "results")
    sessions = [folder.create(chapters=("home",), survey="pre", level="older") for _ in range(20)]
    codes = {s.code for s in sessions}
    assert len(codes) == 20 and all(len(c) == 6 and c.isdigit() and c[0] != "0" for c in codes)
    again = folder.session(show_code(sessions[0].code))  # "482 913", as read off the board
    assert again == sessions[0]
    assert folder.session("123") is None and folder.session("999999") is None
    assert normalize_code(" 482-913 ") == "482913"


def test_a_damaged_session_file_is_not_a_session(tmp_path):
    folder = ClassFolder(tmp_path)
    session = folder.create()
    (tmp_path / session.code / "session.json").write_text('{"code": "1"}')
    assert folder.session(session.code) is None
    with pytest.raises(ValueError):
        ClassSession.from_json({"code": session.code, "registration": "x"})


def test_a_read_only_results_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(FolderError, match="cannot create the results folder"):
        ClassFolder(blocker / "results").create()


def test_teacher_commands_fold_into_pause_and_release(tmp_path):
    folder = ClassFolder(tmp_path, TeacherKey.new())
    session = folder.create()
    assert folder.control(session).paused is False
    folder.command(session, "pause_all")
    assert folder.control(session).paused is True
    folder.command(session, "resume_all", pauses=["home.a.p1"])
    folder.command(session, "release", pause="school.b.p2")
    control = folder.control(session)
    assert control.paused is False and control.released == {"home.a.p1", "school.b.p2"} and control.lines == 3
    assert fold_control([{"do": "nonsense"}]).paused is False


def test_a_torn_last_line_waits_and_junk_lines_are_skipped(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_bytes(b'{"a": 1}\nnot json\n[1, 2]\n{"b": 2}\n{"c": ')
    items, offset = read_jsonl(path)
    assert items == [{"a": 1}, {"b": 2}]
    with open(path, "ab") as f:
        f.write(b'3}\n')
    more, end = read_jsonl(path, offset)
    assert more == [{"c": 3}] and end == path.stat().st_size


def test_a_student_log_keeps_events_while_the_share_is_gone_and_writes_them_later(tmp_path):
    share = tmp_path / "share"
    share.write_text("the network drive is not mounted")  # a file where the folder should be
    log = StudentLog(share / "123456" / "students" / "s1.jsonl")
    assert log.write({"n": 1}) is False and log.write({"n": 2}) is False
    share.unlink()
    assert log.write({"n": 3}) is True
    assert [i["n"] for i in read_jsonl(log.path)[0]] == [1, 2, 3] and log.pending == []


def test_old_sessions_expire_and_purge_deletes_a_class(tmp_path):
    folder = ClassFolder(tmp_path)
    old, new = folder.create(), folder.create()
    (tmp_path / old.code / "students" / "s1.jsonl").write_text("{}\n")
    past = time.time() - 90 * 86400
    for p in (tmp_path / old.code).rglob("*"):
        os.utime(p, (past, past))
    assert folder.expire(0) == []  # 0 keeps everything
    assert folder.expire(60) == [old.code]
    assert [s.code for s in folder.sessions()] == [new.code]
    assert folder.purge(new.code) == 0 and folder.sessions() == []
    with pytest.raises(FolderError):
        folder.purge(new.code)


def test_results_files_are_found_in_any_layout_but_control_files_are_not(tmp_path):
    folder = ClassFolder(tmp_path / "r", TeacherKey.new())
    s = folder.create()
    folder.command(s, "pause_all")
    (tmp_path / "r" / s.code / "students" / "a.jsonl").write_text("{}\n")
    usb = tmp_path / "usb" / "stick1"
    usb.mkdir(parents=True)
    (usb / "b.jsonl").write_text("{}\n")
    names = sorted(p.name for p in statement_files([tmp_path / "r", tmp_path / "usb", usb / "b.jsonl"]))
    assert names == ["a.jsonl", "b.jsonl"]


def test_where_the_results_go(tmp_path):
    assert results_root(tmp_path) == tmp_path / "results"
    assert results_root(tmp_path, "/mnt/lab/results") == tmp_path.__class__("/mnt/lab/results")
    assert results_root(tmp_path, "/mnt/lab", tmp_path / "here") == tmp_path / "here"


# --- the teacher PIN ---------------------------------------------------------------------------------------------------
def test_the_pin_is_stored_as_a_salted_hash_only(tmp_path):
    assert not has_pin(tmp_path) and not check_pin(tmp_path, "1234")
    assert set_pin(tmp_path, "4821")
    stored = json.loads((tmp_path / "teacher.json").read_text())
    # Every value is a number or a hex digest/salt: the PIN is nowhere as itself. A hex string may hold "4821" by
    # chance (about 1 run in 300), so the test looks at whole values, not at substrings.
    assert stored["iterations"] >= 100_000 and "4821" not in stored.values()
    assert all(isinstance(v, (int, float)) or re.fullmatch(r"[0-9a-f]+", v) for v in stored.values())
    assert check_pin(tmp_path, "4821") and not check_pin(tmp_path, "4822") and not check_pin(tmp_path, "48")
    assert [valid_pin(p) for p in ("123", "1234", "12345678", "123456789", "12a4", "١٢٣٤")] == \
        [False, True, True, False, False, False]
    (tmp_path / "teacher.json").write_text("junk")
    assert not has_pin(tmp_path)  # a damaged file asks for a new PIN rather than locking the teacher out


# --- the student's link ----------------------------------------------------------------------------------------------
def test_the_class_link_survives_the_save_and_never_logs_twice(tmp_path):
    folder = ClassFolder(tmp_path)
    session = folder.create(students_continue=True)
    link = ClassLink.join(folder, session, "en", ROOT)
    link.pause_reached("home.meera.talk_kitchen", "home")
    again = ClassLink.from_json(json.loads(json.dumps(link.to_json())))
    assert again is not None and again.anon == link.anon and again.session == session
    again.pause_reached("home.meera.talk_kitchen", "home")  # shown again after a restart: not logged again
    assert len(read_jsonl(link.log.path)[0]) == 2
    assert again.may_go_on("home.meera.talk_kitchen")  # the teacher let students go on by themselves
    assert ClassLink.from_json({"folder": 1}) is None


def test_the_content_version_is_a_stable_fingerprint():
    assert content_version(ROOT) == content_version(ROOT) and len(content_version(ROOT)) == 12


# --- the command line ------------------------------------------------------------------------------------------------
def test_classroom_new_list_and_purge(tmp_path, capsys, monkeypatch):
    results = ["--results", str(tmp_path / "r"), "--data", str(tmp_path / "data")]
    set_pin(tmp_path / "data", "4821")
    monkeypatch.setattr("sys.stdin", io.StringIO("4821\n" * 3))
    assert main(["classroom", "new", "--chapters", "home,school", "--survey", "pre", "--level", "older",
                 "--pauses", "home.meera.talk_kitchen", *results]) == 0
    out = capsys.readouterr().out
    code = out.split("join code: ")[1].split("\n")[0].replace(" ", "")
    session = ClassFolder(tmp_path / "r").session(code)
    assert session.chapters == ("home", "school") and session.survey == "pre" and session.level == "older"
    assert session.pauses == ("home.meera.talk_kitchen",)
    assert "pause points on: 1 of 4" in out
    assert main(["classroom", "new", "--chapters", "hom", *results]) == 2
    assert "did you mean 'home'" in capsys.readouterr().err
    assert main(["classroom", "new", "--pauses", "home.meera.talk_kitchn", *results]) == 2
    assert "did you mean 'home.meera.talk_kitchen'" in capsys.readouterr().err
    assert main(["classroom", "list", *results]) == 0
    assert show_code(code) in capsys.readouterr().out
    assert main(["classroom", "purge", str(tmp_path / "r" / code), *results]) == 0
    assert "deleted the class session" in capsys.readouterr().out
    assert main(["classroom", "purge", code, *results]) == 1
    assert main(["classroom", "purge", *results]) == 2


def test_purge_older_than_deletes_old_sessions_only(tmp_path, capsys):
    folder = ClassFolder(tmp_path / "r")
    old, new = folder.create(), folder.create()
    past = time.time() - 40 * 86400
    for p in [tmp_path / "r" / old.code, *(tmp_path / "r" / old.code).rglob("*")]:
        os.utime(p, (past, past))
    results = ["--results", str(tmp_path / "r"), "--data", str(tmp_path / "data")]
    assert main(["classroom", "purge", "--older-than", "30", *results]) == 0
    assert [s.code for s in folder.sessions()] == [new.code]
    assert main(["classroom", "purge", "--older-than", "30", *results]) == 1
