"""What the facilitator guide says beyond the story itself, read from dialogue/en/guide.yaml (translatable).

The story gives the guide its chapters, pause points, debrief questions and choices; this file gives everything a
teacher reads around them: headings, the lesson's parts and their minutes, ground rules, the five Ds, and per chapter
its goal, exit question, an older-level version of each debrief question and a note on each labelled decision.

Every text has a translation id that is its path of keys in guide.yaml, prefixed with ``guide.``:

    guide.headings.goal                           guide.lesson.play.name / .text
    guide.ground_rules.listen                     guide.five_ds.distract.name / .text
    guide.chapters.home.goal / .exit              guide.chapters.home.debrief.home.debrief.q1
    guide.chapters.home.choices.home.meera_menu.talk

``load_guide_text`` checks the file on its own; ``check_guide_text`` checks it against the story (choice and question
ids, chapters, lesson length), which needs the loaded story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Iterator, Mapping, Sequence

from game.i18n.sources import SourceString
from game.story.model import Choice, Pause, Story
from game.story.problems import Pos, Problem, did_you_mean
from game.story.yamlsrc import IDENT_RE, Node, Reader, read_yaml_file

if TYPE_CHECKING:
    from game.content import Chapter

GUIDE_FILE = "dialogue/en/guide.yaml"
PREFIX = "guide"
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")

# A lesson is one school period: the guide fills the play time so the whole plan lasts this long.
LESSON_MINUTES = (40, 45)

# Every heading and fixed phrase the guide's page shows, by key (guide.headings.<key>). The code names them; the
# texts (and their {placeholders}) live in guide.yaml so they can be translated.
HEADINGS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "contents": (),
    "about": (),
    "chapter": ("number", "title"),
    "goal": (),
    "plan": (),
    "part": (),
    "what": (),
    "minutes": (),
    "total": (),
    "min": ("minutes",),
    "ground_rules": (),
    "five_ds": (),
    "pauses": (),
    "pause": ("number", "minutes"),
    "pause_before": ("label",),
    "pause_after": ("label",),
    "no_pauses": (),
    "younger": (),
    "older": (),
    "debrief": (),
    "no_debrief": (),
    "choices": (),
    "no_choices": (),
    "exit": (),
    "help": (),
    "people": (),
    "lines": (),
    "checked": ("date",),
    "unchecked": (),
    "play_more": ("minutes",),
})

# The parts of a lesson, in the order they happen. Play has no fixed length: it gets what the lesson has left.
# The pause-point discussions last as long as the chapter's pause points suggest (their `minutes`).
PARTS = ("rules", "play", "pauses", "debrief", "exit")
_PART_MINUTES = {"rules": True, "play": True, "pauses": False, "debrief": True, "exit": True,
                 "survey_pre": True, "survey_post": True}
# The class survey: before play in the first chapter's lesson, after the exit question in the last one's, so the two
# are answered on different days and the "after" measures what stayed, not what was just on the screen. Optional.
SURVEY_PARTS = ("survey_pre", "survey_post")


@dataclass(frozen=True, slots=True)
class Text:
    """One translatable text: its id in the catalogue, the English, and where it is written."""
    id: str
    text: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class Named:
    """An entry with a short name and a sentence or two (the five Ds)."""
    id: str
    name: Text
    text: Text


@dataclass(frozen=True, slots=True)
class Part:
    """A part of the lesson. ``minutes`` is fixed for rules, debrief and exit; for play it is the least play time
    (the plan gives play whatever the lesson has left); None for the pause points, which bring their own."""
    key: str
    name: Text
    text: Text
    minutes: int | None
    pos: Pos


@dataclass(frozen=True, slots=True)
class Page:
    """A page of the guide's front matter for the teacher (what to do when a student discloses abuse, one projector,
    mockery, caste and religion, care for the facilitator): a title, a paragraph and optional points, by id."""
    id: str
    title: Text
    text: Text
    points: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class ChapterText:
    id: str
    goal: Text
    exit: Text
    older: Mapping[str, Text]  # debrief question full id (home.debrief.q1) -> its version for older students
    notes: Mapping[str, Text]  # labelled choice full id (home.meera_menu.talk) -> what its options show
    keys: Mapping[str, Pos]  # where each id of older and notes is written (its key), for "no such id" warnings
    pos: Pos  # the chapter's key
    older_pos: Pos  # where its 'debrief' / 'choices' mappings are (the key itself when absent), for "add it here"
    notes_pos: Pos


@dataclass(frozen=True, slots=True)
class GuideText:
    title: Text
    intro: Text
    headings: Mapping[str, Text]
    lesson: Mapping[str, Part]  # in PARTS order
    ground_rules: tuple[Text, ...]
    five_ds: tuple[Named, ...]
    chapters: Mapping[str, ChapterText]
    pos: Pos  # the top of the file
    chapters_pos: Pos
    pages: tuple[Page, ...] = ()

    def fixed_minutes(self) -> int:
        """Minutes of the parts every lesson has with a fixed length (rules, debrief, exit)."""
        return sum(p.minutes or 0 for k, p in self.lesson.items() if k in PARTS and k not in ("play", "pauses"))


@dataclass(frozen=True, slots=True)
class Plan:
    """A chapter's lesson: minutes per part (in the order they happen) and the total. ``needed`` is the play time the
    chapter's length asks for, when the lesson cannot give it all (0 otherwise)."""
    minutes: Mapping[str, int]
    total: int
    needed: int = 0


