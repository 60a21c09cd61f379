"""`python main.py --map PATH.tmx`: walk around any Tiled map, without a story."""

from __future__ import annotations

import subprocess
import sys

import pygame
import pytest

from game.content import load_content
from game.mapview import MapWalkScreen, read_map
from game.paths import project_root
from game.settings import Settings
from game.ui.app import App
from game.ui.context import Context
from game.ui.world import WorldScreen

ROOT = project_root()
LANE = ROOT / "scenes" / "lane" / "lane.tmx"
DT = 1 / 60


def run(*args: str):
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)


def not_blank(path) -> bool:
    image = pygame.image.load(str(path))
    w, h = image.get_size()
    colours = {tuple(image.get_at((x, y))) for x in range(0, w, 37) for y in range(0, h, 23)}
    return len(colours) > 20


def loose_copy(tmp_path, extra_object: str = ""):
    """lane.tmx outside the project, with no scene.yaml or dialogue, pointing at the shared tileset."""
    text = LANE.read_text(encoding="utf-8")
    text = text.replace('source="../../assets/tiles/town.tsx"', f'source="{(ROOT / "assets/tiles/town.tsx").as_posix()}"')
    text = text.replace(" </objectgroup>", extra_object + " </objectgroup>")
    out = tmp_path / "elsewhere" / "street.tmx"
    out.parent.mkdir()
    out.write_text(text, encoding="utf-8")
    return out


def test_map_of_a_scene_renders_headless(tmp_path):
    shot = tmp_path / "lane.png"
    done = run("--screenshot", str(shot), "--map", "scenes/lane/lane.tmx", "--frames", "5")
    assert done.returncode == 0, done.stderr
    assert not_blank(shot)


def test_a_loose_map_with_an_unknown_object_type_warns_and_renders(tmp_path):
    tmx = loose_copy(tmp_path, '  <object id="90" name="lamp" type="lamp_post" x="16" y="160" width="16" height="16"/>\n'
                               '  <object id="91" name="stranger" type="npc" x="96" y="96" width="16" height="16">\n'
                               '   <properties><property name="character" value="nobody_known"/></properties>\n'
                               '  </object>\n')
    shot = tmp_path / "street.png"
    done = run("--screenshot", str(shot), "--map", str(tmx), "--frames", "5", "--keys", "down,down,right")
    assert done.returncode == 0, done.stderr
    assert "unknown type 'lamp_post'" in done.stderr
    assert "nobody_known" in done.stderr
    assert not_blank(shot)


def test_not_a_map_exits_2(tmp_path):
    done = run("--screenshot", str(tmp_path / "x.png"), "--map", str(tmp_path / "missing.tmx"))
    assert done.returncode == 2
    assert "--map" in done.stderr
    broken = tmp_path / "broken.tmx"
    broken.write_text("<map", encoding="utf-8")
    done = run("--screenshot", str(tmp_path / "x.png"), "--map", str(broken))
    assert done.returncode == 2 and "could not be read" in done.stderr


@pytest.fixture()
def ctx(display, tmp_path):
    content, problems, _ = load_content(ROOT)
    assert content is not None, [p.format() for p in problems]
    made = Context.create(ROOT, content, Settings(), tmp_path)
    made.display = display
    return made


def key(app: App, code: int) -> None:
    app.step([pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0)], DT)
    app.step([pygame.event.Event(pygame.KEYUP, key=code, mod=0, unicode="", scancode=0)], DT)
    for _ in range(20):
        app.step([], DT)


def test_walking_and_talking_to_someone_without_dialogue(ctx, tmp_path):
    warnings: list[str] = []
    tmx = loose_copy(tmp_path, '  <object id="90" type="lamp_post" x="16" y="160" width="16" height="16"/>\n')
    info = read_map(tmx, warnings.append)
    assert any("lamp_post" in w for w in warnings)
    assert {o.kind for o in info.objects} == {"spawn", "npc", "exit"}
    screen = MapWalkScreen(ctx, tmx, info)
    app = App(ctx, screen, ctx.display)
    app.step([], DT)
    start = screen.tile
    assert start == info.objects[0].tile  # the 'default' spawn
    key(app, pygame.K_DOWN)
    assert screen.tile == (start[0], start[1] + 1)
    # Walk next to the neighbour and talk: nothing opens, nothing breaks.
    neighbour = next(n for n in screen.npcs if n.character == "neighbour")
    screen.tile = screen.last_tile = (neighbour.tile[0] + 1, neighbour.tile[1])
    key(app, pygame.K_LEFT)  # blocked by her: only turns
    assert screen.tile == (neighbour.tile[0] + 1, neighbour.tile[1]) and screen.facing == "left"
    key(app, pygame.K_SPACE)
    assert app.top is screen and isinstance(app.top, WorldScreen)
    assert neighbour.facing == "right"  # she turns to look, that is all
    # Exits do nothing either: the map never changes.
    assert screen.session is None
