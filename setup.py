"""Packaging hook: the shipped content goes into the wheel as the package ``small_acts_data``.

The repository keeps its layout (scenes/, assets/, dialogue/, schemas/ at the top, where facilitators, tests and tools
expect them); only the built wheel gathers them under one package, so an installed game finds them with
importlib.resources wherever pip put it. Everything else is in pyproject.toml. See docs/architecture.md, "Packaging".
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA_PACKAGE = "small_acts_data"
SHIPPED = ("scenes", "assets", "dialogue", "schemas")


class BuildWithContent(build_py):
    """build_py that also copies the content folders into build/lib/small_acts_data/ (skipped for editable installs:
    a checkout reads its own folders, see game/paths.py)."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        here = Path(__file__).resolve().parent
        target = Path(self.build_lib) / DATA_PACKAGE
        self.mkpath(str(target))
        init = target / "__init__.py"
        init.write_text('"""The content Small Acts ships with (made from the repository by setup.py)."""\n', "utf-8")
        for folder in SHIPPED:
            for src in sorted((here / folder).rglob("*")):
                if src.is_file() and "__pycache__" not in src.parts and not src.name.startswith("."):
                    dest = target / src.relative_to(here)
                    self.mkpath(str(dest.parent))
                    self.copy_file(str(src), str(dest), preserve_mode=False)


setup(cmdclass={"build_py": BuildWithContent})
