"""The JSON Schemas in schemas/ (what VS Code checks while a facilitator types) against the shipped YAML and the
loaders (what `python main.py check` reports): every shipped file names its schema on its first line and validates
against it, and deliberately broken snippets are rejected by both the schema and the real loader."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
import yaml

jsonschema = pytest.importorskip("jsonschema")
referencing = pytest.importorskip("referencing")

from game.content import load_content  # noqa: E402
from game.i18n.locale import read_locale_file  # noqa: E402
from game.story.loader import load_dialogue_file  # noqa: E402
from game.story.problems import has_errors  # noqa: E402
from game.strings import UI_KEYS, load_help, load_strings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
MARK = re.compile(r"# yaml-language-server: \$schema=(\S+)\n")


def shipped() -> list[Path]:
    files = [*ROOT.glob("dialogue/*/*.yaml"), *ROOT.glob("scenes/*.yaml"), *ROOT.glob("scenes/*/scene.yaml")]
    return sorted(files)


def ids(paths: list[Path]) -> list[str]:
    return [p.relative_to(ROOT).as_posix() for p in paths]


def expected_schema(rel: str) -> str:
    parts = rel.split("/")
    if rel == "scenes/game.yaml":
        return "game"
    if rel == "scenes/characters.yaml":
        return "cast"
    if parts[0] == "scenes":
        return "scene"
    lang, name = parts[1], parts[2]
    if name == "help.yaml":
        return "help"
    if lang != "en":
        return "translation"
    return {"ui.yaml": "ui", "characters.yaml": "characters", "survey.yaml": "survey",
            "guide.yaml": "guide"}.get(name, "dialogue")


def _registry():
    resources = []
    for path in SCHEMAS.glob("*.schema.json"):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, referencing.Resource.from_contents(contents)))
    return referencing.Registry().with_resources(resources)


REGISTRY = _registry()


def validator(name: str):
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, registry=REGISTRY)


def schema_errors(name: str, text: str) -> list[str]:
    data = yaml.safe_load(textwrap.dedent(text))
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(data)]


# --- the schemas themselves --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", sorted(SCHEMAS.glob("*.schema.json")), ids=lambda p: p.name)
def test_schema_is_valid_2020_12(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def _properties(node, where: str = ""):
    if isinstance(node, dict):
        for name, sub in (node.get("properties") or {}).items():
            yield f"{where}/{name}", sub
        for key, sub in node.items():
            yield from _properties(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _properties(sub, f"{where}/{i}")


@pytest.mark.parametrize("path", sorted(SCHEMAS.glob("*.schema.json")), ids=lambda p: p.name)
def test_every_property_has_a_description(path: Path) -> None:
    """VS Code shows the description as a tooltip: a teacher hovering a key must learn what it is for."""
    schema = json.loads(path.read_text(encoding="utf-8"))
    missing = [where for where, sub in _properties(schema)
               if "description" not in sub and not ("$ref" in sub and len(sub) == 1)]
    assert not missing
    assert schema.get("description")


def test_ui_schema_requires_every_key_the_code_uses() -> None:
    schema = json.loads((SCHEMAS / "ui.schema.json").read_text(encoding="utf-8"))
    required: set[str] = set()

    def walk(node, prefix: str) -> None:
        for name in node.get("required", []):
            sub = node["properties"][name]
            if sub.get("type") == "object":
                walk(sub, f"{prefix}{name}.")
            else:
                required.add(prefix + name)
    walk(schema, "")
    assert required == set(UI_KEYS)


# --- shipped files -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", shipped(), ids=ids(shipped()))
def test_shipped_file_names_its_schema_on_the_first_line(path: Path) -> None:
    rel = path.relative_to(ROOT).as_posix()
    m = MARK.match(path.read_text(encoding="utf-8"))
    assert m, f"{rel} does not start with '# yaml-language-server: $schema=...'"
    named = (path.parent / m.group(1)).resolve()
    assert named.is_file(), f"{rel} names {m.group(1)}, which does not exist"
    assert named == (SCHEMAS / f"{expected_schema(rel)}.schema.json").resolve()


@pytest.mark.parametrize("path", shipped(), ids=ids(shipped()))
def test_shipped_file_validates_against_its_schema(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    m = MARK.match(text)
    assert m
    schema = json.loads((path.parent / m.group(1)).read_text(encoding="utf-8"))
    data = yaml.safe_load(text)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in jsonschema.Draft202012Validator(schema, registry=REGISTRY).iter_errors(data)]
    assert not errors


def test_the_schema_comment_does_not_disturb_the_checker() -> None:
    content, problems, _ = load_content(ROOT)
    assert content is not None and not has_errors(problems)


# --- schema and loader agree on broken snippets ------------------------------------------------------------------------
GOOD_DIALOGUE = """\
scene: home
title: "An evening"
start: arrive
vars:
  helped: false
  count: 0
