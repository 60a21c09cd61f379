"""`python main.py stats` on the shipped content and on a broken copy; the reading-ease helpers."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.stats import clean_text, fk_grade, sentences, syllables, words
from game.story.model import Choice, Line

ROOT = Path(__file__).resolve().parent.parent
# The path search's budget per chapter: enough with the random playthroughs to reach every ending (asserted below), a
# tenth of the default, whose full run (about a minute) tests/test_paths.py makes on its own.
SEARCH = "2000"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=False)


@pytest.fixture(scope="module")
def content():
    from game.content import load_content

    loaded, _problems, _ = load_content(ROOT, "en")
    if loaded is None:
        pytest.skip("the shipped content has errors (see test_check_cli / `main.py check`)")
    return loaded


@pytest.fixture(scope="module")
def as_json(content):
    result = run("stats", "--json", "--max-states", SEARCH)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def test_table_has_a_row_per_scene_with_lines_and_options(content):
    result = run("stats", "--max-states", SEARCH)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert "FK grade" in lines[0] and "longest line (words)" in lines[0]
    for sid in content.story.scenes:
        row = next(line for line in lines if line.split() and line.split()[0] == sid)
        cells = row.split()
        assert int(cells[2]) > 0, row  # lines
        scene = content.story.scenes[sid]
        if any(isinstance(s, Choice) for n in scene.nodes.values() for s in n.steps):
            assert int(cells[4]) > 0, row  # options
    assert any(line.startswith("total") for line in lines)
    # Per chapter, where each kind of act stands on the screen (game/story/acts.py).
    for chapter in content.chapters:
        at = lines.index(next(line for line in lines if line.startswith(f"chapter '{chapter.id}': kinds of act")))
        assert lines[at + 1].split()[:2] == ["kind", "1"]
        assert any(line.strip().startswith("first active option at position") for line in lines[at:at + 14])


def test_json_numbers_match_the_story_model(content, as_json):
    rows = {row["scene"]: row for row in as_json["scenes"]}
    assert set(rows) == set(content.story.scenes)
    for sid, scene in content.story.scenes.items():
        steps = [s for node in scene.nodes.values() for s in node.steps]
        choices = [s for s in steps if isinstance(s, Choice)]
        row = rows[sid]
        assert row["nodes"] == len(scene.nodes)
        assert row["lines"] == sum(isinstance(s, Line) for s in steps)
        assert row["decision_points"] == len(choices)
        assert row["options"] == sum(len(c.options) for c in choices)
        assert row["endings_declared"] == len(scene.endings)
        assert 0 <= row["endings_reachable"] <= row["endings_declared"]
        assert row["words"] > 0 and 0 < row["longest_line_words"] <= row["words"]
        assert isinstance(row["fk_grade"], (int, float))
    total = as_json["total"]
    for key in ("nodes", "lines", "decision_points", "options", "endings_declared", "endings_reachable", "words"):
        assert total[key] == sum(row[key] for row in rows.values())
    assert isinstance(total["fk_grade"], (int, float))
    assert as_json["paths"] and all("explored_states" in p for p in as_json["paths"].values())
    for chapter in content.chapters:
        acts = as_json["paths"][chapter.id]["acts"]
        options = sum(len(c.options) for sid in chapter.scenes for n in content.story.scenes[sid].nodes.values()
                      for c in n.steps if isinstance(c, Choice) and len(c.options) > 1)
        assert sum(n for kind in acts["positions"].values() for n in kind.values()) == options
        assert sum(acts["first_active"].values()) == acts["mixed"]


def test_every_declared_ending_is_reachable(as_json):
    for row in as_json["scenes"]:
        assert row["endings_reachable"] == row["endings_declared"], row


def test_broken_copy_exits_1_with_positions(tmp_path):
    dst = tmp_path / "project"
    for name in ("scenes", "dialogue", "assets"):
        shutil.copytree(ROOT / name, dst / name)
    (dst / "dialogue" / "en" / "zz_broken.yaml").write_text(
        'scene: zz_broken\ntitle: "Broken"\nnodes:\n  a:\n    - goto: nowhere\n', encoding="utf-8")
    result = run("stats", str(dst))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert re.search(r"^dialogue/en/zz_broken\.yaml:5:\d+: error: .*nowhere", result.stdout, re.MULTILINE), result.stdout
    data = json.loads(run("stats", "--json", str(dst)).stdout)
    assert data["errors"] >= 1 and any(p["path"] == "dialogue/en/zz_broken.yaml" for p in data["problems"])


def test_help_and_misuse():
    assert run("stats", "--help").returncode == 0
    assert "stats" in run("--help").stdout
    assert run("stats", "/no/such/place").returncode == 2
    assert run("stats", "--max-states", "0").returncode == 2


# --- reading ease ----------------------------------------------------------------------------------------------
def test_syllables_of_common_words():
    known = {"the": 1, "make": 1, "table": 2, "people": 2, "photosynthesis": 5, "cricket": 2, "rolled": 1,
             "wanted": 2, "everyone": 3, "tomorrow": 3, "reptilian": 4, "idea": 3, "being": 2, "whole": 1,
             "something": 2, "pages": 2, "8": 1}
    assert {w: syllables(w) for w in known} == known


def test_text_is_cleaned_before_counting():
    assert clean_text("“I've read {chapters_read} of four,” she said. {{not a var}}") == \
        "I've read of four, she said. {not a var}"
    assert words("Wait — what? …") == ["Wait", "what?"]
    assert sentences("One. Two! Three? Four… five") == 5
    assert sentences("…") == 0


def test_flesch_kincaid_grade():
    # 13 words, 1 sentence, 26 syllables: 0.39 * 13 + 11.8 * 2 - 15.59
    assert fk_grade(["The Australian platypus is seemingly a hybrid of a mammal and reptilian creature."]) == 13.1
    assert fk_grade(["The cat sat.", "It was fun."]) < 1
    assert fk_grade(["…", ""]) is None
