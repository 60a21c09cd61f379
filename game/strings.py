"""Player-visible interface strings (menus, hints, labels), character names and the help card, read from
dialogue/<lang>/ (ui.yaml, characters.yaml, help.yaml).

The code names a string by key (``title.continue``); the text lives in ui.yaml so teachers can translate it. Every key
the code uses is listed in UI_KEYS so the checker can report a missing one before a student ever sees a raw key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from yaml.nodes import MappingNode, SequenceNode

from game.story.model import ACT_TAGS, CONTENT_TAGS
from game.story.problems import Pos, Problem
from game.story.yamlsrc import Reader, parse_yaml

UI_KEYS = (
    "language.name", "game.title", "game.tagline", "title.language",
    "title.language_partial_one", "title.language_partial_many", "title.language_partial_none",
    "title.continue", "title.new_game", "title.text_size", "title.fullscreen", "title.quit", "title.hint",
    "title.save_problem", "title.save_unavailable",
    "common.on", "common.off",
    "pause.title", "pause.resume", "pause.text_size", "pause.fullscreen", "pause.to_title", "pause.quit",
    "dialogue.next_hint", "dialogue.choose_hint",
    "world.talk_hint", "world.look_hint", "world.walk_hint", "world.goal", "world.goal_idle", "pause.help",
    "chapter_end.heading", "chapter_end.final_heading", "chapter_end.continue", "chapter_end.next",
    "chapter_end.what_if", "chapter_end.help", "chapter_end.happened", "chapter_end.questions",
    "what_if.title", "what_if.intro", "what_if.chose", "what_if.back", "help.back",
    # class sessions a class can trust (issue 14)
    "pin.wait", "teacher.skipped", "teacher.tampered",
    # class sessions a class can trust (issue 14)
    "class.two_teachers", "teacher.no_network",
) + (
    # Class sessions, on the students' screens: join, pause points, the survey, the teacher's menu.
    "title.join_class", "title.teacher",
    "class.join_title", "class.join_intro", "class.number_hint", "class.erase", "class.ok", "class.code_short",
    "class.no_such_code", "class.folder_missing", "class.discuss_heading", "class.discuss_minutes",
    "class.discuss_wait", "class.discuss_free", "class.discuss_go_on", "class.frozen_heading", "class.frozen_text",
    "class.go_on", "class.done_heading", "class.done_text", "class.done_help", "class.done_title",
    "survey.pre_heading", "survey.post_heading", "survey.start", "survey.skip_all", "survey.progress", "survey.skip",
    "survey.back",
    "pin.set_title", "pin.again_title", "pin.set_intro", "pin.enter_title", "pin.enter_intro", "pin.length",
    "pin.mismatch", "pin.wrong", "pin.not_saved",
) + (
    # The teacher view (game/ui/teacher_view.py).
    "teacher.join_heading", "teacher.join_how", "teacher.joined_heading", "teacher.not_started",
    "teacher.where_heading", "teacher.finished", "teacher.waiting_count", "teacher.waiting_at",
    "teacher.decisions_heading", "teacher.decisions_hint", "teacher.chosen", "teacher.reveal", "teacher.hide", "teacher.too_few",
    "teacher.no_decisions", "teacher.state_playing", "teacher.state_paused", "teacher.pause_all",
    "teacher.resume_all", "teacher.back", "teacher.close", "teacher.unreachable", "teacher.command_failed",
    # The teacher's menu: a new class session (game/ui/teacher_menu.py).
    "teacher.menu_title", "teacher.chapter", "teacher.pauses", "teacher.survey", "teacher.survey_pre",
    "teacher.survey_post", "teacher.survey_both", "teacher.survey_none", "teacher.level", "teacher.level_younger",
    "teacher.level_older", "teacher.students_continue", "teacher.music", "teacher.folder", "teacher.folder_prompt",
    "teacher.folder_missing", "teacher.save", "teacher.cancel", "teacher.start", "teacher.open_latest",
    "teacher.need_chapter", "teacher.folder_error", "teacher.expired", "teacher.menu_hint",
) + (
    # The class report (game/classroom/report.py).
    "report.title", "report.students", "report.classes", "report.dates", "report.about_heading",
    "report.about_privacy", "report.about_first", "report.about_scores", "report.about_reverse",
    "report.about_not_research", "report.classes_heading", "report.class_col", "report.date_col",
    "report.class_name", "report.small_class", "report.decisions_heading", "report.no_decisions", "report.chapter",
    "report.n_students", "report.hidden", "report.hidden_rest", "report.hidden_short", "report.by_class",
    "report.by_class_average", "report.survey_heading", "report.glance", "report.item_col", "report.before",
    "report.after", "report.change", "report.reverse_tag", "report.average", "report.score", "report.paired",
    "report.note_read",
    "report.note_damaged", "report.note_foreign", "report.note_duplicates", "report.note_unknown",
    "report.note_unreadable", "report.note_suppression", "report.made", "report.topic_gender_roles",
    "report.topic_education", "report.topic_chores", "report.topic_violence", "report.topic_helping",
) + (
    # keys: the keys screen, remapping the keys (game/ui/keys_screen.py); key_<name> are keys whose names are words.
    "keys.title", "keys.intro", "keys.row", "keys.up", "keys.down", "keys.left", "keys.right", "keys.confirm",
    "keys.back", "keys.pause", "keys.help", "keys.history", "keys.fullscreen", "keys.reset", "keys.done", "keys.add",
    "keys.replace", "keys.cancel", "keys.how", "keys.waiting", "keys.bound", "keys.moved", "keys.swapped",
    "keys.same", "keys.fixed_pause", "keys.fixed_help", "keys.refused_number", "keys.refused_page",
    "keys.refused_unknown", "keys.last", "keys.many", "keys.cancelled", "keys.reset_done", "keys.fixed_note", "keys.other_ways",
    "keys.key_space", "keys.key_return", "keys.key_enter", "keys.key_up", "keys.key_down", "keys.key_left",
    "keys.key_right", "keys.key_backspace", "keys.key_escape", "keys.key_tab",
) + (
    # captions: the words for each sound a dialogue line plays (game/ui/dialogue.py); other_sound for any other.
    "captions.doorbell", "captions.door", "captions.knock", "captions.voices", "captions.bell_school",
    "captions.other_sound",
) + (
    # notes: content notes before a sensitive part or chapter (game/ui/content_note.py), with words for every content
    # tag the story can name; history: the backlog of recent lines (game/ui/history.py).
    "notes.heading_part", "notes.heading_chapter", "notes.has_part", "notes.has_chapter", "notes.skip_text",
    "notes.break_text", "notes.go_on", "notes.skip", "notes.help", "notes.summary_heading",
    *(f"notes.tag_{tag}" for tag in CONTENT_TAGS),
    "history.title", "history.empty", "history.hint", "history.back",
) + (
    # speech: why read-aloud is off (game/ui/speech.py; Speech.reason). No engine at all is settings.speech_missing.
    "speech.no_voice", "speech.broken",
) + (
    # settings: the settings screen (game/ui/settings_screen.py).
    "settings.title", "settings.hint", "settings.text_size", "settings.line_spacing", "settings.spacing_normal",
    "settings.spacing_wide", "settings.spacing_wider", "settings.font", "settings.font_standard",
    "settings.font_legible", "settings.theme", "settings.theme_standard", "settings.theme_high_contrast",
    "settings.text_speed", "settings.speed_slow", "settings.speed_normal", "settings.speed_fast",
    "settings.speed_instant", "settings.auto_advance", "settings.reduced_motion", "settings.volume",
    "settings.music_volume", "settings.muted", "settings.captions", "settings.read_aloud", "settings.speech_missing",
    "settings.keys", "settings.fullscreen", "settings.back", "settings.goal_marker",
) + (
    # acts: a name for each kind of act an option can be (model.ACT_TAGS), for the guide and the class report.
    *(f"acts.{tag}" for tag in ACT_TAGS), "acts.untagged", "acts.heading", "acts.intro", "acts.col_kind",
    "acts.col_chosen",
)

_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


@dataclass(frozen=True, slots=True)
class HelpLine:
    """A helpline: who answers, the number to call, and when to call it."""
    name: str
    number: str
    note: str


@dataclass(frozen=True, slots=True)
class HelpCard:
    """The "Who can help" card: people to talk to and helplines, from dialogue/<lang>/help.yaml."""
    title: str = ""
    intro: str = ""
    people: tuple[str, ...] = ()
    lines: tuple[HelpLine, ...] = ()
    checked: str = ""  # when the numbers were last checked (`checked: "2026-11-23"`), "" when the file does not say


@dataclass(frozen=True, slots=True)
class Strings:
    ui: Mapping[str, str] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)
    help: HelpCard = field(default_factory=HelpCard)

    def get(self, key: str, **values: object) -> str:
        text = self.ui.get(key, key)
        return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)

    def name(self, character: str | None) -> str:
        if character is None:
            return ""
        return self.names.get(character, character)


def _flatten(reader: Reader, node, prefix: str, out: dict[str, str], positions: dict[str, Pos]) -> None:
    pairs = reader.pairs(node, f"the section '{prefix[:-1]}'" if prefix else "the file")
    for name, (key, value) in (pairs or {}).items():
        full = prefix + name
        if isinstance(value, MappingNode):
            _flatten(reader, value, full + ".", out, positions)
            continue
        text = reader.string(value, f"the text of '{full}'")
        if text is not None:
            out[full] = text
            positions[full] = reader.pos(key)


def _read(root: Path, relpath: str, problems: list[Problem], missing_hint: str):
    """The YAML node tree of one file (None if missing or unreadable; the reason is in problems)."""
    path = root / relpath
    if not path.is_file():
        problems.append(Problem(Pos(relpath, 1, 1), "error", "this file is missing", missing_hint))
        return None
    node, found = parse_yaml(path.read_bytes(), relpath)
    problems += found
    return node


def _items(reader: Reader, node, what: str, keys: tuple[str, ...]) -> list[dict[str, str]]:
    """A list of mappings with an id (unique, valid) and the given text keys, all required."""
    out: list[dict[str, str]] = []
    seen: dict[str, Pos] = {}
    for item in reader.seq(node, what) or []:
        fields = reader.mapping(item, f"an entry of {what}", required={"id", *keys})
        if fields is None or not {"id", *keys} <= fields.keys():
            continue
        ident = reader.ident(fields["id"][1], f"the id of an entry of {what}")
        if ident is not None and ident in seen:
            reader.error(fields["id"][1], f"duplicate id '{ident}' (first at line {seen[ident].line})",
                         "ids must be unique; give this one a new name")
            continue
        if ident is not None:
            seen[ident] = reader.pos(fields["id"][1])
        texts = {k: reader.string(fields[k][1], f"the {k} of '{ident or '?'}'") for k in keys}
        if ident is not None and all(t is not None for t in texts.values()):
            out.append(texts)  # type: ignore[arg-type]
    if not out and isinstance(node, SequenceNode) and not node.value:
        reader.error(node, f"{what} is empty", "the card needs at least one entry here")
    return out


def _load_help(root: Path, relpath: str, problems: list[Problem]) -> HelpCard:
    node = _read(root, relpath, problems, "every language needs a help.yaml: the card with the people and "
                                          "helplines a student can turn to (see docs/dialogue-format.md)")
    if node is None:
        return HelpCard()
    reader = Reader(relpath, problems)
    keys = {"title", "intro", "people", "lines"}
    fields = reader.mapping(node, "the help card", required=keys, optional={"checked"})
    if fields is None or not keys <= fields.keys():
        return HelpCard()
    checked = ""
    if "checked" in fields:
        checked = reader.string(fields["checked"][1], "the date the card was checked") or ""
    title = reader.string(fields["title"][1], "the title")
    intro = reader.string(fields["intro"][1], "the intro")
    people = _items(reader, fields["people"][1], "'people'", ("text",))
    lines = _items(reader, fields["lines"][1], "'lines'", ("name", "number", "note"))
    return HelpCard(title or "", intro or "", tuple(p["text"] for p in people),
                    tuple(HelpLine(x["name"], x["number"], x["note"]) for x in lines), checked)


def load_help(root: Path, relpath: str, problems: list[Problem]) -> HelpCard:
    """The help card of one file (dialogue/<lang>/help.yaml); its problems are added to ``problems``."""
    return _load_help(root, relpath, problems)


def load_strings(root: Path, lang: str) -> tuple[Strings, list[Problem], int]:
    problems: list[Problem] = []
    ui: dict[str, str] = {}
    ui_pos: dict[str, Pos] = {}
    names: dict[str, str] = {}
    rel_ui = f"dialogue/{lang}/ui.yaml"
    node = _read(root, rel_ui, problems, "every language needs a ui.yaml with the menu texts")
    if node is not None:
        _flatten(Reader(rel_ui, problems), node, "", ui, ui_pos)
        for key in UI_KEYS:
            if key not in ui:
                problems.append(Problem(Pos(rel_ui, 1, 1), "error", f"the interface text '{key}' is missing",
                                        "add it: the game shows this text on screen"))
    rel_chars = f"dialogue/{lang}/characters.yaml"
    node = _read(root, rel_chars, problems, "every language needs a characters.yaml with the names")
    if node is not None:
        reader = Reader(rel_chars, problems)
        for cid, (_key, value) in (reader.pairs(node, "the characters file") or {}).items():
            fields = reader.mapping(value, f"the character '{cid}'", required={"name"})
            if fields and "name" in fields:
                name = reader.string(fields["name"][1], f"the name of '{cid}'")
                if name is not None:
                    names[cid] = name
    rel_help = f"dialogue/{lang}/help.yaml"
    card = _load_help(root, rel_help, problems)
    files = sum((root / f).is_file() for f in (rel_ui, rel_chars, rel_help))
    return Strings(MappingProxyType(ui), MappingProxyType(names), card), problems, files
