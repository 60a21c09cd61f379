"""Sound effects: short sounds from assets/sound/ (made by tools/make_sound.py), played on request by the screens.

Nothing happens at start-up: the mixer is opened on the first sound that is actually played (and not at all while the
volume is 0 or the game is muted), and each sound is read from disk the first time it is needed.

The player's settings (effects volume, music volume, mute) reach this class through :meth:`Audio.apply`, which the
context calls just before every sound and whenever a setting changes, so a change is heard at once. Music (a loop
per chapter in assets/music/, made by tools/make_music.py; game/ui/music.py picks it) plays through
:meth:`Audio.play_music` at the music volume and follows it while playing.

Many lab PCs have no sound device or a broken one; then the mixer fails to open and every call quietly does nothing.
No method here ever raises.

pygame is imported only when a sound is played, so ``game check`` can validate names with :meth:`Audio.known`
(or :data:`SOUNDS`) without it.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pygame

    from game.settings import Settings

# The effects the code itself asks for; tools/make_sound.py writes one <name>.wav for each. Dialogue may name any other
# assets/sound/<name>.wav a facilitator adds (the checker makes sure the file exists).
# Captions: a sound a dialogue line plays is shown in words on the dialogue box (ui.yaml `captions.<name>`). The
# interface's own sounds (select, move, page, step, chime, and the door as the player walks through one) have none:
# each answers something the student just did or sees happen on screen.
SOUNDS: frozenset[str] = frozenset(
    {"doorbell", "door", "knock", "step", "select", "move", "page", "voices", "bell_school", "chime"})
_NAME = re.compile(r"[a-z][a-z0-9_]*")
MIXER = {"frequency": 22050, "size": -16, "channels": 1, "buffer": 512}


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """Silence what C libraries (SDL, ALSA, PulseAudio) write straight to file descriptor 2 while the mixer opens:
    an IT person reads eight ALSA errors as "broken". Python's own sys.stderr is untouched."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):  # no fd 2 at all (a windowed app): nothing to silence
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


