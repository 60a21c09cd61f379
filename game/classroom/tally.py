"""Reading class results for the report: every student's results file (or a store's statements), counted as it is
read, so the memory a report needs grows by a few hundred bytes per student, not by everything the student wrote.

The rules (game.classroom.report's docstring says what they mean for a teacher):
- One file is one play-through: its first statement of this game names the student; a line naming anyone else is
  foreign (one file holding 30 ids is one student, not 30). A store's statements are grouped by their student.
- Each student counts once per decision: the first choice they made there; a choice made again after "What if?"
  (EXT_REPLAY) is not counted. A survey answer given twice in one phase counts the last one.
- A statement its student already had (the same id: a file copied onto two sticks, whole or mid-lesson; a store's
  page read twice) is read once and counted as a duplicate. Ids are remembered per student, not for the whole
  report: the same id under two different students (only a crafted file does that) counts for each.
- A line that is not a JSON object is damaged (a torn last line too: a report is made after the lesson, nothing will
  complete it); a JSON object that is not a statement this game writes is foreign.

How it stays small: while a file is read, its student is held in ordinary sets and dicts; when the file ends they are
added to counters per class (how many students chose each option, gave each answer, answered an item before and
after) and the student is kept only as one bytes object (_pack): a 64-bit hash of each statement id, 4 bytes per
decision and per answer. A later file of the same student (a copy) takes those back out of the counters, adds its
own, and counts again, so every number is what one pass over one set of per-student records would give.

How it goes faster: with many files, worker processes read them (game.classroom.workers), each file on its own
(read_one: the same Reader code, the file's students kept as they close), and this reader adds each file's counts
in the order the files were listed (add_file), so every number is the one this process alone gives. A file whose
student this reader already has (a copy) is read here again, against what was kept. Ids are kept as id_key, not
hash(), which differs between processes.

What counts differently from the reading before issue 16 (one set of every statement id in memory, a key per
student and decision), so the notes under a report can differ on the same folder:
- Only in folders the game did not write: the same statement id under two students counts for each; a file whose
  first statement of this game was read before still belongs to that statement's student (it went to the first
  student whose statement was new); a student's statements past MAX_STATEMENTS in one file, and ids past MAX_NAMES,
  are foreign.
- A folder read together with the store it was sent to counts each statement once, the store's as duplicates (both
  were counted as statements). A folder that cannot be listed half-way is read as far as it was listed (nothing was
  read); a file cut off while it is read (a stick pulled out) counts what was read.
"""

from __future__ import annotations

import json
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

from game.classroom import valid, xapi
from game.classroom.folder import MAX_LINE, SESSION_FILE, STUDENTS, ClassSession, statement_files
from game.classroom.records import fields
from game.classroom.workers import read_elsewhere

if TYPE_CHECKING:
    from game.classroom.lrs import Lrs

# Decision, option and survey item ids told apart in one report. The story and the survey have about 400, so a
# hundred versions of them fit; a number below 2**16 lets a student's decision or answer cost 4 bytes. A statement
# naming one id more than this is junk (only a crafted folder has them) and is counted as foreign.
MAX_NAMES = 65_535
# Statements of one student in one file or store. A play-through of every chapter with every "What if?" writes under
# 2,000; more is junk, counted as foreign, so one crafted file cannot fill the memory with its ids.
MAX_STATEMENTS = 20_000
# Bytes read at a time: a student's whole file (about 35 KB) in one read, never a whole 4 GB junk file.
BLOCK = 1 << 20
PHASES = {"": 0, "pre": 1, "post": 2}   # a survey answer's phase, as the 2 bits stored with it
PHASE_NAMES = ("", "pre", "post")
_WS = " \t\n\r\x0b\x0c"  # what bytes.strip() strips: a line read as text is blank exactly when its bytes are
_SCAN = json.JSONDecoder().scan_once        # the C scanner json.loads ends in
_SPACE = re.compile(r"[ \t\n\r]*").match   # what json.loads allows around a value (json.decoder.WHITESPACE)
_JSON_WS = " \t\n\r"                         # and the same as characters


