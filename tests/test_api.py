"""The REST API and the dashboard's server side, with FastAPI's test client, on a store of the
dev articles (../shared/eval/articles; the repository's examples/ when ../shared is absent)
built once per test session."""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

with warnings.catch_warnings():  # Starlette's note about its httpx-based client
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from detente.serve.app import PAGES, create_app
from detente.serve.settings import Settings
from detente.corpus.store import Store

ROOT = Path(__file__).resolve().parents[1]
DEV_ARTICLES = ROOT.parent / "shared" / "eval" / "articles"
KARABAKH = "seed-karabakh-2016"


# ------------------------------------------------------------------ shared with test_browser.py

def dev_sources() -> list[str]:
    """The dev articles, else the examples (which hold the Karabakh article too)."""
    if DEV_ARTICLES.is_dir() and any(DEV_ARTICLES.glob("*.json")):
        return [str(p) for p in sorted(DEV_ARTICLES.glob("*.json"))]
    examples = sorted((ROOT / "examples").glob("*.json")) + sorted((ROOT / "examples").glob("*.txt"))
    if not examples:
        pytest.skip("neither ../shared/eval/articles nor examples/ is available")
    return [str(p) for p in examples]


def dev_store(tmp_path_factory) -> Path:
    """The store of the dev articles, built once per test session (the first module to ask builds it)."""
    from detente.corpus import ingest as corpus

    folder = tmp_path_factory.getbasetemp() / "detente-dev-store"
    db = folder / "dev.duckdb"
    done = folder / "built"
    if not done.exists():
        folder.mkdir(parents=True, exist_ok=True)
        sources = dev_sources()
        summary = corpus.ingest(sources, db=db, workers=1)
        assert summary.stored == len(sources) and summary.errors == 0, summary.line()
        done.write_text(str(summary.stored))
    return db


def writable_copy(tmp_path_factory, name: str) -> Path:
    src = dev_store(tmp_path_factory)
    dst = tmp_path_factory.mktemp(name) / "store.duckdb"
    shutil.copy(src, dst)
    return dst


def free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def running(app):
    """The app served by uvicorn in a thread on 127.0.0.1 (a free port): yields its base URL."""
    import uvicorn

    sock = free_socket()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


XSS_SCRIPT = "<script>window.__pwned=1</script>"
XSS_IMG = '"><img src=x onerror="window.__pwned=1">'
XSS_ARTICLE = {
    "id": "xss-payload-article",
    "title": "Talks in Minsk " + XSS_IMG,
    "source": "Test Wire " + XSS_SCRIPT,
    "date": "2016-04-08",
    "text": ("Belarus called on Armenia and Azerbaijan to show restraint and observe the ceasefire on Monday. "
             "\u201c" + XSS_SCRIPT + " We urge both sides to stop the fighting,\u201d the Belarusian Foreign "
             "Minister Vladimir Makei said in Minsk. The statement " + XSS_IMG + " was published by the "
             "ministry, which said that Belarus would not take part in the conflict."),
}


def error_of(response) -> dict:
    body = response.json()
    assert set(body) == {"error"}, body
    assert body["error"]["status"] == response.status_code
    assert "Traceback" not in response.text
    return body["error"]


# ------------------------------------------------------------------ fixtures

@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return dev_store(tmp_path_factory)


@pytest.fixture(scope="module")
def client(store_path):
    with TestClient(create_app(Settings(db=str(store_path)))) as c:
        yield c


@pytest.fixture(scope="module")
def n_documents(store_path):
    with Store(store_path, read_only=True) as s:
        return s.counts()["documents"]


@pytest.fixture(scope="module")
def writable(tmp_path_factory):
    """A writable server (a copy of the dev store) with an API key."""
    db = writable_copy(tmp_path_factory, "api-writable")
    app = create_app(Settings(db=str(db), allow_ingest=True, api_key="s3cret-key", max_body=64 * 1024))
    with TestClient(app) as c:
        yield c


# ------------------------------------------------------------------ read endpoints

def test_index_counts_the_store(client, n_documents):
    r = client.get("/api")
    assert r.status_code == 200
    data = r.json()
    assert data["read_only"] is True
    assert data["counts"]["documents"] == n_documents
    assert len(data["latest_documents"]) == min(10, n_documents)
    assert any(c["conflict"] == "Nagorno-Karabakh conflict" for c in data["conflicts"])


