"""The generated art and maps: sizes, completeness, map objects, reachability, reproducibility."""

import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import deque
from pathlib import Path

import pygame
import pytest
import pytmx
import yaml

ROOT = Path(__file__).resolve().parent.parent
CAST = yaml.safe_load((ROOT / "scenes/characters.yaml").read_text(encoding="utf-8"))
CHARACTERS = list(CAST)
FACES = ["neutral", "happy", "worried", "sad", "surprised", "angry"]
# Background classmates never speak: a sprite, no portraits.
CLASSMATES = [f"classmate_{i}" for i in "abcdef"]
NAMED = [cid for cid in CHARACTERS if cid not in CLASSMATES]
# every map of every scene folder (scenes/<scene>/*.tmx)
MAPS = {p.parent.name if p.stem == p.parent.name else f"{p.parent.name}/{p.stem}": p
        for p in sorted(ROOT.glob("scenes/*/*.tmx"))}
REQUIRED = {"spawn": {"facing"}, "npc": {"character", "node", "facing"}, "trigger": {"node", "once"},
            "exit": {"to", "spawn"}, "thing": {"node"}, "point": set()}
FACINGS = {"down", "up", "left", "right"}


@pytest.fixture(scope="module", autouse=True)
def _pygame(display):
    # The session's one window (conftest): a window of another size here would break every later test that draws.
    yield


