"""Tiled's JSON formats: .tmj maps and .tsj tilesets load, check and render like .tmx/.tsx.

The fixtures in tests/fixtures/tiled_json/ were exported by Tiled itself (1.8.2, Debian's package) from the shipped
home map: town.tsj by `tiled --export-tileset json assets/tiles/town.tsx town.tsj`, home.tmj by
`tiled --export-map json` of scenes/home/home.tmx with its tileset pointed at town.tsj (run with
QT_QPA_PLATFORM=offscreen). When Tiled is installed, one test exports again and compares.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.world.tmxdata import load_map_data

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "tiled_json"


def _project(tmp_path: Path) -> Path:
    """A map-only project: the shipped tileset and home map, plus the JSON ones beside them."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "assets" / "tiles", root / "assets" / "tiles")
    (root / "scenes" / "home").mkdir(parents=True)
    shutil.copy(ROOT / "scenes" / "home" / "home.tmx", root / "scenes" / "home" / "home.tmx")
    shutil.copy(FIXTURES / "home.tmj", root / "scenes" / "home" / "home.tmj")
    shutil.copy(FIXTURES / "town.tsj", root / "assets" / "tiles" / "town.tsj")
    return root


def _same(a, b) -> None:
    assert (a.width, a.height, a.tile_w, a.tile_h, a.solid) == (b.width, b.height, b.tile_w, b.tile_h, b.solid)
    assert [(o.kind, o.name, o.rect, dict(o.props)) for o in a.objects] == \
        [(o.kind, o.name, o.rect, dict(o.props)) for o in b.objects]


def test_a_map_exported_by_tiled_as_tmj_reads_like_its_tmx(tmp_path):
    root = _project(tmp_path)
    tmx, found_x = load_map_data(root, root / "scenes" / "home" / "home.tmx")
    tmj, found_j = load_map_data(root, root / "scenes" / "home" / "home.tmj")
    assert found_x == [] and found_j == []
    _same(tmx, tmj)
    assert tmj.path == "scenes/home/home.tmj"
    meera = next(o for o in tmj.objects if o.name == "meera")
    text = (root / "scenes" / "home" / "home.tmj").read_text("utf-8").splitlines()
    # positions point into the JSON: the object, and each property's own object
    assert '"id":3' in text[meera.pos.line - 1].replace(" ", "") or "{" in text[meera.pos.line - 1]
    assert text[meera.prop_pos["node"].line - 1][meera.prop_pos["node"].col - 1] == "{"
    assert '"node"' in text[meera.prop_pos["node"].line]


def _broken(tmp_path: Path, edit) -> list:
    root = _project(tmp_path)
    path = root / "scenes" / "home" / "home.tmj"
    data = json.loads(path.read_text("utf-8"))
    edit(data)
    path.write_text(json.dumps(data, indent=1), "utf-8")
    made, found = load_map_data(root, path)
    return [p.format() for p in found]


def test_mistakes_in_a_tmj_are_reported_at_their_json_position(tmp_path):
    def bad_property(data):
        obj = data["layers"][3]["objects"][2]
        obj["properties"][0]["type"] = "int"
        obj["properties"][0]["value"] = 3

    found = _broken(tmp_path / "a", bad_property)
    assert any(f.startswith("scenes/home/home.tmj:") and "property 'character' must be a string" in f
               for f in found), found

    def no_default(data):
        data["layers"][3]["objects"][0]["name"] = "front"

    found = _broken(tmp_path / "b", no_default)
    assert any("no spawn named 'default'" in f for f in found), found

    def outside(data):
        data["layers"][0]["data"] = data["layers"][0]["data"][:-1]

    found = _broken(tmp_path / "c", outside)
    assert any("tile layer 'ground' has 599 tiles, expected 30×20" in f for f in found), found

    def escape(data):
        data["tilesets"][0]["source"] = "../../../../etc/passwd.tsj"

    found = _broken(tmp_path / "d", escape)
    assert any("leaves the project's data folders" in f for f in found), found


@pytest.mark.parametrize("raw, message", [
    (b'{"type": "map", "width": 3,,}', "not valid JSON"),
    (b'{"type": "map", "width": 3, "width": 4}', "written twice"),
    (b'[1, 2]', "not a Tiled map"),
    (b'{"type": "tileset"}', "not a Tiled map"),
    (b'\xff\xfe', "not UTF-8"),
    (b'[' * 100000 + b']' * 100000, "nested too deeply"),
    (b'{"type": "map", "properties": {"a": 1}}', "old JSON format"),
])
def test_hostile_tmj_files_are_problems_never_tracebacks(tmp_path, raw, message):
    (tmp_path / "scenes").mkdir()
    path = tmp_path / "scenes" / "x.tmj"
    path.write_bytes(raw)
    made, found = load_map_data(tmp_path, path)
    assert made is None
    assert any(message in p.message for p in found), [p.format() for p in found]
    assert all(p.pos.path == "scenes/x.tmj" for p in found)


