from game.story.problems import Pos, Problem, did_you_mean, sort_problems, summary


def test_format_with_and_without_hint() -> None:
    p = Problem(Pos("dialogue/en/home.yaml", 42, 9), "error", "'goto' target 'kitchn' does not exist",
                "did you mean 'kitchen'?")
    assert p.format() == ("dialogue/en/home.yaml:42:9: error: 'goto' target 'kitchn' does not exist "
                          "(did you mean 'kitchen'?)")
    assert Problem(Pos("a.yaml", 1, 2), "warning", "hm").format() == "a.yaml:1:2: warning: hm"


def test_summary() -> None:
    e = Problem(Pos("a", 1, 1), "error", "x")
    w = Problem(Pos("a", 1, 1), "warning", "y")
    assert summary([e, w], 6) == "2 problems (1 error, 1 warning) in 6 files"
    assert summary([], 6) == "no problems in 6 files"
    assert summary([e], 1) == "1 problem (1 error) in 1 file"
    assert summary([w, w], 2) == "2 problems (2 warnings) in 2 files"


def test_sort_by_path_line_col() -> None:
    ps = [Problem(Pos("b", 1, 1), "error", "1"), Problem(Pos("a", 3, 1), "error", "2"),
          Problem(Pos("a", 1, 5), "error", "3"), Problem(Pos("a", 1, 2), "error", "4")]
    assert [p.message for p in sort_problems(ps)] == ["4", "3", "2", "1"]


def test_did_you_mean() -> None:
    assert did_you_mean("kitchn", ["kitchen", "garden"]) == "did you mean 'kitchen'?"
    assert did_you_mean("zzz", ["kitchen"]) == ""
