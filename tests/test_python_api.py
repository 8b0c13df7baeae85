"""The Python API: ``doc.events`` holds the events that count, as the JSON's "events" does;
``Coder.code_many`` takes texts, Articles and the article dicts the command line reads."""
from __future__ import annotations

import pytest

from detente import Article
from detente.errors import DetenteError
from detente.model import CodedDocument, Event

OFFER = "Turkey offered to mediate between Russia and Ukraine."


def test_events_are_the_counted_ones_as_in_json(code):
    doc = code(OFFER)
    as_json = doc.to_dict()
    assert doc.events and all(e.counts for e in doc.events)
    assert doc.uncounted_events and not any(e.counts for e in doc.uncounted_events)
    assert [(e.source, e.target, e.cameo) for e in doc.events] == \
        [(e["source"], e["target"], e["cameo"]) for e in as_json["events"]]
    assert [(e.source, e.target, e.cameo) for e in doc.uncounted_events] == \
        [(e["source"], e["target"], e["cameo"]) for e in as_json["uncounted_events"]]
    assert doc.all_events == doc.events + doc.uncounted_events


def test_json_round_trip_keeps_the_split(code):
    doc = code(OFFER)
    again = CodedDocument.from_dict(doc.to_dict(include_text=True))
    assert again.to_dict() == doc.to_dict()
    assert len(again.events) == len(doc.events) and len(again.uncounted_events) == len(doc.uncounted_events)


def test_a_mixed_list_is_split_where_it_is_built():
    def event(negated: bool) -> Event:
        return Event(source="GHA", target="TGO", cameo="111", text="Ghana", span=(0, 5), negated=negated)

    doc = CodedDocument(id="x", date=None, text="Ghana", events=[event(True), event(False)])
    assert [e.negated for e in doc.events] == [False] and [e.negated for e in doc.uncounted_events] == [True]


def test_code_many_takes_texts_articles_and_dicts(coder):
    docs = list(coder.code_many([
        {"id": "d1", "text": "Ghana condemned Togo.", "date": "2019-05-04", "url": "https://example.org/a",
         "title": "T", "source": "Wire", "comment": "keys the CLI ignores are ignored"},
        Article(text="Ghana condemned Togo.", id="d2"),
        "Ghana condemned Togo.",
    ]))
    assert [d.id for d in docs[:2]] == ["d1", "d2"]
    assert (docs[0].date, docs[0].title, docs[0].source, docs[0].url) == ("2019-05-04", "T", "Wire",
                                                                         "https://example.org/a")
    assert all(("GHA", "TGO") in {(e.source, e.target) for e in d.events} for d in docs)


@pytest.mark.parametrize("bad, code, where", [
    ({"title": "no text"}, "E045", "article 2"),
    ({"text": "   "}, "E045", "article 2"),
    ({"text": ["a", "list"]}, "E045", "article 2"),
    ({"text": "Ghana condemned Togo.", "date": "2019-02-30"}, "E036", "article 2"),
    (42, "E046", "article 2"),
    (None, "E046", "article 2"),
])
def test_code_many_bad_items_are_clear_errors(coder, bad, code, where):
    results = coder.code_many(["Ghana condemned Togo.", bad])
    with pytest.raises(DetenteError) as info:
        list(results)
    assert info.value.code == code and info.value.where == where
