"""Bad input never raises, and the story core never needs pygame."""

import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.story.loader import load_dialogue_file
from game.story.yamlsrc import parse_yaml

ROOT = Path(__file__).resolve().parents[2]
P = "dialogue/en/home.yaml"

yamlish = st.lists(st.sampled_from(
    ["scene: home\n", "title: T\n", "nodes:\n", "  a:\n", "    - id: x\n", "      text: hi\n", "      if: 'x >'\n",
     "    - goto: b\n", "    - choose:\n", "        - id: o\n", "- ", "[", "]", "{", "}", ":", "&a ", "*a ", "<<: ",
     "\t", "\"", "'", "#", "\n", "  ", "yes", "1", "{x}", "\xef", "\x00", "---\n", "? ", "!!python/object ", "|\n"]),
    max_size=40).map("".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    parse_yaml(data, P)
    scene, problems = load_dialogue_file(data, P)
    assert scene is not None or any(p.severity == "error" for p in problems)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=200), yamlish))
def test_arbitrary_text_never_raises(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    node, problems = parse_yaml(data, P)
    assert node is not None or problems
    scene, problems = load_dialogue_file(data, P)
    for p in problems:
        assert p.pos.path == P and p.pos.line >= 1 and p.pos.col >= 1


def test_no_pygame_in_story_core() -> None:
    code = (
        "import pkgutil, importlib, sys, game.story\n"
        "for m in pkgutil.iter_modules(game.story.__path__):\n"
        "    importlib.import_module('game.story.' + m.name)\n"
        "assert 'pygame' not in sys.modules, 'game.story imports pygame'\n"
        "print(len(list(pkgutil.iter_modules(game.story.__path__))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 7
