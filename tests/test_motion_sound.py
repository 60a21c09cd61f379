"""Text speed, auto-advance, reduced motion, sound levels and captions, driven through the real game: the title screen,
the world and the dialogue box, with key presses and frames stepped on a fixed clock."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pygame
import pytest

from game.content import load_content
from game.paths import project_root
from game.session import Session, spawn_point
from game.settings import Settings
from game.story.model import Line
from game.story.runner import Menu, Say
from game.strings import UI_KEYS
from game.ui.app import App
from game.ui.audio import Audio
from game.ui.context import Context
from game.ui.dialogue import CHARS_PER_SECOND, CHOICE_GUARD, DialogueScreen
from game.ui.world import STEP_SECONDS, TALK_PAUSE, WorldScreen

ROOT = project_root()
DT = 1 / 60



class FakeAudio(Audio):
    """The real Audio up to the moment a sound would leave the game: what would be heard, and how loud, is recorded."""

    def __init__(self) -> None:
        super().__init__(ROOT / "assets" / "sound", 0.8)
        self.heard: list[tuple[str, float]] = []

    def _output(self, name: str, level: float) -> None:
        self.heard.append((name, level))


def make_ctx(content, display, data_dir: Path, **settings) -> Context:
    ctx = Context.create(ROOT, content, Settings(**settings), data_dir)
    ctx.display = display
    return ctx


def at_node(content, display, data_dir: Path, node: str, audio: Audio | None = None, visits=(), **settings) -> App:
    """The world of ``node``'s scene with that conversation open, as a save taken in it reopens: the first frame
    drawn already shows the dialogue. (Not through the title's "New game": a chapter may open with a content note.)"""
    ctx = make_ctx(content, display, data_dir, **settings)
    ctx.audio = audio
    session = Session.new(content, data_dir)
    session.state.position = None
    session.world = spawn_point(content, node.split(".")[0])
    for visited in visits:
        session.state.visits[visited] = 1
    session.runner.begin(node)
    app = App(ctx, WorldScreen(ctx, session), display)
    app.step([], DT)  # the world reopens the conversation and draws its first frame
    assert isinstance(app.top, DialogueScreen) and app.frames_drawn == 1
    return app


def key(app: App, code: int) -> None:
    app.step([pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0),
              pygame.event.Event(pygame.KEYUP, key=code, mod=0, unicode="", scancode=0)], DT)


def to_the_world(app: App, limit: int = 400) -> None:
    """Space through the lines; at a choice wait out its first moment and take the first option. Bounded, so a screen
    that stops taking Space fails the test instead of hanging the run."""
    for _ in range(limit):
        if not isinstance(app.top, DialogueScreen):
            return
        if isinstance(app.top.step, Menu):
            for _ in range(round(CHOICE_GUARD / DT) + 1):
                app.step([], DT)
            key(app, pygame.K_1)
        else:
            key(app, pygame.K_SPACE)
    raise AssertionError(f"still in the dialogue after {limit} presses")


def frames_until_typed(app: App, limit: int = 5000) -> int:
    screen = app.top
    for n in range(limit):
        if not screen.typing():
            return n
        app.step([], DT)
    raise AssertionError("the line never finished typing")


# --- text speed ----------------------------------------------------------------------------------------------------
def test_instant_shows_the_whole_line_on_its_first_frame(content, display, tmp_path):
    app = at_node(content, display, tmp_path / "a", "home.amma_tired", text_speed="instant")
    screen = app.top
    assert not screen.typing() and screen.shown() == screen._page_chars() > 20
    assert not app.animating()  # nothing left to move: the loop sleeps
    first_frame = app.surface.copy()
    # The same line at normal speed, after a key press completes it, looks exactly the same.
    typed = at_node(content, display, tmp_path / "b", "home.amma_tired")
    assert typed.top.typing()
    key(typed, pygame.K_SPACE)
    assert not typed.top.typing()
    assert typed.top.step.id == screen.step.id
    assert pygame.image.tobytes(typed.surface, "RGB") == pygame.image.tobytes(first_frame, "RGB")


