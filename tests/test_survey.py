"""The class survey (dialogue/en/survey.yaml → game/classroom/survey.py): the shipped survey and its translations,
what a facilitator's mistakes look like, the strings a translator gets, and reverse scoring."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from game.classroom.survey import CONSTRUCTS, SURVEY_FILE, Item, load_survey, survey_strings
from game.i18n.checks import check_file, is_stale
from game.i18n.locale import read_locale_file
from game.i18n.skeleton import render
from game.story.problems import Pos, has_errors

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("hi", "es", "bn")


@pytest.fixture(scope="module")
def shipped():
    problems: list = []
    survey = load_survey(ROOT, problems)
    assert survey is not None
    return survey, problems


def write(root: Path, text: str) -> Path:
    path = root / SURVEY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load(root: Path, text: str):
    write(root, text)
    problems: list = []
    survey = load_survey(root, problems)
    return survey, [p.format() for p in problems]


# --- the shipped survey --------------------------------------------------------------------------------------------
def test_the_shipped_survey_loads_without_any_problem(shipped) -> None:
    survey, problems = shipped
    assert problems == []
    assert 10 <= len(survey.items) <= 12
    assert survey.title and survey.intro


def test_every_topic_is_covered_and_attitude_items_point_both_ways(shipped) -> None:
    survey, _ = shipped
    assert set(survey.constructs) == set(CONSTRUCTS)
    assert any(i.reverse for i in survey.items) and any(not i.reverse for i in survey.items)
    # Each attitude topic has an item on each side, so a student who agrees with everything does not look equitable.
    for construct in CONSTRUCTS:
        if construct == "helping":
            continue
        sides = {i.reverse for i in survey.items if i.construct == construct}
        assert sides == {True, False}, construct
    # Confidence to help is asked on the confidence scale, attitudes on agree/disagree.
    assert {survey.scale_of(i).id for i in survey.items if i.construct == "helping"} == {"confident"}
    assert {survey.scale_of(i).id for i in survey.items if i.construct != "helping"} == {"agree"}


def test_scales_have_four_points_with_no_middle(shipped) -> None:
    survey, _ = shipped
    assert [o.text for o in survey.scales["agree"].options] == ["Strongly disagree", "Disagree", "Agree",
                                                                "Strongly agree"]
    assert [o.text for o in survey.scales["confident"].options] == ["Not at all sure", "A little sure", "Quite sure",
                                                                    "Very sure"]
    assert all(o.value == n for s in survey.scales.values() for n, o in enumerate(s.options, start=1))


def test_items_are_short_and_cite_their_source(shipped) -> None:
    survey, _ = shipped
    for item in survey.items:
        assert len(item.text.split()) <= 15, item.id
        assert item.source and any(name in item.source for name in ("GEM", "Dhar", "Banyard", "Moreau", "Lonsway")), \
            item.id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_translates_the_whole_survey(lang: str, shipped) -> None:
    survey, _ = shipped
    relpath = f"dialogue/{lang}/survey.yaml"
    problems: list = []
    file = read_locale_file(ROOT, ROOT / relpath, lang, problems)
    assert file is not None and problems == []
    assert file.translates == "survey"
    items = survey_strings(survey)
    assert list(file.entries) == [s.id for s in items]
    for item in items:
        entry = file.entries[item.id]
        assert entry.text.strip(), f"{relpath}: {item.id} is not translated"
        assert entry.text != item.text, f"{relpath}: {item.id} is still the English"
        assert not is_stale(entry, item.text), f"{relpath}: {item.id} is stale"
    assert check_file(file, {"survey": items}) == []


def test_the_translation_files_are_what_the_skeleton_writer_makes(shipped) -> None:
    """Same layout as every other translation file: `i18n new` / `i18n import` can rewrite them without a diff."""
    survey, _ = shipped
    names = {"hi": "Hindi", "es": "Spanish", "bn": "Bengali"}
    for lang in LANGUAGES:
        path = ROOT / "dialogue" / lang / "survey.yaml"
        file = read_locale_file(ROOT, path, lang, [])
        assert file is not None
        texts = {ident: e.text for ident, e in file.entries.items()}
        assert path.read_text(encoding="utf-8") == render("survey", survey_strings(survey), names[lang],
                                                          existing=texts)


# --- the strings a translator gets ---------------------------------------------------------------------------------
def test_survey_strings_ids_and_lines_point_into_the_file(shipped) -> None:
    survey, _ = shipped
    lines = (ROOT / SURVEY_FILE).read_text(encoding="utf-8").split("\n")
    items = survey_strings(survey)
    ids = [s.id for s in items]
    assert ids[:2] == ["survey.title", "survey.intro"]
    assert {f"survey.items.{i.id}" for i in survey.items} <= set(ids)
    assert {f"survey.scales.agree.{n}" for n in range(1, 5)} <= set(ids)
    assert len(ids) == len(set(ids)) == 2 + len(survey.items) + sum(s.points for s in survey.scales.values())
    for s in items:
        assert s.path == SURVEY_FILE
        # The text starts at its column, as a double-quoted scalar.
        assert lines[s.line - 1][s.col - 1:].startswith(json.dumps(s.text)), s.id


def test_survey_strings_of_a_small_file(tmp_path: Path) -> None:
    survey, problems = load(tmp_path, GOOD)
    assert survey is not None and problems == []
    got = [(s.id, s.text, s.line, s.col) for s in survey_strings(survey)]
    assert got == [
        ("survey.title", "What do you think?", 1, 8),
        ("survey.intro", "No right answers.", 2, 8),
        ("survey.scales.agree.1", "Disagree", 4, 11),
        ("survey.scales.agree.2", "Agree", 4, 23),
        ("survey.scales.confident.1", "Not sure", 6, 7),
        ("survey.scales.confident.2", "Sure", 7, 7),
        ("survey.items.home_job", "A woman's most important job is at home.", 10, 11),
        ("survey.items.safe_help", "I could find a safe way to help.", 16, 11),
    ]


def test_translated_passes_every_shown_text_through_the_catalogue(shipped) -> None:
    survey, _ = shipped
    seen: list[str] = []

    def text(ident: str, source: str) -> str:
        seen.append(ident)
        return f"<{source}>"

    other = survey.translated(text)
    assert sorted(seen) == sorted(s.id for s in survey_strings(survey))
    assert other.title == f"<{survey.title}>"
    assert other.items[0].text == f"<{survey.items[0].text}>" and other.items[0].id == survey.items[0].id
    assert other.scales["agree"].options[0].text == "<Strongly disagree>"
    assert survey.items[0].text != other.items[0].text  # the original is untouched


# --- scoring -------------------------------------------------------------------------------------------------------
def test_reverse_items_are_scored_the_other_way_round(shipped) -> None:
    survey, _ = shipped
    reverse = next(i for i in survey.items if i.reverse)
    forward = next(i for i in survey.items if not i.reverse and i.scale == "agree")
    # "Strongly agree" (4) with a less equitable statement is the least equitable answer: score 1.
    assert [survey.score(reverse.id, str(v)) for v in (1, 2, 3, 4)] == [4, 3, 2, 1]
    assert [survey.score(forward.id, str(v)) for v in (1, 2, 3, 4)] == [1, 2, 3, 4]
    assert survey.score(reverse.id, "5") is None and survey.score(reverse.id, "0") is None
    assert survey.score(reverse.id, "agree") is None and survey.score("no_such_item", "1") is None
    assert survey.score(reverse.id, "²") is None and survey.score(reverse.id, "") is None
    assert survey.value(forward.id, "3") == 3


def test_item_score_refuses_a_value_off_the_scale() -> None:
    item = Item("x", "X", "agree", True, "chores", "", Pos(SURVEY_FILE, 1, 1))
    assert item.score(1, 4) == 4
    with pytest.raises(ValueError):
        item.score(5, 4)


# --- a facilitator's mistakes --------------------------------------------------------------------------------------
GOOD = """\
title: "What do you think?"
intro: "No right answers."
scales:
  agree: ["Disagree", "Agree"]
  confident:
    - "Not sure"
    - "Sure"
