"""Colours, sizes and the drawing helpers every screen shares, so the look is decided in one place.

Two themes: the standard warm paper look, and a high-contrast one (near-black panels, white text, yellow for what is
selected or important, thick outlines). Screens read ``ctx.theme`` every time they draw, so the player's choice applies
at once. :meth:`Theme.pairs` lists every text colour the screens put on every background; tests/test_contrast.py checks
each pair against WCAG 2.x (at least 4.5:1) in both themes, so a new colour cannot slip below it unnoticed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pygame

from game.ui.text import Style

Color = tuple[int, int, int]
RGBA = tuple[int, int, int, int]

LOGICAL_SIZE = (1280, 720)
TITLE_PICTURE = "assets/title.png"  # the title screen's backdrop, also shown alone while the game starts


@dataclass(frozen=True, slots=True)
class Theme:
    setting: str = "standard"           # the settings value that names this theme
    ink: Color = (43, 31, 28)            # body text on panels
    ink_soft: Color = (104, 80, 70)      # hints, secondary text on panels
    paper: Color = (251, 244, 229)       # panels
    paper_edge: Color = (94, 58, 42)     # panel borders
    # Terracotta: selection outline and marker, headings and bullets on paper. Dark enough to be read as text on paper
    # and on the selection colour (4.5:1); it was (190, 84, 44), which read at only 4.3:1 on paper.
    accent: Color = (166, 66, 32)
    selected_bg: Color = (255, 222, 160)
    on_dark: Color = (255, 247, 232)     # text drawn on the dark veil, the title band and dark screens
    on_dark_soft: Color = (236, 218, 196)
    on_dark_bright: Color = (255, 255, 255)  # the biggest, most important figures on dark (the class's join code)
    veil: RGBA = (22, 18, 34, 180)       # over the world behind a break or help card; text on it stays 4.5:1 over white
    error: Color = (160, 36, 36)         # problems, on paper
    band: RGBA = (24, 18, 36, 215)       # the title screen's band behind the words, over the picture
    # Dark screens (the teacher's projector view and menu, the content-problems screen) and what is written on them.
    dark: Color = (28, 22, 40)
    on_dark_warm: Color = (255, 196, 150)  # headings and the paused sign on dark
    on_dark_good: Color = (160, 220, 170)  # the "playing" sign on dark
    on_dark_error: Color = (255, 150, 140)  # errors on dark
    paper_shade: Color = (240, 230, 210)   # boxes on paper (the teacher view's rows)
    paper_done: Color = (226, 238, 222)    # the "finished" box on paper
    field: Color = (255, 255, 255)         # typed things: text fields, code boxes, number keys
    field_strong: Color = (255, 236, 214)  # the OK key
    on_accent: Color = (255, 247, 232)     # a label on an accent-coloured button (a hovered one)
    shadow: Color = (20, 12, 24)           # the drop shadow under the game's name on the title (not text itself)
    focus_width: int = 3                   # the outline round the selected item
    edge_width: int = 4                    # panel borders

    body: Style = Style(26)
    name: Style = Style(24, bold=True)
    option: Style = Style(24)
    menu: Style = Style(32, bold=True)
    small: Style = Style(20)
    heading: Style = Style(44, bold=True)
    title: Style = Style(84, bold=True, fixed=True)
    tagline: Style = Style(26, fixed=True)

    @property
    def high_contrast(self) -> bool:
        return self.setting == "high_contrast"

    def pairs(self) -> list[tuple[Color, Color | RGBA, str]]:
        """Every (text colour, background, where) the screens draw. A background with alpha is a veil over the world
        or the title picture: the contrast test judges it over the worst case (black and white beneath)."""
        return [
            (self.ink, self.paper, "text on a panel"),
            (self.ink_soft, self.paper, "hints and secondary text on a panel"),
            (self.accent, self.paper, "headings, bullets and numbers on a panel"),
            (self.error, self.paper, "a problem told on a panel"),
            (self.ink, self.selected_bg, "the selected item"),
            (self.accent, self.selected_bg, "the number of the selected option"),
            (self.ink_soft, self.selected_bg, "secondary text in a notice box"),
            (self.on_dark, self.band, "the title and menu on the title band"),
            (self.on_dark_soft, self.band, "the tagline and hint on the title band"),
            (self.on_dark, self.veil, "text on the veil over the world"),
            (self.on_dark_soft, self.veil, "secondary text on the veil"),
            (self.on_dark, self.dark, "text on a dark screen"),
            (self.on_dark_soft, self.dark, "secondary text on a dark screen"),
            (self.on_dark_bright, self.dark, "the join code and the count on a dark screen"),
            (self.on_dark_warm, self.dark, "headings on a dark screen"),
            (self.on_dark_good, self.dark, "the playing sign on a dark screen"),
            (self.on_dark_error, self.dark, "errors on a dark screen"),
            (self.on_accent, self.accent, "a hovered button's label"),
            (self.ink, self.paper_shade, "text in a box on paper"),
            (self.ink_soft, self.paper_shade, "counts in a box on paper"),
            (self.accent, self.paper_shade, "the waiting sign in a box on paper"),
            (self.ink, self.paper_done, "the finished box"),
            (self.ink, self.field, "typed text and number keys"),
            (self.ink, self.field_strong, "the OK key"),
        ]


STANDARD = Theme()

# Near-black panels with white text hold their own over any pixel-art colour (a white panel would glare on a projector
# and lose its edge against light floors). Yellow marks what is selected or important, never colour alone: the
# selected item also has a marker and a thick outline.
HIGH_CONTRAST = Theme(
    setting="high_contrast",
    ink=(255, 255, 255),
    ink_soft=(230, 230, 230),
    paper=(10, 10, 10),
    paper_edge=(255, 255, 255),
    accent=(255, 221, 0),
    selected_bg=(0, 44, 110),
    on_dark=(255, 255, 255),
    on_dark_soft=(235, 235, 235),
    veil=(0, 0, 0, 215),
    error=(255, 150, 150),
    band=(0, 0, 0, 245),
    dark=(0, 0, 0),
    on_dark_warm=(255, 221, 0),
    on_dark_good=(130, 255, 150),
    on_dark_error=(255, 150, 150),
    paper_shade=(36, 36, 36),
    paper_done=(0, 56, 24),
    field=(0, 0, 0),
    field_strong=(48, 40, 0),
    on_accent=(0, 0, 0),
    shadow=(0, 0, 0),
    focus_width=6,
    edge_width=5,
)

THEMES = {"standard": STANDARD, "high_contrast": HIGH_CONTRAST}


def theme_named(name: str) -> Theme:
    """The theme a setting names; an unknown name (settings are checked, so only in code) gives the standard one."""
    return THEMES.get(name, STANDARD)


# --- contrast (WCAG 2.x) ---------------------------------------------------------------------------------------------
def relative_luminance(color: tuple[int, ...]) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in color[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    hi, lo = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def blend(over: RGBA, under: Color) -> Color:
    """A translucent colour over an opaque one, as SDL blends it."""
    a = over[3] / 255
    return tuple(round(o * a + u * (1 - a)) for o, u in zip(over[:3], under))  # type: ignore[return-value]


def worst_contrast(text: Color, background: Color | RGBA) -> float:
    """The contrast of text on a background; for a translucent one, the lowest over black and over white beneath
    (blending is linear, so the extremes bound every picture in between)."""
    if len(background) == 4:
        return min(contrast_ratio(text, blend(background, under)) for under in ((0, 0, 0), (255, 255, 255)))
    return contrast_ratio(text, background)


# --- drawing ---------------------------------------------------------------------------------------------------------
def panel(surface: pygame.Surface, rect: pygame.Rect, theme: Theme, alpha: int = 255) -> None:
    """A rounded panel with an edge and a soft shadow (always opaque in high contrast)."""
    if theme.high_contrast:
        alpha = 255
    shadow, body = _panel_images(rect.w, rect.h, tuple(theme.paper), tuple(theme.paper_edge), theme.edge_width, alpha)
    surface.blit(shadow, rect.move(0, 6))
    surface.blit(body, rect)


@functools.lru_cache(maxsize=32)
def _panel_images(w: int, h: int, paper: tuple, edge: tuple, edge_width: int,
                  alpha: int) -> tuple[pygame.Surface, pygame.Surface]:
    """A panel's shadow and body, drawn once per size and look: a dialogue box over a staged scene is drawn every
    frame while people walk behind it, and making the two translucent surfaces was most of its cost."""
    shadow = pygame.Surface((w, h), pygame.SRCALPHA)
    pygame.draw.rect(shadow, (0, 0, 0, 90), shadow.get_rect(), border_radius=18)
    body = pygame.Surface((w, h), pygame.SRCALPHA)
    pygame.draw.rect(body, (*paper, alpha), body.get_rect(), border_radius=18)
    pygame.draw.rect(body, edge, body.get_rect(), width=edge_width, border_radius=18)
    return shadow, body


def veil(surface: pygame.Surface, theme: Theme) -> None:
    shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    shade.fill(theme.veil)
    surface.blit(shade, (0, 0))
