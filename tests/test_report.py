"""The class results report: results folders written with real xAPI statements (xapi.Actor), merged, counted and
shown. Every number asserted here is what the simulated students did."""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import time
import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from game.classroom import xapi
from game.classroom.folder import SESSION_FILE, STUDENTS, ClassSession
from game.classroom.report import (
    THRESHOLD,
    build,
    merge,
    run_report,
    score,
    shown_classes,
)
from game.classroom.survey import Item, Scale, ScaleOption, Survey
from game.story.model import Choice
from game.story.problems import Pos

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
MEERA = "home.meera_menu.talk"       # chapter 1 (home)
TEAM = "school.team_list.team"       # chapter 2 (school)


@pytest.fixture(scope="module")
def content():
    from game.content import load_content

    loaded, _problems, _ = load_content(ROOT, "en")
    assert loaded is not None, "the shipped content has errors (see `main.py check`)"
    return loaded


def options(content, choice_id: str) -> list[str]:
    for scene in content.story.scenes.values():
        for node in scene.nodes.values():
            for step in node.steps:
                if isinstance(step, Choice) and step.id == choice_id:
                    return [o.id for o in step.options]
    raise KeyError(choice_id)


# --- writing results folders ------------------------------------------------------------------------------------------
class Lesson:
    """One class session in a results folder: <results>/<code>/session.json and students/<anon>.jsonl."""

    def __init__(self, results: Path, code: str = "482913", flat: bool = False) -> None:
        self.registration = str(uuid.uuid4())
        self.code = code
        if flat:  # files gathered from a USB stick: no session file, any folder
            self.folder = results / f"stick-{code}"
        else:
            self.folder = results / code / STUDENTS
            self.folder.mkdir(parents=True, exist_ok=True)
            session = ClassSession(code, self.registration, (), None, "both", created=time.time())
            (results / code / SESSION_FILE).write_text(json.dumps(session.to_json()), "utf-8")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.count = 0

    def student(self, *, choices=(), answers=(), language: str = "en") -> Path:
        """choices: (choice, option) or (choice, option, replay); answers: (item, value, phase)."""
        self.count += 1
        anon = f"s{self.code}{self.count:04d}"
        actor = xapi.Actor(anon, self.registration, language, "test")
        lines = [actor.statement("initialized", "game", name="Small Acts", extra={xapi.EXT_CODE: self.code})]
        for entry in choices:
            choice, option, replay = (*entry, False) if len(entry) == 2 else entry
            lines.append(actor.statement("selected", "choice", choice, chapter=choice.split(".")[0],
                                         result={"response": option},
                                         extra={xapi.EXT_REPLAY: True} if replay else None))
        for item, value, phase in answers:
            lines.append(actor.statement("answered", "survey", item, result={"response": str(value)},
                                         extra={xapi.EXT_PHASE: phase}))
        lines.append(actor.statement("completed", "game", result={"completion": True}))
        path = self.folder / f"{anon}.jsonl"
        path.write_text("".join(json.dumps(s) + "\n" for s in lines), "utf-8")
        return path


