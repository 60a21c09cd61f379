"""How long a chapter takes to play, from how much a student reads in it: the guide's lesson plan gives each chapter
the play time its length asks for (School has nearly twice Home's text), not one number for all.

A student reads the lines of one path, not the whole chapter. Seeded random playthroughs (the same walks the path
search uses, game.story.paths) count the words of the distinct lines and options each one meets; the median is the
chapter's reading. Pure Python: no pygame, no files.
"""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Iterable

from game.story.model import Story
from game.story.runner import Ended, Menu, Note, Runner, RunnerError, Say
from game.story.state import State

# 12-13-year-olds reading on screen, often in a second language, walking between people and choosing as they go: about
# 90 words a minute (silent reading in a first language is faster; this is play, and a pair shares one screen).
WORDS_PER_MINUTE = 90
WALKS = 60  # enough for a steady median; each walk is a few milliseconds
MAX_STEPS = 3_000


def words_read(story: Story, entries: Iterable[str], intro: str | None, walks: int = WALKS, seed: int = 7) -> int:
    """The median number of words a student reads in one playthrough of a chapter (lines and options, each once)."""
    rng = random.Random(seed)
    order = sorted(set(entries))
    totals = []
    for _ in range(walks):
        state = State.new(story)
        runner = Runner(story, state, lambda _id, text: text)
        seen: dict[str, int] = {}
        try:
            if intro is not None:
                runner.begin(intro)
            for _step in range(MAX_STEPS):
                step = runner.current()
                if isinstance(step, Ended):
                    break
                if isinstance(step, Say):
                    seen.setdefault(step.text, len(step.text.split()))
                    runner.advance()
                elif isinstance(step, Note):
                    runner.advance()
                elif isinstance(step, Menu) and step.options:
                    for option in step.options:
                        seen.setdefault(option.text, len(option.text.split()))
                    runner.choose(rng.randrange(len(step.options)))
                elif order:
                    runner.begin(rng.choice(order))
                else:
                    break
        except (RunnerError, KeyError, TypeError, ValueError):
            pass  # `check` reports a story that cannot go on; here it only ends this walk early
        totals.append(sum(seen.values()))
    return int(statistics.median(totals)) if totals else 0


def play_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


__all__ = ["WORDS_PER_MINUTE", "words_read", "play_minutes"]
