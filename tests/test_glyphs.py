"""No tofu: every character of every shipped text, in every language, has a glyph in the font the renderer picks."""

from pathlib import Path

import pytest
import yaml

from game.paths import project_root
from game.ui.text import FontFiles, Style, TextRenderer, script_runs

ROOT = project_root()


def shipped_texts():
    for path in sorted((ROOT / "dialogue").glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        yield from _strings(data, path)


def _strings(data, path):
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("source", "id", "if", "do", "goto", "call", "say", "face", "sound", "translates", "end"):
                continue
            yield from _strings(value, path)
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item, path)
    elif isinstance(data, str) and data.strip():
        yield path, data


@pytest.fixture(scope="module")
def renderer(display):
    return TextRenderer(FontFiles.shipped(ROOT / "assets" / "fonts"))


@pytest.mark.parametrize("bold", [False, True])
def test_every_shipped_character_has_a_glyph(renderer, bold):
    style = Style(26, bold=bold)
    missing = {}
    for path, text in shipped_texts():
        for tag, run in script_runs(text):
            metrics = renderer._font(tag, style).metrics(run)
            for ch, m in zip(run, metrics):
                if m is None and not ch.isspace() and ch not in "\u200c\u200d":
                    missing.setdefault(ch, Path(path).relative_to(ROOT).as_posix())
    assert missing == {}, f"characters with no glyph (would show as boxes): {missing}"
