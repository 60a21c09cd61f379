"""Tiled maps -> MapData + problems, with exact messages and positions."""

from __future__ import annotations

import base64
import struct
import sys
import zlib
from pathlib import Path

import pytest

from game.story.problems import Pos
from game.world.tmxdata import MapData, load_map_data

TSX = """<?xml version="1.0" encoding="UTF-8"?>
<tileset version="1.10" tiledversion="1.10.2" name="town" tilewidth="16" tileheight="16" tilecount="4" columns="2">
 <image source="town.png" width="32" height="32"/>
 <tile id="1">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
</tileset>
"""

# 5 x 4 map. Ground: tile id 1 (gid 2, solid) at (2,0) and (4,3). Collision layer: (0,3).
GROUND = [
    1, 1, 2, 1, 1,
    1, 1, 1, 1, 1,
    1, 1, 1, 1, 1,
    1, 1, 1, 1, 2,
]
COLLISION = [
    0, 0, 0, 0, 0,
    0, 0, 0, 0, 0,
    0, 0, 0, 0, 0,
    3, 0, 0, 0, 0,
]

OBJECTS = """\
  <object id="1" name="default" type="spawn" x="16" y="32">
   <properties>
    <property name="facing" value="up"/>
   </properties>
  </object>
  <object id="2" name="mother" class="npc" x="56" y="20">
   <properties>
    <property name="character" value="mother"/>
    <property name="node" value="kitchen"/>
   </properties>
  </object>
  <object id="3" type="trigger" x="0" y="0" width="32" height="16">
   <properties>
    <property name="node" value="home.door"/>
    <property name="once" type="bool" value="false"/>
    <property name="if" value="not met_mother"/>
   </properties>
  </object>
  <object id="4" name="to_lane" type="exit" x="64" y="16" width="16" height="48">
   <properties>
    <property name="to" value="lane"/>
   </properties>
  </object>
"""


def csv_data(gids: list[int]) -> str:
    rows = [",".join(str(g) for g in gids[i : i + 5]) for i in range(0, len(gids), 5)]
    return '<data encoding="csv">\n' + ",\n".join(rows) + "\n</data>"


def zlib_data(gids: list[int]) -> str:
    raw = zlib.compress(struct.pack(f"<{len(gids)}I", *gids))
    return f'<data encoding="base64" compression="zlib">\n   {base64.b64encode(raw).decode()}\n  </data>'


def tmx(
    objects: str = OBJECTS,
    tileset: str = '<tileset firstgid="1" source="../../assets/tiles/town.tsx"/>',
    ground: str | None = None,
    width: int = 5,
    height: int = 4,
    extra_layers: str = "",
) -> str:
    ground = ground if ground is not None else csv_data(GROUND)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<map version="1.10" tiledversion="1.10.2" orientation="orthogonal" renderorder="right-down" width="{width}" height="{height}" tilewidth="16" tileheight="16" infinite="0" nextlayerid="4" nextobjectid="10">
 {tileset}
 <layer id="1" name="ground" width="5" height="4">
  {ground}
 </layer>
 <layer id="2" name="collision" width="5" height="4" visible="0">
  {csv_data(COLLISION)}
 </layer>{extra_layers}
 <objectgroup id="3" name="objects">
{objects} </objectgroup>
</map>
"""


def png_bytes(width: int, height: int) -> bytes:
    """A real PNG of one grey colour (the map checker reads the header of every picture a map uses)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "assets" / "tiles").mkdir(parents=True)
    (tmp_path / "assets" / "tiles" / "town.tsx").write_text(TSX, encoding="utf-8")
    (tmp_path / "assets" / "tiles" / "town.png").write_bytes(png_bytes(32, 32))
    (tmp_path / "scenes" / "home").mkdir(parents=True)
    return tmp_path


def write_map(project: Path, text: str, name: str = "home.tmx") -> Path:
    path = project / "scenes" / "home" / name
    path.write_text(text, encoding="utf-8")
    return Path("scenes/home") / name


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def oline(text: str, object_id: int) -> int:
    return line_of(text, f'<object id="{object_id}"')


def pline(text: str, name: str) -> int:
    return line_of(text, f'name="{name}"')


def vline(text: str, value: str) -> int:
    return line_of(text, f'value="{value}"')


def messages(problems) -> list[str]:
    return [p.format() for p in problems]


# --------------------------------------------------------------------------- good maps


