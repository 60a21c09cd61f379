import json

import pytest

from game.story.runner import Runner
from game.story.state import Frame, Position, State, StateError

from .test_runner import HOME, PARK


@pytest.fixture
def story(story_from):
    return story_from({"home.yaml": HOME, "park.yaml": PARK})


def roundtrip(state: State, story=None) -> State:
    return State.from_json(json.loads(json.dumps(state.to_json())), story)


def test_new_takes_declared_values(story) -> None:
    assert State.new(story).vars == {"helped": False, "trust": 0, "name": "Ravi"}


def test_round_trip_exact(story) -> None:
    state = State(vars={"helped": True, "trust": 3, "name": "x"}, visits={"home.arrive": 2},
                  chosen={"home.arrive.pick.help", "home.arrive.pick.chat"},
                  history=[{"node": "home.arrive"}, {"choice": "home.arrive.pick", "option": "home.arrive.pick.help"}],
                  position=Position("park", "deeper", 0, (Frame("home", "kitchen", 2), Frame("park", "chat", 2))),
                  ending=None, endings=["home.studied"])
    assert roundtrip(state) == state
    assert roundtrip(state, story) == state
    assert roundtrip(State()) == State()


def drive_to_call(story) -> tuple[State, Runner]:
    state = State.new(story)
    r = Runner(story, state)
    r.begin("home.arrive")
    r.advance()
    r.choose(0)
    r.advance()  # into park.chat, called from home.kitchen
    return state, r


def test_resume_inside_a_call(story) -> None:
    state, r = drive_to_call(story)
    shown = r.current()
    loaded = roundtrip(state, story)
    r2 = Runner(story, loaded)
    assert r2.current() == shown
    for runner in (r, r2):
        runner.advance()
        runner.advance()
        runner.advance()
    assert r2.current() == r.current() and r2.current().id == "home.kitchen.k2"
    assert loaded == state


def test_resume_mid_node_at_menu(story) -> None:
    state = State.new(story)
    r = Runner(story, state)
    r.begin("home.arrive")
    r.advance()
    loaded = roundtrip(state, story)
    r2 = Runner(story, loaded)
    assert r2.current() == r.current()
    assert loaded.visits == {"home.arrive": 1}  # resuming does not count as entering again


def test_resume_at_ending(story) -> None:
    state = State.new(story)
    r = Runner(story, state)
    r.begin("home.outro")
    assert Runner(story, roundtrip(state, story)).current() == r.current()


@pytest.mark.parametrize("data, message", [
    ([], "the saved state should be an object"),
    ({"vars": {"a": 1.5}}, "variable 'a' should be"),
    ({"visits": {"home.arrive": -1}}, "negative"),
    ({"visits": {"home.arrive": True}}, "whole number"),
    ({"chosen": "x"}, "chosen should be a list"),
    ({"history": [{"node": "a", "extra": "b"}]}, "history entry"),
    ({"position": {"scene": "home", "node": "arrive"}}, "position step should be a whole number"),
    ({"position": {"scene": "home", "node": "arrive", "step": 0, "stack": [{}]}}, "a call frame scene"),
    ({"version": 99}, "unsupported save format version"),
    ({"bogus": 1}, "unknown field"),
])
def test_malformed(data, message: str) -> None:
    with pytest.raises(StateError, match=message):
        State.from_json(data)


@pytest.mark.parametrize("data, message", [
    ({"vars": {"nope": 1}}, "variable 'nope'"),
    ({"vars": {"trust": "lots"}}, "variable 'trust' should be int"),
    ({"visits": {"home.gone": 1}}, "node 'home.gone'"),
    ({"position": {"scene": "home", "node": "gone", "step": 0}}, "node 'home.gone'"),
    ({"position": {"scene": "home", "node": "arrive", "step": 99}}, "step 99"),
    ({"endings": ["home.nope"]}, "ending 'home.nope'"),
])
def test_rejected_against_story(story, data, message: str) -> None:
    with pytest.raises(StateError, match=message):
        State.from_json(data, story)


def test_missing_vars_filled_from_story(story) -> None:
    assert State.from_json({"vars": {"trust": 4}}, story).vars == {"trust": 4, "helped": False, "name": "Ravi"}
