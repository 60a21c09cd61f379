import pytest

from game.story.runner import Ended, Menu, MenuOption, Runner, RunnerError, Say
from game.story.state import State

HOME = """
scene: home
title: Home
vars:
  helped: false
  trust: 0
  name: Ravi
endings:
  studied:
    title: Study time
    text: "Meera studied. Trust: {trust}."
nodes:
  arrive:
    - id: hello
      say: amma
      face: smile
      text: "Wash your hands, {name}. {{ok}}"
    - id: skipped
      text: never shown
      if: "helped"
    - id: pick
      choose:
        - id: help
          text: "Help ({trust})"
          if: "not helped"
          do: "helped = true; trust += 1"
          once: true
          goto: kitchen
        - id: chat
          text: Chat
          once: true
        - id: leave
          text: Leave
          goto: outro
    - id: after
      text: "After the choice."
    - goto: arrive
  kitchen:
    - id: k1
      text: "Onions. Visits: {trust}"
    - call: park.chat
    - id: k2
      text: Back home.
    - goto: arrive
  outro:
    - do: "trust += 10"
    - end: studied
  locked:
    - id: pick
      choose:
        - id: only
          text: Only if helped
          if: helped
      fallback: outro
  skip:
    - id: pick
      choose:
        - id: only
          text: Only if helped
          if: helped
    - id: s1
      text: skipped the choice
  spin:
    - do: "trust += 1"
    - goto: spin
"""
PARK = """
scene: park
title: Park
nodes:
  chat:
    - id: p1
      say: meera
      text: "Thanks for the help."
    - call: deeper
  deeper:
    - id: d1
      text: "Deeper {trust}"
    - goto: tail
  tail:
    - id: t1
      text: Tail
"""


@pytest.fixture
def story(story_from):
    return story_from({"home.yaml": HOME, "park.yaml": PARK})


def test_say_interpolates_and_hides_false_lines(story) -> None:
    state = State.new(story)
    r = Runner(story, state)
    assert r.current() is None and not r.active
    r.begin("home")
    assert r.current() == Say("home.arrive.hello", "amma", "smile", "Wash your hands, Ravi. {ok}")
    r.advance()
    menu = r.current()
    assert menu == Menu("home.arrive.pick", (MenuOption("home.arrive.pick.help", "Help (0)"),
                                             MenuOption("home.arrive.pick.chat", "Chat"),
                                             MenuOption("home.arrive.pick.leave", "Leave")))
    assert state.visits == {"home.arrive": 1}
    with pytest.raises(RunnerError):
        r.advance()


def test_choice_effects_goto_call_return_across_scenes(story) -> None:
    state = State.new(story)
    r = Runner(story, state)
    r.begin("home.arrive")
    r.advance()
    r.choose(0)
    assert state.vars["helped"] is True and state.vars["trust"] == 1
    assert r.current() == Say("home.kitchen.k1", None, None, "Onions. Visits: 1")
    r.advance()
    assert r.current() == Say("park.chat.p1", "meera", None, "Thanks for the help.")
    assert state.position.stack and state.position.stack[-1].node == "kitchen"
    r.advance()
    assert r.current().text == "Deeper 1"
    r.advance()  # deeper jumps to tail, still inside two calls
    assert r.current().id == "park.tail.t1"
    r.advance()  # tail runs out -> back to chat after its call -> chat runs out -> back to kitchen
    assert r.current().id == "home.kitchen.k2"
    assert state.position.stack == ()
    r.advance()  # goto arrive: entered a second time
    assert state.visits["home.arrive"] == 2
    assert state.history[:4] == [{"node": "home.arrive"},
                                 {"choice": "home.arrive.pick", "option": "home.arrive.pick.help"},
                                 {"node": "home.kitchen"}, {"node": "park.chat"}]


def test_once_and_conditions_remove_options(story) -> None:
    state = State.new(story)
    r = Runner(story, state)
    r.begin("home.arrive")
    r.advance()
    r.choose(1)  # chat: once, no goto -> continue after the choice
    assert r.current().id == "home.arrive.after"
    r.advance()  # goto arrive
    r.advance()
    assert [o.text for o in r.current().options] == ["Help (0)", "Leave"]
    r.choose(0)  # help: sets helped, so its `if` hides it too
    for _ in range(5):
        r.advance()
    assert r.current().id == "home.arrive.hello"
    r.advance()  # 'skipped' is shown now that helped is true
    assert r.current().id == "home.arrive.skipped"
    r.advance()
    assert [o.id for o in r.current().options] == ["home.arrive.pick.leave"]
    assert state.chosen == {"home.arrive.pick.chat", "home.arrive.pick.help"}


def test_end_and_ended_until_begin(story) -> None:
    state = State.new(story)
    r = Runner(story, state)
    r.begin("home.arrive")
    r.advance()
    r.choose(2)
    assert r.current() == Ended("home.studied", "Study time", "Meera studied. Trust: 10.")
    assert state.ending == "home.studied" and state.endings == ["home.studied"] and not r.active
    with pytest.raises(RunnerError):
        r.choose(0)
    r.begin("park.tail")
    assert state.ending is None and state.endings == ["home.studied"]
    assert r.current().id == "park.tail.t1"
    r.advance()
    assert r.current() is None and not r.active


def test_fallback_and_skipped_choice(story) -> None:
    state = State.new(story)
    r = Runner(story, state)
    r.begin("home.locked")
    assert isinstance(r.current(), Ended)  # no option on offer -> fallback outro -> end
    r.begin("home.skip")
    assert r.current().id == "home.skip.s1"


def test_loop_guard_names_node(story) -> None:
    r = Runner(story, State.new(story))
    with pytest.raises(RunnerError, match="loops without showing anything.*home.spin"):
        r.begin("home.spin")


def test_text_hook_gets_ids(story) -> None:
    seen: list[str] = []

    def hook(text_id: str, source: str) -> str:
        seen.append(text_id)
        return f"[{source}]"

    r = Runner(story, State.new(story), text=hook)
    r.begin("home.arrive")
    assert r.current().text == "[Wash your hands, Ravi. {ok}]"  # translate first, then fill in variables
    r.advance()
    r.current()
    r.choose(2)
    assert r.current().title == "[Study time]"
    assert seen == ["home.arrive.hello", "home.arrive.pick.help", "home.arrive.pick.chat", "home.arrive.pick.leave",
                    "home.endings.studied.title", "home.endings.studied.text"]


def test_begin_unknown_target(story) -> None:
    with pytest.raises(RunnerError):
        Runner(story, State.new(story)).begin("home.nowhere")


FAILING = """
scene: t
title: T
vars:
  trust: 0
  name: Ravi
nodes:
  start:
    - do: "trust += 1"
    - do: 'name += "!"'
    - id: l1
      text: Hi
"""


def test_a_step_that_fails_leaves_the_position_at_that_step(story_from) -> None:
    """_settle keeps the step it has reached to itself until it stops; a step that raises (here an effect on a value
    of the wrong type, as only a crafted state could hold) must still leave the position where it failed."""
    story = story_from({"t.yaml": FAILING})
    state = State.new(story)
    state.vars["name"] = 5
    runner = Runner(story, state)
    with pytest.raises(TypeError):
        runner.begin("t.start")
    assert state.vars["trust"] == 1
    assert (state.position.node, state.position.step) == ("start", 1)
