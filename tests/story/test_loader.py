"""Every loader problem kind, with exact positions."""

from game.story.loader import load_dialogue_file, load_story
from game.story.model import Call, Choice, Do, End, Jump, Line, Target

from .helpers import dedent, formatted, write_files

H = "dialogue/en/home.yaml"

BASE = """
scene: home
title: Home
vars:
  helped: false
  trust: 0
  name: Ravi
endings:
  studied:
    title: Study
    text: "Done, {name}."
nodes:
  arrive:
    - id: a1
      say: amma
      face: smile
      text: "Hello {name} {{braces}}"
      if: "not helped"
    - id: pick
      choose:
        - id: help
          text: Help
          if: "trust >= 0"
          do: ["helped = true", "trust += 1"]
          once: true
          goto: kitchen
        - id: stay
          text: Stay
      fallback: kitchen
      label: Pick
    - goto: park.bench
      if: "visits(kitchen) > 2"
    - call: kitchen
    - do: "trust -= 1"
    - end: studied
  kitchen:
    - id: k1
      text: Onions.
"""
PARK = """
scene: park
title: Park
nodes:
  bench:
    - id: b1
      text: Sit.
"""
CAST = {"amma": frozenset({"smile", "sad"}), "ravi": frozenset()}


def test_builds_typed_model(story_from) -> None:
    story = story_from({"home.yaml": BASE, "park.yaml": PARK}, characters=CAST)
    home = story.scenes["home"]
    assert home.start == "arrive" and home.title == "Home"
    assert story.var_decls["trust"].type is int and story.var_decls["name"].value == "Ravi"
    steps = home.nodes["arrive"].steps
    assert [type(s) for s in steps] == [Line, Choice, Jump, Call, Do, End]
    line = steps[0]
    assert (line.id, line.speaker, line.face, line.pos.line, line.pos.col) == ("home.arrive.a1", "amma", "smile", 13, 7)
    choice = steps[1]
    assert choice.id == "home.arrive.pick" and choice.fallback == Target("home", "kitchen")
    assert [o.id for o in choice.options] == ["home.arrive.pick.help", "home.arrive.pick.stay"]
    assert choice.options[0].once and len(choice.options[0].effects) == 2
    assert steps[2].target.full == "park.bench"
    assert steps[5].ending == "home.studied"
    assert home.endings["studied"].full_id == "home.studied"


def test_no_problems_for_good_story(problems_of) -> None:
    assert problems_of({"home.yaml": BASE, "park.yaml": PARK}, characters=CAST) == []


def test_missing_target_with_hint(problems_of) -> None:
    files = {"home.yaml": BASE.replace("goto: kitchen\n", "goto: kitchn\n"), "park.yaml": PARK}
    assert problems_of(files) == [
        f"{H}:25:17: error: 'goto' target 'kitchn' does not exist (did you mean 'kitchen'?)"]


def test_missing_scene_and_node_in_other_scene(problems_of) -> None:
    assert problems_of({"home.yaml": BASE, "park.yaml": PARK.replace("bench", "seat")}) == [
        f"{H}:30:13: error: 'goto' target 'park.bench' does not exist"]
    assert problems_of({"home.yaml": BASE, "park.yaml": PARK.replace("bench", "bnch")}) == [
        f"{H}:30:13: error: 'goto' target 'park.bench' does not exist (did you mean 'bnch'?)"]
    assert problems_of({"home.yaml": BASE.replace("goto: park.bench", "goto: prk.bench")}) == [
        f"{H}:30:13: error: 'goto' target 'prk.bench': there is no scene 'prk' (did you mean 'park'?)"]


def test_external_entries_count_as_reached(problems_of) -> None:
    files = {"home.yaml": BASE, "park.yaml": PARK + "  other:\n    - id: o\n      text: x\n"}
    assert any("node 'other' is never reached" in p for p in problems_of(files))
    assert problems_of(files, external_entries={"park.other"}) == []


