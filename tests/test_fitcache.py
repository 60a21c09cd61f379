"""`check` keeps how many lines each text wraps to (game/fitcache.py): a text measured before is not measured again,
a reworded line is, and a damaged or crafted cache file is ignored (issue 16)."""

from __future__ import annotations

import io
import json
import re
import shutil
import os
import time
from pathlib import Path

import pytest

from game import fitcache
from game.check import run_check
from game.i18n import checks
from game.story.problems import Pos

ROOT = Path(__file__).resolve().parent.parent
pytest.importorskip("pygame")


@pytest.fixture()
def project(tmp_path, monkeypatch, searched_before):
    monkeypatch.setenv("SMALL_ACTS_DATA", str(tmp_path / "data"))  # a cache of this test's own
    searched_before(tmp_path / "data" / "cache")  # the paths were searched before: this is about the texts
    for name in ("scenes", "dialogue", "assets"):
        shutil.copytree(ROOT / name, tmp_path / "p" / name)
    settle(tmp_path / "p")
    return tmp_path / "p"


def settle(folder: Path) -> None:
    past = time.time() - 60
    for path in folder.rglob("*"):
        os.utime(path, (past, past))


def check(project: Path, full: bool = False) -> tuple[int, str]:
    out = io.StringIO()
    return run_check([str(project)], "en", False, ROOT, out=out, full=full), out.getvalue()


class Wraps:
    """Counts the texts the renderer really measures."""

    def __init__(self, monkeypatch):
        from game.ui.text import TextRenderer

        self.texts: list[str] = []
        wrap = TextRenderer.wrap

        def counting(renderer, text, width, style):
            self.texts.append(text)
            return wrap(renderer, text, width, style)

        monkeypatch.setattr(TextRenderer, "wrap", counting)


def test_a_text_measured_before_is_not_measured_again_but_a_reworded_one_is(project, monkeypatch):
    wraps = Wraps(monkeypatch)
    assert check(project) == (0, "no problems in 17 files\n")
    first = len(wraps.texts)
    assert first > 100  # every dialogue line of the story, once
    lane = project / "dialogue" / "en" / "lane.yaml"
    lane.write_text(lane.read_text(encoding="utf-8").replace("Who won?", "Who won the match?", 1), encoding="utf-8")
    settle(project)
    assert check(project) == (0, "no problems in 17 files\n")
    assert [t for t in wraps.texts[first:]] == ["Ravi beta! Cricket finished? Who won the match?"]  # only that line
    assert check(project, full=True)[0] == 0  # --full measures everything again
    assert len(wraps.texts) == 2 * first + 1


def test_a_reworded_line_that_becomes_too_long_is_still_reported(project):
    assert check(project)[0] == 0  # every line measured and kept
    lane = project / "dialogue" / "en" / "lane.yaml"
    lane.write_text(lane.read_text(encoding="utf-8").replace("Who won?", "Who won? " * 60, 1), encoding="utf-8")
    settle(project)
    code, out = check(project)
    assert re.search(r"^dialogue/en/lane\.yaml:\d+:\d+: warning: too long for the dialogue box: \d+ lines", out,
                     re.MULTILINE), out
    assert check(project) == (code, out)  # and again from the caches, the same
    (project / "dialogue" / "en" / "lane.yaml").touch()
    settle(project)  # the files' times changed: read again, the long line's count comes from the fit cache
    assert check(project) == (code, out)


def test_the_cache_holds_digests_and_numbers_only(project):
    check(project)
    folder = next(Path(os.environ["SMALL_ACTS_DATA"]).rglob(fitcache.FILE_NAME)).parent
    data = json.loads((folder / fitcache.FILE_NAME).read_text(encoding="ascii"))
    assert data["version"] == fitcache.VERSION and len(data["lines"]) > 100 and data["widths"]
    assert all(re.fullmatch(r"[0-9a-f]{24}", k) and type(v) is int for k, v in data["lines"].items())


def test_other_fonts_make_another_key(tmp_path):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "a.ttf").write_bytes(b"one")
    key = fitcache.measure_key(fonts, "980:26")
    assert key is not None and key == fitcache.measure_key(fonts, "980:26")
    assert fitcache.measure_key(fonts, "900:26") != key
    (fonts / "a.ttf").write_bytes(b"two")
    assert fitcache.measure_key(fonts, "980:26") != key
    assert fitcache.measure_key(tmp_path / "missing", "980:26") is None


