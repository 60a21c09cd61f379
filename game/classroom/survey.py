"""The pre/post survey: short Likert items, read from dialogue/en/survey.yaml (translated like every other file).

    scales:
      agree: ["Strongly disagree", "Disagree", "Agree", "Strongly agree"]   # values 1..n in this order
    items:
      - {id: home_job, text: "...", scale: agree, reverse: true, construct: gender_roles, source: "GEM scale ..."}

A student's answer is the option's value, 1..n (n = most agreement or most confidence); a skipped item has none.
``Item.score`` turns a value into a score where higher always means more equitable or more sure, so reverse items
(agreeing is the less equitable answer) and the others can be read together.

Translatable ids: survey.title, survey.intro, survey.items.<id>, survey.scales.<scale>.<value>. The published source
of an item is for researchers, not students, and is not translated.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

from game.i18n.sources import SourceString
from game.story.problems import Pos, Problem, did_you_mean
from game.story.yamlsrc import MappingNode, Node, Reader, ScalarNode, read_yaml_file

SURVEY_FILE = "dialogue/en/survey.yaml"

# The topics the report groups items under. Fixed, so reports of different schools line up and the notice to
# parents (docs/privacy.md), which names these topics, stays true.
CONSTRUCTS = ("gender_roles", "education", "chores", "violence", "helping")
MIN_POINTS, MAX_POINTS = 2, 7
MAX_ITEMS = 15  # beyond this students tire and stop reading (10-12 is best)
LONG_TEXT = 120  # characters: an item is read in a second, often in a second language

_NOWHERE = Pos(SURVEY_FILE, 1, 1)


@dataclass(frozen=True, slots=True)
class ScaleOption:
    value: int
    text: str
    pos: Pos = _NOWHERE  # where the text is written


@dataclass(frozen=True, slots=True)
class Scale:
    id: str
    options: tuple[ScaleOption, ...]  # in the order shown; values 1..n, n = most agreement / most confidence
    pos: Pos = _NOWHERE

    @property
    def points(self) -> int:
        return len(self.options)

    def option(self, value: int) -> ScaleOption | None:
        return self.options[value - 1] if 1 <= value <= len(self.options) else None


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    text: str
    scale: str
    reverse: bool  # agreeing is the less equitable answer: score = n + 1 - value
    construct: str
    source: str
    pos: Pos
    text_pos: Pos = _NOWHERE  # where the text is written (pos is where the item starts)

    def score(self, value: int, points: int) -> int:
        """The answer ``value`` (1..points) as a score where ``points`` is always the most equitable / most sure."""
        if not 1 <= value <= points:
            raise ValueError(f"{value} is not an answer on a scale of {points}")
        return points + 1 - value if self.reverse else value


@dataclass(frozen=True, slots=True)
class Survey:
    title: str
    intro: str
    scales: Mapping[str, Scale]
    items: tuple[Item, ...]
    pos: Pos
    title_pos: Pos = _NOWHERE
    intro_pos: Pos = _NOWHERE

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    def scale_of(self, item: Item | str) -> Scale:
        found = self.item(item) if isinstance(item, str) else item
        if found is None:
            raise KeyError(f"no survey item '{item}'")
        return self.scales[found.scale]

    def value(self, item_id: str, response: str) -> int | None:
        """A response as written in a results file ("1".."n") → the value; None for an unknown item or a value that
        is not on the item's scale (a file from another version of the survey)."""
        item = self.item(item_id)
        if item is None or not (response.isascii() and response.isdigit()):  # not '²', which int() refuses
            return None
        value = int(response)
        return value if 1 <= value <= self.scales[item.scale].points else None

    def score(self, item_id: str, response: str) -> int | None:
        """A response ("1".."n") → its score (higher = more equitable / more sure); None when it cannot be read."""
        value = self.value(item_id, response)
        if value is None:
            return None
        item = self.item(item_id)
        assert item is not None
        return item.score(value, self.scales[item.scale].points)

    @property
    def constructs(self) -> tuple[str, ...]:
        """The topics the items cover, in the order they first appear."""
        return tuple(dict.fromkeys(i.construct for i in self.items))

    def translated(self, text: Callable[[str, str], str]) -> Survey:
        """The same survey with every shown text passed through ``text(id, english)`` (``content.catalog.text``)."""
        scales = {sid: replace(s, options=tuple(replace(o, text=text(f"survey.scales.{sid}.{o.value}", o.text))
                                                for o in s.options))
                  for sid, s in self.scales.items()}
        items = tuple(replace(i, text=text(f"survey.items.{i.id}", i.text)) for i in self.items)
        return replace(self, title=text("survey.title", self.title), intro=text("survey.intro", self.intro),
                       scales=MappingProxyType(scales), items=items)


