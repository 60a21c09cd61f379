"""Prints how long the class report takes on a district's worth of results. Run: .venv/bin/python bench/report.py

  [--classes 30] [--students 40] [--keep DIR]   (--keep writes the folder and report there instead of a temp dir)

It writes 30 class sessions × 40 students of realistic xAPI statements (game.classroom.xapi.Actor): each class plays
one to three chapters and takes the survey before and after (or only once, or not at all); students choose with a
bias of their class, sometimes go back with "What if?" and choose again (a replay), reach and leave pause points,
skip a few survey questions, and answer a little more equally after playing. Most classes sit in a results folder
(<code>/session.json + students/*.jsonl); a fifth are files gathered from USB sticks into flat folders; a few files
end in a torn line. Then it times:

  merge:   reading and counting every file (game.classroom.report.merge), first run and best of three
  build:   the numbers per decision and survey item, per class and in total
  total:   `python main.py report` end to end, in process: loading the content, merge, build, HTML and CSV

Target (issue 7): merging 1,200 student files in under 2 s on this machine. The files are fresh in the page cache,
as they are when a teacher has just copied them.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.classroom import xapi
from game.classroom.folder import SESSION_FILE, STUDENTS, ClassSession, new_anon
from game.classroom.report import build, merge, run_report
from game.content import load_content
from game.story.model import Choice, Pause

SURVEY_MODES = ("both", "both", "both", "both", "pre", "post", "none")


def _story(content):
    """Per chapter: its choices, its pause point ids (made up when the content has none yet) and an ending id."""
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


def generate(base: Path, content, classes: int, students: int, seed: int = 7) -> tuple[list[Path], int, int]:
    """The folders to merge, the number of student files and of statements written."""
    rng = random.Random(seed)
    story, items = _story(content), _survey_items(content)
    results, usb = base / "results", base / "usb"
    files = statements = 0
    for k in range(classes):
        start = rng.randrange(len(story))
        chapters = story[start:start + rng.randint(1, 3)]
        code = str(100000 + rng.randrange(900000))
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
            (folder / f"{new_anon()}.jsonl").write_text(text, "utf-8")
            files += 1
            statements += len(lines)
    return [d for d in (results, usb) if d.exists()], files, statements


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--classes", type=int, default=30)
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--keep", type=Path, default=None, help="write into this folder and keep it")
    args = parser.parse_args()
    content, _problems, _ = load_content(ROOT, "en")
    if content is None:
        sys.exit("the content has errors: run `python main.py check`")
    base = args.keep or Path(tempfile.mkdtemp(prefix="report-bench-"))
    if args.keep and base.exists():
        shutil.rmtree(base)
    base.mkdir(parents=True, exist_ok=True)
    try:
        t = time.perf_counter()
        dirs, files, statements = generate(base, content, args.classes, args.students)
        size = sum(p.stat().st_size for d in dirs for p in d.rglob("*.jsonl"))
        print(f"generated:  {files} student files, {statements} statements ({statements / files:.1f} per student), "
              f"{size / 1e6:.1f} MB, in {time.perf_counter() - t:.1f} s")
        times = []
        for _ in range(3):
            t = time.perf_counter()
            tally = merge(dirs)
            times.append(time.perf_counter() - t)
        print(f"merge:      first {times[0] * 1000:.0f} ms, best of 3 {min(times) * 1000:.0f} ms "
              f"({tally.files} files, {tally.statements} statements, {tally.damaged} damaged lines)  target < 2000 ms")
        t = time.perf_counter()
        report = build(tally, content)
        print(f"build:      {(time.perf_counter() - t) * 1000:.0f} ms "
              f"({len(report.classes)} classes, {sum(len(c.decisions) for c in report.chapters)} decisions, "
              f"{len(report.items)} survey items)")
        for lang in ("en", "hi"):
            out = base / f"report-{lang}.html"
            ns = argparse.Namespace(dirs=dirs, output=out, csv=base / f"report-{lang}.csv", lang=lang)
            t = time.perf_counter()
            code = run_report(ns, ROOT)
            took = time.perf_counter() - t
            size = f"HTML {out.stat().st_size / 1e6:.2f} MB" if out.is_file() else "no HTML"
            print(f"total ({lang}): {took * 1000:.0f} ms end to end (content, merge, build, HTML, CSV), exit {code}, "
                  f"{size}")
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
