"""The whole content bundle — game settings and chapters, cast, scenes, maps, dialogue, sounds and interface strings —
loaded and
cross-checked in one pass. Pure Python: the checker and the tests use it without a display.

Every problem found anywhere is returned at once, with its file position; ``Content`` is None when any is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Mapping, Protocol

from game.i18n.catalog import Catalog
from game.paths import rel, resolve_ref
from game.story.expr import ExprError, check_types, parse_condition
from game.story.loader import load_story
from game.story.model import CONTENT_TAGS, Story
from game.story.problems import Pos, Problem, did_you_mean, has_errors
from game.story.yamlsrc import IDENT_HINT, IDENT_RE, Reader, parse_yaml, paused_gc
from game.strings import HelpCard, Strings, load_help, load_strings
from game.world.tmxdata import MapData, MapObject, load_map_data

if TYPE_CHECKING:
    from game.classroom.guidetext import GuideText
    from game.classroom.survey import Survey
    from game.story.graphcheck import VariableUses
    from game.story.loader import FileReading
    from game.story.model import Scene


class Reuse(Protocol):
    """What `check` kept from its last run and offers the load (game/readcache.py): one file's reading, one scene's
    variable uses, the story graph's loops and traps. Each answers what the plain function would."""

    def read(self, data: bytes, path: str) -> FileReading: ...

    def variable_uses(self, scene: Scene) -> VariableUses: ...

    def graph(self, story: Story) -> list[Problem]: ...

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
RESERVED_DIALOGUE = ("ui", "characters", "help", "survey", "guide")
GAME_FILE = "scenes/game.yaml"


@dataclass(frozen=True, slots=True)
class Chapter:
    id: str
    scenes: tuple[str, ...]  # where the chapter plays; it starts in the first (at its map's default spawn)
    intro: str | None  # full node id ("home.arrive") that starts by itself when the chapter begins
    pos: Pos
    content: tuple[str, ...] = ()  # content tags (model.CONTENT_TAGS): a calm note names them as the chapter starts


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
    chapters: tuple[Chapter, ...] = ()
    # Texts in the player's language: catalog.text(id, source). For the source language it returns the source.
    catalog: Catalog = field(default_factory=Catalog.source)
    # The source-language content this was translated from (None: this is it). A language switch translates it again
    # instead of re-reading and re-checking every source file.
    source: "Content | None" = field(default=None, repr=False, compare=False)
    survey: "Survey | None" = None  # the class survey (dialogue/en/survey.yaml); None when the project has none
    guide: "GuideText | None" = None  # what the facilitator guide adds to the story (dialogue/en/guide.yaml)
    # What is worked out once from this (source) content and asked for again at each language switch.
    _memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def source_strings(self) -> Mapping[str, list]:
        """Every source-language text a translation is checked against (interface, story, survey, guide), per source
        file stem. The same at every language switch, so made once: it re-reads ui.yaml for its positions."""
        from game.i18n.sources import story_strings, strings_of

        found = self._memo.get("sources")
        if found is None:
            found = self._memo["sources"] = MappingProxyType({
                **strings_of(self.strings, SOURCE_LANG, self.root), **story_strings(self.story),
                **self.extra_sources()})
        return found  # type: ignore[return-value]

    def extra_sources(self) -> dict[str, list]:
        """Translatable texts outside the story and ui.yaml (the survey, the guide), per source file stem."""
        from game.classroom.guidetext import guide_strings
        from game.classroom.survey import survey_strings

        out: dict[str, list] = {}
        if self.survey is not None:
            out["survey"] = survey_strings(self.survey)
        if self.guide is not None:
            out["guide"] = guide_strings(self.guide)
        return out

    def chapter_of(self, scene_id: str) -> Chapter | None:
        """The chapter that plays in this scene (None for a scene in no chapter)."""
        return next((c for c in self.chapters if scene_id in c.scenes), None)

    def next_chapter(self, chapter_id: str) -> Chapter | None:
        """The chapter after this one (None after the last, or for an unknown id)."""
        ids = [c.id for c in self.chapters]
        if chapter_id not in ids:
            return None
        i = ids.index(chapter_id) + 1
        return self.chapters[i] if i < len(self.chapters) else None

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


