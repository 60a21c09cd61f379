"""A class on the lab network (127.0.0.1 only): the teacher's game serves the session, six students find it by the
join code, play to a pause point and on when the teacher says so. One student PC is switched off mid-lesson and comes
back; the teacher PC is restarted mid-lesson. Only the teacher's PC writes the results, and only for students who
joined (issue 14)."""

from __future__ import annotations

import json
import socket
import time
import urllib.request

import pygame
import pytest

from game.classroom import xapi
from game.classroom.folder import ClassFolder, read_jsonl
from game.classroom.net import ClassServer, Remote, discover, lab_address
from game.classroom.outbox import Outbox
from game.classroom.sign import TeacherKey
from game.settings import Settings
from game.ui.app import App
from game.ui.context import Context
from game.ui.discuss import DiscussScreen
from game.ui.teacher_view import TeacherViewScreen
from tests.test_classroom_e2e import (KITCHEN_PAUSE, choose, join, read_through, student_app, tick,
                                      to_the_kitchen_pause)
from tests.test_e2e import DT, ROOT, frames, press



def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, timeout: float = 15.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.fixture()
def lab(tmp_path):
    return {"class_discovery": "127.0.0.1", "class_port": free_udp_port()}


def teacher_view(content, display, tmp_path, key, lab) -> tuple[App, TeacherViewScreen]:
    ctx = Context.create(ROOT, content, Settings(results_dir=str(tmp_path / "results"), **lab), tmp_path / "teacher")
    ctx.display, ctx.teacher_key = display, key
    folder = ctx.class_folder()
    view = TeacherViewScreen(ctx, folder, folder.sessions()[0])
    app = App(ctx, view, display)
    app.step([], DT)
    assert view.server is not None and view.server.httpd.server_address[0] == "127.0.0.1"
    return app, view


def test_six_students_and_a_teacher_on_the_lab_network(content, display, tmp_path, lab):
    key = TeacherKey.new()
    results = tmp_path / "results"
    session = ClassFolder(results, key).create(chapters=("home",), pauses=(KITCHEN_PAUSE,), survey="none")
    teacher_app, view = teacher_view(content, display, tmp_path, key, lab)
    elsewhere = tmp_path / "student-share"  # students have no shared folder at all: the network carries everything
    apps = []
    for s in range(6):
        app = student_app(content, display, tmp_path / f"pc{s}", elsewhere, **lab)
        join(app, session.code)
        to_the_kitchen_pause(app)
        assert not app.top.free
        assert app.ctx.classroom.net is not None
        apps.append(app)
    folder = view.folder
    assert wait_for(lambda: len(folder.student_files(session.code)) == 6)
    assert not elsewhere.exists()  # nothing was written by a student PC into any folder but its own outbox

    # A student PC is switched off (its threads die with it) …
    off = apps.pop()
    anon = off.ctx.classroom.anon
    off.ctx.classroom.close()
    # … and the teacher PC is restarted mid-lesson: a new server, maybe on a new port, the same key and tokens.
    view.stop_serving()
    teacher_app, view = teacher_view(content, display, tmp_path, key, lab)
    assert wait_for(lambda: view.refresh() or view.live.waiting().get(KITCHEN_PAUSE) == 6)
    # The student PC comes back: Continue, the same play-through, still waiting.
    back = student_app(content, display, tmp_path / "pc5", elsewhere, **lab)
    press(back, pygame.K_RETURN)
    frames(back, 3)
    assert isinstance(back.top, DiscussScreen) and back.ctx.classroom.anon == anon
    apps.append(back)

    press(teacher_app, pygame.K_r)  # Resume all: the waiting pause point is released
    start = time.monotonic()
    for app in apps:
        assert wait_for(lambda: app.ctx.classroom.control().released == {KITCHEN_PAUSE}, 12)
    reached = time.monotonic() - start
    for app in apps:
        tick(app)
        assert isinstance(app.top, DiscussScreen) and app.top.free
    for app in apps:
        press(app, pygame.K_RETURN)  # Go on
        read_through(app, [])
        choose(app, "home.meera_menu.talk.help")
    assert wait_for(lambda: view.refresh() or
                    (view.decisions() and view.decisions()[0].chosen == 6))
    for path in folder.student_files(session.code):
        ids = [s["id"] for s in read_jsonl(path)[0]]
        assert len(ids) == len(set(ids))  # a batch sent again after the restart was stored once
        assert all(s["actor"]["account"]["name"] == path.stem for s in read_jsonl(path)[0])
    assert reached < 12
    for app in apps:
        app.ctx.classroom.close()
    view.stop_serving()


