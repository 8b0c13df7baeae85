"""The Russian language pack: natasha's analysis as a spaCy Doc, then the Russian stages.

    parse (natasha -> spaCy Doc) -> actors -> persons -> quotes -> events -> relations -> stances

The Doc has the same structure the English pipeline gives (words, spaces, lemmas, POS,
morphology, heads and UD dependencies, entities); what is Russian is the knowledge in
``detente/kb/ru/`` and the few rules that read UD labels and Russian word order. Imported
only when a Russian article arrives.
"""
from __future__ import annotations

from ...actors import actor_list
from ....dates import document_date
from ....model import Article, CodedDocument
from . import actors, dates, events, persons, quotes, relations
from .kb import load as load_kb
from .nlp import parse

LANGUAGE = "ru"


def code(article: Article) -> CodedDocument:
    """Code one Russian article."""
    return analyse(article)[1]


def analyse(article: Article):
    """(the spaCy Doc, the coded document) of one Russian article."""
    ru = load_kb()
    doc = parse(article.text)
    ref_date, date_source = document_date(article.date, article.date_source, article.url, article.text,
                                          dateline=dates.dateline_date, in_text=dates.reference_date)
    mentions = actors.find_mentions(doc, ru)
    people = persons.find_persons(doc, mentions, ru, ref_date)
    actor_objs, orgs = actor_list(doc, mentions, ru.base)
    for a in actor_objs + orgs:
        if a.type is None:
            a.type = ru.actor_type(a.id) or "org"
    found_quotes = quotes.extract(doc, people, mentions, ru)
    found_events = events.code_events(doc, people, mentions, ru, ref_date, found_quotes)
    found_relations, found_stances = relations.extract(doc, people, mentions, ru, ref_date, found_events,
                                                       found_quotes)
    return doc, CodedDocument(
        id=article.id, date=ref_date, date_source=date_source, text=article.text, url=article.url, title=article.title,
        source=article.source, hash=article.hash, language=LANGUAGE, reference_date=ref_date,
        actors=actor_objs, organizations=orgs, persons=[p.as_model() for p in people.persons],
        quotes=found_quotes, events=found_events, relations=found_relations, stances=found_stances,
    )
