"""Every translatable string of the source language, by stable id and in reading order, grouped by source file.

This is the one list that `i18n new`, `i18n status`, the PO export and the runtime catalogue all agree on. Ids never
come from positions or text, so inserting, deleting or reordering source lines never moves another line's id:

    dialogue line       home.meera.m2              option             home.meera_menu.talk.help
    choice label        home.meera_menu.talk.label scene title        home.title
    ending              home.endings.studied.title / .text
    debrief item        home.debrief.h1            interface text     ui.title.continue
    pause point prompt  home.dinner.talk1.younger / .older
    content note        neighbourhood.voices.note_voices.summary
    goal / its hint     home.amma_milk.goal_milk / home.amma_milk.goal_milk.hint
    character name      characters.meera.name

The help card (help.yaml) is not translated line by line: each place replaces it whole, with its own numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from game.story.model import Choice, ContentNote, Goal, Line, Pause, Story
from game.story.yamlsrc import MappingNode, ScalarNode, parse_yaml

if TYPE_CHECKING:
    from game.content import Content
    from game.strings import Strings


@dataclass(frozen=True, slots=True)
class SourceString:
    id: str
    text: str
    path: str  # the source file it comes from, for messages
    line: int = 1
    col: int = 1
    speaker: str | None = None  # who says it (dialogue lines only), for translators' notes
    dialogue: bool = False  # a line shown in the dialogue box (checked for length)


def dialogue_strings(content: Content) -> dict[str, list[SourceString]]:
    """Per source file stem (a scene id), its strings in the order a translator meets them in the file."""
    return story_strings(content.story)


def story_strings(story: Story) -> dict[str, list[SourceString]]:
    out: dict[str, list[SourceString]] = {}
    for sid, scene in story.scenes.items():
        items = [SourceString(f"{sid}.title", scene.title, scene.path, scene.pos.line)]
        for ending in scene.endings.values():
            items.append(SourceString(f"{sid}.endings.{ending.id}.title", ending.title, scene.path, ending.pos.line))
            items.append(SourceString(f"{sid}.endings.{ending.id}.text", ending.text, scene.path, ending.pos.line))
        if scene.debrief is not None:
            for item in (*scene.debrief.happened, *scene.debrief.questions):
                items.append(SourceString(item.id, item.text, scene.path, item.pos.line))
        for line in (scene.again or {}).values():
            items.append(SourceString(line.id, line.text, scene.path, line.pos.line, line.pos.col, line.speaker, True))
        for node in scene.nodes.values():
            for step in node.steps:
                if isinstance(step, Line):
                    items.append(SourceString(step.id, step.text, scene.path, step.pos.line, step.pos.col,
                                              step.speaker, True))
                elif isinstance(step, Pause):
                    for level in ("younger", "older"):
                        items.append(SourceString(f"{step.id}.{level}", getattr(step, level), scene.path,
                                                  step.pos.line, step.pos.col))
                elif isinstance(step, ContentNote):
                    items.append(SourceString(f"{step.id}.summary", step.summary, scene.path, step.pos.line,
                                              step.pos.col))
                elif isinstance(step, Goal):
                    items.append(SourceString(step.id, step.text, scene.path, step.pos.line, step.pos.col))
                    if step.hint is not None:
                        items.append(SourceString(f"{step.id}.hint", step.hint, scene.path, step.pos.line,
                                                  step.pos.col))
                elif isinstance(step, Choice):
                    if step.label is not None:
                        items.append(SourceString(f"{step.id}.label", step.label, scene.path, step.pos.line))
                    for option in step.options:
                        items.append(SourceString(option.id, option.text, scene.path, option.pos.line))
        out[sid] = items
    return out


def interface_strings(content: Content, lang: str = "en") -> dict[str, list[SourceString]]:
    """ui.yaml and characters.yaml as id → text (always the source language's: a translated Content keeps them in its
    catalogue)."""
    if content.catalog.sources:
        return {stem: content.catalog.sources[stem] for stem in ("ui", "characters") if stem in content.catalog.sources}
    return strings_of(content.strings, lang)


def strings_of(strings: Strings, lang: str = "en", root: Path | None = None) -> dict[str, list[SourceString]]:
    """ui.yaml and characters.yaml as source strings; with the project root, each knows its line in the file."""
    ui_path, chars_path = f"dialogue/{lang}/ui.yaml", f"dialogue/{lang}/characters.yaml"
    ui_at = _key_positions(root, ui_path) if root else {}
    chars_at = _key_positions(root, chars_path) if root else {}
    ui = [SourceString(f"ui.{key}", text, ui_path, *ui_at.get(key, (1, 1))) for key, text in strings.ui.items()]
    names = [SourceString(f"characters.{cid}.name", name, chars_path, *chars_at.get(f"{cid}.name", (1, 1)))
             for cid, name in strings.names.items()]
    return {"ui": ui, "characters": names}


def _key_positions(root: Path, relpath: str) -> dict[str, tuple[int, int]]:
    """Dotted key → (line, col) of its value, for a file of nested mappings (ui.yaml, characters.yaml)."""
    path = root / relpath
    out: dict[str, tuple[int, int]] = {}
    if not path.is_file():
        return out
    node, _problems = parse_yaml(path.read_bytes(), relpath)
    stack: list[tuple[object, str]] = [(node, "")]
    while stack:
        current, prefix = stack.pop()
        if not isinstance(current, MappingNode):
            continue
        for key, value in current.value:
            if not isinstance(key, ScalarNode):
                continue
            full = prefix + key.value
            if isinstance(value, MappingNode):
                stack.append((value, full + "."))
            else:
                out[full] = (value.start_mark.line + 1, value.start_mark.column + 1)
    return out


def all_strings(content: Content) -> dict[str, list[SourceString]]:
    """Every source string, per source file stem (ui, characters, then the scenes)."""
    if content.catalog.sources:
        return dict(content.catalog.sources)
    return {**strings_of(content.strings), **dialogue_strings(content), **content.extra_sources()}
