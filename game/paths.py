"""Where the project's files live, and the rule that content may not point outside them."""

from __future__ import annotations

import sys
from pathlib import Path

# Folders content may reference. A map's tileset or a manifest's map must resolve inside one of these, so a shared
# scenario file can never make the game read (or a checker report on) arbitrary files on a lab PC.
DATA_FOLDERS = ("scenes", "assets", "dialogue")


DATA_PACKAGE = "small_acts_data"  # the shipped content inside a wheel or a one-folder build (setup.py makes it)


def checkout_root() -> Path | None:
    """The repository this code runs from (developer mode), or None when the game is installed or frozen."""
    here = Path(__file__).resolve().parent.parent
    return here if (here / "scenes" / "game.yaml").is_file() and (here / "dialogue").is_dir() else None


def project_root() -> Path:
    """The shipped content: the checkout itself, else the ``small_acts_data`` package (an installed wheel or a
    one-folder build). Facilitators' own files are layered over it by game/contentdir.py."""
    checkout = checkout_root()
    if checkout is not None:
        return checkout
    import importlib.resources  # only an installed game asks (with what it imports: 20 ms of a lab PC's start)

    try:
        found = Path(str(importlib.resources.files(DATA_PACKAGE)))
        if found.is_dir():
            return found
    except (ImportError, TypeError, ValueError):
        pass
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    return base / DATA_PACKAGE


def rel(root: Path, path: Path) -> str:
    """Path as shown in messages: relative to the project root, with forward slashes."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def inside_data(root: Path, path: Path) -> bool:
    resolved = path.resolve()
    for folder in DATA_FOLDERS:
        base = (root / folder).resolve()
        if resolved == base or base in resolved.parents:
            return True
    return False


def resolve_ref(root: Path, base_dir: Path, ref: str) -> Path | None:
    """Resolve a file reference written in content relative to ``base_dir``; None if it escapes the data folders."""
    if not ref or "\x00" in ref or Path(ref).is_absolute():
        return None
    candidate = (base_dir / ref).resolve()
    return candidate if inside_data(root, candidate) else None
