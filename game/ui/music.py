"""Which music plays where: the calm loop of the chapter the player is in (assets/music/<chapter id>.ogg, made by
tools/make_music.py), the home loop on the title, and none at all in a class session unless the teacher turned it on
(a lab of thirty PCs playing at once is noise; `classroom new --music` or the teacher's menu turns it on).

The volume and mute are the player's settings, which game/ui/audio.py follows at once; a missing file is silence.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pygame

from game.content import Content
from game.save import MAX_SAVE_BYTES, SAVE_NAME
from game.session import Session

TITLE_TRACK = "home"
TITLE_DELAY_MS = 400  # the title's music starts after its first frame: opening the sound device must not slow start-up


@cache
def title_music_event() -> int:
    """The event type of the title's delayed start of the music (allocated once, on first use, not at import)."""
    return pygame.event.custom_type()


def track_for(content: Content, session: Session, scene: str) -> str | None:
    """The loop for ``scene``: its chapter's, or None (silence) in a class session without music."""
    link = session.classroom
    if link is not None and not link.session.music:
        return None
    chapter = content.chapter_of(scene)
    return chapter.id if chapter is not None else None


def title_track(data_dir: Path) -> str | None:
    """The title's loop, unless this PC's play-through belongs to a class (then the lab stays quiet until the
    teacher's session says otherwise). Reads the autosave without judging it: the title's Continue does that."""
    path = Path(data_dir) / SAVE_NAME
    try:
        if path.stat().st_size > MAX_SAVE_BYTES:
            return TITLE_TRACK
        doc = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return TITLE_TRACK  # no save (or none readable): a solo start
    return None if isinstance(doc, dict) and doc.get("classroom") else TITLE_TRACK
