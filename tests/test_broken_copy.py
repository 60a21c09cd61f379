"""Break a copy of the shipped content in one way at a time, run `python main.py check` on it, and require the mistake
at the exact path:line:col where it was made, with a hint where one helps — never a traceback.

Each case edits a fresh copy of scenes/, dialogue/ and assets/; `Mark` finds the spot the edit made (a needle in the
edited file) so the expected position follows the content when writers change it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOME = "dialogue/en/home.yaml"
LANE = "dialogue/en/lane.yaml"
HI_HOME = "dialogue/hi/home.yaml"
HOME_MAP = "scenes/home/home.tmx"


def edit(root: Path, relpath: str, old: str, new: str) -> None:
    path = root / relpath
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is no longer in {relpath}: update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def insert_after(root: Path, relpath: str, anchor: str, lines: str) -> None:
    """Put `lines` on new lines right after the line that contains `anchor`."""
    path = root / relpath
    text = path.read_text(encoding="utf-8")
    start = text.index(anchor)
    end = text.index("\n", start) + 1
    path.write_text(text[:end] + lines + text[end:], encoding="utf-8")


def position(root: Path, relpath: str, needle: str, plus: int = 0) -> str:
    """'path:line:col' of the first character of `needle` in the file (plus `plus` characters)."""
    text = (root / relpath).read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")
    index = text.index(needle) + plus
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"{relpath}:{line}:{col}"


@dataclass(frozen=True)
class Case:
    name: str
    breaks: Callable[[Path], None]  # the mistake, made in the copy
    where: Callable[[Path], str]  # path:line:col where it must be reported
    severity: str
    message: str  # a part of the message
    hint: str | None = None  # a part of the hint in (...); None: no hint is required
    code: int = 1
    lang: str | None = None


def _bytes(relpath: str, transform: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def run(root: Path) -> None:
        path = root / relpath
        path.write_bytes(transform(path.read_bytes()))
    return run


def _non_utf8(data: bytes) -> bytes:
    return data.replace(b"Who won?", b"Who w\xf6n?", 1)


def _new_vars(root: Path) -> None:
    insert_after(root, HOME, "  talked_dadi: false", "  noticed_dog: false\n")
    insert_after(root, HOME, "      text: \"Six o'clock.", "    - do: \"noticed_dog = true\"\n")


def _constant_var(root: Path) -> None:
    insert_after(root, HOME, "  talked_dadi: false", "  dog_barked: false\n")
    edit(root, HOME, 'if: "helped_meera"', 'if: "helped_meera or dog_barked"')


def _unreachable(root: Path) -> None:
    (root / HOME).write_text((root / HOME).read_text(encoding="utf-8")
                             + "  lost_node:\n    - id: l1\n      text: \"Nobody comes here.\"\n", encoding="utf-8")


def _silent_loop(root: Path) -> None:
    (root / HOME).write_text((root / HOME).read_text(encoding="utf-8")
                             + "  spin:\n    - goto: spun\n  spun:\n    - goto: spin\n", encoding="utf-8")


def _trap(root: Path) -> None:
    (root / HOME).write_text((root / HOME).read_text(encoding="utf-8") + (
        "  trap:\n"
        "    - id: t1\n"
        "      text: \"Round and round.\"\n"
        "    - id: again\n"
        "      label: \"Round\"\n"
        "      choose:\n"
        "        - id: more\n"
        "          text: \"Again.\"\n"
        "          goto: trap\n"
        "        - id: stay\n"
        "          text: \"Once more.\"\n"
        "          goto: trap\n"), encoding="utf-8")
    insert_after(root, HOME, "  arrive:", "    - goto: trap\n      if: \"false\"\n")


def _unreached_ending(root: Path) -> None:
    insert_after(root, HOME, "endings:", "  never_seen:\n    title: \"Never\"\n    text: \"Nobody gets here.\"\n")


def _override_missing(root: Path) -> None:
    (root / HI_HOME).write_text((root / HI_HOME).read_text(encoding="utf-8")
                                + "nodes:\n  no_such_node:\n    - id: s1\n      text: \"कुछ नहीं।\"\n", encoding="utf-8")


def _missing_default_spawn(root: Path) -> None:
    edit(root, HOME_MAP, 'name="default" type="spawn"', 'name="door" type="spawn"')


CASES = [
    Case("yaml syntax error", lambda r: edit(r, HOME, 'title: "An ordinary evening"', "title: Note: an evening"),
         lambda r: position(r, HOME, "title: Note: ", 11), "error", "unexpected ':'", "quotes"),
    Case("tab indentation", lambda r: edit(r, HOME, "  knows_exam: false", "\tknows_exam: false"),
         lambda r: position(r, HOME, "\tknows_exam"), "error", "tab character", "spaces"),
    Case("duplicate key", lambda r: insert_after(r, HOME, "text: \"Six o'clock.", "      text: \"Again.\"\n"),
         lambda r: position(r, HOME, 'text: "Again."'), "error", "duplicate key 'text'", None),
    Case("unknown key with did-you-mean", lambda r: insert_after(r, HOME, 'title: "An ordinary evening"',
                                                                  'titel: "Twice"\n'),
         lambda r: position(r, HOME, "titel:"), "error", "unknown key 'titel'", "did you mean 'title'?"),
    Case("wrong type", lambda r: edit(r, HOME, 'title: "An ordinary evening"', "title: [an, evening]"),
         lambda r: position(r, HOME, "[an, evening]"), "error", "'title'", None),
    Case("empty file", lambda r: (r / LANE).write_bytes(b""),
         lambda r: f"{LANE}:1:1", "error", "empty", None),
    Case("non-UTF-8 bytes", _bytes(LANE, _non_utf8),
         lambda r: position(r, LANE, "Who w", 5), "error", "UTF-8", "UTF-8"),
    Case("byte-order mark", _bytes(HOME, lambda d: b"\xef\xbb\xbf" + d),
         lambda r: f"{HOME}:1:1", "warning", "byte-order mark", "UTF-8", code=0),
    Case("bad goto target", lambda r: edit(r, HOME, "goto: meera_help", "goto: meera_hlp"),
         lambda r: position(r, HOME, "meera_hlp"), "error", "'goto' target 'meera_hlp' does not exist",
         "did you mean 'meera_help'?"),
    Case("unknown character", lambda r: edit(r, HOME, "say: amma", "say: amaa"),
         lambda r: position(r, HOME, "amaa"), "error", "unknown character 'amaa'", "did you mean 'amma'?"),
    Case("unknown portrait face", lambda r: edit(r, HOME, "say: amma\n      face: neutral",
                                                 "say: amma\n      face: grumpy"),
         lambda r: position(r, HOME, "grumpy"), "error", "'amma' has no portrait 'grumpy'", "available:"),
    Case("unknown sound", lambda r: edit(r, HOME, "sound: door", "sound: dor"),
         lambda r: position(r, HOME, "sound: dor", 7), "error", "assets/sound/dor.wav", "did you mean 'door'?"),
    Case("condition syntax error", lambda r: edit(r, HOME, 'if: "helped_meera"', 'if: "helped_meera && x"'),
         lambda r: position(r, HOME, "&& x"), "error", "&&", "and"),
    Case("unknown variable", lambda r: edit(r, HOME, 'if: "helped_meera"', 'if: "helpd_meera"'),
         lambda r: position(r, HOME, "helpd_meera"), "error", "helpd_meera", None),
    Case("type mismatch", lambda r: edit(r, HOME, 'if: "helped_meera"', "if: \"stood_by_meera == 'two'\""),
         lambda r: position(r, HOME, "stood_by_meera == 'two'", 15), "error", "", None),
    Case("variable set but never read", _new_vars,
         lambda r: position(r, HOME, "noticed_dog: false"), "warning", "variable 'noticed_dog' is changed but never "
         "read", "does nothing", code=0),
    Case("variable read but never set", _constant_var,
         lambda r: position(r, HOME, "dog_barked: false"), "warning", "it always keeps its starting value",
         "do:", code=0),
    Case("map object naming a missing node", lambda r: edit(r, HOME_MAP, 'name="node" type="string" value="meera"',
                                                            'name="node" type="string" value="meeera"'),
         lambda r: position(r, HOME_MAP, '<property name="node" type="string" value="meeera"'), "error", "'meeera', which does not exist",
         "did you mean 'meera'?"),
    Case("map exit to a missing scene", lambda r: edit(r, HOME_MAP, 'name="to" type="string" value="lane"',
                                                       'name="to" type="string" value="lnae"'),
         lambda r: position(r, HOME_MAP, '<property name="to" type="string" value="lnae"'), "error", "the scene 'lnae'", "did you mean 'lane'?"),
    Case("map exit to a missing spawn", lambda r: edit(r, HOME_MAP, 'value="from_home"', 'value="from_hom"'),
         lambda r: position(r, HOME_MAP, '<property name="spawn" type="string" value="from_hom"'), "error", "no spawn point named 'from_hom'",
         "did you mean 'from_home'?"),
    Case("map with no default spawn", _missing_default_spawn,
         lambda r: position(r, HOME_MAP, '<objectgroup'), "error", "no spawn named 'default'", "add a spawn"),
    Case("translation placeholder mismatch", lambda r: edit(r, HI_HOME, "अपने 4 में से {chapters_read}",
                                                            "अपने 4 में से {chapter_read}"),
         lambda r: position(r, HI_HOME, "{chapter_read}"), "error", "{chapter_read}", "chapters_read", lang="hi"),
    Case("stale translation", lambda r: edit(r, HI_HOME, 'source: "A little more room"',
                                             'source: "A little room"'),
         lambda r: position(r, HI_HOME, '"A little room"'), "warning", "", "the English is now", code=0, lang="hi"),
    Case("orphaned translation", lambda r: edit(r, HI_HOME, "  home.endings.studied.title:",
                                                "  home.endings.studyd.title:"),
         lambda r: position(r, HI_HOME, "home.endings.studyd.title"), "warning", "orphaned",
         "did you mean 'home.endings.studied.title'?", code=0, lang="hi"),
    Case("override of a missing node", _override_missing,
         lambda r: position(r, HI_HOME, "no_such_node"), "warning", "'no_such_node' of this override no longer exists",
         None, code=0, lang="hi"),
    Case("unreachable node", _unreachable,
         lambda r: position(r, HOME, "lost_node:"), "warning", "node 'lost_node' is never reached", "nothing jumps",
         code=0),
    Case("loops forever", _silent_loop,
         lambda r: position(r, HOME, "spin:"), "error", "node 'spin' loops forever without showing anything",
         "put a line or a choice"),
    Case("no way out of a loop", _trap,
         lambda r: position(r, HOME, "- id: again", 2), "warning", "no way out of this loop", "goto", code=0),
    Case("ending no path reaches", _unreached_ending,
         lambda r: position(r, HOME, "never_seen:"), "warning", "no path reaches the ending 'never_seen'",
         "conditions", code=0),
]


def run_check(root: Path, lang: str | None) -> subprocess.CompletedProcess:
    args = [sys.executable, str(ROOT / "main.py"), "check", str(root)] + (["--lang", lang] if lang else [])
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture()
def copy(tmp_path):
    dst = tmp_path / "project"
    for name in ("scenes", "dialogue", "assets"):
        shutil.copytree(ROOT / name, dst / name)
    return dst


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_mistake_is_reported_where_it_was_made(copy, case):
    case.breaks(copy)
    where = case.where(copy)
    result = run_check(copy, case.lang)
    out = result.stdout
    assert "Traceback" not in out + result.stderr
    assert "stopped unexpectedly" not in out
    found = [line for line in out.splitlines() if line.startswith(f"{where}: {case.severity}: ")
             and case.message in line]
    assert found, f"expected '{where}: {case.severity}: ...{case.message}...' in:\n{out}"
    if case.hint is not None:
        assert any(line.endswith(")") and case.hint in line.split(" (", 1)[1] for line in found if " (" in line), \
            f"expected the hint '{case.hint}' in {found}"
    assert result.returncode == case.code, out
