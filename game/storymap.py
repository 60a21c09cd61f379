"""`python main.py map [SCENE] -o FILE`: the branching story of a scene or chapter as a picture.

The graph holds one box per dialogue node (its id and its first line, shortened), one per ending, and one small box
per map object (or chapter intro, or scene start) that starts a conversation. Edges are the story's jumps: `goto`,
`call`, a choice's `fallback`, each option with a target (labelled with the option's text and its condition) and
`end`. Nodes no player can enter are marked: the graph is walked from its entries, and the story is played
(`game.story.paths.explore` plus seeded random playthroughs carried over from the earlier chapters).

The layout is computed here — no graphviz binary is needed: columns by breadth-first depth from the entries, rows
ordered by the mean row of each box's predecessors, labels placed where they overlap nothing. Output by the file's
extension: `.svg`, `.html` (one self-contained page: the SVG, a legend, a list of the unreachable nodes; no external
URLs) or `.dot` (Graphviz source, for those who have Graphviz). Exit codes: 0 written, 1 content errors, 2 misuse.
"""

from __future__ import annotations

import html
import math
import sys
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from game.story.expr import Binary, Expr, Lit, Neg, Not, Var, Visits
from game.story.model import Call, Choice, End, Jump, Line, Node, Story
from game.story.paths import explore, random_walks, scene_entries

FORMATS = (".html", ".svg", ".dot")
WALKS = 300
MAX_STATES = 3_000


# --- conditions as text ---------------------------------------------------------------------------------------------
_PREC = {"or": 1, "and": 2, "==": 4, "!=": 4, "<": 4, "<=": 4, ">": 4, ">=": 4, "+": 5, "-": 5}


def expr_text(expr: Expr, parent: int = 0) -> str:
    """A condition written back as an author would write it (brackets only where needed)."""
    if isinstance(expr, Lit):
        if isinstance(expr.value, bool):
            return "true" if expr.value else "false"
        return f'"{expr.value}"' if isinstance(expr.value, str) else str(expr.value)
    if isinstance(expr, Var):
        return expr.name
    if isinstance(expr, Visits):
        return f"visits({expr.node})"
    if isinstance(expr, Not):
        out = f"not {expr_text(expr.operand, 3)}"
        return f"({out})" if parent > 3 else out
    if isinstance(expr, Neg):
        return f"-{expr_text(expr.operand, 6)}"
    if isinstance(expr, Binary):
        prec = _PREC.get(expr.op, 4)
        out = f"{expr_text(expr.left, prec)} {expr.op} {expr_text(expr.right, prec + 1)}"
        return f"({out})" if prec < parent else out
    return "?"


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _cond(*conds: Expr | None) -> str:
    parts = [expr_text(c) for c in conds if c is not None]
    return f"[if {' and '.join(parts)}]" if parts else ""


# --- the graph ------------------------------------------------------------------------------------------------------
@dataclass(slots=True)
class Box:
    id: str
    kind: str  # node | ending | entry | external
    title: str
    text: str = ""
    unreachable: bool = False
    note: str = ""  # why it is marked


@dataclass(frozen=True, slots=True)
class Edge:
    src: str
    dst: str
    kind: str  # goto | call | fallback | option | end | entry
    label: str = ""  # option text, shortened
    cond: str = ""  # "[if …]"


@dataclass(slots=True)
class Graph:
    title: str
    boxes: dict[str, Box] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)

    def unreachable(self) -> list[Box]:
        return [b for b in self.boxes.values() if b.unreachable]

    def edge(self, src: str, dst: str, kind: str | None = None) -> Edge | None:
        return next((e for e in self.edges if e.src == src and e.dst == dst and kind in (None, e.kind)), None)


@dataclass(frozen=True, slots=True)
class Entry:
    """Something outside the dialogue that starts a node: a map object, a chapter intro, a scene's start."""
    id: str  # box id
    title: str  # "map: npc meera"
    target: str  # full node id
    cond: str = ""


def _first_text(node: Node) -> str:
    for step in node.steps:
        if isinstance(step, Line):
            return step.text
    for step in node.steps:
        if isinstance(step, Choice):
            return f"(choice: {step.label or step.id.rsplit('.', 1)[-1]})"
    return "(no lines)"


def _ending_box(story: Story, full: str) -> Box:
    ending = story.ending(full)
    return Box(f"end:{full}", "ending", f"end: {full.split('.', 1)[1]}", ending.title if ending else "")


