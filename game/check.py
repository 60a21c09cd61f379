"""`python main.py check`: every content problem at once, as path:line:col lines, then a summary."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from game.content import Content, load_content
from game.contentdir import place_of, show
from game.paths import rel
from game.story.problems import Pos, Problem, has_errors, sort_problems, summary


def _is_project(folder: Path) -> bool:
    return (folder / "scenes").is_dir() or (folder / "dialogue").is_dir()


def _too_long(root: Path, content: Content) -> list[Problem]:
    """Dialogue lines that do not fit the dialogue box: the English ones, and the translations of the language."""
    from game.i18n import checks
    from game.i18n.sources import all_strings

    sources = all_strings(content)
    found = checks.source_too_long(root, sources) + checks.sources_over_limits(root, sources)
    if content.lang != "en":
        found += checks.translations_too_long(root, content.catalog)
        found += checks.translations_over_limits(root, content.catalog)
    return found


def _paths(content: Content) -> list[Problem]:
    """Play every chapter: endings no path reaches, and dead ends (too slow for the game's own start-up)."""
    from game.content import external_entries
    from game.guidance import goal_world
    from game.story.goalcheck import GoalProof
    from game.story.graphcheck import check_paths

    chapters = [(c.scenes, c.intro) for c in content.chapters]
    goals = GoalProof(content.story, goal_world(content.scenes))  # and, on the same playthroughs, the goals
    return check_paths(content.story, chapters, external_entries(content.scenes), goals=goals)


def _relative(root: Path, file: Path) -> str:
    """A file named on the command line as the problems name it (a facilitator's own file: its path in the view)."""
    place = place_of(root)
    if place is not None and place.own is not None:
        try:
            return file.relative_to(place.own.resolve()).as_posix()
        except ValueError:
            pass
    return rel(root, file)


def run_check(paths: list[str], lang: str, as_json: bool, default_root: Path, out=None) -> int:
    out = out or sys.stdout
    root = default_root
    only: set[str] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir() and _is_project(p):
            root = p.resolve()
        elif p.exists():
            only.add(p.resolve().as_posix())
        else:
            print(f"check: error: '{raw}' does not exist", file=sys.stderr)
            return 2
    wanted = {_relative(root, Path(f)) for f in only}
    try:
        content, problems, files = load_content(root, lang)
        if content is not None:
            problems += _too_long(root, content)
            problems += _paths(content)
    except Exception as exc:  # a last line of defence: a facilitator must never see a traceback
        problems = [Problem(Pos(".", 1, 1), "error", f"the checker stopped unexpectedly: {type(exc).__name__}: {exc}",
                            "please report this together with the files you changed")]
        files = 0
    if wanted:
        # The files asked about, and what they break elsewhere (an exit in another map naming a spawn this one lost).
        problems = [p for p in problems if p.pos.path in wanted or wanted.intersection(p.refers)]
    problems = show(root, sort_problems(problems))  # a problem in a facilitator's own file names that file
    if as_json:
        json.dump({
            "problems": [{"path": p.pos.path, "line": p.pos.line, "col": p.pos.col, "severity": p.severity,
                          "message": p.message, "hint": p.hint} for p in problems],
            "files": files, "errors": sum(p.severity == "error" for p in problems),
            "warnings": sum(p.severity == "warning" for p in problems),
        }, out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        for p in problems:
            print(p.format(), file=out)
        print(summary(problems, files), file=out)
    return 1 if has_errors(problems) else 0