@dataclass(frozen=True, slots=True)
class Tally:
    """Everything the report needs from the files: counts, never a student's own record."""
    files: int = 0
    statements: int = 0       # statements of this game, each counted once per student
    damaged: int = 0          # lines that are not a JSON object (torn, binary junk, cut by a full disk)
    foreign: int = 0          # JSON objects that are not statements this game writes (or name another student)
    duplicates: int = 0       # a statement its student already had
    unreadable: int = 0       # files that could not be opened
    students: Mapping[str, int] = field(default_factory=dict)     # registration → students, in the order first read
    days: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # registration → (first day, last day)
    codes: Mapping[str, str] = field(default_factory=dict)        # registration → join code
    # (registration, choice, option) → students whose first choice there it was
    choices: Mapping[tuple[str, str, str], int] = field(default_factory=dict)
    # (registration, item, phase, value) → students whose answer it was (their last one in that phase)
    answers: Mapping[tuple[str, str, str, int], int] = field(default_factory=dict)
    # (item, value before, value after) → students who answered the item in both phases
    pairs: Mapping[tuple[str, int, int], int] = field(default_factory=dict)


def read_results(dirs: Sequence[Path] = (), store: "Lrs | None" = None, registrations: Sequence[str] = (),
                 workers: int | None = None) -> Tally:
    """The one reader of class results behind every report: files under ``dirs``, and the classes
    ``registrations`` from a learning record store. Raises LrsError when the store cannot be read. ``workers``:
    as Reader.read_files."""
    reader = Reader()
    reader.read_files(dirs, workers)
    if store is not None:
        merge_store(store, registrations, reader)
    return reader.tally()


def merge(dirs: Sequence[Path], workers: int | None = None) -> Tally:
    """Read every results file under ``dirs``. Never raises for what is in the folders."""
    reader = Reader()
    reader.read_files(dirs, workers)
    return reader.tally()


def merge_store(store: "Lrs", registrations: Sequence[str], reader: Reader) -> None:
    """A store's statements of each class, in the order they happened (a store lists the newest first), each
    student's statements read as if they were that student's file. Raises LrsError."""
    for registration in registrations:
        statements = list(store.statements(registration))  # one class: what the store sends is bounded (lrs.py)
        statements.reverse()
        statements.sort(key=lambda s: s.get("timestamp") if isinstance(s.get("timestamp"), str) else "")
        batch = _Batch(reader, one_student=False)
        for item in statements:
            reader.statement(item, batch)
        batch.close()
        reader.files += 1


class _Student:
    """One student while a file (or a store's class) is read: every id they had, their first choice per decision,
    their last answer per item and phase. Built again from _pack when a second file of theirs comes."""
    __slots__ = ("registration", "anon", "index", "seen", "picks", "answers", "before", "taken", "first", "last")

    def __init__(self, registration: str, anon: str, index: int | None, kept: bytes | None) -> None:
        self.registration, self.anon, self.index = registration, anon, index
        self.taken = 0
        self.first, self.last = "~", ""  # the days of their statements in this file ("~" sorts after any date)
        self.before: tuple[dict[int, int], dict[int, int]] | None = None
        if kept is None:
            self.seen: set[int] = set()
            self.picks: dict[int, int] = {}     # decision → option (the first)
            self.answers: dict[int, int] = {}   # item << 2 | phase → value (the last)
        else:
            ids, picks, answers = _unpack(kept)
            self.seen, self.picks, self.answers = set(ids), picks, answers
            self.before = (dict(picks), dict(answers))


def _pack(seen: Iterable[int], picks: Mapping[int, int], answers: Mapping[int, int]) -> bytes:
    ids = array("q", seen)
    head = array("I", (len(ids), len(picks), len(answers)))
    return b"".join((head.tobytes(), ids.tobytes(), array("I", [d << 16 | o for d, o in picks.items()]).tobytes(),
                     array("I", [k << 8 | v for k, v in answers.items()]).tobytes()))


def _unpack(kept: bytes) -> tuple[array, dict[int, int], dict[int, int]]:
    head = array("I", kept[:12])
    ids, rest = array("q"), array("I")
    ids.frombytes(kept[12:12 + 8 * head[0]])
    rest.frombytes(kept[12 + 8 * head[0]:])
    picks = {p >> 16: p & 0xFFFF for p in rest[:head[1]]}
    answers = {a >> 8: a & 0xFF for a in rest[head[1]:]}
    return ids, picks, answers