def test_documents_are_paginated(client, n_documents):
    first = client.get("/api/documents", params={"limit": 2}).json()
    assert first["total"] == n_documents and first["limit"] == 2 and first["offset"] == 0
    assert len(first["items"]) == 2
    second = client.get("/api/documents", params={"limit": 2, "offset": 2}).json()
    assert {d["id"] for d in first["items"]}.isdisjoint(d["id"] for d in second["items"])
    everything = client.get("/api/documents", params={"limit": 500}).json()
    assert len(everything["items"]) == n_documents
    assert client.get("/api/documents", params={"offset": 10_000}).json()["items"] == []
    for bad in ({"limit": 0}, {"limit": 501}, {"offset": -1}, {"limit": "ten"}):
        r = client.get("/api/documents", params=bad)
        assert r.status_code == 422
        assert error_of(r)["code"] == "invalid_request"


def test_documents_filters(client):
    naming = client.get("/api/documents", params={"actor": "BLR", "limit": 500}).json()
    assert KARABAKH in {d["id"] for d in naming["items"]}
    assert naming["total"] == len(naming["items"])
    by_name = client.get("/api/documents", params={"actor": "Belarus", "limit": 500}).json()
    assert by_name["total"] == naming["total"]
    unknown = client.get("/api/documents", params={"actor": "Atlantis"})  # a name nobody knows is an error
    assert unknown.status_code == 404 and "Atlantis" in unknown.json()["error"]["message"]
    dated = client.get("/api/documents", params={"from": "2020-01-01", "to": "2020-12-31", "limit": 500}).json()
    assert dated["items"] and all("2020-01-01" <= d["date"] <= "2020-12-31" for d in dated["items"])
    r = client.get("/api/documents", params={"from": "2020-02-31"})
    assert r.status_code == 400 and error_of(r)["code"] == "E022"


def test_document_has_text_and_spans(client):
    r = client.get(f"/api/documents/{KARABAKH}")
    assert r.status_code == 200
    doc = r.json()
    text = doc["text"]
    assert doc["id"] == KARABAKH and text.startswith("The escalation of the conflict in Nagorno-Karabakh")
    belarus = next(a for a in doc["actors"] if a["id"] == "BLR")
    assert "Minsk" in [text[s:e] for s, e in belarus["spans"]]
    quote = next(q for q in doc["quotes"] if "This will never happen" in q["text"])
    assert quote["speaker"] == "Andrei Ravkov" and quote["speaker_actor"] == "BLR"
    assert text[quote["span"][0]:quote["span"][1]] == quote["text"]
    for key in ("persons", "events", "relations", "stances", "conflicts"):
        assert doc[key], key
    by_hash = client.get(f"/api/documents/{doc['hash']}").json()
    assert by_hash == doc


def test_unknown_document_is_a_json_404(client):
    r = client.get("/api/documents/no-such-article")
    assert r.status_code == 404
    assert error_of(r) == {"status": 404, "code": "not_found", "message": "no document with id 'no-such-article'"}


def test_actors(client):
    data = client.get("/api/actors", params={"limit": 500}).json()
    ids = [a["actor"] for a in data["items"]]
    assert {"BLR", "RUS", "KAZ", "CSTO", "ARM", "AZE"} <= set(ids)
    assert data["total"] == len(ids)
    some = client.get("/api/actors", params={"q": "bela"}).json()
    assert [a["actor"] for a in some["items"]] == ["BLR"]
    page = client.get("/api/actors", params={"limit": 3, "offset": 3}).json()
    assert [a["actor"] for a in page["items"]] == ids[3:6]


def test_actor(client):
    r = client.get("/api/actors/BLR")
    assert r.status_code == 200
    data = r.json()
    assert data["actor"]["actor"] == "BLR" and data["actor"]["name"] == "Belarus"
    assert data["mentions"]["total"] >= len(data["mentions"]["items"]) > 0
    assert "Minsk" in {m["text"] for m in data["mentions"]["items"]}
    assert any(q["speaker"] == "Andrei Ravkov" for q in data["quotes"])
    assert any(s["issue"] == "Nagorno-Karabakh conflict" and s["position"] == "neutral" for s in data["stances"])
    assert any(r["type"] == "member_of" and r["target"] == "CSTO" for r in data["relations"])
    assert data["events_as_source"]["total"] >= 1
    assert all(e["source"] == "BLR" for e in data["events_as_source"]["items"])
    assert all(e["target"] == "BLR" for e in data["events_as_target"]["items"])
    kinds = {k["kind"] for k in data["activity"]["kinds"]}
    assert kinds == {"meets", "praises", "accuses", "fights"}
    assert all(row["kind"] in kinds and row["direction"] in ("by", "toward") for row in data["activity"]["rows"])
    assert client.get("/api/actors/belarus").json()["actor"]["actor"] == "BLR"  # a name works too