@dataclass(slots=True)
class _Game:
    """What scenes/game.yaml says, before the scenes and the dialogue it names are checked."""
    player: str | None = None
    player_pos: Pos = Pos(GAME_FILE, 1, 1)
    chapters: list[Chapter] = field(default_factory=list)
    scene_pos: dict[str, list[Pos]] = field(default_factory=dict)  # chapter -> where each of its scenes is named
    intro_pos: dict[str, Pos] = field(default_factory=dict)  # chapter -> where its intro is named
    legacy_start: str | None = None  # the old 'start:' key, turned into one chapter once the scenes are known
    legacy_pos: Pos = Pos(GAME_FILE, 1, 1)

    @property
    def intros(self) -> set[str]:
        return {c.intro for c in self.chapters if c.intro}


def _load_game(b: _Bundle) -> _Game:
    node, r = b.read(b.root / "scenes" / "game.yaml")
    game = _Game()
    fields = r.mapping(node, "the game file", required={"player"}, optional={"chapters", "start"}) \
        if node is not None else None
    if not fields:
        return game
    if "player" in fields:
        game.player = r.ident(fields["player"][1], "the player character")
        game.player_pos = r.pos(fields["player"][1])
    if "start" in fields and "chapters" in fields:
        r.error(fields["start"][0], "'start' and 'chapters' both say where the game begins",
                "remove 'start': the game begins with the first chapter")
    elif "start" in fields:
        game.legacy_start = r.ident(fields["start"][1], "the start scene")
        game.legacy_pos = r.pos(fields["start"][1])
        r.warning(fields["start"][0], "'start' is the old way to say where the game begins: use chapters",
                  "write  chapters: [{id: ..., scenes: [...]}]  as in docs/maps.md; 'start' stops working soon")
    elif "chapters" in fields:
        _read_chapters(game, r, fields["chapters"][1])
    else:
        r.error(node, "the game file has no chapters", "add 'chapters:' with at least one chapter (docs/maps.md)")
    return game


def _read_chapters(game: _Game, r: Reader, node: object) -> None:
    items = r.seq(node, "'chapters'")  # type: ignore[arg-type]
    if items is None:
        return
    if not items:
        r.error(node, "there are no chapters", "a game needs at least one chapter")  # type: ignore[arg-type]
    seen: dict[str, Pos] = {}
    for item in items:
        fields = r.mapping(item, "a chapter", required={"id", "scenes"}, optional={"intro", "content"})
        if fields is None or "id" not in fields:
            continue
        cid = r.ident(fields["id"][1], "the chapter id")
        if cid is None:
            continue
        if cid in seen:
            r.error(fields["id"][1], f"duplicate chapter id '{cid}' (first at line {seen[cid].line})",
                    "chapter ids must be unique; give this one a new name")
            continue
        seen[cid] = r.pos(fields["id"][1])
        scenes: list[str] = []
        game.scene_pos[cid] = []
        listed = r.seq(fields["scenes"][1], f"the scenes of the chapter '{cid}'") if "scenes" in fields else None
        if listed == []:
            r.error(fields["scenes"][1], f"the chapter '{cid}' has no scenes", "list where it plays: scenes: [home]")
        for scene_node in listed or []:
            sid = r.ident(scene_node, "a scene id")
            if sid is not None:
                scenes.append(sid)
                game.scene_pos[cid].append(r.pos(scene_node))
        intro = None
        if "intro" in fields and scenes:
            text = r.string(fields["intro"][1], "the intro node")
            parts = text.split(".") if text is not None else []
            if text is not None and (len(parts) > 2 or not all(IDENT_RE.match(p) for p in parts)):
                r.error(fields["intro"][1], f"the intro '{text}' should be a node id or 'scene.node'", IDENT_HINT)
            elif text is not None:
                intro = text if len(parts) == 2 else f"{scenes[0]}.{text}"
                game.intro_pos[cid] = r.pos(fields["intro"][1])
        content = _read_tags(r, fields["content"][1], cid) if "content" in fields else ()
        if scenes:
            game.chapters.append(Chapter(cid, tuple(scenes), intro, r.pos(item), content))  # type: ignore[arg-type]


