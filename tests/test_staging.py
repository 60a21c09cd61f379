"""Staged scenes on the real world screen: people walk over frames and end exactly at their points, reduced motion
and going on finish at once, Continue puts everyone back, and the shipped scenes show what the text says."""

from __future__ import annotations

import pygame
import pytest

from game.paths import project_root
from game.session import Session
from game.settings import Settings
from game.story.runner import Menu, Say
from game.ui.app import App
from game.ui.context import Context
from game.ui.dialogue import DialogueScreen
from game.ui.world import WorldScreen
from game.world.stage import STEP_SECONDS

ROOT = project_root()
DT = 1 / 60


def start(content, display, data_dir, *, reduced: bool = False, chapter: str = "home") -> tuple[App, WorldScreen]:
    ctx = Context.create(ROOT, content, Settings(reduced_motion=reduced, text_speed="instant"), data_dir)
    ctx.display = display
    session = Session.new(content, data_dir)
    session.start_chapter(chapter)
    session.runner.open_with(None)
    while session.runner.current() is not None:  # the chapter's intro, read through
        session.runner.advance()
    world = WorldScreen(ctx, session)
    world.reopen_dialogue = False
    app = App(ctx, world, display)
    app.step([], DT)
    return app, world


def talk(app: App, world: WorldScreen, node: str) -> DialogueScreen:
    app.apply(world._dialogue(node))
    app.step([], DT)
    assert isinstance(app.top, DialogueScreen)
    return app.top


def press(app: App, key: int = pygame.K_SPACE) -> None:
    app.step([pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=" ", scancode=0)], DT)
    app.step([pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode=" ", scancode=0)], DT)


def who(world: WorldScreen, character: str):
    found = world.stage.who(character)
    assert found is not None, character
    return found


def point(world: WorldScreen, name: str) -> tuple[int, int]:
    return world.stage.points[name].tile


def test_people_walk_over_frames_and_end_exactly_at_their_points(content, display, tmp_path) -> None:
    app, world = start(content, display, tmp_path)
    talk(app, world, "dinner")
    papa = who(world, "papa")
    assert papa.tile == point(world, "gate_papa") and not papa.moving  # appeared at the gate for the first line
    assert world.camera()[1] > 0  # the camera looks at the mat, not at the top of the house
    press(app)  # on to Papa's line: the family walks to the mat while it is read
    assert papa.moving
    seen = set()
    for _ in range(int(40 * STEP_SECONDS / DT)):
        seen.add(papa.at())
        app.step([], DT)
        if not world.stage.busy:
            break
    assert not world.stage.busy and not app.ctx.settings.reduced_motion
    assert any(x != int(x) or y != int(y) for x, y in seen)  # drawn between tiles on the way
    for name in ("papa", "bua", "amma", "dadi", "meera"):
        assert who(world, name).at() == tuple(map(float, point(world, f"mat_{name}"))), name
    assert world.tile == point(world, "mat_ravi")  # Ravi sits down too
    assert who(world, "papa").facing == "up" and who(world, "bua").facing == "down"  # round the mat
    assert not app.top.animating()  # everyone has arrived: the loop sleeps again


def test_going_on_finishes_every_walk_at_once(content, display, tmp_path) -> None:
    app, world = start(content, display, tmp_path)
    talk(app, world, "dinner")
    press(app)
    for _ in range(5):
        app.step([], DT)
    meera = who(world, "meera")
    assert meera.moving  # the long walk from the kitchen is under way
    press(app)  # the student reads fast
    assert not world.stage.busy
    assert meera.at() == tuple(map(float, point(world, "mat_meera")))
    assert who(world, "papa").tile == point(world, "mat_papa")


def test_reduced_motion_stages_everything_at_once(content, display, tmp_path) -> None:
    app, world = start(content, display, tmp_path, reduced=True)
    talk(app, world, "dinner")
    press(app)
    assert not world.stage.busy
    assert who(world, "papa").tile == point(world, "mat_papa")
    assert who(world, "bua").tile == point(world, "mat_bua")
    assert world.tile == point(world, "mat_ravi")


def test_a_wait_hides_the_box_until_everyone_has_arrived_and_a_key_ends_it(content, display, tmp_path) -> None:
    app, world = start(content, display, tmp_path, chapter="school")
    dialogue = talk(app, world, "team_list")
    assert dialogue.holding()  # Ravi, Iqbal Sir and Kabir walk in; the narration waits for them
    kabir = who(world, "kabir")
    assert kabir.moving
    press(app)
    assert not dialogue.holding() and not world.stage.busy
    assert kabir.tile == point(world, "seat_kabir")  # "Even Kabir": in the room, in his seat
    assert isinstance(dialogue.step, Say) and "Even Kabir" in dialogue.step.text


def test_continue_puts_everyone_back_where_the_scene_left_them(content, display, tmp_path) -> None:
    app, world = start(content, display, tmp_path)
    talk(app, world, "dinner")
    press(app)
    press(app)
    world.session.save()
    session, reason = Session.resume(content, tmp_path)
    assert session is not None, reason
    ctx = Context.create(ROOT, content, Settings(), tmp_path)
    again = WorldScreen(ctx, session)
    assert again.reopen_dialogue  # the conversation goes on where it stopped
    for name in ("papa", "bua", "amma", "dadi", "meera"):
        assert who(again, name).tile == point(again, f"mat_{name}"), name
    assert again.tile == point(again, "mat_ravi")


