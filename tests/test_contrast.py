"""All text meets WCAG 2.x contrast (4.5:1) against its background, in every theme.

The ratios are computed from the themes' own colours (Theme.pairs lists every text colour the screens put on every
background), so a colour changed in theme.py is checked at once; and a static look at game/ui makes sure no screen
draws text in a colour of its own that the list would not cover.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from game.content import load_content
from game.paths import project_root
from game.ui.theme import HIGH_CONTRAST, STANDARD, THEMES, Theme, blend, contrast_ratio, worst_contrast

ROOT = project_root()
AA = 4.5  # WCAG 2.x success criterion 1.4.3, normal-size text

# --- the formula itself --------------------------------------------------------------------------------------------


def test_the_ratio_follows_wcag():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == contrast_ratio((255, 255, 255), (0, 0, 0))
    # Well-known values: #767676 is the lightest grey that passes on white, #777777 just fails.
    assert contrast_ratio((0x76, 0x76, 0x76), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio((0x77, 0x77, 0x77), (255, 255, 255)) < AA


def test_text_over_a_veil_is_judged_over_the_worst_picture_beneath():
    veil = (0, 0, 0, 128)
    assert blend(veil, (255, 255, 255)) == (127, 127, 127)
    assert blend(veil, (0, 0, 0)) == (0, 0, 0)
    white_text = worst_contrast((255, 255, 255), veil)
    assert white_text == pytest.approx(contrast_ratio((255, 255, 255), (127, 127, 127)))  # white beneath is worst
    assert white_text < AA  # half a veil is not enough for white text over a white wall


# --- the themes --------------------------------------------------------------------------------------------------------
def _rows(theme: Theme):
    return [(what, fg, bg, worst_contrast(fg, bg)) for fg, bg, what in theme.pairs()]


@pytest.mark.parametrize("name", sorted(THEMES))
def test_every_text_colour_on_every_background_is_at_least_4_5_to_1(name):
    theme = THEMES[name]
    failing = [f"{what}: {fg} on {bg} is {ratio:.2f}:1" for what, fg, bg, ratio in _rows(theme) if ratio < AA]
    assert not failing, "\n".join(failing)


def test_high_contrast_is_higher_still():
    """The high-contrast theme is for students who need more than the minimum: at least 7:1 (WCAG AAA) everywhere."""
    low = min(ratio for *_, ratio in _rows(HIGH_CONTRAST))
    assert low >= 7.0
    assert low > min(ratio for *_, ratio in _rows(STANDARD))


def test_the_pairs_cover_every_colour_field_used_for_text():
    """A new text colour in the theme must be added to pairs(), or this fails."""
    text_fields = {"ink", "ink_soft", "accent", "error", "on_dark", "on_dark_soft", "on_dark_bright", "on_dark_warm",
                   "on_dark_good", "on_dark_error", "on_accent"}
    backgrounds = {"paper", "selected_bg", "band", "veil", "dark", "accent", "paper_shade", "paper_done", "field",
                   "field_strong"}
    for theme in THEMES.values():
        listed_fg = {fg for fg, _, _ in theme.pairs()}
        listed_bg = {bg for _, bg, _ in theme.pairs()}
        assert {getattr(theme, f) for f in text_fields} <= listed_fg
        assert {getattr(theme, f) for f in backgrounds} <= listed_bg


def test_high_contrast_draws_thicker_outlines_and_solid_panels():
    assert HIGH_CONTRAST.focus_width > STANDARD.focus_width and HIGH_CONTRAST.focus_width >= 5
    assert HIGH_CONTRAST.high_contrast and not STANDARD.high_contrast
    assert HIGH_CONTRAST.band[3] >= 240  # the title band hides the picture almost entirely


@pytest.mark.parametrize("name", sorted(THEMES))
def test_every_name_tag_is_readable(name):
    """The speaker's name is written in on_dark on the character's own colour (scenes/characters.yaml)."""
    content, problems, _ = load_content(ROOT)
    assert content is not None, [p.format() for p in problems]
    theme = THEMES[name]
    failing = {cid: round(contrast_ratio(theme.on_dark, c.color), 2) for cid, c in content.characters.items()
               if contrast_ratio(theme.on_dark, c.color) < AA}
    assert not failing, f"name tags below {AA}:1 (darken the colour in scenes/characters.yaml): {failing}"


# --- no screen draws text in a colour of its own ----------------------------------------------------------------------
def _text_colour_args(tree: ast.AST):
    """(line, colour expression) of every text.render(text, style, colour) and draw_lines(surface, lines, style,
    colour, ...) call."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        index = {"render": 2, "draw_lines": 3}.get(node.func.attr)
        if index is not None and len(node.args) > index:
            yield node.lineno, node.args[index]


def _literal(expr: ast.AST) -> bool:
    """A colour written in the screen itself: a tuple of numbers, or a module constant (an UPPER_CASE name)."""
    if isinstance(expr, ast.IfExp):
        return _literal(expr.body) or _literal(expr.orelse)
    if isinstance(expr, ast.Tuple):
        return all(isinstance(e, ast.Constant) for e in expr.elts)
    return isinstance(expr, ast.Name) and expr.id.isupper()


def test_screens_take_text_colours_from_the_theme():
    found = []
    for path in sorted((ROOT / "game" / "ui").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{Path(path).relative_to(ROOT).as_posix()}:{line}" for line, expr in _text_colour_args(tree)
                  if _literal(expr)]
    assert not found, "text drawn in a colour that is not the theme's (add it to Theme and Theme.pairs): " + \
        ", ".join(found)
