"""The title backdrop is made by tools/make_title.py from the lane map; the committed picture must match it."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_title_backdrop_is_reproducible(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "make_title.py"), "--out", str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "title.png").read_bytes() == (ROOT / "assets" / "title.png").read_bytes()
