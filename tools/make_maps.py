"""Generate the Tiled maps (TMX) for Small Acts from readable layouts (deterministic).

    python tools/make_maps.py [--out DIR]

Reads the tileset DIR/assets/tiles/town.tsx (falls back to the project's own) and writes:
    scenes/home/home.tmx   CSV layer encoding
    scenes/lane/lane.tmx   base64 + zlib layer encoding
    scenes/school/school.tmx, scenes/neighbourhood/neighbourhood.tmx   CSV layer encoding
    assets/preview_<scene>.png   the whole map rendered at 2x with NPCs placed
"""

from __future__ import annotations

import argparse
import base64
import struct
import sys
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _pixel import pygame, surf, scale, save  # noqa: E402
from game.world.tmxwrite import object_xml  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
T = 16
TSX_REL = "../../assets/tiles/town.tsx"


# ------------------------------------------------------------------ tileset
class Tileset:
    def __init__(self, tsx: Path):
        root = ET.parse(tsx).getroot()
        self.path = tsx
        self.columns = int(root.get("columns"))
        self.image = tsx.parent / root.find("image").get("source")
        self.ids: dict[str, int] = {}
        self.solid: set[int] = set()
        for t in root.findall("tile"):
            tid = int(t.get("id"))
            for p in t.iter("property"):
                if p.get("name") == "name":
                    self.ids[p.get("value")] = tid
                if p.get("name") == "solid" and p.get("value") == "true":
                    self.solid.add(tid)

    def gid(self, name: str) -> int:
        return self.ids[name] + 1  # firstgid = 1


