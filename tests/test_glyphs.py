"""No tofu: every character of every shipped text, in every language, has a glyph in the font the renderer picks."""

from pathlib import Path

import pytest
import yaml

from game.paths import project_root
from game.ui.text import FontFiles, Style, TextRenderer, has_glyph, script_runs

ROOT = project_root()


def shipped_texts():
    for path in sorted((ROOT / "dialogue").glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        yield from _strings(data, path)


def _strings(data, path):
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("source", "id", "if", "do", "goto", "call", "say", "face", "sound", "translates", "end"):
                continue
            yield from _strings(value, path)
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item, path)
    elif isinstance(data, str) and data.strip():
        yield path, data


@pytest.fixture(scope="module")
def renderer(display):
    return TextRenderer(FontFiles.shipped(ROOT / "assets" / "fonts"))


@pytest.mark.parametrize("bold", [False, True])
def test_every_shipped_character_has_a_glyph(renderer, bold):
    table = renderer.files.bold if bold else renderer.files.regular
    missing = {}
    for path, text in shipped_texts():
        for tag, run in script_runs(text):
            font = table.get(tag) or table["Latn"]
            for ch in run:
                if not ch.isspace() and ch not in "\u200c\u200d" and not has_glyph(font, ch):
                    missing.setdefault(ch, Path(path).relative_to(ROOT).as_posix())
    assert missing == {}, f"characters with no glyph (would show as boxes): {missing}"


# --- the easy-to-read font (settings: Letters: easy to read) -------------------------------------------------------
@pytest.fixture(scope="module")
def legible(display):
    return TextRenderer(FontFiles.shipped(ROOT / "assets" / "fonts", legible=True))


def player_texts(lang: str):
    """What a player reads in a Latin-script language: dialogue, interface, help card and survey (not the guide,
    which is a web page for teachers)."""
    for path, text in shipped_texts():
        if path.parent.name == lang and path.name != "guide.yaml":
            yield path, text


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("bold", [False, True])
def test_every_english_and_spanish_character_has_a_glyph_in_the_legible_font(legible, lang, bold):
    """Atkinson Hyperlegible itself draws every character (no fallback needed), so the whole text has its shapes."""
    font = legible.files.bold["Latn"] if bold else legible.files.regular["Latn"]
    assert "Atkinson" in font.name
    missing = {}
    for path, text in player_texts(lang):
        for ch in text:
            if not ch.isspace() and ch not in "\u200c\u200d" and not has_glyph(font, ch):
                missing.setdefault(ch, Path(path).relative_to(ROOT).as_posix())
    assert missing == {}, f"characters Atkinson Hyperlegible lacks (drawn with Noto instead): {missing}"


def test_a_character_the_legible_font_lacks_is_drawn_with_noto(legible, renderer):
    """₹ is not in the Latin subset shipped: that one character falls back to Noto Sans, the rest stays Atkinson."""
    style = Style(26)
    assert not has_glyph(legible.files.regular["Latn"], "₹") and has_glyph(renderer.files.regular["Latn"], "₹")
    runs = legible._runs("Price ₹20", style)
    assert runs == [("Latn", "Price "), ("Zyyy", "₹"), ("Latn", "20")]
    image = legible.render("₹", style, (0, 0, 0))
    assert image.get_bounding_rect().w > 4  # a real glyph, not an empty box
    assert legible.width("Price", style) != renderer.width("Price", style)  # and the words are in the other font
    # Devanagari and Bengali keep Noto whatever the Latin font.
    assert legible.files.regular["Deva"] == renderer.files.regular["Deva"]
    assert legible.files.regular["Beng"] == renderer.files.regular["Beng"]


def test_the_glyph_check_can_fail():
    """A missing character is seen as missing (pygame.font would report the empty box's metrics for it)."""
    noto = ROOT / "assets" / "fonts" / "NotoSans-Regular.ttf"
    assert has_glyph(noto, "a") and has_glyph(noto, "“")
    assert not has_glyph(noto, "\u4e00") and not has_glyph(noto, "\u0905")  # a CJK and a Devanagari letter
