"""`python main.py report DIR… [-o report.html] [--csv FILE] [--lang LANG]`: the class results of one or many classes.

Reads every results file under the folders (a results folder, one session's folder, or files gathered from USB sticks
in any layout), and shows how the class chose at each decision and how the survey answers moved from before to after.

The rules a teacher can rely on:
- Each student counts once per decision: the first choice they made there. A choice made again after "What if?"
  (EXT_REPLAY) is not counted. A survey answer given twice in one phase counts the last one (the student changed it).
- A group of fewer than THRESHOLD students is hidden: a decision, a survey phase, a class. A class is also hidden
  where showing it beside the total would let someone subtract their way to a smaller group (complementary
  suppression: the students left out of the per-class rows are then never 1 to THRESHOLD-1).
- Damaged lines, statements this game did not write, a statement its student already had (a file copied onto two
  sticks, whole or mid-lesson) and answers about decisions or items this version of the content does not have are
  skipped, and counted in a note.

The files are read as a stream (game.classroom.tally, which says how): one file at a time, each student kept in a few
hundred bytes, so the memory grows by about 1 KB a student instead of 16 KB (bench/report.py: 120,000 students in
under 250 MB instead of 1.9 GB). From 2,000 files on, worker processes (one a core) parse the files while this one
counts them in their order (game.classroom.workers): the same numbers, in a little over half the time when two cores
are free.

The HTML is one file that opens offline: inline CSS, bars as inline SVG, the Noto fonts of the scripts it uses
embedded; it contains no URL at all. Every text comes from dialogue/<lang>/ (ui.yaml `report.*`, the story, the
survey). Exit codes: 0 written, 1 no statements found (or the content has errors), 2 misuse.
"""

from __future__ import annotations

import argparse
import base64
import csv
import html
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from game.classroom.folder import show_code
# merge and merge_store are here too: the report is where the tests, the bench and other tools look for them.
from game.classroom.tally import Tally, merge, merge_store, read_results  # noqa: F401

if TYPE_CHECKING:
    from game.classroom.survey import Survey
    from game.content import Content

THRESHOLD = 5
PHASES = ("pre", "post")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_LANG = re.compile(r"^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$")


# --- the numbers ------------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ClassInfo:
    registration: str
    name: str          # the join code as written on the board, or the start of the registration
    first_day: str
    last_day: str
    students: int

    @property
    def shown(self) -> bool:
        return self.students >= THRESHOLD


@dataclass(frozen=True, slots=True)
class Group:
    """How one group (all classes when ``cls`` is None) chose at a decision or answered in one survey phase."""
    cls: ClassInfo | None
    n: int
    counts: tuple[int, ...] | None   # per option / per scale value; None = hidden
    suppressed: bool = False         # hidden although n ≥ THRESHOLD (it would reveal a smaller group)
    mean: float | None = None        # survey: the mean score (None when hidden or no answers)

    @property
    def hidden(self) -> bool:
        return self.counts is None


@dataclass(frozen=True, slots=True)
class Decision:
    id: str
    label: str
    options: tuple[tuple[str, str], ...]   # (option id, text in the report's language)
    total: Group
    classes: tuple[Group, ...]             # one per class of THRESHOLD students or more that made this decision


@dataclass(frozen=True, slots=True)
class ChapterResult:
    id: str
    number: int        # its place in the story (1 = the first chapter), whichever chapters the classes played
    title: str
    decisions: tuple[Decision, ...]
    # How the class chose by kind of act (the options' `tag:`): (tag or "untagged", choices), summed over the
    # decisions whose total is shown, so it hides nothing the bars above do not already show.
    acts: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class ItemResult:
    id: str
    text: str
    construct: str                         # the topic it is grouped under (survey.CONSTRUCTS)
    reverse: bool
    scale: tuple[tuple[int, str], ...]     # (value, text), in the order shown to students
    pre: Group
    post: Group
    paired_n: int                          # students who answered both times
    paired_shift: float | None             # their mean change of score; None when hidden
    classes: tuple[tuple[Group, Group], ...]  # (pre, post) per class shown

    @property
    def shift(self) -> float | None:
        if self.pre.mean is None or self.post.mean is None:
            return None
        return self.post.mean - self.pre.mean


@dataclass(frozen=True, slots=True)
class Notes:
    files: int
    statements: int
    damaged: int
    foreign: int
    duplicates: int
    unknown: int       # answers about decisions, options or items this content does not have
    unreadable: int


@dataclass(frozen=True, slots=True)
class Report:
    lang: str
    students: int
    classes: tuple[ClassInfo, ...]         # oldest first
    chapters: tuple[ChapterResult, ...]
    items: tuple[ItemResult, ...]
    notes: Notes


def shown_classes(total: int, sizes: dict[str, int]) -> set[str]:
    """The classes whose row may be shown beside a total of ``total`` students: THRESHOLD students or more, and never
    leaving 1 to THRESHOLD-1 students out (they could be worked out as the total minus the rows)."""
    shown = {c for c, n in sizes.items() if n >= THRESHOLD}
    rest = total - sum(sizes[c] for c in shown)
    for c in sorted(shown, key=lambda c: (sizes[c], c)):
        if rest == 0 or rest >= THRESHOLD:
            break
        shown.discard(c)
        rest += sizes[c]
    return shown


