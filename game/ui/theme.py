"""Colours, sizes and the drawing helpers every screen shares, so the look is decided in one place.

The high-contrast theme of the accessibility issue becomes a second Theme instance; screens only read fields.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.text import Style

Color = tuple[int, int, int]

LOGICAL_SIZE = (1280, 720)


@dataclass(frozen=True, slots=True)
class Theme:
    ink: Color = (43, 31, 28)            # body text on panels
    ink_soft: Color = (104, 80, 70)      # hints, secondary text on panels (contrast > 4.5:1 on paper)
    paper: Color = (251, 244, 229)       # panels
    paper_edge: Color = (94, 58, 42)     # panel borders
    accent: Color = (190, 84, 44)        # terracotta: selection bar, title ornaments
    selected_bg: Color = (255, 222, 160)
    on_dark: Color = (255, 247, 232)     # text drawn on the dark veil
    on_dark_soft: Color = (236, 218, 196)
    veil: tuple[int, int, int, int] = (22, 18, 34, 170)
    error: Color = (160, 36, 36)

    body: Style = Style(26)
    name: Style = Style(24, bold=True)
    option: Style = Style(24)
    menu: Style = Style(32, bold=True)
    small: Style = Style(20)
    heading: Style = Style(44, bold=True)
    title: Style = Style(84, bold=True, fixed=True)
    tagline: Style = Style(26, fixed=True)


def panel(surface: pygame.Surface, rect: pygame.Rect, theme: Theme, alpha: int = 255) -> None:
    """A rounded paper panel with a dark edge and a soft shadow."""
    shadow = pygame.Surface((rect.w, rect.h), pygame.SRCALPHA)
    pygame.draw.rect(shadow, (0, 0, 0, 90), shadow.get_rect(), border_radius=18)
    surface.blit(shadow, rect.move(0, 6))
    body = pygame.Surface((rect.w, rect.h), pygame.SRCALPHA)
    pygame.draw.rect(body, (*theme.paper, alpha), body.get_rect(), border_radius=18)
    pygame.draw.rect(body, theme.paper_edge, body.get_rect(), width=4, border_radius=18)
    surface.blit(body, rect)


def veil(surface: pygame.Surface, theme: Theme) -> None:
    shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    shade.fill(theme.veil)
    surface.blit(shade, (0, 0))