# ------------------------------------------------------------------ a map under construction
class Map:
    def __init__(self, ts: Tileset, w: int, h: int):
        self.ts, self.w, self.h = ts, w, h
        self.layers = {n: [[0] * w for _ in range(h)] for n in ("ground", "decor", "above")}
        self.objects: list[dict] = []

    def put(self, layer, name, x, y):
        assert 0 <= x < self.w and 0 <= y < self.h, (name, x, y)
        self.layers[layer][y][x] = self.ts.gid(name) if name else 0

    def row(self, layer, names, x, y):
        for i, n in enumerate(names):
            if n:
                self.put(layer, n, x + i, y)

    def fill(self, layer, name, x, y, w, h):
        for j in range(h):
            for i in range(w):
                self.put(layer, name, x + i, y + j)

    def obj(self, name, typ, x, y, w=1, h=1, **props):
        self.objects.append(dict(name=name, type=typ, x=x * T, y=y * T, w=w * T, h=h * T, props=props))

    def points(self, *spots):
        """Named points for staged scenes (docs/maps.md): (name, x, y, facing or None), appended after the other
        objects so their ids never change."""
        for name, x, y, facing in spots:
            assert not self.solid_at(x, y), (name, x, y)
            self.obj(name, "point", x, y, **({"facing": facing} if facing else {}))

    def solid_at(self, x, y):
        for layer in self.layers.values():
            g = layer[y][x]
            if g and (g - 1) in self.ts.solid:
                return True
        return False

    # ---- output
    def tmx(self, encoding: str) -> str:
        out = ['<?xml version="1.0" encoding="UTF-8"?>',
               f'<map version="1.10" tiledversion="1.10.2" orientation="orthogonal" renderorder="right-down" '
               f'width="{self.w}" height="{self.h}" tilewidth="{T}" tileheight="{T}" infinite="0" '
               f'nextlayerid="5" nextobjectid="{len(self.objects) + 1}">',
               f' <tileset firstgid="1" source="{TSX_REL}"/>']
        for i, (name, grid) in enumerate(self.layers.items(), start=1):
            out.append(f' <layer id="{i}" name="{name}" width="{self.w}" height="{self.h}">')
            if encoding == "csv":
                rows = [",".join(str(g) for g in r) for r in grid]
                out.append('  <data encoding="csv">')
                out.append(",\n".join(rows))
                out.append('</data>')
            else:
                raw = b"".join(struct.pack("<I", g) for r in grid for g in r)
                data = base64.b64encode(zlib.compress(raw, 9)).decode("ascii")
                out.append('  <data encoding="base64" compression="zlib">')
                out.append("   " + data)
                out.append('  </data>')
            out.append(' </layer>')
        out.append(' <objectgroup id="4" name="objects">')
        for oid, o in enumerate(self.objects, start=1):
            out += object_xml(oid, o["name"], o["type"], o["x"], o["y"], o["w"], o["h"], o["props"])
        out.append(' </objectgroup>')
        out.append('</map>')
        return "\n".join(out) + "\n"

    def render(self, sprites_dir: Path, player_spawn="default") -> pygame.Surface:
        img = pygame.image.load(str(self.ts.image))
        tiles = {}

        def tile(g):
            if g not in tiles:
                tid = g - 1
                s = surf(T, T)
                s.blit(img, (0, 0), ((tid % self.ts.columns) * T, (tid // self.ts.columns) * T, T, T))
                tiles[g] = s
            return tiles[g]

        out = surf(self.w * T, self.h * T, (40, 32, 40))
        for name in ("ground", "decor"):
            for y, r in enumerate(self.layers[name]):
                for x, g in enumerate(r):
                    if g:
                        out.blit(tile(g), (x * T, y * T))
        rows = {"down": 0, "left": 1, "right": 2, "up": 3}
        people = [(o["props"]["character"], o) for o in self.objects if o["type"] == "npc"]
        people += [("ravi", o) for o in self.objects if o["type"] == "spawn" and o["name"] == player_spawn]
        for cid, o in sorted(people, key=lambda p: p[1]["y"]):
            sheet = pygame.image.load(str(sprites_dir / f"{cid}.png"))
            fr = rows[o["props"].get("facing", "down")]
            shadow = surf(14, 5)
            pygame.draw.ellipse(shadow, (40, 30, 40, 70), (0, 0, 14, 5))
            out.blit(shadow, (o["x"] + 1, o["y"] + 12))
            out.blit(sheet, (o["x"], o["y"] - 8), (0, fr * 24, 16, 24))
        for y, r in enumerate(self.layers["above"]):
            for x, g in enumerate(r):
                if g:
                    out.blit(tile(g), (x * T, y * T))
        return scale(out, 2)


def autowalls(m: Map, grid: list[str], wall="#"):
    """Place wall-top tiles for every '#' with the right connections."""
    h, w = len(grid), len(grid[0])
    for y in range(h):
        for x in range(w):
            if grid[y][x] != wall:
                continue
            mask = ""
            for side, (dx, dy) in zip("nesw", ((0, -1), (1, 0), (0, 1), (-1, 0))):
                nx, ny = x + dx, y + dy
                if 0 <= nx < w and 0 <= ny < h and grid[ny][nx] == wall:
                    mask += side
            m.put("ground", "wall_" + (mask or "x"), x, y)


# ------------------------------------------------------------------ home
HOME = [
    # 0         1         2
    # 012345678901234567890123456789
    "##############################",  # 0
    "#gggggggg#bbbbbbbbbbb#pppppppp#",  # 1  (31 wide -> trimmed below)
]

HOME = [
    "##############################",  # 0
    "#gggggggg#bbbbbbbbbbb#ppppppp#",  # 1   kitchen | living | study (wall faces)
    "#kkkkkkkk#rrrrrrrrrrr#sssssss#",  # 2
    "#kkkkkkkk#rrrrrrrrrrr#sssssss#",  # 3
    "#kkkkkkkkTrrrrrrrrrrrTsssssss#",  # 4
    "#kkkkkkkkTrrrrrrrrrrrTsssssss#",  # 5
    "#kkkkkkkk#rrrrrrrrrrr#sssssss#",  # 6
    "###TT##########TT#######TT####",  # 7
    "#ccDDccccccccccDDccccccccDDcc#",  # 8   courtyard-side faces with doorways
    "#oooooooooooooooooooooooooooo#",  # 9   aangan
    "#oooooooooooooooooooooooooooo#",  # 10
    "#oooooooooooooooooooooooooooo#",  # 11
    "#####TT######ssss#ooooooooooo#",  # 12
    "#bbbbDDbbbbb#ssss#ooooooooooo#",  # 13  parents' room | entrance passage | courtyard
    "#qqqqqqqqqqq#ssss#ooooooooooo#",  # 14
    "#qqqqqqqqqqq#ssss#ooooooooooo#",  # 15
    "#qqqqqqqqqqq#ssss#ooooooooooo#",  # 16
    "#qqqqqqqqqqq#ssss#ooooooooooo#",  # 17
    "#qqqqqqqqqqq#ssss#ooooooooooo#",  # 18
    "##############TT##############",  # 19  front door to the lane
]

GROUND = {"k": "floor_kitchen", "r": "floor_redoxide", "s": "floor_stone", "q": "floor_stone_b",
          "o": "floor_court", "T": "threshold", "D": "doorway",
          "g": "face_green", "b": "face_blue", "p": "face_pink", "c": "face_cream"}


def rug(m, x, y, w, h):
    for j in range(h):
        for i in range(w):
            v = "t" if j == 0 else ("b" if j == h - 1 else "m")
            hh = "l" if i == 0 else ("r" if i == w - 1 else "m")
            m.put("ground", f"rug_{v}{hh}", x + i, y + j)


def build_home(ts: Tileset) -> Map:
    grid = HOME
    assert all(len(r) == 30 for r in grid), [len(r) for r in grid]
    m = Map(ts, 30, 20)
    for y, r in enumerate(grid):
        for x, ch in enumerate(r):
            if ch == "D":  # doorway: jambs only on the outer sides of a wide opening
                left, right = r[x - 1] != "D", r[x + 1] != "D"
                m.put("ground", "doorway" if left and right else ("doorway_l" if left else "doorway_r"), x, y)
            elif ch in GROUND:
                m.put("ground", GROUND[ch], x, y)
    autowalls(m, grid)
    d = lambda n, x, y: m.put("decor", n, x, y)  # noqa: E731

    # kitchen (x1-8): fridge, counter with stove and sink, utensils, matka, small table
    d("fridge_top", 1, 1); d("fridge_bottom", 1, 2)
    m.row("decor", ["counter_end", "counter", "counter_stove", "counter", "counter_sink", "counter"], 2, 2)
    d("utensil_shelf", 3, 1); d("window", 5, 1); d("utensil_shelf", 7, 1)
    d("matka", 8, 2)
    m.row("decor", ["chair", "chair"], 2, 4)
    m.row("decor", ["table_l", "table_r"], 2, 5)
    d("stool", 8, 6)
    d("calendar", 8, 1)

    # living room (x10-20): TV, family photo, sofa on a dhurrie, plants, clock
    d("window", 11, 1); d("photo", 13, 1); d("clock", 17, 1); d("window", 19, 1)
    m.row("decor", ["tv_l", "tv_r"], 14, 2)
    d("plant", 10, 2); d("plant", 20, 2)
    rug(m, 12, 3, 6, 3)
    m.row("decor", ["sofa_l", "sofa_m", "sofa_r"], 13, 5)
    d("side_table", 17, 5)
    d("almirah_top", 11, 1) if False else None

    # study (x22-28): one desk with books, bookshelf, a bed, poster
    d("poster", 22, 1); d("window", 24, 1)
    m.row("decor", ["desk_l", "desk_r"], 23, 2)
    d("chair", 23, 3) if False else None
    d("bookshelf_top", 26, 1); d("bookshelf_bottom", 26, 2)
    d("bed_top", 28, 2); d("bed_bottom", 28, 3)
    d("bed_top", 27, 2) if False else None
    d("plant", 22, 6)
    d("calendar", 28, 1)

    # courtyard-side wall decorations
    d("window", 7, 8); d("window", 11, 8); d("window", 20, 8); d("clock", 22, 8)

    # aangan: tulsi in the middle, clothesline, charpai, bucket, pots
    d("tulsi", 9, 10)
    m.put("ground", "rangoli", 5, 10)
    m.row("decor", ["clothesline_l", "clothesline_m", "clothesline_r"], 21, 13)
    m.row("decor", ["charpai_l", "charpai_r"], 25, 16)
    d("bucket", 18, 17); d("bucket", 19, 18) if False else None
    d("matka", 28, 12)
    d("pot_marigold", 1, 9); d("pot_rose", 28, 9); d("pot_marigold", 18, 12)
    d("plant", 1, 11)
    d("pot_rose", 28, 18)
    d("stool", 23, 17)

    # parents' room (x1-11)
    d("window", 2, 13); d("calendar", 8, 13); d("photo", 10, 13) if False else None
    d("bed_top", 2, 14); d("bed_bottom", 2, 15); d("bed_top", 3, 14); d("bed_bottom", 3, 15)
    d("side_table", 4, 14)
    d("almirah_top", 10, 13); d("almirah_bottom", 10, 14)
    d("almirah_top", 11, 13); d("almirah_bottom", 11, 14)
    rug(m, 5, 16, 4, 2)
    d("plant", 1, 18)

    # entrance passage (deorhi)
    d("shoe_rack", 13, 17); d("pot_marigold", 16, 18)

    # objects
    m.obj("default", "spawn", 14, 18, facing="up")
    m.obj("from_lane", "spawn", 15, 18, facing="up")
    m.obj("meera", "npc", 5, 3, character="meera", node="meera", facing="up")
    m.obj("amma", "npc", 22, 14, character="amma", node="amma", facing="down")
    m.obj("courtyard_first", "trigger", 13, 11, 4, 2, node="courtyard_first", once=True)
    m.obj("study_desk", "trigger", 22, 3, 4, 2, node="study_desk", once=True)
    m.obj("to_lane", "exit", 14, 19, 2, 1, to="lane", spawn="from_home")
    # added later: appended so the ids of the objects above never change (saves keep fired triggers by id)
    m.obj("dadi", "npc", 12, 5, character="dadi", node="dadi", facing="down")
    # the dinner mat: a dhurrie spread in the courtyard, the family round it (staged in dialogue/en/home.yaml)
    rug(m, 19, 15, 5, 2)
    m.points(("gate_papa", 15, 18, "up"), ("gate_bua", 14, 18, "up"),
             ("mat_papa", 20, 17, "up"), ("mat_bua", 22, 14, "down"), ("mat_dadi", 18, 15, "right"),
             ("mat_amma", 24, 15, "left"), ("mat_meera", 20, 14, "down"), ("mat_ravi", 22, 17, "up"),
             ("mat", 21, 15, None))
    return m


# ------------------------------------------------------------------ lane
def build_lane(ts: Tileset) -> Map:
    W, H = 40, 15
    m = Map(ts, W, H)
    # houses along the top: (colour, x0, x1, door x, door state)
    houses = [("teal", 0, 7, 4, "door"), ("pink", 8, 16, 12, "door_open"), ("yellow", 17, 19, None, None),
              ("yellow", 24, 31, 28, "door"), ("blue", 32, 39, 35, "door")]
    for col, x0, x1, door, state in houses:
        for x in range(x0, x1 + 1):
            m.put("ground", f"house_{col}_top", x, 0)
            m.put("ground", f"house_{col}_window" if (x - x0) % 3 == 1 else f"house_{col}", x, 1)
            if door is not None and x == door:
                m.put("ground", f"house_{col}_{state}", x, 2)
            elif (x - x0) % 3 == 1 and abs(x - (door or -9)) > 1:
                m.put("ground", f"house_{col}_window", x, 2)
            else:
                m.put("ground", f"house_{col}", x, 2)
    # kirana shop (x20-22) + shopkeeper's side step at x23
    m.row("ground", ["shop_sign_l", "shop_sign_m", "shop_sign_r"], 20, 0)
    m.row("ground", ["shop_awning_l", "shop_awning_m", "shop_awning_r"], 20, 1)
    m.row("ground", ["shop_counter_l", "shop_counter_m", "shop_counter_r"], 20, 2)
    m.put("ground", "house_yellow_top", 23, 0)
    m.put("ground", "house_yellow", 23, 1)
    m.put("ground", "doorstep", 23, 2)
    # footpath strip, drain with slabs, brick lane, road, verge, boundary wall
    m.fill("ground", "lane_dirt", 0, 3, W, 1)
    for x in (4, 12, 28, 35):
        m.put("ground", "doorstep", x, 3)
    m.fill("ground", "drain", 0, 4, W, 1)
    for x in (1, 4, 8, 12, 13, 17, 20, 21, 22, 23, 26, 28, 31, 35, 38):
        m.put("ground", "drain_slab", x, 4)
    m.fill("ground", "lane_brick", 0, 5, W, 5)
    for (x, y) in ((3, 6), (14, 8), (22, 5), (27, 7), (37, 8), (9, 6), (33, 9)):
        m.put("ground", "lane_brick_b", x, y)
    m.fill("ground", "lane_dirt", 0, 10, W, 1)
    m.fill("ground", "road", 0, 11, W, 2)
    for x in range(1, W, 3):
        m.put("ground", "road_line", x, 12)
    m.fill("ground", "grass", 0, 13, W, 1)
    for x in (3, 10, 15, 26, 34):
        m.put("ground", "grass_flowers", x, 13)
    m.fill("ground", "bwall", 0, 14, W, 1)

    d = lambda n, x, y: m.put("decor", n, x, y)  # noqa: E731
    a = lambda n, x, y: m.put("above", n, x, y)  # noqa: E731
    for x in (8, 17, 24, 32):
        for y in (0, 1, 2):
            d("pilaster", x, y)
    # in front of the houses
    d("pot_marigold", 3, 3); d("pot_rose", 5, 3)
    d("pot_marigold", 11, 3); d("pot_rose", 14, 3); d("pot_marigold", 15, 3)
    d("veg_crate", 19, 3); d("veg_crate", 24, 3)
    d("pot_rose", 27, 3); d("pot_marigold", 29, 3)
    d("pot_marigold", 34, 3); d("bucket", 37, 3)
    # the lane
    m.row("decor", ["scooter_l", "scooter_r"], 16, 6)
    m.row("decor", ["cow_l", "cow_r"], 6, 9)
    d("hand_pump", 25, 9)
    m.row("decor", ["charpai_l", "charpai_r"], 33, 6)
    d("stool", 35, 6)
    d("dog", 19, 9)
    d("pot_rose", 37, 13); d("grass_flowers", 0, 13) if False else None
    d("lamp_base", 10, 10); a("lamp_top", 10, 9)
    d("lamp_base", 36, 10); a("lamp_top", 36, 9)
    # neem tree on the verge, canopy over the road
    for j, row in enumerate((("neem_tl", "neem_t", "neem_tr"), ("neem_l", "neem_c", "neem_r"),
                             ("neem_bl", "neem_b", "neem_br"))):
        for i, n in enumerate(row):
            a(n, 29 + i, 10 + j)
    d("neem_trunk", 30, 13)
    d("pot_rose", 20, 13); d("pot_marigold", 21, 13)

    m.obj("default", "spawn", 12, 3, facing="down")
    m.obj("from_home", "spawn", 12, 3, facing="down")
    m.obj("shopkeeper", "npc", 23, 2, character="shopkeeper", node="shopkeeper", facing="down")
    m.obj("neighbour", "npc", 4, 3, character="neighbour", node="neighbour", facing="down")
    m.obj("to_home", "exit", 12, 2, 1, 1, to="home", spawn="from_lane")
    return m


# ------------------------------------------------------------------ school
SCHOOL_GROUND = {"c": "floor_class", "o": "floor_stone", "k": "floor_corridor", "p": "play_dirt", "F": "face_school",
                 "T": "threshold", "D": "doorway"}


def build_school(ts: Tileset) -> Map:
    W, H = 40, 25
    g = [["p"] * W for _ in range(H)]

    def box(ch, x0, y0, x1, y1):
        for y in range(y0, y1 + 1):
            for x in range(x0, x1 + 1):
                g[y][x] = ch
    # the compound: walls all round (the front wall along the bottom is drawn separately)
    box("#", 0, 0, W - 1, 0); box("#", 0, 0, 0, H - 1); box("#", W - 1, 0, W - 1, H - 1)
    # the school building: classroom | office, a corridor below them
    box("#", 0, 0, 24, 10)
    box("F", 1, 1, 16, 1); box("c", 1, 2, 16, 9)          # classroom
    box("F", 18, 1, 23, 1); box("o", 18, 2, 23, 9)        # office
    g[10][14] = g[10][15] = g[10][20] = "T"
    box("F", 1, 11, 24, 11)                               # corridor back wall
    g[11][14] = g[11][15] = g[11][20] = "D"
    box("k", 1, 12, 24, 14)                               # corridor floor
    box("b", 1, 15, 24, 15)                               # corridor parapet, steps in the middle
    box("k", 10, 15, 12, 15)
    box("#", 25, 0, 25, H - 2)                            # wall between the front yard and the playground
    g[17][25] = g[18][25] = "p"                           # the way into the playground
    m = Map(ts, W, H)
    for y in range(H):
        for x in range(W):
            ch = g[y][x]
            if ch == "D":
                left, right = g[y][x - 1] != "D", g[y][x + 1] != "D"
                m.put("ground", "doorway" if left and right else ("doorway_l" if left else "doorway_r"), x, y)
            elif ch in SCHOOL_GROUND:
                m.put("ground", SCHOOL_GROUND[ch], x, y)
    autowalls(m, ["".join(r) for r in g])
    # corridor parapet: a low wall with a gap for the steps
    for x in range(1, 25):
        if 10 <= x <= 12:
            m.put("ground", "threshold", x, 15)
        else:
            m.put("ground", "bwall_r" if x == 9 else ("bwall_l" if x == 13 else "bwall"), x, 15)
    # the front wall with the gate
    for x in range(1, W - 1):
        m.put("ground", "bwall", x, H - 1)
    m.put("ground", "gate_leaf", 16, H - 1); m.put("ground", "gate_pillar", 17, H - 1)
    m.put("ground", "gate_pillar", 21, H - 1); m.put("ground", "gate_leaf", 22, H - 1)
    for x in (18, 19, 20):
        m.put("ground", "play_dirt", x, H - 1)
    # grass along the edges of the yards, the pitch
    for (x, y) in ((1, 16), (2, 16), (1, 17), (23, 16), (24, 16), (24, 17), (1, 22), (1, 23), (2, 23), (24, 23),
                   (26, 1), (27, 1), (26, 2), (38, 1), (37, 1), (38, 2), (26, 23), (27, 23), (26, 22), (38, 23),
                   (38, 22), (37, 23), (29, 17), (30, 17), (35, 12), (36, 12), (36, 13), (28, 8), (28, 9),
                   (6, 19), (7, 19), (14, 21), (15, 21), (33, 20), (34, 20), (34, 21)):
        m.put("ground", "play_grass", x, y)
    for y in range(1, H - 1):
        for x in range(26, W - 1):
            m.put("ground", "grass", x, y)
    for y in range(3, 15):
        for x in range(30, 35):
            m.put("ground", "play_dirt", x, y)
    for (x, y) in ((29, 8), (29, 9), (35, 8)):
        m.put("ground", "play_dirt", x, y)
    for (x, y) in ((27, 4), (37, 9), (28, 14), (36, 19), (30, 21), (38, 13)):
        m.put("ground", "grass_flowers", x, y)
    m.put("ground", "pitch_top", 32, 4)
    for y in range(5, 13):
        m.put("ground", "pitch", 32, y)
    m.put("ground", "pitch_bottom", 32, 13)

    d = lambda n, x, y: m.put("decor", n, x, y)  # noqa: E731
    a = lambda n, x, y: m.put("above", n, x, y)  # noqa: E731
    # classroom: blackboard between windows, teacher's table, three rows of desk-benches, a cupboard
    m.row("decor", ["blackboard_1", "blackboard_2", "blackboard_3", "blackboard_4"], 6, 1)
    d("window", 2, 1); d("window", 4, 1); d("clock", 11, 1); d("window", 12, 1); d("window", 14, 1)
    d("almirah_top", 16, 1); d("almirah_bottom", 16, 2)
    m.row("decor", ["teacher_table_l", "teacher_table_r"], 7, 3)
    d("chair", 8, 2)
    for y, kind in ((4, ""), (6, "_b"), (8, "")):
        for x in (2, 5, 10, 13):
            k = kind if x in (2, 10) else ("_b" if kind == "" else "")
            m.row("decor", [f"desk_bench{k}_l", f"desk_bench{k}_r"], x, y)
    d("plant", 1, 9); d("poster", 15, 1) if False else None
    # office
    d("window", 19, 1); d("calendar", 21, 1); d("photo", 22, 1)
    d("bookshelf_top", 23, 1); d("bookshelf_bottom", 23, 2)
    d("almirah_top", 18, 1); d("almirah_bottom", 18, 2)
    m.row("decor", ["teacher_table_l", "teacher_table_r"], 20, 4)
    d("chair", 20, 3); d("plant", 23, 9); d("plant", 18, 9)
    # corridor: notice board, water cooler, windows into the rooms, pots
    m.row("decor", ["notice_l", "notice_r"], 5, 11)
    d("window", 2, 11); d("window", 9, 11); d("window", 12, 11); d("window", 17, 11); d("window", 23, 11)
    d("cooler_top", 22, 11); d("cooler_bottom", 22, 12)
    d("pot_marigold", 1, 12); d("pot_rose", 24, 14); d("plant", 18, 12)
    # front yard: flag, benches, pots along the parapet, a tree
    d("flag_base", 12, 19); a("flag_top", 12, 18)
    m.row("decor", ["bench_l", "bench_r"], 3, 18)
    m.row("decor", ["bench_l", "bench_r"], 20, 18)
    for x in (2, 6, 16, 22):
        d("pot_marigold" if x % 4 else "pot_rose", x, 16)
    for j, row in enumerate((("neem_tl", "neem_t", "neem_tr"), ("neem_l", "neem_c", "neem_r"),
                             ("neem_bl", "neem_b", "neem_br"))):
        for i, n in enumerate(row):
            a(n, 4 + i, 19 + j)
    d("neem_trunk", 5, 22)
    d("hand_pump", 23, 21)
    m.row("above", ["gate_sign_l", "gate_sign_m", "gate_sign_r"], 18, 23)
    d("gate_pillar", 17, 23); d("gate_pillar", 21, 23)
    m.row("decor", ["scooter_l", "scooter_r"], 14, 22)
    d("poster", 13, 1)
    # playground: stumps at both ends, benches, a tree, a dog asleep in the shade
    d("stumps", 32, 4); d("stumps", 32, 13)
    m.row("decor", ["bench_l", "bench_r"], 27, 20)
    m.row("decor", ["bench_l", "bench_r"], 36, 16)
    for j, row in enumerate((("neem_tl", "neem_t", "neem_tr"), ("neem_l", "neem_c", "neem_r"),
                             ("neem_bl", "neem_b", "neem_br"))):
        for i, n in enumerate(row):
            a(n, 35 + i, 1 + j)
    d("neem_trunk", 36, 4)
    d("dog", 37, 5)
    d("pot_rose", 26, 12); d("bucket", 38, 12)

    m.obj("default", "spawn", 19, 22, facing="up")
    m.obj("iqbal", "npc", 9, 3, character="iqbal", node="iqbal", facing="down")
    m.obj("priya", "npc", 33, 8, character="priya", node="priya", facing="left")
    m.obj("kabir", "npc", 7, 13, character="kabir", node="kabir", facing="right")
    m.obj("arjun", "npc", 4, 6, character="arjun", node="arjun", facing="left")
    m.obj("classroom", "trigger", 14, 10, 2, 2, node="team_list", once=True)
    m.obj("playground", "trigger", 25, 17, 1, 2, node="cricket", once=True)
    m.obj("corridor", "trigger", 9, 12, 5, 3, node="phone", once=True, **{"if": "visits(team_list) > 0"})
    m.obj("blackboard", "thing", 6, 1, 4, 1, node="blackboard")
    m.obj("notice_board", "thing", 5, 11, 2, 1, node="notice_board")
    # the class at its desk-benches, facing the blackboard; Iqbal Sir at the board or the door (dialogue/en/school.yaml)
    m.points(("board", 9, 2, "down"), ("class_door", 15, 9, "down"),
             ("seat_ravi", 14, 9, "up"), ("seat_priya", 13, 9, "up"), ("seat_kabir", 14, 7, "up"),
             ("seat_arjun", 3, 7, "up"), ("seat_a", 2, 5, "up"), ("seat_b", 5, 5, "up"), ("seat_c", 11, 5, "up"),
             ("seat_d", 13, 5, "up"), ("seat_e", 5, 7, "up"), ("seat_f", 10, 7, "up"),
             ("tap", 21, 12, "right"), ("pitch_kabir", 31, 7, "right"), ("pitch_priya", 33, 8, "left"))
    return m


# ------------------------------------------------------------------ neighbourhood
def build_neighbourhood(ts: Tileset) -> Map:
    W, H = 50, 20
    m = Map(ts, W, H)
    d = lambda n, x, y: m.put("decor", n, x, y)  # noqa: E731
    a = lambda n, x, y: m.put("above", n, x, y)  # noqa: E731
    # houses along the top: (colour, x0, x1, door x, door tile)
    houses = [("teal", 0, 7, 4, "door"), ("pink", 8, 16, 12, "door_open"), ("blue", 17, 23, 20, "door_bell"),
              ("yellow", 28, 31, 30, "door"), ("pink", 41, 42, None, None), ("teal", 46, 49, 48, "door")]
    for col, x0, x1, door, state in houses:
        for x in range(x0, x1 + 1):
            m.put("ground", f"house_{col}_top", x, 0)
            m.put("ground", f"house_{col}_window" if (x - x0) % 3 == 1 else f"house_{col}", x, 1)
            if door is not None and x == door:
                m.put("ground", f"house_{col}_{state}", x, 2)
            elif (x - x0) % 3 == 1 and abs(x - (door if door is not None else -9)) > 1:
                m.put("ground", f"house_{col}_window", x, 2)
            else:
                m.put("ground", f"house_{col}", x, 2)
    # the tea stall (x24-27) under a yellow building
    for x in range(24, 28):
        m.put("ground", "house_yellow_top", x, 0)
    m.put("ground", "house_yellow", 24, 1); m.put("ground", "house_yellow", 24, 2)
    m.row("ground", ["chai_back_l", "chai_back_m", "chai_back_r"], 25, 1)
    m.row("ground", ["chai_counter_l", "chai_counter_r"], 25, 2)
    m.put("ground", "lane_dirt", 27, 2)
    # market: two stalls and the kirana shop
    for x in range(32, 41):
        m.put("ground", "house_blue_top", x, 0)
    m.row("ground", ["stall_awning_l", "stall_awning_m", "stall_awning_r"], 32, 1)
    m.row("ground", ["stall_table_l", "stall_table_m", "stall_table_r"], 32, 2)
    m.put("ground", "house_blue", 35, 1); m.put("ground", "house_blue", 35, 2)
    m.row("ground", ["stall_awning_l", "stall_awning_m", "stall_awning_r"], 36, 1)
    m.row("ground", ["stall_table_l", "stall_table_m", "stall_table_r"], 36, 2)
    m.put("ground", "house_blue", 39, 1); m.put("ground", "house_blue_window", 39, 2)
    m.put("ground", "house_blue", 40, 1); m.put("ground", "house_blue", 40, 2)
    m.row("ground", ["shop_sign_l", "shop_sign_m", "shop_sign_r"], 43, 0)
    m.row("ground", ["shop_awning_l", "shop_awning_m", "shop_awning_r"], 43, 1)
    m.row("ground", ["shop_counter_l", "shop_counter_m", "shop_counter_r"], 43, 2)
    # footpath, drain with slabs, the brick lane, the road, the far side
    m.fill("ground", "lane_dirt", 0, 3, W, 1)
    for x in (4, 12, 20, 30, 48):
        m.put("ground", "doorstep", x, 3)
    m.fill("ground", "drain", 0, 4, W, 1)
    for x in (1, 4, 8, 12, 13, 17, 20, 24, 25, 26, 27, 30, 33, 34, 37, 38, 41, 44, 45, 48):
        m.put("ground", "drain_slab", x, 4)
    m.fill("ground", "lane_brick", 0, 5, W, 5)
    for (x, y) in ((3, 6), (14, 8), (22, 5), (27, 7), (37, 8), (9, 6), (33, 9), (44, 6), (40, 5)):
        m.put("ground", "lane_brick_b", x, y)
    m.fill("ground", "lane_dirt", 0, 10, W, 1)
    m.fill("ground", "road", 0, 11, W, 3)
    for x in range(1, W, 3):
        m.put("ground", "road_line", x, 12)
    m.fill("ground", "lane_dirt", 0, 14, W, 1)
    m.fill("ground", "grass", 0, 15, W, 4)
    m.fill("ground", "lane_dirt", 34, 15, 16, 3)        # the auto stand and the bus stop stand on dirt
    for (x, y) in ((3, 16), (10, 15), (15, 17), (26, 16), (22, 18), (31, 17), (8, 18), (41, 18), (47, 18)):
        m.put("ground", "grass_flowers", x, y)
    m.fill("ground", "bwall", 0, 19, W, 1)

    for x in (8, 17, 28, 32, 41, 46):
        for y in (0, 1, 2):
            d("pilaster", x, y)
    # doorsteps and pots
    d("pot_marigold", 3, 3); d("pot_rose", 5, 3)
    d("pot_marigold", 11, 3); d("pot_rose", 14, 3)
    d("pot_rose", 18, 3); d("bucket", 23, 3)
    d("pot_marigold", 29, 3); d("pot_rose", 31, 3)
    d("veg_crate", 35, 3); d("veg_crate", 42, 3); d("veg_crate", 46, 3)
    d("pot_marigold", 49, 3)
    # tea stall: steam over the kettle, a bench and stools in front
    a("steam", 25, 1)
    m.row("decor", ["plank_bench_l", "plank_bench_r"], 25, 6)
    d("stool", 28, 6); d("stool", 27, 7)
    # market: carts in the lane, crates
    m.row("decor", ["veg_cart_l", "veg_cart_r"], 33, 6)
    m.row("decor", ["fruit_cart_l", "fruit_cart_r"], 38, 7)
    m.row("decor", ["veg_cart_l", "veg_cart_r"], 43, 6)
    d("veg_crate", 36, 6); d("stool", 41, 7)
    # lane life
    m.row("decor", ["scooter_l", "scooter_r"], 15, 7)
    d("dog", 6, 9)
    d("hand_pump", 1, 6)
    # street lamps (lit) along the kerb
    for x in (9, 22, 35, 47):
        d("lamp_base", x, 10); a("lamp_lit_top", x, 9)
    # far side: a neem tree, the auto stand and the bus stop
    for j, row in enumerate((("neem_tl", "neem_t", "neem_tr"), ("neem_l", "neem_c", "neem_r"),
                             ("neem_bl", "neem_b", "neem_br"))):
        for i, n in enumerate(row):
            a(n, 11 + i, 14 + j)
    d("neem_trunk", 12, 17)
    m.row("decor", ["cow_l", "cow_r"], 18, 16)
    m.row("decor", ["auto_tl", "auto_tr"], 36, 15); m.row("decor", ["auto_bl", "auto_br"], 36, 16)
    m.row("decor", ["auto_tl", "auto_tr"], 40, 15); m.row("decor", ["auto_bl", "auto_br"], 40, 16)
    d("bus_sign_base", 44, 17); a("bus_sign_top", 44, 16)
    m.row("decor", ["shelter_l", "shelter_m", "shelter_r"], 46, 15)
    m.row("decor", ["shelter_bench_l", "shelter_bench_m", "shelter_bench_r"], 46, 16)
    d("pot_rose", 30, 18); d("pot_marigold", 2, 18)
    m.row("decor", ["bench_l", "bench_r"], 4, 16)
    m.row("decor", ["bench_l", "bench_r"], 23, 16)
    for j, row in enumerate((("neem_tl", "neem_t", "neem_tr"), ("neem_l", "neem_c", "neem_r"),
                             ("neem_bl", "neem_b", "neem_br"))):
        for i, n in enumerate(row):
            a(n, 28 + i, 14 + j)
    d("neem_trunk", 29, 17)
    m.row("decor", ["fruit_cart_l", "fruit_cart_r"], 32, 15)
    m.row("decor", ["cow_l", "cow_r"], 44, 9)
    d("veg_crate", 31, 5); d("dog", 40, 9)

    m.obj("default", "spawn", 12, 3, facing="down")
    m.obj("vikram", "npc", 24, 6, character="vikram", node="vikram", facing="right")
    m.obj("chaiwala", "npc", 27, 2, character="chaiwala", node="chaiwala", facing="down")
    m.obj("kavita", "npc", 4, 3, character="neighbour", node="kavita", facing="down")
    m.obj("rekha", "npc", 42, 16, character="rekha", node="rekha", facing="left")
    m.obj("loiterers", "npc", 30, 8, character="loiterer", node="loiterers", facing="left")
    m.obj("sunita", "npc", 20, 3, character="sunita", node="sunita", facing="down", **{"if": "checked_in"})
    m.obj("doorbell", "thing", 20, 2, 1, 1, node="doorbell")
    m.obj("wall", "trigger", 17, 3, 2, 16, node="voices", once=True)
    m.obj("market_road", "trigger", 28, 5, 4, 5, node="market_road", once=True, **{"if": "visits(voices) > 0"})
    # Meera walks with Ravi; at the wall and at the bell the neighbours come to their doors (neighbourhood.yaml)
    m.points(("meera_start", 13, 3, "down"), ("wall_ravi", 17, 5, "up"), ("wall_meera", 16, 5, "up"),
             ("bell_ravi", 20, 3, "up"), ("bell_meera", 21, 3, "up"), ("bell_vikram", 19, 3, "up"),
             ("door_amma", 12, 3, "right"), ("door_kavita", 4, 3, "right"), ("door_yellow", 30, 3, "left"),
             ("bell_lane", 17, 3, None), ("corner_ravi", 29, 5, "down"), ("corner_meera", 28, 5, "down"),
             # the adults ring (neighbourhood.yaml: call_help, vikram_rings, fetch_papa): the children wait outside
             # the blue gate or at their own gate, and Papa stays by the gate afterwards, where the lane sees him —
             # beside it, never in it: the gateway (20, 4) is the only way to Sunita's doorstep
             ("stall_ravi", 23, 6, "right"), ("wall_vikram", 18, 5, "up"), ("blue_gate_ravi", 20, 5, "up"),
             ("blue_gate_meera", 21, 5, "up"), ("blue_gate", 19, 5, "up"), ("home_gate_ravi", 13, 5, "right"),
             ("home_gate_meera", 14, 5, "left"), ("home_gate_amma", 12, 5, "right"),
             # after the bell everyone goes back to their place: Vikram to his bench at Bholu's, where the next goal
             # sends the player (a doorway he stayed in would wall Sunita's doorstep off)
             ("stall_vikram", 24, 6, "right"))
    return m


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default=str(ROOT), help="output root (default: project root)")
    args = ap.parse_args(argv)
    out = Path(args.out)
    tsx = out / "assets/tiles/town.tsx"
    if not tsx.exists():
        tsx = ROOT / "assets/tiles/town.tsx"
    sprites = out / "assets/sprites"
    if not (sprites / "ravi.png").exists():
        sprites = ROOT / "assets/sprites"
    pygame.init()
    ts = Tileset(tsx)
    for scene, builder, enc in (("home", build_home, "csv"), ("lane", build_lane, "base64"),
                                ("school", build_school, "csv"), ("neighbourhood", build_neighbourhood, "csv")):
        m = builder(ts)
        p = out / f"scenes/{scene}/{scene}.tmx"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(m.tmx(enc), encoding="utf-8", newline="\n")
        save(m.render(sprites), out / f"assets/preview_{scene}.png")
        print(f"wrote {p}")


if __name__ == "__main__":
    main()
