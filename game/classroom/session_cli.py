"""`python main.py classroom new|list|purge`: class sessions from the command line (the same as the teacher's menu)."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from game.classroom.folder import ClassFolder, FolderError, normalize_code, results_root, show_code


def folder_for(args: argparse.Namespace) -> tuple[ClassFolder, int]:
    """The results folder of a command (--results, else the setting, else the user-data one) and the retention
    setting, which is applied whenever a teacher's command opens the folder."""
    from game.settings import load_settings
    from game.userdata import user_data_dir

    data_dir = args.data or user_data_dir()
    settings = load_settings(data_dir)
    return ClassFolder(results_root(data_dir, settings.results_dir, args.results)), settings.results_keep_days


def run_classroom(args: argparse.Namespace, root: Path, out=None, err=None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    folder, keep_days = folder_for(args)
    if args.action == "purge":
        return _purge(folder, args, out, err)
    for code in folder.expire(keep_days):
        print(f"deleted the class session {show_code(code)}: older than {keep_days} days (results_keep_days)",
              file=out)
    if args.action == "list":
        sessions = folder.sessions()
        if not sessions:
            print(f"no class sessions in {folder.root}", file=out)
        for s in sessions:
            when = datetime.fromtimestamp(s.created).strftime("%Y-%m-%d %H:%M")
            students = len(folder.student_files(s.code))
            print(f"{show_code(s.code)}  {when}  {students} student{'s' if students != 1 else ''}  "
                  f"chapters: {', '.join(s.chapters) or 'all'}  survey: {s.survey}", file=out)
        return 0
    return _new(folder, args, root, out, err)


def _new(folder: ClassFolder, args: argparse.Namespace, root: Path, out, err) -> int:
    from game.content import load_content
    from game.story.model import Pause
    from game.story.problems import did_you_mean

    content, problems, _ = load_content(root)
    if content is None:
        print("the game's content has errors; run `python main.py check`", file=err)
        return 1
    known = [c.id for c in content.chapters]
    chapters = tuple(c.strip() for c in args.chapters.split(",") if c.strip())
    for c in chapters:
        if c not in known:
            print(f"python main.py classroom new: error: no chapter '{c}' (chapters: {', '.join(known)})"
                  + (f"; {hint}" if (hint := did_you_mean(c, known)) else ""), file=err)
            return 2
    today = [c for c in content.chapters if not chapters or c.id in chapters]
    scenes = {s for c in today for s in c.scenes}
    pause_ids = [step.id for sid in scenes if sid in content.story.scenes
                 for node in content.story.scenes[sid].nodes.values() for step in node.steps
                 if isinstance(step, Pause)]
    pauses: tuple[str, ...] | None
    if args.pauses == "all":
        pauses = None
    elif args.pauses == "none":
        pauses = ()
    else:
        pauses = tuple(p.strip() for p in args.pauses.split(",") if p.strip())
        for p in pauses:
            if p not in pause_ids:
                print(f"python main.py classroom new: error: no pause point '{p}' in today's chapters"
                      + (f"; {hint}" if (hint := did_you_mean(p, pause_ids)) else ""), file=err)
                return 2
    try:
        session = folder.create(chapters, pauses, args.survey, args.level, args.students_continue, args.music)
    except FolderError as exc:
        print(f"python main.py classroom new: {exc}", file=err)
        return 1
    on = len(pause_ids) if pauses is None else len(pauses)
    print(f"join code: {show_code(session.code)}", file=out)
    print(f"results folder: {folder.root}", file=out)
    print(f"chapters: {', '.join(c.id for c in today)}; pause points on: {on} of {len(pause_ids)}; "
          f"survey: {session.survey}; prompts for {session.level} students; "
          f"students {'may' if session.students_continue else 'may not'} go on from a pause by themselves; "
          f"music {'on' if session.music else 'off'}", file=out)
    print(f"students choose 'Join class' and type {show_code(session.code)}; "
          f"the teacher view: python main.py teacher --code {session.code}"
          + (f" --results {folder.root}" if args.results else ""), file=out)
    return 0


def _purge(folder: ClassFolder, args: argparse.Namespace, out, err) -> int:
    if args.older_than is not None:
        if args.older_than < 0:
            print("python main.py classroom purge: error: --older-than needs 0 or more days", file=err)
            return 2
        gone = folder.expire(args.older_than) if args.older_than > 0 else _all(folder)
        for code in gone:
            print(f"deleted the class session {show_code(code)}", file=out)
        if not gone:
            print(f"nothing older than {args.older_than} days in {folder.root}", file=out)
        return 0 if gone else 1
    if args.target is None:
        print("python main.py classroom purge: error: name a session (its folder or its join code), "
              "or use --older-than DAYS", file=err)
        return 2
    target = Path(args.target)
    if target.is_dir() and (target / "session.json").is_file():
        folder, code = ClassFolder(target.parent), target.name
    else:
        code = normalize_code(args.target)
    try:
        count = folder.purge(code)
    except (FolderError, OSError) as exc:
        print(f"python main.py classroom purge: {exc}", file=err)
        return 1
    print(f"deleted the class session {show_code(code)} and its {count} student file{'s' if count != 1 else ''}",
          file=out)
    return 0


def _all(folder: ClassFolder) -> list[str]:
    codes = [s.code for s in folder.sessions()]
    for code in codes:
        folder.purge(code)
    return codes
