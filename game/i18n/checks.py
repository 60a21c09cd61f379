"""Checks of translation files against the current source strings, each a Problem at the entry's path:line:col.

    missing      an empty text, or an id the file does not have yet          warning
    stale        the entry's `source` is not the current English any more    warning
    orphaned     the id is no longer in the source                           warning (with did-you-mean)
    placeholders {names} in the text differ from the source's                error
    translates   `translates:` names no source file                         error
    too long     a dialogue line wraps to more than 5 lines in the box       warning (needs pygame.font; see too_long)

`status` counts the same things per language and file for `i18n status`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Mapping

from game.i18n.catalog import Catalog
from game.i18n.locale import SOURCE_LANG, Entry, LocaleFile, language_folders, text_limit
from game.limits import MAX_NAME_CHARS, MAX_NAME_WIDTH_PX, MAX_TEXT_CHARS
from game.i18n.sources import SourceString
from game.story.expr import ExprError, template_parts
from game.story.problems import Pos, Problem, did_you_mean
from game.story.model import Story
from game.story.yamlsrc import pos_in_scalar, pos_of

STALE_MESSAGE = "the English line changed since this was translated: please review"
FUZZY_MESSAGE = "this translation is marked as needing work (fuzzy): players see the English until it is done"
UPDATE_HINT = ("`python main.py i18n export {lang} -o {lang}.po` then `i18n import {lang}.po` adds every new line "
               "to the files")

# The dialogue box, as game/ui/dialogue.py lays it out: body text (26 px at 100 %) in a text area 980 px wide.
BOX_TEXT_WIDTH = 980
BOX_MAX_LINES = 5
BODY_SIZE = 26


def is_stale(entry: Entry, current: str) -> bool:
    """A translation to review: made from an English text that has changed since, or marked as needing work."""
    return bool(entry.text) and (entry.source != current or entry.fuzzy)


def check_catalog(catalog: Catalog, story: Story | None = None) -> list[Problem]:
    """Every problem of the translation files of the catalogue's language and its parents."""
    problems: list[Problem] = []
    sources = catalog.sources
    by_id = {item.id: item for items in sources.values() for item in items}
    for code in catalog.chain:
        for file in (catalog.files.get(code) or {}).values():
            problems += check_file(file, sources, by_id)
            if story is not None:
                problems += _overrides(file, story)
    problems += _missing(catalog)
    return problems


def _overrides(file: LocaleFile, story: Story) -> list[Problem]:
    """`nodes:` overrides: the node must still exist in the source scene (the game plays the override instead)."""
    problems: list[Problem] = []
    scene = story.scenes.get(file.translates or file.stem)
    for name, (key, _value) in file.nodes.items():
        pos = pos_of(key, file.path)
        if scene is None or name not in scene.nodes:
            problems.append(Problem(pos, "warning", f"the node '{name}' of this override no longer exists in "
                                    f"dialogue/{SOURCE_LANG}/{file.translates or file.stem}.yaml",
                                    did_you_mean(name, scene.nodes if scene else ()) or
                                    "it was renamed or removed: move or delete the override"))

    return problems


def check_file(file: LocaleFile, sources: Mapping[str, list[SourceString]],
               by_id: Mapping[str, SourceString] | None = None) -> list[Problem]:
    problems: list[Problem] = []
    by_id = by_id if by_id is not None else {item.id: item for items in sources.values() for item in items}
    if file.translates is not None and file.translates not in sources:
        problems.append(Problem(file.translates_pos, "error", f"this file translates '{file.translates}', which is "
                                f"not a file of dialogue/{SOURCE_LANG}/", did_you_mean(file.translates, sources)))
        return problems
    stem_ids = [item.id for item in sources.get(file.translates or file.stem, [])]
    for ident, entry in file.entries.items():
        item = by_id.get(ident)
        if item is None:
            problems.append(Problem(entry.pos, "warning", f"'{ident}' is no longer in the English (orphaned)",
                                    did_you_mean(ident, stem_ids or by_id) or
                                    "the line was removed or renamed: move the translation or delete this entry"))
            continue
        if entry.text and entry.source != item.text:
            problems.append(Problem(entry.source_pos, "warning", STALE_MESSAGE,
                                    f"the English is now: \"{item.text}\"; then copy it into `source`"))
        elif entry.text and entry.fuzzy:
            problems.append(Problem(entry.source_pos, "warning", FUZZY_MESSAGE,
                                    "when the translation is right, delete the line `fuzzy: true`"))
        if entry.text:
            problems += placeholder_problems(entry, item.text)
    return problems


