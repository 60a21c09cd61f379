"""`main.py transcript`: one path through the story as plain text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(check=False, args=[sys.executable, str(ROOT / "main.py"), "transcript", *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=ROOT, timeout=120)


def test_default_starts_with_the_first_chapters_intro():
    result = _run()
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "== home.arrive ==" in out and "Six o'clock. Ravi is home from cricket" in out
    assert "Meera: Don't come in here with those feet. I just swept." in out  # speaker name, then text
    assert "[stopped at a choice" in out and "    3. Roll up your sleeves." in out  # as authored


def test_choices_reach_a_specific_line_and_mark_the_chosen_option():
    result = _run("home.meera", "--choices", "3", "--ids")
    assert result.returncode == 0, result.stderr
    assert "  > 3. Roll up your sleeves." in result.stdout
    assert "    2. “Why are you the one cooking?" in result.stdout
    assert "[home.meera_help.p1] Meera: You? You burnt the milk last week making tea." in result.stdout
    assert "[conversation over]" in result.stdout


def test_seed_plays_to_an_ending():
    result = _run("--seed", "3")
    assert result.returncode == 0, result.stderr
    assert "[end: " in result.stdout
    assert result.stdout == _run("--seed", "3").stdout  # reproducible


def test_hindi_prints_devanagari_names_and_text():
    result = _run("home.meera", "--lang", "hi", "--choices", "1")
    assert result.returncode == 0, result.stderr
    assert "मीरा: " in result.stdout
    assert any("\u0900" <= ch <= "\u097f" for ch in result.stdout.split("मीरा: ", 1)[1])


def test_a_bad_choice_number_exits_2_with_a_message():
    result = _run("home.meera", "--choices", "9")
    assert result.returncode == 2
    assert "choice 1 is 9" in result.stderr and "4 options" in result.stderr
    bad = _run("--choices", "x")
    assert bad.returncode == 2 and "'x' is not an option number" in bad.stderr
    unknown = _run("home.kitchn")
    assert unknown.returncode == 2 and "no node 'home.kitchn'" in unknown.stderr