def test_unknown_speaker_and_face(problems_of) -> None:
    files = {"home.yaml": BASE, "park.yaml": PARK}
    assert problems_of(files, characters={"ama": frozenset({"smile"})}) == [
        f"{H}:14:12: error: unknown character 'amma' (did you mean 'ama'?)"]
    assert problems_of(files, characters={"amma": frozenset({"sad", "angry"})}) == [
        f"{H}:15:13: error: 'amma' has no portrait 'smile' (available: angry, sad)"]


def test_end_must_name_local_ending(problems_of) -> None:
    files = {"home.yaml": BASE.replace("end: studied", "end: studie"), "park.yaml": PARK}
    assert problems_of(files) == [
        f"{H}:34:12: error: 'end' names 'studie', which is not an ending of this scene (did you mean 'studied'?)"]


def test_expression_problems_point_into_the_scalar(problems_of) -> None:
    files = {"home.yaml": BASE.replace('if: "not helped"', 'if: "not helpd"')
             .replace('"trust -= 1"', '"trust -= true"').replace("trust >= 0", "trust >= = 0"),
             "park.yaml": PARK}
    assert problems_of(files) == [
        f"{H}:17:16: error: unknown variable 'helpd' (did you mean 'helped'?)",
        f"{H}:22:25: error: expected a value, found '='",
        f"{H}:33:12: error: cannot set 'trust' (a number) to true/false",
    ]


def test_visits_and_interpolation_checked(problems_of) -> None:
    files = {"home.yaml": BASE.replace("visits(kitchen)", "visits(kitchn)").replace("Hello {name}", "Hello {nam}"),
             "park.yaml": PARK}
    assert problems_of(files) == [
        f"{H}:16:20: error: unknown variable '{{nam}}' in the text (did you mean 'name'?)",
        f"{H}:31:12: error: visits() names 'home.kitchn', which does not exist (did you mean 'kitchen'?)",
    ]


def test_duplicate_ids_name_both(problems_of) -> None:
    files = {"home.yaml": BASE.replace("id: stay", "id: help").replace("id: k1", "id: a1"), "park.yaml": PARK}
    assert problems_of(files) == [f"{H}:26:15: error: duplicate id 'help' (first at line 20) "
                   "(ids must be unique; give this one a new name)"]  # a1 in another node is fine
    files = {"home.yaml": BASE.replace("id: pick", "id: a1"), "park.yaml": PARK}
    assert problems_of(files) == [f"{H}:18:11: error: duplicate id 'a1' (first at line 13) "
                                  "(ids must be unique; give this one a new name)"]


def test_duplicate_variable_across_scenes(problems_of) -> None:
    park = PARK.replace("title: Park\n", "title: Park\nvars:\n  trust: 3\n")
    assert problems_of({"home.yaml": BASE, "park.yaml": park}) == [
        "dialogue/en/park.yaml:4:3: error: variable 'trust' is already declared in scene 'home' "
        "(dialogue/en/home.yaml:5) (a variable belongs to one scene; other scenes can use it without declaring it)"]


def test_step_kinds(problems_of) -> None:
    files = {"home.yaml": BASE.replace("    - call: kitchen\n", "    - call: kitchen\n      goto: kitchen\n"
                                       "    - if: 'true'\n"),
             "park.yaml": PARK}
    assert problems_of(files) == [
        f"{H}:32:7: error: a step can only do one thing, but this one has 'goto' and 'call' "
        "(split it into separate steps)",
        f"{H}:34:7: error: this step does nothing (a step needs one of: text, choose, goto, call, do, end, pause, note, "
        "appear, walk, leave, turn, emote, camera, wait, goal)",
    ]


def test_unknown_and_missing_keys_in_steps(problems_of) -> None:
    files = {"home.yaml": BASE.replace("      face: smile\n", "      fcae: smile\n").replace(
        "        - id: stay\n          text: Stay\n", "        - txt: x\n          id: stay\n"), "park.yaml": PARK}
    assert problems_of(files) == [
        f"{H}:15:7: error: unknown key 'fcae' in a line (did you mean 'face'?)",
        f"{H}:26:11: error: an option is missing the key 'text'",
        f"{H}:26:11: error: unknown key 'txt' in an option (did you mean 'text'?)",
    ]