def test_unknown_actor_is_a_json_404(client):
    r = client.get("/api/actors/XYZ")  # a name nobody knows
    assert r.status_code == 404 and error_of(r)["code"] == "E037" and "'XYZ'" in error_of(r)["message"]
    r = client.get("/api/actors/Iceland")  # the knowledge base knows it, the store does not hold it
    assert r.status_code == 404 and error_of(r)["code"] == "not_found"
    assert error_of(r)["message"] == "no actor 'Iceland' (ISL in the knowledge base) in the store"


def test_events_filters_and_pages(client):
    everything = client.get("/api/events", params={"limit": 500}).json()
    assert everything["total"] == len(everything["items"]) > 0
    first = everything["items"][0]
    same = client.get("/api/events", params={"source": first["source"], "target": first["target"],
                                             "code": first["cameo"][:2], "limit": 500}).json()
    assert first["event_id"] in {e["event_id"] for e in same["items"]}
    assert all(e["source"] == first["source"] and e["cameo"].startswith(first["cameo"][:2]) for e in same["items"])
    page1 = client.get("/api/events", params={"limit": 2}).json()
    page2 = client.get("/api/events", params={"limit": 2, "offset": 2}).json()
    assert page1["total"] == page2["total"] == everything["total"]
    assert [e["event_id"] for e in page1["items"] + page2["items"]] == \
        [e["event_id"] for e in everything["items"][:4]]
    dated = client.get("/api/events", params={"from": "2020-01-01", "to": "2020-12-31", "limit": 500}).json()
    assert all("2020-01-01" <= e["date"] <= "2020-12-31" for e in dated["items"])
    assert client.get("/api/events", params={"code": "1x"}).status_code == 422
    assert client.get("/api/events", params={"to": "yesterday"}).status_code == 400


def test_events_link_to_their_evidence_in_its_document(client):
    """Each event names the report it was first coded from, and `page` shows that report: the
    document's fact eN is an event of the same actors and code, whose text is the evidence."""
    items = client.get("/api/events", params={"limit": 500}).json()["items"]
    assert items and all(e["evidence"] for e in items)
    docs = {}
    for e in items:
        ev = e["evidence"]
        m = re.fullmatch(r"/documents/([^#]+)#fact=e(\d+)", ev["page"])
        assert m and ev["fact"] == f"e{m[2]}", ev
        doc = docs.get(m[1]) or docs.setdefault(m[1], client.get(f"/api/documents/{m[1]}").json())
        assert doc["id"] == ev["document"]
        fact = (doc["events"] + doc["uncounted_events"])[int(m[2])]
        assert (fact["source"], fact["target"], fact["cameo"][:3]) == (e["source"], e["target"], e["cameo"][:3])
        assert fact["text"] == ev["text"] and doc["text"][ev["span"][0]:ev["span"][1]] == ev["text"]
    actor = client.get("/api/actors/BLR").json()
    assert all(e["evidence"]["page"].startswith("/documents/") for e in actor["events_as_source"]["items"])


def test_dyads(client):
    ev = client.get("/api/events", params={"limit": 1}).json()["items"][0]
    r = client.get("/api/dyads", params={"a": ev["source"], "b": ev["target"], "by": "month"})
    assert r.status_code == 200
    data = r.json()
    assert data["a"]["id"] == ev["source"] and data["b"]["id"] == ev["target"]
    assert sum(p["events"] for p in data["periods"]) == sum(row["events"] for row in data["rows"]) >= 1
    assert [q["quad"] for q in data["quad_classes"]] == [1, 2, 3, 4]
    p = data["periods"][0]
    assert p["events"] == p["q1_verb_coop"] + p["q2_mat_coop"] + p["q3_verb_confl"] + p["q4_mat_confl"]
    assert p["events"] == p["a_to_b"] + p["b_to_a"]
    assert client.get("/api/dyads", params={"a": "RUS", "b": "Atlantis"}).status_code == 404
    assert client.get("/api/dyads", params={"a": "RUS"}).status_code == 422
    assert client.get("/api/dyads", params={"a": "RUS", "b": "UKR", "by": "decade"}).status_code == 422


