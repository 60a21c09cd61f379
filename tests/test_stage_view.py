"""game/world/stage.py on its own (no pygame): walks tile by tile to the exact point, waits, leaving, turning."""

from __future__ import annotations

from types import MappingProxyType

from game.story.model import Stage
from game.story.problems import Pos
from game.story.state import Placement
from game.world.stage import MAX_HOLD, STEP_SECONDS, Npc, StageView
from game.world.tmxdata import MapObject

WALL = {(3, y) for y in range(0, 4)}  # a wall with a gap at the bottom (y = 4)


def point(name: str, x: int, y: int, facing: str | None = None) -> MapObject:
    props = MappingProxyType({"facing": facing} if facing else {})
    return MapObject("point", name, (x, y, 1, 1), props, Pos("m.tmx", 1, 1), f"m.tmx#{name}")


def stage(**people: tuple[int, int]) -> StageView:
    objects = [point("door", 6, 0, "down"), point("mat", 6, 2), point("far", 0, 0)]
    view = StageView("home", objects, lambda x, y: (x, y) in WALL, 8, 5, Npc(None, "ravi", (0, 4), "up", "up"))
    placements = {who: Placement("home", "far") for who in people}
    view.cast([], placements, lambda n: True)
    for npc in view.actors:
        npc.tile = people[npc.character]
    return view


def cue(action: str, who: str | None = None, point: str | None = None, **kw) -> Stage:
    return Stage(action, "home", who, point, **kw)


def run(view: StageView, seconds: float, dt: float = 1 / 60) -> None:
    for _ in range(int(seconds / dt)):
        view.update(dt)


def test_a_walk_goes_round_the_wall_tile_by_tile_and_ends_exactly_on_the_point() -> None:
    view = stage(papa=(0, 0))
    papa = view.who("papa")
    view.play([cue("walk", "papa", "mat", facing="ravi")])
    trail = []
    while view.busy:
        view.update(1 / 60)
        trail.append(papa.at())
    assert papa.tile == (6, 2) and papa.at() == (6.0, 2.0) and not papa.moving
    assert all(abs(x - 3) > 0.01 or y > 3.99 for x, y in trail)  # never through the wall
    assert papa.facing == "left"  # towards Ravi, once there
    assert len(trail) * (1 / 60) >= 10 * STEP_SECONDS * 0.9  # it took time: ten tiles at a calm pace


def test_finish_puts_everyone_at_their_end_and_leave_removes() -> None:
    view = stage(papa=(0, 0), bua=(1, 0))
    view.play([cue("walk", "papa", "mat"), cue("leave", "bua", "door")])
    view.update(0.1)
    view.finish()
    assert view.who("papa").tile == (6, 2) and not view.busy
    assert view.who("bua") is None  # walked to the door and gone


def test_a_wait_holds_what_follows_until_everyone_has_arrived_but_not_for_ever() -> None:
    view = stage(papa=(0, 0), bua=(2, 2))
    view.play([cue("walk", "bua", "mat"), cue("wait", seconds=0.5), cue("emote", "bua", icon="heart")])
    assert view.holding and view.who("bua").emote is None
    run(view, 0.2)
    assert view.holding
    run(view, MAX_HOLD + 1.0)
    assert not view.holding and view.who("bua").tile == (6, 2) and view.who("bua").emote == "heart"


def test_instant_plays_everything_at_once_and_the_camera_follows_a_point() -> None:
    view = stage(papa=(0, 0))
    view.play([cue("camera", point="door"), cue("walk", "papa", "door"), cue("turn", "papa", facing="left"),
               cue("appear", "meera", "mat")], instant=True)
    assert view.focus == (6, 0) and view.who("papa").tile == (6, 0) and view.who("papa").facing == "left"
    assert view.who("meera").tile == (6, 2) and not view.busy


def test_cast_places_everyone_from_the_state() -> None:
    obj = MapObject("npc", "amma", (1, 1, 1, 1), MappingProxyType({"character": "amma"}), Pos("m", 1, 1), "m#1")
    amma = Npc(obj, "amma", (1, 1), "down", "down")
    view = stage()
    view.cast([amma], {"amma": Placement("home", "mat", "meera"), "meera": Placement("home", "door"),
                       "bua": Placement("home", "door", None, True), "ghost": Placement("lane", "mat")},
              lambda n: False)
    assert [n.character for n in view.actors] == ["amma", "meera"]
    assert amma.tile == (6, 2) and amma.facing == "up"  # placed at the mat, facing Meera at the door
    view.cast([amma], {}, lambda n: False)
    assert view.actors == []  # her `if` is false and no scene put her here


def test_check_reports_a_step_naming_a_point_the_map_lost(tmp_path) -> None:
    """A facilitator renames the point in Tiled: `check` names the dialogue step's file, line and column."""
    import shutil
    import subprocess
    import sys

    from game.paths import project_root

    root = project_root()
    project = tmp_path / "project"
    for name in ("scenes", "dialogue", "assets"):
        shutil.copytree(root / name, project / name)
    tmx = project / "scenes" / "home" / "home.tmx"
    tmx.write_text(tmx.read_text(encoding="utf-8").replace('name="mat_papa"', 'name="mat_papaji"'), encoding="utf-8")
    lines = (project / "dialogue" / "en" / "home.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.strip() == "to: mat_papa")
    result = subprocess.run([sys.executable, str(root / "main.py"), "check", str(project)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1
    assert (f"dialogue/en/home.yaml:{line}:11: error: there is no point 'mat_papa' on the map of 'home' "
            "(did you mean 'mat_papaji'?)") in result.stdout, result.stdout
