"""Issue 16: the fast paths behave exactly like the slow ones they replace (the speed itself is bench/run.py's)."""

from __future__ import annotations

import tempfile
from dataclasses import replace
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


def _settled_copy(dst: Path) -> Path:
    import os
    import shutil
    import time

    for name in ("scenes", "dialogue", "assets"):
        shutil.copytree(ROOT / name, dst / name)
    past = time.time() - 60  # saved long enough ago to be trusted by their times (game/checkcache.py RACY_NS)
    for path in dst.rglob("*"):
        os.utime(path, (past, past))
    return dst


def test_switching_back_to_a_language_reuses_it_until_one_of_its_files_changes(display, tmp_path, monkeypatch):
    import os
    import time

    import game.content as content_module
    from game.settings import Settings
    from game.ui.context import Context

    root = _settled_copy(tmp_path / "game")
    english, _, _ = content_module.load_content(root)
    ctx = Context.create(root, english, Settings(), tmp_path / "data")
    reads: list[str] = []
    load = content_module.load_content

    def counted(r, lang="en", source=None):
        if lang != "en":  # English is the loaded source itself: nothing to read
            reads.append(lang)
        return load(r, lang, source=source)

    monkeypatch.setattr(content_module, "load_content", counted)
    assert ctx.switch_language("hi") and ctx.switch_language("es") and ctx.switch_language("hi")
    first_hi = ctx.content
    assert ctx.switch_language("en") and ctx.switch_language("hi") and ctx.content is first_hi
    assert reads == ["hi", "es"]  # the second and third visits to Hindi read nothing

    # A facilitator fixes a Hindi line while the game runs: the next switch shows the fix.
    ui = root / "dialogue" / "hi" / "ui.yaml"
    text = ui.read_text(encoding="utf-8")
    title = first_hi.strings.ui["game.title"]
    ui.write_text(text.replace(title, title + " 2", 1), encoding="utf-8")
    past = time.time() - 30
    os.utime(ui, (past, past))
    assert ctx.switch_language("en") and ctx.switch_language("hi")
    assert reads == ["hi", "es", "hi"] and ctx.content.strings.ui["game.title"] == title + " 2"

    # A file saved a moment ago might change again within its clock's tick: never kept, read every time.
    os.utime(ui, None)
    assert ctx.switch_language("en") and ctx.switch_language("hi") and ctx.switch_language("en")
    assert ctx.switch_language("hi") and reads == ["hi", "es", "hi", "hi", "hi"]


def test_kept_languages_are_bounded_and_a_crowded_folder_is_not_kept(tmp_path):
    from game.i18n.kept import MAX_FILES, KeptLanguages, language_stamp

    kept: KeptLanguages[str] = KeptLanguages(limit=2)
    source = object()
    for lang in ("a", "b", "c"):
        kept.keep(lang, source, (("x", lang, 1, 1),), lang)
    assert len(kept) == 2 and kept.get("a", source, (("x", "a", 1, 1),)) is None
    assert kept.get("c", object(), (("x", "c", 1, 1),)) is None  # another source: stale, and dropped
    folder = tmp_path / "dialogue" / "zz"
    folder.mkdir(parents=True)
    for i in range(MAX_FILES + 1):
        (folder / f"{i}.yaml").touch()
    os_past = 10 ** 9
    import os

    for path in folder.iterdir():
        os.utime(path, (os_past, os_past))
    assert language_stamp(tmp_path, "zz") is None
    assert language_stamp(tmp_path / "nowhere", "zz") == (("zz", "", -1, -1),)


def test_a_map_is_zoomed_in_one_step_exactly_as_tile_by_tile_and_only_the_map_on_screen_keeps_its_pixels(
        display, content):
    import pytmx
    from pytmx.util_pygame import pygame_image_loader

    from game.settings import Settings
    from game.ui.context import Context
    from game.world.tiledjson import load_pytmx
    from game.world.tilemap import ZOOM

    ctx = Context.create(ROOT, content, Settings(), Path(tempfile.mkdtemp()))
    for scene in content.scenes:
        path = content.scenes[scene].map_path
        tmx = load_pytmx(path, pygame_image_loader)
        t = tmx.tilewidth * ZOOM
        by_tile = pygame.Surface((tmx.width * t, tmx.height * t)).convert()
        by_tile.fill((40, 34, 40))
        for layer in tmx.visible_layers:
            if isinstance(layer, pytmx.TiledTileLayer) and layer.name not in ("collision", "above"):
                for x, y, image in layer.tiles():
                    by_tile.blit(pygame.transform.scale(image, (t, t)), (x * t, y * t))
        view = ctx.images.map_view(scene)
        assert pygame.image.tobytes(view.below, "RGB") == pygame.image.tobytes(by_tile, "RGB"), scene
    first, *_, last = list(content.scenes)
    left = ctx.images.map_view(first)
    ctx.images.map_view(last)
    assert left._below is None  # left behind: only the small picture is kept
    assert pygame.image.tobytes(ctx.images.map_view(first).below, "RGB") == pygame.image.tobytes(
        ctx.images.map_view(first).below, "RGB") and left._below is not None


