"""A student's side of a class session: which session, the anonymous id of this play-through, and every event written
to the results folder as an xAPI statement. Pure Python; the game calls it, the tests drive it directly.

What is logged is listed in docs/classroom.md. Nothing here can stop a student playing: a results folder that is gone
(a network share dropped) keeps the statements in memory and writes them when it is back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.classroom import valid, xapi
from game.classroom.folder import ClassFolder, ClassSession, Control, StudentLog, new_anon


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

    def __post_init__(self) -> None:
        self.log = self.folder.student_log(self.session, self.anon)

    # --- joining and resuming ----------------------------------------------------------------------------------------
    @staticmethod
    def join(folder: ClassFolder, session: ClassSession, language: str, root: Path) -> "ClassLink":
        link = ClassLink(folder, session, new_anon(), language, content_version(root))
        link._write("initialized", "game", name="Small Acts")
        return link

    def to_json(self) -> dict[str, Any]:
        return {"folder": str(self.folder.root), "session": self.session.to_json(), "anon": self.anon,
                "language": self.language, "version": self.version, "chosen": sorted(self.chosen),
                "pauses": sorted(self.pauses), "released": sorted(self.released), "chapters": sorted(self.chapters),
                "completed": sorted(self.completed), "surveys": sorted(self.surveys), "finished": self.finished,
                "replaying": self.replaying}

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
            link = ClassLink(ClassFolder(Path(folder)), ClassSession.from_json(raw["session"], signed=False), anon, language,
                             version)
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
        """What the teacher said: only commands signed with the key this link pinned when it joined."""
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
        self.log.write(actor.statement(verb, kind, ident, chapter=chapter, result=result, extra=extra, name=name))
