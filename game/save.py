"""Autosave: one slot, written atomically, never lost, never a crash.

File layout (``autosave.json`` in the user-data folder)::

    {"format": 1, "game_version": "0.1.0", "saved_at": "2024-05-01T10:15:00+00:00",
     "story": {...State.to_json()...},
     "world": {"scene": "home", "x": 4, "y": 7, "facing": "down", "fired": ["scenes/home/home.tmx#3"]}}

Rules:

* Writes go to a temp file in the same folder, are flushed and fsynced, then ``os.replace``-d over the
  old file (and the folder is fsynced where the OS allows). A crash at any moment leaves either the old
  save or the new one, never a partial file.
* A save that cannot be used is never deleted or overwritten: it is renamed aside to
  ``autosave.corrupt-<UTC timestamp>.json`` and the reason is handed back so the game can tell the player.
* "New game" moves the old save to ``autosave.previous.json`` so a teacher can bring it back.
* Nothing personal is stored: no names, no user account, no machine name.

``read_save`` and ``quarantine`` never raise. ``write_save``, ``delete_save`` and ``atomic_write_json``
raise only :class:`SaveError` (disk full, read-only folder, data that is not JSON); the caller shows a
message and carries on.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from game import __version__

FORMAT = 1
SAVE_NAME = "autosave.json"
PREVIOUS_NAME = "autosave.previous.json"
CORRUPT_PREFIX = "autosave.corrupt-"
MAX_SAVE_BYTES = 8 * 1024 * 1024  # a real save is a few KB; anything this big is junk
# A number in a real save is a count, a step or a tile: a handful of digits. Python refuses to convert more than 4,300
# digits (and takes quadratic time below that), so a longer run is refused before it is turned into a number.
MAX_NUMBER_DIGITS = 18

Facing = Literal["down", "up", "left", "right"]
FACINGS: tuple[str, ...] = ("down", "up", "left", "right")
_SCENE_ID = re.compile(r"[a-z][a-z0-9_]*\Z")


class SaveError(Exception):
    """Writing failed; the previous file (if any) is untouched. ``str(err)`` is a readable reason."""


class InvalidSave(ValueError):
    """A save document (or part of one) has the wrong shape. ``str(err)`` is the reason."""


# --------------------------------------------------------------------------- the world part


@dataclass(frozen=True, slots=True)
class WorldPos:
    """Where the player is in the world, and which once-only triggers have fired."""

    scene: str
    x: int
    y: int
    facing: Facing = "down"
    fired: frozenset[str] = field(default_factory=frozenset)

    def to_json(self) -> dict[str, Any]:
        return {
            "scene": self.scene,
            "x": self.x,
            "y": self.y,
            "facing": self.facing,
            "fired": sorted(self.fired),
        }

    @classmethod
    def from_json(cls, raw: object) -> WorldPos:
        """Validate and build; raises :class:`InvalidSave` with a readable reason."""
        if not isinstance(raw, dict):
            raise InvalidSave("'world' is not an object")
        for key in ("scene", "x", "y", "facing", "fired"):
            if key not in raw:
                raise InvalidSave(f"'world' has no '{key}'")
        scene, x, y, facing, fired = (raw[k] for k in ("scene", "x", "y", "facing", "fired"))
        if not isinstance(scene, str) or not _SCENE_ID.match(scene):
            raise InvalidSave("'world.scene' is not a scene id")
        for name, value in (("x", x), ("y", y)):
            if not _is_int(value) or value < 0:
                raise InvalidSave(f"'world.{name}' is not a tile coordinate")
        if facing not in FACINGS:
            raise InvalidSave("'world.facing' is not one of down, up, left, right")
        if not isinstance(fired, list) or not all(isinstance(k, str) for k in fired):
            raise InvalidSave("'world.fired' is not a list of trigger keys")
        return cls(scene=scene, x=x, y=y, facing=facing, fired=frozenset(fired))


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class SaveData:
    """A save that passed validation. ``story`` is still raw: ``State.from_json`` checks it."""

    story: Mapping[str, Any]
    world: WorldPos
    game_version: str
    saved_at: str
    # Snapshots taken at this chapter's decisions, for "What if?"; raw, checked by the session that uses them.
    checkpoints: tuple[Mapping[str, Any], ...] = ()
    # The class session this play-through belongs to (join code, anonymous id, survey progress); raw, checked by
    # game.classroom.student. None when playing alone.
    classroom: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class NoSave:
    """There is no autosave (first start, or after New game)."""


@dataclass(frozen=True, slots=True)
class SaveOk:
    data: SaveData


@dataclass(frozen=True, slots=True)
class SaveCorrupt:
    """The autosave could not be used. It was moved to ``moved_to`` (``None`` if even that failed)."""

    reason: str
    moved_to: Path | None


SaveResult = NoSave | SaveOk | SaveCorrupt


# --------------------------------------------------------------------------- atomic writing


def _fsync_dir(directory: Path) -> None:
    # Makes the rename itself durable. POSIX only; Windows cannot open a folder this way.
    flag = getattr(os, "O_DIRECTORY", None)
    if flag is None:
        return
    try:
        fd = os.open(directory, os.O_RDONLY | flag)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _replace(src: str, dst: Path) -> None:
    # On Windows an antivirus or indexer may hold the target open for a moment: retry briefly.
    attempts = 6 if sys.platform.startswith("win") else 1
    for attempt in range(attempts):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old or the new file, nothing else."""
    path = Path(path)
    directory = path.parent
    tmp_name: str | None = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        _replace(tmp_name, path)
        tmp_name = None
        _fsync_dir(directory)
    except OSError as exc:
        raise SaveError(f"could not write {path.name}: {exc.strerror or exc}") from exc
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def atomic_write_json(path: Path, obj: Any) -> None:
    """Serialise first (nothing touches the disk if ``obj`` is not plain JSON), then write atomically."""
    atomic_write_bytes(path, _encode(obj, Path(path).name))