def test_the_cast_is_complete():
    assert {"ravi", "meera", "amma", "papa", "shopkeeper", "neighbour", "dadi", "bua", "iqbal", "priya", "kabir",
            "arjun", "vikram", "sunita", "manoj", "rekha", "chaiwala", "loiterer", *CLASSMATES} <= set(CAST)
    for cid, entry in CAST.items():
        assert entry["sprite"] == f"sprites/{cid}.png", cid
        assert entry["portraits"] == ([] if cid in CLASSMATES else FACES), cid
        col = entry["color"]
        assert isinstance(col, str) and len(col) == 7 and col[0] == "#", cid
        # white name text on the tag must stay readable (WCAG contrast >= 4.5)
        lin = [(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
               for c in (int(col[i:i + 2], 16) / 255 for i in (1, 3, 5))]
        lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
        assert 1.05 / (lum + 0.05) >= 4.5, (cid, col)


@pytest.mark.parametrize("cid", CHARACTERS)
def test_sprite_sheet_has_walk_and_idle_frames(cid):
    """Five columns (stand, step-a, step-b, breathe, blink) by four rows (down, left, right, up) of 16×24."""
    sheet = pygame.image.load(str(ROOT / "assets" / CAST[cid]["sprite"]))
    assert sheet.get_size() == (80, 96)
    for row in range(4):
        for col in range(5):
            frame = sheet.subsurface((col * 16, row * 24, 16, 24))
            opaque = sum(1 for y in range(24) for x in range(16) if frame.get_at((x, y)).a > 0)
            assert opaque > 40, (cid, row, col)
            assert frame.get_at((0, 0)).a == 0  # transparent background


def _frame(cid, row, col):
    return pygame.image.load(str(ROOT / "assets" / CAST[cid]["sprite"])).subsurface((col * 16, row * 24, 16, 24))


def _difference(a, b) -> float:
    """Share of the pixels either frame covers that differ clearly (alpha, or a colour step a player sees)."""
    covered = differ = 0
    for y in range(24):
        for x in range(16):
            pa, pb = a.get_at((x, y)), b.get_at((x, y))
            if pa.a == 0 and pb.a == 0:
                continue
            covered += 1
            differ += pa.a != pb.a or sum(abs(pa[i] - pb[i]) for i in range(3)) > 60
    return differ / covered


def test_every_named_character_is_told_apart_at_a_glance():
    """Standing, from the front, the side and the back, every two named people differ in a good share of their
    pixels (hair, clothes, height, colour): no two look alike from any side (Ravi, Kabir and Arjun used to differ in
    2 % seen from behind)."""
    frames = {cid: [_frame(cid, row, 0) for row in (0, 2, 3)] for cid in NAMED}
    close = []
    for i, a in enumerate(NAMED):
        for b in NAMED[i + 1:]:
            worst = min(_difference(fa, fb) for fa, fb in zip(frames[a], frames[b]))
            if worst < 0.3:
                close.append((a, b, round(worst, 2)))
    assert not close, close


def test_adults_stand_taller_than_children():
    def top(cid):
        f = _frame(cid, 0, 0)
        # the first row as wide as a head (a curl or a cap's outline above it does not count)
        return next(y for y in range(24) if sum(f.get_at((x, y)).a > 0 for x in range(16)) >= 6)
    adults = ["papa", "iqbal", "amma", "bua", "vikram", "manoj", "shopkeeper"]
    children = ["ravi", "meera", "priya", "arjun"]
    assert max(top(a) for a in adults) < min(top(c) for c in children)
    assert top("dadi") > top("amma")  # Dadi stoops
    assert top("arjun") > top("kabir")  # the three boys differ in height too


@pytest.mark.parametrize("cid", CHARACTERS)
def test_idle_frames_differ_from_standing_but_only_a_little(cid):
    """A breath or a blink, not a new pose: the picture changes, the outline moves by a few pixels at most and the
    feet stay where they are."""
    for row in range(4):
        stand = _frame(cid, row, 0)
        for col in (3, 4):
            idle = _frame(cid, row, col)
            assert _difference(stand, idle) > 0, (cid, row, col)
            moved = sum((stand.get_at((x, y)).a > 0) != (idle.get_at((x, y)).a > 0)
                        for y in range(24) for x in range(16))
            assert moved <= 36, (cid, row, col, moved)
            assert all(stand.get_at((x, y)) == idle.get_at((x, y)) for y in (22, 23) for x in range(16)), (cid, row)


@pytest.mark.parametrize("cid", NAMED)
@pytest.mark.parametrize("face", FACES)
def test_portrait_exists(cid, face):
    p = ROOT / f"assets/portraits/{cid}/{face}.png"
    assert p.exists()
    assert pygame.image.load(str(p)).get_size() == (48, 48)


def test_portrait_expressions_differ():
    seen = {}
    for cid in NAMED:
        blobs = {pygame.image.tobytes(pygame.image.load(str(ROOT / f"assets/portraits/{cid}/{f}.png")), "RGBA")
                 for f in FACES}
        assert len(blobs) == len(FACES), cid
        for b in blobs:  # and no two characters share a face
            assert b not in seen, (cid, seen.get(b))
            seen[b] = cid


def test_sprite_sheets_differ():
    blobs = {pygame.image.tobytes(pygame.image.load(str(ROOT / f"assets/sprites/{cid}.png")), "RGBA")
             for cid in CHARACTERS}
    assert len(blobs) == len(CHARACTERS)


def test_tileset_is_well_formed():
    root = ET.parse(ROOT / "assets/tiles/town.tsx").getroot()
    assert root.get("tilewidth") == "16" and root.get("tileheight") == "16" and root.get("columns") == "16"
    assert root.find("image").get("source") == "town.png"
    names = [p.get("value") for p in root.iter("property") if p.get("name") == "name"]
    assert len(names) == len(set(names)) == int(root.get("tilecount"))
    img = pygame.image.load(str(ROOT / "assets/tiles/town.png"))
    assert img.get_width() == 256 and img.get_height() >= 16 * ((len(names) + 15) // 16)


def _solid_grid(tmx):
    solid = [[False] * tmx.width for _ in range(tmx.height)]
    for layer in tmx.visible_layers if False else tmx.layers:
        if not isinstance(layer, pytmx.TiledTileLayer):
            continue
        for x, y, gid in layer:
            if not gid:
                continue
            props = tmx.get_tile_properties_by_gid(gid) or {}
            if props.get("solid") is True or layer.name == "collision":
                solid[y][x] = True
    return solid


def _tiles_of(obj):
    x0, y0 = int(obj.x) // 16, int(obj.y) // 16
    w = max(1, int(round((obj.width or 16) / 16)))
    h = max(1, int(round((obj.height or 16) / 16)))
    return {(x0 + i, y0 + j) for i in range(w) for j in range(h)}


@pytest.mark.parametrize("scene", sorted(MAPS))
def test_map_loads_and_is_consistent(scene):
    path = MAPS[scene]
    tmx = pytmx.TiledMap(str(path))
    assert tmx.tilewidth == 16 and tmx.tileheight == 16
    # only the external shared tileset
    ts = ET.parse(path).getroot().findall("tileset")
    assert len(ts) == 1 and ts[0].get("source") == "../../assets/tiles/town.tsx"
    assert [l.name for l in tmx.layers if isinstance(l, pytmx.TiledTileLayer)] == ["ground", "decor", "above"]
    objs = list(tmx.get_layer_by_name("objects"))
    for o in objs:
        assert o.type in REQUIRED, (o.name, o.type)
        missing = REQUIRED[o.type] - set(o.properties)
        assert not missing, (o.name, missing)
        if "facing" in o.properties:
            assert o.properties["facing"] in FACINGS
        if o.type == "trigger":
            assert isinstance(o.properties["once"], bool)
        if o.type == "npc":
            assert o.properties["character"] in CAST, (o.name, o.properties["character"])
        for key in ("node", "if", "character", "to", "spawn"):
            if key in o.properties:
                assert isinstance(o.properties[key], str) and o.properties[key], (o.name, key)
    spawns = [o for o in objs if o.type == "spawn"]
    assert "default" in [o.name for o in spawns]

    # reachability from the default spawn over non-solid tiles
    solid = _solid_grid(tmx)
    start = next(iter(_tiles_of(next(o for o in spawns if o.name == "default"))))
    assert not solid[start[1]][start[0]]
    seen, q = {start}, deque([start])
    while q:
        x, y = q.popleft()
        for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
            if 0 <= nx < tmx.width and 0 <= ny < tmx.height and (nx, ny) not in seen and not solid[ny][nx]:
                seen.add((nx, ny))
                q.append((nx, ny))
    for o in objs:
        tiles = _tiles_of(o)
        if o.type == "npc":
            (x, y), = tiles
            adj = {(x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)}
            assert adj & seen, f"{scene}: npc {o.name} unreachable"
        elif o.type == "thing":  # faced from a walkable tile next to it
            adj = {(x + dx, y + dy) for (x, y) in tiles for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1))} - tiles
            assert adj & seen, f"{scene}: thing {o.name} unreachable"
        elif o.type in ("trigger", "exit", "spawn", "point"):  # a staged walk can reach every point
            assert tiles & seen, f"{scene}: {o.type} {o.name} unreachable"
    # npcs stand on a walkable tile, and no two on the same one
    npc_tiles = [next(iter(_tiles_of(o))) for o in objs if o.type == "npc"]
    assert len(npc_tiles) == len(set(npc_tiles)), scene
    for (x, y) in npc_tiles:
        assert not solid[y][x], (scene, x, y)
    # every walkable tile is reachable (no sealed-off pockets)
    walkable = {(x, y) for y in range(tmx.height) for x in range(tmx.width) if not solid[y][x]}
    assert walkable <= seen, sorted(walkable - seen)[:10]


