"""The story as typed, frozen data. Only the loader builds these; nothing mutates them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Union

from .expr import Effect, Expr
from .problems import Pos

Value = Union[bool, int, str]


@dataclass(frozen=True, slots=True)
class Target:
    scene: str
    node: str

    @property
    def full(self) -> str:
        return f"{self.scene}.{self.node}"


@dataclass(frozen=True, slots=True)
class Line:
    id: str  # full id: scene.node.line
    speaker: str | None  # None = narration
    face: str | None
    text: str
    cond: Expr | None
    pos: Pos
    sound: str | None = None  # name of assets/sound/<name>.wav, played when the line appears


@dataclass(frozen=True, slots=True)
class Option:
    id: str  # full id: scene.node.choice.option
    text: str
    cond: Expr | None
    effects: tuple[Effect, ...]
    once: bool
    target: Target | None  # None = carry on after the choice
    pos: Pos
    tag: str | None = None  # the kind of act (ACT_TAGS); None only while a writer has not tagged it (a warning)


@dataclass(frozen=True, slots=True)
class Choice:
    id: str  # full id: scene.node.choice
    options: tuple[Option, ...]
    fallback: Target | None
    pos: Pos
    cond: Expr | None = None
    label: str | None = None  # short name of the decision, for the "What if?" list at the end of a chapter


@dataclass(frozen=True, slots=True)
class Jump:
    target: Target
    cond: Expr | None
    pos: Pos


@dataclass(frozen=True, slots=True)
class Call:
    target: Target
    cond: Expr | None
    pos: Pos


@dataclass(frozen=True, slots=True)
class Do:
    effects: tuple[Effect, ...]
    cond: Expr | None
    pos: Pos


@dataclass(frozen=True, slots=True)
class End:
    ending: str  # full id: scene.ending
    cond: Expr | None
    pos: Pos


@dataclass(frozen=True, slots=True)
class Pause:
    """A pause point for class discussion: in a class session the game stops here with a prompt until the teacher
    lets the class go on. Playing alone it shows nothing."""
    id: str  # full id: scene.node.pause
    younger: str  # the prompt for younger students (about 12-13)
    older: str  # the prompt for older students (about 14-16)
    minutes: int  # suggested length of the discussion
    cond: Expr | None
    pos: Pos


# The content tags a note may name, in one place: the dialogue loader, the chapters in scenes/game.yaml and the
# interface strings (ui.yaml `notes.tag_<id>`, the words a student reads) all check against this list. A fixed list,
# not free words, so every language must have words for every tag before a student can see it, and a typo in a
# dialogue file is caught by `main.py check` instead of showing a raw id. Adding a tag: add it here and give it words
# in every ui.yaml.
CONTENT_TAGS = (
    "marriage_pressure",  # a girl pressed to marry young
    "teasing",            # name-calling and being laughed at
    "grief",              # someone grieving a death in the family
    "photo_shared",       # a mean photo of someone passed round a phone group
    "violence_heard",     # a quarrel with violence heard (never seen) through a wall
    "street_harassment",  # comments called out at a girl in the street
)


# The kinds of act an option can be, in one place: the loader checks `tag:` against this list, and the guide, `stats`
# and the class report group options by it. The words a teacher reads are interface strings (ui.yaml `acts.<id>`),
# so every language names every kind. The first five are the five Ds of the facilitator guide; the others are the
# kinds its notes already name in prose. A fixed list so a typo is a `check` error, not a new kind.
ACT_TAGS = (
    "distract",        # interrupt with something ordinary: ask for sugar, change the game
    "delegate",        # bring in a trusted adult or a help line
    "delay",           # check in later: "Are you okay?"
    "document",        # keep the evidence for an adult, never pass it on
    "direct",          # say "stop" or speak up yourself, when it is safe
    "practical_help",  # do part of the work, sit with someone: help that changes the moment without a word about it
    "curiosity",       # ask, to understand someone: "Dadi, did you go to school?"
    "joining_in",      # go along with the harm or the unfair usual: laugh along, send it on, wait to be served
    "staying_quiet",   # say nothing, look away, walk on, leave the talk
)
# The kinds that step in: where these stand on the screen must vary from decision to decision (tests/test_act_order).
ACTIVE_ACTS = frozenset(ACT_TAGS[:6])


@dataclass(frozen=True, slots=True)
class ContentNote:
    """A content note before a sensitive part of the story: what the part holds (tags), and a short summary the
    student reads instead if they choose to skip it; skipping goes on at ``skip``. Always shown, not only in class."""
    id: str  # full id: scene.node.note
    tags: tuple[str, ...]  # ids from CONTENT_TAGS
    summary: str
    skip: Target  # where the story goes on when the part is skipped
    cond: Expr | None
    pos: Pos


@dataclass(frozen=True, slots=True)
class Place:
    """Where a goal points: a map object (a person, a thing or a trigger, by its Tiled name) on a scene's map."""
    scene: str
    name: str

    @property
    def full(self) -> str:
        return f"{self.scene}.{self.name}"


