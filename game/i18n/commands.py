"""`python main.py i18n new|status|export|import`: the translators' tools. Exit codes: 0 ok, 1 problems, 2 misuse."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import TextIO

from game.i18n import checks, po, skeleton
from game.i18n.catalog import Catalog
from game.i18n.locale import HELP_FILE, LANG_HINT, SOURCE_LANG, Entry, read_language, text_limit, valid_lang
from game.limits import MAX_FILE_BYTES
from game.i18n.parser import add_parser  # noqa: F401  (kept importable from here)
from game.i18n.sources import SourceString, all_strings
from game.story.problems import Pos, Problem, sort_problems, summary


def run_i18n(args: argparse.Namespace, root: Path, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    command = args.i18n_command
    if command in ("new", "export") and not valid_lang(args.lang):
        print(f"i18n {command}: error: '{args.lang}' is not a language code ({LANG_HINT})", file=sys.stderr)
        return 2
    if command == "new" and args.lang == SOURCE_LANG:
        print(f"i18n {command}: error: '{SOURCE_LANG}' is the source language", file=sys.stderr)
        return 2
    sources = _sources(root)
    if sources is None:
        return 1
    if command == "new":
        return _new(root, args.lang, args.name or args.lang, sources, out)
    if command == "status":
        return _status(root, sources, args.json, args.strict, out)
    if command == "export":
        return _export(root, args.lang, args.output, sources, out)
    return _import(root, args.file, args.lang, sources, out)


def _sources(root: Path) -> dict[str, list[SourceString]] | None:
    """Every English string, per file; None (with the problems printed) when the English content has errors."""
    from game.content import load_content
    from game.i18n.sources import story_strings, strings_of

    content, problems, files = load_content(root, SOURCE_LANG)
    if content is None:
        for p in sort_problems(problems):
            if p.is_error:
                print(p.format(), file=sys.stderr)
        print(f"the English content has errors, fix them first: {summary(problems, files)}", file=sys.stderr)
        return None
    return {**strings_of(content.strings, SOURCE_LANG, root), **story_strings(content.story),
            **content.extra_sources()} if not content.catalog.sources else all_strings(content)


# --- new --------------------------------------------------------------------------------------------------------------
def _new(root: Path, lang: str, name: str, sources: dict[str, list[SourceString]], out: TextIO) -> int:
    written = skeleton.write_skeleton(root, lang, sources, name)
    for path in written:
        print(f"wrote {path.relative_to(root).as_posix()}", file=out)
    kept = len(sources) - len(written)
    if kept:
        print(f"{kept} file{'s' if kept != 1 else ''} already there, left as they are", file=out)
    if not (root / "dialogue" / lang / HELP_FILE).is_file():
        print(f"the help card: copy dialogue/{SOURCE_LANG}/{HELP_FILE} to dialogue/{lang}/{HELP_FILE} and put in the "
              "organisations and numbers of your place (until then the English card is shown)", file=out)
    return 0


# --- status -----------------------------------------------------------------------------------------------------------
def _status(root: Path, sources: dict[str, list[SourceString]], as_json: bool, strict: bool, out: TextIO) -> int:
    table = checks.status(root, sources)
    names = Catalog.languages_available(root)
    complete = all(checks.total(rows).percent == 100 and checks.total(rows).stale == 0 for rows in table.values())
    if as_json:
        json.dump({"languages": {lang: {"name": names.get(lang, lang),
                                        "files": [r.as_dict() for r in rows],
                                        "total": checks.total(rows).as_dict()} for lang, rows in table.items()},
                   "complete": complete}, out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        if not table:
            print("no translations yet: `python main.py i18n new LANG` starts one", file=out)
        for lang, rows in table.items():
            name = names.get(lang, lang)
            print(f"{lang}" + (f" ({name})" if name != lang else ""), file=out)
            print(f"  {'file':<16}{'translated':>11}{'missing':>9}{'stale':>7}{'orphaned':>10}{'%':>6}", file=out)
            for r in [*rows, checks.total(rows)]:
                print(f"  {r.file:<16}{r.translated:>11}{r.missing:>9}{r.stale:>7}{r.orphaned:>10}{r.percent:>6}",
                      file=out)
    return 1 if strict and not complete else 0


# --- export / import --------------------------------------------------------------------------------------------------
def po_entries(root: Path, lang: str, sources: dict[str, list[SourceString]],
               names: dict[str, str] | None = None) -> list[po.PoEntry]:
    """One PO entry per English string, with this language's own text (not its parents')."""
    problems: list[Problem] = []
    files = read_language(root, lang, problems)
    entries: list[po.PoEntry] = []
    for stem, items in sources.items():
        file = files.get(stem)
        for item in items:
            entry = file.entries.get(item.id) if file is not None else None
            text = entry.text if entry is not None and lang != SOURCE_LANG else ""
            e = po.PoEntry(item.text, text, item.id, [f"{item.path}:{item.line}"])
            if item.speaker:
                e.comments.append(f"speaker: {(names or {}).get(item.speaker, item.speaker)}")
            if text and checks.is_stale(entry, item.text):  # type: ignore[arg-type]
                e.flags.add("fuzzy")
                if entry.source != item.text:  # type: ignore[union-attr]
                    e.previous_msgid = entry.source  # type: ignore[union-attr]  # Poedit shows what changed
            entries.append(e)
    return entries


def _export(root: Path, lang: str, output: Path, sources: dict[str, list[SourceString]], out: TextIO) -> int:
    names = {item.id.split(".")[1]: item.text for item in sources.get("characters", [])}
    entries = po_entries(root, lang, sources, names)
    try:
        output.write_text(po.write_po(lang, entries, template=lang == SOURCE_LANG), encoding="utf-8")
    except OSError as exc:
        print(f"i18n export: error: cannot write {output} ({exc.strerror})", file=sys.stderr)
        return 1
    done = sum(1 for e in entries if e.msgstr)
    fuzzy = sum(1 for e in entries if e.fuzzy)
    if lang == SOURCE_LANG:
        print(f"wrote {output}: the template, {len(entries)} strings", file=out)
        return 0
    print(f"wrote {output}: {len(entries)} strings, {done} translated, {fuzzy} to review (fuzzy)", file=out)
    return 0


_LANGUAGE_LINE = re.compile(r"# (.+) translation of ")


def _import(root: Path, file: Path, lang: str | None, sources: dict[str, list[SourceString]], out: TextIO) -> int:
    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            print(f"i18n import: error: {file} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, far more than "
                  "any translation", file=sys.stderr)
            return 1
        fields, entries = po.read_po(file.read_text(encoding="utf-8"))
    except OSError as exc:
        print(f"i18n import: error: cannot read {file} ({exc.strerror})", file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print(f"i18n import: error: {file} is not UTF-8", file=sys.stderr)
        return 1
    except po.PoError as exc:
        print(f"{file}:{exc.line}:1: error: {exc.message}", file=sys.stderr)
        return 1
    lang = lang or fields.get("Language", "").replace("_", "-")
    if not lang or not valid_lang(lang) or lang == SOURCE_LANG:
        print(f"i18n import: error: the file's language '{lang}' is not one to import into "
              f"(use --lang: {LANG_HINT})", file=sys.stderr)
        return 2
    where = {item.id: stem for stem, items in sources.items() for item in items}
    english = {item.id: item.text for items in sources.values() for item in items}
    texts: dict[str, dict[str, po.PoEntry]] = {}
    unknown: list[po.PoEntry] = []
    refused: list[Problem] = []
    first_at: dict[str, int] = {}
    for e in entries:
        ident = e.msgctxt or ""
        stem = where.get(ident)
        if stem is None:
            unknown.append(e)
            continue
        if ident in first_at:
            refused.append(_po_problem(file, e, f"the id '{ident}' is given twice (first at line {first_at[ident]}); "
                                       "the first is imported", "delete one of the two entries"))
            continue
        first_at[ident] = e.line
        problem = _refusal(file, e, english[ident])
        if problem is not None:
            refused.append(problem)
            continue
        texts.setdefault(stem, {})[ident] = e
    problems: list[Problem] = []
    existing = read_language(root, lang, problems)
    folder = root / "dialogue" / lang
    folder.mkdir(parents=True, exist_ok=True)
    changed = 0
    for stem, items in sources.items():
        if stem not in texts:
            continue
        old = existing.get(stem)
        kept = {i: e.text for i, e in old.entries.items()} if old else {}
        fuzzy = {i for i, e in old.entries.items() if e.fuzzy} if old else set()
        current = {item.id: item.text for item in items}
        # Entries the PO does not mention keep the English they were made from (a stale one stays stale).
        kept_sources = {i: e.source for i, e in (old.entries.items() if old else ())
                        if i in current and i not in texts[stem] and e.source != current[i]}
        for ident, e in texts[stem].items():
            kept[ident] = e.msgstr
            fuzzy.discard(ident)
            if not e.fuzzy:
                continue
            # Still to review: marked as needing work (never shown to players), and where the translator's tool
            # kept the English it was made from, that stays its source so the change is still shown.
            fuzzy.add(ident)
            old_entry = old.entries.get(ident) if old else None
            if e.previous_msgid is not None and e.previous_msgid != current[ident]:
                kept_sources[ident] = e.previous_msgid
            elif old_entry is not None and old_entry.source != current[ident]:
                kept_sources[ident] = old_entry.source
        orphans = {i: (e.source, e.text) for i, e in old.entries.items() if i not in current} if old else {}
        path = folder / f"{stem}.yaml"
        name = _language_name(path) or lang
        text = skeleton.render(stem, items, name, SOURCE_LANG, kept, kept_sources, orphans, frozenset(fuzzy))
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed += 1
            print(f"wrote {path.relative_to(root).as_posix()}", file=out)
    for e in unknown:
        print(f"{file}:{e.line}: warning: the id '{e.msgctxt}' is not in the game (not imported)", file=out)
    for problem in refused:
        print(problem.format(), file=out)
    imported = len(entries) - len(unknown) - len(refused)
    print(f"{imported} strings imported into dialogue/{lang}/, {changed} files changed"
          + (f", {len(unknown)} unknown ids" if unknown else "")
          + (f", {len(refused)} not imported (see above)" if refused else ""), file=out)
    return 1 if unknown or refused else 0


def _po_problem(file: Path, e: po.PoEntry, message: str, hint: str) -> Problem:
    return Problem(Pos(file.as_posix(), max(1, e.line), 1), "error", message, hint)


def _refusal(file: Path, e: po.PoEntry, english: str) -> Problem | None:
    """Why this PO entry must not be imported, or None: over the length limit, or {placeholders} unlike the English."""
    ident = e.msgctxt or ""
    limit = text_limit(ident)
    if len(e.msgstr) > limit:
        return _po_problem(file, e, f"the translation of '{ident}' is {len(e.msgstr):,} characters long; the most is "
                           f"{limit:,}", "shorten it")
    if not e.msgstr:
        return None
    entry = Entry(ident, english, e.msgstr, Pos(file.as_posix(), max(1, e.line), 1), Pos(file.as_posix(), 1, 1))
    mismatch = checks.placeholder_problems(entry, english)
    if mismatch:
        return _po_problem(file, e, f"'{ident}': {mismatch[0].message}", mismatch[0].hint)
    return None


def _language_name(path: Path) -> str:
    if not path.is_file():
        return ""
    with path.open(encoding="utf-8") as f:
        # The header comes first, after the line that names the file's JSON Schema (if any).
        for line in (f.readline(), f.readline()):
            m = _LANGUAGE_LINE.match(line)
            if m:
                return m.group(1)
    return ""

