from yaml.nodes import MappingNode

from game.story.problems import Pos
from game.story.yamlsrc import Reader, parse_yaml, pos_in_scalar, pos_of

P = "dialogue/en/x.yaml"


def fmt(problems) -> list[str]:
    return [p.format() for p in problems]


def test_positions_are_one_based() -> None:
    node, problems = parse_yaml(b"a:\n  b: 1\n", P)
    assert problems == [] and isinstance(node, MappingNode)
    inner = node.value[0][1]
    assert pos_of(inner.value[0][0], P) == Pos(P, 2, 3)


def test_bom_is_warning_and_stripped() -> None:
    node, problems = parse_yaml(b"\xef\xbb\xbfa: 1\n", P)
    assert node is not None and node.value[0][0].value == "a"
    assert fmt(problems) == [f"{P}:1:1: warning: file starts with a byte-order mark "
                             "(save the file as UTF-8 without BOM)"]


def test_non_utf8_reports_line_and_col() -> None:
    node, problems = parse_yaml(b"a: 1\nbb: \xe9t\xe9\n", P)
    assert node is None
    assert len(problems) == 1 and problems[0].pos == Pos(P, 2, 5) and problems[0].severity == "error"
    assert "UTF-8" in problems[0].message


def test_empty_and_comment_only() -> None:
    for data in (b"", b"  \n\n", b"# just a comment\n"):
        node, problems = parse_yaml(data, P)
        assert node is None
        assert [(p.pos, p.severity, p.message) for p in problems] == [(Pos(P, 1, 1), "error", "the file is empty")]


def test_tab_indentation() -> None:
    node, problems = parse_yaml(b"a:\n  b: 1\n \tc: 2\n", P)
    assert node is None
    assert fmt(problems) == [f"{P}:3:2: error: a tab character is used for indentation (use spaces)"]


def test_tab_inside_text_is_fine() -> None:
    node, problems = parse_yaml(b'a: "x\ty"\n', P)
    assert node is not None and problems == []


def test_syntax_error_at_parser_mark() -> None:
    node, problems = parse_yaml(b"a: 1\nb: c: d\n", P)
    assert node is None
    assert fmt(problems) == [f"{P}:2:5: error: unexpected ':' (a colon followed by a space) "
                             "(put text that contains ': ' in quotes)"]


def test_unclosed_flow_list() -> None:
    _, problems = parse_yaml(b"x: [1, 2\ny: 3\n", P)
    assert problems[0].pos == Pos(P, 2, 2)
    assert "line 1" in problems[0].hint


def test_two_documents() -> None:
    _, problems = parse_yaml(b"a: 1\n---\nb: 2\n", P)
    assert fmt(problems) == [f"{P}:2:1: error: only one document is allowed in a file (remove the extra '---')"]


def test_deep_nesting_never_raises() -> None:
    for data in (b"[" * 10000, b"{a: " * 5000, b"- " * 10000 + b"x", b"[" * 200_000):
        node, problems = parse_yaml(data, P)
        assert node is None and problems and problems[0].severity == "error"


def test_recursive_alias_and_alias_bomb() -> None:
    node, problems = parse_yaml(b"a: &x [1, *x]\n", P)
    assert node is None and "alias" in problems[0].message
    bomb = b"a: &a [1,1,1,1,1,1,1,1,1,1]\n" + b"".join(
        b"%c: &%c [%s]\n" % (c, c, b",".join([b"*" + bytes([c - 1])] * 10)) for c in b"bcdefgh")
    node, problems = parse_yaml(bomb, P)
    assert node is None and "too much" in problems[0].message


def test_merge_keys_rejected() -> None:
    node, problems = parse_yaml(b"base: &b {x: 1}\nthing:\n  <<: *b\n", P)
    assert node is None
    assert fmt(problems) == [f"{P}:3:3: error: merge keys ('<<') are not supported (write the keys out in full)"]


def test_control_character() -> None:
    node, problems = parse_yaml(b"a: 1\nb: x\x01\n", P)
    assert node is None and problems[0].pos == Pos(P, 2, 5)