def test_only_students_who_joined_can_send_and_only_as_themselves(tmp_path):
    key = TeacherKey.new()
    folder = ClassFolder(tmp_path / "results", key)
    session = folder.create()
    server = ClassServer(folder, session, tmp_path / "teacher", "127.0.0.1", discovery_port=free_udp_port()).start()
    try:
        stranger = Remote("127.0.0.1", server.port, "made-up-token")
        actor = xapi.Actor("s0000000000f1", session.registration, "en", "t")
        statement = actor.statement("selected", "choice", "home.meera_menu.talk",
                                    result={"response": "home.meera_menu.talk.help"})
        assert stranger.send([statement]) is False and stranger.control(0) is None
        joined = Remote("127.0.0.1", server.port).join(session.code)
        assert joined is not None and Remote("127.0.0.1", server.port).join("999999") is None
        document, anon, token = joined
        student = Remote("127.0.0.1", server.port, token)
        assert student.send([statement]) is True  # accepted as a request, but not stored: it is someone else's id
        mine = xapi.Actor(anon, session.registration, "en", "t").statement(
            "selected", "choice", "home.meera_menu.talk", result={"response": "home.meera_menu.talk.help"})
        assert student.send([mine, mine, statement, {"x": 1}, 5]) is True
        stored = read_jsonl(folder.root / session.code / "students" / f"{anon}.jsonl")[0]
        assert [s["id"] for s in stored] == [mine["id"]] and server.refused == 4
        assert not (folder.root / session.code / "students" / "s0000000000f1.jsonl").exists()
        # Bounded requests: a huge body, a huge request line, too many headers.
        assert _raw(server.port, b"POST /statements HTTP/1.1\r\nContent-Length: 999999999\r\n\r\n").startswith(
            b"HTTP/1.1 413")
        assert _raw(server.port, b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\n\r\n").startswith(b"HTTP/1.1 414")
        assert _raw(server.port, b"GET /control HTTP/1.1\r\n" + b"X-A: b\r\n" * 40 + b"\r\n").startswith(
            b"HTTP/1.1 431")
        start = time.monotonic()
        assert _raw(server.port, b"POST /join HTTP/1.1\r\nContent-Length: 10\r\n\r\n{") == b""  # never finished
        assert time.monotonic() - start < 8  # the connection was closed after the request time limit
        assert discover(session.code, ("127.0.0.1",), server.udp.getsockname()[1], wait=0.5)[0].key == key.public
        assert discover("111111", ("127.0.0.1",), server.udp.getsockname()[1], wait=0.3) == []
    finally:
        server.stop()


def _raw(port: int, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(data)
        try:
            return sock.recv(200)
        except (TimeoutError, ConnectionResetError):
            return b""


def test_only_lab_addresses(tmp_path):
    assert all(lab_address(a) for a in ("127.0.0.1", "10.1.2.3", "192.168.0.9", "172.16.5.5", "169.254.1.1", "::1",
                                        "fd00::1"))
    assert not any(lab_address(a) for a in ("8.8.8.8", "1.1.1.1", "example.org", "", "2001:4860::8888"))


def test_the_outbox_sends_at_least_once_and_keeps_what_failed(tmp_path):
    got: list[str] = []
    up = {"ok": False}

    def send(batch):
        if not up["ok"]:
            raise OSError("the teacher PC is off")
        got.extend(s["id"] for s in batch)
        return True

    box = Outbox(tmp_path / "s1.jsonl", send, batch=3)
    for i in range(7):
        box.put({"id": f"{i}"})
    assert box.flush() is False and got == []
    up["ok"] = True
    assert box.flush() is True and got == [str(i) for i in range(7)]
    again = Outbox(tmp_path / "s1.jsonl", send)  # a restart: nothing is sent twice once confirmed
    assert again.flush() is True and got == [str(i) for i in range(7)]
    with open(tmp_path / "s1.jsonl", "ab") as f:
        f.write(b"junk\n")
    again.put({"id": "7"})
    assert again.flush() is True and got[-1] == "7"


_ = (json, urllib.request)