def build(tally: Tally, content: Content) -> Report:
    classes = _classes(tally)
    known_choices: set[str] = set()
    chapters, unknown = _chapters(tally, content, classes, known_choices)
    unknown += sum(n for (_r, choice, _o), n in tally.choices.items() if choice not in known_choices)
    items: tuple[ItemResult, ...] = ()
    known_items: set[str] = set()
    if content.survey is not None:
        items, bad_values = _items(tally, content, classes, known_items)
        unknown += bad_values
    unknown += sum(n for (_r, item, _p, _v), n in tally.answers.items() if item not in known_items)
    notes = Notes(tally.files, tally.statements, tally.damaged, tally.foreign, tally.duplicates, unknown,
                  tally.unreadable)
    students = sum(tally.students.values())
    return Report(content.lang, students, classes, chapters, items, notes)


def _classes(tally: Tally) -> tuple[ClassInfo, ...]:
    out = []
    names: dict[str, int] = defaultdict(int)
    for reg in tally.students:
        code = tally.codes.get(reg)
        names[show_code(code) if code else reg[:8]] += 1
    for reg, students in tally.students.items():
        code = tally.codes.get(reg)
        name = show_code(code) if code else reg[:8]
        if names[name] > 1:  # two schools' sessions with the same code: tell them apart
            name = f"{name} ({reg[:4]})"
        first, last = tally.days.get(reg, ("", ""))
        out.append(ClassInfo(reg, name, first, last, students))
    return tuple(sorted(out, key=lambda c: (c.first_day, c.name)))


def _group_rows(per_class: dict[str, list[int]], classes: Sequence[ClassInfo], width: int,
                ) -> tuple[tuple[int, ...], list[tuple[ClassInfo, tuple[int, ...] | None, bool]]]:
    """The total counts, and the per-class rows (class, counts or None, suppressed) for the classes shown."""
    total = [0] * width
    for counts in per_class.values():
        for i, c in enumerate(counts):
            total[i] += c
    sizes = {reg: sum(counts) for reg, counts in per_class.items()}
    shown = shown_classes(sum(total), sizes)
    rows = []
    for info in classes:
        n = sizes.get(info.registration, 0)
        if not info.shown or n == 0:
            continue  # a small class only counts in the total; a class that never got here has no row
        counts = per_class[info.registration]
        visible = info.registration in shown
        rows.append((info, tuple(counts) if visible else None, not visible and n >= THRESHOLD))
    return tuple(total), rows


def _choices_in_order(content: Content):
    """(chapter, [choices]) in the order of the story's chapters, scenes and nodes."""
    from game.story.model import Choice

    seen_scenes: set[str] = set()
    for chapter in content.chapters:
        choices = []
        for sid in chapter.scenes:
            scene = content.story.scenes.get(sid)
            if scene is None or sid in seen_scenes:
                continue
            seen_scenes.add(sid)
            for node in scene.nodes.values():
                choices += [step for step in node.steps if isinstance(step, Choice)]
        yield chapter, choices


def _chapters(tally: Tally, content: Content, classes: Sequence[ClassInfo], known: set[str]
              ) -> tuple[tuple[ChapterResult, ...], int]:
    """The decisions per chapter, and how many selections named an option the choice does not have (results of an
    older or newer version of the content)."""
    by_choice: dict[str, list[tuple[str, str, int]]] = defaultdict(list)  # choice → [(registration, option, n)]
    for (reg, choice, option), n in tally.choices.items():
        by_choice[choice].append((reg, option, n))
    catalog = content.catalog
    out, bad = [], 0
    for number, (chapter, choices) in enumerate(_choices_in_order(content), 1):
        decisions = []
        for choice in choices:
            known.add(choice.id)
            index = {o.id: i for i, o in enumerate(choice.options)}
            per_class: dict[str, list[int]] = {}
            for reg, option, n in by_choice.get(choice.id, ()):
                if option in index:
                    per_class.setdefault(reg, [0] * len(index))[index[option]] += n
                else:
                    bad += n
            if not per_class:
                continue  # nobody reached it: not part of these lessons
            total, rows = _group_rows(per_class, classes, len(index))
            n = sum(total)
            label = catalog.text(f"{choice.id}.label", choice.label) if choice.label else choice.id
            options = tuple((o.id, catalog.text(o.id, o.text)) for o in choice.options)
            decisions.append(Decision(
                choice.id, label, options, Group(None, n, total if n >= THRESHOLD else None),
                tuple(Group(info, sum(per_class[info.registration]), counts, suppressed)
                      for info, counts, suppressed in rows) if n >= THRESHOLD else ()))
        if decisions:
            first = content.story.scenes.get(chapter.scenes[0])
            title = catalog.text(f"{first.id}.title", first.title) if first is not None else chapter.id
            out.append(ChapterResult(chapter.id, number, title, tuple(decisions), _acts(decisions, choices)))
    return tuple(out), bad


def _acts(decisions: Sequence[Decision], choices) -> tuple[tuple[str, int], ...]:
    """The choices of the shown decisions summed by kind of act, in the order of model.ACT_TAGS."""
    from game.story.model import ACT_TAGS

    tag_of = {o.id: o.tag or "untagged" for c in choices for o in c.options}
    sums: dict[str, int] = defaultdict(int)
    for d in decisions:
        if d.total.counts is None:
            continue  # a hidden group stays hidden here too
        for (oid, _text), count in zip(d.options, d.total.counts):
            sums[tag_of.get(oid, "untagged")] += count
    return tuple((tag, sums[tag]) for tag in (*ACT_TAGS, "untagged") if sums.get(tag))


def score(value: int, points: int, reverse: bool) -> int:
    """Higher is always the more equitable or more confident answer: a reverse-scored item turns the scale round."""
    return points + 1 - value if reverse else value


