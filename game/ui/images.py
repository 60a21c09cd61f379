"""Loads and scales maps, sprite sheets and portraits once, on first use (nothing is loaded at start-up)."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.content import Content
from game.ui.picture import at_height
from game.ui.theme import LOGICAL_SIZE
from game.world.tilemap import SpriteSheet, TileMapView

PORTRAIT_SIZE = 192


MAP_VIEWS_KEPT = 2  # the scene the player is in and the one they came from


class Images:
    def __init__(self, content: Content) -> None:
        self.content = content
        self._maps: dict[str, TileMapView] = {}
        self._sheets: dict[str, SpriteSheet] = {}
        self._portraits: dict[tuple[str, str | None], pygame.Surface | None] = {}
        self._files: dict[tuple[Path, int], pygame.Surface] = {}
        self._dusk: pygame.Surface | None = None

    def dusk(self) -> pygame.Surface:
        """The backdrop of every card between scenes (chapter end, survey, pause point, join): dusk blue with a soft
        warm glow in the middle, like lamplight. Made once."""
        if self._dusk is None:
            small = pygame.Surface((64, 36))
            for y in range(36):
                for x in range(64):
                    d = min(1.0, (((x - 31.5) / 34) ** 2 + ((y - 17.5) / 22) ** 2) ** 0.5)
                    k = (1 - d) ** 1.6
                    small.set_at((x, y), (int(38 + 92 * k), int(30 + 62 * k), int(52 + 30 * k)))
            self._dusk = pygame.transform.smoothscale(small, LOGICAL_SIZE).convert()
        return self._dusk

    def map_view(self, scene: str) -> TileMapView:
        """The drawn map of a scene. Only the last MAP_VIEWS_KEPT stay in memory (each is megabytes of pixels): walking
        back through a door is instant, a scene left long ago is drawn again (tens of milliseconds, behind a fade)."""
        view = self._maps.pop(scene, None)
        if view is None:
            view = TileMapView(self.content.scenes[scene].map_path)
        for other in self._maps.values():
            other.release()  # only the map on screen keeps its zoomed pixels
        self._maps[scene] = view  # the newest last
        while len(self._maps) > MAP_VIEWS_KEPT:
            del self._maps[next(iter(self._maps))]
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
            self._files[key] = at_height(path, height)
        return self._files[key]
