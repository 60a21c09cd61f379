"""Translations: ids that never move, the language chain, the checks with exact positions, status, PO round trip.

Every test works on a copy of the English content with translation files written here, so nothing depends on the
translators' progress in dialogue/hi, es, bn.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from game.check import run_check
from game.cli import build_parser
from game.content import load_content
from game.i18n import checks, po
from game.i18n.catalog import Catalog
from game.i18n.commands import run_i18n
from game.i18n.locale import lang_chain, valid_lang
from game.i18n.skeleton import render, write_skeleton
from game.i18n.sources import all_strings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def project(tmp_path, monkeypatch, searched_before):
    monkeypatch.setenv("SMALL_ACTS_DATA", str(tmp_path / "data"))  # a cache of this test's own
    searched_before(tmp_path / "data" / "cache")  # the English story's paths were searched before
    dst = tmp_path / "project"
    for name in ("scenes", "assets"):
        shutil.copytree(ROOT / name, dst / name)
    shutil.copytree(ROOT / "dialogue" / "en", dst / "dialogue" / "en")
    return dst


def sources(root):
    content, problems, _ = load_content(root)
    assert content is not None, [p.format() for p in problems]
    return all_strings(content)


def new_language(root, lang, texts=None, name="Hindi"):
    """Write the skeleton of a language, then fill the given texts (id → text)."""
    write_skeleton(root, lang, sources(root), name)
    for ident, text in (texts or {}).items():
        fill(root, lang, ident, text)


def fill(root, lang, ident, text):
    for path in (root / "dialogue" / lang).glob("*.yaml"):
        body = path.read_text(encoding="utf-8")
        pattern = re.compile(rf"(\n  {re.escape(ident)}:\n    source: .*\n    text: )(.*)\n")
        if pattern.search(body):
            path.write_text(pattern.sub(lambda m: m.group(1) + json.dumps(text, ensure_ascii=False) + "\n", body,
                                        count=1), encoding="utf-8")
            return path
    raise AssertionError(f"no entry {ident} in dialogue/{lang}")


def fake(item):
    """A made-up translation that names its id and keeps the source's placeholders."""
    return f"T:{item.id}" + "".join(f" {{{name}}}" for name in re.findall(r"(?<!\{)\{([a-z_]+)\}", item.text))


def translate_all(root, lang):
    """Every entry of every file translated (see fake)."""
    for stem, items in sources(root).items():
        path = root / "dialogue" / lang / f"{stem}.yaml"
        path.write_text(render(stem, items, "Test", existing={i.id: fake(i) for i in items}), encoding="utf-8")


def line_of(path, needle, start_after=None):
    lines = path.read_text(encoding="utf-8").splitlines()
    begin = 0 if start_after is None else next(i for i, line in enumerate(lines) if start_after in line)
    return next(i for i in range(begin, len(lines)) if needle in lines[i]) + 1


def i18n(root, *argv):
    out = io.StringIO()
    code = run_i18n(build_parser().parse_args(["i18n", *argv]), root, out)
    return code, out.getvalue()


def check(root, lang):
    out = io.StringIO()
    code = run_check([str(root)], lang, False, ROOT, out=out)
    return code, out.getvalue()


# --- the chain --------------------------------------------------------------------------------------------------------
def test_language_chain_strips_region_parts_then_falls_back_to_english():
    assert lang_chain("hi-IN") == ("hi-IN", "hi", "en")
    assert lang_chain("hi") == ("hi", "en")
    assert lang_chain("en") == ("en",)
    assert lang_chain("en-GB") == ("en-GB", "en")
    assert valid_lang("hi") and valid_lang("hi-IN") and not valid_lang("HI") and not valid_lang("hindi")


