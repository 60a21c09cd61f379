"""docs/authoring.md is executed: every edit it shows is applied to a copy of the project and every command is run,
in order, so the guide cannot drift from the game."""

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"<!-- (run|replace|insert|append)(.*?)-->\s*\n```\w*\n(.*?)```", re.DOTALL)


def steps():
    return MARKER.findall((ROOT / "docs" / "authoring.md").read_text(encoding="utf-8"))


def test_the_guide_has_steps_of_every_kind():
    kinds = {kind for kind, _, _ in steps()}
    assert kinds == {"run", "replace", "insert", "append"}


def test_every_example_in_the_guide_works(tmp_path, monkeypatch, searched_before):
    monkeypatch.setenv("SMALL_ACTS_DATA", str(tmp_path / "data"))  # the commands' cache, this test's own
    searched_before(tmp_path / "data" / "cache")  # as on a facilitator's PC that checked the story before
    project = tmp_path / "project"
    for name in ("scenes", "dialogue", "assets", "game"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "main.py", project / "main.py")
    for kind, args, body in steps():
        args = args.strip()
        if kind == "run":
            expect = 0
            shows = None
            if args.startswith(":"):
                m = re.match(r':\s*exit (\d+)(?:, shows "(.*)")?', args)
                expect, shows = int(m.group(1)), m.group(2)
            for line in body.strip().splitlines():
                words = shlex.split(line)
                assert words[:2] == ["python", "main.py"], line
                result = subprocess.run([sys.executable, "main.py", *words[2:]], cwd=project, capture_output=True,
                                        text=True, timeout=300)
                out = result.stdout + result.stderr
                assert "Traceback" not in out, out
                assert result.returncode == expect, f"{line}: exit {result.returncode}\n{out}"
                if shows:
                    assert shows in out, out
            continue
        path_text, _, rest = args.partition(" ")
        path = project / path_text
        text = path.read_text(encoding="utf-8")
        if kind == "replace":
            old = re.match(r'"(.*)"', rest.strip()).group(1)
            assert old in text, (path_text, old)
            text = text.replace(old, body.rstrip("\n"), 1)
        elif kind == "insert":
            anchor = re.match(r'after "(.*)"', rest.strip()).group(1)
            lines = text.splitlines(keepends=True)
            at = next(i for i, line in enumerate(lines) if anchor in line)
            text = "".join(lines[:at + 1]) + body + "".join(lines[at + 1:])
        elif kind == "append":
            text = text.rstrip("\n") + "\n" + body
        path.write_text(text, encoding="utf-8")
