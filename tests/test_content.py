"""content.py on a tiny project built in tmp_path: chapters, debrief warnings, sounds, things, npc conditions and
the help card, each problem with its exact position."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from game.content import Chapter, load_content
from game.story.problems import Pos
from game.strings import UI_KEYS, HelpCard, HelpLine, Strings, load_strings

ROOT = Path(__file__).resolve().parent.parent

SPAWN = '  <object id="1" name="default" type="spawn" x="16" y="16"/>\n'


def tmx(objects: str = "") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<map version="1.10" orientation="orthogonal" renderorder="right-down" width="3" height="3" tilewidth="16" tileheight="16" infinite="0" nextlayerid="3" nextobjectid="9">
 <tileset firstgid="1" source="../../assets/tiles/town.tsx"/>
 <layer id="1" name="ground" width="3" height="3">
  <data encoding="csv">
1,1,1,
1,1,1,
1,1,1
</data>
 </layer>
 <objectgroup id="2" name="objects">
{SPAWN}{objects} </objectgroup>
</map>
"""


DEBRIEF = """
debrief:
  happened:
    - id: h1
      text: "It happened."
  questions:
    - id: q1
      text: "Why?"
    - id: q2
      text: "Why not?"
"""


def scene_dialogue(sid: str, nodes: str = "  arrive:\n    - id: a1\n      text: Hi.\n", debrief: str = DEBRIEF,
                   extra: str = "") -> str:
    return f"scene: {sid}\ntitle: {sid.title()}\n{extra}nodes:\n{nodes}" + textwrap.dedent(debrief).lstrip("\n")


GAME = """\
player: ravi
chapters:
  - id: first
    scenes: [home, lane]
    intro: arrive
  - id: second
    scenes: [school]
"""


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(ROOT / "assets" / "tiles", root / "assets" / "tiles")
    (root / "assets" / "sprites").mkdir(parents=True)
    (root / "assets" / "sprites" / "ravi.png").write_bytes(b"never opened")
    (root / "assets" / "sound").mkdir()
    (root / "assets" / "sound" / "doorbell.wav").write_bytes(b"RIFF")
    write(root, "scenes/characters.yaml", 'ravi:\n  sprite: sprites/ravi.png\n  portraits: []\n  color: "#112233"\n')
    write(root, "scenes/game.yaml", GAME)
    for sid in ("home", "lane", "school"):
        write(root, f"scenes/{sid}/scene.yaml", f"map: {sid}.tmx\n")
        write(root, f"scenes/{sid}/{sid}.tmx", tmx())
        write(root, f"dialogue/en/{sid}.yaml", scene_dialogue(sid))
    write(root, "dialogue/en/ui.yaml", "".join(f'{k.replace(".", "_")}: "x"\n' for k in ()) +
          "\n".join(_ui_yaml()) + "\n")
    write(root, "dialogue/en/characters.yaml", "ravi:\n  name: Ravi\n")
    shutil.copy(ROOT / "dialogue" / "en" / "help.yaml", root / "dialogue" / "en" / "help.yaml")
    return root


def _ui_yaml() -> list[str]:
    """ui.yaml nests keys: 'title.continue' is continue: under title:."""
    groups: dict[str, list[str]] = {}
    for key in UI_KEYS:
        group, _, name = key.partition(".")
        groups.setdefault(group, []).append(name)
    return [f"{g}:\n" + "\n".join(f'  {n}: "{g} {n}"' for n in names) for g, names in groups.items()]


def problems(root: Path) -> list[str]:
    _, found, _ = load_content(root)
    return sorted(p.format() for p in found)


def test_chapters_are_read(project: Path) -> None:
    content, found, _ = load_content(project)
    assert found == [] and content is not None
    first, second = content.chapters
    assert first == Chapter("first", ("home", "lane"), "home.arrive", Pos("scenes/game.yaml", 3, 5))
    assert second.scenes == ("school",) and second.intro is None
    assert content.start_scene == "home"
    assert content.chapter_of("lane") is first and content.chapter_of("nowhere") is None
    assert content.next_chapter("first") is second and content.next_chapter("second") is None
    assert content.next_chapter("nope") is None


def test_intro_as_scene_node_and_it_counts_as_reached(project: Path) -> None:
    write(project, "scenes/game.yaml", GAME.replace("intro: arrive", "intro: lane.start"))
    write(project, "dialogue/en/lane.yaml", scene_dialogue("lane", "  arrive:\n    - id: a\n      text: A\n"
                                                           "  start:\n    - id: s\n      text: S\n"))
    content, found, _ = load_content(project)
    assert found == [] and content is not None and content.chapters[0].intro == "lane.start"


