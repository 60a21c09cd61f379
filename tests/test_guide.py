"""`python main.py guide`: the facilitator guide, written from the content and dialogue/en/guide.yaml, in English and
Hindi; guide.yaml's own checks (exact path:line:col); the page prints on A4 in headless Chromium."""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import pytest

from game.classroom.guide import chapter_pages, render_guide, run_guide
from game.classroom.guidetext import (GUIDE_FILE, HEADINGS, LESSON_MINUTES, PARTS, check_guide_text, guide_strings,
                                      labelled_choices, lesson_plan, load_guide_text, pause_points,
                                      surveys_of)
from game.content import load_content
from game.story.model import Choice, Pause
from game.story.problems import has_errors

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
EN_GUIDE = (ROOT / GUIDE_FILE).read_text(encoding="utf-8")
URL = re.compile(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", re.I)


def html_shot():
    """tools/html_shot.py, whose chromium() stops a headless Chromium that hangs and runs it once more."""
    sys.path.insert(0, str(ROOT / "tools"))
    import html_shot as module

    return module


def _main(*args: str, root: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(root / "main.py"), *args], capture_output=True, text=True, cwd=root,
                          timeout=120)


def _copy(dest: Path) -> Path:
    """A copy of the project to change: the commands find their content beside their code, so the code comes too."""
    for name in ("scenes", "dialogue", "assets", "game"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "main.py", dest / "main.py")
    return dest