def report(dirs, tmp_path: Path, lang: str = "en", csv_file: bool = True) -> tuple[int, str, list[dict]]:
    out = tmp_path / f"report-{lang}.html"
    table = tmp_path / f"report-{lang}.csv" if csv_file else None
    code = run_report(argparse.Namespace(dirs=list(dirs), output=out, csv=table, lang=lang), ROOT)
    page = out.read_text("utf-8") if out.is_file() else ""
    rows = []
    if table is not None and table.is_file():
        with open(table, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    return code, page, rows


def decision_counts(rows: list[dict], choice: str, cls: str = "all") -> dict[str, int]:
    return {r["answer"]: int(r["count"]) for r in rows if r["kind"] == "decision" and r["id"] == choice
            and r["class"] == cls}


# --- how the class chose ----------------------------------------------------------------------------------------------
def test_counts_per_option_are_what_the_students_chose(content, tmp_path):
    opts = options(content, MEERA)
    lesson = Lesson(tmp_path / "results")
    chosen = [opts[0]] * 5 + [opts[1]] * 4 + [opts[2]] * 3  # nobody chose the fourth
    for option in chosen:
        lesson.student(choices=[(MEERA, option)])
    code, page, rows = report([tmp_path / "results"], tmp_path)
    assert code == 0
    assert decision_counts(rows, MEERA) == {opts[0]: 5, opts[1]: 4, opts[2]: 3, opts[3]: 0}
    assert {r["students"] for r in rows if r["id"] == MEERA} == {"12"}
    assert "5 (42%)" in page and "4 (33%)" in page and "3 (25%)" in page and "0 (0%)" in page
    label = next(s.label for sc in content.story.scenes.values() for n in sc.nodes.values() for s in n.steps
                 if isinstance(s, Choice) and s.id == MEERA)
    assert label in page and "12 students" in page
    assert TEAM not in page  # a decision nobody reached is not in the report


def test_first_non_replay_selection_counts(content, tmp_path):
    a, b, c, _d = options(content, MEERA)
    lesson = Lesson(tmp_path / "r")
    for _ in range(3):  # chose a, then went back with "What if?" and chose b: a counts
        lesson.student(choices=[(MEERA, a), (MEERA, b, True)])
    # The same menu twice in one conversation without going back: the first pick counts.
    lesson.student(choices=[(MEERA, c), (MEERA, b)])
    lesson.student(choices=[(MEERA, c)])
    lesson.student(choices=[(MEERA, b, True)])  # only a replay (its first line was lost): not counted
    tally = merge([tmp_path / "r"])
    result = build(tally, content)
    decision = result.chapters[0].decisions[0]
    assert decision.id == MEERA and decision.total.n == 5
    assert dict(zip([o for o, _ in decision.options], decision.total.counts)) == {a: 3, b: 0, c: 2, _d: 0}


def test_a_decision_of_four_students_is_hidden_and_of_five_shown(content, tmp_path):
    meera, team = options(content, MEERA), options(content, TEAM)
    lesson = Lesson(tmp_path / "r")
    for i in range(5):
        picks = [(TEAM, team[i % 2])]
        if i < 4:
            picks.insert(0, (MEERA, meera[0]))
        lesson.student(choices=picks)
    code, page, rows = report([tmp_path / "r"], tmp_path)
    assert code == 0
    assert decision_counts(rows, MEERA) == {}            # hidden: no rows at all
    assert decision_counts(rows, TEAM) == {team[0]: 3, team[1]: 2, team[2]: 0, team[3]: 0}
    hidden = f"fewer than {THRESHOLD} students — hidden so no one can be singled out"
    card = page[page.index(MEERA):page.index(TEAM)]
    assert hidden in card and "(" not in re.sub(r"<[^>]+>", "", card)  # no count, no percentage shown
    assert page.index(MEERA) < page.index(TEAM)  # chapters in story order
    result = build(merge([tmp_path / "r"]), content)
    by_id = {d.id: d for c in result.chapters for d in c.decisions}
    assert by_id[MEERA].total.hidden and by_id[MEERA].total.n == 4
    assert not by_id[TEAM].total.hidden and by_id[TEAM].total.n == 5


# --- several classes --------------------------------------------------------------------------------------------------
def test_shown_classes_never_leave_a_small_remainder():
    assert shown_classes(20, {"a": 10, "b": 10}) == {"a", "b"}
    assert shown_classes(13, {"a": 6, "b": 7}) == {"a", "b"}
    # A class of 3 is left out; total − the others would give its counts away: the smallest other class goes too.
    assert shown_classes(16, {"a": 6, "b": 7, "c": 3}) == {"b"}
    assert shown_classes(9, {"a": 6, "c": 3}) == set()
    assert shown_classes(14, {"a": 6, "b": 4, "c": 4}) == {"a"}  # 8 left out: safe
    assert shown_classes(4, {"a": 4}) == set()


def test_total_and_per_class_with_a_small_class_only_in_the_total(content, tmp_path):
    opts = options(content, MEERA)
    big = Lesson(tmp_path / "results", "111111")
    for option in [opts[0]] * 4 + [opts[1]] * 4:
        big.student(choices=[(MEERA, option)])
    other = Lesson(tmp_path / "results", "222222")
    for option in [opts[1]] * 5 + [opts[2]] * 5:
        other.student(choices=[(MEERA, option)])
    tiny = Lesson(tmp_path / "usb", "333333", flat=True)  # gathered from a stick, 2 students
    for option in (opts[3], opts[3]):
        tiny.student(choices=[(MEERA, option)])
    # The tiny class (2) alone would be total − the rest: the smaller big class (8) is hidden with it.
    code, page, rows = report([tmp_path / "results", tmp_path / "usb"], tmp_path)
    assert code == 0
    assert decision_counts(rows, MEERA) == {opts[0]: 4, opts[1]: 9, opts[2]: 5, opts[3]: 2}
    assert decision_counts(rows, MEERA, "222 222") == {opts[0]: 0, opts[1]: 5, opts[2]: 5, opts[3]: 0}
    assert decision_counts(rows, MEERA, "111 111") == {}
    assert not [r for r in rows if r["class"] not in ("all", "222 222")]
    assert "Class 222 222" in page and "Class 111 111" in page  # join codes from session.json
    assert "hidden, so that a smaller group cannot be worked out from the total" in page
    assert "fewer than 5 students: counted only in the total" in page  # the tiny class in the list of classes
    result = build(merge([tmp_path / "results", tmp_path / "usb"]), content)
    assert sorted(c.students for c in result.classes) == [2, 8, 10]
    decision = result.chapters[0].decisions[0]
    assert {g.cls.name: g.suppressed for g in decision.classes} == {"111 111": True, "222 222": False}


# --- the survey -------------------------------------------------------------------------------------------------------
def _survey() -> Survey:
    pos = Pos("dialogue/en/survey.yaml", 1, 1)
    agree = Scale("agree", tuple(ScaleOption(v, t) for v, t in enumerate(
        ("Strongly disagree", "Disagree", "Agree", "Strongly agree"), 1)))
    five = Scale("five", tuple(ScaleOption(v, str(v)) for v in range(1, 6)))
    return Survey("What do you think?", "intro", {"agree": agree, "five": five}, (
        Item("home_job", "A woman's most important job is at home.", "agree", True, "gender_roles", "", pos),
        Item("girls_study", "Girls should be able to study as far as they want.", "agree", False, "education", "",
             pos),
        Item("sure", "I could help.", "five", False, "helping", "", pos)), pos)


def test_reverse_scoring():
    assert [score(v, 4, True) for v in (1, 2, 3, 4)] == [4, 3, 2, 1]
    assert [score(v, 4, False) for v in (1, 2, 3, 4)] == [1, 2, 3, 4]
    assert score(5, 5, True) == 1


def test_survey_distributions_means_shift_and_paired_shift(content, tmp_path):
    lesson = Lesson(tmp_path / "r")
    pre_job, post_job = [4, 4, 3, 3, 2, 1], [2, 2, 1, 1, 1, 1]        # reverse item: agreeing less is better
    pre_study, post_study = [2, 2, 3, 3, 3, 4], [3, 3, 3, 4, 4, None]  # the last student skipped it after
    for i in range(6):
        answers = [("home_job", pre_job[i], "pre"), ("home_job", post_job[i], "post"),
                   ("girls_study", pre_study[i], "pre")]
        if post_study[i] is not None:
            answers.append(("girls_study", post_study[i], "post"))
        if i < 4:
            answers.append(("sure", 5, "pre"))  # only 4 answered: hidden
        lesson.student(answers=answers)
    lesson.student(answers=[("girls_study", 1, "pre"), ("girls_study", 1, "pre"), ("girls_study", 4, "pre")])
    # ^ a 7th student changed their answer twice before going on: the last one (4) counts
    survey_content = replace(content, survey=_survey())
    result = build(merge([tmp_path / "r"]), survey_content)
    items = {i.id: i for i in result.items}
    job = items["home_job"]
    assert job.reverse and job.pre.counts == (1, 1, 2, 2) and job.post.counts == (4, 2, 0, 0)
    assert job.pre.mean == pytest.approx(sum(5 - v for v in pre_job) / 6)    # scores 1,1,2,2,3,4 → 13/6
    assert job.post.mean == pytest.approx(sum(5 - v for v in post_job) / 6)  # 3,3,4,4,4,4 → 22/6
    assert job.shift == pytest.approx(9 / 6)
    assert job.paired_n == 6 and job.paired_shift == pytest.approx(9 / 6)
    study = items["girls_study"]
    assert study.pre.n == 7 and study.pre.counts == (0, 2, 3, 2)
    assert study.pre.mean == pytest.approx((2 + 2 + 3 + 3 + 3 + 4 + 4) / 7)
    assert study.post.n == 5 and study.post.mean == pytest.approx(17 / 5)
    assert study.paired_n == 5  # students who answered both times
    assert study.paired_shift == pytest.approx(((3 - 2) + (3 - 2) + 0 + (4 - 3) + (4 - 3)) / 5)
    sure = items["sure"]
    assert sure.pre.hidden and sure.pre.n == 4 and sure.pre.mean is None and sure.shift is None
    assert [i.construct for i in result.items] == ["gender_roles", "education", "helping"]


def test_survey_in_the_html_and_csv(content, tmp_path, monkeypatch):
    import game.content

    real = game.content.load_content

    def with_survey(root, lang="en"):
        loaded, problems, files = real(root, lang)
        return replace(loaded, survey=_survey()), problems, files

    monkeypatch.setattr(game.content, "load_content", with_survey)
    lesson = Lesson(tmp_path / "r")
    for pre, post in ((4, 1), (4, 2), (3, 2), (3, 1), (2, 1)):
        lesson.student(answers=[("home_job", pre, "pre"), ("home_job", post, "post"), ("nonsense", 2, "pre"),
                                ("girls_study", 9, "pre")])  # an unknown item and a value off the scale
    code, page, rows = report([tmp_path / "r"], tmp_path)
    assert code == 0
    survey_rows = [r for r in rows if r["kind"] == "survey"]
    assert {(r["phase"], r["answer"]): int(r["count"]) for r in survey_rows} == {
        ("pre", "1"): 0, ("pre", "2"): 1, ("pre", "3"): 2, ("pre", "4"): 2,
        ("post", "1"): 3, ("post", "2"): 2, ("post", "3"): 0, ("post", "4"): 0}
    assert {r["answer_text"] for r in survey_rows} == {"Strongly disagree", "Disagree", "Agree", "Strongly agree"}
    assert "reverse-scored" in page and "turned round" in page and "not a research study" in page
    assert "Before 1.8 · After 3.6 · Change <span class=\"shift\">+1.8</span>" in page
    assert "5 students answered both times; their own scores changed by +1.8 on average." in page
    assert "this version of the game does not have: 10." in page  # 5 unknown items + 5 values off the scale
    assert page.count("<svg") >= 4


def test_the_shipped_survey_is_reported_in_hindi(tmp_path):
    from game.content import load_content

    hindi, _problems, _ = load_content(ROOT, "hi")
    if hindi is None or hindi.survey is None:
        pytest.skip("no survey in the shipped content")
    item = hindi.survey.items[0]
    lesson = Lesson(tmp_path / "r")
    for value in (1, 2, 3, 4, 4):
        lesson.student(answers=[(item.id, value, "pre")], language="hi")
    code, page, _rows = report([tmp_path / "r"], tmp_path, lang="hi")
    assert code == 0
    translated = hindi.catalog.text(f"survey.items.{item.id}", item.text)
    assert translated in page
    assert '<html lang="hi">' in page


# --- robustness -------------------------------------------------------------------------------------------------------
def test_junk_lines_foreign_statements_and_copies_are_skipped_and_counted(content, tmp_path):
    opts = options(content, MEERA)
    lesson = Lesson(tmp_path / "r")
    paths = [lesson.student(choices=[(MEERA, opts[i % 2])]) for i in range(6)]
    with open(paths[0], "ab") as f:
        f.write(b"\x00\xff\xfe binary junk\n")                       # damaged 1
        f.write(b"[" * 40000 + b"\n")                               # 2 (would overflow a recursive parser)
        f.write(b"[1, 2, 3]\n")                                     # 3: not an object
        f.write(b"\n   \n")                                          # blank: nothing
        f.write(json.dumps({"verb": {"id": "http://example.com/liked"}, "actor": {}}).encode() + b"\n")  # foreign
        f.write(b'{"id": "torn", "actor": {"obj')                   # torn last line: damaged
    (tmp_path / "r" / "notes.jsonl").write_bytes(bytes(range(256)) * 20)  # binary: 20 "\n", so 21 pieces
    copy = tmp_path / "r" / "copied-again"
    copy.mkdir()
    (copy / paths[1].name).write_bytes(paths[1].read_bytes())       # the same student copied from a second stick
    tally = merge([tmp_path / "r"])
    result = build(tally, content)
    assert tally.files == 8
    assert result.notes.damaged == 3 + 1 + 21  # 3 junk lines, the torn line, the binary file's 21 "lines"
    assert result.notes.foreign == 1
    assert result.notes.duplicates == 3         # initialized, selected, completed of the copied student
    decision = result.chapters[0].decisions[0]
    assert decision.total.n == 6 and decision.total.counts == (3, 3, 0, 0)
    code, page, _rows = report([tmp_path / "r"], tmp_path)
    assert code == 0
    assert "Damaged lines skipped" in page and "counted once: 3." in page and "did not write: 1." in page


def test_statements_about_another_version_are_counted_as_unknown(content, tmp_path):
    opts = options(content, MEERA)
    lesson = Lesson(tmp_path / "r")
    for _ in range(5):
        lesson.student(choices=[(MEERA, opts[0]), ("home.gone_node.old_choice", "home.gone_node.old_choice.a")])
    lesson.student(choices=[(MEERA, MEERA + ".an_option_removed_since")])
    result = build(merge([tmp_path / "r"]), content)
    assert result.notes.unknown == 5 + 1
    assert result.chapters[0].decisions[0].total.n == 5


def test_exit_codes_and_messages(tmp_path, capsys):
    from game.cli import main

    assert main(["report", str(tmp_path / "nowhere"), "-o", str(tmp_path / "r.html")]) == 2
    assert "the folder" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "junk.jsonl").write_text("not json\n{\"a\": 1}\n")
    assert main(["report", str(empty), "-o", str(tmp_path / "r.html")]) == 1
    err = capsys.readouterr().err
    assert str(empty) in err and "no class results" in err and "Traceback" not in err
    assert not (tmp_path / "r.html").exists()
    lesson = Lesson(tmp_path / "ok")
    lesson.student()
    assert main(["report", str(tmp_path / "ok"), "-o", str(tmp_path / "no" / "r.html")]) == 2
    assert main(["report", str(tmp_path / "ok"), "-o", str(tmp_path / "r.html"), "--lang", "../x"]) == 2
    assert main(["report", str(tmp_path / "ok"), "-o", str(tmp_path / "r.html"), "--lang", "zz"]) == 2
    assert "no language 'zz'" in capsys.readouterr().err
    assert main(["report", str(tmp_path / "ok"), "-o", str(tmp_path / "r.html"), "--csv",
                 str(tmp_path / "r.csv")]) == 0
    assert (tmp_path / "r.html").is_file() and (tmp_path / "r.csv").is_file()
    # One student, no decision: the report says so rather than failing.
    assert "No student has made a decision yet." in (tmp_path / "r.html").read_text("utf-8")


