"""`python main.py stats`: how big each scene is, which endings can be reached, and how hard its English reads.

Per scene (grouped by chapter when the game has chapters): nodes, lines, decision points (choice steps), options,
endings declared and reachable, words, the longest line in words, and the Flesch–Kincaid grade of its lines and options.

Reachable endings come from `game.story.paths.explore`, which plays every path of a chapter: after each conversation
the player may walk up to any map object (or scene start) of any scene of that chapter.

The grade is computed here, not with the `textstat` package: textstat (0.7.x) counts English syllables with NLTK's
CMU dictionary and calls `nltk.download('cmudict')` the first time, i.e. it needs the network at run time (and pulls
in NLTK, ~25 MB with its dependencies). A vowel-group syllable counter is within a syllable on most words, which is
plenty for telling a writer "grade 3" from "grade 9".
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TextIO

from game.content import Content, external_entries, load_content_safely
from game.story.acts import choices_of, format_spread, spread, spread_json
from game.story.model import Choice, Line, Scene, Story
from game.story.paths import (
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_STATES,
    PathResult,
    explore,
    random_walks,
    scene_entries,
)
from game.story.problems import has_errors, sort_problems, summary

# --- reading ease ---------------------------------------------------------------------------------------------------
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_QUOTES = str.maketrans({"“": " ", "”": " ", "„": " ", "«": " ", "»": " ", "‘": " ", "’": "'", "\"": " "})
_SENTENCE_END = re.compile(r"[.!?…]+['\")\]]*(?=\s|$)")
_VOWELS = re.compile(r"[aeiouy]+")
_SPLIT = re.compile(r"(?<![cgst])i[aou]|ea$|(?<=[aeiouy])ing$")
_SILENT_INSIDE = re.compile(r"(?<=[^aeiouy])e(?=(thing|ly|ment|ful|ness|less)$)")


def clean_text(text: str) -> str:
    """The text as a reader sees it, for counting: {placeholders} and typographic quotes removed."""
    text = text.replace("{{", "\x00").replace("}}", "\x01")
    text = _PLACEHOLDER.sub(" ", text).replace("\x00", "{").replace("\x01", "}")
    return " ".join(text.translate(_QUOTES).split())


def words(text: str) -> list[str]:
    """Whitespace-separated pieces with at least one letter or digit ("—" and "…" are not words)."""
    return [w for w in text.split() if any(ch.isalnum() for ch in w)]


def sentences(text: str) -> int:
    """Sentences in one line of dialogue: at least one when it has words; '.', '!', '?', '…' end one."""
    if not words(text):
        return 0
    parts = [p for p in _SENTENCE_END.split(text) if words(p)]
    return max(1, len(parts))


def syllables(word: str) -> int:
    """English syllables by vowel groups, corrected for the common silent and split vowels; never less than 1."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 1  # a number, say: read as one beat
    if len(w) <= 3:
        return 1
    count = len(_VOWELS.findall(w))
    count += len(_SPLIT.findall(w))  # re-ti-li-an, i-de-a, be-ing
    count -= len(_SILENT_INSIDE.findall(w))  # some-thing, love-ly
    if w.endswith("le") and w[-3] not in "aeiouy":
        count += 0 if count > 1 else 1  # ta-ble: the 'le' is a syllable of its own
    elif w.endswith("e") and not w.endswith(("ee", "ye")) and count > 1:
        count -= 1  # make, rode, whole
    elif w.endswith(("es", "ed")) and count > 1 and w[-3] not in "aeiouy" \
            and not w.endswith(("ted", "ded", "ses", "zes", "xes", "ches", "shes", "ges", "ces")):
        count -= 1  # rolled, makes (but wanted, boxes, pages)
    return max(1, count)


def fk_grade(texts: Iterable[str]) -> float | None:
    """Flesch–Kincaid grade level of texts, each one or more sentences; None when there are no words."""
    n_words = n_sentences = n_syllables = 0
    for text in texts:
        cleaned = clean_text(text)
        found = words(cleaned)
        if not found:
            continue
        n_words += len(found)
        n_sentences += sentences(cleaned)
        n_syllables += sum(syllables(w) for w in found)
    if n_words == 0:
        return None
    return round(0.39 * n_words / n_sentences + 11.8 * n_syllables / n_words - 15.59, 1)


# --- counting -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SceneStats:
    scene: str
    chapter: str | None
    nodes: int
    lines: int
    decision_points: int
    options: int
    endings_declared: int
    endings_reachable: int
    words: int
    longest_line_words: int
    fk_grade: float | None


def scene_texts(scene: Scene) -> tuple[list[str], list[str]]:
    """(line texts, option texts) of a scene, in file order."""
    lines: list[str] = []
    options: list[str] = []
    for node in scene.nodes.values():
        for step in node.steps:
            if isinstance(step, Line):
                lines.append(step.text)
            elif isinstance(step, Choice):
                options.extend(o.text for o in step.options)
    return lines, options


