"""A tiny, safe expression language for conditions (`if:`) and effects (`do:`).

Parsed by a tokenizer and a recursive-descent parser into frozen AST nodes and
evaluated by walking them; content text is never handed to Python's eval.

    condition := or
    or        := and ("or" and)*
    and       := not ("and" not)*
    not       := "not" not | cmp
    cmp       := sum (("=="|"!="|"<"|"<="|">"|">=") sum)?      # not chainable
    sum       := unary (("+"|"-") unary)*
    unary     := "-" unary | atom
    atom      := INT | STRING | true | false | NAME | visits "(" NAME ("." NAME)? ")" | "(" or ")"
    effects   := effect (";" effect)*      effect := NAME ("="|"+="|"-=") or
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Iterator, Mapping, Protocol, Union

from .problems import did_you_mean

Value = Union[bool, int, str]
MAX_LENGTH = 2000  # a condition longer than this is a content mistake, and bounds recursion


class ExprError(Exception):
    def __init__(self, message: str, column: int, hint: str = "") -> None:
        super().__init__(f"{message} (column {column})")
        self.message = message
        self.column = column
        self.hint = hint


# --- AST ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Lit:
    value: Value
    col: int


@dataclass(frozen=True, slots=True)
class Var:
    name: str
    col: int


@dataclass(frozen=True, slots=True)
class Visits:
    node: str  # as written ("kitchen" or "home.kitchen"); the loader makes it a full id
    col: int


@dataclass(frozen=True, slots=True)
class Not:
    operand: "Expr"
    col: int


@dataclass(frozen=True, slots=True)
class Neg:
    operand: "Expr"
    col: int


@dataclass(frozen=True, slots=True)
class Binary:
    op: str  # and or == != < <= > >= + -
    left: "Expr"
    right: "Expr"
    col: int  # of the operator


Expr = Union[Lit, Var, Visits, Not, Neg, Binary]


@dataclass(frozen=True, slots=True)
class Effect:
    name: str
    op: str  # = += -=
    value: Expr
    col: int


# --- tokens -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # name int str op end
    text: str
    col: int
    value: Value | None = None


_OPS = ("==", "!=", "<=", ">=", "+=", "-=", "<", ">", "+", "-", "=", "(", ")", ".", ";")
_KEYWORDS = {"and", "or", "not", "true", "false"}
RESERVED_WORDS = frozenset(_KEYWORDS | {"visits"})  # cannot be variable names
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_INT = re.compile(r"[0-9]+")
_FOREIGN = {"&&": "write 'and'", "||": "write 'or'", "!": "write 'not'", "&": "write 'and'", "|": "write 'or'"}


def _tokens(text: str) -> list[_Tok]:
    if len(text) > MAX_LENGTH:
        raise ExprError(f"the expression is too long (over {MAX_LENGTH} characters)", 1)
    out: list[_Tok] = []
    i = 0
    while i < len(text):
        ch = text[i]
        col = i + 1
        if ch in " \t\r\n":
            i += 1
            continue
        if ch in "\"'":
            j, chars = i + 1, []
            while j < len(text) and text[j] != ch:
                if text[j] == "\\" and j + 1 < len(text):
                    j += 1
                chars.append(text[j])
                j += 1
            if j >= len(text):
                raise ExprError("a quoted text is not closed", col, f"add the closing {ch}")
            out.append(_Tok("str", text[i:j + 1], col, "".join(chars)))
            i = j + 1
            continue
        m = _INT.match(text, i)
        if m:
            out.append(_Tok("int", m.group(), col, int(m.group())))
            i = m.end()
            continue
        m = _NAME.match(text, i)
        if m:
            out.append(_Tok("name", m.group(), col))
            i = m.end()
            continue
        for foreign, hint in _FOREIGN.items():
            if text.startswith(foreign, i) and not text.startswith("!=", i):
                raise ExprError(f"unexpected '{foreign}'", col, hint)
        for op in _OPS:
            if text.startswith(op, i):
                out.append(_Tok("op", op, col))
                i += len(op)
                break
        else:
            raise ExprError(f"unexpected character '{ch}'", col)
    out.append(_Tok("end", "", len(text) + 1))
    return out


def _show(tok: _Tok) -> str:
    return "the end of the expression" if tok.kind == "end" else f"'{tok.text}'"


class _Parser:
    def __init__(self, text: str) -> None:
        self.toks = _tokens(text)
        self.i = 0

    @property
    def tok(self) -> _Tok:
        return self.toks[self.i]

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def at(self, kind: str, *texts: str) -> bool:
        tok = self.tok
        if tok.kind != kind:
            return False
        return not texts or tok.text in texts

    def expect_op(self, text: str, what: str) -> _Tok:
        if not self.at("op", text):
            raise ExprError(f"expected {what}, found {_show(self.tok)}", self.tok.col)
        return self.take()

    def finish(self) -> None:
        tok = self.tok
        if tok.kind != "end":
            hint = "use == to compare" if tok.text == "=" else ""
            raise ExprError(f"unexpected {_show(tok)}", tok.col, hint)

    def or_(self) -> Expr:
        left = self.and_()
        while self.at("name", "or"):
            op = self.take()
            left = Binary("or", left, self.and_(), op.col)
        return left

    def and_(self) -> Expr:
        left = self.not_()
        while self.at("name", "and"):
            op = self.take()
            left = Binary("and", left, self.not_(), op.col)
        return left

    def not_(self) -> Expr:
        if self.at("name", "not"):
            op = self.take()
            return Not(self.not_(), op.col)
        return self.cmp()

    def cmp(self) -> Expr:
        left = self.sum()
        if self.at("op", "==", "!=", "<", "<=", ">", ">="):
            op = self.take()
            left = Binary(op.text, left, self.sum(), op.col)
            if self.at("op", "==", "!=", "<", "<=", ">", ">="):
                raise ExprError("comparisons cannot be chained", self.tok.col, "join two comparisons with 'and'")
        return left

    def sum(self) -> Expr:
        left = self.unary()
        while self.at("op", "+", "-"):
            op = self.take()
            left = Binary(op.text, left, self.unary(), op.col)
        return left

    def unary(self) -> Expr:
        if self.at("op", "-"):
            op = self.take()
            return Neg(self.unary(), op.col)
        return self.atom()

    def atom(self) -> Expr:
        tok = self.tok
        if tok.kind in ("int", "str"):
            self.take()
            assert tok.value is not None
            return Lit(tok.value, tok.col)
        if tok.kind == "op" and tok.text == "(":
            self.take()
            inner = self.or_()
            self.expect_op(")", "')'")
            return inner
        if tok.kind == "name":
            if tok.text in ("true", "false"):
                self.take()
                return Lit(tok.text == "true", tok.col)
            if tok.text in _KEYWORDS:
                raise ExprError(f"expected a value, found '{tok.text}'", tok.col)
            self.take()
            if tok.text == "visits" and self.at("op", "("):
                return self.visits(tok)
            return Var(tok.text, tok.col)
        raise ExprError(f"expected a value, found {_show(tok)}", tok.col)

    def visits(self, name: _Tok) -> Visits:
        self.take()  # "("
        if not self.at("name"):
            raise ExprError(f"visits() needs a node name, found {_show(self.tok)}", self.tok.col)
        parts = [self.take().text]
        if self.at("op", "."):
            self.take()
            if not self.at("name"):
                raise ExprError(f"expected a node name after '.', found {_show(self.tok)}", self.tok.col)
            parts.append(self.take().text)
        self.expect_op(")", "')'")
        return Visits(".".join(parts), name.col)


def _guard(fn: Callable[[], object], text: str) -> object:
    try:
        return fn()
    except RecursionError:
        raise ExprError("the expression is nested too deeply", 1) from None


def parse_condition(text: str) -> Expr:
    def run() -> Expr:
        parser = _Parser(text)
        if parser.at("end"):
            raise ExprError("the condition is empty", 1)
        expr = parser.or_()
        parser.finish()
        return expr
    return _guard(run, text)  # type: ignore[return-value]


def parse_effects(text: str) -> tuple[Effect, ...]:
    def run() -> tuple[Effect, ...]:
        parser = _Parser(text)
        effects: list[Effect] = []
        while not parser.at("end"):
            if parser.at("op", ";"):
                parser.take()
                continue
            tok = parser.tok
            if tok.kind != "name" or tok.text in _KEYWORDS or tok.text == "visits":
                raise ExprError(f"expected a variable name, found {_show(tok)}", tok.col)
            parser.take()
            if not parser.at("op", "=", "+=", "-="):
                hint = "use = to set a variable" if parser.at("op", "==") else ""
                raise ExprError(f"expected =, += or -= after '{tok.text}', found {_show(parser.tok)}",
                                parser.tok.col, hint)
            op = parser.take()
            effects.append(Effect(tok.text, op.text, parser.or_(), tok.col))
            if not parser.at("end") and not parser.at("op", ";"):
                raise ExprError(f"expected ';' between effects, found {_show(parser.tok)}", parser.tok.col)
        if not effects:
            raise ExprError("there is nothing to do", 1)
        return tuple(effects)
    return _guard(run, text)  # type: ignore[return-value]


# --- walking ------------------------------------------------------------------------
def _children(expr: Expr) -> tuple[Expr, ...]:
    if isinstance(expr, (Not, Neg)):
        return (expr.operand,)
    if isinstance(expr, Binary):
        return (expr.left, expr.right)
    return ()


def walk(expr: Expr) -> Iterator[Expr]:
    yield expr
    for child in _children(expr):
        yield from walk(child)


def map_visits(expr: Expr, fn: Callable[[Visits], Visits]) -> Expr:
    """A copy of `expr` with every visits() reference passed through `fn`."""
    if isinstance(expr, Visits):
        return fn(expr)
    if isinstance(expr, (Not, Neg)):
        return replace(expr, operand=map_visits(expr.operand, fn))
    if isinstance(expr, Binary):
        return replace(expr, left=map_visits(expr.left, fn), right=map_visits(expr.right, fn))
    return expr


# --- types --------------------------------------------------------------------------
_TYPE_NAMES = {bool: "true/false", int: "a number", str: "a text"}


def type_name(t: type) -> str:
    return _TYPE_NAMES.get(t, t.__name__)


def _infer(expr: Expr, types: Mapping[str, type], out: list[tuple[str, int]]) -> type | None:
    """Type of `expr`, or None when it is unknown because of an error already reported."""
    if isinstance(expr, Lit):
        return type(expr.value)
    if isinstance(expr, Visits):
        return int
    if isinstance(expr, Var):
        if expr.name not in types:
            hint = did_you_mean(expr.name, types)
            out.append((f"unknown variable '{expr.name}'" + (f" ({hint})" if hint else ""), expr.col))
            return None
        return types[expr.name]
    if isinstance(expr, Not):
        t = _infer(expr.operand, types, out)
        if t not in (bool, None):
            out.append((f"'not' needs true/false, not {type_name(t)}", expr.col))
        return bool
    if isinstance(expr, Neg):
        t = _infer(expr.operand, types, out)
        if t not in (int, None):
            out.append((f"'-' needs a number, not {type_name(t)}", expr.col))
        return int
    left = _infer(expr.left, types, out)
    right = _infer(expr.right, types, out)
    op = expr.op
    if op in ("and", "or"):
        for side in (left, right):
            if side not in (bool, None):
                out.append((f"'{op}' needs true/false on both sides, not {type_name(side)}", expr.col))
        return bool
    if left is None or right is None:
        return bool if op in ("==", "!=", "<", "<=", ">", ">=") else (left or right)
    if op in ("==", "!="):
        if left is not right:
            out.append((f"cannot compare {type_name(left)} with {type_name(right)}", expr.col))
        return bool
    if op in ("<", "<=", ">", ">="):
        if left is not int or right is not int:
            out.append((f"'{op}' compares numbers, not {type_name(left)} and {type_name(right)}", expr.col))
        return bool
    if op == "+" and left is str and right is str:
        return str
    if left is not int or right is not int:
        out.append((f"'{op}' needs numbers, not {type_name(left)} and {type_name(right)}", expr.col))
        return None
    return int


def check_types(expr: Expr, var_types: Mapping[str, type], want: type | None = bool) -> list[tuple[str, int]]:
    """Static type errors as (message, column); `want` is the type the context needs."""
    out: list[tuple[str, int]] = []
    got = _infer(expr, var_types, out)
    if want is not None and got is not None and got is not want and not out:
        col = expr.col
        out.append((f"the condition should be true or false, but it is {type_name(got)}", col))
    return out


def check_effects(effects: tuple[Effect, ...], var_types: Mapping[str, type]) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for effect in effects:
        value = _infer(effect.value, var_types, out)
        if effect.name not in var_types:
            hint = did_you_mean(effect.name, var_types)
            out.append((f"unknown variable '{effect.name}'" + (f" ({hint})" if hint else ""), effect.col))
            continue
        target = var_types[effect.name]
        if effect.op != "=" and target is not int and not (target is str and effect.op == "+="):
            out.append((f"'{effect.op}' needs a number variable, but '{effect.name}' is {type_name(target)}",
                        effect.col))
        elif value is not None and value is not target:
            out.append((f"cannot set '{effect.name}' ({type_name(target)}) to {type_name(value)}", effect.col))
    return out


# --- evaluation ---------------------------------------------------------------------
class Env(Protocol):
    def var(self, name: str) -> Value: ...
    def visits(self, node: str) -> int: ...


@dataclass(slots=True)
class DictEnv:
    vars: Mapping[str, Value]
    visit_counts: Mapping[str, int]

    def var(self, name: str) -> Value:
        return self.vars[name]

    def visits(self, node: str) -> int:
        return self.visit_counts.get(node, 0)


def evaluate(expr: Expr, env: Env) -> Value:
    # Dispatch on the exact class: the path search evaluates millions of conditions, and a chain of isinstance calls
    # was a fifth of its time. The expression classes are final (frozen, slotted, never subclassed).
    kind = type(expr)
    if kind is Lit:
        return expr.value  # type: ignore[union-attr]
    if kind is Var:
        return env.var(expr.name)  # type: ignore[union-attr]
    if kind is Visits:
        return env.visits(expr.node)  # type: ignore[union-attr]
    if kind is Not:
        return not evaluate(expr.operand, env)  # type: ignore[union-attr]
    if kind is Neg:
        return -_int(evaluate(expr.operand, env))  # type: ignore[union-attr]
    op = expr.op  # type: ignore[union-attr]
    if op == "and":
        return bool(evaluate(expr.left, env)) and bool(evaluate(expr.right, env))  # type: ignore[union-attr]
    if op == "or":
        return bool(evaluate(expr.left, env)) or bool(evaluate(expr.right, env))  # type: ignore[union-attr]
    left, right = evaluate(expr.left, env), evaluate(expr.right, env)  # type: ignore[union-attr]
    if op == "==":
        return type(left) is type(right) and left == right  # true != 1, unlike Python
    if op == "!=":
        return not (type(left) is type(right) and left == right)
    if op == "+":
        if isinstance(left, str) and isinstance(right, str):
            return left + right
        return _int(left) + _int(right)
    if op == "-":
        return _int(left) - _int(right)
    a, b = _int(left), _int(right)
    if op == "<":
        return a < b
    if op == "<=":
        return a <= b
    if op == ">":
        return a > b
    if op == ">=":
        return a >= b
    raise KeyError(op)  # the parser makes no other operator


def _int(value: Value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a number, got {value!r}")  # the loader's type check prevents this
    return value


def apply_effects(effects: tuple[Effect, ...], vars: dict[str, Value],
                  visits: Mapping[str, int] | None = None) -> None:
    # Each effect sees the results of the ones before it: "a = 1; b = a" sets b to 1.
    for effect in effects:
        value = evaluate(effect.value, DictEnv(vars, visits or {}))
        if effect.op == "=":
            vars[effect.name] = value
        elif effect.op == "+=":
            current = vars[effect.name]
            vars[effect.name] = current + value if isinstance(current, str) else _int(current) + _int(value)  # type: ignore[operator]
        else:
            vars[effect.name] = _int(vars[effect.name]) - _int(value)


# --- text interpolation -------------------------------------------------------------
_BRACES = re.compile(r"\{\{|\}\}|[{}]")


def template_parts(text: str) -> list[tuple[str, str, int]]:
    """Split "Hi {name}!" into ("text", "Hi ", 1), ("var", "name", 5), ("text", "!", 10).

    `{{` and `}}` are literal braces. Raises ExprError on an unbalanced brace.
    """
    if "{" not in text and "}" not in text:
        return [("text", text, 1)] if text else []  # most lines: nothing to split (and loading stays fast)
    # From brace to brace, copying the text between them in one slice: a line of plain words costs one search, not
    # a Python step per character (50,000 lines with a {placeholder} each are read at every check).
    parts: list[tuple[str, str, int]] = []
    buf: list[str] = []
    buf_col = 1  # the column where the text in buf begins
    i = 0
    while True:
        m = _BRACES.search(text, i)
        start = m.start() if m else len(text)
        if start > i:
            if not buf:
                buf_col = i + 1
            buf.append(text[i:start])
        if m is None:
            break
        brace = m.group()
        if len(brace) == 2:  # {{ or }}: a literal brace
            if not buf:
                buf_col = start + 1
            buf.append(brace[0])
            i = start + 2
            continue
        if brace == "}":
            raise ExprError("a '}' without a matching '{'", start + 1, "write }} for a literal brace")
        close = text.find("}", start + 1)
        if close < 0:
            raise ExprError("a '{' is not closed", start + 1, "write {{ for a literal brace")
        name = text[start + 1:close].strip()
        if not _NAME.fullmatch(name):
            raise ExprError(f"'{{{text[start + 1:close]}}}' should hold a variable name", start + 1,
                            "write {{ and }} for literal braces")
        if buf:
            parts.append(("text", "".join(buf), buf_col))
            buf = []
        parts.append(("var", name, start + 1))
        i = close + 1
    if buf:
        parts.append(("text", "".join(buf), buf_col))
    return parts


def show_value(value: Value) -> str:
    return str(value)


def interpolate(text: str, vars: Mapping[str, Value]) -> str:
    if "{" not in text and "}" not in text:
        return text  # most lines hold no placeholder
    try:
        parts = template_parts(text)
    except ExprError:
        return text  # the loader already reported it; show the author's text as written
    return "".join(show_value(vars.get(p, "?")) if kind == "var" else p for kind, p, _ in parts)
