"""The one text renderer: picks a font per script run, shapes with set_script, wraps, and caches rendered lines.

Shaping is the expensive part of drawing text, so every rendered line is cached by (text, style, colour); a change of
language or text size simply produces different keys, and the cache is bounded.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import pygame

from game import graphemes

# No line on any screen holds more than a few hundred characters (1920 px at the smallest text is about 400), so a
# longer one is a broken or hostile string: it is cut here, before shaping, instead of making a surface wider than
# the machine can allocate. Content checks report such strings long before they reach the screen.
MAX_LINE_CHARS = 1000


def clip(text: str) -> str:
    """The text as one line can show it: at most MAX_LINE_CHARS characters, cut between clusters, marked with …"""
    if len(text) <= MAX_LINE_CHARS:
        return text
    cuts = graphemes.boundaries(text[:MAX_LINE_CHARS + 8])
    end = max(c for c in cuts if c <= MAX_LINE_CHARS - 1)
    return text[:end] + "…"

# Unicode blocks that need their own font and HarfBuzz script tag. Everything else is drawn with the Latin font.
_SCRIPTS = (
    ("Deva", 0x0900, 0x097F),
    ("Deva", 0xA8E0, 0xA8FF),
    ("Beng", 0x0980, 0x09FF),
)

# Characters that belong to no script (spaces, digits, punctuation) stay in the run around them, so a Hindi sentence
# is shaped as one run and not broken at every space.
_NEUTRAL = set(" \t0123456789.,;:!?'\"()[]-–—…/%+=*&#@")


def script_of(ch: str) -> str | None:
    code = ord(ch)
    for tag, lo, hi in _SCRIPTS:
        if lo <= code <= hi:
            return tag
    if ch in _NEUTRAL or ch in "\u0964\u0965":  # danda marks are shared by Indic scripts
        return None
    return "Latn"


def script_runs(text: str) -> list[tuple[str, str]]:
    """Split text into (script, run) pieces; neutral characters join the run before them (or after, at the start).

    One pass that records where runs start and slices once, so the cost stays linear on any length of text."""
    starts: list[tuple[int, str]] = []  # (offset, script) where a run begins
    for i, ch in enumerate(text):
        tag = script_of(ch)
        if tag is None or (starts and starts[-1][1] == tag):
            continue
        # Leading neutral characters belong to the first run.
        starts.append((0 if not starts else i, tag))
    if not starts:
        return [("Latn", text)] if text else []
    ends = [offset for offset, _ in starts[1:]] + [len(text)]
    return [(tag, text[offset:end]) for (offset, tag), end in zip(starts, ends)]


@dataclass(frozen=True, slots=True)
class Style:
    size: int  # logical pixels at 100 % text size
    bold: bool = False
    fixed: bool = False  # decorative text (the game's name) that keeps its size whatever the text-size setting


# The script tag of the fallback font: characters the legible Latin font has no glyph for are drawn with Noto Sans.
FALLBACK = "Zyyy"


@dataclass(frozen=True, slots=True)
class FontFiles:
    regular: dict[str, Path]
    bold: dict[str, Path]

    @staticmethod
    def shipped(fonts_dir: Path, legible: bool = False) -> "FontFiles":
        """The fonts in assets/fonts. ``legible``: Atkinson Hyperlegible for Latin text (the easy-to-read font setting),
        with Noto Sans behind it for any character it lacks; Devanagari and Bengali keep Noto in both."""
        regular = {"Latn": fonts_dir / "NotoSans-Regular.ttf", "Deva": fonts_dir / "NotoSansDevanagari-Regular.ttf",
                   "Beng": fonts_dir / "NotoSansBengali-Regular.ttf"}
        bold = {"Latn": fonts_dir / "NotoSans-Bold.ttf", "Deva": fonts_dir / "NotoSansDevanagari-Bold.ttf",
                "Beng": fonts_dir / "NotoSansBengali-Bold.ttf"}
        if legible:
            regular |= {"Latn": fonts_dir / LEGIBLE_REGULAR, FALLBACK: regular["Latn"]}
            bold |= {"Latn": fonts_dir / LEGIBLE_BOLD, FALLBACK: bold["Latn"]}
        return FontFiles(regular=regular, bold=bold)


LEGIBLE_REGULAR = "AtkinsonHyperlegible-Regular.woff"
LEGIBLE_BOLD = "AtkinsonHyperlegible-Bold.woff"

_FACES: dict[Path, object] = {}  # pygame.freetype.Font per file, opened on the first question


def has_glyph(path: Path, ch: str) -> bool:
    """Whether the font file has a glyph for ``ch``. pygame.font gives metrics even for a missing character (those of
    the empty box it would draw), so this asks pygame.freetype, which says None for a character the font lacks."""
    import pygame.freetype

    if not pygame.freetype.get_init():
        pygame.freetype.init()
    face = _FACES.get(path)
    if face is None:
        face = _FACES[path] = pygame.freetype.Font(str(path), 16)
    return face.get_metrics(ch)[0] is not None


class TextRenderer:
    def __init__(self, files: FontFiles, scale: float = 1.0, cache_size: int = 512, line_spacing: float = 1.0) -> None:
        self._files = files
        self.scale = scale
        self.line_spacing = line_spacing  # the line-spacing setting: 1.0, 1.25 or 1.5 times the normal step
        self._generation = 0  # counts font changes, so layouts cached on layout_key notice them
        self._fonts: dict[tuple[str, bool, int], pygame.font.Font] = {}
        self._lines: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._has_glyph: dict[tuple[bool, str], bool] = {}
        self._cache_size = cache_size

    @property
    def files(self) -> FontFiles:
        return self._files

    @files.setter
    def files(self, files: FontFiles) -> None:
        """Another set of fonts (the easy-to-read font setting): every cached font and line is dropped."""
        if files == self._files:
            return
        self._files = files
        self._generation += 1
        self._fonts.clear()
        self._lines.clear()
        self._has_glyph.clear()

    @property
    def layout_key(self) -> tuple:
        """Everything that moves text about: a layout cached under this key is still right while it is unchanged."""
        return (self.scale, self.line_spacing, self._generation)

    # --- fonts -------------------------------------------------------------------------------------------------
    def px(self, style: Style) -> int:
        return max(8, round(style.size * (1.0 if style.fixed else self.scale)))

    def _font(self, script: str, style: Style) -> pygame.font.Font:
        size = self.px(style)
        key = (script, style.bold, size)
        font = self._fonts.get(key)
        if font is None:
            table = self.files.bold if style.bold else self.files.regular
            path = table.get(script) or table["Latn"]
            font = pygame.font.Font(str(path), size)
            if script not in ("Latn", FALLBACK) and hasattr(font, "set_script"):
                font.set_script(script)
            self._fonts[key] = font
        return font

    def _runs(self, text: str, style: Style) -> list[tuple[str, str]]:
        """Script runs; with a fallback font, Latin runs are split where the Latin font has no glyph."""
        runs = script_runs(text)
        table = self.files.bold if style.bold else self.files.regular
        if FALLBACK not in table:
            return runs
        out: list[tuple[str, str]] = []
        for tag, run in runs:
            if tag != "Latn":
                out.append((tag, run))
                continue
            start, piece = 0, None
            for i, ch in enumerate(run):
                kind = "Latn" if ch.isspace() or self._glyph(ch, style) else FALLBACK
                if kind != piece:
                    if piece is not None:
                        out.append((piece, run[start:i]))
                    start, piece = i, kind
            if piece is not None:
                out.append((piece, run[start:]))
        return out

    def _glyph(self, ch: str, style: Style) -> bool:
        """Whether the Latin font draws ``ch`` (the same at every size, so asked once per character and weight)."""
        key = (style.bold, ch)
        found = self._has_glyph.get(key)
        if found is None:
            table = self.files.bold if style.bold else self.files.regular
            found = self._has_glyph[key] = has_glyph(table["Latn"], ch)
        return found

    def line_height(self, style: Style) -> int:
        """The step from one line to the next: the font's line, a little air, times the line-spacing setting."""
        return round(self._font("Latn", style).get_linesize() * 1.12 * self.line_spacing)

    def _half_leading(self, style: Style) -> int:
        """The room the line-spacing setting adds above a line (as much again goes below), so a line stays centred
        in its taller step: a one-line button does not look top-heavy. 0 at normal spacing."""
        if self.line_spacing == 1.0:
            return 0
        return (self.line_height(style) - round(self._font("Latn", style).get_linesize() * 1.12)) // 2

    # --- measuring and wrapping ----------------------------------------------------------------------------------
    def width(self, text: str, style: Style) -> int:
        text = clip(text)
        return sum(self._font(tag, style).size(run)[0] for tag, run in self._runs(text, style))

    def wrap(self, text: str, width: int, style: Style) -> list[str]:
        """Greedy word wrap to ``width`` pixels. Explicit newlines are kept; a word longer than a line is broken
        between grapheme clusters (never inside a Devanagari or Bengali conjunct).

        Each word is measured with the line it would join, once; a word too long for any line is cut by a galloping
        search over cluster boundaries, which measures only pieces about a line long. So the cost is O(n log n) in
        the length of the text whatever it holds (a 2,000-character run without a space used to take half a minute).
        """
        lines: list[str] = []
        for paragraph in text.split("\n"):
            current = ""
            for word in paragraph.split(" "):
                candidate = word if not current else f"{current} {word}"
                if len(candidate) <= MAX_LINE_CHARS and self.width(candidate, style) <= width:
                    current = candidate
                    continue
                if current:
                    lines.append(current)
                pieces = self._break_word(word, width, style)
                lines.extend(pieces[:-1])
                current = pieces[-1]
            lines.append(current)
        return lines

    def _break_word(self, word: str, width: int, style: Style) -> list[str]:
        """``word`` as lines that fit ``width`` (the last may be short); at least one cluster per line."""
        if len(word) <= MAX_LINE_CHARS and self.width(word, style) <= width:
            return [word]
        cuts = graphemes.boundaries(word)
        pieces: list[str] = []
        first = 0  # index into cuts where the current line starts
        last = len(cuts) - 1
        while first < last:
            # Gallop: 1, 2, 4 … more clusters until the piece no longer fits (or the word ends), then bisect. One
            # cluster always goes on a line, even one wider than the box, so this always moves on.
            good, step, bad = first + 1, 1, None
            while good < last:
                probe = min(good + step, last)
                if not self._fits(word[cuts[first]:cuts[probe]], width, style):
                    bad = probe
                    break
                good, step = probe, step * 2
            while bad is not None and bad - good > 1:
                mid = (good + bad) // 2
                if self._fits(word[cuts[first]:cuts[mid]], width, style):
                    good = mid
                else:
                    bad = mid
            pieces.append(word[cuts[first]:cuts[good]])
            first = good
        return pieces or [""]

    def _fits(self, piece: str, width: int, style: Style) -> bool:
        return len(piece) <= MAX_LINE_CHARS and self.width(piece, style) <= width

    # --- drawing -------------------------------------------------------------------------------------------------
    def render(self, text: str, style: Style, color: tuple[int, int, int]) -> pygame.Surface:
        text = clip(text)
        key = (text, style, self.px(style), self.line_spacing, color)
        surf = self._lines.get(key)
        if surf is not None:
            self._lines.move_to_end(key)
            return surf
        surf = self._render_runs(text, style, color)
        self._lines[key] = surf
        if len(self._lines) > self._cache_size:
            self._lines.popitem(last=False)
        return surf

    def _render_runs(self, text: str, style: Style, color: tuple[int, int, int]) -> pygame.Surface:
        pieces = []
        for tag, run in self._runs(text, style):
            font = self._font(tag, style)
            pieces.append((font.render(run, True, color), font.get_ascent()))
        lead = self._half_leading(style)
        if not pieces:
            font = self._font("Latn", style)
            return pygame.Surface((1, font.get_linesize() + 2 * lead), pygame.SRCALPHA)
        # A common baseline (at least the Latin font's ascent) so lines in every script sit at the same height.
        ascent = max([a for _, a in pieces] + [self._font("Latn", style).get_ascent()])
        height = max(ascent - a + s.get_height() for s, a in pieces)
        surf = pygame.Surface((max(1, sum(s.get_width() for s, _ in pieces)), height + 2 * lead), pygame.SRCALPHA)
        x = 0
        for s, a in pieces:
            surf.blit(s, (x, lead + ascent - a))
            x += s.get_width()
        return surf

    def draw_lines(self, surface: pygame.Surface, lines: list[str], style: Style, color, x: int, y: int) -> int:
        """Draw wrapped lines top-down; returns the y below the last line."""
        step = self.line_height(style)
        for line in lines:
            surface.blit(self.render(line, style, color), (x, y))
            y += step
        return y
