"""`python main.py classroom new|list|purge`: class sessions from the command line (the same as the teacher's menu)."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from game.classroom.folder import ClassFolder, FolderError, normalize_code, results_root, show_code


def folder_for(args: argparse.Namespace, key=None) -> tuple[ClassFolder, int]:
    """The results folder of a command (--results, else the setting, else the user-data one) and the retention
    setting, which is applied whenever a teacher's command opens the folder."""
    from game.settings import load_settings

    data_dir = data_dir_of(args)
    settings = load_settings(data_dir)
    return ClassFolder(results_root(data_dir, settings.results_dir, args.results), key), settings.results_keep_days


def data_dir_of(args: argparse.Namespace) -> Path:
    from game.userdata import user_data_dir

    return args.data or user_data_dir()


def read_pin(prompt: str) -> str:
    """The PIN from the terminal without echo, or one line of standard input when a script pipes it in."""
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    line = sys.stdin.readline(64) if sys.stdin is not None else ""
    return line.strip()


def ask_key(args: argparse.Namespace, command: str, err):
    """The teacher's signing key, unlocked by the PIN typed now; None (and a line on ``err``) when it is not.

    `classroom new` and `teacher` ask for it because they speak as the teacher: the session file and every pause and
    resume are signed with this key. `classroom list` and `purge` do not: they sign nothing (docs/classroom.md)."""
    from game.classroom.pin import has_pin, unlock

    data_dir = data_dir_of(args)
    if not has_pin(data_dir):
        print(f"python main.py {command}: set a teacher PIN first (`python main.py classroom pin`, or For teachers "
              "in the game)", file=err)
        return None
    tried = unlock(data_dir, read_pin("Teacher PIN: "))
    if tried.key is None:
        print(f"python main.py {command}: that PIN is not right"
              + (f"; wait {max(1, round(tried.wait))} seconds before the next try" if tried.wait else ""), file=err)
    return tried.key


def run_classroom(args: argparse.Namespace, root: Path, out=None, err=None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    if args.action == "pin":
        return _pin(args, out, err)
    if args.action == "send":
        from game.classroom.lrs_cli import run_send

        return run_send(args, out, err)
    key = None
    if args.action == "new":
        key = ask_key(args, "classroom new", err)
        if key is None:
            return 1
    folder, keep_days = folder_for(args, key)
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
            when = datetime.fromtimestamp(s.created).strftime("%Y-%m-%d %H:%M")  # created is checked: 2020-2100
            students = len(folder.student_files(s.code))
            print(f"{show_code(s.code)}  {when}  {students} student{'s' if students != 1 else ''}  "
                  f"chapters: {', '.join(s.chapters) or 'all'}  survey: {s.survey}  registration: {s.registration}",
                  file=out)
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


def _pin(args: argparse.Namespace, out, err) -> int:
    """Choose the teacher PIN, or change it (the old one first: the key it guards is kept, so running sessions stay
    the teacher's)."""
    from game.classroom.pin import has_pin, set_pin, unlock, valid_pin

    data_dir = data_dir_of(args)
    key = None
    if has_pin(data_dir):
        tried = unlock(data_dir, read_pin("Current teacher PIN: "))
        if tried.key is None:
            print("python main.py classroom pin: that PIN is not right (forgotten? delete teacher.json in "
                  f"{data_dir} and choose a new one)", file=err)
            return 1
        key = tried.key
    first = read_pin("New teacher PIN (4-8 numbers): ")
    if not valid_pin(first):
        print("python main.py classroom pin: a PIN has 4 to 8 numbers", file=err)
        return 2
    if read_pin("The same PIN again: ") != first:
        print("python main.py classroom pin: the two PINs were not the same", file=err)
        return 2
    if set_pin(data_dir, first, key) is None:
        print(f"python main.py classroom pin: cannot write in {data_dir}", file=err)
        return 1
    print("the teacher PIN is set", file=out)
    return 0


def _all(folder: ClassFolder) -> list[str]:
    codes = [s.code for s in folder.sessions()]
    for code in codes:
        folder.purge(code)
    return codes
