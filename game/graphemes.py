"""Where a text may be broken when no space fits: between user-perceived characters (grapheme clusters).

A wrap that runs out of spaces must never cut inside a cluster: a Devanagari or Bengali conjunct (consonant, virama,
consonant), a vowel sign or nukta after its consonant, an emoji with its modifier. This follows the parts of Unicode's
UAX #29 that matter for the scripts we ship (extended grapheme clusters, with 15.1's conjunct rule for Indic scripts),
in one linear pass and with no dependency.
"""

from __future__ import annotations

import unicodedata

# Viramas that join the next consonant into a conjunct (Unicode 15.1, GB9c): Devanagari, Bengali and their neighbours.
_VIRAMAS = frozenset("\u094d\u09cd\u0a4d\u0acd\u0b4d\u0bcd\u0c4d\u0ccd\u0d4d")
_ZWJ, _ZWNJ = "\u200d", "\u200c"
_EXTEND_CATEGORIES = frozenset({"Mn", "Mc", "Me"})


def _extends(ch: str) -> bool:
    """Characters that never start a cluster: marks, joiners, variation selectors, skin-tone modifiers."""
    return (unicodedata.category(ch) in _EXTEND_CATEGORIES or ch in (_ZWJ, _ZWNJ)
            or "\U0001f3fb" <= ch <= "\U0001f3ff")


def _regional(ch: str) -> bool:
    return "\U0001f1e6" <= ch <= "\U0001f1ff"


def boundaries(text: str) -> list[int]:
    """The offsets where a cluster starts, plus ``len(text)``; always begins with 0 (for a non-empty text)."""
    if not text:
        return [0]
    out = [0]
    prev = text[0]
    regional_run = 1 if _regional(prev) else 0
    for i in range(1, len(text)):
        ch = text[i]
        joined = (_extends(ch) or prev == _ZWJ
                  or (prev in _VIRAMAS and unicodedata.category(ch) == "Lo")
                  or (_regional(ch) and regional_run % 2 == 1))
        if not joined:
            out.append(i)
        regional_run = regional_run + 1 if _regional(ch) else 0
        prev = ch
    out.append(len(text))
    return out


def clusters(text: str) -> list[str]:
    cuts = boundaries(text)
    return [text[a:b] for a, b in zip(cuts, cuts[1:])]


__all__ = ["boundaries", "clusters"]