def build_graph(story: Story, scenes: Sequence[str], entries: Iterable[Entry] = (),
                reached: Iterable[str] | None = None, title: str = "") -> Graph:
    """The graph of `scenes`. `reached`: full node ids some playthrough entered (None: only the graph is walked)."""
    wanted = [s for s in scenes if s in story.scenes]
    graph = Graph(title or ", ".join(wanted))
    own = {n.full_id for sid in wanted for n in story.scenes[sid].nodes.values()}

    def add_target(full: str) -> None:
        if full not in graph.boxes:
            node = story.node(full)
            graph.boxes[full] = Box(full, "external", full, shorten(_first_text(node), 90) if node else "")

    for entry in entries:
        graph.boxes[entry.id] = Box(entry.id, "entry", entry.title)
    for sid in wanted:
        for node in story.scenes[sid].nodes.values():
            graph.boxes[node.full_id] = Box(node.full_id, "node", node.id if len(wanted) == 1 else node.full_id,
                                            shorten(_first_text(node), 90))
    for entry in entries:
        add_target(entry.target)
        graph.edges.append(Edge(entry.id, entry.target, "entry", "", entry.cond))
    for sid in wanted:
        for node in story.scenes[sid].nodes.values():
            for step in node.steps:
                if isinstance(step, (Jump, Call)):
                    add_target(step.target.full)
                    kind = "goto" if isinstance(step, Jump) else "call"
                    graph.edges.append(Edge(node.full_id, step.target.full, kind, "", _cond(step.cond)))
                elif isinstance(step, Choice):
                    for option in step.options:
                        if option.target is not None:
                            add_target(option.target.full)
                            graph.edges.append(Edge(node.full_id, option.target.full, "option",
                                                    shorten(option.text, 34), _cond(step.cond, option.cond)))
                    if step.fallback is not None:
                        add_target(step.fallback.full)
                        graph.edges.append(Edge(node.full_id, step.fallback.full, "fallback", "fallback",
                                                _cond(step.cond)))
                elif isinstance(step, End):
                    box = _ending_box(story, step.ending)
                    graph.boxes.setdefault(box.id, box)
                    graph.edges.append(Edge(node.full_id, box.id, "end", "", _cond(step.cond)))
    for sid in wanted:  # endings nothing leads to still get a box (and are marked)
        for ending in story.scenes[sid].endings.values():
            box = _ending_box(story, ending.full_id)
            graph.boxes.setdefault(box.id, box)
    _mark(graph, story, own, wanted, reached)
    return graph


def _mark(graph: Graph, story: Story, own: set[str], wanted: Sequence[str], reached: Iterable[str] | None) -> None:
    """Unreachable: nothing leads there from an entry (following every jump of the whole story), or no playthrough
    entered it. Endings count as reached when a reached node ends there."""
    roots = {b.id for b in graph.boxes.values() if b.kind == "entry"} | {f"{sid}.{story.scenes[sid].start}"
                                                                         for sid in wanted}
    out: dict[str, set[str]] = {}
    for e in graph.edges:
        out.setdefault(e.src, set()).add(e.dst)
    walked = set(roots)
    todo = deque(roots)
    while todo:
        for nxt in out.get(todo.popleft(), ()):
            if nxt not in walked:
                walked.add(nxt)
                todo.append(nxt)
    played = set(reached) if reached is not None else None
    for box in graph.boxes.values():
        if box.kind == "entry":
            continue
        if box.kind == "ending":
            sources = [e.src for e in graph.edges if e.dst == box.id]
            if not sources:
                box.unreachable, box.note = True, "no node ends here"
            elif box.id not in walked:
                box.unreachable, box.note = True, "only unreachable nodes end here"
            elif played is not None and not any(s in played for s in sources):
                box.unreachable, box.note = True, "no playthrough reached a node that ends here"
            continue
        if box.id not in own:
            continue  # another scene's node: judged on that scene's map
        if box.id not in walked:
            box.unreachable, box.note = True, "no jump, choice or map object leads here"
        elif played is not None and box.id not in played:
            box.unreachable, box.note = True, "no playthrough entered it (its way in is never open)"


