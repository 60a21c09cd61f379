"""Tiled maps as typed, frozen data plus every problem found, each with a file position.

Pure: no pygame here (pytmx itself may import pygame if it is installed; it never opens a window). Tile
data and tile properties come from ``pytmx.TiledMap`` without an image loader, which also proves the
renderer's loader will accept the file. Positions come from a quick ``xml.parsers.expat`` pass, because
pytmx keeps no line numbers. Checked here: map shape, file references, object kinds and properties,
the default spawn. Not checked here: whether nodes, characters or scenes exist (the content loader does).
"""

from __future__ import annotations

import base64
import binascii
import functools
import math
import os
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Literal
from xml.parsers import expat

from game.limits import (MAX_FILE_BYTES, MAX_IMAGE_PX, MAX_MAP_PIXELS, MAX_MAP_TILES, MAX_TILE_PX,
                         MIN_TILESET_TILE_PX)
from game.story.problems import Pos, Problem, did_you_mean, sort_problems
from game.world import tiledjson
from game.world.imagehead import image_size

Kind = Literal["spawn", "npc", "trigger", "exit", "thing", "point"]
PropValue = str | bool | int
FACINGS: tuple[str, ...] = ("down", "up", "left", "right")
DATA_FOLDERS: tuple[str, ...] = ("scenes", "assets")
OBJECT_LAYER = "objects"
COLLISION_LAYER = "collision"


@dataclass(frozen=True, slots=True)
class _Prop:
    required: bool
    type: Literal["string", "bool"]
    default: PropValue | None = None
    choices: tuple[str, ...] = ()


# What each object kind may carry. Optional properties with a default always appear in ``props``;
# optional ones without (``if``) appear only when set.
SCHEMA: Mapping[str, Mapping[str, _Prop]] = MappingProxyType(
    {
        "spawn": {"facing": _Prop(False, "string", "down", FACINGS)},
        "npc": {
            "character": _Prop(True, "string"),
            "node": _Prop(True, "string"),
            "facing": _Prop(False, "string", "down", FACINGS),
            "if": _Prop(False, "string"),  # the person is only there while this holds
        },
        "trigger": {"node": _Prop(True, "string"), "once": _Prop(False, "bool", True), "if": _Prop(False, "string")},
        "exit": {"to": _Prop(True, "string"), "spawn": _Prop(False, "string", "default"), "if": _Prop(False, "string")},
        # an area the player faces and presses Space on (or clicks): a blackboard, a notice board, a doorbell
        "thing": {"node": _Prop(True, "string"), "if": _Prop(False, "string")},
        # a named spot that staging steps in the dialogue use (appear at, walk to, leave for, the camera looks at)
        "point": {"facing": _Prop(False, "string", None, FACINGS)},
    }
)
KINDS: tuple[str, ...] = tuple(SCHEMA)


@dataclass(frozen=True, slots=True)
class MapObject:
    kind: Kind
    name: str
    rect: tuple[int, int, int, int]  # x, y, w, h in tiles; point objects are one tile
    props: Mapping[str, PropValue]
    pos: Pos
    key: str  # stable id "scenes/home/home.tmx#7" (map path # Tiled object id)
    # where each property set in Tiled is written (the <property> element); not part of equality
    prop_pos: Mapping[str, Pos] = field(default_factory=lambda: MappingProxyType({}), compare=False)

    @property
    def tile(self) -> tuple[int, int]:
        """The tile under the top-left corner (where an NPC stands, where a spawn puts the player)."""
        return self.rect[0], self.rect[1]

    def covers(self, x: int, y: int) -> bool:
        rx, ry, rw, rh = self.rect
        return rx <= x < rx + rw and ry <= y < ry + rh


