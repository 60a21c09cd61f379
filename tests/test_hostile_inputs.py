"""Issue 17: maps, long text, saves and translations that try to freeze, exhaust or crash the game.

Each case is the file a curious student or a careless edit could leave in a shared lab folder. The game, `check`,
`i18n import` and Continue must answer it in bounded time and memory, with a message, and never raise. Time bounds are
generous on purpose (a loaded CI machine): they tell "bounded" from "minutes", which is what these files used to cost.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import struct
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest

from game.check import run_check
from game.cli import build_parser
from game.graphemes import boundaries, clusters
from game.i18n.commands import run_i18n
from game.i18n.catalog import Catalog
from game.limits import MAX_HISTORY, MAX_MAP_TILES, MAX_TEXT_CHARS
from game.save import MAX_SAVE_BYTES, SAVE_NAME, SaveCorrupt, SaveError, SaveOk, read_save, remove_leftover_temps, \
    write_save
from game.world.tmxdata import load_map_data

ROOT = Path(__file__).resolve().parent.parent
HOME_MAP = "scenes/home/home.tmx"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    dst = tmp_path / "project"
    for name in ("scenes", "assets", "dialogue", "schemas"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dst / name, ignore=shutil.ignore_patterns("__pycache__", "preview*.png"))
    return dst


def check(root: Path, *paths: str, lang: str = "en") -> tuple[int, str]:
    out = io.StringIO()
    code = run_check([str(root), *[str(root / p) for p in paths]], lang, False, ROOT, out=out)
    return code, out.getvalue()


def i18n(root: Path, *argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = run_i18n(build_parser().parse_args(["i18n", *argv]), root, out)
    return code, out.getvalue()


class Bounded:
    """Asserts that the block took at most ``seconds`` and allocated at most ``megabytes`` (Python heap)."""

    def __init__(self, seconds: float, megabytes: float = 200) -> None:
        self.seconds, self.megabytes = seconds, megabytes

    def __enter__(self) -> "Bounded":
        tracemalloc.start()
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        elapsed = time.perf_counter() - self.start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        if exc[0] is None:
            assert elapsed < self.seconds, f"took {elapsed:.1f} s (bound {self.seconds} s)"
            assert peak < self.megabytes * 2**20, f"peaked at {peak / 2**20:.0f} MB (bound {self.megabytes} MB)"


def set_map_attr(root: Path, name: str, value: str) -> None:
    path = root / HOME_MAP
    text = path.read_text(encoding="utf-8")
    tag_end = text.index(">", text.index("<map "))
    head = re.sub(rf'\b{name}="\d+"', f'{name}="{value}"', text[:tag_end], count=1)
    path.write_text(head + text[tag_end:], encoding="utf-8")


# --- maps --------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("attr,value,message", [
    ("width", "3000", "3000×20 tiles; the most is"),
    ("height", "3000", "30×3000 tiles; the most is"),
    ("tilewidth", "4096", "tiles are 4096×16 pixels; the most is"),
    ("width", "200", "more than the game can draw"),  # 200 × 16 px wide, 20 tall: under the tile limit, over pixels
])
def test_a_huge_map_is_an_error_at_the_map_element_and_costs_nothing(project, attr, value, message):
    if value == "200":
        set_map_attr(project, "height", "200")
        set_map_attr(project, "tilewidth", "64")
    set_map_attr(project, attr, value)
    with Bounded(seconds=10, megabytes=100):
        code, out = check(project)
    assert code == 1
    assert f"{HOME_MAP}:2:1: error:" in out and message in out, out


def png_header(width: int, height: int) -> bytes:
    body = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + body + struct.pack(">I", zlib.crc32(b"IHDR" + body))


def test_a_tileset_picture_of_30000_pixels_is_refused_before_it_is_decoded(project):
    (project / "assets" / "tiles" / "town.png").write_bytes(png_header(30000, 30000))
    with Bounded(seconds=10, megabytes=100):
        data, problems = load_map_data(project, project / HOME_MAP)
    assert data is None
    assert any("30000×30000 pixels; the most is 4096" in p.message and p.pos.path == "assets/tiles/town.tsx"
               for p in problems), [p.format() for p in problems]


def test_a_zlib_bomb_layer_is_refused_not_inflated(project):
    bomb = __import__("base64").b64encode(zlib.compress(b"\x01\x00\x00\x00" * (8 * 2**20))).decode()
    path = project / HOME_MAP
    text = path.read_text(encoding="utf-8")
    first = re.search(r'<data encoding="csv">.*?</data>', text, re.S)
    assert first, "the home map's first layer is CSV: update this test"
    text = text[:first.start()] + f'<data encoding="base64" compression="zlib">{bomb}</data>' + text[first.end():]
    path.write_text(text, encoding="utf-8")
    with Bounded(seconds=10, megabytes=60):
        data, problems = load_map_data(project, path)
    assert data is None and any("damaged tile data" in p.message for p in problems)


def test_a_layer_declaring_more_tiles_than_any_map_is_refused(project):
    path = project / HOME_MAP
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('<layer id="1" name="ground" width="30" height="20">',
                                 f'<layer id="1" name="ground" width="{MAX_MAP_TILES + 1}" height="20">'), "utf-8")
    data, problems = load_map_data(project, path)
    assert data is None and any(f"is {MAX_MAP_TILES + 1}×20 tiles" in p.message for p in problems)


def test_a_map_file_over_the_size_limit_is_not_read(project, monkeypatch):
    import game.world.tmxdata as tmxdata

    monkeypatch.setattr(tmxdata, "MAX_FILE_BYTES", 1000)
    data, problems = load_map_data(project, project / HOME_MAP)
    assert data is None and "larger than" in problems[0].message


# --- long unbroken text ------------------------------------------------------------------------------------------------
def test_graphemes_keep_conjuncts_marks_and_emoji_together():
    assert clusters("क्षत्रिय") == ["क्ष", "त्रि", "य"]
    assert clusters("স্ত্রী") == ["স্ত্রী"]
    assert clusters("नमस्ते") == ["न", "म", "स्ते"]
    assert clusters("e\u0301a") == ["e\u0301", "a"]
    assert clusters("👍🏽x") == ["👍🏽", "x"]
    assert clusters("🇮🇳🇪🇸") == ["🇮🇳", "🇪🇸"]
    assert boundaries("") == [0]


@pytest.mark.parametrize("unit", ["x", "क्ष", "স্ত্রী", "W"])
def test_wrapping_an_unbroken_run_is_bounded_and_never_splits_a_cluster(display, unit):
    from game.ui.text import FontFiles, Style, TextRenderer

    renderer = TextRenderer(FontFiles.shipped(ROOT / "assets" / "fonts"))
    style = Style(26)
    calls = 0
    measure = renderer.width

    def counted(text, style_):
        nonlocal calls
        calls += 1
        return measure(text, style_)

    renderer.width = counted  # type: ignore[method-assign]
    text = unit * (6000 // len(unit))
    with Bounded(seconds=20):
        lines = renderer.wrap(text, 600, style)
    assert "".join(lines) == text
    assert all(measure(line, style) <= 600 for line in lines)
    # Every line is a whole number of the unit: no conjunct or vowel sign was cut.
    assert all(len(line) % len(unit) == 0 and line == unit * (len(line) // len(unit)) for line in lines)
    # About log2(line length) measurements a line, of pieces about a line long: not one per character.
    assert calls < 20 * len(lines) + 10, (calls, len(lines))


def test_a_line_too_long_for_any_screen_is_cut_before_shaping(display):
    from game.ui.text import MAX_LINE_CHARS, FontFiles, Style, TextRenderer

    renderer = TextRenderer(FontFiles.shipped(ROOT / "assets" / "fonts"))
    with Bounded(seconds=10):
        surface = renderer.render("क" * 7_000_000, Style(26), (0, 0, 0))
    assert surface.get_width() < MAX_LINE_CHARS * 40


# --- translations ------------------------------------------------------------------------------------------------------
def po_file(tmp_path: Path, entries: str, lang: str = "hi") -> Path:
    path = tmp_path / f"{lang}.po"
    path.write_text(f'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    + entries, encoding="utf-8")
    return path


def test_a_huge_tagline_is_refused_at_its_po_line_and_never_reaches_the_title(project, tmp_path, display):
    path = po_file(tmp_path, 'msgctxt "ui.game.tagline"\nmsgid "Everyday choices. Everyday courage."\n'
                             f'msgstr "{"क" * 1500}"\n')
    code, out = i18n(project, "import", str(path))
    assert code == 1
    assert f"{path.as_posix()}:6:1: error: the translation of 'ui.game.tagline' is 1,500 characters long" in out
    # Written by hand into the YAML instead: `check` reports it, and the game shows the English.
    hi = project / "dialogue" / "hi" / "ui.yaml"
    text = hi.read_text(encoding="utf-8")
    text = re.sub(r'(  ui\.game\.tagline:\n    source: .*\n    text: ).*\n', lambda m: m.group(1) + '"' + "क" * 1500
                  + '"\n', text, count=1)
    hi.write_text(text, encoding="utf-8")
    code, out = check(project, lang="hi")
    assert code == 1 and "the most is 1,000" in out and "dialogue/hi/ui.yaml:" in out
    catalog, _ = Catalog.load(project, "hi")
    assert catalog.text("ui.game.tagline", "Everyday choices. Everyday courage.") == \
        "Everyday choices. Everyday courage."


def test_a_seven_million_character_language_name_is_refused_everywhere(project, tmp_path):
    name = "x" * 7_000_000
    path = po_file(tmp_path, f'msgctxt "ui.language.name"\nmsgid "English"\nmsgstr "{name}"\n')
    with Bounded(seconds=30, megabytes=400):
        code, out = i18n(project, "import", str(path))
    assert code == 1 and "7,000,000 characters long; the most is 60" in out
    hi = project / "dialogue" / "hi" / "ui.yaml"
    text = hi.read_text(encoding="utf-8")
    text = re.sub(r'(  ui\.language\.name:\n    source: .*\n    text: ).*\n', lambda m: m.group(1) + f'"{name}"\n',
                  text, count=1)
    hi.write_text(text, encoding="utf-8")
    with Bounded(seconds=60, megabytes=600):
        names = Catalog.languages_available(project)
    assert names["hi"] == "hi"  # the code, not seven million characters in the language menu
    code, out = check(project, lang="hi")
    assert code == 1 and "the most is 60" in out


def test_fuzzy_entries_stay_fuzzy_are_not_shown_and_survive_the_next_export(project, tmp_path):
    path = po_file(tmp_path, '#, fuzzy\nmsgctxt "ui.game.tagline"\nmsgid "Everyday choices. Everyday courage."\n'
                             'msgstr "आधा-अधूरा अनुवाद"\n')
    code, out = i18n(project, "import", str(path))
    assert code == 0, out
    text = (project / "dialogue" / "hi" / "ui.yaml").read_text(encoding="utf-8")
    assert re.search(r'ui\.game\.tagline:\n    source: .*\n    text: "आधा-अधूरा अनुवाद"\n    fuzzy: true\n', text)
    catalog, problems = Catalog.load(project, "hi")
    assert catalog.text("ui.game.tagline", "ENGLISH") == "ENGLISH"  # needs work: the player sees the English
    out_po = tmp_path / "again.po"
    assert i18n(project, "export", "hi", "-o", str(out_po))[0] == 0
    again = out_po.read_text(encoding="utf-8")
    assert re.search(r'#, fuzzy\nmsgctxt "ui.game.tagline"\nmsgid "Everyday choices. Everyday courage."\n'
                     r'msgstr "आधा-अधूरा अनुवाद"', again)
    # Done in Poedit (the flag removed) and imported: shown from then on.
    out_po.write_text(again.replace('#, fuzzy\nmsgctxt "ui.game.tagline"', 'msgctxt "ui.game.tagline"'), "utf-8")
    assert i18n(project, "import", str(out_po))[0] == 0
    catalog, _ = Catalog.load(project, "hi")
    assert catalog.text("ui.game.tagline", "ENGLISH") == "आधा-अधूरा अनुवाद"


def test_stale_entries_carry_the_previous_english_and_msgfmt_accepts_the_file(project, tmp_path):
    hi = project / "dialogue" / "hi" / "ui.yaml"
    text = hi.read_text(encoding="utf-8")
    text = re.sub(r'(  ui\.game\.tagline:\n    source: ).*\n', r'\1"Old English line."\n', text, count=1)
    hi.write_text(text, encoding="utf-8")
    out_po = tmp_path / "hi.po"
    assert i18n(project, "export", "hi", "-o", str(out_po))[0] == 0
    exported = out_po.read_text(encoding="utf-8")
    assert re.search(r'#, fuzzy\n#\| msgid "Old English line."\nmsgctxt "ui.game.tagline"\n', exported)
    msgfmt = shutil.which("msgfmt")
    if msgfmt:
        import subprocess

        result = subprocess.run([msgfmt, "-c", "-o", "/dev/null", str(out_po)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    # Read back unchanged: the entry stays stale, its source still the old English.
    assert i18n(project, "import", str(out_po))[0] == 0
    assert '"Old English line."' in hi.read_text(encoding="utf-8")


def test_the_template_exports_with_every_string_and_no_translation(project, tmp_path):
    pot = tmp_path / "small-acts.pot"
    code, out = i18n(project, "export", "en", "-o", str(pot))
    assert code == 0, out
    text = pot.read_text(encoding="utf-8")
    assert '"Language: \\n"' in text and 'msgctxt "ui.game.tagline"' in text
    assert not re.search(r'msgstr "[^"]', text.split("\n\n", 1)[1])  # every msgstr after the header is empty


def test_duplicates_and_placeholder_mismatches_are_reported_at_their_po_line(project, tmp_path):
    path = po_file(tmp_path,
                   'msgctxt "ui.title.quit"\nmsgid "Quit"\nmsgstr "बंद करो"\n\n'
                   'msgctxt "ui.title.quit"\nmsgid "Quit"\nmsgstr "बाहर"\n\n'
                   'msgctxt "home.endings.started.text"\nmsgid "x"\nmsgstr "मीरा ने {chapterz} पढ़े"\n')
    code, out = i18n(project, "import", str(path))
    assert code == 1
    assert f"{path.as_posix()}:10:1: error: the id 'ui.title.quit' is given twice (first at line 6)" in out
    assert f"{path.as_posix()}:14:1: error: 'home.endings.started.text': the placeholder {{chapterz}}" in out
    catalog, _ = Catalog.load(project, "hi")
    assert catalog.text("ui.title.quit", "Quit") == "बंद करो"


def test_a_line_separator_inside_a_translation_is_a_character_like_any_other(project, tmp_path):
    path = po_file(tmp_path, 'msgctxt "ui.title.quit"\nmsgid "Quit"\nmsgstr "बंद\u2028करो"\n')
    code, out = i18n(project, "import", str(path))
    assert code == 0, out
    catalog, problems = Catalog.load(project, "hi")
    assert not [p for p in problems if p.is_error]
    assert catalog.text("ui.title.quit", "Quit") == "बंद\u2028करो"
    again = tmp_path / "again.po"
    assert i18n(project, "export", "hi", "-o", str(again))[0] == 0
    assert 'msgstr "बंद\u2028करो"' in again.read_text(encoding="utf-8")


# --- saves -------------------------------------------------------------------------------------------------------------
def good_save(tmp_path: Path) -> dict:
    write_save(tmp_path, {"story": {"version": 1, "vars": {"chapters_read": 1}}, "world":
                          {"scene": "home", "x": 3, "y": 4, "facing": "down", "fired": []}})
    return json.loads((tmp_path / SAVE_NAME).read_text(encoding="utf-8"))


def test_a_counter_of_5000_digits_is_moved_aside_not_a_crash(tmp_path):
    doc = good_save(tmp_path)
    text = json.dumps(doc).replace('"chapters_read": 1', '"chapters_read": ' + "9" * 5000)
    (tmp_path / SAVE_NAME).write_text(text, encoding="utf-8")
    with Bounded(seconds=5):
        result = read_save(tmp_path)
    assert isinstance(result, SaveCorrupt) and result.moved_to is not None and "number" in result.reason
    assert not (tmp_path / SAVE_NAME).exists()


def test_continue_with_a_huge_counter_starts_fresh_and_says_why(tmp_path, content):
    from game.session import Session

    doc = good_save(tmp_path)
    (tmp_path / SAVE_NAME).write_text(json.dumps(doc).replace('"chapters_read": 1', '"chapters_read": ' + "9" * 5000),
                                      encoding="utf-8")
    session, reason = Session.resume(content, tmp_path)
    assert session is None and reason and list(tmp_path.glob("autosave.corrupt-*.json"))
    assert Session.resume(content, tmp_path) == (None, None)  # and the next Continue does not crash either


def test_a_history_longer_than_any_play_is_refused_and_never_written(tmp_path, content):
    from game.session import Session
    from game.story.state import State

    state = State.new(content.story)
    state.history = [{"node": "home.arrive"}] * 300_000
    session = Session.new(content, tmp_path)
    session.state = state
    assert session.save()
    raw = (tmp_path / SAVE_NAME).read_bytes()
    assert len(raw) <= MAX_SAVE_BYTES
    assert len(json.loads(raw)["story"]["history"]) == MAX_HISTORY  # the newest entries only
    doc = json.loads(raw)
    doc["story"]["history"] = doc["story"]["history"] * 2
    (tmp_path / SAVE_NAME).write_text(json.dumps(doc), encoding="utf-8")
    resumed, reason = Session.resume(content, tmp_path)
    assert resumed is None and "history" in reason


def test_the_writer_never_writes_what_the_reader_refuses(tmp_path):
    checkpoint = {"menu": "m", "label": "l", "story": {"pad": "x" * 1_000_000}, "chosen": "",
                  "world": {"scene": "home", "x": 1, "y": 1, "facing": "down", "fired": []}}
    world = {"scene": "home", "x": 1, "y": 1, "facing": "down", "fired": []}
    write_save(tmp_path, {"story": {"v": 1}, "world": world, "checkpoints": [checkpoint] * 20})
    assert (tmp_path / SAVE_NAME).stat().st_size <= MAX_SAVE_BYTES  # oldest "What if?" snapshots dropped
    assert isinstance(read_save(tmp_path), SaveOk)
    with pytest.raises(SaveError):
        write_save(tmp_path, {"story": {"pad": "x" * (MAX_SAVE_BYTES + 10)}, "world": world})
    with pytest.raises(SaveError):
        write_save(tmp_path, {"story": {"n": 10**30}, "world": world})
    assert isinstance(read_save(tmp_path), SaveOk)  # the last good save is untouched


def test_temp_files_left_by_killed_writes_are_removed_at_start(tmp_path):
    good_save(tmp_path)
    for n in range(78):
        (tmp_path / f".{SAVE_NAME}.abc{n}.tmp").write_bytes(b"{")
    (tmp_path / ".settings.json.x.tmp").write_bytes(b"")
    assert remove_leftover_temps(tmp_path) == 79
    assert sorted(p.name for p in tmp_path.iterdir()) == [SAVE_NAME]


def test_starting_the_game_removes_leftover_temp_files(tmp_path):
    import subprocess
    import sys

    (tmp_path / f".{SAVE_NAME}.zz.tmp").write_bytes(b"{")
    result = subprocess.run([sys.executable, "main.py", "--data", str(tmp_path), "--screenshot",
                             str(tmp_path / "t.png"), "--scene", "title"], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert not list(tmp_path.glob(".*.tmp"))


# --- check PATH --------------------------------------------------------------------------------------------------------
def test_checking_one_map_reports_what_it_breaks_in_another(project):
    path = project / HOME_MAP
    text = path.read_text(encoding="utf-8")
    assert 'name="from_lane"' in text, "the home map's spawn from the lane moved: update this test"
    path.write_text(text.replace('name="from_lane"', 'name="from_lane_old"'), encoding="utf-8")
    code, out = check(project, HOME_MAP)
    assert code == 1, out
    assert "scenes/lane/lane.tmx:" in out and "has no spawn point named 'from_lane'" in out


def test_limits_are_documented_for_facilitators_and_translators():
    authoring = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    translating = (ROOT / "docs" / "translating.md").read_text(encoding="utf-8")
    for needle in (f"{MAX_MAP_TILES}", "1,048,576", "4096", f"{MAX_TEXT_CHARS:,}", "16 MB"):
        assert needle in authoring, needle
    for needle in (f"{MAX_TEXT_CHARS:,}", "60 characters", "fuzzy", "#|", ".pot"):
        assert needle in translating, needle


def test_walking_a_huge_third_party_map_is_refused_before_it_is_parsed(project, tmp_path):
    import subprocess
    import sys

    set_map_attr(project, "width", "3000")
    result = subprocess.run([sys.executable, "main.py", "--map", str(project / HOME_MAP), "--screenshot",
                             str(tmp_path / "m.png")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "3000×20 tiles; the most is 256 on a side" in result.stderr and "Traceback" not in result.stderr
