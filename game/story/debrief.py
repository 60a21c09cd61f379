"""The debrief at the end of a chapter: what the player's choices led to, and questions to talk about.

Pure like the runner: the chapter-end screen asks for the texts and draws them.
"""

from __future__ import annotations

from .expr import DictEnv, evaluate, interpolate
from .model import DebriefItem, Story
from .runner import TextHook
from .state import State

__all__ = ["debrief_text"]


def debrief_text(story: Story, scene_id: str, state: State,
                 text: TextHook | None = None) -> tuple[list[str], list[str]]:
    """(what happened, questions) of a scene's debrief, as the player should read them now.

    Items whose ``if`` is false in ``state`` are left out; each text goes through the translation hook
    ``text(item id, source)`` (ids like ``home.debrief.q1``) and then has its ``{variables}`` filled in.
    A scene without a debrief (or an unknown scene) gives two empty lists.
    """
    scene = story.scenes.get(scene_id)
    if scene is None or scene.debrief is None:
        return [], []
    env = DictEnv(state.vars, state.visits)

    def shown(items: tuple[DebriefItem, ...]) -> list[str]:
        out = []
        for item in items:
            if item.cond is None or bool(evaluate(item.cond, env)):
                source = text(item.id, item.text) if text is not None else item.text
                out.append(interpolate(source, state.vars))
        return out

    return shown(scene.debrief.happened), shown(scene.debrief.questions)