def test_slow_takes_longer_than_normal_and_normal_longer_than_fast(content, display, tmp_path):
    taken = {}
    for speed in ("slow", "normal", "fast", "instant"):
        app = at_node(content, display, tmp_path / speed, "home.amma_tired", text_speed=speed)
        chars = app.top._page_chars()
        taken[speed] = frames_until_typed(app)
        if speed != "instant":
            assert taken[speed] == pytest.approx(chars / CHARS_PER_SECOND[speed] * 60, abs=2)
    assert taken["slow"] > taken["normal"] > taken["fast"] > taken["instant"] == 0


def test_a_key_still_completes_a_line_and_a_speed_change_applies_to_the_line_on_screen(content, display, tmp_path):
    app = at_node(content, display, tmp_path, "home.amma_tired", text_speed="slow")
    for _ in range(5):
        app.step([], DT)
    screen = app.top
    first = screen.step.id
    assert 0 < screen.shown() < screen._page_chars()
    app.ctx.update_settings(text_speed="instant")  # as the break screen would
    assert not screen.typing()
    app.ctx.update_settings(text_speed="slow")
    screen.revealed = 0.0
    key(app, pygame.K_SPACE)  # completes the line, does not skip it
    assert not screen.typing() and screen.step.id == first


# --- reduced motion ------------------------------------------------------------------------------------------------
def test_reduced_motion_has_no_typewriter(content, display, tmp_path):
    app = at_node(content, display, tmp_path, "home.amma_tired", text_speed="slow", reduced_motion=True)
    assert not app.top.typing() and app.top.shown() == app.top._page_chars()
    assert not app.animating()


def _walk_one_tile(app: App) -> list[bytes]:
    """Press right (or left) once; the frames drawn while the step lasts."""
    world = app.top
    x, y = world.tile
    code = pygame.K_RIGHT if not world.blocked(x + 1, y) else pygame.K_LEFT
    shots = []
    app.step([pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0)], DT)
    app.step([pygame.event.Event(pygame.KEYUP, key=code, mod=0, unicode="", scancode=0)], DT)
    assert world.move_from is not None
    while world.move_from is not None:
        shots.append(pygame.image.tobytes(app.surface, "RGB"))
        app.step([], DT)
    assert world.tile != (x, y)
    return shots


@pytest.mark.parametrize("reduced", [False, True])
def test_walking_slides_only_without_reduced_motion(content, display, tmp_path, reduced):
    app = at_node(content, display, tmp_path, "home.amma_tired", text_speed="instant", reduced_motion=reduced)
    to_the_world(app)
    world = app.top
    assert isinstance(world, WorldScreen)
    app.step([], DT)
    steps = _walk_one_tile(app)
    assert len(steps) >= STEP_SECONDS * 60 - 3  # the step takes as long either way: same pace, same control
    different = len(set(steps))
    if reduced:
        # Tile to tile: every frame of the step is the same picture (no slide, no walking frames, no scrolling).
        assert different == 1
        t = world.view.tile
        assert world.player_px() == (world.tile[0] * t, world.tile[1] * t)
    else:
        assert different > 3


def test_nothing_moves_with_reduced_motion_once_a_screen_is_up(content, display, tmp_path):
    """No screen transitions or shakes: each screen is whole on its first frame and then nothing animates."""
    app = at_node(content, display, tmp_path, "home.amma_tired", reduced_motion=True)
    for _ in range(400):
        if not isinstance(app.top, DialogueScreen):
            break
        assert not app.animating()
        before = pygame.image.tobytes(app.surface, "RGB")
        app.step([], DT)
        app.draw()
        assert pygame.image.tobytes(app.surface, "RGB") == before
        key(app, pygame.K_SPACE)
    assert isinstance(app.top, WorldScreen)
    # The world ticks for a moment in which Space starts no new talk (TALK_PAUSE), but nothing on it moves.
    app.draw()
    before = pygame.image.tobytes(app.surface, "RGB")
    for _ in range(round(TALK_PAUSE / DT) + 1):
        app.step([], DT)
    app.draw()
    assert pygame.image.tobytes(app.surface, "RGB") == before and not app.animating()