def test_catalog_falls_back_along_the_chain_and_never_returns_a_raw_id(project):
    new_language(project, "hi", {"ui.title.continue": "आगे खेलो", "ui.title.quit": "बंद करो"})
    write_skeleton(project, "hi-IN", {"ui": sources(project)["ui"]}, "Hindi (India)")
    fill(project, "hi-IN", "ui.title.quit", "बाहर निकलो")
    catalog, problems = Catalog.load(project, "hi-IN", sources(project))
    assert not [p for p in problems if p.is_error]
    assert catalog.chain == ("hi-IN", "hi", "en") and catalog.lang == "hi-IN"
    assert catalog.text("ui.title.quit", "Quit") == "बाहर निकलो"  # the variant's own
    assert catalog.text("ui.title.continue", "Continue") == "आगे खेलो"  # empty in hi-IN: the parent's
    assert catalog.text("ui.title.new_game", "New game") == "New game"  # nobody's: the English
    assert catalog.text("no.such.id", "Some text") == "Some text"
    assert Catalog.source().text("ui.title.quit", "Quit") == "Quit"
    content, _problems, _ = load_content(project, "hi-IN")
    assert content is not None and content.strings.get("title.quit") == "बाहर निकलो"
    for key in content.strings.ui:
        assert content.strings.get(key) != f"ui.{key}" and content.strings.ui[key]


def test_languages_available_with_their_own_names(project):
    new_language(project, "hi", {"ui.language.name": "हिंदी"})
    new_language(project, "bn")  # no name yet: the code is shown
    (project / "dialogue" / "xx").mkdir()  # no ui.yaml: not offered
    assert Catalog.languages_available(project) == {"en": "English", "bn": "bn", "hi": "हिंदी"}


# --- ids never move ---------------------------------------------------------------------------------------------------
def test_inserting_an_english_line_in_the_middle_of_a_node_moves_no_other_translation(project):
    new_language(project, "hi")
    translate_all(project, "hi")
    home = project / "dialogue" / "en" / "home.yaml"
    text = home.read_text(encoding="utf-8")
    anchor = '      text: "Don\'t come in here with those feet. I just swept."\n'
    assert anchor in text
    home.write_text(text.replace(anchor, anchor + '    - id: m1b\n      say: meera\n      text: "Shoes off, Ravi."\n'),
                    encoding="utf-8")
    content, problems, _ = load_content(project, "hi")
    assert content is not None, [p.format() for p in problems if p.is_error]
    ids = [item.id for item in all_strings(content)["home"]]
    assert ids.index("home.meera.m1b") == ids.index("home.meera.m1") + 1
    for stem, items in all_strings(content).items():
        for item in items:
            if item.id != "home.meera.m1b":
                assert content.catalog.text(item.id, item.text) == fake(item)
    assert content.catalog.text("home.meera.m1b", "Shoes off, Ravi.") == "Shoes off, Ravi."
    new = [p for p in problems if "home.meera.m1b" in p.message]
    strings_line = line_of(project / "dialogue" / "hi" / "home.yaml", "strings:")
    assert [(p.pos.path, p.pos.line, p.pos.col, p.severity) for p in new] == \
        [("dialogue/hi/home.yaml", strings_line, 1, "warning")]
    rows = {r.file: r for r in checks.status(project, all_strings(content))["hi"]}
    assert (rows["home"].missing, rows["home"].stale, rows["home"].orphaned) == (1, 0, 0)
    assert all(r.missing == 0 for name, r in rows.items() if name != "home")


# --- the checks, with exact positions ---------------------------------------------------------------------------------
def test_an_edited_english_line_makes_its_translation_stale_in_status_and_check(project):
    new_language(project, "hi", {"home.meera.m1": "पैर धोकर आओ।"})
    home = project / "dialogue" / "en" / "home.yaml"
    home.write_text(home.read_text(encoding="utf-8").replace("I just swept.", "I just mopped."), encoding="utf-8")
    code, output = check(project, "hi")
    line = line_of(project / "dialogue" / "hi" / "home.yaml", "source:", start_after="  home.meera.m1:")
    assert f"dialogue/hi/home.yaml:{line}:13: warning: {checks.STALE_MESSAGE}" in output
    assert code == 0  # a warning, not an error
    code, out = i18n(project, "status", "--json")
    home_row = next(r for r in json.loads(out)["languages"]["hi"]["files"] if r["file"] == "home")
    assert home_row["stale"] == 1 and home_row["translated"] == 1


def test_a_placeholder_mismatch_is_an_error_at_its_column(project):
    text = "मीरा ने चार में से {chapter_read} अध्याय पढ़े।"
    new_language(project, "hi")
    path = fill(project, "hi", "home.endings.started.text", text)
    line = line_of(path, "    text: ", start_after="  home.endings.started.text:")
    col = len('    text: "') + text.index("{") + 1
    code, output = check(project, "hi")
    assert code == 1
    assert f"dialogue/hi/home.yaml:{line}:{col}: error: the placeholder {{chapter_read}} is not in the English " \
           "text (did you mean 'chapters_read'?)" in output
    assert f"dialogue/hi/home.yaml:{line}:12: error: the placeholder {{chapters_read}} of the English text is " \
           "missing from the translation" in output
    content, problems, _ = load_content(project, "hi")
    assert content is None  # the game falls back to English rather than show a broken line


