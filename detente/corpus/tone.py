"""The tone of an article on GDELT's scale, from VADER's lexicon and rules.

GDELT's Tone is the share of an article's words that are positive minus the share that are
negative, in percent: −100 (all negative) to +100 (all positive), most news between −10 and +10.
detente measures the same thing with VADER (vaderSentiment 3.3.2, Hutto & Gilbert 2014: a
lexicon of about 7,500 English words rated by people from −4 to +4, and rules for negation,
intensifiers, "but" and emphasis). For each sentence VADER gives the share of the text that is
positive (``pos``) and negative (``neg``); the article's tone is

    100 × Σ (pos − neg) × words / Σ words        over its sentences,

so a sentence weighs as much as it is long, and the value stays within −100 … +100. The lexicon
ships inside the package: nothing is downloaded. English only; other languages get no tone (None).
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentences(text: str, starts: Sequence[int] | None) -> list[str]:
    """``text`` cut at the sentence starts the coder stored (the whole text when there are none)."""
    cuts = sorted({s for s in (starts or []) if 0 < s < len(text)})
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


def tone(text: str | None, starts: Sequence[int] | None = None) -> float:
    """The article's tone, −100 … +100 (0 for an empty text); see the module's docstring."""
    analyzer = _analyzer()
    total = weighted = 0.0
    for sentence in sentences(text or "", starts):
        words = len(sentence.split())
        scores = analyzer.polarity_scores(sentence)
        weighted += (scores["pos"] - scores["neg"]) * words
        total += words
    return round(100 * weighted / total, 4) if total else 0.0


def document_tone(text: str | None, starts: Sequence[int] | None, language: str | None) -> float | None:
    """The tone of a stored article; None when it is not in English (VADER's lexicon is English)."""
    if language and not language.lower().startswith("en"):
        return None
    return tone(text, starts)
