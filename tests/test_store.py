"""The corpus store: idempotent and crash-safe ingest, errors, de-duplication, exports, queries."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus_fixtures import NEWS, dedup_reports, write_jsonl

from detente.corpus import ingest as corpus, export, query
from detente.errors import DetenteError
from detente.corpus.gdelt import EVENT_COLUMNS, GKG_COLUMNS, MENTION_COLUMNS
from detente.corpus.store.schema import DOCUMENT_TABLES, SCHEMA_VERSION, TABLES
from detente.corpus.store import Store
from detente.corpus.store.rows import document_rows

ROOT = Path(__file__).resolve().parents[1]


def table_rows(store: Store, table: str, skip: tuple[str, ...] = ("coded_at", "origin")) -> list[tuple]:
    cols = [c for c, _ in TABLES[table] if c not in skip]
    names = ", ".join(f'"{c}"' for c in cols)
    return store.con.execute(f"SELECT {names} FROM {table} ORDER BY ALL").fetchall()


@pytest.fixture(scope="module")
def news_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("news")
    write_jsonl(folder / "wire.jsonl", NEWS)
    return folder


@pytest.fixture(scope="module")
def clean_store(news_dir, tmp_path_factory):
    """NEWS ingested once, in this process, by the real ingest path."""
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    summary = corpus.ingest([str(news_dir)], db=db, workers=1, batch_size=5)
    assert summary.stored == len(NEWS) and summary.errors == 0, summary
    return db


def test_ingest_twice_stores_nothing_new(clean_store, news_dir):
    with Store(clean_store) as s:
        before = s.counts()
    assert before["documents"] == len(NEWS) and before["actors"] > 0 and before["mentions"] > 0
    summary = corpus.ingest([str(news_dir)], db=clean_store, workers=1)
    assert (summary.stored, summary.skipped, summary.errors) == (0, len(NEWS), 0)
    with Store(clean_store) as s:
        assert s.counts() == before
        assert s.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == \
            [(str(SCHEMA_VERSION),)]


def test_jsonl_export_rebuilds_the_coded_documents(clean_store, code):
    """What the store gives back is what the coder produced (spans, events, quotes, all of it)."""
    with Store(clean_store, read_only=True) as s:
        rebuilt = {d["id"]: d for d in map(json.loads, export.jsonl_lines(s))}
    for record in NEWS[:3]:
        coded = code(record["text"], date=record["date"], id=record["id"], url=record["url"],
                     source=record["source"])
        assert rebuilt[record["id"]] == json.loads(json.dumps(coded.to_dict(include_text=True)))


def test_rows_are_deterministic_and_survive_json(code):
    doc = code(NEWS[4]["text"], date=NEWS[4]["date"], id=NEWS[4]["id"])
    rows = document_rows(doc)
    again = document_rows(json.loads(json.dumps(doc.to_dict(include_text=True))))
    assert rows == again
    ids = [r[0] for t in DOCUMENT_TABLES if t != "documents" for r in rows[t]]
    assert len(ids) == len(set(ids)) and all(len(i) == 16 for i in ids)


EDITIONS = 8  # copies of NEWS with distinct texts, so that a run lasts long enough to be killed midway


@pytest.fixture(scope="module")
def editions_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("editions")
    records = [{**r, "id": f"{r['id']}-{k}", "text": f"{r['text']} (Edition {k} of the morning bulletin.)"}
               for k in range(1, EDITIONS + 1) for r in NEWS]
    write_jsonl(folder / "editions.jsonl", records)
    return folder


def test_kill_9_during_ingest_then_resume(editions_dir, tmp_path):
    psutil = pytest.importorskip("psutil")
    total = EDITIONS * len(NEWS)
    db = tmp_path / "killed.duckdb"
    cmd = [sys.executable, "-m", "detente", "ingest", str(editions_dir), "--db", str(db), "--batch-size", "2",
           "--workers", "2"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    kill_after = random.randint(1, 4)  # of total / 2 = 48 batches
    committed = 0
    workers = []
    deadline = time.time() + 240
    while committed < kill_after and time.time() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        if "committed" in line:
            committed += 1
    assert committed == kill_after, f"the ingest did not commit {kill_after} batch(es): {proc.stderr.read()}"
    workers = psutil.Process(proc.pid).children(recursive=True)
    time.sleep(random.uniform(0, 0.3))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    _gone, alive = psutil.wait_procs(workers, timeout=10)  # the workers notice and leave
    assert not alive

    with Store(db) as s:
        partial = s.counts()["documents"]
    assert kill_after * 2 <= partial < total

    res = subprocess.run(cmd[:-2] + ["--workers", "1"], cwd=ROOT, check=False, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert f"stored {total - partial}, skipped (already stored) {partial}, errors 0" in res.stdout

    clean_db = tmp_path / "clean.duckdb"  # the same articles in one uninterrupted run
    assert corpus.ingest([str(editions_dir)], db=clean_db, workers=1).stored == total
    with Store(db) as resumed, Store(clean_db, read_only=True) as clean:
        assert resumed.con.execute("SELECT count(*), count(DISTINCT hash) FROM documents").fetchall() == \
            [(total, total)]
        for table in [*DOCUMENT_TABLES, "events"]:  # every row of every article, identical to a clean run
            assert table_rows(resumed, table) == table_rows(clean, table), table


def test_bad_inputs_go_to_errors_and_the_rest_is_stored(tmp_path):
    good = NEWS[5]
    (tmp_path / "good.txt").write_text(good["text"], encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03 not text")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    lines = [json.dumps(NEWS[6]), '{"id": "broken", "text": "unterminated', json.dumps(NEWS[7]),
             json.dumps({"id": "no-text", "title": "Only a title"})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "store.duckdb"
    messages = []
    summary = corpus.ingest([str(tmp_path / n) for n in ("good.txt", "binary.txt", "empty.txt", "report.pdf",
                                                        "feed.jsonl")],
                            db=db, workers=1, on_error=messages.append)
    assert (summary.stored, summary.errors) == (3, 5)
    with Store(db) as s:
        ids = {r[0] for r in s.con.execute("SELECT id FROM documents").fetchall()}
        errors = s.con.execute("SELECT origin, line, code FROM errors ORDER BY code").fetchall()
    assert ids == {"good", NEWS[6]["id"], NEWS[7]["id"]}
    assert [(Path(o).name, line, code) for o, line, code in errors] == [
        ("empty.txt", None, "E001"), ("binary.txt", None, "E002"), ("feed.jsonl", 2, "E006"),
        ("feed.jsonl", 4, "E007"), ("report.pdf", None, "E009")]
    assert any("binary.txt" in m and "[E002]" in m for m in messages)
    again = corpus.ingest([str(tmp_path)], db=db, workers=1)  # the folder: .pdf is not looked at
    assert again.stored == 0
    with Store(db) as s:
        assert s.con.execute("SELECT count(*) FROM errors").fetchall() == [(5,)]


def test_nothing_readable_exits_1_and_no_traceback(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "detente", "ingest", str(tmp_path / "empty.txt"), "--db",
                          str(tmp_path / "s.duckdb"), "--workers", "1"], cwd=ROOT, check=False,
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 1
    assert "Traceback" not in res.stderr and "empty.txt" in res.stderr
    assert "stored 0, skipped (already stored) 0, errors 1" in res.stdout


# ---------------------------------------------------------------------- events and exports

@pytest.fixture()
def event_store(tmp_path):
    store = Store(tmp_path / "events.duckdb")
    store.add(dedup_reports())
    yield store
    store.close()


def test_dedup_merges_reports_of_one_action(event_store):
    events = event_store.con.execute("""
        SELECT source, target, base, cameo, first_date::VARCHAR, num_mentions, num_sources, num_articles, source_url
        FROM events ORDER BY first_date, source""").fetchall()
    assert events == [
        # Monday's strikes: two sentences of the Kyiv Post and one of Reuters the next day are one
        # event, coded with the most frequent sub-code
        ("RUS", "UKR", "195", "1951", "2022-03-07", 3, 2, 2, "https://www.kyivpost.com/post/1"),
        ("NATO", "RUS", "122", "122", "2022-03-08", 1, 1, 1, "nato-statement"),
        # a week later: a new event; the denial in the same article is not counted
        ("RUS", "UKR", "195", "195", "2022-03-14", 1, 1, 1, "https://www.bbc.com/news/3"),
    ]
    linked = event_store.con.execute("""
        SELECT counted, count(*), count(event_id) FROM event_mentions GROUP BY counted ORDER BY counted""").fetchall()
    assert linked == [(False, 1, 0), (True, 5, 5)]


def test_dedup_does_not_depend_on_arrival_order(event_store, tmp_path):
    docs = dedup_reports()
    with Store(tmp_path / "reverse.duckdb") as reverse:
        for doc in reversed(docs):  # one article per transaction, newest first
            reverse.add([doc])
        assert table_rows(reverse, "events") == table_rows(event_store, "events")
        assert table_rows(reverse, "event_mentions") == table_rows(event_store, "event_mentions")
        before = table_rows(reverse, "events")
        assert reverse.recluster() == len(before)  # re-forming everything gives the same events
        assert table_rows(reverse, "events") == before
        assert reverse.recluster(dedup_days=10) == 2  # a wider window joins the two shellings


def test_gdelt_events_export_reads_back_with_the_gdelt_columns(event_store, tmp_path):
    pd = pytest.importorskip("pandas")
    out = tmp_path / "events.tsv"
    assert export.export(event_store, "gdelt-events", out) == 3
    df = pd.read_csv(out, sep="\t", header=None, names=EVENT_COLUMNS, dtype=str, keep_default_na=False)
    assert df.shape == (3, 61)
    stored = {r[0]: r for r in event_store.con.execute(
        "SELECT global_id, source, target, cameo, base, root, quad_class, goldstein, num_mentions, num_sources, "
        "num_articles, strftime(first_date, '%Y%m%d'), source_url FROM events").fetchall()}
    for _, row in df.iterrows():
        e = stored[int(row["GlobalEventID"])]
        assert (row["Actor1KnownGroupCode"] or row["Actor1CountryCode"]) == e[1]
        assert row["Actor2CountryCode"] == e[2]
        assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == (e[3], e[4], e[5])
        assert int(row["QuadClass"]) == e[6] and float(row["GoldsteinScale"]) == e[7]
        assert (int(row["NumMentions"]), int(row["NumSources"]), int(row["NumArticles"])) == e[8:11]
        assert row["Day"] == e[11] and row["SOURCEURL"] == e[12] and len(row["DATEADDED"]) == 14
    nato = df[df["Actor1Code"] == "NATO"].iloc[0]
    assert (nato["Actor1KnownGroupCode"], nato["Actor1Type1Code"], nato["Actor2Code"]) == ("NATO", "IGO", "RUSGOV")


def test_gdelt_mentions_carry_real_offsets(event_store, tmp_path):
    pd = pytest.importorskip("pandas")
    out = tmp_path / "mentions.tsv"
    assert export.export(event_store, "gdelt-mentions", out) == 5
    df = pd.read_csv(out, sep="\t", header=None, names=MENTION_COLUMNS, dtype=str, keep_default_na=False)
    texts = {d.url or d.id: d.text for d in dedup_reports()}
    for _, row in df.iterrows():
        text = texts[row["MentionIdentifier"]]
        assert text[int(row["Actor1CharOffset"]):].startswith(("Russia", "NATO"))
        assert text[int(row["ActionCharOffset"]):].startswith(("bombed", "struck", "launched", "condemned"))
        assert int(row["MentionDocLen"]) == len(text) and row["MentionType"] == "1"
    assert sorted(df["SentenceID"]) == ["1", "1", "1", "1", "2"]


def test_gkg_lists_quotations_with_speakers(event_store, tmp_path):
    out = tmp_path / "gkg.tsv"
    export.export(event_store, "gkg", out)
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    nato = next(r for r in rows if r[3] == "nato-statement")
    offset, length, _verb, quote, speaker, actor = nato[GKG_COLUMNS.index("Quotations")].split("|")
    text = dedup_reports()[3].text
    assert text[int(offset):int(offset) + int(length)] == quote == "This is a brutal war,"
    assert (speaker, actor) == ("Jens Stoltenberg", "NATO")


def test_parquet_round_trip(event_store, clean_store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    folder = tmp_path / "parquet"
    with Store(clean_store, read_only=True) as clean:
        export.export(clean, "parquet", folder)
        assert pq.read_table(folder / "documents.parquet").num_rows == len(NEWS)
        with Store(tmp_path / "copy.duckdb") as copy:
            assert copy.import_parquet(folder) == len(NEWS)
            assert copy.import_parquet(folder) == 0  # nothing twice
            for table in [*DOCUMENT_TABLES, "events", "errors"]:
                assert table_rows(copy, table, skip=()) == table_rows(clean, table, skip=()), table


# ---------------------------------------------------------------------- queries

def test_query_questions(event_store):
    actors = {r["actor"]: r for r in query.actors(event_store).records()}
    assert actors["RUS"]["events_as_source"] == 2 and actors["UKR"]["events_as_target"] == 2
    dyad = query.dyad(event_store, "UKR", "russia", by="month").records()  # ids or names, either order
    assert [(r["period"], r["source"], r["target"], r["events"], r["q4_mat_confl"], r["goldstein"]) for r in dyad] == \
        [("2022-03", "RUS", "UKR", 2, 2, -20.0)]
    events = query.events(event_store, code="19", date_from="2022-03-10").records()
    assert [(e["date"].isoformat(), e["articles"]) for e in events] == [("2022-03-14", 1)]
    assert len(query.events(event_store, code="19").rows) == 2
    assert query.events(event_store, source="NATO").records()[0]["target"] == "RUS"
    for name in ("stoltenberg", "Jens STOLTENBERG", "Stoltenbérg"):
        quotes = query.quotes(event_store, speaker=name).records()
        assert [q["text"] for q in quotes] == ["This is a brutal war,"], name
    assert query.quotes(event_store, speaker="Lavrov").rows == []
    actor = query.actor(event_store, "NATO")
    assert actor.records()[0]["articles"] == 1 and actor.sections[0].records()[0]["partner"] == "RUS"
    with pytest.raises(DetenteError) as err:
        query.events(event_store, date_from="last week")
    assert err.value.code == "E022"


@pytest.mark.parametrize("statement", [
    "DELETE FROM documents", "INSERT INTO meta VALUES ('x', 'y')", "DROP TABLE events",
    "UPDATE events SET num_articles = 0", "COPY documents TO 'x.csv'", "ATTACH 'other.duckdb'",
    "SELECT 1; DELETE FROM documents", "CREATE TABLE x AS SELECT 1", "PRAGMA database_size",
    "WITH x AS (SELECT 1) INSERT INTO meta SELECT 'a', 'b' FROM x",
])
def test_sql_refuses_anything_but_reading(event_store, statement):
    with pytest.raises(DetenteError) as err:
        query.sql(event_store, statement)
    assert err.value.code == "E019"


def test_sql_reads(event_store):
    assert query.sql(event_store, "SELECT count(*) AS n FROM documents").records() == [{"n": 4}]
    assert query.sql(event_store, "WITH d AS (SELECT * FROM events) SELECT count(*) FROM d").rows == [(3,)]
    assert "event_id" in [r[0] for r in query.sql(event_store, "DESCRIBE events").rows]
    assert query.sql(event_store, "PRAGMA table_info('events')").rows


def test_query_cli_json_and_read_only_sql(event_store, tmp_path):
    db = event_store.path
    event_store.close()  # a store open for writing is locked
    res = subprocess.run([sys.executable, "-m", "detente", "query", "events", "--code", "19", "--from",
                          "2022-03-01", "--db", db, "--json"], cwd=ROOT, check=False, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert [e["articles"] for e in json.loads(res.stdout)] == [2, 1]
    # piped (as `make demo | less`), the table is as wide as it needs: no column squashed to nothing
    res = subprocess.run([sys.executable, "-m", "detente", "query", "events", "--db", db], cwd=ROOT, check=False,
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    header = next(line for line in res.stdout.splitlines() if "┃" in line)
    assert [c.strip() for c in header.split("┃")][:4] == ["date", "source", "target", "cameo"]
    assert "┃┃" not in header and "2022-03-" in res.stdout
    res = subprocess.run([sys.executable, "-m", "detente", "query", "--sql", "DELETE FROM documents", "--db", db],
                         cwd=ROOT, check=False, capture_output=True, text=True, timeout=120)
    assert res.returncode == 1 and "[E019]" in res.stderr and "Traceback" not in res.stderr
    with Store(db, read_only=True) as s:
        assert s.con.execute("SELECT count(*) FROM documents").fetchall() == [(4,)]


# ---------------------------------------------------------------------- schema

def test_store_refuses_foreign_or_newer_databases(tmp_path):
    import duckdb

    foreign = tmp_path / "foreign.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE t (a INTEGER)")
    con.close()
    with pytest.raises(DetenteError) as err:
        Store(foreign)
    assert err.value.code == "E017"
    newer = tmp_path / "newer.duckdb"
    Store(newer).close()
    con = duckdb.connect(str(newer))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(DetenteError) as err:
        Store(newer)
    assert err.value.code == "E017"
    with pytest.raises(DetenteError) as err:
        Store(tmp_path / "missing.duckdb", read_only=True)
    assert err.value.code == "E024"


def test_same_text_twice_in_one_run_is_stored_once(tmp_path):
    records = [NEWS[0], {**NEWS[0], "id": "copy-of-the-same-wire"}]
    db = tmp_path / "s.duckdb"
    summary = corpus.ingest([str(write_jsonl(tmp_path / "dup.jsonl", records))], db=db, workers=1)
    assert (summary.stored, summary.skipped) == (1, 1)


def test_undated_reports_join_only_their_own_article(tmp_path):
    from corpus_fixtures import report

    one = report("undated-1", "Russian jets bombed Ukraine. Russian aircraft struck Ukraine again.", None, "A", None, [
        ("RUS", "UKR", "195", "Russian jets bombed Ukraine", "bombed", None),
        ("RUS", "UKR", "195", "Russian aircraft struck Ukraine again", "struck", None)])
    two = report("undated-2", "Russian jets bombed Ukraine overnight.", None, "B", None, [
        ("RUS", "UKR", "195", "Russian jets bombed Ukraine", "bombed", None)])
    with Store(tmp_path / "s.duckdb") as s:
        s.add([one])
        s.add([two])
        rows = s.con.execute("SELECT first_date, num_mentions, num_articles FROM events ORDER BY num_mentions").fetchall()
        assert rows == [(None, 1, 1), (None, 2, 1)]
        s.recluster()
        assert s.con.execute("SELECT first_date, num_mentions, num_articles FROM events "
                             "ORDER BY num_mentions").fetchall() == rows


def test_query_table_too_wide_for_the_terminal_keeps_the_columns_that_fit(event_store, monkeypatch):
    import io

    from rich.console import Console

    from detente.cli import query as cli_query

    screen = io.StringIO()
    monkeypatch.setattr(cli_query, "console", Console(file=screen, width=60, force_terminal=True, color_system=None))
    cli_query._show(query.events(event_store), as_json=False)
    text = screen.getvalue()
    header = next(line for line in text.splitlines() if "┃" in line)
    assert [c.strip() for c in header.split("┃")][:4] == ["date", "source", "target", "cameo"]
    assert "2022-03-07" in text and "1951" in text and "event_id" in text.split("not shown at 60 columns:")[1]
