"""Checks over the whole story once it has loaded: variables that do nothing, and a story graph that traps the player.

* ``check_variables`` — a variable that is changed but never read (it does nothing), read by conditions but never
  changed (it always keeps its starting value), or never used at all. Each warning is at the variable's declaration.
* ``check_graph`` — nodes that loop forever without showing anything (pure ``goto`` cycles: an error, the game would
  hang) and choices every option of which leads back into a loop with no ending and no way out (a warning).
* ``check_paths`` — plays each chapter (``game.story.paths``): endings no playthrough reaches (warning) and dead ends
  (error). Slower than the rest, so only ``python main.py check`` runs it, not the game.

Pure Python, like the rest of ``game.story``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Callable

from . import expr as ex
from .model import Call, Choice, ContentNote, Do, End, Goal, Jump, Line, Node, Pause, Scene, Story
from .problems import Pos, Problem

Point = tuple[str, int]  # (full node id, step index); index == len(steps) means the node ran out of steps


# --- variables ----------------------------------------------------------------------------------------------------
def _vars_in(expr: ex.Expr | None) -> set[str]:
    return {e.name for e in ex.walk(expr) if isinstance(e, ex.Var)} if expr is not None else set()


def _vars_in_text(text: str | None) -> set[str]:
    if not text or "{" not in text:
        return set()  # no placeholder can be in it
    try:
        return {name for kind, name, _col in ex.template_parts(text) if kind == "var"}
    except ex.ExprError:
        return set()


# (names changed by an effect, names read by a condition or an effect's value, names shown in a text)
VariableUses = tuple[frozenset[str], frozenset[str], frozenset[str]]


def scene_variable_uses(scene: Scene) -> VariableUses:
    """What one scene does with variables: a story's uses are its scenes' together, so `check` keeps each scene's
    with its reading (game/readcache.py)."""
    changed: set[str] = set()
    tested: set[str] = set()
    shown: set[str] = set()

    def effects(found: Iterable[ex.Effect]) -> None:
        for effect in found:
            changed.add(effect.name)
            tested.update(_vars_in(effect.value))

    for ending in scene.endings.values():
        shown.update(_vars_in_text(ending.title) | _vars_in_text(ending.text))
    if scene.debrief is not None:
        for item in (*scene.debrief.happened, *scene.debrief.questions):
            tested.update(_vars_in(item.cond))
            shown.update(_vars_in_text(item.text))
    for node in scene.nodes.values():
        for step in node.steps:
            tested.update(_vars_in(step.cond))
            if isinstance(step, Line):
                shown.update(_vars_in_text(step.text))
            elif isinstance(step, Do):
                effects(step.effects)
            elif isinstance(step, Pause):
                shown.update(_vars_in_text(step.younger) | _vars_in_text(step.older))
            elif isinstance(step, ContentNote):
                shown.update(_vars_in_text(step.summary))
            elif isinstance(step, Goal):
                shown.update(_vars_in_text(step.text) | _vars_in_text(step.hint))
            elif isinstance(step, Choice):
                shown.update(_vars_in_text(step.label))
                for option in step.options:
                    tested.update(_vars_in(option.cond))
                    shown.update(_vars_in_text(option.text))
                    effects(option.effects)
    return frozenset(changed), frozenset(tested), frozenset(shown)


def variable_uses(story: Story, uses_of: Callable[[Scene], VariableUses] = scene_variable_uses
                  ) -> tuple[set[str], set[str], set[str]]:
    """(names changed by an effect, names read by a condition or an effect's value, names shown in a text)."""
    changed: set[str] = set()
    tested: set[str] = set()
    shown: set[str] = set()
    for scene in story.scenes.values():
        c, t, s = uses_of(scene)
        changed |= c
        tested |= t
        shown |= s
    return changed, tested, shown


def _map_reads(map_conditions: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for text in map_conditions:
        try:
            out.update(_vars_in(ex.parse_condition(text)))
        except ex.ExprError:
            pass  # reported by the map checks
    return out


def check_variables(story: Story, map_conditions: Iterable[str] = (),
                    uses_of: Callable[[Scene], VariableUses] = scene_variable_uses) -> list[Problem]:
    """Map conditions (npc/trigger/exit/thing ``if``) count as reads, so a variable they test is never "never read";
    a variable tested only on the map is not warned about as a constant either (a map may test a flag on purpose).
    ``uses_of``: one scene's uses (`check` passes the ones it kept: game/readcache.py)."""
    changed, tested, shown = variable_uses(story, uses_of)
    on_map = _map_reads(map_conditions)
    out: list[Problem] = []
    for name, decl in story.var_decls.items():
        read = name in tested or name in shown or name in on_map
        if name in changed and not read:
            out.append(Problem(decl.pos, "warning", f"variable '{name}' is changed but never read",
                               "no condition, text or other change uses it, so changing it does nothing; "
                               "test it in an 'if:' or remove it"))
        elif name in tested and name not in changed:
            out.append(Problem(decl.pos, "warning", f"variable '{name}' is read but never changed: it always keeps "
                               "its starting value", f"change it with  do: \"{name} = ...\"  where the story "
                               "should remember something, or drop the conditions that test it"))
        elif not read and name not in changed:
            out.append(Problem(decl.pos, "warning", f"variable '{name}' is never used",
                               "remove it from 'vars:' or use it in a condition or a 'do'"))
    return out


# --- the story graph ----------------------------------------------------------------------------------------------
def _nodes(story: Story) -> dict[str, Node]:
    return {node.full_id: node for scene in story.scenes.values() for node in scene.nodes.values()}


def silent_loops(story: Story) -> list[Node]:
    """Nodes whose steps can neither finish nor show anything: every way through them ends in a goto/call cycle."""
    nodes = _nodes(story)
    fine: set[str] = set()  # the node can show something or finish (least fixed point)

    def node_is_fine(node: Node) -> bool:
        for step in node.steps:
            if isinstance(step, (Line, Choice, End, ContentNote)):
                return True  # it shows something, or the chapter ends (a conditional one counts: it may)
            if isinstance(step, (Jump, Call)):
                if step.target.full in fine or step.target.full not in nodes:
                    return True
                if step.cond is None:
                    return False  # always goes on into a node that never lets go
        return True  # it runs out of steps: the conversation is over (or the call returns)

    changed = True
    while changed:
        changed = False
        for full, node in nodes.items():
            if full not in fine and node_is_fine(node):
                fine.add(full)
                changed = True
    return [node for full, node in nodes.items() if full not in fine]


def _successors(story: Story, nodes: Mapping[str, Node]) -> Callable[[Point], tuple[bool, list[Point]]]:
    """For a point: (can the story get out here — an ending or the end of a conversation, next points)."""
    def succ(point: Point) -> tuple[bool, list[Point]]:
        full, i = point
        node = nodes[full]
        if i >= len(node.steps):
            return True, []  # the conversation is over (or a call returns): the player is free again
        step = node.steps[i]
        after = (full, i + 1)
        if isinstance(step, End):
            return True, [after] if step.cond is not None else []
        if isinstance(step, Jump):
            nxt = [(step.target.full, 0)] if step.target.full in nodes else []
            return step.target.full not in nodes, nxt + ([after] if step.cond is not None else [])
        if isinstance(step, Choice):
            nxt: list[Point] = []
            for option in step.options:
                if option.target is None:
                    nxt.append(after)
                elif option.target.full in nodes:
                    nxt.append((option.target.full, 0))
            can_skip = step.cond is not None or not step.options or all(o.cond is not None or o.once
                                                                       for o in step.options)
            if can_skip:
                nxt.append((step.fallback.full, 0) if step.fallback and step.fallback.full in nodes else after)
            return False, nxt
        if isinstance(step, ContentNote):  # the student reads on, or skips the part and goes on at its skip node
            return False, [after] + ([(step.skip.full, 0)] if step.skip.full in nodes else [])
        return False, [after]  # a line, a do step, a call (the callee is checked on its own)
    return succ


def trapping_choices(story: Story) -> list[Choice]:
    """Choices from which no path leads to an ending or to the end of the conversation."""
    nodes = _nodes(story)
    succ = _successors(story, nodes)
    points = [(full, i) for full, node in nodes.items() for i in range(len(node.steps) + 1)]
    graph = {p: succ(p) for p in points}
    free = {p for p, (exits, _nxt) in graph.items() if exits}
    back: dict[Point, list[Point]] = {}
    for p, (_exits, nxt) in graph.items():
        for q in nxt:
            back.setdefault(q, []).append(p)
    todo = list(free)
    while todo:
        for p in back.get(todo.pop(), []):
            if p not in free:
                free.add(p)
                todo.append(p)
    return [step for full, node in nodes.items() for i, step in enumerate(node.steps)
            if isinstance(step, Choice) and (full, i) not in free]


def check_graph(story: Story) -> list[Problem]:
    out: list[Problem] = []
    loops = silent_loops(story)
    looping = {n.full_id for n in loops}
    for node in loops:
        into = [s.target.full for s in node.steps if isinstance(s, (Jump, Call)) and s.target.full in looping]
        out.append(Problem(node.pos, "error", f"node '{node.id}' loops forever without showing anything",
                           (f"it goes on to '{into[-1]}', " if into else "") + "and no line, choice or 'end' ever "
                           "comes; put a line or a choice in the loop, or remove a goto"))
    for choice in trapping_choices(story):
        if any(o.target is not None and o.target.full in looping for o in choice.options):
            continue  # the silent loop is already an error
        out.append(Problem(choice.pos, "warning", "no way out of this loop: every option leads back here and no "
                           "ending can be reached", "give one option a goto to an 'end' step or to a node that "
                           "finishes, so the conversation can stop"))
    return out


# --- playing the chapters -----------------------------------------------------------------------------------------
def _where(story: Story, at: str) -> Pos | None:
    node = story.node(at)
    if node is None:
        target = story.resolve(at)
        node = story.node(target.full) if target else None
    return node.pos if node else None


def check_paths(story: Story, chapters: Iterable[tuple[tuple[str, ...], str | None]], external: Iterable[str], *,
                walks: int = 300, max_states: int = 1_500, seed: int = 1, goals=None) -> list[Problem]:
    """Play each chapter (its scenes, its intro) in order, carrying the state between chapters, as tests/test_paths.py
    does: endings no playthrough reaches, and dead ends, at their positions. With ``goals`` (a goalcheck.GoalProof)
    the same playthroughs also prove, wherever the player is back on the map, that a goal says where to go next."""
    from .paths import explore, random_walks, scene_entries

    external = set(external)
    out: list[Problem] = []
    groups = [(tuple(s for s in scenes if s in story.scenes), intro) for scenes, intro in chapters]
    placed = {s for scenes, _intro in groups for s in scenes}
    in_chapters = len(groups)  # the goals are proved where chapters are played, not in scenes no chapter plays
    groups += [((s,), None) for s in story.scenes if s not in placed]
    carried: tuple = ()
    dead: dict[Pos, str] = {}
    for number, (scenes, intro) in enumerate(groups):
        if not scenes or (intro is not None and story.node(intro) is None):
            continue
        entries = scene_entries(story, external, scenes)
        visit = None
        if goals is not None and number < in_chapters:
            goals.chapter(scenes, intro)
            visit = goals.visit
        walked = random_walks(story, entries, intro=intro, walks=walks, starts=carried, seed=seed, visit=visit)
        searched = explore(story, entries, intro=intro, max_states=max_states, visit=visit)
        carried = walked.finals or carried
        reached = walked.reached_endings | searched.reached_endings
        for sid in scenes:
            for ending in story.scenes[sid].endings.values():
                if ending.full_id not in reached:
                    out.append(Problem(ending.pos, "warning", f"no path reaches the ending '{ending.id}'",
                                       "no 'end' step naming it can be reached by any choices the player makes; "
                                       "check the conditions and gotos that lead to it"))
        for at, why in (*walked.dead_ends, *searched.dead_ends):
            pos = _where(story, at)
            if pos is not None and pos not in dead:
                dead[pos] = why
    for pos, why in dead.items():
        out.append(Problem(pos, "error", f"the story gets stuck here: {why}",
                           "a player who comes here cannot go on; check the gotos, conditions and choices of this node"))
    if goals is not None:
        out += goals.problems()
    return out


__all__ = ["VariableUses", "check_graph", "check_paths", "check_variables", "scene_variable_uses", "silent_loops",
           "trapping_choices", "variable_uses"]