def _read_tags(r: Reader, node: object, chapter: str) -> tuple[str, ...]:
    """A chapter's content tags: ids from the one list the game has words for (the same as dialogue notes use)."""
    out: list[str] = []
    for item in r.seq(node, f"the content tags of the chapter '{chapter}'") or []:  # type: ignore[arg-type]
        tag = r.ident(item, "a content tag")
        if tag is None:
            continue
        if tag not in CONTENT_TAGS:
            r.error(item, f"unknown content tag '{tag}'",
                    did_you_mean(tag, CONTENT_TAGS) or "known tags: " + ", ".join(CONTENT_TAGS))
        elif tag in out:
            r.warning(item, f"the tag '{tag}' is named twice", "name each tag once")
        else:
            out.append(tag)
    return tuple(out)


def _check_chapters(b: _Bundle, game: _Game, scenes: Mapping[str, SceneInfo], story: Story | None) -> None:
    folders = sorted(p.name for p in (b.root / "scenes").iterdir()
                     if p.is_dir() and p.name != "tilesets" and not p.name.startswith(".")) \
        if (b.root / "scenes").is_dir() else []
    owner: dict[str, Chapter] = {}
    for chapter in game.chapters:
        positions = game.scene_pos.get(chapter.id, [])
        for i, sid in enumerate(chapter.scenes):
            pos = positions[i] if i < len(positions) else chapter.pos
            if sid in owner:
                first = owner[sid]
                where = "earlier in this chapter" if first is chapter else \
                    f"in the chapter '{first.id}' (line {first.pos.line})"
                b.problems.append(Problem(pos, "error", f"the scene '{sid}' is already {where}",
                                          "a scene belongs to one chapter"))
                continue
            owner[sid] = chapter
            if sid not in scenes and sid not in folders:
                b.problems.append(Problem(pos, "error", f"the chapter '{chapter.id}' plays in the scene '{sid}', "
                                          "which has no folder under scenes/", did_you_mean(sid, folders)))
        if chapter.intro and story is not None:
            scene_id, _, node_id = chapter.intro.partition(".")
            scene = story.scenes.get(scene_id)
            pos = game.intro_pos.get(chapter.id, chapter.pos)
            if scene is None:
                b.problems.append(Problem(pos, "error", f"the intro '{chapter.intro}' names the scene '{scene_id}', "
                                          f"which has no dialogue file", did_you_mean(scene_id, story.scenes)))
            elif node_id not in scene.nodes:
                b.problems.append(Problem(pos, "error", f"the intro node '{node_id}' does not exist in "
                                          f"dialogue/{b.lang}/{scene_id}.yaml", did_you_mean(node_id, scene.nodes)))
    if game.chapters:
        for sid in scenes:
            if sid not in owner:
                b.problems.append(Problem(Pos(f"scenes/{sid}/scene.yaml", 1, 1), "warning",
                                          f"the scene '{sid}' is not in any chapter",
                                          f"add it to the scenes of a chapter in {GAME_FILE}"))
    if story is not None:
        for chapter in game.chapters:
            _check_debrief(b, chapter, story)


def _check_debrief(b: _Bundle, chapter: Chapter, story: Story) -> None:
    """The chapter's first scene should say what happened and ask 2 or 3 questions (a warning while being written)."""
    scene = story.scenes.get(chapter.scenes[0])
    if scene is None:
        return
    hint = "see 'The debrief' in docs/dialogue-format.md"
    if scene.debrief is None:
        b.problems.append(Problem(scene.pos, "warning", f"the chapter '{chapter.id}' begins in this scene, "
                                  "which has no 'debrief:' for the end of the chapter", hint))
        return
    if not scene.debrief.happened:
        b.problems.append(Problem(scene.debrief.pos, "warning", "the debrief has nothing under 'happened'",
                                  "add at least one thing the player's choices led to"))
    if not 2 <= len(scene.debrief.questions) <= 3:
        b.problems.append(Problem(scene.debrief.pos, "warning", f"the debrief has {len(scene.debrief.questions)} "
                                  "questions; it should have 2 or 3", hint))