# --- from the content -----------------------------------------------------------------------------------------------
def map_entries(content, scenes: Sequence[str]) -> list[Entry]:
    """Chapter intros, map objects and scene starts that start a node of `scenes`, in that order."""
    wanted = set(scenes)
    out: list[Entry] = []
    for chapter in content.chapters:
        if chapter.intro and chapter.intro.partition(".")[0] in wanted:
            out.append(Entry(f"intro:{chapter.id}", f"chapter {chapter.id}: intro", chapter.intro))
    for sid, info in content.scenes.items():
        for obj in info.map.objects:
            ref = obj.props.get("node")
            if not isinstance(ref, str) or not ref:
                continue
            full = content.node_target(sid, ref)
            if sid not in wanted and full.partition(".")[0] not in wanted:
                continue
            who = obj.props.get("character") if obj.kind == "npc" else None
            name = obj.name or str(who or "")
            if who and who != name:
                name = f"{name} ({who})"
            where = "" if sid in wanted and len(wanted) == 1 else f"{sid} "
            cond = obj.props.get("if")
            out.append(Entry(f"map:{obj.key}", f"map: {where}{obj.kind} {name}".rstrip(), full,
                             f"[if {cond}]" if isinstance(cond, str) and cond.strip() else ""))
    started = {e.target for e in out}
    for sid in scenes:
        scene = content.story.scenes.get(sid)
        if scene is not None and f"{sid}.{scene.start}" not in started:
            out.append(Entry(f"start:{sid}", f"start of scene {sid}", f"{sid}.{scene.start}"))
    return out


def played_nodes(content, scenes: Sequence[str]) -> set[str]:
    """Nodes entered by some playthrough of the chapter(s) holding `scenes`, each chapter starting where the
    earlier chapters' playthroughs ended (as `main.py stats` does, with a smaller budget)."""
    from game.content import external_entries

    story = content.story
    external = external_entries(content.scenes)
    wanted = set(scenes)
    reached: set[str] = set()
    carried: tuple = ()
    placed: set[str] = set()
    for chapter in content.chapters:
        entries = scene_entries(story, external, chapter.scenes)
        walks = random_walks(story, entries, intro=chapter.intro, walks=WALKS, starts=carried)
        placed.update(chapter.scenes)
        if wanted & set(chapter.scenes):
            reached |= walks.reached_nodes
            reached |= explore(story, entries, intro=chapter.intro, max_states=MAX_STATES,
                               start=None).reached_nodes
        carried = walks.finals or carried
    for sid in wanted - placed:  # a scene in no chapter: played on its own
        entries = scene_entries(story, external, [sid])
        reached |= random_walks(story, entries, walks=WALKS).reached_nodes
        reached |= explore(story, entries, max_states=MAX_STATES).reached_nodes
    return reached


def content_graph(content, scenes: Sequence[str], title: str = "", play: bool = True) -> Graph:
    return build_graph(content.story, scenes, map_entries(content, scenes),
                       played_nodes(content, scenes) if play else None, title)


# --- layout ---------------------------------------------------------------------------------------------------------
BOX_W = 230
ENTRY_W = 170
COL_GAP = 250
ROW_GAP = 26
MARGIN = 30
FONT = "'Noto Sans', 'DejaVu Sans', Arial, sans-serif"
TITLE_PX = 13
TEXT_PX = 11.5
LABEL_PX = 11
CHAR_W = 0.56  # average glyph width as a fraction of the font size (generous for sans-serif)


def wrap(text: str, width_px: float, size: float, max_lines: int) -> list[str]:
    per_line = max(8, int(width_px / (size * CHAR_W)))
    lines: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > per_line:  # a very long word: cut it
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:per_line])
            word = word[per_line:]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= per_line:
            current += " " + word
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = shorten(lines[-1] + " …", per_line)
        if not lines[-1].endswith("…"):
            lines[-1] = lines[-1][: per_line - 1] + "…"
    return lines


@dataclass(slots=True)
class Placed:
    box: Box
    col: int
    x: float = 0
    y: float = 0
    w: float = BOX_W
    h: float = 0
    title: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Label:
    edge: Edge
    lines: list[str]
    x: float  # centre
    y: float
    w: float
    h: float


@dataclass(slots=True)
class Layout:
    placed: dict[str, Placed]
    routes: list[tuple[Edge, tuple[float, ...]]]  # edge, (x0, y0, c1x, c1y, c2x, c2y, x1, y1)
    labels: list[Label]
    width: float
    height: float


