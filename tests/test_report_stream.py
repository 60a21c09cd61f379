"""The report reads results as a stream (game.classroom.tally): the same numbers as the straightforward reading it
replaced, on class sets with every kind of trouble a lab folder has, in a few hundred bytes per student."""

from __future__ import annotations

import json
import random
import tracemalloc
import uuid
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.classroom import tally as tally_module
from game.classroom import valid, xapi
from game.classroom.folder import MAX_LINE, SESSION_FILE, STUDENTS, ClassSession
from game.classroom.records import parse
from game.classroom.report import THRESHOLD, build, merge, read_results, score
from game.classroom.tally import Tally
from game.story.model import Choice

ROOT = Path(__file__).resolve().parent.parent
MEERA = "home.meera_menu.talk"
TEAM = "school.team_list.team"


@pytest.fixture(scope="module")
def content():
    from game.content import load_content

    loaded, _problems, _ = load_content(ROOT, "en")
    assert loaded is not None and loaded.survey is not None
    return loaded


def options(content, choice_id: str) -> list[str]:
    return next([o.id for o in step.options] for scene in content.story.scenes.values()
                for node in scene.nodes.values() for step in node.steps
                if isinstance(step, Choice) and step.id == choice_id)


# --- a lab's worth of trouble -----------------------------------------------------------------------------------------
def play(rng: random.Random, actor: xapi.Actor, code: str, decisions: dict[str, list[str]], items: list[str],
         start: int) -> list[dict]:
    """One play-through: choices (some made again after "What if?", some twice in one conversation), survey answers
    before and after (some changed), in time order."""
    stamp = [start]

    def at() -> str:
        stamp[0] += rng.randint(5, 400)
        return f"2026-11-{2 + stamp[0] // 86400:02d}T{stamp[0] // 3600 % 24:02d}:{stamp[0] // 60 % 60:02d}:00.000Z"

    out = [actor.statement("initialized", "game", extra={xapi.EXT_CODE: code}, timestamp=at())]

    def survey(phase: str) -> None:
        for item in items:
            for _ in range(rng.choice((0, 1, 1, 1, 2))):  # skipped, answered, or changed
                out.append(actor.statement("answered", "survey", item, result={"response": str(rng.randint(1, 4))},
                                           extra={xapi.EXT_PHASE: phase}, timestamp=at()))

    survey("pre")
    for choice, opts in decisions.items():
        if rng.random() < 0.15:
            continue  # never got there
        out.append(actor.statement("selected", "choice", choice, result={"response": rng.choice(opts)},
                                   timestamp=at()))
        if rng.random() < 0.3:  # "What if?": not counted
            out.append(actor.statement("selected", "choice", choice, result={"response": rng.choice(opts)},
                                       extra={xapi.EXT_REPLAY: True}, timestamp=at()))
        if rng.random() < 0.1:  # the same menu again without going back: the first counts
            out.append(actor.statement("selected", "choice", choice, result={"response": rng.choice(opts)},
                                       timestamp=at()))
    survey("post")
    out.append(actor.statement("completed", "game", result={"completion": True}, timestamp=at()))
    return out


