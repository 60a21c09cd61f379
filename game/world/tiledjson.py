"""Tiled's JSON formats (.tmj maps, .tsj tilesets), read into the same element tree as a .tmx.

pytmx reads only XML, and every check of a map (tmxdata.py) works on an element tree with line and column numbers.
So a JSON map is turned into exactly that tree — ``<map>``, ``<tileset>``, ``<layer><data encoding="csv">``,
``<objectgroup><object><properties><property>`` — with each element carrying the line and column of the JSON object
it came from. The checks, limits and messages are then the very ones a .tmx gets, and the renderer hands the same
tree, written back as TMX XML, to pytmx (``tmx_bytes``). External .tsj tilesets are put inside the XML, their image
paths made relative to the map, because pytmx opens only .tsx files itself.

Pure: no pygame. Never raises except ``JsonError`` (with a position) for a file that is not usable JSON.
"""

from __future__ import annotations

import html
import json
import json.decoder
import json.scanner
import os
from pathlib import Path
from typing import TYPE_CHECKING

from game.limits import MAX_FILE_BYTES

if TYPE_CHECKING:
    from game.world.tmxdata import _El

JSON_SUFFIXES = (".tmj", ".tsj", ".json")
# A 200×200 map with four layers is under 1 MB of JSON. Past this the file is refused before it is parsed, so a
# crafted file on a shared folder cannot make a lab PC spend seconds and hundreds of MB on it (the same limit as TMX).
MAX_JSON_BYTES = MAX_FILE_BYTES


class JsonError(Exception):
    def __init__(self, message: str, line: int, col: int) -> None:
        super().__init__(message)
        self.line = line
        self.col = col


def is_json(path: Path | str) -> bool:
    return Path(path).suffix.lower() in JSON_SUFFIXES


# --------------------------------------------------------------------------- JSON with positions


class _Obj(dict):
    """A JSON object that remembers where it starts (character offset)."""

    offset = 0


