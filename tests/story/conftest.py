"""Fixtures for story tests."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from game.story.loader import load_story
from game.story.model import Story

from .helpers import formatted, write_files


@pytest.fixture
def story_from(tmp_path: Path) -> Callable[..., Story]:
    """Load a story that must have no errors (warnings allowed)."""
    def build(files: dict[str, str], **kwargs) -> Story:
        write_files(tmp_path, files)
        story, problems, _ = load_story(tmp_path, **kwargs)
        assert story is not None, formatted(problems)
        return story
    return build


@pytest.fixture
def problems_of(tmp_path: Path) -> Callable[..., list[str]]:
    def build(files: dict[str, str], **kwargs) -> list[str]:
        write_files(tmp_path, files)
        _, problems, _ = load_story(tmp_path, **kwargs)
        return formatted(problems)
    return build