def _items(tally: Tally, content: Content, classes: Sequence[ClassInfo], known: set[str]
           ) -> tuple[tuple[ItemResult, ...], int]:
    survey = content.survey
    assert survey is not None
    text = _survey_texts(survey, content)
    # (item, phase) → registration → value → students
    answers: dict[tuple[str, str], dict[str, Counter[int]]] = defaultdict(lambda: defaultdict(Counter))
    values_of = {item.id: {o.value for o in survey.scales[item.scale].options}
                 for item in survey.items if item.scale in survey.scales}
    bad = 0
    for (reg, item, phase, value), n in tally.answers.items():
        if item not in values_of:
            continue
        if phase not in PHASES or value not in values_of[item]:
            bad += n
            continue
        answers[(item, phase)][reg][value] += n
    out = []
    # Grouped by topic, in the order the topics first appear; the survey's own order within a topic.
    topics = list(dict.fromkeys(i.construct for i in survey.items))
    for item in sorted(survey.items, key=lambda i: topics.index(i.construct)):
        scale = survey.scales.get(item.scale)
        if scale is None:
            continue
        known.add(item.id)
        points = len(scale.options)
        order = [o.value for o in scale.options]
        phases = {phase: answers.get((item.id, phase), {}) for phase in PHASES}
        if not any(phases.values()):
            continue
        groups: dict[str, tuple[Group, dict[str, Group]]] = {}
        for phase, by_class in phases.items():
            groups[phase] = _survey_groups(by_class, classes, order, points, item.reverse)
        allowed = values_of[item.id]
        pairs = [(score(after, points, item.reverse) - score(before, points, item.reverse), n)
                 for (question, before, after), n in tally.pairs.items()
                 if question == item.id and before in allowed and after in allowed]
        paired_n = sum(n for _diff, n in pairs)
        paired = sum(diff * n for diff, n in pairs) / paired_n if paired_n >= THRESHOLD else None
        rows = []
        for info in classes:
            pre_g, post_g = groups["pre"][1].get(info.registration), groups["post"][1].get(info.registration)
            if pre_g is not None or post_g is not None:
                rows.append((pre_g or Group(info, 0, None), post_g or Group(info, 0, None)))
        out.append(ItemResult(
            item.id, text(item.id, item.text), item.construct, item.reverse,
            tuple((o.value, text(f"{item.scale}", o.text)) for o in scale.options),
            groups["pre"][0], groups["post"][0], paired_n, paired, tuple(rows)))
    return tuple(out), bad


def _survey_groups(by_class: dict[str, Counter[int]], classes: Sequence[ClassInfo], order: list[int],
                   points: int, reverse: bool) -> tuple[Group, dict[str, Group]]:
    """``by_class``: registration → value → students who gave it."""
    per_class = {reg: [answers[value] for value in order] for reg, answers in by_class.items()}
    total, rows = _group_rows(per_class, classes, len(order))

    def mean(counts: Iterable[Counter[int]]) -> float | None:
        students = scores = 0
        for answers in counts:
            for value, n in answers.items():
                students += n
                scores += score(value, points, reverse) * n
        return scores / students if students else None

    n = sum(total)
    everyone = mean(by_class.values()) if n >= THRESHOLD else None
    out = {info.registration: Group(info, sum(per_class[info.registration]), counts, suppressed,
                                    mean([by_class[info.registration]]) if counts is not None else None)
           for info, counts, suppressed in rows} if n >= THRESHOLD else {}
    return Group(None, n, total if n >= THRESHOLD else None, False, everyone), out


def _survey_texts(survey: Survey, content: Content):
    """text(hint, source) → the source translated. The survey module owns the ids of its texts; they are looked up
    in its own list of source strings (the one the catalogue is built from), so this never guesses its scheme."""
    from game.classroom.survey import survey_strings

    by_text: dict[str, list[str]] = defaultdict(list)
    for s in survey_strings(survey):
        by_text[s.text].append(s.id)

    def text(hint: str, source: str) -> str:
        ids = by_text.get(source)
        if not ids:
            return source
        best = next((i for i in ids if hint in i.split(".")), ids[0])
        return content.catalog.text(best, source)

    return text


# --- CSV --------------------------------------------------------------------------------------------------------------
CSV_HEADER = ("class", "kind", "id", "text", "answer", "answer_text", "phase", "count", "students")


def csv_rows(report: Report) -> list[tuple[str, ...]]:
    """One row per (class or "all", decision or item, option or answer, phase); hidden groups are left out."""
    return list(iter_csv_rows(report))


def iter_csv_rows(report: Report) -> Iterator[tuple[str, ...]]:
    """csv_rows one at a time: a district's 3,000 classes make 400,000 rows, written without holding them all."""
    for chapter in report.chapters:
        for d in chapter.decisions:
            for group in (d.total, *d.classes):
                if group.counts is None:
                    continue
                cls = group.cls.name if group.cls else "all"
                for (oid, otext), count in zip(d.options, group.counts):
                    yield cls, "decision", d.id, d.label, oid, otext, "", str(count), str(group.n)
    for item in report.items:
        for phase, total, per in (("pre", item.pre, [p for p, _ in item.classes]),
                                  ("post", item.post, [q for _, q in item.classes])):
            for group in (total, *per):
                if group.counts is None:
                    continue
                cls = group.cls.name if group.cls else "all"
                for (value, vtext), count in zip(item.scale, group.counts):
                    yield cls, "survey", item.id, item.text, str(value), vtext, phase, str(count), str(group.n)


