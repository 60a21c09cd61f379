"""Small Acts. `python main.py --help` lists what it can do."""

import sys

from game.console import entry

if __name__ == "__main__":
    sys.exit(entry())  # UTF-8 streams, missing packages, pygame without pkg_resources, then the command