def test_every_scene_has_its_map():
    for folder in sorted(p for p in (ROOT / "scenes").iterdir() if p.is_dir()):
        manifest = yaml.safe_load((folder / "scene.yaml").read_text(encoding="utf-8"))
        assert (folder / manifest["map"]).exists(), folder.name
    assert {"home", "lane", "school", "neighbourhood"} <= set(MAPS)


def test_maps_load_with_images():
    from pytmx.util_pygame import load_pygame
    for path in MAPS.values():
        tmx = load_pygame(str(path))
        assert tmx.get_tile_image(0, 0, 0) is not None


def test_map_objects():
    home = pytmx.TiledMap(str(MAPS["home"]))
    objs = {o.name: o for o in home.get_layer_by_name("objects")}
    assert objs["meera"].properties["node"] == "meera"
    assert objs["amma"].properties["node"] == "amma"
    assert "papa" not in objs
    assert objs["to_lane"].properties["to"] == "lane" and objs["to_lane"].properties["spawn"] == "from_home"
    lane = pytmx.TiledMap(str(MAPS["lane"]))
    lobjs = {o.name: o for o in lane.get_layer_by_name("objects")}
    assert {"default", "from_home", "shopkeeper", "neighbour"} <= set(lobjs)
    exits = [o for o in lobjs.values() if o.type == "exit"]
    assert exits and exits[0].properties["to"] == "home" and exits[0].properties["spawn"] == "from_lane"
    # dadi was added last, so the older objects keep their ids (saves remember fired triggers by id)
    assert objs["dadi"].properties["character"] == "dadi" and objs["dadi"].properties["facing"] == "down"
    assert max(o.id for o in objs.values() if o.type != "point") == objs["dadi"].id  # points came after her
    assert [objs[n].id for n in ("default", "from_lane", "meera", "amma", "courtyard_first", "study_desk",
                                 "to_lane")] == [1, 2, 3, 4, 5, 6, 7]