def placeholder_problems(entry: Entry, source: str) -> list[Problem]:
    """{names} in the translation must be exactly those of the source (as many times each)."""
    def at(col: int) -> Pos:
        return pos_in_scalar(entry.text_node, entry.at_text.path, col) if entry.text_node is not None \
            else entry.at_text

    if "{" not in source and "}" not in source and "{" not in entry.text and "}" not in entry.text:
        return []  # most lines: no placeholder on either side, and no brace the template reader could refuse
    try:
        want = Counter(name for kind, name, _ in template_parts(source) if kind == "var")
    except ExprError:
        return []  # the source's own problem is reported by the dialogue checker
    try:
        parts = template_parts(entry.text)
    except ExprError as exc:
        return [Problem(at(exc.column), "error", f"in the translation of '{entry.id}': {exc.message}",
                        exc.hint or "keep every {word} exactly as in the English")]
    problems: list[Problem] = []
    have: Counter[str] = Counter()
    for kind, name, col in parts:
        if kind != "var":
            continue
        have[name] += 1
        if have[name] > want[name]:
            hint = did_you_mean(name, want) if name not in want else ""
            problems.append(Problem(at(col), "error", f"the placeholder {{{name}}} is not in the English text",
                                    hint or f"the English has: {_names(want)}"))
    for name, count in want.items():
        if have[name] < count:
            problems.append(Problem(at(1), "error", f"the placeholder {{{name}}} of the English text is missing "
                                    "from the translation", "keep every {word} exactly as in the English: "
                                    "the game fills it in"))
    return problems


def _names(names: Iterable[str]) -> str:
    shown = ", ".join(f"{{{n}}}" for n in sorted(set(names)))
    return shown or "no placeholders"


def _missing(catalog: Catalog) -> list[Problem]:
    """Strings with no translation along the chain, reported in the closest language's file that should have them."""
    problems: list[Problem] = []
    lang = catalog.lang
    if lang == SOURCE_LANG:
        return problems
    for stem, items in catalog.sources.items():
        holder = next((catalog.files[code][stem] for code in catalog.chain
                       if code in catalog.files and stem in catalog.files[code]), None)
        if holder is None:
            problems.append(Problem(Pos(f"dialogue/{lang}/{stem}.yaml", 1, 1), "warning",
                                    f"there is no translation of dialogue/{SOURCE_LANG}/{stem}.yaml: the English is "
                                    "shown", f"`python main.py i18n new {lang}` writes it"))
            continue
        absent = []
        for item in items:
            if catalog.translated(item.id):
                continue
            entry = holder.entries.get(item.id)
            if entry is not None:
                problems.append(Problem(entry.at_text, "warning", "not translated yet: the English line is shown"))
            else:
                absent.append(item.id)
        for ident in absent:
            problems.append(Problem(holder.strings_pos, "warning", f"'{ident}' is new in the English and not in "
                                    "this file yet", UPDATE_HINT.format(lang=holder.lang)))
    return problems


# --- too long for the dialogue box -----------------------------------------------------------------------------------
def _renderer(root: Path):  # noqa: ANN202 - a TextRenderer, or None without pygame
    """The game's own renderer and fonts at 100 % text size; None when pygame's font module cannot start."""
    try:
        import os

        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        import pygame

        pygame.font.init()
        from game.ui.text import FontFiles, Style, TextRenderer

        renderer = TextRenderer(FontFiles.shipped(root / "assets" / "fonts"), 1.0)
        renderer.width("A", Style(BODY_SIZE))  # fails here when the fonts cannot be opened
    except Exception:  # noqa: BLE001 - no pygame, no fonts: the check is optional
        return None
    return renderer


