"""Chapter music: a calm loop per chapter made by tools/make_music.py, played through the real mixer (dummy driver) at
the music volume, changing with the chapter, silent at volume 0 or muted, and quiet in a class session unless the
teacher turned it on."""

from __future__ import annotations

import array
import json
import math
import sys
from dataclasses import replace
from pathlib import Path

import pygame
import pytest

from game.classroom.folder import ClassFolder, ClassSession
from game.classroom.student import ClassLink
from game.cli import main
from game.paths import project_root
from game.session import Session, spawn_point
from game.settings import Settings
from game.ui.app import App
from game.ui.audio import MIXER, Audio
from game.ui.context import Context
from game.ui.music import TITLE_TRACK, title_music_event, title_track, track_for
from game.ui.title import TitleScreen
from game.ui.world import WorldScreen

ROOT = project_root()
MUSIC = ROOT / "assets" / "music"
DT = 1 / 60
sys.path.insert(0, str(ROOT / "tools"))
import make_music  # noqa: E402

PIECES = {p.name: p for p in make_music.PIECES}


@pytest.fixture(scope="module")
def mixer():
    """The real mixer in the game's format, on SDL's dummy audio driver."""
    if pygame.mixer.get_init() not in (None, (MIXER["frequency"], MIXER["size"], MIXER["channels"])):
        pygame.mixer.quit()
    pygame.mixer.init(**MIXER)
    yield
    pygame.mixer.music.stop()


def decoded(name: str) -> list[float]:
    raw = array.array("h", pygame.mixer.Sound(str(MUSIC / f"{name}.ogg")).get_raw())
    return [v / 32768 for v in raw]


def rms(x: list[float]) -> float:
    return math.sqrt(sum(v * v for v in x) / len(x))


# --- the files --------------------------------------------------------------------------------------------------------
def test_every_chapter_has_a_small_loop(content):
    assert {c.id for c in content.chapters} == set(PIECES) == {p.stem for p in MUSIC.glob("*.ogg")}
    assert TITLE_TRACK in PIECES
    for name in PIECES:
        assert (MUSIC / f"{name}.ogg").stat().st_size < 120_000, name  # small enough to ship and to load at once


@pytest.mark.parametrize("name", sorted(PIECES))
def test_each_loop_loads_is_calm_and_loops_without_a_seam(name, mixer):
    x = decoded(name)
    piece = PIECES[name]
    assert len(x) == round(piece.beats * 60 / piece.bpm * make_music.RATE)  # whole bars, no padding or gap
    assert 18 <= len(x) / make_music.RATE <= 30
    peak = max(abs(v) for v in x)
    assert -13 < 20 * math.log10(peak) < -7  # under the effects, which peak between -12 and 0 dBFS
    assert 20 * math.log10(rms(x)) < -18
    # Seamless: the jump from the last sample back to the first is no bigger than an ordinary step inside the loop.
    steps = sorted(abs(x[i + 1] - x[i]) for i in range(len(x) - 1))
    assert abs(x[0] - x[-1]) <= steps[int(0.99 * len(steps))]


def test_the_committed_loop_is_what_make_music_makes(mixer):
    """The synthesis is standard-library Python, the same everywhere; the committed file is its Vorbis encoding."""
    made = make_music.render(PIECES["school"])  # the shortest piece: a few seconds
    x = decoded("school")
    assert len(x) == len(made)
    dot = sum(a * b for a, b in zip(x, made))
    assert dot / math.sqrt(sum(a * a for a in x) * sum(b * b for b in made)) > 0.99


def test_the_ogg_serial_is_fixed_so_the_bytes_are_stable():
    for name in PIECES:
        data = (MUSIC / f"{name}.ogg").read_bytes()
        assert data[:4] == b"OggS" and int.from_bytes(data[14:18], "little") == make_music.SERIAL
        assert make_music.fix_serial(data) == data  # checksums already right


# --- playing -----------------------------------------------------------------------------------------------------------
def world_app(content, display, data_dir: Path, scene: str, classroom=None, **settings):
    ctx = Context.create(ROOT, content, Settings(**settings), data_dir)
    ctx.display = display
    ctx.audio = Audio.create(ROOT / "assets" / "sound", ctx.settings.volume)
    session = Session.new(content, data_dir, classroom=classroom)
    session.state.position = None
    session.world = spawn_point(content, scene)
    world = WorldScreen(ctx, session)
    app = App(ctx, world, display)
    app.step([], DT)
    return app, world


def test_each_chapter_plays_its_loop_and_follows_the_volume_at_once(content, display, tmp_path, mixer):
    app, world = world_app(content, display, tmp_path, "school", music_volume=0.5)
    audio = app.ctx.audio
    assert audio._music == "school" and pygame.mixer.music.get_busy()
    assert pygame.mixer.music.get_volume() == pytest.approx(0.5, abs=0.01)
    app.ctx.update_settings(music_volume=0.2)  # the settings screen does this: heard at once
    assert pygame.mixer.music.get_volume() == pytest.approx(0.2, abs=0.01)
    app.ctx.update_settings(music_volume=0.0)
    assert pygame.mixer.music.get_volume() == 0.0
    app.ctx.update_settings(music_volume=0.6, muted=True)
    assert pygame.mixer.music.get_volume() == 0.0
    app.ctx.update_settings(muted=False)
    assert pygame.mixer.music.get_volume() == pytest.approx(0.6, abs=0.01)
    # Another chapter's map: its own loop.
    world._change_map("neighbourhood", "default")
    assert audio._music == "neighbourhood" and pygame.mixer.music.get_busy()


