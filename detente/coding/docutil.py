"""Sentence lookups computed once per document.

spaCy rebuilds ``doc.sents`` (and scans for ``token.sent``) on every access; the stages ask
for sentences thousands of times per article, so the list is built once and cached on the
Doc (``doc.user_data``).
"""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

_KEY = "detente_sentences"
_SOURCE_KEY = "detente_source_text"


def sentences(doc: Doc) -> list[Span]:
    cached = doc.user_data.get(_KEY)
    if cached is None:
        cached = list(doc.sents)
        doc.user_data[_KEY] = cached
        doc.user_data[_KEY + "_starts"] = [s.start for s in cached]
    return cached


def sentence_of(token: Token) -> Span:
    """The sentence a token belongs to (same as ``token.sent``, without the scan)."""
    sents = sentences(token.doc)
    starts = token.doc.user_data[_KEY + "_starts"]
    return sents[bisect_right(starts, token.i) - 1]


def sentence_index(token: Token) -> int:
    sentences(token.doc)
    return bisect_right(token.doc.user_data[_KEY + "_starts"], token.i) - 1


def text_of(doc: Doc) -> str:
    """``doc.text``, built once (spaCy rebuilds the string on every access)."""
    cached = doc.user_data.get("detente_text")
    if cached is None:
        cached = doc.text
        doc.user_data["detente_text"] = cached
    return cached


def source_text(doc: Doc) -> str:
    """The article's own characters. The parser may have read a copy with some quotation marks
    swapped (``pipeline.text_for_parsing``: one character for one, so offsets agree); the text of
    every fact is cut from the original, so that ``text[span]`` is what the fact says."""
    return doc.user_data.get(_SOURCE_KEY) or text_of(doc)


def set_source_text(doc: Doc, text: str) -> None:
    if len(text) == len(text_of(doc)):
        doc.user_data[_SOURCE_KEY] = text


def evidence(doc: Doc, start: int, end: int) -> tuple[str, tuple[int, int]]:
    """A fact's text and span from character offsets (a sentence's, say): surrounding whitespace
    left out of both, so the text is exactly ``article_text[span]``."""
    text = source_text(doc)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return text[start:end], (start, end)


def lemmas(token: Token) -> tuple[str, ...]:
    """The token's lemma and, because the small model sometimes gets it wrong ("hoped" ->
    "hop"), the base forms its inflection suggests."""
    lemma, low = token.lemma_.lower(), token.lower_
    forms = [lemma, low]
    if low.endswith("ied"):
        forms.append(low[:-3] + "y")
    elif low.endswith("ed"):
        forms += [low[:-1], low[:-2]]
    elif low.endswith("ing"):
        forms += [low[:-3], low[:-3] + "e"]
    elif low.endswith("ies"):
        forms.append(low[:-3] + "y")
    elif low.endswith("es"):
        forms += [low[:-1], low[:-2]]
    elif low.endswith("s") and not low.endswith("ss"):
        forms.append(low[:-1])
    return tuple(dict.fromkeys(forms))
