"""Content notes (`note:` steps): what the loader reports and where, how the runner shows them (always, not only in
class) and goes on or skips, that the summary is translatable, that the graph checks and the path search take the
skip edge, and that the shipped notes keep every chapter playable for a student who skips them."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from game.i18n.sources import story_strings
from game.story.graphcheck import check_graph, check_paths, trapping_choices
from game.story.loader import load_dialogue_file, load_story
from game.story.model import CONTENT_TAGS, ContentNote
from game.story.paths import explore, random_walks, scene_entries
from game.story.runner import Ended, Menu, Note, Runner, RunnerError, Say
from game.story.state import State

from .helpers import dedent, formatted, write_files

ROOT = Path(__file__).resolve().parents[2]
H = "dialogue/en/lane.yaml"

LANE = """
scene: lane
title: Lane
vars:
  name: Ravi
  rang: false
endings:
  rang:
    title: Rang
    text: You rang.
  walked:
    title: Walked
    text: You walked on.
nodes:
  wall:
    - id: w0
      text: "Evening in the lane."
    - id: note_voices
      note:
        tags: [violence_heard]
        summary: "{name} and Meera hear a quarrel. They walk on."
        skip: after_voices
    - id: w1
      text: "Through the wall: shouting."
    - id: act
      label: At the wall
      choose:
        - id: bell
          text: Ring the bell
          do: "rang = true"
          goto: after_voices
        - id: walk
          text: Walk on
          goto: after_voices
  after_voices:
    - id: a1
      text: "The lane is quiet."
    - end: rang
      if: "rang"
    - end: walked
