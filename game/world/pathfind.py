"""Click-to-walk paths on the tile grid: 4-directional A*, pure and deterministic."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Container

Tile = tuple[int, int]
Blocked = Callable[[int, int], bool] | Container[Tile]

# Fixed neighbour order (up, down, left, right) plus the (f, h, y, x) heap key make equal-cost
# choices the same on every run and every machine.
_STEPS: tuple[Tile, ...] = ((0, -1), (0, 1), (-1, 0), (1, 0))


def _as_predicate(blocked: Blocked) -> Callable[[int, int], bool]:
    if callable(blocked):
        return blocked
    return lambda x, y: (x, y) in blocked


def find_path(blocked: Blocked, width: int, height: int, start: Tile, goal: Tile) -> list[Tile]:
    """Steps from ``start`` to ``goal``, excluding ``start``; ``[]`` if unreachable or already there.

    If ``goal`` is blocked (the player clicked an NPC or a table) the path leads to the nearest free
    tile next to it; ``[]`` if the player already stands next to it. ``start`` itself is never tested
    for being blocked. The search gives up after ``width * height`` expansions.
    """
    is_blocked = _as_predicate(blocked)

    def inside(x: int, y: int) -> bool:
        return 0 <= x < width and 0 <= y < height

    sx, sy = start
    gx, gy = goal
    if not inside(sx, sy) or not inside(gx, gy) or start == goal:
        return []
    if is_blocked(gx, gy):
        targets = {
            (gx + dx, gy + dy)
            for dx, dy in _STEPS
            if inside(gx + dx, gy + dy) and not is_blocked(gx + dx, gy + dy)
        }
        if start in targets or not targets:
            return []
    else:
        targets = {goal}
    target_list = sorted(targets)

    def h(x: int, y: int) -> int:
        return min(abs(x - tx) + abs(y - ty) for tx, ty in target_list)

    came_from: dict[Tile, Tile] = {}
    best_g: dict[Tile, int] = {start: 0}
    closed: set[Tile] = set()
    h0 = h(sx, sy)
    frontier: list[tuple[int, int, int, int]] = [(h0, h0, sy, sx)]
    budget = width * height
    while frontier and budget > 0:
        _, _, y, x = heapq.heappop(frontier)
        node = (x, y)
        if node in closed:
            continue
        if node in targets:
            path = [node]
            while path[-1] in came_from:
                path.append(came_from[path[-1]])
            path.pop()  # the start
            path.reverse()
            return path
        closed.add(node)
        budget -= 1
        g = best_g[node] + 1
        for dx, dy in _STEPS:
            nx, ny = x + dx, y + dy
            nxt = (nx, ny)
            if not inside(nx, ny) or nxt in closed or is_blocked(nx, ny):
                continue
            old = best_g.get(nxt)
            if old is None or g < old:
                best_g[nxt] = g
                came_from[nxt] = node
                hn = h(nx, ny)
                heapq.heappush(frontier, (g + hn, hn, ny, nx))
    return []


__all__ = ["find_path", "Tile", "Blocked"]