def check_good(data: MapData | None) -> None:
    assert data is not None
    assert (data.path, data.width, data.height, data.tile_w, data.tile_h) == ("scenes/home/home.tmx", 5, 4, 16, 16)
    assert data.pos == Pos("scenes/home/home.tmx", 2, 1)
    assert data.solid == frozenset({(2, 0), (4, 3), (0, 3)})

    spawn, npc, trigger, exit_ = data.objects
    assert (spawn.kind, spawn.name, spawn.rect, dict(spawn.props)) == ("spawn", "default", (1, 2, 1, 1), {"facing": "up"})
    assert spawn.key == "scenes/home/home.tmx#1"
    assert (npc.kind, npc.rect, dict(npc.props)) == (
        "npc",
        (3, 1, 1, 1),
        {"character": "mother", "node": "kitchen", "facing": "down"},
    )
    assert trigger.rect == (0, 0, 2, 1)
    assert dict(trigger.props) == {"node": "home.door", "once": False, "if": "not met_mother"}
    assert exit_.rect == (4, 1, 1, 3)
    assert dict(exit_.props) == {"to": "lane", "spawn": "default"}
    assert data.spawn() is spawn and data.spawn("nope") is None
    assert data.of_kind("npc") == (npc,)
    assert data.is_blocked(2, 0) and data.is_blocked(-1, 0) and not data.is_blocked(1, 1)


def test_csv_map_with_external_tileset(project: Path) -> None:
    text = tmx()
    data, problems = load_map_data(project, write_map(project, text))
    assert problems == []
    check_good(data)
    npc = data.objects[1]
    assert npc.pos == Pos("scenes/home/home.tmx", oline(text, 2), 3)


def test_base64_zlib_map_gives_the_same_data(project: Path) -> None:
    data, problems = load_map_data(project, write_map(project, tmx(ground=zlib_data(GROUND))))
    assert problems == []
    check_good(data)


def test_absolute_map_path_is_reported_relative_to_the_root(project: Path) -> None:
    data, problems = load_map_data(project, project / write_map(project, tmx()))
    assert problems == [] and data is not None and data.path == "scenes/home/home.tmx"


def test_trigger_once_defaults_to_true(project: Path) -> None:
    objects = OBJECTS.replace('    <property name="once" type="bool" value="false"/>\n', "")
    data, problems = load_map_data(project, write_map(project, tmx(objects=objects)))
    assert problems == []
    assert data is not None and data.objects[2].props["once"] is True


def test_props_are_read_only(project: Path) -> None:
    data, _ = load_map_data(project, write_map(project, tmx()))
    assert data is not None
    with pytest.raises(TypeError):
        data.objects[0].props["facing"] = "down"  # type: ignore[index]


def test_module_does_not_import_pygame() -> None:
    import subprocess

    code = "import sys, game.world.tmxdata; sys.exit('pygame' in sys.modules)"
    root = Path(__file__).resolve().parent.parent
    assert subprocess.run([sys.executable, "-c", code], cwd=root).returncode == 0


# --------------------------------------------------------------------------- broken maps


def test_broken_xml_is_reported_at_expats_position(project: Path) -> None:
    text = tmx().replace("</objectgroup>", "</objectgrup>")
    data, problems = load_map_data(project, write_map(project, text))
    assert data is None
    line = line_of(text, "</objectgrup>")
    assert messages(problems) == [
        f"scenes/home/home.tmx:{line}:4: error: the map is not valid XML: mismatched tag (open and re-save it in Tiled)"
    ]


def test_binary_junk_is_an_xml_error_not_a_traceback(project: Path) -> None:
    path = project / "scenes" / "home" / "junk.tmx"
    path.write_bytes(b"\x00\xff\xfe junk")
    data, problems = load_map_data(project, Path("scenes/home/junk.tmx"))
    assert data is None
    assert len(problems) == 1 and problems[0].pos.line == 1
    assert problems[0].message.startswith("the map is not valid XML: ")


def test_missing_map_file(project: Path) -> None:
    data, problems = load_map_data(project, Path("scenes/home/nope.tmx"))
    assert data is None
    assert messages(problems) == [
        "scenes/home/nope.tmx:1:1: error: the map could not be opened (No such file or directory)"
    ]


def test_tileset_path_that_escapes_the_project_is_rejected(project: Path, tmp_path: Path) -> None:
    outside = tmp_path.parent / "outside.tsx"
    outside.write_text(TSX, encoding="utf-8")
    text = tmx(tileset='<tileset firstgid="1" source="../../../outside.tsx"/>')
    data, problems = load_map_data(project, write_map(project, text))
    assert data is None
    assert messages(problems) == [
        "scenes/home/home.tmx:3:2: error: file reference leaves the project's data folders "
        "('../../../outside.tsx' must stay inside scenes/ or assets/)"
    ]


