"""What the class is doing right now, read from the students' results files while they are being written.

The teacher view asks ``poll()`` once a second. Each student file is append-only, so only the bytes after the last
complete line read so far are new: a byte offset per file means a poll over 40 files reads a few hundred bytes, not
the whole lesson again. A line still being written (or torn by a machine switched off) waits for the next poll.
Pure Python, no pygame: the numbers are tested without a window.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Collection, Mapping

from game.classroom import valid
from game.classroom.folder import STUDENTS, ClassFolder, ClassSession, read_jsonl
from game.classroom.records import Record, parse


@dataclass(frozen=True, slots=True)
class Decision:
    """How the class has chosen at one decision so far: each student's first choice there, not a "What if?" replay."""
    choice: str                   # the choice's full id (home.meera_menu.talk)
    chosen: int                   # students who have chosen
    tally: Mapping[str, int]      # option full id → students who took it


@dataclass(slots=True)
class _Student:
    chapter: str = ""                     # the chapter the student is in ("" before the first one starts)
    finished: bool = False                # every chapter of the session done
    waiting: str = ""                     # the pause point the student waits at ("" when not waiting)
    waiting_chapter: str = ""
    choices: dict[str, str] = field(default_factory=dict)  # choice id → option id, first non-replay selection


class LiveClass:
    def __init__(self, folder: ClassFolder, session: ClassSession, choices: Collection[str] | None = None,
                 pauses: Collection[str] | None = None) -> None:
        """``choices`` / ``pauses``: the ids the story has; given, a line naming any other is skipped, so what a
        student writes by hand never adds a row to the teacher's screen."""
        self.folder = folder
        self.session = session
        self.known_choices = None if choices is None else frozenset(choices)
        self.known_pauses = None if pauses is None else frozenset(pauses)
        self.reachable = True          # False while the results folder cannot be read (a network share gone)
        self.skipped = 0               # lines and files not counted: damaged, foreign, or another student's id
        self._offsets: dict[str, int] = {}
        self._students: dict[str, _Student] = {}
        self._choice_order: dict[str, int] = {}   # choice id → when it was first seen
        self._pause_chapter: dict[str, str] = {}

    @property
    def students_dir(self) -> Path:
        return self.folder.root / self.session.code / STUDENTS

    # --- reading -------------------------------------------------------------------------------------------------
    def poll(self) -> bool:
        """Read what was appended since the last poll; True when anything the view shows may have changed."""
        sizes = self._sizes()
        if sizes is None:
            changed, self.reachable = self.reachable, False
            return changed  # keep the last numbers: the lesson goes on while the share comes back
        changed = not self.reachable
        self.reachable = True
        for name, size in sizes.items():
            offset = self._offsets.setdefault(name, 0)
            if size <= offset:
                continue  # nothing new (or a file cut shorter, which an append-only writer never does)
            anon = name[:-len(".jsonl")]
            if not valid.is_anon(anon):
                self._offsets[name] = size
                self.skipped += 1  # not a file the game writes: counted once, never read
                changed = True
                continue
            bad = [0]
            lines, self._offsets[name] = read_jsonl(self.students_dir / name, offset, bad)
            self.skipped += bad[0]
            changed = changed or bad[0] > 0
            for line in lines:
                record = parse(line)
                if record is None or record.student != anon or not self._known(record) or \
                        record.registration not in ("", self.session.registration):
                    # One file is one student: a line with another id in it (30 ids in one file) is not 30 students.
                    self.skipped += 1
                    changed = True
                    continue
                # A student counts as joined from their first statement of this session (one file each).
                self._apply(self._students.setdefault(name, _Student()), record)
                changed = True
        return changed

    def _known(self, r: Record) -> bool:
        if r.kind == "choice" and self.known_choices is not None:
            return r.ident in self.known_choices
        if r.kind == "pause" and self.known_pauses is not None:
            return r.ident in self.known_pauses
        return True

    def _sizes(self) -> dict[str, int] | None:
        """Each student file's size, or None when the session folder cannot be reached."""
        try:
            with os.scandir(self.students_dir) as entries:
                return {e.name: e.stat().st_size for e in entries if e.name.endswith(".jsonl") and e.is_file()}
        except FileNotFoundError:
            # No students/ yet is an empty class; no session folder at all means the share is gone.
            return {} if (self.folder.root / self.session.code).is_dir() else None
        except OSError:
            return None

    def _apply(self, s: _Student, r: Record) -> None:
        if r.verb == "progressed" and r.kind == "chapter":
            if r.ident != s.chapter:
                s.waiting = ""  # a new chapter: whatever pause came before is over
            s.chapter = r.ident
        elif r.chapter and not s.finished:
            s.chapter = r.chapter
        if r.kind == "pause" and r.verb == "progressed":
            if r.progress == "released":
                if s.waiting == r.ident:
                    s.waiting = ""
            else:
                s.waiting, s.waiting_chapter = r.ident, r.chapter or s.chapter
                self._pause_chapter.setdefault(r.ident, s.waiting_chapter)
        elif r.verb == "selected" and r.kind == "choice":
            s.waiting = ""  # a decision after the pause point: the student went on even if its line was lost
            self._choice_order.setdefault(r.ident, len(self._choice_order))
            if not r.replay and r.response and r.ident not in s.choices:
                s.choices[r.ident] = r.response
        elif r.verb == "completed" and r.kind == "game":
            s.finished, s.waiting = True, ""

    # --- what the view shows -------------------------------------------------------------------------------------
    @property
    def joined(self) -> int:
        return len(self._students)

    @property
    def finished(self) -> int:
        return sum(s.finished for s in self._students.values())

    @property
    def not_started(self) -> int:
        """Joined but in no chapter yet (the survey before playing, or reading the first screen)."""
        return sum(not s.finished and not s.chapter for s in self._students.values())

    def in_chapter(self, chapter: str) -> int:
        """Students playing this chapter now, those waiting at one of its pause points included."""
        return sum(not s.finished and s.chapter == chapter for s in self._students.values())

    def chapters(self) -> dict[str, int]:
        """Chapter → students in it now: the session's chapters in order (0 when empty), then any other seen."""
        out = {c: 0 for c in self.session.chapters}
        for s in self._students.values():
            if s.chapter and not s.finished:
                out[s.chapter] = out.get(s.chapter, 0) + 1
        return out

    def waiting(self) -> dict[str, int]:
        """Pause point id → students waiting there, in the order the pause points were first reached."""
        counts: dict[str, int] = {}
        for s in self._students.values():
            if s.waiting:
                counts[s.waiting] = counts.get(s.waiting, 0) + 1
        order = list(self._pause_chapter)
        return dict(sorted(counts.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)))

    def waiting_in(self, chapter: str) -> int:
        return sum(1 for s in self._students.values() if s.waiting and s.waiting_chapter == chapter)

    def waiting_pauses(self) -> list[str]:
        """The pause points students wait at: what "resume all" releases."""
        return list(self.waiting())

    def pause_chapter(self, pause: str) -> str:
        return self._pause_chapter.get(pause, "")

    def decisions(self, order: Mapping[str, int] | None = None) -> list[Decision]:
        """Every decision at least one student has reached, in ``order`` (story order: choice id → index) when
        given, else in the order first seen."""
        seen = self._choice_order
        tallies: dict[str, dict[str, int]] = {c: {} for c in seen}
        for s in self._students.values():
            for choice, option in s.choices.items():
                tallies[choice][option] = tallies[choice].get(option, 0) + 1

        def key(choice: str) -> tuple[int, int]:
            if order is not None and choice in order:
                return (0, order[choice])
            return (1, seen[choice])
        return [Decision(c, sum(tallies[c].values()), tallies[c]) for c in sorted(seen, key=key)]
