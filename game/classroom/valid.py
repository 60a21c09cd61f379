"""The limits of what a class file or a network message may hold, in one place (parse at the edge, trust inside).

Every reader in game/classroom turns raw JSON into typed values through these checks and skips — and counts — what
fails them; nothing after a reader handles an unchecked string. Each limit says why it is where it is.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

# Content ids (scene.node.choice.option): lower-case words joined by dots, as the loader enforces for the story. 160
# characters is four times the longest id the shipped story has; a longer one is never ours and could make the
# teacher view shape thousands of glyphs.
MAX_ID = 160
_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+){0,7}$")
# A play-through's anonymous id becomes a file name: "s" and 12 hex digits when the game makes it; tests and old
# files use other short lower-case names. Never a dot, a slash or a drive letter, so it cannot leave its folder.
_ANON = re.compile(r"^s[a-z0-9]{1,39}$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_CODE = re.compile(r"^[1-9][0-9]{5}$")
_LANG = re.compile(r"^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8}){0,3}$")
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$")
# Seconds since the epoch a session may have been created: 2020 to 2100. A float outside (inf, nan, 1e308, -1e18)
# is damage, and would break every date formatting after it.
EARLIEST, LATEST = 1_577_836_800.0, 4_102_444_800.0
MAX_LIST = 512  # chapters, pause points or released pauses in one session or command: the story has about 40


def is_id(value: object) -> bool:
    return isinstance(value, str) and len(value) <= MAX_ID and _id_ok(value)


@lru_cache(maxsize=8192)  # a lesson repeats the same few hundred ids thousands of times: the teacher view polls them
def _id_ok(value: str) -> bool:
    return bool(_ID.match(value))


def is_anon(value: object) -> bool:
    return isinstance(value, str) and len(value) <= 40 and _anon_ok(value)


@lru_cache(maxsize=4096)
def _anon_ok(value: str) -> bool:
    return bool(_ANON.match(value))


def is_code(value: object) -> bool:
    return isinstance(value, str) and bool(_CODE.match(value))


def is_lang(value: object) -> bool:
    return isinstance(value, str) and len(value) <= 40 and _lang_ok(value)


@lru_cache(maxsize=256)  # every statement names its language: a lesson has two or three
def _lang_ok(value: str) -> bool:
    return bool(_LANG.match(value))


def is_stamp(value: object) -> bool:
    return isinstance(value, str) and len(value) <= 40 and bool(_STAMP.match(value))


def is_uuid(value: object) -> bool:
    return isinstance(value, str) and len(value) == 36 and _uuid_ok(value)


@lru_cache(maxsize=1024)
def _uuid_ok(value: str) -> bool:
    return bool(_UUID.match(value))


def time_value(value: object) -> float | None:
    """A creation time between 2020 and 2100 as a float, else None (bools, strings, inf and nan are not times)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    if not math.isfinite(value) or not EARLIEST <= value <= LATEST:
        return None
    return value


def id_list(value: object) -> tuple[str, ...] | None:
    """A JSON list of content ids, or None when it is not one (wrong type, too long, one bad id)."""
    if not isinstance(value, list) or len(value) > MAX_LIST or not all(is_id(v) for v in value):
        return None
    return tuple(value)


def short(text: str, limit: int = 80) -> str:
    """A string from a file cut for showing: at most ``limit`` characters, printable ones only."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in text[:limit + 1])
    return clean if len(clean) <= limit else clean[:limit - 1] + "…"