# --------------------------------------------------------------------------- the autosave slot


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def write_save(directory: Path, data: Mapping[str, Any]) -> None:
    """Write the autosave. ``data`` is ``{"story": dict, "world": WorldPos | dict}``.

    The format number, game version and UTC time are added here. The world part is validated
    before anything is written, so this never produces a file that :func:`read_save` rejects.
    Raises :class:`SaveError` only.
    """
    try:
        story = data["story"]
        world = data["world"]
    except (KeyError, TypeError) as exc:
        raise SaveError("save data needs 'story' and 'world'") from exc
    if not isinstance(story, Mapping):
        raise SaveError("'story' is not an object")
    try:
        world_pos = world if isinstance(world, WorldPos) else WorldPos.from_json(world)
        WorldPos.from_json(world_pos.to_json())  # a WorldPos built by hand is checked too
    except InvalidSave as exc:
        raise SaveError(str(exc)) from exc
    document = {
        "format": FORMAT,
        "game_version": __version__,
        "saved_at": _utc_now().isoformat(timespec="seconds"),
        "story": dict(story),
        "world": world_pos.to_json(),
        "checkpoints": [dict(c) for c in data.get("checkpoints", ())],
    }
    if data.get("classroom"):
        document["classroom"] = dict(data["classroom"])
    atomic_write_bytes(Path(directory) / SAVE_NAME, _fitting_save(document))