class _Batch:
    """The students of one file (one play-through: the first statement names its student) or of one class read from
    a store (any number of students), open while it is read."""
    __slots__ = ("reader", "one_student", "owner", "students", "main", "pending")

    def __init__(self, reader: Reader, one_student: bool) -> None:
        self.reader, self.one_student = reader, one_student
        self.owner: str | None = None
        self.students: dict[tuple[str, str], _Student] = {}
        self.main: _Student | None = None   # the file's student: its ids are checked before a line is parsed
        self.pending: set[int] = set()      # ids of the lines before the first statement of this game

    def student(self, registration: str, anon: str) -> _Student:
        key = (registration, anon)
        student = self.students.get(key)
        if student is None:
            student = self.students[key] = self.reader.open(registration, anon)
            if self.main is None and self.one_student:
                # The lines before were read before their student was known: those that student already had were
                # copies (duplicates), not foreign lines.
                again = len(self.pending & student.seen)
                self.reader.foreign -= again
                self.reader.duplicates += again
                self.main = student
                student.seen |= self.pending
                self.pending = set()
        return student

    def remember(self, sid: int | None) -> None:
        """An id of a line that was not taken: in a file, a copy of that line is then a duplicate, as before."""
        if sid is None or not self.one_student:
            return
        seen = self.main.seen if self.main is not None else self.pending
        if len(seen) < MAX_STATEMENTS:
            seen.add(sid)

    def close(self) -> None:
        for student in self.students.values():
            self.reader.close(student)
        self.students = {}


