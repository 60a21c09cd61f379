"""Look at an HTML page as a picture: headless Chromium takes a full-page screenshot and, with --pdf, prints the page
to PDF (through its print stylesheet) and renders every PDF page to PNG, so a person can check both.

    .venv/bin/python tools/html_shot.py report.html report.png
    .venv/bin/python tools/html_shot.py guide.html guide.png --pdf guide.pdf --width 1024

  IN.html         the page (opened as a file:// URL, so it must not need a server)
  OUT.png         the screenshot, as tall as the page: Chromium renders into a window --width wide and --max-height
                  tall, and the empty band below the page (rows of the bottom row's colour) is cut off. A page taller
                  than --max-height is cut there, with a warning.
  --pdf OUT.pdf   also print to PDF (A4 unless the page's @page says otherwise, no header or footer), and write each
                  page as OUT-1.png, OUT-2.png … beside it (pdftoppm, --dpi, default 60: enough to judge the layout).

Needs /usr/bin/chromium (`apt-get install -y chromium`) and, for --pdf, pdftoppm (`apt-get install -y poppler-utils`).
Exit 0 written, 1 when Chromium or pdftoppm fails, 2 on misuse. Prints the files it wrote.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-sync",
         "--disable-background-networking", "--disable-component-update", "--force-device-scale-factor=1",
         "--run-all-compositor-stages-before-draw", "--virtual-time-budget=5000")  # fonts load before the shot
TIMEOUT = 80  # seconds for one try; a page takes a few
TRIES = 2


def chromium(page: Path, *flags: str, writes: Path | None = None) -> subprocess.CompletedProcess:
    """Run headless Chromium on ``page``. Now and then it never exits, with or without having written its file (seen
    once in CI, on a slow machine): it is then stopped, with every process it started, and run once more with a fresh
    profile. A file ``writes`` names that it wrote before it hung is kept."""
    command: list[str] = []
    for _ in range(TRIES):
        with tempfile.TemporaryDirectory(prefix="html-shot-") as profile:
            command = [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *flags, page.resolve().as_uri()]
            proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                    start_new_session=True)
            try:
                out, err = proc.communicate(timeout=TIMEOUT)
                return subprocess.CompletedProcess(command, proc.returncode, out, err)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)  # its renderer and GPU processes too
                proc.communicate()
            if writes is not None and writes.is_file() and writes.stat().st_size > 0:
                return subprocess.CompletedProcess(command, 0, "", "")
    return subprocess.CompletedProcess(command, 1, "", f"Chromium did not finish in {TIMEOUT} s, {TRIES} times")


def trim(png: Path, margin: int = 24) -> tuple[int, bool]:
    """Cut the empty band below the page; (height kept, whether the page filled the whole window)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    image = pygame.image.load(str(png))
    width, height = image.get_size()
    background = image.get_at((width - 1, height - 1))
    # Every pixel that is not the background colour; its lowest row is where the page ends.
    mask = pygame.mask.from_threshold(image, background, (2, 2, 2, 255))
    mask.invert()
    rects = mask.get_bounding_rects()
    bottom = max((r.bottom for r in rects), default=height)
    keep = min(height, bottom + margin)
    if keep < height:
        pygame.image.save(image.subsurface((0, 0, width, keep)).copy(), str(png))
    return keep, bottom >= height - 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Screenshot an HTML page (and print it to PDF) with headless "
                                                 "Chromium.")
    parser.add_argument("page", type=Path, metavar="IN.html")
    parser.add_argument("png", type=Path, metavar="OUT.png")
    parser.add_argument("--pdf", type=Path, default=None, metavar="OUT.pdf", help="also print to PDF, pages as PNG")
    parser.add_argument("--width", type=int, default=1280, help="window width in CSS pixels (default 1280)")
    parser.add_argument("--max-height", type=int, default=16000, help="tallest screenshot (default 16000)")
    parser.add_argument("--dpi", type=int, default=60, help="resolution of the PDF page pictures (default 60)")
    args = parser.parse_args(argv)
    if not args.page.is_file():
        parser.error(f"there is no file {args.page}")
    if not CHROMIUM.exists():
        print(f"html_shot: {CHROMIUM} is missing: apt-get install -y chromium", file=sys.stderr)
        return 1
    if args.pdf is not None and shutil.which("pdftoppm") is None:
        print("html_shot: pdftoppm is missing: apt-get install -y poppler-utils", file=sys.stderr)
        return 1
    args.png.parent.mkdir(parents=True, exist_ok=True)
    args.png.unlink(missing_ok=True)
    done = chromium(args.page, f"--screenshot={args.png.resolve()}", f"--window-size={args.width},{args.max_height}",
                    writes=args.png)
    if not args.png.is_file():
        print(f"html_shot: Chromium wrote no screenshot:\n{done.stderr[-2000:]}", file=sys.stderr)
        return 1
    height, full = trim(args.png)
    print(f"{args.png} ({args.width}×{height})")
    if full:
        print(f"html_shot: warning: the page is taller than {args.max_height} px; the picture shows its top "
              "(use --max-height)", file=sys.stderr)
    if args.pdf is None:
        return 0
    args.pdf.parent.mkdir(parents=True, exist_ok=True)
    args.pdf.unlink(missing_ok=True)
    done = chromium(args.page, f"--print-to-pdf={args.pdf.resolve()}", "--no-pdf-header-footer",
                    "--print-to-pdf-no-header", writes=args.pdf)
    if not args.pdf.is_file():
        print(f"html_shot: Chromium wrote no PDF:\n{done.stderr[-2000:]}", file=sys.stderr)
        return 1
    stem = args.pdf.with_suffix("")
    for old in stem.parent.glob(f"{stem.name}-*.png"):
        old.unlink()
    done = subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), str(args.pdf), str(stem)],
                          capture_output=True, text=True, timeout=TIMEOUT, check=False)
    pages = sorted(stem.parent.glob(f"{stem.name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    if done.returncode != 0 or not pages:
        print(f"html_shot: pdftoppm failed:\n{done.stderr[-2000:]}", file=sys.stderr)
        return 1
    print(f"{args.pdf} ({len(pages)} pages): {', '.join(p.name for p in pages)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