def lab(base: Path, content, seed: int, classes: int = 4, students: int = 8, odd: bool = True) -> list[Path]:
    """Classes in a results folder and on USB sticks, with torn and junk lines, foreign lines, files copied onto a
    second stick (whole, mid-lesson, or read before the original) and a file that starts with a BOM; and, when
    ``odd``, a line of another student in a file and a play-through split over two files read out of order."""
    rng = random.Random(seed)
    decisions = {MEERA: options(content, MEERA), TEAM: options(content, TEAM)}
    items = [i.id for i in content.survey.items[:3]] + ["gone_item"]  # an item this content does not have
    written: list[tuple[Path, list[bytes]]] = []
    for k in range(classes):
        code = str(482_000 + k)
        registration = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        if k % 2:  # gathered from a stick: no session file
            folder = base / "usb" / f"stick{k}"
        else:
            folder = base / "results" / code / STUDENTS
            folder.mkdir(parents=True)
            session = ClassSession(code, registration, (), None, "both", created=1_800_000_000.0)
            (folder.parent / SESSION_FILE).write_text(json.dumps(session.to_json()), "utf-8")
        folder.mkdir(parents=True, exist_ok=True)
        for s in range(students):
            anon = f"s{k:02d}{s:02d}{rng.getrandbits(24):06x}"
            actor = xapi.Actor(anon, registration, "en", "test")
            lines = [json.dumps(x).encode() for x in play(rng, actor, code, decisions, items, 3600 * k)]
            if rng.random() < 0.3:
                lines.insert(rng.randrange(1, len(lines)), b"\x00\xff junk " + bytes([rng.randrange(256)]))
            if rng.random() < 0.3:  # an object that is not a statement of this game, with an id of its own
                lines.insert(rng.randrange(len(lines)), json.dumps({"id": str(uuid.uuid4()), "verb": {"id": "x"}}
                                                                   ).encode())
            if odd and rng.random() < 0.2:  # a line of another student in this student's file
                other = xapi.Actor(f"s{rng.getrandbits(32):08x}", registration, "en", "test")
                lines.insert(rng.randrange(1, len(lines)), json.dumps(
                    other.statement("selected", "choice", MEERA, result={"response": decisions[MEERA][0]},
                                    timestamp="2026-11-02T09:00:00.000Z")).encode())
            if rng.random() < 0.2:
                lines.append(lines[-1][:rng.randrange(1, 40)])  # switched off while writing
            if odd and rng.random() < 0.1:  # continued on another computer: the second part, read first
                cut = rng.randrange(1, len(lines))
                (folder / f"{anon}-b.jsonl").write_bytes(b"\n".join(lines[cut:]) + b"\n")
                lines = lines[:cut]
            data = b"\n".join(lines) + (b"" if rng.random() < 0.2 else b"\n")
            if rng.random() < 0.05:
                data = b"\xef\xbb\xbf" + data  # saved by an editor that writes a BOM
            (folder / f"{anon}.jsonl").write_bytes(data)
            written.append((folder / f"{anon}.jsonl", lines))
    for path, lines in rng.sample(written, len(written) // 3):
        where = rng.choice(("copies", "a-copies", "zz-copies"))  # read after, before or between the originals
        copy = base / "usb" / where
        copy.mkdir(parents=True, exist_ok=True)
        part = lines if rng.random() < 0.5 else lines[:rng.randrange(1, len(lines) + 1)]  # whole or mid-lesson
        (copy / path.name).write_bytes(b"\n".join(part) + b"\n")
    return [d for d in (base / "results", base / "usb") if d.exists()]


# --- the reading it replaced ------------------------------------------------------------------------------------------
def reference(dirs: list[Path], max_line: int = MAX_LINE) -> tuple[Tally, dict, dict]:
    """Every file read whole, one set of every statement id, a key per student and decision: the report's reading
    before it streamed, in counts. Also the per-student first choices and last answers. One rule is new: a file's
    student is named by its first statement of this game even when that statement was read before (it used to be
    the first one not read before, so a copy that went on with another student's line changed hands)."""
    n = Counter()
    seen: set[str] = set()
    students: dict[str, set[str]] = defaultdict(set)
    days: dict[str, tuple[str, str]] = {}
    codes: dict[str, str] = {}
    choices: dict[tuple[str, str, str], str] = {}
    answers: dict[tuple[str, str, str, str], int] = {}
    paths = sorted(p for d in dirs for p in d.rglob("*.jsonl"))
    for path in paths:
        n["files"] += 1
        owner = None
        for raw in path.read_bytes().split(b"\n"):
            if not raw.strip():
                continue
            try:
                item = json.loads(raw) if len(raw) <= max_line else None
            except ValueError:
                item = None
            if not isinstance(item, dict):
                n["damaged"] += 1
                continue
            r = parse(item)
            if r is not None and r.registration and r.student and owner is None:
                owner = r.student
            if isinstance(item.get("id"), str):
                if item["id"] in seen:
                    n["duplicates"] += 1
                    continue
                seen.add(item["id"])
            if r is None or not r.registration or not r.student or r.student != owner:
                n["foreign"] += 1
                continue
            n["statements"] += 1
            students[r.registration].add(r.student)
            code = item.get("context", {}).get("extensions", {}).get(xapi.EXT_CODE)
            if r.verb == "initialized" and valid.is_code(code):
                codes.setdefault(r.registration, code)
            first, last = days.get(r.registration, (r.timestamp[:10], r.timestamp[:10]))
            days[r.registration] = (min(first, r.timestamp[:10]), max(last, r.timestamp[:10]))
            if r.verb == "selected" and r.kind == "choice" and not r.replay:
                choices.setdefault((r.registration, r.student, r.ident), r.response)
            elif r.verb == "answered" and r.kind == "survey":
                answers[(r.registration, r.student, r.ident, r.phase)] = int(r.response)
        if path.parent.name == STUDENTS:
            session = ClassSession.from_json(json.loads((path.parent.parent / SESSION_FILE).read_text("utf-8")))
            codes.setdefault(session.registration, session.code)
    tally = Tally(
        n["files"], n["statements"], n["damaged"], n["foreign"], n["duplicates"], 0,
        {reg: len(anons) for reg, anons in students.items()}, days, codes,
        dict(Counter((reg, choice, option) for (reg, _a, choice), option in choices.items())),
        dict(Counter((reg, item, phase, v) for (reg, _a, item, phase), v in answers.items())),
        dict(Counter((item, v, answers[(reg, a, item, "post")]) for (reg, a, item, phase), v in answers.items()
                     if phase == "pre" and (reg, a, item, "post") in answers)))
    return tally, choices, answers


@pytest.mark.parametrize("seed", range(6))
def test_the_streamed_tally_is_the_straightforward_one(content, tmp_path, seed):
    dirs = lab(tmp_path, content, seed)
    expected, _choices, _answers = reference(dirs)
    got = merge(dirs)
    assert got.duplicates > 0 and got.damaged > 0 and got.foreign > 0  # every kind of trouble is in the set
    assert got == expected


def test_the_report_numbers_are_what_each_student_did(content, tmp_path):
    """From each student's first choice and last answer to the bars, means and paired shift, directly."""
    dirs = lab(tmp_path, content, seed=11, classes=4, students=12)
    expected, choices, answers = reference(dirs)
    report = build(merge(dirs), content)
    decisions = {d.id: d for c in report.chapters for d in c.decisions}
    for choice in (MEERA, TEAM):
        picked = Counter(option for (_r, _a, c), option in choices.items() if c == choice)
        d = decisions[choice]
        assert d.total.n == sum(picked.values()) >= THRESHOLD
        assert d.total.counts == tuple(picked[o] for o, _text in d.options)
    points = {i.id: (len(content.survey.scales[i.scale].options), i.reverse) for i in content.survey.items}
    for item in report.items:
        size, reverse = points[item.id]
        for phase, group in (("pre", item.pre), ("post", item.post)):
            scores = [score(v, size, reverse) for (_r, _a, i, p), v in answers.items() if i == item.id and p == phase]
            assert group.n == len(scores) >= THRESHOLD
            assert group.mean == pytest.approx(sum(scores) / len(scores))
        shifts = [score(answers[(r, a, i, "post")], size, reverse) - score(v, size, reverse)
                  for (r, a, i, p), v in answers.items() if i == item.id and p == "pre" and (r, a, i, "post") in answers]
        assert item.paired_n == len(shifts) and item.paired_shift == pytest.approx(sum(shifts) / len(shifts))
    assert report.notes.unknown == sum(1 for (_r, _a, i, _p) in answers if i == "gone_item") > 0
    assert report.students == sum(expected.students.values())


class FakeStore:
    """A learning record store's answer: a class's statements, each once, newest first."""

    def __init__(self, dirs: list[Path]) -> None:
        self.by_class: dict[str, dict[str, dict]] = defaultdict(dict)
        for path in sorted(p for d in dirs for p in d.rglob("*.jsonl")):
            for raw in path.read_bytes().split(b"\n"):
                try:
                    item = json.loads(raw)
                except ValueError:
                    continue
                record = parse(item) if isinstance(item, dict) else None
                if record is not None and record.registration:
                    self.by_class[record.registration][item["id"]] = item

    def statements(self, registration: str):
        return reversed(sorted(self.by_class[registration].values(), key=lambda s: s["timestamp"]))


def test_a_store_is_read_by_the_same_reader(content, tmp_path):
    dirs = lab(tmp_path, content, seed=3, odd=False)
    store = FakeStore(dirs)
    registrations = list(store.by_class)
    stored = sum(len(s) for s in store.by_class.values())
    folder = merge(dirs)
    from_store = read_results((), store, registrations)
    assert (from_store.files, from_store.statements, from_store.duplicates) == (len(registrations), stored, 0)
    for name in ("students", "days", "choices", "answers", "pairs"):
        assert getattr(from_store, name) == getattr(folder, name), name
    again = read_results((), store, registrations + registrations[:1])  # one class asked for twice
    assert again.duplicates == len(store.by_class[registrations[0]]) and again.choices == from_store.choices
    both = read_results(dirs, store, registrations)  # the files and the store: every statement is there twice
    assert (both.statements, both.duplicates) == (folder.statements, folder.duplicates + stored)
    assert (both.choices, both.answers, both.pairs, both.students) == (
        folder.choices, folder.answers, folder.pairs, folder.students)


# --- hostile files ----------------------------------------------------------------------------------------------------
def one_student(name: str = "s0000000000aa", count: int = 3) -> list[bytes]:
    actor = xapi.Actor(name, str(uuid.UUID(int=7, version=4)), "en", "t")
    return [json.dumps(actor.statement("selected", "choice", MEERA, result={"response": f"{MEERA}.help"},
                                       timestamp=f"2026-11-02T09:00:{i:02d}.000Z")).encode() for i in range(count)]


def test_a_huge_file_without_line_ends_is_one_damaged_line_in_bounded_memory(tmp_path, monkeypatch):
    monkeypatch.setattr(tally_module, "BLOCK", 64 * 1024)
    lines = one_student()
    path = tmp_path / "huge.jsonl"
    with open(path, "wb") as f:
        f.write(lines[0] + b"\n")
        f.write(b"x" * (12 * MAX_LINE) + b"\n")   # one line of 768 KB: junk
        f.write(b" " * (3 * MAX_LINE) + b"\n")    # one line of spaces only: blank, as it always was
        f.write(lines[1] + b"\n")
        f.write(b"[" * (4 * MAX_LINE))            # and no line end at all
    tracemalloc.start()
    try:
        got = merge([tmp_path])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (got.files, got.statements, got.damaged) == (1, 2, 2)
    assert peak < 4 * 64 * 1024 + 4 * MAX_LINE + 200_000  # a few blocks and lines, never the 1.2 MB file


def test_a_line_over_the_limit_inside_a_block_is_damaged_and_a_bom_or_broken_utf8_is_read_as_before(tmp_path):
    lines = one_student(count=6)
    (tmp_path / "a.jsonl").write_bytes(b"\xef\xbb\xbf" + lines[0] + b"\n" + b"{" * (MAX_LINE + 1) + b"\n"
                                       + lines[1] + b"\n" + b'{"a": "\xff"}\n' + lines[2] + b"\n\xa0\n")
    got = merge([tmp_path])
    assert (got.statements, got.damaged, got.foreign) == (3, 3, 0)  # the BOM'd first line is read; \xa0 is no space
    # The same in plain UTF-8 (read as text): a no-break space or an ideographic space is not a blank line either.
    (tmp_path / "a.jsonl").write_bytes(b"\n".join([lines[3], "\u00a0".encode(), lines[4], "\u3000 ".encode(),
                                                   " \t\r\x0b\x0c".encode(), lines[5]]))
    got = merge([tmp_path])
    assert (got.statements, got.damaged, got.foreign) == (3, 2, 0)


def test_limits_turn_junk_into_foreign_lines(tmp_path, monkeypatch):
    monkeypatch.setattr(tally_module, "MAX_STATEMENTS", 5)
    (tmp_path / "a.jsonl").write_bytes(b"\n".join(one_student(count=8)) + b"\n")
    got = merge([tmp_path])
    assert (got.statements, got.foreign) == (5, 3)
    monkeypatch.setattr(tally_module, "MAX_STATEMENTS", 100)
    monkeypatch.setattr(tally_module, "MAX_NAMES", 1)  # room for the decision, not for its option
    got = merge([tmp_path])
    assert (got.statements, got.foreign, got.choices) == (0, 8, {})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(st.one_of(st.sampled_from(["statement", "statement", "statement", "other"]),
                                 st.binary(max_size=40), st.integers(1, 2500), st.sampled_from([b" " * 1500, b""])),
                       max_size=25),
       block=st.integers(16, 2048), end=st.booleans())
