"""A student's side of a class session: which session, the anonymous id of this play-through, and every event written
to the results folder as an xAPI statement. Pure Python; the game calls it, the tests drive it directly.

What is logged is listed in docs/classroom.md. Nothing here can stop a student playing: a results folder that is gone
(a network share dropped) keeps the statements in memory and writes them when it is back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.classroom import valid, xapi
from game.classroom.folder import ClassFolder, ClassSession, Control, StudentLog, new_anon

if TYPE_CHECKING:
    from game.classroom.net import Teacher


def content_version(root: Path) -> str:
    """A short fingerprint of the story files, so a report can tell results from different versions of the content."""
    digest = hashlib.sha1()
    files = [root / "scenes" / "game.yaml", *sorted((root / "dialogue" / "en").glob("*.yaml"))]
    for path in files:
        try:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        except OSError:
            continue
    return digest.hexdigest()[:12]


@dataclass
class ClassLink:
    folder: ClassFolder
    session: ClassSession
    anon: str
    language: str
    version: str
    log: StudentLog = field(init=False)
    # What has been written already, so a resumed game or a screen shown twice never logs an event twice.
    chosen: set[str] = field(default_factory=set)          # choice ids selected at least once
    pauses: set[str] = field(default_factory=set)          # pause points reached
    released: set[str] = field(default_factory=set)        # pause points gone on from
    chapters: set[str] = field(default_factory=set)        # chapters started
    completed: set[str] = field(default_factory=set)       # chapters completed
    surveys: set[str] = field(default_factory=set)         # survey phases done: "pre", "post"
    finished: bool = False
    # After "What if?" went back to a decision, choices of this chapter are a second try, not the class's answer.
    replaying: bool = False
    # A class on the lab network: statements go through an outbox to the teacher's PC, commands come from it.
    net: "NetLink | None" = None
    # Names and interactions of the activities, for a store's dashboard (game.classroom.activities); not saved.
    definitions: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.log = self.net.outbox if self.net is not None else self.folder.student_log(self.session, self.anon)

    # --- joining and resuming ----------------------------------------------------------------------------------------
    @staticmethod
    def join(folder: ClassFolder, session: ClassSession, language: str, root: Path,
             definitions: dict[str, dict[str, Any]] | None = None) -> "ClassLink":
        link = ClassLink(folder, session, new_anon(), language, content_version(root), definitions=definitions or {})
        link._joined()
        return link

    def _joined(self) -> None:
        self._write("initialized", "game", name="Small Acts", extra={xapi.EXT_CODE: self.session.code})

    @staticmethod
    def join_remote(teacher: "Teacher", code: str, language: str, root: Path, data_dir: Path,
                    addresses: tuple[str, ...], discovery_port: int,
                    definitions: dict[str, dict[str, Any]] | None = None) -> "ClassLink | None":
        """Join the class a teacher's PC serves on the lab network; None when it does not let us join or what it
        sends is not a session signed with the key it announced."""
        from game.classroom.net import Remote

        remote = Remote(teacher.host, teacher.port)
        joined = remote.join(code)
        if joined is None:
            return None
        document, anon, token = joined
        try:
            session = ClassSession.from_json(document)
        except ValueError:
            return None
        if session.key != teacher.key or session.code != code:
            return None
        remote.token = token
        net = NetLink(remote, Path(data_dir) / "outbox" / f"{anon}.jsonl", addresses, discovery_port)
        link = ClassLink(ClassFolder(Path(data_dir) / "outbox"), session, anon, language, content_version(root),
                         net=net.start(session), definitions=definitions or {})
        link._joined()
        return link

    def close(self) -> None:
        """Stop the network threads (the student left the class)."""
        if self.net is not None:
            self.net.stop()

    def to_json(self) -> dict[str, Any]:
        out = {"folder": str(self.folder.root), "session": self.session.to_json(), "anon": self.anon,
               "language": self.language, "version": self.version, "chosen": sorted(self.chosen),
               "pauses": sorted(self.pauses), "released": sorted(self.released), "chapters": sorted(self.chapters),
               "completed": sorted(self.completed), "surveys": sorted(self.surveys), "finished": self.finished,
               "replaying": self.replaying}
        if self.net is not None:
            out["net"] = self.net.to_json()
        return out

    @staticmethod
    def from_json(raw: Any) -> "ClassLink | None":
        """None when the saved part is damaged or crafted (an id that would become a path outside the results
        folder, a list of thousands of ids): the game then goes on as solo play rather than failing."""
        try:
            folder, anon, language, version = raw["folder"], raw["anon"], raw["language"], raw["version"]
            if not (isinstance(folder, str) and 0 < len(folder) <= 4096 and valid.is_anon(anon)
                    and valid.is_lang(language) and isinstance(version, str) and len(version) <= 40):
                return None
            sets = {name: valid.id_list(raw.get(name) or []) for name in
                    ("chosen", "pauses", "released", "chapters", "completed")}
            surveys = raw.get("surveys") or []
            if any(v is None for v in sets.values()) or not isinstance(surveys, list) or \
                    not set(surveys) <= {"pre", "post"}:
                return None
            session = ClassSession.from_json(raw["session"], signed=False)
            net = NetLink.from_json(raw["net"], anon) if raw.get("net") is not None else None
            if raw.get("net") is not None and net is None:
                return None
            link = ClassLink(ClassFolder(Path(folder)), session, anon, language, version,
                             net=net.start(session) if net else None)
            for name, values in sets.items():
                getattr(link, name).update(values or ())
            link.surveys.update(surveys)
            link.finished = raw.get("finished", False) is True
            link.replaying = raw.get("replaying", False) is True
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        return link

    # --- what the teacher said -----------------------------------------------------------------------------------
    def control(self) -> Control:
        """What the teacher said: only commands signed with the key this link pinned when it joined. On the lab
        network, the last answer of the teacher's PC (asked off this thread): this never waits."""
        if self.net is not None:
            return self.net.control()
        return self.folder.control(self.session)

    def may_go_on(self, pause_id: str, control: Control | None = None) -> bool:
        control = control or self.control()
        return self.session.students_continue or pause_id in control.released

    # --- events ----------------------------------------------------------------------------------------------------
    def chapter_started(self, chapter: str) -> None:
        self.replaying = False
        if chapter not in self.chapters:
            self.chapters.add(chapter)
            self._write("progressed", "chapter", chapter, chapter=chapter, extra={xapi.EXT_KIND: "chapter"})

    def selected(self, choice: str, option: str, chapter: str) -> None:
        self.chosen.add(choice)
        self._write("selected", "choice", choice, chapter=chapter, result={"response": option},
                    extra={xapi.EXT_REPLAY: True} if self.replaying else None)

    def pause_reached(self, pause: str, chapter: str) -> None:
        if pause not in self.pauses:
            self.pauses.add(pause)
            self._write("progressed", "pause", pause, chapter=chapter, extra={xapi.EXT_KIND: "pause"})

    def pause_left(self, pause: str, chapter: str) -> None:
        if pause not in self.released:
            self.released.add(pause)
            self._write("progressed", "pause", pause, chapter=chapter, extra={xapi.EXT_KIND: "released"})

    def chapter_completed(self, chapter: str, ending: str) -> None:
        if chapter not in self.completed:
            self.completed.add(chapter)
            self._write("completed", "chapter", chapter, chapter=chapter,
                        result={"completion": True, "extensions": {xapi.EXT_ENDING: ending}})

    def answered(self, item: str, value: int, phase: str, chapter: str = "") -> None:
        self._write("answered", "survey", item, chapter=chapter, result={"response": str(value)},
                    extra={xapi.EXT_PHASE: phase})

    def survey_done(self, phase: str) -> None:
        self.surveys.add(phase)

    def finish(self, chapter: str = "") -> None:
        if not self.finished:
            self.finished = True
            self._write("completed", "game", chapter=chapter, result={"completion": True})

    def _write(self, verb: str, kind: str, ident: str = "", *, chapter: str = "", result=None, extra=None,
               name: str = "") -> None:
        actor = xapi.Actor(self.anon, self.session.registration, self.language, self.version)
        self.log.write(actor.statement(verb, kind, ident, chapter=chapter, result=result, extra=extra, name=name,
                                       definition=self.definitions.get(f"{kind}/{ident}")))