def start_to_the_title(tmp_path, prelude: str, shown: tuple[str, ...]) -> tuple[list[str], str]:
    """Start the game (headless, its own data folder) after running ``prelude`` in the same process, until the title
    is ready: the lines it printed that start with one of ``shown``, in order, and everything it printed."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    code = ("import sys\n" + prelude + "from game.console import entry\n"
            f"sys.argv = ['main.py', '--data', {str(tmp_path)!r}, '--bench-first-frame']\n"
            "sys.exit(entry())\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    return [line for line in out.stdout.splitlines() if line.startswith(shown)], out.stdout + out.stderr


def test_the_window_shows_the_title_picture_before_the_story_loads(tmp_path):
    lines, out = start_to_the_title(tmp_path, "import game.content\n"
                                              "load = game.content.load_content_or_english\n"
                                              "def loading(*a, **k):\n"
                                              "    print('loading the story', flush=True)\n"
                                              "    return load(*a, **k)\n"
                                              "game.content.load_content_or_english = loading\n",
                                    ("first-frame", "loading the story", "title-ready"))
    assert lines == ["first-frame", "loading the story", "title-ready"], out


def test_the_splash_is_the_title_picture_and_a_missing_one_leaves_the_window_dark(display, tmp_path):
    from game.play import _splash
    from game.ui.theme import TITLE_PICTURE

    _splash(display, ROOT)
    picture = pygame.image.load(str(ROOT / TITLE_PICTURE)).convert()
    assert display.logical.get_at((640, 300)) == picture.get_at((640, 300))
    (tmp_path / "assets").mkdir()
    (tmp_path / TITLE_PICTURE).write_bytes(b"\x89PNG\r\n\x1a\n not a picture")
    _splash(display, tmp_path)  # damaged: no exception, a dark window
    assert display.logical.get_at((640, 300))[:3] == (24, 20, 28)


def test_the_content_folder_and_the_command_line_do_not_import_the_story_loader():
    import subprocess
    import sys

    code = "import sys, game.contentdir, game.cli; print('game.story.loader' in sys.modules, 'pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["False", "False"], out.stderr


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


# --- reading a language (the first switch to it) ----------------------------------------------------------------------
def _depth_both_ways(text: str, monkeypatch):  # noqa: ANN001, ANN202
    import re

    import game.story.yamlsrc as yamlsrc

    quick = yamlsrc._depth_problem(text, "d.yaml")
    with monkeypatch.context() as m:
        m.setattr(yamlsrc, "_WIDE_LINE", re.compile(""))  # finds a "wide line" everywhere: the full scans always run
        full = yamlsrc._depth_problem(text, "d.yaml")
    return quick, full


@pytest.mark.parametrize("text", [
    "a: 1\n",
    " " * 31 + "a: 1\n",
    " " * 32 + "a: 1\n",
    "a:\n" + " " * 520 + "b: 1\n",
    " " * 520 + "a: 1\n",  # the first line, which no line break precedes
    "a:\n" + "- " * 260 + "b\n",
    "x: " + "[" * 470 + "]" * 470 + "\n" + " " * 40 + "y: 1\n",
    "x: " + "[" * 475 + "\n" + " " * 30 + "y: 1\n",
    "x: " + "[" * 469 + "]" * 469 + "\n" + ":" * 31 + " y\n",
])
def test_the_depth_check_skips_its_scans_only_when_they_could_find_nothing(text, monkeypatch):
    quick, full = _depth_both_ways(text, monkeypatch)
    assert quick == full


def test_no_shipped_dialogue_file_is_deep_either_way(monkeypatch):
    for path in sorted((ROOT / "dialogue").glob("*/*.yaml")):
        assert _depth_both_ways(path.read_text(encoding="utf-8"), monkeypatch) == (None, None), path


def test_a_tab_in_a_value_is_no_indentation_problem_and_one_in_the_indentation_is():
    from game.story.yamlsrc import _tab_problems

    assert _tab_problems("a: 'x\ty'\n", "t.yaml") == []
    assert [(p.pos.line, p.pos.col) for p in _tab_problems("a:\n \tb: 1\n", "t.yaml")] == [(2, 2)]


def _read_both_ways(root: Path, path: Path, monkeypatch):  # noqa: ANN001, ANN202
    """read_locale_file as it reads, and with the usual layout's reader and the entry shortcut turned off."""
    import game.i18n.locale as locale

    def outcome(found, problems):  # noqa: ANN001, ANN202
        if found is None:
            return None, [p.format() for p in problems]
        entries = [(e.id, e.source, e.text, e.pos, e.source_pos, e.text_pos, e.fuzzy, e.at_text,
                    e.text_node.value, e.text_node.tag, e.text_node.style, e.text_node.start_mark.line,
                    e.text_node.start_mark.column, e.text_node.start_mark.index, e.text_node.end_mark.line,
                    e.text_node.end_mark.column, e.text_node.end_mark.index, type(e.text_node.start_mark))
                   for e in found.entries.values()]
        return ((found.lang, found.stem, found.path, found.translates, found.translates_pos, found.strings_pos,
                 sorted(found.nodes), entries), [p.format() for p in problems])

    problems: list = []
    quick = outcome(locale.read_locale_file(root, path, "xx", problems), problems)
    with monkeypatch.context() as m:
        m.setattr(locale, "_read_usual_layout", lambda *args: None)
        m.setattr(locale, "_usual_fields", lambda item: None)
        problems = []
        full = outcome(locale.read_locale_file(root, path, "xx", problems), problems)
    return quick, full


