"""Story model objects to JSON and back, for what `check` keeps between runs (readcache.py).

Decoding is driven by the type annotations of the dataclasses named to the codec, and checks every value against
them: what comes back has the types the loader gives, or decoding fails with CodecError (the cache is then not used).
So a damaged or crafted cache file can never hand the checks a value of a type they do not expect. The decoders are
made once per type, from its annotations, so decoding a story of 10,000 nodes costs a call per value and no search.

Pure: no files, no pygame.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import fields, is_dataclass
from itertools import islice
from operator import call
from typing import Literal, Union, get_args, get_origin, get_type_hints

Decoder = Callable[[object], object]
# The classes a `type` field may hold (VarDecl.type), by name.
_TYPES = {kind.__name__: kind for kind in (bool, int, float, str)}
_SCALARS = (bool, int, float, str)


class CodecError(ValueError):
    """A value is not of the shape its annotation says."""


def _fail(what: str, raw: object) -> CodecError:
    return CodecError(f"expected {what}, found {type(raw).__name__}")


class Codec:
    """Encodes instances of ``kinds`` (frozen dataclasses), and the tuples, lists, mappings, frozensets, classes and
    plain values in them; decodes what it encoded. A dataclass is written as ``[name, field, field, …]``."""

    def __init__(self, kinds: Iterable[type]) -> None:
        self.kinds = {kind.__name__: kind for kind in kinds}
        self._names = {kind: tuple(f.name for f in fields(kind)) for kind in self.kinds.values()}
        self._decoders: dict[object, Decoder] = {}

    # --- encoding ----------------------------------------------------------------------------------------------------
    def encode(self, value: object) -> object:
        kind = type(value)
        if value is None or kind in _SCALARS:
            return value
        if kind is tuple or kind is list:
            return [self.encode(item) for item in value]  # type: ignore[attr-defined]
        names = self._names.get(kind)
        if names is not None:
            return [kind.__name__, *(self.encode(getattr(value, name)) for name in names)]
        if isinstance(value, Mapping):
            if not all(type(key) is str for key in value):
                raise CodecError("a mapping with keys other than text")
            return {key: self.encode(item) for key, item in value.items()}
        if kind is frozenset:
            return sorted(self.encode(item) for item in value)  # type: ignore[attr-defined,type-var]
        if kind is type and _TYPES.get(value.__name__) is value:  # type: ignore[attr-defined]
            return value.__name__  # type: ignore[attr-defined]
        raise CodecError(f"cannot encode a {kind.__name__}")

    # --- decoding ----------------------------------------------------------------------------------------------------
    def decode(self, raw: object, hint: object) -> object:
        """``raw`` (as json.loads gave it) as a value of the type ``hint``; CodecError if it is not one."""
        return self.decoder(hint)(raw)

    def decoder(self, hint: object) -> Decoder:
        fn = self._decoders.get(hint)
        if fn is None:
            fn = self._make(hint)
            self._decoders.setdefault(hint, fn)
        return self._decoders[hint]

    def _make(self, hint: object) -> Decoder:
        if hint is type(None) or hint is None:
            return _exactly_none
        if hint in _SCALARS:
            return _scalar(hint)  # type: ignore[arg-type]
        if hint is type:
            return _a_type
        if isinstance(hint, type) and self.kinds.get(hint.__name__) is hint and is_dataclass(hint):
            return self._dataclass(hint)
        origin, args = get_origin(hint), get_args(hint)
        if origin is Literal:
            return _literal(args)
        if origin is Union or origin is types.UnionType:
            return self._union(args)
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return _sequence(self.decoder(args[0]), tuple)
            return _fixed(tuple(self.decoder(a) for a in args))
        if origin is list:
            return _sequence(self.decoder(args[0]), list)
        if origin is frozenset:
            return _sequence(self.decoder(args[0]), frozenset)
        if origin in (Mapping, typing.Mapping, dict) and args and args[0] is str:
            return _mapping(self.decoder(args[1]))
        raise TypeError(f"the codec cannot decode {hint!r}")  # a programming error: every model type is known

    def _dataclass(self, kind: type) -> Decoder:
        name, names = kind.__name__, self._names[kind]
        width = len(names) + 1
        hints = get_type_hints(kind, localns={})  # not the class's own names: a slot named `type` hides the builtin
        plain = tuple(hints[n] for n in names)
        if all(h in (bool, int, str) for h in plain):
            # Only plain values (Pos, Target, Var): every type checked at once, in C, as a tuple of the JSON's types.
            shape = (str, *plain)

            def decode_plain(raw: object) -> object:
                if type(raw) is not list or tuple(map(type, raw)) != shape or raw[0] != name:
                    raise _fail(f"a {name}", raw)
                return kind(*islice(raw, 1, None))
            return decode_plain
        field_decoders: list[Decoder] = []  # filled below: a field may be of this same type (Binary.left)

        def decode(raw: object) -> object:
            if type(raw) is not list or len(raw) != width or raw[0] != name:
                raise _fail(f"a {name}", raw)
            return kind(*map(call, field_decoders, islice(raw, 1, None)))

        self._decoders[kind] = decode
        field_decoders.extend(self.decoder(hints[n]) for n in names)
        return decode

    def _union(self, members: tuple[object, ...]) -> Decoder:
        """Which member a value is of shows in its JSON: nothing, a plain value, a dataclass's ``[name, …]``, or a
        mapping's object. (A union of a dataclass and a tuple would be ambiguous, and the model has none.)"""
        optional = type(None) in members
        exact = {m for m in members if m in _SCALARS}
        exact |= {int} if float in exact else set()
        by_name: dict[str, Decoder] = {}
        by_json: dict[type, Decoder] = {}
        for m in members:
            if m is type(None) or m in _SCALARS:
                continue
            if isinstance(m, type) and self.kinds.get(m.__name__) is m:
                by_name[m.__name__] = self.decoder(m)
                continue
            origin = get_origin(m)
            shape = dict if origin in (Mapping, typing.Mapping, dict) else list if origin in (tuple, list) else None
            if shape is None or shape in by_json:
                raise TypeError(f"the codec cannot decode a union with {m!r}")
            by_json[shape] = self.decoder(m)
        if by_name and list in by_json:
            raise TypeError(f"the codec cannot tell the members of {members!r} apart")

        def decode(raw: object) -> object:
            if raw is None and optional:
                return None
            kind = type(raw)
            if kind in exact:
                return raw
            if kind is list and by_name:
                fn = by_name.get(raw[0]) if raw and type(raw[0]) is str else None  # type: ignore[index]
                if fn is not None:
                    return fn(raw)
            elif kind in by_json:
                return by_json[kind](raw)
            raise _fail("one of " + ", ".join(str(m) for m in members), raw)
        return decode


