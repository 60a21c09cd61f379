"""How long sending 1,200 students' statements to a learning record store takes, and reading one class back.
Run: .venv/bin/python bench/lrs_send.py [--classes 30] [--students 40] [--batch 50,500] [--lrs-venv .lrs-venv]

It writes the district's worth of results that bench/report.py writes (30 classes × 40 students, realistic
statements), starts Ralph (ralph-malph, file-system backend, as tests/test_lrs.py does) on 127.0.0.1, and times
`classroom send` (queue on disk, batches posted by game.classroom.lrs.Lrs) for each batch size, into a fresh store
each time; then `report --lrs` reading one class back by its registration. Ralph's file backend reads its whole file
to check for known ids on every POST, so the time grows with the store: a school's store on Elasticsearch,
MongoDB or ClickHouse checks ids by index.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import generate  # noqa: E402
from game.classroom.lrs import Lrs  # noqa: E402
from game.cli import main as cli  # noqa: E402
from game.content import load_content  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--classes", type=int, default=30)
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--batch", default="50,500")
    parser.add_argument("--lrs-venv", type=Path, default=ROOT / ".lrs-venv")
    args = parser.parse_args()
    os.environ["SMALL_ACTS_LRS_VENV"] = str(args.lrs_venv)
    from tests.test_lrs import PASSWORD, USER, Ralph

    content, _problems, _files = load_content(ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        dirs, files, statements = generate(base / "results", content, args.classes, args.students)
        print(f"{files} student files, {statements} statements")
        os.environ["SMALL_ACTS_LRS_PASSWORD"] = PASSWORD
        for batch in (int(b) for b in args.batch.split(",")):
            store = Ralph(base / f"ralph{batch}").start()
            try:
                start = time.perf_counter()
                code = cli(["classroom", "send", *map(str, dirs), "--lrs", store.endpoint, "--lrs-user", USER,
                            "--data", str(base / f"teacher{batch}"), "--batch", str(batch), "--tries", "1"])
                spent = time.perf_counter() - start
                print(f"batch {batch:>4}: sent in {spent:.1f} s ({statements / spent:.0f} statements/s), exit {code}",
                      flush=True)
                lrs = Lrs(store.endpoint, USER, PASSWORD)
                registration = json.loads(next((base / "results").rglob("session.json")).read_text())["registration"]
                start = time.perf_counter()
                got = sum(1 for _ in lrs.statements(registration))
                print(f"            one class read back ({got} statements, 'more' links followed) in "
                      f"{time.perf_counter() - start:.2f} s", flush=True)
            finally:
                store.stop()


if __name__ == "__main__":
    main()
