"""A language can rewrite a whole node for its place; the game plays it, and the checker still watches it."""

import shutil
from pathlib import Path

import pytest

from game.content import load_content
from game.story.runner import Runner, Say
from game.story.state import State

ROOT = Path(__file__).resolve().parent.parent

OVERRIDE = """
nodes:
  dinner_quiet:
    - id: s1
      text: "दाल अच्छी बनी है। मीरा चुपचाप खाती है।"
    - id: s2
      say: meera
      face: sad
      text: "…"
    - goto: dinner_end
"""


@pytest.fixture()
def project(tmp_path):
    dst = tmp_path / "p"
    for name in ("scenes", "dialogue", "assets"):
        shutil.copytree(ROOT / name, dst / name)
    return dst


def first_lines(content, node: str, count: int) -> list[Say]:
    state = State.new(content.story)
    runner = Runner(content.story, state, content.catalog.text)
    runner.begin(node)
    out = []
    while len(out) < count and isinstance(runner.current(), Say):
        out.append(runner.current())
        runner.advance()
    return out


def test_an_override_replaces_the_node_and_its_own_text_wins(project):
    path = project / "dialogue" / "hi" / "home.yaml"
    path.write_text(path.read_text(encoding="utf-8") + OVERRIDE, encoding="utf-8")
    content, problems, _ = load_content(project, "hi")
    assert content is not None, [p.format() for p in problems]
    lines = first_lines(content, "home.dinner_quiet", 2)
    assert [l.text for l in lines] == ["दाल अच्छी बनी है। मीरा चुपचाप खाती है।", "…"]
    assert lines[1].speaker == "meera"
    # Other nodes still play translated, and English is untouched.
    assert first_lines(content, "home.meera", 1)[0].text != first_lines(load_content(project)[0], "home.meera", 1)[0].text
    english, _, _ = load_content(project)
    assert first_lines(english, "home.dinner_quiet", 1)[0].text.startswith("The dal is good")


def test_a_broken_override_is_reported_where_it_is(project):
    path = project / "dialogue" / "hi" / "home.yaml"
    text = path.read_text(encoding="utf-8") + OVERRIDE.replace("goto: dinner_end", "goto: dinner_edn")
    path.write_text(text, encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "dinner_edn" in l)
    content, problems, _ = load_content(project, "hi")
    assert content is None
    found = [p for p in problems if "dinner_edn" in p.message]
    assert found and found[0].pos.path == "dialogue/hi/home.yaml" and found[0].pos.line == line
    assert "did you mean 'dinner_end'?" in found[0].hint


def test_an_override_of_a_node_that_no_longer_exists_is_a_warning(project):
    path = project / "dialogue" / "hi" / "home.yaml"
    path.write_text(path.read_text(encoding="utf-8") + OVERRIDE.replace("dinner_quiet:", "dinner_quite:"),
                    encoding="utf-8")
    content, problems, _ = load_content(project, "hi")
    assert content is not None
    assert any("dinner_quite" in p.message and p.severity == "warning" for p in problems)


def test_the_spanish_adaptation_replaces_the_marriage_plot_and_keeps_every_id():
    """Spanish is adapted for a US middle school (issue 13): no suitor's family and no grandmother married at twelve,
    but the same decisions and options, so class results stay comparable with every other language."""
    from game.story.model import Choice, Line

    spanish, problems, _ = load_content(ROOT, "es")
    english, _, _ = load_content(ROOT)
    assert spanish is not None, [p.format() for p in problems]
    adapted = ("dadi_menu", "dadi_school", "dadi_stand", "dinner", "bua_doctor", "bua_laddoo", "dadi_speaks",
               "bua_quiet", "papa_answer", "papa_step")
    for name in adapted:
        ours, theirs = spanish.story.node(f"home.{name}"), english.story.node(f"home.{name}")
        assert f"home.{name}" in spanish.catalog.own_nodes
        texts = " ".join(s.text for s in ours.steps if isinstance(s, Line)).lower()
        assert "casar" not in texts and "sobrino" not in texts and "marido" not in texts, name
        choices = [[s for s in node.steps if isinstance(s, Choice)] for node in (ours, theirs)]
        for a, b in zip(*choices, strict=True):
            assert a.id == b.id and [o.id for o in a.options] == [o.id for o in b.options]
    lines = first_lines(spanish, "home.dinner", 8)
    assert any("clase avanzada" in l.text for l in lines)
    help_card = spanish.strings.help
    assert any("confidencial" in line.note for line in help_card.lines)


def test_an_adapted_choice_in_another_order_is_a_warning_at_the_choice(project):
    """The Spanish dinner once listed its options in the old order after the English was re-ordered (issue 12): an
    adaptation keeps the authored order, which the checker now says at the choice."""
    path = project / "dialogue" / "es" / "home.yaml"
    text = path.read_text(encoding="utf-8")
    quiet = text.index("        - id: quiet\n", text.index("    - id: marriage\n"))
    end = text.index("          goto: bua_quiet\n", quiet) + len("          goto: bua_quiet\n")
    block = text[quiet:end]
    text = text[:quiet] + text[end:]
    dadi_end = text.index("          goto: dadi_speaks\n", text.index("    - id: marriage\n")) + len(
        "          goto: dadi_speaks\n")
    text = text[:dadi_end] + block + text[dadi_end:]  # "quiet" moved from first to last
    path.write_text(text, encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if l == "    - id: marriage")
    content, problems, _ = load_content(project, "es")
    assert content is not None
    found = [p for p in problems if "another order" in p.message]
    assert [(p.pos.path, p.pos.line, p.severity) for p in found] == [("dialogue/es/home.yaml", line, "warning")]
    assert "quiet, laddoo, doctor, dadi" in found[0].hint
    _, clean, _ = load_content(ROOT, "es")
    assert not [p for p in clean if "another order" in p.message]