def test_no_traceback_from_the_command_line(tmp_path):
    junk = tmp_path / "stick"
    junk.mkdir()
    (junk / "a.jsonl").write_bytes(b"\xff\xfe\x00" * 1000)
    (junk / "dir.jsonl").mkdir()  # a folder that looks like a results file
    for args in ([str(tmp_path / "missing")], [str(junk)]):
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), "report", *args, "-o",
                               str(tmp_path / "r.html")], capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode in (1, 2) and "Traceback" not in done.stderr and done.stderr.strip()


# --- the HTML and the CSV ---------------------------------------------------------------------------------------------
def test_html_is_self_contained_with_svg_charts(content, tmp_path):
    opts = options(content, MEERA)
    lesson = Lesson(tmp_path / "r")
    for i in range(7):
        lesson.student(choices=[(MEERA, opts[i % 3])], language="hi")
    for lang in ("en", "hi"):
        code, page, _rows = report([tmp_path / "r"], tmp_path, lang=lang)
        assert code == 0
        assert "http://" not in page and "https://" not in page  # not even the xAPI IRIs: nothing to fetch
        assert "<link" not in page and "<script" not in page and "@import" not in page
        assert not re.search(r"""(src|href)=["'](?!#)""", page)  # in-page anchors only
        assert "<svg" in page and "<rect" in page
        assert f'<html lang="{lang}">' in page
        assert "@media print" in page
    _code, hindi, _ = report([tmp_path / "r"], tmp_path, lang="hi")
    _code, english, _ = report([tmp_path / "r"], tmp_path, lang="en")
    assert "@font-face" not in english  # Latin needs no embedded font
    faces = re.findall(r'@font-face \{ font-family: "SA (\w+)"; font-weight: (\d+)', hindi)
    assert faces == [("Devanagari", "400"), ("Devanagari", "700")]  # only the script Hindi needs
    assert "url(data:font/ttf;base64," in hindi
    _code, bengali, _ = report([tmp_path / "r"], tmp_path, lang="bn")
    faces = re.findall(r'@font-face \{ font-family: "SA (\w+)"', bengali)
    assert faces == ["Bengali", "Bengali"]  # its danda (U+0964) does not pull in the Devanagari font