class Reader:
    """Counts class results as they are read (read_files, merge_store); tally() gives the numbers."""

    def __init__(self) -> None:
        self.files = self.statements = self.damaged = self.foreign = self.duplicates = self.unreadable = 0
        self._registrations: dict[str, int] = {}   # → its number, in the order first read
        self._people: list[dict[str, bytes]] = []  # per registration: student → what they did (_pack)
        self._days: dict[str, list[str]] = {}
        self._codes: dict[str, str] = {}
        self._names: dict[str, int] = {}            # decision, option and item ids → a small number
        self._texts: list[str] = []                 # and back
        self._regs: list[str] = []                  # a registration's number → the registration
        # The numbers, keyed as Tally has them (the strings are the ones above, shared): no copy is made at the end.
        self._choices: Counter[tuple[str, str, str]] = Counter()
        self._answers: Counter[tuple[str, str, str, int]] = Counter()
        self._pairs: Counter[tuple[str, int, int]] = Counter()
        self._sessions: set[Path] = set()

    # --- files ---------------------------------------------------------------------------------------------------
    def read_files(self, dirs: Sequence[Path], workers: int | None = None) -> None:
        """Every results file under ``dirs``, in order. ``workers``: processes that read the files while this one
        counts (game.classroom.workers; None: one a core when there are many files, 0: none). The numbers are the
        same however many there are."""
        try:
            for path, counted in read_elsewhere(statement_files(list(dirs)), read_one, workers):
                if self.add_file(path, counted) and path.parent.name == STUDENTS:
                    self._note_session(path.parent.parent)
        except OSError:  # a folder that vanished or cannot be listed half-way: report what could be read
            pass

    def add_file(self, path: Path, counted: FileCounts | None) -> bool:
        """A file another process read on its own (read_one), counted as _read_file counts it here. It is read here
        instead when that could count differently: a student this reader already has (a copy, whose lines are
        checked against the first file's), names past MAX_NAMES, or nothing came back (None). False when the file
        could not be read at all."""
        if (counted is None or len(self._names) + len(counted.names) > MAX_NAMES
                or any(self._known(registration, anon) for registration, anon, *_ in counted.students)):
            return self._read_file(path)
        files, unreadable, statements, damaged, foreign, duplicates = counted.counts
        self.files += files
        self.unreadable += unreadable
        self.statements += statements
        self.damaged += damaged
        self.foreign += foreign
        self.duplicates += duplicates
        # Names and classes get their numbers in the order the file first used them, as when it is read here.
        known = self._names.get
        numbers = [known(name) for name in counted.names]  # nearly always all known: a lesson's few hundred ids
        if None in numbers:
            numbers = [self._name(name) for name in counted.names]
        for registration in counted.registrations:
            self._number(registration)
        for registration, code in counted.codes:
            self._codes.setdefault(registration, code)
        for registration, anon, taken, first, last, kept in counted.students:
            if taken:  # a student none of whose lines was taken is not kept (close)
                ids, picks, answers = _unpack(kept)
                self._keep(self._registrations[registration], anon, ids,
                           {numbers[d]: numbers[o] for d, o in picks.items()},
                           {numbers[k >> 2] << 2 | k & 3: v for k, v in answers.items()}, first, last)
        return counted.read

    def _known(self, registration: str, anon: str) -> bool:
        index = self._registrations.get(registration)
        return index is not None and anon in self._people[index]

    def _read_file(self, path: Path) -> bool:
        """False when the file could not be read at all."""
        try:
            f = open(path, "rb")
        except OSError:
            self.unreadable += 1
            return False
        batch = _Batch(self, one_student=True)
        with f:
            chunks = _chunks(f)
            try:
                first = next(chunks, b"")
            except OSError:
                self.unreadable += 1
                return False
            self.files += 1
            try:
                self._read_chunk(first, batch)
                for chunk in chunks:
                    self._read_chunk(chunk, batch)
            except OSError:  # the stick was pulled out half-way: what was read counts
                pass
        batch.close()
        return True

    def _read_chunk(self, chunk: bytes | None, batch: _Batch) -> None:
        # The rules of folder.read_jsonl, counting what is skipped. A chunk of plain UTF-8 is decoded once and its
        # lines parsed as text; anything else (a BOM, UTF-16, a NUL, broken UTF-8) line by line as bytes, as
        # json.loads reads bytes, so every line is judged exactly as it always was.
        if chunk is None:
            self.damaged += 1
            return
        try:
            text = chunk.decode("utf-8")
        except UnicodeDecodeError:
            text = ""
        if not text or "\x00" in text or "\ufeff" in text:
            self._read_bytes(chunk.split(b"\n"), batch)
            return
        statement, short, blank, space = self.statement, MAX_LINE // 4, _WS, _JSON_WS
        for raw in text.split("\n"):
            # _loads inlined, and a line is stripped only when it may be blank (nearly every line starts with "{"):
            # the same judgement without a copy of the line and two calls per line
            if not raw or raw[0] in blank and not raw.strip(blank):
                continue
            if len(raw) > short and len(raw.encode()) > MAX_LINE:
                self.damaged += 1
                continue
            try:
                item, end = _SCAN(raw, _SPACE(raw, 0).end() if raw[0] in space else 0)
            except (StopIteration, ValueError, RecursionError):  # RecursionError: a line of 30,000 '['
                self.damaged += 1
                continue
            if end != len(raw) and _SPACE(raw, end).end() != len(raw):  # "Extra data"
                self.damaged += 1
            elif isinstance(item, dict):
                statement(item, batch)
            else:
                self.damaged += 1

    def _read_bytes(self, lines: list[bytes], batch: _Batch) -> None:
        """Lines of a chunk that is not plain UTF-8, each read as json.loads reads bytes."""
        statement = self.statement
        for raw in lines:
            if not raw.strip():
                continue
            if len(raw) > MAX_LINE:
                self.damaged += 1
                continue
            try:
                item = json.loads(raw)
            except (ValueError, RecursionError):
                self.damaged += 1
                continue
            if isinstance(item, dict):
                statement(item, batch)
            else:
                self.damaged += 1

    def _note_session(self, folder: Path) -> None:
        """The join code of a class, when its files still sit in the results folder layout (<code>/students/…)."""
        if folder in self._sessions:
            return
        self._sessions.add(folder)
        try:
            session = ClassSession.from_json(json.loads((folder / SESSION_FILE).read_text("utf-8")))
        except (OSError, ValueError, RecursionError):
            return
        if session is not None:
            self._codes.setdefault(session.registration, session.code)

    # --- statements ----------------------------------------------------------------------------------------------
    def statement(self, item: dict[str, Any], batch: _Batch) -> None:
        """One JSON object of a file or a store."""
        sid = item.get("id")
        key = id_key(sid) if isinstance(sid, str) else None
        main = batch.main
        if key is not None and key in (main.seen if main is not None else batch.pending):
            self.duplicates += 1  # a copy's lines are known before they are parsed
            return
        values = fields(item)
        if values is None or not values[0] or not values[1]:
            self.foreign += 1
            batch.remember(key)
            return
        anon, registration, verb, kind, ident, response, _chapter, phase, replay, _progress, timestamp, _lang = values
        if main is not None and anon == main.anon and registration == main.registration:
            student = main  # nearly every line: the file's own student, whose ids were checked above
        else:
            if batch.one_student:
                if batch.owner is None:
                    batch.owner = anon
                elif anon != batch.owner:
                    self.foreign += 1
                    batch.remember(key)
                    return
            student = batch.student(registration, anon)
            if key is not None and key in student.seen:
                self.duplicates += 1
                return
        if student.taken >= MAX_STATEMENTS or len(student.seen) >= MAX_STATEMENTS:
            self.foreign += 1
            return
        if kind == "choice":
            if verb == "selected" and not replay:
                decision, option = self._names.get(ident), self._names.get(response)
                if decision is None or option is None:
                    decision, option = self._name(ident), self._name(response)
                    if decision is None or option is None:
                        self.foreign += 1
                        return
                student.picks.setdefault(decision, option)
        elif kind == "survey" and verb == "answered":
            question = self._names.get(ident)
            if question is None:
                question = self._name(ident)
                if question is None:
                    self.foreign += 1
                    return
            student.answers[question << 2 | PHASES[phase]] = int(response)
        if key is not None:
            student.seen.add(key)
        student.taken += 1
        self.statements += 1
        if student.index is None:
            student.index = self._number(registration)
        if verb == "initialized":
            code = ((item.get("context") or {}).get("extensions") or {}).get(xapi.EXT_CODE)
            if valid.is_code(code):
                self._codes.setdefault(registration, code)
        day = timestamp[:10]
        if day:
            if day < student.first:
                student.first = day
            if day > student.last:
                student.last = day

    def _name(self, name: str) -> int | None:
        number = self._names.get(name)
        if number is None:
            if len(self._names) >= MAX_NAMES:
                return None
            number = self._names[name] = len(self._names)
            self._texts.append(name)
        return number

    def _number(self, registration: str) -> int:
        number = self._registrations.get(registration)
        if number is None:
            number = self._registrations[registration] = len(self._people)
            self._people.append({})
            self._regs.append(registration)
        return number

    # --- students ------------------------------------------------------------------------------------------------
    def open(self, registration: str, anon: str) -> _Student:
        index = self._registrations.get(registration)
        kept = self._people[index].get(anon) if index is not None else None
        return _Student(registration, anon, index, kept)

    def close(self, student: _Student) -> None:
        """The student's file has ended: their choices and answers into the counters (a copy's replacing what the
        first file of theirs put there), the rest kept in a few bytes."""
        if student.taken == 0:  # nothing of theirs in this file: only ids of lines that were not taken, if any
            if student.before is not None:
                self._people[student.index][student.anon] = _pack(student.seen, student.picks, student.answers)
            return
        assert student.index is not None
        if student.before is not None:
            self._count(student.index, *student.before, -1)
        self._keep(student.index, student.anon, student.seen, student.picks, student.answers, student.first,
                   student.last)

    def _keep(self, index: int, anon: str, seen: Iterable[int], picks: Mapping[int, int], answers: Mapping[int, int],
              first: str, last: str) -> None:
        """A student's choices and answers counted, the rest kept in a few bytes, their days in their class's."""
        self._count(index, picks, answers, 1)
        self._people[index][anon] = _pack(seen, picks, answers)
        registration = self._regs[index]
        span = self._days.get(registration)
        if last and span is None:
            self._days[registration] = [first, last]
        elif last:
            span[0], span[1] = min(span[0], first), max(span[1], last)

    def _count(self, index: int, picks: Mapping[int, int], answers: Mapping[int, int], sign: int) -> None:
        """One student's first choices and last answers added to their class's counts (sign 1) or taken back (-1)."""
        reg, texts = self._regs[index], self._texts
        for decision, option in picks.items():
            _add(self._choices, (reg, texts[decision], texts[option]), sign)
        for key, value in answers.items():
            item = texts[key >> 2]
            _add(self._answers, (reg, item, PHASE_NAMES[key & 3], value), sign)
            after = answers.get(key + 1) if key & 3 == 1 else None  # answered before: and after?
            if after is not None:
                _add(self._pairs, (item, value, after), sign)

    def tally(self) -> Tally:
        """The numbers. The counters are handed over, not copied (a district's are tens of MB): read no more."""
        return Tally(
            self.files, self.statements, self.damaged, self.foreign, self.duplicates, self.unreadable,
            {reg: len(self._people[i]) for reg, i in self._registrations.items()},
            {reg: (span[0], span[1]) for reg, span in self._days.items()},
            dict(self._codes), self._choices, self._answers, self._pairs)


