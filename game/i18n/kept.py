"""Languages already loaded in this run, kept so that switching back to one is instant.

A student at the title cycles through the languages to find theirs, and a teacher shows the class two of them: reading
a language's files again each time took about 100 ms. A kept language is used again only while none of its files (nor
those of its parent languages) changed since it was read: a facilitator who edits a translation while the game runs
sees the edit on the next switch, as before.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from game.checkcache import RACY_NS
from game.i18n.locale import SOURCE_LANG, lang_chain

MAX_FILES = 2_000  # per language folder: more than any real one holds; a folder stuffed past it is simply not kept

Stamp = tuple[tuple[str, str, int, int], ...]
T = TypeVar("T")


def language_stamp(root: Path, lang: str) -> Stamp | None:
    """Name, size and modification time of every file of ``lang``'s folders (its chain without the source language);
    None when it cannot be taken or a file is too fresh to be trusted by its time: one saved in the last moments may
    be saved again within the same tick of a coarse clock (FAT counts in 2 s) at the same size, as checkcache says."""
    recent = time.time_ns() - RACY_NS
    out: list[tuple[str, str, int, int]] = []
    try:
        for code in lang_chain(lang):
            if code == SOURCE_LANG:
                continue
            folder = root / "dialogue" / code
            if not folder.is_dir():
                out.append((code, "", -1, -1))
                continue
            with os.scandir(folder) as found:
                entries = sorted(found, key=lambda e: e.name)
            if len(entries) > MAX_FILES:
                return None
            for entry in entries:
                st = entry.stat()
                if st.st_mtime_ns > recent:
                    return None
                out.append((code, entry.name, st.st_size, st.st_mtime_ns))
    except (OSError, ValueError):
        return None
    return tuple(out)


@dataclass
class KeptLanguages(Generic[T]):
    """Language code → what was loaded for it, from which source, under which stamp. At most ``limit`` languages are
    kept (the oldest goes first), so memory stays bounded however many languages a class has."""
    limit: int = 4
    _kept: dict[str, tuple[object, Stamp, T]] = field(default_factory=dict)

    def get(self, lang: str, source: object, stamp: Stamp | None) -> T | None:
        entry = self._kept.get(lang)
        if entry is None or stamp is None:
            return None
        kept_source, kept_stamp, value = entry
        if kept_source is not source or kept_stamp != stamp:
            del self._kept[lang]  # a file changed, or the source was read again: this one is stale
            return None
        return value

    def keep(self, lang: str, source: object, stamp: Stamp | None, value: T) -> None:
        if stamp is None:
            return
        self._kept.pop(lang, None)
        self._kept[lang] = (source, stamp, value)
        while len(self._kept) > self.limit:
            del self._kept[next(iter(self._kept))]

    def __len__(self) -> int:
        return len(self._kept)

    def __contains__(self, lang: object) -> bool:
        return lang in self._kept
