"""Translation files on disk: dialogue/<lang>/<stem>.yaml with `translates:`, `strings:` and optional `nodes:`.

A file is read with positions for every entry, so every later check (missing, stale, orphaned, placeholders, too long)
can point at the exact line and column. Reading never raises: broken files become Problems.

dialogue/<lang>/help.yaml is not a translation file: it is a whole help card in the source format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from game.limits import MAX_NAME_CHARS, MAX_TEXT_CHARS
from game.story.problems import Pos, Problem
from game.story.yamlsrc import TAG_NULL, TAG_STR, MappingNode, Node, Reader, ScalarNode, core_tag, pos_of, read_yaml_file

SOURCE_LANG = "en"
HELP_FILE = "help.yaml"  # a whole card in the source format, not a translation file
LANG_RE = re.compile(r"[a-z]{2}(-[A-Z]{2})?\Z")
LANG_HINT = "write a language code like hi, or a regional variant like hi-IN"


def valid_lang(code: str) -> bool:
    """A language folder name as `i18n new` accepts it: `xx` or `xx-YY`."""
    return bool(LANG_RE.match(code))


def lang_chain(lang: str) -> tuple[str, ...]:
    """The languages tried in order: hi-IN → hi → en (region parts stripped one by one, the source language last)."""
    chain: list[str] = []
    parts = lang.split("-") if lang else []
    while parts:
        code = "-".join(parts)
        if code not in chain:
            chain.append(code)
        parts.pop()
    if SOURCE_LANG not in chain:
        chain.append(SOURCE_LANG)
    else:  # 'en-GB' → 'en': nothing after the source language
        chain = chain[: chain.index(SOURCE_LANG) + 1]
    return tuple(chain)


@dataclass(frozen=True, slots=True)
class Entry:
    """One translated string: its id, the source text it was made from, and the translation (may be empty)."""
    id: str
    source: str
    text: str
    pos: Pos  # the id's key
    source_pos: Pos  # start of the `source` value
    text_node: Node | None = field(default=None, compare=False, repr=False)  # for exact columns inside the text
    text_pos: Pos | None = None  # start of the `text` value
    fuzzy: bool = False  # "needs work" (gettext's fuzzy): kept for the translator, never shown to players

    @property
    def at_text(self) -> Pos:
        return self.text_pos or self.pos


@dataclass(frozen=True, slots=True)
class LocaleFile:
    lang: str
    stem: str  # the file name without .yaml
    path: str  # relative to the project root
    translates: str | None
    translates_pos: Pos
    entries: Mapping[str, Entry]  # in file order
    strings_pos: Pos  # the `strings:` key, where entries that are not in the file are reported
    nodes: Mapping[str, tuple[Node, Node]] = field(default_factory=dict)  # node id → (key, steps): overrides


def read_locale_file(root: Path, path: Path, lang: str, problems: list[Problem]) -> LocaleFile | None:
    relpath = path.relative_to(root).as_posix() if path.is_absolute() else path.as_posix()
    node = read_yaml_file(path if path.is_absolute() else root / path, relpath, problems)
    if node is None:
        return None
    r = Reader(relpath, problems)
    fields = r.mapping(node, "a translation file", required={"translates", "strings"}, optional={"nodes"})
    if fields is None:
        return None
    stem = Path(relpath).stem
    translates = None
    translates_pos = Pos(relpath, 1, 1)
    if "translates" in fields:
        translates_pos = r.pos(fields["translates"][1])
        translates = r.string(fields["translates"][1], "'translates'")
        if translates is not None and translates != stem:
            r.warning(fields["translates"][1], f"this file translates '{translates}' but is named {stem}.yaml",
                      f"name the file {translates}.yaml")
    entries: dict[str, Entry] = {}
    strings_pos = r.pos(fields["strings"][0]) if "strings" in fields else Pos(relpath, 1, 1)
    if "strings" in fields:
        value = fields["strings"][1]
        if isinstance(value, ScalarNode) and core_tag(value) == TAG_NULL:
            pass  # `strings:` with nothing under it: an empty file (every string missing)
        else:
            for ident, (key, item) in (r.pairs(value, "'strings'") or {}).items():
                entry = _entry(r, ident, key, item)
                if entry is not None:
                    entries[ident] = entry
    nodes: dict[str, tuple[Node, Node]] = {}
    if "nodes" in fields:
        for name, pair in (r.pairs(fields["nodes"][1], "'nodes'") or {}).items():
            nodes[name] = pair
    return LocaleFile(lang, stem, relpath, translates, translates_pos, MappingProxyType(entries), strings_pos,
                      MappingProxyType(nodes))


def _entry(r: Reader, ident: str, key: Node, item: Node) -> Entry | None:
    fields = _usual_fields(item)
    if fields is None:  # written some other way: the Reader reads it and reports what is wrong
        fields = r.mapping(item, f"the entry '{ident}'", required={"source", "text"}, optional={"fuzzy"})
        if fields is None or not {"source", "text"} <= fields.keys():
            return None
    source = _text(r, fields["source"][1], f"the source of '{ident}'")
    text = _text(r, fields["text"][1], f"the text of '{ident}'")
    if source is None or text is None:
        return None
    text_node = fields["text"][1]
    limit = text_limit(ident)
    if len(text) > limit:
        r.error(text_node, f"the text of '{ident}' is {len(text):,} characters long; the most is {limit:,}",
                "shorten it: the game shows the English until it fits")
        text = ""  # never shown, never measured: a huge text would freeze the screen that draws it
    fuzzy = r.boolean(fields["fuzzy"][1], f"'fuzzy' of '{ident}'") if "fuzzy" in fields else False
    return Entry(ident, source, text, pos_of(key, r.path), pos_of(fields["source"][1], r.path), text_node,
                 pos_of(text_node, r.path), bool(fuzzy))


_ENTRY_KEYS = frozenset({"source", "text", "fuzzy"})


def _usual_fields(item: Node) -> dict[str, tuple[Node, Node]] | None:
    """The fields of an entry written as `i18n new` writes it: a mapping of the keys source and text (and perhaps
    fuzzy), each once and tagged as text. Reader.mapping returns exactly these for it, with no problem, but builds
    and checks far more for each of a language's thousand entries; None for any other entry."""
    if item.__class__ is not MappingNode:
        return None
    found: dict[str, tuple[Node, Node]] = {}
    for key, value in item.value:
        # A str-tagged key reads as text whatever its style (core_tag): none of these three words looks like a
        # number, true/false or null.
        if key.__class__ is not ScalarNode or key.tag != TAG_STR or key.value not in _ENTRY_KEYS \
                or key.value in found:
            return None
        found[key.value] = (key, value)
    return found if "source" in found and "text" in found else None


