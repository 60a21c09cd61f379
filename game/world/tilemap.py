"""Draws a Tiled map: layers pre-rendered once at the world zoom, so a frame is one blit plus the few 'above' tiles."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytmx
from pytmx.util_pygame import pygame_image_loader

from game.world.tiledjson import load_pytmx

ZOOM = 3  # 16-pixel art shown as 48-pixel tiles


class TileMapView:
    """The 'below' layers are drawn once at the art's own size (``small``) and zoomed in one step: nearest-neighbour
    zooming a whole picture gives exactly the pixels of zooming each tile, at a ninth of the work. Only the map on
    screen keeps its zoomed pixels (megabytes); a map left behind keeps the small picture and zooms it again, in a few
    milliseconds, when the player comes back (``release``)."""

    def __init__(self, path: Path) -> None:
        tmx = load_pytmx(path, pygame_image_loader)  # .tmx or .tmj
        self.cols, self.rows = tmx.width, tmx.height
        art = tmx.tilewidth
        self.tile = art * ZOOM
        self.size = (self.cols * self.tile, self.rows * self.tile)
        self.small = pygame.Surface((self.cols * art, self.rows * art)).convert()
        self.small.fill((40, 34, 40))
        # 'above' layers (tree tops, lintels) are kept as separate tiles, culled to the view when drawn.
        self.above: list[tuple[pygame.Surface, tuple[int, int]]] = []
        scaled: dict[int, pygame.Surface] = {}
        for layer in tmx.visible_layers:
            if not isinstance(layer, pytmx.TiledTileLayer) or layer.name == "collision":
                continue
            for x, y, image in layer.tiles():
                if layer.name == "above":
                    key = id(image)
                    big = scaled.get(key)
                    if big is None:
                        big = scaled[key] = pygame.transform.scale(image, (self.tile, self.tile))
                    self.above.append((big, (x * self.tile, y * self.tile)))
                elif image.get_size() == (art, art):
                    self.small.blit(image, (x * art, y * art))
                else:  # a tile of another size than the map's grid: placed as Tiled places it, at its own scale
                    self.small.blit(pygame.transform.scale(image, (art, art)), (x * art, y * art))
        self._below: pygame.Surface | None = None

    @property
    def below(self) -> pygame.Surface:
        if self._below is None:
            self._below = pygame.transform.scale(self.small, self.size)
        return self._below

    def release(self) -> None:
        """Forget the zoomed pixels until the map is drawn again (a map the player has left)."""
        self._below = None

    def draw_below(self, surface: pygame.Surface, camera: tuple[int, int]) -> None:
        cx, cy = camera
        surface.blit(self.below, (-cx, -cy))

    def draw_above(self, surface: pygame.Surface, camera: tuple[int, int]) -> None:
        cx, cy = camera
        w, h = surface.get_size()
        t = self.tile
        surface.blits([(img, (x - cx, y - cy)) for img, (x, y) in self.above
                       if -t < x - cx < w and -t < y - cy < h], doreturn=False)


class SpriteSheet:
    """A character's walk sheet: 4 rows (down, left, right, up) of 3 columns (stand, step-a, step-b), or of 5 columns
    where the last two are the idle animation (breathe, blink). Frames are 2:3 (16×24 in the shipped art), so a sheet
    five frames wide is exactly 10/3 of its frame height; any other width is read as three columns, so a facilitator's
    plain walk sheet keeps working (its characters simply stand still)."""

    ROWS = {"down": 0, "left": 1, "right": 2, "up": 3}
    IDLE = ("breathe", "blink")  # columns 3 and 4 of a five-column sheet

    def __init__(self, path: Path) -> None:
        sheet = pygame.image.load(str(path)).convert_alpha()
        fh = sheet.get_height() // 4
        columns = 5 if sheet.get_width() * 3 == fh * 10 else 3
        fw = sheet.get_width() // columns
        self.frames = {
            (facing, col): pygame.transform.scale(sheet.subsurface((col * fw, row * fh, fw, fh)), (fw * ZOOM, fh * ZOOM))
            for facing, row in self.ROWS.items() for col in range(columns)
        }
        self.width, self.height = fw * ZOOM, fh * ZOOM
        self.has_idle = columns == 5

    def frame(self, facing: str, col: int = 0) -> pygame.Surface:
        return self.frames[(facing, col)]

    def idle(self, facing: str, pose: str | None) -> pygame.Surface:
        """The standing frame, or one of the idle poses ('breathe', 'blink') when the sheet has them."""
        if pose is None or not self.has_idle:
            return self.frames[(facing, 0)]
        return self.frames[(facing, 3 + self.IDLE.index(pose))]