"""


def load(text: str):
    return load_dialogue_file(dedent(text), H)


def runner_for(text: str = LANE, hook=None) -> Runner:
    scene, problems = load(text)
    assert scene is not None, formatted(problems)
    from types import MappingProxyType

    from game.story.model import Story

    story = Story(MappingProxyType({scene.id: scene}), MappingProxyType(dict(scene.vars)))
    return Runner(story, State.new(story), hook)


# --- the loader -------------------------------------------------------------------------------------------------------
def test_a_note_loads_with_its_full_id_tags_summary_and_skip_target() -> None:
    scene, problems = load(LANE)
    assert scene is not None and problems == []
    note = scene.nodes["wall"].steps[1]
    assert isinstance(note, ContentNote)
    assert (note.id, note.tags, note.summary, note.skip.full) == (
        "lane.wall.note_voices", ("violence_heard",), "{name} and Meera hear a quarrel. They walk on.",
        "lane.after_voices")
    assert (note.pos.path, note.pos.line, note.pos.col) == (H, 17, 7)


def test_an_unknown_tag_is_an_error_at_the_tag_with_a_suggestion() -> None:
    scene, problems = load(LANE.replace("tags: [violence_heard]", "tags: [violence_herd, teasing]"))
    assert scene is None
    assert formatted(problems) == [
        f"{H}:19:16: error: unknown content tag 'violence_herd' (did you mean 'violence_heard'?)"]


def test_a_tag_nothing_like_a_known_one_lists_the_known_tags() -> None:
    _scene, problems = load(LANE.replace("tags: [violence_heard]", "tags: [scary]"))
    assert formatted(problems) == [
        f"{H}:19:16: error: unknown content tag 'scary' (known tags: {', '.join(CONTENT_TAGS)})"]


def test_no_tags_is_an_error() -> None:
    _scene, problems = load(LANE.replace("tags: [violence_heard]", "tags: []"))
    assert [p.format().split(" (")[0] for p in problems] == [f"{H}:19:15: error: a content note needs at least one tag"]


@pytest.mark.parametrize("key, line", [("summary", 20), ("skip", 21)])
def test_a_missing_summary_or_skip_is_an_error_at_the_note(key: str, line: int) -> None:
    lines = dedent(LANE).decode().splitlines(keepends=True)
    assert lines[line - 1].strip().startswith(key)
    del lines[line - 1]
    scene, problems = load_dialogue_file("".join(lines).encode(), H)
    assert scene is None
    assert formatted(problems) == [f"{H}:19:9: error: the 'note:' of a content note is missing the key '{key}'"]


def test_a_skip_target_that_does_not_exist_is_an_error_at_the_target() -> None:
    scene, problems = load(LANE.replace("skip: after_voices", "skip: after_voice"))
    assert scene is None
    assert formatted(problems) == [
        f"{H}:21:15: error: 'skip' target 'after_voice' does not exist (did you mean 'after_voices'?)"]


def test_an_unknown_key_in_a_note_is_an_error() -> None:
    _scene, problems = load(LANE.replace("skip: after_voices", "skip: after_voices\n        minutes: 3"))
    assert formatted(problems) == [f"{H}:22:9: error: unknown key 'minutes' in the 'note:' of a content note"]


def test_a_skip_target_in_another_scene_is_checked_with_the_whole_story(tmp_path: Path) -> None:
    write_files(tmp_path, {"lane.yaml": LANE.replace("skip: after_voices", "skip: home.kitchn"),
                           "home.yaml": "scene: home\ntitle: Home\nnodes:\n  kitchen:\n    - id: k1\n      text: Hi\n"})
    story, problems, _ = load_story(tmp_path, external_entries={"lane.wall"})
    assert story is None
    assert [p.format() for p in problems if p.severity == "error"] == [
        f"{H}:21:15: error: 'skip' target 'home.kitchn' does not exist (did you mean 'kitchen'?)"]


def test_a_node_reached_only_by_a_skip_is_not_never_reached(tmp_path: Path) -> None:
    only_skip = LANE.replace("goto: after_voices\n        - id: walk", "goto: rang_node\n        - id: walk") \
        .replace("          goto: after_voices\n  after_voices:", "          goto: rang_node\n  after_voices:") \
        + "  rang_node:\n    - id: r1\n      text: Rang.\n"
    write_files(tmp_path, {"lane.yaml": only_skip})
    story, problems, _ = load_story(tmp_path, external_entries={"lane.wall"})
    assert story is not None, formatted(problems)
    assert not [p for p in problems if "never reached" in p.message]


# --- the runner -------------------------------------------------------------------------------------------------------
def test_a_note_is_always_shown_and_go_on_reads_the_part() -> None:
    runner = runner_for()  # no pause hook at all: playing alone, a note still stops the story
    runner.begin("lane.wall")
    assert runner.current() == Say("lane.wall.w0", None, None, "Evening in the lane.")
    runner.advance()
    assert runner.current() == Note("lane.wall.note_voices", ("violence_heard",),
                                    "Ravi and Meera hear a quarrel. They walk on.")
    runner.advance()
    assert isinstance(runner.current(), Say) and runner.current().id == "lane.wall.w1"


def test_skip_goes_on_at_the_skip_target_and_changes_nothing_else() -> None:
    runner = runner_for()
    runner.begin("lane.wall")
    runner.advance()
    before = dict(runner.state.vars)
    runner.skip()
    assert runner.current() == Say("lane.after_voices.a1", None, None, "The lane is quiet.")
    assert runner.state.vars == before and runner.state.visits["lane.after_voices"] == 1
    assert "lane.wall.act" not in json.dumps(runner.state.to_json())  # the decision was never reached
    runner.advance()
    assert runner.current() == Ended("lane.walked", "Walked", "You walked on.")


def test_the_summary_passes_through_the_translation_hook() -> None:
    runner = runner_for(hook=lambda text_id, source: f"<{text_id}>" if text_id.endswith(".summary") else source)
    runner.begin("lane.wall")
    runner.advance()
    assert runner.current().summary == "<lane.wall.note_voices.summary>"


def test_skip_is_refused_anywhere_but_at_a_note() -> None:
    runner = runner_for()
    runner.begin("lane.wall")
    with pytest.raises(RunnerError):
        runner.skip()  # a line is shown
    runner.advance()
    runner.advance()
    runner.advance()
    assert isinstance(runner.current(), Menu)
    with pytest.raises(RunnerError):
        runner.skip()


def test_a_note_whose_condition_is_false_is_stepped_over() -> None:
    runner = runner_for(LANE.replace("skip: after_voices", "skip: after_voices\n      if: \"rang\""))
    runner.begin("lane.wall")
    runner.advance()
    assert runner.current().id == "lane.wall.w1"


def test_a_saved_game_at_a_note_comes_back_to_the_note() -> None:
    runner = runner_for()
    runner.begin("lane.wall")
    runner.advance()
    again = Runner(runner.story, State.from_json(runner.state.to_json(), runner.story))
    assert isinstance(again.current(), Note) and again.current().id == "lane.wall.note_voices"
    again.skip()
    assert again.current().id == "lane.after_voices.a1"


def test_a_chapter_note_opens_before_the_intro_and_cannot_be_skipped() -> None:
    runner = runner_for()
    runner.begin("lane.wall")
    chapter = Note("lane.content", ("violence_heard", "street_harassment"), "", chapter=True)
    runner.open_with(chapter)
    assert runner.current() == chapter and not chapter.skippable
    with pytest.raises(RunnerError):
        runner.skip()
    runner.advance()
    assert runner.current().id == "lane.wall.w0"  # the intro's first line, not one further
    runner.advance()
    assert runner.current().id == "lane.wall.note_voices"


def test_a_chapter_note_belongs_to_the_moment_the_chapter_starts() -> None:
    runner = runner_for()
    runner.begin("lane.wall")
    runner.open_with(Note("lane.content", ("violence_heard",), "", chapter=True))
    runner.state.position = None  # e.g. a screenshot that starts somewhere else: the note is gone with the moment
    assert runner.current() is None
    runner.begin("lane.wall")
    assert runner.current().id == "lane.wall.w0"


# --- texts, graph checks, paths ---------------------------------------------------------------------------------------
def test_the_summary_is_a_translatable_string_with_its_position() -> None:
    scene, _ = load(LANE)
    from types import MappingProxyType

    from game.story.model import Story

    strings = story_strings(Story(MappingProxyType({"lane": scene}), MappingProxyType({})))["lane"]
    found = [s for s in strings if s.id == "lane.wall.note_voices.summary"]
    assert len(found) == 1
    assert (found[0].text, found[0].path, found[0].line, found[0].col, found[0].dialogue) == (
        "{name} and Meera hear a quarrel. They walk on.", H, 17, 7, False)
    ids = [s.id for s in strings]
    assert ids.index("lane.wall.w0") < ids.index("lane.wall.note_voices.summary") < ids.index("lane.wall.w1")


LOOP = """
scene: lane
title: Lane
nodes:
  loop:
    - id: note_loop
      note:
        tags: [teasing]
        summary: "Kabir teases Arjun again and again."
        skip: out
    - id: pick
      label: Again
      choose:
        - id: again
          text: Again
          goto: loop
        - id: more
          text: More
          goto: loop
  out:
    - id: o1
      text: Out.