items:
  - id: home_job
    text: "A woman's most important job is at home."
    scale: agree
    reverse: true
    construct: gender_roles
    source: "GEM scale"
  - id: safe_help
    text: "I could find a safe way to help."
    scale: confident
    reverse: false
    construct: helping
    source: "Banyard et al."
"""
F = SURVEY_FILE

BROKEN = {
    "unknown top-level key": (
        GOOD.replace("intro:", "intro_text:"),
        [f"{F}:2:1: error: unknown key 'intro_text' in the survey (did you mean 'intro'?)",
         f"{F}:1:1: error: the survey is missing the key 'intro'"]),
    "unknown key in an item": (
        GOOD.replace("    reverse: true\n", "    revers: true\n"),
        [f"{F}:12:5: error: unknown key 'revers' in the item 'home_job' (did you mean 'reverse'?)",
         f"{F}:9:5: error: the item 'home_job' is missing the key 'reverse'"]),
    "duplicate id": (
        GOOD.replace("id: safe_help", "id: home_job"),
        [f"{F}:15:9: error: duplicate item id 'home_job' (first at line 9) "
         "(ids must be unique; give this one a new name)"]),
    "bad id": (
        GOOD.replace("id: home_job", "id: Home-Job"),
        [f"{F}:9:9: error: the item id 'Home-Job' is not a valid id "
         "(use lower-case letters a-z, digits and underscores, starting with a letter)"]),
    "unknown scale": (
        GOOD.replace("scale: confident", "scale: confidant"),
        [f"{F}:17:12: error: the item 'safe_help' uses the scale 'confidant', which is not under 'scales' "
         "(did you mean 'confident'?)",
         f"{F}:5:3: warning: the scale 'confident' is not used by any item (remove it, or use it in an item)"]),
    "a scale with one answer": (
        GOOD.replace('agree: ["Disagree", "Agree"]', 'agree: ["Agree"]'),
        [f"{F}:4:10: error: the scale 'agree' has 1 answer; a scale needs 2 to 7 "
         "(list the answers from the least to the most agreement, one per line)"]),
    "the same answer twice": (
        GOOD.replace('agree: ["Disagree", "Agree"]', 'agree: ["Agree", "Agree"]'),
        [f"{F}:4:20: error: the scale 'agree' has the answer \"Agree\" twice (first as answer 1) "
         "(every answer of a scale must be different)"]),
    "scales written as a list": (
        GOOD.replace('  agree: ["Disagree", "Agree"]\n  confident:\n    - "Not sure"\n    - "Sure"\n', "  - agree\n"),
        [f"{F}:4:3: error: 'scales' should be a mapping (key: value lines), found a list"]),
    "empty text": (
        GOOD.replace('text: "I could find a safe way to help."', 'text: ""'),
        [f"{F}:16:11: error: the text of the item 'safe_help' is empty (write the text between the quotes)"]),
    "no text": (
        GOOD.replace('text: "I could find a safe way to help."', "text:"),
        [f"{F}:16:10: error: the text of the item 'safe_help' should be a text, found nothing"]),
    "empty title": (
        GOOD.replace('title: "What do you think?"', 'title: "  "'),
        [f"{F}:1:8: error: the title is empty (write the text between the quotes)"]),
    "reverse is not true or false": (
        GOOD.replace("reverse: true", "reverse: yes"),
        [f"{F}:12:14: error: 'reverse' of the item 'home_job' should be true or false, found 'yes' "
         "(write true or false)"]),
    "unknown construct": (
        GOOD.replace("construct: helping", "construct: helpping"),
        [f"{F}:19:16: error: unknown construct 'helpping' in the item 'safe_help' (did you mean 'helping'?)"]),
    "no items": (
        GOOD.split("items:")[0] + "items: []\n",
        [f"{F}:8:8: error: the survey has no items (add at least one question under 'items:')"]),
    "YAML syntax": (
        GOOD.replace('intro: "No right answers."', 'intro: "No right answers.'),
        [f"{F}:4:12: error: this line does not line up with the lines above it (check the indentation)"]),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_survey_gives_exact_positions(name: str, tmp_path: Path) -> None:
    text, expected = BROKEN[name]
    assert text != GOOD
    survey, problems = load(tmp_path, text)
    assert survey is None
    assert problems == expected


WARNINGS = {
    "no source": (
        GOOD.replace('    source: "Banyard et al."\n', ""),
        [f"{F}:15:5: warning: the item 'safe_help' does not say where it comes from "
         "(add source: \"...\" with the published scale it is adapted from, or \"our own question\")"]),
    "a scale no item uses": (
        GOOD.replace("scale: confident", "scale: agree"),
        [f"{F}:5:3: warning: the scale 'confident' is not used by any item (remove it, or use it in an item)"]),
    "more than 15 items": (
        GOOD + "".join(f"  - id: q{i}\n    text: \"Question {i}\"\n    scale: agree\n    reverse: false\n"
                       f"    construct: chores\n    source: \"ours\"\n" for i in range(14)),
        [f"{F}:99:5: warning: the survey has 16 items; keep it to 15 or fewer "
         "(students tire and stop reading: 10 to 12 short items are best)"]),
    "a long text": (
        GOOD.replace("I could find a safe way to help.", "I could " + "really " * 20 + "help."),
        [f"{F}:16:11: warning: the text of the item 'safe_help' is 153 characters long "
         "(keep it under 120: many students read it in a second language)"]),
}


@pytest.mark.parametrize("name", sorted(WARNINGS))
def test_warnings_leave_a_working_survey(name: str, tmp_path: Path) -> None:
    text, expected = WARNINGS[name]
    survey, problems = load(tmp_path, text)
    assert survey is not None
    assert problems == expected


def test_no_survey_file_is_not_a_problem(tmp_path: Path) -> None:
    problems: list = []
    assert load_survey(tmp_path, problems) is None
    assert problems == []


def test_a_broken_survey_stops_the_content_and_shows_in_check(tmp_path: Path) -> None:
    """The survey is part of the content: `python main.py check` reports its mistakes like any other file's."""
    from game.content import load_content

    for name in ("scenes", "dialogue", "assets"):
        shutil.copytree(ROOT / name, tmp_path / name)
    content, problems, _ = load_content(tmp_path)
    assert content is not None and content.survey is not None and not has_errors(problems)
    assert "survey" in content.extra_sources()
    path = tmp_path / SURVEY_FILE
    text = path.read_text(encoding="utf-8")
    line = text[:text.index("scale: confident")].count("\n") + 1  # the first item on the confidence scale
    item = next(i for i in content.survey.items if i.scale == "confident")
    path.write_text(text.replace("scale: confident", "scale: confidence", 1), encoding="utf-8")
    content, problems, _ = load_content(tmp_path)
    assert content is None
    assert [p.format() for p in problems if p.pos.path == SURVEY_FILE] == [
        f"{F}:{line}:12: error: the item '{item.id}' uses the scale 'confidence', which is not under 'scales' "
        "(did you mean 'confident'?)"]
    # A project without a survey loads as before.
    path.unlink()
    content, problems, _ = load_content(tmp_path)
    assert content is not None and content.survey is None and "survey" not in content.extra_sources()


