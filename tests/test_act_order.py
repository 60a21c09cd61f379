"""The shipped story: every option tagged, and no screen position is "the good one".

The order of options is authored (docs/dialogue-format.md, section 3.2). These tests hold it to what a student who
stops reading would exploit: pressing 1 (or Space, were anything pre-selected), or avoiding the last option because
the quiet answer always stands there. "Active" kinds are the five Ds and practical help (model.ACTIVE_ACTS).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content import load_content
from game.story.acts import choices_of, is_active, spread

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def content():
    loaded, problems, _ = load_content(ROOT)
    assert loaded is not None
    return loaded


def test_every_option_of_every_decision_has_a_kind_of_act(content) -> None:
    untagged = [o.id for c in choices_of(content.story, content.story.scenes) for o in c.options if o.tag is None]
    assert untagged == []


def test_no_position_holds_the_first_active_option_in_most_decisions(content) -> None:
    s = spread(choices_of(content.story, content.story.scenes))
    assert s.mixed >= 10  # the measure means something only over many decisions
    position, count = s.most_common_first()
    assert count * 2 <= s.mixed, f"the first active option stands at {position} in {count} of {s.mixed} decisions"
    # Option 1 (what a student mashing "1" gets) is an active one in at most half of the decisions.
    assert s.active_at[1] * 2 <= s.mixed


def test_no_chapter_always_puts_the_first_active_option_in_one_place(content) -> None:
    for chapter in content.chapters:
        s = spread(choices_of(content.story, chapter.scenes))
        if s.mixed < 3:
            continue
        position, count = s.most_common_first()
        # Per chapter at most three in five: a chapter whose decisions each have one quiet option among four or five
        # active ones cannot do better than that with only positions 1 and 2 to put the first active one in.
        assert count <= s.mixed * 3 // 5, (chapter.id, position, count, s.mixed)


def test_the_quiet_and_joining_options_do_not_all_stand_last(content) -> None:
    lasts = [not is_active(c.options[-1].tag) for c in choices_of(content.story, content.story.scenes)
             if len(c.options) > 1 and any(is_active(o.tag) for o in c.options)
             and not all(is_active(o.tag) for o in c.options)]
    assert sum(lasts) * 2 <= len(lasts)