endings:
  done:
    title: "Done"
    text: "It is done."
debrief:
  happened:
    - id: h1
      text: "Something happened."
  questions:
    - id: q1
      text: "Why?"
      if: helped
nodes:
  arrive:
    - id: a1
      text: "Hello."
    - id: c1
      label: "At the door"
      choose:
        - id: o1
          text: "Help"
          do: helped = true
          once: true
          goto: later
        - id: o2
          text: "Count"
          do: [count += 1]
      fallback: later
    - do: count += 1
      if: count < 3
    - call: later
    - goto: later
  later:
    - end: done
"""

BROKEN_DIALOGUE = {
    "unknown top-level key": GOOD_DIALOGUE.replace("start: arrive", "begin: arrive"),
    "missing title": GOOD_DIALOGUE.replace('title: "An evening"\n', ""),
    "missing nodes": GOOD_DIALOGUE.split("nodes:")[0],
    "unknown key in a line": GOOD_DIALOGUE.replace('text: "Hello."', 'text: "Hello."\n      colour: red'),
    "typo in a kind key": GOOD_DIALOGUE.replace("- goto: later", "- got: later"),
    "two kinds in one step": GOOD_DIALOGUE.replace("- call: later", "- call: later\n      goto: later"),
    "line without id": GOOD_DIALOGUE.replace('- id: a1\n      text: "Hello."', '- text: "Hello."'),
    "bad line id": GOOD_DIALOGUE.replace("id: a1", "id: A-1"),
    "bad node id": GOOD_DIALOGUE.replace("  later:\n", "  Later:\n").replace("goto: later", "goto: Later"),
    "node named debrief": GOOD_DIALOGUE.replace("later", "debrief"),
    "bad speaker id": GOOD_DIALOGUE.replace('text: "Hello."', 'text: "Hello."\n      say: Amma'),
    "bad goto target": GOOD_DIALOGUE.replace("- goto: later", "- goto: a.b.c"),
    "unknown key in an option": GOOD_DIALOGUE.replace("once: true", "once: true\n          weight: 2"),
    "once not a boolean": GOOD_DIALOGUE.replace("once: true", "once: sometimes"),
    "option without text": GOOD_DIALOGUE.replace('          text: "Count"\n', ""),
    "empty choose": re.sub(r"      choose:\n.*?(?=      fallback:)", "      choose: []\n", GOOD_DIALOGUE, flags=re.S),
    "ending without text": GOOD_DIALOGUE.replace('    text: "It is done."\n', ""),
    "unknown key in an ending": GOOD_DIALOGUE.replace('text: "It is done."', 'text: "It is done."\n    mood: calm'),
    "reserved variable name": GOOD_DIALOGUE.replace("helped: false", "visits: false"),
    "bad variable name": GOOD_DIALOGUE.replace("count: 0", "Count: 0"),
    "list as a variable value": GOOD_DIALOGUE.replace("count: 0", "count: [1]"),
    "unknown key in the debrief": GOOD_DIALOGUE.replace("  happened:", "  notes: x\n  happened:"),
    "debrief item without id": GOOD_DIALOGUE.replace('- id: h1\n      text: "Something happened."',
                                                     '- text: "Something happened."'),
    "no nodes": GOOD_DIALOGUE.split("nodes:")[0] + "nodes: {}\n",
    "empty text": GOOD_DIALOGUE.replace('text: "Hello."', "text:"),
}


def test_good_dialogue_passes_both() -> None:
    scene, problems = load_dialogue_file(GOOD_DIALOGUE.encode(), "dialogue/en/home.yaml")
    assert scene is not None, problems
    assert not schema_errors("dialogue", GOOD_DIALOGUE)


@pytest.mark.parametrize("name", sorted(BROKEN_DIALOGUE))
def test_broken_dialogue_is_rejected_by_both(name: str) -> None:
    text = BROKEN_DIALOGUE[name]
    assert text != GOOD_DIALOGUE
    scene, problems = load_dialogue_file(text.encode(), "dialogue/en/home.yaml")
    assert scene is None and has_errors(problems), f"the loader accepts: {name}"
    assert schema_errors("dialogue", text), f"the schema accepts: {name}"


GOOD_TRANSLATION = """\
translates: home
strings:
  home.title:
    source: "An evening"
    text: "Una tarde"
  home.arrive.a1:
    source: "Hello."
    text:
