"""`python main.py …`: play (the default), check, stats, map, transcript. Exit codes: 0 ok, 1 problems found, 2 misuse."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game import __version__
from game.console import command_name


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1024x600") from None
    if not (320 <= w <= 7680 and 240 <= h <= 4320):
        raise argparse.ArgumentTypeError(f"'{text}' is outside 320x240 … 7680x4320")
    return w, h


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=command_name(),
        description="Small Acts — a narrative game about everyday choices. With no command, the game starts.",
    )
    parser.add_argument("--version", action="version", version=f"Small Acts {__version__}")
    parser.add_argument("--content", type=Path, default=None, metavar="DIR", help=CONTENT_HELP)
    _play_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    play = sub.add_parser("play", help="start the game (the default)", description="Start the game.")
    _play_options(play)
    check = sub.add_parser(
        "check", help="check the dialogue, maps and their cross-references",
        description="Check content and print every problem as path:line:col: error|warning: message. "
                    "Exit 0 when there are no errors, 1 when there are.")
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help="a project folder to check (default: this one), or files in it to report on")
    check.add_argument("--lang", default="en",
                       help="also check the translation of this language (dialogue/LANG/, then its parents): "
                            "missing, stale, orphaned, placeholders, too long (default: en, the source only)")
    check.add_argument("--json", action="store_true", help="print the problems as JSON")
    check.add_argument("--full", action="store_true",
                       help="play every path and measure every line again even when only words changed since the "
                            "last check (the path search's findings are otherwise kept for a story that plays the "
                            "same, and each line's fit in the dialogue box for a text measured before)")
    stats = sub.add_parser(
        "stats", help="count nodes, lines, choices, words and reachable endings per scene",
        description="Print, per scene (grouped by chapter), the number of nodes, lines, decision points, options, "
                    "endings declared and reachable (by playing every path), words, the longest line and the "
                    "Flesch-Kincaid grade of the English text. Exit 0, or 1 when the content has errors.")
    stats.add_argument("root", nargs="?", default=None, metavar="PATH",
                       help="a project folder (default: this one)")
    stats.add_argument("--lang", default="en", help="language folder under dialogue/ (default: en)")
    stats.add_argument("--json", action="store_true", help="print the numbers as JSON")
    stats.add_argument("--max-states", type=int, default=None, metavar="N",
                       help="how many story states the path search may explore per chapter (default: 20000, about "
                            "a minute on a lab PC; fewer is faster, and the notes say when the search stopped early)")
    new_scene = sub.add_parser(
        "new-scene", help="make a new scene from a template: map, dialogue, and an entry in scenes/game.yaml",
        description="Write scenes/NAME/scene.yaml, scenes/NAME/NAME.tmx (a small furnished room with Meera in it) "
                    "and dialogue/en/NAME.yaml (a commented template conversation), and add NAME to a chapter in "
                    "scenes/game.yaml. Exit 0, or 2 when NAME is not a valid, unused id.")
    new_scene.add_argument("name", metavar="NAME", help="the new scene's id, e.g. park (lower-case, a-z 0-9 _)")
    new_scene.add_argument("--chapter", default=None, metavar="CHAPTER",
                           help="the chapter to add it to (default: the last one in scenes/game.yaml)")
    story_map = sub.add_parser(
        "map", help="draw the branching story of a chapter or scene (.html, .svg or .dot)",
        description="Write the story graph: nodes (id and first line), goto/call/fallback/option edges with their "
                    "conditions, endings, the map objects that start each node, and nodes no player can reach. "
                    "The format comes from the file name: .html (one self-contained page), .svg or .dot (Graphviz). "
                    "Exit 0 written, 1 when the content has errors, 2 on misuse.")
    story_map.add_argument("target", nargs="?", default=None, metavar="SCENE",
                           help="a scene id or a chapter id (default: every scene of the first chapter)")
    story_map.add_argument("-o", "--output", type=Path, required=True, metavar="FILE",
                           help="where to write: map.html, map.svg or map.dot")
    story_map.add_argument("--no-play", action="store_true",
                           help="mark unreachable nodes from the graph alone, without playing the story (faster)")
    transcript = sub.add_parser(
        "transcript", help="print the dialogue of one path through the story, for proofreading",
        description="Play one path and print it as plain text: 'Speaker: text' lines, numbered options with the "
                    "chosen one marked, '[end: title]' at an ending. Stops at an ending, when no choice is left to "
                    "make, or after 500 steps. Exit 0, 1 when the content has errors, 2 on misuse or a bad choice.")
    transcript.add_argument("target", nargs="?", default=None, metavar="SCENE_OR_NODE",
                            help="a chapter, a scene, or a node (scene.node) to start at (default: the first "
                                 "chapter's intro, then its conversations in map order)")
    transcript.add_argument("--lang", default="en", help="language folder under dialogue/ (default: en)")
    transcript.add_argument("--choices", default="", metavar="N,N,…",
                            help="the options to pick, in order, 1-based, e.g. 1,3,2")
    transcript.add_argument("--seed", type=int, default=None, metavar="N",
                            help="after --choices run out, pick options (and conversations) at random")
    transcript.add_argument("--ids", action="store_true", help="show each line's id in front of it")
    playtest = sub.add_parser(
        "playtest", help="a bot plays every chapter the way a student alone would, headless",
        description="The guided playtest: a bot plays the real game (headless, with a fake clock) using only what the "
                    "screen offers a student — the goal's marker, the lines and the options as shown (picked by "
                    "seed). Per chapter it prints how many games finished, the steps taken and where it got stuck. "
                    "Exit 0 when every chapter finished on every seed with no stuck point, 1 otherwise, 2 on misuse.")
    playtest.add_argument("--guided", action="store_true", required=True,
                          help="follow the goals on screen (the only kind of playtest there is)")
    playtest.add_argument("--seeds", type=int, default=10, metavar="N", help="how many games to play (default 10)")
    playtest.add_argument("--first-seed", type=int, default=1, metavar="N", help="the first seed (default 1)")
    playtest.add_argument("--chapters", type=int, default=None, metavar="N",
                          help="play only the first N chapters (default: all)")
    playtest.add_argument("--json", action="store_true", help="print the result as JSON")
    from game.i18n.parser import add_parser as add_i18n

    add_i18n(sub)
    from game.classroom.commands import add_parsers as add_classroom

    add_classroom(sub)
    _content_parser(sub)
    _add_content_option(sub)
    return parser


def _add_content_option(sub) -> None:
    """`--content DIR` before or after a command and its action (`small-acts i18n new hi --content X`)."""
    for command in sub.choices.values():
        command.add_argument("--content", type=Path, default=argparse.SUPPRESS, metavar="DIR", help=CONTENT_HELP)
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                _add_content_option(action)


CONTENT_HELP = ("the facilitators' content folder: its files replace the shipped ones of the same path "
                "(default: the content_dir setting, the SMALL_ACTS_CONTENT variable, or content/ in the user-data "
                "folder; in a checkout, the checkout itself)")


def _content_parser(sub) -> None:
    content = sub.add_parser(
        "content", help="the facilitators' content folder: where it is, what it changes, copy a file into it",
        description="Your own dialogue, maps and pictures live in a content folder apart from the program; each file "
                    "there replaces the shipped file of the same path. Exit 0, 1 when a file cannot be copied, "
                    "2 on misuse.")
    actions = content.add_subparsers(dest="content_command", metavar="ACTION", required=True)
    actions.add_parser("where", help="print the content folder and where the shipped content is")
    actions.add_parser("list", help="list the files of the content folder and whether each replaces a shipped one")
    copy = actions.add_parser("copy", help="copy shipped files into the content folder, to change them there")
    copy.add_argument("files", nargs="+", metavar="FILE", help="e.g. dialogue/hi/home.yaml")
    copy.add_argument("--force", action="store_true", help="replace your own copy with the shipped file")


def _play_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", default=None, help="language of the game (default: the saved setting, or en)")
    p.add_argument("--fullscreen", action="store_true", default=None, help="start in full screen")
    p.add_argument("--size", type=_size, default=None, metavar="WxH", help="window size, e.g. 1024x600")
    p.add_argument("--data", type=Path, default=None, metavar="DIR",
                   help="folder for the autosave and settings (default: the user-data folder)")
    p.add_argument("--screenshot", type=Path, default=None, metavar="OUT.png",
                   help="render headless, save a picture and exit")
    p.add_argument("--scene", default="title", metavar="ID",
                   help="with --screenshot: title, a scene (home), or a scene's node (home.meera)")
    p.add_argument("--map", type=Path, default=None, metavar="PATH.tmx",
                   help="walk around any orthogonal Tiled map (no story; people there do not talk)")
    p.add_argument("--frames", type=int, default=90, metavar="N", help="with --screenshot: frames to run first")
    p.add_argument("--keys", default="", metavar="K,K",
                   help="with --screenshot: keys to press first, e.g. right,right,space")
    p.add_argument("--results", type=Path, default=None, metavar="DIR",
                   help="class sessions: the results folder for this run (a lab's shared folder); the setting "
                        "results_dir keeps one for every run")
    p.add_argument("--dev", action="store_true",
                   help="for authors: F5 reloads changed dialogue and maps in place, F6 jumps to any node")
    p.add_argument("--bench-first-frame", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--text-scale", type=float, default=None, choices=(1.0, 1.25, 1.5, 2.0),
                   help="text size (1.0, 1.25, 1.5, 2.0)")
    p.add_argument("--theme", default=None, choices=("standard", "high_contrast"),
                   help="colours for this run, e.g. for screenshots (default: the saved setting)")
    p.add_argument("--font", default=None, choices=("standard", "legible"),
                   help="font for this run: legible is Atkinson Hyperlegible (default: the saved setting)")
    p.add_argument("--line-spacing", type=float, default=None, choices=(1.0, 1.25, 1.5),
                   help="space between lines for this run (1.0, 1.25, 1.5; default: the saved setting)")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from game.contentdir import open_root, write_back

    place = _place(args)
    if args.command == "content":
        from game.contentdir import run_content

        return run_content(args, place)
    writing = args.command == "new-scene" or (args.command == "i18n" and args.i18n_command in ("new", "import"))
    try:
        root = open_root(place, writing=writing)
    except OSError as exc:
        print(f"{command_name()}: error: the content folder {place.own} cannot be used: {exc}", file=sys.stderr)
        return 1
    code = _run(args, root)
    if writing:
        written = write_back(root)
        if written:
            print(f"written into your content folder {place.own}:")
            for path in written:
                print(f"  {path}")
    return code


def _place(args: argparse.Namespace):
    """Where the content comes from and where facilitators edit it (game/contentdir.py)."""
    from game.contentdir import choose_place
    from game.settings import load_settings
    from game.userdata import user_data_dir

    option = getattr(args, "content", None)
    setting = ""
    if option is None:
        try:
            setting = load_settings(getattr(args, "data", None) or user_data_dir()).content_dir
        except Exception:  # noqa: BLE001 - an unreadable settings file never stops a command
            setting = ""
    return choose_place(option, setting)


def _run(args: argparse.Namespace, root: Path) -> int:
    if args.command == "check":
        from game.check import run_check

        return run_check(args.paths, args.lang, args.json, root, full=args.full)
    if args.command == "stats":
        from game.stats import run_stats

        return run_stats(args.root, args.lang, args.json, root, max_states=args.max_states)
    if args.command == "map":
        from game.storymap import run_map

        return run_map(args.target, args.output, root, play=not args.no_play)
    if args.command == "playtest":
        from game.playtest import run_playtest

        return run_playtest(args.guided, args.seeds, args.first_seed, args.json, args.chapters, root=root)
    if args.command == "transcript":
        from game.transcript import run_transcript

        return run_transcript(args.target, args.lang, args.choices, args.seed, root, show_ids=args.ids)
    if args.command == "new-scene":
        from game.newscene import run_new_scene

        return run_new_scene(args.name, args.chapter, root)
    if args.command in ("classroom", "teacher", "report", "guide"):
        from game.classroom.commands import run as run_classroom

        return run_classroom(args, root)
    if args.command == "i18n":
        from game.i18n.commands import run_i18n

        return run_i18n(args, root)
    from game.play import play

    return play(args, root)


def run_main() -> None:  # console script entry point
    from game.console import entry

    sys.exit(entry())
