"""The debrief section of a dialogue file: model, loader checks with positions, and debrief_text."""

from game.story.debrief import debrief_text
from game.story.model import Debrief, DebriefItem
from game.story.state import State

H = "dialogue/en/home.yaml"

HOME = """
scene: home
title: Home
vars:
  helped: false
  trust: 2
nodes:
  arrive:
    - id: a1
      text: Hi.
debrief:
  happened:
    - id: h1
      if: "helped"
      text: "You helped. Trust: {trust}."
    - id: h2
      if: "not helped"
      text: "You did not help."
    - id: h3
      text: "Dinner was at nine."
  questions:
    - id: q1
      text: "Who does work nobody notices?"
    - id: q2
      if: "trust > 5"
      text: "Only for the very trusted."
"""


def test_builds_debrief_with_full_ids_and_positions(story_from) -> None:
    debrief = story_from({"home.yaml": HOME}).scenes["home"].debrief
    assert isinstance(debrief, Debrief) and (debrief.pos.line, debrief.pos.col) == (10, 1)
    assert [i.id for i in debrief.happened] == ["home.debrief.h1", "home.debrief.h2", "home.debrief.h3"]
    assert [i.id for i in debrief.questions] == ["home.debrief.q1", "home.debrief.q2"]
    h1 = debrief.happened[0]
    assert isinstance(h1, DebriefItem) and h1.cond is not None and (h1.pos.line, h1.pos.col) == (12, 7)
    assert debrief.happened[2].cond is None and debrief.happened[2].text == "Dinner was at nine."


def test_scene_without_debrief(story_from) -> None:
    text = HOME.split("debrief:")[0]
    assert story_from({"home.yaml": text}).scenes["home"].debrief is None


def test_debrief_text_evaluates_interpolates_and_translates(story_from) -> None:
    story = story_from({"home.yaml": HOME})
    state = State.new(story)
    assert debrief_text(story, "home", state) == (["You did not help.", "Dinner was at nine."],
                                                  ["Who does work nobody notices?"])
    state.vars["helped"] = True
    state.vars["trust"] = 6
    seen = []

    def hook(text_id: str, source: str) -> str:
        seen.append(text_id)
        return source.replace("You", "Tu") if text_id == "home.debrief.h1" else source
    happened, questions = debrief_text(story, "home", state, hook)
    assert happened == ["Tu helped. Trust: 6.", "Dinner was at nine."]  # hook first, then {trust}
    assert questions == ["Who does work nobody notices?", "Only for the very trusted."]
    assert seen == ["home.debrief.h1", "home.debrief.h3", "home.debrief.q1", "home.debrief.q2"]


def test_debrief_text_of_unknown_scene_or_scene_without_debrief(story_from) -> None:
    story = story_from({"home.yaml": HOME, "park.yaml": "scene: park\ntitle: P\nnodes:\n  a:\n    - id: x\n"
                                                         "      text: y\n"})
    state = State.new(story)
    assert debrief_text(story, "park", state) == ([], [])
    assert debrief_text(story, "nowhere", state) == ([], [])


def test_unknown_keys_duplicate_ids_and_bad_shapes(problems_of) -> None:
    text = HOME.replace("  questions:", "  question:").replace("    - id: h3", "    - id: h1").replace(
        "      if: \"not helped\"", "      iff: \"not helped\"")
    assert problems_of({"home.yaml": text}) == [
        f"{H}:16:7: error: unknown key 'iff' in an item of 'happened' (did you mean 'if'?)",
        f"{H}:18:11: error: duplicate id 'h1' (first at line 12) (ids must be unique; give this one a new name)",
        f"{H}:20:3: error: unknown key 'question' in the debrief (did you mean 'questions'?)",
    ]
    assert problems_of({"home.yaml": HOME.replace("    - id: q1\n", "    - idd: q1\n")}) == [
        f"{H}:21:7: error: a question is missing the key 'id'",
        f"{H}:21:7: error: unknown key 'idd' in a question (did you mean 'id'?)",
    ]
    assert problems_of({"home.yaml": HOME.split("debrief:")[0] + "debrief: []\n"}) == [
        f"{H}:10:10: error: the debrief should be a mapping (key: value lines), found a list"]


def test_ids_are_unique_across_happened_and_questions(problems_of) -> None:
    assert problems_of({"home.yaml": HOME.replace("id: q2", "id: h2")}) == [
        f"{H}:23:11: error: duplicate id 'h2' (first at line 15) (ids must be unique; give this one a new name)"]


def test_conditions_and_interpolation_are_checked_against_all_variables(problems_of) -> None:
    text = HOME.replace('if: "helped"', 'if: "helped > 1"').replace("{trust}", "{trusst}").replace(
        'if: "trust > 5"', 'if: "met_meera"')
    park = "scene: park\ntitle: P\nvars:\n  met_meera: false\nnodes:\n  a:\n    - id: x\n      text: y\n"
    assert problems_of({"home.yaml": text, "park.yaml": park}) == [
        f"{H}:13:19: error: '>' compares numbers, not true/false and a number",
        f"{H}:14:33: error: unknown variable '{{trusst}}' in the text (did you mean 'trust'?)",
    ]
    assert problems_of({"home.yaml": HOME.replace('if: "not helped"', 'if: "not (helped"')}) == [
        f"{H}:16:23: error: expected ')', found the end of the expression"]


def test_a_node_cannot_be_called_debrief(problems_of) -> None:
    text = HOME.replace("  arrive:\n", "  arrive:\n    - goto: debrief\n  debrief:\n    - id: d\n      text: x\n"
                        "  rest:\n")
    assert problems_of({"home.yaml": text}) == [
        f"{H}:12:3: warning: node 'rest' is never reached (nothing jumps to, calls or chooses it and no map object "
        "starts it)",
        f"{H}:8:13: error: 'goto' target 'debrief' does not exist",
        f"{H}:9:3: error: 'debrief' cannot be a node id: it is the name of the scene's debrief section "
        "(give the node another name)"]
