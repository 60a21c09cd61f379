"""Path enumeration (game.story.paths): the shipped story, and small stories with known faults."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.story.loader import load_story
from game.story.paths import PathResult, explore, random_walks, scene_entries
from game.story.problems import has_errors
from tests.story.helpers import write_files

ROOT = Path(__file__).resolve().parent.parent

# Nodes the search shows no player can enter, each with the reason it is accepted. Empty: every node is reachable.
KNOWN_UNREACHABLE: set[str] = set()


@pytest.fixture(scope="module")
def shipped():
    from game.content import external_entries, load_content

    content, _problems, _ = load_content(ROOT, "en")
    if content is None:
        pytest.skip("the shipped content has errors (see test_check_cli / `main.py check`)")
    groups = [tuple(c.scenes) for c in getattr(content, "chapters", ())] or [tuple(content.story.scenes)]
    intros = [getattr(c, "intro", None) for c in getattr(content, "chapters", ())] or [None]
    placed = {s for g in groups for s in g}
    groups += [(s,) for s in content.story.scenes if s not in placed]
    intros += [None] * (len(groups) - len(intros))
    results = []
    carried: tuple = ()  # each chapter's playthroughs start where the previous chapter's ended
    for scenes, intro in zip(groups, intros):
        entries = scene_entries(content.story, external_entries(content.scenes), scenes)
        walks = random_walks(content.story, entries, intro=intro, walks=600, starts=carried)
        results.append((scenes, explore(content.story, entries, intro=intro), walks))
        carried = walks.finals or carried
    return content, results


def test_every_declared_ending_has_a_path(shipped):
    content, results = shipped
    for scenes, result, walks in results:
        found = result.reached_endings | walks.reached_endings
        declared = {e.full_id for s in scenes for e in content.story.scenes[s].endings.values()}
        assert declared - found == set(), (scenes, result.truncated)


def test_no_dead_ends(shipped):
    _content, results = shipped
    for _scenes, result, walks in results:
        assert result.dead_ends == () and walks.dead_ends == ()


def test_every_playthrough_of_every_chapter_reaches_an_ending(shipped):
    _content, results = shipped
    for scenes, _result, walks in results:
        if any(_content.story.scenes[s].endings for s in scenes):
            assert walks.unfinished == 0, f"{walks.unfinished} of {walks.walks} playthroughs of {scenes} never end"


def test_every_node_is_entered_on_some_path(shipped):
    content, results = shipped
    for scenes, result, walks in results:
        entered = PathResult(result.reached_nodes | walks.reached_nodes, frozenset(), (), 0, False)
        missing = set(entered.unreached_nodes(content.story, scenes)) - KNOWN_UNREACHABLE
        assert missing == set(), f"never entered by any path: {sorted(missing)}"


def test_search_fits_its_budget(shipped):
    _content, results = shipped
    for _scenes, result, walks in results:
        assert result.explored_states > 0 and walks.walks == 600
        assert isinstance(result, PathResult)


# --- small stories ----------------------------------------------------------------------------------------------
def story_of(tmp_path: Path, **files: str):
    write_files(tmp_path, {f"{name}.yaml": text for name, text in files.items()})
    story, problems, _ = load_story(tmp_path, "en")
    assert story is not None and not has_errors(problems), [p.format() for p in problems]
    return story


def test_a_node_nobody_can_reach_is_reported(tmp_path):
    story = story_of(tmp_path, s="""
        scene: s
        title: "S"
        nodes:
          begin:
            - id: a
              text: "Hello."
            - id: pick
              choose:
                - id: go
                  text: "Go on."
                  goto: next
                - id: stay
                  text: "Stay."
          next:
            - id: b
              text: "Next."
          orphan:
            - id: c
              text: "Nobody comes here."
    """)
    result = explore(story, scene_entries(story, ()))
    assert result.unreached_nodes(story) == ["s.orphan"]
    assert {"s.begin", "s.next"} <= result.reached_nodes
    assert result.dead_ends == () and not result.truncated
    assert "s.next" in result.talk_ends and "s.begin" in result.talk_ends


def test_an_ending_behind_an_impossible_condition_is_unreached(tmp_path):
    story = story_of(tmp_path, s="""
        scene: s
        title: "S"
        vars:
          brave: false
          score: 0
        endings:
          good:
            title: "Good"
            text: "Well done."
          plain:
            title: "Plain"
            text: "It ended."
        nodes:
          begin:
            - id: pick
              choose:
                - id: up
                  text: "Try."
                  do: "score += 1"
                - id: down
                  text: "Give up."
            - end: good
              if: "brave and score > 0"
            - end: plain
    """)
    result = explore(story, {"s.begin"})
    assert result.reached_endings == frozenset({"s.plain"})
    assert result.unreached_endings(story) == ["s.good"]


def test_a_variable_set_in_one_conversation_opens_an_option_in_another(tmp_path):
    story = story_of(tmp_path, a="""
        scene: a
        title: "A"
        vars:
          met: false
        endings:
          done:
            title: "Done"
            text: "Done."
        nodes:
          first:
            - id: l1
              text: "Hi."
            - do: "met = true"
          second:
            - id: ask
              choose:
                - id: yes
                  text: "We met."
                  if: "met"
                  goto: finish
                - id: no
                  text: "Who are you?"
          finish:
            - end: done
    """, b="""
        scene: b
        title: "B"
        nodes:
          elsewhere:
            - id: l1
              text: "In the other scene, {met}."
    """)
    alone = explore(story, {"a.second"})
    assert alone.reached_endings == frozenset() and "a.finish" not in alone.reached_nodes
    walking = explore(story, {"a.first", "a.second", "b.elsewhere"})
    assert walking.reached_endings == frozenset({"a.done"})
    assert walking.unreached_nodes(story) == []


def test_a_silent_loop_is_a_dead_end(tmp_path):
    story = story_of(tmp_path, s="""
        scene: s
        title: "S"
        nodes:
          begin:
            - id: pick
              choose:
                - id: fine
                  text: "Fine."
                - id: trap
                  text: "Open the door."
                  goto: round
          round:
            - goto: again
          again:
            - goto: round
    """)
    result = explore(story, {"s.begin"})
    assert len(result.dead_ends) == 1
    node, message = result.dead_ends[0]
    assert node == "s.begin" and "loops without showing anything" in message
    assert {"s.round", "s.again"} <= result.reached_nodes


def test_lines_that_loop_forever_are_a_dead_end(tmp_path):
    story = story_of(tmp_path, s="""
        scene: s
        title: "S"
        nodes:
          begin:
            - id: l1
              text: "Again."
            - goto: begin
    """)
    result = explore(story, {"s.begin"})
    assert [node for node, _ in result.dead_ends] == ["s.begin"]
    assert "never ends" in result.dead_ends[0][1]


def test_a_missing_entry_is_a_dead_end_not_a_crash(tmp_path):
    story = story_of(tmp_path, s="""
        scene: s
        title: "S"
        nodes:
          begin:
            - id: l1
              text: "Hi."
    """)
    result = explore(story, {"s.begin", "s.nowhere"})
    assert ("s.nowhere", "cannot begin at 's.nowhere': no such scene or node") in result.dead_ends


def test_the_search_is_bounded(tmp_path):
    story = story_of(tmp_path, s="""
        scene: s
        title: "S"
        vars:
          n: 0
        nodes:
          begin:
            - id: pick
              choose:
                - id: more
                  text: "More."
                  do: "n += 1"
                  goto: begin
                - id: less
                  text: "Less."
                  do: "n -= 1"
                  goto: begin
    """)
    deep = explore(story, {"s.begin"}, max_depth=6, max_states=100_000)
    assert not deep.truncated and deep.explored_states < 100
    cut = explore(story, {"s.begin"}, max_depth=1000, max_states=50)
    assert cut.truncated and cut.explored_states == 50


def test_a_chapter_intro_runs_first(tmp_path):
    story = story_of(tmp_path, s="""
        scene: s
        title: "S"
        vars:
          woke: false
        endings:
          up:
            title: "Up"
            text: "Up."
        nodes:
          wake:
            - id: l1
              text: "Morning."
            - do: "woke = true"
          bed:
            - end: up
              if: "woke"
    """)
    assert explore(story, {"s.bed"}).reached_endings == frozenset()
    assert explore(story, {"s.bed"}, intro="s.wake").reached_endings == frozenset({"s.up"})