def _size(p: Placed) -> None:
    if p.box.kind == "entry":
        p.w = ENTRY_W
        p.title = wrap(p.box.title, p.w - 16, TITLE_PX - 1, 2)
        p.lines = []
    else:
        p.title = wrap(p.box.title, p.w - 16, TITLE_PX, 2)
        p.lines = wrap(p.box.text, p.w - 16, TEXT_PX, 3)
        if p.box.unreachable:
            p.lines = p.lines[:2] + ["⚠ never reached"]
    p.h = 12 + len(p.title) * (TITLE_PX + 4) + len(p.lines) * (TEXT_PX + 4) + (4 if p.lines else 0)
    if p.box.kind == "ending":
        p.h = max(p.h, 44)


def layout(graph: Graph) -> Layout:
    ids = list(graph.boxes)
    succ: dict[str, list[str]] = {i: [] for i in ids}
    pred: dict[str, list[str]] = {i: [] for i in ids}
    for e in graph.edges:
        if e.dst not in succ[e.src]:
            succ[e.src].append(e.dst)
            pred[e.dst].append(e.src)
    depth: dict[str, int] = {}
    order: list[str] = []

    def bfs(roots: list[str], base: int) -> None:
        todo = deque()
        for r in roots:
            if r not in depth:
                depth[r] = base
                order.append(r)
                todo.append(r)
        while todo:
            cur = todo.popleft()
            for nxt in succ[cur]:
                if nxt not in depth:
                    depth[nxt] = depth[cur] + 1
                    order.append(nxt)
                    todo.append(nxt)

    bfs([i for i in ids if graph.boxes[i].kind == "entry"], 0)
    bfs([i for i in ids if not pred[i] and graph.boxes[i].kind != "ending"], 1)  # nothing leads there
    for i in ids:  # cycles nothing enters
        if i not in depth:
            bfs([i], 1)
    # Endings sit one column right of the deepest node that ends there, so they gather at the right.
    for i in ids:
        if graph.boxes[i].kind == "ending":
            depth[i] = max([depth[p] + 1 for p in pred[i]] + [1])
    cols: dict[int, list[str]] = {}
    for i in order if len(order) == len(ids) else ids:
        cols.setdefault(depth[i], []).append(i)
    for i in ids:
        if i not in order:
            cols.setdefault(depth[i], []).append(i)
    for c in cols.values():  # endings last in their column
        c.sort(key=lambda i: graph.boxes[i].kind == "ending")

    placed = {i: Placed(graph.boxes[i], depth[i]) for i in ids}
    for p in placed.values():
        _size(p)
    ncols = max(cols) + 1 if cols else 1
    col_x = [MARGIN + c * (BOX_W + COL_GAP) for c in range(ncols)]

    def stack(column: list[str], want: dict[str, float]) -> None:
        y = MARGIN + 30
        for i in column:
            p = placed[i]
            p.y = max(y, want.get(i, y))
            y = p.y + p.h + ROW_GAP

    for c in sorted(cols):
        for i in cols[c]:
            placed[i].x = col_x[c] + (BOX_W - placed[i].w if placed[i].box.kind == "entry" else 0)
    for c in sorted(cols):
        stack(cols[c], {})
    for _sweep in range(3):  # order each column by the mean height of its predecessors, then pull boxes towards it
        for c in sorted(cols)[1:]:
            def centre(i: str, c: int = c) -> float:
                ps = [placed[p] for p in pred[i] if placed[p].col < c]
                return sum(q.y + q.h / 2 for q in ps) / len(ps) if ps else math.inf

            keyed = sorted(cols[c], key=lambda i: (graph.boxes[i].kind == "ending", centre(i)))
            cols[c] = keyed
            want = {i: centre(i) - placed[i].h / 2 for i in keyed if centre(i) != math.inf}
            stack(keyed, want)

    routes = _routes(graph, placed)
    labels = _labels(routes, placed)
    width = max(p.x + p.w for p in placed.values()) + MARGIN if placed else 200
    height = max(p.y + p.h for p in placed.values()) + MARGIN if placed else 100
    for lab in labels:
        width = max(width, lab.x + lab.w / 2 + MARGIN)
        height = max(height, lab.y + lab.h / 2 + MARGIN)
    return Layout(placed, routes, labels, width, height)


