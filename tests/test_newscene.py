"""`python main.py new-scene`: a facilitator's new scene checks clean and can be played at once."""

from __future__ import annotations

import shutil

import pygame
import pytest
from test_e2e import DT, choose, frames, press, read_through, walk_next_to

from game.cli import main
from game.content import load_content
from game.newscene import NewSceneError, add_to_chapter, new_scene, run_new_scene
from game.paths import project_root
from game.session import Session, spawn_point
from game.settings import Settings
from game.story.runner import Menu
from game.ui.app import App
from game.ui.context import Context
from game.ui.dialogue import DialogueScreen
from game.ui.world import WorldScreen

ROOT = project_root()


@pytest.fixture()
def project(tmp_path):
    """A copy of the project's content (scenes, dialogue, assets) to add scenes to."""
    for folder in ("scenes", "dialogue", "assets"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def test_new_scene_writes_files_that_check_clean(project, capsys):
    before = (project / "scenes" / "game.yaml").read_text(encoding="utf-8")
    assert run_new_scene("park", None, project) == 0
    out = capsys.readouterr().out
    for written in ("scenes/park/scene.yaml", "scenes/park/park.tmx", "dialogue/en/park.yaml", "scenes/game.yaml"):
        assert written in out
    assert "--screenshot out.png --scene park" in out
    after = (project / "scenes" / "game.yaml").read_text(encoding="utf-8")
    # Only the last chapter's scenes changed; every comment is still there.
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert len(before.splitlines()) == len(after.splitlines()) and len(changed) == 1, changed
    old, new = changed[0]
    assert "scenes:" in old and new == old.replace("]", ", park]", 1)
    dialogue = (project / "dialogue" / "en" / "park.yaml").read_text(encoding="utf-8")
    assert dialogue.count("\n#") + dialogue.count("  # ") >= 5  # explained for a teacher
    assert "label:" in dialogue and "vars:" in dialogue

    assert main(["check", str(project)]) == 0
    report = capsys.readouterr().out
    assert "park" not in report, report  # not even a warning about the new scene
    assert "error" not in report.replace("(0 errors", ""), report


def test_new_scene_in_a_named_chapter_has_a_door_back(project, capsys):
    assert run_new_scene("courtyard_b", "home", project) == 0
    text = (project / "scenes" / "game.yaml").read_text(encoding="utf-8")
    assert "scenes: [home, lane, courtyard_b]" in text
    content, problems, _ = load_content(project)
    assert content is not None, [p.format() for p in problems]
    exits = [o for o in content.scenes["courtyard_b"].map.objects if o.kind == "exit"]
    assert [(o.props["to"], o.props["spawn"]) for o in exits] == [("home", "default")]
    assert not [p for p in problems if "courtyard_b" in p.format()]


def test_block_style_scene_lists_are_edited_too():
    text = ("# the game\nplayer: ravi\nchapters:\n  - id: one   # first\n    scenes:\n      - a   # start here\n"
            "      - b\n    intro: x\n  - id: two\n    scenes:\n      - c\n")
    new, chapter, first = add_to_chapter(text, "park", "one")
    assert (chapter, first) == ("one", "a")
    assert "      - b\n      - park\n    intro: x\n" in new and "# start here" in new
    new, chapter, first = add_to_chapter(text, "park", None)
    assert (chapter, first) == ("two", "c") and new.endswith("      - c\n      - park\n")
    with pytest.raises(NewSceneError, match="unknown chapter 'three'"):
        add_to_chapter(text, "park", "three")


@pytest.mark.parametrize("name", ["Park", "bus-stop", "1park", "home", "lane", "ui", "help", "title", ""])
def test_bad_or_used_names_exit_2_and_write_nothing(project, capsys, name):
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    game_yaml = (project / "scenes" / "game.yaml").read_text(encoding="utf-8")
    assert run_new_scene(name, None, project) == 2
    assert "error:" in capsys.readouterr().err
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before
    assert (project / "scenes" / "game.yaml").read_text(encoding="utf-8") == game_yaml


def test_unknown_chapter_exits_2(project, capsys):
    assert run_new_scene("park", "nowhere", project) == 2
    assert "unknown chapter 'nowhere'" in capsys.readouterr().err
    assert not (project / "scenes" / "park").exists()


def test_the_command_line_refuses_a_bad_name(capsys):
    assert main(["new-scene", "Not-An-Id"]) == 2  # checked before anything is written
    assert "not a valid scene id" in capsys.readouterr().err
    assert not (ROOT / "scenes" / "Not-An-Id").exists()


def test_the_new_scene_plays_end_to_end(project, display, tmp_path_factory):
    new_scene(project, "park")
    content, problems, _ = load_content(project)
    assert content is not None, [p.format() for p in problems]
    data_dir = tmp_path_factory.mktemp("save")
    ctx = Context.create(project, content, Settings(), data_dir)
    ctx.display = display
    session = Session.new(content, data_dir)
    session.state.position = None
    session.world = spawn_point(content, "park")
    app = App(ctx, WorldScreen(ctx, session), display)
    app.step([], DT)
    assert app.top.scene == "park"
    assert session.state.vars["park_mood"] == "unsure"

    seen: list[str] = []
    meera = next(n.tile for n in app.top.npcs if n.character == "meera")
    walk_next_to(app, meera, seen)
    press(app, pygame.K_SPACE)
    assert isinstance(app.top, DialogueScreen), "talking to Meera opened no dialogue"
    read_through(app, seen)
    assert "park.hello.h1" in seen
    assert isinstance(app.top.step, Menu) and len(app.top.step.options) == 3
    choose(app, "park.hello.ask.tired")
    assert session.state.vars["park_mood"] == "tired"
    read_through(app, seen)
    assert "park.hello_tired.t1" in seen
    frames(app, 2)
    assert isinstance(app.top, WorldScreen)
