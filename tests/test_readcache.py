"""`check` keeps each dialogue file's reading (game/readcache.py, game/story/codec.py): a file that did not change is
decoded rather than read, gives exactly the reading a fresh read gives, and a damaged or crafted reading is read
again (issue 16)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

import game.readcache
from game.readcache import FOLDER, KEEP, ReadCache
from game.story.codec import Codec, CodecError
from game.story.graphcheck import scene_variable_uses
from game.story.loader import RESERVED_FILES, ScalarAt, read_file
from game.story.problems import Pos, Problem
from game.story.yamlsrc import parse_yaml, pos_in_scalar
from test_check_cache import check, copy_project, edit  # the same project copy, check and edit

ROOT = Path(__file__).resolve().parent.parent

# A file that uses every kind of step and reference the loader keeps for later, and one with problems of each stage.
EVERYTHING = """\
scene: big
title: "A big scene"
vars:
  count: 0
  seen_it: false
nodes:
  hello:
    - id: h1
      say: meera
      face: happy
      text: "Hello & welcome {count} [1]"
      sound: door
    - id: c1
      label: "A choice"
      if: "count >= 0 and not seen_it"
      choose:
        - id: a
          text: "Yes"
          tag: delegate
          do: ["count += 1", "seen_it = true"]
          goto: other.place
        - id: b
          text: >
            Folded over
            two lines {count}
          tag: delay
          if: "visits(hello) > 0 or visits(other.place) == 2"
          once: true
      fallback: last
    - appear: amma
      at: door
      facing: left
    - wait: 1.5
    - id: g1
      goal: "Find Amma"
      at: amma
      hint: "She is by the door."
      if: "count > 0"
    - goto: last
  last:
    - id: z
      text: |
        A block of
        text
    - end: done
  empty: []
endings:
  done:
    title: "Done"
    text: "The end."
"""
BROKEN = """\
scene: broken
nodes:
  start:
    - id: x
      text: "Unclosed {brace"
    - goto: nowhere
    - id: y
      if: "count >"
      text: "Bad condition"
  start:
    - goto: start
