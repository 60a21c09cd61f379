"""YAML with source positions, for content written by hand.

We compose (not construct) so every node keeps its start mark and nothing but plain
scalars, lists and mappings can come out of a file. `parse_yaml` never raises: bad
input becomes Problems pointing at a line and column.
"""

from __future__ import annotations

import codecs
import contextlib
import gc
import re
from typing import TYPE_CHECKING, Iterable, Iterator

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Pos, Problem, did_you_mean

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "Node", "MappingNode", "ScalarNode", "SequenceNode",
    "parse_yaml", "pos_of", "pos_in_scalar", "core_tag", "Reader", "IDENT_RE", "IDENT_HINT",
    "read_limited", "checked_text", "compose_checked", "plain_tag", "quoted_scalar",
]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
try:
    from yaml._yaml import Mark as _Mark  # the marks libyaml's composer gives (made in C: a third of the cost)
except ImportError:
    _Mark = yaml.Mark  # type: ignore[misc,assignment]

# libyaml's composer recurses in C: very deep nesting crashes the process instead of
# raising, and its flow scanner is slow on thousands of '['. Content never needs more
# than a dozen levels, so refuse anything that *could* be deeper than this.
MAX_DEPTH = 500
# Aliases share nodes, so a tiny file can expand to billions of nodes ("billion laughs").
MAX_EXPANDED_NODES = 200_000

TAG_STR = "tag:yaml.org,2002:str"
TAG_INT = "tag:yaml.org,2002:int"
TAG_BOOL = "tag:yaml.org,2002:bool"
TAG_NULL = "tag:yaml.org,2002:null"
TAG_FLOAT = "tag:yaml.org,2002:float"
TAG_MERGE = "tag:yaml.org,2002:merge"

IDENT_RE = re.compile(r"[a-z][a-z0-9_]*\Z")
IDENT_HINT = "use lower-case letters a-z, digits and underscores, starting with a letter"


def pos_of(node: Node, path: str) -> Pos:
    mark = node.start_mark
    return Pos(path, mark.line + 1, mark.column + 1)


def pos_in_scalar(node: Node, path: str, column: int) -> Pos:
    """Position of the 1-based `column` of a scalar's text, exact for one-line scalars."""
    base = pos_of(node, path)
    if not isinstance(node, ScalarNode) or node.style in ("|", ">"):
        return base
    if node.start_mark.line != node.end_mark.line:
        return base  # folded over lines: the start of the value is the best we can do
    quote = 1 if node.style in ('"', "'") else 0
    return Pos(path, base.line, base.col + quote + max(column, 1) - 1)


