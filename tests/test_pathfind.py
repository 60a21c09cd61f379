"""Click-to-walk: 4-directional A*, deterministic, bounded, talks to blocked goals from beside them."""

from __future__ import annotations

from collections import deque

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.world.pathfind import find_path

OPEN: set[tuple[int, int]] = set()


def grid(*rows: str) -> tuple[set[tuple[int, int]], int, int]:
    """'#' is blocked."""
    blocked = {(x, y) for y, row in enumerate(rows) for x, c in enumerate(row) if c == "#"}
    return blocked, len(rows[0]), len(rows)


def bfs_distance(blocked: set, width: int, height: int, start: tuple[int, int], goals: set) -> int | None:
    seen = {start}
    queue = deque([(start, 0)])
    while queue:
        (x, y), d = queue.popleft()
        if (x, y) in goals:
            return d
        for nx, ny in ((x, y - 1), (x, y + 1), (x - 1, y), (x + 1, y)):
            if 0 <= nx < width and 0 <= ny < height and (nx, ny) not in blocked and (nx, ny) not in seen:
                seen.add((nx, ny))
                queue.append(((nx, ny), d + 1))
    return None


def assert_walkable(path: list, blocked: set, width: int, height: int, start: tuple[int, int]) -> None:
    prev = start
    for x, y in path:
        assert 0 <= x < width and 0 <= y < height
        assert (x, y) not in blocked
        assert abs(x - prev[0]) + abs(y - prev[1]) == 1  # one orthogonal step, never diagonal
        prev = (x, y)


def test_straight_line_excludes_start() -> None:
    assert find_path(OPEN, 5, 1, (0, 0), (3, 0)) == [(1, 0), (2, 0), (3, 0)]


def test_start_equals_goal() -> None:
    assert find_path(OPEN, 5, 5, (2, 2), (2, 2)) == []


def test_no_diagonals() -> None:
    path = find_path(OPEN, 3, 3, (0, 0), (1, 1))
    assert len(path) == 2 and path[-1] == (1, 1)


def test_goes_around_a_wall() -> None:
    blocked, w, h = grid(
        ".....",
        ".###.",
        ".....",
    )
    path = find_path(blocked, w, h, (2, 0), (2, 2))
    assert len(path) == 6 and path[-1] == (2, 2)
    assert_walkable(path, blocked, w, h, (2, 0))


def test_unreachable() -> None:
    blocked, w, h = grid(
        "..#..",
        "..#..",
        "..#..",
    )
    assert find_path(blocked, w, h, (0, 0), (4, 0)) == []


def test_outside_the_map() -> None:
    assert find_path(OPEN, 3, 3, (0, 0), (5, 5)) == []
    assert find_path(OPEN, 3, 3, (-1, 0), (1, 1)) == []
    assert find_path(OPEN, 0, 0, (0, 0), (0, 0)) == []


def test_blocked_goal_paths_to_the_nearest_free_neighbour() -> None:
    # An NPC at (4, 1): walk to the side that is closest to the player.
    blocked, w, h = grid(
        "......",
        "....#.",
        "......",
    )
    assert find_path(blocked, w, h, (0, 1), (4, 1)) == [(1, 1), (2, 1), (3, 1)]
    assert find_path(blocked, w, h, (5, 2), (4, 1)) == [(5, 1)]


def test_blocked_goal_when_already_adjacent() -> None:
    assert find_path({(2, 2)}, 5, 5, (2, 1), (2, 2)) == []


def test_blocked_goal_whose_near_side_is_walled_off() -> None:
    # A table against a wall: the only free neighbour is on the far side.
    blocked, w, h = grid(
        ".......",
        "..###..",
        "..#T#..",
        ".......",
    )
    blocked.add((3, 2))
    path = find_path(blocked, w, h, (3, 0), (3, 2))
    assert path[-1] == (3, 3)
    assert len(path) == bfs_distance(blocked, w, h, (3, 0), {(3, 3)})


def test_blocked_goal_with_no_free_neighbour() -> None:
    blocked, w, h = grid(
        ".###",
        ".###",
        ".###",
    )
    assert find_path(blocked, w, h, (0, 0), (2, 1)) == []


def test_callable_blocked() -> None:
    path = find_path(lambda x, y: x == 2 and y < 4, 5, 5, (0, 0), (4, 0))
    assert path[-1] == (4, 0) and all(not (x == 2 and y < 4) for x, y in path)


def test_start_on_a_blocked_tile_can_still_walk_off() -> None:
    assert find_path({(0, 0)}, 3, 1, (0, 0), (2, 0)) == [(1, 0), (2, 0)]


def test_deterministic() -> None:
    results = {tuple(find_path(OPEN, 10, 10, (0, 0), (6, 6))) for _ in range(20)}
    assert len(results) == 1
    assert find_path(OPEN, 10, 10, (0, 0), (2, 2)) == [(1, 0), (2, 0), (2, 1), (2, 2)]


def test_bounded_on_a_big_open_map() -> None:
    calls = 0

    def blocked(x: int, y: int) -> bool:
        nonlocal calls
        calls += 1
        return x == 150 and y != 299  # a wall with one gap at the far end

    path = find_path(blocked, 300, 300, (0, 0), (299, 0))
    assert path and path[-1] == (299, 0)
    assert calls <= 4 * 300 * 300 + 5


@settings(max_examples=200, deadline=None)
@given(
    width=st.integers(1, 9),
    height=st.integers(1, 9),
    data=st.data(),
)
def test_paths_are_valid_and_shortest(width: int, height: int, data: st.DataObject) -> None:
    cells = [(x, y) for x in range(width) for y in range(height)]
    blocked = set(data.draw(st.lists(st.sampled_from(cells), max_size=len(cells))))
    start = data.draw(st.sampled_from(cells))
    goal = data.draw(st.sampled_from(cells))
    path = find_path(blocked, width, height, start, goal)
    assert path == find_path(blocked, width, height, start, goal)  # deterministic
    assert_walkable(path, blocked, width, height, start)

    if start == goal:
        assert path == []
    elif goal not in blocked:
        expected = bfs_distance(blocked, width, height, start, {goal})
        if expected is None:
            assert path == []
        else:
            assert len(path) == expected and path[-1] == goal
    else:
        sides = {
            (goal[0] + dx, goal[1] + dy)
            for dx, dy in ((0, -1), (0, 1), (-1, 0), (1, 0))
            if 0 <= goal[0] + dx < width and 0 <= goal[1] + dy < height and (goal[0] + dx, goal[1] + dy) not in blocked
        }
        if start in sides or not sides:
            assert path == []
        else:
            expected = bfs_distance(blocked, width, height, start, sides)
            if expected is None:
                assert path == []
            else:
                assert len(path) == expected and path[-1] in sides


@pytest.mark.parametrize("blocked", [frozenset({(1, 0)}), {(1, 0): True}])
def test_any_container_works(blocked: object) -> None:
    assert find_path(blocked, 3, 2, (0, 0), (2, 0)) == [(0, 1), (1, 1), (2, 1), (2, 0)]