def test_an_orphaned_entry_and_a_file_that_translates_nothing(project):
    new_language(project, "hi")
    path = project / "dialogue" / "hi" / "home.yaml"
    path.write_text(path.read_text(encoding="utf-8") + '  home.meera.m9:\n    source: "Gone."\n    text: "गया।"\n',
                    encoding="utf-8")
    (project / "dialogue" / "hi" / "park.yaml").write_text("translates: park\nstrings:\n", encoding="utf-8")
    _code, output = check(project, "hi")
    line = line_of(path, "  home.meera.m9:")
    assert f"dialogue/hi/home.yaml:{line}:3: warning: 'home.meera.m9' is no longer in the English (orphaned) " \
           "(did you mean 'home.meera.m" in output
    assert "dialogue/hi/park.yaml:1:13: error: this file translates 'park', which is not a file of dialogue/en/" \
           in output
    code, out = i18n(project, "status", "--json")
    rows = {r["file"]: r for r in json.loads(out)["languages"]["hi"]["files"]}
    assert rows["home"]["orphaned"] == 1


def test_a_broken_translation_file_is_reported_with_its_position(project):
    new_language(project, "hi")
    path = project / "dialogue" / "hi" / "lane.yaml"
    path.write_text("translates: lane\nstrings:\n  lane.x:\n    source: \"a\"\n    txt: \"b\"\n", encoding="utf-8")
    code, output = check(project, "hi")
    assert code == 1
    assert "dialogue/hi/lane.yaml:5:5: error: unknown key 'txt' in the entry 'lane.x' (did you mean 'text'?)" in output


def test_too_long_for_the_dialogue_box(project):
    pytest.importorskip("pygame")
    new_language(project, "hi", {"home.meera.m1": "बहुत लंबी बात। " * 60})
    code, output = check(project, "hi")
    line = line_of(project / "dialogue" / "hi" / "home.yaml", "text:", start_after="  home.meera.m1:")
    assert re.search(rf"dialogue/hi/home\.yaml:{line}:11: warning: too long for the dialogue box: \d+ lines", output)
    home = project / "dialogue" / "en" / "home.yaml"
    home.write_text(home.read_text(encoding="utf-8").replace("I just swept.", "I just swept. " * 40), encoding="utf-8")
    _code, output = check(project, "en")
    assert re.search(r"dialogue/en/home\.yaml:\d+:7: warning: too long for the dialogue box", output)


# --- load_content in a language ---------------------------------------------------------------------------------------
def test_load_content_in_hindi_translates_the_interface_names_and_help_card(project):
    new_language(project, "hi", {"ui.title.continue": "आगे खेलो", "ui.title.text_size": "अक्षर: {percent}%",
                                 "characters.meera.name": "मीरा"})
    (project / "dialogue" / "hi" / "help.yaml").write_text(
        'title: "कौन मदद कर सकता है"\nintro: "अकेले मत सहो।"\nchecked: "2026-11-23"\n'
        'people:\n  - id: p1\n    text: "कोई बड़ा जिस पर भरोसा हो"\n'
        'lines:\n  - id: childline\n    name: "चाइल्डलाइन"\n    number: "1098"\n    note: "दिन-रात, मुफ़्त"\n',
        encoding="utf-8")
    content, problems, _ = load_content(project, "hi")
    assert content is not None, [p.format() for p in problems if p.is_error]
    assert content.lang == "hi"
    assert content.strings.get("title.continue") == "आगे खेलो"
    assert content.strings.get("title.text_size", percent=125) == "अक्षर: 125%"
    assert content.strings.get("title.quit") == "Quit"  # not translated yet: English
    assert content.strings.name("meera") == "मीरा" and content.strings.name("ravi") == "Ravi"
    assert content.strings.help.title == "कौन मदद कर सकता है" and content.strings.help.checked == "2026-11-23"
    # the story itself is the English model; its texts go through the catalogue
    english, _, _ = load_content(project)
    assert content.story == english.story
    assert english.strings.help.checked == "" and english.catalog.text("ui.title.continue", "Continue") == "Continue"
    assert english.lang == "en" and english.catalog.chain == ("en",)


