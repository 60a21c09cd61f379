"""`python main.py check`: every content problem at once, as path:line:col lines, then a summary."""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

from typing import TYPE_CHECKING, Mapping

from game.contentdir import place_of, show
from game.paths import rel
from game.story.problems import Pos, Problem, has_errors, sort_problems, summary

if TYPE_CHECKING:
    from game.content import Content


def _is_project(folder: Path) -> bool:
    return (folder / "scenes").is_dir() or (folder / "dialogue").is_dir()


def _too_long(root: Path, content: Content, full: bool = False) -> list[Problem]:
    """Dialogue lines that do not fit the dialogue box: the English ones, and the translations of the language.
    Texts measured by an earlier check with the same fonts are not measured again (game/fitcache.py), unless
    ``full``."""
    from game.i18n import checks
    from game.i18n.sources import all_strings
    from game.userdata import user_cache_dir

    measure = checks.Measure(root, user_cache_dir(), reuse=not full)
    sources = all_strings(content)
    found = checks.source_too_long(root, sources, measure) + checks.sources_over_limits(root, sources, measure)
    if content.lang != "en":
        found += checks.translations_too_long(root, content.catalog, measure)
        found += checks.translations_over_limits(root, content.catalog, measure)
    measure.save()
    return found


def _paths(content: Content, full: bool = False, known: Mapping[int, tuple[object, str]] | None = None
           ) -> list[Problem]:
    """Play every chapter: endings no path reaches, and dead ends (too slow for the game's own start-up). Kept for
    the next check of a story that plays the same (game/checkcache.py), unless ``full``. ``known``: the scenes whose
    fingerprint was taken when they were read (game/readcache.py)."""
    from game.checkcache import cached
    from game.content import external_entries
    from game.guidance import goal_world
    from game.story.goalcheck import GoalProof
    from game.story.graphcheck import check_paths
    from game.userdata import user_cache_dir

    chapters = [(c.scenes, c.intro) for c in content.chapters]
    external = external_entries(content.scenes)
    world = goal_world(content.scenes)

    def search() -> list[Problem]:
        goals = GoalProof(content.story, world)  # and, on the same playthroughs, the goals
        return check_paths(content.story, chapters, external, goals=goals)

    problems, _ = cached(user_cache_dir(), (content.story, chapters, frozenset(external), world), search, full, known)
    return problems


def _relative(root: Path, file: Path) -> str:
    """A file named on the command line as the problems name it (a facilitator's own file: its path in the view)."""
    place = place_of(root)
    if place is not None and place.own is not None:
        try:
            return file.relative_to(place.own.resolve()).as_posix()
        except ValueError:
            pass
    return rel(root, file)


def _whole(root: Path, lang: str, full: bool) -> tuple[list[Problem], int]:
    """Every problem of the content in ``root`` (and ``lang``), and the number of files read. When no file changed
    since the last check (game/checkcache.py: their times and sizes, and the program's source), the last findings
    are shown again without loading anything; ``full`` always checks."""
    from game.checkcache import WHOLE_FILE, files_digest, lookup, store
    from game.userdata import user_cache_dir

    cache = user_cache_dir()
    key = files_digest(root, lang)
    if key is not None and not full:
        found = lookup(cache, key, WHOLE_FILE)
        if found is not None:
            return found
    try:
        from game.content import load_content
        from game.readcache import ReadCache
        from game.story.yamlsrc import paused_gc

        reads = ReadCache(cache, reuse=not full)  # --full reads every file

        # The content lives until the check ends: frozen out of the collector before it runs again, so no collection
        # walks its objects (a story of 50,000 nodes is millions) — not even the first, which would otherwise find
        # every object the load made still in its youngest generation.
        with paused_gc():
            content, problems, files = load_content(root, lang, reuse=reads)
            gc.freeze()
        if content is not None:
            problems += _too_long(root, content, full)
            problems += _paths(content, full, reads.known)
        reads.prune()
    except Exception as exc:  # a last line of defence: a facilitator must never see a traceback
        return [Problem(Pos(".", 1, 1), "error", f"the checker stopped unexpectedly: {type(exc).__name__}: {exc}",
                        "please report this together with the files you changed")], 0
    finally:
        gc.unfreeze()
    if key is not None and key == files_digest(root, lang):  # nothing was saved while it ran
        store(cache, key, problems, WHOLE_FILE, files)
    return problems, files


def run_check(paths: list[str], lang: str, as_json: bool, default_root: Path, out=None, full: bool = False) -> int:
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
    problems, files = _whole(root, lang, full)
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