def test_absolute_tileset_path_is_rejected(project: Path) -> None:
    absolute = (project / "assets" / "tiles" / "town.tsx").as_posix()
    data, problems = load_map_data(project, write_map(project, tmx(tileset=f'<tileset firstgid="1" source="{absolute}"/>')))
    assert data is None
    assert [p.message for p in problems] == ["file reference leaves the project's data folders"]


def test_image_path_in_the_tileset_that_escapes_is_reported_in_the_tsx(project: Path) -> None:
    tsx = project / "assets" / "tiles" / "town.tsx"
    tsx.write_text(TSX.replace('source="town.png"', 'source="../../../secret.png"'), encoding="utf-8")
    data, problems = load_map_data(project, write_map(project, tmx()))
    assert data is None
    assert messages(problems) == [
        "assets/tiles/town.tsx:3:2: error: file reference leaves the project's data folders "
        "('../../../secret.png' must stay inside scenes/ or assets/)"
    ]


def test_missing_tileset_file(project: Path) -> None:
    text = tmx(tileset='<tileset firstgid="1" source="../../assets/tiles/twon.tsx"/>')
    data, problems = load_map_data(project, write_map(project, text))
    assert data is None
    assert messages(problems) == ["scenes/home/home.tmx:3:2: error: tileset file '../../assets/tiles/twon.tsx' not found"]


def test_broken_tileset_xml_is_reported_in_the_tsx(project: Path) -> None:
    (project / "assets" / "tiles" / "town.tsx").write_text(TSX.replace("</tile>", "</tiles>"), encoding="utf-8")
    data, problems = load_map_data(project, write_map(project, tmx()))
    assert data is None
    assert messages(problems) == ["assets/tiles/town.tsx:8:4: error: the tileset is not valid XML: mismatched tag"]


def test_solid_must_be_a_bool_tile_property(project: Path) -> None:
    tsx = project / "assets" / "tiles" / "town.tsx"
    tsx.write_text(TSX.replace('name="solid" type="bool" value="true"', 'name="solid" value="true"'), encoding="utf-8")
    data, problems = load_map_data(project, write_map(project, tmx()))
    assert data is None
    assert messages(problems) == [
        "assets/tiles/town.tsx:6:4: error: tile property 'solid' must be a bool (change its type in Tiled)"
    ]


def test_missing_default_spawn(project: Path) -> None:
    text = tmx(objects=OBJECTS.replace('name="default"', 'name="from_lane"'))
    data, problems = load_map_data(project, write_map(project, text))
    assert data is not None  # the rest is usable; the error stops the game from shipping it
    line = line_of(text, '<objectgroup id="3"')
    assert messages(problems) == [
        f"scenes/home/home.tmx:{line}:2: error: the map has no spawn named 'default' "
        "(add a spawn object named 'default' on the 'objects' layer)"
    ]


def test_misspelled_property_is_a_warning_with_a_suggestion(project: Path) -> None:
    text = tmx(objects=OBJECTS.replace('name="character"', 'name="charcter"'))
    data, problems = load_map_data(project, write_map(project, text))
    line = line_of(text, 'name="charcter"')
    assert messages(problems) == [
        f"scenes/home/home.tmx:{oline(text, 2)}:3: error: npc 'mother' is missing the property 'character' "
        "(add a string property 'character' in Tiled)",
        f"scenes/home/home.tmx:{line}:5: warning: unknown property 'charcter' on npc 'mother' (ignored) "
        "(did you mean 'character'?)",
    ]
    assert data is not None and [o.kind for o in data.objects] == ["spawn", "trigger", "exit"]


def test_unknown_object_type_is_a_warning(project: Path) -> None:
    text = tmx(objects=OBJECTS.replace('class="npc"', 'class="NPC"'))
    data, problems = load_map_data(project, write_map(project, text))
    assert messages(problems) == [
        f"scenes/home/home.tmx:{oline(text, 2)}:3: warning: unknown object type 'NPC' (ignored) "
        "(did you mean 'npc'?)"
    ]
    assert data is not None and len(data.objects) == 3


def test_wrong_property_type_is_an_error(project: Path) -> None:
    text = tmx(objects=OBJECTS.replace('name="once" type="bool" value="false"', 'name="once" value="false"'))
    _, problems = load_map_data(project, write_map(project, text))
    assert messages(problems) == [
        f"scenes/home/home.tmx:{pline(text, 'once')}:5: error: property 'once' must be a bool, not string "
        "(change its type in Tiled)"
    ]


