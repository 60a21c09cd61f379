"""Walks the story one decision at a time; the UI asks `current()` what to show.

All state lives in `State`, so a Runner can be rebuilt from a save at any moment and
carries on exactly where the player was. (The one exception is a chapter's opening note, which is shown once as the
chapter starts and is deliberately not saved: see `open_with`.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .expr import DictEnv, apply_effects, evaluate, interpolate
from .model import Call, Choice, ContentNote, Do, End, Goal, Jump, Line, Option, Pause, Place, Stage, Story, Target
from .state import Frame, Placement, Position, State

MAX_SILENT_STEPS = 10_000
MAX_CUES = 256  # staging steps kept for the screen to play; nobody takes them in a headless run, so they are capped

TextHook = Callable[[str, str], str]  # (text id, source text) -> text to show
PauseHook = Callable[[str], bool]  # pause point id -> does it stop the game (only in a class session)


class RunnerError(RuntimeError):
    pass


@dataclass(frozen=True)
class Say:
    id: str
    speaker: str | None
    face: str | None
    text: str  # already translated and interpolated
    sound: str | None = None  # name of assets/sound/<name>.wav to play as the line appears


@dataclass(frozen=True)
class MenuOption:
    id: str
    text: str


@dataclass(frozen=True)
class Menu:
    id: str
    options: tuple[MenuOption, ...]
    label: str | None = None  # short name of the decision (text id "<choice id>.label"), for "What if?"


@dataclass(frozen=True)
class Discuss:
    """A pause point reached in a class session: the class talks, then the teacher (or the student) goes on."""
    id: str
    younger: str  # translated prompts
    older: str
    minutes: int


@dataclass(frozen=True)
class Note:
    """A content note: what the next part (or the chapter) holds, before it begins. The student goes on
    (``advance``) or skips the part (``skip``) and reads ``summary`` instead. A chapter's note cannot be skipped."""
    id: str
    tags: tuple[str, ...]  # ids from model.CONTENT_TAGS; the words for them are interface strings (notes.tag_<id>)
    summary: str  # translated; "" for a chapter's note
    chapter: bool = False  # the note of a whole chapter (scenes/game.yaml `content:`), shown as it starts

    @property
    def skippable(self) -> bool:
        return not self.chapter


@dataclass(frozen=True)
class Guide:
    """The goal in force, as the player sees it: what to do next, where (a map object), and a gentle hint."""
    id: str
    text: str  # translated and interpolated
    at: Place
    hint: str | None  # translated; None when the goal has none


@dataclass(frozen=True)
class Ended:
    ending: str
    title: str
    text: str


def _source(text_id: str, source: str) -> str:
    return source


def _no_pauses(pause_id: str) -> bool:
    return False  # playing alone, pause points show nothing