def test_csv_has_a_header_and_one_row_per_group_option_and_phase(content, tmp_path):
    opts = options(content, MEERA)
    for code in ("111111", "222222"):
        lesson = Lesson(tmp_path / "r", code)
        for i in range(6):
            lesson.student(choices=[(MEERA, opts[i % 2])])
    table = tmp_path / "out.csv"
    run_report(argparse.Namespace(dirs=[tmp_path / "r"], output=tmp_path / "o.html", csv=table, lang="en"), ROOT)
    raw = table.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheet programs need for Devanagari
    with open(table, encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    assert lines[0] == ["class", "kind", "id", "text", "answer", "answer_text", "phase", "count", "students"]
    body = lines[1:]
    assert len(body) == 3 * len(opts)  # all + two classes, one row per option
    assert {r[0] for r in body} == {"all", "111 111", "222 222"}
    assert all(r[1] == "decision" and r[2] == MEERA and r[6] == "" for r in body)
    assert sum(int(r[7]) for r in body if r[0] == "all") == 12


@pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed (/usr/bin/chromium)")
def test_the_report_renders_in_headless_chromium(content, tmp_path):
    opts = options(content, MEERA)
    lesson = Lesson(tmp_path / "r")
    for i in range(9):
        lesson.student(choices=[(MEERA, opts[i % 4])])
    code, _page, _rows = report([tmp_path / "r"], tmp_path, lang="hi")
    assert code == 0
    shot = tmp_path / "shot.png"
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "html_shot.py"), str(tmp_path / "report-hi.html"),
                           str(shot), "--width", "1000"], capture_output=True, text=True, timeout=200, check=False)
    assert done.returncode == 0, done.stderr
    import pygame

    image = pygame.image.load(str(shot))
    width, height = image.get_size()
    assert width == 1000 and 600 < height < 4000  # cut to the page, not the 16,000 px window
    colours = {image.get_at((x, y))[:3] for x in range(0, width, 7) for y in range(0, height, 7)}
    assert (0x2d, 0x6a, 0xa6) in colours  # the bars are drawn