nodes:
  arrive:
    - id: a1
      text: "Hola."
    - goto: later
"""

BROKEN_TRANSLATION = {
    "unknown top-level key": GOOD_TRANSLATION.replace("translates: home", "translates: home\nlanguage: es"),
    "missing translates": GOOD_TRANSLATION.replace("translates: home\n", ""),
    "missing strings": "translates: home\n",
    "entry without source": GOOD_TRANSLATION.replace('    source: "An evening"\n', ""),
    "unknown key in an entry": GOOD_TRANSLATION.replace('text: "Una tarde"', 'text: "Una tarde"\n    note: x'),
    "text is a mapping": GOOD_TRANSLATION.replace('text: "Una tarde"', "text:\n      es: x"),
}


def _locale_errors(tmp_path: Path, text: str) -> bool:
    folder = tmp_path / "dialogue" / "es"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "home.yaml").write_text(text, encoding="utf-8")
    problems: list = []
    read_locale_file(tmp_path, folder / "home.yaml", "es", problems)
    return has_errors(problems)


def test_good_translation_passes_both(tmp_path: Path) -> None:
    assert not _locale_errors(tmp_path, GOOD_TRANSLATION)
    assert not schema_errors("translation", GOOD_TRANSLATION)


@pytest.mark.parametrize("name", sorted(BROKEN_TRANSLATION))
def test_broken_translation_is_rejected_by_both(name: str, tmp_path: Path) -> None:
    text = BROKEN_TRANSLATION[name]
    assert _locale_errors(tmp_path, text), f"the loader accepts: {name}"
    assert schema_errors("translation", text), f"the schema accepts: {name}"


@pytest.mark.parametrize("snippet", ["    - id: A1\n      text: x\n", "    - id: s1\n      text: x\n      goto: arrive\n"],
                         ids=["bad id", "two kinds"])
def test_broken_override_node_is_rejected_by_the_schema_and_the_loader(snippet: str) -> None:
    """An override node is checked by the same code as a source node (override_nodes → _FileReader.node)."""
    text = GOOD_TRANSLATION.split("nodes:")[0] + "nodes:\n  arrive:\n" + snippet
    assert schema_errors("translation", text)
    source = GOOD_DIALOGUE.split("nodes:")[0] + "nodes:\n  arrive:\n" + snippet
    scene, _ = load_dialogue_file(source.encode(), "dialogue/en/home.yaml")
    assert scene is None


GOOD_HELP = """\
title: "Who can help"
intro: "Talk to someone."
checked: "2026-11-23"
people:
  - id: p1
    text: "A teacher"
lines:
  - id: childline
    name: "CHILDLINE"
    number: 1098
    note: "Free"
