"""What a player can experience: every path through the story, found by playing it.

`explore` drives the real `Runner` on copies of a `State` and branches at every decision — each offered option of
every menu and, whenever a conversation is over and the player walks again, each entry node (a map object's node, or
a scene's start) the player could walk up to next. Because conversations are started in any order, a variable set in
one conversation can open an option in another, and the search sees that.

A content note branches too — the student reads the part, or skips it to the note's `skip` node — but it does not
count as a decision against the depth: it is not a choice in the story, and there are only a few on any path.

The search is breadth-first and bounded: at most `max_depth` decisions (starting a conversation counts as one,
picking an option counts as one) and at most `max_states` distinct states. Two states that behave the same from here
on are explored once: the key holds the variables, the position, the once-only options already chosen and the visit
counts of the nodes a `visits()` condition asks about (capped just above the largest number those conditions use).

Pure Python, like the rest of `game.story`: no pygame, no files.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .expr import Expr, Lit, Visits, walk
from .model import Choice, Do, Story
from .runner import Ended, Menu, Note, Runner, RunnerError, Say
from .state import State

DEFAULT_MAX_DEPTH = 12
DEFAULT_MAX_STATES = 20_000
MIN_VISIT_CAP = 3
MAX_LINES_IN_A_ROW = 2_000  # more lines than this without a decision: the conversation never lets go


@dataclass(frozen=True, slots=True)
class PathResult:
    reached_nodes: frozenset[str]  # full node ids entered on some path (from State.visits)
    reached_endings: frozenset[str]  # full ending ids
    dead_ends: tuple[tuple[str, str], ...]  # (full node id, what went wrong), sorted, each once
    explored_states: int  # distinct states expanded
    truncated: bool  # the state budget ran out before the search finished its horizon
    talk_ends: frozenset[str] = frozenset()  # nodes where a conversation ran out (fine: the player walks again)

    def unreached_nodes(self, story: Story, scenes: Iterable[str] | None = None) -> list[str]:
        wanted = set(story.scenes if scenes is None else scenes)
        return sorted(n.full_id for sid, s in story.scenes.items() if sid in wanted
                      for n in s.nodes.values() if n.full_id not in self.reached_nodes)

    def unreached_endings(self, story: Story, scenes: Iterable[str] | None = None) -> list[str]:
        wanted = set(story.scenes if scenes is None else scenes)
        return sorted(e.full_id for sid, s in story.scenes.items() if sid in wanted
                      for e in s.endings.values() if e.full_id not in self.reached_endings)


def scene_entries(story: Story, external: Iterable[str], scenes: Iterable[str] | None = None) -> frozenset[str]:
    """Entry ids of `scenes` (default: all): each scene's start plus the map-started nodes that lie in them."""
    wanted = set(story.scenes if scenes is None else scenes)
    out = {f"{sid}.{story.scenes[sid].start}" for sid in wanted if sid in story.scenes}
    out.update(e for e in external if e.partition(".")[0] in wanted)
    return frozenset(out)


# (a state back in the world, the node the conversation ended in, the entry or intro it began at)
Visit = Callable[[State, str, str], None]


def explore(story: Story, entries: Iterable[str], *, max_depth: int = DEFAULT_MAX_DEPTH,
            max_states: int = DEFAULT_MAX_STATES, start: State | None = None, intro: str | None = None,
            visit: Visit | None = None) -> PathResult:
    """Play every path from `start` (default: a new game, walking) that starts conversations at `entries`.

    `entries` are full ids ('scene.node', or 'scene' for its start). After any conversation ends without an ending,
    the player may start any of them again, so give the entries of every scene the player can walk between.
    `intro` is a node that starts by itself first (a chapter's intro); it is not offered again unless it is an entry.
    `visit` sees every state where the player is back on the map (the goal proof, game/story/goalcheck.py).
    """
    search = _Search(story, sorted(set(entries)), max_depth, max_states)
    search.visit = visit
    return search.run(start or State.new(story), intro)


# --- the search -----------------------------------------------------------------------------------------------------
def _conditions(story: Story) -> Iterable[Expr]:
    for scene in story.scenes.values():
        for node in scene.nodes.values():
            for step in node.steps:
                if step.cond is not None:
                    yield step.cond
                effects = step.effects if isinstance(step, Do) else ()
                if isinstance(step, Choice):
                    for option in step.options:
                        if option.cond is not None:
                            yield option.cond
                        yield from (e.value for e in option.effects)
                yield from (e.value for e in effects)


