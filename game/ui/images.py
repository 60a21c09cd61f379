"""Loads and scales maps, sprite sheets and portraits once, on first use (nothing is loaded at start-up)."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.content import Content
from game.world.tilemap import SpriteSheet, TileMapView

PORTRAIT_SIZE = 192


class Images:
    def __init__(self, content: Content) -> None:
        self.content = content
        self._maps: dict[str, TileMapView] = {}
        self._sheets: dict[str, SpriteSheet] = {}
        self._portraits: dict[tuple[str, str | None], pygame.Surface | None] = {}
        self._files: dict[tuple[Path, int], pygame.Surface] = {}

    def map_view(self, scene: str) -> TileMapView:
        view = self._maps.get(scene)
        if view is None:
            view = self._maps[scene] = TileMapView(self.content.scenes[scene].map_path)
        return view

    def sheet(self, character: str) -> SpriteSheet:
        sheet = self._sheets.get(character)
        if sheet is None:
            path = self.content.characters[character].sprite
            assert path is not None, "the checker guarantees map characters have sprites"
            sheet = self._sheets[character] = SpriteSheet(path)
        return sheet

    def portrait(self, character: str | None, face: str | None) -> pygame.Surface | None:
        if character is None or character not in self.content.characters:
            return None
        key = (character, face)
        if key not in self._portraits:
            path = self.content.characters[character].portrait(self.content.root, face)
            surf = None
            if path is not None and path.is_file():
                raw = pygame.image.load(str(path)).convert_alpha()
                # Nearest-neighbour keeps the pixel art crisp.
                surf = pygame.transform.scale(raw, (PORTRAIT_SIZE, PORTRAIT_SIZE))
            self._portraits[key] = surf
        return self._portraits[key]

    def picture(self, path: Path, height: int) -> pygame.Surface | None:
        key = (path, height)
        if key not in self._files:
            if not path.is_file():
                return None
            raw = pygame.image.load(str(path)).convert()
            w = round(raw.get_width() * height / raw.get_height())
            same = raw.get_size() == (w, height)  # the title picture is made at the size it is shown
            self._files[key] = raw if same else pygame.transform.smoothscale(raw, (w, height))
        return self._files[key]
