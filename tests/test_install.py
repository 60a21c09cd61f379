"""Installed as a lab's IT person would: build a wheelhouse (the game's wheel and the packages it needs), install it
into a fresh virtual environment outside the checkout without the package index, and run `small-acts` from another
folder. Slow (a wheel build and a pip install): about a minute of CPU."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("game", "scenes", "assets", "dialogue", "schemas", "pyproject.toml", "setup.py", "MANIFEST.in",
           "README.md", "main.py")


def _bin(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / (name + (".exe" if os.name == "nt" else ""))


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """(the small-acts script of a fresh venv, its site-packages' shipped content)."""
    base = tmp_path_factory.mktemp("install")
    src = base / "src"
    for name in SOURCES:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, src / name)
    # As docs/lab.md tells lab IT: a wheelhouse made where there is internet, installed with none.
    wheelhouse = base / "wheelhouse"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", str(src), "-w", str(wheelhouse)], check=True,
                   capture_output=True, timeout=900)
    assert next(wheelhouse.glob("small_acts-*.whl"))
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    subprocess.run([str(_bin(venv, "python")), "-m", "pip", "install", "-q", "--no-index", "--find-links",
                    str(wheelhouse), "small-acts"], check=True, timeout=600, capture_output=True)
    found = subprocess.run([str(_bin(venv, "python")), "-c", "import small_acts_data, pathlib; "
                            "print(pathlib.Path(small_acts_data.__file__).parent)"],
                           check=True, capture_output=True, text=True, cwd=base)
    return _bin(venv, "small-acts"), Path(found.stdout.strip())


def _run(script: Path, *args: str, cwd: Path, data: Path, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SMALL_ACTS_CONTENT")}
    environ.update({"SMALL_ACTS_DATA": str(data), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", **env})
    return subprocess.run([str(script), *args], cwd=cwd, env=environ, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)


def _pixels(path: Path) -> bytes:
    import pygame

    return pygame.image.tobytes(pygame.image.load(str(path)), "RGB")


@pytest.mark.slow
def test_the_installed_game_runs_from_any_folder_and_keeps_edits_apart(installed, tmp_path):
    script, shipped = installed
    elsewhere = tmp_path / "somewhere else"
    elsewhere.mkdir()
    data = tmp_path / "data"
    assert not (shipped.parent / "game" / "paths.py").is_relative_to(ROOT)

    done = _run(script, "check", cwd=elsewhere, data=data)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no problems" in done.stdout

    # the title and a Hindi dialogue, pixel for pixel as the checkout draws them
    shots = (("title", ["--scene", "title"]), ("hindi", ["--scene", "home.meera", "--lang", "hi", "--frames", "90"]))
    for name, args in shots:
        out = tmp_path / f"{name}.png"
        done = _run(script, "--screenshot", str(out), "--frames", "3", *args, cwd=elsewhere, data=data)
        assert done.returncode == 0, done.stderr
        ref = tmp_path / f"{name}-checkout.png"
        subprocess.run([sys.executable, str(ROOT / "main.py"), "--screenshot", str(ref), "--frames", "3", *args],
                       cwd=ROOT, check=True, capture_output=True, timeout=300,
                       env={**os.environ, "SMALL_ACTS_DATA": str(tmp_path / "data2")})
        assert _pixels(out) == _pixels(ref), name

    before = sorted(p.relative_to(shipped).as_posix() for p in shipped.rglob("*") if "__pycache__" not in p.parts)
    done = _run(script, "new-scene", "park", cwd=elsewhere, data=data)
    assert done.returncode == 0, done.stderr
    own = data / "content"
    assert (own / "scenes" / "park" / "park.tmx").is_file() and (own / "dialogue" / "en" / "park.yaml").is_file()
    assert "park" in (own / "scenes" / "game.yaml").read_text("utf-8")
    after = sorted(p.relative_to(shipped).as_posix() for p in shipped.rglob("*") if "__pycache__" not in p.parts)
    assert after == before, "new-scene wrote into the installed program"
    assert list(elsewhere.iterdir()) == []
    assert "small-acts check" in done.stdout and "python main.py" not in done.stdout

    done = _run(script, "check", cwd=elsewhere, data=data)
    assert done.returncode == 0, done.stdout + done.stderr

    # a facilitator copies a shipped translation, breaks it, and check names their own file
    done = _run(script, "content", "copy", "dialogue/hi/home.yaml", cwd=elsewhere, data=data)
    assert done.returncode == 0, done.stderr
    mine = own / "dialogue" / "hi" / "home.yaml"
    mine.write_text(mine.read_text("utf-8").replace("text:", "txet:", 1), "utf-8")
    done = _run(script, "check", "--lang", "hi", cwd=elsewhere, data=data)
    assert done.returncode == 1
    assert f"{mine}:" in done.stdout, done.stdout
