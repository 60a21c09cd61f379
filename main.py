"""Small Acts. `python main.py --help` lists what it can do."""

import sys

from game.console import entry

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # The lab build starts a report's worker processes (game.classroom.workers) as this very program: here they
        # become workers instead of running a command. Only there: a checkout's start-up is spared the import.
        from multiprocessing import freeze_support

        freeze_support()
    sys.exit(entry())  # UTF-8 streams, missing packages, pygame without pkg_resources, then the command
