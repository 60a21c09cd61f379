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
from collections.abc import Callable, Mapping
from dataclasses import fields, is_dataclass
from enum import Enum

# Fields of the story model that hold only words the player reads (the search replaces them all with "").
WORDS = frozenset({"text", "label", "title", "hint", "summary", "younger", "older"})


_PLAIN = {kind: kind.__name__ for kind in (type(None), bool, int, float, str)}


class _Encoder:
    """Appends a value's pieces to a list. One small function per type, made on the first value of that type, so
    each value costs a dict look-up and a call rather than a walk down a chain of isinstance checks (a story of
    50,000 nodes is 1.6 million values)."""

    def __init__(self, known: Mapping[int, tuple[object, str]] | None = None) -> None:
        self.by_type: dict[type, Callable[[object, list[str]], None]] = {}
        self.known = known or {}
        self.memo_kinds = {type(value) for value, _ in self.known.values()}

    def encode(self, value: object, out: list[str]) -> None:
        kind = type(value)
        fn = self.by_type.get(kind)
        if fn is None:
            fn = self.by_type[kind] = self._make(kind)
        fn(value, out)

    def _make(self, kind: type) -> Callable[[object, list[str]], None]:
        fn = self._make_plain(kind)
        if kind not in self.memo_kinds:
            return fn
        known = self.known

        def memo(value: object, out: list[str]) -> None:
            found = known.get(id(value))
            if found is not None and found[0] is value:
                out.append(f"memo:{found[1]}")
            else:
                fn(value, out)
        return memo

    def _make_plain(self, kind: type) -> Callable[[object, list[str]], None]:
        # The branches and the pieces are those of the first version of this encoder, in its order, so a digest
        # is the same as it was (and a plain value subclass, such as a str enum, is still encoded as its value).
        by_type = self.by_type
        encode = self.encode
        if kind is type(None) or issubclass(kind, (bool, int, float, str)):
            name = kind.__name__
            return lambda value, out: out.append(f"{name}:{value!r}")
        if issubclass(kind, Enum):
            return lambda value, out: out.append(f"enum:{type(value).__name__}.{value.name}")  # type: ignore[attr-defined]
        if issubclass(kind, type):
            return lambda value, out: out.append(f"type:{value.__name__}")  # type: ignore[attr-defined]
        if is_dataclass(kind):
            head = f"<{kind.__name__}"
            names = tuple(f.name for f in fields(kind) if f.name not in WORDS)

            def dataclass_(value: object, out: list[str]) -> None:
                out.append(head)
                for name in names:
                    item = getattr(value, name)
                    plain = _PLAIN.get(type(item))
                    if plain is not None:  # most fields (ids, positions): written here, without a call
                        out.append(f"{plain}:{item!r}")
                        continue
                    fn = by_type.get(type(item))
                    if fn is None:
                        encode(item, out)
                    else:
                        fn(item, out)
                out.append(">")
            return dataclass_
        if issubclass(kind, Mapping):
            def mapping(value: object, out: list[str]) -> None:
                out.append("{")
                for key, item in value.items():  # type: ignore[attr-defined]  # in the files' order, which the search may follow
                    encode(key, out)
                    encode(item, out)
                out.append("}")
            return mapping
        if issubclass(kind, (set, frozenset)):
            def set_(value: object, out: list[str]) -> None:
                parts = []
                for item in value:  # type: ignore[attr-defined]
                    part: list[str] = []
                    encode(item, part)
                    parts.append("\x1f".join(part))
                out.append("(set")
                out.extend(sorted(parts))
                out.append(")")
            return set_
        if issubclass(kind, (tuple, list)):
            def sequence(value: object, out: list[str]) -> None:
                out.append("[")
                for item in value:  # type: ignore[attr-defined]
                    fn = by_type.get(type(item))
                    if fn is None:
                        encode(item, out)
                    else:
                        fn(item, out)
                out.append("]")
            return sequence
        return lambda value, out: out.append(f"{type(value).__name__}:{value!r}")


def fingerprint(*parts: object, known: Mapping[int, tuple[object, str]] | None = None) -> str:
    """A hex digest of ``parts`` (story model objects, mappings, sets, tuples, plain values), without their words.
    ``known`` (id -> (object, its own fingerprint)): objects whose digest was taken before (a scene read from an
    unchanged file, game/readcache.py) stand in the digest as that digest. A caller passes it for every such object
    every time, so a story's digest does not depend on which of its files were just read."""
    out: list[str] = []
    encoder = _Encoder(known)
    for part in parts:
        encoder.encode(part, out)
        out.append("\x1e")
    return hashlib.sha256("\x1f".join(out).encode("utf-8", "surrogatepass")).hexdigest()


__all__ = ["WORDS", "fingerprint"]
