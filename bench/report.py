"""Prints how long the class report takes on a district's worth of results, and how much memory it needs.

  .venv/bin/python bench/report.py [--classes 30] [--students 40] [--keep DIR] [--src DIR] [--repeat 1]

It writes 30 class sessions × 40 students of realistic xAPI statements (game.classroom.xapi.Actor): each class plays
one to three chapters and takes the survey before and after (or only once, or not at all); students choose with a
bias of their class, sometimes go back with "What if?" and choose again (a replay), reach and leave pause points,
skip a few survey questions, and answer a little more equally after playing. Most classes sit in a results folder
(<code>/session.json + students/*.jsonl); a fifth are files gathered from USB sticks into flat folders; a few files
end in a torn line; about 2 % of the students' files were also copied onto a second stick (some whole, some copied
mid-lesson, so only their first half). Every class has its own join code, however many classes there are.

Then, each in a fresh process (so each peak RSS is its own, not the generator's):

  read:    finding and reading the bytes of every file (os.walk), nothing else: the baseline the others are
           divided by
  merge:   reading and counting every file (game.classroom.report.merge), after loading the content
  build:   the numbers per decision and survey item, per class and in total
  total:   `main.py report DIR… -o report.html --csv report.csv` in a fresh process, from its start to its exit

--keep DIR writes the files (and the report) there and keeps them; run again with the same --keep, --classes and
--students and the files are reused (120,000 students take minutes to write). --src DIR times another checkout of
the game on the same files (e.g. `git archive main | tar -x -C /tmp/before`): the numbers before a change.

Targets (issue 16): 120,000 students (--classes 3000 --students 40) in ≤ 60 s and ≤ 300 MB peak RSS, time linear in
the number of students. The files are fresh in the page cache, as they are when a teacher has just copied them. On a
machine shared with other work the wall times move with its load; the CPU seconds and the ratios to the read baseline
of the same run move much less.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SURVEY_MODES = ("both", "both", "both", "both", "pre", "post", "none")
COPIED = 0.02     # of the students' files, copied onto a second stick too (half of them mid-lesson: a first part)
MARK = "bench.json"  # in a --keep folder: what was generated there, so a second run reuses it


def _story(content):
    """Per chapter: its choices, its pause point ids (made up when the content has none yet) and an ending id."""
    from game.story.model import Choice, Pause

    out = []
    for chapter in content.chapters:
        choices, pauses, endings = [], [], []
        for sid in chapter.scenes:
            scene = content.story.scenes.get(sid)
            if scene is None:
                continue
            endings += [e.full_id for e in scene.endings.values()]
            for node in scene.nodes.values():
                choices += [s for s in node.steps if isinstance(s, Choice)]
                pauses += [s.id for s in node.steps if isinstance(s, Pause)]
        out.append((chapter.id, choices, pauses or [f"{chapter.scenes[0]}.talk.p{i}" for i in (1, 2)],
                    endings or [f"{chapter.scenes[0]}.end"]))
    return out


def _survey_items(content):
    """(item id, points, reverse) of the shipped survey."""
    survey = content.survey
    if survey is None:
        return [(f"item{i}", 4, i % 3 == 0) for i in range(12)]
    return [(i.id, len(survey.scales[i.scale].options), i.reverse) for i in survey.items]


def _answers(rng, actor, items, phase, clock, lean):
    from game.classroom import xapi

    out = []
    for item, points, reverse in items:
        if rng.random() < 0.05:
            continue  # skipped: nothing is written
        score = min(points, max(1, round(1 + (points - 1) * min(1.0, max(0.0, rng.gauss(lean, 0.25))))))
        value = points + 1 - score if reverse else score
        out.append(actor.statement("answered", "survey", item, result={"response": str(value)},
                                   extra={xapi.EXT_PHASE: phase}, timestamp=clock()))
    return out


def _student(rng, session, chapters, weights, items, language, day):
    from game.classroom import xapi
    from game.classroom.folder import new_anon

    actor = xapi.Actor(new_anon(), session.registration, language, "bench")
    t = [day + timedelta(minutes=rng.randint(0, 5))]

    def clock() -> str:
        t[0] += timedelta(seconds=rng.randint(5, 60))
        return t[0].isoformat(timespec="milliseconds").replace("+00:00", "Z")

    lean = rng.uniform(0.35, 0.8)
    out = [actor.statement("initialized", "game", name="Small Acts", timestamp=clock())]
    if session.pre:
        out += _answers(rng, actor, items, "pre", clock, lean)
    for chapter, choices, pauses, endings in chapters:
        out.append(actor.statement("progressed", "chapter", chapter, chapter=chapter,
                                   extra={xapi.EXT_KIND: "chapter"}, timestamp=clock()))
        for i, choice in enumerate(choices):
            if rng.random() < 0.15:
                continue  # a path that never reaches this decision
            options = [o.id for o in choice.options]
            pick = rng.choices(options, weights[choice.id])[0]
            out.append(actor.statement("selected", "choice", choice.id, chapter=chapter, timestamp=clock(),
                                       result={"response": pick}))
            if i == len(choices) // 2:
                for pause in pauses:
                    out.append(actor.statement("progressed", "pause", pause, chapter=chapter,
                                               extra={xapi.EXT_KIND: "pause"}, timestamp=clock()))
                    out.append(actor.statement("progressed", "pause", pause, chapter=chapter,
                                               extra={xapi.EXT_KIND: "released"}, timestamp=clock()))
        if rng.random() < 0.3 and choices:  # "What if?": back to one decision, another choice
            choice = rng.choice(choices)
            out.append(actor.statement("selected", "choice", choice.id, chapter=chapter, timestamp=clock(),
                                       result={"response": rng.choice(choice.options).id},
                                       extra={xapi.EXT_REPLAY: True}))
        out.append(actor.statement("completed", "chapter", chapter, chapter=chapter, timestamp=clock(),
                                   result={"completion": True, "extensions": {xapi.EXT_ENDING: rng.choice(endings)}}))
    if session.post:
        out += _answers(rng, actor, items, "post", clock, min(1.0, lean + rng.uniform(-0.05, 0.2)))
    out.append(actor.statement("completed", "game", chapter=chapters[-1][0], timestamp=clock(),
                               result={"completion": True}))
    return out


def _codes(rng: random.Random, classes: int) -> list[str]:
    """One join code per class, all different: six digits, as the game makes them (3,000 classes drawn one by one
    from 900,000 codes would share about five)."""
    if classes > 900_000:
        raise SystemExit("at most 900,000 classes: a join code has six digits")
    return [str(c) for c in rng.sample(range(100_000, 1_000_000), classes)]


def generate(base: Path, content, classes: int, students: int, seed: int = 7,
             copied: float = COPIED) -> tuple[list[Path], int, int]:
    """The folders to merge, the number of student files and of statements written (copies not included)."""
    from game.classroom.folder import SESSION_FILE, STUDENTS, ClassSession, new_anon

    rng = random.Random(seed)
    codes = _codes(random.Random(seed + 1), classes)
    story, items = _story(content), _survey_items(content)
    results, usb = base / "results", base / "usb"
    files = statements = 0
    for k, code in enumerate(codes):
        start = rng.randrange(len(story))
        chapters = story[start:start + rng.randint(1, 3)]
        session = ClassSession(code, str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                               tuple(c[0] for c in chapters), None, rng.choice(SURVEY_MODES), "younger", False,
                               time.time())
        weights = {c.id: [rng.gammavariate(1.5, 1.0) + 0.05 for _ in c.options] for ch in chapters for c in ch[1]}
        day = datetime(2026, 11, 2, 9, 0, tzinfo=UTC) + timedelta(days=k // 3, hours=k % 3)
        if k % 5 == 4:  # gathered from a USB stick: no session file, flat
            folder = usb / f"stick{k}"
        else:
            folder = results / code / STUDENTS
            folder.mkdir(parents=True)
            (folder.parent / SESSION_FILE).write_text(json.dumps(session.to_json()), "utf-8")
        folder.mkdir(parents=True, exist_ok=True)
        language = rng.choice(("en", "hi", "hi", "bn"))
        for _ in range(students):
            lines = _student(rng, session, chapters, weights, items, language, day)
            text = "".join(json.dumps(s, ensure_ascii=False, separators=(",", ":")) + "\n" for s in lines)
            if rng.random() < 0.01:
                text += text.splitlines()[-1][:37]  # switched off while writing the last line
            name = f"{new_anon()}.jsonl"
            (folder / name).write_text(text, "utf-8")
            if rng.random() < copied:  # also on a second stick, whole or as it was mid-lesson
                copy = usb / f"copies{k // 100}"
                copy.mkdir(parents=True, exist_ok=True)
                part = text if rng.random() < 0.5 else "".join(text.splitlines(keepends=True)[:len(lines) // 2])
                (copy / name).write_text(part, "utf-8")
            files += 1
            statements += len(lines)
    return [d for d in (results, usb) if d.exists()], files, statements


# --- measuring, each in a fresh process -------------------------------------------------------------------------------
def _peak() -> float:
    """This process's peak RSS so far, in MiB. VmHWM where there is one: ru_maxrss also counts the parent's memory
    the child was forked with (Linux keeps the larger across exec), and the parent has just written 4 GB of files."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


