"""Choice labels (for "What if?"), line sounds, and help.yaml being no scene."""

from game.story.runner import Menu, MenuOption, Runner, Say
from game.story.state import State

H = "dialogue/en/home.yaml"

HOME = """
scene: home
title: Home
vars:
  name: Ravi
nodes:
  arrive:
    - id: bell
      text: "Ding dong."
      sound: doorbell
    - id: pick
      label: "At the door, {name}"
      choose:
        - id: open
          text: Open
        - id: wait
          text: Wait
    - id: quiet
      text: Silence.
"""


def test_label_and_sound_in_the_model(story_from) -> None:
    steps = story_from({"home.yaml": HOME}, sounds={"doorbell"}).scenes["home"].nodes["arrive"].steps
    assert steps[0].sound == "doorbell" and steps[2].sound is None
    assert steps[1].label == "At the door, {name}"


def test_runner_shows_sound_and_translated_label(story_from) -> None:
    story = story_from({"home.yaml": HOME})
    hook = lambda text_id, source: "Label!{name}" if text_id == "home.arrive.pick.label" else source  # noqa: E731
    runner = Runner(story, State.new(story), hook)
    runner.begin("home.arrive")
    assert runner.current() == Say("home.arrive.bell", None, None, "Ding dong.", "doorbell")
    runner.advance()
    assert runner.current() == Menu("home.arrive.pick", (MenuOption("home.arrive.pick.open", "Open"),
                                                         MenuOption("home.arrive.pick.wait", "Wait")), "Label!Ravi")
    runner.choose(0)
    assert runner.current() == Say("home.arrive.quiet", None, None, "Silence.")  # sound defaults to None


def test_menu_without_label(story_from) -> None:
    story = story_from({"home.yaml": HOME.replace('      label: "At the door, {name}"\n', "")})
    runner = Runner(story, State.new(story))
    runner.begin("home.arrive")
    runner.advance()
    assert runner.current().label is None


def test_missing_label_is_a_warning(problems_of) -> None:
    assert problems_of({"home.yaml": HOME.replace('      label: "At the door, {name}"\n', "")}) == [
        f"{H}:10:7: warning: this choice has no label, so 'What if?' cannot name it "
        "(add a short name of the decision, e.g. label: \"In the kitchen with Meera\")"]


def test_label_is_a_checked_text(problems_of) -> None:
    assert problems_of({"home.yaml": HOME.replace("{name}", "{nam}")}) == [
        f"{H}:11:28: error: unknown variable '{{nam}}' in the text (did you mean 'name'?)"]
    assert problems_of({"home.yaml": HOME.replace('label: "At the door, {name}"', "label: [a]")}) == [
        f"{H}:11:14: error: the label of a choice should be a text, found a list"]


def test_sounds_are_checked_only_when_the_list_is_given(problems_of) -> None:
    assert problems_of({"home.yaml": HOME}) == []
    assert problems_of({"home.yaml": HOME}, sounds={"doorbell", "rain"}) == []
    assert problems_of({"home.yaml": HOME}, sounds={"doorbel", "rain"}) == [
        f"{H}:9:14: error: there is no sound file assets/sound/doorbell.wav (did you mean 'doorbel'?)"]
    assert problems_of({"home.yaml": HOME}, sounds=set()) == [
        f"{H}:9:14: error: there is no sound file assets/sound/doorbell.wav "
        "(put the sound in assets/sound/ as a .wav file)"]


def test_sound_must_be_a_name(problems_of) -> None:
    assert problems_of({"home.yaml": HOME.replace("sound: doorbell", "sound: ../bell")}) == [
        f"{H}:9:14: error: the sound '../bell' is not a valid id "
        "(use lower-case letters a-z, digits and underscores, starting with a letter)"]
    assert problems_of({"home.yaml": HOME.replace("sound: doorbell", "sownd: doorbell")}) == [
        f"{H}:9:7: error: unknown key 'sownd' in a line (did you mean 'sound'?)"]


def test_help_yaml_is_not_a_scene(problems_of) -> None:
    assert problems_of({"home.yaml": HOME, "help.yaml": "title: x\n"}) == []
