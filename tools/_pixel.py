"""Shared pixel-art helpers for the art tools: palette, tiny drawing helpers, outlines.

Everything is deterministic: randomness only through ``rng(seed)``.
"""

from __future__ import annotations

import os
import random

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

# ---------------------------------------------------------------- palette
# A warm, limited palette: terracotta, ochre, teal, indigo, cream + a few supports.
P = {
    "ol": (66, 44, 52),  # soft dark outline (never pure black)
    "ol2": (96, 64, 66),
    "terra": (196, 98, 66),
    "terra_l": (226, 140, 98),
    "terra_d": (150, 70, 54),
    "ochre": (226, 170, 72),
    "ochre_l": (244, 208, 124),
    "ochre_d": (178, 124, 50),
    "teal": (56, 150, 140),
    "teal_l": (116, 198, 180),
    "teal_d": (36, 100, 102),
    "indigo": (66, 74, 144),
    "indigo_l": (110, 120, 192),
    "indigo_d": (44, 46, 96),
    "cream": (250, 238, 210),
    "cream_d": (228, 210, 174),
    "cream_dd": (200, 178, 142),
    "white": (254, 250, 240),
    "blue": (170, 206, 216),
    "blue_l": (200, 226, 230),
    "blue_d": (134, 172, 190),
    "green": (180, 214, 170),
    "green_l": (208, 232, 194),
    "green_d": (140, 180, 138),
    "pink": (238, 176, 176),
    "pink_l": (250, 206, 200),
    "pink_d": (204, 132, 140),
    "stone": (200, 194, 180),
    "stone_l": (222, 216, 202),
    "stone_d": (160, 152, 140),
    "stone_dd": (124, 116, 110),
    "oxide": (172, 64, 54),
    "oxide_l": (200, 92, 74),
    "oxide_d": (134, 48, 44),
    "wood": (152, 98, 60),
    "wood_l": (188, 130, 80),
    "wood_d": (110, 68, 46),
    "wood_dd": (84, 52, 42),
    "leaf": (98, 164, 76),
    "leaf_l": (148, 200, 98),
    "leaf_d": (60, 116, 62),
    "leaf_dd": (42, 84, 56),
    "grass": (132, 184, 92),
    "grass_l": (164, 206, 112),
    "grass_d": (100, 152, 76),
    "mag": (214, 84, 124),
    "mag_l": (240, 136, 164),
    "mag_d": (164, 54, 92),
    "red": (206, 64, 58),
    "red_d": (150, 42, 48),
    "red_l": (232, 120, 110),
    "saffron": (240, 134, 44),
    "steel": (178, 188, 198),
    "steel_l": (226, 232, 238),
    "steel_d": (120, 132, 148),
    "asphalt": (108, 104, 110),
    "asphalt_l": (132, 128, 132),
    "asphalt_d": (86, 82, 90),
    "dirt": (196, 150, 104),
    "dirt_l": (216, 176, 128),
    "dirt_d": (164, 120, 84),
    "water": (84, 120, 118),
    "water_d": (58, 84, 88),
    "shadow": (0, 0, 0, 60),
    "glass": (146, 196, 206),
    "glass_d": (92, 140, 162),
    "hair": (50, 38, 44),
    "hair_l": (84, 66, 72),
    "grey_hair": (170, 166, 170),
    "grey_hair_l": (210, 206, 206),
    "lip": (168, 86, 86),
    # added for the wider cast and the school / neighbourhood tiles
    "khaki": (196, 172, 118),
    "khaki_d": (156, 132, 88),
    "denim": (92, 116, 164),
    "denim_d": (66, 86, 130),
    "shade": (44, 40, 52),
    "board": (46, 74, 62),
    "board_d": (34, 56, 48),
    "chalk": (226, 232, 220),
    "auto_g": (64, 150, 84),
    "auto_gd": (40, 108, 64),
    "auto_y": (240, 204, 64),
    "auto_yd": (200, 160, 44),
    "glow": (255, 236, 160),
}

# Skin tones, all in the brown range: (base, shade, light)
SKIN = {
    "wheat": ((226, 172, 128), (196, 138, 100), (240, 196, 156)),
    "honey": ((204, 142, 98), (172, 112, 78), (224, 168, 124)),
    "brown": ((176, 116, 80), (144, 90, 64), (198, 140, 100)),
    "deep": ((142, 90, 62), (112, 68, 50), (166, 112, 80)),
    "tan": ((214, 156, 110), (182, 124, 86), (232, 182, 138)),
    "umber": ((124, 80, 56), (98, 62, 46), (150, 102, 74)),
}

TRANSPARENT = (0, 0, 0, 0)


def rng(seed: int) -> random.Random:
    return random.Random(seed)


def surf(w: int, h: int, fill=None) -> pygame.Surface:
    s = pygame.Surface((w, h), pygame.SRCALPHA, 32)
    s.fill(fill if fill is not None else TRANSPARENT)
    return s


def c(name):
    return P[name] if isinstance(name, str) else name


def px(s, col, x, y):
    if 0 <= x < s.get_width() and 0 <= y < s.get_height():
        s.set_at((x, y), c(col))


def rect(s, col, x, y, w, h):
    if w > 0 and h > 0:
        pygame.draw.rect(s, c(col), (x, y, w, h))


def hline(s, col, x0, x1, y):
    for x in range(min(x0, x1), max(x0, x1) + 1):
        px(s, col, x, y)


def vline(s, col, x, y0, y1):
    for y in range(min(y0, y1), max(y0, y1) + 1):
        px(s, col, x, y)


def line(s, col, a, b):
    pygame.draw.line(s, c(col), a, b)


def ellipse(s, col, x, y, w, h):
    pygame.draw.ellipse(s, c(col), (x, y, w, h))


def circle(s, col, cx, cy, r):
    pygame.draw.circle(s, c(col), (cx, cy), r)


def rrect(s, col, x, y, w, h, r):
    pygame.draw.rect(s, c(col), (x, y, w, h), border_radius=r)


def speckle(s, cols, r: random.Random, n, area=None):
    x0, y0, w, h = area or (0, 0, s.get_width(), s.get_height())
    for _ in range(n):
        px(s, r.choice(cols), x0 + r.randrange(w), y0 + r.randrange(h))


def outline(s: pygame.Surface, col=None, diagonal=False) -> pygame.Surface:
    """Return a copy of ``s`` with a 1-px outline round every opaque region."""
    col = c(col or "ol")
    w, h = s.get_size()
    out = s.copy()
    solid = [[s.get_at((x, y)).a > 0 for x in range(w)] for y in range(h)]
    nbrs = [(1, 0), (-1, 0), (0, 1), (0, -1)]
    if diagonal:
        nbrs += [(1, 1), (-1, -1), (1, -1), (-1, 1)]
    for y in range(h):
        for x in range(w):
            if solid[y][x]:
                continue
            for dx, dy in nbrs:
                nx, ny = x + dx, y + dy
                if 0 <= nx < w and 0 <= ny < h and solid[ny][nx]:
                    out.set_at((x, y), col)
                    break
    return out


def scale(s, k):
    return pygame.transform.scale(s, (s.get_width() * k, s.get_height() * k))


def save(s: pygame.Surface, path) -> None:
    os.makedirs(os.path.dirname(str(path)), exist_ok=True)
    pygame.image.save(s, str(path))