def test_scene_key_start_and_file_checks(problems_of) -> None:
    files = {"home.yaml": BASE.replace("scene: home", "scene: house").replace("title: Home\n",
                                                                              "title: Home\nstart: arive\n"),
             "park.yaml": PARK, "ui.yaml": "not: [a, scene", "characters.yaml": "- x"}
    assert problems_of(files) == [
        f"{H}:1:8: error: 'scene' is 'house' but the file is named 'home.yaml' "
        "(the scene id must equal the file name)",
        f"{H}:3:8: error: 'start' node 'arive' does not exist (did you mean 'arrive'?)",
    ]


def test_choice_warning_all_conditional(problems_of) -> None:
    files = {"home.yaml": BASE.replace("      fallback: kitchen\n", "").replace(
        "          text: Stay\n", "          text: Stay\n          if: helped\n"), "park.yaml": PARK}
    assert problems_of(files) == [
        f"{H}:18:7: warning: every option of this choice has an 'if' and there is no 'fallback' "
        "(when none is available the choice is skipped)"]


def test_bad_types_of_values(problems_of) -> None:
    files = {"home.yaml": BASE.replace("once: true", "once: yes").replace("helped: false", "helped: [1]"),
             "park.yaml": PARK}
    got = problems_of(files)
    assert f"{H}:4:11: error: the starting value of 'helped' should be true, false, a whole number or a text, " \
           "found a list" in got
    assert f"{H}:24:17: error: 'once' should be true or false, found 'yes' (write true or false)" in got


def test_every_problem_reported_at_once(tmp_path) -> None:
    write_files(tmp_path, {"home.yaml": BASE.replace("goto: kitchen\n", "goto: nowhere\n")
                           .replace("end: studied", "end: nope"),
                           "park.yaml": "scene: park\ntitle: P\nnodes:\n\tx: []\n",
                           "broken.yaml": "a: b: c\n"})
    story, problems, files = load_story(tmp_path)
    assert story is None and files == 3
    assert sorted({p.pos.path for p in problems}) == [
        "dialogue/en/broken.yaml", "dialogue/en/home.yaml", "dialogue/en/park.yaml"]
    # the tab in park.yaml also makes home's goto park.bench dangle
    assert len(problems) == 5


def test_single_file(tmp_path) -> None:
    scene, problems = load_dialogue_file(dedent(BASE), H)
    assert scene is not None and problems == []  # park.bench is another file's business here
    scene, problems = load_dialogue_file(dedent(BASE.replace("call: kitchen", "call: kitchenn")), H)
    assert scene is None
    assert formatted(problems) == [f"{H}:32:13: error: 'call' target 'kitchenn' does not exist "
                                   "(did you mean 'kitchen'?)"]


def test_missing_folder(tmp_path) -> None:
    story, problems, files = load_story(tmp_path, lang="xx")
    assert story is None and files == 0
    assert formatted(problems) == ["dialogue/xx:1:1: error: the dialogue folder does not exist"]


def test_reserved_variable_name(problems_of) -> None:
    files = {"home.yaml": BASE.replace("  name: Ravi\n", "  name: Ravi\n  visits: 1\n"), "park.yaml": PARK}
    assert problems_of(files) == [f"{H}:7:3: error: 'visits' is a reserved word and cannot be a variable name"]


def test_example_in_the_format_guide_loads(tmp_path) -> None:
    from pathlib import Path
    guide = (Path(__file__).resolve().parents[2] / "docs" / "dialogue-format.md").read_text("utf-8")
    example = guide.split("## 7. A complete example", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "dialogue" / "en").mkdir(parents=True)
    (tmp_path / "dialogue" / "en" / "home.yaml").write_text(example, "utf-8")
    cast = {"amma": frozenset({"smile"}), "meera": frozenset({"surprised"})}
    story, problems, files = load_story(tmp_path, characters=cast)
    assert formatted(problems) == [] and story is not None and files == 1