def lesson_plan(guide: GuideText, pause_minutes: int, play_needed: int | None = None,
                surveys: Sequence[str] = ()) -> Plan:
    """The parts' minutes. Without ``play_needed``, play gets what is left of the longest lesson; with it (the minutes
    the chapter's text takes to read, see game.classroom.playtime), play gets that much when it fits and the time
    left over goes to the debrief, because the talk matters more than the game. Play never gets less than its least
    time. ``surveys``: the survey parts this lesson holds (survey_pre in the first chapter, survey_post in the last)."""
    least_play = guide.lesson["play"].minutes or 0
    held = [k for k in SURVEY_PARTS if k in surveys and k in guide.lesson]
    fixed = guide.fixed_minutes() + pause_minutes + sum(guide.lesson[k].minutes or 0 for k in held)
    room = LESSON_MINUTES[1] - fixed
    play = max(least_play, room if play_needed is None else min(play_needed, room))
    spare = max(0, room - play)
    order = [*(["survey_pre"] if "survey_pre" in held else []), *PARTS,
             *(["survey_post"] if "survey_post" in held else [])]
    minutes = {k: (play if k == "play" else pause_minutes if k == "pauses"
                   else (guide.lesson[k].minutes or 0) + (spare if k == "debrief" else 0)) for k in order}
    needed = play_needed if play_needed is not None and play_needed > play else 0
    return Plan(MappingProxyType(minutes), sum(minutes.values()), needed)


def surveys_of(index: int, count: int) -> tuple[str, ...]:
    """The survey parts of the lesson for chapter ``index`` (0-based) of ``count``."""
    return (("survey_pre",) if index == 0 else ()) + (("survey_post",) if index == count - 1 else ())