def text_limit(ident: str) -> int:
    """How many characters the string with this id may have: names are drawn on one line, the rest is wrapped."""
    if ident == "ui.language.name" or (ident.startswith("characters.") and ident.endswith(".name")):
        return MAX_NAME_CHARS
    return MAX_TEXT_CHARS


def _text(r: Reader, node: Node, what: str) -> str | None:
    if node.__class__ is ScalarNode and node.style and node.tag == TAG_STR:
        return node.value  # quoted, as nearly every text is: core_tag is then its tag, str
    if isinstance(node, ScalarNode) and core_tag(node) == TAG_NULL:
        return ""  # `text:` left empty: not translated yet
    if isinstance(node, MappingNode) or not isinstance(node, ScalarNode):
        r.error(node, f"{what} should be a text", 'write it in double quotes: text: "..."')
        return None
    return node.value


def language_folders(root: Path) -> list[str]:
    """Every language folder under dialogue/ except the source language, sorted."""
    base = root / "dialogue"
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir()
                  if p.is_dir() and p.name != SOURCE_LANG and not p.name.startswith("."))


def locale_paths(root: Path, lang: str) -> list[Path]:
    folder = root / "dialogue" / lang
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.yaml") if p.is_file() and p.name != HELP_FILE)


def read_language(root: Path, lang: str, problems: list[Problem]) -> dict[str, LocaleFile]:
    """Every translation file of one language folder, by file stem."""
    out: dict[str, LocaleFile] = {}
    for path in locale_paths(root, lang):
        found = read_locale_file(root, path, lang, problems)
        if found is not None:
            out[found.stem] = found
    return out
