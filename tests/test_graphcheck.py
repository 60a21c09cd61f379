"""game.story.graphcheck on small stories: unused variables, silent loops, trapping choices, unreached endings."""

from __future__ import annotations

from pathlib import Path

from game.story.graphcheck import check_graph, check_paths, check_variables
from game.story.loader import load_story
from game.story.problems import has_errors
from tests.story.helpers import write_files

ROOT = Path(__file__).resolve().parent.parent


def story_of(tmp_path: Path, text: str):
    write_files(tmp_path, {"s.yaml": text})
    story, problems, _ = load_story(tmp_path, "en")
    assert story is not None and not has_errors(problems), [p.format() for p in problems]
    return story


def lines(problems):
    return sorted(f"{p.pos.line}:{p.pos.col}: {p.severity}: {p.message}" for p in problems)


def test_variables_changed_but_never_read_and_read_but_never_changed(tmp_path):
    story = story_of(tmp_path, """
        scene: s
        title: "S"
        vars:
          counted: 0
          fixed: false
          shown: "Ravi"
          idle: false
          map_only: false
          good: false
        nodes:
          begin:
            - id: a
              text: "Hi {shown}."
              if: "fixed or good"
            - do: "counted += 1; map_only = true; good = true"
    """)
    found = lines(check_variables(story, ["map_only"]))
    assert found == [
        "4:3: warning: variable 'counted' is changed but never read",
        "5:3: warning: variable 'fixed' is read but never changed: it always keeps its starting value",
        "7:3: warning: variable 'idle' is never used",
    ]
    assert all(p.hint for p in check_variables(story))


def test_a_value_read_inside_an_effect_counts_as_read(tmp_path):
    story = story_of(tmp_path, """
        scene: s
        title: "S"
        vars:
          a: 0
          b: 0
        nodes:
          begin:
            - id: x
              text: "{b}"
            - do: "a += 1; b = a + 1"
    """)
    assert check_variables(story) == []


def test_pure_goto_loop_is_an_error_at_each_node(tmp_path):
    story = story_of(tmp_path, """
        scene: s
        title: "S"
        nodes:
          begin:
            - id: a
              text: "Hello."
            - goto: ping
          ping:
            - goto: pong
          pong:
            - goto: ping
          safe:
            - goto: ping
              if: "false"
    """)
    found = lines(check_graph(story))
    assert found == ["10:3: error: node 'pong' loops forever without showing anything",
                     "8:3: error: node 'ping' loops forever without showing anything"]
    assert "begin" not in str(found) and "safe" not in str(found)


def test_a_choice_with_no_way_out_is_a_warning(tmp_path):
    story = story_of(tmp_path, """
        scene: s
        title: "S"
        endings:
          done:
            title: "Done"
            text: "Done."
        nodes:
          begin:
            - id: pick
              label: "Round"
              choose:
                - id: again
                  text: "Again."
                  goto: other
                - id: stay
                  text: "Stay."
                  goto: begin
          other:
            - id: o
              text: "Other."
            - goto: begin
          fine:
            - id: pick2
              label: "Fine"
              choose:
                - id: loop
                  text: "Loop."
                  goto: fine
                - id: out
                  text: "Out."
                  goto: finish
          finish:
            - end: done
    """)
    assert lines(check_graph(story)) == ["9:7: warning: no way out of this loop: every option leads back here and no "
                                         "ending can be reached"]


def test_an_ending_no_path_reaches_is_a_warning_and_a_dead_end_an_error(tmp_path):
    story = story_of(tmp_path, """
        scene: s
        title: "S"
        vars:
          never: false
        endings:
          good:
            title: "Good"
            text: "Good."
          plain:
            title: "Plain"
            text: "Plain."
        nodes:
          begin:
            - id: a
              text: "Hello."
            - end: good
              if: "never"
            - end: plain
          chatter:
            - id: c
              text: "On and on."
            - goto: chatter
    """)
    found = lines(check_paths(story, [(("s",), None)], {"s.chatter"}, walks=30, max_states=200))
    assert "6:3: warning: no path reaches the ending 'good'" in found
    assert any(f.startswith("19:3: error: the story gets stuck here:") for f in found), found
    assert not any("'plain'" in f for f in found)


def test_the_shipped_story_has_no_graph_errors():
    from game.content import load_content

    content, problems, _ = load_content(ROOT, "en")
    assert content is not None, [p.format() for p in problems if p.is_error]
    assert not has_errors(check_graph(content.story))
