"""Ingest a corpus into the store: read, skip what is stored, code in worker processes, write.

    >>> print(ingest(["examples/"], db="demo.duckdb").line())
    stored 5, skipped (already stored) 0, errors 0, 1.2 articles/s
    >>> print(ingest(["examples/"], db="demo.duckdb").line())
    stored 0, skipped (already stored) 5, errors 0, 0.0 articles/s

The main process reads the inputs (``readers.read_sources``), drops articles whose content
hash is already stored (or already on its way), and sends batches of articles to worker
processes. Each worker loads the spaCy pipeline once (its initializer), parses a batch with
``nlp.pipe``, codes every article and returns plain rows (``store.rows.document_rows``); an
article that fails comes back as an error row and the others go on. Only the main process
writes to DuckDB: one transaction per batch, so a run killed at any moment loses at most the
batches in flight, and running it again resumes where it stopped.
"""
from __future__ import annotations

import dataclasses
import itertools
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

import duckdb

from ..errors import DetenteError
from ..model import Article
from .store import Store
from .store.rows import document_rows, error_row
from .store.schema import DEFAULT_DB, TABLES

DEFAULT_BATCH_SIZE = 32
_ID, _ORIGIN = (next(i for i, (name, _) in enumerate(TABLES["documents"]) if name == c) for c in ("id", "origin"))
READ_CHUNK = 64  # articles whose hashes are looked up in the store at once
# Texts per nlp.pipe call inside a batch: spaCy's parse memory grows with it (about 430 MB at 32
# news articles, 210 MB at 4), its speed does not (within 3% from 4 to 64).
PARSE_BATCH = 4


@dataclass
class IngestSummary:
    stored: int = 0  # new documents written
    skipped: int = 0  # already stored (or given twice)
    errors: int = 0  # inputs or articles that could not be read or coded
    coded: int = 0  # articles that went through the coder (stored + failed)
    batches: int = 0  # transactions committed
    seconds: float = 0.0
    started: float = field(default_factory=time.perf_counter)

    @property
    def rate(self) -> float:
        """Articles coded per second of wall time."""
        return self.coded / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        return (f"stored {self.stored}, skipped (already stored) {self.skipped}, errors {self.errors}, "
                f"{self.rate:.1f} articles/s")


def default_workers() -> int:
    return os.cpu_count() or 1


def ingest(sources: Iterable[str], db: str | os.PathLike = DEFAULT_DB, workers: int | None = None,
           batch_size: int = DEFAULT_BATCH_SIZE, model: str | None = None, dedup_days: int | None = None,
           on_error: Callable[[str], None] | None = None,
           on_progress: Callable[[IngestSummary], None] | None = None,
           on_commit: Callable[[IngestSummary], None] | None = None, stdin=None) -> IngestSummary:
    """Code every article of ``sources`` not yet in the store ``db`` and store it.

    ``workers`` coding processes (default: all cores; 1 codes in this process);
    ``on_error`` gets each problem as one line, ``on_progress`` the running summary,
    ``on_commit`` the summary after each committed batch."""
    from .readers import read_sources

    workers = default_workers() if workers is None else max(1, workers)
    batch_size = max(1, batch_size)
    summary = IngestSummary()
    with Store(db, dedup_days=dedup_days, memory_limit=os.environ.get("DETENTE_DB_MEMORY", "256MB")) as store:
        run = _Run(store, summary, on_error, on_progress, on_commit)
        batches = run.batches(read_sources(sources, stdin=stdin), batch_size)
        first = list(itertools.islice(batches, 2))
        if workers == 1 or len(first) < 2:  # one batch: starting worker processes would cost more
            run.in_process(itertools.chain(first, batches), model)
        else:
            run.in_pool(itertools.chain(first, batches), model, workers)
    summary.seconds = time.perf_counter() - summary.started
    return summary