class FileCounts(NamedTuple):
    """One file read on its own, by read_one in a worker process, for Reader.add_file: what Reader._read_file
    counts, with names and classes as strings (the numbers are each reader's own)."""
    read: bool                      # False: the file could not be read at all
    counts: tuple[int, int, int, int, int, int]   # files, unreadable, statements, damaged, foreign, duplicates
    names: tuple[str, ...]          # decision, option and item ids, in the order the file first named them
    registrations: tuple[str, ...]  # classes, in the order the file first counted a statement of theirs
    codes: tuple[tuple[str, str], ...]   # registration → join code, as the file's statements named them
    # (registration, anon, statements taken, first day, last day, _pack with names as their places in ``names``),
    # each student the file opened, in the order Reader.close would have counted them
    students: tuple[tuple[str, str, int, str, str, bytes], ...]


class _Alone(Reader):
    """A reader of one file that keeps its students as they close instead of counting them."""

    def __init__(self) -> None:
        super().__init__()
        self.closed: list[_Student] = []

    def close(self, student: _Student) -> None:
        self.closed.append(student)


def read_one(path: str) -> FileCounts | None:
    """One file, read as Reader._read_file reads it but on its own: what a worker process sends back. None when
    the file names so many ids that only the reader counting every file can number them."""
    reader = _Alone()
    read = reader._read_file(Path(path))
    if len(reader._names) >= MAX_NAMES:
        return None
    return FileCounts(
        read, (reader.files, reader.unreadable, reader.statements, reader.damaged, reader.foreign, reader.duplicates),
        tuple(reader._texts), tuple(reader._regs), tuple(reader._codes.items()),
        tuple((s.registration, s.anon, s.taken, s.first, s.last, _pack(s.seen, s.picks, s.answers) if s.taken else b"")
              for s in reader.closed))


