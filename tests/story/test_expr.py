import pytest

from game.story.expr import (Binary, DictEnv, ExprError, Lit, Not, Var, Visits, apply_effects, check_effects,
                             check_types, evaluate, interpolate, parse_condition, parse_effects, template_parts)

TYPES = {"helped": bool, "trust": int, "name": str}


def ev(text: str, vars=None, visits=None):
    return evaluate(parse_condition(text), DictEnv(vars or {"helped": False, "trust": 2, "name": "Ravi"},
                                                   visits or {}))


def test_precedence() -> None:
    e = parse_condition("not a or b and c == 1 + 2")
    assert isinstance(e, Binary) and e.op == "or"
    assert e.left == Not(Var("a", 5), 1)
    assert e.right.op == "and" and e.right.right.op == "==" and e.right.right.right.op == "+"


@pytest.mark.parametrize("text, expected", [
    ("true", True), ("not helped", True), ("trust + 1 > 2", True), ("trust - 3 == -1", True),
    ("-(trust) < 0", True), ("name == 'Ravi'", True), ('name != "Ravi"', False), ("helped or trust >= 2", True),
    ("helped and nope", False),  # short circuit: 'nope' is never looked up
    ("(1 + 2) - 3 == 0", True), ("1 - 2 - 3 == -4", True), ("trust <= 2 and trust > 1", True),
])
def test_evaluate(text: str, expected: object) -> None:
    assert ev(text) is expected


def test_visits() -> None:
    assert parse_condition("visits(home.kitchen) > 1") == Binary(">", Visits("home.kitchen", 1), Lit(1, 24), 22)
    assert ev("visits(home.kitchen) == 2", visits={"home.kitchen": 2}) is True
    assert ev("visits(home.other) == 0") is True


@pytest.mark.parametrize("text, message, column", [
    ("a = 1", "unexpected '='", 3),
    ("a < b < c", "comparisons cannot be chained", 7),
    ("x && y", "unexpected '&&'", 3),
    ("'open", "a quoted text is not closed", 1),
    ("(a", "expected ')', found the end of the expression", 3),
    ("", "the condition is empty", 1),
    ("not", "expected a value, found the end of the expression", 4),
    ("visits()", "visits() needs a node name, found ')'", 8),
    ("a $ b", "unexpected character '$'", 3),
    ("a b", "unexpected 'b'", 3),
])
def test_syntax_errors(text: str, message: str, column: int) -> None:
    with pytest.raises(ExprError) as info:
        parse_condition(text)
    assert (info.value.message, info.value.column) == (message, column)


def test_deep_parentheses_are_an_error_not_a_crash() -> None:
    with pytest.raises(ExprError):
        parse_condition("(" * 1500 + "1" + ")" * 1500)


def test_type_errors() -> None:
    assert check_types(parse_condition("trust == 'x'"), TYPES) == [("cannot compare a number with a text", 7)]
    assert check_types(parse_condition("not trust"), TYPES) == [("'not' needs true/false, not a number", 1)]
    assert check_types(parse_condition("helped + helped"), TYPES) == [
        ("'+' needs numbers, not true/false and true/false", 8)]
    assert check_types(parse_condition("trust + 1"), TYPES) == [
        ("the condition should be true or false, but it is a number", 7)]
    assert check_types(parse_condition("helpd"), TYPES) == [("unknown variable 'helpd' (did you mean 'helped'?)", 1)]
    assert check_types(parse_condition("name < 'z'"), TYPES) == [("'<' compares numbers, not a text and a text", 6)]
    assert check_types(parse_condition("not helped and visits(x) > trust"), TYPES) == []


def test_effects_parse_and_apply() -> None:
    effects = parse_effects("helped = true; trust += 2;trust -= 1 ; name = name + '!'")
    assert [(e.name, e.op, e.col) for e in effects] == [("helped", "=", 1), ("trust", "+=", 16),
                                                         ("trust", "-=", 27), ("name", "=", 40)]
    vars = {"helped": False, "trust": 0, "name": "R"}
    apply_effects(effects, vars)
    assert vars == {"helped": True, "trust": 1, "name": "R!"}


def test_effects_see_earlier_effects() -> None:
    vars = {"a": 0, "b": 0}
    apply_effects(parse_effects("a = 5; b = a + 1"), vars)
    assert vars == {"a": 5, "b": 6}


@pytest.mark.parametrize("text, message, column", [
    ("trust == 1", "expected =, += or -= after 'trust', found '=='", 7),
    ("", "there is nothing to do", 1),
    ("trust += 1 helped = true", "expected ';' between effects, found 'helped'", 12),
    ("1 = 2", "expected a variable name, found '1'", 1),
])
def test_effect_syntax_errors(text: str, message: str, column: int) -> None:
    with pytest.raises(ExprError) as info:
        parse_effects(text)
    assert (info.value.message, info.value.column) == (message, column)


def test_effect_type_errors() -> None:
    assert check_effects(parse_effects("helped += 1"), TYPES) == [
        ("'+=' needs a number variable, but 'helped' is true/false", 1)]
    assert check_effects(parse_effects("trust = 'lots'"), TYPES) == [("cannot set 'trust' (a number) to a text", 1)]
    assert check_effects(parse_effects("x = 1"), TYPES) == [("unknown variable 'x'", 1)]
    assert check_effects(parse_effects("trust += trust; name += 'x'; helped = not helped"), TYPES) == []


def test_templates() -> None:
    assert template_parts("Hi {name}!") == [("text", "Hi ", 1), ("var", "name", 4), ("text", "!", 10)]
    assert interpolate("{{x}} {name} {{", {"name": "Ravi"}) == "{x} Ravi {"
    assert interpolate("{helped}", {"helped": True}) == "True"
    for bad, col in (("a } b", 3), ("{name", 1), ("{1x}", 1)):
        with pytest.raises(ExprError) as info:
            template_parts(bad)
        assert info.value.column == col
