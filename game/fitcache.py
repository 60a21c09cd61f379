"""How many lines a text wraps to in the dialogue box, and how wide a name is: measured once, kept between checks.

Measuring means shaping the text with the game's fonts (game/ui/text.py), about 150 µs a line: on a scene of 10,000
lines that was most of what `check` spent after reading the files, and nearly all of it on lines nobody had changed.
A text measures the same every time with the same fonts, renderer and pygame, so `check` keeps each text's count of
lines (and each name's width) under a digest of the text, for a key made of all of those. A reworded line is a new
text and is measured; fonts, a new version of the game or of pygame make a new key, and everything is measured again.

The file lives in the user's cache folder (never in the content folder a lab shares), and is read as untrusted:
anything malformed, too large or of the wrong shape is ignored and the texts are simply measured. It holds digests
and numbers only, no words.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

FILE_NAME = "check-fit.json"
VERSION = 1
DIGEST_BYTES = 12  # 96 bits: two different texts of one project never share a digest in practice
MAX_ENTRIES = 400_000  # a line and a name for each of 200,000 lines: far more than any story (the limits allow)
MAX_BYTES = 24 * 1024 * 1024  # MAX_ENTRIES at about 40 bytes each, with room to spare
MAX_FONT_FILES = 100  # the game ships eleven files in assets/fonts; a folder of thousands is not a fonts folder
MAX_COUNT = 1_000_000  # lines or pixels: a text over the limits is never measured, so a count is far below this
# What the measurements depend on besides the fonts: the renderer's code and what it wraps by.
CODE = ("ui/text.py", "graphemes.py", "fitcache.py")


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=DIGEST_BYTES).hexdigest()


def measure_key(fonts: Path, setting: str) -> str | None:
    """What a measurement depends on: the bytes of every file in the ``fonts`` folder, the renderer's source, pygame's
    version (it brings its own SDL_ttf and HarfBuzz) and ``setting`` (sizes and widths). None when any of it cannot
    be read: then nothing is kept. pygame is found without importing it, so a check whose texts are all known never
    starts it."""
    from importlib.util import find_spec

    here = Path(__file__).resolve().parent
    key = hashlib.sha256(setting.encode())
    try:
        spec = find_spec("pygame")
        if spec is None or spec.origin is None:
            return None
        key.update((Path(spec.origin).parent / "version.py").read_bytes())
        for name in CODE:
            key.update(name.encode())
            key.update((here / name).read_bytes())
        files = sorted(p for p in fonts.iterdir() if p.is_file())
        if len(files) > MAX_FONT_FILES:
            return None
        for path in files:
            key.update(f"{path.name}\0{path.stat().st_size}\0".encode("utf-8", "surrogateescape"))
            key.update(path.read_bytes())
    except (OSError, ValueError, ImportError):
        return None
    return key.hexdigest()


def kept(used: dict[str, int], old: dict[str, int]) -> dict[str, int]:
    """What to write: every count this check used, and earlier ones up to as many again (a language checked now
    and then keeps its lines, and a file reworded a thousand times does not grow a thousand entries)."""
    out = dict(used)
    room = len(used) + 1000
    for name, value in old.items():
        if room <= 0:
            break
        if name not in out:
            out[name] = value
            room -= 1
    return out


def _counts(raw: object) -> dict[str, int] | None:
    if not isinstance(raw, dict) or len(raw) > MAX_ENTRIES:
        return None
    for name, value in raw.items():
        if len(name) != 2 * DIGEST_BYTES or type(value) is not int or not 0 <= value <= MAX_COUNT:
            return None
    return raw


def read(folder: Path, key: str) -> tuple[dict[str, int], dict[str, int]]:
    """The line counts and name widths kept for ``key``; both empty when the file is missing, for other fonts or
    code, too large or not what write() makes (a single bad entry and the whole file is ignored)."""
    try:
        path = folder / FILE_NAME
        if path.stat().st_size > MAX_BYTES:
            return {}, {}
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}, {}
    if not isinstance(data, dict) or data.get("version") != VERSION or data.get("key") != key:
        return {}, {}
    lines, widths = _counts(data.get("lines")), _counts(data.get("widths"))
    if lines is None or widths is None or len(lines) + len(widths) > MAX_ENTRIES:
        return {}, {}
    return lines, widths


def write(folder: Path, key: str, lines: dict[str, int], widths: dict[str, int]) -> None:
    """Keep the counts (only the last key's: other fonts are another project's, measured again when it comes back).
    A cache that cannot be written is no cache."""
    if len(lines) + len(widths) > MAX_ENTRIES:
        return
    data = json.dumps({"version": VERSION, "key": key, "lines": lines, "widths": widths}, separators=(",", ":"))
    if len(data) > MAX_BYTES:
        return
    from game.checkcache import write_file

    write_file(folder, FILE_NAME, data)


__all__ = ["FILE_NAME", "digest", "kept", "measure_key", "read", "write"]
