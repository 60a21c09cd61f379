"""Goals as content: the goal step (loader, state, runner, translations), the proof that `check` runs on the path
search's own playthroughs, and the goal line, marker and idle hint on the world screen."""

from __future__ import annotations

import pygame
import pytest

from game.content import external_entries, load_content
from game.guidance import goal_world
from game.paths import project_root
from game.session import Session
from game.settings import Settings
from game.story.goalcheck import GoalProof
from game.story.graphcheck import check_paths
from game.story.state import State
from game.ui.app import App
from game.ui.context import Context
from game.ui.goal_view import timer_events
from game.ui.world import WorldScreen
from tests.test_e2e import DT, click, frames
from tests.test_newscene import project  # noqa: F401 - the fixture: a copy of the content to break

ROOT = project_root()


def edit(project, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(project, rel: str, needle: str) -> int:
    lines = (project / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def proof(root) -> list[str]:
    """The goal proof on the first chapter, with a smaller search than `check` runs (the same code)."""
    content, problems, _ = load_content(root)
    assert content is not None, [p.format() for p in problems]
    chapter = content.chapters[0]
    goals = GoalProof(content.story, goal_world(content.scenes))
    found = check_paths(content.story, [(chapter.scenes, chapter.intro)], external_entries(content.scenes),
                        walks=60, max_states=400, goals=goals)
    return [p.format() for p in found if "goal" in p.message]


# --- the format ------------------------------------------------------------------------------------------------
def test_shipped_goals_are_proved(content):
    goals = GoalProof(content.story, goal_world(content.scenes))
    found = check_paths(content.story, [(c.scenes, c.intro) for c in content.chapters],
                        external_entries(content.scenes), walks=80, max_states=500, goals=goals)
    assert [p.format() for p in found if p.severity == "error"] == []
    assert len(goals._done) > 50  # it really looked at many moments back on the map


def test_a_goal_naming_nothing_on_the_map_is_an_error_at_its_at(project):
    edit(project, "dialogue/en/home.yaml", "      at: amma\n", "      at: amah\n")
    line = line_of(project, "dialogue/en/home.yaml", "at: amah")
    _content, problems, _ = load_content(project)
    assert [p.format() for p in problems if p.severity == "error"] == [
        f"dialogue/en/home.yaml:{line}:11: error: the map of 'home' (scenes/home/home.tmx) has no person, thing or "
        "trigger named 'amah' (did you mean 'amma'?)"]


def test_a_goal_at_an_exit_or_badly_written_is_an_error(project):
    edit(project, "dialogue/en/home.yaml", "      at: courtyard_first\n", "      at: to_lane\n")
    _content, problems, _ = load_content(project)
    errors = [p.format() for p in problems if p.severity == "error"]
    assert any("'to_lane' on the map of 'home' is an exit; a goal points at a person, a thing or a trigger" in e
               for e in errors), errors
    edit(project, "dialogue/en/lane.yaml", "      at: home.amma\n", "      at: home.amma.now\n")
    _content, problems, _ = load_content(project)
    errors = [p.format() for p in problems if p.severity == "error"]
    assert any("'at' 'home.amma.now' should name a person, thing or trigger on the map" in e for e in errors), errors


def test_no_goal_after_the_intro_is_reported_at_the_node(project):
    edit(project, "dialogue/en/home.yaml", '''    - id: goal_in
      goal: "Go into the courtyard and say hello to Amma"
      at: courtyard_first
      hint: "The courtyard is just above you, through the gate of the house. Walk up."
''', "")
    line = line_of(project, "dialogue/en/home.yaml", "  arrive:")
    assert f"dialogue/en/home.yaml:{line}:3: error: after node 'arrive' the player is back on the map with no goal " \
           "(add a goal step (docs/dialogue-format.md, section 13) in this conversation or before it, so a student " \
           "alone knows where to go next)" in proof(project)


def test_a_goal_that_never_moves_on_is_reported_at_the_goal(project):
    # After the milk, nobody says to take it home: the goal stays on Sharma-ji, whose shop has nothing more to do.
    edit(project, "dialogue/en/lane.yaml", '''    - id: goal_home
      goal: "Take the milk home to Amma"
      at: home.amma
      hint: "Your house is back through its gate, at the top of the lane. Amma is in the courtyard."
''', "")
    line = line_of(project, "dialogue/en/home.yaml", "- id: goal_milk")
    assert f"dialogue/en/home.yaml:{line}:7: error: following this goal does not move the story on: what " \
           "'shopkeeper' starts leaves the same goal and no ending, whatever the student picks (set the next goal " \
           "in the conversation it starts (or end the chapter there))" in proof(project)


def test_the_goal_is_saved_and_restored(content):
    state = State.new(content.story)
    state.goal = "home.amma_milk.goal_milk"
    again = State.from_json(state.to_json(), content.story)
    assert again.goal == "home.amma_milk.goal_milk"
    old = state.to_json()
    del old["goal"]
    assert State.from_json(old, content.story).goal is None  # a save from before goals
    old["goal"] = "home.amma.gone"
    assert State.from_json(old, content.story).goal is None  # a goal the content no longer has


def test_goal_texts_are_translated(display):
    content, problems, _ = load_content(ROOT, "hi")
    assert content is not None, [p.format() for p in problems]
    session = Session(content, State.new(content.story), None, ROOT)  # type: ignore[arg-type]
    session.state.goal = "home.amma_milk.goal_milk"
    guide = session.runner.goal()
    assert guide is not None and guide.text != "Get the milk from Sharma-ji's shop"
    assert any("\u0900" <= ch <= "\u097f" for ch in guide.text + (guide.hint or ""))


# --- the world screen ------------------------------------------------------------------------------------------
def world_at(content, display, tmp_path, goal: str | None, scene="home", **settings) -> App:
    ctx = Context.create(ROOT, content, Settings(**settings), tmp_path)
    ctx.display = display
    session = Session.new(content, tmp_path)
    session.runner.open_with(None)
    session.state.position = None
    session.state.goal = goal
    from game.session import spawn_point
    session.world = spawn_point(content, scene)
    app = App(ctx, WorldScreen(ctx, session), display)
    frames(app, 2)
    return app


def test_the_marker_points_at_the_goal_and_a_click_walks_there(content, display, tmp_path):
    app = world_at(content, display, tmp_path, "home.arrive.goal_in")
    world = app.top
    marker = world.goal.marker(world)
    assert marker is not None and marker.kind == "trigger" and marker.name == "courtyard_first"
    assert world.goal.marker_rect is not None and world.goal.goal_rect is not None
    click(app, world.goal.marker_rect.center)
    for _ in range(300):
        if not isinstance(app.top, WorldScreen):
            break
        app.step(None, DT)
    assert type(app.top).__name__ in ("DialogueScreen", "NoteScreen")  # walked into the courtyard: Amma speaks
    assert app.top.session.runner.goal().id == "home.courtyard_first.goal_kitchen"


def test_on_another_map_the_marker_is_on_the_exit_towards_it(content, display, tmp_path):
    app = world_at(content, display, tmp_path, "home.amma_milk.goal_milk")
    marker = app.top.goal.marker(app.top)
    assert marker is not None and (marker.kind, marker.name) == ("exit", "to_lane")


def test_the_setting_hides_the_marker_but_not_the_goal(content, display, tmp_path):
    app = world_at(content, display, tmp_path, "home.arrive.goal_in", goal_marker=False)
    assert app.top.goal.marker_rect is None and app.top.goal.goal_rect is not None


def test_reduced_motion_never_bobs(content, display, tmp_path):
    app = world_at(content, display, tmp_path, "home.arrive.goal_in", reduced_motion=True)
    before = pygame.image.tobytes(app.surface, "RGB")
    for _ in range(4):
        app.step([pygame.event.Event(timer_events()[1])], DT)
    app.draw()
    assert pygame.image.tobytes(app.surface, "RGB") == before


def test_the_idle_hint_comes_from_a_timer_and_says_the_goal_hint(content, display, tmp_path):
    app = world_at(content, display, tmp_path, "home.amma_milk.goal_milk")
    world = app.top
    assert not world.goal.idle and world.goal.idle_rect is None
    app.step([pygame.event.Event(timer_events()[0])], DT)  # 25 s on the map without a new goal
    assert world.goal.idle and world.goal.idle_rect is not None
    assert "out of the front door" in world.speech_text()
    world.session.state.goal = "lane.shop_milk.goal_home"  # the story moved on: the hint goes, the clock restarts
    app.draw()
    assert not world.goal.idle


@pytest.mark.parametrize("lang,scale,theme", [("hi", 2.0, "standard"), ("bn", 1.0, "high_contrast"),
                                              ("es", 2.0, "high_contrast")])
def test_the_goal_line_fits_and_keeps_clear_of_ravi(display, tmp_path, lang, scale, theme):
    content, problems, _ = load_content(ROOT, lang)
    assert content is not None, [p.format() for p in problems]
    app = world_at(content, display, tmp_path, "home.amma_milk.goal_milk", text_scale=scale, theme=theme)
    world = app.top
    rect = world.goal.goal_rect
    assert rect is not None and app.surface.get_rect().contains(rect)
    assert not rect.colliderect(world.player_rect())
    assert rect.w <= app.surface.get_width() // 2 + 60


def test_a_new_scene_gets_the_same_proof(project):
    from game.newscene import run_new_scene

    assert run_new_scene("park", "home", project) == 0
    assert proof(project) == []  # the template passes: the side room keeps the chapter's goal, its door leads back
    # A facilitator sends the player to Meera in the new room — but no door leads into it yet.
    edit(project, "dialogue/en/park.yaml", '''    - id: f1                   # no 'say': this is narration
      text: "A quiet room. Meera is here."
''', '''    - id: f1
      text: "A quiet room. Meera is here."
    - id: goal_meera
      goal: "Say hello to Meera"
      at: meera
''')
    line = line_of(project, "dialogue/en/park.yaml", "at: meera")
    assert proof(project) == [f"dialogue/en/park.yaml:{line}:11: error: the goal points at 'park.meera', but from the "
                              "map of 'home' no open exit leads to the map of 'park' (add an exit in Tiled, or point "
                              "the goal at someone on a map the player can reach)"]