def _exactly_none(raw: object) -> None:
    if raw is not None:
        raise _fail("nothing", raw)


def _scalar(kind: type) -> Decoder:
    exact = {kind, int} if kind is float else {kind}  # JSON writes 2.0 as 2.0, but a float field may hold an int

    def decode(raw: object) -> object:
        if type(raw) not in exact:
            raise _fail(kind.__name__, raw)
        return raw
    return decode


def _a_type(raw: object) -> type:
    kind = _TYPES.get(raw) if type(raw) is str else None  # type: ignore[arg-type]
    if kind is None:
        raise _fail("the name of a type", raw)
    return kind


def _literal(values: tuple[object, ...]) -> Decoder:
    allowed = {(type(v), v) for v in values}

    def decode(raw: object) -> object:
        if (type(raw), raw) not in allowed:
            raise _fail("one of " + ", ".join(map(repr, values)), raw)
        return raw
    return decode


def _sequence(item: Decoder, make: type) -> Decoder:
    def decode(raw: object) -> object:
        if type(raw) is not list:
            raise _fail("a list", raw)
        return make(map(item, raw))  # type: ignore[call-arg]
    return decode


def _fixed(items: tuple[Decoder, ...]) -> Decoder:
    width = len(items)

    def decode(raw: object) -> object:
        if type(raw) is not list or len(raw) != width:
            raise _fail(f"a list of {width}", raw)
        return tuple(map(call, items, raw))
    return decode


def _mapping(item: Decoder) -> Decoder:
    def decode(raw: object) -> object:
        if type(raw) is not dict:
            raise _fail("a mapping", raw)
        return types.MappingProxyType(dict(zip(raw, map(item, raw.values()))))  # read-only, as the loader makes it
    return decode


__all__ = ["Codec", "CodecError"]
