"""One context per document: the parse, mentions, people, one reference resolver and the sentence
index are built once in pipeline.code_parsed and read by every stage."""
from __future__ import annotations

import pytest

from detente.coding import coref

# Written for this test: a conflict, an attack, a quotation, an appeal, an alliance and backing.
ARTICLE = ("Armenia and Azerbaijan fought over Nagorno-Karabakh on Tuesday. Azerbaijani forces shelled "
           "Armenian villages near the border, the Armenian defence ministry said. "
           "Russia, an ally of Armenia, condemned the attack and called on both sides to stop the fighting. "
           "\"We demand an immediate ceasefire,\" Russian Foreign Minister Sergei Lavrov said. "
           "Turkey backed Azerbaijan.")


@pytest.fixture
def resolvers_built(monkeypatch):
    """How many Resolvers have been constructed since the test began."""
    built = []
    original = coref.Resolver.__init__

    def counting(self, *args, **kwargs):
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(coref.Resolver, "__init__", counting)
    return built


@pytest.mark.parametrize("explain", [False, True])
def test_one_resolver_per_document(coder, resolvers_built, explain):
    from detente.model import Article
    from detente.coding.pipeline import code_articles

    article = Article(text=ARTICLE, date="2020-10-01")
    doc = next(code_articles([article], explain=explain))
    assert doc.quotes and doc.events and doc.relations and doc.stances  # every stage read the context
    assert len(resolvers_built) == 1


def test_each_stage_reads_the_shared_index_with_a_memory_of_its_own(coder, kb):
    from detente.coding import actors, nlp as nlp_module, persons
    from detente.coding.context import document_context
    from detente.coding.gazetteer import for_pipeline

    nlp = nlp_module.load()
    doc = nlp(ARTICLE)
    matches = for_pipeline(nlp, kb).find(doc)
    mentions = actors.find_mentions(doc, matches, kb)
    people = persons.find_persons(doc, matches, mentions, persons.role_matcher(nlp, kb).find(doc), kb, "2020-10-01")
    ctx = document_context(doc, kb, "2020-10-01", mentions, people)
    assert [s.start for s in ctx.sentences] == [s.start for s in doc.sents]

    quoting = ctx.resolver.for_stage()
    quoting.last_speaker = coref.Speaker("RUS", "actor", "RUS", 0)  # what the quotes stage remembers
    quoting.last_document_author = coref.Speaker("AZE", "actor", "AZE", 0)
    later = ctx.resolver.for_stage()
    assert later.mention_at is ctx.resolver.mention_at and later.roles is ctx.resolver.roles
    assert later.last_speaker is None and later.last_document_author is None
    assert ctx.resolver.last_speaker is None