def _at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column where `needle` starts (its nth occurrence) in `text`."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _e(text: str) -> str:
    return html.escape(text, quote=True)


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    """The guide in English and Hindi, written by the real command."""
    out = {}
    folder = tmp_path_factory.mktemp("guide")
    for lang in ("en", "hi"):
        path = folder / f"guide-{lang}.html"
        result = _main("guide", "--lang", lang, "-o", str(path))
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        assert f"wrote {path}" in result.stdout
        out[lang] = path.read_text(encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def contents():
    loaded = {}
    for lang in ("en", "hi"):
        content, problems, _ = load_content(ROOT, lang)
        assert content is not None and not has_errors(problems)
        loaded[lang] = content
    return loaded


# --- what the guide says ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "hi"])
def test_every_chapter_has_its_goal_title_and_exit_question(pages, contents, lang):
    page, content = pages[lang], contents[lang]
    assert f"<html lang='{lang}'>" in page
    for number, chapter in enumerate(content.chapters, start=1):
        text = content.guide.chapters[chapter.id]
        goal = content.catalog.text(text.goal.id, text.goal.text)
        exit_q = content.catalog.text(text.exit.id, text.exit.text)
        scene = content.story.scenes[chapter.scenes[0]]
        title = content.catalog.text(f"{scene.id}.title", scene.title)
        heading = content.catalog.text("guide.headings.chapter", "").replace("{number}", str(number)) \
            .replace("{title}", title)
        assert f"id='chapter-{chapter.id}'" in page
        assert _e(goal) in page and _e(exit_q) in page and _e(heading) in page
        if lang == "hi":
            assert goal != text.goal.text, "the Hindi guide shows the English goal"


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_each_lesson_plan_has_every_part_and_lasts_40_to_45_minutes(pages, contents, lang):
    page = pages[lang]
    plans = re.findall(r"<table class='plan'>(.*?)</table>", page, re.S)
    assert len(plans) == len(contents[lang].chapters)
    for index, plan in enumerate(plans):
        parts = re.findall(r"data-part='([a-z_]+)' data-minutes='(\d+)'", plan)
        # The survey before opens the first chapter's lesson and the survey after closes the last one's: two days.
        surveys = (["survey_pre"] if index == 0 else [], ["survey_post"] if index == len(plans) - 1 else [])
        assert [p for p, _m in parts] == [*surveys[0], *PARTS, *surveys[1]]
        total = int(re.search(r"data-total='(\d+)'", plan).group(1))
        assert sum(int(m) for _p, m in parts) == total
        assert LESSON_MINUTES[0] <= total <= LESSON_MINUTES[1]
        assert int(dict(parts)["play"]) >= contents[lang].guide.lesson["play"].minutes
        shown = contents[lang].catalog.text("guide.headings.min", "")
        assert _e(shown.replace("{minutes}", str(total))) in plan


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_every_labelled_choice_appears_with_its_options_and_note(pages, contents, lang):
    page, content = pages[lang], contents[lang]
    count = 0
    for chapter in content.chapters:
        notes = content.guide.chapters[chapter.id].notes
        for choice in labelled_choices(content.story, chapter.scenes):
            count += 1
            block = re.search(rf"<div class='box choice' id='{re.escape(choice.id)}'>(.*?)</div>", page, re.S)
            assert block, choice.id
            assert _e(content.catalog.text(f"{choice.id}.label", choice.label)) in block.group(1)
            for option in choice.options:  # each with the name of its kind of act, in the guide's language
                kind = content.strings.get(f"acts.{option.tag}")
                assert (f"<li>{_e(content.catalog.text(option.id, option.text))} "
                        f"<span class='kind'>{_e(kind)}</span></li>") in block.group(1)
                assert kind != f"acts.{option.tag}" and (lang == "en" or kind.isascii() is False)
            note = notes[choice.id]
            assert _e(content.catalog.text(note.id, note.text)) in block.group(1)
    assert count >= 15


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_debrief_questions_at_both_levels(pages, contents, lang):
    page, content = pages[lang], contents[lang]
    for chapter in content.chapters:
        older = content.guide.chapters[chapter.id].older
        for sid in chapter.scenes:
            debrief = content.story.scenes[sid].debrief
            for q in debrief.questions if debrief else ():
                row = re.search(rf"<tr id='{re.escape(q.id)}'><td>(.*?)</td><td>(.*?)</td></tr>", page)
                assert row, q.id
                assert row.group(1) == _e(content.catalog.text(q.id, q.text))
                assert row.group(2) == _e(content.catalog.text(older[q.id].id, older[q.id].text))
                assert row.group(1) != row.group(2)


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_shipped_pause_points_show_both_prompts(pages, contents, lang):
    page, content = pages[lang], contents[lang]
    for chapter in content.chapters:
        for p in pause_points(content.story, chapter.scenes):
            assert _e(content.catalog.text(f"{p.id}.younger", p.younger)) in page
            assert _e(content.catalog.text(f"{p.id}.older", p.older)) in page


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_help_card_ground_rules_and_five_ds(pages, contents, lang):
    page, content = pages[lang], contents[lang]
    card = content.strings.help
    assert card.lines
    for line in card.lines:
        # Once per chapter: each chapter's pages can be printed on their own.
        assert page.count(f"<td class='number'>{_e(line.number)}</td>") == len(content.chapters)
        assert _e(line.name) in page and _e(line.note) in page
    for person in card.people:
        assert f"<li>{_e(person)}</li>" in page
    if card.checked:
        assert card.checked in page
    for rule in content.guide.ground_rules:
        assert page.count(f"<li>{_e(content.catalog.text(rule.id, rule.text))}</li>") == len(content.chapters)
    for d in content.guide.five_ds:
        assert f"<dt>{_e(content.catalog.text(d.name.id, d.name.text))}</dt>" in page


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_page_is_self_contained_and_prints_on_a4(pages, lang):
    page = pages[lang]
    assert not URL.search(page), URL.search(page)
    assert not re.search(r"<(link|script|img|iframe)\b", page)
    assert "@page { size: A4;" in page
    assert "@media print" in page
    assert re.search(r"\.chapter \{ break-before: page;", page)
    assert re.search(r"h1, h2, h3, h4 \{ break-after: avoid;", page)
    assert "body { font-size: 11pt;" in page  # readable when printed


def test_hindi_page_embeds_the_devanagari_font_and_english_does_not(pages):
    faces = re.findall(r"@font-face \{ font-family: '([^']+)'; font-weight: (\w+);.*?base64,([A-Za-z0-9+/=]+)\)",
                       pages["hi"])
    assert {(f, w) for f, w, _d in faces} == {("Guide Devanagari", "normal"), ("Guide Devanagari", "bold")}
    assert all(len(data) > 100_000 for _f, _w, data in faces)
    assert "@font-face" not in pages["en"]


def test_every_heading_the_page_uses_is_translated_in_hindi(contents):
    hi = contents["hi"]
    for text in guide_strings(hi.guide):
        assert hi.catalog.translated(text.id), f"{text.id} has no Hindi translation"
    assert set(hi.guide.headings) == set(HEADINGS)


def test_hindi_translation_has_no_problems():
    _content, problems, _ = load_content(ROOT, "hi")
    assert [p.format() for p in problems if p.pos.path.endswith("guide.yaml")] == []
    _content, problems, _ = load_content(ROOT, "en")
    assert [p.format() for p in problems if p.pos.path.endswith("guide.yaml")] == []


def test_shipped_guide_agrees_with_the_story(contents):
    content = contents["en"]
    assert check_guide_text(content.guide, content.story, content.chapters) == []


# --- pause points, with and without -----------------------------------------------------------------------------------
def _add_pause(root: Path, scene: str, younger: str, older: str, minutes: int) -> None:
    """Insert a pause point as the first step of the first node of a scene's dialogue file."""
    path = root / "dialogue" / "en" / f"{scene}.yaml"
    text = path.read_text(encoding="utf-8")
    m = re.search(r"^nodes:\n(?:\s*#.*\n)*  [a-z_0-9]+:\n", text, re.M)
    step = (f"    - id: guide_test\n      pause:\n        younger: \"{younger}\"\n        older: \"{older}\"\n"
            f"        minutes: {minutes}\n")
    path.write_text(text[:m.end()] + step + text[m.end():], encoding="utf-8")


def test_an_added_pause_point_shows_both_prompts_and_its_minutes(tmp_path, contents):
    shipped = contents["en"]
    # The chapter with the most room left in its lesson, so the new pause point still fits the period.
    count = len(shipped.chapters)
    room = {c.id: LESSON_MINUTES[1] - shipped.guide.fixed_minutes() - shipped.guide.lesson["play"].minutes
            - sum(p.minutes for p in pause_points(shipped.story, c.scenes))
            - sum(shipped.guide.lesson[k].minutes for k in surveys_of(i, count))
            for i, c in enumerate(shipped.chapters)}
    chapter_id = max(room, key=room.get)
    minutes = max(1, min(room[chapter_id], 4))
    scene = next(c for c in shipped.chapters if c.id == chapter_id).scenes[0]
    root = _copy(tmp_path)
    _add_pause(root, scene, "GUIDE TEST: what would you do?", "GUIDE TEST: what would it cost?", minutes)
    content, problems, _ = load_content(root, "en")
    assert content is not None, [p.format() for p in problems]
    chapter = next(c for c in content.chapters if c.id == chapter_id)
    pauses = pause_points(content.story, chapter.scenes)
    assert any(p.id.startswith(f"{scene}.") and p.id.endswith(".guide_test") for p in pauses)
    out = tmp_path / "guide.html"
    assert run_guide(argparse.Namespace(lang="en", output=out), root) == 0
    page = out.read_text(encoding="utf-8")
    section = page.split(f"id='chapter-{chapter_id}'")[1].split("<section class='chapter'")[0]
    assert "GUIDE TEST: what would you do?" in section and "GUIDE TEST: what would it cost?" in section
    parts = dict(re.findall(r"data-part='([a-z]+)' data-minutes='(\d+)'", section))
    assert int(parts["pauses"]) == sum(p.minutes for p in pauses)
    total = int(re.search(r"data-total='(\d+)'", section).group(1))
    assert LESSON_MINUTES[0] <= total <= LESSON_MINUTES[1]
    assert f"(about {minutes} min)" in section


def test_a_chapter_without_pause_points_says_so_and_gives_play_the_time(contents):
    content = contents["en"]
    scenes = {}
    for sid, scene in content.story.scenes.items():
        nodes = {name: replace(node, steps=tuple(s for s in node.steps if not isinstance(s, Pause)))
                 for name, node in scene.nodes.items()}
        scenes[sid] = replace(scene, nodes=MappingProxyType(nodes))
    bare = replace(content, story=replace(content.story, scenes=MappingProxyType(scenes)))
    page = render_guide(bare)
    no_pauses = content.guide.headings["no_pauses"].text
    assert page.count(f"<p class='empty'>{_e(no_pauses)}</p>") == len(content.chapters)
    for index, chapter_page in enumerate(chapter_pages(bare)):
        assert chapter_page.pauses == ()
        assert chapter_page.plan.minutes["pauses"] == 0
        assert chapter_page.plan.total == LESSON_MINUTES[1]
        # Play gets what the chapter takes to read; the time it does not need goes to the debrief.
        surveys = sum(m for k, m in chapter_page.plan.minutes.items() if k.startswith("survey"))
        room = LESSON_MINUTES[1] - content.guide.fixed_minutes() - surveys
        assert chapter_page.plan.minutes["play"] < room and chapter_page.plan.needed == 0
        assert chapter_page.plan.minutes["debrief"] == content.guide.lesson["debrief"].minutes + room \
            - chapter_page.plan.minutes["play"]


def test_play_never_shrinks_below_its_least_time(contents):
    guide = contents["en"].guide
    least = guide.lesson["play"].minutes
    plan = lesson_plan(guide, 40)
    assert plan.minutes["play"] == least and plan.total == guide.fixed_minutes() + 40 + least


def test_play_time_follows_the_chapters_length_and_says_when_the_lesson_is_short(contents):
    """School has the most to read, Home the least: play is scaled, and a lesson that cannot hold it all says so."""
    from game.classroom.playtime import WORDS_PER_MINUTE, words_read
    from game.content import external_entries
    from game.story.paths import scene_entries

    content = contents["en"]
    entries = external_entries(content.scenes)
    read = {c.id: words_read(content.story, scene_entries(content.story, entries, c.scenes), c.intro)
            for c in content.chapters}
    assert read["school"] > 1.3 * read["home"] and read["neighbourhood"] > read["home"]
    guide = content.guide
    short = lesson_plan(guide, 10, play_needed=30)
    assert short.minutes["play"] == LESSON_MINUTES[1] - guide.fixed_minutes() - 10 and short.needed == 30
    roomy = lesson_plan(guide, 10, play_needed=9, surveys=("survey_pre",))
    assert list(roomy.minutes)[0] == "survey_pre" and roomy.minutes["play"] == 9 and roomy.needed == 0
    assert roomy.total == LESSON_MINUTES[1]  # the spare minutes went to the debrief
    page = render_guide(content)
    for chapter_page in chapter_pages(content):
        if chapter_page.plan.needed:
            note = guide.headings["play_more"].text.replace("{minutes}", str(chapter_page.plan.needed))
            section = page.split(f"id='chapter-{chapter_page.id}'", 1)[1].split("</table>", 1)[0]
            assert _e(note) in section
    assert WORDS_PER_MINUTE > 0


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_the_pages_for_teachers_come_before_the_chapters(pages, contents, lang):
    """Disclosure, one projector and mockery, caste and religion, care for the facilitator: in every language."""
    page, content = pages[lang], contents[lang]
    ids = [p.id for p in content.guide.pages]
    assert ids == ["disclosure", "projector", "mockery", "caste_religion", "care"]
    first_chapter = page.index("<section class='chapter'")
    for p in content.guide.pages:
        at = page.index(f"id='page-{p.id}'")
        assert at < first_chapter
        title = content.catalog.text(p.title.id, p.title.text)
        assert _e(title) in page
        for point in p.points:
            assert _e(content.catalog.text(point.id, point.text)) in page
        if lang == "hi":
            assert title != p.title.text, f"the Hindi guide shows the English title of the page '{p.id}'"
    disclosure = page[page.index("id='page-disclosure'"):page.index("id='page-projector'")]
    assert "1098" in disclosure and "POCSO" in disclosure


def test_a_lesson_too_long_for_the_period_is_a_warning(tmp_path, contents):
    root = _copy(tmp_path)
    _add_pause(root, "school", "A long talk?", "A very long talk?", 20)
    content, _problems, _ = load_content(root, "en")
    found = [p.format() for p in check_guide_text(content.guide, content.story, content.chapters)]
    line, col = _at(EN_GUIDE, "  pauses:\n    name:")
    assert any(f.startswith(f"{GUIDE_FILE}:{line}:{col + 2}: warning: the lesson for the chapter 'school' needs")
               for f in found), found


# --- guide.yaml's own checks ------------------------------------------------------------------------------------------
def _guide_problems(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "dialogue" / "en").mkdir(parents=True, exist_ok=True)
    (tmp_path / GUIDE_FILE).write_text(text, encoding="utf-8")
    problems: list = []
    load_guide_text(tmp_path, problems)
    return [p.format() for p in problems]


def test_shipped_guide_loads_without_problems(tmp_path):
    assert _guide_problems(tmp_path, EN_GUIDE) == []


def test_structural_mistakes_are_errors_at_their_position(tmp_path):
    text = EN_GUIDE.replace('  goal: "Learning goal"', '  goal: "Learning goal"\n  goals: "Goals"')
    line, col = _at(text, "  goals:")
    assert _guide_problems(tmp_path, text) == [
        f"{GUIDE_FILE}:{line}:{col + 2}: error: unknown key 'goals' in 'headings' (did you mean 'goal'?)"]

    text = EN_GUIDE.replace('chapter: "Chapter {number}: {title}"', 'chapter: "Chapter {numbr}: {title}"')
    line, col = _at(text, '"Chapter {numbr}')
    assert _guide_problems(tmp_path, text) == [
        f"{GUIDE_FILE}:{line}:{col}: error: the heading 'chapter' uses {{numbr}}, which the guide does not fill in "
        "(it can use: {number}, {title})"]

    text = EN_GUIDE.replace("    minutes: 10\n", "    minutes: ten\n")
    line, col = _at(text, "ten\n")
    assert _guide_problems(tmp_path, text) == [
        f"{GUIDE_FILE}:{line}:{col}: error: the minutes of the lesson part 'debrief' should be a whole number, "
        "found 'ten'"]

    text = EN_GUIDE.replace("  home:\n    goal:", "  home:\n    gaol:")
    line, col = _at(text, "    gaol:")
    assert _guide_problems(tmp_path, text) == [
        f"{GUIDE_FILE}:{line}:{col + 4}: error: unknown key 'gaol' in the chapter 'home' (did you mean 'goal'?)",
        f"{GUIDE_FILE}:{line}:{col + 4}: error: the chapter 'home' is missing the key 'goal'"]

    text = EN_GUIDE.replace("      home.meera_menu.talk:", "      home.Meera menu:")
    line, col = _at(text, "home.Meera menu")
    assert _guide_problems(tmp_path, text) == [
        f"{GUIDE_FILE}:{line}:{col}: error: 'home.Meera menu' in the 'choices' of the chapter 'home' is not a full id "
        "like home.meera_menu.talk (write the scene, the node and the choice (or scene.debrief.question), "
        "separated by dots)"]

    assert _guide_problems(tmp_path, "title: [\n") == [
        f"{GUIDE_FILE}:2:1: error: YAML syntax error: did not find expected node content (parsing a flow node that "
        "starts at line 2)"]


def test_names_that_do_not_match_the_story_are_warnings_at_their_key(tmp_path, contents):
    content = contents["en"]
    text = (EN_GUIDE.replace("      home.meera_menu.talk:", "      home.meera_menu.tlak:")
            .replace("      school.debrief.q2:", "      school.debrief.q9:")
            .replace("  neighbourhood:\n", "  neighborhood:\n"))
    (tmp_path / "dialogue" / "en").mkdir(parents=True)
    (tmp_path / GUIDE_FILE).write_text(text, encoding="utf-8")
    problems: list = []
    guide = load_guide_text(tmp_path, problems)
    assert problems == [] and guide is not None
    found = [p.format() for p in check_guide_text(guide, content.story, content.chapters)]
    typo = _at(text, "home.meera_menu.tlak")
    home_choices = _at(text, "    choices:", 0)
    q9 = _at(text, "school.debrief.q9")
    school_debrief = _at(text, "    debrief:", 1)
    chapter = _at(text, "  neighborhood:")
    chapters = _at(text, "chapters:\n")
    assert found == [
        f"{GUIDE_FILE}:{chapter[0]}:{chapter[1] + 2}: warning: the guide has a chapter 'neighborhood', which "
        "scenes/game.yaml does not list (did you mean 'neighbourhood'?)",
        f"{GUIDE_FILE}:{typo[0]}:{typo[1]}: warning: there is no choice 'home.meera_menu.tlak' in the story "
        "(did you mean 'home.meera_menu.talk'?)",
        f"{GUIDE_FILE}:{home_choices[0]}:{home_choices[1] + 4}: warning: the decision 'In the kitchen with Meera' "
        "(home.meera_menu.talk) has no note for teachers (add `home.meera_menu.talk: \"...\"` under chapters: home: "
        "choices:)",
        f"{GUIDE_FILE}:{q9[0]}:{q9[1]}: warning: there is no debrief question 'school.debrief.q9' in the story "
        "(did you mean 'school.debrief.q2'?)",
        f"{GUIDE_FILE}:{school_debrief[0]}:{school_debrief[1] + 4}: warning: the debrief question 'school.debrief.q2' "
        "has no version for older students (add `school.debrief.q2: \"...\"` under chapters: school: debrief:)",
        f"{GUIDE_FILE}:{chapters[0]}:{chapters[1]}: warning: the guide says nothing about the chapter "
        "'neighbourhood': no goal, no exit question, no notes on its choices (add 'neighbourhood:' under "
        "'chapters:')",
    ]


def test_a_note_under_the_wrong_chapter_or_on_an_unlabelled_choice(tmp_path, contents):
    content = contents["en"]
    text = EN_GUIDE.replace("      school.cricket.game:", "      home.kitchen_menu_x.nope: \"x\"\n"
                                                             "      school.cricket.game:")
    text = text.replace("      home.chachi.speak:", "      school.phone.photo: \"Wrong chapter.\"\n"
                                                   "      home.chachi.speak:")
    (tmp_path / "dialogue" / "en").mkdir(parents=True)
    (tmp_path / GUIDE_FILE).write_text(text, encoding="utf-8")
    problems: list = []
    guide = load_guide_text(tmp_path, problems)
    found = [p.format() for p in check_guide_text(guide, content.story, content.chapters)]
    wrong = _at(text, "school.phone.photo: \"Wrong")
    assert f"{GUIDE_FILE}:{wrong[0]}:{wrong[1]}: warning: the choice 'school.phone.photo' is in the chapter " \
           "'school', not 'home' (move the note under chapters: school: choices:)" in found
    unlabelled = [c.id for s in content.story.scenes.values() for n in s.nodes.values() for c in n.steps
                  if isinstance(c, Choice) and c.label is None]
    if unlabelled:
        text2 = EN_GUIDE.replace("      home.chachi.speak:", f"      {unlabelled[0]}: \"x\"\n      home.chachi.speak:")
        (tmp_path / GUIDE_FILE).write_text(text2, encoding="utf-8")
        guide = load_guide_text(tmp_path, [])
        found = [p.format() for p in check_guide_text(guide, content.story, content.chapters)]
        at = _at(text2, f"{unlabelled[0]}: \"x\"")
        assert any(f.startswith(f"{GUIDE_FILE}:{at[0]}:{at[1]}: warning: the choice '{unlabelled[0]}' has no label")
                   for f in found), found


def test_the_command_prints_guide_warnings_and_still_writes(tmp_path):
    root = _copy(tmp_path)
    text = EN_GUIDE.replace("      school.phone.photo:", "      school.phone.fotp:")
    (root / GUIDE_FILE).write_text(text, encoding="utf-8")
    result = _main("guide", "-o", str(tmp_path / "g.html"), root=root)
    line, col = _at(text, "school.phone.fotp")
    assert result.returncode == 0, result.stderr
    assert f"{GUIDE_FILE}:{line}:{col}: warning: there is no choice 'school.phone.fotp' in the story " \
           "(did you mean 'school.phone.photo'?)" in result.stderr
    assert (tmp_path / "g.html").is_file()


def test_the_command_refuses_broken_content_and_misuse(tmp_path):
    root = _copy(tmp_path)
    text = EN_GUIDE.replace("    minutes: 3\n", "    minutes: 90\n")
    (root / GUIDE_FILE).write_text(text, encoding="utf-8")
    result = _main("guide", "-o", str(tmp_path / "g.html"), root=root)
    line, col = _at(text, "90\n")
    assert result.returncode == 1
    # A broken guide is reported at its position, but as a warning: it never stops students playing.
    assert f"{GUIDE_FILE}:{line}:{col}: warning: 90 minutes cannot fit a 45-minute lesson (the facilitator guide " \
           "cannot be made until this is fixed; the game plays on) (give between 1 and 45 minutes)" in result.stderr
    assert "fix the mistakes in dialogue/en/guide.yaml" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "g.html").exists()
    from game.content import load_content

    content, _problems, _ = load_content(root)
    assert content is not None and content.guide is None  # the game itself still starts

    bad = _main("guide", "--lang", "Hindi", "-o", str(tmp_path / "g.html"))
    assert bad.returncode == 2 and "not a language code" in bad.stderr
    bad = _main("guide", "-o", str(tmp_path / "nowhere" / "g.html"))
    assert bad.returncode == 2 and "does not exist" in bad.stderr
    missing = _main("guide", "--lang", "fr", "-o", str(tmp_path / "g.html"))
    assert missing.returncode == 1 and "no language folder dialogue/fr" in missing.stdout + missing.stderr
    assert _main("guide", "--help").returncode == 0