def test_a_language_without_a_folder_is_an_error(project):
    content, problems, _ = load_content(project, "zz")
    assert content is None and any(p.pos.path == "dialogue/zz" and p.is_error for p in problems)


# --- commands ---------------------------------------------------------------------------------------------------------
def test_new_writes_every_file_once_and_rejects_a_bad_code(project):
    code, out = i18n(project, "new", "hi", "--name", "Hindi")
    assert code == 0 and "wrote dialogue/hi/home.yaml" in out and "wrote dialogue/hi/ui.yaml" in out
    fill(project, "hi", "home.meera.m1", "पैर धोकर आओ।")
    before = (project / "dialogue" / "hi" / "home.yaml").read_text(encoding="utf-8")
    code, out = i18n(project, "new", "hi")
    assert code == 0 and "wrote" not in out
    assert (project / "dialogue" / "hi" / "home.yaml").read_text(encoding="utf-8") == before
    assert before.startswith("# yaml-language-server: $schema=../../schemas/translation.schema.json\n"
                             "# Hindi translation of dialogue/en/home.yaml.")
    assert i18n(project, "new", "Hindi")[0] == 2 and i18n(project, "new", "hi_IN")[0] == 2
    assert i18n(project, "new", "en")[0] == 2


def test_status_strict_exit_codes(project):
    assert i18n(project, "status", "--strict")[0] == 0  # no language at all: nothing incomplete
    new_language(project, "hi")
    code, out = i18n(project, "status", "--strict")
    assert code == 1 and "total" in out
    assert i18n(project, "status")[0] == 0
    translate_all(project, "hi")
    code, out = i18n(project, "status", "--strict", "--json")
    data = json.loads(out)
    assert code == 0 and data["complete"] and data["languages"]["hi"]["total"]["percent"] == 100
    home = project / "dialogue" / "en" / "home.yaml"
    home.write_text(home.read_text(encoding="utf-8").replace("I just swept.", "I just mopped."), encoding="utf-8")
    code, out = i18n(project, "status", "--strict", "--json")
    assert code == 1 and json.loads(out)["languages"]["hi"]["total"]["stale"] == 1


def test_po_export_import_round_trip_and_msgfmt(project, tmp_path):
    tricky = 'She said "no" \\ twice.\nThen: {chapters_read}'
    new_language(project, "hi", {"ui.title.continue": "आगे खेलो", "home.meera.m1": "पैर धोकर आओ।",
                                 "home.endings.started.text": tricky})
    home = project / "dialogue" / "en" / "home.yaml"
    home.write_text(home.read_text(encoding="utf-8").replace("I just swept.", "I just mopped."), encoding="utf-8")
    first = tmp_path / "hi.po"
    code, out = i18n(project, "export", "hi", "-o", str(first))
    assert code == 0, out
    text = first.read_text(encoding="utf-8")
    assert '"Language: hi\\n"' in text and '"Content-Type: text/plain; charset=UTF-8\\n"' in text
    assert "Plural-Forms: nplurals=2" in text
    m1 = text.index('msgctxt "home.meera.m1"')
    block = text[text.rfind("\n\n", 0, m1):m1]
    assert "#, fuzzy" in block and "#. speaker: Meera" in block and re.search(r"#: dialogue/en/home\.yaml:\d+", block)
    assert 'msgstr ""\n"She said \\"no\\" \\\\ twice.\\n"\n"Then: {chapters_read}"\n' in text
    # a translator edits in Poedit: fills a text, reviews the stale one
    edited = text.replace('msgctxt "ui.title.quit"\nmsgid "Quit"\nmsgstr ""', 'msgctxt "ui.title.quit"\nmsgid "Quit"\n'
                          'msgstr ""\n"बंद "\n"करो"')
    assert edited != text
    second_in = tmp_path / "edited.po"
    second_in.write_text(edited, encoding="utf-8")
    code, out = i18n(project, "import", str(second_in))
    assert code == 0, out
    catalog, _ = Catalog.load(project, "hi", sources(project))
    assert catalog.text("ui.title.quit", "Quit") == "बंद करो"
    assert catalog.text("home.endings.started.text", "") == tricky
    # round trip: export → import → export is identical
    again = tmp_path / "again.po"
    assert i18n(project, "export", "hi", "-o", str(again))[0] == 0
    assert i18n(project, "import", str(again))[0] == 0
    third = tmp_path / "third.po"
    assert i18n(project, "export", "hi", "-o", str(third))[0] == 0
    assert third.read_text(encoding="utf-8") == again.read_text(encoding="utf-8")
    assert "#, fuzzy" in third.read_text(encoding="utf-8")  # still to review: stays stale
    # unknown ids are reported, the rest imported
    bad = tmp_path / "bad.po"
    bad.write_text(po.header("hi") + '\nmsgctxt "home.nowhere.x1"\nmsgid "A"\nmsgstr "B"\n', encoding="utf-8")
    code, out = i18n(project, "import", str(bad))
    assert code == 1 and "'home.nowhere.x1' is not in the game" in out