def test_alignment(client):
    r = client.get("/api/alignment", params={"conflict": "Nagorno-Karabakh"})
    assert r.status_code == 200
    data = r.json()
    assert data["conflict"] == "Nagorno-Karabakh conflict"
    assert {p["id"] for p in data["parties"]} >= {"ARM", "AZE"}
    positions = {a["actor"]: a["position"] for a in data["actors"]}
    assert positions["BLR"] == "neutral" and positions["RUS"] == "neutral"
    assert {"BLR", "RUS", "KAZ", "CSTO"} <= set(positions)
    nodes = {n["id"] for n in data["graph"]["nodes"]}
    assert {"BLR", "RUS", "KAZ", "CSTO", "ARM", "AZE"} <= nodes
    assert all(e["source"] in nodes and e["target"] in nodes for e in data["graph"]["edges"])
    assert all(len(a["evidence"]) <= 10 for a in data["actors"])
    r = client.get("/api/alignment", params={"conflict": "War of the Worlds"})
    assert r.status_code == 404 and error_of(r)["code"] == "E021"


def test_alignment_without_a_conflict_lists_the_stores_conflicts(client, store_path):
    """The list the alignment page offers: every issue of the stored stances with its actors."""
    data = client.get("/api/alignment").json()
    assert data["conflict"] is None and data["conflicts"]
    with Store(store_path, read_only=True) as s:
        ids = {r[0] for r in s.con.execute(
            "SELECT DISTINCT json_extract_string(extra, '$.conflict_id') FROM stances").fetchall()} - {None}
        issues = {r[0] for r in s.con.execute("SELECT DISTINCT issue FROM stances").fetchall()}
    # knowledge-base conflicts under their id, the others under the name an article gave them
    assert all(c["id"] in ids if c["id"] else c["conflict"] in issues for c in data["conflicts"])
    assert ids <= {c["id"] for c in data["conflicts"]}
    assert not any(":" in c["conflict"] for c in data["conflicts"])  # no dispute named after one event
    for c in data["conflicts"][:5]:  # each is a working link to its alignment
        r = client.get("/api/alignment", params={"conflict": c["conflict"]})
        assert r.status_code == 200 and len(r.json()["actors"]) >= c["actors"], c


def test_alignment_evidence_in_words(client):
    """No "side:AZE 1": a sentence per position, with the actor's name and the evidence kinds."""
    from detente import kb
    from detente.analysis import sides

    data = client.get("/api/alignment", params={"conflict": "Nagorno-Karabakh"}).json()
    words = sides.style()["evidence_kinds"]
    for a in data["actors"]:
        assert len(a["in_words"]) == len(a["counts"])
        for line, (position, n) in zip(a["in_words"], sorted(a["counts"].items(), key=lambda kv: (-kv[1], kv[0]))):
            assert line.startswith(f"{n} stance") and ":" not in line, line
            assert sides.position_in_words(position, kb.load().actor_name) in line
            assert any(w in line for pair in words.values() for w in pair), line
    kaz = next(a for a in data["actors"] if a["position"].startswith("side:"))
    assert f"{kb.load().actor_name(kaz['position'].split(':')[1])}'s side" in kaz["in_words"][0]
    assert all(e["in_words"] and ":" in e["in_words"] and "side:" not in e["in_words"] for e in data["graph"]["edges"])
    assert data["colours"] == sides.colours()
    stances = client.get(f"/api/actors/{kaz['actor']}").json()["stances"]  # the actor page says it alike
    assert stances and all(":" not in s["in_words"] for s in stances)
    assert sides.position_in_words(kaz["position"], kb.load().actor_name) in {s["in_words"] for s in stances}


def test_evidence_in_words_counts_stances_and_names_kinds():
    from detente.analysis import sides

    names = {"AZE": "Azerbaijan", "ARM": "Armenia"}.get
    evidence = [{"position": "side:AZE", "kind": "relation"}, {"position": "side:AZE", "kind": "clause"},
                {"position": "side:AZE", "kind": "clause"}, {"position": "against:ARM", "kind": "pressure"},
                {"position": "neutral", "kind": "both_sides"}]
    assert sides.evidence_in_words({"side:AZE": 2, "against:ARM": 1, "neutral": 1}, evidence, names) == [
        "2 stances taking Azerbaijan's side (2 statements, 1 stated tie)",
        "1 stance against Armenia (1 act of pressure)",
        "1 stance taking neither side (1 dealing with both sides)"]
    assert sides.evidence_in_words({"side:AZE": 1}, [], names) == ["1 stance taking Azerbaijan's side"]


