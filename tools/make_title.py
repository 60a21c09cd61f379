"""Renders assets/title.png, the title screen's backdrop: the lane outside Ravi's home, with its people.

Run after tools/make_maps.py:  python tools/make_title.py [--out DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from game.world.tilemap import SpriteSheet, TileMapView  # noqa: E402
from game.world.tmxdata import load_map_data  # noqa: E402

SIZE = (1280, 720)


def render(out: Path) -> Path:
    pygame.display.init()
    pygame.display.set_mode((64, 64))
    path = ROOT / "scenes" / "lane" / "lane.tmx"
    data, problems = load_map_data(ROOT, path)
    assert data is not None, [p.format() for p in problems]
    view = TileMapView(path)
    canvas = pygame.Surface(view.size)
    canvas.blit(view.below, (0, 0))
    t = view.tile
    people = [(o.props["character"], o.rect[0], o.rect[1], o.props.get("facing", "down"))
              for o in data.objects if o.kind == "npc"]
    # Ravi and Meera in the lane, on the right where the menu's dark band does not reach.
    people.append(("ravi", 30, 6, "right"))
    people.append(("meera", 31, 6, "left"))
    for character, x, y, facing in sorted(people, key=lambda p: p[2]):
        sheet = SpriteSheet(ROOT / "assets" / "sprites" / f"{character}.png")
        pygame.draw.ellipse(canvas, (20, 16, 20), pygame.Rect(x * t + t // 8, y * t + t - 14, t * 3 // 4, t // 4))
        canvas.blit(sheet.frame(facing), (x * t + (t - sheet.width) // 2, y * t + t - sheet.height))
    view.draw_above(canvas, (0, 0))
    # Frame the picture on the right half, where the menu does not cover it.
    cx = max(0, view.size[0] - SIZE[0])
    cy = max(0, (view.size[1] - SIZE[1]) // 2)
    shot = pygame.Surface(SIZE)
    shot.fill((40, 34, 40))
    shot.blit(canvas, (0, 0), pygame.Rect(cx, cy, *SIZE))
    out.mkdir(parents=True, exist_ok=True)
    target = out / "title.png"
    pygame.image.save(shot, str(target))
    return target


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "assets")
    print(render(parser.parse_args().out))
