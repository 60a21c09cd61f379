"""Issue 16: the fast paths behave exactly like the slow ones they replace (the speed itself is bench/run.py's)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pygame
import pytest

from game.story.yamlsrc import MAX_DEPTH, MAX_EXPANDED_NODES, parse_yaml

ROOT = Path(__file__).resolve().parent.parent


def long_scene(nodes: int, text: str) -> bytes:
    body = ["scene: big", "start: n0", "nodes:"]
    for i in range(nodes):
        body += [f"  n{i}:", f"    - say: ravi", f"      id: l{i}", f'      text: "{text} {i}"']
    return ("\n".join(body) + "\n").encode()


def test_a_long_file_whose_text_holds_an_ampersand_and_many_braces_loads():
    # 5,000 nodes: once refused as an alias bomb because of one '&', and scanned a character at a time for its braces.
    node, problems = parse_yaml(long_scene(5000, "Tea & {name} [later]"), "big.yaml")
    assert node is not None and problems == []


def test_an_alias_bomb_is_still_refused():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [*{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}, "
                     f"*{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}]")
    node, problems = parse_yaml("\n".join(lines).encode(), "bomb.yaml")
    assert node is None and "aliases expand to far too much content" in problems[0].message
    assert 8 ** 8 > MAX_EXPANDED_NODES


def test_text_with_an_ampersand_but_no_anchor_is_not_walked_for_aliases(monkeypatch):
    import game.story.yamlsrc as yamlsrc

    walked = []
    monkeypatch.setattr(yamlsrc, "_walk_problems", lambda node, path: walked.append(path) or [])
    parse_yaml(long_scene(50, "Tea & more &"), "plain.yaml")
    assert walked == []  # '&' then a space or a line's end can never be an anchor
    for source in ("a: &x [1]\nb: *x\n", "a: [&x 1, *x]\n", "a: {&x k: 1}\n", "a: [1,&x 2]\n", "<<: {}\n"):
        parse_yaml(source.encode(), "anchors.yaml")
    assert len(walked) == 5


@pytest.mark.parametrize("source", ["a: &a [*a]\n", "a: [&a [*a]]\n", "a: {k: &a {j: *a}}\n"])
def test_an_alias_inside_its_own_anchor_is_refused_wherever_the_anchor_stands(source):
    node, problems = parse_yaml(source.encode(), "self.yaml")
    assert node is None and "an alias refers to a value that contains it" in problems[0].message


@pytest.mark.parametrize("depth_source,where", [
    ("x: " + "[" * (MAX_DEPTH + 5), (1, MAX_DEPTH + 4)),
    ("a: {name}\n" * 600 + "b: " + "[" * (MAX_DEPTH + 5), (601, MAX_DEPTH + 4)),
])
def test_too_deep_nesting_is_found_at_its_bracket(depth_source, where):
    node, problems = parse_yaml(depth_source.encode(), "deep.yaml")
    assert node is None
    assert (problems[0].pos.line, problems[0].pos.col) == where and "nested too deeply" in problems[0].message


def test_a_language_switch_translates_the_loaded_source_without_reading_it_again(display, content, monkeypatch):
    import game.content as content_module
    from game.settings import Settings
    from game.ui.context import Context

    full, _, _ = content_module.load_content(ROOT, "hi")
    ctx = Context.create(ROOT, content, Settings(), Path(tempfile.mkdtemp()))

    def no_reading(root):
        raise AssertionError("the source files were read again")

    monkeypatch.setattr(content_module, "_load_source", no_reading)
    assert ctx.switch_language("hi")
    switched = ctx.content
    assert switched.lang == "hi" and switched.source is content
    assert dict(switched.strings.ui) == dict(full.strings.ui)
    assert dict(switched.strings.names) == dict(full.strings.names)
    assert switched.story == full.story
    assert ctx.switch_language("es") and ctx.content.source is content  # and on from there
    assert ctx.switch_language("en") and ctx.content.lang == "en"


def test_only_the_last_two_maps_stay_drawn(display, content):
    from game.settings import Settings
    from game.ui.context import Context
    from game.ui.images import MAP_VIEWS_KEPT

    ctx = Context.create(ROOT, content, Settings(), Path(tempfile.mkdtemp()))
    views = [ctx.images.map_view(scene) for scene in content.scenes]
    assert len(views) > MAP_VIEWS_KEPT
    last = list(content.scenes)[-1]
    assert ctx.images.map_view(last) is views[-1]  # kept: no second drawing
    assert ctx.images.map_view(list(content.scenes)[0]) is not views[0]  # dropped long ago, drawn again


def test_a_small_window_is_smooth_at_rest_and_cheap_only_while_moving(display):
    from game.ui.display import Display

    small = Display(size=(1024, 600))
    try:
        small.logical.fill((0, 0, 0))
        for x in range(0, 1280, 2):
            small.logical.fill((255, 255, 255), (x, 0, 1, 720))  # one-pixel stripes: the two scalers differ here
        small.present(moving=True)
        moving = pygame.image.tobytes(small.window.subsurface(small.view), "RGB")
        small.present()
        resting = pygame.image.tobytes(small.window.subsurface(small.view), "RGB")
        expected = pygame.transform.smoothscale(small.logical, small.view.size)
        assert resting == pygame.image.tobytes(expected, "RGB")
        assert moving != resting
    finally:
        pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
        display.refresh()


def test_the_idle_loop_sleeps_and_still_answers_a_key(display, content):
    from game.ui.app import App
    from game.ui.screen import Screen

    seen = []

    class Still(Screen):
        opaque = True

        def handle(self, event):
            if event.type == pygame.KEYDOWN:
                seen.append(event.key)
            return None

        def draw(self, surface):
            surface.fill((0, 0, 0))

    app = App(None, Still(), display)
    app.step([], 1 / 60)
    pygame.event.clear()
    pygame.time.set_timer(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0), 100, loops=1)
    pygame.time.set_timer(pygame.QUIT, 300, loops=1)
    app.run()
    assert seen == [pygame.K_SPACE] and not app.running


def test_the_game_starts_without_importing_pkg_resources_or_numpy(tmp_path):
    import subprocess
    import sys

    probe = ("import runpy, sys; sys.argv = ['main.py', '--screenshot', sys.argv[1], '--scene', 'title'];\n"
             "try:\n    runpy.run_path('main.py', run_name='__main__')\nexcept SystemExit as e:\n"
             "    assert e.code == 0, e.code\n"
             "print([m for m in ('pkg_resources', 'numpy') if sys.modules.get(m) is not None])")
    result = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "t.png")], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]" and (tmp_path / "t.png").is_file()


def _template_parts_by_character(text: str) -> list[tuple[str, str, int]]:
    """The first version of expr.template_parts, a Python step per character: the reference for the fast one."""
    from game.story.expr import _NAME, ExprError

    if "{" not in text and "}" not in text:
        return [("text", text, 1)] if text else []
    parts: list[tuple[str, str, int]] = []
    buf: list[str] = []
    buf_col = 1
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "{}" and text.startswith(ch * 2, i):
            buf.append(ch)
            i += 2
            continue
        if ch == "}":
            raise ExprError("a '}' without a matching '{'", i + 1, "write }} for a literal brace")
        if ch == "{":
            close = text.find("}", i + 1)
            if close < 0:
                raise ExprError("a '{' is not closed", i + 1, "write {{ for a literal brace")
            name = text[i + 1:close].strip()
            if not _NAME.fullmatch(name):
                raise ExprError(f"'{{{text[i + 1:close]}}}' should hold a variable name", i + 1,
                                "write {{ and }} for literal braces")
            if buf:
                parts.append(("text", "".join(buf), buf_col))
                buf = []
            parts.append(("var", name, i + 1))
            i = close + 1
            buf_col = i + 1
            continue
        if not buf:
            buf_col = i + 1
        buf.append(ch)
        i += 1
    if buf:
        parts.append(("text", "".join(buf), buf_col))
    return parts


def test_template_parts_splits_every_text_as_the_character_by_character_version_did():
    import random

    from game.story.expr import ExprError, template_parts

    def outcome(fn, text):
        try:
            return fn(text)
        except ExprError as exc:
            return ("error", exc.message, exc.column, exc.hint)

    rng = random.Random(16)
    texts = ["", "Hi", "{a}", "{{", "}}", "{{a}}", "a{{b}}c{d}e", "{a}{b}", "{{{a}}}", "}{", "{ a }", "{a b}", "{",
             "x}", "Line 5 & more {big_count} [see]", "{{{", "}}}", "a{}b", "{1x}"]
    texts += ["".join(rng.choice("{}ab _") for _ in range(rng.randrange(12))) for _ in range(5000)]
    for text in texts:
        assert outcome(template_parts, text) == outcome(_template_parts_by_character, text), text
