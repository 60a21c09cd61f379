"""What each activity of the game is called, for a learning record store's dashboard: chapter titles, decision
labels with their options, pause-point questions, survey statements with their Likert scale. In the language the
student plays in (an xAPI language map), built once from the loaded content; statements carry it in
``object.definition`` (game.classroom.xapi). Pure Python."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.story.model import Choice, Pause

if TYPE_CHECKING:
    from game.content import Content

Definitions = dict[str, dict[str, Any]]   # "kind/ident" → extra definition fields (name, interaction)
MAX_NAME = 200  # characters: a dashboard's column, not a page


def definitions(content: "Content") -> Definitions:
    from game.classroom.xapi import _rfc5646

    lang = _rfc5646(content.lang)
    text = content.catalog.text

    def name(value: str) -> dict[str, str]:
        value = " ".join(value.split())
        return {lang: value if len(value) <= MAX_NAME else value[:MAX_NAME - 1] + "…"}

    out: Definitions = {"game/": {"name": name(text("ui.game.title", "Small Acts"))}}
    story = content.story
    for chapter in content.chapters:
        scene = story.scenes.get(chapter.scenes[0])
        if scene is not None:
            out[f"chapter/{chapter.id}"] = {"name": name(text(f"{scene.id}.title", scene.title))}
    for scene in story.scenes.values():
        for node in scene.nodes.values():
            for step in node.steps:
                if isinstance(step, Choice):
                    label = text(f"{step.id}.label", step.label) if step.label else step.id
                    out[f"choice/{step.id}"] = {
                        "name": name(label), "interactionType": "choice",
                        "choices": [{"id": o.id, "description": name(text(o.id, o.text))} for o in step.options]}
                elif isinstance(step, Pause):
                    out[f"pause/{step.id}"] = {"name": name(text(f"{step.id}.younger", step.younger))}
    survey = content.survey
    if survey is not None:
        for item in survey.items:
            scale = survey.scales.get(item.scale)
            out[f"survey/{item.id}"] = {
                "name": name(item.text), "interactionType": "likert",
                "scale": [{"id": str(o.value), "description": name(o.text)} for o in scale.options] if scale else []}
            if not out[f"survey/{item.id}"]["scale"]:
                del out[f"survey/{item.id}"]["scale"], out[f"survey/{item.id}"]["interactionType"]
    return out
