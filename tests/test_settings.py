"""Player settings: defaults on anything odd, field by field; never raises."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hyp_settings
from hypothesis import strategies as st

from game.settings import TEXT_SCALES, Settings, load_settings, save_settings


def write(directory: Path, content: str | bytes) -> None:
    path = directory / "settings.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def test_defaults() -> None:
    assert Settings() == Settings(text_scale=1.0, fullscreen=False, language="en", window_size=(1280, 720))
    assert TEXT_SCALES == (1.0, 1.25, 1.5, 2.0)


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == Settings()
    assert load_settings(tmp_path / "nope") == Settings()


def test_round_trip(tmp_path: Path) -> None:
    s = Settings(text_scale=1.5, fullscreen=True, language="hi", window_size=(1920, 1080))
    assert save_settings(tmp_path, s) is True
    assert load_settings(tmp_path) == s
    assert json.loads((tmp_path / "settings.json").read_text(encoding="utf-8")) == {
        "format": 1,
        "text_scale": 1.5,
        "fullscreen": True,
        "language": "hi",
        "window_size": [1920, 1080],
        "volume": 0.8,
        "results_dir": "",
        "results_keep_days": 60,
        "content_dir": "",
        "line_spacing": 1.0,
        "font": "standard",
        "theme": "standard",
        "text_speed": "normal",
        "auto_advance": False,
        "reduced_motion": False,
        "goal_marker": True,
        "music_volume": 0.6,
        "muted": False,
        "captions": True,
        "read_aloud": False,
        "keys": [],
        "class_network": True,
        "class_discovery": "255.255.255.255",
        "class_port": 47913,
        "lrs_endpoint": "",
        "lrs_user": "",
        "lrs_password": "",
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"\xff\xfe\x00junk", b"[]", b"null", b'"text"', b"1e999", b"[" * 100000],
)
def test_bad_file_gives_defaults(tmp_path: Path, content: bytes) -> None:
    write(tmp_path, content)
    assert load_settings(tmp_path) == Settings()


def test_bad_values_fall_back_per_field(tmp_path: Path) -> None:
    write(tmp_path, json.dumps({"text_scale": 3.0, "fullscreen": "yes", "language": "hi", "window_size": [1600, 900]}))
    assert load_settings(tmp_path) == Settings(language="hi", window_size=(1600, 900))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("text_scale", 1.3),
        ("text_scale", "1.25"),
        ("text_scale", True),
        ("text_scale", None),
        ("fullscreen", 1),
        ("fullscreen", "true"),
        ("language", ""),
        ("language", "English"),
        ("language", "../../etc"),
        ("language", 7),
        ("window_size", [1280]),
        ("window_size", [1280, 720, 1]),
        ("window_size", [0, 0]),
        ("window_size", [1280.5, 720]),
        ("window_size", [True, 720]),
        ("window_size", "1280x720"),
        ("window_size", {"w": 1280}),
    ],
)
def test_each_bad_value_takes_the_default(tmp_path: Path, field: str, value: object) -> None:
    marker = {"language": "hi"} if field != "language" else {"fullscreen": True}
    write(tmp_path, json.dumps({field: value, **marker}))
    assert load_settings(tmp_path) == Settings(**marker)  # the good field is kept, the bad one is default


@pytest.mark.parametrize("scale", [1, 1.0, 1.25, 1.5, 2, 2.0])
def test_allowed_text_scales(tmp_path: Path, scale: float) -> None:
    write(tmp_path, json.dumps({"text_scale": scale}))
    loaded = load_settings(tmp_path)
    assert loaded.text_scale == scale and isinstance(loaded.text_scale, float)


def test_unknown_keys_are_ignored(tmp_path: Path) -> None:
    write(tmp_path, json.dumps({"format": 99, "colour_theme": "night", "language": "hi"}))
    assert load_settings(tmp_path) == Settings(language="hi")


def test_building_bad_settings_in_code_fails_loudly() -> None:
    with pytest.raises(ValueError, match="invalid setting text_scale=3.0"):
        Settings(text_scale=3.0)
    with pytest.raises(ValueError, match="invalid setting fullscreen=1"):
        dataclasses.replace(Settings(), fullscreen=1)  # type: ignore[arg-type]
    assert Settings(window_size=[800, 600]).window_size == (800, 600)  # type: ignore[arg-type]


def test_settings_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().fullscreen = True  # type: ignore[misc]


def test_save_failure_returns_false_and_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    save_settings(tmp_path, Settings(language="hi"))

    def crash(src: str, dst: str) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(os, "replace", crash)
    assert save_settings(tmp_path, Settings(language="en", fullscreen=True)) is False
    monkeypatch.undo()
    assert load_settings(tmp_path) == Settings(language="hi")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]


def test_a_new_setting_is_just_a_field(tmp_path: Path) -> None:
    """The design promise: adding a field (with an optional check) is all it takes."""
    from game import settings as mod

    @dataclasses.dataclass(frozen=True, slots=True)
    class Extended:
        volume: float = mod.setting(0.8, valid=lambda v: 0.0 <= v <= 1.0)
        high_contrast: bool = mod.setting(False)

    hints = {"volume": float, "high_contrast": bool}
    for f in dataclasses.fields(Extended):
        assert mod._parse(hints[f.name], f.default) == f.default
        assert mod._is_valid(f, f.default)
    volume = dataclasses.fields(Extended)[0]
    assert not mod._is_valid(volume, 2.0)


@hyp_settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.dictionaries(
        st.sampled_from(["text_scale", "fullscreen", "language", "window_size", "other"]),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=6),
            lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=3), kids, max_size=2),
            max_leaves=6,
        ),
    )
)
def test_any_json_loads_to_valid_settings(tmp_path: Path, raw: dict) -> None:
    write(tmp_path, json.dumps(raw))
    loaded = load_settings(tmp_path)
    assert isinstance(loaded, Settings)
    assert loaded.text_scale in TEXT_SCALES
    assert dataclasses.replace(loaded) == loaded  # passes its own validation
