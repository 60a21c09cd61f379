"""Writes translation files: every source string with its English text beside an empty (or kept) translation."""

from __future__ import annotations

import json
from pathlib import Path

from game.i18n.sources import SourceString

HEADER = """\
# yaml-language-server: $schema=../../schemas/translation.schema.json
# {language} translation of dialogue/{source}/{stem}.yaml.
# For each line: `source` is the {source_name} text, kept so you always see what you translate and so the checker
# can tell you when it changes. Write your translation in `text`. Keep words in {{braces}}: the game fills them in.
# An empty text shows the {source_name} line until it is translated.
translates: {stem}
strings:
"""


# Characters YAML reads as line breaks (or drops) even inside double quotes: written as escapes so they survive.
_YAML_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\x85", "\ufeff": "\\ufeff"}


def _quote(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar, and keeps every character visible and safe.
    quoted = json.dumps(text, ensure_ascii=False)
    for ch, escape in _YAML_BREAKS.items():
        quoted = quoted.replace(ch, escape)
    return quoted


ORPHANS = """\
  # No longer in the {source_name} text (kept so no translation is lost; delete them when you no longer need them):
"""


def render(stem: str, items: list[SourceString], language: str, source: str = "en",
           existing: dict[str, str] | None = None, kept_sources: dict[str, str] | None = None,
           orphans: dict[str, tuple[str, str]] | None = None, fuzzy: frozenset[str] = frozenset()) -> str:
    """The text of one translation file. ``existing``: id → translation to keep. ``kept_sources``: id → the source
    text to write instead of the current one (a translation still to review keeps the text it was made from, so it
    stays stale). ``orphans``: id → (source, text) of entries no longer in the source, written at the end. ``fuzzy``:
    ids whose translation needs work (kept, marked, not shown to players)."""
    existing = existing or {}
    kept_sources = kept_sources or {}
    source_name = "English" if source == "en" else source
    out = [HEADER.format(language=language, source=source, stem=stem, source_name=source_name)]
    for item in items:
        src = kept_sources.get(item.id, item.text)
        text = existing.get(item.id, "")
        out.append(f"  {item.id}:\n    source: {_quote(src)}\n    text: {_quote(text)}\n")
        if text and item.id in fuzzy:
            out.append("    fuzzy: true\n")
    if orphans:
        out.append(ORPHANS.format(source_name=source_name))
        for ident, (src, text) in orphans.items():
            out.append(f"  {ident}:\n    source: {_quote(src)}\n    text: {_quote(text)}\n")
    return "".join(out)


def write_skeleton(root: Path, lang: str, strings: dict[str, list[SourceString]], language: str,
                   source: str = "en") -> list[Path]:
    """One file per source file under dialogue/<lang>/; existing files are left alone."""
    folder = root / "dialogue" / lang
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, items in strings.items():
        path = folder / f"{stem}.yaml"
        if path.exists():
            continue
        path.write_text(render(stem, items, language, source), encoding="utf-8")
        written.append(path)
    return written
