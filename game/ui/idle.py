"""The idle animation of people standing on the map: now and then a breath or a blink, never all at once.

It must not cost the sleeping loop its sleep. So there is no frame-by-frame animation: a one-shot timer wakes the
world screen every IDLE_MS while it is the screen in front and motion is allowed, the clock moves one tick, and the
world redraws once if someone's pose changed. Under another screen (a conversation, the break screen) the tick goes
to that screen and is lost; the world notices the lapse and sets no more timers until it is in front again. With
reduced motion the timer is never set and everyone stands still.
"""

from __future__ import annotations

from functools import cache

import pygame

IDLE_MS = 600  # one pose change at most every 0.6 s: calm to look at, one cheap redraw for the loop
BREATH_EVERY = 4  # ticks: a breath out lasts one tick in four (0.6 s of every 2.4 s)
BLINK_EVERY = 11  # ticks: a blink now and then, on a different beat from the breath


@cache
def idle_event() -> int:
    """The event type of the idle timer (allocated once, on first use, not at import)."""
    return pygame.event.custom_type()


def pose(tick: int, who: int) -> str | None:
    """The pose of person number ``who`` at ``tick``: None (standing), 'breathe' or 'blink'. Each person is offset, so
    a room breathes out of step, as people do."""
    phase = tick + 5 * who
    if phase % BLINK_EVERY == 0:
        return "blink"
    if phase % BREATH_EVERY == BREATH_EVERY // 2:
        return "breathe"
    return None


class IdleClock:
    """The tick counter and its timer, for one world screen."""

    def __init__(self) -> None:
        self.tick = 0
        self._due: int | None = None  # when the armed timer will fire (pygame ticks, ms)
        self.covered = False  # a tick went to a screen in front of the world: wait until the world is in front again

    def arm(self, now_ms: int) -> None:
        """Make sure a tick is coming (called as the world draws itself, which it also does under a see-through
        screen such as the break screen). A tick overdue by a whole period went to the screen in front: stop until
        :meth:`uncover`."""
        if self.covered:
            return
        if self._due is None:
            pygame.time.set_timer(idle_event(), IDLE_MS, loops=1)
            self._due = now_ms + IDLE_MS
        elif now_ms > self._due + IDLE_MS:
            self.covered = True
            self._due = None

    def fired(self) -> None:
        self.tick += 1
        self._due = None
        self.covered = False

    def uncover(self) -> None:
        """The world is in front again (the screen above it closed, or it got input)."""
        self.covered = False

    def stop(self) -> None:
        if self._due is not None:
            pygame.time.set_timer(idle_event(), 0)
            self._due = None