# --- reading ----------------------------------------------------------------------------------------------------------
class _GuideReader:
    def __init__(self, r: Reader) -> None:
        self.r = r

    def text(self, node: Node, ident: str, what: str) -> Text | None:
        value = self.r.string(node, what)
        if value is None:
            return None
        if not value.strip():
            self.r.error(node, f"{what} is empty", "write the text between the quotes")
            return None
        return Text(ident, value, self.r.pos(node))

    def headings(self, node: Node) -> dict[str, Text]:
        fields = self.r.mapping(node, "'headings'", required=HEADINGS, optional=())
        out: dict[str, Text] = {}
        for key, (_k, value) in (fields or {}).items():
            text = self.text(value, f"{PREFIX}.headings.{key}", f"the heading '{key}'")
            if text is None:
                continue
            used = set(_placeholders(text.text))
            wanted = set(HEADINGS[key])
            if used - wanted:
                self.r.error(value, f"the heading '{key}' uses {{{min(used - wanted)}}}, which the guide does "
                                    "not fill in", f"it can use: {', '.join('{' + w + '}' for w in HEADINGS[key])}"
                             if HEADINGS[key] else "it takes no {placeholders}: remove the braces")
                continue
            out[key] = text
        return out

    def lesson(self, node: Node) -> dict[str, Part]:
        fields = self.r.mapping(node, "'lesson'", required=PARTS, optional=SURVEY_PARTS)
        out: dict[str, Part] = {}
        for key in (*PARTS, *SURVEY_PARTS):
            if not fields or key not in fields:
                continue
            keynode, value = fields[key]
            needs_minutes = _PART_MINUTES[key]
            what = f"the lesson part '{key}'"
            part = self.r.mapping(value, what, required={"name", "text", *(("minutes",) if needs_minutes else ())})
            if part is None or not {"name", "text"} <= part.keys():
                continue
            name = self.text(part["name"][1], f"{PREFIX}.lesson.{key}.name", f"the name of {what}")
            text = self.text(part["text"][1], f"{PREFIX}.lesson.{key}.text", f"the text of {what}")
            minutes = None
            if needs_minutes and "minutes" in part:
                minutes = self.r.integer(part["minutes"][1], f"the minutes of {what}")
                if minutes is not None and not 1 <= minutes <= LESSON_MINUTES[1]:
                    self.r.error(part["minutes"][1], f"{minutes} minutes cannot fit a {LESSON_MINUTES[1]}-minute "
                                                     "lesson", f"give between 1 and {LESSON_MINUTES[1]} minutes")
                    minutes = None
                if minutes is None:
                    continue
            if name is not None and text is not None:
                out[key] = Part(key, name, text, minutes, self.r.pos(keynode))
        return out

    def pages(self, node: Node) -> list[Page]:
        out: list[Page] = []
        for key, (_k, value) in self._ids(node, "'pages'").items():
            what = f"the page '{key}'"
            fields = self.r.mapping(value, what, required={"title", "text"}, optional={"points"})
            if not fields or not {"title", "text"} <= fields.keys():
                continue
            base = f"{PREFIX}.pages.{key}"
            title = self.text(fields["title"][1], f"{base}.title", f"the title of {what}")
            text = self.text(fields["text"][1], f"{base}.text", f"the text of {what}")
            points = []
            if "points" in fields:
                for pid, (_pk, pvalue) in self._ids(fields["points"][1], f"the points of {what}").items():
                    point = self.text(pvalue, f"{base}.points.{pid}", f"the point '{pid}' of {what}")
                    if point is not None:
                        points.append(point)
            if title is not None and text is not None:
                out.append(Page(key, title, text, tuple(points)))
        return out

    def ground_rules(self, node: Node) -> list[Text]:
        out: list[Text] = []
        for key, (keynode, value) in self._ids(node, "'ground_rules'").items():
            text = self.text(value, f"{PREFIX}.ground_rules.{key}", f"the ground rule '{key}'")
            if text is not None:
                out.append(text)
        return out

    def five_ds(self, node: Node) -> list[Named]:
        out: list[Named] = []
        for key, (_k, value) in self._ids(node, "'five_ds'").items():
            what = f"'{key}' of the five Ds"
            fields = self.r.mapping(value, what, required={"name", "text"})
            if not fields or not {"name", "text"} <= fields.keys():
                continue
            name = self.text(fields["name"][1], f"{PREFIX}.five_ds.{key}.name", f"the name of {what}")
            text = self.text(fields["text"][1], f"{PREFIX}.five_ds.{key}.text", f"the text of {what}")
            if name is not None and text is not None:
                out.append(Named(key, name, text))
        return out

    def chapters(self, node: Node) -> dict[str, ChapterText]:
        out: dict[str, ChapterText] = {}
        for cid, (keynode, value) in self._ids(node, "'chapters'").items():
            what = f"the chapter '{cid}'"
            fields = self.r.mapping(value, what, required={"goal", "exit"}, optional={"debrief", "choices"})
            if not fields or not {"goal", "exit"} <= fields.keys():
                continue
            base = f"{PREFIX}.chapters.{cid}"
            goal = self.text(fields["goal"][1], f"{base}.goal", f"the goal of {what}")
            exit_q = self.text(fields["exit"][1], f"{base}.exit", f"the exit question of {what}")
            keys: dict[str, Pos] = {}
            older = self._by_full_id(fields.get("debrief"), f"{base}.debrief", f"the 'debrief' of {what}",
                                     "the older students' version of", keys)
            notes = self._by_full_id(fields.get("choices"), f"{base}.choices", f"the 'choices' of {what}",
                                     "the note on", keys)
            if goal is None or exit_q is None:
                continue
            pos = self.r.pos(keynode)
            out[cid] = ChapterText(cid, goal, exit_q, MappingProxyType(older), MappingProxyType(notes),
                                   MappingProxyType(keys), pos,
                                   self.r.pos(fields["debrief"][0]) if "debrief" in fields else pos,
                                   self.r.pos(fields["choices"][0]) if "choices" in fields else pos)
        return out

    def _ids(self, node: Node, what: str) -> dict[str, tuple[Node, Node]]:
        """A mapping whose keys are ids (checked)."""
        pairs = self.r.pairs(node, what) or {}
        return {k: v for k, v in pairs.items() if self.r.ident(v[0], f"the id '{k}' in {what}") is not None}

    def _by_full_id(self, pair: tuple[Node, Node] | None, base: str, what: str, text_what: str,
                    keys: dict[str, Pos]) -> dict[str, Text]:
        """A mapping of story ids (scene.node.choice, scene.debrief.q1) to texts; the ids are checked against the
        story later, by check_guide_text."""
        if pair is None:
            return {}
        out: dict[str, Text] = {}
        for key, (keynode, value) in (self.r.pairs(pair[1], what) or {}).items():
            parts = key.split(".")
            if len(parts) < 2 or not all(_is_ident(p) for p in parts):
                self.r.error(keynode, f"'{key}' in {what} is not a full id like home.meera_menu.talk",
                             "write the scene, the node and the choice (or scene.debrief.question), separated by dots")
                continue
            text = self.text(value, f"{base}.{key}", f"{text_what} '{key}'")
            if text is not None:
                out[key] = text
                keys[key] = self.r.pos(keynode)
        return out


