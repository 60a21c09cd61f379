"""Dialogue YAML -> typed Story, with every problem reported at its file position.

Reading happens in two passes: each file is read on its own (shape, ids, local
references), then cross-file checks (targets, variables, types, reachability) run
over all scenes, because a goto or a variable may live in another file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Collection, Mapping

from . import expr as ex
from .model import (ACT_TAGS, CONTENT_TAGS, DIRECTIONS, EMOTES, WAIT_SECONDS, Call, Choice, ContentNote, Debrief,
                    DebriefItem, Do, End, Ending, Goal, Jump, Line, Node, Option, Pause, Place, Scene, Stage, Step,
                    Story, Target,
                    VarDecl)
from .problems import Pos, Problem, did_you_mean, has_errors
from .yamlsrc import (IDENT_HINT, IDENT_RE, MappingNode, Node as YNode, Reader, SequenceNode, parse_yaml,
                      pos_in_scalar, pos_of)

RESERVED_FILES = frozenset({"ui.yaml", "characters.yaml", "help.yaml", "survey.yaml", "guide.yaml"})
DEBRIEF = "debrief"  # the section's name, also the middle part of its items' ids (home.debrief.q1)
AGAIN = "again"  # the talk-again lines' section, also the middle part of their ids (home.again.dadi)
KIND_KEYS = ("text", "choose", "goto", "call", "do", "end", "pause", "note",
             "appear", "walk", "leave", "turn", "emote", "camera", "wait",  # these seven: staging (section 12)
             "goal")  # guidance (section 13)
PAUSE_MINUTES = (1, 20)  # a suggested discussion length outside this is surely a typo
_STEP_KEYS = {
    "text": ({"id", "text"}, {"say", "face", "if", "sound"}),
    "choose": ({"id", "choose"}, {"fallback", "if", "label"}),
    "goto": ({"goto"}, {"if"}),
    "call": ({"call"}, {"if"}),
    "do": ({"do"}, {"if"}),
    "end": ({"end"}, {"if"}),
    "pause": ({"id", "pause"}, {"if"}),
    "note": ({"id", "note"}, {"if"}),
    "goal": ({"id", "goal", "at"}, {"hint", "if"}),  # guidance: what the player is trying to do next
    # staging: no id, no text (a staging step shows nothing to read, so there is nothing to translate)
    "appear": ({"appear", "at"}, {"facing", "if"}),
    "walk": ({"walk", "to"}, {"facing", "if"}),
    "leave": ({"leave"}, {"to", "if"}),
    "turn": ({"turn", "to"}, {"if"}),
    "emote": ({"emote", "icon"}, {"if"}),
    "camera": ({"camera"}, {"if"}),
    "wait": ({"wait"}, {"if"}),
}
_WHAT = {"text": "a line", "choose": "a choice", "goto": "a goto step", "call": "a call step",
         "do": "a do step", "end": "an end step", "pause": "a pause point",
         "note": "a content note", "appear": "an appear step", "walk": "a walk step", "leave": "a leave step",
         "turn": "a turn step", "emote": "an emote step", "camera": "a camera step", "wait": "a wait step",
         "goal": "a goal"}

@dataclass(frozen=True, slots=True)
class ScalarAt:
    """Where a column inside a scalar's text is in the file (yamlsrc.pos_in_scalar), as data rather than a closure
    over the YAML node: a file's reading can then be kept between checks (game/readcache.py). ``shift`` is -1 when
    the text is not on one line as written (a block or folded scalar): every column is then the value's start.
    Plain fields only, so a kept reading decodes it in one step (codec.py)."""
    path: str
    line: int
    col: int
    shift: int

    @classmethod
    def of(cls, node: YNode, path: str) -> ScalarAt:
        # pos_in_scalar's own answer for columns 1 and 2, so its rules (quotes, blocks, folding) live in one place.
        start, first, second = pos_of(node, path), pos_in_scalar(node, path, 1), pos_in_scalar(node, path, 2)
        return cls(path, start.line, start.col, first.col - start.col if second != first else -1)

    def __call__(self, column: int) -> Pos:
        shift = 0 if self.shift < 0 else self.shift + max(column, 1) - 1
        return Pos(self.path, self.line, self.col + shift)


PosAt = ScalarAt  # column inside a scalar -> file position


@dataclass
class Pending:
    """What a file refers to outside itself, checked once every file is read."""
    targets: list[tuple[Target, Pos, str]] = field(default_factory=list)
    conds: list[tuple[ex.Expr, PosAt]] = field(default_factory=list)
    effects: list[tuple[tuple[ex.Effect, ...], PosAt]] = field(default_factory=list)
    templates: list[tuple[str, int, PosAt]] = field(default_factory=list)  # var name, column
    speakers: list[tuple[str, str | None, Pos, Pos | None]] = field(default_factory=list)
    visits: list[tuple[str, Pos]] = field(default_factory=list)
    sounds: list[tuple[str, Pos]] = field(default_factory=list)
    # staging: (what, name, scene, position) with what = "who" | "point" | "face" | "camera", checked against the
    # cast and the maps' `point` objects once they are known
    staged: list[tuple[str, str, str, Pos]] = field(default_factory=list)


class _FileReader:
    def __init__(self, path: str, scene_id: str) -> None:
        self.r = Reader(path)
        self.path = path
        self.scene = scene_id
        self.pending = Pending()

    def pos_at(self, node: YNode) -> PosAt:
        return ScalarAt.of(node, self.path)

    # --- small pieces -------------------------------------------------------------
    def target(self, node: YNode, what: str) -> Target | None:
        text = self.r.string(node, what)
        if text is None:
            return None
        parts = text.split(".")
        if len(parts) > 2 or not all(IDENT_RE.match(p) for p in parts):
            self.r.error(node, f"{what} '{text}' should be a node id or 'scene.node'", IDENT_HINT)
            return None
        target = Target(parts[0], parts[1]) if len(parts) == 2 else Target(self.scene, parts[0])
        self.pending.targets.append((target, pos_of(node, self.path), what))
        return target

    def cond(self, node: YNode | None) -> ex.Expr | None:
        if node is None:
            return None
        text = self.r.string(node, "an 'if' condition")
        if text is None:
            return None
        try:
            parsed = ex.parse_condition(text)
        except ex.ExprError as err:
            self.r.error(pos_in_scalar(node, self.path, err.column), err.message, err.hint)
            return None
        parsed = self.resolve_visits(parsed, node)
        self.pending.conds.append((parsed, self.pos_at(node)))
        return parsed

    def effects(self, node: YNode) -> tuple[ex.Effect, ...]:
        items = node.value if isinstance(node, SequenceNode) else [node]  # a list of strings or one string
        out: list[ex.Effect] = []
        for item in items:
            text = self.r.string(item, "'do'")
            if text is None:
                continue
            try:
                parsed = ex.parse_effects(text)
            except ex.ExprError as err:
                self.r.error(pos_in_scalar(item, self.path, err.column), err.message, err.hint)
                continue
            parsed = tuple(ex.Effect(e.name, e.op, self.resolve_visits(e.value, item), e.col) for e in parsed)
            self.pending.effects.append((parsed, self.pos_at(item)))
            out.extend(parsed)
        return tuple(out)

    def resolve_visits(self, parsed: ex.Expr, node: YNode) -> ex.Expr:
        def full(v: ex.Visits) -> ex.Visits:
            name = v.node if "." in v.node else f"{self.scene}.{v.node}"
            self.pending.visits.append((name, pos_in_scalar(node, self.path, v.col)))
            return ex.Visits(name, v.col)
        return ex.map_visits(parsed, full)

    def text(self, node: YNode, what: str) -> str | None:
        text = self.r.string(node, what)
        if text is None:
            return None
        try:
            parts = ex.template_parts(text)
        except ex.ExprError as err:
            self.r.error(pos_in_scalar(node, self.path, err.column), err.message, err.hint)
            return text
        for kind, name, col in parts:
            if kind == "var":
                self.pending.templates.append((name, col, self.pos_at(node)))
        return text

    def unique_id(self, node: YNode, seen: dict[str, YNode], what: str) -> str | None:
        ident = self.r.ident(node, f"the id of {what}")
        if ident is None:
            return None
        if ident in seen:
            first = pos_of(seen[ident], self.path)
            self.r.error(node, f"duplicate id '{ident}' (first at line {first.line})",
                         "ids must be unique; give this one a new name")
            return None
        seen[ident] = node
        return ident

    # --- steps --------------------------------------------------------------------
    def step(self, node: YNode, node_full: str, seen: dict[str, YNode]) -> Step | None:
        if not isinstance(node, MappingNode):
            self.r.error(node, "a step should be a mapping (key: value lines)")
            return None
        keys = [k.value for k, _ in node.value if hasattr(k, "value") and isinstance(k.value, str)]
        kinds = [k for k in KIND_KEYS if k in keys]
        if not kinds:
            all_keys = {k for required, optional in _STEP_KEYS.values() for k in required | optional}
            typo = next((did_you_mean(k, KIND_KEYS) for k in keys if k not in all_keys and did_you_mean(k, KIND_KEYS)),
                        "")
            self.r.error(node, "this step does nothing", typo or "a step needs one of: " + ", ".join(KIND_KEYS))
            return None
        if len(kinds) > 1:
            listed = " and ".join(f"'{k}'" for k in kinds)
            self.r.error(node, f"a step can only do one thing, but this one has {listed}",
                         "split it into separate steps")
            return None
        kind = kinds[0]
        required, optional = _STEP_KEYS[kind]
        m = self.r.mapping(node, _WHAT[kind], required, optional)
        if m is None or not required <= m.keys():
            return None
        pos = pos_of(node, self.path)
        cond = self.cond(m["if"][1]) if "if" in m else None
        if kind == "text":
            return self.line(m, node_full, seen, cond, pos)
        if kind == "choose":
            return self.choice(m, node_full, seen, cond, pos)
        if kind in ("goto", "call"):
            target = self.target(m[kind][1], f"'{kind}' target")
            if target is None:
                return None
            return Jump(target, cond, pos) if kind == "goto" else Call(target, cond, pos)
        if kind == "do":
            return Do(self.effects(m["do"][1]), cond, pos)
        if kind == "pause":
            return self.pause(m, node_full, seen, cond, pos)
        if kind == "note":
            return self.note(m, node_full, seen, cond, pos)
        if kind == "goal":
            return self.goal(m, node_full, seen, cond, pos)
        if kind in _STAGE_KINDS:
            return self.stage(kind, m, cond, pos)
        ending = self.r.ident(m["end"][1], "the ending")
        if ending is None:
            return None
        self.pending.targets.append((Target(self.scene, ending), pos_of(m["end"][1], self.path), "ending"))
        return End(f"{self.scene}.{ending}", cond, pos)

    def line(self, m: dict, node_full: str, seen: dict, cond: ex.Expr | None, pos: Pos) -> Line | None:
        ident = self.unique_id(m["id"][1], seen, "a line")
        text = self.text(m["text"][1], "the text of a line")
        speaker = self.r.ident(m["say"][1], "the speaker") if "say" in m else None
        face = self.r.ident(m["face"][1], "the face") if "face" in m else None
        sound = self.r.ident(m["sound"][1], "the sound") if "sound" in m else None
        if face is not None and "say" not in m:
            self.r.error(m["face"][0], "'face' needs a 'say': narration has no portrait")
        if speaker is not None:
            face_pos = pos_of(m["face"][1], self.path) if face else None
            self.pending.speakers.append((speaker, face, pos_of(m["say"][1], self.path), face_pos))
        if sound is not None:
            self.pending.sounds.append((sound, pos_of(m["sound"][1], self.path)))
        if ident is None or text is None:
            return None
        return Line(f"{node_full}.{ident}", speaker, face, text, cond, pos, sound)

    def pause(self, m: dict, node_full: str, seen: dict, cond: ex.Expr | None, pos: Pos) -> Pause | None:
        ident = self.unique_id(m["id"][1], seen, "a pause point")
        p = self.r.mapping(m["pause"][1], "the 'pause:' of a pause point", {"younger", "older"}, {"minutes"})
        if p is None or not {"younger", "older"} <= p.keys():
            return None
        younger = self.text(p["younger"][1], "the prompt for younger students")
        older = self.text(p["older"][1], "the prompt for older students")
        minutes = 5
        if "minutes" in p:
            value = self.r.integer(p["minutes"][1], "'minutes'")
            low, high = PAUSE_MINUTES
            if value is not None and not low <= value <= high:
                self.r.error(p["minutes"][1], f"{value} minutes is not a discussion length the lesson can hold",
                             f"suggest between {low} and {high} minutes")
            elif value is not None:
                minutes = value
        if ident is None or younger is None or older is None:
            return None
        return Pause(f"{node_full}.{ident}", younger, older, minutes, cond, pos)

    def note(self, m: dict, node_full: str, seen: dict, cond: ex.Expr | None, pos: Pos) -> ContentNote | None:
        ident = self.unique_id(m["id"][1], seen, "a content note")
        n = self.r.mapping(m["note"][1], "the 'note:' of a content note", {"tags", "summary", "skip"})
        if n is None:
            return None
        tags = self.tags(n["tags"][1]) if "tags" in n else None
        summary = self.text(n["summary"][1], "the summary of a content note") if "summary" in n else None
        skip = self.target(n["skip"][1], "'skip' target") if "skip" in n else None
        if ident is None or tags is None or summary is None or skip is None:
            return None
        return ContentNote(f"{node_full}.{ident}", tags, summary, skip, cond, pos)

    def goal(self, m: dict, node_full: str, seen: dict, cond: ex.Expr | None, pos: Pos) -> Goal | None:
        """A goal: its text, where it points (a map object's Tiled name, or scene.name) and an optional idle hint. Whether
        that object exists is checked against the maps by game.content, which knows them."""
        ident = self.unique_id(m["id"][1], seen, "a goal")
        text = self.text(m["goal"][1], "the text of a goal")
        hint = self.text(m["hint"][1], "the hint of a goal") if "hint" in m else None
        at_node = m["at"][1]
        raw = self.r.string(at_node, "'at'")
        place = None
        if raw is not None:
            parts = raw.split(".")
            if len(parts) > 2 or not all(IDENT_RE.match(p) for p in parts):
                self.r.error(at_node, f"'at' '{raw}' should name a person, thing or trigger on the map, or "
                             "'scene.name'", "write the object's name from Tiled, e.g. at: amma or at: lane.shopkeeper")
            else:
                place = Place(parts[0], parts[1]) if len(parts) == 2 else Place(self.scene, parts[0])
        if ident is None or text is None or place is None:
            return None
        return Goal(f"{node_full}.{ident}", text, place, hint, cond, pos, pos_of(at_node, self.path))
    def stage(self, kind: str, m: dict, cond: ex.Expr | None, pos: Pos) -> Stage | None:
        """A staging step (section 12): checked for shape here; characters and points once the cast and maps are
        known (_check_stage)."""
        def ref(key: str, what: str, check: str) -> tuple[str | None, str]:
            """An id, or scene.id for a point of another scene's map; (name, scene)."""
            if key not in m:
                return None, self.scene
            node = m[key][1]
            text = self.r.string(node, what)
            if text is None:
                return None, self.scene
            parts = text.split(".") if check in ("point", "camera") else [text]
            if len(parts) > 2 or not all(IDENT_RE.match(p) for p in parts):
                self.r.error(node, f"{what} '{text}' is not a valid id", IDENT_HINT)
                return None, self.scene
            scene, name = (parts[0], parts[1]) if len(parts) == 2 else (self.scene, parts[0])
            self.pending.staged.append((check, name, scene, pos_of(node, self.path)))
            return name, scene

        if kind == "wait":
            node = m["wait"][1]
            low, high = WAIT_SECONDS
            try:
                seconds = float(self.r.string(node, "'wait'") or "x")
            except ValueError:
                seconds = -1.0
            if not low <= seconds <= high:
                self.r.error(node, f"'wait' should be a number of seconds from {low:g} to {high:g}",
                             "a beat is about half a second: wait: 0.5")
                return None
            return Stage("wait", self.scene, seconds=seconds, cond=cond, pos=pos)
        if kind == "camera":
            point, scene = ref("camera", "the camera's point", "camera")
            return Stage("camera", scene, point=point, cond=cond, pos=pos) if point else None
        who, _ = ref(kind, "the character", "who")
        if who is None:
            return None
        if kind == "emote":
            icon = self.r.ident(m["icon"][1], "the icon")
            if icon is not None and icon not in EMOTES:
                self.r.error(m["icon"][1], f"there is no emote icon '{icon}'",
                             did_you_mean(icon, EMOTES) or "icons: " + ", ".join(EMOTES))
                return None
            return Stage("emote", self.scene, who=who, icon=icon, cond=cond, pos=pos) if icon else None
        facing = None
        face_key = "to" if kind == "turn" else "facing"
        if face_key in m and kind in ("turn", "appear", "walk"):
            facing = self.r.ident(m[face_key][1], "the direction to face")
            if facing is None:
                return None
            if facing not in DIRECTIONS:
                self.pending.staged.append(("face", facing, self.scene, pos_of(m[face_key][1], self.path)))
        if kind == "turn":
            return Stage("turn", self.scene, who=who, facing=facing, cond=cond, pos=pos)
        point, scene = ref("at" if kind == "appear" else "to", "the point", "point")
        if point is None and kind != "leave":
            return None
        return Stage(kind, scene, who=who, point=point, facing=facing, cond=cond, pos=pos)

    def tags(self, node: YNode) -> tuple[str, ...] | None:
        """Content tags: ids from the one list the game has words for (model.CONTENT_TAGS)."""
        items = self.r.seq(node, "'tags'")
        if items is None:
            return None
        if not items:
            self.r.error(node, "a content note needs at least one tag", "tags: " + ", ".join(CONTENT_TAGS))
            return None
        out: list[str] = []
        for item in items:
            tag = self.r.ident(item, "a content tag")
            if tag is None:
                continue
            if tag not in CONTENT_TAGS:
                self.r.error(item, f"unknown content tag '{tag}'",
                             did_you_mean(tag, CONTENT_TAGS) or "known tags: " + ", ".join(CONTENT_TAGS))
            elif tag in out:
                self.r.warning(item, f"the tag '{tag}' is named twice", "name each tag once")
            else:
                out.append(tag)
        return tuple(out) or None  # an unknown tag is an error, so the story will not load with it anyway

    def choice(self, m: dict, node_full: str, seen: dict, cond: ex.Expr | None, pos: Pos) -> Choice | None:
        ident = self.unique_id(m["id"][1], seen, "a choice")
        items = self.r.seq(m["choose"][1], "'choose'")
        fallback = self.target(m["fallback"][1], "'fallback' target") if "fallback" in m else None
        label = self.text(m["label"][1], "the label of a choice") if "label" in m else None
        if "label" not in m:
            self.r.warning(pos, "this choice has no label, so 'What if?' cannot name it",
                           "add a short name of the decision, e.g. label: \"In the kitchen with Meera\"")
        if ident is None or items is None:
            return None
        full = f"{node_full}.{ident}"
        options: list[Option] = []
        seen_options: dict[str, YNode] = {}
        for item in items:
            option = self.option(item, full, seen_options)
            if option is not None:
                options.append(option)
        if not items:
            self.r.error(m["choose"][1], "a choice needs at least one option")
        # Tags are optional (a new scene may leave them out: the guide and the report then say "not tagged"), but a
        # choice tagged half-way is surely unfinished: its untagged options would be missing from every count.
        if any(o.tag for o in options):
            for option in options:
                if option.tag is None:
                    self.r.warning(option.pos, "this option has no 'tag' though others in its choice have one",
                                   "add one of: " + ", ".join(ACT_TAGS))
        return Choice(full, tuple(options), fallback, pos, cond, label)

    def option(self, node: YNode, choice_full: str, seen: dict[str, YNode]) -> Option | None:
        m = self.r.mapping(node, "an option", {"id", "text"}, {"if", "do", "once", "goto", "tag"})
        if m is None:
            return None
        ident = self.unique_id(m["id"][1], seen, "an option") if "id" in m else None
        text = self.text(m["text"][1], "the text of an option") if "text" in m else None
        cond = self.cond(m["if"][1]) if "if" in m else None
        effects = self.effects(m["do"][1]) if "do" in m else ()
        once = self.r.boolean(m["once"][1], "'once'") if "once" in m else False
        target = self.target(m["goto"][1], "'goto' target") if "goto" in m else None
        tag = self.act_tag(m["tag"][1]) if "tag" in m else None
        if ident is None or text is None:
            return None
        return Option(f"{choice_full}.{ident}", text, cond, effects, bool(once), target, pos_of(node, self.path), tag)

    def act_tag(self, node: YNode) -> str | None:
        """The kind of act an option is: one id from model.ACT_TAGS."""
        tag = self.r.ident(node, "the tag of an option")
        if tag is not None and tag not in ACT_TAGS:
            self.r.error(node, f"unknown tag '{tag}'",
                         did_you_mean(tag, ACT_TAGS) or "known tags: " + ", ".join(ACT_TAGS))
        return tag  # an unknown one is an error, so the story will not load with it anyway

    # --- the file -----------------------------------------------------------------
    def scene_file(self, root: YNode) -> Scene | None:
        r = self.r
        m = r.mapping(root, "a dialogue file", {"scene", "title", "nodes"}, {"start", "vars", "endings", DEBRIEF, AGAIN})
        if m is None:
            return None
        if "scene" in m:
            declared = r.string(m["scene"][1], "'scene'")
            if declared is not None and declared != self.scene:
                r.error(m["scene"][1], f"'scene' is '{declared}' but the file is named '{self.scene}.yaml'",
                        "the scene id must equal the file name")
        title = r.string(m["title"][1], "'title'") if "title" in m else None
        var_decls = self.vars(m["vars"][1]) if "vars" in m else {}
        endings = self.endings(m["endings"][1]) if "endings" in m else {}
        nodes = self.nodes(m["nodes"][1]) if "nodes" in m else {}
        debrief = self.debrief(*m[DEBRIEF]) if DEBRIEF in m else None
        again = self.again(m[AGAIN][1], nodes) if AGAIN in m else None
        start = next(iter(nodes), "")
        if "start" in m:
            start_node = m["start"][1]
            named = r.ident(start_node, "the start node")
            if named in nodes:
                start = named
            elif named is not None and nodes:
                r.error(start_node, f"'start' node '{named}' does not exist", did_you_mean(named, nodes))
        if title is None or "nodes" not in m:
            return None
        # Ending references are local, so check them now rather than with cross-file targets.
        kept = []
        for target, pos, what in self.pending.targets:
            if what == "ending":
                if target.node not in endings:
                    hint = did_you_mean(target.node, endings) or (
                        "declare it under 'endings:'" if not endings else "endings: " + ", ".join(endings))
                    r.error(pos, f"'end' names '{target.node}', which is not an ending of this scene", hint)
            else:
                kept.append((target, pos, what))
        self.pending.targets = kept
        return Scene(self.scene, title, start, MappingProxyType(var_decls), MappingProxyType(endings),
                     MappingProxyType(nodes), self.path, pos_of(root, self.path), debrief,
                     MappingProxyType(again) if again is not None else None)

    def again(self, node: YNode, nodes: Mapping[str, Node]) -> dict[str, Line]:
        """`again:` - per node a map object starts, the one line said when talking there again has nothing new."""
        out: dict[str, Line] = {}
        seen: dict[str, YNode] = {}
        for name, (key, value) in (self.r.mapping(node, "'again'") or {}).items():
            if name not in nodes:
                self.r.error(key, f"'again' names node '{name}', which does not exist",
                             did_you_mean(name, nodes) or "use the node a person on the map starts")
                continue
            m = self.r.mapping(value, "a talk-again line", {"text"}, {"say", "face"})
            if m is None or "text" not in m:
                continue
            line = self.line({**m, "id": (key, key)}, f"{self.scene}.{AGAIN}", seen, None, pos_of(value, self.path))
            if line is not None:
                out[name] = line
        return out

    def debrief(self, key: YNode, node: YNode) -> Debrief | None:
        m = self.r.mapping(node, "the debrief", optional={"happened", "questions"})
        if m is None:
            return None
        seen: dict[str, YNode] = {}
        lists: dict[str, tuple[DebriefItem, ...]] = {}
        for part, what in (("happened", "an item of 'happened'"), ("questions", "a question")):
            items = self.r.seq(m[part][1], f"'{part}'") if part in m else []
            lists[part] = tuple(i for i in (self.debrief_item(item, what, seen) for item in items or [])
                               if i is not None)
        return Debrief(lists["happened"], lists["questions"], pos_of(key, self.path))

    def debrief_item(self, node: YNode, what: str, seen: dict[str, YNode]) -> DebriefItem | None:
        m = self.r.mapping(node, what, {"id", "text"}, {"if"})
        if m is None:
            return None
        ident = self.unique_id(m["id"][1], seen, what) if "id" in m else None
        text = self.text(m["text"][1], f"the text of {what}") if "text" in m else None
        cond = self.cond(m["if"][1]) if "if" in m else None
        if ident is None or text is None:
            return None
        return DebriefItem(f"{self.scene}.{DEBRIEF}.{ident}", text, cond, pos_of(node, self.path))

    def vars(self, node: YNode) -> dict[str, VarDecl]:
        out: dict[str, VarDecl] = {}
        for name, (key, value_node) in (self.r.mapping(node, "'vars'") or {}).items():
            if not IDENT_RE.match(name):
                self.r.error(key, f"variable name '{name}' is not valid", IDENT_HINT)
                continue
            if name in ex.RESERVED_WORDS:
                self.r.error(key, f"'{name}' is a reserved word and cannot be a variable name")
                continue
            value = self.r.scalar_value(value_node, f"the starting value of '{name}'")
            if value is not None:
                out[name] = VarDecl(name, value, type(value), pos_of(key, self.path), self.scene)
        return out

    def endings(self, node: YNode) -> dict[str, Ending]:
        out: dict[str, Ending] = {}
        for name, (key, value) in (self.r.mapping(node, "'endings'") or {}).items():
            if not IDENT_RE.match(name):
                self.r.error(key, f"ending id '{name}' is not valid", IDENT_HINT)
                continue
            m = self.r.mapping(value, "an ending", {"title", "text"})
            if m is None or not {"title", "text"} <= m.keys():
                continue
            title = self.text(m["title"][1], "the title of an ending")
            text = self.text(m["text"][1], "the text of an ending")
            if title is not None and text is not None:
                out[name] = Ending(name, f"{self.scene}.{name}", title, text, pos_of(key, self.path))
        return out

    def nodes(self, node: YNode) -> dict[str, Node]:
        out: dict[str, Node] = {}
        m = self.r.mapping(node, "'nodes'")
        if m is None:
            return out
        if not m:
            self.r.error(node, "a scene needs at least one node")
        for name, (key, value) in m.items():
            parsed = self.node(name, key, value)
            if parsed is not None:
                out[name] = parsed
        return out

    def node(self, name: str, key: YNode, value: YNode) -> Node | None:
        if not IDENT_RE.match(name):
            self.r.error(key, f"node id '{name}' is not valid", IDENT_HINT)
            return None
        if name == DEBRIEF:
            self.r.error(key, f"'{DEBRIEF}' cannot be a node id: it is the name of the scene's debrief section",
                         "give the node another name")
            return None
        full = f"{self.scene}.{name}"
        items = self.r.seq(value, f"node '{name}'")
        if items is None:
            return None
        if not items:
            self.r.warning(key, f"node '{name}' has no steps")
        seen: dict[str, YNode] = {}
        steps = tuple(s for s in (self.step(item, full, seen) for item in items) if s is not None)
        return Node(name, full, steps, pos_of(key, self.path))


FileReading = tuple[Scene | None, list[Problem], Pending]  # one file read on its own: before cross-file checks
FileRead = Callable[[bytes, str], FileReading]  # (its bytes, its path) -> its reading


def read_file(data: bytes, path: str) -> FileReading:
    """One dialogue file read on its own: its scene (None if it could not be read), its problems, and what it
    refers to outside itself. Depends on nothing but ``data`` and ``path``, so it can be kept (readcache.py)."""
    scene_id = Path(path).stem
    pending = Pending()
    root, problems = parse_yaml(data, path)
    if not IDENT_RE.match(scene_id):
        problems.append(Problem(Pos(path, 1, 1), "error", f"the file name '{Path(path).name}' is not a valid "
                                f"scene id", IDENT_HINT))
    if root is None:
        return None, problems, pending
    reader = _FileReader(path, scene_id)
    reader.r.problems = problems
    scene = reader.scene_file(root)
    return scene, problems, reader.pending


def load_dialogue_file(data: bytes, path: str) -> tuple[Scene | None, list[Problem]]:
    """One file on its own: references to other scenes and variables are not checked here."""
    scene, problems, pending = read_file(data, path)
    if scene is not None:
        own = {scene.id: scene}
        pending.targets = [t for t in pending.targets if t[0].scene == scene.id]
        pending.visits = [v for v in pending.visits if v[0].split(".")[0] == scene.id]
        _check_targets(own, pending, problems)
        _check_choices(own, problems)  # reachability needs every scene and the maps: see load_story
    return (None if has_errors(problems) else scene), problems


# --- cross-file checks ----------------------------------------------------------------
def _check_targets(scenes: Mapping[str, Scene], pending: Pending, problems: list[Problem]) -> None:
    for target, pos, what in pending.targets:
        scene = scenes.get(target.scene)
        if scene is None:
            problems.append(Problem(pos, "error", f"{what} '{target.full}': there is no scene '{target.scene}'",
                                    did_you_mean(target.scene, scenes)))
        elif target.node not in scene.nodes:
            shown = target.node if target.scene == pos_scene(pos) else target.full
            problems.append(Problem(pos, "error", f"{what} '{shown}' does not exist",
                                    did_you_mean(target.node, scene.nodes)))
    for full, pos in pending.visits:
        scene_id, _, node_id = full.partition(".")
        scene = scenes.get(scene_id)
        if scene is None or node_id not in scene.nodes:
            candidates = scene.nodes if scene else scenes
            problems.append(Problem(pos, "error", f"visits() names '{full}', which does not exist",
                                    did_you_mean(node_id if scene else scene_id, candidates)))


def pos_scene(pos: Pos) -> str:
    return Path(pos.path).stem


def _check_vars(pending: Pending, types: Mapping[str, type], problems: list[Problem]) -> None:
    def add(found: list[tuple[str, int]], at: PosAt) -> None:
        for message, col in found:
            problems.append(Problem(at(col), "error", message))
    for cond, at in pending.conds:
        add(ex.check_types(cond, types), at)
    for effects, at in pending.effects:
        add(ex.check_effects(effects, types), at)
    for name, col, at in pending.templates:
        if name not in types:
            problems.append(Problem(at(col), "error", f"unknown variable '{{{name}}}' in the text",
                                    did_you_mean(name, types) or "write {{ and }} for literal braces"))


def _check_speakers(pending: Pending, characters: Mapping[str, frozenset[str]], problems: list[Problem]) -> None:
    for speaker, face, pos, face_pos in pending.speakers:
        if speaker not in characters:
            problems.append(Problem(pos, "error", f"unknown character '{speaker}'",
                                    did_you_mean(speaker, characters)))
        elif face is not None and face_pos is not None and face not in characters[speaker]:
            faces = ", ".join(sorted(characters[speaker])) or "none"
            problems.append(Problem(face_pos, "error", f"'{speaker}' has no portrait '{face}'",
                                    f"available: {faces}"))


def _check_sounds(pending: Pending, sounds: Collection[str], problems: list[Problem]) -> None:
    for name, pos in pending.sounds:
        if name not in sounds:
            problems.append(Problem(pos, "error", f"there is no sound file assets/sound/{name}.wav",
                                    did_you_mean(name, sounds) or "put the sound in assets/sound/ as a .wav file"))


_STAGE_KINDS = ("appear", "walk", "leave", "turn", "emote", "camera", "wait")


def _check_stage(pending: Pending, actors: Collection[str], points: Mapping[str, Collection[str]],
                 problems: list[Problem]) -> None:
    """Staged characters must be in the cast with a sprite; named points must be `point` objects on the map of the
    scene they belong to (docs/maps.md)."""
    for what, name, scene, pos in pending.staged:
        if what in ("who", "face") or (what == "camera" and name in actors):
            if name not in actors:
                hint = did_you_mean(name, actors) or ("face down, up, left, right or a character" if what == "face"
                                                      else "a character from scenes/characters.yaml with a sprite")
                problems.append(Problem(pos, "error", f"unknown character '{name}'", hint))
            continue
        if scene not in points:
            problems.append(Problem(pos, "error", f"there is no map for the scene '{scene}'",
                                    did_you_mean(scene, points)))
            continue
        if name not in points[scene]:
            found = sorted(points[scene])
            hint = did_you_mean(name, found) or (
                "add a `point` object with this name on the map's `objects` layer in Tiled" if not found
                else "points on this map: " + ", ".join(found[:12]) + (" …" if len(found) > 12 else ""))
            extra = " or a character" if what == "camera" else ""
            problems.append(Problem(pos, "error", f"there is no point{extra} '{name}' on the map of '{scene}'",
                                    hint))


def _targets_of(step: Step) -> list[Target]:
    if isinstance(step, (Jump, Call)):
        return [step.target]
    if isinstance(step, Choice):
        return [o.target for o in step.options if o.target] + ([step.fallback] if step.fallback else [])
    if isinstance(step, ContentNote):
        return [step.skip]  # skipping the part goes on there, so that node is reached
    return []


def _check_choices(scenes: Mapping[str, Scene], problems: list[Problem]) -> None:
    for scene in scenes.values():
        for node in scene.nodes.values():
            for step in node.steps:
                if isinstance(step, Choice) and step.options and step.fallback is None \
                        and all(o.cond is not None for o in step.options):
                    problems.append(Problem(step.pos, "warning", "every option of this choice has an 'if' and "
                                            "there is no 'fallback'", "when none is available the choice is skipped"))


def _check_reached(scenes: Mapping[str, Scene], external: set[str], problems: list[Problem]) -> None:
    reached = set(external) | {f"{s.id}.{s.start}" for s in scenes.values()}
    for scene in scenes.values():
        for node in scene.nodes.values():
            for step in node.steps:
                reached.update(t.full for t in _targets_of(step))
    for scene in scenes.values():
        for node in scene.nodes.values():
            if node.full_id not in reached:
                problems.append(Problem(node.pos, "warning", f"node '{node.id}' is never reached",
                                        "nothing jumps to, calls or chooses it and no map object starts it"))


def load_story(root: Path, lang: str = "en", characters: Mapping[str, frozenset[str]] | None = None,
               external_entries: set[str] | frozenset[str] = frozenset(),
               sounds: Collection[str] | None = None, actors: Collection[str] | None = None,
               points: Mapping[str, Collection[str]] | None = None,
               read: FileRead | None = None) -> tuple[Story | None, list[Problem], int]:
    """Every dialogue file of one language. ``characters`` (id -> faces) and ``sounds`` (the names of the .wav files
    in assets/sound) are checked only when given; ``external_entries`` are nodes started from outside the dialogue
    (map objects, chapter intros), so they count as reached. Staging steps are checked when ``actors`` (characters
    with a sprite) and ``points`` (scene -> names of the `point` objects on its map) are given. ``read`` reads one
    file on its own (`check` passes one that reuses an unchanged file's last reading: readcache.py)."""
    root = Path(root)
    read = read or read_file
    folder = root / "dialogue" / lang
    problems: list[Problem] = []
    if not folder.is_dir():
        problems.append(Problem(Pos(f"dialogue/{lang}", 1, 1), "error", "the dialogue folder does not exist"))
        return None, problems, 0
    files = sorted(p for p in folder.glob("*.yaml") if p.name not in RESERVED_FILES)
    scenes: dict[str, Scene] = {}
    pending = Pending()
    for file in files:
        rel = file.relative_to(root).as_posix()
        try:
            data = file.read_bytes()
        except OSError as err:
            problems.append(Problem(Pos(rel, 1, 1), "error", f"cannot read the file: {err.strerror}"))
            continue
        scene, found, file_pending = read(data, rel)
        problems.extend(found)
        if scene is not None:
            scenes[scene.id] = scene
        for name in ("targets", "conds", "effects", "templates", "speakers", "visits", "sounds", "staged"):
            getattr(pending, name).extend(getattr(file_pending, name))
    if not files:
        problems.append(Problem(Pos(f"dialogue/{lang}", 1, 1), "error", "there are no dialogue files"))

    decls: dict[str, VarDecl] = {}
    for scene in scenes.values():
        for decl in scene.vars.values():
            first = decls.get(decl.name)
            if first is not None:
                problems.append(Problem(decl.pos, "error", f"variable '{decl.name}' is already declared in scene "
                                        f"'{first.scene}' ({first.pos.path}:{first.pos.line})",
                                        "a variable belongs to one scene; other scenes can use it without "
                                        "declaring it"))
            else:
                decls[decl.name] = decl
    _check_targets(scenes, pending, problems)
    _check_vars(pending, {n: d.type for n, d in decls.items()}, problems)
    if characters is not None:
        _check_speakers(pending, characters, problems)
    if sounds is not None:
        _check_sounds(pending, sounds, problems)
    if actors is not None and points is not None:
        _check_stage(pending, actors, points, problems)
    _check_choices(scenes, problems)
    _check_reached(scenes, set(external_entries), problems)
    if has_errors(problems):
        return None, problems, len(files)
    return Story(MappingProxyType(scenes), MappingProxyType(decls)), problems, len(files)


def override_nodes(path: str, scene_id: str, pairs: Mapping[str, tuple[YNode, YNode]], story: Story,
                   characters: Mapping[str, frozenset[str]] | None = None,
                   sounds: Collection[str] | None = None, actors: Collection[str] | None = None,
                   points: Mapping[str, Collection[str]] | None = None) -> tuple[dict[str, Node], list[Problem]]:
    """Whole nodes a language writes for itself (adaptation), parsed and checked like the source's own nodes."""
    reader = _FileReader(path, scene_id)
    out: dict[str, Node] = {}
    for name, (key, value) in pairs.items():
        parsed = reader.node(name, key, value)
        if parsed is not None:
            out[name] = parsed
    problems = reader.r.problems
    scene = story.scenes.get(scene_id)
    if scene is None:
        return {}, problems
    out = {name: _inherit_tags(node, story) for name, node in out.items()}
    problems += _order_kept(out, story)
    scenes = {**story.scenes, scene_id: replace(scene, nodes=MappingProxyType({**scene.nodes, **out}))}
    _check_targets(scenes, reader.pending, problems)
    _check_vars(reader.pending, {n: d.type for n, d in story.var_decls.items()}, problems)
    if characters is not None:
        _check_speakers(reader.pending, characters, problems)
    if sounds is not None:
        _check_sounds(reader.pending, sounds, problems)
    if actors is not None and points is not None:
        _check_stage(reader.pending, actors, points, problems)
    return out, problems


def _order_kept(nodes: Mapping[str, Node], story: Story) -> list[Problem]:
    """An adapted choice lists its options in the source's order: the order is authored (no option is "right" because
    it stands first), and the class report compares languages option by option."""
    problems: list[Problem] = []
    for node in nodes.values():
        source = story.node(node.full_id)
        if source is None:
            continue
        theirs = {s.id: [o.id for o in s.options] for s in source.steps if isinstance(s, Choice)}
        for step in node.steps:
            if not isinstance(step, Choice) or step.id not in theirs:
                continue
            ours = [o.id for o in step.options]
            common = set(ours) & set(theirs[step.id])
            want = [o for o in theirs[step.id] if o in common]
            if [o for o in ours if o in common] != want:
                short = [o.rpartition(".")[2] for o in want]
                problems.append(Problem(step.pos, "warning", "the options of this choice stand in another order than "
                                        "in the English", f"keep the English order ({', '.join(short)}): the order "
                                        "is part of the design, and class results compare option by option"))
    return problems


def _inherit_tags(node: Node, story: Story) -> Node:
    """An adapted node's options keep the kind of act of the source's option with the same id, unless they say
    their own: a translator adapts the words, and the class report and the guide still count by kind."""
    source = {o.id: o.tag for s in (story.node(node.full_id) or node).steps if isinstance(s, Choice) for o in s.options}
    steps = tuple(replace(s, options=tuple(o if o.tag else replace(o, tag=source.get(o.id)) for o in s.options))
                  if isinstance(s, Choice) else s for s in node.steps)
    return replace(node, steps=steps)