# --- YAML 1.2 core schema -------------------------------------------------------
# PyYAML resolves plain scalars with YAML 1.1 rules, where `yes`, `no`, `on`, `off`
# are booleans and `010` is octal. Teachers write `no` meaning the word, so plain
# scalars are re-resolved with the stricter core schema.
_CORE = [
    (TAG_NULL, re.compile(r"(?:~|null|Null|NULL|)\Z")),
    (TAG_BOOL, re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")),
    (TAG_INT, re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")),
    (TAG_FLOAT, re.compile(
        r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)\Z")),
]
# Every text a _CORE pattern matches starts with one of these (or is empty: null).
_CORE_FIRST = frozenset("~nNtTfF+-.0123456789")
_DEFAULT_TAGS = {TAG_STR, TAG_INT, TAG_BOOL, TAG_NULL, TAG_FLOAT,
                 "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value", "tag:yaml.org,2002:yaml"}


class _Loader(_LOADER):  # type: ignore[valid-type,misc]
    """Every node written without a tag gets the plain tag of its kind. PyYAML would resolve each plain scalar by its
    YAML 1.1 rules (a loop of regular expressions in Python, a fifth of composing a long file) only for core_tag()
    to resolve it again by the core schema's; a default tag is what core_tag() reads as "plain, resolve me". A plain
    '<<' (a merge key) is refused by _walk_problems, which looks at its text."""

    _TAGS = {ScalarNode: TAG_STR, SequenceNode: "tag:yaml.org,2002:seq", MappingNode: "tag:yaml.org,2002:map"}

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return self._TAGS[kind]


def core_tag(node: ScalarNode) -> str:
    if node.style or node.tag not in _DEFAULT_TAGS:  # plain style is None (Python) or "" (libyaml)
        return node.tag  # quoted or explicitly tagged: the author said what they meant
    if node.tag == TAG_MERGE:
        return node.tag
    return plain_tag(node.value)


def plain_tag(value: str) -> str:
    """The core schema's tag of a plain (unquoted, untagged) scalar with this text."""
    if value and value[0] not in _CORE_FIRST:
        return TAG_STR  # most plain scalars (ids, keys, words): no core pattern can match what they start with
    for tag, pattern in _CORE:
        if pattern.match(value):
            return tag
    return TAG_STR


def quoted_scalar(path: str, value: str, index: int, line: int, column: int) -> ScalarNode:
    """The node libyaml composes for a one-line double-quoted scalar without escapes whose opening quote is at the
    0-based ``line`` and ``column`` (``index``: its character offset), for a reader that found one itself."""
    width = len(value) + 2  # the quotes
    return ScalarNode(TAG_STR, value, _Mark(path, index, line, column, None, None),
                      _Mark(path, index + width, line, column + width, None, None), '"')


def _core_bool(text: str) -> bool:
    return text.lower() == "true"


def _core_int(text: str) -> int:
    if text.startswith(("0o", "0x")):
        return int(text, 0)
    return int(text, 10)


# --- parsing ----------------------------------------------------------------------
def _line_col(text: str, index: int) -> tuple[int, int]:
    index = max(0, min(index, len(text)))
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def _decode(data: bytes, path: str, problems: list[Problem]) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        problems.append(Problem(Pos(path, 1, 1), "warning", "file starts with a byte-order mark",
                                "save the file as UTF-8 without BOM"))
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode("utf-8", errors="replace")
        line, col = _line_col(prefix, len(prefix))
        problems.append(Problem(Pos(path, line, col), "error",
                                f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                                "save the file with UTF-8 encoding"))
        return None


def _tab_problems(text: str, path: str) -> list[Problem]:
    if "\t" not in text:
        return []  # every shipped file: one search instead of a Python step per line
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        col = line.find("\t", 0, indent)
        if col >= 0 and line.strip():
            found.append(Problem(Pos(path, number, col + 1), "error",
                                 "a tab character is used for indentation", "use spaces"))
    return found


_LEAD = re.compile(r"^[ \t\-?:]*", re.MULTILINE)
_LINE_LEAD = re.compile(r"[ \t\-?:]*")
_DEPTH_MARKS = re.compile(r"\A|[\[\]{}\n]")
_BRACKETS = re.compile(r"[\[\]{}]")
# '&' and a character an anchor's name may start with (anything but a space, a line break or ,[]{}: YAML's own rule).
_ANCHOR = re.compile(r"&[^\s,\[\]{}]")
# A line led by at least _WIDE_LEAD of _LEAD's characters. Searching for one (from a line break: a literal the regex
# engine skips to) is ten times cheaper than measuring every line's lead, and real files never have one.
_WIDE_LEAD = 32
_WIDE_LINE = re.compile(r"\n[ \t\-?:]{%d}" % _WIDE_LEAD)
_WIDE_FIRST_LINE = re.compile(r"[ \t\-?:]{%d}" % _WIDE_LEAD)


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a large tree is built: the collector would walk every node made so far
    again and again (composing 20,000 nodes took 7.9 s with it, 1.6 s without). The tree has no cycles to collect."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _depth_problem(text: str, path: str) -> Problem | None:
    # A cheap upper bound of the nesting depth: flow brackets still open plus the
    # width of a line's leading indentation and "- " / "? " / ": " indicators.
    # Fast path (every shipped file): too few brackets and too little indentation to ever get deep.
    brackets = text.count("[") + text.count("{")
    if brackets + _WIDE_LEAD - 1 <= MAX_DEPTH and not _WIDE_LINE.search(text) and not _WIDE_FIRST_LINE.match(text):
        return None  # every lead is narrower than _WIDE_LEAD: the bound below holds without measuring each one
    indent = max((len(m) for m in _LEAD.findall(text)), default=0)
    if brackets + indent <= MAX_DEPTH:
        return None
    # Many brackets, but closed again soon ("[see]" on every line): the deepest they ever get, plus the widest
    # indentation, bounds every depth the exact scan below would find. A pass over the brackets only.
    flow = deepest = 0
    for ch in _BRACKETS.findall(text):
        if ch in "[{":
            flow += 1
            deepest = max(deepest, flow)
        else:
            flow = max(0, flow - 1)
    if deepest + indent <= MAX_DEPTH:
        return None
    # Only brackets and line starts matter: the regex engine skips everything else, so a long file full of ordinary
    # {name} placeholders costs a step per bracket and line, not a Python step per character.
    flow = 0
    for m in _DEPTH_MARKS.finditer(text):
        ch, index = m.group(), m.start()
        if not ch or ch == "\n":  # the start of a line ('' is the start of the file)
            start = index + 1 if ch else 0
            indent = len(_LINE_LEAD.match(text, start).group())  # type: ignore[union-attr]
            if flow + indent > MAX_DEPTH:
                line, _ = _line_col(text, start)
                return Problem(Pos(path, line, 1), "error", "the content is nested too deeply",
                               "a dialogue file needs only a few levels of indentation")
        elif ch in "[{":
            flow += 1
            if flow > MAX_DEPTH:
                line, col = _line_col(text, index)
                return Problem(Pos(path, line, col), "error", "the content is nested too deeply",
                               "check for unclosed '[' or '{'")
        else:
            flow = max(0, flow - 1)
    return None


_READABLE = [
    ("found character that cannot start any token", "this character cannot start a value",
     "put text that starts with a special character like @ ` % | > in quotes"),
    ("mapping values are not allowed in this context", "unexpected ':' (a colon followed by a space)",
     "put text that contains ': ' in quotes"),
    ("but found another document", "only one document is allowed in a file", "remove the extra '---'"),
    ("could not find expected ':'", "expected 'key: value' here", "check for a missing ':' or a stray line"),
    ("did not find expected key", "this line does not line up with the lines above it", "check the indentation"),
    ("did not find expected '-' indicator", "this line does not line up with the list above it",
     "check the indentation"),
    ("found unexpected end of stream", "the file ends in the middle of a value", "check for a missing closing quote"),
    ("found undefined alias", "this alias ('*name') refers to an anchor ('&name') that is not defined", ""),
    ("while scanning a quoted scalar", "a quoted text is not closed", "add the closing quote"),
]
_TOKENS = {"<block end>": "the end of the block", "<scalar>": "a value", "<block mapping start>": "a new mapping",
           "<block sequence start>": "a new list", "<block entry>": "a '-' list item", "<flow mapping end>": "'}'",
           "<flow sequence end>": "']'", "<document start>": "'---'", "<key>": "a key", "<value>": "a value",
           "<stream end>": "the end of the file", "<anchor>": "an anchor", "<alias>": "an alias"}


def _readable(exc: yaml.MarkedYAMLError) -> tuple[str, str]:
    problem = exc.problem or "syntax error"
    context = exc.context or ""
    for needle, message, hint in _READABLE:
        if needle in problem or needle in context:
            return message, hint
    for token, words in _TOKENS.items():
        problem = problem.replace(token, words)
    hint = ""
    if context and exc.context_mark is not None:
        hint = f"{context.replace('while ', '')} that starts at line {exc.context_mark.line + 1}"
    return f"YAML syntax error: {problem}", hint


def _walk_problems(root: Node, path: str) -> list[Problem]:
    """Reject merge keys, self-containing aliases and alias bombs, without recursion."""
    problems: list[Problem] = []
    state: dict[int, int] = {}  # id -> 1 visiting, 2 done
    size: dict[int, int] = {}
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        key = id(node)
        children: list[Node]
        if isinstance(node, MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, SequenceNode):
            children = list(node.value)
        else:
            children = []
        if leaving:
            state[key] = 2
            size[key] = 1 + sum(size.get(id(c), 1) for c in children)
            # What aliases add beyond the nodes really written (len(state) counts those seen so far, at least the ones
            # inside this value): a long file with one '&' is fine, a bomb of nested aliases is not.
            if size[key] - len(state) > MAX_EXPANDED_NODES:
                problems.append(Problem(pos_of(node, path), "error", "aliases expand to far too much content", ""))
                return problems
            continue
        if state.get(key) == 2:
            continue
        if state.get(key) == 1:
            problems.append(Problem(pos_of(node, path), "error", "an alias refers to a value that contains it",
                                    "remove the '*' alias"))
            return problems
        state[key] = 1
        if isinstance(node, MappingNode):
            for k, _ in node.value:
                if isinstance(k, ScalarNode) and (k.tag == TAG_MERGE or (not k.style and k.value == "<<")):
                    problems.append(Problem(pos_of(k, path), "error", "merge keys ('<<') are not supported",
                                            "write the keys out in full"))
        stack.append((node, True))
        for child in reversed(children):
            if state.get(id(child)) == 1:
                problems.append(Problem(pos_of(child, path), "error", "an alias refers to a value that contains it",
                                        "remove the '*' alias"))
                return problems
            if state.get(id(child)) != 2:
                stack.append((child, False))
    return problems


def read_yaml_file(file: "Path", path: str, problems: list[Problem]) -> Node | None:
    """Read and parse one file (``path`` is how messages name it); None when it cannot be read or parsed, with the
    reason in ``problems``."""
    data = read_limited(file, path, problems)
    if data is None:
        return None
    node, found = parse_yaml(data, path)
    problems += found
    return node


def read_limited(file: "Path", path: str, problems: list[Problem]) -> bytes | None:
    """The bytes of a file no larger than MAX_FILE_BYTES; None, with the reason in ``problems``, otherwise."""
    from game.limits import MAX_FILE_BYTES

    try:
        with open(file, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # never more than the limit, even from a file still growing
    except OSError as exc:
        problems.append(Problem(Pos(path, 1, 1), "error", f"this file cannot be read ({exc.strerror})"))
        return None
    if len(data) > MAX_FILE_BYTES:
        problems.append(Problem(Pos(path, 1, 1), "error",
                                f"this file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, far more than any "
                                "scenario needs", "is it the right file? Split a very long scene into several"))
        return None
    return data


def parse_yaml(data: bytes, path: str) -> tuple[Node | None, list[Problem]]:
    problems: list[Problem] = []
    text = checked_text(data, path, problems)
    return (compose_checked(data, text, path, problems) if text is not None else None), problems


def _unexpected(exc: Exception, path: str) -> Problem:
    return Problem(Pos(path, 1, 1), "error", f"could not read this file: {type(exc).__name__}: {exc}")


def checked_text(data: bytes, path: str, problems: list[Problem]) -> str | None:
    """The first half of parse_yaml: the text of a file that passed every check made before composing it (valid
    UTF-8, not empty, no tab indentation, not nested too deeply); None, with the reasons in ``problems``, otherwise.
    A reader of one known layout (game/i18n/locale.py) may read such a text itself and compose only what it does
    not recognise. Never raises."""
    try:
        text = _decode(data, path, problems)
        if text is None:
            return None
        if not text.strip():
            problems.append(Problem(Pos(path, 1, 1), "error", "the file is empty"))
            return None
        tabs = _tab_problems(text, path)
        if tabs:
            problems += tabs  # YAML's own error for tabs is cryptic; ours suffices
            return None
        deep = _depth_problem(text, path)
        if deep:
            problems.append(deep)
            return None
        return text
    except Exception as exc:  # noqa: BLE001 - content must never crash the game or the linter
        problems.append(_unexpected(exc, path))
        return None


def compose_checked(data: bytes, text: str, path: str, problems: list[Problem]) -> Node | None:
    """The second half of parse_yaml: the tree of a file whose ``text`` (decoded from ``data``) checked_text passed;
    None, with the reasons in ``problems``, when it is not YAML we accept. Never raises."""
    try:
        return _compose(data, text, path, problems)
    except Exception as exc:  # noqa: BLE001
        problems.append(_unexpected(exc, path))
        return None


def _compose(data: bytes, text: str, path: str, problems: list[Problem]) -> Node | None:
    try:
        with paused_gc():
            # The bytes the text was decoded from: libyaml reads UTF-8 itself, and handed the text it would first
            # encode it back to these same bytes.
            node = yaml.compose(data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data,
                                Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message, hint = _readable(exc)
        problems.append(Problem(Pos(path, line, col), "error", message, hint))
        return None
    except yaml.reader.ReaderError as exc:
        # libyaml reports a byte offset, the pure-Python reader a character index.
        index = len(text.encode("utf-8")[: exc.position].decode("utf-8", "replace")) \
            if _LOADER is not yaml.SafeLoader else exc.position
        line, col = _line_col(text, index)
        problems.append(Problem(Pos(path, line, col), "error", f"the file contains a character YAML does not allow "
                                f"({exc.reason})", "remove invisible control characters"))
        return None
    except (RecursionError, yaml.YAMLError, ValueError) as exc:
        problems.append(Problem(Pos(path, 1, 1), "error", f"could not read this file: {exc}"))
        return None
    if node is None:
        problems.append(Problem(Pos(path, 1, 1), "error", "the file is empty", "it contains only comments"))
        return None
    # Aliases need an anchor and merge keys need '<<': without either, there is nothing to walk for. An anchor is '&'
    # and at least one character of its name, so the '&' of "Meera & Ravi" (or of "&" at a line's end) is none.
    bad = _walk_problems(node, path) if (_ANCHOR.search(text) or "<<" in text) else []
    if bad:
        problems += bad
        return None
    return node


# --- typed reading ----------------------------------------------------------------
def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping (key: value lines)"
    if isinstance(node, SequenceNode):
        return "a list"
    if core_tag(node) == TAG_NULL:
        return "nothing"
    value = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    return f"'{value}'"


class Reader:
    """Checks node shapes and collects Problems; every helper returns None on failure."""

    def __init__(self, path: str, problems: list[Problem] | None = None) -> None:
        self.path = path
        self.problems: list[Problem] = problems if problems is not None else []

    def pos(self, where: Node | Pos) -> Pos:
        return where if isinstance(where, Pos) else pos_of(where, self.path)

    def error(self, where: Node | Pos, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.pos(where), "error", message, hint))

    def warning(self, where: Node | Pos, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.pos(where), "warning", message, hint))

    def mapping(self, node: Node, what: str, required: Iterable[str] = (),
                optional: Iterable[str] = ()) -> dict[str, tuple[Node, Node]] | None:
        if not isinstance(node, MappingNode):
            self.error(node, f"{what} should be a mapping (key: value lines), found {_describe(node)}")
            return None
        required, allowed = set(required), set(required) | set(optional)
        found: dict[str, tuple[Node, Node]] = {}
        for key, value in node.value:
            if not isinstance(key, ScalarNode) or core_tag(key) != TAG_STR:
                self.error(key, f"a key in {what} should be a word, found {_describe(key)}")
                continue
            name = key.value
            if name in found:
                first = found[name][0].start_mark.line + 1
                self.error(key, f"duplicate key '{name}' (first at line {first})")
                continue
            if allowed and name not in allowed:
                self.error(key, f"unknown key '{name}' in {what}", did_you_mean(name, allowed))
                continue
            found[name] = (key, value)
        for name in sorted(required - found.keys()):
            self.error(node, f"{what} is missing the key '{name}'")
        return found

    def pairs(self, node: Node, what: str) -> dict[str, tuple[Node, Node]] | None:
        """A mapping with free keys (ids): checks shape and duplicates only."""
        return self.mapping(node, what)

    def seq(self, node: Node, what: str) -> list[Node] | None:
        if not isinstance(node, SequenceNode):
            self.error(node, f"{what} should be a list ('- ' items), found {_describe(node)}")
            return None
        return list(node.value)

    def string(self, node: Node, what: str) -> str | None:
        # Plain numbers and true/false are accepted as their text: a line may read "42".
        if not isinstance(node, ScalarNode) or core_tag(node) == TAG_NULL:
            self.error(node, f"{what} should be a text, found {_describe(node)}")
            return None
        return node.value

    def integer(self, node: Node, what: str) -> int | None:
        if not isinstance(node, ScalarNode) or core_tag(node) != TAG_INT:
            self.error(node, f"{what} should be a whole number, found {_describe(node)}")
            return None
        return _core_int(node.value)

    def boolean(self, node: Node, what: str) -> bool | None:
        if not isinstance(node, ScalarNode) or core_tag(node) != TAG_BOOL:
            self.error(node, f"{what} should be true or false, found {_describe(node)}", "write true or false")
            return None
        return _core_bool(node.value)

    def ident(self, node: Node, what: str) -> str | None:
        text = self.string(node, what)
        if text is None:
            return None
        if not IDENT_RE.match(text):
            self.error(node, f"{what} '{text}' is not a valid id", IDENT_HINT)
            return None
        return text

    def scalar_value(self, node: Node, what: str = "a value") -> bool | int | str | None:
        if not isinstance(node, ScalarNode):
            self.error(node, f"{what} should be true, false, a whole number or a text, found {_describe(node)}")
            return None
        tag = core_tag(node)
        if tag == TAG_BOOL:
            return _core_bool(node.value)
        if tag == TAG_INT:
            return _core_int(node.value)
        if tag == TAG_STR:
            if not node.style and node.value.lower() in ("yes", "no", "on", "off"):
                self.warning(node, f"'{node.value}' is read as a text, not as true/false",
                             "write true or false, or put the word in quotes")
            return node.value
        self.error(node, f"{what} should be true, false, a whole number or a text, found {_describe(node)}")
        return None
