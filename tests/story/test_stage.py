"""Staging steps: loaded with positions, checked against the cast and the maps' points, run by the runner into the
state (and as cues for the screen), saved and restored."""

from __future__ import annotations

import json

import pytest

from game.story.model import Stage
from game.story.runner import Runner, Say
from game.story.state import Placement, State, StateError

H = "dialogue/en/home.yaml"
ACTORS = frozenset({"papa", "bua", "meera", "ravi"})
POINTS = {"home": frozenset({"gate", "mat_papa", "mat_bua", "mat"}), "park": frozenset({"bench"})}

HOME = """
scene: home
title: Home
nodes:
  dinner:
    - camera: mat
    - appear: papa
      at: gate
      facing: up
    - id: n1
      text: "The gate creaks."
    - walk: papa
      to: mat_papa
      facing: meera
    - walk: bua
      to: park.bench
    - turn: meera
      to: papa
    - emote: meera
      icon: sweat
    - wait: 0.5
    - id: n2
      text: "Dinner."
    - leave: bua
    - leave: papa
      to: gate
      if: "false"
"""


def test_staging_steps_load_into_frozen_steps(story_from) -> None:
    story = story_from({"home.yaml": HOME, "park.yaml": "scene: park\ntitle: P\nnodes:\n  x:\n    - id: a\n      text: A\n"},
                       actors=ACTORS, points=POINTS)
    steps = [s for s in story.scenes["home"].nodes["dinner"].steps if isinstance(s, Stage)]
    assert [(s.action, s.who, s.scene, s.point, s.facing, s.icon, s.seconds) for s in steps] == [
        ("camera", None, "home", "mat", None, None, 0.0),
        ("appear", "papa", "home", "gate", "up", None, 0.0),
        ("walk", "papa", "home", "mat_papa", "meera", None, 0.0),
        ("walk", "bua", "park", "bench", None, None, 0.0),
        ("turn", "meera", "home", None, "papa", None, 0.0),
        ("emote", "meera", "home", None, None, "sweat", 0.0),
        ("wait", None, "home", None, None, None, 0.5),
        ("leave", "bua", "home", None, None, None, 0.0),
        ("leave", "papa", "home", "gate", None, None, 0.0),
    ]
    assert steps[1].pos.line == 6 and steps[-1].cond is not None
    with pytest.raises(AttributeError):
        steps[0].point = "x"  # type: ignore[misc]


def test_missing_point_and_unknown_character_are_reported_with_positions(problems_of) -> None:
    bad = HOME.replace("at: gate\n", "at: gat\n").replace("walk: bua", "walk: buaa").replace(
        "to: papa", "to: ppa").replace("to: park.bench", "to: park.bnch")
    park = "scene: park\ntitle: P\nnodes:\n  x:\n    - id: a\n      text: A\n"
    assert problems_of({"home.yaml": bad, "park.yaml": park}, actors=ACTORS, points=POINTS) == [
        f"{H}:14:13: error: unknown character 'buaa' (did you mean 'bua'?)",
        f"{H}:15:11: error: there is no point 'bnch' on the map of 'park' (did you mean 'bench'?)",
        f"{H}:17:11: error: unknown character 'ppa' (face down, up, left, right or a character)",
        f"{H}:7:11: error: there is no point 'gat' on the map of 'home' (did you mean 'gate'?)",
    ]


@pytest.mark.parametrize("step, message", [
    ("- walk: papa\n", "5:7: error: a walk step is missing the key 'to'"),
    ("- wait: 9\n", "5:13: error: 'wait' should be a number of seconds from 0.1 to 3 "
                    "(a beat is about half a second: wait: 0.5)"),
    ("- emote: papa\n  icon: smile\n", "6:13: error: there is no emote icon 'smile' "
                                       "(icons: exclaim, question, heart, dots, sweat, angry)"),
    ("- appear: papa\n  at: gate\n  walk: papa\n", "5:7: error: a step can only do one thing, but this one has "
                                                   "'appear' and 'walk' (split it into separate steps)"),
    ("- turn: papa\n  to: Left\n", "6:11: error: the direction to face 'Left' is not a valid id"),
    ("- walk: papa\n  to: mat\n  speed: 3\n", "7:7: error: unknown key 'speed' in a walk step"),
])
def test_bad_steps_are_reported_with_positions(problems_of, step: str, message: str) -> None:
    body = "".join("    " + line + "\n" for line in step.rstrip("\n").split("\n"))
    files = {"home.yaml": f"scene: home\ntitle: Home\nnodes:\n  n:\n{body}    - id: a\n      text: A\n"}
    found = problems_of(files, actors=ACTORS, points=POINTS)
    assert any(p.startswith(f"{H}:{message}") for p in found), found


def _runner(story_from) -> tuple[Runner, State]:
    park = "scene: park\ntitle: P\nnodes:\n  x:\n    - id: a\n      text: A\n"
    story = story_from({"home.yaml": HOME, "park.yaml": park}, actors=ACTORS, points=POINTS)
    state = State.new(story)
    return Runner(story, state), state


def test_the_runner_puts_where_everyone_ends_up_in_the_state_and_keeps_the_steps_as_cues(story_from) -> None:
    runner, state = _runner(story_from)
    runner.begin("home.dinner")
    assert isinstance(runner.current(), Say)
    assert state.stage == {"papa": Placement("home", "gate", "up")}
    assert runner.stage_before_cues() == {}  # what the screen places before playing the cues
    assert [c.action for c in runner.take_cues()] == ["camera", "appear"]
    assert runner.take_cues() == [] and runner.stage_before_cues() is state.stage
    runner.advance()
    assert state.stage == {"papa": Placement("home", "mat_papa", "meera"), "bua": Placement("park", "bench", None),
                           "meera": Placement("home", None, "papa")}
    assert [c.action for c in runner.take_cues()] == ["walk", "walk", "turn", "emote", "wait"]
    runner.advance()  # bua leaves (she was on another map: now gone from this one); papa's leave has a false `if`
    assert state.stage["bua"] == Placement("home", None, None, True)
    assert state.stage["papa"] == Placement("home", "mat_papa", "meera")
    assert runner.current() is None


def test_stage_round_trips_through_a_save_and_bad_saves_are_refused(story_from) -> None:
    runner, state = _runner(story_from)
    runner.begin("home.dinner")
    runner.advance()
    again = State.from_json(json.loads(json.dumps(state.to_json())), runner.story)
    assert again.stage == state.stage
    raw = state.to_json()
    raw["stage"]["ghost"] = {"scene": "nowhere", "point": "x", "facing": None, "gone": False}
    assert "ghost" not in State.from_json(raw, runner.story).stage  # a place on a map that no longer exists
    for broken in ({"papa": {"scene": 3}}, {"papa": {"scene": "home", "gone": "yes"}}, [1],
                   {"papa": {"scene": "home", "x": 1}}, {f"c{i}": {"scene": "home"} for i in range(500)}):
        raw = state.to_json()
        raw["stage"] = broken
        with pytest.raises(StateError):
            State.from_json(raw, runner.story)
    old = state.to_json()
    del old["stage"]
    assert State.from_json(old, runner.story).stage == {}  # a save from before staging


def test_cues_nobody_takes_are_dropped_but_the_state_is_kept(story_from) -> None:
    runner, state = _runner(story_from)
    for _ in range(200):  # a headless run (stats, paths) never takes them
        runner.begin("home.dinner")
        runner.advance()
        runner.advance()
    assert len(runner.cues) <= 256
    assert state.stage["papa"] == Placement("home", "mat_papa", "meera")