def load_survey(root: Path, problems: list[Problem]) -> Survey | None:
    """The survey, or None when the project has none (no file: not a problem) or when it has errors (each one added
    to ``problems`` with its position)."""
    path = root / SURVEY_FILE
    if not path.is_file():
        return None
    node = read_yaml_file(path, SURVEY_FILE, problems)
    if node is None:
        return None
    mine: list[Problem] = []
    survey = _read_survey(Reader(SURVEY_FILE, mine), node)
    problems += mine
    return None if any(p.is_error for p in mine) else survey


def _text(r: Reader, node: Node, what: str) -> str | None:
    """A non-empty text (YAML gives '' for `text: ""` and null for `text:`; both are mistakes here)."""
    text = r.string(node, what)
    if text is not None and not text.strip():
        r.error(node, f"{what} is empty", "write the text between the quotes")
        return None
    return text


def _read_survey(r: Reader, node: Node) -> Survey | None:
    keys = {"title", "intro", "scales", "items"}
    fields = r.mapping(node, "the survey", required=keys)
    if fields is None or not keys <= fields.keys():
        return None
    title = _text(r, fields["title"][1], "the title")
    intro = _text(r, fields["intro"][1], "the intro")
    scales, declared = _read_scales(r, fields["scales"][1])
    named: set[str] = set()
    items = _read_items(r, fields["items"][1], scales, declared, named)
    for sid, scale in scales.items():
        if named and sid not in named:  # (with no items at all, that is the problem to report)
            r.warning(scale.pos, f"the scale '{sid}' is not used by any item", "remove it, or use it in an item")
    if title is None or intro is None:
        return None
    return Survey(title, intro, MappingProxyType(scales), tuple(items), r.pos(node),
                  r.pos(fields["title"][1]), r.pos(fields["intro"][1]))


def _read_scales(r: Reader, node: Node) -> tuple[dict[str, Scale], set[str] | None]:
    """The valid scales, and every scale id written, valid or not (None when 'scales' cannot be read at all): an
    item that uses a broken scale is not reported a second time."""
    out: dict[str, Scale] = {}
    pairs = r.pairs(node, "'scales'")
    if pairs is None:
        return out, None
    if not pairs:
        r.error(node, "there are no scales", "add one, e.g. agree: [\"Disagree\", \"Agree\"]")
    for sid, (key, value) in pairs.items():
        if r.ident(key, "the scale id") is None:
            continue
        listed = r.seq(value, f"the answers of the scale '{sid}'")
        if listed is None:
            continue
        if not MIN_POINTS <= len(listed) <= MAX_POINTS:
            r.error(value if listed else key, f"the scale '{sid}' has {len(listed)} answer"
                    f"{'' if len(listed) == 1 else 's'}; a scale needs {MIN_POINTS} to {MAX_POINTS}",
                    "list the answers from the least to the most agreement, one per line")
            continue
        options: list[ScaleOption] = []
        seen: dict[str, int] = {}
        for number, option in enumerate(listed, start=1):
            text = _text(r, option, f"answer {number} of the scale '{sid}'")
            if text is None:
                continue
            if text in seen:
                r.error(option, f"the scale '{sid}' has the answer \"{text}\" twice (first as answer {seen[text]})",
                        "every answer of a scale must be different")
                continue
            seen[text] = number
            options.append(ScaleOption(number, text, r.pos(option)))
        if len(options) == len(listed):
            out[sid] = Scale(sid, tuple(options), r.pos(key))
    return out, set(pairs)


