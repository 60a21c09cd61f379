"""Which chapters a language has whole: every text a player can meet in them is in that language.

A language that is still being translated is playable (the untranslated lines show in English), but a student should
know before choosing it, and a class should not meet English halfway through a lesson: the language menu says which
chapters are translated, and a class session in that language offers only those (game.session.Session.playlist).
"""

from __future__ import annotations

from game.i18n.locale import SOURCE_LANG
from game.i18n.sources import story_strings


def complete_chapters(content) -> tuple[str, ...]:
    """Ids of the chapters (in order) whose every story text is translated in the content's language, or written by
    the language itself (a node override). Every chapter, in the source language."""
    ids = tuple(c.id for c in content.chapters)
    catalog = content.catalog
    if content.lang == SOURCE_LANG:
        return ids
    strings = story_strings(content.story)
    own = catalog.own_nodes

    def whole(scene: str) -> bool:
        return all(catalog.translated(s.id) or ".".join(s.id.split(".")[:2]) in own for s in strings.get(scene, ()))

    return tuple(c.id for c in content.chapters if all(whole(s) for s in c.scenes))


def partial_numbers(content) -> list[int] | None:
    """The numbers (1-based) of the translated chapters when some are not, for the language menu; None when all are."""
    done = set(complete_chapters(content))
    if len(done) == len(content.chapters):
        return None
    return [i for i, c in enumerate(content.chapters, start=1) if c.id in done]


__all__ = ["complete_chapters", "partial_numbers"]