def test_reading_in_blocks_finds_the_same_lines_as_reading_whole_files(tmp_path_factory, monkeypatch, pieces, block,
                                                                       end):
    """Any mix of statements, junk, over-long and blank lines, read a few bytes at a time with a small line limit,
    counts what reading the whole file counts."""
    monkeypatch.setattr(tally_module, "BLOCK", block)
    monkeypatch.setattr(tally_module, "MAX_LINE", 1000)
    folder = tmp_path_factory.mktemp("blocks")
    statements = iter(one_student(count=30))
    other = iter(one_student("s0000000000bb", count=30))
    lines = [next(statements) if p == "statement" else next(other) if p == "other"
             else b"x" * p if isinstance(p, int) else p for p in pieces]
    (folder / "s.jsonl").write_bytes(b"\n".join(lines) + (b"\n" if end else b""))
    expected, _choices, _answers = reference([folder], max_line=1000)
    assert merge([folder]) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=' \t\r\x0b\x0c{}[]":,-+.0123456789eEtruefalsn\\/u\u00e9\ufeff\x00', max_size=30))
def test_a_text_line_is_parsed_exactly_as_json_loads_parses_it(text):
    def outcome(loads):
        try:
            return "ok", loads(text)
        except (ValueError, RecursionError):
            return "error", None

    assert outcome(tally_module._loads) == outcome(json.loads)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=' \t\r\x0b\x0c{}[]":,-+.0123456789eEtruefalsn\\/u\u00e9\ufeff\x00', max_size=30))