# --- auto-advance --------------------------------------------------------------------------------------------------
def test_auto_advance_is_off_by_default_and_then_nothing_moves(content, display, tmp_path):
    app = at_node(content, display, tmp_path, "home.amma_tired")
    frames_until_typed(app)
    line = app.top.step
    assert not Settings().auto_advance and not app.animating()  # idle: the loop sleeps, no CPU
    for _ in range(600):
        app.step([], 1.0)  # ten minutes
    assert app.top.step is line


def test_auto_advance_moves_a_line_on_after_a_reading_pause(content, display, tmp_path):
    app = at_node(content, display, tmp_path, "home.amma_tired", auto_advance=True, text_speed="fast")
    screen = app.top
    first = screen.step
    typed = frames_until_typed(app)
    pause = screen.reading_pause()
    assert pause >= 3.0 and pause == pytest.approx(max(3.0, 1.5 + 0.06 * screen._page_chars()))
    assert app.animating()  # waiting needs frames
    for _ in range(int(pause * 60) - 2):
        app.step([], DT)
    assert screen.step is first, "moved on before the reading pause was over"
    for _ in range(4):
        app.step([], DT)
    assert screen.step is not first or not isinstance(app.top, DialogueScreen)
    assert typed > 0


def test_auto_advance_never_moves_past_a_choice(content, display, tmp_path):
    app = at_node(content, display, tmp_path, "home.meera", auto_advance=True)
    screen = app.top
    seen = []
    for _ in range(60 * 60):  # a minute at most: the lines before the choice go by themselves
        if isinstance(screen.step, Menu):
            break
        if isinstance(screen.step, Say) and (not seen or seen[-1] != screen.step.id):
            seen.append(screen.step.id)
        app.step([], DT)
    assert seen == ["home.meera.m1", "home.meera.m2"]
    menu = screen.step
    assert isinstance(menu, Menu)
    for _ in range(round(CHOICE_GUARD / DT) + 1):  # the choice's first moment, which takes no pick
        app.step([], DT)
    assert not app.animating()  # nothing is counting down
    for _ in range(10 * 60 * 60):  # ten minutes of frames
        app.step([], DT)
    assert app.top is screen and screen.step is menu
    key(app, pygame.K_1)  # the student chooses when ready
    assert screen.step is not menu


# --- sound ---------------------------------------------------------------------------------------------------------
def _walk_about(app: App) -> None:
    for code in (pygame.K_RIGHT, pygame.K_DOWN, pygame.K_LEFT, pygame.K_UP) * 2:
        key(app, code)
        for _ in range(15):
            app.step([], DT)


def test_volume_and_mute_reach_the_audio_at_once(content, display, tmp_path):
    audio = FakeAudio()
    app = at_node(content, display, tmp_path, "home.amma_tired", audio=audio)
    key(app, pygame.K_SPACE)  # completes the line
    key(app, pygame.K_SPACE)  # goes on: the page turns
    assert audio.heard == [("page", 0.8)]
    to_the_world(app)
    del audio.heard[1:]
    world = app.top
    assert isinstance(world, WorldScreen)
    app.ctx.update_settings(volume=0.3)  # as the settings screen does
    _walk_about(app)
    assert world.step_count >= 4
    assert "step" in {name for name, _ in audio.heard[1:]}  # every other tile (and a door, if one was on the way)
    assert {level for _, level in audio.heard[1:]} == {0.3}  # at the new volume
    app.ctx.update_settings(muted=True)
    heard, walked = len(audio.heard), world.step_count
    _walk_about(app)
    assert world.step_count >= walked + 4
    assert len(audio.heard) == heard  # muted: nothing at all
    assert audio.effects_level == 0.0
    app.ctx.update_settings(muted=False, volume=0.0)
    app.ctx.play_sound("select")
    assert len(audio.heard) == heard  # volume 0 is silence too
    app.ctx.update_settings(volume=1.0)
    app.ctx.play_sound("select")
    assert audio.heard[-1] == ("select", 1.0)


