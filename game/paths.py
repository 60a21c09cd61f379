"""Where the project's files live, and the rule that content may not point outside them."""

from __future__ import annotations

from pathlib import Path

# Folders content may reference. A map's tileset or a manifest's map must resolve inside one of these, so a shared
# scenario file can never make the game read (or a checker report on) arbitrary files on a lab PC.
DATA_FOLDERS = ("scenes", "assets", "dialogue")


def project_root() -> Path:
    return Path(__file__).resolve().parent.parent


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