def _visit_facts(story: Story) -> tuple[frozenset[str], int]:
    """Nodes whose visit count some condition reads, and a cap above which counts all behave the same."""
    nodes: set[str] = set()
    biggest = 0
    for expr in _conditions(story):
        found = [e for e in walk(expr) if isinstance(e, Visits)]
        if not found:
            continue
        nodes.update(v.node for v in found)
        biggest = max([biggest] + [abs(e.value) for e in walk(expr)
                                   if isinstance(e, Lit) and type(e.value) is int])
    return frozenset(nodes), max(MIN_VISIT_CAP, biggest + 1)


def same_from_here(story: Story) -> Callable[[State], tuple]:
    """A key under which two states behave the same from here on: variables, the visit counts conditions ask about
    (capped), the once-only options taken, and the goal. (Where the story stands is not in it.)"""
    watched, cap = _visit_facts(story)
    order = tuple(sorted(watched))  # walked in order instead of sorting each state's visits: this runs per state
    once = frozenset(o.id for s in story.scenes.values() for n in s.nodes.values() for st in n.steps
                     if isinstance(st, Choice) for o in st.options if o.once)

    def key(state: State) -> tuple:
        visits = state.visits
        # Sets, not sorted tuples: equal exactly when the sorted tuples are, at half the cost (this runs per state).
        return (frozenset(state.vars.items()),
                tuple((n, min(visits[n], cap)) for n in order if n in visits),
                frozenset(state.chosen & once), state.goal)
    return key


def _no_text(text_id: str, source: str) -> str:
    return ""  # the search never shows text, and interpolating every line would be most of its time



class _Search:
    def __init__(self, story: Story, entries: list[str], max_depth: int, max_states: int) -> None:
        self.story = story
        self.entries = entries
        self.max_depth = max_depth
        self.max_states = max_states
        self.same = same_from_here(story)
        self.reached_nodes: set[str] = set()
        self.reached_endings: set[str] = set()
        self.dead_ends: set[tuple[str, str]] = set()
        self.talk_ends: set[str] = set()
        self.seen: set[tuple] = set()
        self.queue: deque[tuple[State, int]] = deque()
        self.visit: Visit | None = None

    def key(self, state: State) -> tuple:
        pos = state.position
        return (self.same(state), None if pos is None else (pos.scene, pos.node, pos.step, pos.stack), state.ending)

    def run(self, start: State, intro: str | None = None) -> PathResult:
        self.reached_nodes.update(start.visits)
        if intro is not None:
            self.act(start, 0, lambda runner: runner.begin(intro), where=intro)
        else:
            self.act(start, 0, lambda runner: None)  # play up to the first decision (a new game: none, walking)
        explored = 0
        truncated = False
        while self.queue:
            if explored >= self.max_states:
                truncated = True
                break
            state, depth = self.queue.popleft()
            explored += 1
            if depth >= self.max_depth:
                continue
            menu = Runner(self.story, state, _no_text).current()  # queued states are settled: this changes nothing
            if isinstance(menu, Menu):
                for index in range(len(menu.options)):
                    self.act(state, depth + 1, lambda r, i=index: r.choose(i))
            elif isinstance(menu, Note):
                self.act(state, depth, lambda r: r.advance())
                if menu.skippable:
                    self.act(state, depth, lambda r: r.skip())
            elif menu is None:
                for entry in self.entries:
                    self.act(state, depth + 1, lambda r, e=entry: r.begin(e), where=entry)
        return PathResult(frozenset(self.reached_nodes), frozenset(self.reached_endings),
                          tuple(sorted(self.dead_ends)), explored, truncated, frozenset(self.talk_ends))

    def push(self, state: State, depth: int) -> None:
        key = self.key(state)
        if key not in self.seen:
            self.seen.add(key)
            self.queue.append((state, depth))

    def act(self, before: State, depth: int, action: Callable[[Runner], None], where: str | None = None) -> None:
        """Take one decision on a copy of `before`, play the lines that follow, and queue where it leads."""
        state = before.copy()
        at = where or (state.position.node_full if state.position else "?")
        try:
            runner = Runner(self.story, state, _no_text)
            action(runner)
            step = runner.current()
            for _ in range(MAX_LINES_IN_A_ROW):
                if not isinstance(step, Say):
                    break
                at = state.position.node_full if state.position else at
                runner.advance()
                step = runner.current()
            else:
                self.dead_ends.add((at, (f"more than {MAX_LINES_IN_A_ROW} lines in a row without a choice: "
                                         "the conversation loops and never ends")))
                return
        except RunnerError as err:
            self.dead_ends.add((at, str(err)))
            return
        except (KeyError, TypeError, ValueError) as err:  # content the loader let through but cannot be played
            self.dead_ends.add((at, f"the story cannot go on: {type(err).__name__}: {err}"))
            return
        finally:
            self.reached_nodes.update(state.visits)
        if isinstance(step, Ended):
            self.reached_endings.add(step.ending)  # the chapter is over: nothing follows on this path
            return
        if isinstance(step, Menu) and not step.options:
            self.dead_ends.add((state.position.node_full if state.position else at, "a menu with no options"))
            return
        entered = [h["node"] for h in state.history if "node" in h]  # history holds only this decision's
        if step is None and (entered or before.position is not None):
            self.talk_ends.add(entered[-1] if entered else before.position.node_full)  # type: ignore[union-attr]
        if step is None and self.visit is not None:
            self.visit(state, entered[-1] if entered else at, where or at)
        self.push(state, depth)


