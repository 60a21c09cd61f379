"""A language still being translated says so in the language menu, and a class session in it plays only the chapters
it has whole (issue 13: "until a language is complete, the language menu says so")."""

import re
from pathlib import Path
from types import SimpleNamespace

from game.content import load_content
from game.i18n.coverage import complete_chapters, partial_numbers
from game.session import Session
from tests.test_overrides import project  # noqa: F401  (a copy of the content to change: one fixture, shared)

ROOT = Path(__file__).resolve().parent.parent


def _empty_one_text(path: Path) -> None:
    """Blank the first translated text of a translation file (the line then shows in English)."""
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'(\n    text: )"[^"\n]+"', r'\1""', text, count=1), encoding="utf-8")


def test_english_and_the_shipped_hindi_and_spanish_are_whole():
    for lang in ("en", "hi", "es"):
        content, _, _ = load_content(ROOT, lang)
        assert complete_chapters(content) == tuple(c.id for c in content.chapters), lang
        assert partial_numbers(content) is None


def test_one_missing_line_takes_its_chapter_out_and_the_menu_says_which_are_left(project, tmp_path):
    _empty_one_text(project / "dialogue" / "hi" / "school.yaml")
    content, _, _ = load_content(project, "hi")
    assert complete_chapters(content) == ("home", "neighbourhood")
    assert partial_numbers(content) == [1, 3]

    from game.ui.context import Context

    ctx = SimpleNamespace(content=content, t=lambda key, **v: content.strings.get(key, **v))
    label = Context.language_label(ctx)  # type: ignore[arg-type]
    assert label == "भाषा: हिंदी (सिर्फ़ अध्याय 1, 3)"

    alone = Session.new(content, tmp_path / "alone")
    assert [c.id for c in alone.playlist()] == ["home", "school", "neighbourhood"]  # playing alone: everything
    in_class = Session.new(content, tmp_path / "class")
    in_class.classroom = SimpleNamespace(session=SimpleNamespace(chapters=()))  # type: ignore[assignment]
    assert [c.id for c in in_class.playlist()] == ["home", "neighbourhood"]
    in_class.classroom = SimpleNamespace(session=SimpleNamespace(chapters=("school", "neighbourhood")))
    assert [c.id for c in in_class.playlist()] == ["neighbourhood"]


def test_a_language_with_no_whole_chapter_says_its_translation_is_under_way(project):
    for name in ("home", "school", "neighbourhood"):
        _empty_one_text(project / "dialogue" / "es" / f"{name}.yaml")
    content, _, _ = load_content(project, "es")
    assert complete_chapters(content) == () and partial_numbers(content) == []
    from game.ui.context import Context

    ctx = SimpleNamespace(content=content, t=lambda key, **v: content.strings.get(key, **v))
    assert Context.language_label(ctx) == "Idioma: Español (traducción en curso)"  # type: ignore[arg-type]