def test_the_family_is_at_the_mat_when_bua_talks_of_marriage(content, display, tmp_path) -> None:
    """The issue's dinner: Papa and Bua sit at the mat with the family, on screen, when the choice comes."""
    app, world = start(content, display, tmp_path)
    dialogue = talk(app, world, "dinner")
    for _ in range(40):
        if isinstance(dialogue.step, Menu):
            break
        press(app)
    assert isinstance(dialogue.step, Menu) and dialogue.step.id == "home.dinner.marriage"
    for name in ("papa", "bua"):
        npc = who(world, name)
        assert npc in world.npcs and npc.tile == point(world, f"mat_{name}")
    # On the pixels: Papa's sprite stands on the mat's top edge (the backdrop under the box is the live map).
    app.draw()
    t = world.view.tile
    cam = world.camera()
    x, y = point(world, "mat_papa")
    body = (x * t - cam[0] + t // 2, y * t - cam[1] + t // 2)
    world.stage.actors.remove(who(world, "papa"))
    without = world.view.below.get_at((x * t + t // 2, y * t + t // 2))
    world.stage.cast(world.all_npcs, world.session.state.stage, lambda n: True)
    surface = pygame.Surface((1280, 720))
    world.draw_scene(surface)
    assert surface.get_at(body)[:3] != without[:3]


@pytest.mark.parametrize("node, near", [("neighbourhood.voices", ("meera", "ravi"))])
def test_meera_is_beside_ravi_when_her_hand_finds_his_sleeve(content, display, tmp_path, node, near) -> None:
    app, world = start(content, display, tmp_path, chapter="neighbourhood")
    app.apply(world._dialogue(node.split(".")[1]))
    app.step([], DT)
    for _ in range(5):  # the content note before the part: go on
        if isinstance(app.top, DialogueScreen):
            break
        press(app, pygame.K_RETURN)
    dialogue = app.top
    for _ in range(10):
        if isinstance(dialogue.step, Say) and "sleeve" in dialogue.step.text:
            break
        press(app)
    assert "sleeve" in dialogue.step.text
    meera = who(world, "meera")
    assert abs(meera.tile[0] - world.tile[0]) + abs(meera.tile[1] - world.tile[1]) == 1


def test_after_the_conversation_the_camera_and_the_emotes_are_back_to_normal(content, display, tmp_path) -> None:
    app, world = start(content, display, tmp_path)
    talk(app, world, "dinner")
    for _ in range(12):
        press(app)
    assert any(n.emote for n in world.npcs) or world.stage.focus is not None
    world.resumed()
    assert world.stage.focus is None and not world.talking
    assert all(n.emote is None for n in world.npcs) and world.stage.player.emote is None
    assert who(world, "papa").tile == point(world, "mat_papa")  # still at the mat: the state says so


@pytest.mark.parametrize("node, at_line, places", [
    # Ravi runs home: Papa is on the step, the children at their own gate...
    ("fetch_papa", "Papa! Sunita aunty's house", {"papa": "door_amma", "ravi": "home_gate_ravi",
                                                  "meera": "home_gate_meera"}),
    # ...Papa rings at the blue door while Amma stands with them, and afterwards stays in the gateway.
    ("fetch_papa", "Papa walks to the blue gate", {"papa": "bell_ravi", "amma": "home_gate_amma",
                                                   "ravi": "home_gate_ravi"}),
    ("fetch_papa", "The door closes. Not slammed.", {"papa": "blue_gate", "ravi": "home_gate_ravi"}),
    # After the call Ravi and Meera wait outside the blue gate; Vikram rings.
    ("vikram_rings", "Vikram bhaiya walks up to the door", {"vikram": "bell_ravi", "ravi": "blue_gate_ravi",
                                                            "meera": "blue_gate_meera"}),
    # The call is made at the wall, Vikram beside Ravi.
    ("call_help", "112. What is your emergency", {"vikram": "wall_vikram", "ravi": "wall_ravi"}),
])
def test_the_adults_ring_the_bell_on_the_map_while_the_children_wait_apart(content, display, tmp_path, node,
                                                                             at_line, places) -> None:
    """Issue 13's new bell paths staged (issue 12): no child at the door when an adult rings."""
    app, world = start(content, display, tmp_path, chapter="neighbourhood")
    dialogue = talk(app, world, node)
    for _ in range(40):
        if isinstance(dialogue.step, Say) and at_line in dialogue.step.text:
            break
        press(app)
    assert isinstance(dialogue.step, Say) and at_line in dialogue.step.text
    world.stage.finish()  # the walks under way, ended as going on would end them
    for character, name in places.items():
        tile = world.stage.player.tile if character == "ravi" else who(world, character).tile
        assert tile == point(world, name), (character, name)
    door = point(world, "bell_ravi")
    assert world.stage.player.tile != door  # Ravi is never the one at the door on these paths