def _read_items(r: Reader, node: Node, scales: Mapping[str, Scale], declared: set[str] | None,
                named: set[str]) -> list[Item]:
    """The valid items; ``named`` gets every scale an item names (valid item or not), for the unused-scale check."""
    out: list[Item] = []
    listed = r.seq(node, "'items'")
    if listed is None:
        return out
    if not listed:
        r.error(node, "the survey has no items", "add at least one question under 'items:'")
    if len(listed) > MAX_ITEMS:
        r.warning(listed[MAX_ITEMS], f"the survey has {len(listed)} items; keep it to {MAX_ITEMS} or fewer",
                  "students tire and stop reading: 10 to 12 short items are best")
    seen: dict[str, Pos] = {}
    required = {"id", "text", "scale", "reverse", "construct"}
    for entry in listed:
        fields = r.mapping(entry, _item_name(entry), required=required, optional={"source"})
        if fields is None or "id" not in fields:
            continue
        ident = r.ident(fields["id"][1], "the item id")
        duplicate = False
        if ident is not None and ident in seen:
            r.error(fields["id"][1], f"duplicate item id '{ident}' (first at line {seen[ident].line})",
                    "ids must be unique; give this one a new name")
            duplicate = True
        elif ident is not None:
            seen[ident] = r.pos(fields["id"][1])
        name = ident or "?"
        text = _text(r, fields["text"][1], f"the text of the item '{name}'") if "text" in fields else None
        if text is not None and len(text) > LONG_TEXT:
            r.warning(fields["text"][1], f"the text of the item '{name}' is {len(text)} characters long",
                      f"keep it under {LONG_TEXT}: many students read it in a second language")
        if "scale" in fields and isinstance(fields["scale"][1], ScalarNode):
            named.add(fields["scale"][1].value)
        scale = _scale(r, fields["scale"][1], name, scales, declared) if "scale" in fields else None
        reverse = r.boolean(fields["reverse"][1], f"'reverse' of the item '{name}'") if "reverse" in fields else None
        construct = _construct(r, fields["construct"][1], name) if "construct" in fields else None
        source = ""
        if "source" in fields:
            source = _text(r, fields["source"][1], f"the source of the item '{name}'") or ""
        else:
            r.warning(entry, f"the item '{name}' does not say where it comes from",
                      "add source: \"...\" with the published scale it is adapted from, or \"our own question\"")
        if duplicate or None in (ident, text, scale, reverse, construct):
            continue
        out.append(Item(ident, text, scale, reverse, construct, source, r.pos(entry),  # type: ignore[arg-type]
                        r.pos(fields["text"][1])))
    return out


def _item_name(entry: Node) -> str:
    """How problems name an item before it is read: by its id when it has a plain one."""
    if isinstance(entry, MappingNode):
        for key, value in entry.value:
            if isinstance(key, ScalarNode) and key.value == "id" and isinstance(value, ScalarNode) and value.value:
                return f"the item '{value.value}'"
    return "an item"


def _scale(r: Reader, node: Node, item: str, scales: Mapping[str, Scale], declared: set[str] | None) -> str | None:
    name = r.string(node, f"the scale of the item '{item}'")
    if name is None or declared is None or (name in declared and name not in scales):
        return None  # 'scales' or this scale has its own problem, already reported
    if name not in scales:
        known = ", ".join(sorted(scales)) or "none yet"
        r.error(node, f"the item '{item}' uses the scale '{name}', which is not under 'scales'",
                did_you_mean(name, scales) or f"the scales are: {known}")
        return None
    return name


def _construct(r: Reader, node: Node, item: str) -> str | None:
    name = r.string(node, f"the construct of the item '{item}'")
    if name is None:
        return None
    if name not in CONSTRUCTS:
        r.error(node, f"unknown construct '{name}' in the item '{item}'",
                did_you_mean(name, CONSTRUCTS) or f"use one of: {', '.join(CONSTRUCTS)}")
        return None
    return name


def survey_strings(survey: Survey) -> list[SourceString]:
    """What a translator translates, in the order it is written in the file."""
    out = [SourceString("survey.title", survey.title, SURVEY_FILE, survey.title_pos.line, survey.title_pos.col),
           SourceString("survey.intro", survey.intro, SURVEY_FILE, survey.intro_pos.line, survey.intro_pos.col)]
    for sid, scale in survey.scales.items():
        for option in scale.options:
            out.append(SourceString(f"survey.scales.{sid}.{option.value}", option.text, SURVEY_FILE,
                                    option.pos.line, option.pos.col))
    for item in survey.items:
        out.append(SourceString(f"survey.items.{item.id}", item.text, SURVEY_FILE, item.text_pos.line,
                                item.text_pos.col))
    return sorted(out, key=lambda s: (s.line, s.col))


__all__ = ["CONSTRUCTS", "MAX_ITEMS", "SURVEY_FILE", "Item", "Scale", "ScaleOption", "Survey", "load_survey",
           "survey_strings"]
