"""How many students one teacher PC serves with pause / resume reaching all of them within 2 s.
Run: .venv/bin/python bench/class_net.py [--students 60,120,240] [--rounds 3]

A real game.classroom.net.ClassServer on 127.0.0.1 serves one session. N simulated students join over HTTP (each
gets its token) and then do what a student's game does: a ControlPoller thread per student asks for new commands once
a second (the real client, game.classroom.net.Remote), and every 5 s each student sends a batch of statements. The
teacher then writes "pause all" (signed, as the teacher view does) and the script measures when the last student's
poller has folded it; then "resume all", the same. Printed per N: the slowest student's delay (p100) and the median,
for pause and for resume, and whether all were within 2 s.

The polling interval (1 s) bounds the delay from below at about 1 s on average; what grows with N is the time the
server needs to answer N requests a second on a PC that also draws the teacher view.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.classroom import xapi  # noqa: E402
from game.classroom.folder import ClassFolder  # noqa: E402
from game.classroom.net import ClassServer, ControlPoller, Remote  # noqa: E402
from game.classroom.sign import TeacherKey  # noqa: E402


def measure(n: int, rounds: int, tmp: Path) -> dict[str, list[float]]:
    key = TeacherKey.new()
    folder = ClassFolder(tmp / f"r{n}", key)
    session = folder.create(("home",))
    server = ClassServer(folder, session, tmp / f"t{n}", "127.0.0.1", discovery_port=0).start()
    pollers: list[ControlPoller] = []
    senders: list[threading.Thread] = []
    stop = threading.Event()
    for _ in range(n):
        joined = None
        for _try in range(5):  # a join is retried, as a student retries typing the code
            joined = Remote("127.0.0.1", server.port, timeout=10).join(session.code)
            if joined is not None:
                break
        assert joined is not None, "join refused"
        _doc, anon, token = joined
        remote = Remote("127.0.0.1", server.port, token)
        remote.timeout = 10
        pollers.append(ControlPoller(remote, session).start())
        actor = xapi.Actor(anon, session.registration, "en", "bench")

        def send(remote=remote, actor=actor) -> None:
            k = 0
            while not stop.wait(5.0):
                k += 1
                remote.send([actor.statement("progressed", "chapter", "home", chapter="home",
                                             extra={xapi.EXT_KIND: "chapter"}) for _ in range(3)])
        t = threading.Thread(target=send, daemon=True)
        t.start()
        senders.append(t)
    time.sleep(2.5)  # every poller has polled at least twice: the steady state of a lesson
    out: dict[str, list[float]] = {"pause": [], "resume": []}
    for _ in range(rounds):
        for action, want in (("pause_all", True), ("resume_all", False)):
            start = time.monotonic()
            folder.command(session, action)
            seen: dict[int, float] = {}
            deadline = start + 10
            while len(seen) < n and time.monotonic() < deadline:
                for i, p in enumerate(pollers):
                    if i not in seen and p.control.paused is want:
                        seen[i] = time.monotonic() - start
                time.sleep(0.005)
            delays = [seen.get(i, float("inf")) for i in range(n)]
            out["pause" if want else "resume"].extend(delays)
            time.sleep(0.5)
    stop.set()
    for p in pollers:
        p.stop()
    server.stop()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", default="60,120,240")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'students':>8}  {'pause p50':>9}  {'pause max':>9}  {'resume p50':>10}  {'resume max':>10}  within 2 s")
        for n in (int(x) for x in args.students.split(",")):
            got = measure(n, args.rounds, Path(tmp))
            worst = max(max(got["pause"]), max(got["resume"]))
            print(f"{n:>8}  {statistics.median(got['pause']):>8.2f}s  {max(got['pause']):>8.2f}s  "
                  f"{statistics.median(got['resume']):>9.2f}s  {max(got['resume']):>9.2f}s  "
                  f"{'yes' if worst <= 2.0 else 'NO'}", flush=True)


if __name__ == "__main__":
    main()