def _objects(scene):
    tmx = pytmx.TiledMap(str(MAPS[scene]))
    return {o.name: o for o in tmx.get_layer_by_name("objects")}


def test_school_objects():
    o = _objects("school")
    assert o["default"].type == "spawn" and o["default"].properties["facing"] == "up"
    for name in ("iqbal", "priya", "kabir", "arjun"):
        assert o[name].type == "npc" and o[name].properties["character"] == name
        assert o[name].properties["node"] == name
    assert o["iqbal"].properties["facing"] == "down"
    for name, node in (("classroom", "team_list"), ("playground", "cricket"), ("corridor", "phone")):
        assert o[name].type == "trigger" and o[name].properties["node"] == node and o[name].properties["once"] is True
    assert o["corridor"].properties["if"] == "visits(team_list) > 0"
    assert o["blackboard"].type == "thing" and o["blackboard"].properties["node"] == "blackboard"
    assert o["notice_board"].type == "thing" and o["notice_board"].properties["node"] == "notice_board"


def test_neighbourhood_objects():
    o = _objects("neighbourhood")
    assert o["default"].type == "spawn" and o["default"].properties["facing"] == "down"
    for name, character in (("vikram", "vikram"), ("chaiwala", "chaiwala"), ("kavita", "neighbour"),
                            ("rekha", "rekha"), ("loiterers", "loiterer"), ("sunita", "sunita")):
        assert o[name].type == "npc" and o[name].properties["character"] == character, name
        assert o[name].properties["node"] == name
    assert o["sunita"].properties["if"] == "checked_in"
    assert o["doorbell"].type == "thing" and o["doorbell"].properties["node"] == "doorbell"
    assert o["wall"].type == "trigger" and o["wall"].properties["node"] == "voices"
    assert o["market_road"].properties["node"] == "market_road"
    assert o["market_road"].properties["if"] == "visits(voices) > 0"


def test_things_cover_solid_tiles():
    """A thing is looked at, not walked into: its area lies over solid tiles (the blackboard, the door)."""
    for scene in MAPS:
        tmx = pytmx.TiledMap(str(MAPS[scene]))
        solid = _solid_grid(tmx)
        for o in tmx.get_layer_by_name("objects"):
            if o.type == "thing":
                assert all(solid[y][x] for (x, y) in _tiles_of(o)), (scene, o.name)


def test_generators_are_reproducible(tmp_path):
    for script in ("make_art.py", "make_maps.py"):
        subprocess.run([sys.executable, str(ROOT / "tools" / script), "--out", str(tmp_path)], check=True,
                       capture_output=True)
    produced = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert len(produced) > 40
    for p in produced:
        rel = p.relative_to(tmp_path)
        assert (ROOT / rel).read_bytes() == p.read_bytes(), f"{rel} differs from the committed output"
