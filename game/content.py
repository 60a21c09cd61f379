"""The whole content bundle — game settings, cast, scenes, maps, dialogue and interface strings — loaded and
cross-checked in one pass. Pure Python: the checker and the tests use it without a display.

Every problem found anywhere is returned at once, with its file position; ``Content`` is None when any is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from game.paths import rel, resolve_ref
from game.story.expr import ExprError, check_types, parse_condition
from game.story.loader import load_story
from game.story.model import Story
from game.story.problems import Pos, Problem, did_you_mean, has_errors
from game.story.yamlsrc import Reader, parse_yaml
from game.strings import Strings, load_strings
from game.world.tmxdata import MapData, MapObject, load_map_data

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
RESERVED_DIALOGUE = ("ui", "characters")


@dataclass(frozen=True, slots=True)
class Character:
    id: str
    sprite: Path | None
    faces: frozenset[str]
    color: tuple[int, int, int]
    pos: Pos

    def portrait(self, root: Path, face: str | None) -> Path | None:
        face = face if face in self.faces else ("neutral" if "neutral" in self.faces else None)
        return root / "assets" / "portraits" / self.id / f"{face}.png" if face else None


@dataclass(frozen=True, slots=True)
class SceneInfo:
    id: str
    map_path: Path
    map: MapData
    pos: Pos


@dataclass(frozen=True, slots=True)
class Content:
    root: Path
    lang: str
    start_scene: str
    player: str
    characters: Mapping[str, Character]
    scenes: Mapping[str, SceneInfo]
    story: Story
    strings: Strings

    def node_target(self, scene: str, ref: str) -> str:
        """A node named on a map object, as a full 'scene.node' id."""
        return ref if "." in ref else f"{scene}.{ref}"


class _Bundle:
    """Working state of one load: what has been read so far and the problems found."""

    def __init__(self, root: Path, lang: str) -> None:
        self.root = root
        self.lang = lang
        self.problems: list[Problem] = []
        self.files = 0

    def read(self, path: Path) -> tuple[object, Reader] | tuple[None, Reader]:
        relpath = rel(self.root, path)
        reader = Reader(relpath, self.problems)
        if not path.is_file():
            reader.error(Pos(relpath, 1, 1), "this file is missing")
            return None, reader
        self.files += 1
        try:
            data = path.read_bytes()
        except OSError as exc:
            reader.error(Pos(relpath, 1, 1), f"this file cannot be read ({exc.strerror})")
            return None, reader
        node, found = parse_yaml(data, relpath)
        self.problems += found
        return node, reader


def _load_game(b: _Bundle) -> tuple[str | None, str | None, Pos, Pos]:
    node, r = b.read(b.root / "scenes" / "game.yaml")
    here = Pos("scenes/game.yaml", 1, 1)
    fields = r.mapping(node, "the game file", required={"start", "player"}) if node is not None else None
    if not fields:
        return None, None, here, here
    start = r.ident(fields["start"][1], "the start scene") if "start" in fields else None
    player = r.ident(fields["player"][1], "the player character") if "player" in fields else None
    return (start, player, r.pos(fields["start"][1]) if "start" in fields else here,
            r.pos(fields["player"][1]) if "player" in fields else here)


def _load_characters(b: _Bundle) -> dict[str, Character]:
    path = b.root / "scenes" / "characters.yaml"
    node, r = b.read(path)
    out: dict[str, Character] = {}
    if node is None:
        return out
    for cid, (key, value) in (r.pairs(node, "the cast file") or {}).items():
        fields = r.mapping(value, f"the character '{cid}'", required={"portraits", "color"}, optional={"sprite"})
        if fields is None:
            continue
        sprite = None
        if "sprite" in fields:
            ref = r.string(fields["sprite"][1], "the sprite")
            if ref is not None:
                sprite = resolve_ref(b.root, b.root / "assets", ref)
                if sprite is None:
                    r.error(fields["sprite"][1], "the sprite path leaves the project's data folders",
                            "write a path inside assets/, e.g. sprites/meera.png")
                elif not sprite.is_file():
                    r.error(fields["sprite"][1], f"there is no sprite file assets/{ref}")
                    sprite = None
        faces: set[str] = set()
        if "portraits" in fields:
            for item in r.seq(fields["portraits"][1], "the portraits") or []:
                face = r.ident(item, "a portrait expression")
                if face is None:
                    continue
                faces.add(face)
                if not (b.root / "assets" / "portraits" / cid / f"{face}.png").is_file():
                    r.error(item, f"there is no portrait file assets/portraits/{cid}/{face}.png")
        color = (60, 60, 60)
        if "color" in fields:
            text = r.string(fields["color"][1], "the colour")
            if text is not None and _COLOR.match(text):
                color = tuple(int(text[i:i + 2], 16) for i in (1, 3, 5))
            elif text is not None:
                r.error(fields["color"][1], f"'{text}' is not a colour", "write it like \"#b8462e\" (in quotes)")
        out[cid] = Character(cid, sprite, frozenset(faces), color, r.pos(key))
    return out


def _load_scenes(b: _Bundle) -> dict[str, SceneInfo]:
    scenes: dict[str, SceneInfo] = {}
    base = b.root / "scenes"
    for folder in sorted(p for p in base.iterdir() if p.is_dir()) if base.is_dir() else []:
        if folder.name == "tilesets" or folder.name.startswith("."):
            continue
        node, r = b.read(folder / "scene.yaml")
        fields = r.mapping(node, "the scene file", required={"map"}) if node is not None else None
        if not fields or "map" not in fields:
            continue
        ref = r.string(fields["map"][1], "the map")
        if ref is None:
            continue
        map_path = resolve_ref(b.root, folder, ref)
        if map_path is None:
            r.error(fields["map"][1], "the map path leaves the project's data folders",
                    "name a .tmx file inside this scene's folder")
            continue
        if not map_path.is_file():
            r.error(fields["map"][1], f"there is no map file '{ref}' in {rel(b.root, folder)}",
                    did_you_mean(ref, [p.name for p in folder.glob("*.tmx")]))
            continue
        b.files += 1
        data, found = load_map_data(b.root, map_path)
        b.problems += found
        if data is not None:
            scenes[folder.name] = SceneInfo(folder.name, map_path, data, r.pos(fields["map"][1]))
    return scenes


def _object_pos(obj: MapObject, prop: str) -> Pos:
    return obj.prop_pos.get(prop, obj.pos) if hasattr(obj, "prop_pos") else obj.pos


def _check_maps(b: _Bundle, scenes: Mapping[str, SceneInfo], characters: Mapping[str, Character],
                story: Story | None) -> None:
    var_types = {name: decl.type for name, decl in story.var_decls.items()} if story else None
    for sid, info in scenes.items():
        for obj in info.map.objects:
            def err(prop: str, message: str, hint: str = "") -> None:
                b.problems.append(Problem(_object_pos(obj, prop), "error", message, hint))

            node_ref = obj.props.get("node")
            if isinstance(node_ref, str) and story is not None:
                full = node_ref if "." in node_ref else f"{sid}.{node_ref}"
                scene_id, _, node_id = full.partition(".")
                scene = story.scenes.get(scene_id)
                if scene is None or node_id not in scene.nodes:
                    known = list(scene.nodes) if scene else []
                    err("node", f"the {obj.kind} '{obj.name or obj.kind}' starts the dialogue node '{node_ref}', "
                                f"which does not exist in dialogue/{b.lang}/{scene_id}.yaml", did_you_mean(node_id, known))
            if obj.kind == "npc":
                cid = obj.props.get("character")
                if isinstance(cid, str) and cid not in characters:
                    err("character", f"unknown character '{cid}'", did_you_mean(cid, characters))
                elif isinstance(cid, str) and characters[cid].sprite is None:
                    err("character", f"the character '{cid}' has no sprite, so it cannot stand on a map",
                        "give it a sprite in scenes/characters.yaml")
            if obj.kind == "exit":
                to = obj.props.get("to")
                spawn = obj.props.get("spawn", "default")
                if isinstance(to, str) and to not in scenes:
                    err("to", f"the exit leads to the scene '{to}', which has no folder under scenes/",
                        did_you_mean(to, scenes))
                elif isinstance(to, str):
                    spawns = [o.name for o in scenes[to].map.objects if o.kind == "spawn"]
                    if spawn not in spawns:
                        err("spawn", f"the map of '{to}' has no spawn point named '{spawn}'", did_you_mean(str(spawn), spawns))
            cond = obj.props.get("if")
            if isinstance(cond, str) and cond.strip() and var_types is not None:
                try:
                    expr = parse_condition(cond)
                except ExprError as exc:
                    err("if", f"the condition '{cond}' cannot be read: {exc.message} (at character {exc.column})")
                    continue
                for message, _col in check_types(expr, var_types):
                    err("if", f"in the condition '{cond}': {message}")


def external_entries(scenes: Mapping[str, SceneInfo]) -> set[str]:
    """Dialogue nodes started from maps (NPCs and triggers): the story graph is entered there."""
    out = set()
    for sid, info in scenes.items():
        for obj in info.map.objects:
            ref = obj.props.get("node")
            if isinstance(ref, str) and ref:
                out.add(ref if "." in ref else f"{sid}.{ref}")
    return out


def load_content(root: Path, lang: str = "en") -> tuple[Content | None, list[Problem], int]:
    b = _Bundle(root, lang)
    start, player, start_pos, player_pos = _load_game(b)
    characters = _load_characters(b)
    scenes = _load_scenes(b)
    strings, found, nfiles = load_strings(root, lang)
    b.problems += found
    b.files += nfiles
    faces = {cid: c.faces for cid, c in characters.items()}
    story, found, nfiles = load_story(root, lang, characters=faces, external_entries=external_entries(scenes))
    b.problems += found
    b.files += nfiles
    _check_maps(b, scenes, characters, story)
    if start is not None and start not in scenes and not (root / "scenes" / start).is_dir():
        b.problems.append(Problem(start_pos, "error", f"the start scene '{start}' has no folder under scenes/",
                                  did_you_mean(start, scenes)))
    if player is not None:
        if player not in characters:
            b.problems.append(Problem(player_pos, "error", f"the player character '{player}' is not in the cast",
                                      did_you_mean(player, characters)))
        elif characters[player].sprite is None:
            b.problems.append(Problem(player_pos, "error", f"the player character '{player}' has no sprite"))
    if story is not None:
        for sid, info in scenes.items():
            if sid not in story.scenes:
                b.problems.append(Problem(info.pos, "error", f"the scene '{sid}' has no dialogue file",
                                          f"add dialogue/{lang}/{sid}.yaml"))
    if has_errors(b.problems) or story is None or start is None or player is None:
        return None, b.problems, b.files
    content = Content(root, lang, start, player, MappingProxyType(characters), MappingProxyType(scenes), story, strings)
    return content, b.problems, b.files