def test_a_lines_sound_is_played_at_the_current_volume(content, display, tmp_path):
    audio = FakeAudio()
    at_node(content, display, tmp_path, "neighbourhood.doorbell", audio=audio, visits=["neighbourhood.voices"],
            volume=0.5)
    assert audio.heard == [("doorbell", 0.5)]


def test_music_volume_is_ready_and_follows_the_settings(content, display, tmp_path):
    """There is no music yet; the audio layer keeps a music level that follows the setting and mute at once."""
    audio = FakeAudio()
    app = at_node(content, display, tmp_path, "home.amma_tired", audio=audio, music_volume=0.4)
    app.ctx.play_sound("select")  # every sound brings the settings of the moment
    assert audio.music_level == 0.4
    app.ctx.update_settings(music_volume=0.1)
    assert audio.music_level == 0.1
    app.ctx.update_settings(muted=True)
    assert audio.music_level == 0.0 and audio.effects_level == 0.0
    audio.play_music("theme")  # muted: remembered, not started, no error without a file
    assert not audio._music_started


def test_loaded_sounds_follow_a_volume_change_with_the_dummy_driver(content, display, tmp_path):
    pygame.mixer.quit()
    try:
        pygame.mixer.init(frequency=22050, size=-16, channels=1, buffer=512)
    except pygame.error as exc:
        pytest.skip(f"no dummy audio device here: {exc}")
    pygame.mixer.quit()
    try:
        audio = Audio.create(ROOT / "assets" / "sound", 0.8)
        ctx = make_ctx(content, display, tmp_path)
        ctx.audio = audio
        ctx.play_sound("select")
        select = audio._sounds["select"]
        assert select.get_volume() == pytest.approx(0.8, abs=0.01)
        ctx.update_settings(volume=0.25)
        assert select.get_volume() == pytest.approx(0.25, abs=0.01)
        ctx.update_settings(muted=True)
        assert select.get_volume() == 0.0
    finally:
        pygame.mixer.quit()


# --- captions ------------------------------------------------------------------------------------------------------
def _line_sounds(content) -> set[str]:
    return {step.sound for scene in content.story.scenes.values() for node in scene.nodes.values()
            for step in node.steps if isinstance(step, Line) and step.sound}


@pytest.mark.parametrize("lang", ["en", "hi", "es", "bn"])
def test_every_sound_a_line_plays_has_a_caption(content, lang):
    sounds = _line_sounds(content)
    assert {"doorbell", "knock", "voices", "door", "bell_school"} <= sounds
    strings = content.strings if lang == "en" else load_content(ROOT, lang)[0].strings
    for sound in sounds:
        key_ = f"captions.{sound}"
        assert key_ in UI_KEYS
        caption = strings.get(key_)
        assert caption != key_ and caption.startswith("[") and caption.endswith("]"), (lang, sound, caption)
    assert strings.get("captions.other_sound") != "captions.other_sound"


def _region(app: App, rect: pygame.Rect) -> bytes:
    return pygame.image.tobytes(app.surface.subsurface(rect), "RGB")


def test_the_doorbell_shows_its_caption_and_not_when_captions_are_off(content, display, tmp_path):
    app = at_node(content, display, tmp_path, "neighbourhood.doorbell", visits=["neighbourhood.voices"])
    screen = app.top
    screen._finish_stage()  # Ravi and Meera walk up to the door first (a staged scene): there now
    assert screen.step.sound == "doorbell"
    assert screen.caption() == "[the doorbell rings]"
    app.draw()
    tag, lines = screen.caption_rect()
    assert lines == ["[the doorbell rings]"] and tag.bottom > screen.box.y  # sits on the box's top edge
    with_caption = _region(app, tag)
    # The tag is drawn: its pixels are the panel's paper and ink, not the world behind.
    ink = app.surface.map_rgb(app.ctx.theme.ink)
    assert any(app.surface.get_at_mapped((x, tag.centery)) == ink for x in range(tag.x, tag.right))
    # Turned off (from the break screen): gone at once, the world shows there again.
    app.ctx.update_settings(captions=False)
    assert screen.caption() is None
    app.draw()
    without = _region(app, tag)
    assert without != with_caption
    above_box = tag.clip(pygame.Rect(0, 0, tag.right, screen.box.y))
    assert _region(app, above_box) == pygame.image.tobytes(screen._snapshot.subsurface(above_box), "RGB")
    # On again, then the next line (no sound): the caption belongs to the line that played it.
    app.ctx.update_settings(captions=True)
    key(app, pygame.K_SPACE)
    key(app, pygame.K_SPACE)
    assert screen.step.id == "neighbourhood.doorbell.d2" and screen.caption() is None