def reader_for(text: bytes):
    node, problems = parse_yaml(text, P)
    assert node is not None, problems
    return Reader(P), node


def test_mapping_duplicate_unknown_missing() -> None:
    r, node = reader_for(b"id: a\ntext: hi\ntxt: x\ntext: again\n")
    m = r.mapping(node, "a line", {"id", "text", "say"}, {"face"})
    assert m is not None and m["text"][1].value == "hi"
    assert fmt(r.problems) == [
        f"{P}:3:1: error: unknown key 'txt' in a line (did you mean 'text'?)",
        f"{P}:4:1: error: duplicate key 'text' (first at line 2)",
        f"{P}:1:1: error: a line is missing the key 'say'",
    ]


def test_mapping_wrong_shape() -> None:
    r, node = reader_for(b"- 1\n- 2\n")
    assert r.mapping(node, "a line", {"id"}) is None
    assert fmt(r.problems) == [f"{P}:1:1: error: a line should be a mapping (key: value lines), found a list"]


def test_scalars() -> None:
    r, node = reader_for(b"a: true\nb: yes\nc: 12\nd: '12'\ne: Bad-Id\nf: ok_1\ng: 0x1f\nh: [1]\ni: FALSE\n")
    v = {k.value: val for k, val in node.value}
    assert r.boolean(v["a"], "a") is True
    assert r.boolean(v["i"], "i") is False
    assert r.boolean(v["b"], "b") is None  # 'yes' is a word, not a bool
    assert r.integer(v["c"], "c") == 12
    assert r.integer(v["d"], "d") is None  # quoted: a text
    assert r.integer(v["g"], "g") == 31
    assert r.string(v["d"], "d") == "12"
    assert r.ident(v["e"], "the id") is None
    assert r.ident(v["f"], "the id") == "ok_1"
    assert r.seq(v["h"], "h") is not None and r.seq(v["a"], "a") is None
    assert [p.pos.line for p in r.problems] == [2, 4, 5, 1]
    assert "lower-case" in r.problems[2].hint


def test_scalar_value_types() -> None:
    r, node = reader_for(b"a: false\nb: -3\nc: hello\nd: 'true'\ne: no\nf: 1.5\n")
    v = {k.value: val for k, val in node.value}
    assert r.scalar_value(v["a"]) is False
    assert r.scalar_value(v["b"]) == -3
    assert r.scalar_value(v["c"]) == "hello"
    assert r.scalar_value(v["d"]) == "true"
    assert r.scalar_value(v["e"]) == "no"
    assert [(p.severity, p.pos.line) for p in r.problems] == [("warning", 5)]
    assert r.scalar_value(v["f"]) is None
    assert r.problems[-1].severity == "error"


def test_pos_in_scalar() -> None:
    node, _ = parse_yaml(b'a: "x + y"\nb: x + y\n', P)
    assert pos_in_scalar(node.value[0][1], P, 3) == Pos(P, 1, 7)
    assert pos_in_scalar(node.value[1][1], P, 3) == Pos(P, 2, 6)


def test_core_tags_of_plain_scalars_are_those_of_the_core_schema():
    """core_tag() answers at once for a scalar no core pattern can match; every other is matched as before."""
    import yaml

    from game.story.yamlsrc import _CORE, TAG_STR, core_tag

    def slow(value: str) -> str:
        return next((tag for tag, pattern in _CORE if pattern.match(value)), TAG_STR)

    values = ["", "~", "null", "Null", "NULL", "true", "False", "TRUE", "yes", "no", "on", "010", "0o17", "0x1F", "-5",
              "+5", "1.5", ".5", "-.inf", ".NaN", "1e3", "2026-01-01", "meera", "id", "text", "Tea & more", "nullx",
              "t", "f", "n", "_x", "é", "0", "5 apples", ".hidden", "-", "+"]
    for value in values:
        node = yaml.ScalarNode("tag:yaml.org,2002:str", value, style=None)
        assert core_tag(node) == slow(value), value