GOOD = "a" * 24


@pytest.mark.parametrize("junk", [
    b"", b"\x00\xff not json", b"[1, 2, 3]", b"[" * 100_000, b"{" * 100_000,
    json.dumps({"version": 1, "key": "K", "lines": [], "widths": {}}).encode(),
    json.dumps({"version": 1, "key": "K", "lines": {GOOD: -1}, "widths": {}}).encode(),
    json.dumps({"version": 1, "key": "K", "lines": {GOOD: True}, "widths": {}}).encode(),
    json.dumps({"version": 1, "key": "K", "lines": {GOOD: 1.5}, "widths": {}}).encode(),
    json.dumps({"version": 1, "key": "K", "lines": {GOOD: 10 ** 30}, "widths": {}}).encode(),
    json.dumps({"version": 1, "key": "K", "lines": {"../../etc/passwd": 1}, "widths": {}}).encode(),
    json.dumps({"version": 1, "key": "K", "lines": {GOOD: 1}, "widths": {GOOD: "9"}}).encode(),
    json.dumps({"version": 1, "key": "K", "lines": {GOOD: 1}}).encode(),
    json.dumps({"version": 2, "key": "K", "lines": {GOOD: 1}, "widths": {}}).encode(),
    json.dumps({"version": 1, "key": "other", "lines": {GOOD: 1}, "widths": {}}).encode(),
])
def test_a_damaged_or_crafted_cache_file_is_ignored(tmp_path, junk):
    (tmp_path / fitcache.FILE_NAME).write_bytes(junk)
    assert fitcache.read(tmp_path, "K") == ({}, {})
    fitcache.write(tmp_path, "K", {GOOD: 3}, {})  # and a good file replaces it
    assert fitcache.read(tmp_path, "K") == ({GOOD: 3}, {})


def test_a_cache_over_its_size_is_not_read_and_an_unwritable_folder_is_no_error(tmp_path):
    (tmp_path / fitcache.FILE_NAME).write_bytes(b" " * (fitcache.MAX_BYTES + 1))
    assert fitcache.read(tmp_path, "K") == ({}, {})
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    fitcache.write(blocked, "K", {GOOD: 1}, {})  # cannot make the folder: nothing happens
    assert fitcache.read(blocked, "K") == ({}, {})
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / fitcache.FILE_NAME).mkdir()  # a folder where the file should be
    assert fitcache.read(tmp_path / "dir", "K") == ({}, {})
    fitcache.write(tmp_path / "dir", "K", {GOOD: 1}, {})


def test_a_crafted_cache_of_the_right_shape_never_stops_the_check(project, monkeypatch):
    """Counts for every text of the story, all wrong but well formed: the check still runs to the end (it reports
    what the counts say: the file is the user's own, as the findings cache is)."""
    check(project)
    folder = next(Path(os.environ["SMALL_ACTS_DATA"]).rglob(fitcache.FILE_NAME)).parent
    data = json.loads((folder / fitcache.FILE_NAME).read_text(encoding="ascii"))
    data["lines"] = {k: fitcache.MAX_COUNT for k in data["lines"]}
    (folder / fitcache.FILE_NAME).write_text(json.dumps(data), encoding="ascii")
    lane = project / "dialogue" / "en" / "lane.yaml"
    lane.touch()
    settle(project)
    code, out = check(project)
    assert code == 0 and "too long for the dialogue box" in out
    assert check(project, full=True) == (0, "no problems in 17 files\n")  # --full measures again, and repairs it
    lane.touch()
    settle(project)
    assert check(project) == (0, "no problems in 17 files\n")


def test_without_a_cache_folder_the_texts_are_measured_as_before(project):
    measure = checks.Measure(project)
    long = ("Who won? " * 60, Pos("x.yaml", 1, 1))
    found = checks.too_long(project, [long, ("Hi.", Pos("x.yaml", 2, 1))], measure=measure)
    assert [p.pos.line for p in found] == [1]
    measure.save()  # no folder: nothing written, no error
