"""Player settings, saved as ``settings.json`` beside the autosave.

To add a setting, add a field to :class:`Settings` with a default and, if not every value of its type
is allowed, a ``valid`` check in its metadata::

    volume: float = setting(1.0, valid=lambda v: 0.0 <= v <= 1.0)

Loading reads each field on its own: a missing or bad value falls back to that field's default, unknown
keys are ignored, and a missing or unreadable file gives all defaults. ``load_settings`` and
``save_settings`` never raise.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from game.save import SaveError, atomic_write_json

SETTINGS_NAME = "settings.json"
FORMAT = 1
TEXT_SCALES: tuple[float, ...] = (1.0, 1.25, 1.5, 2.0)
LINE_SPACINGS: tuple[float, ...] = (1.0, 1.25, 1.5)
FONTS = ("standard", "legible")  # legible: Atkinson Hyperlegible for Latin text (OFL; assets/fonts)
THEMES = ("standard", "high_contrast")
TEXT_SPEEDS = ("slow", "normal", "fast", "instant")
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?\Z")
MAX_BYTES = 256 * 1024


def setting(default: Any, *, valid: Callable[[Any], bool] | None = None, parse: Callable[[Any], Any] | None = None):
    """A settings field. ``parse`` turns the JSON value into the field's type (raise ``ValueError`` if it
    cannot); the default parser handles bool, int, float, str and tuple[int, ...]. ``valid`` rejects values
    of the right type that are still not allowed."""
    return dataclasses.field(default=default, metadata={"valid": valid, "parse": parse})


def _valid_size(size: tuple[int, ...]) -> bool:
    return len(size) == 2 and 320 <= size[0] <= 16384 and 240 <= size[1] <= 16384


@dataclass(frozen=True, slots=True)
class Settings:
    text_scale: float = setting(1.0, valid=lambda v: v in TEXT_SCALES)
    fullscreen: bool = setting(False)
    language: str = setting("en", valid=lambda v: bool(_LANGUAGE.match(v)))
    window_size: tuple[int, int] = setting((1280, 720), valid=_valid_size)
    volume: float = setting(0.8, valid=lambda v: 0.0 <= v <= 1.0)  # sound effects
    # Accessibility (docs/accessibility.md). Every one applies at once, from the title or the break screen.
    line_spacing: float = setting(1.0, valid=lambda v: v in LINE_SPACINGS)
    font: str = setting("standard", valid=lambda v: v in FONTS)
    theme: str = setting("standard", valid=lambda v: v in THEMES)
    text_speed: str = setting("normal", valid=lambda v: v in TEXT_SPEEDS)
    auto_advance: bool = setting(False)  # off by default: nothing moves on before the student says so
    reduced_motion: bool = setting(False)  # no typewriter, no screen transitions or shakes, no bobbing marker
    goal_marker: bool = setting(True)  # the marker over where the goal points (older classes may turn it off)
    music_volume: float = setting(0.6, valid=lambda v: 0.0 <= v <= 1.0)
    muted: bool = setting(False)
    captions: bool = setting(True)  # every sound also shows as words ("[the doorbell rings]")
    read_aloud: bool = setting(False)
    # Remapped keys, as "action=key" (e.g. "confirm=j"); actions not named keep their default keys.
    keys: tuple[str, ...] = setting((), valid=lambda v: len(v) <= 64 and all(len(k) <= 40 for k in v))
    # Class sessions: where results go ("" = results/ in the user-data folder; a lab sets its shared folder), and
    # how many days a class's files are kept before they are deleted (0 = until the teacher purges them).
    results_dir: str = setting("", valid=lambda v: len(v) <= 1024 and "\x00" not in v)
    results_keep_days: int = setting(60, valid=lambda v: 0 <= v <= 3650)
    # The facilitators' content folder ("" = content/ in the user-data folder; a lab may name one on a share for
    # every PC). See game/contentdir.py.
    content_dir: str = setting("", valid=lambda v: len(v) <= 1024 and "\x00" not in v)
    # A class on the lab network (docs/classroom.md): the teacher's PC serves its session while the teacher view is
    # open; students ask for the join code at these addresses (the lab's broadcast address; a lab whose network
    # drops broadcasts lists the teacher PC's address) on this UDP port; "" = the results folder only. Never an
    # internet address.
    class_network: bool = setting(True)
    class_discovery: str = setting("255.255.255.255", valid=lambda v: len(v) <= 200 and "\x00" not in v)
    class_port: int = setting(47913, valid=lambda v: 1024 <= v <= 65535)
    # A learning record store a school or district runs (docs/classroom.md): the teacher's PC sends results there.
    lrs_endpoint: str = setting("", valid=lambda v: len(v) <= 500 and (v == "" or v.startswith(("http://",
                                                                                                   "https://"))))
    lrs_user: str = setting("", valid=lambda v: len(v) <= 200)
    lrs_password: str = setting("", valid=lambda v: len(v) <= 200)

    def __post_init__(self) -> None:
        # Code that builds Settings by hand gets a clear error; files never reach here unchecked.
        for f in fields(self):
            value = getattr(self, f.name)
            try:
                parsed = _parse(_hint(f.name), value) if f.metadata.get("parse") is None else value
                ok = _is_valid(f, parsed)
            except ValueError:
                ok = False
            if not ok:
                raise ValueError(f"invalid setting {f.name}={value!r}")
            object.__setattr__(self, f.name, parsed)  # e.g. 1 -> 1.0, [w, h] -> (w, h)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"format": FORMAT}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = list(value) if isinstance(value, tuple) else value
        return out

    @classmethod
    def from_json(cls, raw: object) -> Settings:
        """Field by field; anything missing or wrong takes the default. Never raises."""
        if not isinstance(raw, dict):
            return cls()
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in raw:
                continue
            try:
                parser = f.metadata.get("parse") or (lambda v, t=_hint(f.name): _parse(t, v))
                value = parser(raw[f.name])
                if _is_valid(f, value):
                    values[f.name] = value
            except (ValueError, TypeError):
                pass
        try:
            return cls(**values)
        except (ValueError, TypeError):  # a custom parser let something odd through
            return cls()


def _is_valid(f: dataclasses.Field, value: Any) -> bool:
    check = f.metadata.get("valid")
    return bool(check(value)) if check is not None else True


@functools.cache
def _hints() -> dict[str, Any]:
    return typing.get_type_hints(Settings)


def _hint(name: str) -> Any:
    return _hints()[name]


def _parse(hint: Any, value: Any) -> Any:
    """JSON value -> the annotated type, strictly (``"true"`` is not a bool, ``1`` is not ``True``)."""
    if hint is bool:
        if isinstance(value, bool):
            return value
    elif hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif hint is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            return float(value)
    elif hint is str:
        if isinstance(value, str):
            return value
    elif typing.get_origin(hint) is tuple:
        args = typing.get_args(hint)
        if isinstance(value, (list, tuple)):
            if len(args) == 2 and args[1] is Ellipsis:
                return tuple(_parse(args[0], v) for v in value)
            if len(args) == len(value):
                return tuple(_parse(a, v) for a, v in zip(args, value))
    else:
        raise TypeError(f"no parser for {hint!r}; give the field a parse= function")
    raise ValueError(f"{value!r} is not a {hint!r}")


def settings_path(directory: Path) -> Path:
    return Path(directory) / SETTINGS_NAME


def load_settings(directory: Path) -> Settings:
    """Read ``settings.json``; bad or missing file -> defaults. Never raises."""
    try:
        path = settings_path(directory)
        if path.stat().st_size > MAX_BYTES:
            return Settings()
        raw = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError, RecursionError):  # missing, unreadable, not UTF-8, not JSON
        return Settings()
    return Settings.from_json(raw)


def save_settings(directory: Path, settings: Settings) -> bool:
    """Write ``settings.json`` atomically (the autosave's writer). Never raises: a settings file that could
    not be written (read-only lab profile, full disk) costs the player a preference, not the game.
    Returns whether it was written."""
    try:
        atomic_write_json(settings_path(directory), settings.to_json())
    except SaveError:
        return False
    return True


__all__ = ["Settings", "TEXT_SCALES", "SETTINGS_NAME", "load_settings", "save_settings", "setting"]
