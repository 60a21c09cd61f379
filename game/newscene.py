"""`python main.py new-scene NAME [--chapter CHAPTER]`: a new, playable scene from a template.

Writes scenes/NAME/scene.yaml, scenes/NAME/NAME.tmx (a small furnished room on the shared tileset) and
dialogue/en/NAME.yaml (a commented template conversation), and adds NAME to a chapter in scenes/game.yaml by
editing the text, so the comments there stay. Nothing is written unless everything can be.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from game.world.tmxwrite import object_xml

ID = re.compile(r"[a-z][a-z0-9_]*\Z")
RESERVED = frozenset({"ui", "characters", "help", "title", "game", "debrief"})
T = 16
TSX_REL = "../../assets/tiles/town.tsx"
W, H = 16, 12

# The room, one character per tile: '#' wall (auto-joined), 'f' wall face, '.' floor, 'T' doorway threshold.
ROOM = [
    "################",
    "#ffffffffffffff#",
    "#..............#",
    "#..............#",
    "#..............#",
    "#..............#",
    "#..............#",
    "#..............#",
    "#..............#",
    "#..............#",
    "#..............#",
    "#######TT#######",
]
GROUND = {"f": "face_cream", ".": "floor_redoxide", "T": "threshold"}
DECOR = [  # (tile name, x, y)
    ("bookshelf_top", 1, 1), ("bookshelf_bottom", 1, 2), ("window", 4, 1), ("clock", 7, 1),
    ("photo", 9, 1), ("window", 12, 1), ("calendar", 14, 1), ("plant", 14, 2),
    ("sofa_l", 5, 3), ("sofa_m", 6, 3), ("sofa_r", 7, 3), ("side_table", 8, 3),
    ("chair", 11, 6), ("chair", 12, 6), ("table_l", 11, 7), ("table_r", 12, 7),
    ("matka", 14, 9), ("pot_marigold", 1, 10), ("stool", 2, 7),
]
RUG = (5, 5, 4, 2)  # x, y, w, h


class NewSceneError(Exception):
    """A command-line mistake: one message, exit code 2."""


# ------------------------------------------------------------------ game.yaml (text edit, comments kept)
_CHAPTER = re.compile(r"^(\s*)-\s+id:\s*['\"]?([A-Za-z0-9_]+)['\"]?\s*(#.*)?$")


def _chapter_blocks(lines: list[str]) -> list[tuple[str, int, int]]:
    """(chapter id, first line, end line) of each chapter entry under `chapters:`."""
    start = next((i for i, l in enumerate(lines) if re.match(r"^chapters:\s*(#.*)?$", l)), None)
    if start is None:
        return []
    found: list[tuple[str, int, str]] = []
    end = len(lines)
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if line.strip() and not line[0].isspace() and not line.startswith(("-", "#")):
            end = i  # the next top-level key
            break
        m = _CHAPTER.match(line)
        if m:
            found.append((m.group(2), i, m.group(1)))
    blocks = []
    for n, (cid, i, _indent) in enumerate(found):
        blocks.append((cid, i, found[n + 1][1] if n + 1 < len(found) else end))
    return blocks


def add_to_chapter(text: str, name: str, chapter: str | None) -> tuple[str, str, str]:
    """The new text of game.yaml with ``name`` appended to a chapter's scenes: (text, chapter id, first scene)."""
    lines = text.splitlines(keepends=True)
    blocks = _chapter_blocks(lines)
    if not blocks:
        raise NewSceneError("scenes/game.yaml has no 'chapters:' list to add the scene to")
    if chapter is None:
        cid, a, b = blocks[-1]
    else:
        match = [blk for blk in blocks if blk[0] == chapter]
        if not match:
            raise NewSceneError(f"--chapter: unknown chapter '{chapter}' (known: {', '.join(c for c, _, _ in blocks)})")
        cid, a, b = match[0]
    for i in range(a, b):
        m = re.match(r"^(\s*(?:-\s+)?scenes:\s*)\[([^\]]*)\](.*)$", lines[i].rstrip("\r\n"))
        if m:
            items = [s.strip() for s in m.group(2).split(",") if s.strip()]
            first = items[0].strip("'\"") if items else name
            eol = lines[i][len(lines[i].rstrip("\r\n")):]
            lines[i] = f"{m.group(1)}[{', '.join([*items, name])}]{m.group(3)}{eol or chr(10)}"
            return "".join(lines), cid, first
        m = re.match(r"^(\s*(?:-\s+)?)scenes:\s*(#.*)?$", lines[i].rstrip("\r\n"))
        if m:  # block list: "scenes:" then "- a" lines
            items_at = [j for j in range(i + 1, b) if re.match(r"^\s*-\s+\S", lines[j])
                        and not _CHAPTER.match(lines[j])]
            run = []
            for j in items_at:
                if run and j != run[-1] + 1 and any(lines[k].strip() and not lines[k].strip().startswith("#")
                                                    for k in range(run[-1] + 1, j)):
                    break
                run.append(j)
            if not run:
                break
            last = lines[run[-1]]
            indent = re.match(r"^(\s*-\s+)", last).group(1)
            first = re.sub(r"\s*#.*$", "", lines[run[0]].strip()[1:]).strip().strip("'\"")
            if not last.endswith("\n"):
                lines[run[-1]] = last + "\n"
            lines.insert(run[-1] + 1, f"{indent}{name}\n")
            return "".join(lines), cid, first
    raise NewSceneError(f"chapter '{cid}' in scenes/game.yaml has no 'scenes:' list this command can edit")