def test_actor_parameters_take_names_aliases_and_ids(client):
    by_id = client.get("/api/actors/BLR").json()["actor"]
    assert client.get("/api/actors/Belarus").json()["actor"] == by_id
    assert client.get("/api/actors/minsk").json()["actor"] == by_id  # the capital, as the knowledge base reads it
    ids = client.get("/api/events", params={"source": "BLR", "limit": 500}).json()
    names = client.get("/api/events", params={"source": "Belarus", "limit": 500}).json()
    assert ids["total"] == names["total"] > 0
    dyad = client.get("/api/dyads", params={"a": "Armenia", "b": "Azerbaijan"}).json()
    assert (dyad["a"]["id"], dyad["b"]["id"]) == ("ARM", "AZE") and dyad["rows"]
    assert client.get("/api/quotes", params={"actor": "Belarus"}).json()["total"] == \
        client.get("/api/quotes", params={"actor": "BLR"}).json()["total"]
    by_name = client.get("/api/commitments", params={"conflict": "Karabakh war", "party": "Armenia"}).json()
    assert by_name["party"] == "ARM" and by_name["conflict_id"] == "nagorno-karabakh-conflict"
    assert "Belarus and Russia are neutral" in by_name["summary"]
    r = client.get("/api/commitments", params={"conflict": "Karabakh war", "party": "Ruritania"})
    assert r.status_code == 404 and "'Ruritania'" in error_of(r)["message"]


def test_alignment_takes_a_conflicts_id_alias_or_place(client):
    by_id = client.get("/api/alignment", params={"conflict": "nagorno-karabakh-conflict"}).json()
    assert (by_id["conflict"], by_id["conflict_id"], by_id["start"], by_id["end"]) == \
        ("Nagorno-Karabakh conflict", "nagorno-karabakh-conflict", "1988", "2023-09")
    by_alias = client.get("/api/alignment", params={"conflict": "Karabakh war"}).json()
    assert by_alias["actors"] == by_id["actors"]
    ukraine = client.get("/api/alignment", params={"conflict": "Ukraine"}).json()
    assert ukraine["conflict_id"] == "war-in-ukraine"


def test_home_page_lists_only_real_conflicts(client, kb):
    listed = client.get("/api").json()["conflicts"]
    assert listed and all(c["actors"] > 0 for c in listed)
    known = {c["id"] for c in kb.conflicts}
    # a knowledge-base conflict is listed once under its id; the others are conflicts an article names
    assert len({c["id"] for c in listed if c["id"]}) == len([c for c in listed if c["id"]])
    assert all(c["id"] in known for c in listed if c["id"])
    assert not any(":" in c["conflict"] for c in listed)  # no dispute named after one event


def test_commitments(client):
    r = client.get("/api/commitments", params={"conflict": "Nagorno-Karabakh", "party": "ARM"})
    assert r.status_code == 200
    data = r.json()
    verdicts = {a["actor"]: a["verdict"] for a in data["allies"]}
    assert verdicts["BLR"] == "bound but neutral" and verdicts["RUS"] == "bound but neutral"
    assert "CSTO" in data["summary"] and data["party_name"] == "Armenia"
    words = {a["actor"]: a["observed_in_words"] for a in data["allies"]}
    assert words["BLR"] == "taking neither side" and not any(re.search(r"\b(side|against):", w) for w in words.values())
    assert client.get("/api/commitments", params={"conflict": "Nagorno-Karabakh", "party": "A'; --"}).status_code == 404
    assert client.get("/api/commitments", params={"conflict": "War of the Worlds", "party": "ARM"}).status_code == 404


def test_analyses_equal_those_over_the_whole_documents(client, store_path):
    """The API feeds the analyses the parts of the documents they read: same answers as
    `detente analyse` over the full coded documents."""
    from detente.analysis import analyses
    from detente import kb
    from detente.corpus.store import coded_documents

    docs, knowledge = list(coded_documents(store_path)), kb.load()
    for conflict in ("Nagorno-Karabakh", "war in Ukraine", "Israel-Hamas war"):
        meta, rows = analyses.alignment(docs, knowledge, conflict)
        data = client.get("/api/alignment", params={"conflict": conflict, "evidence": 100}).json()
        assert (data["conflict"], data["sides"]) == (meta["conflict"], meta["sides"])
        expected = [{**d, "evidence": d["evidence"][:100]} for d in analyses.rows_as_dicts(rows)]
        got = [{k: v for k, v in a.items() if k not in ("evidence_total", "group", "in_words")} for a in data["actors"]]
        assert got == json.loads(json.dumps(expected)), conflict
        for party in ("ARM", "AZE", "UKR", "RUS"):
            meta, rows = analyses.commitments(docs, knowledge, conflict, party)
            data = client.get("/api/commitments", params={"conflict": conflict, "party": party}).json()
            got = [{k: v for k, v in a.items() if k != "observed_in_words"} for a in data["allies"]]
            assert got == json.loads(json.dumps(analyses.rows_as_dicts(rows)))
            assert data["date"] == meta["date"]


