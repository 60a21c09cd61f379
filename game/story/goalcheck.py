"""The goal proof: wherever the player is back on the map, a goal says where to go, and following it gets somewhere.

`check_paths` (graphcheck.py) plays every chapter with a breadth-first search and many random playthroughs; it hands
each moment the player is back in the world (a conversation just ended, no ending reached) to ``GoalProof.visit``,
which proves on that very state:

1. there is a goal (a goal step has run in this chapter);
2. its place — a person, thing or trigger on a map — is there now (its map `if` holds; a trigger that fires once has
   not fired yet), and from every map of the chapter there is an open way (exits) to the place's map;
3. following it moves the story on: starting the place's conversation, with any options the student may pick (and a
   few times over, as a student who walks up again), leads to a new goal or to the chapter's ending.

Each failure is reported once, at the goal's position (or at the node after which no goal is set).
The facts about the maps come in as plain data (``World``), so this module stays pure, like the rest of game.story.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from .expr import DictEnv, Expr, ExprError, Visits, evaluate, map_visits, parse_condition
from .model import Story
from .problems import Pos, Problem
from .paths import same_from_here
from .runner import Menu, Note, Runner, RunnerError, Say
from .state import State

FOLLOW_ROUNDS = 3  # a student who walks up to the marked person again and again, picking anything on offer
FOLLOW_STATES = 400  # states one proof may play; the shipped goals need a few dozen
LINES_IN_A_ROW = 2_000


@dataclass(frozen=True, slots=True)
class PlaceFacts:
    kind: str  # npc | thing | trigger
    node: str  # full id of the node it starts
    cond: str | None  # the map object's `if`, as written (its visits() name nodes of its own scene)
    once: bool  # a trigger that fires only once


@dataclass(frozen=True, slots=True)
class World:
    places: Mapping[str, PlaceFacts]  # "scene.name" -> facts
    exits: Mapping[str, list[tuple[str, str | None]]]  # scene -> [(to, if)]


@lru_cache(maxsize=512)
def _parsed(text: str, scene: str) -> Expr | None:
    try:
        expr = parse_condition(text)
    except ExprError:
        return None
    return map_visits(expr, lambda v: v if "." in v.node else Visits(f"{scene}.{v.node}", v.col))


def holds(text: str | None, scene: str, state: State) -> bool:
    """A map condition, as the world screen evaluates it (a broken or unknown one is false)."""
    if text is None:
        return True
    expr = _parsed(text, scene)
    if expr is None:
        return False
    try:
        return bool(evaluate(expr, DictEnv(state.vars, state.visits)))
    except Exception:  # noqa: BLE001 - an unknown variable: not met, as in the game
        return False


def _no_text(text_id: str, source: str) -> str:
    return ""



def _key(state: State) -> tuple:
    # Sets, not sorted tuples: equal exactly when the sorted tuples are, at half the cost (this runs per state).
    return (frozenset(state.vars.items()), frozenset((n, c if c < 4 else 4) for n, c in state.visits.items()),
            frozenset(state.chosen), state.goal, state.ending)


@dataclass
class GoalProof:
    story: Story
    world: World
    scenes: tuple[str, ...] = ()  # the maps of the chapter being played
    intro: str | None = None  # its intro, which runs once as the chapter starts
    found: dict[Pos, Problem] = field(default_factory=dict)
    _done: set[tuple] = field(default_factory=set)
    _key: Callable[[State], tuple] | None = None

    def chapter(self, scenes: Iterable[str], intro: str | None = None) -> None:
        self.scenes = tuple(scenes)
        self.intro = intro

    def problems(self) -> list[Problem]:
        return list(self.found.values())

    def _add(self, pos: Pos | None, message: str, hint: str) -> None:
        if pos is not None and pos not in self.found:
            self.found[pos] = Problem(pos, "error", message, hint)

    # --- the proof at one moment ----------------------------------------------------------------------------------
    def visit(self, state: State, at: str, began: str = "") -> None:
        """``state``: the player is back on the map after a conversation that ended in node ``at``. The search may start any scene's first node again, but a chapter's intro runs only once in the game:
        a state where it ran twice is the search's, never a student's."""
        if state.ending is not None or state.position is not None:
            return
        if self.intro and state.visits.get(self.intro, 0) > 1:
            return
        if self._key is None:
            self._key = same_from_here(self.story)
        key = (self._key(state), self.scenes)
        if key in self._done:
            return
        self._done.add(key)
        goal = self.story.goal(state.goal) if state.goal else None
        if goal is None:
            node = self.story.node(at)
            self._add(node.pos if node else None, f"after node '{at.partition('.')[2] or at}' the player is back "
                      "on the map with no goal", "add a goal step (docs/dialogue-format.md, section 13) in this "
                      "conversation or before it, so a student alone knows where to go next")
            return
        facts = self.world.places.get(goal.at.full)
        if facts is None:
            return  # the loader reports a goal that names no person, thing or trigger
        for scene in self.scenes:
            if scene != goal.at.scene and not self._way(scene, goal.at.scene, state):
                self._add(goal.at_pos, f"the goal points at '{goal.at.full}', but from the map of '{scene}' no open "
                          f"exit leads to the map of '{goal.at.scene}'", "add an exit in Tiled, or point the goal "
                          "at someone on a map the player can reach")
                return
        why = self._not_there(facts, goal.at.scene, state)
        if why:
            self._add(goal.pos, f"the goal points at '{goal.at.full}', but {why} when this goal is set",
                      "point the goal at someone who is there then, or set it where the marked place can be used")
            return
        if not self._moves_on(state, goal.id, facts, goal.at.scene):
            self._add(goal.pos, f"following this goal does not move the story on: what '{goal.at.name}' starts "
                      "leaves the same goal and no ending, whatever the student picks",
                      "set the next goal in the conversation it starts (or end the chapter there)")

    def _way(self, here: str, there: str, state: State) -> bool:
        seen, todo = {here}, [here]
        while todo:
            scene = todo.pop()
            for to, cond in self.world.exits.get(scene, []):
                if to not in seen and holds(cond, scene, state):
                    if to == there:
                        return True
                    seen.add(to)
                    todo.append(to)
        return False

    @staticmethod
    def _not_there(facts: PlaceFacts, scene: str, state: State) -> str:
        if not holds(facts.cond, scene, state):
            return f"its map condition '{facts.cond}' does not hold"
        if facts.once and state.visits.get(facts.node, 0) > 0:
            return "that trigger has already fired"
        return ""

    def _moves_on(self, start: State, goal_id: str, facts: PlaceFacts, scene: str) -> bool:
        frontier = [start]
        seen = {_key(start)}
        budget = FOLLOW_STATES
        for _round in range(FOLLOW_ROUNDS):
            after: list[State] = []
            for state in frontier:
                if self._not_there(facts, scene, state):
                    continue
                for end in self._conversations(state, facts.node):
                    budget -= 1
                    if end.ending is not None or end.goal != goal_id:
                        return True
                    k = _key(end)
                    if k not in seen:
                        seen.add(k)
                        after.append(end)
                if budget <= 0:
                    return False
            frontier = after
            if not frontier:
                return False
        return False

    def _conversations(self, state: State, node: str) -> Iterator[State]:
        """Every way the conversation started at ``node`` can end (each option, each way past a content note), one
        at a time, depth first: the proof stops at the first that moves the story on."""
        todo: list[tuple[State, object]] = [(state, lambda r: r.begin(node))]
        plays = 0
        while todo and plays < FOLLOW_STATES:
            before, action = todo.pop()
            plays += 1
            s = before.copy()
            runner = Runner(self.story, s, _no_text)
            try:
                action(runner)  # type: ignore[operator]
                step = runner.current()
                for _ in range(LINES_IN_A_ROW):
                    if not isinstance(step, Say):
                        break
                    runner.advance()
                    step = runner.current()
            except (RunnerError, KeyError, TypeError, ValueError):
                continue  # check_paths reports a story that cannot go on
            if isinstance(step, Menu):
                todo.extend((s, lambda r, i=i: r.choose(i)) for i in range(len(step.options)))
            elif isinstance(step, Note):
                todo.append((s, lambda r: r.advance()))
                if step.skippable:
                    todo.append((s, lambda r: r.skip()))
            else:  # the conversation is over (or the chapter): a pause point never stops this runner
                yield s


__all__ = ["GoalProof", "PlaceFacts", "World", "holds"]