"""


def test_the_skip_edge_is_a_way_out_of_a_loop_for_the_graph_check() -> None:
    story = runner_for(LOOP).story
    assert trapping_choices(story) == [] and check_graph(story) == []
    trapped = runner_for(LOOP.replace("skip: out", "skip: loop")).story
    assert [c.id for c in trapped.node("lane.loop").steps if c in trapping_choices(trapped)] == ["lane.loop.pick"]


ONLY_BY_SKIPPING = LANE.replace("skip: after_voices", "skip: skipped").replace("    - end: walked\n", "") + (
    "  skipped:\n    - id: s1\n      text: Skipped.\n    - end: walked\n")


def test_the_path_search_plays_both_ways_past_a_note() -> None:
    story = runner_for(ONLY_BY_SKIPPING).story  # 'walked' is reached only by skipping the part
    found = explore(story, {"lane.wall"}, intro="lane.wall")
    assert found.reached_endings == {"lane.rang", "lane.walked"} and found.dead_ends == ()
    assert "lane.skipped" in found.reached_nodes
    walks = random_walks(story, {"lane.wall"}, intro="lane.wall", walks=40, seed=3)
    assert walks.reached_endings == {"lane.rang", "lane.walked"} and walks.dead_ends == ()


def test_check_paths_counts_an_ending_reached_only_by_skipping() -> None:
    story = runner_for(ONLY_BY_SKIPPING).story
    assert check_paths(story, [(("lane",), "lane.wall")], {"lane.wall"}) == []
    unreachable = runner_for(ONLY_BY_SKIPPING.replace("skip: skipped", "skip: after_voices")).story
    assert [p.message for p in check_paths(unreachable, [(("lane",), "lane.wall")], {"lane.wall"})] == [
        "no path reaches the ending 'walked'"]


# --- the shipped story ----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def shipped():
    from game.content import load_content

    content, problems, _ = load_content(ROOT)
    assert content is not None, [p.format() for p in problems]
    return content


def _notes(content) -> list[ContentNote]:
    return [s for sc in content.story.scenes.values() for n in sc.nodes.values() for s in n.steps
            if isinstance(s, ContentNote)]


def test_the_shipped_sensitive_parts_have_notes_and_the_chapters_tags(shipped) -> None:
    notes = {n.id: n for n in _notes(shipped)}
    assert {"neighbourhood.voices.note_voices", "neighbourhood.market_road.note_corner",
            "school.phone.note_photo"} <= set(notes)
    assert notes["neighbourhood.voices.note_voices"].tags == ("violence_heard",)
    assert notes["neighbourhood.market_road.note_corner"].tags == ("street_harassment",)
    assert notes["school.phone.note_photo"].tags == ("photo_shared",)
    tags = {c.id: c.content for c in shipped.chapters}
    assert tags == {"home": ("marriage_pressure",), "school": ("teasing", "grief", "photo_shared"),
                    "neighbourhood": ("violence_heard", "street_harassment")}
    for note in notes.values():  # each part's tags are named by its chapter's note too
        chapter = shipped.chapter_of(note.id.split(".")[0])
        assert set(note.tags) <= set(chapter.content), note.id


def test_every_tag_has_words_and_every_shipped_summary_is_translated(shipped) -> None:
    from game.content import load_content

    for tag in CONTENT_TAGS:
        assert shipped.strings.get(f"notes.tag_{tag}") != f"notes.tag_{tag}"
    for lang in ("hi", "es"):
        content, problems, _ = load_content(ROOT, lang)
        assert content is not None, [p.format() for p in problems]
        for note in _notes(shipped):
            key = f"{note.id}.summary"
            assert content.catalog.text(key, note.summary) != note.summary, (lang, key)


def _play_skipping(content, chapter, seed: int, max_steps: int = 3000) -> tuple[State, list[str]]:
    """A random playthrough of a chapter by a student who skips every part a note offers to skip."""
    rng = random.Random(seed)
    state = State.new(content.story)
    runner = Runner(content.story, state)
    external = {content.node_target(sid, str(o.props["node"])) for sid in chapter.scenes
                for o in content.scenes[sid].map.objects if o.props.get("node")}
    entries = sorted(scene_entries(content.story, external, chapter.scenes))
    skipped: list[str] = []
    runner.begin(chapter.intro)
    for _ in range(max_steps):
        step = runner.current()
        if isinstance(step, Ended):
            break
        if isinstance(step, Note):
            skipped.append(step.id)
            runner.skip()
        elif isinstance(step, Say):
            runner.advance()
        elif isinstance(step, Menu):
            runner.choose(rng.randrange(len(step.options)))
        else:
            runner.begin(rng.choice(entries))
    return state, skipped


def test_a_student_who_skips_every_part_still_finishes_every_chapter(shipped) -> None:
    skipped_all: set[str] = set()
    for chapter in shipped.chapters:
        finished = 0
        for seed in range(10):
            state, skipped = _play_skipping(shipped, chapter, seed)
            finished += state.ending is not None
            skipped_all.update(skipped)
            acts = {k: v for k, v in state.vars.items() if k.startswith("acts_")}
            assert all(v >= 0 for v in acts.values())
        assert finished >= 6, chapter.id
    assert skipped_all == {n.id for n in _notes(shipped)}  # each note was met and skipped somewhere


def test_skipping_a_part_changes_no_counter(shipped) -> None:
    """A skip is not a choice about the people in the story: the pattern counters stay where they were."""
    for note in _notes(shipped):
        state = State.new(shipped.story)
        runner = Runner(shipped.story, state)
        runner.begin(".".join(note.id.split(".")[:2]))
        assert isinstance(runner.current(), Note) and runner.current().id == note.id
        before = dict(state.vars)
        runner.skip()
        while isinstance(runner.current(), Say):
            runner.advance()
        assert state.vars == before, note.id
