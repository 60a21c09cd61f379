"""Generate the Tiled maps (TMX) for Small Acts from readable layouts (deterministic).

    python tools/make_maps.py [--out DIR]

Reads the tileset DIR/assets/tiles/town.tsx (falls back to the project's own) and writes:
    scenes/home/home.tmx   CSV layer encoding
    scenes/lane/lane.tmx   base64 + zlib layer encoding
    assets/preview_home.png, assets/preview_lane.png   the whole map rendered at 2x with NPCs placed
"""

from __future__ import annotations

import argparse
import base64
import struct
import sys
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path
from xml.sax.saxutils import quoteattr

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _pixel import pygame, surf, scale, save  # noqa: E402

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
            out.append(f'  <object id="{oid}" name={quoteattr(o["name"])} type="{o["type"]}" '
                       f'x="{o["x"]}" y="{o["y"]}" width="{o["w"]}" height="{o["h"]}">')
            out.append('   <properties>')
            for k, v in o["props"].items():
                if isinstance(v, bool):
                    out.append(f'    <property name="{k}" type="bool" value="{"true" if v else "false"}"/>')
                else:
                    out.append(f'    <property name="{k}" type="string" value={quoteattr(str(v))}/>')
            out.append('   </properties>')
            out.append('  </object>')
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
    for scene, builder, enc in (("home", build_home, "csv"), ("lane", build_lane, "base64")):
        m = builder(ts)
        p = out / f"scenes/{scene}/{scene}.tmx"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(m.tmx(enc), encoding="utf-8", newline="\n")
        save(m.render(sprites), out / f"assets/preview_{scene}.png")
        print(f"wrote {p}")


if __name__ == "__main__":
    main()