def _lines(folder: Path) -> list[dict]:
    return [json.loads(line) for path in sorted(folder.rglob("*.jsonl"))
            for line in path.read_text("utf-8").splitlines()]


def test_every_statement_these_tests_write_is_valid_xapi(content, tmp_path):
    opts = options(content, MEERA)
    lesson = Lesson(tmp_path / "r")
    lesson.student(choices=[(MEERA, opts[0]), (MEERA, opts[1], True)],
                   answers=[("home_job", 3, "pre"), ("home_job", 2, "post")], language="hi")
    lesson.student(language="bn")
    statements = _lines(tmp_path / "r")
    assert len(statements) == 6 + 2
    for statement in statements:
        assert xapi.validate(statement) == [], statement


def _bench():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_report", ROOT / "bench" / "report.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


def test_every_statement_the_benchmark_writes_is_valid_xapi(content, tmp_path):
    dirs, files, count = _bench().generate(tmp_path, content, classes=5, students=6, copied=0.5)
    assert files == 30
    statements, copies = [], 0
    for folder in dirs:
        for path in folder.rglob("*.jsonl"):
            for line in path.read_text("utf-8").splitlines():
                try:
                    statement = json.loads(line)
                except ValueError:
                    continue  # the torn last line the benchmark writes on purpose, now and then
                if path.parent.name.startswith("copies"):  # the same student's file on a second stick
                    copies += 1
                else:
                    statements.append(statement)
    assert len(statements) == count and copies > 0
    verbs = {s["verb"]["id"] for s in statements}
    assert verbs == set(xapi.VERBS.values())
    for statement in statements:
        assert xapi.validate(statement) == [], statement
    tally = merge(dirs)
    assert tally.statements == count and tally.duplicates == copies and len(build(tally, content).classes) == 5


