"""Emote bubbles over a character's head: a small fixed set of drawn icons (model.EMOTES), no words, so every
language reads them the same and nothing needs translating."""

from __future__ import annotations

import pygame

W, H = 34, 30  # the bubble, without its tail
RED = (196, 40, 48)
BLUE = (52, 120, 200)
PINK = (214, 62, 110)


def draw_emote(surface: pygame.Surface, icon: str, cx: int, bottom: int, theme) -> pygame.Rect:
    """A speech bubble whose tail points down at (cx, bottom), with ``icon`` drawn inside; returns the bubble."""
    box = pygame.Rect(0, 0, W, H)
    box.midbottom = (cx, bottom - 8)
    tail = [(cx - 6, box.bottom - 2), (cx + 6, box.bottom - 2), (cx, bottom)]
    edge, paper, ink = theme.paper_edge, theme.paper, theme.ink
    pygame.draw.polygon(surface, edge, [(x, y + 2) for x, y in tail])
    pygame.draw.rect(surface, edge, box.inflate(4, 4), border_radius=9)
    pygame.draw.rect(surface, paper, box, border_radius=8)
    pygame.draw.polygon(surface, paper, tail)
    _ICONS.get(icon, _dots)(surface, box.center, ink)
    return box


def _exclaim(s: pygame.Surface, c: tuple[int, int], ink) -> None:
    x, y = c
    pygame.draw.rect(s, RED, (x - 3, y - 11, 6, 15), border_radius=2)
    pygame.draw.rect(s, RED, (x - 3, y + 7, 6, 5), border_radius=2)


def _question(s: pygame.Surface, c: tuple[int, int], ink) -> None:
    x, y = c
    pygame.draw.arc(s, BLUE, (x - 7, y - 12, 14, 13), -1.6, 3.2, 4)
    pygame.draw.rect(s, BLUE, (x - 2, y - 1, 4, 6))
    pygame.draw.rect(s, BLUE, (x - 2, y + 7, 4, 5), border_radius=1)


def _heart(s: pygame.Surface, c: tuple[int, int], ink) -> None:
    x, y = c
    pygame.draw.circle(s, PINK, (x - 5, y - 3), 6)
    pygame.draw.circle(s, PINK, (x + 5, y - 3), 6)
    pygame.draw.polygon(s, PINK, [(x - 11, y - 1), (x + 11, y - 1), (x, y + 11)])


def _dots(s: pygame.Surface, c: tuple[int, int], ink) -> None:
    x, y = c
    for dx in (-9, 0, 9):
        pygame.draw.circle(s, ink, (x + dx, y + 2), 3)


def _sweat(s: pygame.Surface, c: tuple[int, int], ink) -> None:
    x, y = c
    pygame.draw.circle(s, BLUE, (x, y + 4), 6)
    pygame.draw.polygon(s, BLUE, [(x - 5, y + 1), (x + 5, y + 1), (x, y - 11)])
    pygame.draw.circle(s, (255, 255, 255), (x - 2, y + 4), 2)


def _angry(s: pygame.Surface, c: tuple[int, int], ink) -> None:
    """The cross-shaped 'vein' of comics: four short bent strokes round a centre."""
    x, y = c
    for sx, sy in ((-1, -1), (1, -1), (-1, 1), (1, 1)):
        a = (x + sx * 3, y + sy * 10)
        b = (x + sx * 3, y + sy * 3)
        d = (x + sx * 10, y + sy * 3)
        pygame.draw.lines(s, RED, False, [a, b, d], 4)


_ICONS = {"exclaim": _exclaim, "question": _question, "heart": _heart, "dots": _dots, "sweat": _sweat,
          "angry": _angry}
