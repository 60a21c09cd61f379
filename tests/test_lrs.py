"""Results to a real learning record store: Ralph (PyPI ralph-malph, file-system backend) started on 127.0.0.1 from its
own venv (.lrs-venv, made by .ci/run; SMALL_ACTS_LRS_VENV points at another). Not a mock: every statement of a
recorded class is accepted, a store restarted mid-send loses none and duplicates none, and the report read back from
the store equals the report made from the folder. Skipped only when the store is not installed on this PC; in CI
(CI=true) its absence fails."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from game.classroom import xapi
from game.classroom.lrs import Lrs
from game.classroom.outbox import Outbox
from game.classroom.report import build, csv_rows, merge, read_results
from game.cli import main
from tests.test_report import Lesson

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("SMALL_ACTS_LRS_VENV", ROOT / ".lrs-venv"))
USER, PASSWORD = "school", "class-results"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Ralph's file-system backend (the one that needs no database) creates its one statements file on the first write and
# refuses every later write ("already exists and overwrite is not allowed"): its default write mode is "create". It is
# started here with "append" instead; validation, authentication, duplicate ids (204 / 409) and paging with "more"
# are Ralph's own. Schools run it on Elasticsearch, MongoDB or ClickHouse, where this does not arise.
RALPH_APP = """
import sys, uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend
FSLRSBackend.default_operation_type = BaseOperationType.APPEND
from ralph.api import app
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