def _add(counter: Counter, key: tuple, n: int) -> None:
    total = counter[key] + n
    if total:
        counter[key] = total
    else:
        del counter[key]  # a copy took it back: as if it had never been counted


def id_key(sid: str) -> int:
    """A statement id as the 64-bit number a student's ids are remembered by (_pack). Not hash(sid): a str's hash
    changes from process to process, and a student's first file may be read in a worker process (game.classroom.
    workers) and their copy in another or in this one. The id's bytes read as one number (with its length: b"a" and
    b"a\\0" are the same number) are hashed as Python hashes numbers, the same in every process."""
    data = sid.encode("utf-8", "surrogatepass")  # a JSON id may hold a lone surrogate ("\\ud800")
    return hash((len(data), int.from_bytes(data, "little")))


def _loads(text: str) -> Any:
    """json.loads of a str without the three Python calls around its C scanner: the same values, the same errors
    (ValueError, RecursionError). A str starting with a BOM never comes here (_read_chunk reads it as bytes)."""
    try:
        value, end = _SCAN(text, _SPACE(text, 0).end())
    except StopIteration:
        raise ValueError("Expecting value") from None
    if end != len(text) and _SPACE(text, end).end() != len(text):
        raise ValueError("Extra data")
    return value


def _chunks(f: BinaryIO) -> Iterator[bytes | None]:
    """A file as pieces of whole lines (the last may have no line end: a torn line), at most BLOCK + MAX_LINE bytes
    each, and None for each line over MAX_LINE dropped while reading it: a 4 GB file with no line end costs BLOCK of
    memory. A dropped line of nothing but spaces is blank, as it would be whole."""
    rest = b""
    dropping = visible = False
    while block := f.read(BLOCK):
        if dropping:
            end = block.find(b"\n")
            visible = visible or bool(block[:end if end >= 0 else len(block)].strip())
            if end < 0:
                continue
            if visible:
                yield None
            dropping = visible = False
            block = block[end + 1:]
        cut = block.rfind(b"\n")
        if cut >= 0:
            yield rest + block[:cut + 1]
            rest = block[cut + 1:]
        else:
            rest += block
        if len(rest) > MAX_LINE:
            dropping, visible, rest = True, bool(rest.strip()), b""
    if dropping and visible:
        yield None
    elif rest:
        yield rest
