"""Dates: where an undated article's date comes from (URL, page metadata, dateline, text), that the
one date dates every fact of the document, and events the text places in another year."""
from __future__ import annotations

import json

import pytest

from detente import dates
from detente.corpus.readers import read_sources

# ------------------------------------------------------------------ the document's date: sources


def test_url_dates_are_read_by_htmldate():
    assert dates.url_date("https://news.example.org/world/2019/11/05/talks-resume") == "2019-11-05"
    assert dates.url_date("https://news.example.org/2019-11-05/talks-resume") == "2019-11-05"
    assert dates.url_date("https://news.example.org/world/europe-12345") is None
    assert dates.url_date("not a url") is None and dates.url_date(None) is None


def test_page_metadata_date_without_searching_the_text():
    meta = ('<html><head><meta property="article:published_time" content="1997-05-03T10:00:00Z"></head>'
            '<body><p>On March 2, 2001 the talks began.</p></body></html>')
    assert dates.page_date(meta) == "1997-05-03"
    # A date only the text mentions is not the page's metadata (it is the last resort, later).
    assert dates.page_date("<html><body><p>On March 2, 2001 the talks began.</p></body></html>") is None


def test_htmldate_never_downloads(monkeypatch):
    import htmldate.utils

    def no_network(url):
        raise AssertionError(f"htmldate tried to download {url}")

    monkeypatch.setattr(htmldate.utils, "fetch_url", no_network)
    # A "page" that is only a URL: htmldate downloads a string like this when given it as a str.
    assert dates.page_date("https://news.example.org/2019/11/05/talks") is None
    assert dates.url_date("https://news.example.org/2019/11/05/talks") == "2019-11-05"


@pytest.mark.parametrize("text, expected", [
    ("OTTAWA, March 3, 2011 (Maple Wire) - Canada recalled its envoy.", "2011-03-03"),
    ("Lisbon, 14 June 2009: Portugal and Spain agreed to share the river.", "2009-06-14"),
    ("Wednesday, October 7, 2015\nThe two ministers met in Oslo.", "2015-10-07"),
    ("Updated Oct. 7, 2015, 10:30 a.m. EDT\nThe two ministers met in Oslo.", "2015-10-07"),
    ("October 7, 2015 \u2014 The two ministers met in Oslo.", "2015-10-07"),
    ("By Ana Lima | 2015-10-07\nThe two ministers met in Oslo.", "2015-10-07"),
])
def test_datelines(text, expected):
    assert dates.dateline_date(text) == expected


@pytest.mark.parametrize("text", [
    "On October 7, 2015 the two ministers met in Oslo.",  # a sentence, not a dateline
    "The ministers who met in Oslo on October 7, 2015 agreed.",
    "OTTAWA (Maple Wire) - Canada recalled its envoy on March 3, 2011.",  # the dateline has no date
    "OTTAWA, March 3, 2011 and April 4, 2012 were the dates of the two recalls, officials said.",
])
def test_not_datelines(text):
    assert dates.dateline_date(text) is None


def test_document_date_order():
    text = "PARIS, May 2, 2014 (Wire) - France spoke on April 30, 2014 and again on May 1, 2014."
    url = "https://example.org/2014/05/03/france"
    assert dates.document_date("2014-05-04", "given", url, text) == ("2014-05-04", "given")
    assert dates.document_date(None, None, url, text) == ("2014-05-03", "url")
    assert dates.document_date(None, None, None, text) == ("2014-05-02", "dateline")
    assert dates.document_date(None, None, None, "France spoke on April 30, 2014 and on May 1, 2014.") == \
        ("2014-05-01", "text")
    assert dates.document_date(None, None, None, "France spoke.") == (None, None)


def test_html_file_dated_by_its_metadata(tmp_path):
    body = "<p>" + "Portugal and Spain signed a treaty on sharing the river, officials in Lisbon said. " * 4 + "</p>"
    page = tmp_path / "treaty.html"
    page.write_text('<html><head><meta property="article:published_time" content="2009-06-14">'
                    f"<title>Treaty</title></head><body><article>{body}</article></body></html>", encoding="utf-8")
    (article,) = read_sources([str(page)])
    assert (article.date, article.date_source) == ("2009-06-14", "page")


