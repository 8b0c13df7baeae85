"""`detente query quotes` and /api/quotes on a store of sentences written for these tests:
a quotation inside another one is listed once (under the outer one) in the table and says
which one it lies within in the JSON; a speaker filter with no word in it is refused."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from detente.cli.app import app
from detente.corpus import ingest as corpus, query
from detente.corpus.store import Store

ARTICLES = [
    {"id": "scare-quote", "date": "2019-05-06",
     "text": "Estonian Prime Minister Kaja Tamm said the pipeline deal was \"a gift to the Kremlin\". "
             "She added that Tallinn would raise the matter in Brussels."},
    {"id": "called-a-farce", "date": "2019-05-07",
     "text": "Latvian Foreign Minister Andris Ozols said Riga called the vote a \"sham\" and would not "
             "recognise its result."},
]


@pytest.fixture(scope="module")
def quotes_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("quote-listing")
    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    db = folder / "quotes.duckdb"
    summary = corpus.ingest([str(source)], db=db, workers=1)
    assert summary.stored == len(ARTICLES), summary
    return db


def test_quote_nesting_follows_spans_within_one_document():
    quotes = [
        {"document": "a", "start_char": 10, "end_char": 60},  # a reported statement
        {"document": "a", "start_char": 30, "end_char": 40},  # a word quoted inside it
        {"document": "a", "start_char": 32, "end_char": 38},  # a phrase inside that word's quote
        {"document": "b", "start_char": 30, "end_char": 40},  # the same span in another document
        {"document": "a", "start_char": 55, "end_char": 75},  # overlaps the first, mostly outside it
        {"document": "a", "start_char": 45, "end_char": 61},  # takes the full stop the first leaves out
    ]
    assert query.quote_nesting(quotes) == [None, 0, 1, None, None, 0]
    same = [{"document": "a", "start_char": 1, "end_char": 9}, {"document": "a", "start_char": 1, "end_char": 9}]
    assert query.quote_nesting(same) == [None, 0]  # of two with one span, the first holds the second


def test_query_quotes_lists_a_nested_quote_once(quotes_db):
    with Store(quotes_db, read_only=True) as store:
        everything = query.with_nesting(query.quotes(store)).records()
    inner = [q for q in everything if q["within"] is not None]
    assert inner, everything  # the coder found a quotation inside another
    outer_texts = {(q["document"], q["start_char"], q["end_char"]): q["text"] for q in everything}
    for q in inner:
        assert q["text"] in outer_texts[(q["document"], *q["within"])]

    runner = CliRunner()
    table = runner.invoke(app, ["query", "quotes", "--db", str(quotes_db)], env={"COLUMNS": "220"})
    assert table.exit_code == 0, table.output
    assert f"Quotes ({len(everything)}, {len(inner)} of them nested in another)" in table.output
    rows = [line for line in table.output.splitlines() if "│" in line]
    assert len(rows) == len(everything) - len(inner)
    for q in inner:  # its outer quote's row is marked, and the inner one has no row of its own
        outer = outer_texts[(q["document"], *q["within"])]
        assert any(outer in row and "(+1 nested)" in row for row in rows), table.output
        assert not any(row.split("│")[5].strip() == q["text"] for row in rows)

    as_json = runner.invoke(app, ["query", "quotes", "--db", str(quotes_db), "--json"])
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.output) == json.loads(json.dumps(everything, default=str))  # every quote


def test_api_quotes_say_which_quote_they_lie_within(quotes_db):
    from fastapi.testclient import TestClient

    from detente.serve.app import create_app
    from detente.serve.settings import Settings

    with TestClient(create_app(Settings(db=str(quotes_db)))) as client:
        items = client.get("/api/quotes").json()["items"]
    assert any(q["within"] is not None for q in items)
    for q in items:
        if q["within"] is not None:
            start, end = q["within"]
            assert start <= q["start_char"] < end


@pytest.mark.parametrize("speaker", [";", "", " - ", "“”"])
def test_a_speaker_with_no_word_is_refused(quotes_db, speaker):
    result = CliRunner().invoke(app, ["query", "quotes", "--db", str(quotes_db), "--speaker", speaker])
    assert result.exit_code == 1
    assert "has no word in it" in result.output and "[E049]" in result.output
    assert "Traceback" not in result.output


def test_api_refuses_a_speaker_with_no_word_but_not_an_empty_field(quotes_db):
    from fastapi.testclient import TestClient

    from detente.serve.app import create_app
    from detente.serve.settings import Settings

    with TestClient(create_app(Settings(db=str(quotes_db)))) as client:
        refused = client.get("/api/quotes", params={"speaker": ";"})
        blank = client.get("/api/quotes", params={"speaker": ""})
        named = client.get("/api/quotes", params={"speaker": "ozols"})
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "E049" and "has no word in it" in refused.json()["error"]["message"]
    assert blank.status_code == 200 and blank.json()["total"] > 0  # a blank form field filters nothing
    assert named.status_code == 200 and 0 < named.json()["total"] < blank.json()["total"]
    assert all(q["speaker"] == "Andris Ozols" for q in named.json()["items"])
