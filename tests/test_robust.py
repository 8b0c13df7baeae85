"""Never crash, never lose an article: each input that once broke detente (issue 13), shrunk to
its smallest form, with what it must give now."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from detente.errors import DetenteError
from fuzzing import poisoned_corpus

GOOD = "The Georgian foreign minister met his Armenian counterpart in Tbilisi on Tuesday to discuss trade."


# ------------------------------------------------------------------ lone surrogates

def test_lone_surrogate_in_the_text_is_a_clear_error(code):
    with pytest.raises(DetenteError) as info:
        code("Minsk called on Baku \ud800.")
    assert info.value.code == "E035" and "character 21" in info.value.message and "U+D800" in info.value.message


def test_lone_surrogate_in_the_title_is_a_clear_error(code):
    with pytest.raises(DetenteError) as info:
        code(GOOD, title="Talks \udfff")
    assert info.value.code == "E035" and info.value.details["field"] == "title"


def test_a_surrogate_pair_is_ordinary_text(code):
    doc = code("Minsk called on Baku to talk \U0001F600 today.")  # JSON "\ud83d\ude00", joined by json.loads
    assert doc.hash and not doc.span_problems()


# ------------------------------------------------------------------ "According to X" at the very end

@pytest.mark.parametrize("text", ["According to Russia", "Talks went on. According to Russia",
                                  "Moscow will help Baku, according to Russia"])
def test_text_ending_in_according_to(code, text):
    doc = code(text)
    assert not doc.span_problems()
    assert all(q.span[1] > q.span[0] for q in doc.quotes)


# ------------------------------------------------------------------ dates

@pytest.mark.parametrize("value,iso", [
    ("2016-04-08", "2016-04-08"), ("2016-04-08T10:00:00Z", "2016-04-08"), ("2016-04-08 23:30:00+05:00", "2016-04-08"),
    ("2016-4-8", "2016-04-08"), ("2016/04/08", "2016-04-08"), ("20160408", "2016-04-08"),
    ("April 8, 2016", "2016-04-08"), ("8 April 2016", "2016-04-08"), ("Friday, April 8, 2016", "2016-04-08"),
    ("Fri, 08 Apr 2016 10:00:00 GMT", "2016-04-08"), ("２０１６-０４-０８", "2016-04-08"), (None, None), ("  ", None), (float("nan"), None),
])
def test_article_dates_in_common_forms(value, iso):
    from detente.dates import parse_date

    assert parse_date(value) == iso


@pytest.mark.parametrize("value", ["2016-02-30", "2016-13-01", "0001-01-01", "9999-12-31", "yesterday", "2016",
                                   "2016-04-08Tnoon", 20160408, "9" * 500])
def test_unusable_article_dates_are_clear_errors(value):
    from detente.dates import parse_date

    with pytest.raises(DetenteError) as info:
        parse_date(value)
    assert info.value.code == "E036" and len(info.value.message) < 300


@pytest.mark.parametrize("date", ["2016-02-30", "0001-01-01", "9999-12-31"])
def test_python_api_refuses_an_unusable_date_instead_of_crashing(code, date):
    for text in ("Russia attacked Ukraine yesterday.", "Russia attacked Ukraine on Monday."):
        with pytest.raises(DetenteError) as info:
            code(text, date=date)
        assert info.value.code == "E036"


def test_python_api_reads_an_iso_date_time(code):
    doc = code("Russia shelled Kharkiv yesterday.", date="2016-04-08T10:00:00Z")
    assert doc.date == "2016-04-08"
    assert {e.date for e in doc.all_events} <= {"2016-04-07"}


def test_relative_dates_never_leave_the_calendar():
    from detente.dates import resolve

    assert resolve("yesterday", "2016-02-30") is None  # an unusable base: nothing to resolve against
    assert resolve("on Monday", "0001-01-01") is None
    assert resolve("yesterday", "2016-03-01") == "2016-02-29"
    assert resolve("December 31, 9999", None) is None  # a year no news is dated in


# ------------------------------------------------------------------ text[span] == fact text

def test_swapped_quotation_marks_do_not_leak_into_fact_texts(code):
    text = "Belarus condemned the «aggression» of Azerbaijan against Armenia. „We will not fight,” Minsk said."
    doc = code(text)
    assert not doc.span_problems()
    assert doc.all_events and all(text[e.span[0]:e.span[1]] == e.text for e in doc.all_events)
    assert any("«aggression»" in e.text for e in doc.all_events)
    assert not any("“" in f for f in [e.text for e in doc.all_events] + [q.text for q in doc.quotes])


def test_reported_speech_keeps_its_whitespace(code):
    text = "Lavrov said that Russia would  support\tArmenia in  the war."
    doc = code(text)
    (quote,) = [q for q in doc.quotes if not q.direct]
    assert quote.text == "Russia would  support\tArmenia in  the war" == text[quote.span[0]:quote.span[1]]


def test_spans_leave_out_surrounding_whitespace(code):
    text = "Russia attacked Ukraine.  \n\n  Moscow signed a deal with Minsk.  \n"
    doc = code(text)
    assert doc.events and not doc.span_problems()
    assert all(not e.text[-1].isspace() and text[e.span[0]:e.span[1]] == e.text for e in doc.all_events)


def test_a_quotation_of_nothing_but_commas_is_no_quote(code):
    doc = code("Putin said “,” and left.")
    assert doc.quotes == [] and not doc.span_problems()


def test_a_split_quotation_is_its_pieces_joined(code):
    text = "“We will not give in,” Putin said. “Never.”"
    doc = code(text)
    assert not doc.span_problems()
    split = [q for q in doc.quotes if len(q.spans) > 1]
    assert all(q.text == " ".join(text[a:b] for a, b in q.spans) for q in split)


def test_span_problems_names_what_is_wrong(code):
    doc = code("Russia attacked Ukraine on Monday.")
    assert doc.events and not doc.span_problems()
    doc.events[0].text = doc.events[0].text.replace("Monday", "Tuesday")
    doc.events[0].trigger_span = (5, 5)
    problems = doc.span_problems()
    assert any("is not the text at its span" in p for p in problems)
    assert any("empty or outside" in p for p in problems)


# ------------------------------------------------------------------ size limit

def test_python_api_honours_the_size_limit(code, monkeypatch):
    monkeypatch.setenv("DETENTE_MAX_CHARS", "200")
    with pytest.raises(DetenteError) as info:
        code(GOOD * 3)
    assert info.value.code == "E004"
    assert code(GOOD).text == GOOD


def test_text_over_a_million_characters_is_refused_before_spacy(code):
    with pytest.raises(DetenteError) as info:
        code("word " * 220_000)
    assert info.value.code == "E004"


def test_a_bad_size_setting_is_a_clear_error(code, monkeypatch):
    monkeypatch.setenv("DETENTE_MAX_CHARS", "lots")
    with pytest.raises(DetenteError) as info:
        code(GOOD)
    assert info.value.code == "E033" and "DETENTE_MAX_CHARS" in info.value.message


# ------------------------------------------------------------------ one bad article, the others go on

def test_code_each_reports_a_failing_article_and_codes_the_next(monkeypatch):
    """A stage that raises on one article (a bug) costs that article only, reported as E025."""
    from detente.coding import events as events_stage
    from detente.model import Article
    from detente.coding.pipeline import code_each

    real = events_stage.code_events

    def failing_on_kharkiv(ctx, *args, **kwargs):
        if "Kharkiv" in ctx.doc.text:
            raise ZeroDivisionError("boom")
        return real(ctx, *args, **kwargs)

    monkeypatch.setattr(events_stage, "code_events", failing_on_kharkiv)
    out = list(code_each([Article(text="Russia shelled Kharkiv.", id="k"), Article(text=GOOD, id="g")]))
    assert isinstance(out[0], DetenteError) and out[0].code == "E025" and out[0].where == "k"
    assert not isinstance(out[1], DetenteError) and out[1].id == "g"


def test_cli_code_goes_on_after_a_bad_input(tmp_path):
    bad = tmp_path / "a.json"
    bad.write_text('{"text": "Minsk called on Baku \\ud800 to talk.", "date": "2016-04-08"}', encoding="utf-8")
    late = tmp_path / "b.json"
    late.write_text(json.dumps({"text": GOOD, "date": "2016-02-30"}), encoding="utf-8")
    ending = tmp_path / "c.txt"
    ending.write_text("Talks in Baku went on for hours. According to Russia", encoding="utf-8")
    good = tmp_path / "d.txt"
    good.write_text(GOOD, encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "detente", "code", str(bad), str(late), str(ending), str(good),
                          "--format", "json"], capture_output=True, text=True, timeout=300)
    assert "Traceback" not in res.stderr, res.stderr
    assert "[E035]" in res.stderr and "[E036]" in res.stderr
    assert res.returncode == 0
    assert [json.loads(line)["id"] for line in res.stdout.splitlines()] == ["c", "d"]


def test_ingest_stores_every_good_line_and_records_every_bad_one(tmp_path):
    from detente.corpus import ingest as corpus
    from detente.corpus.store import Store

    stored_ids = poisoned_corpus(tmp_path / "corpus.jsonl", n_good=40)
    db = tmp_path / "store.duckdb"
    lines: list[str] = []
    summary = corpus.ingest([str(tmp_path / "corpus.jsonl")], db=db, workers=1, on_error=lines.append)
    assert summary.stored == len(stored_ids) and summary.errors == 8, (summary.line(), lines)
    with Store(db, read_only=True) as store:
        ids = {r[0] for r in store.con.execute("SELECT id FROM documents").fetchall()}
        codes = sorted(r[0] for r in store.con.execute("SELECT code FROM errors").fetchall())
        lines_missing = store.con.execute("SELECT count(*) FROM errors WHERE line IS NULL").fetchone()[0]
    assert ids == set(stored_ids)
    assert codes == ["E006", "E006", "E007", "E035", "E035", "E036", "E036", "E036"]
    assert lines_missing == 0  # every bad record is found again by its line
    assert not any("Traceback" in line for line in lines)
    again = corpus.ingest([str(tmp_path / "corpus.jsonl")], db=db, workers=1)
    assert again.stored == 0 and again.skipped == len(stored_ids)


def test_ingest_command_on_a_poisoned_corpus(tmp_path):
    stored_ids = poisoned_corpus(tmp_path / "corpus.jsonl", n_good=4)
    res = subprocess.run([sys.executable, "-m", "detente", "ingest", str(tmp_path / "corpus.jsonl"),
                          "--db", str(tmp_path / "s.duckdb"), "--workers", "1"],
                         capture_output=True, text=True, timeout=300)
    assert "Traceback" not in res.stderr + res.stdout, res.stderr
    assert f"stored {len(stored_ids)}," in res.stdout + res.stderr


def test_a_document_the_store_refuses_costs_only_that_document(tmp_path, coder):
    """A batch DuckDB refuses (here: a corrupt date value) is written again one article at a time."""
    from detente.corpus import ingest as corpus
    from detente.model import Article
    from detente.corpus.store import Store

    texts = ["Armenia and Georgia signed a trade deal.", "Russia attacked Ukraine.", "Minsk called on Baku to talk."]
    results = corpus.code_batch([Article(text=t, id=f"d{i}").__dict__ for i, t in enumerate(texts)])
    doc_row = list(results[1]["rows"]["documents"][0])
    doc_row[[c for c, _ in corpus.TABLES["documents"]].index("date")] = "not a date"
    results[1]["rows"]["documents"][0] = tuple(doc_row)
    with Store(tmp_path / "s.duckdb") as store:
        summary = corpus.IngestSummary()
        corpus._Run(store, summary, None, None, None).write(results)
        ids = sorted(r[0] for r in store.con.execute("SELECT id FROM documents").fetchall())
        errors = store.con.execute("SELECT origin, code FROM errors").fetchall()
    assert ids == ["d0", "d2"] and summary.stored == 2 and summary.errors == 1
    assert errors == [("d1", "E025")]


def test_an_undecodable_file_name_is_recorded(tmp_path):
    """A file name holding bytes that are not UTF-8 (read back with surrogate escapes) is stored
    in the errors table with visible escapes, not refused by DuckDB."""
    from detente.errors import DetenteError as Err
    from detente.corpus.store import Store
    from detente.corpus.store.rows import error_row

    row = error_row(Err("E001", "/data/caf\udce9.txt"))
    with Store(tmp_path / "s.duckdb") as store:
        store.record_errors([row])
        (origin,) = store.con.execute("SELECT origin FROM errors").fetchone()
    assert origin == "/data/caf\\udce9.txt"


# ------------------------------------------------------------------ the server's 500 answers

def _broken_actors(monkeypatch):
    from detente.corpus import query

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals in /srv/detente/query.py line 12")

    monkeypatch.setattr(query, "actors", broken)


def test_a_500_carries_the_security_headers_and_closes_cleanly(tmp_path_factory, monkeypatch):
    import httpx

    from detente.serve.settings import Settings
    from detente.serve.app import create_app
    from test_api import dev_store, running

    _broken_actors(monkeypatch)
    with running(create_app(Settings(db=str(dev_store(tmp_path_factory)), cache_mb=0))) as base:
        with httpx.Client(base_url=base, timeout=30) as client:
            r = client.get("/api/actors")
            assert r.status_code == 500 and r.json()["error"]["code"] == "internal_error"
            assert r.headers["connection"] == "close"
            for header in ("content-security-policy", "x-content-type-options", "x-frame-options"):
                assert header in r.headers, header
            assert "secret" not in r.text and "query.py" not in r.text
            again = client.get("/api/conflicts")  # the client reconnects: no reset
            assert again.status_code == 200


def test_a_coding_failure_keeps_file_names_in_the_server_log(tmp_path_factory, monkeypatch, caplog):
    from fastapi.testclient import TestClient

    from detente.coding import events as events_stage
    from detente.serve.settings import Settings
    from detente.serve.app import create_app
    from test_api import writable_copy

    def broken(*args, **kwargs):
        raise ValueError("day is out of range for month")

    monkeypatch.setattr(events_stage, "code_events", broken)
    app = create_app(Settings(db=str(writable_copy(tmp_path_factory, "robust-500")), allow_ingest=True, api_key="k"))
    with TestClient(app, raise_server_exceptions=False) as client:
        stored = client.post("/api/documents", json={"text": GOOD}, headers={"X-API-Key": "k"})
        coded = client.post("/api/code", json={"text": GOOD})
    for r in (stored, coded):
        assert r.status_code == 500 and "x-frame-options" in r.headers
        assert ".py" not in r.text and "out of range" not in r.text, r.text
    assert "test_robust.py:" in caplog.text  # the file and line are in the server log


def test_api_answers_bad_input_with_4xx(client_for_examples):
    c = client_for_examples
    assert c.post("/api/code", json={"text": "According to Russia"}).status_code == 200
    r = c.post("/api/code", json={"text": GOOD, "date": "2016-02-30"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "E036"
    r = c.post("/api/code", content=b'{"text": "Minsk called on Baku \\ud800 to talk."}',
               headers={"Content-Type": "application/json"})
    assert 400 <= r.status_code < 500, r.text
    r = c.post("/api/code", json={"text": GOOD, "date": "2016-04-08T10:00:00Z"})
    assert r.status_code == 200 and r.json()["date"] == "2016-04-08"


@pytest.fixture(scope="module")
def client_for_examples(tmp_path_factory):
    from fastapi.testclient import TestClient

    from detente.serve.settings import Settings
    from detente.serve.app import create_app
    from test_api import dev_store

    with TestClient(create_app(Settings(db=str(dev_store(tmp_path_factory))))) as c:
        yield c


# ------------------------------------------------------------------ bounded time

def test_long_runs_of_marks_are_broken_for_the_tokenizer_only():
    """spaCy's tokenizer is quadratic on a space-free run of punctuation (3,500 "(" took 4 s with
    the parse); the parser's copy breaks such runs one character for one."""
    from detente.coding.pipeline import PUNCT_RUN, text_for_parsing

    text = "Talks (" + "(" * 100 + ") ended — «" + "—" * 40 + "» said Baku."
    copy = text_for_parsing(text)
    assert len(copy) == len(text) and copy.count(" ") > text.count(" ")
    assert all(len(chunk) <= PUNCT_RUN for chunk in copy.split())
    assert text_for_parsing("The ceasefire held (mostly) -- for now.") == "The ceasefire held (mostly) -- for now."


@pytest.mark.parametrize("piece", ["(", "“", "'", "—"])
def test_a_run_of_four_thousand_marks_codes_in_bounded_time(code, piece):
    import time

    started = time.perf_counter()
    doc = code("Russia attacked Ukraine. " + piece * 4000)
    assert time.perf_counter() - started < 5 and not doc.span_problems()
    assert doc.text.endswith(piece * 4000)
