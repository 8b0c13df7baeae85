"""One document's shared reading, built once and handed to every coding stage after the persons.

    parse -> gazetteer -> actors -> persons -> [DocumentContext] -> quotes -> conflicts -> events
                                                                 -> relations -> stances

``pipeline.code_parsed`` builds the context once per English article: the parse, its reference
date, the actor mentions, the people, the one reference resolver and the sentence index. Each
stage after it is a function of the context and of the stages before it; none rebuilds what is
here (a test counts the resolvers built per document).

The resolver's index (who is named where, which role words name which person) is the same for
every stage. What it remembers while a stage reads (the institution that spoke last, the body
that issued the document named last) is the stage's own: a stage takes ``resolver.for_stage()``,
so what one stage resolved never changes another stage's answers.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .actors import Mention
from .coref import Resolver
from .docutil import sentences
from ..kb import KnowledgeBase
from .persons import PersonAnalysis


@dataclass(frozen=True)
class DocumentContext:
    """What the stages after the persons read from one English article (built once)."""
    doc: Doc  # the parse (its text is the parser's copy; facts quote ``docutil.source_text``)
    kb: KnowledgeBase
    date: str | None  # the reference date events, relations and memberships are dated by
    mentions: list[Mention]  # actor mentions, from the actors stage
    people: PersonAnalysis  # the persons stage's records and where each is named
    resolver: Resolver  # the one reference resolver; stages read through ``resolver.for_stage()``
    sentences: list[Span]  # the sentence index (``docutil.sentences``, cached on the Doc)


def document_context(doc: Doc, kb: KnowledgeBase, date: str | None, mentions: list[Mention],
                     people: PersonAnalysis) -> DocumentContext:
    """The context of a parsed article whose actors and persons have been found."""
    return DocumentContext(doc=doc, kb=kb, date=date, mentions=mentions, people=people,
                           resolver=Resolver(doc, people, mentions, kb), sentences=sentences(doc))