def _fitting_save(document: dict[str, Any]) -> bytes:
    """The save as bytes that :func:`parse_save` accepts, or :class:`SaveError`; nothing is written before this.

    Checkpoints ("What if?") are a convenience and the only part that grows with play, so when the file would pass
    the reader's size limit the oldest are dropped first; a save that is still too large is refused, never written."""
    while True:
        raw = _encode(document, SAVE_NAME)
        if len(raw) <= MAX_SAVE_BYTES:
            break
        if not document["checkpoints"]:
            raise SaveError(f"could not write {SAVE_NAME}: the save would be larger than the game can read back")
        document["checkpoints"] = document["checkpoints"][len(document["checkpoints"]) // 2 + 1:]
    try:
        parse_save(raw)
    except InvalidSave as exc:
        raise SaveError(f"could not write {SAVE_NAME}: {exc}") from exc
    return raw


def _encode(obj: Any, name: str) -> bytes:
    try:
        text = json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise SaveError(f"could not write {name}: data is not plain JSON ({exc})") from exc
    return (text + "\n").encode("utf-8")


def remove_leftover_temps(directory: Path) -> int:
    """Delete the temp files that writes interrupted by a power cut or a kill left behind; how many. Never raises.

    Call once at start-up, before anything writes: every temp file is then a leftover (its write never finished)."""
    removed = 0
    try:
        names = [p for p in Path(directory).iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")]
    except OSError:
        return 0
    for path in names:
        try:
            if path.is_file() and not path.is_symlink():
                path.unlink()
                removed += 1
        except OSError:
            pass
    return removed


def _reject_constant(name: str) -> Any:
    raise InvalidSave(f"the save file contains {name}")


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise InvalidSave("the save file holds a number far too long to be real")
    return int(digits)


def _bounded_float(digits: str) -> float:
    value = float(digits) if len(digits) <= 40 else math.inf
    if not math.isfinite(value):
        raise InvalidSave("the save file holds a number far too large to be real")
    return value


def parse_save(raw: bytes) -> SaveData:
    """Validate the bytes of a save file; raises :class:`InvalidSave` with a readable reason."""
    if not raw.strip():
        raise InvalidSave("the save file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidSave("the save file is not text") from exc
    try:
        doc = json.loads(text, parse_constant=_reject_constant, parse_int=_bounded_int, parse_float=_bounded_float)
    except json.JSONDecodeError as exc:
        raise InvalidSave(f"the save file is not valid JSON (line {exc.lineno}, column {exc.colno})") from exc
    except RecursionError as exc:
        raise InvalidSave("the save file is nested too deeply") from exc
    except InvalidSave:
        raise
    except ValueError as exc:  # anything else json refuses: never a crash on Continue
        raise InvalidSave(f"the save file could not be read ({exc})") from exc
    if not isinstance(doc, dict):
        raise InvalidSave("the save file is not a JSON object")
    if "format" not in doc:
        raise InvalidSave("the save file has no 'format'")
    fmt = doc["format"]
    if not _is_int(fmt):
        raise InvalidSave("'format' is not a number")
    if fmt > FORMAT:
        raise InvalidSave(f"the save was made by a newer version of the game (format {fmt})")
    if fmt != FORMAT:
        raise InvalidSave(f"unknown save format {fmt}")
    for key, kind, name in (
        ("game_version", str, "text"),
        ("saved_at", str, "text"),
        ("story", dict, "an object"),
        ("world", dict, "an object"),
    ):
        if key not in doc:
            raise InvalidSave(f"the save file has no '{key}'")
        if not isinstance(doc[key], kind):
            raise InvalidSave(f"'{key}' is not {name}")
    try:
        datetime.fromisoformat(doc["saved_at"])
    except ValueError as exc:
        raise InvalidSave("'saved_at' is not a date") from exc
    world = WorldPos.from_json(doc["world"])
    checkpoints = doc.get("checkpoints", [])
    if not isinstance(checkpoints, list) or not all(isinstance(c, dict) for c in checkpoints):
        raise InvalidSave("'checkpoints' is not a list of objects")
    classroom = doc.get("classroom")
    if classroom is not None and not isinstance(classroom, dict):
        raise InvalidSave("'classroom' is not an object")
    return SaveData(story=doc["story"], world=world, game_version=doc["game_version"], saved_at=doc["saved_at"],
                    checkpoints=tuple(checkpoints), classroom=classroom)


def read_save(directory: Path) -> SaveResult:
    """Read the autosave. Never raises. A bad file is moved aside (see :func:`quarantine`)."""
    path = Path(directory) / SAVE_NAME
    try:
        if not path.exists():
            return NoSave()
        if path.stat().st_size > MAX_SAVE_BYTES:
            return quarantine(directory, "the save file is far too large")
        raw = path.read_bytes()
    except OSError as exc:
        return quarantine(directory, f"the save file could not be read ({exc.strerror or exc})")
    try:
        return SaveOk(parse_save(raw))
    except InvalidSave as exc:
        return quarantine(directory, str(exc))


def _corrupt_name(now: datetime, n: int) -> str:
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    return f"{CORRUPT_PREFIX}{stamp}.json" if n == 1 else f"{CORRUPT_PREFIX}{stamp}-{n}.json"


def quarantine(directory: Path, reason: str) -> SaveCorrupt:
    """Move the autosave aside to ``autosave.corrupt-<UTC>.json`` (never overwriting). Never raises.

    Use this when ``State.from_json`` rejects the story part of a save that :func:`read_save` accepted.
    """
    directory = Path(directory)
    src = directory / SAVE_NAME
    now = _utc_now()
    for n in range(1, 1000):
        dst = directory / _corrupt_name(now, n)
        if os.path.lexists(dst):
            continue  # never overwrite an earlier corrupt save
        try:
            os.rename(src, dst)
        except FileExistsError:  # Windows refuses to overwrite; try the next name
            continue
        except OSError:
            break
        _fsync_dir(directory)
        return SaveCorrupt(reason=reason, moved_to=dst)
    return SaveCorrupt(reason=reason, moved_to=None)


def delete_save(directory: Path) -> Path | None:
    """New game: move the autosave to ``autosave.previous.json`` (replacing an older one).

    Returns where it went, or ``None`` if there was no save. Raises :class:`SaveError` only.
    """
    directory = Path(directory)
    src = directory / SAVE_NAME
    if not src.exists():
        return None
    dst = directory / PREVIOUS_NAME
    try:
        _replace(str(src), dst)
    except OSError as exc:
        raise SaveError(f"could not put the old save aside: {exc.strerror or exc}") from exc
    _fsync_dir(directory)
    return dst


__all__ = [
    "FORMAT",
    "FACINGS",
    "SAVE_NAME",
    "PREVIOUS_NAME",
    "CORRUPT_PREFIX",
    "SaveError",
    "InvalidSave",
    "WorldPos",
    "SaveData",
    "NoSave",
    "SaveOk",
    "SaveCorrupt",
    "SaveResult",
    "atomic_write_bytes",
    "atomic_write_json",
    "write_save",
    "parse_save",
    "read_save",
    "quarantine",
    "delete_save",
    "remove_leftover_temps",
]
