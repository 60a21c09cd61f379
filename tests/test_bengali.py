"""Bengali is whole: every string of every chapter translated and up to date, its own dated help card with the
numbers of its place, no line left in English, and the facilitator guide entirely in Bengali."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.content import load_content
from game.story.problems import has_errors

ROOT = Path(__file__).resolve().parent.parent
BENGALI = re.compile(r"[\u0980-\u09FF]")
LATIN_WORD = re.compile(r"\b[A-Za-z]{3,}\b")
COMMAND = re.compile(r"python main\.py[^)<]*")  # a command a teacher types stays as it is


def _main(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)


@pytest.fixture(scope="module")
def bn():
    content, problems, _ = load_content(ROOT, "bn")
    assert content is not None and not has_errors(problems), [p.format() for p in problems if p.is_error]
    return content


def test_every_bengali_file_is_complete_and_up_to_date():
    result = _main("i18n", "status", "--strict", "--json")
    rows = json.loads(result.stdout)["languages"]["bn"]["files"]
    stems = {row["file"] for row in rows}
    assert {"ui", "characters", "home", "lane", "school", "neighbourhood", "survey", "guide"} <= stems
    unfinished = {row["file"]: (row["missing"], row["stale"]) for row in rows if row["missing"] or row["stale"]}
    assert unfinished == {}, f"Bengali lines missing or stale (missing, stale) per file: {unfinished}"


def test_bengali_has_its_own_dated_help_card_with_the_indian_numbers(bn):
    card = bn.strings.help
    assert BENGALI.search(card.title) and BENGALI.search(card.intro)
    assert re.fullmatch(r"20\d\d-\d\d-\d\d", str(card.checked))
    assert [line.number for line in card.lines] == ["1098", "181", "112"]
    for line in card.lines:
        assert BENGALI.search(line.name) and BENGALI.search(line.note), line
    text = (ROOT / "dialogue" / "bn" / "help.yaml").read_text(encoding="utf-8")
    # The file says where the numbers hold, that a facilitator must check them, and what Bangladesh would use.
    assert "VERIFY" in text and "West Bengal" in text and "109" in text and "999" in text


def test_no_story_line_is_left_in_english():
    """A translated line that still reads as English (three or more Latin words) slipped through untranslated."""
    english_left = []
    for path in sorted((ROOT / "dialogue" / "bn").glob("*.yaml")):
        if path.name in ("help.yaml", "ui.yaml"):  # ui names keys (Esc, Page Up) and programs (espeak-ng)
            continue
        entries = re.findall(r'^  (\S+):\n    source: .*\n    text: "(.*)"$', path.read_text(encoding="utf-8"), re.M)
        assert entries, path
        for ident, text in entries:
            if len(LATIN_WORD.findall(COMMAND.sub("", re.sub(r"\{[^}]*\}", "", text)))) >= 3 or not BENGALI.search(text) \
                    and text.strip("…. ") != "":
                english_left.append(f"{path.name}: {ident}: {text}")
    assert english_left == []


def test_the_bengali_guide_has_no_english_left_and_shows_the_bengali_card(tmp_path, bn):
    out = tmp_path / "guide-bn.html"
    result = _main("guide", "--lang", "bn", "-o", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    page = out.read_text(encoding="utf-8")
    body = re.sub(r"<style.*?</style>", "", page, flags=re.S)
    words = COMMAND.sub("", re.sub(r"<[^>]+>", " ", body))
    assert not re.search(r"(\b[A-Za-z]{3,}\b[ ,.;:]+){4}", words), re.search(r"(\b[A-Za-z]{3,}\b[ ,.;:]+){4}", words)
    for line in bn.strings.help.lines:
        assert line.note in page


def test_bengali_is_not_marked_as_a_partial_translation(bn):
    from game.i18n.coverage import complete_chapters, partial_numbers

    assert complete_chapters(bn) == tuple(c.id for c in bn.chapters)
    assert partial_numbers(bn) is None  # the language menu says plain "বাংলা", not "chapter 1 only"
