"""The Spark job in local mode: the same rows as `detente ingest`, bad lines in the errors table,
Parquet input, the `spark` command and `ingest --from-parquet`.

One local[2] session for the module (skipped when pyspark or Java is missing). Small splits
(``spark.sql.files.maxPartitionBytes``) make Spark read the input in many partitions, so line
numbers counted across partitions are checked too.
"""
from __future__ import annotations

import json

import pytest
from conftest import EVAL
from corpus_fixtures import NEWS
from typer.testing import CliRunner

from detente.corpus import ingest as corpus
from detente.corpus.store.schema import DOCUMENT_TABLES, TABLES
from detente.corpus.store import Store

pytest.importorskip("pyspark")

# Columns that record when something happened, not what was coded: when the document was
# coded/stored (documents.coded_at) and when a problem was first and last seen (errors).
LOAD_TIME = {"documents": {"coded_at"}, "errors": {"first_seen", "time"}}


def rows(con, table: str, source: str, skip: set[str] = frozenset()) -> list[tuple]:
    """A table's rows, sorted, without the given columns; ``source`` is a table or a read_parquet(...)."""
    cols = ", ".join(f'"{c}"' for c, _ in TABLES[table] if c not in skip | LOAD_TIME.get(table, set()))
    return con.execute(f"SELECT {cols} FROM {source} ORDER BY ALL").fetchall()


@pytest.fixture(scope="module")
def spark():
    from detente.errors import DetenteError
    from detente.corpus.spark import session

    try:
        s = session("local[2]", app_name="detente-tests", config={
            "spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false",
            "spark.sql.shuffle.partitions": "4", "spark.sql.files.maxPartitionBytes": "16k"})
    except DetenteError as err:
        pytest.skip(f"Spark cannot start here: {err}")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    """The dev articles (when ../shared is there) and the NEWS texts as JSON lines, with one copy
    of an article, and lines that cannot be coded: malformed, no text, not English, too long, an array."""
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((EVAL / "articles").glob("*.json"))]
    records += NEWS
    # Two outlets reporting one action a day apart: one event of two articles.
    records += [{"id": "wire-a", "date": "2024-03-04", "source": "Wire A", "url": "https://wire-a.example/1",
                 "text": "Russia condemned Ukraine for the drone attack on the Crimean bridge, the foreign "
                         "ministry said in Moscow."},
                {"id": "wire-b", "date": "2024-03-05", "source": "Wire B", "url": "https://wire-b.example/2",
                 "text": "The Kremlin on Tuesday condemned Ukraine over the strike on the Crimean bridge and "
                         "promised a response."}]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines[3:3] = ['{"id": "broken", "text": "Russia said', ""]
    lines += [json.dumps({"id": "empty", "text": "  "}),
              json.dumps({"id": "french", "text": "Le gouvernement a annoncé mardi une nouvelle série de mesures "
                                                  "pour la réforme des retraites dans tout le pays."}),
              json.dumps({"id": "huge", "text": "Russia said. " * 25_000}),
              json.dumps(NEWS[0]), "[1, 2]"]
    path = tmp_path_factory.mktemp("spark-in") / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, len(records)


@pytest.fixture(scope="module")
def ingested(articles, tmp_path_factory):
    """The same file through `detente ingest` (in this process)."""
    db = tmp_path_factory.mktemp("spark-ingest") / "ingest.duckdb"
    summary = corpus.ingest([str(articles[0])], db=db, workers=1, batch_size=8)
    assert summary.stored == articles[1] and summary.errors == 5, summary
    return db


@pytest.fixture(scope="module")
def spark_out(spark, articles, tmp_path_factory):
    from detente.corpus.spark import run

    out = tmp_path_factory.mktemp("spark-out") / "coded"
    summary = run(str(articles[0]), str(out), partitions=3, spark=spark)
    assert (summary.documents, summary.errors) == (articles[1], 5), summary
    return out


