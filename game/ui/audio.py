"""Sound effects: short sounds from assets/sound/ (made by tools/make_sound.py), played on request by the screens.

Nothing happens at start-up: the mixer is opened on the first sound that is actually played (and not at all while the
volume is 0), and each sound is read from disk the first time it is needed. Many lab PCs have no sound device or a
broken one; then the mixer fails to open and every call quietly does nothing. No method here ever raises.

pygame is imported only when a sound is played, so ``game check`` can validate names with :meth:`Audio.known`
(or :data:`SOUNDS`) without it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pygame

# The effects the code itself asks for; tools/make_sound.py writes one <name>.wav for each. Dialogue may name any other
# assets/sound/<name>.wav a facilitator adds (the checker makes sure the file exists).
SOUNDS: frozenset[str] = frozenset(
    {"doorbell", "door", "knock", "step", "select", "move", "page", "voices", "bell_school", "chime"})
_NAME = re.compile(r"[a-z][a-z0-9_]*")
MIXER = {"frequency": 22050, "size": -16, "channels": 1, "buffer": 512}


class Audio:
    def __init__(self, sound_dir: Path, volume: float) -> None:
        self.sound_dir = Path(sound_dir)
        self.volume = _clamp(volume)
        self._ready: bool | None = None  # None: mixer not tried yet; then whether it opened
        self._sounds: dict[str, pygame.mixer.Sound | None] = {}  # None: the file could not be loaded

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
                    pygame.mixer.init(**MIXER)
                self._ready = pygame.mixer.get_init() is not None
            except Exception:  # pygame.error (no device), NotImplementedError (built without the mixer), ...
                self._ready = False
        return self._ready

    def _sound(self, name: str) -> pygame.mixer.Sound | None:
        if name in self._sounds:
            return self._sounds[name]
        try:
            import pygame

            sound = pygame.mixer.Sound(str(self.sound_dir / f"{name}.wav"))
            sound.set_volume(self.volume)
        except Exception:  # missing or damaged file: that one sound stays silent
            sound = None
        self._sounds[name] = sound
        return sound

    def play(self, name: str) -> None:
        if self.volume <= 0.0 or not self.valid_name(name) or not self._open():
            return
        sound = self._sound(name)
        if sound is not None:
            try:
                sound.play()  # no free channel: simply not heard
            except Exception:
                pass

    def set_volume(self, volume: float) -> None:
        self.volume = _clamp(volume)
        for sound in self._sounds.values():
            if sound is not None:
                try:
                    sound.set_volume(self.volume)
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