class _Run:
    def __init__(self, store: Store, summary: IngestSummary, on_error, on_progress, on_commit) -> None:
        self.store = store
        self.summary = summary
        self.on_error = on_error or (lambda line: None)
        self.on_progress = on_progress or (lambda s: None)
        self.on_commit = on_commit or (lambda s: None)
        self.pending: set[str] = set()  # hashes sent to the coder and not yet committed

    def _tick(self) -> None:
        self.summary.seconds = time.perf_counter() - self.summary.started
        self.on_progress(self.summary)

    # ---------------------------------------------------------------- reading
    def batches(self, items: Iterable[Article | DetenteError], size: int) -> Iterator[list[Article]]:
        """Batches of articles that still need coding; read errors are stored as they come."""
        batch: list[Article] = []
        for chunk in _chunks(items, READ_CHUNK):
            errors = [item for item in chunk if isinstance(item, DetenteError)]
            articles = [item for item in chunk if not isinstance(item, DetenteError)]
            if errors:
                self.store.record_errors(errors)
                self.summary.errors += len(errors)
                for err in errors:
                    self.on_error(err.message)
            known = self.store.stored_hashes(a.hash for a in articles)
            for article in articles:
                h = article.hash
                if h in known or h in self.pending:
                    self.summary.skipped += 1
                    continue
                self.pending.add(h)
                batch.append(article)
                if len(batch) == size:
                    yield batch
                    batch = []
            self._tick()
        if batch:
            yield batch

    # ---------------------------------------------------------------- writing
    def write(self, results: list[dict[str, Any]]) -> None:
        docs = [r["rows"] for r in results if "rows" in r]
        errors = [r["error"] for r in results if "error" in r]
        try:
            stored = self.store.write(docs, [error_row(e) for e in errors])
        except duckdb.Error:  # the store refused some row: find whose, one article at a time
            stored = self._write_one_by_one(results, docs, errors)
        self.pending.difference_update(r["hash"] for r in results)
        s = self.summary
        s.stored += stored
        s.skipped += len(docs) - stored  # stored by someone else meanwhile
        s.errors += len(errors)
        s.coded += len(results)
        s.batches += 1
        for e in errors:
            self.on_error(_error_line(e))
        release_memory()
        self._tick()
        self.on_commit(s)

    def _write_one_by_one(self, results: list[dict[str, Any]], docs: list, errors: list) -> int:
        """Each article of a refused batch in its own transaction; an article whose rows the store
        refuses becomes an error (E025: the coder made rows it cannot hold) and the others are stored."""
        stored = 0
        self.store.write([], [error_row(e) for e in errors])
        for r in results:
            if "rows" not in r:
                continue
            try:
                stored += self.store.write([r["rows"]])
            except duckdb.Error as exc:
                doc = r["rows"]["documents"][0]
                err = DetenteError("E025", detail=f"the store refused its rows: {type(exc).__name__}: {exc}")
                row = {"origin": doc[_ORIGIN] or doc[_ID], "line": None, "code": err.code, "message": err.problem}
                self.store.write([], [error_row(row)])
                docs.remove(r["rows"])
                errors.append(row)
        return stored

    # ---------------------------------------------------------------- coding
    def in_process(self, batches: Iterable[list[Article]], model: str | None) -> None:
        for batch in batches:
            self.write(code_batch([dataclasses.asdict(a) for a in batch], model))

    def in_pool(self, batches: Iterable[list[Article]], model: str | None, workers: int) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")  # a clean interpreter: no inherited DuckDB threads
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker,
                                   initargs=(model, os.getpid()))
        inflight: set[Future] = set()
        try:
            for batch in batches:
                inflight.add(pool.submit(code_batch, [dataclasses.asdict(a) for a in batch], model))
                while len(inflight) >= 2 * workers:  # keep every worker busy, read no further ahead
                    inflight = self._collect(inflight)
            while inflight:
                inflight = self._collect(inflight)
        except BrokenProcessPool as exc:
            raise DetenteError("E028", detail=str(exc) or type(exc).__name__) from None
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _collect(self, inflight: set[Future]) -> set[Future]:
        done, rest = wait(inflight, return_when=FIRST_COMPLETED)
        for future in done:
            self.write(future.result())
        return rest


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _error_line(e: dict[str, Any]) -> str:
    where = e.get("origin") or ""
    if e.get("line"):
        where += f":{e['line']}"
    return f"{where + ': ' if where else ''}{e['message']} [{e['code']}]"


# -------------------------------------------------------------------- worker side

def _init_worker(model: str | None, parent: int) -> None:
    """Load the pipeline and the knowledge base once; leave when the main process is gone."""
    from .. import kb
    from ..coding import nlp

    nlp.load(model)
    kb.load()
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:  # the main process was killed: nothing will collect our work
            os._exit(0)


def code_batch(records: list[dict[str, Any]], model: str | None = None) -> list[dict[str, Any]]:
    """Code a batch of articles (``Article`` fields as dicts) with one ``nlp.pipe`` call.

    Returns, per article, ``{"hash", "rows"}`` (``store.rows.document_rows``) or ``{"hash", "error"}``
    (origin, line, code, message) when the article could not be coded."""
    from ..coding import nlp as nlp_module
    from ..coding.pipeline import analyse_in_pack, code_parsed, coding_failure, in_pack, text_for_parsing

    articles = [Article(**r) for r in records]
    english = [a for a in articles if not in_pack(a)]
    nlp = nlp_module.load(model) if english else None  # a batch of Russian articles needs no spaCy model
    parsed = _parse(nlp, [text_for_parsing(a.text) for a in english]) if english else iter(())
    out = []
    for article in articles:
        try:
            if in_pack(article):
                doc, coded = analyse_in_pack(article)
            else:
                doc = next(parsed)
                if isinstance(doc, Exception):
                    raise doc
                coded = code_parsed(doc, article, nlp)
            starts = [s.start_char for s in doc.sents]
            out.append({"hash": article.hash, "rows": document_rows(coded, origin=article.origin, sentences=starts)})
        except DetenteError as err:
            out.append({"hash": article.hash, "error": _located(err, article)})
        except Exception as exc:  # noqa: BLE001 - a bug in a stage: the article is recorded, the run goes on
            out.append({"hash": article.hash, "error": _located(coding_failure(exc), article)})
    release_memory()
    return out


def release_memory() -> None:
    """Give freed heap memory back to the OS (glibc only). glibc keeps the pages of spaCy's parse
    buffers after they are freed, so without this a worker's resident memory creeps up batch
    after batch (about 250 -> 500 MB over 500 articles); with it, it stays flat. Costs ~3 ms."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _libc():
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


_LIBC = _libc()


def _parse(nlp, texts: list[str]) -> Iterator[Any]:
    """spaCy Docs for the texts in order, parsed PARSE_BATCH at a time; if the parser fails,
    the rest are parsed one by one and a text that cannot be parsed yields its exception."""
    done = 0
    try:
        for doc in nlp.pipe(texts, batch_size=PARSE_BATCH):
            yield doc
            done += 1
    except Exception:  # noqa: BLE001 - one text broke the batch: the rest are parsed one by one below
        for text in texts[done:]:
            try:
                doc = nlp(text)
            except Exception as exc:  # noqa: BLE001 - reported as this article's error by the caller
                doc = exc
            yield doc


def _located(err: DetenteError, article: Article) -> dict[str, Any]:
    origin = err.where or article.origin or article.id
    row = error_row(err.located(origin))
    return {"origin": row[1], "line": row[2], "code": row[3], "message": row[4]}
