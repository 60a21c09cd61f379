"""Where a goal points on the maps: the object it names, and the exit that leads towards another scene's map.

Pure (no pygame): the world screen uses it to place the marker, the content loader to check that every goal names
an object that exists, and the checker (game/story/goalcheck.py, through ``goal_world``) to prove every goal can be
followed. A goal points at a person (npc), a thing or a trigger — something that starts a conversation — never at a
spawn or an exit: "go to the lane" is not a step of the story, what waits in the lane is.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from game.story.model import Goal, Place, Story
from game.story.problems import Problem, did_you_mean

if TYPE_CHECKING:
    from game.content import SceneInfo
    from game.world.tmxdata import MapObject

GOAL_KINDS = ("npc", "thing", "trigger")
Holds = Callable[[object, str], bool]  # (the object's `if` text or None, its scene) -> does it hold now


def goals_of(story: Story) -> list[Goal]:
    return [s for scene in story.scenes.values() for node in scene.nodes.values() for s in node.steps
            if isinstance(s, Goal)]


def find_place(scenes: Mapping[str, "SceneInfo"], place: Place) -> "MapObject | None":
    info = scenes.get(place.scene)
    if info is None:
        return None
    return next((o for o in info.map.objects if o.name == place.name and o.kind in GOAL_KINDS), None)


def check_goal_places(story: Story, scenes: Mapping[str, "SceneInfo"]) -> list[Problem]:
    """Every goal names a person, thing or trigger that is on its scene's map."""
    out: list[Problem] = []
    for goal in goals_of(story):
        at = goal.at
        info = scenes.get(at.scene)
        if info is None:
            out.append(Problem(goal.at_pos, "error", f"the goal points at '{at.full}', but there is no scene "
                               f"'{at.scene}'", did_you_mean(at.scene, scenes)))
            continue
        if find_place(scenes, at) is not None:
            continue
        named = [o.name for o in info.map.objects if o.kind in GOAL_KINDS and o.name]
        other = next((o for o in info.map.objects if o.name == at.name), None)
        article = "an" if other is not None and other.kind[0] in "aeiou" else "a"
        why = (f"'{at.name}' on the map of '{at.scene}' is {article} {other.kind}; a goal points at a person, a thing or a "
               "trigger" if other is not None else f"the map of '{at.scene}' ({info.map.path}) has no person, thing "
               f"or trigger named '{at.name}'")
        out.append(Problem(goal.at_pos, "error", why, did_you_mean(at.name, named) or
                           "name the object in Tiled (its Name field) and write that name here"))
    return out


def exit_towards(scenes: Mapping[str, "SceneInfo"], here: str, there: str,
                 holds: Holds | None = None) -> "MapObject | None":
    """The exit on ``here``'s map through which the shortest walk to ``there``'s map begins (exits whose ``if``
    does not hold are closed), or None if there is no way. Breadth-first over the scenes, so it is the fewest doors."""
    def open_exits(scene: str) -> list["MapObject"]:
        info = scenes.get(scene)
        if info is None:
            return []
        return [o for o in info.map.objects if o.kind == "exit" and isinstance(o.props.get("to"), str)
                and (holds is None or holds(o.props.get("if"), scene))]

    first: dict[str, "MapObject | None"] = {here: None}
    queue = deque([here])
    while queue:
        scene = queue.popleft()
        if scene == there:
            return first[scene]
        for ex in open_exits(scene):
            to = str(ex.props["to"])
            if to not in first:
                first[to] = first[scene] or ex
                queue.append(to)
    return None


def goal_world(scenes: Mapping[str, "SceneInfo"]):
    """What the goal proof needs from the maps, as plain data: each goal place's (kind, node, if, once), and the
    exits of each scene as (to, if)."""
    from game.story.goalcheck import PlaceFacts, World

    places: dict[str, PlaceFacts] = {}
    exits: dict[str, list[tuple[str, str | None]]] = {}
    for sid, info in scenes.items():
        exits[sid] = [(str(o.props["to"]), _cond(o.props.get("if"))) for o in info.map.objects
                      if o.kind == "exit" and isinstance(o.props.get("to"), str)]
        for o in info.map.objects:
            if o.kind not in GOAL_KINDS or not o.name or not isinstance(o.props.get("node"), str):
                continue
            ref = str(o.props["node"])
            places[f"{sid}.{o.name}"] = PlaceFacts(
                o.kind, ref if "." in ref else f"{sid}.{ref}", _cond(o.props.get("if")),
                o.kind == "trigger" and o.props.get("once", True) is not False)
    return World(places, exits)


def _cond(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