def test_spark_rows_equal_ingest_rows(spark_out, ingested):
    """Every row of every table, ids included, is what `detente ingest` stored: the events
    de-duplicated across articles too."""
    with Store(ingested, read_only=True) as store:
        for table in [*DOCUMENT_TABLES, "events", "errors"]:
            expected = rows(store.con, table, table)
            got = rows(store.con, table, f"read_parquet('{spark_out / (table + '.parquet')}')")
            assert got == expected, table
        assert store.con.execute("SELECT num_articles, num_sources FROM events WHERE source = 'RUS' "
                                 "AND target = 'UKR' AND base = '111'").fetchall() == [(2, 2)]
        codes = store.con.execute("SELECT list(code ORDER BY code) FROM errors").fetchall()[0][0]
        assert codes == ["E004", "E005", "E006", "E007", "E014"]
        assert store.con.execute("SELECT count(*) FROM event_mentions").fetchall()[0][0] > 0


def test_spark_tables_have_the_export_schema(spark_out, ingested, tmp_path):
    with Store(ingested, read_only=True) as store:
        store.export_parquet(tmp_path)
        for table in [*DOCUMENT_TABLES, "events", "errors", "meta"]:
            exported, written = (store.con.execute(f"DESCRIBE SELECT * FROM read_parquet('{folder / table}.parquet')")
                                 .fetchall() for folder in (tmp_path, spark_out))
            assert written == exported, table
    assert not (spark_out / "_staged").exists()


def test_ingest_from_parquet_gives_the_ingested_store(spark_out, ingested, tmp_path):
    """Loaded into a store, the Spark output equals the ingested store, events included."""
    from detente.cli.app import app

    db = tmp_path / "loaded.duckdb"
    res = CliRunner().invoke(app, ["ingest", "--from-parquet", str(spark_out), "--db", str(db)])
    assert res.exit_code == 0, res.output
    with Store(ingested, read_only=True) as a, Store(db, read_only=True) as b:
        assert b.counts()["events"] > 0
        for table in TABLES:
            assert rows(b.con, table, table) == rows(a.con, table, table), table
    again = CliRunner().invoke(app, ["ingest", "--from-parquet", str(spark_out), "--db", str(db)])
    assert again.exit_code == 0 and "stored 0," in again.output


def test_spark_command_reads_parquet(spark, ingested, tmp_path):
    """`detente spark` on a Parquet file (dates as dates, a row without text), with the running session."""
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    from detente.cli.app import app

    picked = NEWS[:3]
    table = pa.table({
        "id": [r["id"] for r in picked] + ["no-text"], "url": [r["url"] for r in picked] + [None],
        "title": [None] * 4, "date": [dt.date.fromisoformat(r["date"]) for r in picked] + [None],
        "source": [r["source"] for r in picked] + [None], "text": [r["text"] for r in picked] + [None]})
    source = tmp_path / "news.parquet"
    pq.write_table(table, source)
    out = tmp_path / "coded"
    res = CliRunner().invoke(app, ["spark", str(source), str(out), "--partitions", "2"])
    assert res.exit_code == 0, res.output
    assert "documents 3, errors 1" in res.output
    with Store(ingested, read_only=True) as store:  # the same rows as ingest's but where they were read from
        hashes = store.con.execute("SELECT list(hash) FROM documents WHERE id IN (SELECT unnest(?))",
                                   [[r["id"] for r in picked]]).fetchall()[0][0]
        for t in ("documents", "actors", "event_mentions"):
            key = "hash" if t == "documents" else "doc_hash"
            skip = {"origin"} | ({"event_id"} if t == "event_mentions" else set())
            listed = ", ".join(f"'{h}'" for h in hashes)  # hex digests
            expected = rows(store.con, t, f"(SELECT * FROM {t} WHERE {key} IN ({listed}))", skip)
            assert rows(store.con, t, f"read_parquet('{out / (t + '.parquet')}')", skip) == expected, t
        error = store.con.execute(f"SELECT origin, line, code FROM read_parquet('{out / 'errors.parquet'}')").fetchall()
    assert error == [(str(source), 4, "E007")]
    exists = CliRunner().invoke(app, ["spark", str(source), str(out)])
    assert exists.exit_code == 1 and "--overwrite" in exists.output
