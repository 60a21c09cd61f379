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
MAX_PLANS = 4096


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
            return self._fixed(args)
        if origin is list:
            return _sequence(self.decoder(args[0]), list)
        if origin is frozenset:
            return _sequence(self.decoder(args[0]), frozenset)
        if origin in (Mapping, typing.Mapping, dict) and args and args[0] is str:
            return _mapping(self.decoder(args[1]))
        raise TypeError(f"the codec cannot decode {hint!r}")  # a programming error: every model type is known

    def _dataclass(self, kind: type) -> Decoder:
        name, names = kind.__name__, self._names[kind]
        plans: dict[tuple[type, ...], tuple[tuple[int, Decoder], ...]] = {}  # filled below: a field may be of this
        # same type (Binary.left), so the decoder is known by its type before its plan is made

        def decode(raw: object) -> object:
            nested = plans.get(tuple(map(type, raw))) if type(raw) is list else None  # type: ignore[arg-type]
            if nested is None or raw[0] != name:  # type: ignore[index]
                raise _fail(f"a {name}", raw)
            args = raw[1:]  # type: ignore[index]
            for i, fn in nested:
                args[i] = fn(args[i])
            return kind(*args)

        self._decoders[kind] = decode
        hints = get_type_hints(kind, localns={})  # not the class's own names: a slot named `type` hides the builtin
        plans.update(self._plans([self._json_types(hints[n]) for n in names], head=(str,)))
        return decode

    def _fixed(self, hints: tuple[object, ...]) -> Decoder:
        plans = self._plans([self._json_types(h) for h in hints], head=())

        def decode(raw: object) -> object:
            nested = plans.get(tuple(map(type, raw))) if type(raw) is list else None  # type: ignore[arg-type]
            if nested is None:
                raise _fail(f"a list of {len(hints)}", raw)
            for i, fn in nested:
                raw[i] = fn(raw[i])  # type: ignore[index]  # json.loads's own list, used once
            return tuple(raw)  # type: ignore[arg-type]
        return decode

    @staticmethod
    def _plans(options: list[dict[type, Decoder | None]], head: tuple[type, ...]
               ) -> dict[tuple[type, ...], tuple[tuple[int, Decoder], ...]]:
        """For each combination of the JSON types the fields may have, which fields still need decoding (nested
        values, or texts that must be one of a few). Then a value is checked with one look-up of the tuple of its
        JSON types, and only its nested fields cost a call: most fields of the model are plain texts and numbers.
        (A model type with more combinations than MAX_PLANS would be decoded field by field; none has.)"""
        plans: dict[tuple[type, ...], tuple[tuple[int, Decoder], ...]] = {head: ()}
        for i, choices in enumerate(options):
            plans = {(*shape, kind): nested + (((i, fn),) if fn is not None else ())
                     for shape, nested in plans.items() for kind, fn in choices.items()}
            if len(plans) > MAX_PLANS:
                raise TypeError(f"too many combinations of field types: {len(plans)}")
        return plans

    def _json_types(self, hint: object) -> dict[type, Decoder | None]:
        """The JSON types a value of ``hint`` may have, each with the decoder it needs (None: taken as it is)."""
        if hint is type(None) or hint is None:
            return {type(None): None}
        if hint in (bool, int, str):
            return {hint: None}  # type: ignore[dict-item]
        if hint is float:
            return {float: None, int: None}
        origin = get_origin(hint)
        if origin is Union or origin is types.UnionType:
            out: dict[type, Decoder | None] = {}
            for member in get_args(hint):
                for kind, fn in self._json_types(member).items():
                    out[kind] = None if fn is None and out.get(kind) is None else self.decoder(hint)
            return out
        fn = self.decoder(hint)
        if hint is type:
            return {str: fn}
        if origin is Literal:
            return {type(v): fn for v in get_args(hint)}
        return {dict if origin in (Mapping, typing.Mapping, dict) else list: fn}

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


def _mapping(item: Decoder) -> Decoder:
    def decode(raw: object) -> object:
        if type(raw) is not dict:
            raise _fail("a mapping", raw)
        return types.MappingProxyType(dict(zip(raw, map(item, raw.values()))))  # read-only, as the loader makes it
    return decode


__all__ = ["Codec", "CodecError"]