def _legacy_chapter(game: _Game, scenes: Mapping[str, SceneInfo]) -> None:
    """Old game files name only a start scene: play the whole game as one chapter that begins there."""
    start = game.legacy_start
    if start is None:
        return
    others = tuple(sid for sid in scenes if sid != start)
    game.chapters.append(Chapter(start, (start, *others), None, game.legacy_pos))
    game.scene_pos[start] = [game.legacy_pos]


def _sound_names(root: Path) -> frozenset[str]:
    folder = root / "assets" / "sound"
    return frozenset(p.stem for p in folder.glob("*.wav") if p.is_file()) if folder.is_dir() else frozenset()


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
                    did_you_mean(ref, [p.name for p in folder.iterdir() if p.suffix in (".tmx", ".tmj")]))
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
            def err(prop: str, message: str, hint: str = "", refers: tuple[str, ...] = ()) -> None:
                b.problems.append(Problem(_object_pos(obj, prop), "error", message, hint, refers))

            node_ref = obj.props.get("node")
            if isinstance(node_ref, str) and story is not None:
                full = node_ref if "." in node_ref else f"{sid}.{node_ref}"
                scene_id, _, node_id = full.partition(".")
                scene = story.scenes.get(scene_id)
                if scene is None or node_id not in scene.nodes:
                    known = list(scene.nodes) if scene else []
                    err("node", f"the {obj.kind} '{obj.name or obj.kind}' starts the dialogue node '{node_ref}', "
                                f"which does not exist in dialogue/{b.lang}/{scene_id}.yaml", did_you_mean(node_id, known),
                        (scene.path,) if scene else ())
            if obj.kind == "npc":
                cid = obj.props.get("character")
                if isinstance(cid, str) and cid not in characters:
                    err("character", f"unknown character '{cid}'", did_you_mean(cid, characters),
                        ("scenes/characters.yaml",))
                elif isinstance(cid, str) and characters[cid].sprite is None:
                    err("character", f"the character '{cid}' has no sprite, so it cannot stand on a map",
                        "give it a sprite in scenes/characters.yaml", ("scenes/characters.yaml",))
            if obj.kind == "exit":
                to = obj.props.get("to")
                spawn = obj.props.get("spawn", "default")
                if isinstance(to, str) and to not in scenes and IDENT_RE.fullmatch(to) \
                        and (b.root / "scenes" / to).is_dir():
                    pass  # its map could not be read: that problem is reported at the map, not here
                elif isinstance(to, str) and to not in scenes:
                    err("to", f"the exit leads to the scene '{to}', which has no folder under scenes/",
                        did_you_mean(to, scenes))
                elif isinstance(to, str):
                    spawns = [o.name for o in scenes[to].map.objects if o.kind == "spawn"]
                    if spawn not in spawns:
                        err("spawn", f"the map of '{to}' has no spawn point named '{spawn}'", did_you_mean(str(spawn), spawns),
                            (scenes[to].map.path,))
            cond = obj.props.get("if")
            if isinstance(cond, str) and cond.strip() and var_types is not None:
                try:
                    expr = parse_condition(cond)
                except ExprError as exc:
                    err("if", f"the condition '{cond}' cannot be read: {exc.message} (at character {exc.column})")
                    continue
                for message, _col in check_types(expr, var_types):
                    err("if", f"in the condition '{cond}': {message}")


def stage_names(characters: Mapping[str, Character], scenes: Mapping[str, SceneInfo]) -> dict:
    """What staging steps may name: characters with a sprite, and each scene's `point` objects."""
    return {"actors": frozenset(cid for cid, c in characters.items() if c.sprite is not None),
            "points": {sid: frozenset(o.name for o in info.map.objects if o.kind == "point")
                       for sid, info in scenes.items()}}


def external_entries(scenes: Mapping[str, SceneInfo], chapters: tuple[Chapter, ...] | list[Chapter] = ()) -> set[str]:
    """Dialogue nodes started from outside the dialogue — by map objects (people, things, triggers) and as chapter
    intros: the story graph is entered there."""
    out = {c.intro for c in chapters if c.intro}
    for sid, info in scenes.items():
        for obj in info.map.objects:
            ref = obj.props.get("node")
            if isinstance(ref, str) and ref:
                out.add(ref if "." in ref else f"{sid}.{ref}")
    return out


