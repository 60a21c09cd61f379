"""The generated art and maps: sizes, completeness, map objects, reachability, reproducibility."""

import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import deque
from pathlib import Path

import pygame
import pytest
import pytmx

ROOT = Path(__file__).resolve().parent.parent
CHARACTERS = ["ravi", "meera", "amma", "papa", "shopkeeper", "neighbour"]
FACES = ["neutral", "happy", "worried", "sad", "surprised", "angry"]
MAPS = {"home": ROOT / "scenes/home/home.tmx", "lane": ROOT / "scenes/lane/lane.tmx"}
REQUIRED = {"spawn": {"facing"}, "npc": {"character", "node", "facing"}, "trigger": {"node", "once"},
            "exit": {"to", "spawn"}}
FACINGS = {"down", "up", "left", "right"}


@pytest.fixture(scope="module", autouse=True)
def _pygame():
    pygame.init()
    pygame.display.set_mode((1, 1))
    yield


@pytest.mark.parametrize("cid", CHARACTERS)
def test_sprite_sheet_has_twelve_frames(cid):
    sheet = pygame.image.load(str(ROOT / f"assets/sprites/{cid}.png"))
    assert sheet.get_size() == (48, 96)
    for row in range(4):
        for col in range(3):
            frame = sheet.subsurface((col * 16, row * 24, 16, 24))
            opaque = sum(1 for y in range(24) for x in range(16) if frame.get_at((x, y)).a > 0)
            assert opaque > 40, (cid, row, col)
            assert frame.get_at((0, 0)).a == 0  # transparent background


@pytest.mark.parametrize("cid", CHARACTERS)
@pytest.mark.parametrize("face", FACES)
def test_portrait_exists(cid, face):
    p = ROOT / f"assets/portraits/{cid}/{face}.png"
    assert p.exists()
    assert pygame.image.load(str(p)).get_size() == (48, 48)


def test_portrait_expressions_differ():
    for cid in CHARACTERS:
        blobs = {pygame.image.tobytes(pygame.image.load(str(ROOT / f"assets/portraits/{cid}/{f}.png")), "RGBA")
                 for f in FACES}
        assert len(blobs) == len(FACES), cid


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
        elif o.type in ("trigger", "exit", "spawn"):
            assert tiles & seen, f"{scene}: {o.type} {o.name} unreachable"
    # every walkable tile is reachable (no sealed-off pockets)
    walkable = {(x, y) for y in range(tmx.height) for x in range(tmx.width) if not solid[y][x]}
    assert walkable <= seen, sorted(walkable - seen)[:10]


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


def test_generators_are_reproducible(tmp_path):
    for script in ("make_art.py", "make_maps.py"):
        subprocess.run([sys.executable, str(ROOT / "tools" / script), "--out", str(tmp_path)], check=True,
                       capture_output=True)
    produced = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert len(produced) > 40
    for p in produced:
        rel = p.relative_to(tmp_path)
        assert (ROOT / rel).read_bytes() == p.read_bytes(), f"{rel} differs from the committed output"
