"""A picture file scaled to a height, for the title (game/ui/images.py) and the first frame (game/play.py): one small
module, so the first frame can show the picture without importing the rest of the game."""

from __future__ import annotations

from pathlib import Path

import pygame


def at_height(path: Path, height: int) -> pygame.Surface:
    """The picture ``height`` pixels high, its width in proportion; raises pygame.error or OSError for a file that
    is missing or not a picture."""
    raw = pygame.image.load(str(path)).convert()
    w = round(raw.get_width() * height / max(1, raw.get_height()))
    if raw.get_size() == (w, height):  # the title picture is made at the size it is shown
        return raw
    return pygame.transform.smoothscale(raw, (w, height))