# ------------------------------------------------------------------ the map
def _tile_ids(tsx: Path) -> dict[str, int]:
    ids: dict[str, int] = {}
    for t in ET.parse(tsx).getroot().findall("tile"):
        for p in t.iter("property"):
            if p.get("name") == "name":
                ids[p.get("value")] = int(t.get("id"))
    return ids


def make_map(tsx: Path, exit_to: str | None) -> str:
    ids = _tile_ids(tsx)

    def gid(tile: str) -> int:
        if tile not in ids:
            raise NewSceneError(f"the tileset {tsx} has no tile named '{tile}'")
        return ids[tile] + 1  # firstgid = 1

    layers = {n: [[0] * W for _ in range(H)] for n in ("ground", "decor", "above")}
    for y, row in enumerate(ROOM):
        for x, ch in enumerate(row):
            if ch == "#":
                mask = "".join(side for side, (dx, dy) in zip("nesw", ((0, -1), (1, 0), (0, 1), (-1, 0)))
                               if 0 <= x + dx < W and 0 <= y + dy < H and ROOM[y + dy][x + dx] == "#")
                layers["ground"][y][x] = gid("wall_" + (mask or "x"))
            else:
                layers["ground"][y][x] = gid(GROUND[ch])
    rx, ry, rw, rh = RUG
    for j in range(rh):
        for i in range(rw):
            v = "t" if j == 0 else ("b" if j == rh - 1 else "m")
            hh = "l" if i == 0 else ("r" if i == rw - 1 else "m")
            layers["ground"][ry + j][rx + i] = gid(f"rug_{v}{hh}")
    for tile, x, y in DECOR:
        layers["decor"][y][x] = gid(tile)

    objects = [
        ("default", "spawn", 7, 9, 1, 1, {"facing": "up"}),
        ("meera", "npc", 10, 4, 1, 1, {"character": "meera", "node": "hello", "facing": "down"}),
        ("first_look", "trigger", *RUG, {"node": "first_look", "once": True}),
    ]
    if exit_to:
        objects.append(("door", "exit", 7, 11, 2, 1, {"to": exit_to, "spawn": "default"}))
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           (f'<map version="1.10" tiledversion="1.10.2" orientation="orthogonal" renderorder="right-down" '
            f'width="{W}" height="{H}" tilewidth="{T}" tileheight="{T}" infinite="0" '
            f'nextlayerid="5" nextobjectid="{len(objects) + 1}">'),
           f' <tileset firstgid="1" source="{TSX_REL}"/>']
    for i, (lname, grid) in enumerate(layers.items(), start=1):
        out.append(f' <layer id="{i}" name="{lname}" width="{W}" height="{H}">')
        out.append('  <data encoding="csv">')
        out.append(",\n".join(",".join(str(g) for g in r) for r in grid))
        out.append('</data>')
        out.append(' </layer>')
    out.append(' <objectgroup id="4" name="objects">')
    for oid, (oname, kind, x, y, w, h, props) in enumerate(objects, start=1):
        out += object_xml(oid, oname, kind, x * T, y * T, w * T, h * T, props)
    out.append(' </objectgroup>')
    out.append('</map>')
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ the dialogue template
def make_dialogue(name: str) -> str:
    var = f"{name}_mood"
    title = name.replace("_", " ").capitalize()
    return f'''\
# yaml-language-server: $schema=../../schemas/dialogue.schema.json
# The dialogue of the scene '{name}': a template to change into your own story.
# Lines starting with '#' are notes for writers; the game ignores them.
# The full guide is docs/dialogue-format.md. After every change, run:  python main.py check

scene: {name}                  # must be the same as the file name ({name}.yaml)
title: "{title}"               # the title the player sees

vars:                          # what this scene remembers; every variable needs a starting value
  {var}: "unsure"         # a text; it changes when the player answers Meera below

nodes:                         # the conversations of this scene
  # 'hello' starts when the player talks to Meera: the map ({name}.tmx) has an npc whose node is 'hello'.
  hello:
    - id: h1                   # every line has an id, unique inside its node; never change it later
      say: meera               # who speaks: a character from scenes/characters.yaml
      face: happy              # which of her portraits to show
      text: "Hi! I didn't expect to see you here."
    - id: h2
      say: meera
      face: neutral
      text: "How are you feeling today?"
    # A choice: the player picks one option. The 'label' names this decision in the "What if?" list.
    - id: ask
      label: "How Ravi feels"
      choose:
        - id: good             # each option has an id and the text the player reads
          text: "“Pretty good, thanks!”"
          do: "{var} = 'good'"          # 'do' changes a variable
          goto: hello_good              # 'goto' continues in another node
        - id: tired
          text: "“A bit tired, honestly.”"
          do: "{var} = 'tired'"
          goto: hello_tired
        - id: skip             # no 'do' and no 'goto': the story goes on with the next step below
          text: "“I don't really want to talk.”"
    - id: h3
      say: meera
      face: neutral
      text: "That's okay. I'm here if you change your mind."

  hello_good:
    - id: g1
      say: meera
      face: happy
      text: "Good to hear! You said you feel {{{var}}}."   # {{name}} shows a variable's value

  hello_tired:
    - id: t1
      say: meera
      face: worried
      text: "Sit down for a minute. Shall I bring you some water?"

  # 'first_look' starts by itself the first time the player walks onto the rug: the map has a trigger for it.
  first_look:
    - id: f1                   # no 'say': this is narration
      text: "A quiet room. Meera is here."
    # A goal tells a student alone where to go next: a line in the corner of the map and a marker (section 13 of
    # docs/dialogue-format.md). This room keeps the chapter's goal, and its door leads back to it. To send the
    # player to Meera first, add a goal step here, and set the next goal in 'hello' so the story moves on:
    #   - id: goal_meera
    #     goal: "Say hello to Meera"
    #     at: meera            # the name of the npc on the map
'''