class Runner:
    def __init__(self, story: Story, state: State, text: TextHook | None = None,
                 pauses: PauseHook | None = None) -> None:
        self.story = story
        self.state = state
        self.text = text or _source
        self.pauses = pauses or _no_pauses
        # A note shown before the story goes on from where it stands (a chapter's content note, set by the session
        # as the chapter starts). It belongs to that one moment: once the position changes it is gone, and it is not
        # part of the saved State (a game continued later goes straight on).
        self._opening: tuple[Note, Position | None] | None = None
        self._aside: Say | None = None  # a talk-again line (say_aside), shown once outside any node
        self.aside_line: Line | None = None
        # The staging steps run since the screen last looked, in order, for it to play (walks, emotes, beats). Where
        # everyone ends up is in state.stage at once, so a screen that missed them (a save continued, a new runner
        # after a language switch) simply places everyone there.
        self.cues: list[Stage] = []
        self._before_cues: dict[str, Placement] | None = None  # state.stage as it was before the untaken cues
        self._settle()  # a save is taken at a decision, so this normally changes nothing

    # --- queries ------------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self.state.ending is None and self.state.position is not None

    @property
    def opening(self) -> Note | None:
        if self._opening is None or self.state.ending is not None or self._opening[1] != self.state.position:
            return None
        return self._opening[0]

    def current(self) -> Say | Menu | Discuss | Note | Ended | None:
        if self._aside is not None:
            return self._aside
        if self.opening is not None:
            return self.opening
        if self.state.ending is not None:
            ending = self.story.ending(self.state.ending)
            assert ending is not None
            scene = ending.full_id.split(".")[0]
            key = f"{scene}.endings.{ending.id}"
            return Ended(ending.full_id, self._show(f"{key}.title", ending.title),
                         self._show(f"{key}.text", ending.text))
        step = self._step()
        if isinstance(step, Line):
            return Say(step.id, step.speaker, step.face, self._show(step.id, step.text), step.sound)
        if isinstance(step, Choice):
            label = self._show(f"{step.id}.label", step.label) if step.label is not None else None
            return Menu(step.id, tuple(MenuOption(o.id, self._show(o.id, o.text)) for o in self._offered(step)), label)
        if isinstance(step, Pause):
            return Discuss(step.id, self._show(f"{step.id}.younger", step.younger),
                           self._show(f"{step.id}.older", step.older), step.minutes)
        if isinstance(step, ContentNote):
            return Note(step.id, step.tags, self._show(f"{step.id}.summary", step.summary))
        return None

    def goal(self) -> Guide | None:
        """What the player is trying to do next (set by the last goal step that ran), or None."""
        goal = self.story.goal(self.state.goal) if self.state.goal else None
        if goal is None:
            return None
        hint = self._show(f"{goal.id}.hint", goal.hint) if goal.hint is not None else None
        return Guide(goal.id, self._show(goal.id, goal.text), goal.at, hint)

    # --- actions ------------------------------------------------------------------
    def begin(self, target: str) -> None:
        resolved = self.story.resolve(target)
        if resolved is None:
            raise RunnerError(f"cannot begin at '{target}': no such scene or node")
        self.state.ending = None
        self.state.position = None
        self._opening = None  # a new conversation: the moment a chapter's note belonged to has passed
        self._aside = self.aside_line = None
        self._enter(resolved, ())
        self._settle()

    def say_aside(self, line: Line) -> None:
        """Say one line outside the story's nodes (someone talked to again with nothing new): no conversation is
        open, no visit is counted, and after it the player is back on the map."""
        self.state.ending = None
        self.state.position = None
        self._opening = None
        self._aside = Say(line.id, line.speaker, line.face, self._show(line.id, line.text), line.sound)
        self.aside_line: Line | None = line  # to say it again in another language (Session.use_content)
    def take_cues(self) -> list[Stage]:
        """The staging steps run since the last call, oldest first."""
        cues, self.cues = self.cues, []
        self._before_cues = None
        return cues

    def stage_before_cues(self) -> dict[str, Placement]:
        """Where everyone stood before the cues not yet taken, so a screen can place them there and play the cues
        (a chapter's intro staged before the world screen exists)."""
        return self._before_cues if self._before_cues is not None else self.state.stage

    def open_with(self, note: Note | None) -> None:
        """Show ``note`` before the story goes on from where it stands now (None: no such note)."""
        self._opening = None if note is None else (note, self.state.position)

    def advance(self) -> None:
        if self._aside is not None:
            self._aside = self.aside_line = None
            return
        if self.opening is not None:
            self._opening = None  # the chapter's note has been read: the story goes on where it stood
            return
        if not isinstance(self._step(), (Line, Pause, ContentNote)) or self.state.ending is not None:
            raise RunnerError("advance() is only valid while a line, a pause point or a content note is shown")
        self._next()
        self._settle()

    def skip(self) -> None:
        """Skip the part a content note is about: the story goes on at the note's ``skip`` node (as a goto would)."""
        step = self._step()
        if self.opening is not None or not isinstance(step, ContentNote) or self.state.ending is not None:
            raise RunnerError("skip() is only valid while a content note that can be skipped is shown")
        self._goto(step.skip)
        self._settle()

    def choose(self, index: int) -> None:
        step = self._step()
        if not isinstance(step, Choice) or self.state.ending is not None:
            raise RunnerError("choose() is only valid while a menu is shown")
        offered = self._offered(step)
        if not 0 <= index < len(offered):
            raise RunnerError(f"option {index} is not on offer (there are {len(offered)})")
        option = offered[index]
        self.state.chosen.add(option.id)
        self.state.history.append({"choice": step.id, "option": option.id})
        apply_effects(option.effects, self.state.vars, self.state.visits)
        if option.target is not None:
            self._goto(option.target)
        else:
            self._next()
        self._settle()

    # --- machinery ----------------------------------------------------------------
    def show(self, text_id: str, source: str) -> str:
        """Any story text as the player sees it: in their language, with {variables} filled in."""
        return self._show(text_id, source)

    def _show(self, text_id: str, source: str) -> str:
        return interpolate(self.text(text_id, source), self.state.vars)

    def _true(self, cond: object) -> bool:
        return cond is None or bool(evaluate(cond, DictEnv(self.state.vars, self.state.visits)))  # type: ignore[arg-type]

    def _offered(self, choice: Choice) -> list[Option]:
        return [o for o in choice.options
                if self._true(o.cond) and not (o.once and o.id in self.state.chosen)]

    def _step(self) -> object | None:
        pos = self.state.position
        if pos is None:
            return None
        node = self.story.scenes[pos.scene].nodes[pos.node]
        return node.steps[pos.step] if pos.step < len(node.steps) else None

    def _enter(self, target: Target, stack: tuple[Frame, ...]) -> None:
        self.state.visits[target.full] = self.state.visits.get(target.full, 0) + 1
        self.state.history.append({"node": target.full})
        self.state.position = Position(target.scene, target.node, 0, stack)

    def _goto(self, target: Target) -> None:
        pos = self.state.position
        self._enter(target, pos.stack if pos else ())

    def _next(self) -> None:
        pos = self.state.position
        assert pos is not None
        self.state.position = Position(pos.scene, pos.node, pos.step + 1, pos.stack)

    def _stage(self, step: Stage) -> None:
        """Where a staging step leaves its character goes into the state at once (so a save has it); the step
        itself is kept as a cue for the world screen to play."""
        stage = self.state.stage
        if self._before_cues is None:
            self._before_cues = dict(stage)
        if step.who is not None:
            old = stage.get(step.who)
            if old is not None and old.scene != step.scene:
                old = None
            if step.action in ("appear", "walk"):
                facing = step.facing if step.facing is not None else (old.facing if old and step.action == "walk"
                                                                      else None)
                stage[step.who] = Placement(step.scene, step.point, facing)
            elif step.action == "leave":
                stage[step.who] = Placement(step.scene, step.point or (old.point if old else None), None, True)
            elif step.action == "turn":
                stage[step.who] = Placement(step.scene, old.point if old else None, step.facing,
                                            old.gone if old else False)
        self.cues.append(step)
        if len(self.cues) > MAX_CUES:  # nobody is playing them (a headless run): drop them, keep the end state
            self.cues.clear()
            self._before_cues = None

    def _settle(self) -> None:
        """Run steps that show nothing until one shows something or the talk ends."""
        # The path search settles states hundreds of thousands of times, so this loop keeps the step it has reached
        # in ``at`` and makes a new Position only where one is kept (each is a frozen dataclass to build). A goto or a
        # call enters its node from here with the stack it has; before the pause hook, state.position is brought up
        # to date.
        state = self.state
        scenes = self.story.scenes
        pos = state.position
        at = pos.step if pos is not None else 0
        try:
            for _ in range(MAX_SILENT_STEPS):
                if pos is None or state.ending is not None:
                    return
                steps = scenes[pos.scene].nodes[pos.node].steps
                if at >= len(steps):
                    if pos.stack:  # a called node ran out: return to the caller
                        frame = pos.stack[-1]
                        pos = Position(frame.scene, frame.node, frame.step, pos.stack[:-1])
                        at = frame.step
                    else:
                        pos = None
                    state.position = pos
                    continue
                step = steps[at]
                if step.cond is not None and not self._true(step.cond):
                    at += 1
                    continue
                if isinstance(step, (Line, ContentNote)):
                    self._keep(pos, at)
                    return  # a content note is always shown, in class or not: the student decides
                if isinstance(step, Pause):
                    pos = self._keep(pos, at)
                    if self.pauses(step.id):
                        return
                    at += 1
                elif isinstance(step, Choice):
                    if self._offered(step):
                        self._keep(pos, at)
                        return
                    if step.fallback is not None:  # a goto: the same stack, in the fallback's node
                        self._enter(step.fallback, pos.stack)
                        pos = state.position
                        at = 0
                    else:
                        at += 1
                elif isinstance(step, Jump):
                    self._enter(step.target, pos.stack)
                    pos = state.position
                    at = 0
                elif isinstance(step, Call):
                    self._enter(step.target, pos.stack + (Frame(pos.scene, pos.node, at + 1),))
                    pos = state.position
                    at = 0
                elif isinstance(step, Do):
                    apply_effects(step.effects, state.vars, state.visits)
                    at += 1
                elif isinstance(step, Stage):
                    self._stage(step)
                    at += 1
                elif isinstance(step, Goal):
                    state.goal = step.id
                    at += 1
                elif isinstance(step, End):
                    state.ending = step.ending
                    state.endings.append(step.ending)
                    state.position = None
                    return
                else:
                    pos = self._keep(pos, at)  # not a step this runner knows: as before, it stays where it is
        except BaseException:
            if state.position is pos:  # a step failed: the position says where, as it would have
                self._keep(pos, at)
            raise
        pos = self._keep(pos, at)
        where = pos.node_full if pos else "?"
        raise RunnerError(f"the story loops without showing anything, near node '{where}'")

    def _keep(self, pos: Position | None, at: int) -> Position | None:
        """Put the step ``_settle`` has reached into the state (a new Position only if it moved)."""
        if pos is not None and pos.step != at:
            pos = Position(pos.scene, pos.node, at, pos.stack)
        self.state.position = pos
        return pos