@dataclass(frozen=True, slots=True)
class Goal:
    """What the player is trying to do next, shown in a corner of the world screen with a marker over ``at`` (or over
    the exit towards its scene). A goal step shows nothing by itself: it is the goal from then on, until another goal
    step runs or the chapter ends. ``hint`` is said gently when the player wanders a while without getting on."""
    id: str  # full id: scene.node.goal; its text id is the same, the hint's is <id>.hint
    text: str
    at: Place
    hint: str | None
    cond: Expr | None
    pos: Pos
    at_pos: Pos  # where 'at' is written, for the checker's messages


# --- staging: the story on the map (docs/dialogue-format.md section 12) ---------------------------------------------
# What a staging step can do. A staging step shows no text: the world screen plays it (game/world/stage.py).
STAGE_ACTIONS = ("appear", "walk", "leave", "turn", "emote", "camera", "wait")
# The emote bubbles the world screen can draw, a fixed set of drawn icons so no language needs words for them.
EMOTES = ("exclaim", "question", "heart", "dots", "sweat", "angry")
DIRECTIONS = ("down", "up", "left", "right")
WAIT_SECONDS = (0.1, 3.0)  # a beat; longer would feel like the game froze


@dataclass(frozen=True, slots=True)
class Stage:
    """A staging step: a character appears at, walks to or leaves for a named point of a map, turns to face someone
    or a direction, shows an emote; the camera looks at a point or a character; or the scene waits a beat.
    ``scene`` is the scene whose map holds ``point`` (the dialogue file's own scene unless written scene.point)."""
    action: str  # one of STAGE_ACTIONS
    scene: str
    who: str | None = None  # character id (appear, walk, leave, turn, emote)
    point: str | None = None  # at / to (appear, walk, leave); camera: a point or a character id
    facing: str | None = None  # a direction or a character id to face (appear, walk: afterwards; turn)
    icon: str | None = None  # emote
    seconds: float = 0.0  # wait
    cond: Expr | None = None
    pos: Pos = Pos("", 1, 1)


Step = Union[Line, Choice, Jump, Call, Do, End, Pause, ContentNote, Stage, Goal]


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    full_id: str
    steps: tuple[Step, ...]
    pos: Pos


@dataclass(frozen=True, slots=True)
class Ending:
    id: str
    full_id: str
    title: str
    text: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class VarDecl:
    name: str
    value: Value
    type: type
    pos: Pos
    scene: str = ""


@dataclass(frozen=True, slots=True)
class DebriefItem:
    id: str  # full id: scene.debrief.item
    text: str
    cond: Expr | None  # None = always shown
    pos: Pos


@dataclass(frozen=True, slots=True)
class Debrief:
    """What the player sees after a chapter: what their choices led to, and questions to think about."""
    happened: tuple[DebriefItem, ...]
    questions: tuple[DebriefItem, ...]
    pos: Pos


@dataclass(frozen=True, slots=True)
class Scene:
    id: str
    title: str
    start: str  # node id
    vars: Mapping[str, VarDecl]
    endings: Mapping[str, Ending]
    nodes: Mapping[str, Node]
    path: str
    pos: Pos
    debrief: Debrief | None = None
    # What someone says when talked to again with nothing new (`again:`): node id -> line (id scene.again.<node>).
    again: Mapping[str, Line] | None = None


@dataclass(frozen=True, slots=True)
class Story:
    scenes: Mapping[str, Scene]
    var_decls: Mapping[str, VarDecl]

    def node(self, full_id: str) -> Node | None:
        scene_id, _, node_id = full_id.partition(".")
        scene = self.scenes.get(scene_id)
        return scene.nodes.get(node_id) if scene else None

    def ending(self, full_id: str) -> Ending | None:
        scene_id, _, ending_id = full_id.partition(".")
        scene = self.scenes.get(scene_id)
        return scene.endings.get(ending_id) if scene else None

    def goal(self, goal_id: str) -> Goal | None:
        """The goal step with this full id (scene.node.goal), if the story has it."""
        node = self.node(goal_id.rpartition(".")[0])
        return next((s for s in node.steps if isinstance(s, Goal) and s.id == goal_id), None) if node else None

    def resolve(self, target: str) -> Target | None:
        """'scene.node' or 'scene' (its start) to a Target that exists, else None."""
        scene_id, dot, node_id = target.partition(".")
        scene = self.scenes.get(scene_id)
        if scene is None:
            return None
        node_id = node_id if dot else scene.start
        return Target(scene_id, node_id) if node_id in scene.nodes else None