def _loads(text: str) -> object:
    """json.loads that records each object's offset. The pure-Python scanner is used so that objects can be
    marked; maps are small enough (MAX_JSON_BYTES) for it."""
    decoder = json.JSONDecoder()

    def parse_object(s_and_end, strict, scan_once, object_hook, object_pairs_hook, memo=None):  # noqa: ANN001
        start = s_and_end[1] - 1
        pairs, end = json.decoder.JSONObject(s_and_end, strict, scan_once, object_hook, list, memo)
        obj = _Obj()
        for key, value in pairs:
            if key in obj:
                raise JsonError(f"the key '{key}' is written twice", *_line_col(s_and_end[0], start))
            obj[key] = value
        obj.offset = start
        return obj, end

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)
    return decoder.decode(text)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def read_json(raw: bytes) -> tuple[object, str]:
    if len(raw) > MAX_JSON_BYTES:
        raise JsonError(f"the file is larger than {MAX_JSON_BYTES // (1024 * 1024)} MB", 1, 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JsonError("the file is not UTF-8 text", *_line_col(raw[:exc.start].decode("utf-8", "replace"),
                                                                 exc.start)) from None
    try:
        return _loads(text), text
    except json.JSONDecodeError as exc:
        raise JsonError(f"the file is not valid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise JsonError("the file is nested too deeply to be a Tiled file", 1, 1) from None


# --------------------------------------------------------------------------- JSON -> TMX element tree


def _scalar(value: object) -> str | None:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float, str)):
        return str(value)
    return None


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text

    def el(self, tag: str, obj: object, keys: dict[str, str] | tuple[str, ...] = ()) -> _El:
        from game.world.tmxdata import _El

        line, col = _line_col(self.text, obj.offset) if isinstance(obj, _Obj) else (1, 1)
        attrs: dict[str, str] = {}
        if isinstance(obj, dict):
            names = keys if isinstance(keys, dict) else {k: k for k in keys}
            for json_key, xml_key in names.items():
                value = _scalar(obj.get(json_key))
                if value is not None:
                    attrs[xml_key] = value
        return _El(tag, attrs, line, col)

    def properties(self, parent: _El, obj: dict) -> None:
        props = obj.get("properties")
        if isinstance(props, dict):  # Tiled before 1.2 wrote {"name": value}: no types, so no way to check them
            raise JsonError("the properties are in Tiled's old JSON format", parent.line, parent.col)
        if not isinstance(props, list) or not props:
            return
        holder = self.el("properties", obj)
        for prop in props:
            if not isinstance(prop, dict):
                continue
            el = self.el("property", prop, ("name", "type", "propertytype"))
            value = prop.get("value")
            text = ("true" if value else "false") if isinstance(value, bool) else _scalar(value)
            if text is not None:
                el.attrs["value"] = text
            holder.children.append(el)
        parent.children.append(holder)

    def image(self, obj: dict, source_key: str = "image") -> _El | None:
        if not isinstance(obj.get(source_key), str):
            return None
        el = self.el("image", obj, {source_key: "source", "imagewidth": "width", "imageheight": "height",
                                    "transparentcolor": "trans"})
        return el

    def tileset(self, obj: object, firstgid: bool) -> _El:
        if not isinstance(obj, dict):
            raise JsonError("a tileset must be a JSON object", 1, 1)
        keys = ("name", "tilewidth", "tileheight", "tilecount", "columns", "spacing", "margin", "source")
        el = self.el("tileset", obj, (("firstgid",) if firstgid else ()) + keys)
        self.properties(el, obj)
        image = self.image(obj)
        if image is not None:
            el.children.append(image)
        for tile in obj.get("tiles") or [] if isinstance(obj.get("tiles"), list) else []:
            if not isinstance(tile, dict):
                continue
            t = self.el("tile", tile, {"id": "id", "type": "type", "class": "type", "probability": "probability"})
            self.properties(t, tile)
            tile_image = self.image(tile)
            if tile_image is not None:
                t.children.append(tile_image)
            frames = tile.get("animation")
            if isinstance(frames, list) and frames:
                anim = self.el("animation", tile)
                anim.children = [self.el("frame", f, ("tileid", "duration")) for f in frames if isinstance(f, dict)]
                t.children.append(anim)
            el.children.append(t)
        return el

    def layer(self, obj: dict) -> _El | None:
        kind = obj.get("type")
        common = ("id", "name", "visible", "opacity", "offsetx", "offsety", "class")
        if kind == "tilelayer":
            el = self.el("layer", obj, common + ("width", "height"))
            self.properties(el, obj)
            el.children.append(self.data(obj))
            return el
        if kind == "objectgroup":
            el = self.el("objectgroup", obj, common + ("draworder",))
            self.properties(el, obj)
            for item in obj.get("objects") or [] if isinstance(obj.get("objects"), list) else []:
                if isinstance(item, dict):
                    el.children.append(self.object(item))
            return el
        if kind == "imagelayer":
            el = self.el("imagelayer", obj, common)
            self.properties(el, obj)
            image = self.image(obj)
            if image is not None:
                el.children.append(image)
            return el
        if kind == "group":
            el = self.el("group", obj, common)
            self.properties(el, obj)
            self.layers(el, obj)
            return el
        return None

    def layers(self, parent: _El, obj: dict) -> None:
        for item in obj.get("layers") or [] if isinstance(obj.get("layers"), list) else []:
            if isinstance(item, dict):
                made = self.layer(item)
                if made is not None:
                    parent.children.append(made)

    def data(self, layer: dict) -> _El:
        el = self.el("data", layer, ("encoding", "compression"))
        raw = layer.get("data")
        if isinstance(layer.get("chunks"), list):
            el.children.append(self.el("chunk", layer))  # an infinite map: refused by the checks, as for .tmx
        elif isinstance(raw, list):
            el.attrs["encoding"] = "csv"
            el.text.append(",".join(str(v) if isinstance(v, int) and not isinstance(v, bool) else "x" for v in raw))
        elif isinstance(raw, str):
            el.text.append(raw)  # base64, with the layer's "encoding" and "compression"
        return el

    def object(self, obj: dict) -> _El:
        el = self.el("object", obj, {"id": "id", "name": "name", "type": "type", "class": "class", "x": "x",
                                     "y": "y", "width": "width", "height": "height", "rotation": "rotation",
                                     "gid": "gid", "visible": "visible", "template": "template"})
        self.properties(el, obj)
        if obj.get("point") is True:
            el.children.append(self.el("point", obj))
        if obj.get("ellipse") is True:
            el.children.append(self.el("ellipse", obj))
        for shape in ("polygon", "polyline"):
            points = obj.get(shape)
            if isinstance(points, list):
                shape_el = self.el(shape, obj)
                shape_el.attrs["points"] = " ".join(f"{p.get('x', 0)},{p.get('y', 0)}" for p in points
                                                    if isinstance(p, dict))
                el.children.append(shape_el)
        return el