class Measure:
    """The dialogue box's measurements of texts, with the game's renderer and fonts at 100 % text size; the renderer
    is opened on the first text that needs it. With a cache ``folder``, texts measured by an earlier check with the
    same fonts are not measured again (game/fitcache.py), unless ``reuse`` is false (`check --full`); save() keeps
    this check's measurements for the next."""

    def __init__(self, root: Path, folder: Path | None = None, reuse: bool = True) -> None:
        from game import fitcache

        self.root = root
        self.folder = folder
        self.key = fitcache.measure_key(root / "assets" / "fonts", f"{BOX_TEXT_WIDTH}:{BODY_SIZE}") \
            if folder is not None else None
        self.known, self.known_widths = fitcache.read(folder, self.key) \
            if folder is not None and self.key is not None and reuse else ({}, {})
        self.used: dict[str, int] = {}
        self.used_widths: dict[str, int] = {}
        self._renderer: object = None
        self._opened = False

    def renderer(self):  # noqa: ANN201 - a TextRenderer, or None without pygame
        if not self._opened:
            self._opened = True
            self._renderer = _renderer(self.root)
        return self._renderer

    def lines(self, text: str) -> int | None:
        """How many lines ``text`` wraps to in the dialogue box; None when pygame's font module cannot start."""
        def wrap(renderer) -> int:  # noqa: ANN001
            from game.ui.text import Style

            return len(renderer.wrap(text, BOX_TEXT_WIDTH, Style(BODY_SIZE)))

        return self._look(self.used, self.known, text, wrap)

    def name_width(self, text: str) -> int | None:
        """The width of a name drawn on one line (bold); None when pygame's font module cannot start."""
        def width(renderer) -> int:  # noqa: ANN001
            from game.ui.text import Style

            return renderer.width(text, Style(BODY_SIZE, bold=True))

        return self._look(self.used_widths, self.known_widths, text, width)

    def _look(self, used: dict[str, int], known: dict[str, int], text: str, measure) -> int | None:  # noqa: ANN001
        """The value this check already used, else one an earlier check kept, else ``measure``d now (game.ui.text is
        imported only then: a check whose texts are all known never starts pygame)."""
        from game.fitcache import digest

        name = digest(text)
        value = used.get(name)
        if value is None:
            value = known.get(name)
        if value is None:
            renderer = self.renderer()
            if renderer is None:
                return None
            value = measure(renderer)
        used[name] = value
        return value

    def save(self) -> None:
        """Keep what this check measured or used for the next one (nothing without a cache folder)."""
        from game import fitcache

        if self.folder is None or self.key is None:
            return
        if self.used == self.known and self.used_widths == self.known_widths:
            return  # nothing new: the file already says this
        fitcache.write(self.folder, self.key, fitcache.kept(self.used, self.known),
                       fitcache.kept(self.used_widths, self.known_widths))


def too_long(root: Path, items: Iterable[tuple[str, Pos]], severity: str = "warning",
             measure: Measure | None = None) -> list[Problem]:
    """Dialogue texts that wrap to more than BOX_MAX_LINES lines at 100 % text size in the dialogue box, measured with
    the game's own renderer and fonts (or known from an earlier check: ``measure``). Skipped (no problems) when
    pygame's font module cannot start."""
    measure = measure or Measure(root)
    problems: list[Problem] = []
    for text, pos in items:
        if not text or len(text) > MAX_TEXT_CHARS:  # over the character limit: reported as that, never measured
            continue
        lines = measure.lines(text)
        if lines is None:
            return problems  # no pygame, no fonts: the check is optional
        if lines > BOX_MAX_LINES:
            problems.append(Problem(pos, severity, f"too long for the dialogue box: {lines} lines at 100 % text "  # type: ignore[arg-type]
                                    f"size (at most {BOX_MAX_LINES})", "shorten it, or split it into two lines"))
    return problems


