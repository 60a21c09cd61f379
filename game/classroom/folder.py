"""The results folder: how a teacher's machine and 40 student machines talk without a server.

    <results>/
      <code>/                      one class session; the code is what students type to join
        session.json               the teacher's settings for the session (written once, atomically)
        control.jsonl              teacher → students: one command per line; only the teacher appends
        students/<anon>.jsonl      one per student play-through: xAPI statements, one per line

Every writer owns its files: each student appends only to its own file, the teacher only to ``control.jsonl``. So
40 machines writing at once into one shared network folder never write into the same file. Every line is written
in one call, flushed and fsynced, so a machine switched off mid-lesson loses at most the event it was writing, and
a reader skips a torn last line instead of failing. Nothing here names a student: file names are random ids.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Literal

from game.classroom import valid
from game.classroom.sign import TeacherKey, verify
from game.save import SaveError, atomic_write_json

SESSION_FILE = "session.json"
CONTROL_FILE = "control.jsonl"
STUDENTS = "students"
CODE_DIGITS = 6
SURVEY_MODES = ("pre", "post", "both", "none")
LEVELS = ("younger", "older")
SMALLEST_GROUP = 5  # a split of fewer students is never shown (report, teacher view): no one can be singled out
MAX_LINE = 64 * 1024  # a statement is under 2 KB; a longer line is junk and is skipped
MAX_SESSION_FILE = 64 * 1024  # session.json is under 2 KB even with every pause point listed
ACTIONS = ("pause_all", "resume_all", "release")

Survey = Literal["pre", "post", "both", "none"]


class FolderError(Exception):
    """The results folder cannot be used (missing, read-only, not ours). ``str(err)`` is a readable reason."""


def normalize_code(text: str) -> str:
    """What a student typed → the code: digits only ("482 913" and "482-913" are "482913")."""
    return "".join(ch for ch in text if ch.isdigit())[:CODE_DIGITS]


def show_code(code: str) -> str:
    """The code as written on the board: two groups of three, easy to read out."""
    return f"{code[:3]} {code[3:]}" if len(code) == CODE_DIGITS else code


@dataclass(frozen=True, slots=True)
class ClassSession:
    """What the teacher decided for one lesson. Students read it when they join."""
    code: str
    registration: str                     # UUID: the xAPI registration and the session's IRI
    chapters: tuple[str, ...]             # played in this order; () = every chapter
    pauses: tuple[str, ...] | None = None  # pause point ids that are on; None = all of them
    survey: Survey = "both"
    level: str = "younger"                # which prompt of each pause point students see
    students_continue: bool = False       # True: a student may go on from a pause point without waiting
    created: float = 0.0                  # seconds since the epoch
    key: str = ""                         # the teacher PC's public key (hex); "" = unsigned: no command is obeyed
    music: bool = False                   # chapter music on the students' PCs (a lab full of it is noise: off unless chosen)

    def pause_on(self, pause_id: str) -> bool:
        return self.pauses is None or pause_id in self.pauses

    @property
    def pre(self) -> bool:
        return self.survey in ("pre", "both")

    @property
    def post(self) -> bool:
        return self.survey in ("post", "both")

    def to_json(self) -> dict[str, Any]:
        out = {"format": 1, "code": self.code, "registration": self.registration, "chapters": list(self.chapters),
               "pauses": None if self.pauses is None else list(self.pauses), "survey": self.survey,
               "level": self.level, "students_continue": self.students_continue, "created": self.created,
               "music": self.music}
        if self.key:
            out["key"] = self.key
        return out

    @staticmethod
    def from_json(raw: object, signed: bool = True) -> "ClassSession":
        """Raises ValueError on anything that is not a session file this game wrote: wrong types, ids that are not
        content ids, a time outside 2020-2100, or a "key" whose signature does not hold. The signature proves only
        that the file is whole; whether its key is the teacher's is decided by who joined it (docs/classroom.md).
        ``signed=False`` for the copy in a student's own save, which keeps the key it pinned but not the signature."""
        if not isinstance(raw, dict):
            raise ValueError("not a session file")
        code, registration = raw.get("code"), raw.get("registration")
        chapters = valid.id_list(raw.get("chapters") or [])
        pauses_raw = raw.get("pauses")
        pauses = None if pauses_raw is None else valid.id_list(pauses_raw)
        survey, level = raw.get("survey", "both"), raw.get("level", "younger")
        created = valid.time_value(raw.get("created"))
        students_continue = raw.get("students_continue", False)
        key = raw.get("key", "")
        music = raw.get("music", False)
        if not (valid.is_code(code) and valid.is_uuid(registration) and chapters is not None
                and (pauses_raw is None or pauses is not None) and survey in SURVEY_MODES and level in LEVELS
                and created is not None and isinstance(students_continue, bool) and isinstance(key, str)
                and isinstance(music, bool)):
            raise ValueError("the session file is damaged")
        if key and signed and not verify(key, raw):
            raise ValueError("the session file's signature does not hold")
        return ClassSession(code, registration, chapters, pauses, survey, level,  # type: ignore[arg-type]
                            students_continue, created, key, music)