class Audio:
    def __init__(self, sound_dir: Path, volume: float, music_volume: float = 0.6, muted: bool = False) -> None:
        self.sound_dir = Path(sound_dir)
        self.volume = _clamp(volume)  # sound effects
        self.music_volume = _clamp(music_volume)
        self.muted = bool(muted)
        self._ready: bool | None = None  # None: mixer not tried yet; then whether it opened
        self._sounds: dict[str, pygame.mixer.Sound | None] = {}  # None: the file could not be loaded
        self._music: str | None = None  # the music asked for (playing, or waiting for a volume above 0)
        self._music_started = False

    # --- the levels actually heard ------------------------------------------------------------------------------------
    @property
    def effects_level(self) -> float:
        return 0.0 if self.muted else self.volume

    @property
    def music_level(self) -> float:
        return 0.0 if self.muted else self.music_volume

    def apply(self, settings: Settings) -> None:
        """Take the volumes and mute from the player's settings as they are now; what is already loaded or playing
        follows at once. Cheap when nothing changed (it is called before every sound)."""
        levels = (_clamp(settings.volume), _clamp(settings.music_volume), bool(settings.muted))
        if levels == (self.volume, self.music_volume, self.muted):
            return
        self.volume, self.music_volume, self.muted = levels
        self._set_levels()

    @classmethod
    def create(cls, sound_dir: Path, volume: float) -> Audio:
        """Cheap: the mixer is opened on first use, so start-up does not wait for the sound device."""
        return cls(sound_dir, volume)

    @staticmethod
    def known(name: str) -> bool:
        return name in SOUNDS

    @staticmethod
    def valid_name(name: str) -> bool:
        # Only plain ids: a name from content can never point outside assets/sound.
        return bool(_NAME.fullmatch(name))

    @property
    def enabled(self) -> bool:
        """Whether sounds can be heard at all (opens the mixer if it has not been tried yet)."""
        return self._open()

    @property
    def loaded(self) -> frozenset[str]:
        return frozenset(name for name, sound in self._sounds.items() if sound is not None)

    def _open(self) -> bool:
        if self._ready is None:
            try:
                import pygame

                if pygame.mixer.get_init() is None:
                    with quiet_stderr():  # ALSA prints eight lines of errors on a PC with no sound card
                        pygame.mixer.init(**MIXER)
                self._ready = pygame.mixer.get_init() is not None
            except Exception:  # pygame.error (no device), NotImplementedError (built without the mixer), ...
                self._ready = False
            if not self._ready:
                print("Sound is off: no sound device was found. The game plays silently, with captions.",
                      file=sys.stderr)
        return self._ready

    def _sound(self, name: str) -> pygame.mixer.Sound | None:
        if name in self._sounds:
            return self._sounds[name]
        try:
            import pygame

            sound = pygame.mixer.Sound(str(self.sound_dir / f"{name}.wav"))
            sound.set_volume(self.effects_level)
        except Exception:  # missing or damaged file: that one sound stays silent
            sound = None
        self._sounds[name] = sound
        return sound

    def play(self, name: str) -> None:
        """Play one effect at the effects volume of this moment; nothing at all while muted or at volume 0."""
        level = self.effects_level
        if level <= 0.0 or not self.valid_name(name):
            return
        self._output(name, level)

    def _output(self, name: str, level: float) -> None:
        """Where a sound leaves the game (a test's fake Audio records ``name`` and ``level`` here instead)."""
        if not self._open():
            return
        sound = self._sound(name)
        if sound is not None:
            try:
                sound.set_volume(level)  # the level of now, even if the setting changed since the sound was loaded
                sound.play()  # no free channel: simply not heard
            except Exception:
                pass

    def set_volume(self, volume: float) -> None:
        self.volume = _clamp(volume)
        self._set_levels()

    def set_music_volume(self, volume: float) -> None:
        self.music_volume = _clamp(volume)
        self._set_levels()

    def set_muted(self, muted: bool) -> None:
        self.muted = bool(muted)
        self._set_levels()

    def _set_levels(self) -> None:
        for sound in self._sounds.values():
            if sound is not None:
                try:
                    sound.set_volume(self.effects_level)
                except Exception:
                    pass
        if self._music is None:
            return
        if not self._music_started:
            self._start_music()  # unmuted, or the music volume went up from 0: the waiting track begins
            return
        try:
            import pygame

            pygame.mixer.music.set_volume(self.music_level)
        except Exception:
            pass

    # --- music: a loop in assets/music/<name>.ogg (or .wav) -----------------------------------------------------
    def play_music(self, name: str) -> None:
        """Loop a music track at the music volume. Muted or at volume 0 it is remembered but not started (the mixer
        stays closed), and begins when the volume goes up; a missing file is silence."""
        if not self.valid_name(name) or name == self._music:
            return
        self.stop_music()
        self._music = name
        self._start_music()

    def _start_music(self) -> None:
        if self._music is None or self.music_level <= 0.0 or not self._open():
            return
        folder = self.sound_dir.parent / "music"
        path = next((p for ext in (".ogg", ".wav") if (p := folder / f"{self._music}{ext}").is_file()), None)
        if path is None:
            return
        try:
            import pygame

            pygame.mixer.music.load(str(path))
            pygame.mixer.music.set_volume(self.music_level)
            pygame.mixer.music.play(loops=-1)
            self._music_started = True
        except Exception:
            pass

    def stop_music(self) -> None:
        self._music = None
        if self._music_started:
            self._music_started = False
            try:
                import pygame

                pygame.mixer.music.stop()
            except Exception:
                pass

    def stop_all(self) -> None:
        if self._ready:
            try:
                import pygame

                pygame.mixer.stop()
            except Exception:
                pass


def _clamp(volume: float) -> float:
    try:
        v = float(volume)
    except (TypeError, ValueError):
        return 0.0
    return min(1.0, max(0.0, v)) if v == v else 0.0


__all__ = ["Audio", "SOUNDS"]
