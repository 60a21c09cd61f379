"""Pause points (`pause:` steps): what the loader reports, how the runner stops (only when the class session says so),
that they are translatable, and that the shipped ones never change the story."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from game.i18n.sources import story_strings
from game.story.loader import load_dialogue_file
from game.story.model import Pause
from game.story.runner import Discuss, Ended, Menu, Note, Runner, RunnerError, Say
from game.story.state import State

from .helpers import dedent, formatted

ROOT = Path(__file__).resolve().parents[2]
H = "dialogue/en/home.yaml"

HOME = """
scene: home
title: Home
vars:
  name: Ravi
  helped: false
nodes:
  arrive:
    - id: a1
      text: "Meera is cooking."
    - id: talk
      pause:
        younger: "What could {name} do?"
        older: "Why is it {name}'s choice?"
        minutes: 4
    - id: a2
      text: "The rotis are waiting."
    - id: later
      pause:
        younger: "Only after helping."
        older: "Only after helping, older."
      if: "helped"
    - id: pick
      label: In the kitchen
      choose:
        - id: help
          text: Help
          do: "helped = true"
        - id: leave
          text: Leave
    - id: after
      pause:
        younger: "What happened?"
        older: "What did it cost?"
"""


def load(text: str):
    return load_dialogue_file(dedent(text), H)


# --- the loader -------------------------------------------------------------------------------------------------------
def test_a_pause_point_loads_with_its_full_id_prompts_and_minutes() -> None:
    scene, problems = load(HOME)
    assert scene is not None and problems == []
    steps = scene.nodes["arrive"].steps
    talk, after = steps[1], steps[5]
    assert isinstance(talk, Pause) and isinstance(after, Pause)
    assert (talk.id, talk.younger, talk.older, talk.minutes) == (
        "home.arrive.talk", "What could {name} do?", "Why is it {name}'s choice?", 4)
    assert (talk.pos.path, talk.pos.line, talk.pos.col) == (H, 10, 7)
    assert after.minutes == 5  # left out: the usual length of a pause-point talk


def test_a_missing_older_prompt_is_an_error_at_the_prompts() -> None:
    scene, problems = load(HOME.replace('        older: "Why is it {name}\'s choice?"\n', ""))
    assert scene is None
    assert formatted(problems) == [f"{H}:12:9: error: the 'pause:' of a pause point is missing the key 'older'"]


@pytest.mark.parametrize("minutes", [0, 99])
def test_minutes_outside_a_lesson_are_an_error_at_the_number(minutes: int) -> None:
    scene, problems = load(HOME.replace("minutes: 4", f"minutes: {minutes}"))
    assert scene is None
    assert formatted(problems) == [(
        f"{H}:14:18: error: {minutes} minutes is not a discussion length the lesson can hold "
        "(suggest between 1 and 20 minutes)")]


def test_minutes_must_be_a_whole_number() -> None:
    scene, problems = load(HOME.replace("minutes: 4", "minutes: five"))
    assert scene is None
    assert formatted(problems) == [f"{H}:14:18: error: 'minutes' should be a whole number, found 'five'"]


def test_an_unknown_key_in_the_prompts_gets_a_did_you_mean() -> None:
    scene, problems = load(HOME.replace('        older: "Why', '        oldre: "Why'))
    assert scene is None
    assert formatted(problems) == [
        f"{H}:12:9: error: the 'pause:' of a pause point is missing the key 'older'",
        f"{H}:13:9: error: unknown key 'oldre' in the 'pause:' of a pause point (did you mean 'older'?)",
    ]


def test_minutes_beside_pause_instead_of_under_it_is_an_unknown_key() -> None:
    scene, problems = load(HOME.replace("        minutes: 4\n", "      minutes: 4\n"))
    assert scene is None
    assert formatted(problems) == [f"{H}:14:7: error: unknown key 'minutes' in a pause point"]


def test_prompts_that_are_not_a_mapping_are_an_error() -> None:
    text = HOME.replace('      pause:\n        younger: "What could {name} do?"\n'
                        '        older: "Why is it {name}\'s choice?"\n        minutes: 4\n',
                        '      pause: "Talk about it"\n')
    scene, problems = load(text)
    assert scene is None
    assert formatted(problems) == [
        f"{H}:11:14: error: the 'pause:' of a pause point should be a mapping (key: value lines), found 'Talk about it'"]


def test_a_pause_point_needs_an_id_and_an_empty_prompt_is_an_error() -> None:
    scene, problems = load(HOME.replace("    - id: talk\n      pause:", "    - pause:")
                           .replace('younger: "What happened?"', "younger:"))
    assert scene is None
    assert formatted(problems) == [
        f"{H}:10:7: error: a pause point is missing the key 'id'",
        f"{H}:31:17: error: the prompt for younger students should be a text, found nothing",
    ]


def test_a_pause_point_cannot_also_be_a_line() -> None:
    scene, problems = load(HOME.replace("        minutes: 4\n", "        minutes: 4\n      text: Hi\n"))
    assert scene is None
    assert len(problems) == 1 and "'text' and 'pause'" in problems[0].message


def test_an_unknown_variable_in_a_prompt_is_reported_in_the_check(problems_of) -> None:
    got = problems_of({"home.yaml": HOME.replace("What could {name} do?", "What could {nmae} do?")})
    assert any(f"{H}:12:" in p and "unknown variable '{nmae}'" in p for p in got), got


# --- the runner -------------------------------------------------------------------------------------------------------
@pytest.fixture
def story(story_from):
    return story_from({"home.yaml": HOME})


def test_playing_alone_a_pause_point_is_skipped_silently(story) -> None:
    state = State.new(story)
    r = Runner(story, state)  # no hook: not in a class session
    r.begin("home.arrive")
    assert r.current() == Say("home.arrive.a1", None, None, "Meera is cooking.")
    before = json.dumps(state.to_json(), sort_keys=True)
    r.advance()
    assert r.current() == Say("home.arrive.a2", None, None, "The rotis are waiting.")
    after = state.to_json()
    assert after["vars"] == json.loads(before)["vars"] and after["history"] == json.loads(before)["history"]
    r.advance()
    assert isinstance(r.current(), Menu)
    r.choose(0)
    assert r.current() is None and not r.active  # the last pause point shows nothing either: the talk is over


def test_a_hook_that_says_no_skips_it_and_is_asked_with_the_full_id(story) -> None:
    asked: list[str] = []

    def not_this_one(pause_id: str) -> bool:
        asked.append(pause_id)
        return False

    r = Runner(story, State.new(story), pauses=not_this_one)
    r.begin("home.arrive")
    r.advance()
    assert r.current().id == "home.arrive.a2"
    assert asked == ["home.arrive.talk"]


def test_in_a_class_session_it_stops_with_translated_filled_in_prompts_then_goes_on(story) -> None:
    seen: list[str] = []

    def text(text_id: str, source: str) -> str:
        seen.append(text_id)
        return {"home.arrive.talk.younger": "¿Qué podría hacer {name}?"}.get(text_id, source)

    state = State.new(story)
    r = Runner(story, state, text=text, pauses=lambda pid: True)
    r.begin("home.arrive")
    r.advance()
    step = r.current()
    assert step == Discuss("home.arrive.talk", "¿Qué podría hacer Ravi?", "Why is it Ravi's choice?", 4)
    assert {"home.arrive.talk.younger", "home.arrive.talk.older"} <= set(seen)
    assert r.active
    with pytest.raises(RunnerError):
        r.choose(0)  # a pause point is not a menu
    r.advance()
    assert r.current() == Say("home.arrive.a2", None, None, "The rotis are waiting.")


def test_a_false_if_skips_the_pause_point_even_in_a_class_session(story) -> None:
    r = Runner(story, State.new(story), pauses=lambda pid: True)
    r.begin("home.arrive")
    r.advance()
    r.advance()  # from the first pause point
    r.advance()  # from a2: 'later' has if: helped, which is false
    assert isinstance(r.current(), Menu)
    r.choose(0)  # help: helped = true, then the pause point after the choice
    assert r.current() == Discuss("home.arrive.after", "What happened?", "What did it cost?", 5)
    r.advance()
    assert r.current() is None


def test_a_pause_point_changes_nothing_in_the_state(story) -> None:
    def play(pauses: bool) -> State:
        state = State.new(story)
        r = Runner(story, state, pauses=lambda pid: pauses)
        r.begin("home.arrive")
        while r.active:
            step = r.current()
            if isinstance(step, Menu):
                r.choose(0)
            else:
                r.advance()
        return state

    assert play(True).to_json() == play(False).to_json()


def test_a_game_saved_at_a_pause_point_reopens_there(story) -> None:
    state = State.new(story)
    r = Runner(story, state, pauses=lambda pid: True)
    r.begin("home.arrive")
    r.advance()
    assert isinstance(r.current(), Discuss)
    saved = json.loads(json.dumps(state.to_json()))  # what the autosave writes

    again = Runner(story, State.from_json(saved, story), pauses=lambda pid: True)
    assert again.current() == Discuss("home.arrive.talk", "What could Ravi do?", "Why is it Ravi's choice?", 4)
    again.advance()
    assert again.current().id == "home.arrive.a2"

    # The same save opened outside the class session (the student left it): the pause point no longer stops.
    alone = Runner(story, State.from_json(saved, story))
    assert alone.current() == Say("home.arrive.a2", None, None, "The rotis are waiting.")


def test_both_prompts_are_translatable_strings_with_their_position(story) -> None:
    strings = {s.id: s for s in story_strings(story)["home"]}
    younger, older = strings["home.arrive.talk.younger"], strings["home.arrive.talk.older"]
    assert (younger.text, older.text) == ("What could {name} do?", "Why is it {name}'s choice?")
    assert (younger.path, younger.line, younger.col) == (H, 10, 7)
    assert not younger.dialogue  # not a line of the dialogue box: no length check for it
    order = [s.id for s in story_strings(story)["home"]]
    assert order.index("home.arrive.a1") < order.index("home.arrive.talk.younger") < order.index("home.arrive.a2")


# --- the shipped story ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def shipped():
    from game.content import load_content

    content, problems, _ = load_content(ROOT)
    assert content is not None, problems
    return content


def _pauses(content) -> dict[str, Pause]:
    return {step.id: step for scene in content.story.scenes.values() for node in scene.nodes.values()
            for step in node.steps if isinstance(step, Pause)}


def test_every_chapter_has_two_pause_points_of_three_to_eight_minutes(shipped) -> None:
    pauses = _pauses(shipped)
    for chapter in shipped.chapters:
        mine = [p for p in pauses.values() if p.id.split(".")[0] in chapter.scenes]
        assert len(mine) == 2, chapter.id
        assert all(3 <= p.minutes <= 8 for p in mine)
        assert all(p.younger.strip() and p.older.strip() and p.younger != p.older for p in mine)


@pytest.mark.parametrize("lang", ["hi", "es", "bn"])
def test_the_shipped_prompts_are_translated(lang: str) -> None:
    from game.content import load_content

    content, _, _ = load_content(ROOT, lang)
    assert content is not None
    scenes = {"bn": {"home", "lane"}}.get(lang)  # Bengali covers the first chapter
    for pause in _pauses(content).values():
        if scenes is not None and pause.id.split(".")[0] not in scenes:
            continue
        for level in ("younger", "older"):
            source = getattr(pause, level)
            assert content.catalog.translated(f"{pause.id}.{level}"), (lang, pause.id, level)
            if ".".join(pause.id.split(".")[:2]) in content.catalog.own_nodes:
                continue  # a node the language rewrote for its place (Spanish home): its prompt is its own already
            assert content.catalog.text(f"{pause.id}.{level}", source) != source


def _entries(content, chapter) -> list[tuple[str, object, bool]]:
    """The chapter's map objects that start a node: (full node id, `if`, fires only once) — as the world plays them:
    `visits(node)` in a map's `if` means a node of that map's scene."""
    from game.story.expr import Visits, map_visits, parse_condition

    out = []
    for sid in chapter.scenes:
        for obj in content.scenes[sid].map.objects:
            node = obj.props.get("node")
            if isinstance(node, str) and node:
                text = obj.props.get("if")
                cond = None
                if isinstance(text, str) and text.strip():
                    cond = map_visits(parse_condition(text),
                                      lambda v, sid=sid: v if "." in v.node else Visits(f"{sid}.{v.node}", v.col))
                once = obj.kind == "trigger" and obj.props.get("once", True) is not False
                out.append((content.node_target(sid, node), cond, once))
    return out


def _play(content, chapter, seed: int, pauses: bool, max_steps: int = 3000):
    """One random playthrough of a chapter: walk to random map objects, pick random options. Returns what was shown
    (pause points apart), the pause points met and the final state."""
    from game.story.expr import DictEnv, evaluate

    rng = random.Random(seed)
    state = State.new(content.story)
    runner = Runner(content.story, state, pauses=lambda pid: pauses)
    entries = _entries(content, chapter)
    fired: set[int] = set()
    shown: list[str] = []
    discussed: list[str] = []
    runner.begin(chapter.intro)
    steps = 0
    while steps < max_steps:  # pause points are not counted, so both runs get the same budget
        step = runner.current()
        if isinstance(step, Ended):
            break
        if isinstance(step, Discuss):
            discussed.append(step.id)
            runner.advance()
            continue
        if isinstance(step, Note):  # a content note: this student reads the part (tests/story/test_notes.py skips)
            runner.advance()
            continue
        steps += 1
        if isinstance(step, Say):
            shown.append(step.id)
            runner.advance()
        elif isinstance(step, Menu):
            shown.append(step.id)
            runner.choose(rng.randrange(len(step.options)))
        else:  # the talk is over: walk to a random map object whose `if` holds (a fired once-trigger is gone)
            open_ = [i for i, (_, cond, _) in enumerate(entries) if i not in fired and (
                cond is None or evaluate(cond, DictEnv(state.vars, state.visits)))]
            pick = rng.choice(open_)
            if entries[pick][2]:
                fired.add(pick)
            runner.begin(entries[pick][0])
    return shown, discussed, state


def test_the_shipped_pause_points_never_change_the_story(shipped) -> None:
    """The same random choices with pause points on (a class session) and off (alone) show the same lines and menus,
    and end in the same state; over the playthroughs every shipped pause point is reached."""
    reached: set[str] = set()
    for chapter in shipped.chapters:
        endings = 0
        for seed in range(12):
            alone, none, state_alone = _play(shipped, chapter, seed, pauses=False)
            in_class, discussed, state_class = _play(shipped, chapter, seed, pauses=True)
            assert none == []
            assert in_class == alone, (chapter.id, seed)
            assert state_class.to_json() == state_alone.to_json()
            assert len(discussed) == len(set(discussed))  # each is met once in a playthrough
            reached.update(discussed)
            endings += state_class.ending is not None
        assert endings >= 6, chapter.id  # most random walks finish the chapter (some wander past the step budget)
    assert reached == set(_pauses(shipped))


def test_the_transcript_prints_pause_points_for_proofreading() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "transcript", "home.meera", "--choices", "4"],
                            capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "[pause, 5 min] Meera has a test tomorrow, and she is making dinner." in out
    assert "[pause, older] In many homes, cooking is seen as a girl's job." in out
    assert out.index("[pause, 5 min]") < out.index("(In the kitchen with Meera)")


# --- the JSON Schema (what VS Code checks as a facilitator types) agrees with the loader ------------------------------
BROKEN = {
    "missing older": HOME.replace('        older: "Why is it {name}\'s choice?"\n', ""),
    "no minutes": HOME.replace("minutes: 4", "minutes: 0"),
    "too many minutes": HOME.replace("minutes: 4", "minutes: 99"),
    "minutes in words": HOME.replace("minutes: 4", "minutes: five"),
    "unknown key in the prompts": HOME.replace('        older: "Why', '        oldre: "Why'),
    "minutes beside pause": HOME.replace("        minutes: 4\n", "      minutes: 4\n"),
    "prompts not a mapping": HOME.replace('      pause:\n        younger: "What could {name} do?"\n'
                                          '        older: "Why is it {name}\'s choice?"\n        minutes: 4\n',
                                          '      pause: "Talk about it"\n'),
    "no id": HOME.replace("    - id: talk\n      pause:", "    - pause:"),
    "a line and a pause": HOME.replace("        minutes: 4\n", "        minutes: 4\n      text: Hi\n"),
}


def _schema_errors(text: str) -> list[str]:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = json.loads((ROOT / "schemas" / "dialogue.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load(dedent(text))
    return [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]


def test_the_schema_accepts_a_pause_point() -> None:
    assert _schema_errors(HOME) == []


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_pause_point_is_rejected_by_the_schema_and_the_loader(name: str) -> None:
    text = BROKEN[name]
    assert text != HOME
    scene, problems = load(text)
    assert scene is None and problems, f"the loader accepts: {name}"
    assert _schema_errors(text), f"the schema accepts: {name}"
