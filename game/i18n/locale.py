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
from game.story.yamlsrc import (TAG_NULL, TAG_STR, MappingNode, Node, Reader, ScalarNode, checked_text, compose_checked,
                                core_tag, plain_tag, pos_of, quoted_scalar, read_limited)

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
    data = read_limited(path if path.is_absolute() else root / path, relpath, problems)
    if data is None:
        return None
    text = checked_text(data, relpath, problems)
    if text is None:
        return None
    usual = _read_usual_layout(text, relpath, lang)
    if usual is not None:
        found, reading_problems = usual
        problems += reading_problems
        return found
    node = compose_checked(data, text, relpath, problems)
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
            _misnamed(r, translates_pos, translates, stem)
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


def _misnamed(r: Reader, where: Pos, translates: str, stem: str) -> None:
    r.warning(where, f"this file translates '{translates}' but is named {stem}.yaml",
              f"name the file {translates}.yaml")


# --- the layout `i18n new` and `i18n import` write --------------------------------------------------------------------
# Comment lines, `translates:` and `strings:`, then per entry its id and its double-quoted source and text (and perhaps
# `fuzzy:`), each on its own line at its own indentation, with comment and empty lines between entries. Composing such
# a file makes six nodes and twelve marks per entry only for the reader to pick three texts from them; one regular
# expression per entry reads the same, at a fraction of the cost of a language's first switch. Only what YAML reads
# exactly as written qualifies: quoted texts without a backslash (no escapes) on one line, ids short enough to be
# keys and read as text, and no character YAML treats in any special way (tabs, other line breaks, byte-order marks,
# control characters). Any other file is composed and read as before, and reports what is wrong with it.
_USUAL_HEAD = re.compile(r"(?:#[^\n]*\n)*translates: ([a-z][a-z0-9_]*)\nstrings:\n")
_USUAL_ENTRY = re.compile(r'  ([a-z][a-z0-9_.]{0,999}):\n    source: "([^"\\\n]*)"\n    text: "([^"\\\n]*)"\n'
                          r"(?:    fuzzy: (true|false)\n)?")
_USUAL_ASIDE = re.compile(r"[ ]*(?:#[^\n]*)?\n")  # a comment or an empty line between entries, which YAML skips
_NOT_ITSELF = re.compile(r"[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_SOURCE_COL, _TEXT_COL = len('    source: "'), len('    text: "')  # the 1-based column of each text's opening quote


def _read_usual_layout(text: str, relpath: str, lang: str) -> tuple[LocaleFile, list[Problem]] | None:
    """The file and its reading problems, exactly as composing it would give them, when ``text`` is in the usual
    layout; None, having reported nothing, otherwise."""
    head = _USUAL_HEAD.match(text)
    if head is None or plain_tag(head.group(1)) != TAG_STR or _NOT_ITSELF.search(text):
        return None
    r = Reader(relpath, [])
    stem = Path(relpath).stem
    line = head.group(0).count("\n")  # lines so far: the last one is `strings:`
    translates, translates_pos = head.group(1), Pos(relpath, line - 1, len("translates: ") + 1)
    if translates != stem:
        _misnamed(r, translates_pos, translates, stem)
    entries: dict[str, Entry] = {}
    strings_pos = Pos(relpath, line, 1)
    at = head.end()
    while at < len(text):
        m = _USUAL_ENTRY.match(text, at)
        if m is None:
            aside = _USUAL_ASIDE.match(text, at)
            if aside is None:
                return None
            line, at = line + 1, aside.end()
            continue
        ident, source, value, fuzzy = m.groups()
        if ident in entries or plain_tag(ident) != TAG_STR:
            return None  # a duplicate, or an id that reads as a number or true/false: the Reader's to report
        text_node = quoted_scalar(relpath, value, m.start(3) - 1, line + 2, _TEXT_COL - 1)
        entries[ident] = Entry(ident, source, _within_limit(r, ident, value, text_node), Pos(relpath, line + 1, 3),
                               Pos(relpath, line + 2, _SOURCE_COL), text_node, Pos(relpath, line + 3, _TEXT_COL),
                               fuzzy == "true")
        line += 3 if fuzzy is None else 4
        at = m.end()
    if not entries:
        return None  # `strings:` with nothing under it
    return LocaleFile(lang, stem, relpath, translates, translates_pos, MappingProxyType(entries),
                      strings_pos, MappingProxyType({})), r.problems


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
    text = _within_limit(r, ident, text, text_node)
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


def _within_limit(r: Reader, ident: str, text: str, text_node: Node) -> str:
    limit = text_limit(ident)
    if len(text) > limit:
        r.error(text_node, f"the text of '{ident}' is {len(text):,} characters long; the most is {limit:,}",
                "shorten it: the game shows the English until it fits")
        return ""  # never shown, never measured: a huge text would freeze the screen that draws it
    return text


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