def test_both_maps_of_a_chapter_share_one_loop_without_a_restart(content, display, tmp_path, mixer):
    app, world = world_app(content, display, tmp_path, "home")
    audio = app.ctx.audio
    assert audio._music == "home"
    started = []
    real = audio._start_music
    audio._start_music = lambda: (started.append(audio._music), real())
    world._change_map("lane", "default")
    assert audio._music == "home" and started == []  # the lane is chapter 1 too: the music simply goes on


def test_volume_zero_never_starts_the_music(content, display, tmp_path, mixer):
    pygame.mixer.music.stop()
    app, _ = world_app(content, display, tmp_path, "home", music_volume=0.0)
    assert not app.ctx.audio._music_started and not pygame.mixer.music.get_busy()
    app.ctx.update_settings(music_volume=0.3)  # turned up later: the waiting loop begins
    assert app.ctx.audio._music_started and pygame.mixer.music.get_busy()


# --- class sessions ------------------------------------------------------------------------------------------------------
def test_a_class_session_is_quiet_unless_the_teacher_turned_music_on(content, display, tmp_path, mixer):
    pygame.mixer.music.stop()  # the loop a test before left playing (the game has one Audio; the tests make many)
    folder = ClassFolder(tmp_path / "results")
    quiet = folder.create(chapters=("school",))
    assert quiet.music is False
    app, _ = world_app(content, display, tmp_path / "a", "school", ClassLink.join(folder, quiet, "en", ROOT))
    assert app.ctx.audio._music is None and not pygame.mixer.music.get_busy()
    loud = folder.create(chapters=("school",), music=True)
    app, _ = world_app(content, display, tmp_path / "b", "school", ClassLink.join(folder, loud, "en", ROOT))
    assert app.ctx.audio._music == "school" and pygame.mixer.music.get_busy()


def test_the_session_file_keeps_the_music_choice_and_refuses_anything_but_true_or_false():
    import time

    session = ClassSession("482913", "1b4e28ba-2fa1-11d2-883f-0016d3cca427", ("home",), created=time.time(),
                           music=True)
    assert ClassSession.from_json(session.to_json()).music is True
    old = session.to_json()
    del old["music"]  # a session written before there was music
    assert ClassSession.from_json(old).music is False
    with pytest.raises(ValueError):  # a hand-edited value is a damaged file, like any other field
        ClassSession.from_json({**session.to_json(), "music": "yes"})


def test_classroom_new_music_flag(tmp_path, capsys, monkeypatch):
    import io

    from game.classroom.pin import set_pin

    results = ["--results", str(tmp_path / "r"), "--data", str(tmp_path / "data")]
    set_pin(tmp_path / "data", "4821")  # `classroom new` signs the session with the key the PIN unlocks
    for flags, expected in (([], False), (["--music"], True)):
        monkeypatch.setattr("sys.stdin", io.StringIO("4821\n"))
        assert main(["classroom", "new", *flags, *results]) == 0
        out = capsys.readouterr().out
        code = out.split("join code: ")[1].split("\n")[0].replace(" ", "")
        assert ClassFolder(tmp_path / "r").session(code).music is expected
        assert f"music {'on' if expected else 'off'}" in out


def test_the_teachers_menu_offers_music_off_by_default(content, display, tmp_path):
    from game.ui.teacher_menu import TeacherMenuScreen

    ctx = Context.create(ROOT, content, Settings(), tmp_path / "data")
    ctx.display = display
    ctx.results_override = tmp_path / "results"
    menu = TeacherMenuScreen(ctx)
    label = menu.menu.labels[menu.items().index("music")]
    assert label == ctx.t("teacher.music", state=ctx.t("common.off"))
    menu.choose("music")
    assert menu.menu.labels[menu.items().index("music")] == ctx.t("teacher.music", state=ctx.t("common.on"))
    menu.choose("start")
    saved = json.loads(next((tmp_path / "results").glob("*/session.json")).read_text())
    assert saved["music"] is True


# --- the title --------------------------------------------------------------------------------------------------------
def test_the_title_starts_its_loop_after_the_first_frame(content, display, tmp_path, mixer):
    pygame.mixer.music.stop()
    ctx = Context.create(ROOT, content, Settings(), tmp_path)
    ctx.display = display
    ctx.audio = Audio.create(ROOT / "assets" / "sound", ctx.settings.volume)
    app = App(ctx, TitleScreen(ctx), display)
    app.step([], DT)
    assert ctx.audio._music is None  # the first frame does not wait for the sound device
    app.step([pygame.event.Event(title_music_event())], DT)
    assert ctx.audio._music == TITLE_TRACK and pygame.mixer.music.get_busy()


def test_the_title_stays_quiet_on_a_pc_that_plays_in_a_class(tmp_path):
    assert title_track(tmp_path) == TITLE_TRACK  # no save: a solo start
    (tmp_path / "autosave.json").write_text(json.dumps({"format": 1, "classroom": {"code": "482913"}}))
    assert title_track(tmp_path) is None
    (tmp_path / "autosave.json").write_bytes(b"\xff not json")
    assert title_track(tmp_path) == TITLE_TRACK  # unreadable: judged by Continue, not here


def test_track_for_follows_the_chapter_of_the_scene(content, tmp_path):
    session = Session.new(content, tmp_path)
    assert [track_for(content, session, s) for s in ("home", "lane", "school", "neighbourhood")] == \
        ["home", "home", "school", "neighbourhood"]
    assert track_for(content, session, "no_such_scene") is None
