"""Prints how long `check` takes on the shipped content and on content grown by a synthetic scene.
Run: .venv/bin/python bench/check.py [--sizes 1000,10000,50000] [--runs 3]

For each size N it copies the project to a temp folder, adds a scene made by `new-scene` whose dialogue is then
replaced by N nodes in a chain (each a line with a {placeholder}, '&' and '[brackets]' in its text, every tenth a
choice of two options that join again), and times, in process and best of --runs:

  load:   reading and checking every file (game.content.load_content)
  lines:  "too long for the dialogue box" and the limits (game.check's text checks), every text measured
  paths:  the path search over every chapter (game.story.graphcheck)
  full:   `check --full`: all of the above, nothing reused (the first check of a story)
  words:  `check` after a line was reworded in lane.yaml: that file is read again, every other dialogue file's
          reading is decoded from the last check's (game/readcache.py), the other files (maps, cast, strings) are
          read again; the path search's findings, and the lines measured before, are reused (game/fitcache.py)
  same:   `check` with no file changed: the last findings, shown again (game/checkcache.py)

Beside "words" it prints the same check with no file's reading kept (every file read again, as before readings were
kept), as the baseline of the same run.

and, for the shipped content, `python main.py check` as a facilitator runs it (a new process), beside the baseline
of starting the same Python with nothing to do. The cost per node (full time / N) shows linear growth as a constant.
Targets (issue 16): shipped ≤ 0.3 s, 10,000 nodes ≤ 1 s, growth linear in N.
"""

from __future__ import annotations

import argparse
import atexit
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CACHE = tempfile.mkdtemp(prefix="bench-check-cache-")
os.environ["XDG_CACHE_HOME"] = CACHE  # a cache of the bench's own, removed when it ends
atexit.register(shutil.rmtree, CACHE, True)

from game.check import _paths, _too_long, run_check  # noqa: E402
from game.content import load_content  # noqa: E402
from game.newscene import new_scene  # noqa: E402
from game.readcache import FOLDER  # noqa: E402
from game.userdata import user_cache_dir  # noqa: E402


def synthetic_dialogue(nodes: int) -> str:
    out = ["scene: big", 'title: "A big scene"', "vars:", "  big_count: 0", "nodes:", "  hello:"]
    out += ["    - id: h1", "      say: meera", '      text: "Hello & welcome {big_count} [1]"', "    - goto: n0"]
    for i in range(nodes):
        nxt = f"n{i + 1}" if i + 1 < nodes else "last"
        out.append(f"  n{i}:")
        out += [f"    - id: l{i}", "      say: meera", f'      text: "Line {i} & more {{big_count}} [see]"']
        if i % 10 == 0:
            out += [f"    - id: c{i}", f'      label: "Decision {i}"', "      choose:",
                    f"        - id: a{i}", f'          text: "Yes {i}"', '          do: "big_count = big_count + 1"',
                    f"          goto: {nxt}",
                    f"        - id: b{i}", f'          text: "No {i}"', f"          goto: {nxt}"]
        else:
            out.append(f"    - goto: {nxt}")
    out += ["  last:", "    - id: z1", "      say: meera", '      text: "The end."']
    out += ["  first_look:", "    - id: f1", '      text: "A quiet room."']
    return "\n".join(out) + "\n"


def settle(root: Path) -> None:
    """Files saved a minute ago: old enough for the cache to trust their times (game/checkcache.py)."""
    past = time.time() - 60
    for path in root.rglob("*"):
        os.utime(path, (past, past))


def project_with(nodes: int) -> Path:
    root = Path(tempfile.mkdtemp(prefix="bench-check-"))
    for name in ("scenes", "dialogue", "assets", "schemas"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("preview*.png"))
    if nodes:
        new_scene(root, "big")
        (root / "dialogue" / "en" / "big.yaml").write_text(synthetic_dialogue(nodes), encoding="utf-8")
    settle(root)
    return root


def reword(root: Path, n: int) -> None:
    """A facilitator's everyday edit: the words of one line, nothing else."""
    path = root / "dialogue" / "en" / "lane.yaml"
    text = path.read_text(encoding="utf-8")
    old = "Who won?" if n == 0 else f"Who won? ({n - 1})"
    path.write_text(text.replace(old, f"Who won? ({n})", 1), encoding="utf-8")
    past = time.time() - 60
    os.utime(path, (past, past))


def best(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def measure(nodes: int, runs: int) -> None:
    root = project_with(nodes)
    try:
        load_s, loaded = best(lambda: load_content(root), runs)
        content, problems, _ = loaded  # type: ignore[misc]
        if content is None:
            print(f"  {nodes:>6} nodes: the content did not load: {[p.format() for p in problems][:3]}")
            return
        lines_s, _ = best(lambda: _too_long(root, content, full=True), runs)
        paths_s, _ = best(lambda: _paths(content, full=True), runs)

        def check(full: bool = False) -> int:
            return run_check([str(root)], "en", False, root, out=io.StringIO(), full=full)

        full_s, code = best(lambda: check(full=True), runs)
        edits = iter(range(100))
        words_times, unkept_times = [], []
        for _ in range(runs):  # each beside its baseline, so a machine whose speed drifts moves both alike
            reword(root, next(edits))
            words_times.append(best(check, 1)[0])
            reword(root, next(edits))  # the baseline: as the last version did, every file read again
            shutil.rmtree(user_cache_dir() / FOLDER, ignore_errors=True)
            unkept_times.append(best(check, 1)[0])  # (and keeps every reading again for the next edit)
        same_s, _ = best(check, runs)
        per_node = f", {1e6 * full_s / nodes:.0f} µs a node" if nodes else ""
        label = f"{nodes:,} synthetic nodes" if nodes else "shipped content"
        print(f"  {label:>24}: full {full_s:.2f} s (exit {code}) = load {load_s:.2f} + lines {lines_s:.2f} "
              f"+ paths {paths_s:.2f}{per_node}; words changed {min(words_times):.2f} s (every file read again: "
              f"{min(unkept_times):.2f} s, ratio {min(words_times) / min(unkept_times):.2f}); "
              f"nothing changed {same_s:.3f} s", flush=True)
        if not nodes:
            command = [sys.executable, str(ROOT / "main.py"), "check", str(root)]
            subprocess.run(command, capture_output=True, check=False)  # fills the cache for this process's view
            start_s, _ = best(lambda: subprocess.run([sys.executable, "-c", "pass"], check=False), runs)
            cli_s, _ = best(lambda: subprocess.run(command, capture_output=True, check=False), runs)
            print(f"  {'':>24}  `python main.py check` nothing changed: {cli_s:.3f} s; a bare Python start "
                  f"{start_s:.3f} s (ratio {cli_s / start_s:.1f}×)", flush=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("check (best of %d runs; targets: shipped ≤ 0.3 s, 10,000 nodes ≤ 1 s, linear):" % args.runs)
    measure(0, args.runs)
    for size in (int(s) for s in args.sizes.split(",") if s):
        measure(size, max(1, args.runs if size <= 10_000 else 1))


if __name__ == "__main__":
    main()
