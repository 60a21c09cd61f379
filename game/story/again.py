"""Talking again to someone who has nothing new: one short line from the content instead of the whole conversation.

A scene's `again:` section gives, per node a person on the map starts, the line they say then (docs/dialogue-format.md,
section 3.6). "Nothing new" is decided by playing the conversation on a copy of the state: every line it would show
belongs to a node the player has been through before, it reaches no ending, pause point or content note, and every
choice on the way offers only options that change nothing and go nowhere ("Later, Dadi."). Without an `again:` line
the conversation runs as before.
"""

from __future__ import annotations

from .model import Line, Option, Story
from .runner import Menu, Runner, RunnerError, Say
from .state import State

MAX_STEPS = 200  # a conversation longer than this is surely not "nothing new"


def _closes(option: Option) -> bool:
    return option.target is None and not option.effects


def _node_of(step_id: str) -> str:
    return ".".join(step_id.split(".")[:2])


def nothing_new(story: Story, state: State, target: str) -> bool:
    """Would starting ``target`` now show only what the player has seen, with nothing to do but leave?"""
    before = state.visits
    copy = State(vars=dict(state.vars), visits=dict(state.visits), chosen=set(state.chosen))
    runner = Runner(story, copy)
    try:
        runner.begin(target)
        for _ in range(MAX_STEPS):
            step = runner.current()
            if step is None:
                return True
            if not isinstance(step, (Say, Menu)) or not before.get(_node_of(step.id)):
                return False  # an ending, a pause point, a content note, or a node never seen
            if isinstance(step, Say):
                runner.advance()
                continue
            pos = copy.position
            choice = story.scenes[pos.scene].nodes[pos.node].steps[pos.step] if pos else None
            offered = runner._offered(choice)  # noqa: SLF001 - the runner's own rule for what is on offer
            if not all(_closes(o) for o in offered):
                return False
            runner.choose(0)
    except RunnerError:
        return False
    return False


def again_line(story: Story, state: State, target: str) -> Line | None:
    """The talk-again line to say instead of ``target``'s conversation, or None to run the conversation."""
    scene_id, _, node_id = target.partition(".")
    scene = story.scenes.get(scene_id)
    line = (scene.again or {}).get(node_id) if scene is not None else None
    if line is None or not nothing_new(story, state, target):
        return None
    return line