def count_scene(scene: Scene, chapter: str | None, reached_endings: Iterable[str], english: bool) -> SceneStats:
    lines, options = scene_texts(scene)
    steps = [step for node in scene.nodes.values() for step in node.steps]
    choices = [s for s in steps if isinstance(s, Choice)]
    reached = set(reached_endings)
    return SceneStats(
        scene=scene.id, chapter=chapter, nodes=len(scene.nodes), lines=len(lines), decision_points=len(choices),
        options=sum(len(c.options) for c in choices), endings_declared=len(scene.endings),
        endings_reachable=sum(e.full_id in reached for e in scene.endings.values()),
        words=sum(len(words(clean_text(t))) for t in lines + options),
        longest_line_words=max((len(words(clean_text(t))) for t in lines), default=0),
        fk_grade=fk_grade(lines + options) if english else None,
    )


def total(rows: list[SceneStats], story: Story, english: bool) -> SceneStats:
    texts = [t for r in rows for part in scene_texts(story.scenes[r.scene]) for t in part]
    return SceneStats(
        scene="total", chapter=None, nodes=sum(r.nodes for r in rows), lines=sum(r.lines for r in rows),
        decision_points=sum(r.decision_points for r in rows), options=sum(r.options for r in rows),
        endings_declared=sum(r.endings_declared for r in rows),
        endings_reachable=sum(r.endings_reachable for r in rows), words=sum(r.words for r in rows),
        longest_line_words=max((r.longest_line_words for r in rows), default=0),
        fk_grade=fk_grade(texts) if english else None,
    )


@dataclass(frozen=True, slots=True)
class Group:
    id: str | None  # chapter id, None when the game has no chapters
    scenes: tuple[str, ...]
    intro: str | None = None


def groups(content: Content) -> list[Group]:
    """Chapters in order, then each scene no chapter names; without chapters, one group per scene."""
    out: list[Group] = []
    placed: set[str] = set()
    for chapter in getattr(content, "chapters", ()) or ():
        scenes = tuple(s for s in chapter.scenes if s in content.story.scenes and s not in placed)
        placed.update(scenes)
        out.append(Group(chapter.id, scenes, getattr(chapter, "intro", None)))
    out += [Group(None, (sid,)) for sid in content.story.scenes if sid not in placed]
    return out


@dataclass(frozen=True, slots=True)
class Report:
    groups: list[Group]
    rows: list[SceneStats]
    total: SceneStats
    paths: dict[str | None, PathResult]  # per chapter id (None: scenes in no chapter, each explored on its own)


def build_report(content: Content, max_depth: int = DEFAULT_MAX_DEPTH,
                 max_states: int = DEFAULT_MAX_STATES) -> Report:
    story = content.story
    english = content.lang.split("_")[0].split("-")[0] == "en"
    map_entries = external_entries(content.scenes)  # map objects only: a chapter intro starts once, by itself
    rows: list[SceneStats] = []
    paths: dict[str | None, PathResult] = {}
    all_groups = groups(content)
    carried: tuple = ()
    for group in all_groups:
        entries = scene_entries(story, map_entries, group.scenes)
        searched = explore(story, entries, max_depth=max_depth, max_states=max_states, intro=group.intro)
        # Random playthroughs reach the deep corners a bounded search cannot, starting where the last chapter ended.
        walks = random_walks(story, entries, intro=group.intro, walks=300, starts=carried)
        carried = walks.finals or carried
        result = PathResult(searched.reached_nodes | walks.reached_nodes,
                            searched.reached_endings | walks.reached_endings,
                            tuple(sorted(set(searched.dead_ends) | set(walks.dead_ends))),
                            searched.explored_states, searched.truncated, searched.talk_ends)
        if group.id is not None:
            paths[group.id] = result
        else:
            paths[group.scenes[0]] = result
        rows += [count_scene(story.scenes[sid], group.id, result.reached_endings, english) for sid in group.scenes]
    return Report(all_groups, rows, total(rows, story, english), paths)


# --- output ---------------------------------------------------------------------------------------------------------
COLUMNS = [  # (field, heading)
    ("scene", "scene"), ("nodes", "nodes"), ("lines", "lines"), ("decision_points", "decisions"),
    ("options", "options"), ("endings_declared", "endings"), ("endings_reachable", "reachable"),
    ("words", "words"), ("longest_line_words", "longest line (words)"), ("fk_grade", "FK grade"),
]