def _routes(graph: Graph, placed: dict[str, Placed]) -> list[tuple[Edge, tuple[float, ...]]]:
    """Each edge leaves its box on the right and enters the next on the left; the ports on one side are spread out
    in the order of the boxes at the other end, so lines do not all meet in one point."""
    outs: dict[str, list[Edge]] = {}
    ins: dict[str, list[Edge]] = {}
    for e in graph.edges:
        outs.setdefault(e.src, []).append(e)
        ins.setdefault(e.dst, []).append(e)

    def ports(p: Placed, edges: list[Edge], other: str) -> dict[int, float]:
        ordered = sorted(range(len(edges)), key=lambda k: placed[getattr(edges[k], other)].y)
        n = len(edges)
        return {id(edges[k]): p.y + p.h * (r + 1) / (n + 1) for r, k in enumerate(ordered)}

    out_y: dict[int, float] = {}
    in_y: dict[int, float] = {}
    for src, edges in outs.items():
        out_y.update(ports(placed[src], edges, "dst"))
    for dst, edges in ins.items():
        in_y.update(ports(placed[dst], edges, "src"))
    routes = []
    for e in graph.edges:
        a, b = placed[e.src], placed[e.dst]
        x0, y0 = a.x + a.w, out_y[id(e)]
        x1, y1 = b.x, in_y[id(e)]
        if b.col > a.col:
            dx = max(60.0, (x1 - x0) * 0.45)
            routes.append((e, (x0, y0, x0 + dx, y0, x1 - dx, y1, x1, y1)))
        else:  # back to an earlier (or the same) column: loop out to the right and come back in from the left
            bend = 140 + 20 * (a.col - b.col)
            lift = -60 if y1 <= y0 else 60
            routes.append((e, (x0, y0, x0 + bend, y0 + lift, x1 - bend, y1 + lift, x1, y1)))
    return routes


def _bezier(r: tuple[float, ...], t: float) -> tuple[float, float]:
    x0, y0, c1x, c1y, c2x, c2y, x1, y1 = r
    u = 1 - t
    return (u ** 3 * x0 + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t ** 3 * x1,
            u ** 3 * y0 + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t ** 3 * y1)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _labels(routes: list[tuple[Edge, tuple[float, ...]]], placed: dict[str, Placed]) -> list[Label]:
    """Option text and conditions beside their edge, at the first point along it where the label covers no box and
    no other label (else where it covers least)."""
    taken = [(p.x - 4, p.y - 4, p.x + p.w + 4, p.y + p.h + 4) for p in placed.values()]
    out: list[Label] = []
    for edge, r in routes:
        cond = edge.cond if len(edge.cond) <= 46 else shorten(edge.cond[:-1], 45) + "]"  # full one: the tooltip
        lines = [line for line in (edge.label if edge.kind == "option" else "", cond) if line]
        if edge.kind in ("call", "fallback") and not edge.label:
            lines.insert(0, edge.kind)
        if edge.kind == "fallback":
            lines = ["fallback"] + ([cond] if cond else [])
        if not lines:
            continue
        w = max(len(line) for line in lines) * LABEL_PX * CHAR_W + 10
        h = len(lines) * (LABEL_PX + 3) + 6
        best = None
        for t in (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82, 0.12, 0.88):
            cx, cy = _bezier(r, t)
            for dy in (0, -h * 0.6, h * 0.6, -h * 1.2, h * 1.2, -h * 1.8, h * 1.8, -h * 2.5, h * 2.5):
                rect = (cx - w / 2, cy + dy - h / 2, cx + w / 2, cy + dy + h / 2)
                cost = sum(_overlap(rect, o) for o in taken) + abs(dy) * 0.5
                if best is None or cost < best[0]:
                    best = (cost, cx, cy + dy)
                if cost == 0:
                    break
            if best and best[0] == 0:
                break
        _, cx, cy = best  # type: ignore[misc]
        taken.append((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2))
        out.append(Label(edge, lines, cx, cy, w, h))
    return out


