"""A district's report reads its files in worker processes (game.classroom.workers): the same report as one process
gives, in the same order, whatever goes wrong with the workers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.classroom import tally as tally_module
from game.classroom import workers
from game.classroom.report import build, csv_rows, merge
from game.classroom.tally import Tally, id_key
from test_report_stream import content, lab  # noqa: F401 — content is a fixture

ROOT = Path(__file__).resolve().parent.parent
DIE = "sdie0000"  # a file of this name ends the worker that reads it (dying_reader)


# Run in the worker processes: sent there by name, so they live at the top of this module.
def dying_reader(path: str):
    if Path(path).stem == DIE:
        os._exit(3)  # as a worker killed by the system: no exception, no answer
    return tally_module.read_one(path)


def raising_reader(path: str):
    if Path(path).stem == DIE:
        raise MemoryError("a file this worker could not hold")
    return tally_module.read_one(path)


def same(got: Tally, expected: Tally) -> None:
    """Equal numbers, and every mapping in the same order (the report lists classes in the order first read)."""
    assert got == expected
    for name in ("students", "days", "codes", "choices", "answers", "pairs"):
        assert list(getattr(got, name).items()) == list(getattr(expected, name).items()), name


@pytest.fixture
def parallel(monkeypatch):
    """Workers from the first file, a few files a task, so even a small folder is many tasks."""
    monkeypatch.setattr(workers, "PARALLEL_FROM", 0)
    monkeypatch.setattr(workers, "BATCH", 3)


def with_dying_file(dirs: list[Path]) -> None:
    """A copy of a student's file under the name that ends a worker, half-way through the listing."""
    files = sorted(p for d in dirs for p in d.rglob("*.jsonl"))
    source = files[len(files) // 2]
    (source.parent / f"{DIE}.jsonl").write_bytes(source.read_bytes())


@pytest.mark.parametrize("seed", range(3))
def test_workers_give_the_report_one_process_gives(content, tmp_path, parallel, seed):  # noqa: F811
    dirs = lab(tmp_path, content, seed)
    one = merge(dirs, workers=0)
    many = merge(dirs, workers=2)
    same(many, one)
    assert csv_rows(build(many, content)) == csv_rows(build(one, content))


def test_a_worker_that_dies_leaves_its_files_to_this_process(content, tmp_path, parallel, monkeypatch):  # noqa: F811
    dirs = lab(tmp_path, content, 1)
    with_dying_file(dirs)
    one = merge(dirs, workers=0)
    monkeypatch.setattr(tally_module, "read_one", dying_reader)
    same(merge(dirs, workers=2), one)
    paths = sorted(p for d in dirs for p in d.rglob("*.jsonl"))
    got = list(workers.read_elsewhere(paths, dying_reader, workers=2))
    assert [p for p, _r in got] == paths
    died = [p.stem for p in paths].index(DIE)
    # It is read here, and so is every task's that was still out (one the other worker had finished is kept).
    assert got[died][1] is None


def test_a_task_that_raises_leaves_its_files_to_this_process(content, tmp_path, parallel, monkeypatch):  # noqa: F811
    dirs = lab(tmp_path, content, 2)
    with_dying_file(dirs)
    one = merge(dirs, workers=0)
    monkeypatch.setattr(tally_module, "read_one", raising_reader)
    same(merge(dirs, workers=2), one)


def test_no_processes_means_one_process(content, tmp_path, parallel, monkeypatch):  # noqa: F811
    import concurrent.futures

    def refuse(*_args, **_kwargs):
        raise OSError("no semaphores here")

    dirs = lab(tmp_path, content, 3)
    one = merge(dirs, workers=0)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    same(merge(dirs, workers=2), one)


def test_hostile_files_read_by_workers_count_as_here(tmp_path, parallel):
    """Junk, a huge line, a BOM, broken UTF-8, NUL bytes and a file that cannot be opened, each judged in a worker
    as this process judges it."""
    from test_report_stream import one_student

    folder = tmp_path / "usb"
    folder.mkdir()
    lines = one_student(count=6)
    (folder / "a.jsonl").write_bytes(b"\n".join(lines[:3]) + b"\n" + b"[" * 30_000 + b"\n" + lines[3])
    (folder / "b.jsonl").write_bytes(b"\xef\xbb\xbf" + b"\n".join(lines) + b"\n\x00\xff\xfe junk\n")
    (folder / "c.jsonl").write_bytes(b"x" * (3 * tally_module.BLOCK) + b"\n" + lines[0] + b"\n")
    (folder / "d.jsonl").write_bytes(b"\n".join(lines[:2]) + b"\n" + lines[2][:20])
    (folder / "e.jsonl").mkdir()  # a folder named like a file: cannot be opened
    one = merge([folder], workers=0)
    assert one.damaged >= 4 and one.duplicates > 0
    same(merge([folder], workers=2), one)


def test_files_come_back_in_order_and_a_listing_that_fails_stops_after_what_was_listed(parallel):
    names = [Path(f"f{i:03d}.jsonl") for i in range(40)]

    def listing():
        yield from names[:25]
        raise OSError("the stick was pulled out")

    got = []
    with pytest.raises(OSError):
        for path, result in workers.read_elsewhere(listing(), os.path.basename, workers=2):
            got.append((path, result))
    assert got == [(p, p.name) for p in names[:25]]
    assert list(workers.read_elsewhere(iter(names), os.path.basename, workers=0)) == [(p, None) for p in names]


def test_a_statement_id_is_remembered_by_the_same_number_in_every_process():
    ids = ["0f50fc5a-7f53-4bbd-b8c2-b882206a4f83", "a", "a\x00", "\x00a", "", "\ud800", "ह"]
    keys = [id_key(i) for i in ids]
    assert len(set(keys)) == len(ids)
    code = (f"import json, sys; sys.path.insert(0, {str(ROOT)!r}); from game.classroom.tally import id_key; "
            f"print(json.dumps([id_key(i) for i in json.loads(sys.argv[1])]))")
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-c", code, json.dumps(ids)], capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}, check=True)
        assert json.loads(done.stdout) == keys