def map_tree(raw: bytes) -> _El:
    """A .tmj file as the element tree of the equivalent .tmx."""
    data, text = read_json(raw)
    b = _Builder(text)
    if not isinstance(data, dict) or data.get("type", "map") != "map":
        what = data.get("type") if isinstance(data, dict) else type(data).__name__
        raise JsonError(f"this is not a Tiled map (its type is '{what}')", 1, 1)
    root = b.el("map", data, ("version", "tiledversion", "orientation", "renderorder", "width", "height",
                              "tilewidth", "tileheight", "infinite", "nextlayerid", "nextobjectid", "class"))
    b.properties(root, data)
    for ts in data.get("tilesets") or [] if isinstance(data.get("tilesets"), list) else []:
        root.children.append(b.tileset(ts, firstgid=True))
    b.layers(root, data)
    return root


def tileset_tree(raw: bytes) -> _El:
    """A .tsj file as the element tree of the equivalent .tsx."""
    data, text = read_json(raw)
    if not isinstance(data, dict) or data.get("type", "tileset") != "tileset":
        what = data.get("type") if isinstance(data, dict) else type(data).__name__
        raise JsonError(f"this is not a Tiled tileset (its type is '{what}')", 1, 1)
    return _Builder(text).tileset(data, firstgid=False)


# --------------------------------------------------------------------------- element tree -> TMX XML for pytmx


def _quoteattr(value: str) -> str:
    # As xml.sax.saxutils.quoteattr, without importing it: it pulls in urllib and http (70 ms of every start-up).
    return '"' + html.escape(value).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;") + '"'


def _xml(el: _El, out: list[str]) -> None:
    attrs = "".join(f" {k}={_quoteattr(v)}" for k, v in el.attrs.items())
    body = "".join(el.text)
    if not el.children and not body:
        out.append(f"<{el.tag}{attrs}/>")
        return
    out.append(f"<{el.tag}{attrs}>")
    if body:
        out.append(html.escape(body, quote=False))
    for child in el.children:
        _xml(child, out)
    out.append(f"</{el.tag}>")


def _rebase(el: _El, from_dir: Path, to_dir: Path) -> None:
    """Image paths of a tileset moved from its own file into the map."""
    for child in el.children:
        if child.tag == "image" and child.attrs.get("source"):
            child.attrs["source"] = Path(os.path.relpath(from_dir / child.attrs["source"], to_dir)).as_posix()
        _rebase(child, from_dir, to_dir)


def inline_json_tilesets(tree: _El, map_dir: Path) -> None:
    """Put each external .tsj tileset inside the map (pytmx opens only .tsx). Only call on a checked map."""
    for i, ts in enumerate(tree.children):
        source = ts.attrs.get("source", "") if ts.tag == "tileset" else ""
        if not is_json(source):
            continue
        path = (map_dir / source).resolve()
        inner = tileset_tree(path.read_bytes())
        inner.attrs["firstgid"] = ts.attrs.get("firstgid", "1")
        _rebase(inner, path.parent, map_dir)
        tree.children[i] = inner


def tmx_bytes(path: Path, tree: _El | None = None) -> bytes:
    """The TMX XML pytmx reads for a .tmj map (or a .tmx with .tsj tilesets). Raises JsonError or OSError."""
    if tree is None:
        from game.world.tmxdata import _parse_xml

        raw = path.read_bytes()
        tree = map_tree(raw) if is_json(path) else _parse_xml(raw)
    inline_json_tilesets(tree, path.parent)
    out: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>']
    _xml(tree, out)
    return "".join(out).encode("utf-8")


def needs_conversion(path: Path) -> bool:
    """Whether pytmx cannot open this map by itself (JSON, or a .tmx naming a .tsj tileset)."""
    if is_json(path):
        return True
    try:
        head = path.read_bytes()[:65536]
    except OSError:
        return False
    return b".tsj\"" in head or b".json\"" in head


def load_pytmx(path: Path, image_loader=None):  # noqa: ANN001, ANN201
    """A ``pytmx.TiledMap`` for any map the checks accept (.tmx or .tmj, .tsx or .tsj tilesets)."""
    import pytmx
    from xml.etree import ElementTree

    if not needs_conversion(path):
        return pytmx.TiledMap(str(path), image_loader=image_loader) if image_loader else pytmx.TiledMap(str(path))
    tm = pytmx.TiledMap(image_loader=image_loader) if image_loader else pytmx.TiledMap()
    tm.filename = str(path)
    tm.parse_xml(ElementTree.fromstring(tmx_bytes(path)))
    return tm
