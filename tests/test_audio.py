"""Sound effects: the committed files are what tools/make_sound.py makes, they are soft and short, and the game's
Audio never gets in the way — silent when there is no sound device, lazy, and muted at volume 0."""

from __future__ import annotations

import cmath
import math
import re
import struct
import subprocess
import sys
import wave
from pathlib import Path
from types import SimpleNamespace

import pygame
import pytest

from game.ui.audio import SOUNDS, Audio

ROOT = Path(__file__).resolve().parent.parent
SOUND_DIR = ROOT / "assets" / "sound"
# The lengths the issue asks for, in seconds.
DURATIONS = {"doorbell": 1.2, "door": 0.7, "knock": 0.8, "step": 0.08, "select": 0.12, "move": 0.04, "page": 0.03,
             "voices": 2.5, "bell_school": 1.5, "chime": 1.5}


def read(name: str) -> tuple[wave._wave_params, list[float]]:
    with wave.open(str(SOUND_DIR / f"{name}.wav"), "rb") as w:
        params = w.getparams()
        frames = w.readframes(params.nframes)
    return params, [v / 32768 for v in struct.unpack(f"<{len(frames) // 2}h", frames)]


def db(x: float) -> float:
    return 20 * math.log10(x) if x > 0 else -math.inf


def rms(x: list[float]) -> float:
    return math.sqrt(sum(v * v for v in x) / len(x))


def test_make_sound_reproduces_the_committed_files(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "make_sound.py"), "--out", str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    made = {p.name for p in (tmp_path / "assets" / "sound").iterdir()}
    assert made == {f"{n}.wav" for n in SOUNDS} == {p.name for p in SOUND_DIR.glob("*.wav")}
    for name in sorted(made):
        assert (tmp_path / "assets" / "sound" / name).read_bytes() == (SOUND_DIR / name).read_bytes(), name


@pytest.mark.parametrize("name", sorted(DURATIONS))
def test_each_sound_is_short_soft_and_click_free(name: str) -> None:
    params, x = read(name)
    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, 22050)
    seconds = params.nframes / params.framerate
    assert abs(seconds - DURATIONS[name]) <= 0.1 * DURATIONS[name], seconds
    peak = db(max(abs(v) for v in x))
    assert -12.0 < peak < 0.0, peak
    # Faded in and out: no step at either end that would click.
    assert abs(x[0]) < 0.01 and abs(x[-1]) < 0.01


def test_quiet_sounds_are_quieter() -> None:
    level = {name: rms(read(name)[1]) for name in ("page", "move", "step", "select")}
    assert level["page"] < level["move"] < level["select"]
    assert db(level["step"]) < -20  # played every other tile: it must stay in the background