def test_po_reader_handles_multiline_strings_flags_and_escapes():
    fields, entries = po.read_po(
        'msgid ""\nmsgstr ""\n"Language: hi_IN\\n"\n\n#, fuzzy, python-format\nmsgctxt "a.b"\nmsgid ""\n'
        '"one "\n"two"\nmsgstr "x\\ty\\"z\\\\"\n\n#~ msgid "old"\n#~ msgstr "gone"\n')
    assert fields["Language"] == "hi_IN"
    assert len(entries) == 1
    e = entries[0]
    assert (e.msgctxt, e.msgid, e.msgstr, e.fuzzy) == ("a.b", "one two", 'x\ty"z\\', True)
    for sample in ["", "plain", 'q"q', "back\\slash", "two\nlines\n", "tab\there", "ünïcödé हिंदी"]:
        _fields, [back] = po.read_po(po.write_po("hi", [po.PoEntry(sample, sample, "id.x")]))
        assert (back.msgid, back.msgstr) == (sample, sample)


def test_the_po_export_passes_msgfmt_check(project, tmp_path):
    if not shutil.which("msgfmt"):
        pytest.skip("gettext's msgfmt is not installed")
    new_language(project, "hi", {"ui.title.continue": "आगे खेलो", "home.endings.started.text": 'a "b" \\ c\nd'})
    home = project / "dialogue" / "en" / "home.yaml"
    home.write_text(home.read_text(encoding="utf-8").replace("I just swept.", "I just mopped."), encoding="utf-8")
    fill(project, "hi", "home.meera.m1", "पैर धोकर आओ।")  # stale: fuzzy
    out = tmp_path / "hi.po"
    assert i18n(project, "export", "hi", "-o", str(out))[0] == 0
    result = subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "hi.mo"), str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_node_override_whose_node_no_longer_exists_is_reported(project):
    new_language(project, "hi")
    path = project / "dialogue" / "hi" / "home.yaml"
    path.write_text(path.read_text(encoding="utf-8") + 'nodes:\n  meeraa:\n    - id: m1\n      text: "x"\n',
                    encoding="utf-8")
    _code, output = check(project, "hi")
    line = line_of(path, "  meeraa:")
    assert f"dialogue/hi/home.yaml:{line}:3: warning: the node 'meeraa' of this override no longer exists in " \
           "dialogue/en/home.yaml (did you mean 'meera'?)" in output


def test_a_po_round_trip_keeps_the_header_of_the_shipped_files(tmp_path):
    """The shipped files start with the line naming their JSON Schema; the language's name is on the next line, and
    an import must not lose it ("# Hindi translation of …" must not become "# hi translation of …")."""
    for folder in ("dialogue", "scenes", "assets"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    before = {p.name: p.read_text(encoding="utf-8").splitlines()[:2] for p in (tmp_path / "dialogue" / "hi").glob("*.yaml")}
    assert i18n(tmp_path, "export", "hi", "-o", str(tmp_path / "hi.po"))[0] == 0
    assert i18n(tmp_path, "import", str(tmp_path / "hi.po"))[0] == 0
    after = {p.name: p.read_text(encoding="utf-8").splitlines()[:2] for p in (tmp_path / "dialogue" / "hi").glob("*.yaml")}
    assert after == before and after["ui.yaml"][1].startswith("# Hindi translation of")
