"""Reading many results files in worker processes while this process counts them, in their order.

A district's report reads 120,000 files, and parsing their JSON is nearly all of its time; a teacher's PC has two or
more cores. Worker processes read whole files on their own (a task gives back what one file counted) and this process
adds each file's counts in the order the files were listed, so the numbers are the ones one process gives.

What keeps it safe to ship:
- Processes are started with "spawn" everywhere, as Windows must: the same code path is tested on Linux as is run in
  the lab build, whose entry point calls multiprocessing.freeze_support (main.py).
- Anything that goes wrong with a worker (the pool cannot start, a worker dies, a task raises) gives None for the files
  it had: the caller then reads those files itself, so a report is never lost, only slower. After a worker dies no new
  pool is started: the rest is read in this process.
- A few files (fewer than PARALLEL_FROM) are read here: starting a worker costs more than reading a class.
- At most WINDOW tasks of BATCH files a worker are out at once, so the memory does not grow with the number of files.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

# Files listed before workers are worth starting (each imports the reader: about 0.2 s of a core, 30 MB): a lesson's
# folder of 40 files is read faster here than a worker takes to start.
PARALLEL_FROM = 2_000
# Files per task: about 1 MB of JSON, 30 ms of work, so sending a task and its answer (a few KB) costs little.
BATCH = 32
# Tasks out per worker at once: enough that a worker never waits for this process, bounded so 120,000 files never
# queue at once.
WINDOW = 4
# More processes than this do not help: this process adds every file's counts, at about a quarter of what a worker
# takes to read it (bench/report.py: 180 µs against 700 µs a file), and each worker is about 30 MB more.
MAX_WORKERS = 4


def default_workers() -> int:
    """One a core this process may run on (it also counts, but much less than a worker reads), at most
    MAX_WORKERS; on one core, none."""
    try:
        cores = len(os.sched_getaffinity(0))  # a machine's 8 cores, of which this program was given 1
    except (AttributeError, OSError):  # Windows and macOS have no affinity here
        cores = os.cpu_count() or 1
    return min(cores, MAX_WORKERS)


def read_elsewhere(paths: Iterable[Path], task: Callable[[str], T | None],
                   workers: int | None = None) -> Iterator[tuple[Path, T | None]]:
    """(path, task(str(path))) for every path, in order; None where the caller must read the file itself. ``task``
    must be a module-level function (it is sent to the workers by name). ``workers``: None for default_workers(),
    0 or 1 for none (every result is None). An OSError from ``paths`` is raised after the files listed before it."""
    count = default_workers() if workers is None else workers
    start_from = PARALLEL_FROM
    it = iter(paths)
    head: list[Path] = []
    failed: OSError | None = None
    if count > 1:
        failed = _take(it, start_from, head)
    if count <= 1 or len(head) < start_from or failed is not None:
        for path in head:
            yield path, None
        if failed is not None:
            raise failed
        for path in it:
            yield path, None
        return
    yield from _pooled(_chain(head, it), task, count)


def _pooled(paths: Iterator[Path], task: Callable[[str], T | None], count: int) -> Iterator[tuple[Path, T | None]]:
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        pool = ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn"))
    except Exception:  # noqa: BLE001 — no processes here (a sandbox, no semaphores): read in this process
        yield from ((path, None) for path in paths)
        return
    out: deque[tuple[list[Path], Future | None]] = deque()  # tasks in the order of their files
    failed: OSError | None = None
    broken = False
    try:
        while True:
            while not broken and failed is None and len(out) < WINDOW * count:
                batch: list[Path] = []
                failed = _take(paths, BATCH, batch)
                if not batch:
                    break
                try:
                    out.append((batch, pool.submit(_run, task, [str(p) for p in batch])))
                except Exception:  # noqa: BLE001 — the pool broke (a worker died): this process reads the rest
                    out.append((batch, None))
                    broken = True
            if not out:
                break
            batch, future = out.popleft()
            results: list[T | None] | None = None
            if future is not None:
                try:
                    results = future.result()
                except BrokenProcessPool:  # a worker died: every task still out fails the same way, and
                    # no more are sent
                    broken = True
                except Exception:  # noqa: BLE001 — the task raised: these files are read here
                    pass
            for i, path in enumerate(batch):
                yield path, None if results is None else results[i]
        if broken and failed is None:  # the tasks out failed above: the files not yet listed are read here too
            try:
                for path in paths:
                    yield path, None
            except OSError as exc:
                failed = exc
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    if failed is not None:
        raise failed


def _take(paths: Iterator[Path], count: int, into: list[Path]) -> OSError | None:
    """Up to ``count`` more paths into ``into``; the error that stopped the listing, if one did (the paths listed
    before it are still read)."""
    try:
        for path in islice(paths, count):
            into.append(path)
    except OSError as exc:
        return exc
    return None


def _chain(head: list[Path], rest: Iterator[Path]) -> Iterator[Path]:
    yield from head
    yield from rest


def _run(task: Callable[[str], T | None], paths: list[str]) -> list[T | None]:
    """In a worker: one task's files."""
    return [task(path) for path in paths]