# --- SVG ------------------------------------------------------------------------------------------------------------
EDGE_STYLE = {  # colour, dash
    "goto": ("#3a3a3a", ""),
    "call": ("#1f5fa8", "6 4"),
    "fallback": ("#b36b00", "2 4"),
    "option": ("#2e7d32", ""),
    "end": ("#6a1b9a", ""),
    "entry": ("#8a8a8a", "4 3"),
}
BOX_STYLE = {  # fill, stroke, dash
    "node": ("#fffdf5", "#5d4e37", ""),
    "external": ("#f3f3f3", "#777777", "5 3"),
    "entry": ("#e8eef5", "#6b7f99", ""),
    "ending": ("#f3e5f5", "#6a1b9a", ""),
}
UNREACHABLE = ("#fdecea", "#c62828", "6 3")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def svg(graph: Graph, standalone: bool = True) -> str:
    lay = layout(graph)
    w, h = math.ceil(lay.width), math.ceil(lay.height)
    ns = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    out = [(f'<svg{ns} width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{_e(FONT)}" role="img" '
            f'aria-label="{_e("story map: " + graph.title)}">')]
    out.append("<defs>")
    for kind, (colour, _dash) in EDGE_STYLE.items():
        out.append(f'<marker id="arrow-{kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
                   f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/>'
                   f"</marker>")
    out.append("</defs>")
    out.append(f'<rect x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/>')
    out.append(f'<text x="{MARGIN}" y="{MARGIN + 6}" font-size="16" font-weight="bold" fill="#222">'
               f"{_e(graph.title)}</text>")
    out.append('<g class="edges" fill="none">')
    for edge, r in lay.routes:
        colour, dash = EDGE_STYLE[edge.kind]
        d = f"M{r[0]:.1f},{r[1]:.1f} C{r[2]:.1f},{r[3]:.1f} {r[4]:.1f},{r[5]:.1f} {r[6]:.1f},{r[7]:.1f}"
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        back = lay.placed[edge.dst].col <= lay.placed[edge.src].col
        opacity = ' stroke-opacity="0.55"' if back else ""
        out.append(f'<path class="edge {edge.kind}" d="{d}" stroke="{colour}" stroke-width="1.6"{dash_attr}'
                   f'{opacity} marker-end="url(#arrow-{edge.kind})"><title>{_e(_edge_title(edge))}</title></path>')
    out.append("</g>")
    out.append('<g class="labels">')
    for lab in lay.labels:
        colour, _ = EDGE_STYLE[lab.edge.kind]
        x, y = lab.x - lab.w / 2, lab.y - lab.h / 2
        out.append(f'<g class="label"><rect x="{x:.1f}" y="{y:.1f}" width="{lab.w:.1f}" height="{lab.h:.1f}" rx="4" '
                   f'fill="#ffffff" fill-opacity="0.92" stroke="{colour}" stroke-width="0.7"/>')
        for k, line in enumerate(lab.lines):
            italic = ' font-style="italic"' if line.startswith("[if ") else ""
            out.append(f'<text x="{lab.x:.1f}" y="{y + 4 + (k + 1) * (LABEL_PX + 3) - 3:.1f}" font-size="{LABEL_PX}" '
                       f'text-anchor="middle" fill="{colour}"{italic}>{_e(line)}</text>')
        out.append("</g>")
    out.append("</g>")
    out.append('<g class="boxes">')
    for p in lay.placed.values():
        out.append(_box_svg(p))
    out.append("</g></svg>")
    return "\n".join(out)


def _edge_title(edge: Edge) -> str:
    words = {"goto": "goto", "call": "call", "fallback": "fallback", "option": "option", "end": "end",
             "entry": "starts"}
    text = f"{edge.src} → {edge.dst} ({words[edge.kind]})"
    return " ".join(x for x in (text, edge.label if edge.kind == "option" else "", edge.cond) if x)