class Ralph:
    """One Ralph LRS process on 127.0.0.1 with its statements in ``data``; stop() and start() keep them."""

    def __init__(self, home: Path) -> None:
        self.home, self.port = home, _free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}/xAPI/"
        self.env = {**os.environ, "RALPH_APP_DIR": str(home / "app"), "RALPH_AUTH_FILE": str(home / "auth.json"),
                    "RALPH_RUNSERVER_BACKEND": "fs",
                    "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(home / "data")}
        (home / "data").mkdir(parents=True, exist_ok=True)
        subprocess.run([str(VENV / "bin" / "ralph"), "auth", "-u", USER, "-p", PASSWORD, "-s", "all",
                        "-M", "mailto:lrs@school.example", "-w"], env=self.env, check=True, capture_output=True,
                       timeout=120)
        self.process: subprocess.Popen | None = None

    def start(self) -> "Ralph":
        self.process = subprocess.Popen([str(VENV / "bin" / "python"), "-c", RALPH_APP, str(self.port)],
                                        env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        end = time.monotonic() + 60
        while time.monotonic() < end:
            try:
                request = urllib.request.Request(self.endpoint + "statements?limit=1",
                                                 headers=Lrs(self.endpoint, USER, PASSWORD).headers)
                with urllib.request.urlopen(request, timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("Ralph did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(20)
            self.process = None


@pytest.fixture()
def ralph(tmp_path):
    if not (VENV / "bin" / "uvicorn").exists():
        if os.environ.get("CI"):
            pytest.fail(f"the learning record store is not installed in {VENV}: .ci/run installs it")
        pytest.skip(f"Ralph is not installed in {VENV} (bash .ci/run installs it)")
    store = Ralph(tmp_path / "ralph").start()
    yield store
    store.stop()


def recorded_class(results: Path) -> tuple[Lesson, Lesson]:
    """Two classes of a recorded lesson, written as the game writes them (game.classroom.xapi.Actor)."""
    options = ["home.meera_menu.talk.help", "home.meera_menu.talk.hungry", "home.meera_menu.talk.leave"]
    classes = (Lesson(results, "111111"), Lesson(results, "222222"))
    for c, lesson in enumerate(classes):
        for n in range(8 + 2 * c):
            lesson.student(choices=[("home.meera_menu.talk", options[(n + c) % 3])],
                           answers=[("home_job", 1 + n % 4, "pre"), ("home_job", 1 + (n + 1) % 4, "post")])
    return classes


def store_ids(store: Lrs, registrations) -> list[str]:
    return [s["id"] for r in registrations for s in store.statements(r)]


def test_a_class_sent_to_ralph_is_all_there_once_and_reports_the_same(ralph, tmp_path, monkeypatch, capsys, content):
    results = tmp_path / "results"
    classes = recorded_class(results)
    registrations = [c.registration for c in classes]
    monkeypatch.setenv("SMALL_ACTS_LRS_PASSWORD", PASSWORD)
    data = tmp_path / "teacher"
    args = ["--lrs", ralph.endpoint, "--lrs-user", USER, "--data", str(data)]
    assert main(["classroom", "send", str(results), *args, "--batch", "7"]) == 0, capsys.readouterr().err
    store = Lrs(ralph.endpoint, USER, PASSWORD)
    folder_tally = merge([results])
    ids = store_ids(store, registrations)
    assert len(ids) == len(set(ids)) == folder_tally.statements
    assert main(["classroom", "send", str(results), *args]) == 0  # again: nothing new, nothing twice
    assert "queued 0 new statements" in capsys.readouterr().out
    assert len(store_ids(store, registrations)) == folder_tally.statements

    from_store = build(read_results((), store, registrations), content)
    from_folder = build(folder_tally, content)
    assert csv_rows(from_store) == csv_rows(from_folder) and from_store.students == from_folder.students == 18
    out = tmp_path / "lrs.html"
    reg_args = [a for r in registrations for a in ("--registration", r)]
    assert main(["report", "--lrs", ralph.endpoint, "--lrs-user", USER, "--data", str(data), *reg_args,
                 "-o", str(out), "--csv", str(tmp_path / "lrs.csv")]) == 0
    assert main(["report", str(results), "-o", str(tmp_path / "f.html"), "--csv", str(tmp_path / "f.csv")]) == 0
    assert (tmp_path / "lrs.csv").read_text("utf-8-sig") == (tmp_path / "f.csv").read_text("utf-8-sig")


def test_a_store_restarted_mid_send_loses_nothing_and_stores_nothing_twice(ralph, tmp_path):
    results = tmp_path / "results"
    classes = recorded_class(results)
    store = Lrs(ralph.endpoint, USER, PASSWORD, timeout=10)
    batches = {"n": 0}

    def send(batch):
        batches["n"] += 1
        ok = store.send(batch)
        if batches["n"] == 3:
            ralph.stop()  # the store goes down right after storing batch 3, before the game heard "OK"
            raise OSError("connection reset")
        return ok

    queue = Outbox(tmp_path / "queue" / "statements.jsonl", send, batch=10)
    total = 0
    for path in sorted(results.rglob("s*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            queue.put(json.loads(line))
            total += 1
    assert queue.flush() is False  # batch 3's answer was lost
    assert queue.flush() is False  # the store is down: kept, tried again later
    ralph.start()
    again = Outbox(queue.path, store.send, batch=10)  # the teacher's PC restarted too: from the saved mark
    assert again.flush() is True
    ids = store_ids(store, [c.registration for c in classes])
    assert len(ids) == total and len(set(ids)) == total


def test_statements_carry_names_types_and_a_likert_definition_for_a_store(content):
    from game.classroom.activities import definitions

    actor = xapi.Actor("s0123456789ab", "0f8fad5b-d9cb-469f-a165-70867728950e", "en", "v")
    defs = definitions(content)
    item = content.survey.items[0]
    answer = actor.statement("answered", "survey", item.id, result={"response": "2"},
                             extra={xapi.EXT_PHASE: "pre"}, definition=defs[f"survey/{item.id}"])
    definition = answer["object"]["definition"]
    assert definition["interactionType"] == "likert" and [s["id"] for s in definition["scale"]] == ["1", "2", "3", "4"]
    assert definition["type"] == xapi.TYPES["survey"] and definition["name"]["en"] == item.text
    first = actor.statement("initialized", "game")
    assert xapi.EXT_CHAPTER not in first["context"]["extensions"]  # no empty chapter extension
    assert xapi.validate(answer) == [] and xapi.validate(first) == []
    bad = json.loads(json.dumps(answer))
    bad["context"]["extensions"][xapi.EXT_CHAPTER] = ""
    bad["object"]["definition"]["interactionType"] = "slider"
    assert {"empty value" in e for e in xapi.validate(bad)} == {True, False}


_ = (argparse, shutil)


def test_the_teacher_pc_forwards_what_the_class_sends_to_the_store(ralph, tmp_path):
    from game.classroom.folder import ClassFolder
    from game.classroom.net import ClassServer, Remote
    from game.classroom.sign import TeacherKey
    from tests.test_classroom_net import free_udp_port, wait_for

    folder = ClassFolder(tmp_path / "results", TeacherKey.new())
    session = folder.create()
    store = Lrs(ralph.endpoint, USER, PASSWORD)
    queue = Outbox(tmp_path / "teacher" / "lrs-queue" / "live.jsonl", store.send)
    server = ClassServer(folder, session, tmp_path / "teacher", "127.0.0.1", discovery_port=free_udp_port(),
                         forward=queue).start()
    try:
        _doc, anon, token = Remote("127.0.0.1", server.port).join(session.code)
        actor = xapi.Actor(anon, session.registration, "en", "t")
        sent = [actor.statement("initialized", "game", extra={xapi.EXT_CODE: session.code})] + [
            actor.statement("selected", "choice", "home.meera_menu.talk", chapter="home",
                            result={"response": "home.meera_menu.talk.help"}) for _ in range(3)]
        assert Remote("127.0.0.1", server.port, token).send(sent)
        assert wait_for(lambda: sorted(store_ids(store, [session.registration])) == sorted(s["id"] for s in sent), 30)
    finally:
        server.stop()