"""

BROKEN_HELP = {
    "unknown key": GOOD_HELP.replace('intro: "Talk to someone."', 'intro: "Talk to someone."\nfooter: x'),
    "missing lines": GOOD_HELP.split("lines:")[0],
    "line without number": GOOD_HELP.replace("    number: 1098\n", ""),
    "bad id": GOOD_HELP.replace("id: p1", "id: P 1"),
    "unknown key in a person": GOOD_HELP.replace('text: "A teacher"', 'text: "A teacher"\n    phone: x'),
    "no people": GOOD_HELP.replace('people:\n  - id: p1\n    text: "A teacher"\n', "people: []\n"),
}


def _help_errors(tmp_path: Path, text: str) -> bool:
    (tmp_path / "help.yaml").write_text(text, encoding="utf-8")
    problems: list = []
    load_help(tmp_path, "help.yaml", problems)
    return has_errors(problems)


def test_good_help_passes_both(tmp_path: Path) -> None:
    assert not _help_errors(tmp_path, GOOD_HELP)
    assert not schema_errors("help", GOOD_HELP)


@pytest.mark.parametrize("name", sorted(BROKEN_HELP))
def test_broken_help_is_rejected_by_both(name: str, tmp_path: Path) -> None:
    text = BROKEN_HELP[name]
    assert _help_errors(tmp_path, text), f"the loader accepts: {name}"
    assert schema_errors("help", text), f"the schema accepts: {name}"


def _strings_errors(tmp_path: Path, ui: str, characters: str) -> bool:
    folder = tmp_path / "dialogue" / "en"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ui.yaml").write_text(ui, encoding="utf-8")
    (folder / "characters.yaml").write_text(characters, encoding="utf-8")
    (folder / "help.yaml").write_text(GOOD_HELP, encoding="utf-8")
    _strings, problems, _ = load_strings(tmp_path, "en")
    return has_errors(problems)


GOOD_UI = (ROOT / "dialogue" / "en" / "ui.yaml").read_text(encoding="utf-8")
GOOD_CHARACTERS = "ravi:\n  name: Ravi\nmeera:\n  name: Meera\n"


@pytest.mark.parametrize("ui,characters,name", [
    (GOOD_UI.replace("  quit:", "  leave:", 1), GOOD_CHARACTERS, "ui"),  # a key the code uses is missing
    (GOOD_UI + "extra:\n  - a list\n", GOOD_CHARACTERS, "ui"),  # a list is not a text
    (GOOD_UI, GOOD_CHARACTERS + "  nickname: Ravu\n", "characters"),  # unknown key
    (GOOD_UI, GOOD_CHARACTERS + "amma: {}\n", "characters"),  # missing name
], ids=["ui missing key", "ui list", "characters unknown key", "characters missing name"])
def test_broken_ui_and_names_are_rejected_by_both(ui: str, characters: str, name: str, tmp_path: Path) -> None:
    assert not _strings_errors(tmp_path, GOOD_UI, GOOD_CHARACTERS)
    assert _strings_errors(tmp_path, ui, characters)
    assert schema_errors(name, ui if name == "ui" else characters)


# scenes/: the snippets replace the shipped file in a copy of the project, and the whole content is loaded.
SCENE_FILES = {
    "game": "scenes/game.yaml",
    "cast": "scenes/characters.yaml",
    "scene": "scenes/home/scene.yaml",
}
_GAME = (ROOT / "scenes" / "game.yaml").read_text(encoding="utf-8")
_CAST = (ROOT / "scenes" / "characters.yaml").read_text(encoding="utf-8")
BROKEN_SCENES = [
    ("game", _GAME.replace("player: ravi", "player: ravi\nmusic: on"), "game: unknown key"),
    ("game", _GAME.replace("player: ravi\n", ""), "game: missing player"),
    ("game", _GAME.replace("player: ravi", "player: Ravi"), "game: bad player id"),
    ("game", _GAME.replace("  - id: school", "  - id: School"), "game: bad chapter id"),
    ("game", _GAME.replace("    scenes: [school]\n", ""), "game: chapter without scenes"),
    ("game", _GAME.replace("    scenes: [school]", "    scenes: []"), "game: chapter with no scenes"),
    ("game", _GAME.replace("intro: bell", "intro: a.b.c"), "game: bad intro"),
    ("game", _GAME.replace("intro: bell", "intro: bell\n    music: x"), "game: unknown chapter key"),
    ("game", _GAME.replace("player: ravi", "player: ravi\nstart: home"), "game: start and chapters"),
    ("cast", _CAST.replace('color: "#2f6f8f"', 'color: "#2f6f8f"\n  voice: low', 1), "cast: unknown key"),
    ("cast", _CAST.replace('  color: "#2f6f8f"\n', "", 1), "cast: missing color"),
    ("cast", _CAST.replace('color: "#2f6f8f"', "color: #2f6f8f", 1), "cast: colour not quoted"),
    ("cast", _CAST.replace('color: "#2f6f8f"', 'color: "blue"', 1), "cast: not a colour"),
    ("cast", _CAST.replace("[neutral, happy,", "[Neutral, happy,", 1), "cast: bad portrait id"),
    ("scene", "map: home.tmx\nmusic: x\n", "scene: unknown key"),
    ("scene", "maps: home.tmx\n", "scene: missing map"),
]


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory):
    import shutil
    dest = tmp_path_factory.mktemp("project")
    for name in ("scenes", "dialogue", "assets"):
        shutil.copytree(ROOT / name, dest / name)
    return dest


@pytest.mark.parametrize("name,text,case", BROKEN_SCENES, ids=[c for _, _, c in BROKEN_SCENES])
def test_broken_scene_files_are_rejected_by_both(name: str, text: str, case: str, project_copy: Path) -> None:
    target = project_copy / SCENE_FILES[name]
    original = target.read_text(encoding="utf-8")
    assert text != original
    try:
        target.write_text(text, encoding="utf-8")
        content, problems, _ = load_content(project_copy)
    finally:
        target.write_text(original, encoding="utf-8")
    assert content is None and has_errors(problems), f"the loader accepts: {case}"
    assert schema_errors(name, text), f"the schema accepts: {case}"


def test_project_copy_loads_cleanly(project_copy: Path) -> None:
    content, problems, _ = load_content(project_copy)
    assert content is not None and not has_errors(problems)