@dataclass(frozen=True, slots=True)
class MapData:
    path: str  # relative to the project root, posix
    width: int  # tiles
    height: int
    tile_w: int  # pixels
    tile_h: int
    solid: frozenset[tuple[int, int]]
    objects: tuple[MapObject, ...]
    pos: Pos

    def of_kind(self, kind: Kind) -> tuple[MapObject, ...]:
        return tuple(o for o in self.objects if o.kind == kind)

    def spawn(self, name: str = "default") -> MapObject | None:
        return next((o for o in self.objects if o.kind == "spawn" and o.name == name), None)

    def is_blocked(self, x: int, y: int) -> bool:
        return not (0 <= x < self.width and 0 <= y < self.height) or (x, y) in self.solid


# --------------------------------------------------------------------------- XML with positions


@dataclass(slots=True)
class _El:
    tag: str
    attrs: dict[str, str]
    line: int
    col: int
    children: list[_El] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def kids(self, tag: str) -> list[_El]:
        return [c for c in self.children if c.tag == tag]

    def first(self, tag: str) -> _El | None:
        return next((c for c in self.children if c.tag == tag), None)


class _XmlError(Exception):
    def __init__(self, message: str, line: int, col: int) -> None:
        super().__init__(message)
        self.line = line
        self.col = col