SOURCE_LANG = "en"


def load_content_or_english(root: Path, lang: str) -> tuple[Content | None, list[Problem], int]:
    """For a window that must open: the content in ``lang``, or in English when that language's files have errors
    (the student or teacher can still play or teach; `check --lang` names the mistakes)."""
    content, problems, files = load_content(root, lang)
    if content is None and lang != SOURCE_LANG:
        content, problems, files = load_content(root, SOURCE_LANG)
    return content, problems, files


def load_content_safely(root: Path, lang: str = SOURCE_LANG) -> tuple[Content | None, list[Problem], int]:
    """load_content for the command line: a last line of defence, as in `check`, so a facilitator never sees a
    traceback; anything unexpected becomes one problem to report."""
    try:
        return load_content(root, lang)
    except Exception as exc:  # noqa: BLE001
        return None, [Problem(Pos(".", 1, 1), "error", f"the content could not be loaded: {type(exc).__name__}: "
                              f"{exc}", "please report this together with the files you changed")], 0


def load_content(root: Path, lang: str = SOURCE_LANG, source: Content | None = None, reuse: Reuse | None = None
                 ) -> tuple[Content | None, list[Problem], int]:
    """The story, cast, maps and interface strings always come from the source language (dialogue/en/), so the model
    and its checks do not depend on the language; for another language the interface strings, names and help card
    are then translated through its catalogue (dialogue/<lang>/, then its parent languages), whose problems are
    returned with the others. ``source``: the source-language content already loaded (its own problems were reported
    when it was), to translate again without reading the source files. ``reuse``: what `check` kept from its last
    run (game/readcache.py); the game passes none."""
    # Tens of thousands of small objects, none in a cycle (see paused_gc): one pause for the whole load, not one per
    # file, or the collector walks everything read so far again after every file (a fifth of a language switch).
    with paused_gc():
        return _load_content(root, lang, source, reuse)


def _load_content(root: Path, lang: str, source: Content | None, reuse: Reuse | None
                  ) -> tuple[Content | None, list[Problem], int]:
    if source is not None:
        content, problems, files = source, [], 0
    else:
        content, problems, files = _load_source(root, reuse)
    if lang == SOURCE_LANG:
        return content, problems, files
    from game.i18n import checks
    from game.i18n.locale import lang_chain

    if not any((root / "dialogue" / code).is_dir() for code in lang_chain(lang) if code != SOURCE_LANG):
        problems.append(Problem(Pos(f"dialogue/{lang}", 1, 1), "error", f"there is no language folder dialogue/{lang}",
                                f"`python main.py i18n new {lang}` creates it"))
        return None, problems, files
    if content is None:
        return None, problems, files
    catalog, found = Catalog.load(root, lang, content.source_strings())
    problems += found
    problems += checks.check_catalog(catalog, content.story)
    files += sum(len(layer) for layer in catalog.files.values())
    help_card, help_files = _help_for(root, catalog, content.strings.help, problems)
    files += help_files
    strings = content.strings
    translated = Strings(
        MappingProxyType({key: catalog.text(f"ui.{key}", text) for key, text in strings.ui.items()}),
        MappingProxyType({cid: catalog.text(f"characters.{cid}.name", name) for cid, name in strings.names.items()}),
        help_card)
    story = _with_overrides(content, catalog, problems)
    if has_errors(problems):
        return None, problems, files
    return replace(content, lang=lang, strings=translated, catalog=catalog, story=story, source=content), problems, files


