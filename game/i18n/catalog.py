"""The runtime catalogue: text id → the text to show in the player's language, along the language chain.

    catalog = Catalog.load(root, "hi-IN", sources)[0]
    catalog.text("home.meera.m1", "Don't come in here with those feet.")   # hi-IN, else hi, else the English

It never returns a raw id: with no translation it returns the source text it was given. Placeholders ({name}) are
filled in after translation, by whoever shows the text (the runner, Strings.get).
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from game.i18n.locale import SOURCE_LANG, LocaleFile, lang_chain, read_language
from game.i18n.sources import SourceString
from game.story.problems import Problem
from game.limits import MAX_NAME_CHARS
from game.story.yamlsrc import MappingNode, ScalarNode, read_yaml_file

LANGUAGE_NAME_ID = "ui.language.name"


class Catalog:
    """Translations of one language and its parents. Immutable after construction."""

    def __init__(self, lang: str = SOURCE_LANG, layers: Mapping[str, Mapping[str, LocaleFile]] | None = None,
                 sources: Mapping[str, list[SourceString]] | None = None) -> None:
        self.lang = lang
        self.chain: tuple[str, ...] = lang_chain(lang)
        self.files: Mapping[str, Mapping[str, LocaleFile]] = MappingProxyType(dict(layers or {}))
        self.sources: Mapping[str, list[SourceString]] = MappingProxyType(dict(sources or {}))
        # One flat table per language of the chain (the source language has none): id → non-empty translation.
        self._tables: list[dict[str, str]] = []
        for code in self.chain:
            table: dict[str, str] = {}
            for file in (self.files.get(code) or {}).values():
                for ident, entry in file.entries.items():
                    if entry.text and not entry.fuzzy and ident not in table:
                        table[ident] = entry.text
            self._tables.append(table)

    def __repr__(self) -> str:
        return f"Catalog({self.lang!r}, chain={self.chain!r})"

    @staticmethod
    def source() -> "Catalog":
        """The source language: every text is its source."""
        return Catalog(SOURCE_LANG)

    @staticmethod
    def load(root: Path, lang: str, sources: Mapping[str, list[SourceString]] | None = None
             ) -> tuple["Catalog", list[Problem]]:
        """Reads the translation files of every language of the chain (only the reading problems are returned; the
        checks against the sources are game.i18n.checks)."""
        problems: list[Problem] = []
        layers = {code: read_language(root, code, problems) for code in lang_chain(lang) if code != SOURCE_LANG}
        return Catalog(lang, layers, sources), problems

    # Nodes this language wrote itself (overrides): their texts are already in the language and win over any
    # translation of the source node's lines that happen to share their ids.
    own_nodes: frozenset[str] = frozenset()

    def text(self, id: str, source: str) -> str:  # noqa: A002 - the id of a text is its name everywhere
        """The first non-empty translation along the chain, else the source text."""
        if self.own_nodes and ".".join(id.split(".")[:2]) in self.own_nodes:
            return source
        for table in self._tables:
            found = table.get(id)
            if found:
                return found
        return source

    def translated(self, id: str) -> bool:  # noqa: A002
        """True when some language of the chain (not the source) has a non-empty text for this id."""
        for table in self._tables:  # a loop, not any() over a generator: asked for every source string at each load
            if id in table:
                return True
        return False

    @staticmethod
    def languages_available(root: Path) -> dict[str, str]:
        """Language code → its own name, for the language menu: the source language first, then every folder under
        dialogue/ that has a ui.yaml translation, sorted by code. A name comes from the `ui.language.name` entry along
        the language's chain (not from English); without one, the code is the name."""
        names: dict[str, str] = {SOURCE_LANG: _source_language_name(root)}
        base = root / "dialogue"
        folders = sorted(p.name for p in base.iterdir() if p.is_dir() and p.name != SOURCE_LANG
                         and not p.name.startswith(".") and (p / "ui.yaml").is_file()) if base.is_dir() else []
        own: dict[str, str] = {code: _translated_name(base / code / "ui.yaml") for code in folders}
        for code in folders:
            name = ""
            for parent in lang_chain(code):
                if parent == SOURCE_LANG:
                    break
                name = own[parent] if parent in own else _translated_name(base / parent / "ui.yaml")
                if name:
                    break
            names[code] = name or code
        return names


def _translated_name(path: Path) -> str:
    """The text of the `ui.language.name` entry of a ui.yaml translation file ("" when absent or empty)."""
    if not path.is_file():
        return ""
    node = read_yaml_file(path, path.name, [])  # size-limited; its problems are `check`'s to report
    value = _lookup(node, ("strings", LANGUAGE_NAME_ID, "text"))
    # An over-long name is refused as `check` says, and the menu shows the language code instead.
    return value.strip() if value and len(value) <= MAX_NAME_CHARS else ""


def _source_language_name(root: Path) -> str:
    path = root / "dialogue" / SOURCE_LANG / "ui.yaml"
    if not path.is_file():
        return SOURCE_LANG
    node = read_yaml_file(path, path.name, [])
    value = _lookup(node, ("language", "name"))
    return value.strip() if value and value.strip() and len(value) <= MAX_NAME_CHARS else SOURCE_LANG


def _lookup(node: object, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if not isinstance(node, MappingNode):
            return None
        node = next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == key), None)
    return node.value if isinstance(node, ScalarNode) and node.value is not None else None


__all__ = ["Catalog", "LANGUAGE_NAME_ID"]
