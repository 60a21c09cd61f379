"""Small Acts. `python main.py --help` lists what it can do."""

import sys

from game.startup import spare_pkg_resources

if __name__ == "__main__":
    spare_pkg_resources()
    from game.cli import main

    sys.exit(main())