def _is_ident(word: str) -> bool:
    return bool(IDENT_RE.match(word))


def _placeholders(text: str) -> list[str]:
    return _PLACEHOLDER.findall(text)


def load_guide_text(root: Path, problems: list[Problem]) -> GuideText | None:
    """guide.yaml, checked on its own; None when the project has no guide file (or it is broken: see problems)."""
    path = root / GUIDE_FILE
    if not path.is_file():
        return None
    node = read_yaml_file(path, GUIDE_FILE, problems)
    if node is None:
        return None
    count = len(problems)
    r = Reader(GUIDE_FILE, problems)
    g = _GuideReader(r)
    keys = {"title", "intro", "headings", "lesson", "ground_rules", "five_ds", "chapters"}
    fields = r.mapping(node, "the facilitator guide", required=keys, optional={"pages"})
    if fields is None or not keys <= fields.keys():
        return None
    title = g.text(fields["title"][1], f"{PREFIX}.title", "the title")
    intro = g.text(fields["intro"][1], f"{PREFIX}.intro", "the intro")
    headings = g.headings(fields["headings"][1])
    lesson = g.lesson(fields["lesson"][1])
    rules = g.ground_rules(fields["ground_rules"][1])
    five_ds = g.five_ds(fields["five_ds"][1])
    chapters = g.chapters(fields["chapters"][1])
    pages = g.pages(fields["pages"][1]) if "pages" in fields else []
    if any(p.is_error for p in problems[count:]) or title is None or intro is None:
        return None
    return GuideText(title, intro, MappingProxyType(headings), MappingProxyType(lesson), tuple(rules),
                     tuple(five_ds), MappingProxyType(chapters), r.pos(node), r.pos(fields["chapters"][0]),
                     tuple(pages))


def guide_strings(guide: GuideText) -> list[SourceString]:
    """Every text of guide.yaml, in the order a translator meets them in the file."""
    texts: list[Text] = [guide.title, guide.intro, *guide.headings.values()]
    for part in guide.lesson.values():
        texts += [part.name, part.text]
    texts += guide.ground_rules
    for d in guide.five_ds:
        texts += [d.name, d.text]
    for page in guide.pages:
        texts += [page.title, page.text, *page.points]
    for chapter in guide.chapters.values():
        texts += [chapter.goal, chapter.exit, *chapter.older.values(), *chapter.notes.values()]
    return [SourceString(t.id, t.text, t.pos.path, t.pos.line, t.pos.col) for t in texts]


# --- against the story ------------------------------------------------------------------------------------------------
def chapter_steps(story: Story, scenes: Sequence[str]) -> Iterator[object]:
    """Every step of the chapter's scenes, in file order (a node's steps at a time: a scene may have 10,000 nodes)."""
    for sid in scenes:
        scene = story.scenes.get(sid)
        if scene is None:
            continue
        for node in scene.nodes.values():
            yield from node.steps


def labelled_choices(story: Story, scenes: Sequence[str]) -> list[Choice]:
    return [s for s in chapter_steps(story, scenes) if isinstance(s, Choice) and s.label is not None]


def pause_points(story: Story, scenes: Sequence[str]) -> list[Pause]:
    return [s for s in chapter_steps(story, scenes) if isinstance(s, Pause)]


def debrief_questions(story: Story, scenes: Sequence[str]) -> list:
    out = []
    for sid in scenes:
        scene = story.scenes.get(sid)
        if scene is not None and scene.debrief is not None:
            out += scene.debrief.questions
    return out


GAPS = ("has no note for teachers", "has no version for older students")