def test_invalid_bool_value(project: Path) -> None:
    text = tmx(objects=OBJECTS.replace('type="bool" value="false"', 'type="bool" value="maybe"'))
    data, problems = load_map_data(project, write_map(project, text))
    assert messages(problems) == [
        f"scenes/home/home.tmx:{pline(text, 'once')}:5: error: property 'once' has an invalid bool value 'maybe'"
    ]
    assert data is None  # pytmx (and so the renderer) cannot read such a map


def test_bad_facing_with_suggestion(project: Path) -> None:
    text = tmx(objects=OBJECTS.replace('value="up"', 'value="Up"'))
    _, problems = load_map_data(project, write_map(project, text))
    assert messages(problems) == [
        f"scenes/home/home.tmx:{vline(text, 'Up')}:5: error: 'facing' must be one of down, up, left, right, "
        "not 'Up' (did you mean 'up'?)"
    ]


def test_empty_required_property(project: Path) -> None:
    text = tmx(objects=OBJECTS.replace('name="to" value="lane"', 'name="to" value=" "'))
    _, problems = load_map_data(project, write_map(project, text))
    assert [p.message for p in problems] == ["property 'to' is empty"]


def test_object_outside_the_map(project: Path) -> None:
    text = tmx(objects=OBJECTS.replace('x="64" y="16" width="16" height="48"', 'x="64" y="16" width="32" height="48"'))
    _, problems = load_map_data(project, write_map(project, text))
    assert messages(problems) == [
        f"scenes/home/home.tmx:{oline(text, 4)}:3: error: exit 'to_lane' is outside the map (5×4 tiles)"
    ]


def test_duplicate_spawn_names(project: Path) -> None:
    extra = '  <object id="9" name="default" type="spawn" x="0" y="48"/>\n'
    text = tmx(objects=OBJECTS + extra)
    _, problems = load_map_data(project, write_map(project, text))
    assert messages(problems) == [
        f"scenes/home/home.tmx:{oline(text, 9)}:3: error: two spawns are named 'default' "
        f"(the other is at line {oline(text, 1)})"
    ]


def test_property_name_reserved_by_pytmx_is_an_error_not_a_crash(project: Path) -> None:
    text = tmx(objects=OBJECTS.replace('name="node" value="kitchen"', 'name="name" value="kitchen"'))
    data, problems = load_map_data(project, write_map(project, text))
    assert data is None
    line = line_of(text, 'name="name"')
    assert f"scenes/home/home.tmx:{line}:5: error: property name 'name' is reserved by the map reader " \
        "(rename or remove it in Tiled)" in messages(problems)


def test_damaged_layer_data(project: Path) -> None:
    text = tmx(ground='<data encoding="csv">1,2,x</data>')
    data, problems = load_map_data(project, write_map(project, text))
    assert data is None
    assert messages(problems) == [
        f"scenes/home/home.tmx:{line_of(text, '1,2,x')}:3: error: tile layer 'ground' has damaged tile data "
        "(re-save the map in Tiled)"
    ]


def test_layer_data_of_the_wrong_size(project: Path) -> None:
    text = tmx(ground='<data encoding="csv">1,1,1</data>')
    _, problems = load_map_data(project, write_map(project, text))
    assert [p.message for p in problems] == ["tile layer 'ground' has 3 tiles, expected 5×4"]


def test_not_a_map(project: Path) -> None:
    data, problems = load_map_data(project, write_map(project, '<?xml version="1.0"?>\n<tileset/>\n'))
    assert data is None
    assert messages(problems) == ["scenes/home/home.tmx:2:1: error: this is not a Tiled map (root element is <tileset>)"]


def test_infinite_map(project: Path) -> None:
    text = tmx().replace('infinite="0"', 'infinite="1"')
    _, problems = load_map_data(project, write_map(project, text))
    assert [p.message for p in problems] == ["infinite maps are not supported"]


def test_objects_on_another_layer_are_ignored_with_a_warning(project: Path) -> None:
    layer = '\n <objectgroup id="5" name="notes">\n  <object id="7" type="npc" x="0" y="0"/>\n </objectgroup>'
    text = tmx(extra_layers=layer)
    data, problems = load_map_data(project, write_map(project, text))
    assert messages(problems) == [
        f"scenes/home/home.tmx:{pline(text, 'notes')}:2: warning: object layer 'notes' is ignored "
        "(map objects go on a layer named 'objects')"
    ]
    assert data is not None and len(data.objects) == 4


