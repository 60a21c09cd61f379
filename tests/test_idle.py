"""People standing on the map breathe and blink now and then (game/ui/idle.py), on a slow timer that only runs while the
world is the screen in front, and never with reduced motion."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pygame
import pytest

from game.paths import project_root
from game.session import Session, spawn_point
from game.settings import Settings
from game.ui.app import App
from game.ui.context import Context
from game.ui.idle import IDLE_MS, idle_event, pose
from game.ui.theme import LOGICAL_SIZE
from game.ui.world import WorldScreen
from game.world.tilemap import SpriteSheet

ROOT = project_root()
DT = 1 / 60


def world_app(content, display, data_dir: Path, **settings) -> tuple[App, WorldScreen]:
    if display.logical.get_size() != LOGICAL_SIZE:  # a test before set a tiny mode of its own (test_art does)
        pygame.display.set_mode(LOGICAL_SIZE, pygame.RESIZABLE)
        display.refresh()
    ctx = Context.create(ROOT, content, Settings(**settings), data_dir)
    ctx.display = display
    session = Session.new(content, data_dir)
    session.state.position = None  # no opening conversation: the world itself is in front
    session.world = spawn_point(content, "home")
    world = WorldScreen(ctx, session)
    app = App(ctx, world, display)
    app.step([], DT)
    assert app.top is world and world.npcs, "home has people standing in it"
    return app, world


def tick(app: App) -> bool:
    """One idle timer event through the real loop; whether it drew a frame."""
    drawn = app.frames_drawn
    app.step([pygame.event.Event(idle_event())], DT)
    return app.frames_drawn > drawn


def picture(app: App) -> bytes:
    return pygame.image.tobytes(app.surface, "RGB")


def test_standing_people_breathe_and_blink_on_a_slow_timer(content, display, tmp_path):
    app, world = world_app(content, display, tmp_path)
    assert world.idle._due is not None  # drawing the world armed the next tick
    assert not app.animating()  # between ticks the loop sleeps in event.wait
    first = picture(app)
    pictures = set()
    for _ in range(12):
        tick(app)
        pictures.add(picture(app))
    assert len(pictures) > 3  # several poses came and went
    # Subtle: a tick changes a few people by a pixel or two, never the whole map.
    app2, _ = world_app(content, display, tmp_path / "b")
    before = picture(app2)
    tick(app2)
    tick(app2)
    after = picture(app2)
    changed = sum(before[i:i + 3] != after[i:i + 3] for i in range(0, len(before), 3))
    assert 0 < changed < 0.01 * len(before) // 3


def test_a_tick_redraws_only_when_a_pose_changes(content, display, tmp_path):
    app, world = world_app(content, display, tmp_path)
    for _ in range(20):
        before = world._poses()
        drew = tick(app)
        assert drew == (world._poses() != before)
        assert world.idle._due is not None  # re-armed either way


def test_reduced_motion_shows_no_idle_animation(content, display, tmp_path):
    app, world = world_app(content, display, tmp_path, reduced_motion=True)
    assert world.idle._due is None  # no timer at all
    first = picture(app)
    for _ in range(12):
        assert not tick(app)
        app.draw()
        assert picture(app) == first


def test_switching_reduced_motion_on_stops_the_timer(content, display, tmp_path):
    app, world = world_app(content, display, tmp_path)
    assert world.idle._due is not None
    app.ctx.update_settings(reduced_motion=True)
    app.draw()
    assert world.idle._due is None
    still = picture(app)
    tick(app)
    app.draw()
    assert picture(app) == still


def test_the_timer_lapses_under_another_screen_and_comes_back(content, display, tmp_path):
    app, world = world_app(content, display, tmp_path)
    from game.ui.pause import PauseScreen

    esc = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="")
    app.step([esc], DT)
    assert isinstance(app.top, PauseScreen)  # see-through: the world is still drawn beneath it
    world.idle._due = pygame.time.get_ticks() - 2 * IDLE_MS  # its tick went to the break screen
    tick_before = world.idle.tick
    for _ in range(3):
        tick(app)
        app.draw()
    assert world.idle.covered and world.idle._due is None  # no more timers while covered
    assert world.idle.tick == tick_before
    app.step([esc], DT)
    assert app.top is world and not world.idle.covered and world.idle._due is not None  # in front: armed again
    assert tick(app) or world.idle.tick == tick_before + 1


def test_people_are_out_of_step():
    # Over a breath cycle the poses of neighbours differ: a room never breathes as one.
    assert any(pose(t, 0) != pose(t, 1) for t in range(8))
    assert {pose(t, 0) for t in range(44)} == {None, "breathe", "blink"}


def test_a_plain_three_column_sheet_still_works(display, tmp_path):
    sheet = pygame.Surface((48, 96), pygame.SRCALPHA)
    sheet.fill((200, 100, 50, 255))
    pygame.image.save(sheet, str(tmp_path / "plain.png"))
    plain = SpriteSheet(tmp_path / "plain.png")
    assert not plain.has_idle and plain.width == 16 * 3
    assert plain.idle("down", "blink") is plain.frame("down", 0)
    shipped = SpriteSheet(ROOT / "assets" / "sprites" / "ravi.png")
    assert shipped.has_idle and shipped.width == 16 * 3 and shipped.height == 24 * 3
    assert shipped.idle("down", "blink") is not shipped.frame("down", 0)


def test_a_tick_that_reaches_a_conversation_changes_nothing_there(content, display, tmp_path):
    from game.ui.dialogue import DialogueScreen

    app, world = world_app(content, display, tmp_path)
    world.session.runner.begin("home.meera")
    app.apply(world._dialogue("home.meera"))
    app.step([], DT)
    dialogue = app.top
    assert isinstance(dialogue, DialogueScreen)
    step = dialogue.step
    tick_before = world.idle.tick
    app.step([pygame.event.Event(idle_event())], DT)
    assert app.top is dialogue and dialogue.step is step and world.idle.tick == tick_before
