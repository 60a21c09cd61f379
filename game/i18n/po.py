"""gettext PO files for Poedit and translation platforms: writing one language, and reading one back.

Each string is one entry: `msgctxt` is its stable id, `msgid` the English, `msgstr` the translation; `#:` points at
the English file and line, `#.` names the speaker, `#, fuzzy` marks a stale translation (the English changed since).
No dates or tools in the header, so export → import → export gives the same file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "hi": "nplurals=2; plural=(n != 1);",
    "bn": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
    "mr": "nplurals=2; plural=(n != 1);",
    "ta": "nplurals=2; plural=(n != 1);",
    "te": "nplurals=2; plural=(n != 1);",
    "gu": "nplurals=2; plural=(n != 1);",
    "ur": "nplurals=2; plural=(n != 1);",
    "ne": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "pt": "nplurals=2; plural=(n > 1);",
    "id": "nplurals=1; plural=0;",
    "zh": "nplurals=1; plural=0;",
    "ja": "nplurals=1; plural=0;",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
}
DEFAULT_PLURAL_FORMS = "nplurals=2; plural=(n != 1);"


@dataclass(slots=True)
class PoEntry:
    msgid: str = ""
    msgstr: str = ""
    msgctxt: str | None = None
    references: list[str] = field(default_factory=list)  # "#: path:line"
    comments: list[str] = field(default_factory=list)  # "#. extracted comment"
    flags: set[str] = field(default_factory=set)  # "#, fuzzy"
    line: int = 0  # where the entry starts in the file (1-based), for messages
    previous_msgid: str | None = None  # "#| msgid": the English a fuzzy translation was made from

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


class PoError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


# --- writing ----------------------------------------------------------------------------------------------------------
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def escape(text: str) -> str:
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def _field(keyword: str, text: str, prefix: str = "") -> str:
    """One keyword with its string; a text with newlines is split after each, gettext style. Only "\\n" splits: the
    other characters str.splitlines() knows (U+2028, form feed…) are text like any other."""
    if "\n" not in text[:-1]:
        return f'{prefix}{keyword} "{escape(text)}"\n'
    pieces = re.findall(r"[^\n]*\n|[^\n]+\Z", text)
    return f'{prefix}{keyword} ""\n' + "".join(f'{prefix}"{escape(p)}"\n' for p in pieces)


def po_language(lang: str) -> str:
    """hi-IN → hi_IN (gettext writes the region after an underscore)."""
    return lang.replace("-", "_")


def header(lang: str, project: str = "Small Acts") -> str:
    base = lang.split("-")[0]
    fields = [
        f"Project-Id-Version: {project}\n",
        f"Language: {po_language(lang)}\n",
        "MIME-Version: 1.0\n",
        "Content-Type: text/plain; charset=UTF-8\n",
        "Content-Transfer-Encoding: 8bit\n",
        f"Plural-Forms: {PLURAL_FORMS.get(base, DEFAULT_PLURAL_FORMS)}\n",
    ]
    return f"# {project}: translation into {lang}.\n" + _field("msgid", "") + 'msgstr ""\n' + \
        "".join(f'"{escape(f)}"\n' for f in fields)


def template_header(project: str = "Small Acts") -> str:
    fields = [f"Project-Id-Version: {project}\n", "Language: \n", "MIME-Version: 1.0\n",
              "Content-Type: text/plain; charset=UTF-8\n", "Content-Transfer-Encoding: 8bit\n",
              f"Plural-Forms: {DEFAULT_PLURAL_FORMS}\n"]
    return f"# {project}: the template for translations.\n" + _field("msgid", "") + 'msgstr ""\n' + \
        "".join(f'"{escape(f)}"\n' for f in fields)


def write_po(lang: str, entries: list[PoEntry], template: bool = False) -> str:
    """A PO file, or with ``template`` the POT every new translation starts from (no language, empty msgstr)."""
    out = [template_header() if template else header(lang)]
    for e in entries:
        block = ["\n"]
        block += [f"#. {c}\n" for c in e.comments]
        block += [f"#: {r}\n" for r in e.references]
        if e.flags:
            block.append(f"#, {', '.join(sorted(e.flags))}\n")
        if e.previous_msgid is not None:
            block.append(_field("msgid", e.previous_msgid, "#| "))
        if e.msgctxt is not None:
            block.append(_field("msgctxt", e.msgctxt))
        block.append(_field("msgid", e.msgid))
        block.append(_field("msgstr", e.msgstr))
        out.append("".join(block))
    return "".join(out)


# --- reading ----------------------------------------------------------------------------------------------------------
_UNESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "a": "\a", "b": "\b", "f": "\f", "v": "\v",
              "'": "'", "?": "?"}
# Unrolled ("normal* (special normal*)*") so a long string is one tight loop in the regex engine, not a saved state per
# character (which cost a gigabyte on a 7-million-character string).
_STRING = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"\s*\Z', re.S)
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(.*)\Z")


_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9a-fA-F]*)|(.)|\Z)", re.S)


def unescape(text: str, line: int) -> str:
    """C-style escapes, as gettext reads them. Only the backslashes are visited (a regex in C), so a long string
    costs what its escapes cost, not a Python step per character."""
    if "\\" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        octal, hexa, other = m.groups()
        if octal is not None:
            return chr(int(octal, 8))
        if hexa is not None:
            if not hexa:
                raise PoError(line, "'\\x' without hex digits")
            return chr(int(hexa[:8], 16)) if int(hexa[:8], 16) <= 0x10FFFF else "\ufffd"
        if other is not None and other in _UNESCAPES:
            return _UNESCAPES[other]
        raise PoError(line, f"unknown escape '\\{other or ''}'")

    return _ESCAPE.sub(one, text)


def read_po(text: str) -> tuple[dict[str, str], list[PoEntry]]:
    """The header fields and the entries (the header entry and obsolete `#~` entries are left out)."""
    entries: list[PoEntry] = []
    current = PoEntry()
    keyword: str | None = None
    parts: dict[str, list[str]] = {}
    started = False

    def finish() -> None:
        nonlocal current, keyword, parts, started
        if started:
            current.msgctxt = "".join(parts["msgctxt"]) if "msgctxt" in parts else None
            current.msgid = "".join(parts.get("msgid", []))
            current.msgstr = "".join(parts.get("msgstr", parts.get("msgstr[0]", [])))
            entries.append(current)
        current, keyword, parts, started = PoEntry(), None, {}, False

    previous: list[str] | None = None  # the parts of a "#| msgid" being read

    for number, raw in enumerate(re.split(r"\r\n|\n|\r", text.lstrip("\ufeff")), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if any(k.startswith("msgstr") for k in parts):
                finish()
            if line.startswith("#~"):
                continue  # obsolete entries are not read back
            if not current.line:
                current.line = number
            if line.startswith("#|"):
                rest = line[2:].strip()
                m = _KEYWORD.match(rest)
                if m and m.group(1) == "msgid":
                    s = _STRING.match(m.group(2))
                    previous = [unescape(s.group(1), number)] if s else None
                    current.previous_msgid = "".join(previous) if previous is not None else None
                elif previous is not None and _STRING.match(rest):
                    previous.append(unescape(_STRING.match(rest).group(1), number))  # type: ignore[union-attr]
                    current.previous_msgid = "".join(previous)
                continue
            previous = None
            if line.startswith("#:"):
                current.references += line[2:].split()
            elif line.startswith("#,"):
                current.flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
            elif line.startswith("#."):
                current.comments.append(line[2:].strip())
            continue
        m = _KEYWORD.match(line)
        if m:
            word = m.group(1)
            if started and (word in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in parts)):
                finish()
            if word in parts:
                raise PoError(number, f"'{word}' twice in one entry")
            if not current.line:
                current.line = number
            started = True
            keyword = word
            s = _STRING.match(m.group(2))
            if not s:
                raise PoError(number, f"'{word}' should be followed by a text in double quotes")
            parts[word] = [unescape(s.group(1), number)]
            continue
        s = _STRING.match(line)
        if s and keyword is not None:
            parts[keyword].append(unescape(s.group(1), number))
            continue
        raise PoError(number, f"cannot read this line: {raw[:60]}")
    finish()
    fields: dict[str, str] = {}
    body = []
    for e in entries:
        if e.msgid == "" and e.msgctxt is None and not fields:
            for row in e.msgstr.splitlines():
                name, sep, value = row.partition(":")
                if sep:
                    fields[name.strip()] = value.strip()
        else:
            body.append(e)
    return fields, body