def test_chapter_problems_are_positioned_with_suggestions(project: Path) -> None:
    write(project, "scenes/game.yaml", """\
player: ravi
chapters:
  - id: first
    scenes: [home, lame]
    intro: arive
  - id: first
    scenes: [school]
  - id: Third
    scenes: [school]
  - id: fourth
    scenes: [lane, school]
    intro: lane.nope
  - id: fifth
    scenes: []
    outro: x
""")
    assert problems(project) == [
        "scenes/game.yaml:12:12: error: the intro node 'nope' does not exist in dialogue/en/lane.yaml",
        "scenes/game.yaml:14:13: error: the chapter 'fifth' has no scenes (list where it plays: scenes: [home])",
        "scenes/game.yaml:15:5: error: unknown key 'outro' in a chapter (did you mean 'intro'?)",
        "scenes/game.yaml:4:20: error: the chapter 'first' plays in the scene 'lame', which has no folder under "
        "scenes/ (did you mean 'lane'?)",
        "scenes/game.yaml:5:12: error: the intro node 'arive' does not exist in dialogue/en/home.yaml "
        "(did you mean 'arrive'?)",
        "scenes/game.yaml:6:9: error: duplicate chapter id 'first' (first at line 3) "
        "(chapter ids must be unique; give this one a new name)",
        "scenes/game.yaml:8:9: error: the chapter id 'Third' is not a valid id "
        "(use lower-case letters a-z, digits and underscores, starting with a letter)",
    ]


def test_a_scene_in_two_chapters(project: Path) -> None:
    write(project, "scenes/game.yaml", GAME.replace("scenes: [school]", "scenes: [school, lane, school]"))
    assert problems(project) == [
        "scenes/game.yaml:7:22: error: the scene 'lane' is already in the chapter 'first' (line 3) "
        "(a scene belongs to one chapter)",
        "scenes/game.yaml:7:28: error: the scene 'school' is already earlier in this chapter "
        "(a scene belongs to one chapter)",
    ]


def test_no_chapters(project: Path) -> None:
    write(project, "scenes/game.yaml", "player: ravi\nchapters: []\n")
    content, found, _ = load_content(project)
    assert content is None
    assert [p.format() for p in found if p.pos.path == "scenes/game.yaml"] == [
        "scenes/game.yaml:2:11: error: there are no chapters (a game needs at least one chapter)"]
    write(project, "scenes/game.yaml", "player: ravi\n")
    assert [p.format() for p in load_content(project)[1] if p.pos.path == "scenes/game.yaml"] == [
        "scenes/game.yaml:1:1: error: the game file has no chapters (add 'chapters:' with at least one chapter "
        "(docs/maps.md))"]


def test_a_scene_in_no_chapter_is_a_warning(project: Path) -> None:
    write(project, "scenes/game.yaml", GAME.replace("[home, lane]", "[home]"))
    content, found, _ = load_content(project)
    assert content is not None
    assert [p.format() for p in found] == [
        "scenes/lane/scene.yaml:1:1: warning: the scene 'lane' is not in any chapter "
        "(add it to the scenes of a chapter in scenes/game.yaml)"]


def test_old_start_key_still_works_with_a_warning(project: Path) -> None:
    write(project, "scenes/game.yaml", "player: ravi\nstart: lane\n")
    content, found, _ = load_content(project)
    assert content is not None and content.start_scene == "lane"
    assert content.chapters == (Chapter("lane", ("lane", "home", "school"), None, Pos("scenes/game.yaml", 2, 8)),)
    assert [p.format() for p in found] == [
        "scenes/game.yaml:2:1: warning: 'start' is the old way to say where the game begins: use chapters "
        "(write  chapters: [{id: ..., scenes: [...]}]  as in docs/maps.md; 'start' stops working soon)"]
    write(project, "scenes/game.yaml", "player: ravi\nstart: lan\n")
    assert "scenes/game.yaml:2:8: error: the chapter 'lan' plays in the scene 'lan', which has no folder under " \
           "scenes/ (did you mean 'lane'?)" in problems(project)
    write(project, "scenes/game.yaml", GAME + "start: home\n")
    assert "scenes/game.yaml:8:1: error: 'start' and 'chapters' both say where the game begins " \
           "(remove 'start': the game begins with the first chapter)" in problems(project)


def test_first_scene_of_a_chapter_should_have_a_debrief(project: Path) -> None:
    write(project, "dialogue/en/home.yaml", scene_dialogue("home", debrief=""))
    write(project, "dialogue/en/school.yaml", scene_dialogue("school", debrief=DEBRIEF.replace(
        "  happened:\n    - id: h1\n      text: \"It happened.\"\n", "").replace(
        "    - id: q2\n      text: \"Why not?\"\n", "")))
    content, found, _ = load_content(project)
    assert content is not None  # warnings only, while the content is being written
    assert sorted(p.format() for p in found) == [
        "dialogue/en/home.yaml:1:1: warning: the chapter 'first' begins in this scene, which has no 'debrief:' "
        "for the end of the chapter (see 'The debrief' in docs/dialogue-format.md)",
        "dialogue/en/school.yaml:7:1: warning: the debrief has 1 questions; it should have 2 or 3 "
        "(see 'The debrief' in docs/dialogue-format.md)",
        "dialogue/en/school.yaml:7:1: warning: the debrief has nothing under 'happened' "
        "(add at least one thing the player's choices led to)",
    ]