@dataclass(frozen=True, slots=True)
class Control:
    """What the teacher has said so far, folded from control.jsonl."""
    paused: bool = False                       # "pause all" is on: every student's game waits
    released: frozenset[str] = frozenset()     # pause points the class has been let go from
    lines: int = 0                             # commands obeyed (their "seq" numbers are 1 … lines)
    skipped: int = 0                           # lines not obeyed: unsigned, forged, replayed, damaged


def fold_control(commands: list[Any], key: str = "", registration: str = "") -> Control:
    """Fold the teacher's commands. Only a line signed by ``key`` for this session (``registration``), with the next
    sequence number, is obeyed: a line written by hand, copied from another session or replayed is skipped."""
    paused, released, seq, skipped = False, set(), 0, 0
    for cmd in commands:
        action = cmd.get("do") if isinstance(cmd, dict) else None
        if (action not in ACTIONS or cmd.get("reg") != registration or type(cmd.get("seq")) is not int
                or cmd["seq"] != seq + 1 or not key or not verify(key, cmd)):
            skipped += 1
            continue
        pauses = valid.id_list(cmd.get("pauses", []))
        pause = cmd.get("pause")
        if pauses is None or (action == "release" and not valid.is_id(pause)):
            skipped += 1
            continue
        seq += 1
        if action == "pause_all":
            paused = True
        elif action == "resume_all":
            paused = False
            released.update(pauses)
        else:
            released.add(pause)
    return Control(paused, frozenset(released), seq, skipped)


MAX_READ = 8 * 1024 * 1024  # what one read takes in: a whole class's lesson is under 1 MB per student


def read_jsonl(path: Path, offset: int = 0, skipped: list[int] | None = None) -> tuple[list[dict[str, Any]], int]:
    """The complete JSON-object lines of a file from ``offset`` on, and the offset after the last complete line.

    A torn last line (a machine switched off while writing) is left for the next read; a damaged line is skipped
    (and counted in ``skipped[0]`` when given)."""
    try:
        with open(path, "rb") as f:
            f.seek(offset)
            data = f.read(MAX_READ)
    except OSError:
        return [], offset
    end = data.rfind(b"\n")
    if end < 0:
        if len(data) == MAX_READ:  # megabytes with no line end: junk, stepped over so the next read goes on
            if skipped is not None:
                skipped[0] += 1
            return [], offset + len(data)
        return [], offset
    out: list[dict[str, Any]] = []
    bad = 0
    for raw in data[:end].split(b"\n"):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw) if len(raw) <= MAX_LINE else None
        except (ValueError, RecursionError):  # RecursionError: a line of 30,000 '['
            item = None
        if isinstance(item, dict):
            out.append(item)
        else:
            bad += 1
    if skipped is not None:
        skipped[0] += bad
    return out, offset + end + 1


