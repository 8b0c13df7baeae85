"""Comparing person names across spellings and partial mentions.

"Andrey Kazantsev" and "Andrei Kazantsev" are one person, "Kazantsev" alone is
him too, and "Yatseniuk" is "Yatsenyuk": the surname must agree (allowing
transliteration differences) and given names, when both forms have them, must
not contradict.
"""
from __future__ import annotations

from difflib import SequenceMatcher
from functools import lru_cache

from ..kb import fold

# Particles that are part of a surname but do not identify it ("al-Bashir" = "Bashir").
_SURNAME_PARTICLES = {"al", "el", "bin", "ibn", "von", "van", "de", "der", "da", "di", "le", "la", "du", "del"}


def name_words(name: str) -> list[str]:
    """Folded words of a name; a hyphenated surname stays one word ("thomasgreenfield")."""
    return fold(name.replace("-", "").replace("‐", "")).split()


def surname(words: list[str]) -> str:
    return words[-1] if words else ""


@lru_cache(maxsize=65536)
def similar(a: str, b: str, threshold: float = 0.8) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 3:
        return False
    return SequenceMatcher(None, a, b).ratio() >= threshold


def core_words(words: list[str]) -> list[str]:
    return [w for w in words if w not in _SURNAME_PARTICLES] or words


def same_person(a: list[str], b: list[str]) -> bool:
    """Whether two folded name-word lists can name the same person."""
    a, b = core_words(a), core_words(b)
    if not a or not b:
        return False
    if len(a) == 1 or len(b) == 1:
        short, full = (a, b) if len(a) == 1 else (b, a)
        # A one-word mention is the surname. (Family-name-first names are linked
        # through the knowledge base's surname column, not guessed here.)
        return similar(short[0], full[-1])
    if not similar(a[-1], b[-1]):
        return False
    fa, fb = a[0], b[0]
    if fa[0] != fb[0]:
        return False
    return similar(fa, fb, 0.6) or fa.startswith(fb) or fb.startswith(fa)