def write_csv(report: Report, path: Path) -> None:
    # utf-8-sig: spreadsheet programs on school computers read Devanagari and Bengali correctly only with the BOM.
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(CSV_HEADER)
        writer.writerows(tuple(csv_cell(c) for c in row) for row in iter_csv_rows(report))


def csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs: one starting with = + - @, a tab or a carriage return gets a
    leading apostrophe (OWASP's advice for CSV injection). Numbers the report writes ("-0.5") stay numbers."""
    if value[:1] in ("=", "+", "-", "@", "\t", "\r") and not _NUMBER.match(value):
        return "'" + value
    return value


# --- HTML -------------------------------------------------------------------------------------------------------------
# Scripts whose font is embedded when the report's text uses them; Latin falls back to the machine's own sans-serif.
# Bengali writes its full stop with the Devanagari danda (U+0964/5): both fonts have it, and it alone does not ask
# for the Devanagari font.
_SCRIPTS = (
    ("Devanagari", re.compile("[\u0900-\u0963\u0966-\u097f\ua8e0-\ua8ff]"), "NotoSansDevanagari",
     "U+0900-097F, U+1CD0-1CFF, U+200C-200D, U+20B9, U+25CC, U+A8E0-A8FF"),
    ("Bengali", re.compile("[\u0980-\u09ff]"), "NotoSansBengali",
     "U+0964-0965, U+0980-09FF, U+200C-200D, U+20B9, U+25CC"),
)

_CSS = """
:root { --ink: #16202c; --muted: #4d5866; --line: #c9d0d9; --bar: #2d6aa6; --pre: #9dbad8; --post: #163f6b;
        --soft: #eef3f8; --hide: #6b7480; }
* { box-sizing: border-box; }
html { font-size: 20px; }
body { margin: 0; background: #fff; color: var(--ink); line-height: 1.45;
       font-family: FONTS "Noto Sans", "Segoe UI", Roboto, Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 36px 44px 72px; }
h1 { font-size: 2.3rem; line-height: 1.15; margin: 0 0 .5rem; }
h2 { font-size: 1.65rem; margin: 2.4rem 0 .8rem; padding-bottom: .25rem; border-bottom: 4px solid var(--ink); }
h3 { font-size: 1.25rem; margin: 0; }
h4 { font-size: 1rem; margin: 1rem 0 .3rem; color: var(--muted); }
details.by-class > summary { cursor: pointer; list-style: none; }
details.by-class > summary::-webkit-details-marker { display: none; }
details.by-class > summary h4 { display: inline-block; }
details.by-class > summary h4::before { content: "▸ "; }
details.by-class[open] > summary h4::before { content: "▾ "; }
.facts { display: flex; flex-wrap: wrap; gap: 12px 40px; margin: .6rem 0 1.2rem; padding: 0; }
.facts div { display: flex; flex-direction: column; }
.facts dt { font-size: .8rem; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.facts dd { margin: 0; font-size: 1.5rem; font-weight: 700; }
.about { background: var(--soft); border-radius: 10px; padding: 14px 22px; margin: 1rem 0; }
.about h2 { border: 0; margin: .3rem 0; font-size: 1.2rem; }
.about p { margin: .45rem 0; }
.about .warn { font-weight: 700; }
.card { border: 2px solid var(--line); border-radius: 10px; padding: 16px 22px 18px; margin: 18px 0;
        break-inside: avoid; page-break-inside: avoid; }
.head { display: flex; justify-content: space-between; align-items: baseline; gap: 16px; flex-wrap: wrap; }
.count { font-weight: 700; white-space: nowrap; }
.tag { display: inline-block; font-size: .72rem; font-weight: 700; padding: 1px 10px; border-radius: 999px;
       background: #fde9c8; color: #5c3b00; vertical-align: middle; margin-left: .4rem; white-space: nowrap; }
.id { font-size: .62rem; color: var(--hide); font-family: ui-monospace, Consolas, monospace; }
.bars { margin-top: 10px; }
.row { display: grid; grid-template-columns: minmax(0, 11fr) minmax(0, 9fr); gap: 10px 22px; align-items: center;
       padding: 5px 0; border-top: 1px solid #e6e9ee; }
.row:first-child { border-top: 0; }
.opt { display: flex; gap: .5em; }
.answer { justify-content: space-between; align-items: baseline; }
.sub { color: var(--muted); font-size: .78rem; white-space: nowrap; }
.num { flex: 0 0 1.2em; font-weight: 700; color: var(--muted); }
svg { display: block; width: 100%; overflow: visible; font-size: 1rem; }
svg text { font-size: .95em; font-weight: 700; fill: var(--ink); font-family: inherit; }
svg .track { fill: #e9eef4; } svg .b { fill: var(--bar); }
svg .pre { fill: var(--pre); } svg .post { fill: var(--post); }
.legend { display: flex; gap: 28px; margin-top: 8px; font-weight: 700; }
.sw { display: inline-block; width: 1.1em; height: 1.1em; border-radius: 3px; vertical-align: -0.15em;
      margin-right: .35em; }
.sw.pre { background: var(--pre); } .sw.post { background: var(--post); }
.hidden { color: var(--hide); font-style: italic; margin: .5rem 0 0; }
.sub-intro { color: var(--muted); font-size: .85rem; margin: .3rem 0 0; }
.means { margin: 12px 0 0; font-size: 1.05rem; }
.means b { font-weight: 700; }
.shift { font-weight: 700; }
table { border-collapse: collapse; width: 100%; margin-top: 6px; font-size: .85rem; }
th, td { text-align: left; padding: 4px 10px 4px 0; border-bottom: 1px solid #e2e6eb; vertical-align: top; }
th { color: var(--muted); font-weight: 700; }
td.n, th.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.hid { color: var(--hide); font-style: italic; }
.glance { font-size: 1rem; }
.glance td:first-child { width: 64%; }
.glance tr.topic th { color: var(--ink); padding-top: 12px; font-size: .95rem; }
.chapter { margin-top: 2.2rem; font-size: 1.35rem; color: var(--muted); }
nav { display: flex; flex-wrap: wrap; gap: 6px 22px; margin: 0 0 .4rem; font-size: .9rem; }
nav a { color: var(--bar); text-decoration: none; border-bottom: 2px solid #c4d6ea; }
footer { margin-top: 3rem; font-size: .8rem; color: var(--muted); border-top: 1px solid var(--line);
         padding-top: .8rem; }
footer p { margin: .25rem 0; }
@media screen and (max-width: 800px) { .row { grid-template-columns: 1fr; } main { padding: 20px; } }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  html { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .chapter { break-after: avoid; page-break-after: avoid; }
  /* A card may break between its chart and its table by class, never inside either: pages fill up. */
  .card { border-width: 1px; break-inside: auto; page-break-inside: auto; }
  .keep, table, tr { break-inside: avoid; page-break-inside: avoid; }
  h4 { break-after: avoid; page-break-after: avoid; }
  nav { display: none; }
  details.by-class:not([open]) { display: none; }  /* a district's 30 classes: folded on screen, not printed */
  details.by-class > summary h4::before { content: ""; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _pct(count: int, n: int) -> int:
    return round(100 * count / n) if n else 0


def _fmt_mean(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _fmt_shift(value: float | None) -> str:
    if value is None:
        return "–"
    rounded = round(value, 1)
    # A real minus sign: a hyphen is easy to miss on a projector.
    return "±0.0" if rounded == 0 else f"{rounded:+.1f}".replace("-", "\u2212")


_TRACK = 72  # per cent of the chart's width for 100 %: the rest is room for the count after the longest bar


def _bar_parts(cls: str, count: int, n: int, y: float, height: float) -> str:
    width = 0.0 if n == 0 else _TRACK * count / n
    label = f"{count} ({_pct(count, n)}%)"
    return (f'<rect class="track" x="0" y="{y:.2f}em" width="{_TRACK}%" height="{height:.2f}em" rx="3"/>'
            f'<rect class="{cls}" x="0" y="{y:.2f}em" width="{width:.2f}%" height="{height:.2f}em" rx="3"/>'
            f'<text x="{width + 1.2:.2f}%" y="{y + height * 0.78:.2f}em">{_e(label)}</text>')


class _Html:
    def __init__(self, report: Report, content: Content, made: str) -> None:
        self.r = report
        self.t = content.strings.get
        self.made = made
        self.root = content.root

    def hidden(self, suppressed: bool = False) -> str:
        key = "report.hidden_rest" if suppressed else "report.hidden"
        return self.t(key, min=THRESHOLD)

    # Bars are measured in em, so they scale with the text: large on the projector, compact on paper. The bar's length
    # is the share of its group (the grey track is 100 %); the count and the percentage sit after it.
    def bar(self, count: int, n: int) -> str:
        label = f"{count} ({_pct(count, n)}%)"
        return (f'<svg class="bar" style="height:1.75em" role="img" aria-label="{_e(label)}">'
                f"{_bar_parts('b', count, n, 0.2, 1.35)}</svg>")

    def pair(self, pre: tuple[int, int] | None, post: tuple[int, int] | None) -> str:
        parts, y = [], 0.15
        for cls, value in (("pre", pre), ("post", post)):
            if value is not None:
                parts.append(_bar_parts(cls, value[0], value[1], y, 1.1))
                y += 1.45
        return f'<svg class="bar" style="height:{y:.2f}em" role="img">{"".join(parts)}</svg>'

    def page(self) -> str:
        t, r = self.t, self.r
        body = [f"<h1>{_e(t('report.title'))}</h1>", self.facts(), self.nav(), self.about()]
        if len(r.classes) > 1:
            body.append(self.class_list())
        body.append(f'<h2 id="decisions">{_e(t("report.decisions_heading"))}</h2>')
        if not r.chapters:
            body.append(f'<p class="hidden">{_e(t("report.no_decisions"))}</p>')
        for chapter in r.chapters:
            body.append(f'<h3 class="chapter" id="chapter-{_e(chapter.id)}">'
                        f'{_e(t("report.chapter", number=chapter.number, title=chapter.title))}</h3>')
            body += [self.decision(d) for d in chapter.decisions]
            if chapter.acts:
                body.append(self.acts(chapter))
        if r.items:
            body.append(self.survey())
        body.append(self.footer())
        text = "\n".join(body)
        return ('<!DOCTYPE html>\n'
                f'<html lang="{_e(r.lang)}">\n<head>\n<meta charset="utf-8">\n'
                '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                f'<title>{_e(t("report.title"))}</title>\n<style>\n{_fonts(text, self.root)}'
                f'{_CSS.replace("FONTS", _font_families(text))}</style>\n</head>\n<body>\n<main>\n{text}\n'
                '</main>\n</body>\n</html>\n')

    def facts(self) -> str:
        t, r = self.t, self.r
        days = sorted({d for c in r.classes for d in (c.first_day, c.last_day) if d})
        span = days[0] if len(days) == 1 else (f"{days[0]} – {days[-1]}" if days else "–")
        facts = ((t("report.students"), r.students), (t("report.classes"), len(r.classes)), (t("report.dates"), span))
        return '<dl class="facts">' + "".join(f"<div><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>" for k, v in facts) \
            + "</dl>"

    def nav(self) -> str:
        """In-page links (no URL: a fragment of this file), for scrolling a long report on the projector."""
        t, links = self.t, []
        if len(self.r.classes) > 1:
            links.append(("classes", t("report.classes_heading")))
        links.append(("decisions", t("report.decisions_heading")))
        links += [(f"chapter-{c.id}", t("report.chapter", number=c.number, title=c.title)) for c in self.r.chapters]
        if self.r.items:
            links.append(("survey", t("report.survey_heading")))
        return '<nav>' + "".join(f'<a href="#{_e(a)}">{_e(text)}</a>' for a, text in links) + "</nav>"

    def about(self) -> str:
        t = self.t
        paras = [t("report.about_privacy", min=THRESHOLD), t("report.about_first")]
        if self.r.items:
            paras.append(t("report.about_scores"))
            points = max((len(i.scale) for i in self.r.items), default=5)
            paras.append(t("report.about_reverse", max=points))
        out = "".join(f"<p>{_e(p)}</p>" for p in paras)
        warn = f'<p class="warn">{_e(t("report.about_not_research"))}</p>'
        return f'<section class="about"><h2>{_e(t("report.about_heading"))}</h2>{out}{warn}</section>'

    def class_list(self) -> str:
        t = self.t
        rows = []
        for c in self.r.classes:
            note = "" if c.shown else t("report.small_class", min=THRESHOLD)
            day = c.first_day if c.first_day == c.last_day else f"{c.first_day} – {c.last_day}"
            rows.append(f"<tr><td>{_e(t('report.class_name', name=c.name))}</td><td>{_e(day)}</td>"
                        f'<td class="n">{c.students}</td><td class="hid">{_e(note)}</td></tr>')
        head = (f"<tr><th>{_e(t('report.class_col'))}</th><th>{_e(t('report.date_col'))}</th>"
                f'<th class="n">{_e(t("report.students"))}</th><th></th></tr>')
        return f'<h2 id="classes">{_e(t("report.classes_heading"))}</h2><table>{head}{"".join(rows)}</table>'

    def decision(self, d: Decision) -> str:
        t = self.t
        head = (f'<div class="head"><h3>{_e(d.label)} <span class="id">{_e(d.id)}</span></h3>'
                + (f'<span class="count">{_e(t("report.n_students", count=d.total.n))}</span>'
                   if not d.total.hidden else "") + "</div>")
        if d.total.counts is None:
            return f'<section class="card">{head}<p class="hidden">{_e(self.hidden())}</p></section>'
        rows = "".join(f'<div class="row"><div class="opt"><span class="num">{i}</span><span>{_e(text)}</span></div>'
                       f"<div>{self.bar(count, d.total.n)}</div></div>"
                       for i, ((_oid, text), count) in enumerate(zip(d.options, d.total.counts), 1))
        return (f'<section class="card"><div class="keep">{head}<div class="bars">{rows}</div></div>'
                f"{self.decision_classes(d)}</section>")

    def acts(self, chapter: ChapterResult) -> str:
        """How the class chose in this chapter, by kind of act."""
        t = self.t
        n = sum(count for _tag, count in chapter.acts)
        rows = "".join(f'<div class="row"><div class="opt"><span>{_e(t(f"acts.{tag}"))}</span></div>'
                       f"<div>{self.bar(count, n)}</div></div>" for tag, count in chapter.acts)
        return (f'<section class="card acts"><div class="keep"><div class="head"><h3>{_e(t("acts.heading"))}</h3>'
                f'<span class="count">{_e(t("acts.col_chosen"))}: {n}</span></div>'
                f'<p class="sub-intro">{_e(t("acts.intro"))}</p><div class="bars">{rows}</div></div></section>')

    def decision_classes(self, d: Decision) -> str:
        if len(d.classes) < 2:  # one row is the total again (or hidden): nothing to compare
            return ""
        t = self.t
        head = (f"<tr><th>{_e(t('report.class_col'))}</th><th class=\"n\">{_e(t('report.students'))}</th>"
                + "".join(f'<th class="n">{i}</th>' for i in range(1, len(d.options) + 1)) + "</tr>")
        rows = []
        for g in d.classes:
            name = _e(t("report.class_name", name=g.cls.name if g.cls else ""))
            if g.counts is None:
                rows.append(f'<tr><td>{name}</td><td class="hid" colspan="{len(d.options) + 1}">'
                            f"{_e(self.hidden(g.suppressed))}</td></tr>")
                continue
            cells = "".join(f'<td class="n">{c} ({_pct(c, g.n)}%)</td>' for c in g.counts)
            rows.append(f'<tr><td>{name}</td><td class="n">{g.n}</td>{cells}</tr>')
        return _by_class(t("report.by_class"), f"<table>{head}{''.join(rows)}</table>", len(rows))

    def topic(self, construct: str) -> str:
        key = f"report.topic_{construct}"
        text = self.t(key)
        return construct.replace("_", " ") if text == key else text

    def survey(self) -> str:
        t = self.t
        out = [f'<h2 id="survey">{_e(t("report.survey_heading"))}</h2>', self.glance()]
        topic = None
        for item in self.r.items:
            if item.construct != topic:
                topic = item.construct
                out.append(f'<h3 class="chapter">{_e(self.topic(topic))}</h3>')
            out.append(self.item(item))
        return "\n".join(out)

    def glance(self) -> str:
        t = self.t
        head = (f"<tr><th>{_e(t('report.item_col'))}</th><th class=\"n\">{_e(t('report.before'))}</th>"
                f"<th class=\"n\">{_e(t('report.after'))}</th><th class=\"n\">{_e(t('report.change'))}</th></tr>")
        rows, topic = [], None
        for item in self.r.items:
            if item.construct != topic:
                topic = item.construct
                rows.append(f'<tr class="topic"><th colspan="4">{_e(self.topic(topic))}</th></tr>')
            tag = f' <span class="tag">{_e(t("report.reverse_tag"))}</span>' if item.reverse else ""
            rows.append(f"<tr><td>{_e(item.text)}{tag}</td><td class=\"n\">{_fmt_mean(item.pre.mean)}</td>"
                        f"<td class=\"n\">{_fmt_mean(item.post.mean)}</td>"
                        f"<td class=\"n shift\">{_fmt_shift(item.shift)}</td></tr>")
        points = max((len(i.scale) for i in self.r.items), default=5)
        return (f"<h4>{_e(t('report.glance', max=points))}</h4>"
                f'<table class="glance">{head}{"".join(rows)}</table>')

    def item(self, item: ItemResult) -> str:
        t = self.t
        tag = f' <span class="tag">{_e(t("report.reverse_tag"))}</span>' if item.reverse else ""
        head = f'<div class="head"><h3>{_e(item.text)}{tag}</h3></div>'
        pre, post = item.pre, item.post
        legend = []
        for cls, key, g in (("pre", "report.before", pre), ("post", "report.after", post)):
            if g.n == 0:
                continue  # the survey ran only before or only after
            label = t(key) + ": " + (t("report.n_students", count=g.n) if not g.hidden else self.hidden())
            legend.append(f'<span><span class="sw {cls}"></span>{_e(label)}</span>' if not g.hidden
                          else f'<span class="hidden">{_e(label)}</span>')
        body = [head, f'<div class="legend">{"".join(legend)}</div>']
        if not (pre.hidden and post.hidden):
            rows = []
            points = len(item.scale)
            for i, (value, text) in enumerate(item.scale):
                a = (pre.counts[i], pre.n) if pre.counts is not None else None
                b = (post.counts[i], post.n) if post.counts is not None else None
                points_for = t("report.score", score=score(value, points, item.reverse))
                rows.append(f'<div class="row"><div class="opt answer"><span>{_e(text)}</span>'
                            f'<span class="sub">{_e(points_for)}</span></div><div>{self.pair(a, b)}</div></div>')
            body.append(f'<div class="bars">{"".join(rows)}</div>')
            means = (f"<b>{_e(t('report.average', max=len(item.scale)))}</b> "
                     f"{_e(t('report.before'))} {_fmt_mean(pre.mean)} · {_e(t('report.after'))} "
                     f"{_fmt_mean(post.mean)} · {_e(t('report.change'))} "
                     f'<span class="shift">{_fmt_shift(item.shift)}</span>')
            body.append(f'<p class="means">{means}</p>')
            if item.paired_shift is not None:
                paired = t("report.paired", count=item.paired_n, change=_fmt_shift(item.paired_shift))
                body.append(f'<p class="means">{_e(paired)}</p>')
        return (f'<section class="card"><div class="keep">{"".join(body)}</div>{self.item_classes(item)}'
                "</section>")

    def item_classes(self, item: ItemResult) -> str:
        if len(item.classes) < 2:
            return ""
        t = self.t
        head = (f"<tr><th>{_e(t('report.class_col'))}</th><th class=\"n\">{_e(t('report.before'))}</th>"
                f"<th class=\"n\">{_e(t('report.after'))}</th><th class=\"n\">{_e(t('report.change'))}</th></tr>")
        rows = []
        for pre, post in item.classes:
            info = pre.cls or post.cls
            cells = []
            for g in (pre, post):
                if g.n == 0:
                    cells.append('<td class="n">–</td>')
                elif g.counts is None:
                    cells.append(f'<td class="n hid">{_e(t("report.hidden_short"))}</td>')
                else:
                    cells.append(f'<td class="n">{_fmt_mean(g.mean)} '
                                 f'<span class="sub">({_e(t("report.n_students", count=g.n))})</span></td>')
            shift = post.mean - pre.mean if pre.mean is not None and post.mean is not None else None
            rows.append(f"<tr><td>{_e(t('report.class_name', name=info.name if info else ''))}</td>"
                        f"{''.join(cells)}<td class=\"n shift\">{_fmt_shift(shift)}</td></tr>")
        return _by_class(t("report.by_class_average"), f"<table>{head}{''.join(rows)}</table>", len(rows))

    def footer(self) -> str:
        t, n = self.t, self.r.notes
        lines = [t("report.note_read", files=n.files, statements=n.statements)]
        for key, count in (("report.note_damaged", n.damaged), ("report.note_foreign", n.foreign),
                           ("report.note_duplicates", n.duplicates), ("report.note_unknown", n.unknown),
                           ("report.note_unreadable", n.unreadable)):
            if count:
                lines.append(t(key, count=count))
        if len(self.r.classes) > 1:
            lines.append(t("report.note_suppression", min=THRESHOLD))
        lines.append(t("report.made", date=self.made))
        return "<footer>" + "".join(f"<p>{_e(line)}</p>" for line in lines) + "</footer>"


def _scripts(text: str) -> list[tuple[str, str, str]]:
    return [(name, font, ranges) for name, pattern, font, ranges in _SCRIPTS if pattern.search(text)]


def _font_families(text: str) -> str:
    return "".join(f'"SA {name}", ' for name, _font, _ranges in _scripts(text))


def _fonts(text: str, root: Path) -> str:
    """@font-face rules with the Noto fonts of the scripts the text uses, inline (base64), so Devanagari and Bengali
    render on a school computer that has no such font; unicode-range keeps Latin in the machine's own font."""
    out = []
    for name, font, ranges in _scripts(text):
        for weight, style in ((400, "Regular"), (700, "Bold")):
            path = root / "assets" / "fonts" / f"{font}-{style}.ttf"
            try:
                data = base64.b64encode(path.read_bytes()).decode("ascii")
            except OSError:
                continue  # the machine's own fonts are the fallback
            out.append(f'@font-face {{ font-family: "SA {name}"; font-weight: {weight}; font-style: normal; '
                       f'src: url(data:font/ttf;base64,{data}) format("truetype"); unicode-range: {ranges}; }}\n')
    return "".join(out)


def render_html(report: Report, content: Content, made: str | None = None) -> str:
    return _Html(report, content, made or time.strftime("%Y-%m-%d")).page()


# --- the command ------------------------------------------------------------------------------------------------------
def _err(message: str) -> None:
    print(f"report: {message}", file=sys.stderr)


def run_report(args: argparse.Namespace, root: Path) -> int:
    dirs: list[Path] = list(args.dirs)
    if not dirs and not getattr(args, "lrs", None):
        _err("error: give the results folders to read, or --lrs URL with --registration")
        return 2
    missing = [d for d in dirs if not d.exists()]
    if missing:
        for d in missing:
            _err(f"error: the folder '{d}' does not exist")
        return 2
    outputs = [p for p in (args.output, args.csv) if p is not None]
    for out in outputs:
        if out.is_dir():
            _err(f"error: '{out}' is a folder: give a file name, e.g. {out / 'report.html'}")
            return 2
        if not out.parent.exists():
            _err(f"error: the folder '{out.parent}' does not exist")
            return 2
    lang = args.lang or "en"
    if not _LANG.match(lang):
        _err(f"error: '{lang}' is not a language code (e.g. en, hi, bn)")
        return 2
    content = _load(root, lang)
    if isinstance(content, int):
        return content
    store, registrations = None, list(getattr(args, "registration", None) or [])
    if getattr(args, "lrs", None):
        from game.classroom.lrs import LrsError
        from game.classroom.lrs_cli import store_for

        try:
            store = store_for(args, args.lrs)
        except LrsError as exc:
            _err(f"error: {exc}")
            return 2
        if not registrations:
            _err("error: --lrs needs the class sessions to read: --registration UUID (python main.py classroom list "
                 "shows them)")
            return 2
    try:
        tally = read_results(dirs, store, registrations)
    except Exception as exc:  # noqa: BLE001 — LrsError or a network error: one line, never a traceback
        _err(f"error: cannot read the learning record store ({exc})")
        return 1
    if tally.statements == 0:
        looked = ", ".join(str(d) for d in dirs)
        _err(f"no class results found in {looked} ({tally.files} .jsonl files read, "
             f"{tally.damaged + tally.foreign} lines that are not Small Acts statements). "
             "Give the results folder, a class folder, or the folder where you copied the students' files.")
        return 1
    report = build(tally, content)
    try:
        args.output.write_text(render_html(report, content), encoding="utf-8")
        if args.csv is not None:
            write_csv(report, args.csv)
    except OSError as exc:
        _err(f"error: cannot write the report ({exc.strerror}: {exc.filename})")
        return 2
    decisions = sum(len(c.decisions) for c in report.chapters)
    classes = len(report.classes)
    print(f"report: wrote {args.output} ({report.students} students in {classes} class{'es' * (classes != 1)}, "
          f"{decisions} decisions, {len(report.items)} survey items)"
          + (f" and {args.csv}" if args.csv is not None else ""))
    return 0


def _load(root: Path, lang: str) -> Content | int:
    from game.content import load_content
    from game.i18n.locale import lang_chain
    from game.story.problems import has_errors, sort_problems

    if not any((root / "dialogue" / code).is_dir() for code in lang_chain(lang)[:-1]) and lang_chain(lang) != ("en",):
        from game.i18n.catalog import Catalog

        have = ", ".join(Catalog.languages_available(root))
        _err(f"error: there is no language '{lang}' (languages: {have})")
        return 2
    try:
        content, problems, _files = load_content(root, lang)
    except Exception as exc:  # noqa: BLE001 — as in `check`: a teacher never sees a traceback
        _err(f"error: the game's content could not be loaded ({type(exc).__name__}: {exc})")
        return 1
    if content is None or has_errors(problems):
        for p in sort_problems([p for p in problems if p.severity == "error"]):
            print(p.format(), file=sys.stderr)
        _err("error: the game's content has errors (run `python main.py check`)")
        return 1
    return content


OPEN_CLASSES = 6  # up to this many classes, each decision's table by class is open on screen and printed


def _by_class(title: str, table: str, rows: int) -> str:
    """A table by class under its heading. With many classes (a district's merge) it starts folded, a click away, and
    is left out of the print, so 30 classes do not make 50 pages."""
    state = " open" if rows <= OPEN_CLASSES else ""
    return f'<details class="by-class"{state}><summary><h4>{_e(title)}</h4></summary>{table}</details>'
