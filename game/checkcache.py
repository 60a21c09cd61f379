"""The path search's problems, kept from the last `check` of a story that plays the same.

The path search (game/story/graphcheck.py) is nearly all of the time `check` takes: seconds, where everything else
takes a fraction of one. A facilitator runs `check` after each edit, and most edits change only words, which the
search never reads. So the problems it found are kept under the story's fingerprint (game/story/fingerprint.py: ids,
conditions, effects, gotos, goal places, map exits and positions, without the words) together with a digest of the
search's own code. An edit that could change what the search finds changes the fingerprint, and the search runs again;
`check --full` always runs it. (How many lines each text wraps to is kept the same way: game/fitcache.py.)

The file lives in the user's cache folder (never in the content folder a lab shares), holds the last few stories
(a facilitator switching between two projects keeps both), and is read as untrusted: anything malformed, too large
or of the wrong shape is ignored and the search simply runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from game.story.problems import Pos, Problem

FILE_NAME = "check-paths.json"
WHOLE_FILE = "check-all.json"  # every problem of a whole check, under the digest of the files it read
GRAPH_FILE = "check-graph.json"  # the story graph's loops and traps (graphcheck.check_graph), under its fingerprint
CONTENT_FOLDERS = ("dialogue", "scenes", "assets", "schemas")
RACY_NS = 3_000_000_000
MAX_FILES = 20_000  # more than a content folder may hold (contentdir): then no digest, and check simply runs
VERSION = 1
KEEP = 8  # stories remembered
MAX_BYTES = 4 * 1024 * 1024
MAX_PROBLEMS = 20_000
MAX_TEXT = 2_000  # characters in a path, message or hint


def code_digest() -> str | None:
    """A digest of the search's own source: a new version of the game never reuses an older one's findings. None
    when the source is not there to read (a frozen build): then nothing is cached."""
    here = Path(__file__).resolve().parent
    files = sorted((here / "story").glob("*.py")) + [here / "guidance.py", here / "checkcache.py"]
    digest = hashlib.sha256()
    try:
        for path in files:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    except OSError:
        return None
    return digest.hexdigest() if len(files) > 3 else None


def files_digest(root: Path, lang: str) -> str | None:
    """A digest of everything a whole `check` of ``root`` reads: the program's own source, the language, and each
    content file's path, size and modification time (an editor that saves a file changes its time; a file copied
    unchanged keeps its bytes, and then the findings are the same anyway). None when it cannot be taken."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(lang.encode())
    # A file saved in the last moments may be saved again within the same tick of a coarse clock (FAT on a USB stick
    # counts in 2 s) at the same size: then nothing is cached, and the check runs (as git treats a "racy" file).
    recent = time.time_ns() - RACY_NS
    try:
        sources = sorted(here.rglob("*.py"))
        if len(sources) < 10:  # a frozen build keeps no source to read: cache nothing
            return None
        for path in sources:
            digest.update(path.relative_to(here).as_posix().encode())
            digest.update(path.read_bytes())
        count = 0
        for top in CONTENT_FOLDERS:
            for folder, dirs, names in os.walk(root / top):
                dirs.sort()
                for name in sorted(names):
                    count += 1
                    if count > MAX_FILES:
                        return None
                    path = Path(folder, name)
                    st = path.stat()
                    if st.st_mtime_ns > recent:
                        return None
                    digest.update(f"{path.relative_to(root).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\0".encode(
                        "utf-8", "surrogateescape"))
    except (OSError, ValueError):
        return None
    return digest.hexdigest()


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and len(value) <= MAX_TEXT else None


def _problem(raw: object) -> Problem | None:
    if not isinstance(raw, dict):
        return None
    path, message, hint = _text(raw.get("path")), _text(raw.get("message")), _text(raw.get("hint"))
    line, col, severity, refers = raw.get("line"), raw.get("col"), raw.get("severity"), raw.get("refers", [])
    if path is None or message is None or hint is None or severity not in ("error", "warning"):
        return None
    if not all(type(n) is int and 1 <= n <= 10_000_000 for n in (line, col)):
        return None
    if not isinstance(refers, list) or len(refers) > 100 or any(_text(r) is None for r in refers):
        return None
    return Problem(Pos(path, line, col), severity, message, hint, tuple(refers))


def _as_json(problem: Problem) -> dict:
    p = problem.pos
    return {"path": p.path, "line": p.line, "col": p.col, "severity": problem.severity, "message": problem.message,
            "hint": problem.hint, "refers": list(problem.refers)}


def _read(path: Path) -> list[dict]:
    """The entries of a cache file; [] when it is missing, too large or not what this module writes."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return []
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return []
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("entries"), list):
        return []
    return [e for e in data["entries"][:KEEP] if isinstance(e, dict) and isinstance(e.get("key"), str)
            and isinstance(e.get("problems"), list) and len(e["problems"]) <= MAX_PROBLEMS]


def lookup(folder: Path, key: str, name: str = FILE_NAME) -> tuple[list[Problem], int] | None:
    """The problems kept under ``key`` and the number of files they were found in, or None (not there, or any part
    of it malformed)."""
    for entry in _read(folder / name):
        if entry["key"] == key:
            found = [_problem(raw) for raw in entry["problems"]]
            files = entry.get("files", 0)
            if any(p is None for p in found) or type(files) is not int or not 0 <= files <= MAX_FILES:
                return None
            return found, files  # type: ignore[return-value]
    return None


def store(folder: Path, key: str, problems: list[Problem], name: str = FILE_NAME, files: int = 0) -> None:
    """Keep ``problems`` under ``key`` (newest first, KEEP stories). A cache that cannot be written is no cache."""
    if len(problems) > MAX_PROBLEMS:
        return
    path = folder / name
    entries = [e for e in _read(path) if e["key"] != key]
    entries.insert(0, {"key": key, "files": files, "problems": [_as_json(p) for p in problems]})
    data = json.dumps({"version": VERSION, "entries": entries[:KEEP]}, ensure_ascii=False)
    if len(data.encode("utf-8")) > MAX_BYTES:
        data = json.dumps({"version": VERSION, "entries": entries[:1]}, ensure_ascii=False)
    write_file(folder, name, data)


def write_file(folder: Path, name: str, data: str) -> None:
    """``data`` as the file ``name`` in the cache ``folder``, whole or not at all. A cache that cannot be written is
    no cache: nothing is raised."""
    path = folder / name
    tmp = path.with_name(f".{name}.{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp.write_text(data, encoding="utf-8")
        os.replace(tmp, path)  # two checks at once: the last one wins, and neither reads half a file
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass


def cached(folder: Path | None, parts: tuple, search: Callable[[], list[Problem]], full: bool = False,
           known: Mapping[int, tuple[object, str]] | None = None, name: str = FILE_NAME
           ) -> tuple[list[Problem], bool]:
    """The search's problems for the story in ``parts`` (what fingerprint() digests, with ``known``): from the cache
    in ``folder`` when a story that plays the same was searched before (and not ``full``), else searched now and kept.
    Returns them and whether they came from the cache. ``name``: the cache file (one for each kind of search)."""
    from game.story.fingerprint import fingerprint

    code = code_digest()
    if folder is None or code is None:
        return search(), False
    key = fingerprint(code, *parts, known=known)
    if not full:
        found = lookup(folder, key, name)
        if found is not None:
            return found[0], True
    problems = search()
    store(folder, key, problems, name)
    return problems, False


__all__ = ["FILE_NAME", "GRAPH_FILE", "WHOLE_FILE", "cached", "code_digest", "files_digest", "lookup", "store"]
