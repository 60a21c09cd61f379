"""The text renderer: script runs, wrapping, caching, and that text size really changes the layout."""

import pytest

from game.paths import project_root
from game.ui.text import FontFiles, Style, TextRenderer, script_runs


@pytest.fixture(scope="module")
def text(display):
    return TextRenderer(FontFiles.shipped(project_root() / "assets" / "fonts"))


def test_hindi_sentence_with_english_name_splits_into_script_runs():
    runs = script_runs("मीरा ने कहा: Ravi, 5 मिनट!")
    assert runs == [("Deva", "मीरा ने कहा: "), ("Latn", "Ravi, 5 "), ("Deva", "मिनट!")]


def test_neutral_text_alone_is_one_latin_run():
    assert script_runs("12, 34!") == [("Latn", "12, 34!")]


def test_wrap_respects_width_and_keeps_every_word(text):
    style = Style(26)
    sentence = "Meera's science notebook lies open on the desk, a diagram of a leaf half labelled."
    lines = text.wrap(sentence, 300, style)
    assert len(lines) > 1
    assert all(text.width(line, style) <= 300 for line in lines)
    assert " ".join(lines) == sentence


def test_larger_text_scale_makes_more_lines(text):
    style = Style(26)
    sentence = "Papa will be home by eight. Meera is making dinner. Go and wash, beta."
    text.scale = 1.0
    small = text.wrap(sentence, 500, style)
    text.scale = 1.5
    large = text.wrap(sentence, 500, style)
    text.scale = 1.0
    assert len(large) > len(small)


def test_rendered_lines_are_cached(text):
    style = Style(24)
    first = text.render("Namaste", style, (0, 0, 0))
    assert text.render("Namaste", style, (0, 0, 0)) is first
    assert text.render("Namaste", style, (9, 9, 9)) is not first


def test_devanagari_conjunct_is_shaped_not_drawn_as_separate_glyphs(text):
    # With shaping, क्ष is one conjunct and narrower than क + virama + ष drawn side by side.
    style = Style(40)
    shaped = text.render("क्ष", style, (0, 0, 0)).get_width()
    parts = sum(text.render(ch, style, (0, 0, 0)).get_width() for ch in "क्ष")
    assert shaped < parts


def _ink_columns(surface):
    w, h = surface.get_size()
    return [x for x in range(w) if any(surface.get_at((x, y))[3] > 128 for y in range(h))]


def _offset_of(part, whole) -> int:
    """Where ``part``'s ink pattern sits inside ``whole``, by the best column match of alpha masks."""
    pw, ph = part.get_size()
    ww, wh = whole.get_size()
    h = min(ph, wh)
    pm = [[part.get_at((x, y))[3] > 128 for y in range(h)] for x in range(pw)]
    wm = [[whole.get_at((x, y))[3] > 128 for y in range(h)] for x in range(ww)]
    best, at = -1, 0
    for dx in range(0, max(1, ww - pw + 1)):
        score = sum(pm[x][y] == wm[x + dx][y] and pm[x][y] for x in range(pw) for y in range(h))
        if score > best:
            best, at = score, dx
    return at


@pytest.mark.parametrize("consonant, pre_vowel", [("क", "ि"), ("ক", "ি")])
def test_pre_base_vowel_sign_is_drawn_before_the_consonant(text, consonant, pre_vowel):
    # Shaping moves the i-sign (written after the consonant) to its left. Unshaped, the consonant would be leftmost.
    style = Style(48)
    alone = text.render(consonant, style, (0, 0, 0))
    syllable = text.render(consonant + pre_vowel, style, (0, 0, 0))
    ink = _ink_columns(syllable)
    assert _offset_of(alone, syllable) > ink[0] + 3


def test_bengali_conjunct_is_shaped(text):
    style = Style(40)
    shaped = text.render("ক্ষ", style, (0, 0, 0)).get_width()
    parts = sum(text.render(ch, style, (0, 0, 0)).get_width() for ch in "ক্ষ")
    assert shaped < parts


def test_mixed_hindi_line_uses_a_font_with_every_glyph(text):
    style = Style(26)
    line = "रवि ने कहा: “Test 5 बजे है!”"
    for tag, run in text_runs(line):
        font = text._font(tag, style)
        assert all(m is not None for m in font.metrics(run)), (tag, run)


def text_runs(line):
    from game.ui.text import script_runs

    return script_runs(line)