# --- the JSON Schema (what VS Code checks) agrees with the loader --------------------------------------------------
def _schema_errors(text: str) -> list[str]:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schemas" / "survey.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load(text)
    return [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]


def test_the_good_survey_passes_the_schema() -> None:
    assert _schema_errors(GOOD) == []
    assert _schema_errors((ROOT / SURVEY_FILE).read_text(encoding="utf-8")) == []


# What a schema cannot see: ids repeated across items, an item naming a scale that is not there, a file that is not
# YAML. And `yes` is true for the YAML 1.1 reader used here (VS Code reads YAML 1.2, where it is a word).
BEYOND_THE_SCHEMA = {"duplicate id", "unknown scale", "YAML syntax", "reverse is not true or false"}


@pytest.mark.parametrize("name", sorted(set(BROKEN) - BEYOND_THE_SCHEMA))
def test_the_schema_rejects_what_the_loader_rejects(name: str) -> None:
    assert _schema_errors(BROKEN[name][0]), f"the schema accepts: {name}"


# --- docs/privacy.md tells parents and reviewers what is asked --------------------------------------------------------
def test_the_privacy_page_lists_every_statement_and_the_retention_default(shipped) -> None:
    from game.classroom.report import THRESHOLD
    from game.settings import Settings

    survey, _ = shipped
    page = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")
    rows = [line for line in page.split("\n") if line.startswith("| ") and line.rstrip().endswith(" |")]
    listed = {line.rstrip(" |").rsplit(" | ", 1)[-1] for line in rows}
    assert {item.text for item in survey.items} <= listed
    assert f"**{Settings().results_keep_days} by default**" in page
    assert f"fewer than {THRESHOLD} students" in page