def test_line_sounds_must_exist(project: Path) -> None:
    nodes = "  arrive:\n    - id: a1\n      text: Ding.\n      sound: doorbel\n"
    write(project, "dialogue/en/home.yaml", scene_dialogue("home", nodes))
    assert problems(project) == ["dialogue/en/home.yaml:7:14: error: there is no sound file "
                                 "assets/sound/doorbel.wav (did you mean 'doorbell'?)"]
    write(project, "dialogue/en/home.yaml", scene_dialogue("home", nodes.replace("doorbel", "doorbell")))
    assert problems(project) == []
    shutil.rmtree(project / "assets" / "sound")
    assert problems(project) == ["dialogue/en/home.yaml:7:14: error: there is no sound file "
                                 "assets/sound/doorbell.wav (put the sound in assets/sound/ as a .wav file)"]


THING = """\
  <object id="2" name="board" type="thing" x="0" y="0" width="32" height="16">
   <properties>
    <property name="node" value="board"/>
    <property name="if" value="not seen"/>
   </properties>
  </object>
  <object id="3" name="me" type="npc" x="32" y="32">
   <properties>
    <property name="character" value="ravi"/>
    <property name="node" value="lane.talk"/>
    <property name="if" value="seen"/>
   </properties>
  </object>
"""


def test_things_and_npc_conditions_are_checked_and_their_nodes_reached(project: Path) -> None:
    write(project, "scenes/home/home.tmx", tmx(THING))
    write(project, "dialogue/en/home.yaml", scene_dialogue(
        "home", "  arrive:\n    - id: a1\n      text: Hi.\n  board:\n    - id: b\n      text: B\n",
        extra="vars:\n  seen: false\n"))
    write(project, "dialogue/en/lane.yaml", scene_dialogue(
        "lane", "  arrive:\n    - id: a1\n      text: Hi.\n  talk:\n    - id: t\n      text: T\n"))
    content, found, _ = load_content(project)
    assert found == [] and content is not None  # 'board' and 'talk' are reached from the map
    assert [o.kind for o in content.scenes["home"].map.objects] == ["spawn", "thing", "npc"]

    broken = THING.replace('value="board"', 'value="bord"').replace('value="not seen"', 'value="seen > 1"') \
        .replace('value="seen"', 'value="sen"')
    write(project, "scenes/home/home.tmx", tmx(broken))
    assert problems(project) == [
        "dialogue/en/home.yaml:9:3: warning: node 'board' is never reached "
        "(nothing jumps to, calls or chooses it and no map object starts it)",
        "scenes/home/home.tmx:15:5: error: the thing 'board' starts the dialogue node 'bord', which does not exist "
        "in dialogue/en/home.yaml (did you mean 'board'?)",
        "scenes/home/home.tmx:16:5: error: in the condition 'seen > 1': '>' compares numbers, "
        "not true/false and a number",
        "scenes/home/home.tmx:23:5: error: in the condition 'sen': unknown variable 'sen' (did you mean 'seen'?)",
    ]


def test_help_card_is_loaded(project: Path) -> None:
    content, _, _ = load_content(project)
    assert content is not None
    card = content.strings.help
    assert card.title == "Who can help" and len(card.people) == 2
    assert card.lines[0] == HelpLine("CHILDLINE", "1098", "Free, day and night, for anyone under 18")
    assert [line.number for line in card.lines] == ["1098", "181", "112"]


def test_help_card_problems(project: Path) -> None:
    (project / "dialogue" / "en" / "help.yaml").unlink()
    _, found, _ = load_strings(project, "en")
    assert [p.format() for p in found] == [
        "dialogue/en/help.yaml:1:1: error: this file is missing (every language needs a help.yaml: the card with "
        "the people and helplines a student can turn to (see docs/dialogue-format.md))"]
    write(project, "dialogue/en/help.yaml", """\
title: "Who can help"
intro: [x]
people: []
lines:
  - id: one
    name: A
    number: 1098
    note: B
  - id: one
    name: C
    number: "1"
    note: D
  - id: two
    name: E
    nmber: "2"
    note: F
""")
    strings, found, _ = load_strings(project, "en")
    assert sorted(p.format() for p in found) == [
        "dialogue/en/help.yaml:13:5: error: an entry of 'lines' is missing the key 'number'",
        "dialogue/en/help.yaml:15:5: error: unknown key 'nmber' in an entry of 'lines' (did you mean 'number'?)",
        "dialogue/en/help.yaml:2:8: error: the intro should be a text, found a list",
        "dialogue/en/help.yaml:3:9: error: 'people' is empty (the card needs at least one entry here)",
        "dialogue/en/help.yaml:9:9: error: duplicate id 'one' (first at line 5) "
        "(ids must be unique; give this one a new name)",
    ]
    assert strings.help.lines == (HelpLine("A", "1098", "B"),)  # a plain number is read as its text


def test_strings_stay_constructible_positionally() -> None:
    strings = Strings({"a": "b"}, {"ravi": "Ravi"})
    assert strings.help == HelpCard() and strings.get("a") == "b"
    assert Strings({}, {}, HelpCard("T", "I", ("p",), (HelpLine("n", "1", "x"),))).help.title == "T"