"""


def reads(folder: Path) -> list[Path]:
    return sorted((folder / FOLDER).glob("*.json"))


def files_to_read() -> list[tuple[bytes, str]]:
    shipped = [(p.read_bytes(), p.relative_to(ROOT).as_posix()) for p in sorted((ROOT / "dialogue" / "en").glob("*.yaml"))
               if p.name not in RESERVED_FILES]
    return shipped + [(EVERYTHING.encode(), "dialogue/en/big.yaml"), (BROKEN.encode(), "dialogue/en/broken.yaml"),
                      (b"nodes: [unclosed", "dialogue/en/bad.yaml"), (b"\xff\xfe", "dialogue/en/Bad Name.yaml")]


@pytest.mark.parametrize("data,path", files_to_read(), ids=lambda v: v if isinstance(v, str) else "")
def test_a_kept_reading_is_exactly_the_fresh_one(tmp_path, data, path):
    fresh = read_file(data, path)
    first = ReadCache(tmp_path)
    assert first.read(data, path) == fresh and first.reused == 0 and len(reads(tmp_path)) == 1
    again = ReadCache(tmp_path)
    kept = again.read(data, path)
    assert again.reused == 1
    assert kept == fresh  # the scene, every problem with its position, and every reference to check across files
    if fresh[0] is not None:
        # The scene's fingerprint and variable uses go with it, the same as when it was read.
        assert again.known[id(kept[0])][1] == first.known[next(iter(first.known))][1]
        assert again.variable_uses(kept[0]) == scene_variable_uses(fresh[0])
        assert again.uses[id(kept[0])][0] is kept[0]


def test_scalar_positions_as_data_say_what_pos_in_scalar_says():
    text = 'a: plain words\nb: "quoted"\nc: |\n  block\nd: >\n  folded\n  over\ne: \'single\'\nf: "two\n  lines"\n'
    root, problems = parse_yaml(text.encode(), "x.yaml")
    assert not problems
    for _key, node in root.value:
        at = ScalarAt.of(node, "x.yaml")
        assert [at(c) for c in (0, 1, 2, 7)] == [pos_in_scalar(node, "x.yaml", c) for c in (0, 1, 2, 7)]


def test_only_the_changed_file_is_read_and_check_says_what_a_full_check_says(tmp_path, monkeypatch, searched_before):
    monkeypatch.setenv("SMALL_ACTS_DATA", str(tmp_path / "data"))
    searched_before(tmp_path / "data" / "cache")
    project = copy_project(tmp_path / "p")
    read = []
    real = game.readcache.read_file
    monkeypatch.setattr(game.readcache, "read_file", lambda data, path: read.append(path) or real(data, path))
    assert check(project)[0] == 0
    assert len(read) == 4  # every dialogue file, the first time
    read.clear()
    edit(project / "dialogue" / "en" / "lane.yaml", "Who won?", "Who won the match?")
    assert check(project)[0] == 0
    assert read == ["dialogue/en/lane.yaml"]
    # A variable lane.yaml uses, no longer declared in home.yaml: lane.yaml did not change and is not read again,
    # but its use of the variable is still checked against the new declarations, at its own line and column.
    read.clear()
    edit(project / "dialogue" / "en" / "home.yaml", "  got_milk: false\n", "  got_milk_now: false\n")
    code, out = check(project)
    assert read == ["dialogue/en/home.yaml"]
    assert code == 1 and "dialogue/en/lane.yaml:31:" in out and "unknown variable 'got_milk'" in out, out
    assert (code, out) == check(project, full=True)  # reading every file says the same, in the same order
    assert check(project) == (code, out)


@pytest.mark.parametrize("junk", [
    b"", b"\x00\xff not json", b"[1, 2, 3]", b"[" * 100_000, b'{"version": 1}',
    "wrong version", "wrong key", "a line's text is a number", "a bool for an int", "an unknown kind of step",
    "a scene without its fingerprint", "an unknown severity", "too large",
])
def test_a_damaged_or_crafted_reading_is_read_again(tmp_path, junk):
    data, path = EVERYTHING.encode(), "dialogue/en/big.yaml"
    fresh = read_file(data, path)
    ReadCache(tmp_path).read(data, path)
    [kept] = reads(tmp_path)
    entry = json.loads(kept.read_bytes())
    if isinstance(junk, str):
        text = json.dumps(entry)
        if junk == "wrong version":
            entry["version"] = 99
        elif junk == "wrong key":
            entry["key"] = "0" * 64
        elif junk == "a line's text is a number":
            text = text.replace('"Hello & welcome {count} [1]"', "42")
        elif junk == "a bool for an int":
            text = text.replace('"dialogue/en/big.yaml", 1, 1]', '"dialogue/en/big.yaml", true, 1]')
        elif junk == "an unknown kind of step":
            text = text.replace('["Jump", ', '["Teleport", ', 1)
        elif junk == "a scene without its fingerprint":
            entry["digest"] = ""
        elif junk == "an unknown severity":
            text = text.replace('"warning"', '"panic"', 1)
        elif junk == "too large":
            entry["padding"] = " " * (len(data) * game.readcache.MAX_RATIO + game.readcache.MAX_SLACK)
        data_out = text if junk in ("a line's text is a number", "a bool for an int", "an unknown kind of step",
                                    "an unknown severity") else json.dumps(entry)
        assert data_out != json.dumps(json.loads(kept.read_bytes())), "the test's change did not apply"
        junk = data_out.encode()
    kept.write_bytes(junk)
    cache = ReadCache(tmp_path)
    assert cache.read(data, path) == fresh and cache.reused == 0  # read again, never raised
    good = ReadCache(tmp_path)
    assert good.read(data, path) == fresh and good.reused == 1  # and the fresh reading replaced it


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_pipe_in_place_of_a_reading_does_not_block_the_check(tmp_path):
    data, path = EVERYTHING.encode(), "dialogue/en/big.yaml"
    ReadCache(tmp_path).read(data, path)
    [kept] = reads(tmp_path)
    kept.unlink()
    os.mkfifo(kept)  # nobody ever writes to it: a plain open() would wait for ever
    cache = ReadCache(tmp_path)
    assert cache.read(data, path) == read_file(data, path) and cache.reused == 0


def test_the_codec_refuses_values_of_the_wrong_type():
    codec = Codec([Pos, Problem])
    good = codec.encode(Problem(Pos("a.yaml", 2, 3), "warning", "m", "h", ("b.tmx",)))
    assert codec.decode(good, Problem) == Problem(Pos("a.yaml", 2, 3), "warning", "m", "h", ("b.tmx",))
    for bad in (["Problem", ["Pos", "a.yaml", 2, 3], "warning", "m", "h"],  # a field missing
                ["Problem", ["Pos", "a.yaml", 2.0, 3], "warning", "m", "h", []],  # a float for an int
                ["Problem", ["Pos", "a.yaml", 2, 3], "warning", "m", "h", [7]],  # a number among texts
                ["Problem", ["Pos", "a.yaml", 2, 3], "fatal", "m", "h", []],  # not a severity
                ["Pos", "a.yaml", 2, 3], {"Problem": 1}, None, "Problem"):
        with pytest.raises(CodecError):
            codec.decode(bad, Problem)


def test_the_kept_readings_are_bounded_and_this_runs_are_kept(tmp_path, monkeypatch):
    folder = tmp_path / FOLDER
    folder.mkdir()
    old = time.time() - 3600
    for n in range(KEEP + 20):
        entry = folder / f"{n:064x}.json"
        entry.write_text("{}")
        os.utime(entry, (old + n, old + n))
    cache = ReadCache(tmp_path)
    data, path = EVERYTHING.encode(), "dialogue/en/big.yaml"
    cache.read(data, path)
    [used] = cache.used
    os.utime(folder / f"{used}.json", (old - 10, old - 10))  # the oldest of all, but used by this check
    cache.prune()
    left = {p.stem for p in folder.glob("*.json")}
    assert len(left) == KEEP and used in left and f"{0:064x}" not in left
    # And at most MAX_TOTAL bytes: the oldest go first, this check's own stays.
    monkeypatch.setattr(game.readcache, "MAX_TOTAL", 10 * 2 + (folder / f"{used}.json").stat().st_size)
    for n in range(30):
        (folder / f"{n:064x}.json").write_text("0123456789")
    cache.prune()
    assert {p.stem for p in folder.glob("*.json")} == {used, f"{29:064x}", f"{28:064x}"}


def test_the_graphs_loops_are_found_again_only_when_the_story_changes_shape(tmp_path, monkeypatch, searched_before):
    monkeypatch.setenv("SMALL_ACTS_DATA", str(tmp_path / "data"))
    searched_before(tmp_path / "data" / "cache")
    project = copy_project(tmp_path / "p")
    calls = []
    real = game.readcache.check_graph
    monkeypatch.setattr(game.readcache, "check_graph", lambda story: calls.append(1) or real(story))
    assert check(project)[0] == 0 and len(calls) == 1
    edit(project / "dialogue" / "en" / "lane.yaml", "Who won?", "Who won the match?")
    assert check(project)[0] == 0 and len(calls) == 1  # words only: the same shape, the same (no) loops
    edit(project / "dialogue" / "en" / "lane.yaml", "nodes:\n", "nodes:\n  spin:\n    - goto: spin\n")
    code, out = check(project)
    assert len(calls) == 2 and code == 1 and "node 'spin' loops forever without showing anything" in out, out
    assert check(project, full=True) == (code, out)