def _with_overrides(content: Content, catalog: Catalog, problems: list[Problem]) -> Story:
    """The story with the nodes a language (or its parent) rewrote for its place; the most specific language wins."""
    from game.story.loader import override_nodes

    faces = {cid: c.faces for cid, c in content.characters.items()}
    sounds = {p.stem for p in (content.root / "assets" / "sound").glob("*.wav")}
    chosen: dict[str, dict[str, object]] = {}
    for code in catalog.chain:
        for file in (catalog.files.get(code) or {}).values():
            scene_id = file.translates or file.stem
            if not file.nodes or scene_id not in content.story.scenes:
                continue
            nodes, found = override_nodes(file.path, scene_id, file.nodes, content.story, faces, sounds,
                                          **stage_names(content.characters, content.scenes))
            problems += found
            for name, node in nodes.items():
                if name in content.story.scenes[scene_id].nodes:
                    chosen.setdefault(scene_id, {}).setdefault(name, node)
    if not chosen:
        return content.story
    scenes = dict(content.story.scenes)
    for scene_id, nodes in chosen.items():
        scene = scenes[scene_id]
        scenes[scene_id] = replace(scene, nodes=MappingProxyType({**scene.nodes, **nodes}))
    catalog.own_nodes = frozenset(f"{sid}.{name}" for sid, nodes in chosen.items() for name in nodes)
    return replace(content.story, scenes=MappingProxyType(scenes))


def _help_for(root: Path, catalog: Catalog, source: HelpCard, problems: list[Problem]) -> tuple[HelpCard, int]:
    """The help card of the first language of the chain that has its own help.yaml (the source's otherwise)."""
    for code in catalog.chain:
        if code == SOURCE_LANG:
            break
        relpath = f"dialogue/{code}/help.yaml"
        if (root / relpath).is_file():
            return load_help(root, relpath, problems), 1
    return source, 0


def _guide_problems(found: list[Problem], guide: "GuideText | None", story: Story | None,
                    chapters: list[Chapter]) -> list[Problem]:
    """The facilitator guide is for teachers: a mistake in guide.yaml is reported (and stops `python main.py guide`),
    but never stops students from playing, so its errors count as warnings here."""
    if guide is not None and story is not None and not has_errors(found):
        from game.classroom.guidetext import check_guide_text

        found += check_guide_text(guide, story, chapters, gaps=False)
    return [p if not p.is_error else replace(p, severity="warning", message=p.message + " (the facilitator guide "
            "cannot be made until this is fixed; the game plays on)") for p in found]


def _load_source(root: Path, reuse: Reuse | None) -> tuple[Content | None, list[Problem], int]:
    lang = SOURCE_LANG
    b = _Bundle(root, lang)
    game = _load_game(b)
    characters = _load_characters(b)
    scenes = _load_scenes(b)
    _legacy_chapter(game, scenes)
    strings, found, nfiles = load_strings(root, lang)
    b.problems += found
    b.files += nfiles
    faces = {cid: c.faces for cid, c in characters.items()}
    story, found, nfiles = load_story(root, lang, characters=faces,
                                      external_entries=external_entries(scenes, game.chapters),
                                      sounds=_sound_names(root), read=reuse.read if reuse else None,
                                      **stage_names(characters, scenes))
    b.problems += found
    b.files += nfiles
    _check_maps(b, scenes, characters, story)
    _check_chapters(b, game, scenes, story)
    if story is not None:
        from game.guidance import check_goal_places

        b.problems += check_goal_places(story, scenes)
    from game.classroom.guidetext import load_guide_text
    from game.classroom.survey import load_survey

    survey = load_survey(root, b.problems)
    guide_found: list[Problem] = []
    guide = load_guide_text(root, guide_found)
    if has_errors(guide_found):
        guide = None
    b.problems += _guide_problems(guide_found, guide, story, game.chapters)
    if story is not None:
        from game.story.graphcheck import check_graph, check_variables, scene_variable_uses

        map_conditions = [c for info in scenes.values() for o in info.map.objects
                          if isinstance(c := o.props.get("if"), str)]
        b.problems += check_variables(story, map_conditions, reuse.variable_uses if reuse else scene_variable_uses)
        b.problems += (reuse.graph if reuse else check_graph)(story)
    player, player_pos = game.player, game.player_pos
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
    if has_errors(b.problems) or story is None or not game.chapters or player is None:
        return None, b.problems, b.files
    start = game.chapters[0].scenes[0]
    content = Content(root, lang, start, player, MappingProxyType(characters), MappingProxyType(scenes), story,
                      strings, tuple(game.chapters), survey=survey, guide=guide)
    return content, b.problems, b.files
