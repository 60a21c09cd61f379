"""Build the offline one-folder game for a school lab, for the platform this runs on (PyInstaller).

    python -m pip install -e '.[build]'
    python tools/build_lab.py                 # -> dist/lab/small-acts/  (copy this folder to the lab PCs)
    python tools/build_lab.py --check         # and then prove it works from a path with a space and 'ä' in it

On Windows run the same commands (``py -3 tools\\build_lab.py``) on a Windows PC: PyInstaller cannot build for another
platform. The folder holds the program, Python, pygame and the shipped content (as ``small_acts_data``, the same
package the wheel has), needs nothing installed and no internet. Facilitators' own files go into the content folder in
the user-data folder (or ``--content DIR`` / ``SMALL_ACTS_CONTENT``), never into this folder. See docs/lab.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "small-acts"
DATA_PACKAGE = "small_acts_data"
SHIPPED = ("scenes", "assets", "dialogue", "schemas")
# Never used by the game; PyInstaller would otherwise follow optional imports of pygame and the standard library and
# add tens of MB (numpy alone is about 30 MB).
EXCLUDE = ("tkinter", "numpy", "unittest", "pydoc", "test", "pytest", "hypothesis", "jsonschema", "setuptools", "pip")


def build(out: Path) -> Path:
    """Run PyInstaller; return the built folder."""
    try:
        import PyInstaller.__main__ as pyinstaller
    except ImportError:
        sys.exit("build_lab: PyInstaller is not installed: python -m pip install -e '.[build]'")
    work = out / "work"
    args = [str(ROOT / "main.py"), "--name", NAME, "--onedir", "--noconfirm", "--clean", "--log-level", "WARN",
            "--distpath", str(out), "--workpath", str(work), "--specpath", str(work),
            # screens and commands are imported where they are used (start-up stays fast), so name them all
            "--collect-submodules", "game"]
    for folder in SHIPPED:
        args += ["--add-data", f"{ROOT / folder}{os.pathsep}{DATA_PACKAGE}/{folder}"]
    for module in EXCLUDE:
        args += ["--exclude-module", module]
    if sys.platform.startswith("win"):
        # One program for both uses: double-clicked, its console window is hidden at once; started from a command
        # prompt (small-acts check), it writes there.
        args += ["--hide-console", "hide-early"]
    pyinstaller.run(args)
    shutil.rmtree(work, ignore_errors=True)
    return out / NAME


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def check(built: Path) -> list[str]:
    """Copy the build to a folder whose path has a space and a non-ASCII letter, and run what a lab needs there:
    check, the title and a Hindi dialogue as pictures, and new-scene (which must write only into the content
    folder). Returns the failures (empty: all good)."""
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        lab = Path(tmp) / "Lab PC – Kärnten" / NAME
        shutil.copytree(built, lab, symlinks=True)
        exe = lab / (NAME + (".exe" if sys.platform.startswith("win") else ""))
        data = Path(tmp) / "user data ü"
        elsewhere = Path(tmp) / "another folder"
        elsewhere.mkdir()
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "SMALL_ACTS_CONTENT")}
        env.update({"SMALL_ACTS_DATA": str(data), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"})
        before = sorted(p.relative_to(lab).as_posix() for p in lab.rglob("*"))

        def run(*args: str) -> subprocess.CompletedProcess:
            return subprocess.run([str(exe), *args], cwd=elsewhere, env=env, capture_output=True, text=True,
                                  encoding="utf-8", errors="replace", timeout=300)

        steps = [("check", ["check"], lambda d: "no problems" in d.stdout),
                 ("title picture", ["--screenshot", str(elsewhere / "title.png")],
                  lambda d: (elsewhere / "title.png").stat().st_size > 10_000),
                 ("Hindi dialogue picture", ["--screenshot", str(elsewhere / "hindi.png"), "--scene", "home.meera",
                                             "--lang", "hi"],
                  lambda d: (elsewhere / "hindi.png").stat().st_size > 10_000),
                 ("new-scene park", ["new-scene", "park"],
                  lambda d: (data / "content" / "scenes" / "park" / "park.tmx").is_file()
                  and f"{NAME} check" in d.stdout),
                 ("check with the new scene", ["check"], lambda d: "no problems" in d.stdout)]
        for label, args, ok in steps:
            start = time.perf_counter()
            done = run(*args)
            took = time.perf_counter() - start
            good = done.returncode == 0 and ok(done)
            print(f"  {'ok  ' if good else 'FAIL'} {label} ({took:.1f} s)")
            if not good:
                failures.append(f"{label}: exit {done.returncode}\n{done.stdout}\n{done.stderr}")
        after = sorted(p.relative_to(lab).as_posix() for p in lab.rglob("*"))
        if after != before:
            failures.append("the program folder changed: " + ", ".join(sorted(set(after) ^ set(before))[:5]))
        if (elsewhere / "scenes").exists():
            failures.append("new-scene wrote into the current folder")
        for picture in ("title.png", "hindi.png"):
            if (elsewhere / picture).is_file():
                shutil.copy(elsewhere / picture, built.parent / picture)  # to look at after the run
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/build_lab.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "lab", metavar="DIR",
                        help="where the folder is made (default: dist/lab)")
    parser.add_argument("--check", action="store_true",
                        help="then run check, two pictures and new-scene from a copy in a path with a space and 'ä'")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    built = build(args.out.resolve())
    took = time.perf_counter() - start
    print(f"built {built} in {took:.0f} s: {folder_size(built) / 1e6:.0f} MB, "
          f"{sum(1 for p in built.rglob('*') if p.is_file())} files")
    if not args.check:
        return 0
    failures = check(built)
    for failure in failures:
        print(failure, file=sys.stderr)
    print("all checks passed" if not failures else f"{len(failures)} checks failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
