"""Statements queued on disk and sent in batches by a worker thread: to the teacher's PC (a class on the lab network)
or to a learning record store. Playing never waits for the network.

    <queue>.jsonl        every statement, appended in one write and fsynced (one writer: this outbox)
    <queue>.sent         how many bytes of it the receiver has confirmed (rewritten atomically after each batch)

At least once, never twice in effect: a batch is marked sent only after the receiver confirmed it, so a PC switched
off mid-send sends that batch again on the next start; statement ids are stable (made once, when the event
happened), and both receivers treat an id they already hold as success. Failures back off 1, 2, 4 … 60 seconds.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any, Callable

from game.classroom.folder import MAX_READ, append_line
from game.save import SaveError, atomic_write_json

BATCH = 50          # statements per request: an LRS takes a list; 50 stay well under any body limit (about 100 KB)
MAX_BACKOFF = 60.0


class Outbox:
    def __init__(self, path: Path, send: Callable[[list[dict[str, Any]]], bool], batch: int = BATCH) -> None:
        """``send(batch)`` delivers statements and returns True when the receiver holds all of them (it may raise or
        return False: the batch is tried again later)."""
        self.path = Path(path)
        self.send = send
        self.batch = batch
        self._mark = self.path.with_suffix(".sent")
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.sent = self._read_mark()
        self.failures = 0

    # --- the game's side: never blocks on the network ---------------------------------------------------------------
    def put(self, statement: dict[str, Any]) -> bool:
        """Queue one statement (one fsync); False when the disk refused (the statement is then lost: it is the disk
        of the student's own PC, where the autosave would fail as well)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            append_line(self.path, statement)
        except OSError:
            return False
        self._wake.set()
        return True

    def put_many(self, statements: list[dict[str, Any]]) -> bool:
        """Queue statements copied from files already on disk (`classroom send`): one write and one fsync for all, not
        one per statement — 44,000 fsyncs take minutes on a school's PC."""
        if not statements:
            return True
        data = "".join(json.dumps(s, ensure_ascii=False, separators=(",", ":")) + "\n" for s in statements)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "ab") as f:
                f.write(data.encode("utf-8"))
                f.flush()
                os.fsync(f.fileno())
        except OSError:
            return False
        self._wake.set()
        return True

    write = put  # the same call as a StudentLog's, so a class link writes to either

    def poke(self) -> None:
        """Try now (the receiver is back), instead of at the end of the back-off."""
        self.failures = 0
        self._wake.set()

    def start(self) -> "Outbox":
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=f"outbox {self.path.name}", daemon=True)
            self._thread.start()
        return self

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    @property
    def pending(self) -> int:
        """Bytes not yet confirmed."""
        try:
            return max(0, self.path.stat().st_size - self.sent)
        except OSError:
            return 0

    # --- the worker -------------------------------------------------------------------------------------------------
    def flush(self) -> bool:
        """Send everything queued now, batch by batch; True when nothing is left. Used by the worker and by
        command-line senders that wait for the end."""
        while True:
            items, end = self._next()
            if not items:
                if end > self.sent:  # only junk lines: step over them
                    self.sent = end
                    self._write_mark()
                    continue
                return self.pending == 0
            try:
                ok = self.send(items)
            except Exception:  # noqa: BLE001 — a network or server error of any kind is "try again later"
                ok = False
            if not ok:
                return False
            self.sent = end
            self._write_mark()

    def _next(self) -> tuple[list[dict[str, Any]], int]:
        """The next batch of queued statements and the byte offset after it (junk lines are stepped over)."""
        try:
            with open(self.path, "rb") as f:
                f.seek(self.sent)
                data = f.read(MAX_READ)
        except OSError:
            return [], self.sent
        cut = count = 0
        while count < self.batch:
            nl = data.find(b"\n", cut)
            if nl < 0:
                break  # a torn last line waits
            count += bool(data[cut:nl].strip())
            cut = nl + 1
        return _items(data[:cut]), self.sent + cut

    def _run(self) -> None:
        while not self._stop.is_set():
            if self.flush():
                self.failures = 0
                self._wake.wait()
                self._wake.clear()
                continue
            self.failures += 1
            self._wake.clear()
            self._wake.wait(min(MAX_BACKOFF, 2.0 ** (self.failures - 1)))

    def _read_mark(self) -> int:
        try:
            value = json.loads(self._mark.read_text("utf-8")).get("sent", 0)
            size = self.path.stat().st_size if self.path.exists() else 0
            return value if type(value) is int and 0 <= value <= size else 0
        except (OSError, ValueError, AttributeError):
            return 0

    def _write_mark(self) -> None:
        try:
            atomic_write_json(self._mark, {"sent": self.sent})
        except SaveError:
            pass  # sent again next time: the receiver knows the ids


def _items(data: bytes) -> list[dict[str, Any]]:
    out = []
    for raw in data.split(b"\n"):
        try:
            item = json.loads(raw) if raw.strip() else None
        except (ValueError, RecursionError):
            item = None
        if isinstance(item, dict):
            out.append(item)
    return out
