"""Act tags on options: read into the model, checked against model.ACT_TAGS with a position and a suggestion."""

from game.story.acts import format_spread, spread
from game.story.model import ACT_TAGS

H = "dialogue/en/home.yaml"

HOME = """
scene: home
title: Home
nodes:
  arrive:
    - id: pick
      label: "At the door"
      choose:
        - id: open
          tag: practical_help
          text: Open
        - id: wait
          tag: staying_quiet
          text: Wait
"""


def test_a_tag_is_read_into_the_option(story_from) -> None:
    options = story_from({"home.yaml": HOME}).scenes["home"].nodes["arrive"].steps[0].options
    assert [o.tag for o in options] == ["practical_help", "staying_quiet"]


def test_an_unknown_tag_is_an_error_at_the_tag_with_a_suggestion(problems_of) -> None:
    assert problems_of({"home.yaml": HOME.replace("tag: staying_quiet", "tag: stayng_quiet")}) == [
        f"{H}:12:16: error: unknown tag 'stayng_quiet' (did you mean 'staying_quiet'?)"]


def test_a_tag_nothing_like_a_known_one_lists_them_all(problems_of) -> None:
    assert problems_of({"home.yaml": HOME.replace("tag: staying_quiet", "tag: heroic")}) == [
        f"{H}:12:16: error: unknown tag 'heroic' (known tags: {', '.join(ACT_TAGS)})"]


def test_untagged_options_are_allowed_but_a_half_tagged_choice_is_a_warning(problems_of) -> None:
    assert problems_of({"home.yaml": HOME.replace("          tag: practical_help\n", "").replace(
        "          tag: staying_quiet\n", "")}) == []
    assert problems_of({"home.yaml": HOME.replace("          tag: staying_quiet\n", "")}) == [
        f"{H}:11:11: warning: this option has no 'tag' though others in its choice have one "
        f"(add one of: {', '.join(ACT_TAGS)})"]


def test_the_spread_counts_kinds_by_position_and_where_the_first_active_option_stands(story_from) -> None:
    story = story_from({"home.yaml": HOME})
    s = spread([story.scenes["home"].nodes["arrive"].steps[0]])
    assert s.decisions == s.mixed == 1
    assert s.at["practical_help"][1] == 1 and s.at["staying_quiet"][2] == 1
    assert s.first_active == {1: 1} and s.last_active == 0
    lines = format_spread("chapter 'home'", s)
    assert lines[0] == "chapter 'home': kinds of act by position (1 decisions)"
    assert lines[-1].endswith("1: 1; last option active in 0")