def test_every_shipped_translation_file_is_read_in_the_usual_layout_exactly_as_composed(monkeypatch):
    import game.i18n.locale as locale

    read_quickly = []
    real = locale._read_usual_layout
    monkeypatch.setattr(locale, "_read_usual_layout", lambda *args: read_quickly.append(args[1]) or real(*args))
    for lang in locale.language_folders(ROOT):
        for path in locale.locale_paths(ROOT, lang):
            quick, full = _read_both_ways(ROOT, path, monkeypatch)
            assert quick == full, path
    assert len(read_quickly) >= 20  # the fast path was taken (es/home.yaml has nodes: and is composed)


HEAD = "# a comment: with [brackets] & {braces}\ntranslates: home\nstrings:\n"
ENTRY = '  home.a:\n    source: "Tea & {name}"\n    text: "Chai & {name}"\n'
ENTRY_B = '  home.b:\n    source: "Go"\n    text: "Jao"\n'


@pytest.mark.parametrize("text", [
    HEAD + ENTRY + ENTRY_B,
    HEAD + ENTRY + ENTRY_B.replace('"Jao"\n', '"Jao"\n    fuzzy: true\n'),
    HEAD + ENTRY.replace("Chai", "y" * 1200),  # over the length limit: an error at the text, which is then empty
    HEAD.replace("home", "lane") + ENTRY,  # misnamed
    HEAD + ENTRY + ENTRY,  # a duplicate id
    HEAD + ENTRY.replace("home.a", "null"),  # an id YAML reads as nothing
    HEAD + ENTRY.replace("home.a", "true") + ENTRY_B,
    HEAD + ENTRY.replace("home.a", "n" + "x" * 1100),  # too long to be a YAML key
    HEAD + ENTRY.replace("Chai", "Chai\u2028"),  # a line break only YAML sees
    HEAD + ENTRY.replace("Chai", "Chai\x85"),
    HEAD + ENTRY.replace("Chai", "Chai\t"),
    HEAD + ENTRY.replace("Chai", "Chai\ufeff"),
    HEAD + ENTRY.replace("Chai", "Chai\x7f"),
    HEAD + ENTRY.replace("Chai", "Chai\\\""),  # an escape
    HEAD + ENTRY.replace("Chai", "\U0001F375 Chai"),
    HEAD + ENTRY.replace('"Chai & {name}"', "Chai & {name}"),  # plain
    HEAD + ENTRY.replace('"Chai & {name}"', ""),  # nothing: not translated yet
    HEAD + ENTRY.replace('"Chai & {name}"', '"Chai" # a comment'),
    HEAD + ENTRY.replace("source", "'source'"),
    HEAD + ENTRY.replace("    text", "    fuzzy: yes\n    text"),
    HEAD + ENTRY.replace("    text", "    note: x\n    text"),
    HEAD + ENTRY + "  # a comment\n" + ENTRY_B,
    HEAD + "\n" + ENTRY + "# at the margin\n\n   \n" + ENTRY_B + "\n",
    HEAD + ENTRY + "  #\n",
    HEAD + ENTRY + ENTRY_B.rstrip("\n"),
    (HEAD + ENTRY).replace("\n", "\r\n"),
    "\ufeff" + HEAD + ENTRY,
    HEAD.replace("home", "null") + ENTRY,
    HEAD,
    HEAD + ENTRY + "nodes:\n  n: []\n",
    HEAD + ENTRY.replace("  home.a:", "  home.a: &x") + "  home.c: *x\n",
])
def test_a_translation_file_reads_the_same_with_and_without_its_fast_paths(text, monkeypatch, tmp_path):
    path = tmp_path / "dialogue" / "xx" / "home.yaml"
    path.parent.mkdir(parents=True)
    path.write_bytes(text.encode("utf-8"))
    quick, full = _read_both_ways(tmp_path, path, monkeypatch)
    assert quick == full