def test_quotes(client):
    data = client.get("/api/quotes", params={"speaker": "ravkov"}).json()
    assert data["total"] == len(data["items"]) >= 1
    assert {q["speaker"] for q in data["items"]} == {"Andrei Ravkov"}
    assert any("This will never happen" in q["text"] for q in data["items"])
    everything = client.get("/api/quotes", params={"limit": 3}).json()
    assert everything["total"] > 3 and len(everything["items"]) == 3
    assert client.get("/api/quotes", params={"actor": "BLR", "limit": 500}).json()["total"] >= 1


def test_search(client):
    data = client.get("/api/search", params={"q": "Minsk"}).json()
    assert KARABAKH in {d["id"] for d in data["documents"]["items"]}
    assert all("minsk" in d["snippet"].lower() for d in data["documents"]["items"])
    assert "BLR" in {a["actor"] for a in client.get("/api/search", params={"q": "belarus"}).json()["actors"]}
    assert any(p["person"] == "Andrei Ravkov" for p in
               client.get("/api/search", params={"q": "Ravkov"}).json()["persons"])
    assert client.get("/api/search").status_code == 422
    assert client.get("/api/search", params={"q": "   "}).status_code == 422


def test_conflicts_list(client):
    data = client.get("/api/conflicts").json()
    assert "Nagorno-Karabakh conflict" in {c["name"] for c in data["items"]}


@pytest.mark.parametrize("value", ["'; DROP TABLE documents; --", "BLR' OR '1'='1", "%", "_", "\\", "\"", ";"])
def test_parameters_are_bound_not_spliced(client, store_path, n_documents, value):
    """Values are data: no SQL runs, and search matches them literally (no LIKE wildcards)."""
    from urllib.parse import quote

    from detente.kb import fold

    for path, params in [("/api/documents", {"source": value}), ("/api/quotes", {"speaker": value})]:
        r = client.get(path, params=params)
        if "speaker" in params and not fold(value):  # a speaker of punctuation alone has no word to match
            assert r.status_code == 422 and error_of(r)["code"] == "E049", (path, r.text)
            continue
        assert r.status_code == 200, (path, r.text)
        assert r.json()["total"] == 0 or not fold(value), (path, value)
    for path, params in [("/api/documents", {"actor": value, "source": value}), ("/api/events", {"source": value}),
                         ("/api/quotes", {"speaker": value, "actor": value})]:  # no actor has that name
        r = client.get(path, params=params)
        expected = "E037" if "speaker" not in params or fold(value) else "E049"
        assert r.status_code == (404 if expected == "E037" else 422) and error_of(r)["code"] == expected, \
            (path, r.text)
    with Store(store_path, read_only=True) as s:
        literal = sum(1 for title, text in s.con.execute("SELECT coalesce(title, ''), text FROM documents").fetchall()
                      if value.lower() in text.lower() or value.lower() in title.lower())
    assert client.get("/api/search", params={"q": value}).json()["documents"]["total"] == literal
    assert client.get("/api/actors/" + quote(value, safe="")).status_code == 404
    assert client.get("/api").json()["counts"]["documents"] == n_documents


# ------------------------------------------------------------------ coding and storing

def test_code_codes_and_stores_nothing(client, n_documents):
    r = client.post("/api/code", json={"text": "Minsk called on Baku and Yerevan to show restraint.",
                                       "date": "2016-04-08"})
    assert r.status_code == 200
    doc = r.json()
    assert doc["text"].startswith("Minsk called")
    assert ("BLR", "AZE") in {(e["source"], e["target"]) for e in doc["events"]}
    assert client.get("/api").json()["counts"]["documents"] == n_documents


