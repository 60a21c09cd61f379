"""Whatever a facilitator's editor leaves in a file, loading the content reports problems and never raises."""

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content import load_content
from game.world.tmxdata import load_map_data

ROOT = Path(__file__).resolve().parent.parent
TARGETS = ["dialogue/en/home.yaml", "dialogue/en/ui.yaml", "scenes/characters.yaml", "scenes/home/home.tmx",
           "scenes/game.yaml", "assets/tiles/town.tsx"]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    dst = tmp_path_factory.mktemp("robust") / "project"
    for name in ("scenes", "dialogue", "assets"):
        shutil.copytree(ROOT / name, dst / name)
    return dst


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.sampled_from(TARGETS), cut=st.floats(0, 1), junk=st.binary(max_size=40), keep_tail=st.booleans())
def test_damaged_files_give_positioned_problems_not_exceptions(project, target, cut, junk, keep_tail):
    path = project / target
    original = (ROOT / target).read_bytes()
    at = int(len(original) * cut)
    path.write_bytes(original[:at] + junk + (original[at:] if keep_tail else b""))
    try:
        content, problems, files = load_content(project)
        for p in problems:
            assert p.pos.line >= 1 and p.pos.col >= 1 and p.severity in ("error", "warning")
            assert p.message
        if content is None:
            assert any(p.severity == "error" for p in problems)
    finally:
        path.write_bytes(original)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_any_bytes_as_a_map(project, data):
    path = project / "scenes" / "lane" / "junk.tmx"
    path.write_bytes(data)
    result, problems = load_map_data(project, path)
    assert result is not None or problems
