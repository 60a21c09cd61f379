"""Generate all of Small Acts' pixel art procedurally (deterministic).

    python tools/make_art.py [--out DIR]

Writes (under DIR, default: the project root):
    assets/tiles/town.png + town.tsx   the shared 16x16 tileset (Tiled external tileset)
    assets/sprites/<id>.png            walk sheets, 16x24 frames, 3 columns x 4 rows (down, left, right, up)
    assets/portraits/<id>/<face>.png   48x48 portraits
    assets/preview.png                 everything on one sheet, scaled 3x
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from xml.sax.saxutils import quoteattr

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _pixel import (  # noqa: E402
    P, SKIN, surf, px, rect, hline, vline, line, ellipse, circle, rrect, speckle, outline, rng, scale, save, pygame,
)

ROOT = Path(__file__).resolve().parent.parent
T = 16
COLUMNS = 16

CHARACTERS = ["ravi", "meera", "amma", "papa", "shopkeeper", "neighbour",
              "dadi", "bua", "iqbal", "priya", "kabir", "arjun", "vikram", "sunita", "manoj", "rekha", "chaiwala",
              "loiterer"]
# Background classmates: they fill the classroom and the corridor and never speak, so they have no portraits.
CLASSMATES = ["classmate_a", "classmate_b", "classmate_c", "classmate_d", "classmate_e", "classmate_f"]
FACES = ["neutral", "happy", "worried", "sad", "surprised", "angry"]
# The walk sheet's columns; game/world/tilemap.SpriteSheet reads the same order (the last two: the idle animation).
SHEET_COLUMNS = ["stand", "step_a", "step_b", "breathe", "blink"]

# =====================================================================================  tiles

TILES: list[tuple[str, pygame.Surface, bool]] = []


def add(name, s, solid=False):
    assert s.get_size() == (T, T), name
    assert name not in [t[0] for t in TILES], name
    TILES.append((name, s, solid))


def add_big(names, big, solid=True):
    """Split ``big`` into 16x16 tiles; ``names`` is a list of rows (None = skip)."""
    for j, row in enumerate(names):
        for i, name in enumerate(row):
            if name is None:
                continue
            t = surf(T, T)
            t.blit(big, (0, 0), (i * T, j * T, T, T))
            sol = solid if not isinstance(solid, dict) else solid.get(name, False)
            add(name, t, sol)


def tile(fill=None):
    return surf(T, T, P[fill] if isinstance(fill, str) else fill)


# ----------------------------------------------------------------- floors
def floor_terrazzo(seed):
    s = tile("stone_l")
    r = rng(seed)
    speckle(s, [P["stone"], P["cream"], P["stone_d"], P["terra_l"], P["teal_l"]], r, 38)
    hline(s, "stone", 0, 15, 0)
    vline(s, "stone", 0, 0, 15)
    return s


def floor_redoxide():
    s = tile("oxide")
    r = rng(11)
    speckle(s, [P["oxide_l"], P["oxide_d"]], r, 14)
    # polished shine streak
    for i in range(5):
        px(s, "oxide_l", 3 + i, 11 - i)
        px(s, "oxide_l", 4 + i, 11 - i)
    px(s, (226, 130, 110), 6, 8)
    hline(s, "oxide_d", 0, 15, 15)
    vline(s, "oxide_d", 15, 0, 15)
    return s


def floor_kitchen():
    s = tile("cream")
    for y in range(2):
        for x in range(2):
            col = P["cream"] if (x + y) % 2 == 0 else P["teal_l"]
            rect(s, col, x * 8, y * 8, 8, 8)
    for k in (0, 8):
        hline(s, "cream_dd", 0, 15, k)
        vline(s, "cream_dd", k, 0, 15)
    px(s, "white", 2, 2); px(s, "white", 3, 2); px(s, (150, 214, 200), 10, 10)
    return s


def floor_court():
    base, lt, dk = (216, 196, 158), (232, 216, 182), (184, 160, 124)
    s = tile(base)
    r = rng(21)
    speckle(s, [lt, dk, (206, 184, 146)], r, 24)
    hline(s, dk, 0, 15, 15)
    vline(s, dk, 15, 0, 7)
    hline(s, dk, 0, 15, 7)
    vline(s, dk, 7, 8, 15)
    hline(s, lt, 0, 14, 0)
    hline(s, lt, 0, 6, 8)
    hline(s, lt, 8, 15, 8)
    return s


def rug_piece(cx, cy):
    s = tile()
    for y in range(T):
        for x in range(T):
            d = 99
            if cx == 0: d = min(d, x)
            if cx == 2: d = min(d, 15 - x)
            if cy == 0: d = min(d, y)
            if cy == 2: d = min(d, 15 - y)
            end = (cx == 0 and x == d) or (cx == 2 and 15 - x == d)
            if d == 0:
                col = P["cream"] if (end and y % 2 == 0) else (P["cream_d"] if end else P["indigo_d"])
                if not end:
                    col = P["indigo_d"]
            elif d <= 2:
                col = P["indigo"]
            elif d == 3:
                col = P["cream"]
            elif d <= 5:
                # zigzag band
                along = y if (cx != 1 and (cx == 0 and x == d or cx == 2 and 15 - x == d) or cy == 1) else x
                along = y if d in (x, 15 - x) and cx != 1 else x
                col = P["ochre"] if (along + d) % 4 < 2 else P["terra"]
            elif d == 6:
                col = P["cream"]
            else:
                m = abs(x - 7.5) + abs(y - 7.5)
                if m < 2:
                    col = P["ochre_l"]
                elif m < 4:
                    col = P["teal"]
                elif m < 5:
                    col = P["cream"]
                elif m < 9:
                    col = P["terra"]
                elif m < 10:
                    col = P["ochre"]
                else:
                    col = P["terra_d"]
            s.set_at((x, y), col)
    return s


# ----------------------------------------------------------------- walls
WALL_TOP = P["wood_d"]


def wall_top(mask):
    """Wall seen from above; mask letters n,e,s,w say which sides continue into more wall."""
    s = tile((176, 128, 96))
    rect(s, (196, 150, 112), 2, 2, 12, 12)
    inner = (150, 104, 80)
    # connect centre band to connected sides
    for side in "nesw":
        if side in mask:
            if side == "n": rect(s, (196, 150, 112), 2, 0, 12, 3)
            if side == "s": rect(s, (196, 150, 112), 2, 13, 12, 3)
            if side == "w": rect(s, (196, 150, 112), 0, 2, 3, 12)
            if side == "e": rect(s, (196, 150, 112), 13, 2, 3, 12)
    # outline on the open sides
    edge = P["ol2"]
    if "n" not in mask: hline(s, edge, 0, 15, 0); hline(s, inner, 1, 14, 1)
    if "s" not in mask: hline(s, edge, 0, 15, 15); hline(s, inner, 1, 14, 14)
    if "w" not in mask: vline(s, edge, 0, 0, 15); vline(s, inner, 1, 1, 14)
    if "e" not in mask: vline(s, edge, 15, 0, 15); vline(s, inner, 14, 1, 14)
    # corners between two connected sides stay open: fill the little notch
    for a, b, (x, y) in (("n", "e", (13, 0)), ("n", "w", (0, 0)), ("s", "e", (13, 13)), ("s", "w", (0, 13))):
        if a in mask and b in mask:
            rect(s, (196, 150, 112), x, y, 3, 3)
            px(s, inner, x + (2 if b == "w" else 0), y + (2 if a == "n" else 0))
    return s


def wall_face(base):
    s = tile(base)
    lt, dk = P.get(base + "_l", P["white"]), P.get(base + "_d", P["cream_d"])
    rect(s, lt, 0, 0, 16, 2)
    hline(s, P["ol2"], 0, 15, 0)
    hline(s, dk, 0, 15, 2)
    r = rng(len(base))
    speckle(s, [lt, dk], r, 4, (0, 3, 16, 9))
    # skirting
    rect(s, P["terra_d"], 0, 12, 16, 4)
    hline(s, P["terra"], 0, 15, 12)
    hline(s, P["ol2"], 0, 15, 15)
    return s


def wall_face_house(base):
    s = tile(base)
    lt, dk = P[base + "_l"], P[base + "_d"]
    r = rng(len(base) + 5)
    speckle(s, [lt, dk], r, 6)
    return s


def doorway(left=True, right=True):
    """An open doorway in a wall face: you see the floor beyond, with jambs on the open sides."""
    s = tile("stone_l")
    rect(s, (120, 92, 80), 0, 0, 16, 3)
    if left:
        rect(s, P["wood"], 0, 0, 2, 16)
        vline(s, P["wood_l"], 1, 0, 15)
    if right:
        rect(s, P["wood"], 14, 0, 2, 16)
        vline(s, P["wood_d"], 14, 0, 15)
    rect(s, P["wood_d"], 0, 0, 16, 2)
    hline(s, P["wood_l"], 0 if not left else 2, 15 if not right else 13, 2)
    hline(s, P["stone"], 0 if not left else 2, 15 if not right else 13, 13)
    return s


def threshold():
    s = floor_terrazzo(3)
    rect(s, P["stone_d"], 0, 6, 16, 4)
    hline(s, P["stone_l"], 0, 15, 6)
    hline(s, P["stone_dd"], 0, 15, 9)
    return s


# ----------------------------------------------------------------- wall decor (transparent overlays)
def window_deco():
    s = tile()
    rect(s, P["wood_d"], 2, 2, 12, 10)
    rect(s, P["glass"], 3, 3, 10, 8)
    rect(s, P["blue_l"], 3, 3, 10, 3)
    vline(s, P["wood_d"], 7, 3, 10); vline(s, P["wood_d"], 8, 3, 10)
    for x in (5, 10):
        vline(s, P["steel_d"], x, 3, 10)
    hline(s, P["wood_l"], 2, 13, 2)
    rect(s, P["teal"], 0, 2, 2, 10); rect(s, P["teal"], 14, 2, 2, 10)
    vline(s, P["teal_d"], 1, 2, 11); vline(s, P["teal_d"], 14, 2, 11)
    hline(s, P["stone_l"], 1, 14, 12)
    return s


def calendar_deco():
    s = tile()
    rect(s, P["white"], 4, 2, 8, 10)
    rect(s, P["mag"], 4, 2, 8, 4)
    circle(s, P["ochre_l"], 8, 4, 1)
    for y in (7, 9):
        for x in (5, 7, 9):
            rect(s, P["stone_d"], x, y, 1, 1)
            rect(s, P["red"], 10, 9, 1, 1)
    hline(s, P["ol2"], 4, 11, 12)
    px(s, P["ol2"], 8, 1)
    return s


def poster_deco():
    s = tile()
    rect(s, P["ol2"], 3, 2, 10, 10)
    rect(s, P["indigo"], 4, 3, 8, 8)
    circle(s, P["ochre_l"], 9, 5, 1)
    for x in range(4, 12):
        px(s, P["teal"], x, 9 - (x % 3 == 0))
        px(s, P["teal_d"], x, 10)
    px(s, P["white"], 5, 4); px(s, P["white"], 7, 6)
    return s


def clock_deco():
    s = tile()
    circle(s, P["ol2"], 8, 6, 4)
    circle(s, P["white"], 8, 6, 3)
    vline(s, P["ol2"], 8, 4, 6); hline(s, P["ol2"], 8, 9, 6)
    px(s, P["red"], 8, 3)
    return s


def utensil_shelf_deco():
    s = tile()
    rect(s, P["steel_d"], 0, 10, 16, 2)
    hline(s, P["steel_l"], 0, 15, 10)
    # plates standing
    for x in (1, 5):
        circle(s, P["steel"], x + 2, 6, 3)
        circle(s, P["steel_l"], x + 2, 6, 1)
    # glasses
    rect(s, P["steel"], 10, 5, 2, 5); px(s, P["steel_l"], 10, 5)
    rect(s, P["steel"], 13, 6, 2, 4); px(s, P["steel_l"], 13, 6)
    return s


def photo_deco():
    s = tile()
    rect(s, P["ochre_d"], 4, 2, 8, 9)
    rect(s, P["cream"], 5, 3, 6, 7)
    circle(s, P["terra_l"], 7, 6, 1); circle(s, P["honey"] if "honey" in P else (204, 142, 98), 9, 6, 1)
    rect(s, P["teal"], 6, 8, 4, 2)
    # garland
    for x in range(4, 12, 2):
        px(s, P["saffron"], x, 11)
        px(s, P["ochre_l"], x + 1, 11)
    return s


# ----------------------------------------------------------------- furniture
def furniture():
    # kitchen counter (granite top, front face) 3 pieces + stove + sink
    def counter(kind):
        s = tile()
        rect(s, (88, 84, 92), 0, 0, 16, 6)
        speckle(s, [P["asphalt_l"], (70, 66, 76)], rng(31), 6, (0, 0, 16, 6))
        hline(s, P["steel_l"], 0, 15, 5)
        rect(s, P["cream_d"], 0, 6, 16, 10)
        rect(s, P["teal_d"], 1, 7, 6, 8)
        rect(s, P["teal_d"], 9, 7, 6, 8)
        rect(s, P["teal"], 2, 8, 4, 6)
        rect(s, P["teal"], 10, 8, 4, 6)
        px(s, P["steel_l"], 5, 11); px(s, P["steel_l"], 10, 11)
        hline(s, P["ol2"], 0, 15, 15)
        if kind == "stove":
            rect(s, P["steel_d"], 1, 0, 14, 5)
            rect(s, P["steel"], 2, 0, 12, 4)
            circle(s, P["ol2"], 5, 2, 2)
            circle(s, P["ol2"], 11, 2, 2)
            # pot on the left burner, flame on the right
            rect(s, P["steel_d"], 2, -3 + 3, 7, 1)
            s2 = s
            rect(s2, P["steel"], 2, 0, 6, 3)
            hline(s2, P["steel_l"], 2, 7, 0)
            px(s2, P["red"], 11, 2); px(s2, P["saffron"], 11, 1); px(s2, P["indigo_l"], 10, 2); px(s2, P["indigo_l"], 12, 2)
        if kind == "sink":
            rect(s, P["steel_d"], 3, 0, 10, 5)
            rect(s, P["steel"], 4, 1, 8, 3)
            vline(s, P["steel_l"], 8, 0, 1)
            px(s, P["glass"], 6, 2)
        if kind == "end":
            rect(s, P["cream_d"], 1, 7, 14, 8)
            rect(s, P["wood"], 2, 8, 12, 6)
            hline(s, P["wood_l"], 2, 13, 8)
            px(s, P["ochre_l"], 8, 11)
        return s
    add("counter", counter("plain"), True)
    add("counter_stove", counter("stove"), True)
    add("counter_sink", counter("sink"), True)
    add("counter_end", counter("end"), True)

    # matka on a little stand
    s = tile()
    ellipse(s, P["terra"], 3, 3, 10, 10)
    ellipse(s, P["terra_l"], 4, 4, 5, 5)
    rect(s, P["terra_d"], 6, 1, 4, 3)
    hline(s, P["terra_l"], 6, 9, 1)
    hline(s, P["cream"], 4, 11, 8)
    rect(s, P["wood_d"], 3, 12, 10, 2)
    vline(s, P["wood_d"], 4, 12, 15); vline(s, P["wood_d"], 11, 12, 15)
    add("matka", outline(s), True)

    # fridge (1x2)
    big = surf(16, 32)
    rrect(big, P["teal_l"], 1, 1, 14, 30, 2)
    rect(big, P["teal"], 1, 12, 14, 1)
    vline(big, P["steel_l"], 12, 4, 10)
    vline(big, P["steel_l"], 12, 15, 24)
    rect(big, P["white"], 3, 3, 4, 3)
    px(big, P["mag"], 4, 4); px(big, P["ochre"], 5, 4)
    vline(big, P["teal"], 14, 2, 30)
    rect(big, P["ol2"], 2, 31, 12, 1)
    big = outline(big)
    add_big([["fridge_top"], ["fridge_bottom"]], big)

    # almirah (Godrej steel cupboard) 1x2
    big = surf(16, 32)
    rect(big, P["green_d"], 1, 1, 14, 30)
    rect(big, P["green"], 2, 2, 6, 27)
    rect(big, P["green"], 8, 2, 6, 27)
    vline(big, P["ol2"], 8, 2, 28)
    rect(big, P["steel_l"], 6, 13, 1, 4); rect(big, P["steel_l"], 9, 13, 1, 4)
    px(big, P["ochre"], 10, 18)
    hline(big, P["green_l"], 2, 13, 2)
    rect(big, P["ol2"], 2, 29, 12, 2)
    add_big([["almirah_top"], ["almirah_bottom"]], outline(big))

    # bookshelf 1x2
    big = surf(16, 32)
    rect(big, P["wood"], 1, 1, 14, 30)
    bcols = [P["terra"], P["indigo"], P["ochre"], P["teal"], P["mag"], P["cream"], P["leaf"], P["indigo_l"]]
    r = rng(41)
    for sy in (3, 11, 19):
        rect(big, P["wood_dd"], 2, sy, 12, 7)
        x = 2
        while x < 13:
            w = r.choice([1, 2, 2])
            h = r.choice([5, 6, 6, 7])
            rect(big, r.choice(bcols), x, sy + 7 - h, w, h)
            x += w + (1 if r.random() < 0.2 else 0)
        hline(big, P["wood_l"], 2, 13, sy + 7)
    rect(big, P["wood_d"], 2, 27, 12, 3)
    add_big([["bookshelf_top"], ["bookshelf_bottom"]], outline(big))

    # table 2x1 (dining) with steel plate + jug
    big = surf(32, 16)
    rect(big, P["wood"], 1, 1, 30, 9)
    hline(big, P["wood_l"], 2, 29, 2)
    rect(big, P["wood_d"], 1, 10, 30, 2)
    rect(big, P["wood_d"], 2, 12, 2, 3); rect(big, P["wood_d"], 28, 12, 2, 3)
    circle(big, P["steel"], 8, 5, 3); circle(big, P["steel_l"], 8, 5, 1)
    circle(big, P["steel"], 22, 5, 3); circle(big, P["steel_l"], 22, 5, 1)
    rect(big, P["steel_d"], 14, 2, 3, 5); px(big, P["steel_l"], 14, 3)
    add_big([["table_l", "table_r"]], outline(big))

    # chair (facing down: back at top)
    s = tile()
    rect(s, P["wood_d"], 3, 1, 10, 5)
    rect(s, P["wood_l"], 4, 2, 8, 2)
    rect(s, P["wood"], 3, 6, 10, 6)
    hline(s, P["wood_l"], 4, 12, 7)
    rect(s, P["wood_d"], 3, 12, 2, 3); rect(s, P["wood_d"], 11, 12, 2, 3)
    add("chair", outline(s), True)

    # plastic stool
    s = tile()
    ellipse(s, P["red"], 3, 4, 10, 6)
    ellipse(s, (230, 100, 90), 4, 5, 8, 3)
    rect(s, P["red_d"], 4, 9, 2, 5); rect(s, P["red_d"], 10, 9, 2, 5)
    add("stool", outline(s), True)

    # sofa 3x1 facing up (we see cushions, backrest at bottom)
    big = surf(48, 16)
    rrect(big, P["indigo"], 1, 2, 46, 13, 3)
    for i in range(3):
        rrect(big, P["indigo_l"], 4 + i * 14, 3, 12, 7, 2)
        hline(big, (150, 158, 214), 5 + i * 14, 14 + i * 14, 4)
    rect(big, P["indigo_d"], 1, 10, 46, 5)
    hline(big, P["indigo"], 2, 45, 11)
    rect(big, P["indigo_d"], 1, 2, 3, 12); rect(big, P["indigo_d"], 44, 2, 3, 12)
    # cushion
    rrect(big, P["ochre"], 6, 3, 6, 5, 1)
    px(big, P["ochre_l"], 7, 4)
    add_big([["sofa_l", "sofa_m", "sofa_r"]], outline(big))

    # TV on a low cabinet, 2x1 wide, screen drawn tall (fits on tile)
    big = surf(32, 16)
    rect(big, P["wood"], 1, 9, 30, 6)
    hline(big, P["wood_l"], 1, 30, 9)
    rect(big, P["wood_d"], 3, 11, 12, 3); rect(big, P["wood_d"], 17, 11, 12, 3)
    px(big, P["ochre_l"], 14, 12); px(big, P["ochre_l"], 18, 12)
    rect(big, (52, 52, 64), 5, 0, 22, 9)
    rect(big, (76, 104, 130), 6, 1, 20, 7)
    rect(big, (100, 150, 170), 6, 1, 9, 3)
    px(big, P["white"], 7, 2)
    rect(big, (52, 52, 64), 14, 8, 4, 1)
    add_big([["tv_l", "tv_r"]], outline(big))

    # bed (1 wide x 2 tall), pillow at top, patterned sheet
    big = surf(16, 32)
    rect(big, P["wood_d"], 0, 0, 16, 32)
    rect(big, P["wood"], 0, 0, 16, 3)
    rect(big, P["mag_l"], 1, 3, 14, 27)
    for y in range(10, 30):
        for x in range(1, 15):
            if (x + y) % 6 == 0 or (x - y) % 6 == 0:
                px(big, P["mag"], x, y)
    rrect(big, P["white"], 2, 4, 12, 5, 2)
    hline(big, P["cream_d"], 3, 12, 8)
    rect(big, P["mag_d"], 1, 28, 14, 2)
    add_big([["bed_top"], ["bed_bottom"]], outline(big))

    # charpai (2x1), woven jute
    big = surf(32, 16)
    rect(big, P["wood"], 1, 1, 30, 14)
    for y in range(3, 13):
        for x in range(3, 29):
            col = P["ochre_l"] if (x // 2 + y // 2) % 2 == 0 else P["ochre"]
            px(big, col, x, y)
    rect(big, P["wood_d"], 1, 1, 2, 2); rect(big, P["wood_d"], 29, 1, 2, 2)
    rect(big, P["wood_d"], 1, 13, 2, 2); rect(big, P["wood_d"], 29, 13, 2, 2)
    hline(big, P["wood_l"], 3, 28, 1)
    add_big([["charpai_l", "charpai_r"]], outline(big))

    # study desk 2x1 with books, lamp, notebook
    big = surf(32, 16)
    rect(big, P["wood_l"], 1, 2, 30, 9)
    hline(big, (212, 160, 104), 2, 29, 3)
    rect(big, P["wood"], 1, 11, 30, 2)
    rect(big, P["wood_d"], 2, 13, 2, 2); rect(big, P["wood_d"], 28, 13, 2, 2)
    rect(big, P["wood_d"], 18, 11, 10, 3)
    # stack of books
    rect(big, P["indigo"], 3, 3, 7, 2); rect(big, P["terra"], 4, 5, 6, 2); rect(big, P["teal"], 3, 7, 7, 2)
    hline(big, P["cream"], 4, 9, 4)
    # open notebook
    rect(big, P["white"], 12, 5, 10, 5)
    vline(big, P["stone_d"], 17, 5, 9)
    for y in (6, 8):
        hline(big, P["indigo_l"], 13, 15, y); hline(big, P["indigo_l"], 18, 21, y)
    # pencil
    line(big, P["ochre"], (22, 9), (25, 7))
    # lamp
    rect(big, P["teal_d"], 26, 7, 3, 2)
    vline(big, P["teal_d"], 27, 3, 7)
    rect(big, P["teal"], 24, 1, 5, 3)
    px(big, P["ochre_l"], 25, 3)
    add_big([["desk_l", "desk_r"]], outline(big))

    # tulsi chaura: raised planter with tulsi
    s = tile()
    rect(s, P["terra"], 3, 8, 10, 7)
    rect(s, P["terra_l"], 3, 8, 10, 2)
    rect(s, P["cream"], 4, 11, 8, 3)
    px(s, P["red"], 8, 12); px(s, P["ochre"], 7, 12); px(s, P["ochre"], 9, 12)
    for (x, y) in ((8, 1), (6, 3), (10, 3), (5, 5), (8, 4), (11, 6), (7, 6), (9, 6)):
        circle(s, P["leaf"], x, y, 2)
    for (x, y) in ((8, 1), (6, 3), (10, 3), (9, 5)):
        px(s, P["leaf_l"], x, y)
    px(s, P["mag_d"], 8, 0); px(s, P["mag_d"], 5, 3); px(s, P["mag_d"], 11, 2)
    vline(s, P["leaf_d"], 8, 5, 8)
    add("tulsi", outline(s), True)

    # money plant / indoor pot
    s = tile()
    rect(s, P["terra"], 5, 10, 6, 5)
    hline(s, P["terra_l"], 5, 10, 10)
    for (x, y) in ((8, 4), (5, 6), (11, 6), (7, 8), (10, 8), (8, 7)):
        ellipse(s, P["leaf"], x - 2, y - 1, 4, 3)
        px(s, P["leaf_l"], x - 1, y - 1)
    add("plant", outline(s), True)

    # clothesline 3x1 : pole | clothes | pole
    big = surf(48, 16)
    vline(big, P["wood_d"], 2, 1, 14); vline(big, P["wood"], 3, 1, 14)
    vline(big, P["wood_d"], 45, 1, 14); vline(big, P["wood"], 44, 1, 14)
    hline(big, P["stone_dd"], 3, 44, 2)
    # kurta, dupatta, towel, shirt
    rect(big, P["saffron"], 6, 3, 7, 9); rect(big, P["saffron"], 5, 3, 9, 3)
    hline(big, P["ochre_l"], 6, 12, 10)
    rect(big, P["teal_l"], 16, 3, 4, 11); vline(big, P["teal"], 17, 3, 13)
    rect(big, P["white"], 22, 3, 8, 8); hline(big, P["blue_d"], 22, 29, 9)
    rect(big, P["mag"], 32, 3, 9, 4); rect(big, P["mag"], 33, 3, 7, 8)
    px(big, P["mag_l"], 36, 5)
    for x in (8, 11, 17, 25, 35, 38):
        px(big, P["ochre_d"], x, 2)
    add_big([["clothesline_l", "clothesline_m", "clothesline_r"]], outline(big))

    # bucket with mug
    s = tile()
    rect(s, P["indigo_l"], 3, 5, 10, 9)
    ellipse(s, P["indigo"], 3, 3, 10, 4)
    ellipse(s, P["glass"], 4, 4, 8, 2)
    vline(s, P["indigo"], 4, 6, 13)
    hline(s, P["indigo_d"], 4, 11, 13)
    line(s, P["steel_d"], (3, 5), (8, 0)); line(s, P["steel_d"], (8, 0), (12, 5))
    rect(s, P["ochre"], 12, 10, 3, 4)
    add("bucket", outline(s), True)

    # shoe rack with chappals
    s = tile()
    rect(s, P["wood"], 1, 5, 14, 10)
    rect(s, P["wood_dd"], 2, 6, 12, 3); rect(s, P["wood_dd"], 2, 10, 12, 3)
    rect(s, P["terra"], 3, 7, 3, 2); rect(s, P["indigo"], 7, 7, 3, 2); rect(s, P["mag"], 11, 7, 2, 2)
    rect(s, P["ochre_d"], 3, 11, 4, 2); rect(s, P["teal"], 9, 11, 3, 2)
    hline(s, P["wood_l"], 1, 14, 5)
    rect(s, P["indigo_d"], 5, 1, 5, 3)  # school bag on top
    px(s, P["ochre"], 7, 2)
    add("shoe_rack", outline(s), True)

    # pooja shelf / small side table with diya
    s = tile()
    rect(s, P["wood"], 2, 7, 12, 8)
    hline(s, P["wood_l"], 2, 13, 7)
    rect(s, P["wood_d"], 3, 9, 10, 5)
    ellipse(s, P["terra"], 5, 4, 6, 3)
    px(s, P["ochre_l"], 8, 2); px(s, P["saffron"], 8, 3)
    add("side_table", outline(s), True)


# ----------------------------------------------------------------- outside
def sign_letters(big, glyphs, color, top: int, stride: int, offset: int) -> None:
    """Seven made-up letters across a shop sign (reads as lettering, says nothing)."""
    gx = 7
    for k in range(7):
        g = glyphs[(k * stride + offset) % len(glyphs)]
        for j, rowp in enumerate(g):
            for i, ch in enumerate(rowp):
                if ch == "#":
                    px(big, color, gx + i, top + j)
        gx += 5


def outside():
    # brick lane: running bond, warm
    s = tile("terra_l")
    for row in range(4):
        y = row * 4
        hline(s, P["terra_d"], 0, 15, y + 3)
        off = 0 if row % 2 == 0 else 4
        for x in range(off, 16, 8):
            vline(s, P["terra_d"], x, y, y + 2)
    speckle(s, [P["terra"], (236, 160, 118)], rng(51), 10)
    add("lane_brick", s)

    s = tile("dirt")
    speckle(s, [P["dirt_l"], P["dirt_d"], P["stone"]], rng(52), 26)
    px(s, P["stone_d"], 4, 11); px(s, P["stone_l"], 5, 11); px(s, P["stone_d"], 12, 3)
    add("lane_dirt", s)

    s = tile("asphalt")
    speckle(s, [P["asphalt_l"], P["asphalt_d"]], rng(53), 30)
    add("road", s)
    s = tile("asphalt")
    speckle(s, [P["asphalt_l"], P["asphalt_d"]], rng(54), 30)
    rect(s, P["cream"], 2, 7, 10, 2)
    add("road_line", s)

    s = tile("grass")
    r = rng(55)
    for _ in range(14):
        x, y = r.randrange(16), r.randrange(16)
        px(s, P["grass_l"], x, y); px(s, P["grass_d"], x, (y + 1) % 16)
    add("grass", s)
    s2 = s.copy()
    for (x, y, col) in ((3, 4, "ochre_l"), (11, 9, "mag_l"), (6, 12, "white"), (13, 2, "ochre_l")):
        px(s2, col, x, y); px(s2, col, x + 1, y); px(s2, col, x, y + 1); px(s2, col, x + 1, y + 1)
        px(s2, "saffron", x, y)
    add("grass_flowers", s2)

    # drain: kerb stones at top and bottom, murky water
    s = tile("water")
    rect(s, P["stone"], 0, 0, 16, 4); hline(s, P["stone_l"], 0, 15, 0); hline(s, P["stone_dd"], 0, 15, 3)
    rect(s, P["stone"], 0, 12, 16, 4); hline(s, P["stone_l"], 0, 15, 12); hline(s, P["stone_dd"], 0, 15, 15)
    for x in (3, 9, 13):
        px(s, P["water_d"], x, 7); px(s, (120, 156, 150), x + 1, 6)
    vline(s, P["stone_dd"], 8, 0, 3); vline(s, P["stone_dd"], 4, 12, 15)
    add("drain", s, True)
    s = tile("stone")
    rect(s, P["stone_l"], 0, 0, 16, 2)
    hline(s, P["stone_dd"], 0, 15, 15)
    for x in (3, 7, 11):
        rect(s, P["stone_d"], x, 6, 2, 4)
    add("drain_slab", s)

    # house fronts in four colours
    house_cols = {"pink": "pink", "yellow": "ochre", "teal": "teal", "blue": "blue"}
    for hname, base in house_cols.items():
        b, l, d = P[base], P[base + "_l"], P[base + "_d"]
        # parapet / roof edge
        s = tile(b)
        rect(s, P["cream"], 0, 0, 16, 4)
        hline(s, P["ol2"], 0, 15, 0)
        hline(s, P["cream_dd"], 0, 15, 4)
        for x in (2, 8, 14):
            rect(s, d, x - 1, 7, 3, 3)
        hline(s, d, 0, 15, 15)
        speckle(s, [l], rng(60 + len(hname)), 4, (0, 5, 16, 10))
        add(f"house_{hname}_top", s, True)
        # plain wall
        s = tile(b)
        speckle(s, [l, d], rng(61 + len(hname)), 6)
        rect(s, P["stone_d"], 0, 13, 16, 3)
        hline(s, P["stone"], 0, 15, 13)
        add(f"house_{hname}", s, True)
        # window with grill + sunshade
        w = s.copy()
        rect(w, P["cream_d"], 1, 1, 14, 2); hline(w, P["ol2"], 1, 14, 3)
        rect(w, P["wood_d"], 3, 4, 10, 8)
        rect(w, P["glass_d"], 4, 5, 8, 6)
        rect(w, P["glass"], 4, 5, 8, 2)
        for x in (5, 7, 9, 11):
            vline(w, P["steel_d"], x, 5, 10)
        hline(w, P["steel_d"], 4, 11, 8)
        hline(w, P["cream_d"], 2, 13, 12)
        add(f"house_{hname}_window", w, True)
        # wooden door (closed) and door (open, walkable)
        for state in ("door", "door_open"):
            dd = s.copy()
            rect(dd, P["cream_d"], 1, 0, 14, 2)
            rect(dd, P["ol2"], 2, 2, 12, 14)
            if state == "door":
                rect(dd, P["wood"], 3, 2, 10, 14)
                vline(dd, P["wood_d"], 8, 2, 15)
                rect(dd, P["wood_l"], 4, 4, 3, 4); rect(dd, P["wood_l"], 9, 4, 3, 4)
                rect(dd, P["wood_l"], 4, 10, 3, 4); rect(dd, P["wood_l"], 9, 10, 3, 4)
                px(dd, P["ochre_l"], 7, 9); px(dd, P["ochre_l"], 9, 9)
            else:
                rect(dd, (90, 62, 56), 3, 2, 10, 14)
                rect(dd, (120, 86, 70), 3, 12, 10, 4)
                rect(dd, P["wood"], 3, 2, 3, 14)
                vline(dd, P["wood_l"], 4, 2, 15)
                px(dd, P["ochre_l"], 5, 9)
            # small torans (marigold string) over the door
            for x in range(2, 14, 2):
                px(dd, P["saffron"], x, 1); px(dd, P["ochre_l"], x + 1, 1)
            px(dd, P["leaf"], 4, 2); px(dd, P["leaf"], 8, 2); px(dd, P["leaf"], 11, 2)
            add(f"house_{hname}_{state}", dd, state == "door")

    # doorstep (walkable step in front of a door)
    s = tile("stone_l")
    hline(s, P["stone"], 0, 15, 5)
    rect(s, P["stone"], 0, 10, 16, 6)
    hline(s, P["stone_dd"], 0, 15, 15)
    # rangoli dots
    for (x, y, col) in ((5, 2, "mag"), (8, 2, "ochre"), (11, 2, "teal"), (8, 3, "white")):
        px(s, col, x, y)
    add("doorstep", s)

    # kirana shop: sign row (3), awning/goods row (3), counter row (3)
    big = surf(48, 48)
    rect(big, P["ochre"], 0, 0, 48, 16)
    rect(big, P["indigo"], 2, 2, 44, 11)
    rect(big, P["indigo_l"], 2, 2, 44, 1)
    # Devanagari-ish squiggles: top line + hooks
    # "kirana store" in a Devanagari-like hand: a top line (shirorekha) with varied letter shapes
    glyphs = [["#.#", "#.#", "###", "..#", "..#"], ["###", "..#", ".##", "#..", "###"],
              ["#..", "###", "#.#", "#.#", ".##"], [".#.", "#.#", "###", "#..", "#.."],
              ["##.", "..#", "###", "#.#", "#.#"], [".##", "#..", "###", "..#", "##."]]
    hline(big, P["cream"], 6, 41, 4)
    sign_letters(big, glyphs, P["cream"], 5, 5, 2)
    vline(big, P["ochre_l"], 41, 4, 10)
    px(big, P["ochre_l"], 4, 7); px(big, P["ochre_l"], 43, 7)
    hline(big, P["ol2"], 0, 47, 0)
    # awning stripes (terracotta / cream), scalloped edge
    for x in range(48):
        col = P["terra"] if (x // 4) % 2 == 0 else P["cream"]
        vline(big, col, x, 16, 22)
        if x % 4 in (1, 2):
            px(big, col, x, 23)
    hline(big, P["terra_d"], 0, 47, 16)
    # shop interior
    rect(big, (92, 66, 60), 0, 24, 48, 24)
    rect(big, P["wood_d"], 0, 24, 48, 2)
    for sy in (27, 33):
        hline(big, P["wood"], 1, 46, sy + 4)
        r = rng(70 + sy)
        for x in range(2, 46, 3):
            col = r.choice([P["ochre"], P["red"], P["teal_l"], P["mag_l"], P["cream"], P["leaf_l"], P["saffron"]])
            rect(big, col, x, sy + 1, 2, 3)
    # hanging snack packets
    for x in (4, 12, 36, 44):
        rect(big, P["red"] if x % 8 else P["ochre_l"], x, 24, 2, 3)
    # counter
    rect(big, P["wood"], 0, 38, 48, 10)
    hline(big, P["wood_l"], 0, 47, 38)
    rect(big, P["wood_d"], 0, 46, 48, 2)
    # jars on counter
    for x in (4, 11, 30, 37):
        rect(big, P["glass"], x, 34, 5, 5)
        rect(big, P["steel_d"], x, 33, 5, 1)
        rect(big, [P["mag_l"], P["ochre_l"], P["leaf_l"], P["saffron"]][(x // 7) % 4], x + 1, 36, 3, 3)
    # scale
    rect(big, P["steel_d"], 22, 36, 4, 2); hline(big, P["steel_l"], 19, 28, 35)
    add_big([["shop_sign_l", "shop_sign_m", "shop_sign_r"],
             ["shop_awning_l", "shop_awning_m", "shop_awning_r"],
             ["shop_counter_l", "shop_counter_m", "shop_counter_r"]], big)

    # neem tree: 3x3 canopy (above layer) + trunk (decor)
    big = surf(48, 64)
    # trunk
    rect(big, P["wood_d"], 20, 26, 8, 34)
    rect(big, P["wood"], 21, 26, 3, 34)
    vline(big, P["wood_l"], 22, 30, 56)
    rect(big, P["wood_d"], 17, 56, 14, 3)
    px(big, P["wood"], 18, 57); px(big, P["wood"], 29, 57)
    line(big, P["wood_d"], (24, 30), (14, 20)); line(big, P["wood_d"], (24, 30), (34, 18))
    r = rng(80)
    blobs = [(24, 20, 16), (12, 22, 11), (36, 22, 11), (16, 12, 11), (32, 12, 11), (24, 9, 10), (10, 30, 8),
             (38, 30, 8), (24, 32, 9)]
    for (x, y, rad) in blobs:
        circle(big, P["leaf_d"], x, y, rad)
    for (x, y, rad) in blobs:
        circle(big, P["leaf"], x - 1, y - 2, rad - 3)
    for _ in range(170):
        x, y = r.randrange(2, 46), r.randrange(1, 42)
        if big.get_at((x, y))[:3] == P["leaf"]:
            px(big, P["leaf_l"] if y < 24 else P["leaf"], x, y)
        elif big.get_at((x, y))[:3] == P["leaf_d"]:
            px(big, P["leaf_dd"], x, y)
    for (x, y) in ((14, 8), (28, 6), (20, 14), (34, 16), (9, 20), (26, 20)):
        px(big, P["leaf_l"], x, y); px(big, P["leaf_l"], x + 1, y); px(big, (190, 222, 130), x, y - 1)
    big = outline(big)
    add_big([["neem_tl", "neem_t", "neem_tr"], ["neem_l", "neem_c", "neem_r"],
             ["neem_bl", "neem_b", "neem_br"]], big, solid=False)
    tr = surf(16, 16)
    tr.blit(big, (0, 0), (16, 48, 16, 16))
    add("neem_trunk", tr, True)

    # cow (2x1, side view facing left)
    big = surf(32, 16)
    cow, cow_d = P["white"], P["cream_dd"]
    rrect(big, cow, 8, 3, 20, 8, 3)  # body
    rect(big, cow, 12, 1, 5, 4)  # hump
    rect(big, cow_d, 9, 9, 18, 2)
    for x in (10, 13, 22, 25):
        rect(big, cow, x, 10, 2, 5)
        px(big, P["ol2"], x, 14); px(big, P["ol2"], x + 1, 14)
    rrect(big, cow, 2, 2, 8, 6, 2)  # head
    rect(big, P["pink"], 1, 5, 3, 3)
    px(big, P["ol2"], 5, 4)
    rect(big, P["ochre_l"], 4, 0, 1, 2); rect(big, P["ochre_l"], 8, 0, 1, 2)
    rect(big, cow_d, 7, 3, 2, 3)
    line(big, cow_d, (28, 4), (30, 10))
    px(big, P["hair"], 30, 11)
    rect(big, P["terra_l"], 18, 4, 5, 4)  # a patch
    px(big, P["saffron"], 9, 8); px(big, P["ochre"], 10, 8)  # marigold necklace
    add_big([["cow_l", "cow_r"]], outline(big))

    # scooter (2x1 side view)
    big = surf(32, 16)
    circle(big, P["ol2"], 7, 12, 3); circle(big, P["steel"], 7, 12, 1)
    circle(big, P["ol2"], 25, 12, 3); circle(big, P["steel"], 25, 12, 1)
    rrect(big, P["teal"], 16, 4, 14, 7, 3)
    rect(big, P["teal"], 7, 2, 4, 8)
    line(big, P["teal"], (10, 9), (18, 10))
    hline(big, P["teal_d"], 10, 20, 10)
    rrect(big, (58, 52, 60), 17, 3, 11, 3, 1)
    line(big, P["steel_d"], (8, 2), (8, 0)); hline(big, P["steel_d"], 5, 11, 0)
    px(big, P["ochre_l"], 6, 3); px(big, P["teal_l"], 18, 6); px(big, P["teal_l"], 19, 6)
    add_big([["scooter_l", "scooter_r"]], outline(big))

    # street lamp: base (decor) + head (above)
    big = surf(16, 32)
    rect(big, P["steel_d"], 7, 4, 2, 26)
    vline(big, P["steel"], 7, 4, 29)
    rect(big, P["steel_d"], 5, 28, 6, 3)
    rect(big, P["steel_d"], 7, 2, 7, 2)
    rect(big, P["ochre_l"], 11, 4, 3, 2)
    px(big, P["white"], 12, 4)
    big = outline(big)
    add_big([["lamp_top"], ["lamp_base"]], big, solid={"lamp_base": True})

    # flower pots
    for name, fl, fl2 in (("pot_marigold", "saffron", "ochre_l"), ("pot_rose", "mag", "mag_l")):
        s = tile()
        rect(s, P["terra"], 4, 9, 8, 6)
        rect(s, P["terra_l"], 3, 8, 10, 2)
        hline(s, P["terra_d"], 5, 10, 14)
        for (x, y) in ((5, 4), (10, 4), (8, 2), (7, 6), (11, 7)):
            circle(s, P["leaf_d"], x, y + 1, 1)
        for (x, y) in ((5, 4), (10, 5), (8, 2)):
            circle(s, P[fl], x, y, 2); px(s, P[fl2], x, y)
        add(name, outline(s), True)

    # boundary wall (low, plastered brick with coping)
    def bwall(kind):
        s = tile()
        x0 = 2 if kind == "l" else 0
        x1 = 13 if kind == "r" else 15
        rect(s, P["cream_d"], x0, 4, x1 - x0 + 1, 11)
        rect(s, P["cream"], x0, 2, x1 - x0 + 1, 3)
        hline(s, P["cream_dd"], x0, x1, 5)
        for y in (8, 11):
            for x in range(x0 + (y % 2) * 2, x1, 5):
                hline(s, P["terra_l"], x, x + 2, y)
        hline(s, P["stone_d"], x0, x1, 14)
        return outline(s)
    add("bwall_l", bwall("l"), True)
    add("bwall", bwall("m"), True)
    add("bwall_r", bwall("r"), True)

    # hand pump
    s = tile()
    rect(s, P["stone"], 3, 11, 10, 4)
    rect(s, P["steel_d"], 6, 3, 4, 9)
    vline(s, P["steel"], 7, 3, 11)
    line(s, P["steel_d"], (9, 4), (14, 1))
    rect(s, P["steel_d"], 3, 6, 3, 2)
    px(s, P["glass"], 4, 9)
    add("hand_pump", outline(s), True)

    # crate of vegetables outside shop
    s = tile()
    rect(s, P["wood"], 2, 7, 12, 8)
    hline(s, P["wood_l"], 2, 13, 10); hline(s, P["wood_d"], 2, 13, 14)
    for (x, y, col) in ((4, 5, "red"), (7, 5, "red"), (10, 5, "saffron"), (5, 3, "leaf"), (9, 3, "red"),
                        (12, 5, "leaf_l")):
        circle(s, P[col], x, y + 1, 2)
    add("veg_crate", outline(s), True)

    # rangoli on the courtyard floor (walkable)
    s = floor_court()
    for rad, col in ((7, P["mag"]), (6, P["ochre_l"]), (4, P["teal"]), (3, P["white"]), (1, P["saffron"])):
        circle(s, col, 8, 8, rad)
    for (x, y) in ((8, 1), (8, 14), (1, 8), (14, 8), (3, 3), (12, 3), (3, 12), (12, 12)):
        px(s, P["white"], x, y)
    for (x, y) in ((8, 4), (8, 12), (4, 8), (12, 8)):
        px(s, P["mag_d"], x, y)
    add("rangoli", s)

    # pilaster between two house fronts (transparent overlay)
    s = tile()
    rect(s, P["cream"], 0, 0, 3, 16)
    vline(s, P["cream_dd"], 2, 0, 15)
    vline(s, P["white"], 0, 0, 15)
    add("pilaster", s, True)

    # sleeping street dog
    s = tile()
    ellipse(s, P["ochre"], 2, 7, 11, 6)
    ellipse(s, P["ochre_l"], 4, 8, 6, 3)
    circle(s, P["ochre"], 12, 9, 3)
    px(s, P["ochre_d"], 10, 6); px(s, P["ochre_d"], 14, 7)
    hline(s, P["ol2"], 12, 13, 9)
    px(s, P["ol2"], 15, 10)
    line(s, P["ochre_d"], (2, 11), (0, 13))
    add("dog", outline(s), True)

    # worn brick with a dusty patch
    s = TILES[[t[0] for t in TILES].index("lane_brick")][1].copy()
    r = rng(57)
    for _ in range(40):
        x, y = 5 + int(r.gauss(0, 2.5)), 8 + int(r.gauss(0, 2))
        px(s, r.choice([P["dirt"], P["dirt_l"]]), x % 16, y % 16)
    add("lane_brick_b", s)


# ----------------------------------------------------------------- school and neighbourhood (appended: ids stay)
def _chalk_text(s, x0, y0, x1, r, col=None):
    """A line of chalk 'handwriting': short strokes with gaps."""
    col = col or P["chalk"]
    x = x0
    while x < x1:
        w = r.choice([2, 3, 3, 4])
        for i in range(min(w, x1 - x)):
            px(s, col, x + i, y0 + (1 if r.random() < 0.25 else 0))
        x += w + 1


def school():
    # school wall face: cream plaster over a green dado
    s = tile("cream")
    rect(s, P["white"], 0, 0, 16, 2)
    hline(s, P["ol2"], 0, 15, 0)
    hline(s, P["cream_d"], 0, 15, 2)
    speckle(s, [P["cream_d"], P["white"]], rng(101), 4, (0, 3, 16, 5))
    rect(s, P["green_d"], 0, 9, 16, 7)
    hline(s, P["green"], 0, 15, 9)
    hline(s, P["leaf_d"], 0, 15, 10)
    speckle(s, [P["green"], (120, 160, 120)], rng(102), 5, (0, 11, 16, 4))
    hline(s, P["ol2"], 0, 15, 15)
    add("face_school", s, True)

    # classroom floor: warm cement squares; corridor: long kota-stone slabs
    s = tile((214, 206, 186))
    speckle(s, [(226, 220, 202), (198, 190, 170)], rng(103), 20)
    hline(s, (186, 178, 158), 0, 15, 15); vline(s, (186, 178, 158), 15, 0, 15)
    hline(s, (232, 226, 210), 0, 14, 0)
    add("floor_class", s)
    s = tile((176, 186, 168))
    speckle(s, [(190, 198, 180), (160, 170, 154)], rng(104), 22)
    hline(s, (142, 152, 138), 0, 15, 7); hline(s, (142, 152, 138), 0, 15, 15)
    vline(s, (142, 152, 138), 10, 0, 7); vline(s, (142, 152, 138), 3, 8, 15)
    hline(s, (200, 208, 192), 0, 9, 0); hline(s, (200, 208, 192), 11, 15, 0); hline(s, (200, 208, 192), 4, 15, 8)
    add("floor_corridor", s)

    # blackboard, 4 tiles wide, on the wall face
    big = surf(64, 16)
    rect(big, P["wood"], 1, 0, 62, 14)
    hline(big, P["wood_l"], 1, 62, 0)
    rect(big, P["board"], 2, 1, 60, 11)
    speckle(big, [P["board_d"], (60, 92, 78)], rng(105), 40, (2, 1, 60, 11))
    r = rng(106)
    # date and a title, then lines of writing
    _chalk_text(big, 4, 2, 14, r); _chalk_text(big, 22, 2, 40, r)
    hline(big, P["chalk"], 22, 40, 4)
    for y in (6, 8, 10):
        _chalk_text(big, 4, y, 18, r)
    # a drawing: the water cycle (sun, cloud, rain, arrows)
    circle(big, P["chalk"], 24, 8, 2); circle(big, P["board"], 24, 8, 1)
    for (dx, dy) in ((-3, 0), (3, 0), (0, -3), (0, 3)):
        px(big, P["chalk"], 24 + dx, 8 + dy)
    ellipse(big, P["chalk"], 30, 5, 8, 4); ellipse(big, P["board"], 31, 6, 6, 2)
    for x in (31, 34, 37):
        px(big, P["chalk"], x, 10); px(big, P["chalk"], x - 1, 11)
    line(big, P["chalk"], (40, 10), (44, 6)); px(big, P["chalk"], 43, 6); px(big, P["chalk"], 44, 7)
    for y in (6, 8, 10):
        _chalk_text(big, 47, y, 60, r, P["ochre_l"] if y == 6 else None)
    # chalk tray with chalk and a duster
    rect(big, P["wood_d"], 2, 12, 60, 2)
    rect(big, P["white"], 8, 12, 3, 1); rect(big, P["pink_l"], 13, 12, 2, 1)
    rect(big, P["wood_l"], 50, 11, 5, 2); rect(big, P["stone_d"], 50, 12, 5, 1)
    add_big([["blackboard_1", "blackboard_2", "blackboard_3", "blackboard_4"]], outline(big))

    # desk-bench pairs: a desk (top) and its bench (bottom), 2 tiles wide; two variants
    for suffix, seed in (("", 107), ("_b", 108)):
        big = surf(32, 16)
        rect(big, P["wood_l"], 1, 1, 30, 5)
        hline(big, (212, 160, 104), 2, 29, 2)
        rect(big, P["wood"], 1, 6, 30, 2)
        hline(big, P["wood_d"], 1, 30, 7)
        rect(big, P["wood_d"], 2, 8, 2, 2); rect(big, P["wood_d"], 28, 8, 2, 2)
        rect(big, P["wood"], 2, 10, 28, 3)
        hline(big, P["wood_l"], 2, 29, 10)
        rect(big, P["wood_d"], 3, 13, 2, 2); rect(big, P["wood_d"], 27, 13, 2, 2)
        r = rng(seed)
        for x0 in (3, 17):  # two places at each desk
            kind = r.choice(["book", "book", "box", "bag"])
            if kind == "book":
                rect(big, P["white"], x0 + 1, 2, 8, 3); vline(big, P["stone_d"], x0 + 5, 2, 4)
                hline(big, P["indigo_l"], x0 + 2, x0 + 3, 3); hline(big, P["indigo_l"], x0 + 6, x0 + 8, 3)
            elif kind == "box":
                rect(big, r.choice([P["mag"], P["teal"], P["saffron"]]), x0 + 2, 2, 6, 3)
                hline(big, P["steel_l"], x0 + 2, x0 + 7, 2)
            else:
                rect(big, r.choice([P["indigo"], P["red"], P["teal_d"]]), x0 + 2, 9, 7, 4)
                hline(big, P["ochre"], x0 + 3, x0 + 7, 10)
        px(big, P["red"], 15, 3); px(big, P["ochre"], 16, 3)  # a pencil
        add_big([[f"desk_bench{suffix}_l", f"desk_bench{suffix}_r"]], outline(big))

    # teacher's table: register, chalk box, a globe
    big = surf(32, 16)
    rect(big, P["wood"], 1, 3, 30, 8)
    hline(big, P["wood_l"], 2, 29, 4)
    rect(big, P["wood_d"], 1, 11, 30, 2)
    rect(big, P["wood_d"], 2, 13, 2, 2); rect(big, P["wood_d"], 28, 13, 2, 2)
    rect(big, P["indigo_d"], 4, 5, 9, 5); rect(big, P["cream"], 5, 6, 7, 3); hline(big, P["indigo_l"], 5, 11, 7)
    rect(big, P["white"], 15, 7, 5, 3); rect(big, P["stone_d"], 15, 7, 5, 1)
    circle(big, P["teal"], 25, 4, 4); px(big, P["leaf_l"], 24, 3); px(big, P["leaf_l"], 26, 5); px(big, P["leaf_l"], 23, 5)
    rect(big, P["wood_d"], 24, 8, 3, 2); px(big, P["steel_d"], 21, 4)
    add_big([["teacher_table_l", "teacher_table_r"]], outline(big))

    # notice board, 2 tiles wide, on the wall face
    big = surf(32, 16)
    rect(big, P["wood_d"], 1, 1, 30, 12)
    rect(big, P["dirt"], 2, 2, 28, 10)
    speckle(big, [P["dirt_d"], P["dirt_l"]], rng(109), 20, (2, 2, 28, 10))
    for (x, y, w, h, col) in ((4, 3, 6, 7, "white"), (12, 3, 7, 5, "ochre_l"), (21, 4, 7, 7, "white"),
                              (12, 9, 5, 2, "pink_l")):
        rect(big, P[col], x, y, w, h)
        px(big, P["red"], x + w // 2, y)
    for y in (5, 7):
        hline(big, P["indigo_l"], 5, 8, y)
    for y in (6, 8, 9):
        hline(big, P["stone_dd"], 22, 26, y)
    hline(big, P["leaf_d"], 22, 25, 5)
    hline(big, P["terra"], 13, 17, 5)
    add_big([["notice_l", "notice_r"]], outline(big))

    # water cooler, 1x2 (top sits on the wall face)
    big = surf(16, 32)
    rect(big, P["steel"], 2, 3, 12, 27)
    rect(big, P["steel_l"], 3, 4, 3, 25)
    rect(big, P["steel_d"], 2, 3, 12, 2)
    rect(big, P["blue_d"], 4, 8, 8, 3)
    rect(big, P["white"], 5, 9, 6, 1)
    for x in (5, 10):
        rect(big, P["steel_d"], x, 17, 2, 2); px(big, P["steel_d"], x, 19)
    rect(big, P["steel_d"], 3, 21, 10, 2)
    hline(big, P["water"], 4, 11, 21)
    rect(big, P["steel_d"], 3, 29, 10, 2)
    add_big([["cooler_top"], ["cooler_bottom"]], outline(big))

    # school gate: pillars, the arch sign (above), open iron gate leaves
    s = tile()
    rect(s, P["cream"], 3, 2, 10, 13)
    rect(s, P["cream_d"], 10, 2, 3, 13)
    rect(s, P["white"], 2, 0, 12, 3)
    hline(s, P["cream_dd"], 2, 13, 3)
    rect(s, P["terra_d"], 3, 12, 10, 3)
    add("gate_pillar", outline(s), True)
    big = surf(48, 16)
    rect(big, P["indigo"], 0, 2, 48, 11)
    hline(big, P["indigo_l"], 0, 47, 3)
    hline(big, P["ochre_l"], 0, 47, 2); hline(big, P["ochre_l"], 0, 47, 12)
    glyphs = [["###", "#.#", "###", "#..", "#.."], ["#.#", "###", "#.#", "#.#", "#.#"], [".#.", "#.#", "###", "..#", ".##"],
              ["##.", "#.#", "###", "..#", "..#"], ["###", ".#.", ".#.", "#.#", ".##"]]
    hline(big, P["white"], 6, 41, 5)
    sign_letters(big, glyphs, P["white"], 6, 3, 1)
    circle(big, P["saffron"], 3, 7, 2); circle(big, P["saffron"], 44, 7, 2)
    add_big([["gate_sign_l", "gate_sign_m", "gate_sign_r"]], outline(big), solid=False)
    s = tile()
    for x in range(2, 15, 3):
        vline(s, P["steel_d"], x, 2, 14)
        px(s, P["steel_l"], x, 1)
    hline(s, P["steel_d"], 1, 14, 3); hline(s, P["steel_d"], 1, 14, 12)
    line(s, P["steel_d"], (2, 12), (14, 3))
    add("gate_leaf", outline(s), True)

    # playground: packed earth, patchy grass, the pitch strip with creases, stumps
    s = tile("dirt_l")
    speckle(s, [P["dirt"], (226, 190, 144), P["stone_l"]], rng(110), 28)
    add("play_dirt", s)
    s = tile("dirt_l")
    speckle(s, [P["dirt"]], rng(111), 10)
    r = rng(112)
    for _ in range(22):
        x, y = r.randrange(16), r.randrange(16)
        px(s, P["grass"], x, y); px(s, P["grass_d"], x, (y + 1) % 16); px(s, P["grass_l"], (x + 1) % 16, y)
    add("play_grass", s)
    pitch = (242, 226, 182)
    for name, crease in (("pitch", None), ("pitch_top", 4), ("pitch_bottom", 11)):
        s = tile(pitch)
        speckle(s, [(250, 238, 200), (226, 204, 158)], rng(113), 16)
        vline(s, P["dirt_d"], 0, 0, 15); vline(s, P["dirt_d"], 15, 0, 15)
        vline(s, (226, 204, 158), 1, 0, 15); vline(s, (226, 204, 158), 14, 0, 15)
        if crease is not None:
            hline(s, P["white"], 1, 14, crease)
            hline(s, P["white"], 1, 14, crease + (3 if crease < 8 else -3))
            vline(s, P["white"], 3, min(crease, crease + (3 if crease < 8 else -3)),
                  max(crease, crease + (3 if crease < 8 else -3)))
            vline(s, P["white"], 12, min(crease, crease + (3 if crease < 8 else -3)),
                  max(crease, crease + (3 if crease < 8 else -3)))
        add(name, s)
    s = tile()
    for x in (5, 8, 11):
        rect(s, P["cream"], x, 3, 1, 10); px(s, P["cream_dd"], x, 12)
    hline(s, P["wood_l"], 5, 11, 2)
    add("stumps", outline(s), True)

    # bench with backrest, 2 tiles wide
    big = surf(32, 16)
    rect(big, P["teal"], 1, 1, 30, 4)
    hline(big, P["teal_l"], 1, 30, 1)
    rect(big, P["teal_d"], 3, 5, 2, 3); rect(big, P["teal_d"], 27, 5, 2, 3)
    rect(big, P["teal"], 1, 7, 30, 4)
    hline(big, P["teal_l"], 1, 30, 7)
    hline(big, P["teal_d"], 1, 30, 10)
    rect(big, P["steel_d"], 3, 11, 2, 4); rect(big, P["steel_d"], 27, 11, 2, 4)
    add_big([["bench_l", "bench_r"]], outline(big))

    # flag pole: the tricolour (above) and the base
    big = surf(16, 32)
    rect(big, P["stone"], 3, 27, 10, 4); hline(big, P["stone_l"], 3, 12, 27)
    vline(big, P["steel_d"], 5, 1, 27); vline(big, P["steel_l"], 4, 1, 27) if False else None
    rect(big, P["saffron"], 6, 2, 9, 3)
    rect(big, P["white"], 6, 5, 9, 3)
    rect(big, P["leaf_d"], 6, 8, 9, 3)
    px(big, P["indigo"], 10, 6)
    px(big, P["ochre"], 5, 0)
    add_big([["flag_top"], ["flag_base"]], outline(big), solid={"flag_base": True})


def neighbourhood():
    # house doors with a doorbell beside them (closed; solid)
    for hname, base in {"pink": "pink", "yellow": "ochre", "teal": "teal", "blue": "blue"}.items():
        b, l, d = P[base], P[base + "_l"], P[base + "_d"]
        s = tile(b)
        speckle(s, [l, d], rng(61 + len(hname)), 6)
        rect(s, P["stone_d"], 0, 13, 16, 3)
        hline(s, P["stone"], 0, 15, 13)
        rect(s, P["cream_d"], 0, 0, 13, 2)
        rect(s, P["ol2"], 1, 2, 11, 14)
        rect(s, P["wood"], 2, 2, 9, 14)
        vline(s, P["wood_d"], 6, 2, 15)
        rect(s, P["wood_l"], 3, 4, 2, 4); rect(s, P["wood_l"], 8, 4, 2, 4)
        rect(s, P["wood_l"], 3, 10, 2, 4); rect(s, P["wood_l"], 8, 10, 2, 4)
        px(s, P["ochre_l"], 5, 9); px(s, P["ochre_l"], 7, 9)
        for x in range(1, 12, 2):
            px(s, P["saffron"], x, 1); px(s, P["ochre_l"], x + 1, 1)
        # the bell: a white switch plate with a red button, at shoulder height
        rect(s, P["ol2"], 12, 5, 4, 6)
        rect(s, P["white"], 13, 6, 2, 4)
        rect(s, P["red"], 13, 7, 2, 2)
        px(s, P["red_l"], 13, 7)
        add(f"house_{hname}_door_bell", s, True)

    # tea stall, 3 wide: back row (tarp awning over a shelf), counter row (2) + the owner's spot
    big = surf(48, 16)
    rect(big, P["wood_dd"], 0, 0, 48, 16)
    for x in range(48):  # blue tarpaulin awning with a scalloped edge
        vline(big, P["blue_d"] if (x // 6) % 2 else P["indigo_l"], x, 0, 5)
        if x % 6 in (2, 3):
            px(big, P["blue_d"] if (x // 6) % 2 else P["indigo_l"], x, 6)
    hline(big, P["indigo"], 0, 47, 0)
    hline(big, P["wood"], 1, 46, 12)
    r = rng(120)
    for x in range(2, 46, 4):  # jars of rusk and biscuits
        rect(big, P["glass"], x, 8, 3, 4)
        rect(big, r.choice([P["ochre"], P["ochre_l"], P["terra_l"], P["saffron"]]), x, 10, 3, 2)
        hline(big, P["red"], x, x + 2, 7)
    # a small signboard: "chai" squiggle
    rect(big, P["red"], 16, 1, 16, 5); hline(big, P["white"], 18, 29, 2)
    for x in (18, 21, 24, 27):
        vline(big, P["white"], x, 2, 4)
    px(big, P["white"], 19, 4); px(big, P["white"], 25, 3)
    add_big([["chai_back_l", "chai_back_m", "chai_back_r"]], outline(big))
    big = surf(32, 16)
    rect(big, P["wood"], 0, 5, 32, 11)
    hline(big, P["wood_l"], 0, 31, 5)
    for x in (4, 12, 20, 28):
        vline(big, P["wood_d"], x, 8, 15)
    rect(big, P["wood_d"], 0, 14, 32, 2)
    # stove with a big kettle, steam
    rect(big, P["steel_d"], 2, 3, 10, 3)
    ellipse(big, P["steel"], 3, -1, 8, 6); hline(big, P["steel_l"], 4, 8, 0)
    line(big, P["steel_d"], (11, 2), (13, 0))
    px(big, P["white"], 6, 0) if False else None
    # tray of glasses of chai, a pan of milk
    rect(big, P["steel_l"], 16, 2, 13, 4)
    for x in (17, 20, 23, 26):
        rect(big, P["glass"], x, 0, 2, 4); px(big, P["ochre_d"], x, 2); px(big, P["ochre_d"], x + 1, 2)
        px(big, P["ochre_d"], x, 3); px(big, P["ochre_d"], x + 1, 3)
    add_big([["chai_counter_l", "chai_counter_r"]], outline(big))
    # steam is drawn separately so it can sit on the 'above' layer if wanted
    s = tile()
    for (x, y) in ((6, 14), (7, 12), (6, 10), (7, 8), (9, 13), (10, 11), (9, 9)):
        px(s, P["white"], x, y)
    add("steam", s)

    # a plain wooden bench (tea stall), 2 tiles wide
    big = surf(32, 16)
    rect(big, P["wood_l"], 1, 4, 30, 5)
    hline(big, (212, 160, 104), 2, 29, 5)
    rect(big, P["wood"], 1, 9, 30, 2)
    rect(big, P["wood_d"], 3, 11, 2, 4); rect(big, P["wood_d"], 27, 11, 2, 4)
    rect(big, P["glass"], 20, 3, 2, 3); px(big, P["ochre_d"], 20, 4); px(big, P["ochre_d"], 21, 4)
    add_big([["plank_bench_l", "plank_bench_r"]], outline(big))

    # carts: vegetables and fruit, 2 tiles wide, wooden thela with wheels
    def cart(items, seed):
        big = surf(32, 16)
        rect(big, P["wood"], 1, 5, 30, 6)
        hline(big, P["wood_l"], 1, 30, 5)
        rect(big, P["wood_d"], 1, 10, 30, 1)
        circle(big, P["ol2"], 7, 12, 3); circle(big, P["steel_d"], 7, 12, 1)
        circle(big, P["ol2"], 25, 12, 3); circle(big, P["steel_d"], 25, 12, 1)
        line(big, P["wood_d"], (31, 7), (31, 14))
        r = rng(seed)
        for i, (col, col2, rad) in enumerate(items):
            x0 = 3 + i * 6
            for _ in range(5):
                x, y = x0 + r.randrange(5), 3 + r.randrange(4)
                circle(big, P[col], x, y, rad)
                px(big, P[col2], x, y - rad + 1 if rad > 1 else y)
        return outline(big)
    add_big([["veg_cart_l", "veg_cart_r"]], cart([("red", "red_l", 2), ("leaf", "leaf_l", 1), ("white", "cream_d", 2),
                                                  ("mag_d", "mag", 2), ("leaf_d", "leaf_l", 1)], 121))
    add_big([["fruit_cart_l", "fruit_cart_r"]], cart([("ochre_l", "white", 2), ("saffron", "ochre_l", 2),
                                                      ("red", "red_l", 2), ("leaf_l", "ochre_l", 2),
                                                      ("ochre", "ochre_l", 1)], 122))

    # market stall: striped awning over a table of goods, 3 wide x 2 tall
    big = surf(48, 32)
    for x in range(48):
        col = P["teal"] if (x // 4) % 2 == 0 else P["cream"]
        vline(big, col, x, 0, 8)
        if x % 4 in (1, 2):
            px(big, col, x, 9)
    hline(big, P["teal_d"], 0, 47, 0)
    vline(big, P["wood_d"], 1, 10, 31); vline(big, P["wood_d"], 46, 10, 31)
    rect(big, (92, 66, 60), 2, 10, 44, 10)
    for x in range(3, 45, 4):  # hanging dupattas / cloth
        rect(big, [P["mag"], P["ochre_l"], P["teal_l"], P["saffron"], P["indigo_l"]][(x // 4) % 5], x, 10, 3, 7)
    rect(big, P["wood"], 2, 20, 44, 9)
    hline(big, P["wood_l"], 2, 45, 20)
    rect(big, P["wood_d"], 2, 28, 44, 2)
    r = rng(123)
    for x in range(4, 44, 5):  # bangles on sticks, steel pots
        if (x // 5) % 3 == 2:
            ellipse(big, P["steel"], x, 21, 4, 4); px(big, P["steel_l"], x + 1, 22)
        else:
            for k in range(3):
                hline(big, r.choice([P["red"], P["ochre_l"], P["mag_l"], P["leaf_l"], P["teal_l"]]), x, x + 3,
                      22 + k * 2)
    add_big([["stall_awning_l", "stall_awning_m", "stall_awning_r"],
             ["stall_table_l", "stall_table_m", "stall_table_r"]], outline(big))

    # auto-rickshaw, 2x2, side view facing left: yellow canopy, green body
    big = surf(32, 32)
    g, gd, y_, yd = P["auto_g"], P["auto_gd"], P["auto_y"], P["auto_yd"]
    rrect(big, y_, 5, 3, 25, 9, 3)                        # canopy
    hline(big, (250, 226, 120), 7, 27, 4)
    rect(big, yd, 5, 10, 25, 2)
    rect(big, P["shade"], 9, 12, 17, 7)                    # open side: seat inside
    rect(big, P["ochre_d"], 14, 15, 11, 3)
    hline(big, P["ochre"], 14, 24, 15)
    pygame.draw.polygon(big, g, [(3, 12), (8, 12), (8, 24), (2, 24), (1, 18)])  # nose
    rect(big, P["glass"], 4, 12, 4, 5)                     # windscreen
    px(big, P["white"], 5, 13)
    rect(big, g, 8, 19, 22, 6)                             # body
    rect(big, g, 26, 12, 4, 8)
    hline(big, gd, 2, 29, 24)
    hline(big, P["auto_y"], 8, 29, 21)                     # a yellow stripe
    circle(big, P["ochre_l"], 2, 20, 1)                    # headlight
    for cx in (6, 24):
        circle(big, P["ol2"], cx, 27, 4); circle(big, P["steel"], cx, 27, 2); px(big, P["steel_l"], cx, 27)
    line(big, P["steel_d"], (6, 12), (10, 9))              # handlebar
    rect(big, P["shade"], 28, 18, 2, 2)
    add_big([["auto_tl", "auto_tr"], ["auto_bl", "auto_br"]], outline(big))

    # bus stop: sign on a pole (top above), a shelter 3 wide x 2 tall
    big = surf(16, 32)
    vline(big, P["steel_d"], 7, 8, 29); vline(big, P["steel"], 8, 8, 29)
    rect(big, P["steel_d"], 5, 29, 6, 2)
    circle(big, P["red"], 8, 6, 6); circle(big, P["white"], 8, 6, 4)
    rect(big, P["indigo"], 5, 4, 7, 4); px(big, P["glass"], 6, 5); px(big, P["glass"], 8, 5); px(big, P["glass"], 10, 5)
    px(big, P["ol2"], 6, 8); px(big, P["ol2"], 10, 8)
    add_big([["bus_sign_top"], ["bus_sign_base"]], outline(big), solid={"bus_sign_base": True})
    big = surf(48, 32)
    rect(big, P["steel_d"], 0, 2, 48, 4)                   # roof
    hline(big, P["steel_l"], 0, 47, 2)
    rect(big, P["red"], 0, 5, 48, 2)
    rect(big, P["blue_l"], 2, 7, 44, 11)                   # back panel
    rect(big, P["ochre_l"], 6, 8, 9, 8); rect(big, P["mag"], 7, 9, 7, 3); hline(big, P["white"], 7, 14, 14)
    rect(big, P["white"], 33, 8, 10, 8); hline(big, P["indigo"], 34, 41, 10); hline(big, P["indigo"], 34, 39, 12)
    vline(big, P["steel_d"], 1, 5, 31); vline(big, P["steel_d"], 46, 5, 31)
    rect(big, P["steel"], 2, 18, 44, 5)                    # the bench
    hline(big, P["steel_l"], 2, 45, 18)
    hline(big, P["steel_d"], 2, 45, 22)
    for x in (6, 23, 40):
        rect(big, P["steel_d"], x, 23, 2, 6)
    add_big([["shelter_l", "shelter_m", "shelter_r"], ["shelter_bench_l", "shelter_bench_m", "shelter_bench_r"]],
            outline(big))

    # a street lamp that is lit (head only; use with lamp_base)
    big = surf(16, 16)
    circle(big, (255, 236, 160, 70), 12, 8, 7)
    circle(big, (255, 236, 160, 110), 12, 7, 4)
    rect(big, P["steel_d"], 7, 4, 2, 12)
    vline(big, P["steel"], 7, 4, 15)
    rect(big, P["steel_d"], 7, 2, 7, 2)
    rect(big, P["glow"], 11, 4, 3, 2)
    px(big, P["white"], 12, 4)
    add("lamp_lit_top", big)


def build_tiles():
    TILES.clear()
    add("floor_stone", floor_terrazzo(1))
    add("floor_stone_b", floor_terrazzo(2))
    add("floor_redoxide", floor_redoxide())
    add("floor_kitchen", floor_kitchen())
    add("floor_court", floor_court())
    add("threshold", threshold())
    for cy, v in enumerate("tmb"):
        for cx, h in enumerate("lmr"):
            add(f"rug_{v}{h}", rug_piece(cx, cy))
    # walls: all 16 connection masks
    masks = []
    for bits in range(16):
        m = "".join(ch for i, ch in enumerate("nesw") if bits & (1 << i))
        masks.append(m)
    for m in masks:
        add("wall_" + (m or "x"), wall_top(m), True)
    for base in ("blue", "green", "cream", "pink"):
        add(f"face_{base}", wall_face(base), True)
    add("doorway", doorway())
    add("doorway_l", doorway(True, False))
    add("doorway_r", doorway(False, True))
    add("window", window_deco(), True)
    add("calendar", calendar_deco(), True)
    add("poster", poster_deco(), True)
    add("clock", clock_deco(), True)
    add("utensil_shelf", utensil_shelf_deco(), True)
    add("photo", photo_deco(), True)
    furniture()
    outside()
    school()
    neighbourhood()
    return TILES


P.setdefault("cream", P["cream"])


def tileset_image(tiles):
    rows = (len(tiles) + COLUMNS - 1) // COLUMNS
    img = surf(COLUMNS * T, rows * T)
    for i, (_, s, _) in enumerate(tiles):
        img.blit(s, ((i % COLUMNS) * T, (i // COLUMNS) * T))
    return img


def tileset_tsx(tiles, img):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<tileset version="1.10" tiledversion="1.10.2" name="town" tilewidth="{T}" tileheight="{T}" '
           f'tilecount="{len(tiles)}" columns="{COLUMNS}">',
           f' <image source="town.png" width="{img.get_width()}" height="{img.get_height()}"/>']
    for i, (name, _, solid) in enumerate(tiles):
        out.append(f' <tile id="{i}">')
        out.append('  <properties>')
        out.append(f'   <property name="name" value={quoteattr(name)}/>')
        if solid:
            out.append('   <property name="solid" type="bool" value="true"/>')
        out.append('  </properties>')
        out.append(' </tile>')
    out.append('</tileset>')
    return "\n".join(out) + "\n"


# =====================================================================================  characters

CAST = {
    "ravi": dict(skin="honey", hair="short", top="school", bottom="navy", kid=True, cowlick=True, backpack="teal", h0=3),
    "meera": dict(skin="wheat", hair="braid", top="suit", suit=("teal", "teal_d", "mag", "cream"), kid=True, h0=3),
    "amma": dict(skin="brown", hair="bun", top="sari", sari=("mag", "mag_d", "ochre", "ochre_l"), h0=1),
    "papa": dict(skin="wheat", hair="short", top="shirt", shirt=("blue", "blue_d"), bottom="brown", moustache=True,
                 h0=1, belt=True, temples=True),
    "shopkeeper": dict(skin="deep", hair="grey", top="kurta", kurta=("cream", "cream_dd"), topi=True,
                       moustache=True, glasses=True, paunch=True),
    "neighbour": dict(skin="wheat", hair="pony", top="suit", suit=("ochre", "ochre_d", "indigo", "cream")),
    # --- the wider cast
    "dadi": dict(skin="tan", hair="bun", grey=True, plain=True, top="sari", sari=("white", "cream_d", "blue_d", "blue"),
                 blouse="blue_l", glasses=True, h0=3, stoop=True, cane=True, bun_top=True, wrinkles=True),
    "bua": dict(skin="wheat", hair="bun", top="suit", suit=("red", "red_d", "ochre", "ochre_l"), print="ochre_l",
                dupatta_l="ochre_l", jewellery=True, satchel="mag"),
    "iqbal": dict(skin="brown", hair="short", top="shirt", shirt=("white", "stone"), bottom="grey", glasses=True,
                  beard=True, moustache=True, sweater="oxide", h0=1, register=True),
    "priya": dict(skin="deep", hair="pony", plain=True, top="school", bottom="skin", kid=True, pinafore=True, h0=3),
    "kabir": dict(skin="tan", hair="short", top="school", bottom="navy", kid=True, quiff=True, cheeky=True, h0=2,
                  untucked=True, bat=True),
    "arjun": dict(skin="brown", hair="short", top="school", bottom="navy", kid=True, glasses=True, h0=4, pdy=3,
                  sweater="indigo", books=True),
    "vikram": dict(skin="honey", hair="short", young=True, top="tee", shirt=("teal", "teal_d"), bottom="jeans",
                   backpack="ochre"),
    "sunita": dict(skin="umber", hair="pony", top="suit", suit=("blue", "blue_d", "indigo_l", "cream"),
                   dupatta_l="blue_l", head_dupatta=("indigo_l", "blue_l"), tired=True),
    "manoj": dict(skin="tan", hair="short", top="shirt", shirt=("leaf_l", "leaf_d"), bottom="grey", moustache=True,
                  bald=True, check=True),
    "rekha": dict(skin="brown", hair="pony", top="shirt", shirt=("khaki", "khaki_d"), bottom="cream", khaki=True),
    "chaiwala": dict(skin="deep", hair="short", top="vest", shirt=("white", "cream_dd"), bottom="skin",
                     lungi=("teal", "teal_d"), moustache=True, towel=True),
    "loiterer": dict(skin="wheat", hair="short", young=True, top="shirt", shirt=("mag", "mag_d"), print="ochre_l",
                     bottom="jeans", shades=True, smirk=True, quiff=True, chain=True),
    # --- background classmates (three girls, three boys): one uniform, told apart by skin, hair, height and bag
    "classmate_a": dict(skin="brown", hair="braid", style="plaits", ribbon="red", top="school", bottom="skirt",
                        kid=True, h0=2, backpack="teal"),
    "classmate_b": dict(skin="wheat", hair="pony", plain=True, top="suit", suit=("blue_l", "blue_d", "indigo", "white"),
                        dupatta_l="indigo_l", kid=True, h0=3, satchel="ochre"),
    "classmate_c": dict(skin="umber", hair="braid", plain=True, top="school", bottom="skin", pinafore=True, kid=True,
                        h0=3, glasses=True, backpack="mag"),
    "classmate_d": dict(skin="deep", hair="short", style="curly", top="school", bottom="navy", kid=True, h0=2,
                        backpack="red"),
    "classmate_e": dict(skin="wheat", hair="short", style="buzz", top="school", bottom="navy", kid=True, h0=4,
                        satchel="leaf"),
    "classmate_f": dict(skin="tan", hair="short", top="school", bottom="khaki", kid=True, h0=2, glasses=True,
                        backpack="indigo"),
}


def _col(name):
    return P[name] if isinstance(name, str) else name


def char_frame(spec, facing, step, blink=False):
    """One 16x24 frame without outline. facing in down/left/right/up; step 0 stand, 1 step-a, 2 step-b.
    ``blink``: the standing frame with the eyes shut (seen from behind: the head turned a pixel aside)."""
    if facing == "left":
        return pygame.transform.flip(char_frame(spec, "right", step, blink), True, False)
    s = surf(16, 24)
    skin, skin_d, skin_l = SKIN[spec["skin"]]
    grey = spec["hair"] == "grey" or spec.get("grey")
    hair = P["grey_hair"] if grey else P["hair"]
    hair_l = P["grey_hair_l"] if grey else P["hair_l"]
    kid = spec.get("kid", False)
    h0 = spec.get("h0", 2 if kid else 1)
    bob = 1 if step else 0  # body dips on steps
    body_y = h0 + 10
    top = spec["top"]
    # clothing colours
    if top == "school":
        tc, tcd = P["white"], P["blue_d"]
    elif top in ("shirt", "tee", "vest"):
        tc, tcd = P[spec["shirt"][0]], P[spec["shirt"][1]]
    elif top == "kurta":
        tc, tcd = P[spec["kurta"][0]], P[spec["kurta"][1]]
    elif top == "suit":
        tc, tcd = P[spec["suit"][0]], P[spec["suit"][1]]
    else:  # sari
        tc, tcd = P[spec["sari"][0]], P[spec["sari"][1]]
    bottom = {"navy": (P["indigo_d"], (34, 34, 70)), "brown": (P["wood"], P["wood_d"]),
              "jeans": (P["denim"], P["denim_d"]), "grey": (P["stone_d"], P["stone_dd"]),
              "cream": (P["cream"], P["cream_dd"]), "skin": (skin, skin_d), "khaki": (P["khaki"], P["khaki_d"]),
              "skirt": (skin, skin_d)}.get(spec.get("bottom"))
    if top in ("kurta",):
        bottom = (P["white"], P["cream_d"])
    if top == "suit":
        bottom = (P[spec["suit"][3]], P["cream_dd"])

    side = facing == "right"
    # ---------------- legs & feet
    feet_y = 22
    leg_top = body_y + 6
    shoe = P["ol2"] if top in ("school", "shirt") else P["wood_d"]
    if side:
        if step == 0:
            legs = [(6, 0), (8, 0)]
        elif step == 1:
            legs = [(5, 0), (9, 0)]
        else:
            legs = [(6, 0), (8, -1)]
        for lx, lift in legs:
            rect(s, bottom[0] if bottom else skin, lx, leg_top, 2, feet_y - leg_top + lift)
            rect(s, shoe if bottom is not None else skin_d, lx, feet_y + lift, 3, 1)
        if bottom:
            vline(s, bottom[1], legs[0][0], leg_top, feet_y - 1)
    else:
        lifts = {0: (0, 0), 1: (0, -1), 2: (-1, 0)}[step]
        for i, lx in enumerate((5, 9)):
            lift = lifts[i]
            rect(s, bottom[0] if bottom else tc, lx, leg_top, 2, feet_y - leg_top + lift)
            rect(s, shoe, lx, feet_y + lift, 2, 1)
            if bottom:
                px(s, bottom[1], lx + (1 if i == 0 else 0), leg_top + 1)
    # ---------------- torso
    tx0, tw = (5, 6) if side else (4, 8)
    rect(s, tc, tx0, body_y, tw, 6 + bob * 0)
    if side:
        vline(s, tcd, tx0, body_y, body_y + 5)
    else:
        vline(s, tcd, tx0, body_y + 1, body_y + 5)
        vline(s, tcd, tx0 + tw - 1, body_y + 1, body_y + 5)
    if top == "school":
        if facing == "down":
            px(s, P["cream_dd"], 6, body_y); px(s, P["cream_dd"], 9, body_y)
            vline(s, P["red_d"], 7, body_y + 1, body_y + 4); vline(s, P["red"], 8, body_y + 1, body_y + 3)
            px(s, P["indigo_l"], 5, body_y + 2)
        rect(s, bottom[0], tx0, body_y + 5, tw, 1)
    if top == "shirt":
        if facing == "down":
            px(s, P["blue_l"], 6, body_y); px(s, P["blue_l"], 9, body_y)
            vline(s, tcd, 7, body_y + 1, body_y + 5)
        rect(s, P["wood_d"], tx0, body_y + 5, tw, 1)
    if top in ("kurta", "suit"):
        # long tunic to the knees, slight flare
        kx0, kw = (tx0 - 1, tw + 2) if not side else (tx0, tw)
        rect(s, tc, kx0, body_y + 4, kw, 5 if top == "suit" else 4)
        hline(s, tcd, kx0, kx0 + kw - 1, body_y + (8 if top == "suit" else 7))
        if top == "kurta" and facing == "down":
            vline(s, P["ochre_d"], 8, body_y, body_y + 3)
            px(s, P["ochre_d"], 7, body_y + 1); px(s, P["ochre_d"], 7, body_y + 3)
    if top == "sari":
        # blouse + draped sari to the feet
        rect(s, tc, tx0, body_y, tw, 12 - 1)
        hem = feet_y - 1
        if side:
            rect(s, tc, tx0 - 1, body_y + 6, tw + 2, hem - body_y - 5)
        else:
            rect(s, tc, tx0 - 1, body_y + 6, tw + 2, hem - body_y - 5)
        hline(s, P[spec["sari"][2]], tx0 - 1, tx0 + tw, hem)
        # sari pleats
        if facing == "down":
            for x in (7, 9):
                vline(s, tcd, x, body_y + 7, hem - 1)
        # feet peeking out, alternate when walking
        fx = {0: (6, 9), 1: (6,), 2: (9,)}[step] if not side else {0: (7,), 1: (9,), 2: (6,)}[step]
        for x in fx:
            rect(s, skin_d, x, feet_y, 2, 1)
        # pallu across the body
        pc, pl = P[spec["sari"][2]], P[spec["sari"][3]]
        if facing == "down":
            for i in range(6):
                px(s, pc, 10 - i, body_y + i); px(s, pc, 11 - i, body_y + i)
            px(s, pl, 10, body_y)
            rect(s, P[spec.get("blouse", "mag_l")], 4, body_y, 2, 2)
        elif facing == "up":
            rect(s, tcd, tx0, body_y, tw, 7)
            for i in range(7):
                hline(s, pc if i % 3 else pl, tx0, tx0 + tw - 1, body_y + i) if i in (0, 6) else None
            hline(s, pc, tx0, tx0 + tw - 1, body_y + 6)
        else:
            rect(s, tcd, tx0, body_y, 3, 7)
            vline(s, pc, tx0, body_y, body_y + 7)
    if top == "suit":
        dc, dl = P[spec["suit"][2]], P[spec.get("dupatta_l", "mag_l" if spec["suit"][2] == "mag" else "indigo_l")]
        if facing == "down":
            for i in range(4):
                px(s, dc, 4 + i, body_y + i); px(s, dc, 11 - i, body_y + i)
            hline(s, dc, 4, 11, body_y)
            px(s, dl, 5, body_y)
        elif facing == "up":
            hline(s, dc, tx0, tx0 + tw - 1, body_y)
            rect(s, dc, tx0, body_y + 1, tw, 2)
            hline(s, dl, tx0 + 1, tx0 + tw - 2, body_y + 1)
        else:
            vline(s, dc, tx0, body_y, body_y + 7)
            hline(s, dc, tx0, tx0 + tw - 1, body_y)
    # ---------------- arms
    sleeve = tc
    if top == "sari":
        sleeve = P[spec.get("blouse", "mag_l")]
    if top == "vest":
        sleeve = skin
    if side:
        ax = {0: 8, 1: 9, 2: 7}[step]
        rect(s, sleeve, 7, body_y, 2, 3)
        vline(s, sleeve, ax, body_y + 2, body_y + 3)
        rect(s, skin if top not in ("kurta", "suit") else sleeve, ax, body_y + 3, 1, 2)
        px(s, skin, ax, body_y + 5)
        vline(s, tcd, 7, body_y + 1, body_y + 2)
    else:
        swing = {0: (0, 0), 1: (1, -1), 2: (-1, 1)}[step]
        for i, ax in enumerate((3, 12)):
            ln = 4 + swing[i]
            long_sleeve = top in ("kurta", "suit", "shirt")
            rect(s, sleeve, ax, body_y, 1, 2 if not long_sleeve else ln)
            rect(s, skin, ax, body_y + (2 if not long_sleeve else ln), 1, ln - (2 if not long_sleeve else ln) + 1)
            px(s, skin_d if long_sleeve else skin, ax, body_y + ln)
        if top == "suit" and facing == "down":
            vline(s, dc, 3, body_y + 1, body_y + 6)
            vline(s, dc, 12, body_y + 1, body_y + 6)
    # ---------------- neck
    if facing == "down":
        hline(s, skin_d, 7, 8, body_y)
        if top in ("suit",):
            pass
    # ---------------- head
    hx0, hw = (4, 8) if side else (3, 10)
    rrect(s, skin, hx0, h0, hw, 10, 3)
    if facing == "down":
        # hair cap
        rrect(s, hair, 3, h0, 10, 4, 2)
        rect(s, hair, 3, h0 + 2, 10, 2)
        vline(s, hair, 3, h0, h0 + 5); vline(s, hair, 12, h0, h0 + 5)
        # fringe / parting
        if spec["hair"] in ("short", "grey"):
            px(s, hair, 4, h0 + 4); px(s, hair, 5, h0 + 4); px(s, hair, 6, h0 + 4); px(s, hair, 11, h0 + 4)
            hline(s, hair_l, 5, 8, h0 + 1)
        else:
            px(s, skin_l, 8, h0 + 1)  # middle parting
            px(s, skin, 8, h0 + 2)
            vline(s, hair, 3, h0 + 3, h0 + 8); vline(s, hair, 12, h0 + 3, h0 + 8)
            hline(s, hair_l, 4, 6, h0 + 1); hline(s, hair_l, 10, 11, h0 + 1)
            if spec["hair"] == "bun" and not spec.get("plain"):
                px(s, P["red"], 8, h0 + 2)
        # eyes
        for ex in (5, 10):
            vline(s, P["ol"], ex, h0 + 5, h0 + 6)
        px(s, P["pink_d"], 4, h0 + 7); px(s, P["pink_d"], 11, h0 + 7)
        hline(s, skin_d, 7, 8, h0 + 8)
        if spec.get("moustache"):
            hline(s, hair if spec["hair"] != "grey" else P["grey_hair"], 6, 9, h0 + 7)
        if spec.get("glasses"):
            for ex in (5, 10):
                px(s, P["steel_l"], ex - 1, h0 + 5); px(s, P["steel_l"], ex + 1, h0 + 5)
            hline(s, P["steel_d"], 4, 11, h0 + 4)
        if spec["hair"] == "bun" and not spec.get("plain"):
            px(s, P["red"], 7 if False else 8, h0 + 3)
        if spec["hair"] in ("bun", "pony", "braid"):
            px(s, P["ochre_l"], 3, h0 + 7); px(s, P["ochre_l"], 12, h0 + 7)  # earrings
    elif facing == "up":
        rrect(s, hair, 3, h0, 10, 10, 3)
        hline(s, hair_l, 5, 9, h0 + 1)
        hline(s, hair_l, 4, 6, h0 + 3)
        px(s, skin_d, 3, h0 + 6); px(s, skin_d, 12, h0 + 6)
        if spec["hair"] in ("short", "grey"):
            rect(s, skin_d, 6, h0 + 9, 4, 1)
        if spec["hair"] == "braid" and not spec.get("style"):
            for y in range(h0 + 9, body_y + 7):
                px(s, hair, 7 + (y % 2), y); px(s, hair_l if y % 2 else hair, 8 - (y % 2), y)
            hline(s, P["mag"], 7, 8, body_y + 7)
        if spec["hair"] == "bun":
            circle(s, hair, 8, h0 + 7, 2)
            px(s, P["saffron"], 6, h0 + 6); px(s, P["white"], 10, h0 + 6)
        if spec["hair"] == "pony":
            rect(s, hair, 7, h0 + 9, 2, 5)
            px(s, P["indigo_l"], 7, h0 + 9)
    else:  # right-facing profile
        rrect(s, hair, 4, h0, 8, 5, 3)
        rect(s, hair, 4, h0 + 2, 4, 6)
        px(s, hair, 10, h0 + 3); px(s, hair, 9, h0 + 3)
        hline(s, hair_l, 5, 8, h0 + 1)
        px(s, skin_d, 7, h0 + 6)  # ear
        vline(s, P["ol"], 10, h0 + 5, h0 + 6)
        px(s, skin, 12, h0 + 6)  # nose
        px(s, skin_d, 10, h0 + 8)
        if spec.get("moustache"):
            hline(s, hair if spec["hair"] != "grey" else P["grey_hair"], 10, 11, h0 + 7)
        if spec.get("glasses"):
            hline(s, P["steel_d"], 8, 11, h0 + 4); px(s, P["steel_l"], 11, h0 + 5)
        if spec["hair"] == "braid" and not spec.get("style"):
            for y in range(h0 + 7, body_y + 6):
                px(s, hair, 4 + (y % 2), y)
            px(s, P["mag"], 4, body_y + 6)
        if spec["hair"] == "bun":
            circle(s, hair, 4, h0 + 6, 2)
        if spec["hair"] == "pony":
            rect(s, hair, 3, h0 + 5, 2, 5)
        if spec["hair"] in ("bun", "pony", "braid"):
            px(s, P["ochre_l"], 7, h0 + 7)
    if spec.get("topi"):
        if facing == "up" or facing == "down":
            rect(s, P["white"], 4, h0 - 1, 8, 3)
            hline(s, P["cream_dd"], 4, 11, h0 + 1)
        else:
            rect(s, P["white"], 5, h0 - 1, 7, 3)
            hline(s, P["cream_dd"], 5, 11, h0 + 1)
    if top == "sari" and facing == "up":
        # pallu over the head-back / shoulder
        rect(s, P[spec["sari"][2]], 10, h0 + 9, 3, 4)
    s = _frame_extras(s, spec, facing, h0, body_y, leg_top, feet_y, skin, skin_d, hair, hair_l, tc, tcd)
    _distinct_extras(s, spec, facing, h0, body_y, leg_top, feet_y, skin, skin_d, skin_l, hair, hair_l, tc, tcd)
    if blink:
        _blink(s, facing, h0, body_y, skin, stooped=int(bool(spec.get("stoop"))))
    return s


def _blink(s, facing, h0, body_y, skin, stooped=0):
    if facing == "down":
        for ex in (5, 10):
            px(s, skin, ex, h0 + 5)
    elif facing == "right":
        px(s, skin, 10 + stooped, h0 + 5 + stooped)
    else:  # from behind no eyes show: the head turns a pixel, as someone glancing aside
        head = surf(16, body_y)
        head.blit(s, (0, 0), (0, 0, 16, body_y))
        s.fill((0, 0, 0, 0), (0, 0, 16, body_y))
        s.blit(head, (1, 0))


def _distinct_extras(s, spec, facing, h0, body_y, leg_top, feet_y, skin, skin_d, skin_l, hair, hair_l, tc, tcd):
    """What makes each named character recognisable at a glance on the map (right-facing for side views)."""
    side = facing == "right"
    x0, x1 = (5, 10) if side else (4, 11)
    if spec.get("cowlick"):  # Ravi's hair never stays down
        for x, y in {"down": ((9, -1), (10, -2), (10, -1)), "up": ((6, -1), (5, -2), (5, -1)),
                     "right": ((7, -1), (8, -2), (8, -1))}[facing]:
            px(s, hair, x, h0 + y)
    if spec.get("bald"):  # a shiny crown, a fringe of hair round the back and the ears
        if facing == "down":
            rect(s, skin, 4, h0, 8, 4)
            px(s, skin_l, 6, h0 + 1); px(s, skin_l, 7, h0 + 1)
            vline(s, hair, 3, h0 + 2, h0 + 5); vline(s, hair, 12, h0 + 2, h0 + 5)
        elif facing == "up":
            rrect(s, skin, 4, h0, 8, 5, 2)
            px(s, skin_l, 7, h0 + 1); px(s, skin_l, 8, h0 + 1)
        else:
            rect(s, skin, 5, h0, 6, 3); rect(s, skin, 8, h0 + 3, 3, 1)
            px(s, skin_l, 8, h0 + 1)
    if spec.get("temples"):  # greying at the sides
        grey = P["grey_hair"]
        if facing == "down":
            vline(s, grey, 3, h0 + 3, h0 + 5); vline(s, grey, 12, h0 + 3, h0 + 5)
        elif side:
            vline(s, grey, 6, h0 + 4, h0 + 6); vline(s, grey, 5, h0 + 5, h0 + 7)
        else:
            vline(s, grey, 3, h0 + 4, h0 + 6); vline(s, grey, 12, h0 + 4, h0 + 6)
    if spec.get("check"):  # a checked shirt
        for y in range(body_y, leg_top):
            for x in range(1, 15):
                if tuple(s.get_at((x, y)))[:3] == tuple(tc)[:3] and (x % 3 == 0 or y % 3 == 0):
                    px(s, tcd, x, y)
    if spec.get("untucked"):  # shirt hanging out, collar open, no tie
        hline(s, tc, x0, x1, body_y + 5)
        hline(s, tc, x0, x1, leg_top)
        hline(s, tcd, x0, x1, leg_top)
        if facing == "down":
            for y in range(body_y + 1, body_y + 5):
                px(s, tc, 7, y); px(s, tc, 8, y)
            px(s, skin_d, 7, body_y + 1); px(s, skin_d, 8, body_y + 1); px(s, skin_d, 7, body_y + 2)
    if spec.get("belt"):
        hline(s, P["wood_dd"], x0, x1, body_y + 5)
        if facing == "down":
            px(s, P["ochre_l"], 8, body_y + 5)
    if spec.get("paunch") and side:
        rect(s, tc, 11, body_y + 2, 1, 4)
    if spec.get("bat"):  # a cricket bat, never far from Kabir
        if facing == "down":
            rect(s, P["wood_l"], 12, body_y + 6, 2, 5); vline(s, P["wood_d"], 13, body_y + 3, body_y + 5)
            vline(s, P["wood"], 13, body_y + 6, body_y + 10)
        elif side:
            line(s, P["wood_d"], (9, body_y + 4), (11, body_y + 6))
            rect(s, P["wood_l"], 11, body_y + 6, 2, 5); vline(s, P["wood"], 12, body_y + 6, body_y + 10)
        else:
            rect(s, P["wood_l"], 2, body_y + 6, 2, 5); vline(s, P["wood_d"], 2, body_y + 3, body_y + 5)
    if spec.get("books"):  # an armful of books held to the chest
        if facing == "down":
            rect(s, P["red"], 5, body_y + 2, 6, 1); rect(s, P["ochre"], 5, body_y + 3, 6, 1)
            rect(s, P["teal"], 5, body_y + 4, 6, 1); px(s, P["white"], 10, body_y + 3)
        elif side:
            rect(s, P["red"], 9, body_y + 2, 3, 1); rect(s, P["ochre"], 9, body_y + 3, 3, 1)
            rect(s, P["teal"], 9, body_y + 4, 3, 1)
    if spec.get("register"):  # the teacher's attendance register under one arm
        reg, page = P["indigo_d"], P["white"]
        if facing == "down":
            rect(s, reg, 1, body_y + 2, 3, 5); vline(s, page, 3, body_y + 3, body_y + 5)
        elif side:
            rect(s, reg, 6, body_y + 2, 4, 4); hline(s, page, 6, 9, body_y + 5)
        else:
            rect(s, reg, 12, body_y + 2, 3, 5); vline(s, page, 12, body_y + 3, body_y + 5)


# ----------------------------------------------------------------- extra costume pieces (new cast)
def _frame_extras(s, spec, facing, h0, body_y, leg_top, feet_y, skin, skin_d, hair, hair_l, tc, tcd):
    """Costume details drawn over a finished frame (right-facing for side views)."""
    side = facing == "right"
    x0, x1 = (5, 10) if side else (4, 11)
    top = spec["top"]
    if spec.get("print"):  # a printed fabric: dots on every pixel of the main cloth colour
        pc = P[spec["print"]]
        for y in range(body_y, 23):
            for x in range(1, 15):
                if tuple(s.get_at((x, y)))[:3] == tuple(tc)[:3] and (x + 2 * y) % 4 == 0:
                    px(s, pc, x, y)
    if top == "vest" and facing == "down":
        px(s, skin, 4, body_y); px(s, skin, 11, body_y)
        hline(s, skin_d, 6, 9, body_y); hline(s, skin_d, 7, 8, body_y + 1)
    if spec.get("sweater"):
        sw, swd = P[spec["sweater"]], P[spec["sweater"] + "_d"]
        if facing == "down":
            rect(s, sw, 4, body_y + 1, 8, 5)
            px(s, tc, 7, body_y + 1); px(s, tc, 8, body_y + 1); px(s, tc, 7, body_y + 2) if False else None
            px(s, swd, 6, body_y + 1); px(s, swd, 9, body_y + 1)
            hline(s, swd, 4, 11, body_y + 5)
            px(s, P["indigo"], 10, body_y + 1); px(s, P["steel_l"], 10, body_y + 2)  # the pen
        elif side:
            rect(s, sw, 5, body_y + 1, 6, 5); hline(s, swd, 5, 10, body_y + 5)
        else:
            rect(s, sw, 4, body_y + 1, 8, 5); hline(s, swd, 4, 11, body_y + 5)
    if spec.get("pinafore"):
        pn, pnl = P["indigo_d"], P["indigo"]
        if facing == "down":
            rect(s, pn, 5, body_y + 2, 6, 4)
            vline(s, pn, 5, body_y, body_y + 1); vline(s, pn, 10, body_y, body_y + 1)
            vline(s, P["red_d"], 7, body_y + 1, body_y + 3); vline(s, P["red"], 8, body_y + 1, body_y + 2)
        else:
            rect(s, pn, x0, body_y + 2, x1 - x0 + 1, 4)
        rect(s, pn, x0 - 1, leg_top - 1, x1 - x0 + 3, 3)
        hline(s, pnl, x0 - 1, x1 + 1, leg_top + 1)
        for x in range(1, 15):
            if tuple(s.get_at((x, feet_y - 1)))[:3] == tuple(skin)[:3] or \
                    tuple(s.get_at((x, feet_y - 1)))[:3] == tuple(skin_d)[:3]:
                px(s, P["white"], x, feet_y - 1)
    if spec.get("lungi"):
        lc, ld = P[spec["lungi"][0]], P[spec["lungi"][1]]
        rect(s, lc, x0, leg_top - 1, x1 - x0 + 1, feet_y - leg_top)
        for y in range(leg_top + 1, feet_y - 1, 2):
            hline(s, ld, x0, x1, y)
        for x in range(x0 + 1, x1 + 1, 3):
            vline(s, ld, x, leg_top, feet_y - 2)
        hline(s, P["white"], x0, x1, leg_top - 1)
    if spec.get("towel"):
        tw = P["red"]
        tx = {"down": 10, "right": 6, "up": 3}[facing]
        rect(s, tw, tx, body_y - 1, 3, 4)
        px(s, P["white"], tx + 1, body_y + 1)
    if spec.get("jewellery") and facing == "down":
        hline(s, P["ochre_l"], 6, 9, body_y + 1); px(s, P["red"], 7, body_y + 2) if False else None
        px(s, P["ochre_l"], 3, body_y + 4); px(s, P["ochre_l"], 12, body_y + 4)
    if spec.get("backpack"):
        pk, pkd = P[spec["backpack"]], P[spec["backpack"] + "_d"]
        if facing == "down":
            vline(s, pkd, 5, body_y, body_y + 3); vline(s, pkd, 10, body_y, body_y + 3)
        elif side:
            rect(s, pk, 2, body_y, 3, 6); vline(s, pkd, 2, body_y, body_y + 5); px(s, pkd, 3, body_y + 3)
        else:
            rect(s, pk, 4, body_y, 8, 7); rect(s, pkd, 5, body_y, 6, 2); hline(s, pkd, 4, 11, body_y + 6)
            px(s, P["steel_l"], 8, body_y + 2)
    if spec.get("beard"):
        if facing == "down":
            hline(s, hair, 4, 11, h0 + 9); hline(s, hair, 4, 6, h0 + 8); hline(s, hair, 9, 11, h0 + 8)
            px(s, hair, 3, h0 + 7); px(s, hair, 12, h0 + 7)
        elif side:
            rect(s, hair, 7, h0 + 8, 5, 2); px(s, hair, 7, h0 + 7)
    if spec.get("quiff"):
        for (x, y) in ({"down": ((6, -1), (8, -1), (9, -2), (10, -1), (7, -1)),
                        "right": ((8, -1), (9, -1), (10, -2), (11, -1)),
                        "up": ((6, -1), (8, -1), (9, -2), (10, -1), (7, -1))}[facing]):
            px(s, hair, x, h0 + y)
        px(s, hair_l, 9 if not side else 10, h0 - 1)
    if spec.get("shades"):  # sunglasses pushed up on the head
        sh = P["shade"]
        if facing == "down":
            hline(s, sh, 4, 11, h0 + 2); hline(s, sh, 4, 6, h0 + 3); hline(s, sh, 9, 11, h0 + 3)
            px(s, P["glass"], 5, h0 + 2); px(s, P["glass"], 10, h0 + 2)
        elif side:
            hline(s, sh, 6, 11, h0 + 2); px(s, P["glass"], 10, h0 + 2)
        else:
            hline(s, sh, 3, 12, h0 + 3)
    if spec.get("head_dupatta"):
        dc, dl = P[spec["head_dupatta"][0]], P[spec["head_dupatta"][1]]
        if facing == "down":
            rrect(s, dc, 2, h0 - 1, 12, 4, 2)
            rect(s, dc, 2, h0 + 1, 1, body_y - h0 + 2); rect(s, dc, 13, h0 + 1, 1, body_y - h0 + 2)
            hline(s, dl, 4, 11, h0 + 2)
        elif side:
            rrect(s, dc, 3, h0 - 1, 9, 4, 2); rect(s, dc, 3, h0, 3, body_y - h0 + 2)
            hline(s, dl, 6, 11, h0 + 2)
        else:
            rrect(s, dc, 2, h0 - 1, 12, 11, 3); rect(s, dc, 3, h0 + 9, 10, 4)
            hline(s, dl, 3, 12, h0 + 12)
    _classmate_extras(s, spec, facing, h0, body_y, leg_top, feet_y, skin, skin_d, hair, hair_l)
    if spec.get("stoop") and side:  # head and shoulders lean forward
        top_part = surf(16, body_y + 3)
        top_part.blit(s, (0, 0), (0, 0, 16, body_y + 3))
        s.fill((0, 0, 0, 0), (0, 0, 16, body_y + 3))
        s.blit(top_part, (1, 1))
    if spec.get("cane"):
        if facing == "down":
            vline(s, P["wood_d"], 13, body_y + 3, feet_y); px(s, P["wood"], 13, body_y + 3)
        elif side:
            vline(s, P["wood_d"], 12, body_y + 4, feet_y); px(s, P["wood"], 12, body_y + 4)
    return s


def _classmate_extras(s, spec, facing, h0, body_y, leg_top, feet_y, skin, skin_d, hair, hair_l):
    """Hair styles, skirts and bags that tell the background classmates apart (right-facing for side views)."""
    side = facing == "right"
    style = spec.get("style")
    if style == "plaits":  # two plaits over the shoulders, tied with ribbons
        rib = P[spec.get("ribbon", "red")]
        xs = {"down": (2, 13), "up": (3, 12), "right": (4,)}[facing]
        for x in xs:
            for y in range(h0 + 6, body_y + 4):
                px(s, hair_l if (y + x) % 3 == 0 else hair, x, y)
            px(s, rib, x, body_y + 4); px(s, rib, x, body_y + 5)
    if style == "curly":  # a round mop: bumps past the head's outline and light curls on top
        bumps = {"down": ((3, -1), (5, -1), (7, -1), (9, -1), (11, -1), (2, 1), (13, 1), (2, 3), (13, 3)),
                 "up": ((3, -1), (5, -1), (7, -1), (9, -1), (11, -1), (2, 1), (13, 1), (2, 4), (13, 4)),
                 "right": ((4, -1), (6, -1), (8, -1), (10, -1), (3, 1), (3, 3), (3, 5))}[facing]
        for x, y in bumps:
            px(s, hair, x, h0 + y)
        for x in (range(4, 12, 2) if not side else range(5, 11, 2)):
            px(s, hair_l, x, h0 + 1 + (x // 2) % 2)
    if style == "buzz":  # cropped close: the scalp shows through a thin cap
        cap = tuple((a + b) // 2 for a, b in zip(hair, skin_d))
        if facing == "down":
            rect(s, cap, 4, h0 + 1, 8, 3); hline(s, hair, 4, 11, h0)
            rect(s, skin, 4, h0 + 4, 8, 1)
        elif facing == "up":
            rect(s, cap, 4, h0 + 1, 8, 7); hline(s, hair, 4, 11, h0)
        else:
            rect(s, cap, 5, h0 + 1, 6, 3); rect(s, cap, 4, h0 + 2, 3, 4); hline(s, hair, 5, 10, h0)
            px(s, skin, 9, h0 + 3); px(s, skin, 10, h0 + 3)
    if spec.get("bottom") == "skirt":  # a pleated navy skirt to the knee, white socks
        x0, x1 = (5, 10) if side else (4, 11)
        navy, navy_d = P["indigo_d"], (34, 34, 70)
        rect(s, navy, x0 - 1, leg_top - 1, x1 - x0 + 3, 4)
        for x in range(x0, x1 + 1, 2):
            vline(s, navy_d, x, leg_top, leg_top + 2)
        for x in range(1, 15):
            if tuple(s.get_at((x, feet_y - 1)))[:3] in (tuple(skin)[:3], tuple(skin_d)[:3]):
                px(s, P["white"], x, feet_y - 1)
    if spec.get("satchel"):  # a shoulder bag: a strap across the chest, the bag at the hip
        bg, bgd = P[spec["satchel"]], P[spec["satchel"] + "_d"]
        if facing == "down":
            for i in range(6):
                px(s, bgd, 5 + i, body_y + i)
            rect(s, bg, 10, body_y + 5, 4, 3); hline(s, bgd, 10, 13, body_y + 5)
        elif facing == "up":
            for i in range(6):
                px(s, bgd, 10 - i, body_y + i)
            rect(s, bg, 2, body_y + 5, 4, 3); hline(s, bgd, 2, 5, body_y + 5)
        else:
            vline(s, bgd, 7, body_y, body_y + 4)
            rect(s, bg, 5, body_y + 5, 4, 3); hline(s, bgd, 5, 8, body_y + 5)


def _portrait_behind(fig, spec, hy0, hair, hair_l):
    if spec.get("bun_top"):
        circle(fig, hair, 24, hy0 - 1, 6)
        hline(fig, hair_l, 21, 26, hy0 - 4)
        px(fig, P["white"], 28, hy0 - 3)
    if spec.get("head_dupatta"):
        dc = P[spec["head_dupatta"][0]]
        ellipse(fig, dc, 8, hy0 - 7, 32, 40)
        rect(fig, dc, 8, hy0 + 14, 5, 26); rect(fig, dc, 35, hy0 + 14, 5, 26)


def _portrait_clothes(fig, spec, tc, tcd, skin, skin_d):
    top = spec["top"]
    if top == "tee":
        pygame.draw.ellipse(fig, tcd, (18, 35, 12, 7), 1)
    if top == "vest":
        rrect(fig, skin, 6, 38, 36, 16, 9)
        pygame.draw.polygon(fig, P["white"], [(14, 41), (17, 38), (19, 38), (24, 44), (29, 38), (31, 38),
                                              (34, 41), (34, 48), (14, 48)])
        line(fig, P["cream_dd"], (14, 41), (14, 47)); line(fig, P["cream_dd"], (34, 41), (34, 47))
        px(fig, skin_d, 12, 44); px(fig, skin_d, 36, 44)
    if spec.get("sweater"):
        sw, swd = P[spec["sweater"]], P[spec["sweater"] + "_d"]
        pygame.draw.polygon(fig, sw, [(10, 42), (19, 39), (24, 47), (29, 39), (38, 42), (38, 48), (10, 48)])
        line(fig, swd, (19, 39), (24, 47)); line(fig, swd, (29, 39), (24, 47))
        vline(fig, P["indigo"], 33, 40, 44); px(fig, P["steel_l"], 33, 40)  # the pen
    if spec.get("khaki"):
        rect(fig, tcd, 9, 40, 7, 2); rect(fig, tcd, 32, 40, 7, 2)
        rect(fig, tcd, 30, 43, 6, 5); hline(fig, P["ol2"], 30, 35, 43)
    if spec.get("towel"):
        rect(fig, P["red"], 31, 36, 9, 12)
        for y in range(36, 48):
            for x in range(31, 40):
                if x % 4 == 1 or y % 4 == 1:
                    px(fig, P["red_l"] if (x % 4 == 1) != (y % 4 == 1) else P["white"], x, y)
        vline(fig, P["red_d"], 31, 36, 47)
    if spec.get("backpack"):
        pk = P[spec["backpack"]]
        rect(fig, pk, 11, 38, 4, 10); rect(fig, pk, 33, 38, 4, 10)
        vline(fig, P[spec["backpack"] + "_d"], 12, 40, 47); vline(fig, P[spec["backpack"] + "_d"], 34, 40, 47)


def _portrait_bald(fig, spec, hy, skin, hair, hair_l):
    """The crown bare, hair left round the ears (drawn before the brows, which share the hair colour)."""
    if spec.get("bald"):
        head = surf(48, 48)
        ellipse(head, skin, 13, hy, 22, 27)
        for y in range(max(0, hy - 5), hy + 10):
            for x in range(8, 40):
                if tuple(fig.get_at((x, y)))[:3] in (tuple(hair)[:3], tuple(hair_l)[:3]):
                    fig.set_at((x, y), head.get_at((x, y)) if head.get_at((x, y)).a else (0, 0, 0, 0))
        rect(fig, hair, 12, hy + 6, 3, 7); rect(fig, hair, 33, hy + 6, 3, 7)
        hline(fig, SKIN[spec["skin"]][2], 19, 23, hy + 2); hline(fig, SKIN[spec["skin"]][2], 18, 20, hy + 3)


def _portrait_final(fig, spec, face, hy, ex, ey, by, my, skin, skin_d, hair, hair_l, tc):
    if spec.get("check"):  # the checked shirt, as on the map
        tcd = P[spec["shirt"][1]]
        for y in range(36, 48):
            for x in range(4, 44):
                if tuple(fig.get_at((x, y)))[:3] == tuple(tc)[:3] and (x % 4 == 0 or y % 4 == 0):
                    px(fig, tcd, x, y)
    if spec.get("print"):
        pc = P[spec["print"]]
        for y in range(36, 48):
            for x in range(4, 44):
                if tuple(fig.get_at((x, y)))[:3] == tuple(tc)[:3] and (x + 2 * y) % 5 == 0:
                    px(fig, pc, x, y)
    if spec.get("jewellery"):
        for x in range(19, 30):
            px(fig, P["ochre_l"], x, 40 + (1 if 21 <= x <= 27 else 0) + (1 if 23 <= x <= 25 else 0))
        px(fig, P["red"], 24, 43); px(fig, P["ochre"], 24, 44)
    if spec.get("chain"):
        for x in range(21, 28):
            px(fig, P["ochre_l"], x, 42 if 23 <= x <= 25 else 41)
    if spec.get("head_dupatta"):
        dc, dl = P[spec["head_dupatta"][0]], P[spec["head_dupatta"][1]]
        pygame.draw.ellipse(fig, dc, (10, hy - 7, 28, 12))
        pygame.draw.arc(fig, dl, (12, hy - 5, 24, 11), 0.3, 2.84, 1)
        rect(fig, dc, 8, hy + 1, 3, 24); rect(fig, dc, 37, hy + 1, 3, 24)
        px(fig, dc, 11, hy + 1); px(fig, dc, 36, hy + 1)
    if spec.get("quiff"):
        pygame.draw.polygon(fig, hair, [(15, hy + 1), (18, hy - 5), (21, hy - 1), (25, hy - 7), (28, hy - 1),
                                        (32, hy - 4), (33, hy + 2)])
        line(fig, hair_l, (19, hy - 3), (21, hy)); line(fig, hair_l, (25, hy - 5), (27, hy - 1))
    if spec.get("shades"):
        sh = P["shade"]
        pygame.draw.rect(fig, P["ochre_l"], (14, hy, 10, 6), 1); pygame.draw.rect(fig, P["ochre_l"], (25, hy, 10, 6), 1)
        rect(fig, sh, 15, hy + 1, 8, 4); rect(fig, sh, 26, hy + 1, 8, 4)
        hline(fig, P["ochre_l"], 23, 25, hy + 2)
        px(fig, P["glass"], 17, hy + 2); px(fig, P["glass"], 28, hy + 2)
        px(fig, P["steel_l"], 18, hy + 2); px(fig, P["steel_l"], 29, hy + 2)
    if spec.get("tired") and face in ("neutral", "worried", "surprised"):
        for x in ex:  # heavy lids: the top of each eye covered
            hline(fig, skin_d, x - 2, x + 2, ey - 2 if face == "surprised" else ey - 1)
    if spec.get("wrinkles"):
        px(fig, skin_d, 20, ey + 5); px(fig, skin_d, 19, ey + 6)
        px(fig, skin_d, 28, ey + 5); px(fig, skin_d, 29, ey + 6)
        hline(fig, skin_d, 21, 27, by - 3)
    if spec.get("beard"):
        for y in range(ey + 3, hy + 28):
            for x in range(12, 37):
                col = tuple(fig.get_at((x, y)))[:3]
                if col in (tuple(skin), tuple(skin_d)) and (y >= my + 3 or ((x <= 16 or x >= 31) and y >= ey + 4)):
                    px(fig, hair_l if (x + y) % 3 == 0 else hair, x, y)
    mo = my + (1 if spec.get("moustache") else 0)
    if spec.get("smirk") and face == "happy":
        rect(fig, skin, 19, mo - 2, 11, 4)
        hline(fig, P["ol2"], 21, 26, mo)
        px(fig, P["ol2"], 27, mo - 1); px(fig, P["ol2"], 28, mo - 2)
        px(fig, P["ol2"], 20, mo)
    if spec.get("cheeky") and face == "neutral":
        px(fig, P["ol2"], 27, mo - 1); px(fig, P["ol2"], 21, mo)
        # one eyebrow up
        rect(fig, skin, 27, by - 3, 7, 3)
        line(fig, hair, (27, by - 1), (30, by - 2)); line(fig, hair, (30, by - 2), (32, by - 1))


def sprite_sheet(cid):
    spec = CAST[cid]
    sheet = surf(16 * len(SHEET_COLUMNS), 96)
    body_y = spec.get("h0", 2 if spec.get("kid") else 1) + 10
    for row, facing in enumerate(("down", "left", "right", "up")):
        for col, kind in enumerate(SHEET_COLUMNS):
            f = char_frame(spec, facing, col if col < 3 else 0, blink=kind == "blink")
            if kind == "breathe":  # out-breath: head and shoulders a pixel lower, the feet where they were
                f = _breathe(f, body_y + 3)
            sheet.blit(outline(f), (col * 16, row * 24))
    return sheet


def _breathe(f, rows):
    top = surf(16, rows)
    top.blit(f, (0, 0), (0, 0, 16, rows))
    f = f.copy()
    f.fill((0, 0, 0, 0), (0, 0, 16, rows))
    f.blit(top, (0, 1))
    return f


# =====================================================================================  portraits

PORTRAIT_BG = {
    "ravi": ("teal_l", "teal"), "meera": ("pink_l", "mag_l"), "amma": ("ochre_l", "ochre"),
    "papa": ("blue_l", "blue"), "shopkeeper": ("green_l", "green"), "neighbour": ("cream", "terra_l"),
    "dadi": ("pink_l", "pink"), "bua": ("ochre_l", "saffron"), "iqbal": ("stone_l", "stone"),
    "priya": ("green_l", "teal_l"), "kabir": ("ochre_l", "terra_l"), "arjun": ("blue_l", "indigo_l"),
    "vikram": ("cream", "ochre_l"), "sunita": ("cream", "cream_d"), "manoj": ("stone_l", "blue_d"),
    "rekha": ("green_l", "leaf_l"), "chaiwala": ("cream", "terra_l"), "loiterer": ("blue_l", "blue_d"),
}


def portrait(cid, face):
    spec = CAST[cid]
    skin, skin_d, skin_l = SKIN[spec["skin"]]
    grey = spec["hair"] == "grey" or spec.get("grey")
    hair = P["grey_hair"] if grey else P["hair"]
    hair_l = P["grey_hair_l"] if grey else P["hair_l"]
    bg_l, bg = PORTRAIT_BG[cid]
    out = surf(48, 48)
    rrect(out, P[bg_l], 0, 0, 48, 48, 8)
    circle(out, P[bg], 24, 24, 21)
    circle(out, P[bg_l], 24, 24, 17) if False else None
    fig = surf(48, 48)
    kid = spec.get("kid", False)
    dy = spec.get("pdy", 2 if kid else 0)
    top = spec["top"]
    # --- hair behind the head (long hair)
    if spec["hair"] in ("braid", "bun", "pony"):
        ellipse(fig, hair, 10, 5 + dy, 28, 30)
    if spec["hair"] == "braid":
        for y in range(26 + dy, 46):
            ellipse(fig, hair, 33 + (y // 3) % 2, y, 4, 3)
        for y in range(28 + dy, 46, 3):
            px(fig, hair_l, 34, y)
    _portrait_behind(fig, spec, hy0=6 + dy, hair=hair, hair_l=hair_l)
    # --- shoulders / clothes
    if top == "school":
        tc, tcd = P["white"], P["blue_d"]
    elif top in ("shirt", "tee", "vest"):
        tc, tcd = P[spec["shirt"][0]], P[spec["shirt"][1]]
    elif top == "kurta":
        tc, tcd = P[spec["kurta"][0]], P[spec["kurta"][1]]
    elif top == "suit":
        tc, tcd = P[spec["suit"][0]], P[spec["suit"][1]]
    else:
        tc, tcd = P[spec["sari"][0]], P[spec["sari"][1]]
    rrect(fig, tc, 6, 38 + dy // 2, 36, 16, 9)
    rect(fig, skin_d, 19, 30 + dy, 10, 10)  # neck
    # neckline
    if top in ("school", "shirt"):
        pygame.draw.polygon(fig, skin_d, [(19, 38), (29, 38), (24, 43)])
        pygame.draw.polygon(fig, tcd if top == "shirt" else P["cream_d"], [(17, 37), (23, 42), (19, 44)])
        pygame.draw.polygon(fig, tcd if top == "shirt" else P["cream_d"], [(31, 37), (25, 42), (29, 44)])
        if top == "school":
            pygame.draw.polygon(fig, P["red_d"], [(23, 42), (25, 42), (26, 48), (22, 48)])
            px(fig, P["red"], 24, 44); px(fig, P["red"], 24, 46)
            rect(fig, P["indigo"], 32, 44, 5, 1)  # pocket badge
            rect(fig, P["ochre"], 33, 43, 3, 1)
        else:
            vline(fig, tcd, 24, 43, 47)
    elif top in ("tee", "vest"):
        ellipse(fig, skin_d, 19, 36, 10, 5)
    elif top == "kurta":
        ellipse(fig, skin_d, 19, 36, 10, 5)
        vline(fig, P["ochre_d"], 24, 39, 47)
        px(fig, P["ochre"], 23, 42); px(fig, P["ochre"], 23, 45)
    elif top == "suit":
        ellipse(fig, skin_d, 18, 36, 12, 6)
        dc = P[spec["suit"][2]]
        dl = P[spec.get("dupatta_l", "mag_l" if spec["suit"][2] == "mag" else "indigo_l")]
        pygame.draw.polygon(fig, dc, [(6, 44), (14, 38), (22, 48), (6, 48)])
        pygame.draw.polygon(fig, dc, [(42, 44), (34, 38), (26, 48), (42, 48)])
        for x in range(8, 20, 3):
            px(fig, dl, x, 43 + (x % 2))
        hline(fig, P["ochre_l"], 19, 29, 40) if False else None
    else:  # sari: blouse + pallu over left shoulder
        ellipse(fig, skin_d, 18, 36, 12, 6)
        pc, pl = P[spec["sari"][2]], P[spec["sari"][3]]
        pygame.draw.polygon(fig, tcd, [(26, 48), (36, 38), (42, 42), (42, 48)])
        pygame.draw.polygon(fig, pc, [(22, 48), (33, 38), (36, 38), (26, 48)])
        line(fig, pl, (25, 47), (34, 38))
        # necklace
        for x in range(20, 29, 2):
            px(fig, P["ochre_l"], x, 41 if 22 <= x <= 26 else 40)
    _portrait_clothes(fig, spec, tc, tcd, skin, skin_d)
    # --- head
    hy = 6 + dy
    ellipse(fig, skin, 10, 17 + dy, 5, 8)  # ears
    ellipse(fig, skin, 33, 17 + dy, 5, 8)
    px(fig, skin_d, 12, 20 + dy); px(fig, skin_d, 35, 20 + dy)
    ellipse(fig, skin, 13, hy, 22, 27)
    rect(fig, skin, 14, hy + 10, 20, 8)
    # cheek/jaw shade
    for y in range(hy + 18, hy + 27):
        for x in range(13, 35):
            if fig.get_at((x, y))[:3] == skin and (x < 16 or x > 31 or y > hy + 24):
                px(fig, skin_d, x, y)
    # --- hair on top
    if spec["hair"] in ("short", "grey"):
        ellipse(fig, hair, 12, hy - 2, 24, 13)
        rect(fig, hair, 12, hy + 3, 3, 8)
        rect(fig, hair, 33, hy + 3, 3, 8)
        # side parting fringe
        pygame.draw.polygon(fig, hair, [(14, hy + 4), (29, hy + 3), (21, hy + 7), (15, hy + 8)])
        hline(fig, hair_l, 18, 27, hy)
        hline(fig, hair_l, 16, 20, hy + 2)
        if kid:  # a cowlick that never stays down
            px(fig, hair, 25, hy - 3); px(fig, hair, 26, hy - 4); px(fig, hair, 27, hy - 4); px(fig, hair, 26, hy - 3)
        elif spec["hair"] == "short" and not spec.get("young"):  # greying temples
            rect(fig, P["grey_hair"], 12, hy + 7, 3, 4); rect(fig, P["grey_hair"], 33, hy + 7, 3, 4)
            px(fig, P["grey_hair_l"], 13, hy + 8); px(fig, P["grey_hair_l"], 34, hy + 8)
    else:
        ellipse(fig, hair, 12, hy - 2, 24, 12)
        rect(fig, hair, 12, hy + 4, 4, 14)
        rect(fig, hair, 32, hy + 4, 4, 14)
        # middle parting: two curtains sweeping to the sides
        pygame.draw.polygon(fig, skin, [(24, hy + 3), (16, hy + 9), (32, hy + 9)])
        rect(fig, skin, 16, hy + 8, 17, 3)
        vline(fig, hair, 24, hy - 1, hy + 4)
        hline(fig, hair_l, 17, 21, hy + 1); hline(fig, hair_l, 27, 31, hy + 1)
        if spec["hair"] == "bun" and not spec.get("plain"):
            vline(fig, P["red"], 24, hy - 1, hy + 2)  # sindoor
        if spec["hair"] == "braid":
            pass
    if spec.get("topi"):
        rrect(fig, P["white"], 13, hy - 5, 22, 8, 2)
        hline(fig, P["cream_dd"], 13, 34, hy + 2)
        for x in range(15, 34, 3):
            px(fig, P["cream_d"], x, hy - 2)
    _portrait_bald(fig, spec, hy, skin, hair, hair_l)
    # --- face features
    ex = (18, 29)
    ey = hy + 14
    eyecol = P["ol"]
    if face == "happy":
        for x in ex:
            hline(fig, eyecol, x - 1, x + 1, ey)
            px(fig, eyecol, x - 2, ey + 1); px(fig, eyecol, x + 2, ey + 1)
    elif face == "surprised":
        for x in ex:
            rect(fig, P["white"], x - 2, ey - 2, 5, 5)
            rect(fig, eyecol, x - 1, ey - 1, 3, 3)
            px(fig, P["white"], x, ey - 1)
    elif face == "sad":
        for x in ex:
            rect(fig, P["white"], x - 2, ey, 5, 2)
            rect(fig, eyecol, x - 1, ey, 2, 3)
            hline(fig, skin_d, x - 2, x + 2, ey - 1)
            hline(fig, eyecol, x - 2, x + 2, ey - 1)
    elif face == "angry":
        for x in ex:
            rect(fig, P["white"], x - 2, ey, 5, 2)
            rect(fig, eyecol, x - 1, ey, 3, 2)
    else:  # neutral, worried
        for x in ex:
            rect(fig, P["white"], x - 2, ey - 1, 5, 3)
            rect(fig, eyecol, x - 1, ey - 1, 2, 3)
            px(fig, P["white"], x - 1, ey - 1)
    # brows (they carry the expression)
    bc = hair if spec["hair"] != "grey" else P["stone_dd"]
    by = ey - 4
    if face == "neutral":
        brows = [((15, by), (20, by)), ((27, by), (32, by))]
    elif face == "happy":
        brows = [((15, by), (17, by - 1)), ((17, by - 1), (20, by)), ((27, by), (30, by - 1)), ((30, by - 1), (32, by))]
    elif face in ("worried", "sad"):
        brows = [((15, by + 1), (20, by - 1)), ((27, by - 1), (32, by + 1))]
    elif face == "surprised":
        brows = [((15, by - 2), (17, by - 3)), ((17, by - 3), (20, by - 2)),
                 ((27, by - 2), (30, by - 3)), ((30, by - 3), (32, by - 2))]
    else:  # angry
        brows = [((15, by - 1), (20, by + 1)), ((27, by + 1), (32, by - 1))]
    for a, b in brows:
        line(fig, bc, a, b)
        line(fig, bc, (a[0], a[1] + 1), (b[0], b[1] + 1)) if face == "angry" else None
    # nose
    px(fig, skin_d, 24, ey + 3); px(fig, skin_d, 23, ey + 4); px(fig, skin_d, 25, ey + 4)
    # cheeks
    if face in ("happy", "surprised") or spec["hair"] in ("braid", "pony"):
        hline(fig, P["pink_d"] if face == "happy" else P["pink"], 15, 17, ey + 4)
        hline(fig, P["pink_d"] if face == "happy" else P["pink"], 30, 32, ey + 4)
    # glasses
    if spec.get("glasses"):
        for x in ex:
            pygame.draw.rect(fig, P["steel_d"], (x - 3, ey - 2, 7, 5), 1)
        hline(fig, P["steel_d"], 21, 26, ey - 1)
    # moustache
    my = ey + 7
    if spec.get("moustache"):
        mc = hair if spec["hair"] != "grey" else P["grey_hair"]
        rect(fig, mc, 20, my - 1, 9, 2)
        px(fig, mc, 19, my); px(fig, mc, 29, my)
    # mouth
    lip = P["lip"]
    mo = my + (1 if spec.get("moustache") else 0)
    if face == "happy":
        hline(fig, P["ol2"], 21, 27, mo)
        hline(fig, P["white"], 22, 26, mo + 1)
        hline(fig, P["ol2"], 22, 26, mo + 2) if False else hline(fig, lip, 23, 25, mo + 2)
        px(fig, P["ol2"], 21, mo + 1); px(fig, P["ol2"], 27, mo + 1)
        px(fig, P["ol2"], 20, mo - 1); px(fig, P["ol2"], 28, mo - 1)
    elif face == "surprised":
        rect(fig, P["ol2"], 23, mo, 3, 3)
        px(fig, lip, 24, mo + 1)
    elif face == "sad":
        hline(fig, P["ol2"], 22, 26, mo)
        px(fig, P["ol2"], 21, mo + 1); px(fig, P["ol2"], 27, mo + 1)
    elif face == "worried":
        px(fig, P["ol2"], 21, mo + 1); px(fig, P["ol2"], 22, mo); px(fig, P["ol2"], 23, mo)
        px(fig, P["ol2"], 24, mo + 1); px(fig, P["ol2"], 25, mo + 1); px(fig, P["ol2"], 26, mo)
    elif face == "angry":
        hline(fig, P["ol2"], 21, 27, mo)
        px(fig, P["ol2"], 21, mo + 1); px(fig, P["ol2"], 27, mo + 1)
    else:
        hline(fig, P["ol2"], 22, 26, mo)
        px(fig, lip, 24, mo + 1)
    # earrings / bindi for the women
    if spec["hair"] in ("bun", "pony", "braid"):
        px(fig, P["ochre_l"], 12, 25 + dy); px(fig, P["ochre"], 12, 26 + dy)
        px(fig, P["ochre_l"], 35, 25 + dy); px(fig, P["ochre"], 35, 26 + dy)
    if spec["hair"] in ("bun", "pony") and not spec.get("plain"):
        px(fig, P["red"], 24, by - 1)
        if spec["hair"] == "bun":
            px(fig, P["red"], 23, by - 1); px(fig, P["red"], 24, by - 2); px(fig, P["red"], 23, by - 2)
    if spec["hair"] == "braid":
        rect(fig, P["mag"], 33, 46, 4, 2)
    _portrait_final(fig, spec, face, hy, ex, ey, by, my, skin, skin_d, hair, hair_l, tc)
    fig = outline(fig)
    out.blit(fig, (0, 0))
    # keep the rounded corners transparent
    mask = surf(48, 48)
    rrect(mask, (255, 255, 255), 0, 0, 48, 48, 8)
    for y in range(48):
        for x in range(48):
            if mask.get_at((x, y)).a == 0:
                out.set_at((x, y), (0, 0, 0, 0))
    return out


# =====================================================================================  main

def build(out_dir: Path):
    tiles = build_tiles()
    img = tileset_image(tiles)
    save(img, out_dir / "assets/tiles/town.png")
    (out_dir / "assets/tiles/town.tsx").write_text(tileset_tsx(tiles, img), encoding="utf-8", newline="\n")
    sheets = {}
    for cid in CHARACTERS + CLASSMATES:
        sheets[cid] = sprite_sheet(cid)
        save(sheets[cid], out_dir / f"assets/sprites/{cid}.png")
    ports = {}
    for cid in CHARACTERS:
        for face in FACES:
            ports[cid, face] = portrait(cid, face)
            save(ports[cid, face], out_dir / f"assets/portraits/{cid}/{face}.png")
    # preview: tileset | sprite sheets (9 a row) | portraits (two blocks of 6 faces side by side)
    per_row = 12
    sheet_rows = (len(sheets) + per_row - 1) // per_row
    half = (len(CHARACTERS) + 1) // 2
    pw = max(img.get_width(), per_row * 52, 2 * 6 * 52 + 8)
    ph = img.get_height() + 8 + sheet_rows * 104 + half * 52
    prev = surf(pw + 8, ph + 8, (236, 228, 214))
    prev.blit(img, (4, 4))
    y = img.get_height() + 12
    for i, cid in enumerate(sheets):
        prev.blit(sheets[cid], (4 + (i % per_row) * 52, y + (i // per_row) * 104))
    y += sheet_rows * 104
    for j, cid in enumerate(CHARACTERS):
        bx = 4 + (j // half) * (6 * 52 + 8)
        for i, face in enumerate(FACES):
            prev.blit(ports[cid, face], (bx + i * 52, y + (j % half) * 52))
    save(scale(prev, 3), out_dir / "assets/preview.png")
    return tiles


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default=str(ROOT), help="output root (default: project root)")
    args = ap.parse_args(argv)
    pygame.init()
    tiles = build(Path(args.out))
    print(f"{len(tiles)} tiles, {len(CHARACTERS) + len(CLASSMATES)} sprite sheets, {len(CHARACTERS) * len(FACES)} portraits -> {args.out}")


if __name__ == "__main__":
    main()
