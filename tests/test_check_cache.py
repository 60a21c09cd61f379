"""`check` keeps what it found (game/checkcache.py): unchanged files are not checked again, a story that plays the
same is not searched again, and any change that could break a path is searched and reported (issue 16)."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import game.content
import game.story.graphcheck
from game.check import run_check
from game.checkcache import FILE_NAME, WHOLE_FILE, lookup, store
from game.story.fingerprint import fingerprint
from game.story.problems import Pos, Problem

ROOT = Path(__file__).resolve().parent.parent


def copy_project(dst: Path) -> Path:
    for name in ("scenes", "dialogue", "assets"):
        shutil.copytree(ROOT / name, dst / name)
    settle(dst)
    return dst


@pytest.fixture(scope="module")
def warm(tmp_path_factory, checked_once):
    """A cache of this module's own, holding the findings of one full check of the shipped story (checked in a
    project copy of its own: the findings do not depend on where the project lies)."""
    data = tmp_path_factory.mktemp("data")
    shutil.copytree(checked_once, data, dirs_exist_ok=True)
    return data


@pytest.fixture()
def project(tmp_path, monkeypatch, warm):
    monkeypatch.setenv("SMALL_ACTS_DATA", str(warm))
    return copy_project(tmp_path / "p")


def settle(folder: Path) -> None:
    """Files saved long enough ago for the cache to trust their times (checkcache.RACY_NS)."""
    past = time.time() - 60
    for path in folder.rglob("*"):
        os.utime(path, (past, past))


class Counted:
    def __init__(self, monkeypatch):
        self.loads = self.searches = 0
        load, search = game.content.load_content, game.story.graphcheck.check_paths

        def counting_load(*args, **kwargs):
            self.loads += 1
            return load(*args, **kwargs)

        def counting_search(*args, **kwargs):
            self.searches += 1
            return search(*args, **kwargs)

        monkeypatch.setattr(game.content, "load_content", counting_load)
        monkeypatch.setattr(game.story.graphcheck, "check_paths", counting_search)


def check(project: Path, *args: str, full: bool = False) -> tuple[int, str]:
    out = io.StringIO()
    code = run_check([str(project), *args], "en", False, ROOT, out=out, full=full)
    return code, out.getvalue()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    settle(path.parent)


def test_unchanged_files_are_not_checked_again_and_reworded_lines_are_not_searched_again(project, monkeypatch):
    counted = Counted(monkeypatch)
    assert check(project) == (0, "no problems in 17 files\n")
    assert (counted.loads, counted.searches) == (1, 0)  # a copy of a story searched before: not searched again
    assert check(project) == (0, "no problems in 17 files\n")  # nothing changed: nothing loaded, nothing searched
    assert (counted.loads, counted.searches) == (1, 0)
    # Words only: the story plays the same, so it is loaded and checked, but not played through again.
    edit(project / "dialogue" / "en" / "lane.yaml", "Who won?", "Who won the match?")
    assert check(project) == (0, "no problems in 17 files\n")
    assert (counted.loads, counted.searches) == (2, 0)
    # --full plays every path whatever the cache holds.
    assert check(project, full=True)[0] == 0
    assert (counted.loads, counted.searches) == (3, 1)


def test_a_change_that_breaks_a_path_is_searched_and_reported(project, monkeypatch):
    counted = Counted(monkeypatch)
    assert check(project)[0] == 0 and counted.searches == 0
    # Sharma-ji's milk can no longer be bought: the errand, its goal and what follows can no longer be played.
    edit(project / "dialogue" / "en" / "lane.yaml", 'if: "milk_errand and not got_milk"', 'if: "got_milk and not got_milk"')
    code, out = check(project)
    assert counted.searches == 1  # the condition changed what can be played: searched
    assert code == 1 and "following this goal does not move the story on" in out, out
    assert out.startswith("dialogue/en/home.yaml:")  # the milk errand's goal, where it is set
    assert check(project) == (code, out)  # and the next check, from the cache, says the same
    assert counted.searches == 1


def test_a_line_added_moves_the_positions_so_the_story_no_longer_plays_the_same(project):
    """Problems carry positions: a line added above them moves them, so the findings cannot be reused."""
    from game.content import load_content

    before = fingerprint(load_content(project)[0].story)
    edit(project / "dialogue" / "en" / "lane.yaml", "nodes:\n", "nodes:\n  # a comment moves every line below\n")
    assert fingerprint(load_content(project)[0].story) != before


def test_a_file_saved_a_moment_ago_is_never_trusted_by_its_time(project, monkeypatch):
    counted = Counted(monkeypatch)
    check(project)
    (project / "dialogue" / "en" / "lane.yaml").touch()  # saved now: a coarse clock could hide a second save
    check(project)
    check(project)
    assert counted.loads == 3  # loaded every time while the file is that new
    assert counted.searches == 0  # (the story still plays the same)


def test_the_fingerprint_ignores_words_and_hash_seeds(content):
    from game.story.model import Line

    story = content.story
    first = fingerprint(story)
    scene = story.scenes["lane"]
    node = scene.nodes["shopkeeper"]
    line = next(s for s in node.steps if isinstance(s, Line))
    reworded = type(line)(**{**{f: getattr(line, f) for f in line.__slots__}, "text": "Something else entirely."})
    steps = tuple(reworded if s is line else s for s in node.steps)
    from dataclasses import replace
    from types import MappingProxyType

    other = replace(story, scenes=MappingProxyType({**story.scenes, "lane": replace(scene, nodes=MappingProxyType(
        {**scene.nodes, "shopkeeper": replace(node, steps=steps)}))}))
    assert fingerprint(other) == first  # words only
    moved = replace(other, scenes=MappingProxyType({**other.scenes, "lane": replace(
        other.scenes["lane"], nodes=MappingProxyType({**other.scenes["lane"].nodes, "shopkeeper": replace(
            node, steps=steps[1:])}))}))
    assert fingerprint(moved) != first  # a step gone: plays differently
    # The same in another process with another hash seed (sets are encoded sorted).
    script = ("import sys; sys.path.insert(0, %r)\n"
              "from game.content import load_content, external_entries\n"
              "from pathlib import Path\n"
              "from game.story.fingerprint import fingerprint\n"
              "c = load_content(Path(%r))[0]\n"
              "print(fingerprint(c.story, frozenset(external_entries(c.scenes))))\n") % (str(ROOT), str(ROOT))
    digests = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(digests) == 1 and len(digests.pop().strip()) == 64


@pytest.mark.parametrize("junk", [
    b"", b"\x00\xff not json", b"[1, 2, 3]", b"{\"version\": 1, \"entries\": 5}",
    b"[" * 100_000,
    json.dumps({"version": 1, "entries": [{"key": "K", "problems": [{"path": "a", "line": -1, "col": 1,
                                                                      "severity": "error", "message": "m",
                                                                      "hint": ""}]}]}).encode(),
    json.dumps({"version": 1, "entries": [{"key": "K", "files": 10 ** 30, "problems": []}]}).encode(),
    json.dumps({"version": 1, "entries": [{"key": "K", "problems": [{"path": "a" * 50_000, "line": 1, "col": 1,
                                                                      "severity": "error", "message": "m",
                                                                      "hint": ""}]}]}).encode(),
])
def test_a_damaged_or_crafted_cache_file_is_ignored(tmp_path, junk):
    for name in (FILE_NAME, WHOLE_FILE):
        (tmp_path / name).write_bytes(junk)
        assert lookup(tmp_path, "K", name) is None
        problem = Problem(Pos("dialogue/en/x.yaml", 3, 5), "warning", "m", "h", ("scenes/x.tmx",))
        store(tmp_path, "K", [problem], name, files=4)  # and a good entry replaces it
        assert lookup(tmp_path, "K", name) == ([problem], 4)


def test_a_cache_file_over_its_size_is_not_read_and_an_unwritable_folder_is_no_error(tmp_path):
    (tmp_path / FILE_NAME).write_bytes(b" " * (5 * 1024 * 1024))
    assert lookup(tmp_path, "K") is None
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    store(blocked, "K", [])  # cannot make the folder: nothing happens
    assert lookup(blocked, "K") is None