class NetLink:
    """The network half of a class link: the teacher PC's address and this student's token, the outbox, the poller."""

    def __init__(self, remote, outbox_path: Path, addresses: tuple[str, ...], discovery_port: int) -> None:
        from game.classroom.outbox import Outbox

        self.remote = remote
        self.addresses, self.discovery_port = addresses, discovery_port
        self.outbox = Outbox(outbox_path, self._send)
        self.poller = None
        self.failures = 0

    def start(self, session: ClassSession) -> "NetLink":
        from game.classroom.net import ControlPoller

        self.session = session
        self.poller = ControlPoller(self.remote, session, on_fail=self._lost).start()
        self.outbox.start()
        return self

    def stop(self) -> None:
        if self.poller is not None:
            self.poller.stop()
        self.outbox.stop(0.5)

    def control(self) -> Control:
        return self.poller.control if self.poller is not None else Control()

    def _send(self, batch) -> bool:
        ok = self.remote.send(batch)
        if not ok:
            self._lost()
        return ok

    def _lost(self) -> None:
        """The teacher's PC did not answer: after a few misses, ask the lab network where it is now (a restarted
        teacher PC may serve on another port). Only a PC announcing the key pinned at join is taken."""
        from game.classroom.net import discover

        self.failures += 1
        if self.failures % 3:
            return
        for teacher in discover(self.session.code, self.addresses, self.discovery_port, wait=0.5):
            if teacher.key == self.session.key:
                self.remote.host, self.remote.port = teacher.host, teacher.port
                self.outbox.poke()
                return

    def to_json(self) -> dict[str, Any]:
        return {"host": self.remote.host, "port": self.remote.port, "token": self.remote.token,
                "outbox": str(self.outbox.path), "addresses": list(self.addresses), "discovery": self.discovery_port}

    @staticmethod
    def from_json(raw: Any, anon: str) -> "NetLink | None":
        from game.classroom.net import Remote, lab_address

        try:
            host, port, token, outbox = raw["host"], raw["port"], raw["token"], Path(raw["outbox"])
            addresses, discovery = tuple(raw["addresses"]), raw["discovery"]
        except (KeyError, TypeError, ValueError):
            return None
        if not (isinstance(host, str) and lab_address(host) and type(port) is int and 0 < port < 65536
                and isinstance(token, str) and len(token) < 100 and outbox.name == f"{anon}.jsonl"
                and all(isinstance(a, str) and len(a) < 64 for a in addresses) and len(addresses) <= 8
                and type(discovery) is int and 0 < discovery < 65536):
            return None
        return NetLink(Remote(host, port, token), outbox, addresses, discovery)