def test_the_benchmark_gives_every_class_its_own_join_code():
    import random

    codes = _bench()._codes(random.Random(7), 3000)
    assert len(set(codes)) == 3000 and all(len(c) == 6 and c[0] != "0" for c in codes)


def test_tables_by_class_are_open_for_a_few_classes_and_folded_for_a_district(content, tmp_path):
    """Up to six classes each decision's table by class is open (and printed); a district's merge folds them, a click
    away on screen and left out of the print, so thirty classes do not print as fifty pages."""
    def page_for(classes: int) -> str:
        results = tmp_path / f"r{classes}"
        for c in range(classes):
            lesson = Lesson(results, code=f"{482100 + c}")
            for s in range(5):
                lesson.student(choices=[(MEERA, options(content, MEERA)[s % 2])])
        (tmp_path / f"out{classes}").mkdir()
        code, page, _rows = report([results], tmp_path / f"out{classes}")
        assert code == 0
        return page

    few, many = page_for(3), page_for(7)
    assert few.count('<details class="by-class" open>') >= 1 and '<details class="by-class">' not in few
    assert many.count('<details class="by-class">') >= 1 and '<details class="by-class" open>' not in many
    assert "details.by-class:not([open]) { display: none; }" in many  # the print leaves folded tables out


def test_how_the_class_chose_by_kind_of_act_keeps_hidden_groups_hidden(content, tmp_path):
    """Per chapter, the choices summed by the options' kind of act (their `tag:`), only over decisions shown."""
    meera, team = options(content, MEERA), options(content, TEAM)
    tags = {o.id: o.tag for sc in content.story.scenes.values() for n in sc.nodes.values() for s in n.steps
            if isinstance(s, Choice) for o in s.options}
    lesson = Lesson(tmp_path / "r")
    for i in range(6):
        picks = [(TEAM, team[i % 2])]
        if i < 4:  # four students at Meera's decision: hidden, and left out of the kinds too
            picks.insert(0, (MEERA, meera[0]))
        lesson.student(choices=picks)
    result = build(merge([tmp_path / "r"]), content)
    chapters = {c.id: c for c in result.chapters}
    assert chapters[MEERA.split(".")[0]].acts == ()
    school = dict(chapters[TEAM.split(".")[0]].acts)
    expected: dict[str, int] = {}
    for option in (team[0], team[1]):
        expected[tags[option]] = expected.get(tags[option], 0) + 3
    assert school == expected
    code, page, _rows = report([tmp_path / "r"], tmp_path)
    assert code == 0 and "By kind of act" in page
    assert content.strings.get(f"acts.{tags[team[0]]}") in page
    _code, hindi, _rows = report([tmp_path / "r"], tmp_path, lang="hi")
    assert "काम के प्रकार के हिसाब से" in hindi
