"""Each dialogue file's reading, kept between one `check` and the next.

A facilitator runs `check` after each edit, and an edit changes one file. Reading a dialogue file on its own
(game/story/loader.read_file: its scene, its problems, and what it names in other files) depends on nothing but its
bytes, its path and the loader's code, so the reading is kept under a digest of those three, and a file that did not
change is decoded (game/story/codec.py) instead of parsed and checked again: in a story with a scene of 10,000
nodes, a reworded line elsewhere no longer reads that scene. The checks across files (targets, variables, speakers,
reachability) and the path search's own cache (game/checkcache.py) run on the result as on a fresh reading. With
each reading goes what is worked out from the scene alone: its fingerprint (game/story/fingerprint.py), so the key
of the path search and of the graph's loops and traps (kept like the search's) does not walk an unchanged scene
again, and what it does with variables (graphcheck.scene_variable_uses).

Only `check` uses it. The game always reads its files: this folder is the user's, and on a lab PC that account may
be shared, so nothing kept here may decide what a student sees. For `check`, a kept reading is read as untrusted:
any file too large, malformed, of another version or with a value of the wrong type is ignored and the file is read
again; `check --full` reads every file.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import is_dataclass
from pathlib import Path

from game.checkcache import GRAPH_FILE, cached, code_digest, write_file
from game.story import expr, model, problems as problems_module
from game.story.codec import Codec, CodecError
from game.story.fingerprint import fingerprint
from game.story.graphcheck import VariableUses, check_graph, scene_variable_uses
from game.story.loader import FileReading, Pending, ScalarAt, read_file
from game.story.model import Scene, Story
from game.story.problems import Problem

FOLDER = "check-reads"
VERSION = 2
KEEP = 256  # readings kept: a whole project's files and a few edits of each; the oldest used go first
MAX_TOTAL = 256 * 1024 * 1024  # and at most this many bytes of them (a 50,000-node scene's reading is 27 MB)
MAX_RATIO = 40  # a reading is at most this many times its file's bytes (measured: 4-6 times), plus MAX_SLACK
MAX_SLACK = 64 * 1024
_HEX = frozenset("0123456789abcdef")


def _codec() -> Codec:
    kinds = [v for module in (model, expr, problems_module) for v in vars(module).values()
             if isinstance(v, type) and is_dataclass(v) and v.__module__ == module.__name__]
    return Codec(kinds + [Pending, ScalarAt])


def _read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of the regular file at ``path``, or None if it is something else (a pipe put there would block a
    plain read for ever) or longer than ``limit``."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb") as f:
            fd = -1
            raw = f.read(limit + 1)
    finally:
        if fd >= 0:
            os.close(fd)
    return raw if len(raw) <= limit else None


_USES = tuple[frozenset[str], frozenset[str], frozenset[str]]  # VariableUses, as the codec reads it


class ReadCache:
    """What `check` reuses (game.content.Reuse): each dialogue file read as loader.read_file reads it, from the kept
    reading when the file has not changed; each scene's variable uses; the graph's loops and traps. ``folder``: the
    user's cache folder; None keeps nothing. With ``reuse`` False (`check --full`) every file is read and the graph
    searched, and what they give is kept for the next check."""

    def __init__(self, folder: Path | None, reuse: bool = True) -> None:
        code = code_digest()
        self.reuse = reuse
        self.cache = folder if code is not None else None
        self.folder = folder / FOLDER if folder is not None and code is not None else None
        self.code = code or ""
        self.codec = _codec()
        self.known: dict[int, tuple[object, str]] = {}  # id(scene) -> (scene, its fingerprint), for fingerprint()
        self.uses: dict[int, tuple[Scene, VariableUses]] = {}  # id(scene) -> (scene, its variable uses)
        self.reused = 0  # files decoded rather than read, this run
        self.used: set[str] = set()

    def read(self, data: bytes, path: str) -> FileReading:
        if self.folder is None:
            return read_file(data, path)  # nothing kept, nothing known: fingerprint() walks every scene
        key = hashlib.sha256(f"{VERSION}\0{self.code}\0{path}\0".encode("utf-8", "surrogateescape") + data).hexdigest()
        self.used.add(key)
        kept = self._load(key, len(data)) if self.reuse else None
        if kept is not None:
            self.reused += 1
            (scene, found, pending), digest, uses = kept
        else:
            scene, found, pending = read_file(data, path)
            digest, uses = (fingerprint(scene), scene_variable_uses(scene)) if scene is not None else ("", None)
            self._store(key, (scene, found, pending), digest, uses)
        if scene is not None:
            self.known[id(scene)] = (scene, digest)
            if uses is not None:
                self.uses[id(scene)] = (scene, uses)
        return scene, found, pending

    def variable_uses(self, scene: Scene) -> VariableUses:
        kept = self.uses.get(id(scene))
        return kept[1] if kept is not None and kept[0] is scene else scene_variable_uses(scene)

    def graph(self, story: Story) -> list[Problem]:
        """The story graph's silent loops and trapping choices. They name only ids and positions, so a story with the
        same fingerprint has the same ones: kept like the path search's (game/checkcache.py)."""
        return cached(self.cache, ("graph", story), lambda: check_graph(story), not self.reuse, self.known,
                      GRAPH_FILE)[0]

    # --- the files ---------------------------------------------------------------------------------------------------
    def _load(self, key: str, size: int) -> tuple[FileReading, str, VariableUses | None] | None:
        assert self.folder is not None
        path = self.folder / f"{key}.json"
        try:
            raw = _read_regular(path, size * MAX_RATIO + MAX_SLACK)
            if raw is None:
                return None
            entry = json.loads(raw)
            if not isinstance(entry, dict) or entry.get("version") != VERSION or entry.get("key") != key:
                return None
            digest = entry.get("digest")
            if not isinstance(digest, str) or len(digest) not in (0, 64) or not _HEX.issuperset(digest):
                return None
            scene = self.codec.decode(entry.get("scene"), Scene | None)
            if (scene is None) != (digest == ""):
                return None
            reading = (scene, self.codec.decode(entry.get("problems"), list[Problem]),
                       self.codec.decode(entry.get("pending"), Pending))
            uses = self.codec.decode(entry.get("uses"), _USES | None)
            if (uses is None) != (scene is None):
                return None
        except (OSError, ValueError, RecursionError, TypeError):  # CodecError is a ValueError
            return None
        try:
            os.utime(path)  # used now: kept longest (prune)
        except OSError:
            pass  # a folder this user may read but not change: the reading is still good
        return reading, digest, uses  # type: ignore[return-value]

    def _store(self, key: str, reading: FileReading, digest: str, uses: VariableUses | None) -> None:
        assert self.folder is not None
        scene, found, pending = reading
        try:
            data = json.dumps({"version": VERSION, "key": key, "digest": digest, "scene": self.codec.encode(scene),
                               "problems": self.codec.encode(found), "pending": self.codec.encode(pending),
                               "uses": self.codec.encode(uses)},
                              ensure_ascii=False, separators=(",", ":"))
        except (CodecError, RecursionError, TypeError, ValueError):
            return  # a reading the codec cannot hold (nested deeper than Python recurses): read it each time
        write_file(self.folder, f"{key}.json", data)

    def prune(self) -> None:
        """Keep the KEEP readings used last, MAX_TOTAL bytes at most; this run's are kept whatever their size (the
        next check needs them). Never raises."""
        if self.folder is None:
            return
        try:
            entries = []
            for e in os.scandir(self.folder):
                if e.name.endswith(".json") and e.is_file(follow_symlinks=False):
                    st = e.stat(follow_symlinks=False)
                    entries.append((e.name[:-5] in self.used, st.st_mtime_ns, st.st_size, e.path))
        except OSError:
            return
        entries.sort(reverse=True)  # this run's, then the newest
        total = 0
        for count, (used, _, size, path) in enumerate(entries):
            total += size
            if not used and (count >= KEEP or total > MAX_TOTAL):
                try:
                    os.unlink(path)
                except OSError:
                    pass


__all__ = ["ReadCache"]
