"""What a start does before pygame is imported."""

from __future__ import annotations

import sys


def spare_pkg_resources() -> None:
    """pygame 2.6's pkgdata imports setuptools' pkg_resources when it is installed (79 of the 109 ms `import pygame`
    takes on a lab PC), only to find pygame's own default font and icon. The game ships its fonts and sets its own icon,
    and pkgdata reads plain files without it, so it is marked absent before pygame loads. Never when something has
    imported it already (a test runner's plugin): nothing is taken away from code that uses it."""
    if "pygame" not in sys.modules:
        sys.modules.setdefault("pkg_resources", None)  # type: ignore[arg-type]


def spare_numpy() -> None:
    """pygame imports its surfarray module at start, and surfarray imports numpy when numpy is installed (a developer's
    venv with the tools extra has it: about 120 ms of every start). The game draws with Surfaces only and never uses
    surfarray or sndarray, and the lab build leaves numpy out (tools/build_lab.py); so, as for pkg_resources, numpy is
    marked absent before pygame loads, and pygame makes surfarray a stub that says numpy is missing. Never when
    pygame or numpy is loaded already."""
    if "pygame" not in sys.modules:
        sys.modules.setdefault("numpy", None)  # type: ignore[arg-type]
