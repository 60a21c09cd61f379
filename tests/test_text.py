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
