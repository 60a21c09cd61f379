"""Test set-up: headless SDL before anything imports pygame."""

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
# `check` keeps its findings in the user's cache folder (game/checkcache.py): the tests (and the commands they start)
# use one of their own, so a developer's cache never decides a result.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="small-acts-tests-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], True)

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


import pytest  # noqa: E402

# A test that loops forever (a screen that stopped taking the key a driver presses) must fail, not hold the whole run
# until CI's own limit kills it with no report. Generous: the slowest ordinary test takes well under a minute.
TEST_SECONDS = 300
SLOW_TEST_SECONDS = 1200


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    import signal
    import threading

    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return
    limit = SLOW_TEST_SECONDS if item.get_closest_marker("slow") or item.get_closest_marker("soak") else TEST_SECONDS

    def over(signum, frame):
        raise TimeoutError(f"{item.nodeid} ran over {limit} s: a loop that never ends?")

    previous = signal.signal(signal.SIGALRM, over)
    signal.alarm(limit)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="session")
def display():
    """The one game window for the whole test run, at the logical size (1280×720)."""
    import pygame

    from game.ui.display import Display

    pygame.display.init()
    pygame.font.init()
    return Display()


@pytest.fixture(scope="session")
def content(display):
    """The shipped content in English, loaded once for the whole run (it is immutable)."""
    from game.content import load_content
    from game.paths import project_root

    loaded, problems, _ = load_content(project_root())
    assert loaded is not None, [p.format() for p in problems]
    return loaded


@pytest.fixture(scope="session")
def checked_once(tmp_path_factory):
    """A user data folder as one `check` of a copy of the shipped project leaves it. Its cache holds the path search's
    findings for the shipped story (game/checkcache.py): playing every chapter takes seconds, so it is done once per
    test process, and tests about something else start from these findings (``searched_before``)."""
    import io

    from game.check import run_check

    project = tmp_path_factory.mktemp("checked") / "p"
    for name in ("scenes", "dialogue", "assets"):
        shutil.copytree(ROOT / name, project / name)
    data = tmp_path_factory.mktemp("checked-data")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SMALL_ACTS_DATA", str(data))
        code = run_check([str(project)], "en", False, ROOT, out=io.StringIO())
    assert code == 0, "the shipped content does not check clean (see test_check_cli)"
    return data


@pytest.fixture()
def searched_before(checked_once):
    """``seed(cache_folder)`` puts the shipped story's path search findings into that cache folder, as a facilitator's
    earlier `check` would have left them: for a test about something else than the search, which is tested on its own
    (test_paths, test_broken_copy, test_check_cache). Only the search's file: the texts' measures, the readings and
    the graph's loops are still found by the test's own first check."""
    from game.checkcache import FILE_NAME

    def seed(cache: Path) -> None:
        cache.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(checked_once / "cache" / FILE_NAME, cache / FILE_NAME)
    return seed