def test_any_pytmx_failure_becomes_a_problem(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pytmx

    def boom(self, node):  # noqa: ANN001
        raise KeyError("firstgid")

    monkeypatch.setattr(pytmx.TiledMap, "parse_xml", boom)
    data, problems = load_map_data(project, write_map(project, tmx()))
    assert data is None
    assert messages(problems) == [
        "scenes/home/home.tmx:2:1: error: the map could not be read: 'firstgid' (open and re-save it in Tiled)"
    ]


# --------------------------------------------------------------------------- what ships

SHIPPED = sorted((Path(__file__).resolve().parent.parent / "scenes").rglob("*.tmx"))


@pytest.mark.skipif(not SHIPPED, reason="no maps in scenes/ yet")
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_map_loads_without_errors(path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    data, problems = load_map_data(root, path.relative_to(root))
    assert [p.format() for p in problems if p.is_error] == []
    assert data is not None and data.spawn() is not None


# --------------------------------------------------------------------------- things, npc 'if', property positions

THING = """\
  <object id="5" name="blackboard" type="thing" x="16" y="0" width="48" height="16">
   <properties>
    <property name="node" value="school.board"/>
    <property name="if" value="visits(board) == 0"/>
   </properties>
  </object>
"""


def test_thing_is_an_area_with_a_node_and_an_optional_condition(project: Path) -> None:
    text = tmx(objects=OBJECTS + THING)
    data, problems = load_map_data(project, write_map(project, text))
    assert problems == [] and data is not None
    thing = data.objects[4]
    assert (thing.kind, thing.name, thing.rect) == ("thing", "blackboard", (1, 0, 3, 1))
    assert dict(thing.props) == {"node": "school.board", "if": "visits(board) == 0"}
    assert thing.pos == Pos("scenes/home/home.tmx", oline(text, 5), 3)
    assert data.of_kind("thing") == (thing,) and thing.covers(3, 0) and not thing.covers(4, 0)
    plain = tmx(objects=OBJECTS + THING.replace('    <property name="if" value="visits(board) == 0"/>\n', ""))
    data, problems = load_map_data(project, write_map(project, plain))
    assert problems == [] and data is not None and dict(data.objects[4].props) == {"node": "school.board"}


def test_thing_needs_a_node_and_takes_no_other_property(project: Path) -> None:
    text = tmx(objects=OBJECTS + THING.replace('name="node"', 'name="character"'))
    data, problems = load_map_data(project, write_map(project, text))
    assert messages(problems) == [
        f"scenes/home/home.tmx:{oline(text, 5)}:3: error: thing 'blackboard' is missing the property 'node' "
        "(add a string property 'node' in Tiled)",
        f"scenes/home/home.tmx:{vline(text, 'school.board')}:5: warning: unknown property 'character' "
        "on thing 'blackboard' (ignored) (thing objects take: node, if)",
    ]
    assert data is not None and [o.kind for o in data.objects] == ["spawn", "npc", "trigger", "exit"]


def test_thing_is_suggested_for_a_misspelt_class(project: Path) -> None:
    text = tmx(objects=OBJECTS + THING.replace('type="thing"', 'type="thng"'))
    _, problems = load_map_data(project, write_map(project, text))
    assert messages(problems) == [
        f"scenes/home/home.tmx:{oline(text, 5)}:3: warning: unknown object type 'thng' (ignored) "
        "(did you mean 'thing'?)"]


def test_npc_may_have_a_condition(project: Path) -> None:
    objects = OBJECTS.replace('<property name="node" value="kitchen"/>',
                              '<property name="node" value="kitchen"/>\n    <property name="if" value="not left"/>')
    text = tmx(objects=objects)
    data, problems = load_map_data(project, write_map(project, text))
    assert problems == [] and data is not None
    assert dict(data.objects[1].props) == {"character": "mother", "node": "kitchen", "facing": "down",
                                           "if": "not left"}
    assert data.objects[1].prop_pos["if"] == Pos("scenes/home/home.tmx", vline(text, "not left"), 5)
    bad = tmx(objects=objects.replace('name="if" value="not left"', 'name="if" type="bool" value="true"'))
    _, problems = load_map_data(project, write_map(project, bad))
    assert messages(problems) == [
        f"scenes/home/home.tmx:{pline(bad, 'if')}:5: error: property 'if' must be a string, not bool "
        "(change its type in Tiled)"]


def test_property_positions_are_kept_for_set_properties_only(project: Path) -> None:
    text = tmx()
    data, _ = load_map_data(project, write_map(project, text))
    assert data is not None
    npc = data.objects[1]
    assert dict(npc.prop_pos) == {"character": Pos("scenes/home/home.tmx", vline(text, "mother"), 5),
                                  "node": Pos("scenes/home/home.tmx", vline(text, "kitchen"), 5)}  # not 'facing'
