"""Autosave: atomic, never lost, never a crash. Also the user-data folder rule."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import game.save as save
from game import __version__
from game.save import (
    NoSave,
    SaveCorrupt,
    SaveError,
    SaveOk,
    WorldPos,
    delete_save,
    quarantine,
    read_save,
    write_save,
)
from game.userdata import resolve_user_data_dir, user_data_dir

STORY = {"vars": {"helped": True, "trust": 2}, "visits": {"home.kitchen": 1}}
WORLD = WorldPos(scene="home", x=3, y=4, facing="left", fired=frozenset({"scenes/home/home.tmx#3"}))
FIXED_NOW = datetime(2024, 5, 1, 10, 15, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(save, "_utc_now", lambda: FIXED_NOW)


def good_document() -> dict:
    return {
        "format": 1,
        "game_version": "0.1.0",
        "saved_at": "2024-05-01T10:15:00+00:00",
        "story": STORY,
        "world": WORLD.to_json(),
    }


def files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


# --------------------------------------------------------------------------- round trip


def test_no_save(tmp_path: Path) -> None:
    assert read_save(tmp_path) == NoSave()
    assert read_save(tmp_path / "does-not-exist") == NoSave()


def test_round_trip(tmp_path: Path) -> None:
    write_save(tmp_path, {"story": STORY, "world": WORLD})
    result = read_save(tmp_path)
    assert isinstance(result, SaveOk)
    assert result.data.story == STORY
    assert result.data.world == WORLD
    assert result.data.game_version == __version__
    assert result.data.saved_at == "2024-05-01T10:15:00+00:00"
    assert files(tmp_path) == ["autosave.json"]  # no temp files left behind


def test_file_layout_and_nothing_personal(tmp_path: Path) -> None:
    write_save(tmp_path, {"story": STORY, "world": WORLD.to_json()})
    doc = json.loads((tmp_path / "autosave.json").read_text(encoding="utf-8"))
    assert doc == {
        "format": 1,
        "game_version": __version__,
        "saved_at": "2024-05-01T10:15:00+00:00",
        "story": STORY,
        "world": {"scene": "home", "x": 3, "y": 4, "facing": "left", "fired": ["scenes/home/home.tmx#3"]},
        "checkpoints": [],
    }
    text = (tmp_path / "autosave.json").read_text(encoding="utf-8")
    for personal in {os.environ.get("USER"), os.environ.get("USERNAME"), os.uname().nodename if hasattr(os, "uname") else None}:
        if personal and len(personal) > 3:
            assert personal not in text


def test_write_creates_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b"
    write_save(target, {"story": {}, "world": WORLD})
    assert isinstance(read_save(target), SaveOk)


def test_world_pos_json_round_trip() -> None:
    assert WorldPos.from_json(WORLD.to_json()) == WORLD
    assert WorldPos.from_json(WorldPos("lane", 0, 0).to_json()) == WorldPos("lane", 0, 0, "down", frozenset())


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    story=st.dictionaries(
        st.text(max_size=8),
        st.recursive(
            # Numbers as a game stores them (counts, steps): a save refuses longer than MAX_NUMBER_DIGITS digits.
            st.none() | st.booleans() | st.integers(-10**15, 10**15) | st.text(max_size=10),
            lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=5), kids, max_size=3),
            max_leaves=10,
        ),
        max_size=5,
    ),
    x=st.integers(0, 500),
    y=st.integers(0, 500),
    facing=st.sampled_from(["down", "up", "left", "right"]),
    fired=st.frozensets(st.text(max_size=20), max_size=4),
)
def test_any_story_round_trips(tmp_path: Path, story: dict, x: int, y: int, facing: str, fired: frozenset) -> None:
    world = WorldPos("lane", x, y, facing, fired)  # type: ignore[arg-type]
    write_save(tmp_path, {"story": story, "world": world})
    result = read_save(tmp_path)
    assert isinstance(result, SaveOk)
    assert result.data.story == story and result.data.world == world


# --------------------------------------------------------------------------- atomicity


def test_crash_during_replace_keeps_the_old_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_save(tmp_path, {"story": {"chapter": 1}, "world": WORLD})
    before = (tmp_path / "autosave.json").read_bytes()

    def crash(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(SaveError, match="could not write autosave.json: No space left on device"):
        write_save(tmp_path, {"story": {"chapter": 2}, "world": WORLD})
    assert (tmp_path / "autosave.json").read_bytes() == before
    assert files(tmp_path) == ["autosave.json"]  # the temp file was cleaned up
    monkeypatch.undo()
    result = read_save(tmp_path)
    assert isinstance(result, SaveOk) and result.data.story == {"chapter": 1}


def test_crash_during_write_keeps_the_old_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_save(tmp_path, {"story": {"chapter": 1}, "world": WORLD})

    def crash(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(SaveError):
        write_save(tmp_path, {"story": {"chapter": 2}, "world": WORLD})
    monkeypatch.undo()
    assert files(tmp_path) == ["autosave.json"]
    result = read_save(tmp_path)
    assert isinstance(result, SaveOk) and result.data.story == {"chapter": 1}


def test_data_is_fsynced_before_the_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace", lambda a, b: (calls.append("replace"), real_replace(a, b))[1])
    write_save(tmp_path, {"story": {}, "world": WORLD})
    assert calls[:2] == ["fsync", "replace"]
    if hasattr(os, "O_DIRECTORY"):
        assert calls == ["fsync", "replace", "fsync"]  # the folder too


def test_not_json_data_is_refused_before_touching_the_disk(tmp_path: Path) -> None:
    write_save(tmp_path, {"story": {"a": 1}, "world": WORLD})
    with pytest.raises(SaveError, match="data is not plain JSON"):
        write_save(tmp_path, {"story": {"a": {1, 2}}, "world": WORLD})
    with pytest.raises(SaveError, match="data is not plain JSON"):
        write_save(tmp_path, {"story": {"a": float("nan")}, "world": WORLD})
    result = read_save(tmp_path)
    assert isinstance(result, SaveOk) and result.data.story == {"a": 1}


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"world": WORLD}, "save data needs 'story' and 'world'"),
        ({"story": [], "world": WORLD}, "'story' is not an object"),
        ({"story": {}, "world": WorldPos("Home!", 0, 0)}, "'world.scene' is not a scene id"),
        ({"story": {}, "world": {"scene": "home", "x": -1, "y": 0, "facing": "up", "fired": []}}, "'world.x' is not a tile coordinate"),
    ],
)
def test_invalid_save_data_is_refused(tmp_path: Path, data: dict, reason: str) -> None:
    with pytest.raises(SaveError) as err:
        write_save(tmp_path, data)
    assert str(err.value) == reason
    assert files(tmp_path) == []


# --------------------------------------------------------------------------- corrupt saves

CORRUPT = "autosave.corrupt-20240501T101500Z.json"


def bad_world(**changes: object) -> bytes:
    doc = good_document()
    doc["world"] = {**doc["world"], **changes}
    return json.dumps(doc).encode()


def without(key: str) -> bytes:
    doc = good_document()
    del doc[key]
    return json.dumps(doc).encode()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the save file is empty"),
        (b"  \n", "the save file is empty"),
        (b"\x00\xff\xfe\x81junk", "the save file is not text"),
        (b'{"format": 1, "story": ', "the save file is not valid JSON (line 1, column 24)"),
        (b"[1, 2]", "the save file is not a JSON object"),
        (b'{"format": NaN}', "the save file contains NaN"),
        (json.dumps({**good_document(), "format": 2}).encode(), "the save was made by a newer version of the game (format 2)"),
        (json.dumps({**good_document(), "format": 0}).encode(), "unknown save format 0"),
        (json.dumps({**good_document(), "format": "1"}).encode(), "'format' is not a number"),
        (json.dumps({**good_document(), "format": True}).encode(), "'format' is not a number"),
        (without("format"), "the save file has no 'format'"),
        (without("story"), "the save file has no 'story'"),
        (without("world"), "the save file has no 'world'"),
        (json.dumps({**good_document(), "story": []}).encode(), "'story' is not an object"),
        (json.dumps({**good_document(), "world": "home"}).encode(), "'world' is not an object"),
        (json.dumps({**good_document(), "saved_at": "yesterday"}).encode(), "'saved_at' is not a date"),
        (bad_world(x="3"), "'world.x' is not a tile coordinate"),
        (bad_world(y=True), "'world.y' is not a tile coordinate"),
        (bad_world(facing="north"), "'world.facing' is not one of down, up, left, right"),
        (bad_world(fired="all"), "'world.fired' is not a list of trigger keys"),
        (bad_world(fired=[1]), "'world.fired' is not a list of trigger keys"),
        (bad_world(scene=None), "'world.scene' is not a scene id"),
    ],
)
def test_corrupt_save_is_moved_aside_with_a_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    (tmp_path / "autosave.json").write_bytes(content)
    result = read_save(tmp_path)
    assert result == SaveCorrupt(reason=reason, moved_to=tmp_path / CORRUPT)
    assert files(tmp_path) == [CORRUPT]
    assert (tmp_path / CORRUPT).read_bytes() == content  # kept byte for byte
    assert read_save(tmp_path) == NoSave()


def test_missing_world_key(tmp_path: Path) -> None:
    doc = good_document()
    del doc["world"]["facing"]
    (tmp_path / "autosave.json").write_text(json.dumps(doc), encoding="utf-8")
    assert read_save(tmp_path) == SaveCorrupt("'world' has no 'facing'", tmp_path / CORRUPT)


def test_unknown_extra_keys_are_ignored(tmp_path: Path) -> None:
    doc = {**good_document(), "future": 1}
    doc["world"]["future"] = 2
    (tmp_path / "autosave.json").write_text(json.dumps(doc), encoding="utf-8")
    assert isinstance(read_save(tmp_path), SaveOk)


def test_corrupt_saves_are_never_overwritten(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / "autosave.json").write_text(f"broken {n}", encoding="utf-8")
        read_save(tmp_path)
    assert files(tmp_path) == [
        "autosave.corrupt-20240501T101500Z-2.json",
        "autosave.corrupt-20240501T101500Z-3.json",
        CORRUPT,
    ]
    assert (tmp_path / CORRUPT).read_text(encoding="utf-8") == "broken 0"
    assert (tmp_path / "autosave.corrupt-20240501T101500Z-3.json").read_text(encoding="utf-8") == "broken 2"


def test_save_that_is_a_folder_is_moved_aside(tmp_path: Path) -> None:
    (tmp_path / "autosave.json").mkdir()
    result = read_save(tmp_path)
    assert isinstance(result, SaveCorrupt) and result.reason.startswith("the save file could not be read")
    assert result.moved_to == tmp_path / CORRUPT


def test_quarantine_for_a_story_the_caller_rejects(tmp_path: Path) -> None:
    write_save(tmp_path, {"story": {"unknown_var": 1}, "world": WORLD})
    assert isinstance(read_save(tmp_path), SaveOk)
    result = quarantine(tmp_path, "the story part refers to a node that no longer exists")
    assert result == SaveCorrupt("the story part refers to a node that no longer exists", tmp_path / CORRUPT)
    assert files(tmp_path) == [CORRUPT]


def test_quarantine_never_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert quarantine(tmp_path, "nothing there") == SaveCorrupt("nothing there", None)
    (tmp_path / "autosave.json").write_text("x", encoding="utf-8")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "rename", refuse)
    assert read_save(tmp_path) == SaveCorrupt("the save file is not valid JSON (line 1, column 1)", None)
    assert files(tmp_path) == ["autosave.json"]


# --------------------------------------------------------------------------- new game


def test_delete_save_keeps_the_previous_one(tmp_path: Path) -> None:
    assert delete_save(tmp_path) is None
    write_save(tmp_path, {"story": {"run": 1}, "world": WORLD})
    assert delete_save(tmp_path) == tmp_path / "autosave.previous.json"
    assert read_save(tmp_path) == NoSave()
    write_save(tmp_path, {"story": {"run": 2}, "world": WORLD})
    delete_save(tmp_path)
    assert files(tmp_path) == ["autosave.previous.json"]
    previous = json.loads((tmp_path / "autosave.previous.json").read_text(encoding="utf-8"))
    assert previous["story"] == {"run": 2}


def test_delete_save_failure_is_a_save_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_save(tmp_path, {"story": {}, "world": WORLD})

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(SaveError, match="could not put the old save aside: Permission denied"):
        delete_save(tmp_path)


# --------------------------------------------------------------------------- user-data folder


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("win32", {"APPDATA": r"C:\Users\s\AppData\Roaming"}, Path(r"C:\Users\s\AppData\Roaming") / "SmallActs"),
        ("win32", {}, Path("/home/s/AppData/Roaming/SmallActs")),
        ("darwin", {}, Path("/home/s/Library/Application Support/SmallActs")),
        ("linux", {}, Path("/home/s/.local/share/small-acts")),
        ("linux", {"XDG_DATA_HOME": "/data/xdg"}, Path("/data/xdg/small-acts")),
        ("linux", {"XDG_DATA_HOME": "relative/ignored"}, Path("/home/s/.local/share/small-acts")),
        ("win32", {"SMALL_ACTS_DATA": "/lab/profiles/pc7", "APPDATA": "C:/x"}, Path("/lab/profiles/pc7")),
        ("linux", {"SMALL_ACTS_DATA": "  "}, Path("/home/s/.local/share/small-acts")),
    ],
)
def test_user_data_dir_rule(platform: str, env: dict, expected: Path) -> None:
    assert resolve_user_data_dir("SmallActs", platform, env, Path("/home/s")) == expected


def test_user_data_dir_is_created_only_on_demand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "data"
    monkeypatch.setenv("SMALL_ACTS_DATA", str(target))
    assert user_data_dir() == target and not target.exists()
    assert user_data_dir(create=True) == target and target.is_dir()


def test_checkpoints_round_trip_and_bad_ones_are_rejected(tmp_path: Path) -> None:
    checkpoint = {"menu": "home.meera_menu.talk", "story": STORY, "world": WORLD.to_json()}
    write_save(tmp_path, {"story": STORY, "world": WORLD, "checkpoints": [checkpoint]})
    result = read_save(tmp_path)
    assert isinstance(result, SaveOk) and result.data.checkpoints == (checkpoint,)
    doc = json.loads((tmp_path / "autosave.json").read_text(encoding="utf-8"))
    doc["checkpoints"] = "not a list"
    (tmp_path / "autosave.json").write_text(json.dumps(doc), encoding="utf-8")
    result = read_save(tmp_path)
    assert isinstance(result, SaveCorrupt) and "checkpoints" in result.reason
