"""Player-visible interface strings (menus, hints, labels) and character names, read from dialogue/<lang>/.

The code names a string by key (``title.continue``); the text lives in ui.yaml so teachers can translate it. Every key
the code uses is listed in UI_KEYS so the checker can report a missing one before a student ever sees a raw key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from yaml.nodes import MappingNode

from game.story.problems import Pos, Problem
from game.story.yamlsrc import Reader, parse_yaml

UI_KEYS = (
    "game.title", "game.tagline",
    "title.continue", "title.new_game", "title.text_size", "title.fullscreen", "title.quit", "title.hint",
    "title.save_problem", "title.save_unavailable",
    "common.on", "common.off",
    "pause.title", "pause.resume", "pause.text_size", "pause.fullscreen", "pause.to_title", "pause.quit",
    "dialogue.next_hint", "dialogue.choose_hint",
    "world.talk_hint", "world.walk_hint",
    "chapter_end.heading", "chapter_end.continue",
)

_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


@dataclass(frozen=True, slots=True)
class Strings:
    ui: Mapping[str, str] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)

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
    files = sum((root / f).is_file() for f in (rel_ui, rel_chars))
    return Strings(MappingProxyType(ui), MappingProxyType(names)), problems, files
