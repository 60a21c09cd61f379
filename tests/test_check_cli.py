"""`python main.py check` on the shipped content and on broken copies of it."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture()
def copy(tmp_path):
    dst = tmp_path / "project"
    for name in ("scenes", "dialogue", "assets"):
        shutil.copytree(ROOT / name, dst / name)
    return dst


def test_shipped_content_is_clean():
    result = run("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": error:" not in result.stdout and "error" not in result.stdout.splitlines()[-1]
    assert "Traceback" not in result.stderr


def test_broken_goto_is_reported_with_position_and_hint(copy):
    path = copy / "dialogue" / "en" / "home.yaml"
    text = path.read_text(encoding="utf-8")
    assert "goto: meera_help" in text
    path.write_text(text.replace("goto: meera_help", "goto: meera_hlp"), encoding="utf-8")
    line = next(i for i, l in enumerate(path.read_text().splitlines(), 1) if "meera_hlp" in l)
    result = run("check", str(copy))
    assert result.returncode == 1
    assert f"dialogue/en/home.yaml:{line}:" in result.stdout
    assert "meera_hlp" in result.stdout and "did you mean 'meera_help'?" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_map_object_naming_a_missing_node_is_reported(copy):
    path = copy / "scenes" / "home" / "home.tmx"
    text = path.read_text(encoding="utf-8")
    assert 'value="meera"' in text
    path.write_text(text.replace('value="meera"', 'value="meeera"', 1), encoding="utf-8")
    result = run("check", str(copy))
    assert result.returncode == 1
    assert "scenes/home/home.tmx:" in result.stdout and "meeera" in result.stdout


def test_binary_junk_never_gives_a_traceback(copy):
    (copy / "dialogue" / "en" / "home.yaml").write_bytes(bytes(range(256)) * 8)
    (copy / "scenes" / "lane" / "lane.tmx").write_bytes(b"<map><layer")
    result = run("check", str(copy))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "dialogue/en/home.yaml:" in result.stdout and "scenes/lane/lane.tmx:" in result.stdout


def test_json_output_and_misuse_exit_code(copy):
    import json

    result = run("check", "--json")
    data = json.loads(result.stdout)
    assert result.returncode == 0 and data["errors"] == 0
    assert run("check", "/no/such/place").returncode == 2
    assert run("frobnicate").returncode == 2


def test_help_lists_subcommands():
    result = run("--help")
    assert result.returncode == 0
    assert "check" in result.stdout and "play" in result.stdout
    assert run("check", "--help").returncode == 0


def test_the_game_started_on_broken_content_shows_the_problems_instead_of_crashing(tmp_path):
    project = tmp_path / "project"
    for name in ("scenes", "dialogue", "assets", "game"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "main.py", project / "main.py")
    home = project / "dialogue" / "en" / "home.yaml"
    home.write_text(home.read_text(encoding="utf-8").replace("goto: meera_help", "goto: meera_hlp"), encoding="utf-8")
    shot = tmp_path / "shot.png"
    result = subprocess.run([sys.executable, "main.py", "--screenshot", str(shot)], cwd=project, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "dialogue/en/home.yaml:" in result.stderr and "meera_hlp" in result.stderr
    import pygame

    picture = pygame.image.load(str(shot))
    # The problems screen: dark background with the summary line in warm light text at the top.
    assert tuple(picture.get_at((5, 700)))[:3] == (28, 24, 36)
    assert any(sum(picture.get_at((x, 52))[:3]) > 500 for x in range(40, 400))


def test_screenshot_with_an_unknown_scene_is_misuse():
    result = run("--screenshot", "/tmp/never.png", "--scene", "home.meeera")
    assert result.returncode == 2
    assert "did you mean 'meera'?" in result.stderr and "Traceback" not in result.stderr