class _Family:
    """The memory of this process and its children (the report's worker processes) every 0.2 s: the largest sum of
    their RSS, and each child's own peak (VmHWM: ru_maxrss of a child counts the parent it was forked from)."""

    def __init__(self) -> None:
        import threading

        self.total = self.child = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    @staticmethod
    def _kb(pid: int, key: str) -> float:
        try:
            with open(f"/proc/{pid}/status", encoding="ascii") as f:
                return next(int(line.split()[1]) for line in f if line.startswith(key))
        except (OSError, StopIteration, ValueError):
            return 0.0

    def _watch(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.2):
            try:
                with open(f"/proc/{me}/task/{me}/children", encoding="ascii") as f:
                    kids = [int(k) for k in f.read().split()]
            except OSError:
                return
            self.total = max(self.total, (self._kb(me, "VmRSS:") + sum(self._kb(k, "VmRSS:") for k in kids)) / 1024)
            self.child = max([self.child, *(self._kb(k, "VmHWM:") / 1024 for k in kids)])

    def stop(self) -> tuple[float, float]:
        self._stop.set()
        self._thread.join()
        return self.total, self.child


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _child(kind: str, dirs: list[Path], lang: str, out: Path | None) -> dict:
    """Run in the child: what one measurement took, and the peak RSS at each step (a peak only grows)."""
    rss = _peak

    if kind == "read":  # the bench's own walk, not the game's: the same baseline whichever --src is timed
        start = rss()
        t = time.perf_counter()
        size = files = 0
        for d in dirs:
            for folder, _dirs, names in os.walk(d):
                for name in names:
                    if name.endswith(".jsonl"):
                        with open(os.path.join(folder, name), "rb") as f:
                            size += len(f.read())
                        files += 1
        return {"seconds": time.perf_counter() - t, "bytes": size, "files": files, "rss_start": start, "rss": rss()}
    if kind == "total":  # what `python main.py report` does, after the interpreter has started
        from game.cli import main

        family = _Family()
        code = main(["report", *map(str, dirs), "-o", str(out), "--csv", str(out.with_suffix(".csv")), "--lang", lang])
        together, child = family.stop()
        return {"cpu": time.process_time(), "exit": code, "rss": rss(), "workers_cpu": _children_cpu(),
                "workers_rss": child, "together": together}
    from game.classroom.report import build, merge
    from game.content import load_content

    content, _problems, _ = load_content(Path.cwd(), lang)
    start = rss()
    t, cpu, before = time.perf_counter(), time.process_time(), _children_cpu()
    tally = merge(dirs)
    merged, merge_cpu = time.perf_counter() - t, time.process_time() - cpu
    workers_cpu = _children_cpu() - before  # worker processes, counted once they have ended (merge waits for them)
    rss_merge = rss()
    t = time.perf_counter()
    report = build(tally, content)
    return {"merge": merged, "merge_cpu": merge_cpu, "merge_workers_cpu": workers_cpu, "build": time.perf_counter() - t, "rss_start": start,
            "rss_merge": rss_merge,
            "rss": rss(), "files": tally.files, "statements": tally.statements, "students": report.students,
            "damaged": tally.damaged, "duplicates": tally.duplicates, "classes": len(report.classes)}