def _box_svg(p: Placed) -> str:
    fill, stroke, dash = UNREACHABLE if p.box.unreachable else BOX_STYLE[p.box.kind]
    classes = f"box {p.box.kind}" + (" unreachable" if p.box.unreachable else "")
    tip = p.box.id + (f" — {p.box.note}" if p.box.note else "") + (f"\n{p.box.text}" if p.box.text else "")
    out = [f'<g class="{classes}" data-id="{_e(p.box.id)}"><title>{_e(tip)}</title>']
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    width = 2.2 if p.box.unreachable else 1.4
    if p.box.kind == "ending":
        rx = min(p.h / 2, 22)
        out.append(f'<rect x="{p.x:.1f}" y="{p.y:.1f}" width="{p.w:.1f}" height="{p.h:.1f}" rx="{rx:.1f}" '
                   f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"{dash_attr}/>')
        out.append(f'<rect x="{p.x + 4:.1f}" y="{p.y + 4:.1f}" width="{p.w - 8:.1f}" height="{p.h - 8:.1f}" '
                   f'rx="{max(rx - 4, 2):.1f}" fill="none" stroke="{stroke}" stroke-width="0.8"{dash_attr}/>')
    else:
        rx = 3 if p.box.kind == "entry" else 6
        out.append(f'<rect x="{p.x:.1f}" y="{p.y:.1f}" width="{p.w:.1f}" height="{p.h:.1f}" rx="{rx}" '
                   f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"{dash_attr}/>')
    cx = p.x + p.w / 2 if p.box.kind in ("ending", "entry") else p.x + 8
    anchor = ' text-anchor="middle"' if p.box.kind in ("ending", "entry") else ""
    y = p.y + 6
    size = TITLE_PX - 1 if p.box.kind == "entry" else TITLE_PX
    for line in p.title:
        y += size + 4
        out.append(f'<text x="{cx:.1f}" y="{y - 3:.1f}" font-size="{size}" font-weight="bold" fill="#222"{anchor}>'
                   f"{_e(line)}</text>")
    if p.lines:
        y += 4
    for line in p.lines:
        y += TEXT_PX + 4
        colour = "#c62828" if line.startswith("⚠") else "#444"
        out.append(f'<text x="{cx:.1f}" y="{y - 3:.1f}" font-size="{TEXT_PX}" fill="{colour}"{anchor}>'
                   f"{_e(line)}</text>")
    out.append("</g>")
    return "".join(out)


# --- HTML -----------------------------------------------------------------------------------------------------------
_CSS = """
body { margin: 0; font-family: 'Noto Sans', 'DejaVu Sans', Arial, sans-serif; color: #222; background: #faf8f2; }
header { padding: 12px 20px 6px; }
h1 { font-size: 20px; margin: 0 0 6px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 13px; margin: 6px 0; align-items: center; }
.legend span.sw { display: inline-block; width: 26px; height: 14px; vertical-align: middle; margin-right: 5px;
  border: 1.5px solid #5d4e37; border-radius: 3px; background: #fffdf5; }
.legend span.line { display: inline-block; width: 30px; height: 0; vertical-align: middle; margin-right: 5px;
  border-top: 2px solid #3a3a3a; }
.unreached { font-size: 13px; margin: 6px 0; color: #8e1b1b; }
.unreached code { background: #fdecea; padding: 0 3px; }
.map { overflow: auto; padding: 0 20px 20px; }
.map svg { background: #fff; border: 1px solid #ddd; }
.box:hover rect { stroke-width: 3; }
.edge:hover { stroke-width: 3.5; }
"""


def _legend() -> str:
    def sw(fill: str, stroke: str, style: str = "solid", radius: str = "3px") -> str:
        return (f'<span class="sw" style="background:{fill};border-color:{stroke};border-style:{style};'
                f'border-radius:{radius}"></span>')

    def line(colour: str, style: str = "solid") -> str:
        return f'<span class="line" style="border-top-color:{colour};border-top-style:{style}"></span>'

    items = [
        sw("#fffdf5", "#5d4e37") + "node: id and first line",
        sw("#f3e5f5", "#6a1b9a", "double", "9px") + "ending",
        sw("#e8eef5", "#6b7f99") + "what starts it (map object, chapter intro)",
        sw("#f3f3f3", "#777777", "dashed") + "node of another scene",
        sw("#fdecea", "#c62828", "dashed") + "never reached",
        line(EDGE_STYLE["goto"][0]) + "goto",
        line(EDGE_STYLE["option"][0]) + "option (its text)",
        line(EDGE_STYLE["call"][0], "dashed") + "call (comes back)",
        line(EDGE_STYLE["fallback"][0], "dotted") + "fallback",
        line(EDGE_STYLE["end"][0]) + "end",
        "<i>[if …]</i>&nbsp;only when the condition holds",
    ]
    return '<div class="legend">' + "".join(f"<span>{i}</span>" for i in items) + "</div>"


def html_page(graph: Graph) -> str:
    unreached = graph.unreachable()
    if unreached:
        listed = ", ".join(f"<code>{_e(b.id.removeprefix('end:'))}</code> ({_e(b.note)})" for b in unreached)
        note = f'<p class="unreached">Never reached: {listed}</p>'
    else:
        note = '<p class="unreached" style="color:#2e7d32">Every node and ending here can be reached.</p>'
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>Story map: {_e(graph.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            f"<header><h1>Story map: {_e(graph.title)}</h1>\n{_legend()}\n{note}</header>\n"
            f'<div class="map">\n{svg(graph, standalone=False)}\n</div>\n</body>\n</html>\n')


# --- DOT ------------------------------------------------------------------------------------------------------------
def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def dot(graph: Graph) -> str:
    out = [f"digraph {_q('story map: ' + graph.title)} {{", "  rankdir=LR;",
           '  node [fontname="Noto Sans", fontsize=11];', '  edge [fontname="Noto Sans", fontsize=10];']
    shapes = {"node": "box", "external": "box", "entry": "box", "ending": "doubleoctagon"}
    for b in graph.boxes.values():
        label = b.title + (f"\n{shorten(b.text, 60)}" if b.text and b.kind != "entry" else "")
        attrs = [f"label={_q(label)}", f"shape={shapes[b.kind]}"]
        style = {"node": "rounded", "external": "dashed", "entry": "filled", "ending": ""}[b.kind]
        if b.unreachable:
            attrs += ['color="#c62828"', 'fillcolor="#fdecea"']
            style = "dashed,filled"
        elif b.kind == "entry":
            attrs.append('fillcolor="#e8eef5"')
        if style:
            attrs.append(f'style="{style}"')
        out.append(f"  {_q(b.id)} [{', '.join(attrs)}];")
    for e in graph.edges:
        colour, dash = EDGE_STYLE[e.kind]
        label = "\n".join(x for x in ((e.label if e.kind == "option" else "" if e.kind == "goto" or e.kind == "end"
                                       or e.kind == "entry" else e.kind), e.cond) if x)
        attrs = [f'color="{colour}"']
        if label:
            attrs.append(f"label={_q(label)}")
        if dash:
            attrs.append("style=dashed" if e.kind != "fallback" else "style=dotted")
        out.append(f"  {_q(e.src)} -> {_q(e.dst)} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"


def render(graph: Graph, suffix: str) -> str:
    if suffix == ".html":
        return html_page(graph)
    if suffix == ".svg":
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + svg(graph) + "\n"
    return dot(graph)


# --- the command ----------------------------------------------------------------------------------------------------
def resolve_scenes(content, target: str | None) -> tuple[list[str], str] | None:
    """(scenes, title) for a scene id or a chapter id (a scene id wins when both exist); None if neither."""
    if target is None:
        chapter = content.chapters[0]
        return list(chapter.scenes), f"chapter {chapter.id}"
    if target in content.story.scenes:
        return [target], f"scene {target}"
    chapter = next((c for c in content.chapters if c.id == target), None)
    if chapter is not None:
        return [s for s in chapter.scenes if s in content.story.scenes], f"chapter {chapter.id}"
    return None


def load_or_report(root: Path, lang: str, prog: str, out=None):
    """The content, or None after printing every problem as `check` does."""
    from game.content import load_content_safely
    from game.story.problems import has_errors, sort_problems, summary

    out = out or sys.stdout
    content, problems, files = load_content_safely(root, lang)
    if content is None or has_errors(problems):
        problems = sort_problems(problems)
        for p in problems:
            print(p.format(), file=out)
        print(summary(problems, files), file=out)
        return None
    return content


def run_map(target: str | None, output: Path, root: Path, play: bool = True) -> int:
    suffix = output.suffix.lower()
    if suffix not in FORMATS:
        print(f"map: error: cannot tell the format from '{output.name}': use a file ending in "
              f"{', '.join(FORMATS)}", file=sys.stderr)
        return 2
    if not output.parent.exists():
        print(f"map: error: the folder '{output.parent}' does not exist", file=sys.stderr)
        return 2
    content = load_or_report(root, "en", "map")
    if content is None:
        return 1
    found = resolve_scenes(content, target)
    if found is None:
        from game.story.problems import did_you_mean

        names = list(content.story.scenes) + [c.id for c in content.chapters]
        hint = did_you_mean(target or "", names)
        print(f"map: error: there is no scene or chapter '{target}'" + (f" ({hint})" if hint else "")
              + f"; scenes: {', '.join(content.story.scenes)}", file=sys.stderr)
        return 2
    scenes, title = found
    graph = content_graph(content, scenes, title, play=play)
    try:
        output.write_text(render(graph, suffix), encoding="utf-8")
    except OSError as exc:
        print(f"map: error: cannot write '{output}': {exc.strerror}", file=sys.stderr)
        return 2
    nodes = sum(b.kind == "node" for b in graph.boxes.values())
    missed = graph.unreachable()
    print(f"wrote {output} ({title}: {nodes} nodes, {len(graph.edges)} edges"
          + (f", {len(missed)} never reached: {', '.join(b.id for b in missed)}" if missed else "") + ")")
    return 0