# ------------------------------------------------------------------ the command
def _problem(root: Path, name: str) -> str | None:
    if not ID.match(name):
        return (f"'{name}' is not a valid scene id: use lower-case letters a-z, digits and underscores, "
                "starting with a letter (e.g. park or bus_stop)")
    if name in RESERVED:
        return f"'{name}' is a reserved name; choose another"
    for path in (root / "scenes" / name, root / "dialogue" / "en" / f"{name}.yaml"):
        if path.exists():
            return f"'{name}' is already used ({path.relative_to(root).as_posix()} exists)"
    return None


def new_scene(root: Path, name: str, chapter: str | None = None) -> tuple[list[Path], str]:
    """Create the scene; returns the files written (game.yaml last) and the chapter. NewSceneError on misuse."""
    problem = _problem(root, name)
    if problem:
        raise NewSceneError(problem)
    game_yaml = root / "scenes" / "game.yaml"
    tsx = root / "assets" / "tiles" / "town.tsx"
    try:
        text = game_yaml.read_text(encoding="utf-8")
    except OSError as exc:
        raise NewSceneError(f"cannot read scenes/game.yaml ({exc.strerror or exc})") from None
    if re.search(rf"[\[,\s-]{re.escape(name)}\s*[\],\n#]", text.split("chapters:", 1)[-1]):
        raise NewSceneError(f"'{name}' is already used in scenes/game.yaml")
    new_text, cid, first = add_to_chapter(text, name, chapter)
    tmx = make_map(tsx, first if first != name else None)
    written = []
    folder = root / "scenes" / name
    folder.mkdir(parents=True)
    files = [
        (folder / "scene.yaml", ("# yaml-language-server: $schema=../../schemas/scene.schema.json\n"
                                 f"# The scene '{name}' (made by `python main.py new-scene`). Which map it plays on:\n"
                                 f"map: {name}.tmx\n")),
        (folder / f"{name}.tmx", tmx),
        (root / "dialogue" / "en" / f"{name}.yaml", make_dialogue(name)),
        (game_yaml, new_text),
    ]
    for path, body in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(body, encoding="utf-8", newline="\n")
        tmp.replace(path)
        written.append(path)
    return written, cid


def run_new_scene(name: str, chapter: str | None, root: Path) -> int:
    try:
        written, cid = new_scene(root, name, chapter)
    except NewSceneError as exc:
        print(f"python main.py new-scene: error: {exc}", file=sys.stderr)
        return 2
    for path in written[:-1]:
        print(f"wrote   {path.relative_to(root).as_posix()}")
    print(f"updated {written[-1].relative_to(root).as_posix()} (added '{name}' to the scenes of chapter '{cid}')")
    print()
    print("Next:")
    print(f"  edit dialogue/en/{name}.yaml and open scenes/{name}/{name}.tmx in Tiled")
    print("  python main.py check")
    print(f"  python main.py --screenshot out.png --scene {name}    (a picture of it)")
    print(f"  python main.py --dev                                    (play; F6 jumps to {name}.hello)")
    return 0