def _cell(value: object) -> str:
    if value is None:
        return "-"
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def format_table(report: Report) -> str:
    chaptered = any(g.id is not None for g in report.groups)
    body: list[tuple[str, list[str]] | None] = []  # None = a rule
    by_scene = {r.scene: r for r in report.rows}
    for group in report.groups:
        if chaptered:
            body.append(("title", [f"chapter {group.id}" if group.id else "(in no chapter)"]))
        for sid in group.scenes:
            row = by_scene[sid]
            body.append(("row", [("  " if chaptered else "") + sid] + [_cell(getattr(row, f)) for f, _ in COLUMNS[1:]]))
    body.append(None)
    body.append(("row", [_cell(getattr(report.total, f)) for f, _ in COLUMNS]))
    heads = [h for _, h in COLUMNS]
    widths = [max([len(heads[i])] + [len(cells[i]) for kind, cells in filter(None, body) if kind == "row"])
              for i in range(len(COLUMNS))]

    def fmt(cells: list[str]) -> str:
        return "  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(cells)).rstrip()

    out = [fmt(heads), "-" * len(fmt(heads))]
    for item in body:
        if item is None:
            out.append("-" * len(fmt(heads)))
        elif item[0] == "title":
            out.append(item[1][0])
        else:
            out.append(fmt(item[1]))
    return "\n".join(out)


def format_notes(report: Report, story: Story) -> list[str]:
    notes: list[str] = []
    for group in report.groups:
        key = group.id if group.id is not None else group.scenes[0]
        result = report.paths[key]
        where = f"chapter '{group.id}'" if group.id else f"scene '{group.scenes[0]}'"
        state = "stopped early: the state budget ran out" if result.truncated else "complete"
        notes.append(f"paths in {where}: {result.explored_states} states searched ({state}), "
                     f"plus 300 random playthroughs")
        unreached = result.unreached_nodes(story, group.scenes)
        if unreached:
            notes.append(f"  never entered: {', '.join(unreached)}")
        missed = result.unreached_endings(story, group.scenes)
        if missed:
            notes.append(f"  endings not reached: {', '.join(missed)}")
        for node, message in result.dead_ends:
            notes.append(f"  dead end at {node}: {message}")
    for group in report.groups:  # where each kind of act stands on the screen (game/story/acts.py)
        where = f"chapter '{group.id}'" if group.id else f"scene '{group.scenes[0]}'"
        lines = format_spread(where, spread(choices_of(story, group.scenes)))
        notes += [""] + lines if lines else []
    return notes


def report_json(report: Report, story: Story, lang: str) -> dict:
    paths = {}
    for group in report.groups:
        key = group.id if group.id is not None else group.scenes[0]
        r = report.paths[key]
        paths[key] = {"scenes": list(group.scenes), "explored_states": r.explored_states, "truncated": r.truncated,
                      "reached_endings": sorted(r.reached_endings),
                      "unreached_nodes": r.unreached_nodes(story, group.scenes),
                      "unreached_endings": r.unreached_endings(story, group.scenes),
                      "dead_ends": [{"node": n, "message": m} for n, m in r.dead_ends],
                      "acts": spread_json(spread(choices_of(story, group.scenes)))}
    return {
        "lang": lang,
        "chapters": [{"id": g.id, "scenes": list(g.scenes)} for g in report.groups if g.id is not None],
        "scenes": [asdict(r) for r in report.rows],
        "total": {k: v for k, v in asdict(report.total).items() if k not in ("scene", "chapter")},
        "paths": paths,
    }


def run_stats(paths: list[str] | str | None, lang: str, as_json: bool, default_root: Path,
              out: TextIO | None = None, max_states: int | None = None) -> int:
    out = out or sys.stdout
    if max_states is not None and not 1 <= max_states <= 10 * DEFAULT_MAX_STATES:
        print(f"stats: error: --max-states must be between 1 and {10 * DEFAULT_MAX_STATES}", file=sys.stderr)
        return 2
    root = default_root
    for raw in [paths] if isinstance(paths, str) else (paths or []):
        p = Path(raw)
        if not p.is_dir():
            print(f"stats: error: '{raw}' is not a project folder", file=sys.stderr)
            return 2
        root = p.resolve()
    content, problems, files = load_content_safely(root, lang)
    if content is None or has_errors(problems):
        problems = sort_problems(problems)
        if as_json:
            json.dump({"problems": [{"path": p.pos.path, "line": p.pos.line, "col": p.pos.col, "severity": p.severity,
                                     "message": p.message, "hint": p.hint} for p in problems],
                       "errors": sum(p.severity == "error" for p in problems)}, out, indent=2, ensure_ascii=False)
            out.write("\n")
        else:
            for p in problems:
                print(p.format(), file=out)
            print(summary(problems, files), file=out)
        return 1
    report = build_report(content, max_states=max_states or DEFAULT_MAX_STATES)
    if as_json:
        json.dump(report_json(report, content.story, lang), out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        print(format_table(report), file=out)
        print(file=out)
        for note in format_notes(report, content.story):
            print(note, file=out)
    return 0
