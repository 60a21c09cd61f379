"""Where the player's files live: the OS user-data folder.

Nothing happens at import time; the folder is created only when asked (``create=True``)
or when something is written into it. Set ``SMALL_ACTS_DATA`` to use another folder
(tests, or a school lab that keeps profiles on a network drive).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

ENV_VAR = "SMALL_ACTS_DATA"


def _folder_name_unix(app: str) -> str:
    # "SmallActs" -> "small-acts" (the XDG convention is lower-case, dash-separated).
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", app).lower()


def resolve_user_data_dir(app: str, platform: str, env: Mapping[str, str], home: Path) -> Path:
    """The pure rule behind :func:`user_data_dir` (testable for every OS on any OS)."""
    override = env.get(ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    if platform.startswith("win"):
        appdata = env.get("APPDATA", "").strip()
        base = Path(appdata) if appdata else home / "AppData" / "Roaming"
        return base / app
    if platform == "darwin":
        return home / "Library" / "Application Support" / app
    xdg = env.get("XDG_DATA_HOME", "").strip()
    # The XDG spec says relative values must be ignored.
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "share"
    return base / _folder_name_unix(app)


def user_data_dir(app: str = "SmallActs", *, create: bool = False) -> Path:
    """The folder for the autosave and settings. Created only if ``create`` is true.

    Never raises when ``create`` is false; with ``create`` it may raise ``OSError``.
    """
    try:
        home = Path.home()
    except (RuntimeError, KeyError):  # no HOME / no passwd entry: odd lab accounts
        home = Path.cwd()
    path = resolve_user_data_dir(app, sys.platform, os.environ, home)
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def resolve_user_cache_dir(app: str, platform: str, env: Mapping[str, str], home: Path) -> Path:
    """A local folder for files the game can always make again (the content view). Never on a roaming profile: on
    Windows it is under LOCALAPPDATA. With SMALL_ACTS_DATA set, it lives inside that folder (tests, portable use)."""
    override = env.get(ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser() / "cache"
    if platform.startswith("win"):
        local = env.get("LOCALAPPDATA", "").strip()
        return (Path(local) if local else home / "AppData" / "Local") / app / "Cache"
    if platform == "darwin":
        return home / "Library" / "Caches" / app
    xdg = env.get("XDG_CACHE_HOME", "").strip()
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".cache"
    return base / _folder_name_unix(app)


def user_cache_dir(app: str = "SmallActs") -> Path:
    try:
        home = Path.home()
    except (RuntimeError, KeyError):
        home = Path.cwd()
    return resolve_user_cache_dir(app, sys.platform, os.environ, home)