def test_i18n_new_writes_the_guide_skeleton(tmp_path):
    root = _copy(tmp_path)
    result = _main("i18n", "new", "fr", "--name", "French", root=root)
    assert result.returncode == 0, result.stderr
    skeleton = (root / "dialogue" / "fr" / "guide.yaml").read_text(encoding="utf-8")
    assert "translates: guide\n" in skeleton
    content, _problems, _ = load_content(ROOT, "en")
    for text in guide_strings(content.guide):
        assert f"  {text.id}:\n    source: " in skeleton
    assert "  guide.chapters.home.choices.home.meera_menu.talk:\n" in skeleton


# --- printed ----------------------------------------------------------------------------------------------------------
@pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed (/usr/bin/chromium)")
@pytest.mark.parametrize("lang", ["en", "hi"])
def test_prints_to_a4_pdf_with_each_chapter_on_its_own_pages(pages, contents, lang, tmp_path):
    page = tmp_path / "guide.html"
    page.write_text(pages[lang], encoding="utf-8")
    pdf = tmp_path / "guide.pdf"
    html_shot().chromium(page, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", writes=pdf)  # stopped if it hangs
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert boxes and all(abs(float(w) - 595) < 1.5 and abs(float(h) - 842) < 1.5 for w, h in boxes)  # A4 in points
    pages_count = len(re.findall(rb"/Type\s*/Page\b", data))
    chapters = len(contents[lang].chapters)
    assert 1 + 2 * chapters <= pages_count <= 1 + 7 * chapters  # a front page, then a few pages per chapter


# --- the schema (what VS Code checks while a teacher types) agrees with the loader -------------------------------------
BROKEN_GUIDES = {
    "unknown top-level key": EN_GUIDE.replace("headings:\n", "footer: x\nheadings:\n"),
    "a heading missing": EN_GUIDE.replace('  exit: "Exit question"\n', ""),
    "an unknown heading": EN_GUIDE.replace('  goal: "Learning goal"', '  goal: "Learning goal"\n  aim: "Aim"'),
    "a lesson part missing": EN_GUIDE.replace("  exit:\n    name:", "  exits:\n    name:"),
    "minutes not a number": EN_GUIDE.replace("    minutes: 10\n", "    minutes: ten\n"),
    "minutes too many": EN_GUIDE.replace("    minutes: 10\n", "    minutes: 90\n"),
    "minutes on the pause part": EN_GUIDE.replace("    name: \"Pause-point discussions\"",
                                                  "    name: \"Pause-point discussions\"\n    minutes: 5"),
    "a bad rule id": EN_GUIDE.replace("  listen:", "  Listen:"),
    "a chapter without a goal": EN_GUIDE.replace("    goal: \"Unfairness", "    aim: \"Unfairness"),
    "a choice id that is not a full id": EN_GUIDE.replace("      home.meera_menu.talk:", "      meera_menu:"),
    "a note that is a list": EN_GUIDE.replace('      lane.shopkeeper.buy: "', '      lane.shopkeeper.buy: ["') \
        .replace("who they have seen cooking.\"", "who they have seen cooking.\"]"),
}


def test_the_shipped_guide_passes_the_schema():
    jsonschema = pytest.importorskip("jsonschema")
    import json

    import yaml

    schema = json.loads((ROOT / "schemas" / "guide.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(yaml.safe_load(EN_GUIDE))) == []
    assert EN_GUIDE.startswith("# yaml-language-server: $schema=../../schemas/guide.schema.json\n")
    assert set(schema["properties"]["headings"]["required"]) == set(HEADINGS)


@pytest.mark.parametrize("name", sorted(BROKEN_GUIDES))
def test_a_broken_guide_is_rejected_by_schema_and_loader(name, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    import json

    import yaml

    text = BROKEN_GUIDES[name]
    assert text != EN_GUIDE
    schema = json.loads((ROOT / "schemas" / "guide.schema.json").read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(yaml.safe_load(text))), f"the schema accepts: {name}"
    found = _guide_problems(tmp_path, text)
    assert any(": error: " in f for f in found), f"the loader accepts: {name}"
