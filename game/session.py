"""One play-through: the story state, the runner, where the player stands, and autosaving. No pygame here."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from game.content import Content
from game.save import NoSave, SaveCorrupt, SaveError, SaveOk, WorldPos, delete_save, quarantine, read_save, write_save
from game.story.expr import DictEnv, Expr, ExprError, Visits, evaluate, map_visits, parse_condition
from game.story.runner import Note, Runner
from game.story.state import State, StateError

if TYPE_CHECKING:
    from game.classroom.student import ClassLink


@lru_cache(maxsize=256)
def _condition(text: str, scene: str) -> Expr | None:
    try:
        expr = parse_condition(text)
    except ExprError:
        return None  # the checker reports it; at run time a broken condition is simply false
    return map_visits(expr, lambda v: v if "." in v.node else Visits(f"{scene}.{v.node}", v.col))


def spawn_point(content: Content, scene: str, name: str = "default") -> WorldPos:
    info = content.scenes[scene]
    spawns = {o.name: o for o in info.map.objects if o.kind == "spawn"}
    obj = spawns.get(name) or spawns["default"]
    facing = obj.props.get("facing", "down")
    return WorldPos(scene=scene, x=obj.rect[0], y=obj.rect[1], facing=facing if isinstance(facing, str) else "down")


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """The moment before a decision of the current chapter, so "What if?" can go back to it."""

    menu: str                 # the choice's full id
    label: str                # short name of the decision, as shown
    story: dict               # State.to_json() with the position at the choice
    world: WorldPos
    chosen: str = ""          # the text of the option taken, once it is taken

    def to_json(self) -> dict:
        return {"menu": self.menu, "label": self.label, "story": self.story, "world": self.world.to_json(),
                "chosen": self.chosen}

    @staticmethod
    def from_json(raw: dict) -> "Checkpoint":
        return Checkpoint(str(raw["menu"]), str(raw["label"]), dict(raw["story"]), WorldPos.from_json(raw["world"]),
                          str(raw.get("chosen", "")))


@dataclass
class Session:
    content: Content
    state: State
    world: WorldPos
    data_dir: Path
    runner: Runner = field(init=False)
    saves: int = 0
    checkpoints: list[Checkpoint] = field(default_factory=list)
    classroom: "ClassLink | None" = None  # the class session this play-through belongs to; None playing alone

    def __post_init__(self) -> None:
        self.runner = self._runner()

    def _runner(self) -> Runner:
        # Every line, option, label and ending passes through the language's catalogue (source text if none).
        return Runner(self.content.story, self.state, self.content.catalog.text, self._pause_on)

    def _pause_on(self, pause_id: str) -> bool:
        """Pause points stop the game only in a class session that has them on."""
        return self.classroom is not None and self.classroom.session.pause_on(pause_id)

    def use_content(self, content: Content) -> None:
        """Switch to content loaded in another language, keeping the state: ids are the same in every language."""
        opening = self.runner.opening  # a chapter's note on screen stays there, in the new language
        aside = self.runner.aside_line  # and so does a talk-again line
        self.content = content
        self.runner = self._runner()
        self.runner.open_with(opening)
        if aside is not None:
            self.runner.say_aside(aside)

    @staticmethod
    def new(content: Content, data_dir: Path, classroom: "ClassLink | None" = None) -> "Session":
        try:
            delete_save(data_dir)
        except SaveError:
            pass  # an old save we cannot move is no reason to stop a student from playing
        session = Session(content, State.new(content.story), spawn_point(content, content.start_scene), data_dir,
                          classroom=classroom)
        chapters = session.playlist()
        session.start_chapter(chapters[0].id if chapters else None)
        return session

    def playlist(self) -> list:
        """The chapters of this play-through, in order: today's chapters in a class session, else every chapter."""
        chapters = list(self.content.chapters)
        if self.classroom is not None:
            # A class meets no English halfway through a lesson: in a language still being translated it plays only
            # the chapters that language has whole (all of them if it has none whole yet).
            from game.i18n.coverage import complete_chapters

            whole = set(complete_chapters(self.content))
            chapters = [c for c in chapters if c.id in whole] or chapters
        if self.classroom is not None and self.classroom.session.chapters:
            by_id = {c.id: c for c in chapters}
            chosen = [by_id[c] for c in self.classroom.session.chapters if c in by_id]
            return chosen or chapters
        return chapters

    # --- chapters ------------------------------------------------------------------------------------------------
    @property
    def chapter(self):
        return self.content.chapter_of(self.world.scene)

    def start_chapter(self, chapter_id: str | None) -> None:
        """Put the player at the start of a chapter; its intro node (if any) begins at once."""
        chapter = next((c for c in self.content.chapters if c.id == chapter_id), None)
        if chapter is None:
            return
        self.world = replace(spawn_point(self.content, chapter.scenes[0]), fired=self.world.fired)
        self.checkpoints.clear()
        self.state.ending = None
        self.state.position = None
        self.state.stage.clear()  # a new chapter: everyone back where the maps put them
        self.state.goal = None  # each chapter's intro sets its first goal
        if self.classroom is not None:
            self.classroom.chapter_started(chapter.id)
        if chapter.intro:
            self.runner.begin(chapter.intro)
        # A chapter with content tags opens with a calm note naming them, before its intro's first line.
        self.runner.open_with(Note(f"{chapter.id}.content", chapter.content, "", chapter=True)
                              if chapter.content else None)

    def next_chapter(self):
        chapter = self.chapter
        if chapter is None:
            return None
        ids = [c.id for c in self.playlist()]
        if chapter.id not in ids:
            return None
        i = ids.index(chapter.id) + 1
        return self.playlist()[i] if i < len(ids) else None

    # --- what the class sees -------------------------------------------------------------------------------------
    def choose(self, index: int) -> None:
        """Take option ``index`` of the choice on screen (and, in a class session, write it to the results)."""
        menu = self.runner.current()
        self.runner.choose(index)
        if self.classroom is not None and menu is not None and hasattr(menu, "options"):
            self.classroom.selected(menu.id, menu.options[index].id, self._chapter_id())

    def chapter_ended(self, ending: str) -> None:
        if self.classroom is not None:
            self.classroom.chapter_completed(self._chapter_id(), ending)

    def _chapter_id(self) -> str:
        chapter = self.chapter
        return chapter.id if chapter else ""

    # --- what if? ------------------------------------------------------------------------------------------------
    def mark_decision(self, menu_id: str, label: str | None) -> None:
        """Called when a choice is on screen: remember the moment (once per visit of that choice)."""
        if self.checkpoints and self.checkpoints[-1].menu == menu_id and not self.checkpoints[-1].chosen:
            return
        self.checkpoints.append(Checkpoint(menu_id, label or "", self.state.to_json(), self.world))

    def chose(self, option_text: str) -> None:
        if self.checkpoints and not self.checkpoints[-1].chosen:
            self.checkpoints[-1] = replace(self.checkpoints[-1], chosen=option_text)

    def decisions(self) -> list[Checkpoint]:
        """The labelled decisions taken in this chapter, in order, for the "What if?" list."""
        return [c for c in self.checkpoints if c.chosen and c.label]

    def go_back_to(self, checkpoint: Checkpoint) -> None:
        """Rewind to just before ``checkpoint``'s decision; everything after it is forgotten."""
        index = self.checkpoints.index(checkpoint)
        self.state = State.from_json(json.loads(json.dumps(checkpoint.story)), self.content.story)
        self.world = checkpoint.world
        self.runner = self._runner()
        del self.checkpoints[index:]
        if self.classroom is not None:
            self.classroom.replaying = True
        self.save()

    @staticmethod
    def resume(content: Content, data_dir: Path) -> tuple["Session | None", str | None]:
        """The saved session, or None and the reason the save could not be used (it has been moved aside)."""
        result = read_save(data_dir)
        if isinstance(result, NoSave):
            return None, None
        if isinstance(result, SaveCorrupt):
            return None, result.reason
        assert isinstance(result, SaveOk)
        data = result.data
        try:
            state = State.from_json(json.loads(json.dumps(dict(data.story))), content.story)
        except StateError as exc:
            return None, quarantine(data_dir, str(exc)).reason
        world = data.world
        if world.scene not in content.scenes:
            return None, quarantine(data_dir, f"the saved scene '{world.scene}' no longer exists").reason
        try:
            checkpoints = [Checkpoint.from_json(dict(c)) for c in data.checkpoints]
            for c in checkpoints:
                State.from_json(json.loads(json.dumps(c.story)), content.story)
        except (KeyError, TypeError, ValueError, StateError):
            checkpoints = []  # "What if?" is a convenience: an outdated snapshot is dropped, the game goes on
        info = content.scenes[world.scene].map
        if not (0 <= world.x < info.width and 0 <= world.y < info.height) or (world.x, world.y) in info.solid:
            world = replace(spawn_point(content, world.scene), fired=world.fired)
        link = None
        if data.classroom is not None:
            from game.classroom.student import ClassLink

            link = ClassLink.from_json(data.classroom)
            if link is not None:
                from game.classroom.activities import definitions

                link.definitions = definitions(content)
        # The class link goes in before the runner is made: a save taken at a pause point must stop there again.
        session = Session(content, state, world, data_dir, classroom=link)
        session.checkpoints = checkpoints
        return session, None

    @staticmethod
    def has_save(data_dir: Path) -> bool:
        return (data_dir / "autosave.json").is_file()

    def save(self) -> bool:
        """Autosave; False (and the game goes on) if the disk refused."""
        try:
            write_save(self.data_dir, {"story": self.state.to_json(), "world": self.world,
                                       "checkpoints": [c.to_json() for c in self.checkpoints],
                                       "classroom": self.classroom.to_json() if self.classroom else None})
        except (SaveError, OSError):
            return False
        self.saves += 1
        return True

    def condition(self, text: str | None, scene: str) -> bool:
        if not text or not str(text).strip():
            return True
        expr = _condition(str(text), scene)
        if expr is None:
            return False
        try:
            return bool(evaluate(expr, DictEnv(self.state.vars, self.state.visits)))
        except Exception:  # an unknown variable after a content edit: treat as not met rather than crash
            return False