def test_a_huge_tmj_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    from game.world import tiledjson

    monkeypatch.setattr(tiledjson, "MAX_JSON_BYTES", 1000)
    (tmp_path / "scenes").mkdir()
    path = tmp_path / "scenes" / "x.tmj"
    path.write_bytes(b'{"type": "map", "pad": "' + b"x" * 2000 + b'"}')
    made, found = load_map_data(tmp_path, path)
    assert made is None and "larger than" in found[0].message


def _shot(args: list[str], out: Path, data: Path) -> bytes:
    import pygame

    env = {**os.environ, "SMALL_ACTS_DATA": str(data), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    env.pop("SMALL_ACTS_CONTENT", None)
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--screenshot", str(out), "--scene", "home.meera",
                           "--frames", "3", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return pygame.image.tobytes(pygame.image.load(str(out)), "RGB")


def test_the_game_on_a_tmj_map_looks_the_same_as_on_its_tmx(tmp_path):
    """The .tmj and .tsj arrive through a facilitators' content folder, with a scene.yaml naming the .tmj."""
    own = tmp_path / "own"
    (own / "scenes" / "home").mkdir(parents=True)
    (own / "assets" / "tiles").mkdir(parents=True)
    shutil.copy(FIXTURES / "home.tmj", own / "scenes" / "home" / "home.tmj")
    shutil.copy(FIXTURES / "town.tsj", own / "assets" / "tiles" / "town.tsj")
    scene = (ROOT / "scenes" / "home" / "scene.yaml").read_text("utf-8").replace("home.tmx", "home.tmj")
    (own / "scenes" / "home" / "scene.yaml").write_text(scene, "utf-8")
    as_tmx = _shot([], tmp_path / "tmx.png", tmp_path / "data")
    as_tmj = _shot(["--content", str(own)], tmp_path / "tmj.png", tmp_path / "data")
    assert as_tmj == as_tmx


def test_an_exit_to_a_scene_whose_map_is_broken_is_not_called_a_missing_folder(tmp_path):
    from game.content import load_content

    root = tmp_path / "p"
    for name in ("scenes", "assets", "dialogue"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    (root / "scenes" / "home" / "home.tmj").write_text('{"type": "map",', "utf-8")
    scene = root / "scenes" / "home" / "scene.yaml"
    scene.write_text(scene.read_text("utf-8").replace("home.tmx", "home.tmj"), "utf-8")
    content, found, _ = load_content(root)
    messages = [p.format() for p in found]
    assert content is None
    assert any(m.startswith("scenes/home/home.tmj:1:") for m in messages), messages
    assert not any("has no folder" in m for m in messages), messages


@pytest.mark.skipif(shutil.which("tiled") is None, reason="Tiled is not installed (the committed fixture is used)")
def test_tiled_itself_exports_what_the_fixture_holds(tmp_path):
    root = _project(tmp_path)
    tmx = root / "scenes" / "home" / "home_j.tmx"
    tmx.write_text((root / "scenes" / "home" / "home.tmx").read_text("utf-8").replace("town.tsx", "town.tsj"),
                   "utf-8")
    out = root / "scenes" / "home" / "fresh.tmj"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run(["tiled", "--export-map", "json", str(tmx), str(out)], env=env, capture_output=True, timeout=120,
                   check=True)
    fresh, found = load_map_data(root, out)
    fixture, _ = load_map_data(root, root / "scenes" / "home" / "home.tmj")
    assert found == []
    _same(fresh, fixture)


def test_a_tmj_over_the_size_limits_is_refused_before_pytmx_sees_it(tmp_path):
    from game.world.tmxdata import size_problems

    path = tmp_path / "big.tmj"
    path.write_text(json.dumps({"type": "map", "width": 100000, "height": 100000, "tilewidth": 16,
                                "tileheight": 16, "layers": []}), "utf-8")
    found = size_problems(path)
    assert found and found[0].pos.line == 1, found
    made, problems = load_map_data(tmp_path, path)
    assert made is None and any(p.message == found[0].message for p in problems)