def _parse_xml(raw: bytes) -> _El:
    parser = expat.ParserCreate()
    parser.buffer_text = True
    root: list[_El] = []
    stack: list[_El] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        el = _El(tag, attrs, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        if stack:
            stack[-1].children.append(el)
        else:
            root.append(el)
        stack.append(el)

    def end(tag: str) -> None:
        stack.pop()

    def text(data: str) -> None:
        if stack:
            stack[-1].text.append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(raw, True)
    except expat.ExpatError as exc:
        raise _XmlError(expat.ErrorString(exc.code), exc.lineno, exc.offset + 1) from None
    return root[0]


# --------------------------------------------------------------------------- the loader


class _Ctx:
    def __init__(self, root: Path, rel: str) -> None:
        self.root = root
        self.rel = rel
        self.problems: list[Problem] = []
        self.spawn_names: set[str] = set()  # every named spawn, valid or not
        self.reader_would_fail = False  # something pytmx cannot read was found (and reported)

    def pos(self, line: int, col: int, path: str | None = None) -> Pos:
        return Pos(path or self.rel, line, col)

    def at(self, el: _El, path: str | None = None) -> Pos:
        return Pos(path or self.rel, el.line, el.col)

    def error(self, pos: Pos, message: str, hint: str = "") -> None:
        self.problems.append(Problem(pos, "error", message, hint))

    def warning(self, pos: Pos, message: str, hint: str = "") -> None:
        self.problems.append(Problem(pos, "warning", message, hint))

    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


def _rel(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path.as_posix()


def _suggest(word: str, candidates: tuple[str, ...] | list[str]) -> str:
    if word.lower() in candidates and word.lower() != word:
        return f"did you mean '{word.lower()}'?"
    return did_you_mean(word, candidates)


def _check_ref(ctx: _Ctx, source: str, base_dir: Path, pos: Pos, what: str) -> Path | None:
    """Resolve a file reference; it must stay inside scenes/ or assets/ and exist."""
    allowed = [(ctx.root / d).resolve() for d in DATA_FOLDERS]
    candidate = Path(source)
    target = None if candidate.is_absolute() or source.startswith(("/", "\\")) else (base_dir / candidate).resolve()
    if target is None or not any(target == a or a in target.parents for a in allowed):
        ctx.error(pos, "file reference leaves the project's data folders", f"'{source}' must stay inside scenes/ or assets/")
        return None
    if not target.is_file():
        ctx.error(pos, f"{what} file '{source}' not found")
        return None
    return target


def _int_attr(ctx: _Ctx, el: _El, name: str, *, minimum: int = 1, path: str | None = None) -> int | None:
    value = el.attrs.get(name)
    try:
        number = int(value) if value is not None else None
    except ValueError:
        number = None
    if number is None or number < minimum:
        ctx.error(ctx.at(el, path), f"<{el.tag}> needs a whole-number '{name}' of at least {minimum}")
        return None
    return number


def _check_tileset(ctx: _Ctx, ts: _El, tmx_dir: Path) -> None:
    """External .tsx or embedded tileset: references and the `solid` property type."""
    source = ts.attrs.get("source")
    if source is not None:
        if not source.lower().endswith((".tsx", ".tsj", ".json")):
            ctx.error(ctx.at(ts), f"tileset '{source}' is not a .tsx or .tsj file",
                      "export the tileset from Tiled as .tsx or .tsj")
            return
        target = _check_ref(ctx, source, tmx_dir, ctx.at(ts), "tileset")
        if target is None:
            return
        tsx_rel = _rel(ctx.root, target)
        try:
            raw = target.read_bytes()
            tsx = tiledjson.tileset_tree(raw) if tiledjson.is_json(target) else _parse_xml(raw)
        except _XmlError as exc:
            ctx.error(ctx.pos(exc.line, exc.col, tsx_rel), f"the tileset is not valid XML: {exc}")
            return
        except tiledjson.JsonError as exc:
            ctx.error(ctx.pos(exc.line, exc.col, tsx_rel), f"the tileset cannot be read: {exc}",
                      "open it in Tiled and export it again as .tsj")
            return
        except OSError as exc:
            ctx.error(ctx.at(ts), f"tileset file '{source}' could not be read ({exc.strerror or exc})")
            return
        if tsx.tag != "tileset":
            ctx.error(ctx.at(tsx, tsx_rel), f"this is not a Tiled tileset (root element is <{tsx.tag}>)")
            return
        _int_attr(ctx, ts, "firstgid")
        _check_tileset_body(ctx, tsx, target.parent, tsx_rel)
    else:
        _int_attr(ctx, ts, "firstgid")
        _check_tileset_body(ctx, ts, tmx_dir, ctx.rel)


def _check_tileset_body(ctx: _Ctx, ts: _El, base_dir: Path, path: str) -> None:
    for name in ("tilewidth", "tileheight"):
        value = ts.attrs.get(name, "")
        # The loader visits every tile position of the tileset's picture: 1-pixel tiles on a big picture are millions.
        if value.isdigit() and len(value) < 9 and not MIN_TILESET_TILE_PX <= int(value) <= MAX_TILE_PX:
            ctx.error(ctx.at(ts, path), f"the tileset's {name} is {value}; it must be {MIN_TILESET_TILE_PX} to "
                      f"{MAX_TILE_PX} pixels", "use 16×16 tiles like the shipped tileset")
            ctx.reader_would_fail = True
    images = list(ts.kids("image"))
    for tile in ts.kids("tile"):
        images.extend(tile.kids("image"))
        for props in tile.kids("properties"):
            for prop in props.kids("property"):
                if prop.attrs.get("name") == "solid" and prop.attrs.get("type") != "bool":
                    ctx.error(ctx.at(prop, path), "tile property 'solid' must be a bool", "change its type in Tiled")
    for image in images:
        src = image.attrs.get("source")
        if src:
            _check_image(ctx, src, base_dir, ctx.at(image, path))


def _check_image(ctx: _Ctx, source: str, base_dir: Path, pos: Pos) -> None:
    """A picture the map uses: inside the data folders, a format the game reads, and a size it can afford."""
    target = _check_ref(ctx, source, base_dir, pos, "image")
    if target is None:
        return
    size = image_size(target)
    if size is None:
        ctx.error(pos, f"image '{source}' is not a PNG, GIF, BMP or JPEG file the game can read", "save it as PNG")
        ctx.reader_would_fail = True
    elif max(size) > MAX_IMAGE_PX:
        ctx.error(pos, f"image '{source}' is {size[0]}×{size[1]} pixels; the most is {MAX_IMAGE_PX} on a side",
                  "make the picture smaller, or split the tileset into several")
        ctx.reader_would_fail = True


def _check_size(ctx: _Ctx, pos: Pos, width: int, height: int, tile_w: int, tile_h: int) -> bool:
    """The map's declared size against the limits (game/limits.py); False, with the problem said, when over."""
    ok = True
    if max(width, height) > MAX_MAP_TILES:
        ctx.error(pos, f"the map is {width}×{height} tiles; the most is {MAX_MAP_TILES} on a side",
                  "make the map smaller in Tiled (Map > Resize Map), or split it into two scenes")
        ok = False
    if max(tile_w, tile_h) > MAX_TILE_PX:
        ctx.error(pos, f"tiles are {tile_w}×{tile_h} pixels; the most is {MAX_TILE_PX}", "use 16×16 tiles like the others")
        ok = False
    if ok and width * tile_w * height * tile_h > MAX_MAP_PIXELS:
        ctx.error(pos, f"the map is {width * tile_w}×{height * tile_h} pixels, more than the game can draw on a lab PC "
                  f"(at most {MAX_MAP_PIXELS:,} pixels in all)", "make the map smaller, or split it into two scenes")
        ok = False
    return ok


def _decode_layer(ctx: _Ctx, layer: _El) -> None:
    """Catch what would make pytmx fail, with the layer's position."""
    name = layer.attrs.get("name", "")
    data = layer.first("data")
    where = ctx.at(data or layer)
    if data is None:
        ctx.error(where, f"tile layer '{name}' has no data")
        return
    if data.kids("chunk"):
        ctx.error(where, "infinite maps are not supported", "uncheck 'Infinite' in the map properties in Tiled")
        return
    encoding = data.attrs.get("encoding")
    compression = data.attrs.get("compression")
    text = "".join(data.text).strip()
    hint = "in Tiled, set the layer format to CSV or Base64 (zlib compressed)"
    try:
        if encoding == "csv":
            count = len(text.split(",")) if text else 0
            for item in text.split(","):
                if int(item.strip()) < 0:
                    raise ValueError
        elif encoding == "base64":
            raw = base64.b64decode(text, validate=False)
            if compression in ("zlib", "gzip"):
                # Bounded: a few KB of zlib can claim gigabytes. No real layer is larger than the largest map.
                inflate = zlib.decompressobj(wbits=31 if compression == "gzip" else 15)
                raw = inflate.decompress(raw, MAX_MAP_TILES * MAX_MAP_TILES * 4 + 4)
                if inflate.unconsumed_tail:
                    raise ValueError("layer data larger than any map")
            elif compression:
                ctx.error(where, f"tile layer '{name}' uses unsupported compression '{compression}'", hint)
                return
            if len(raw) % 4:
                raise ValueError
            count = len(raw) // 4
        else:
            ctx.error(where, f"tile layer '{name}' uses an unsupported data format", hint)
            return
    except (ValueError, binascii.Error, zlib.error, OSError, EOFError):
        ctx.error(where, f"tile layer '{name}' has damaged tile data", "re-save the map in Tiled")
        return
    width, height = layer.attrs.get("width", "?"), layer.attrs.get("height", "?")
    if width.isdigit() and height.isdigit() and max(len(width), len(height)) < 9 \
            and max(int(width), int(height)) > MAX_MAP_TILES:
        ctx.error(where, f"tile layer '{name}' is {width}×{height} tiles; the most is {MAX_MAP_TILES} on a side",
                  "make the map smaller in Tiled (Map > Resize Map)")
        return
    if not (width.isdigit() and height.isdigit()) or count != int(width) * int(height):
        ctx.error(where, f"tile layer '{name}' has {count} tiles, expected {width}×{height}", "re-save the map in Tiled")


def _walk_layers(el: _El) -> list[_El]:
    """Layers in file order, looking inside group layers."""
    out: list[_El] = []
    for child in el.children:
        if child.tag == "group":
            out.extend(_walk_layers(child))
        elif child.tag in ("layer", "objectgroup", "imagelayer"):
            out.append(child)
    return out


def _read_props(ctx: _Ctx, obj: _El) -> list[tuple[str, str, PropValue | None, _El]]:
    """(name, declared type, value or None if unparseable, element) for each property."""
    out: list[tuple[str, str, PropValue | None, _El]] = []
    for props in obj.kids("properties"):
        for prop in props.kids("property"):
            name = prop.attrs.get("name", "")
            declared = prop.attrs.get("type", "string")
            raw = prop.attrs.get("value")
            if raw is None:
                raw = "".join(prop.text)
            value: PropValue | None
            if declared == "bool":
                value = {"true": True, "false": False}.get(raw)
                if value is None:
                    ctx.error(ctx.at(prop), f"property '{name}' has an invalid bool value '{raw}'")
                    ctx.reader_would_fail = True
            elif declared in ("int", "object"):
                try:
                    value = int(raw)
                except ValueError:
                    value = None
                    ctx.error(ctx.at(prop), f"property '{name}' has an invalid {declared} value '{raw}'")
                    ctx.reader_would_fail = True
            elif declared in ("string", "file", "color", "float", "enum"):
                value = raw
            else:
                value = None
            out.append((name, declared, value, prop))
    return out


def _tile_rect(x: float, y: float, w: float, h: float, tw: int, th: int) -> tuple[int, int, int, int]:
    x0, y0 = math.floor(x / tw), math.floor(y / th)
    x1 = max(x0 + 1, math.ceil((x + w) / tw))
    y1 = max(y0 + 1, math.ceil((y + h) / th))
    return x0, y0, x1 - x0, y1 - y0


def _read_object(
    ctx: _Ctx, obj: _El, width: int, height: int, tw: int, th: int, seen_ids: dict[int, _El]
) -> MapObject | None:
    pos = ctx.at(obj)
    try:
        oid = int(obj.attrs["id"])
    except (KeyError, ValueError):
        ctx.error(pos, "object has no id", "re-save the map in Tiled")
        return None
    if oid in seen_ids:
        ctx.error(pos, f"object id {oid} is used twice", f"the other is at line {seen_ids[oid].line}")
        return None
    seen_ids[oid] = obj
    kind = obj.attrs.get("type") or obj.attrs.get("class") or ""
    name = obj.attrs.get("name", "")
    if not kind:
        ctx.warning(pos, f"object {oid} has no class (ignored)", "set its Class in Tiled to " + ", ".join(KINDS[:-1]) + " or " + KINDS[-1])
        return None
    if kind not in SCHEMA:
        ctx.warning(pos, f"unknown object type '{kind}' (ignored)", _suggest(kind, KINDS) or "known types: " + ", ".join(KINDS))
        return None
    label = f"{kind} '{name}'" if name else f"{kind} object {oid}"
    if kind == "spawn" and name:
        ctx.spawn_names.add(name)
    if "template" in obj.attrs:
        ctx.error(pos, f"{label} uses a template, which is not supported", "detach the template in Tiled")
        return None
    try:
        x, y = float(obj.attrs.get("x", "0")), float(obj.attrs.get("y", "0"))
        w, h = float(obj.attrs.get("width", "0")), float(obj.attrs.get("height", "0"))
        if not all(math.isfinite(v) for v in (x, y, w, h)) or w < 0 or h < 0:
            raise ValueError
    except ValueError:
        ctx.error(pos, f"{label} has an invalid position or size")
        return None
    if "gid" in obj.attrs:  # tile objects are anchored at their bottom-left corner
        y -= h
    if kind in ("spawn", "npc", "point"):
        w = h = 0.0
    rect = _tile_rect(x, y, w, h, tw, th)
    ok = True
    if rect[0] < 0 or rect[1] < 0 or rect[0] + rect[2] > width or rect[1] + rect[3] > height:
        ctx.error(pos, f"{label} is outside the map ({width}×{height} tiles)")
        ok = False
    if kind == "spawn" and not name:
        ctx.error(pos, f"spawn object {oid} has no name", "name it 'default' or after the exit that leads here")
        ok = False
    if kind == "point" and not name:
        ctx.error(pos, f"point object {oid} has no name", "the dialogue names points: e.g. dinner_mat")
        ok = False

    schema = SCHEMA[kind]
    props: dict[str, PropValue] = {}
    seen: dict[str, _El] = {}
    for pname, declared, value, el in _read_props(ctx, obj):
        ppos = ctx.at(el)
        if pname in seen:
            ctx.error(ppos, f"property '{pname}' is set twice", f"the other is at line {seen[pname].line}")
            ok = False
            continue
        seen[pname] = el
        if pname in _reserved_names():
            ctx.error(ppos, f"property name '{pname}' is reserved by the map reader", "rename or remove it in Tiled")
            ctx.reader_would_fail = True
            ok = False
            continue
        spec = schema.get(pname)
        if spec is None:
            hint = _suggest(pname, list(schema)) or f"{kind} objects take: {', '.join(schema)}"
            ctx.warning(ppos, f"unknown property '{pname}' on {label} (ignored)", hint)
            continue
        if declared != spec.type:
            ctx.error(ppos, f"property '{pname}' must be a {spec.type}, not {declared}", "change its type in Tiled")
            ok = False
            continue
        if value is None:  # bad bool value, already reported
            ok = False
            continue
        if isinstance(value, str) and not value.strip():
            ctx.error(ppos, f"property '{pname}' is empty")
            ok = False
            continue
        if spec.choices and value not in spec.choices:
            hint = _suggest(str(value), spec.choices) or "one of: " + ", ".join(spec.choices)
            ctx.error(ppos, f"'{pname}' must be one of {', '.join(spec.choices)}, not '{value}'", hint)
            ok = False
            continue
        props[pname] = value.strip() if isinstance(value, str) else value
    for pname, spec in schema.items():
        if pname in props or pname in seen:
            continue
        if spec.required:
            ctx.error(pos, f"{label} is missing the property '{pname}'", f"add a {spec.type} property '{pname}' in Tiled")
            ok = False
        elif spec.default is not None:
            props[pname] = spec.default
    if not ok:
        return None
    ordered = {k: props[k] for k in schema if k in props}
    where = MappingProxyType({k: ctx.at(seen[k]) for k in ordered if k in seen})
    return MapObject(kind, name, rect, MappingProxyType(ordered), pos, f"{ctx.rel}#{oid}", where)  # type: ignore[arg-type]


def _pytmx():  # noqa: ANN202
    """Import pytmx late. pytmx imports pygame when it is installed; keep pygame's banner off stdout
    (``python main.py check --json`` output must stay clean)."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pytmx

    return pytmx


@functools.cache
def _reserved_names() -> frozenset[str]:
    """Object property names pytmx refuses (they clash with its own attributes)."""
    pytmx = _pytmx()

    attrs = {"id", "name", "type", "class", "x", "y", "width", "height", "rotation", "gid", "visible",
             "closed", "template", "custom_types", "parent", "properties", "points"}
    return frozenset(attrs | {n for n in dir(pytmx.TiledObject) if not n.startswith("__")})


def _load_solid(ctx: _Ctx, abs_path: Path, raw: bytes, width: int, height: int, map_pos: Pos) -> frozenset | None:
    try:
        from xml.etree import ElementTree

        pytmx = _pytmx()

        tm = pytmx.TiledMap()
        tm.filename = str(abs_path)
        tm.parse_xml(ElementTree.fromstring(raw))
        solid: set[tuple[int, int]] = set()
        for layer in tm.layers:
            if not isinstance(layer, pytmx.TiledTileLayer):
                continue
            every_tile = layer.name == COLLISION_LAYER
            for x, y, gid in layer.iter_data():
                if not gid or not (0 <= x < width and 0 <= y < height):
                    continue
                if every_tile:
                    solid.add((x, y))
                    continue
                props = tm.get_tile_properties_by_gid(gid)
                if props and props.get("solid") is True:
                    solid.add((x, y))
        return frozenset(solid)
    except Exception as exc:  # noqa: BLE001 - any pytmx failure becomes a problem, never a traceback
        detail = str(exc) or type(exc).__name__
        ctx.error(map_pos, f"the map could not be read: {detail}", "open and re-save it in Tiled")
        return None


def size_problems(path: Path) -> list[Problem]:
    """The file size and the <map> element's declared size against the limits, read from the first element only:
    for a map from anywhere (`--map`) before a full parser decodes layers of millions of tiles. Never raises."""
    ctx = _Ctx(path.parent, path.name)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            ctx.error(ctx.pos(1, 1), f"the map file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
            return ctx.problems
        if tiledjson.is_json(path):  # no first element to stop at: the JSON reader is bounded by the size above
            tree = tiledjson.map_tree(path.read_bytes())
            found_json = [_int_attr(ctx, tree, name) for name in ("width", "height", "tilewidth", "tileheight")]
            if None not in found_json:
                _check_size(ctx, ctx.at(tree), *found_json)  # type: ignore[arg-type]
            return [p for p in ctx.problems if "needs a whole-number" not in p.message]
        parser = expat.ParserCreate()
        found: list[tuple[dict[str, str], int, int]] = []

        def start(tag: str, attrs: dict[str, str]) -> None:
            if not found:
                found.append((attrs, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1))
                raise StopIteration  # the rest of the file is not needed

        parser.StartElementHandler = start
        with open(path, "rb") as handle:
            while not found:
                chunk = handle.read(64 * 1024)
                parser.Parse(chunk, not chunk)
                if not chunk:
                    break
    except StopIteration:
        pass
    except (OSError, expat.ExpatError, tiledjson.JsonError):
        return []  # the full reader reports it, with its position
    if not found:
        return []
    attrs, line, col = found[0]
    dims = []
    for name in ("width", "height", "tilewidth", "tileheight"):
        value = attrs.get(name, "")
        dims.append(int(value) if value.isdigit() and len(value) < 9 else None)
    if None not in dims:
        _check_size(ctx, ctx.pos(line, col), *dims)  # type: ignore[arg-type]
    return ctx.problems


def load_map_data(root: Path, path: Path) -> tuple[MapData | None, list[Problem]]:
    """Read one Tiled map. Never raises. ``MapData`` is ``None`` only if the map cannot be used at all;
    otherwise objects with errors are left out and the problems say why.

    ``path`` may be absolute or relative to ``root`` (the project folder)."""
    root = Path(root)
    abs_path = Path(path) if Path(path).is_absolute() else root / path
    ctx = _Ctx(root, _rel(root, abs_path))
    try:
        return _load(ctx, abs_path)
    except Exception as exc:  # noqa: BLE001 - last line of defence: a problem, never a traceback
        ctx.error(ctx.pos(1, 1), f"the map could not be read: {exc or type(exc).__name__}", "open and re-save it in Tiled")
        return None, sort_problems(ctx.problems)


def _load(ctx: _Ctx, abs_path: Path) -> tuple[MapData | None, list[Problem]]:
    top = ctx.pos(1, 1)
    try:
        with open(abs_path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        ctx.error(top, f"the map could not be opened ({exc.strerror or exc})")
        return None, ctx.problems
    if len(raw) > MAX_FILE_BYTES:
        ctx.error(top, f"the map file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, far more than any map needs",
                  "is it the right file? Re-save it in Tiled with Base64 (zlib compressed) layers")
        return None, ctx.problems
    try:
        tree = tiledjson.map_tree(raw) if tiledjson.is_json(abs_path) else _parse_xml(raw)
    except _XmlError as exc:
        ctx.error(ctx.pos(exc.line, exc.col), f"the map is not valid XML: {exc}", "open and re-save it in Tiled")
        return None, ctx.problems
    except tiledjson.JsonError as exc:
        ctx.error(ctx.pos(exc.line, exc.col), str(exc), "open it in Tiled and export it again as .tmj")
        return None, ctx.problems
    if tree.tag != "map":
        ctx.error(ctx.at(tree), f"this is not a Tiled map (root element is <{tree.tag}>)")
        return None, ctx.problems
    map_pos = ctx.at(tree)

    dims = [_int_attr(ctx, tree, a) for a in ("width", "height", "tilewidth", "tileheight")]
    if None not in dims and not _check_size(ctx, map_pos, *dims):  # type: ignore[arg-type]
        return None, sort_problems(ctx.problems)  # nothing else is read: the layers alone could be gigabytes
    if tree.attrs.get("orientation", "orthogonal") != "orthogonal":
        ctx.error(map_pos, f"map orientation must be orthogonal, not {tree.attrs['orientation']}")
    if tree.attrs.get("infinite") == "1":
        ctx.error(map_pos, "infinite maps are not supported", "uncheck 'Infinite' in the map properties in Tiled")
    tmx_dir = abs_path.parent
    for ts in tree.kids("tileset"):
        _check_tileset(ctx, ts, tmx_dir)
    layers = _walk_layers(tree)
    for layer in layers:
        if layer.tag == "imagelayer":
            for image in layer.kids("image"):
                if image.attrs.get("source"):
                    _check_image(ctx, image.attrs["source"], tmx_dir, ctx.at(image))
        elif layer.tag == "layer" and tree.attrs.get("infinite") != "1":
            _decode_layer(ctx, layer)
    if ctx.has_errors() or None in dims:
        return None, sort_problems(ctx.problems)
    width, height, tile_w, tile_h = dims  # type: ignore[misc]

    objects: list[MapObject] = []
    seen_ids: dict[int, _El] = {}
    object_layers = [lay for lay in layers if lay.tag == "objectgroup"]
    for group in object_layers:
        name = group.attrs.get("name", "")
        if name != OBJECT_LAYER:
            if group.kids("object"):
                ctx.warning(ctx.at(group), f"object layer '{name}' is ignored", f"map objects go on a layer named '{OBJECT_LAYER}'")
            continue
        for obj in group.kids("object"):
            made = _read_object(ctx, obj, width, height, tile_w, tile_h, seen_ids)
            if made is not None:
                objects.append(made)

    if ctx.reader_would_fail:
        return None, sort_problems(ctx.problems)
    if tiledjson.needs_conversion(abs_path):  # pytmx reads only TMX with .tsx tilesets: give it the same map as TMX
        try:
            raw = tiledjson.tmx_bytes(abs_path, tree)
        except (tiledjson.JsonError, OSError) as exc:
            ctx.error(map_pos, f"the map could not be read: {exc}", "open and re-save it in Tiled")
            return None, sort_problems(ctx.problems)
    solid = _load_solid(ctx, abs_path, raw, width, height, map_pos)
    if solid is None:
        return None, sort_problems(ctx.problems)

    points: dict[str, MapObject] = {}
    for o in objects:
        if o.kind == "point" and o.name in points:
            ctx.error(o.pos, f"two points are named '{o.name}'", f"the other is at line {points[o.name].pos.line}")
        elif o.kind == "point":
            points[o.name] = o
    spawns: dict[str, MapObject] = {}
    for o in objects:
        if o.kind != "spawn":
            continue
        if o.name in spawns:
            ctx.error(o.pos, f"two spawns are named '{o.name}'", f"the other is at line {spawns[o.name].pos.line}")
        else:
            spawns[o.name] = o
    if "default" not in ctx.spawn_names:
        anchor = next((ctx.at(g) for g in object_layers if g.attrs.get("name") == OBJECT_LAYER), map_pos)
        ctx.error(anchor, "the map has no spawn named 'default'", f"add a spawn object named 'default' on the '{OBJECT_LAYER}' layer")

    data = MapData(
        path=ctx.rel,
        width=width,
        height=height,
        tile_w=tile_w,
        tile_h=tile_h,
        solid=solid,
        objects=tuple(objects),
        pos=map_pos,
    )
    return data, sort_problems(ctx.problems)


__all__ = ["MapObject", "MapData", "load_map_data", "SCHEMA", "KINDS", "FACINGS", "DATA_FOLDERS"]