def test_a_line_of_a_file_is_judged_as_json_loads_judges_its_bytes(text):
    """The reader's own loop (_loads inlined, blank lines told without stripping every line) against json.loads."""
    reader = tally_module.Reader()
    got: list = []
    reader.statement = lambda item, _batch: got.append(item)  # the objects the line gave, not what they count
    reader._read_chunk(text.encode("utf-8"), None)
    data = text.encode("utf-8")
    if not data.strip():
        expected, damaged = [], 0
    else:
        try:
            value = json.loads(data)
            expected, damaged = ([value], 0) if isinstance(value, dict) else ([], 1)
        except (ValueError, RecursionError):
            expected, damaged = [], 1
    assert (got, reader.damaged) == (expected, damaged)


# --- memory -----------------------------------------------------------------------------------------------------------
def test_memory_per_student_stays_small(content, tmp_path):
    """2,000 students of the benchmark's kind: the reading it replaced held about 10 KB per student (every statement
    id, a key per decision and answer); the stream holds a few hundred bytes, and one file at a time."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_report", ROOT / "bench" / "report.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    dirs, files, _count = bench.generate(tmp_path, content, classes=50, students=40)
    # Once before measuring: the checks of ids and forms are cached (records, valid), a bounded few MB whatever the
    # number of students, filled by whichever tests ran before; the stream's own memory is what grows with them.
    merge(dirs, workers=0)
    tracemalloc.start()
    try:
        got = merge(dirs, workers=0)  # this process's reading (tests/test_report_workers.py: the other processes')
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sum(got.students.values()) == files == 2000
    assert kept < 2000 * 1000, kept              # what is held at the end: under 1 KB a student
    assert peak < 2000 * 1000 + 4 * tally_module.BLOCK, peak  # and at most a few blocks more while reading


def _fields_before(statement):
    """records.fields as it was before its checks were cached: the reference for the cached one."""
    from game.classroom.records import PROGRESS, _activity, _actor, _response_ok

    try:
        verb = xapi.VERB_BY_ID.get(statement["verb"]["id"])
        activity = _activity(statement["object"]["id"])
        account = statement["actor"]["account"]
        context = statement.get("context") or {}
        ext = context.get("extensions") or {}
        result = statement.get("result") or {}
        rext = result.get("extensions") or {}
        if verb is None or activity is None or not isinstance(ext, dict) or not isinstance(rext, dict):
            return None
        kind, ident = activity
        student, registration = account["name"], context.get("registration", "")
        response, chapter = result.get("response", ""), ext.get(xapi.EXT_CHAPTER, "")
        phase, replay = ext.get(xapi.EXT_PHASE, ""), ext.get(xapi.EXT_REPLAY, False)
        progress = ext.get(xapi.EXT_KIND, rext.get(xapi.EXT_KIND, ""))
        timestamp, language = statement.get("timestamp", ""), ext.get(xapi.EXT_LANGUAGE, "")
        if not (_actor(student, registration) and (chapter == "" or valid.is_id(chapter))
                and phase in ("", "pre", "post") and isinstance(replay, bool) and progress in PROGRESS
                and (timestamp == "" or valid.is_stamp(timestamp)) and (language == "" or valid.is_lang(language))
                and isinstance(response, str) and _response_ok(kind, ident, response)):
            return None
        return (student, registration, verb, kind, ident, response, chapter, phase, replay, progress, timestamp,
                language)
    except (KeyError, TypeError, AttributeError):
        return None


_ODD = st.one_of(st.sampled_from(["", "pre", "post", "chapter", "pause", "en", "home", "Home", "home.meera_menu.talk",
                                  "home.meera_menu.talk.ask", "3", "12", "x" * 200]),
                 st.none(), st.booleans(), st.integers(-2, 3), st.floats(allow_nan=True), st.lists(st.text(max_size=2),
                                                                                                   max_size=2),
                 st.dictionaries(st.text(max_size=2), st.integers(), max_size=1))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["choice", "survey", "chapter", "game"]), _ODD, _ODD, _ODD, _ODD, _ODD, _ODD)
def test_the_cached_checks_of_a_statement_judge_as_the_plain_ones(kind, response, chapter, phase, replay, progress,
                                                                  language):
    from game.classroom.records import fields

    ident = {"choice": MEERA, "survey": "boys_cry", "chapter": "home", "game": ""}[kind]
    actor = xapi.Actor("s0000000000aa", str(uuid.UUID(int=7, version=4)), "en", "test")
    statement = actor.statement("selected" if kind == "choice" else "answered" if kind == "survey" else "progressed",
                                kind, ident, timestamp="2026-11-02T09:00:00.000Z")
    extensions = statement["context"]["extensions"]
    for key, value in ((xapi.EXT_CHAPTER, chapter), (xapi.EXT_PHASE, phase), (xapi.EXT_REPLAY, replay),
                       (xapi.EXT_KIND, progress), (xapi.EXT_LANGUAGE, language)):
        if value is not None:
            extensions[key] = value
    if response is not None:
        statement["result"] = {"response": response}
    assert fields(statement) == _fields_before(statement)