def check_guide_text(guide: GuideText, story: Story, chapters: Sequence["Chapter"], gaps: bool = True
                     ) -> list[Problem]:
    """Warnings (never errors: the game plays without a guide) where guide.yaml and the story disagree: a chapter,
    choice or debrief question it names that does not exist, a labelled choice or a question it has nothing for, a
    chapter with no goal, a lesson that cannot fit the period. ``gaps=False`` leaves out the choices and questions
    the guide has nothing for yet: `check` stays quiet about a scene just added, `guide` reminds the teacher."""
    problems: list[Problem] = []

    def warn(pos: Pos, message: str, hint: str = "") -> None:
        if gaps or not message.endswith(GAPS):
            problems.append(Problem(pos, "warning", message, hint))

    game_ids = [c.id for c in chapters]
    for cid, text in guide.chapters.items():
        if cid not in game_ids:
            warn(text.pos, f"the guide has a chapter '{cid}', which scenes/game.yaml does not list",
                 did_you_mean(cid, game_ids) or f"the chapters are: {', '.join(game_ids)}")
    labelled_in = {ch.id: labelled_choices(story, ch.scenes) for ch in chapters}  # once: each walks its scenes
    all_labelled = {c.id: c for ch in chapters for c in labelled_in[ch.id]}
    every_choice = {s.id for s in chapter_steps(story, list(story.scenes)) if isinstance(s, Choice)}
    all_questions = {q.id for ch in chapters for q in debrief_questions(story, ch.scenes)}
    owner = {ident: ch.id for ch in chapters
             for ident in [*(c.id for c in labelled_in[ch.id]),
                           *(q.id for q in debrief_questions(story, ch.scenes))]}
    for index, chapter in enumerate(chapters):
        text = guide.chapters.get(chapter.id)
        if text is None:
            warn(guide.chapters_pos, f"the guide says nothing about the chapter '{chapter.id}': no goal, no exit "
                                     "question, no notes on its choices", f"add '{chapter.id}:' under 'chapters:'")
            continue
        labelled = labelled_in[chapter.id]
        questions = debrief_questions(story, chapter.scenes)
        for ident in text.notes:
            at = text.keys[ident]
            if ident in owner and owner[ident] != chapter.id:
                warn(at, f"the choice '{ident}' is in the chapter '{owner[ident]}', not '{chapter.id}'",
                     f"move the note under chapters: {owner[ident]}: choices:")
            elif ident in every_choice and ident not in all_labelled:
                warn(at, f"the choice '{ident}' has no label, so the guide does not show it",
                     "give the choice a `label:` in its dialogue file, or remove the note")
            elif ident not in all_labelled:
                warn(at, f"there is no choice '{ident}' in the story",
                     did_you_mean(ident, _unnamed([c.id for c in labelled], text.notes))
                     or "check the id: scene.node.choice")
        for choice in labelled:
            if choice.id not in text.notes:
                warn(text.notes_pos, f"the decision '{choice.label}' ({choice.id}) has no note for teachers",
                     f"add `{choice.id}: \"...\"` under chapters: {chapter.id}: choices:")
        for ident in text.older:
            at = text.keys[ident]
            if ident in owner and owner[ident] != chapter.id:
                warn(at, f"the debrief question '{ident}' is in the chapter '{owner[ident]}', not "
                                f"'{chapter.id}'", f"move it under chapters: {owner[ident]}: debrief:")
            elif ident not in all_questions:
                warn(at, f"there is no debrief question '{ident}' in the story",
                     did_you_mean(ident, _unnamed([q.id for q in questions], text.older))
                     or "check the id: scene.debrief.question")
        for q in questions:
            if q.id not in text.older:
                warn(text.older_pos, f"the debrief question '{q.id}' has no version for older students",
                     f"add `{q.id}: \"...\"` under chapters: {chapter.id}: debrief:")
        pauses = sum(p.minutes for p in pause_points(story, chapter.scenes))
        plan = lesson_plan(guide, pauses, guide.lesson["play"].minutes or 0, surveys_of(index, len(chapters)))
        if plan.total > LESSON_MINUTES[1]:
            warn(guide.lesson["pauses"].pos if "pauses" in guide.lesson else guide.pos,
                 f"the lesson for the chapter '{chapter.id}' needs {plan.total} minutes, more than "
                 f"{LESSON_MINUTES[1]}: its pause points suggest {pauses} minutes",
                 "shorten the pause points' minutes, or the other parts of the lesson")
    return problems


def _unnamed(ids: list[str], named: Mapping[str, object]) -> list[str]:
    """The ids guide.yaml has nothing for yet (the likely meaning of a typo), else all of them."""
    return [i for i in ids if i not in named] or ids