def test_json_record_with_a_dated_url(coder, tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"id": "r1", "url": "https://example.org/world/2012/02/09/story",
                             "text": "Ghana condemned Togo. Togo rejected the charge."}) + "\n", encoding="utf-8")
    (article,) = read_sources([str(f)])
    assert article.date is None  # found when coded, from the URL
    doc = next(coder.code_many([article]))
    assert (doc.date, doc.date_source) == ("2012-02-09", "url")
    assert doc.events and {e.date for e in doc.events} == {"2012-02-09"}


# ------------------------------------------------------------------ one date for every fact


TEXT_DATED_IN_TEXT = ("Peru and Chile held talks on February 3, 2011. \"We will never accept this,\" "
                      "Peruvian Foreign Minister Jose Garcia Belaunde said. Chile accused Peru of provocation.")


def test_undated_article_gets_one_date_for_document_events_quotes(coder):
    doc = coder.code(TEXT_DATED_IN_TEXT)
    assert (doc.date, doc.date_source, doc.reference_date) == ("2011-02-03", "text", "2011-02-03")
    assert doc.events and {e.date for e in doc.events} == {"2011-02-03"}
    assert doc.to_dict()["date_source"] == "text"


def test_store_dates_mentions_quotes_and_first_dates_with_it(tmp_path):
    from detente.corpus import query
    from detente.corpus.ingest import ingest

    f = tmp_path / "undated.txt"
    f.write_text(TEXT_DATED_IN_TEXT, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert ingest([str(f)], db=db, workers=1).stored == 1
    from detente.corpus.store import Store

    with Store(db, read_only=True) as store:
        summary = query.actor(store, "CHL").records()[0]
        assert str(summary["first_date"]) == str(summary["last_date"]) == "2011-02-03"
        quotes = query.actor(store, "PER").sections[2].records()
        assert quotes and {str(q["date"]) for q in quotes} == {"2011-02-03"}
        (doc,) = store.documents()
        assert (doc["date"], doc["date_source"]) == ("2011-02-03", "text")


# ------------------------------------------------------------------ events in another year


@pytest.mark.parametrize("expression, expected", [
    ("1998", "1998"), ("early 2008", "2008"), ("the summer of 2008", "2008"), ("May 2008", "2008-05"),
    ("last year", "2015"), ("two years ago", "2014"), ("3 years ago", "2013"), ("2008's", "2008"),
    ("more than a year ago", None), ("over two years ago", None),
    ("the 1990s", None), ("2008-2010", None), ("between 2008 and 2010", None), ("since 2014", None),
    ("yesterday", "2016-04-07"), ("April 2, 2001", "2001-04-02"),
])
def test_resolve_years_and_months(expression, expected):
    assert dates.resolve(expression, "2016-04-08") == expected


@pytest.mark.parametrize("text, expected", [
    ("Serbia attacked Kosovo in 1998, the envoy recalled.", {("SRB", "190"): "1998"}),
    ("In March 2003, Poland sent troops to Iraq.", {("POL", "IRQ"): "2003-03"}),
    ("Last year, Ethiopia accused Egypt of sabotage.", {("ETH", "EGY"): "2015"}),
    ("Officials in Tbilisi remembered the 2008 invasion of Georgia by Russia.", {("RUS", "GEO"): "2008"}),
    ("The 1998 strike by the United States on Sudan destroyed a factory.", {("USA", "SDN"): "1998"}),
    # the event noun's own year first, then its clause's
    ("In 2015, officials in Tbilisi remembered the 2008 invasion of Georgia by Russia.", {("RUS", "GEO"): "2008"}),
    ("Russia has occupied Crimea since 2014.", {("RUS", "UKR"): "2016-04-08"}),  # not placed at 2014
    ("Ghana and Togo signed the 2015 agreement on Tuesday.", {("GHA", "TGO"): "2016-04-05"}),
])
def test_events_placed_in_another_year(code, text, expected):
    doc = code(text, date="2016-04-08")
    got = {}
    for e in doc.events:
        got.setdefault((e.source, e.target), e.date)
        got.setdefault((e.source, e.cameo[:3]), e.date)
    for key, date in expected.items():
        assert got.get(key) == date, (key, got)