@pytest.mark.parametrize("source,text,messages", [
    ("Go", "Jao", []),
    ("Go", "Jao}", ["a '}' without a matching '{'"]),
    ("Go", "Jao {name}", ["the placeholder {name} is not in the English text"]),
    ("Go {name}", "Jao", ["the placeholder {name} of the English text is missing from the translation"]),
    ("Go {{", "Jao", []),
])
def test_placeholders_are_compared_whenever_either_side_has_a_brace(source, text, messages):
    from game.i18n.checks import placeholder_problems
    from game.i18n.locale import Entry
    from game.story.problems import Pos

    entry = Entry("home.a", source, text, Pos("p", 1, 1), Pos("p", 2, 1))
    found = [p.message for p in placeholder_problems(entry, source)]
    assert [m for m in found if not any(m.endswith(w) or w in m for w in messages)] == []
    assert len(found) == len(messages)


@pytest.mark.parametrize("data,where", [
    ('x: 1\na: "मीरा\x07"\n'.encode(), (2, 9)),
    (b"\xef\xbb\xbf" + 'x: 1\nb: "मीरा\x07"\n'.encode(), (2, 9)),  # after the byte-order mark parse_yaml drops
    ('a: "मीरा"\n\x01'.encode(), (2, 1)),
])
def test_a_control_character_after_wide_characters_is_found_at_its_column(data, where):
    # libyaml reads the file's bytes and reports a byte offset: turned back into the character's line and column.
    node, problems = parse_yaml(data, "c.yaml")
    assert node is None
    assert [(p.pos.line, p.pos.col) for p in problems if p.is_error] == [where]
    assert "a character YAML does not allow" in problems[-1].message


def test_composing_a_files_bytes_gives_the_tree_composing_its_text_did():
    import yaml

    from game.story.yamlsrc import _Loader

    def shape(node):  # noqa: ANN001, ANN202
        marks = (node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
        if isinstance(node.value, str):
            return node.tag, node.value, node.style, marks
        return node.tag, marks, [shape(n) for item in node.value for n in (item if isinstance(item, tuple) else [item])]

    for path in sorted(ROOT.glob("dialogue/*/*.yaml")) + sorted(ROOT.glob("scenes/**/*.yaml")):
        data = path.read_bytes()
        node, _problems = parse_yaml(data, path.name)
        assert node is not None and shape(node) == shape(yaml.compose(data.decode("utf-8"), Loader=_Loader)), path


def test_the_source_texts_a_translation_is_checked_against_are_worked_out_once(content, monkeypatch):
    """Each first switch to a language checks it against every source text; those are the same for every language,
    so they are made once per loaded source (ui.yaml is read again for them)."""
    import game.i18n.sources
    from game.content import load_content

    calls = []
    real = game.i18n.sources.strings_of
    monkeypatch.setattr(game.i18n.sources, "strings_of", lambda *a, **k: calls.append(1) or real(*a, **k))
    source = replace(content, _memo={})  # a source of this test's own, with nothing worked out yet
    hi, _, _ = load_content(source.root, "hi", source=source)
    es, _, _ = load_content(source.root, "es", source=source)
    assert len(calls) == 1
    assert hi.catalog.sources == es.catalog.sources == load_content(source.root, "bn")[0].catalog.sources


def test_the_first_frame_comes_before_the_story_the_yaml_reader_and_openssl_load(tmp_path):
    """What the window waits for on a lab PC: none of what only the story needs is imported before the first frame
    (the YAML reader, the story model, the content), nor OpenSSL for a digest or importlib.resources (only an
    installed game looks its content up that way). Each of these was 10-90 ms of a start."""
    watched = ("game.content", "game.story.model", "yaml", "hashlib", "importlib.resources")
    lines, out = start_to_the_title(tmp_path, "import game.play\n"
                                              "splash = game.play._splash\n"
                                              "def splashed(*a, **k):\n"
                                              "    splash(*a, **k)\n"
                                              f"    print('loaded:', *[m for m in {watched!r} if m in sys.modules], "
                                              "flush=True)\n"
                                              "game.play._splash = splashed\n",
                                    ("loaded:", "first-frame", "title-ready"))
    assert lines == ["loaded:", "first-frame", "title-ready"], out
