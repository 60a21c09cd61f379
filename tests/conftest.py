"""Test set-up: headless SDL before anything imports pygame."""

import os
import sys
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


import pytest  # noqa: E402


@pytest.fixture(scope="session")
def display():
    """The one game window for the whole test run, at the logical size (1280×720)."""
    import pygame

    from game.ui.display import Display

    pygame.display.init()
    pygame.font.init()
    return Display()


@pytest.fixture(scope="session")
def content(display):
    """The shipped content in English, loaded once for the whole run (it is immutable)."""
    from game.content import load_content
    from game.paths import project_root

    loaded, problems, _ = load_content(project_root())
    assert loaded is not None, [p.format() for p in problems]
    return loaded
