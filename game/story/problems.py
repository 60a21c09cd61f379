"""Problems found in content, each pinned to a file position.

Loaders never raise on bad content; they collect these so a facilitator sees every
mistake at once, in `path:line:col: severity: message (hint)` form.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, order=True)
class Pos:
    path: str  # relative to the project root, posix separators
    line: int  # 1-based
    col: int  # 1-based


@dataclass(frozen=True, slots=True)
class Problem:
    pos: Pos
    severity: Severity
    message: str
    hint: str = ""
    # Other files this problem comes from (a map whose spawn an exit elsewhere names): `check THAT_FILE` reports it too.
    refers: tuple[str, ...] = ()

    def format(self) -> str:
        p = self.pos
        text = f"{p.path}:{p.line}:{p.col}: {self.severity}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    # Stable sort keeps the discovery order for problems at the same spot.
    return sorted(problems, key=lambda p: (p.pos.path, p.pos.line, p.pos.col))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(problems: Iterable[Problem], files: int) -> str:
    items = list(problems)
    where = f"in {_plural(files, 'file')}"
    if not items:
        return f"no problems {where}"
    errors = sum(1 for p in items if p.severity == "error")
    warnings = len(items) - errors
    parts = []
    if errors:
        parts.append(_plural(errors, "error"))
    if warnings:
        parts.append(_plural(warnings, "warning"))
    return f"{_plural(len(items), 'problem')} ({', '.join(parts)}) {where}"


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)
