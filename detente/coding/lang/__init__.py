"""Language packs: which language an article is in, and the pack that codes it.

English is coded by the spaCy pipeline (``detente/coding/nlp.py``) and the stages beside it.
Any other language is a *pack*: ``detente/coding/lang/<code>/`` holds an adapter from that
language's NLP library to a spaCy ``Doc`` plus the stages that need its syntax, and
``detente/kb/<code>/`` holds its knowledge (names, titles, cues, patterns) as data.
A pack is imported only when an article in its language arrives, so English start-up
never loads it. How to add one: ``detente/kb/README.md`` ("Adding a language").
"""
from __future__ import annotations

import importlib
import os
import re

# Language codes with a pack (English is the built-in pipeline).
PACKS = {"ru": "detente.coding.lang.ru"}
SUPPORTED = ("en", *PACKS)

_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
# Letters Ukrainian and Belarusian use and Russian does not: a Cyrillic text holding them
# is not Russian, and the Russian pack would code it badly.
_NOT_RUSSIAN = re.compile(r"[іїєґў]", re.IGNORECASE)


def forced() -> str | None:
    """The language set by ``--language`` (exported to workers as DETENTE_LANGUAGE), if any."""
    value = (os.environ.get("DETENTE_LANGUAGE") or "").strip().lower()
    return value if value and value != "auto" else None


def detect(text: str, sample_chars: int = 20_000) -> str | None:
    """'ru' for a Russian text (most letters Cyrillic), else None (the English check decides).

    >>> detect("Москва призвала стороны к сдержанности.")
    'ru'
    """
    sample = text[:sample_chars]
    if not _CYRILLIC.search(sample, 0, 4000):  # English news: one regex scan and done
        return None
    letters = _LETTER.findall(sample)
    if not letters:
        return None
    cyrillic = sum(1 for c in letters if _CYRILLIC.match(c))
    if cyrillic / len(letters) < 0.5:
        return None
    if len(_NOT_RUSSIAN.findall(sample)) > max(2, cyrillic // 200):
        return None
    return "ru"


def pack(language: str):
    """The pack module for ``language`` (imported on first use)."""
    return importlib.import_module(PACKS[language])