def test_code_errors(client):
    r = client.post("/api/code", json={"text": ""})
    assert r.status_code == 422 and error_of(r)["code"] == "invalid_request"
    r = client.post("/api/code", content=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 422
    r = client.post("/api/code", json={"text": "Der Bundestag hat am Dienstag ein neues Gesetz über die "
                                               "Verteidigung der Republik beschlossen und die Regierung gelobt."})
    assert r.status_code == 400 and error_of(r)["code"] == "E005"
    r = client.get("/api/code")
    assert r.status_code == 405 and error_of(r)["code"] == "method_not_allowed"
    assert "POST" in r.headers["allow"]


def test_bodies_over_the_limit_get_413(client, writable):
    big = {"text": "Minsk called on Baku to show restraint. " * 200_000}  # > 5 MB, the default limit
    r = client.post("/api/code", json=big)
    assert r.status_code == 413 and error_of(r)["code"] == "payload_too_large"
    small_limit = {"text": "Minsk called on Baku to show restraint. " * 2_000}  # > 64 KB
    headers = {"Authorization": "Bearer s3cret-key"}
    assert writable.post("/api/documents", json=small_limit, headers=headers).status_code == 413

    def chunks():  # no Content-Length: the limit is enforced while reading
        payload = json.dumps(small_limit).encode()
        for i in range(0, len(payload), 4096):
            yield payload[i:i + 4096]

    r = writable.post("/api/code", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and error_of(r)["code"] == "payload_too_large"


def test_read_only_server_refuses_to_store(client):
    r = client.post("/api/documents", json={"text": "Minsk called on Baku to show restraint."},
                    headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403 and error_of(r)["code"] == "read_only"


def test_storing_needs_the_right_key(writable):
    article = {"id": "api-minsk-appeal", "text": "Minsk called on Baku and Yerevan to show restraint on Friday.",
               "date": "2016-04-08", "source": "API test"}
    r = writable.post("/api/documents", json=article)
    assert r.status_code == 401 and error_of(r)["code"] == "unauthorized"
    assert r.headers["www-authenticate"] == "Bearer"
    for headers in ({"Authorization": "Bearer wrong"}, {"X-API-Key": "s3cret-ke"},
                    {"Authorization": "Basic s3cret-key"}, {"X-API-Key": "s3cret-key-and-more"}):
        r = writable.post("/api/documents", json=article, headers=headers)
        assert r.status_code in (401, 403) and error_of(r)["code"] in ("unauthorized", "forbidden"), headers
    before = writable.get("/api/documents").json()["total"]  # cached from here on...
    r = writable.post("/api/documents", json=article, headers={"Authorization": "Bearer s3cret-key"})
    assert r.status_code == 201, r.text
    assert r.json() == {"id": "api-minsk-appeal", "hash": r.json()["hash"], "stored": True,
                        "api": "/api/documents/api-minsk-appeal", "page": "/documents/api-minsk-appeal"}
    assert writable.get("/api/documents").json()["total"] == before + 1  # ...until the store changes
    doc = writable.get("/api/documents/api-minsk-appeal").json()
    assert ("BLR", "AZE") in {(e["source"], e["target"]) for e in doc["events"]}
    again = writable.post("/api/documents", json=article, headers={"X-API-Key": "s3cret-key"})
    assert again.status_code == 200 and again.json()["stored"] is False


def test_ingest_needs_a_key():
    with pytest.raises(ValueError):
        create_app(Settings(db=":memory:", allow_ingest=True))


def test_wrong_methods_and_paths_are_json_errors(client):
    for method, path in [("DELETE", f"/api/documents/{KARABAKH}"), ("PUT", "/api/actors"),
                         ("POST", "/api/actors/BLR"), ("PATCH", "/api/events")]:
        r = client.request(method, path)
        assert r.status_code == 405 and error_of(r)["code"] == "method_not_allowed", (method, path)
    r = client.get("/api/nothing-here")
    assert r.status_code == 404 and error_of(r)["code"] == "not_found"


def test_unexpected_errors_show_no_traceback(store_path, monkeypatch):
    from detente.corpus import query

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(query, "actors", broken)
    with TestClient(create_app(Settings(db=str(store_path), cache_mb=0)), raise_server_exceptions=False) as c:
        r = c.get("/api/actors")
    assert r.status_code == 500
    err = error_of(r)
    assert err["code"] == "internal_error" and "secret" not in r.text and "RuntimeError" not in r.text


# ------------------------------------------------------------------ the dashboard's files

@pytest.mark.parametrize("page", [p for p in PAGES if p != "/code"])
def test_every_page_has_an_api_endpoint_of_the_same_shape(client, page):
    paths = set(client.get("/openapi.json").json()["paths"])
    api = "/api" if page == "/" else "/api" + page.replace("{doc_id:path}", "{doc_id}")
    assert api in paths


def test_pages_and_static_files_are_served_from_the_package(client):
    for path in ("/", f"/documents/{KARABAKH}", "/actors/BLR", "/alignment?conflict=Nagorno-Karabakh", "/dyads",
                 "/search?q=Minsk", "/code"):
        r = client.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), path
        assert "script-src 'self'" in r.headers["content-security-policy"]
        assert r.headers["x-content-type-options"] == "nosniff"
    for path in ("/static/app.js", "/static/app.css", "/static/vendor/cytoscape/cytoscape.min.js",
                 "/static/vendor/swagger-ui/swagger-ui-bundle.js", "/static/vendor/swagger-ui/swagger-ui.css",
                 "/favicon.ico"):
        assert client.get(path).status_code == 200, path
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text
    assert client.get("/redoc").status_code == 404


def test_dashboard_loads_nothing_from_elsewhere():
    web = ROOT / "detente" / "serve" / "web"
    for path in [web / "index.html", web / "docs.html", *sorted((web / "static").glob("*.*"))]:
        text = path.read_text(encoding="utf-8")
        assert "//cdn" not in text and "https://" not in text.replace("https?://", ""), path
        # stored strings reach pages as text nodes only
        assert not re.search(r"\.(inner|outer)HTML\s*=|insertAdjacentHTML|document\.write", text), path
    licences = web / "static" / "vendor"
    assert (licences / "cytoscape" / "LICENSE").exists() and (licences / "swagger-ui" / "LICENSE").exists()


# ------------------------------------------------------------------ a real server

def test_concurrent_requests_on_a_real_server(store_path):
    app = create_app(Settings(db=str(store_path), cache_mb=0))
    paths = ["/api", "/api/documents?limit=5", f"/api/documents/{KARABAKH}", "/api/actors", "/api/actors/BLR",
             "/api/events", "/api/quotes?speaker=ravkov", "/api/search?q=Minsk",
             "/api/alignment?conflict=Nagorno-Karabakh", "/api/documents/missing"]
    with running(app) as base, httpx.Client(base_url=base, timeout=30) as http:
        expected = {p: (r.status_code, r.content) for p in paths for r in [http.get(p)]}

        def fetch(i):
            p = paths[i % len(paths)]
            with httpx.Client(base_url=base, timeout=30) as c:
                r = c.get(p)
            return p, r.status_code, r.content

        with ThreadPoolExecutor(max_workers=12) as pool:
            results = list(pool.map(fetch, range(120)))
    for p, status, content in results:
        assert (status, content) == expected[p], p


def test_batcher_loads_concurrent_requests_together():
    from detente.serve.database import Batcher

    batches = []
    gate = threading.Event()

    def load(keys):
        batches.append(list(keys))
        gate.wait(5)  # hold the first batch until every request is waiting
        if "bad" in keys:
            raise ValueError("cannot load bad")
        return {k: k.upper() for k in keys}

    batcher = Batcher(load, max_batch=8)
    keys = ["a", "b", "c", "a", "d", "e", "f", "g", "h", "i", "j"]
    with ThreadPoolExecutor(max_workers=len(keys)) as pool:
        futures = [pool.submit(batcher.get, k) for k in keys]
        time.sleep(0.3)
        gate.set()
        assert [f.result(timeout=10) for f in futures] == [k.upper() for k in keys]
    assert sorted(k for b in batches for k in b) == sorted(set(keys))  # each key loaded once
    assert len(batches) < len(set(keys)) and all(len(b) <= 8 for b in batches)
    with pytest.raises(ValueError):
        batcher.get("bad")
    assert batcher.get("z") == "Z"  # a failed batch leaves the batcher usable


def test_serve_command(store_path, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from detente.cli.app import app

    monkeypatch.delenv("DETENTE_API_KEY", raising=False)
    runner = CliRunner()
    r = runner.invoke(app, ["serve", "--db", str(store_path), "--allow-ingest"])
    assert r.exit_code == 2 and "API key" in r.output
    r = runner.invoke(app, ["serve", "--db", str(tmp_path / "missing.duckdb")])
    assert r.exit_code == 1 and "E024" in r.output
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    env = {**os.environ, "DETENTE_API_KEY": "k"}
    proc = subprocess.Popen([sys.executable, "-m", "detente", "serve", "--db", str(store_path), "--port", str(port)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api", timeout=5)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise AssertionError("detente serve did not answer") from None
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["read_only"] is True
        r = httpx.post(f"http://127.0.0.1:{port}/api/documents", json={"text": "Minsk called on Baku."},
                       headers={"Authorization": "Bearer k"})
        assert r.status_code == 403  # read-only without --allow-ingest, whatever the key
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=20)
    assert "read-only" in out and "Traceback" not in out