def over_limits(root: Path, items: Iterable[tuple[str, str, Pos]], measure: Measure | None = None) -> list[Problem]:
    """(id, text, pos) over the limits of game/limits.py: too many characters for any string, and names (drawn on one
    line: a language in the menu, a name tag) wider than MAX_NAME_WIDTH_PX at 100 % text."""
    measure = measure or Measure(root)
    problems: list[Problem] = []
    for ident, text, pos in items:
        limit = text_limit(ident)
        if len(text) > limit:
            problems.append(Problem(pos, "error", f"'{ident}' is {len(text):,} characters long; the most is {limit:,}",
                                    "shorten it"))
        elif limit == MAX_NAME_CHARS:
            width = measure.name_width(text)
            if width is not None and width > MAX_NAME_WIDTH_PX:
                problems.append(Problem(pos, "error", f"'{ident}' is {width} pixels wide on one line; the most is "
                                        f"{MAX_NAME_WIDTH_PX}", "use a shorter name"))
    return problems


def sources_over_limits(root: Path, sources: Mapping[str, list[SourceString]], measure: Measure | None = None
                        ) -> list[Problem]:
    return over_limits(root, ((item.id, item.text, Pos(item.path, item.line, item.col))
                              for items in sources.values() for item in items), measure)


def translations_over_limits(root: Path, catalog: Catalog, measure: Measure | None = None) -> list[Problem]:
    """Translations are cut to the character limit when read (game.i18n.locale); names are measured here."""
    return over_limits(root, ((e.id, e.text, e.at_text) for code in catalog.chain
                              for file in (catalog.files.get(code) or {}).values() for e in file.entries.values()
                              if e.text and text_limit(e.id) == MAX_NAME_CHARS), measure)


def source_too_long(root: Path, sources: Mapping[str, list[SourceString]], measure: Measure | None = None
                    ) -> list[Problem]:
    return too_long(root, ((item.text, Pos(item.path, item.line, item.col))
                           for items in sources.values() for item in items if item.dialogue), measure=measure)


def translations_too_long(root: Path, catalog: Catalog, measure: Measure | None = None) -> list[Problem]:
    dialogue = {item.id for items in catalog.sources.values() for item in items if item.dialogue}
    texts = []
    for code in catalog.chain:
        for file in (catalog.files.get(code) or {}).values():
            texts += [(e.text, e.at_text) for e in file.entries.values() if e.text and e.id in dialogue]
    return too_long(root, texts, measure=measure)


# --- status ----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class FileStatus:
    file: str  # stem
    total: int
    translated: int
    missing: int
    stale: int
    orphaned: int

    @property
    def percent(self) -> int:
        """Rounded down, so 100 means every string is translated."""
        return 100 if self.total == 0 else self.translated * 100 // self.total

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "percent": self.percent}


def status(root: Path, sources: Mapping[str, list[SourceString]], languages: list[str] | None = None
           ) -> dict[str, list[FileStatus]]:
    """Per language folder (every one under dialogue/ except the source), per source file."""
    out: dict[str, list[FileStatus]] = {}
    for lang in languages if languages is not None else language_folders(root):
        catalog, _problems = Catalog.load(root, lang, sources)
        own = catalog.files.get(lang) or {}
        rows = []
        for stem, items in sources.items():
            file = own.get(stem)
            translated = sum(1 for item in items if catalog.translated(item.id))
            stale = sum(1 for item in items
                        if file is not None and item.id in file.entries and is_stale(file.entries[item.id], item.text))
            ids = {item.id for item in items}
            orphaned = sum(1 for ident in file.entries if ident not in ids) if file is not None else 0
            rows.append(FileStatus(stem, len(items), translated, len(items) - translated, stale, orphaned))
        for stem, file in own.items():
            if stem not in sources:
                rows.append(FileStatus(stem, 0, 0, 0, 0, len(file.entries)))
        out[lang] = rows
    return out


def total(rows: list[FileStatus]) -> FileStatus:
    return FileStatus("total", sum(r.total for r in rows), sum(r.translated for r in rows),
                      sum(r.missing for r in rows), sum(r.stale for r in rows), sum(r.orphaned for r in rows))
