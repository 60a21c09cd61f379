"""`main.py map`: the story graph (nodes, edges, entries, unreachable nodes) and its HTML/SVG/DOT renderings."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.dom.minidom
from pathlib import Path

import pytest

from game.story.loader import load_story
from game.story.paths import explore, random_walks, scene_entries
from game.storymap import (
    Entry,
    build_graph,
    content_graph,
    dot,
    expr_text,
    html_page,
    svg,
)
from tests.story.helpers import write_files

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def content():
    from game.content import load_content

    loaded, _problems, _ = load_content(ROOT, "en")
    if loaded is None:
        pytest.skip("the shipped content has errors (see `main.py check`)")
    return loaded


@pytest.fixture(scope="module")
def home(content):
    return content_graph(content, ["home", "lane"], "chapter home")


def test_home_graph_has_the_nodes_edges_and_entries(home):
    for node in ("home.arrive", "home.meera", "home.meera_menu", "home.meera_help", "home.dinner_end",
                 "lane.shopkeeper"):
        assert home.boxes[node].kind == "node"
    assert home.boxes["home.meera"].text.startswith("Don't come in here")
    assert home.edge("home.meera", "home.meera_menu", "goto") is not None
    option = home.edge("home.meera_menu", "home.meera_help", "option")
    assert option is not None and option.label.startswith("Roll up your sleeves")
    assert home.edge("home.meera", "home.meera_again").cond == "[if visits(home.meera) > 1]"
    assert any(e.kind == "end" and e.dst == "end:home.studied" for e in home.edges)
    assert home.boxes["end:home.studied"].kind == "ending"
    entry = next(b for b in home.boxes.values() if b.kind == "entry" and b.title == "map: home npc meera")
    assert home.edge(entry.id, "home.meera", "entry") is not None
    assert home.edge("intro:home", "home.arrive", "entry") is not None
    assert home.unreachable() == []


def test_unreachable_nodes_are_marked_on_a_small_story(tmp_path):
    write_files(tmp_path, {"s.yaml": """
        scene: s
        title: "T"
        vars:
          never: false
        endings:
          done:
            title: "Done"
            text: "The end."
          lost:
            title: "Lost"
            text: "Never seen."
        nodes:
          start:
            - id: l1
              text: "Hello there."
            - id: c
              label: "Pick"
              choose:
                - id: a
                  text: "Go on."
                  goto: fine
                - id: b
                  text: "The secret way."
                  if: "never"
                  goto: hidden
          fine:
            - id: f1
              say: x
              text: "Fine."
            - end: done
          hidden:
            - end: lost
          orphan:
            - id: o1
              text: "Nobody comes here."
        """})
    story, problems, _ = load_story(tmp_path, "en")
    assert story is not None, problems
    entries = scene_entries(story, [], ["s"])
    reached = explore(story, entries).reached_nodes | random_walks(story, entries, walks=50).reached_nodes
    graph = build_graph(story, ["s"], [Entry("map:npc", "map: npc x", "s.start")], reached, "scene s")
    marked = {b.id: b.note for b in graph.unreachable()}
    assert set(marked) == {"s.orphan", "s.hidden", "end:s.lost"}
    assert "no jump" in marked["s.orphan"]
    assert "playthrough" in marked["s.hidden"]
    assert graph.edge("s.start", "s.hidden").cond == "[if never]"
    assert not graph.boxes["s.fine"].unreachable and not graph.boxes["end:s.done"].unreachable
    # Without playing, only the graph is walked: the guarded node counts as reachable.
    static = build_graph(story, ["s"], [], None)
    assert {b.id for b in static.unreachable()} == {"s.orphan"}
    page = html_page(graph)
    assert 'class="box node unreachable" data-id="s.orphan"' in page
    assert "Never reached" in page and "s.orphan" in page


def test_renderings_are_well_formed_escaped_and_offline(home, tmp_path):
    drawn = svg(home)
    xml.dom.minidom.parseString(drawn)  # valid XML: texts are escaped
    assert "Don&#x27;t come in here" in drawn or "Don&#39;t come in here" in drawn
    page = html_page(home)
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "legend" in page
    assert not re.search(r"(src|href)\s*=\s*[\"'](https?:)?//", page)
    assert "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    source = dot(home)
    assert source.startswith("digraph") and '"home.meera" -> "home.meera_menu"' in source


def test_expr_text_round_trips_precedence():
    from game.story.expr import parse_condition

    for text in ("not a and b", "a or b and c", "(a or b) and c", "visits(x) > 0", "n + 1 >= 3", "not (a or b)"):
        assert expr_text(parse_condition(text)) == text


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(check=False, args=[sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


def test_cli_writes_each_format_and_rejects_misuse(tmp_path):
    for ext in ("dot", "svg"):
        result = _run("map", "lane", "-o", str(tmp_path / f"m.{ext}"), "--no-play")
        assert result.returncode == 0, result.stderr
        assert (tmp_path / f"m.{ext}").read_text(encoding="utf-8").strip()
    bad = _run("map", "nosuch", "-o", str(tmp_path / "m.html"))
    assert bad.returncode == 2 and "no scene or chapter 'nosuch'" in bad.stderr
    bad = _run("map", "-o", str(tmp_path / "m.png"))
    assert bad.returncode == 2 and ".html" in bad.stderr
    assert _run("map", "--help").returncode == 0


@pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed (/usr/bin/chromium)")
def test_map_html_renders_in_a_headless_browser(tmp_path):
    page = tmp_path / "map.html"
    assert _run("map", "-o", str(page)).returncode == 0
    shot = tmp_path / "shot.png"
    sys.path.insert(0, str(ROOT / "tools"))
    from html_shot import chromium  # stops a headless Chromium that hangs, and runs it once more

    chromium(page, f"--screenshot={shot}", "--window-size=1600,1200", writes=shot)
    assert shot.is_file() and shot.stat().st_size > 1000
    import pygame

    image = pygame.image.load(str(shot))
    assert image.get_size() == (1600, 1200)
    colours = {image.get_at((x, y))[:3] for x in range(0, 1600, 23) for y in range(0, 1200, 19)}
    assert len(colours) > 20  # boxes, text and lines, not a blank page
