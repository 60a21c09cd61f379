"""The offline one-folder build, made and checked by tools/build_lab.py --check (PyInstaller; about 80 s of build and
a minute of checks from a path with a space and 'ä'). Too slow for every run of the suite: it runs when
SMALL_ACTS_LAB_BUILD=1 is set and PyInstaller is installed (pip install -e '.[build]')."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("SMALL_ACTS_LAB_BUILD") != "1" or importlib.util.find_spec("PyInstaller") is None,
                    reason="set SMALL_ACTS_LAB_BUILD=1 with PyInstaller installed to build the one-folder game")
def test_the_one_folder_build_runs_from_a_path_with_a_space_and_an_umlaut(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "build_lab.py"), "--check", "--out",
                           str(tmp_path / "lab")], capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "all checks passed" in done.stdout
    assert (tmp_path / "lab" / "title.png").is_file() and (tmp_path / "lab" / "hindi.png").is_file()
