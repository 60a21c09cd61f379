"""--dev: F5 reloads edited content in place; a bad edit shows the checker's messages and keeps the last good content."""

import shutil
from pathlib import Path

import pygame
import pytest

from game.content import load_content
from game.settings import Settings
from game.story.runner import Menu, Say
from game.ui.app import App
from game.ui.context import Context
from game.ui.dev import JumpMenu, ProblemsOverlay
from game.ui.dialogue import DialogueScreen
from game.ui.title import TitleScreen
from game.ui.world import WorldScreen

ROOT = Path(__file__).resolve().parent.parent
DT = 1 / 60


@pytest.fixture()
def project(tmp_path):
    dst = tmp_path / "p"
    for name in ("scenes", "dialogue", "assets"):
        shutil.copytree(ROOT / name, dst / name)
    return dst


def key(app, k, settle=2):
    app.step([pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0),
              pygame.event.Event(pygame.KEYUP, key=k, mod=0, unicode="", scancode=0)], DT)
    for _ in range(settle):
        app.step([], DT)


def start(project, display, tmp_path):
    content, problems, _ = load_content(project)
    assert content is not None, [p.format() for p in problems]
    ctx = Context.create(project, content, Settings(), tmp_path / "data")
    ctx.display, ctx.dev = display, True
    app = App(ctx, TitleScreen(ctx), display)
    app.step([], DT)
    key(app, pygame.K_RETURN)  # new game
    key(app, pygame.K_RETURN)  # "Go on" on the chapter's content note
    while isinstance(app.top, DialogueScreen):
        app.top.revealed = 1e9
        key(app, pygame.K_SPACE)
    assert isinstance(app.top, WorldScreen)
    return app


def test_f5_reloads_an_edited_line_and_keeps_the_player_in_place(project, display, tmp_path):
    app = start(project, display, tmp_path)
    world = app.top
    key(app, pygame.K_UP, settle=14)
    where = (world.scene, world.tile)
    path = project / "dialogue" / "en" / "home.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("I just swept.", "I JUST swept, Ravi."), encoding="utf-8")
    key(app, pygame.K_F5)
    assert (app.stack[0].scene, app.stack[0].tile) == where
    app.stack[0].session.runner.begin("home.meera")
    assert app.stack[0].session.runner.current().text == "Don't come in here with those feet. I JUST swept, Ravi."


def test_a_bad_edit_shows_the_messages_and_the_game_keeps_running(project, display, tmp_path):
    app = start(project, display, tmp_path)
    old = app.ctx.content
    path = project / "dialogue" / "en" / "home.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("goto: meera_help", "goto: meera_hlp"), encoding="utf-8")
    key(app, pygame.K_F5)
    overlay = app.top
    assert isinstance(overlay, ProblemsOverlay)
    assert any("meera_hlp" in b.text and "dialogue/en/home.yaml:" in b.text for b in overlay.card.blocks)
    assert app.ctx.content is old  # the last good content still runs
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.top, WorldScreen)


def test_the_jump_menu_sets_variables_and_starts_any_node(project, display, tmp_path):
    app = start(project, display, tmp_path)
    key(app, pygame.K_F6)
    jump = app.top
    assert isinstance(jump, JumpMenu)
    jump.menu.selected = jump.names.index("helped_meera")
    key(app, pygame.K_RIGHT)
    assert app.top.session.state.vars["helped_meera"] is True
    jump.menu.selected = len(jump.names)
    key(app, pygame.K_RETURN)  # → choose a node
    jump.menu.selected = jump.nodes.index("home.meera_again")
    key(app, pygame.K_RETURN)
    assert isinstance(app.top, DialogueScreen)
    step = app.top.step
    assert isinstance(step, (Say, Menu)) and step.id == "home.meera_again.g1"  # the line only shown after helping
