"""The command line of class sessions: classroom new/list/purge, teacher, report, guide. Only argparse here, so the
game's start-up does not pay for what these commands import."""

from __future__ import annotations

import argparse
from pathlib import Path

COMMANDS = ("classroom", "teacher", "report", "guide")


def add_parsers(sub) -> None:
    classroom = sub.add_parser(
        "classroom", help="start a class session, list sessions, delete a class's data",
        description="Class sessions: a join code for the students, today's chapters, pause points, the survey. "
                    "Results go to the results folder (the setting, or --results DIR).")
    csub = classroom.add_subparsers(dest="action", metavar="ACTION", required=True)
    new = csub.add_parser("new", help="start a class session and print its join code",
                          description="Write a new session into the results folder and print the code students "
                                      "type after choosing 'Join class'. Exit 0, 1 when the folder cannot be "
                                      "written, 2 on misuse.")
    _results(new)
    new.add_argument("--chapters", default="", metavar="ID,ID",
                     help="the chapters for today, in order (default: all)")
    new.add_argument("--pauses", default="all", metavar="all|none|ID,ID",
                     help="which pause points stop the class (default: all of today's chapters)")
    new.add_argument("--survey", choices=("pre", "post", "both", "none"), default="both",
                     help="when the short survey runs (default: both, before and after)")
    new.add_argument("--level", choices=("younger", "older"), default="younger",
                     help="which discussion prompts students see (default: younger, about 12-13)")
    new.add_argument("--students-continue", action="store_true",
                     help="let students go on from a pause point without waiting for the teacher")
    new.add_argument("--music", action="store_true",
                     help="play the chapter music on the students' PCs (default: quiet in a class session)")
    pin = csub.add_parser("pin", help="choose or change the teacher PIN (it unlocks the key that signs sessions)",
                          description="Asks for the current PIN (if there is one), then the new one twice. Exit 0 "
                                      "set, 1 wrong PIN or cannot write, 2 on misuse.")
    pin.add_argument("--data", type=Path, default=None, metavar="DIR", help=argparse.SUPPRESS)
    send = csub.add_parser("send", help="send class results to the school's learning record store (xAPI)",
                           description="Queue every statement under the folders and post it to the store in batches. "
                                       "Run it again any time: a statement the store holds is never stored twice. "
                                       "The password comes from the settings (lrs_password) or SMALL_ACTS_LRS_PASSWORD."
                                       " Exit 0 all sent, 1 some still queued, 2 on misuse.")
    send.add_argument("dirs", nargs="+", type=Path, metavar="DIR", help="results folders or session folders")
    send.add_argument("--lrs", default=None, metavar="URL", help="the store's xAPI endpoint (default: the setting)")
    send.add_argument("--lrs-user", default=None, metavar="USER", help="the store's user (default: the setting)")
    send.add_argument("--batch", type=int, default=50, help=argparse.SUPPRESS)
    send.add_argument("--tries", type=int, default=5, help=argparse.SUPPRESS)
    send.add_argument("--data", type=Path, default=None, metavar="DIR", help=argparse.SUPPRESS)
    listing = csub.add_parser("list", help="list the sessions in the results folder")
    _results(listing)
    purge = csub.add_parser("purge", help="delete one class session's data, or every session older than N days",
                            description="Delete a class session's folder and every student file in it. "
                                        "Exit 0 deleted, 1 nothing to delete, 2 on misuse.")
    purge.add_argument("target", nargs="?", default=None, metavar="DIR_OR_CODE",
                       help="a session folder (results/482913), or a join code in the results folder")
    _results(purge)
    purge.add_argument("--older-than", type=int, default=None, metavar="DAYS",
                       help="instead: delete every session in the results folder older than DAYS days")

    teacher = sub.add_parser("teacher", help="the live teacher view, for the projector",
                             description="Students joined, where they are, how the class chose (hidden until you "
                                         "reveal it), pause all / resume all.")
    _results(teacher)
    teacher.add_argument("--code", default=None, help="the session (default: the newest in the results folder)")
    teacher.add_argument("--lang", default=None, help="language of the view (default: the saved setting)")
    teacher.add_argument("--size", default=None, metavar="WxH", help="window size, e.g. 1280x720")
    teacher.add_argument("--screenshot", type=Path, default=None, metavar="OUT.png",
                         help="render headless, save a picture and exit")

    report = sub.add_parser(
        "report", help="merge class results into one HTML report (and CSV)",
        description="Merge the results files of one or many classes (a results folder, session folders, or files "
                    "gathered from USB sticks): how the class chose at each decision, and the survey before and "
                    "after. Groups smaller than 5 students are hidden. Exit 0 written, 1 nothing to report, "
                    "2 on misuse.")
    report.add_argument("dirs", nargs="*", type=Path, metavar="DIR", help="folders (or .jsonl files) to merge")
    report.add_argument("--lrs", default=None, metavar="URL",
                        help="also read classes from a learning record store (xAPI endpoint); with --registration")
    report.add_argument("--registration", action="append", default=None, metavar="UUID",
                        help="a class session to read from the store (repeat for more classes)")
    report.add_argument("--lrs-user", default=None, metavar="USER", help="the store's user (default: the setting)")
    report.add_argument("--data", type=Path, default=None, metavar="DIR", help=argparse.SUPPRESS)
    report.add_argument("-o", "--output", type=Path, default=Path("report.html"), metavar="FILE",
                        help="the HTML report (default: report.html)")
    report.add_argument("--csv", type=Path, default=None, metavar="FILE", help="also write the numbers as CSV")
    report.add_argument("--lang", default="en", help="language of the report (default: en)")

    guide = sub.add_parser(
        "guide", help="write the facilitator guide (one HTML file that prints well)",
        description="For each chapter: its goal, a 40-45 minute lesson plan, the pause-point and debrief questions "
                    "at both levels, what the choices mean, and the help card. Exit 0 written, 1 when the content "
                    "has errors, 2 on misuse.")
    guide.add_argument("--lang", default="en", help="language of the guide (default: en)")
    guide.add_argument("-o", "--output", type=Path, default=Path("guide.html"), metavar="FILE",
                       help="where to write (default: guide.html)")


def _results(p: argparse.ArgumentParser) -> None:
    p.add_argument("--results", type=Path, default=None, metavar="DIR",
                   help="the results folder (default: the one in the settings, else results/ in the user-data "
                        "folder)")
    p.add_argument("--data", type=Path, default=None, metavar="DIR", help=argparse.SUPPRESS)


def run(args: argparse.Namespace, root: Path) -> int:
    if args.command == "report":
        from game.classroom.report import run_report

        return run_report(args, root)
    if args.command == "guide":
        from game.classroom.guide import run_guide

        return run_guide(args, root)
    if args.command == "teacher":
        from game.classroom.teacher_cli import run_teacher

        return run_teacher(args, root)
    from game.classroom.session_cli import run_classroom

    return run_classroom(args, root)
