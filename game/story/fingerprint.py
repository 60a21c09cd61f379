"""A digest of what the path search reads, and nothing else: two stories with the same fingerprint play the same.

`check` caches the path search's problems under this digest (game/checkcache.py). So it must change whenever the
search could find something different — any id, condition, effect, goto, option, goal place, map exit or position
(the problems carry positions) — and it need not change when only words change: the search never shows text
(paths._no_text), so rewording a line, a title or a goal keeps the cached result. A line added or removed moves the
positions after it, and then the search runs again.

Pure: no files, no pygame. Sets are encoded in sorted order, so the digest is the same in every process whatever
the hash seed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from enum import Enum

# Fields of the story model that hold only words the player reads (the search replaces them all with "").
WORDS = frozenset({"text", "label", "title", "hint", "summary", "younger", "older"})


class _Encoder:
    def __init__(self) -> None:
        self.fields: dict[type, tuple[str, ...]] = {}

    def names(self, kind: type) -> tuple[str, ...]:
        found = self.fields.get(kind)
        if found is None:
            found = self.fields[kind] = tuple(f.name for f in fields(kind) if f.name not in WORDS)
        return found

    def encode(self, value: object, out: list[str]) -> None:
        # Iterative would be faster to write for deep trees, but stories nest only a few levels (scene, node, step,
        # expression); expressions are bounded in depth by the loader.
        if value is None or isinstance(value, (bool, int, float, str)):
            out.append(f"{type(value).__name__}:{value!r}")
        elif isinstance(value, Enum):
            out.append(f"enum:{type(value).__name__}.{value.name}")
        elif isinstance(value, type):
            out.append(f"type:{value.__name__}")
        elif is_dataclass(value):
            kind = type(value)
            out.append(f"<{kind.__name__}")
            for name in self.names(kind):
                self.encode(getattr(value, name), out)
            out.append(">")
        elif isinstance(value, Mapping):
            out.append("{")
            for key in value:  # in order: the files' order, which the search may follow
                self.encode(key, out)
                self.encode(value[key], out)
            out.append("}")
        elif isinstance(value, (set, frozenset)):
            parts = []
            for item in value:
                part: list[str] = []
                self.encode(item, part)
                parts.append("\x1f".join(part))
            out.append("(set")
            out.extend(sorted(parts))
            out.append(")")
        elif isinstance(value, (tuple, list)):
            out.append("[")
            for item in value:
                self.encode(item, out)
            out.append("]")
        else:
            out.append(f"{type(value).__name__}:{value!r}")


def fingerprint(*parts: object) -> str:
    """A hex digest of ``parts`` (story model objects, mappings, sets, tuples, plain values), without their words."""
    out: list[str] = []
    encoder = _Encoder()
    for part in parts:
        encoder.encode(part, out)
        out.append("\x1e")
    return hashlib.sha256("\x1f".join(out).encode("utf-8", "surrogatepass")).hexdigest()


__all__ = ["WORDS", "fingerprint"]