__all__ = ["DEFAULT_MAX_DEPTH", "DEFAULT_MAX_STATES", "PathResult", "explore", "scene_entries"]


@dataclass(frozen=True, slots=True)
class WalkResult:
    """What many random playthroughs saw: the deep corners a bounded breadth-first search can miss."""

    reached_nodes: frozenset[str]
    reached_endings: frozenset[str]
    dead_ends: tuple[tuple[str, str], ...]
    walks: int
    unfinished: int  # playthroughs that never reached an ending within the step limit: the chapter can get stuck
    finals: tuple[State, ...] = ()  # the state at each ending: where the next chapter's playthroughs can start


def random_walks(story: Story, entries: Iterable[str], *, intro: str | None = None, walks: int = 400,
                 seed: int = 1, max_steps: int = 3_000, starts: Iterable[State] = (),
                 visit: Visit | None = None) -> WalkResult:
    """Play the chapter ``walks`` times with random choices and random conversations, each until an ending.

    Seeded, so a failure is reproducible. A playthrough that takes more than ``max_steps`` decisions and lines without
    reaching an ending counts as unfinished: in a real game that student would walk around forever. ``starts`` are
    states to begin from (e.g. the ends of the previous chapter's playthroughs, so variables carried between chapters
    take all their values); by default a new game.
    """
    import random

    rng = random.Random(seed)
    order = sorted(set(entries))
    nodes: set[str] = set()
    endings: set[str] = set()
    dead: set[tuple[str, str]] = set()
    unfinished = 0
    finals: list[State] = []
    starts = list(starts)
    for _ in range(walks):
        began = intro or "?"
        state = (rng.choice(starts) if starts else State.new(story)).copy()
        state.ending = None
        state.position = None
        state.goal = None  # as Session.start_chapter: the chapter's intro sets its first goal
        runner = Runner(story, state, _no_text)
        at = intro or "?"
        try:
            if intro is not None:
                runner.begin(intro)
            for _step in range(max_steps):
                step = runner.current()
                at = state.position.node_full if state.position else at
                if isinstance(step, Ended):
                    endings.add(step.ending)
                    finals.append(state)
                    break
                if isinstance(step, Say):
                    runner.advance()
                elif isinstance(step, Note):  # read the part, or skip it: both ways must lead on
                    runner.skip() if step.skippable and rng.random() < 0.5 else runner.advance()
                elif isinstance(step, Menu):
                    if not step.options:
                        dead.add((at, "a menu with no options"))
                        break
                    runner.choose(rng.randrange(len(step.options)))
                else:
                    if visit is not None:
                        visit(state, at, began)
                    at = began = rng.choice(order)
                    runner.begin(at)
            else:
                unfinished += 1
        except RunnerError as err:
            dead.add((at, str(err)))
        except (KeyError, TypeError, ValueError) as err:
            dead.add((at, f"the story cannot go on: {type(err).__name__}: {err}"))
        nodes.update(state.visits)
    return WalkResult(frozenset(nodes), frozenset(endings), tuple(sorted(dead)), walks, unfinished, tuple(finals))