def band_share_below(x: list[float], cutoff: float, rate: int = 22050, size: int = 512, frames: int = 6) -> float:
    """Share of the energy below ``cutoff`` Hz, from Hann-windowed DFTs of a few frames spread over the sound."""
    low = total = 0.0
    hann = [0.5 - 0.5 * math.cos(2 * math.pi * i / size) for i in range(size)]
    twiddle = [cmath.exp(-2j * math.pi * k / size) for k in range(size)]
    for f in range(frames):
        start = (len(x) - size) * (f + 1) // (frames + 1)
        seg = [v * w for v, w in zip(x[start:start + size], hann)]
        for k in range(1, size // 2):
            power = abs(sum(v * twiddle[(k * i) % size] for i, v in enumerate(seg))) ** 2
            total += power
            if k * rate / size < cutoff:
                low += power
    return low / total


def test_voices_through_the_wall_are_muffled() -> None:
    _, x = read("voices")
    assert band_share_below(x, 1000) > 0.95
    # No sudden shout: the loudest moment is not much louder than the murmur around it.
    assert db(max(abs(v) for v in x)) - db(rms(x)) < 20


def test_the_names_the_game_plays_are_all_known() -> None:
    used = set()
    for path in (ROOT / "game").rglob("*.py"):
        used |= set(re.findall(r"play_sound\(\"([a-z_]+)\"\)", path.read_text(encoding="utf-8")))
    assert used, "the screens play no sounds"
    assert {n for n in used if not Audio.known(n)} == set()
    assert not Audio.known("nope")


def test_context_without_audio_is_silent() -> None:
    from game.ui.context import Context

    Context.play_sound(SimpleNamespace(audio=None), "select")  # type: ignore[arg-type]


# --- the Audio class ---------------------------------------------------------------------------------------------
@pytest.fixture
def no_mixer():
    pygame.mixer.quit()
    yield
    pygame.mixer.quit()


def test_no_sound_device_means_silence(no_mixer, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args, **kwargs):
        raise pygame.error("No available audio device")

    def must_not_load(*args, **kwargs):
        raise AssertionError("a sound was loaded without a mixer")

    monkeypatch.setattr(pygame.mixer, "init", fail)
    monkeypatch.setattr(pygame.mixer, "Sound", must_not_load)
    audio = Audio.create(SOUND_DIR, 0.8)
    audio.play("select")
    audio.play("step")
    assert audio.enabled is False
    audio.set_volume(0.3)
    audio.stop_all()
    assert audio.loaded == frozenset()


def test_creating_audio_does_not_open_the_mixer(no_mixer) -> None:
    Audio.create(SOUND_DIR, 0.8)
    assert pygame.mixer.get_init() is None


@pytest.fixture
def mixer(no_mixer):
    try:
        pygame.mixer.init(frequency=22050, size=-16, channels=1, buffer=512)
    except pygame.error as exc:
        pytest.skip(f"no dummy audio device here: {exc}")
    pygame.mixer.quit()  # Audio opens it itself


def test_sounds_load_lazily_and_follow_the_volume(mixer) -> None:
    audio = Audio.create(SOUND_DIR, 0.8)
    assert audio.loaded == frozenset()
    audio.play("select")
    assert audio.enabled and audio.loaded == {"select"}
    select = audio._sounds["select"]
    assert select.get_volume() == pytest.approx(0.8, abs=0.01)
    audio.play("select")  # cached, not read again
    assert audio._sounds["select"] is select
    audio.set_volume(0.0)
    assert select.get_volume() == 0.0
    audio.play("step")  # muted: not even loaded
    assert audio.loaded == {"select"}
    audio.set_volume(0.5)
    audio.play("step")
    assert audio._sounds["step"].get_volume() == pytest.approx(0.5, abs=0.01)
    audio.stop_all()


def test_unknown_or_missing_sounds_are_ignored(mixer, tmp_path: Path) -> None:
    audio = Audio.create(SOUND_DIR, 0.8)
    audio.play("nope")
    audio.play("../assets/title")
    assert audio.loaded == frozenset()
    empty = Audio.create(tmp_path, 0.8)  # the sound folder is missing: no sound, no error
    empty.play("select")
    assert empty.loaded == frozenset()


def test_volume_zero_from_settings_never_opens_the_mixer(no_mixer) -> None:
    audio = Audio.create(SOUND_DIR, 0.0)
    for name in SOUNDS:
        audio.play(name)
    assert pygame.mixer.get_init() is None


# --- what the screens play -----------------------------------------------------------------------------------------
class Recorder(Audio):
    def __init__(self) -> None:
        super().__init__(SOUND_DIR, 0.8)
        self.played: list[str] = []

    def play(self, name: str) -> None:
        assert self.known(name), name
        self.played.append(name)


def test_screens_play_select_steps_door_and_page(display, tmp_path: Path) -> None:
    from game.content import load_content
    from game.settings import Settings
    from game.ui.app import App
    from game.ui.context import Context
    from game.ui.dialogue import DialogueScreen
    from game.ui.title import TitleScreen
    from game.ui.world import WorldScreen
    from game.world.pathfind import find_path

    content, problems, _ = load_content(ROOT)
    assert content is not None, [p.format() for p in problems]
    ctx = Context.create(ROOT, content, Settings(), tmp_path)
    ctx.display = display
    ctx.audio = audio = Recorder()
    app = App(ctx, TitleScreen(ctx), display)
    app.step([], 1 / 60)

    def press(key: int, settle: int) -> None:
        app.step([pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0),
                  pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0)], 1 / 60)
        for _ in range(settle):
            app.step([], 1 / 60)

    press(pygame.K_RETURN, 2)  # New game
    assert audio.played == ["select"]
    press(pygame.K_RETURN, 2)  # "Go on" on the chapter's content note
    assert audio.played == ["select", "select"]
    while isinstance(app.top, DialogueScreen):  # the chapter's opening lines
        app.top.revealed = 1e9
        press(pygame.K_SPACE, 1)
    assert isinstance(app.top, WorldScreen)
    del audio.played[1:]
    world = app.top
    door = next(o for o in world.info.objects if o.kind == "exit")
    path = find_path(world.blocked, world.info.width, world.info.height, world.tile, (door.rect[0], door.rect[1]))
    keys = {(0, -1): pygame.K_UP, (0, 1): pygame.K_DOWN, (-1, 0): pygame.K_LEFT, (1, 0): pygame.K_RIGHT}
    x, y = world.tile
    for nx, ny in path:
        press(keys[(nx - x, ny - y)], 14)
        x, y = nx, ny
    assert app.top.scene != "home"
    walked = audio.played[1:]
    assert walked[-1] == "door" and walked.count("door") == 1
    assert walked.count("step") == len(path) // 2  # every other tile, not every one
    # A conversation: each line advanced turns a page.
    world = app.top
    app.apply(world._dialogue(str(world.npcs[0].obj.props["node"])))
    assert isinstance(app.top, DialogueScreen)
    before = len(audio.played)
    for _ in range(4):
        if isinstance(app.top, DialogueScreen) and app.top.menu is None:
            app.top.revealed = 1e9  # the line has typed out
            press(pygame.K_SPACE, 1)
    assert "page" in audio.played[before:]
