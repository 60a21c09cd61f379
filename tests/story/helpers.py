"""Build a tiny dialogue folder from inline YAML."""

from __future__ import annotations

import textwrap
from pathlib import Path

from game.story.problems import Problem


def dedent(text: str) -> bytes:
    return textwrap.dedent(text).lstrip("\n").encode("utf-8")


def write_files(root: Path, files: dict[str, str]) -> None:
    folder = root / "dialogue" / "en"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_bytes(dedent(text))


def formatted(problems: list[Problem]) -> list[str]:
    return sorted(p.format() for p in problems)