def test_captions_are_off_means_never_shown(content, display, tmp_path):
    app = at_node(content, display, tmp_path, "neighbourhood.knock", captions=False)
    assert app.top.step.sound == "knock" and app.top.caption() is None


def test_a_sound_with_no_caption_of_its_own_still_shows_one(content, display, tmp_path):
    app = at_node(content, display, tmp_path, "neighbourhood.knock")
    screen = app.top
    screen.last_say = screen.step = replace(screen.step, sound="rain")  # a sound a facilitator added
    assert screen.caption() == "[a sound]"


def test_caption_and_name_never_overlap_at_200_percent(content, display, tmp_path):
    hi = load_content(ROOT, "hi")[0]
    app = at_node(hi, display, tmp_path, "neighbourhood.knock", text_scale=2.0)
    screen = app.top
    screen.last_say = screen.step = replace(screen.step, speaker="meera", face="worried")
    screen._layout_key = None
    app.draw()
    name_tag = screen._draw_name(app.surface, "meera")
    tag, _ = screen.caption_rect(name_tag)
    assert not tag.colliderect(name_tag)
    assert app.surface.get_rect().contains(tag)


# --- read-aloud text -----------------------------------------------------------------------------------------------
def test_speech_text_of_a_line_a_choice_and_the_world_hint(content, display, tmp_path):
    app = at_node(content, display, tmp_path, "home.meera", text_speed="instant")
    screen = app.top
    assert screen.speech_text() == "Meera: Don't come in here with those feet. I just swept."
    key(app, pygame.K_SPACE)
    key(app, pygame.K_SPACE)
    assert isinstance(screen.step, Menu)
    said = screen.speech_text().split("\n")
    assert said[0] == "Meera: " + screen.last_say.text  # as it was said: read-aloud goes on with the options only
    assert said[0].startswith("Meera: I have a science test tomorrow")
    assert len(said) == 1 + len(screen.step.options)
    for i, (spoken, option) in enumerate(zip(said[1:], screen.step.options), 1):
        assert spoken == f"{i}. {option.text}"  # numbered as on screen
    for _ in range(round(CHOICE_GUARD / DT) + 1):  # the student listens to the options before choosing
        app.step([], DT)
    key(app, pygame.K_1)
    to_the_world(app)
    world = app.top
    assert isinstance(world, WorldScreen)
    meera = next(n for n in world.npcs if n.character == "meera")
    facing = {(1, 0): "left", (-1, 0): "right", (0, 1): "up", (0, -1): "down"}
    beside = next((meera.tile[0] + dx, meera.tile[1] + dy) for dx, dy in facing
                  if not world.blocked(meera.tile[0] + dx, meera.tile[1] + dy))
    world.tile = beside
    world.facing = facing[(beside[0] - meera.tile[0], beside[1] - meera.tile[1])]
    goal = world.goal.speech_text()
    assert goal and goal.startswith("Goal: ")  # what to do next comes first, as it heads the screen
    assert world.speech_text() == goal + "\n" + app.ctx.t("world.talk_hint", name="Meera", confirm="Space")
    assert world.speech_text().endswith("\nSpace or click: talk to Meera")
    world.tile = (0, 0)
    world.step_count = 1
    assert world.speech_text() == goal  # no hint on screen: only the goal is said