def append_line(path: Path, item: dict[str, Any]) -> None:
    """One JSON object as one line, in one write, flushed to the disk. Raises OSError."""
    data = (json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass
class StudentLog:
    """A student's own results file. Never raises: a lost network share must not stop a student playing; the
    statements are kept in memory and written when the folder is back."""
    path: Path
    pending: list[dict[str, Any]] = field(default_factory=list)
    written: int = 0

    def write(self, statement: dict[str, Any]) -> bool:
        self.pending.append(statement)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            while self.pending:
                append_line(self.path, self.pending[0])
                self.pending.pop(0)
                self.written += 1
        except OSError:
            return False
        return True


class ClassFolder:
    """One results folder (local, or a lab's shared folder)."""

    def __init__(self, root: Path, key: TeacherKey | None = None) -> None:
        """``key``: the teacher PC's signing key, unlocked by the PIN; without it sessions and commands cannot be
        written as the teacher (a student's game never has one)."""
        self.root = Path(root)
        self.key = key

    # --- the teacher's side ------------------------------------------------------------------------------------------
    def create(self, chapters: tuple[str, ...] = (), pauses: tuple[str, ...] | None = None, survey: Survey = "both",
               level: str = "younger", students_continue: bool = False, music: bool = False) -> ClassSession:
        """A new session with a fresh code. Raises FolderError when the folder cannot be written."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FolderError(f"cannot create the results folder {self.root} ({exc.strerror})") from None
        for _ in range(200):
            code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
            if code[0] == "0":
                continue  # a leading zero is easy to drop when read aloud
            folder = self.root / code
            try:
                folder.mkdir()
            except FileExistsError:
                continue
            except OSError as exc:
                raise FolderError(f"cannot write in the results folder {self.root} ({exc.strerror})") from None
            session = ClassSession(code, str(uuid.uuid4()), tuple(chapters), pauses, survey, level,
                                   students_continue, time.time(), self.key.public if self.key else "", music)
            document = session.to_json()
            try:
                (folder / STUDENTS).mkdir()
                atomic_write_json(folder / SESSION_FILE, self.key.sign(document) if self.key else document)
            except (OSError, SaveError) as exc:
                raise FolderError(f"cannot write in the results folder {self.root} ({exc})") from None
            return session
        raise FolderError("no free join code left in this results folder: purge old sessions")

    def command(self, session: ClassSession, action: str, **values: Any) -> Control:
        """Append a signed teacher command (pause_all, resume_all with pauses=[…], release with pause=…) with the next
        sequence number; what the students will fold now. Raises FolderError."""
        if self.key is None or self.key.public != session.key:
            raise FolderError("this computer does not hold the key of the teacher who started this session")
        before = self.control(session)
        item = self.key.sign({"do": action, "at": time.time(), "reg": session.registration, "seq": before.lines + 1,
                              **values})
        try:
            append_line(self.root / session.code / CONTROL_FILE, item)
        except OSError as exc:
            raise FolderError(f"cannot write to the class folder ({exc.strerror})") from None
        return self.control(session)

    def sessions(self) -> list[ClassSession]:
        """Every readable session here, newest first."""
        out = []
        for folder in self._session_dirs():
            session = self.session(folder.name)
            if session is not None:
                out.append(session)
        return sorted(out, key=lambda s: s.created, reverse=True)

    def purge(self, code: str) -> int:
        """Delete one session and every file in it; the number of student files deleted."""
        folder = self.root / code
        if not (folder / SESSION_FILE).is_file() or normalize_code(code) != code:
            raise FolderError(f"there is no class session '{code}' in {self.root}")
        count = len(list((folder / STUDENTS).glob("*.jsonl")))
        shutil.rmtree(folder)
        return count

    def expire(self, keep_days: int, now: float | None = None) -> list[str]:
        """Delete sessions whose newest file is older than ``keep_days`` (0 keeps everything); their codes."""
        if keep_days <= 0:
            return []
        limit = (now if now is not None else time.time()) - keep_days * 86400
        gone = []
        for folder in self._session_dirs():
            try:
                newest = max(p.stat().st_mtime for p in folder.rglob("*"))
            except (OSError, ValueError):
                continue
            if newest < limit:
                try:
                    shutil.rmtree(folder)
                    gone.append(folder.name)
                except OSError:
                    pass  # a file still open on a lab PC; it goes next time
        return gone

    # --- the students' side ------------------------------------------------------------------------------------------
    def session(self, code: str) -> ClassSession | None:
        code = normalize_code(code)
        if len(code) != CODE_DIGITS:
            return None
        return read_session(self.root / code / SESSION_FILE)

    def student_log(self, session: ClassSession, anon: str) -> StudentLog:
        """Raises ValueError for an id that is not a play-through's id: it would become a path."""
        if not (valid.is_code(session.code) and valid.is_anon(anon)):
            raise ValueError(f"not a student id: {valid.short(anon)!r}")
        return StudentLog(self.root / session.code / STUDENTS / f"{anon}.jsonl")

    def control(self, session: ClassSession) -> Control:
        """What the teacher of ``session`` has said (only lines signed with the session's pinned key count)."""
        junk = [0]
        commands, _ = read_jsonl(self.root / session.code / CONTROL_FILE, 0, junk)
        control = fold_control(commands, session.key, session.registration)
        return Control(control.paused, control.released, control.lines, control.skipped + junk[0])

    def student_files(self, code: str) -> list[Path]:
        return sorted((self.root / code / STUDENTS).glob("*.jsonl"))

    def _session_dirs(self) -> Iterator[Path]:
        if not self.root.is_dir():
            return iter(())
        return (p for p in sorted(self.root.iterdir()) if p.is_dir() and (p / SESSION_FILE).is_file())


def read_session(path: Path) -> ClassSession | None:
    """A session file, or None when it is missing, too big or not valid. Never raises."""
    try:
        if path.stat().st_size > MAX_SESSION_FILE:
            return None
        return ClassSession.from_json(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError, RecursionError):
        return None


def results_root(data_dir: Path, setting: str = "", override: Path | None = None) -> Path:
    """The results folder: ``--results DIR`` for this run, else the setting, else results/ in the user-data folder."""
    if override is not None:
        return Path(override).expanduser()
    if setting.strip():
        return Path(setting.strip()).expanduser()
    return Path(data_dir) / "results"


def new_anon() -> str:
    """A random id for one play-through: 12 hex digits, nothing derived from the machine or the student."""
    return "s" + secrets.token_hex(6)


def statement_files(dirs: list[Path]) -> Iterator[Path]:
    """Every results file under the given folders (a results folder, one session's folder, or files gathered from
    USB sticks in any layout): ``*.jsonl`` except the teachers' control files, each once however many of the
    folders reach it, in the order of their sorted paths (what ``sorted(d.rglob("*.jsonl"))`` gives, symbolic links
    to folders not followed, folders that cannot be listed skipped).

    It walks one folder at a time instead of listing every path first (a district's 120,000 paths would cost tens of
    MB), and resolves each folder once instead of each file: a file is the same as another when its real folder and
    name are, so only the names are kept to tell."""
    seen: dict[str, set[str]] = {}  # real folder → names given

    def first(folder: str, name: str) -> bool:
        names = seen.setdefault(folder, set())
        if name in names:
            return False
        names.add(name)
        return True

    for d in dirs:
        if d.is_file():
            if _results_name(d.name) and first(*os.path.split(os.path.realpath(d))):
                yield d
        else:
            yield from _walk(str(d), os.path.realpath(d), first)


def _results_name(name: str) -> bool:
    # Path.suffix == ".jsonl": a name of nothing but ".jsonl" has no suffix.
    return name.endswith(".jsonl") and len(name) > len(".jsonl") and name != CONTROL_FILE


def _walk(folder: str, real: str, first) -> Iterator[Path]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: os.path.normcase(e.name))  # as Path sorts: by case on Windows
    except OSError:  # cannot be listed (no permission, gone): skipped, as rglob skips it
        return
    for entry in entries:
        if _results_name(entry.name):
            try:
                link = entry.is_symlink()
            except OSError:
                link = False
            where = os.path.split(os.path.realpath(entry.path)) if link else (real, entry.name)
            if first(*where):
                yield Path(entry.path)
        try:
            below = entry.is_dir(follow_symlinks=False)
        except OSError:
            below = False
        if below:
            yield from _walk(entry.path, os.path.join(real, entry.name), first)