def _measure(kind: str, dirs: list[Path], src: Path, lang: str, out: Path | None = None) -> tuple[float, dict]:
    """Wall seconds of one child process (from its start: the interpreter and the imports too) and what it said."""
    t = time.perf_counter()
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", kind, "--src", str(src),
                           "--lang", lang, *(["--out", str(out)] if out else []), *map(str, dirs)],
                          cwd=src, stdout=subprocess.PIPE, text=True, check=False)
    took = time.perf_counter() - t
    if done.returncode != 0:
        raise SystemExit(f"the {kind} measurement failed (exit {done.returncode})")
    return took, json.loads(done.stdout.strip().splitlines()[-1])


def _generated(base: Path, content, classes: int, students: int) -> tuple[list[Path], int, int, bool]:
    """The folders to merge (reused when ``base`` holds this very set), files, statements, and whether reused."""
    wanted = {"classes": classes, "students": students, "seed": 7, "copied": COPIED}
    try:
        mark = json.loads((base / MARK).read_text("utf-8"))
        if {k: mark.get(k) for k in wanted} == wanted:
            return [base / d for d in mark["dirs"]], mark["files"], mark["statements"], True
    except (OSError, ValueError, KeyError, TypeError):
        pass
    if base.exists():
        shutil.rmtree(base)
    base.mkdir(parents=True)
    dirs, files, statements = generate(base, content, classes, students)
    (base / MARK).write_text(json.dumps({**wanted, "dirs": [d.name for d in dirs], "files": files,
                                         "statements": statements}), "utf-8")
    return dirs, files, statements, False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--classes", type=int, default=30)
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--keep", type=Path, default=None, help="write into this folder, keep it and reuse it")
    parser.add_argument("--src", type=Path, default=ROOT, help="the checkout of the game to time (default: this one)")
    parser.add_argument("--repeat", type=int, default=1, help="time merge and build this often, keep the best")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--child", choices=("read", "report", "total"), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("dirs", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    src = args.src.resolve()
    sys.path.insert(0, str(src if args.child else ROOT))
    if args.child:
        print(json.dumps(_child(args.child, args.dirs, args.lang, args.out)))
        return

    from game.content import load_content

    content, _problems, _ = load_content(ROOT, "en")
    if content is None:
        sys.exit("the content has errors: run `python main.py check`")
    base = (args.keep or Path(tempfile.mkdtemp(prefix="report-bench-"))).resolve()
    try:
        t = time.perf_counter()
        dirs, files, statements, reused = _generated(base, content, args.classes, args.students)
        size = sum(p.stat().st_size for d in dirs for p in d.rglob("*.jsonl"))
        print(f"{'reused' if reused else 'generated'}:  {files} student files, {statements} statements "
              f"({statements / files:.1f} per student), {size / 1e6:.1f} MB, in {time.perf_counter() - t:.1f} s; "
              f"timing {src}")
        _measure("read", dirs, src, args.lang)  # into the page cache: the teacher has just copied the files
        _took, read = _measure("read", dirs, src, args.lang)
        base_s = read["seconds"]
        print(f"read:       {base_s:.2f} s ({read['files']} files, {read['bytes'] / 1e6:.0f} MB), "
              f"peak RSS {read['rss']:.0f} MB  (the baseline: every byte read, nothing counted)")
        runs = [_measure("report", dirs, src, args.lang)[1] for _ in range(max(1, args.repeat))]
        m = min(runs, key=lambda r: r["merge"])
        merge_peak = max(r["rss"] for r in runs)
        grown = m["rss_merge"] - m["rss_start"]
        helped = f" + {m['merge_workers_cpu']:.2f} s in worker processes" if m.get("merge_workers_cpu") else ""
        print(f"merge:      {m['merge']:.2f} s = {m['merge'] / base_s:.1f} × read, {m['merge_cpu']:.2f} s of CPU{helped} "
              f"({m['files']} files, "
              f"{m['statements']} statements, {m['students']} students, {m['duplicates']} duplicates, "
              f"{m['damaged']} damaged lines)")
        print(f"build:      {m['build']:.2f} s ({m['classes']} classes)")
        print(f"memory:     peak RSS {merge_peak:.0f} MB for merge and build (content loaded: {m['rss_start']:.0f} MB; "
              f"the merge added {grown:.0f} MB = {grown * 2 ** 20 / max(1, m['students']):.0f} bytes per student)")
        out = base / f"report-{args.lang}.html"
        took, total = _measure("total", dirs, src, args.lang, out)
        workers = (f" + {total['workers_cpu']:.2f} s in worker processes (each's peak RSS up to "
                   f"{total['workers_rss']:.0f} MB, all together at most {total['together']:.0f} MB)"
                   if total.get("workers_cpu") else "")
        print(f"total:      {took:.2f} s = {took / base_s:.1f} × read, {total['cpu']:.2f} s of CPU{workers}, "
              f"peak RSS {total['rss']:.0f} MB, exit "
              f"{total['exit']} (`main.py report` end to end: start, content, merge, build, HTML "
              f"{out.stat().st_size / 1e6:.2f} MB, CSV)")
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
