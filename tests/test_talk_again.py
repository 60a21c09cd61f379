"""Talking again to someone who has nothing new: one short line from the content (`again:`), not the finished
conversation again; and Space that closes a conversation does not open it again at once."""

from __future__ import annotations

import pygame

from game.save import WorldPos
from game.session import Session
from game.story.again import again_line, nothing_new
from game.story.runner import Menu, Say
from game.ui.app import App
from game.ui.dialogue import DialogueScreen
from game.ui.world import TALK_PAUSE, WorldScreen
from tests.test_motion_sound import DT, key, make_ctx


def dadi_done(session: Session) -> None:
    """Ravi has asked Dadi about school and read her the word; Bua is not the topic (stand is not on offer)."""
    state = session.state
    for node in ("home.dadi", "home.dadi_menu", "home.dadi_school", "home.dadi_read"):
        state.visits[node] = 1
    state.chosen |= {"home.dadi_menu.with_dadi.school", "home.dadi_menu.with_dadi.read"}
    state.vars["talked_dadi"] = True


def test_nothing_new_only_when_every_line_was_seen_and_the_only_option_leaves(content, tmp_path) -> None:
    session = Session.new(content, tmp_path)
    story, state = content.story, session.state
    assert not nothing_new(story, state, "home.dadi")  # never talked to her
    assert again_line(story, state, "home.dadi") is None
    dadi_done(session)
    assert nothing_new(story, state, "home.dadi")  # only "Later, Dadi." is left
    line = again_line(story, state, "home.dadi")
    assert line is not None and line.id == "home.again.dadi" and line.speaker == "dadi"
    assert state.visits["home.dadi"] == 1  # deciding played a copy: the real state is untouched
    state.chosen.discard("home.dadi_menu.with_dadi.read")
    assert not nothing_new(story, state, "home.dadi")  # reading the word is still on offer


def world_beside_dadi(content, display, tmp_path) -> App:
    ctx = make_ctx(content, display, tmp_path, text_speed="instant")
    session = Session.new(content, tmp_path)
    session.state.position = None
    dadi_done(session)
    session.world = WorldPos("home", 12, 6, "up")
    app = App(ctx, WorldScreen(ctx, session), display)
    app.step([], DT)
    return app


def test_talking_to_dadi_again_says_one_line_and_space_does_not_loop(content, display, tmp_path) -> None:
    app = world_beside_dadi(content, display, tmp_path)
    world = app.top
    assert isinstance(world, WorldScreen)
    key(app, pygame.K_SPACE)
    dialogue = app.top
    assert isinstance(dialogue, DialogueScreen) and isinstance(dialogue.step, Say)
    assert dialogue.step.id == "home.again.dadi" and dialogue.step.text.startswith("Go, go.")
    visits = dict(world.session.state.visits)
    key(app, pygame.K_SPACE)  # closes it: back on the map, no menu of one option
    assert app.top is world and world.session.runner.current() is None
    assert world.session.state.visits == visits  # the line is said outside the story: no visit, no decision
    for _ in range(round(TALK_PAUSE / DT) - 2):  # Space mashed on: nothing opens in the first moment
        key(app, pygame.K_SPACE)
        assert app.top is world
    for _ in range(4):
        app.step([], DT)
    key(app, pygame.K_SPACE)  # a moment later Space talks again, as a student means it to
    assert isinstance(app.top, DialogueScreen)


def test_without_an_again_line_the_conversation_runs_as_before(content, display, tmp_path) -> None:
    app = world_beside_dadi(content, display, tmp_path)
    world = app.top
    scene = world.session.content.story.scenes["home"]
    authored = scene.again
    object.__setattr__(scene, "again", {})
    try:
        key(app, pygame.K_SPACE)
        assert isinstance(app.top, DialogueScreen) and isinstance(app.top.step, Menu)
        assert [o.id for o in app.top.step.options] == ["home.dadi_menu.with_dadi.later"]
    finally:
        object.__setattr__(scene, "again", authored)


def test_again_names_a_node_that_does_not_exist() -> None:
    from game.story.loader import load_dialogue_file

    text = ("scene: home\ntitle: Home\nagain:\n  dadi:\n    text: \"Go, go.\"\n"
            "nodes:\n  daadi:\n    - id: a\n      text: Hi.\n")
    scene, problems = load_dialogue_file(text.encode(), "dialogue/en/home.yaml")
    assert [p.format() for p in problems] == [
        "dialogue/en/home.yaml:4:3: error: 'again' names node 'dadi', which does not exist (did you mean 'daadi'?)"]
    ok, problems = load_dialogue_file(text.replace("daadi", "dadi").encode(), "dialogue/en/home.yaml")
    assert problems == [] and ok.again["dadi"].id == "home.again.dadi" and ok.again["dadi"].text == "Go, go."


def _talk(story, state, node: str) -> None:
    """One whole conversation, taking the last option at each choice (the one that leaves, in these people's menus)."""
    from game.story.runner import Note, Runner

    runner = Runner(story, state)
    runner.begin(node)
    for _ in range(300):
        step = runner.current()
        if step is None:
            return
        if isinstance(step, Menu):
            runner.choose(len(step.options) - 1)
        else:
            assert isinstance(step, (Say, Note)), step
            runner.advance()
    raise AssertionError(f"{node} never let go")


def test_the_people_of_school_and_the_neighbourhood_have_a_line_for_the_second_talk(content) -> None:
    """Issue 12: talk-again lines in every chapter, not only at home. A classmate or neighbour talked to again with
    nothing new says one line of their own."""
    from game.story.state import State

    story = content.story
    people = {"school": ["priya", "kabir", "arjun"],
              "neighbourhood": ["vikram", "chaiwala", "kavita", "rekha", "loiterers"]}
    for scene, nodes in people.items():
        assert set(nodes) <= set(story.scenes[scene].again)
        for node in nodes:
            state = State.new(story)
            assert again_line(story, state, f"{scene}.{node}") is None  # the first talk is the conversation
            _talk(story, state, f"{scene}.{node}")
            line = again_line(story, state, f"{scene}.{node}")
            assert line is not None and line.id == f"{scene}.again.{node}", node
    assert story.scenes["school"].again["iqbal"].speaker == "iqbal"
    assert story.scenes["neighbourhood"].again["loiterers"].speaker is None  # said by the narrator
