"""The terminal side of every command: UTF-8 output, the command's name as the user types it, missing packages.

Called once by each entry point (``main.py``, the ``small-acts`` script, the one-folder build), never at import time
and never by tests that call ``game.cli.main`` directly.

- Windows writes redirected output in the local code page (cp1252, …), where Devanagari cannot be written:
  ``i18n status > s.txt`` crashed. Both streams are switched to UTF-8, which every editor opens.
- Hints say ``python main.py check`` in a checkout; installed, the user types ``small-acts check``, and a one-folder
  build has its own name. Rather than every screen and command knowing how it was started, the streams rename the
  command in what they write (``as_run`` does the same for text shown in a window).
- A missing package (a Python with PyYAML but not pytmx) is reported once, as exactly that, before anything tries to
  load a map and blames the map for it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import TextIO

CHECKOUT_COMMAND = "python main.py"
APP_NAME = "small-acts"
# import name -> the name pip knows it by
REQUIRED = {"yaml": "PyYAML", "pytmx": "pytmx", "pygame": "pygame"}


def command_name() -> str:
    """How the user runs the game here: the one-folder build's own name, `python main.py` in a checkout, else the
    installed script."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).stem
    from game.paths import checkout_root

    return CHECKOUT_COMMAND if checkout_root() is not None else APP_NAME


def as_run(text: str, name: str | None = None) -> str:
    """``text`` with the checkout's command replaced by the one the user types."""
    name = name or command_name()
    return text if name == CHECKOUT_COMMAND else text.replace(CHECKOUT_COMMAND, name)


class _Renaming:
    """A text stream that writes through ``as_run``; everything else is the wrapped stream's."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self._stream = stream
        self._name = name

    def write(self, text: str) -> int:
        self._stream.write(as_run(text, self._name))
        return len(text)

    def __getattr__(self, attr: str):  # noqa: ANN204 - flush, fileno, encoding, isatty, buffer, …
        return getattr(self._stream, attr)


def setup_streams() -> None:
    """UTF-8 on both standard streams (a windowed app may have none), and the command renamed in them."""
    name = command_name()
    for attr in ("stdout", "stderr"):
        stream = getattr(sys, attr)
        if stream is None:
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
            try:
                reconfigure(encoding="utf-8", errors="backslashreplace")
            except (OSError, ValueError):
                pass
        if name != CHECKOUT_COMMAND:
            setattr(sys, attr, _Renaming(stream, name))


def missing_packages() -> list[str]:
    """pip names of the required packages this Python cannot import."""
    out = []
    for module, package in REQUIRED.items():
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):  # a broken install, or the module blocked in sys.modules
            found = False
        if not found:
            out.append(package)
    return out


def report_missing(missing: list[str], err: TextIO | None = None) -> None:
    err = err or sys.stderr
    names = ", ".join(missing)
    what = "package is" if len(missing) == 1 else "packages are"
    print(f"{command_name()}: error: the Python {what} not installed: {names}. Install with  "
          f"python -m pip install {' '.join(missing)}  (or reinstall Small Acts, which brings them along)", file=err)


def entry(argv: list[str] | None = None) -> int:
    """Everything an entry point does: streams, the dependency check, then the command."""
    setup_streams()
    missing = missing_packages()
    if missing:
        report_missing(missing)
        return 1
    from game.startup import spare_numpy, spare_pkg_resources

    spare_pkg_resources()
    spare_numpy()
    from game.cli import main

    return main(argv)
