"""The corpus store: coded documents in one DuckDB file, and the events they report.

``Store`` (here) opens a store, migrates it and runs each write in one transaction; what it
does is in the modules beside it: ``schema.py`` (the tables and migrations), ``rows.py``
(writing: a coded document as rows), ``dedup.py`` (reports de-duplicated into events) and
``read.py`` (reading: documents rebuilt from rows).

Tables (``schema.TABLES`` is the one description of them; ``detente query --sql
"DESCRIBE <table>"`` shows any of them):

    documents       one row per article, keyed by its content hash (``Article.hash``)
    actors          the document's actors and organizations (``list`` says which)
    mentions        every character span of an actor in the text
    persons         people, with role, affiliation and spans
    quotes          direct and reported speech with speaker, cue and spans
    event_mentions  every event report coded from an article (counted or not), with spans
    events          de-duplicated events: one row per action, however many reports
    relations       stated relations; ``kb_relations`` the ones the knowledge base implies
    conflicts       conflicts the article is about; ``stances`` actor positions on them
    errors          inputs that could not be read or coded (one row per distinct problem)
    meta            ``schema_version`` (and ``dedup_window_days``)

Every table of document items has an ``extra`` column: the JSON of any field of the item that
has no column of its own (fields added to the model after this schema), so documents
rebuilt from the store (``Store.documents``) equal the coded documents that were stored.

Row identity is deterministic so that any other writer (the Spark job) produces
exactly the same rows: a row id is the first 16 hex digits of
``sha1("<document hash>|<table>|<ordinal>...")`` where the ordinal is the item's place in the
document's JSON form (``CodedDocument.to_dict``: counted events first, then uncounted ones).
``document_rows(doc)`` is that mapping, a pure function of the coded document.

Writes are idempotent (a document whose hash is stored is never stored again) and atomic:
``Store.write`` stores a whole batch of documents, its errors and the re-computed events in
one transaction, so a killed run loses at most the batch it was writing.

De-duplication (``cluster``): counted event reports with the same source, target and CAMEO
base code (3 digits) are one event when they fall within ``dedup_window_days`` (default 2) of
the event's first report. Reports are taken in (date, mention id) order; a report further than
the window from the current event's first date starts a new event. Membership depends only on
the set of reports, not on the order they arrived in. Reports without a date form events only
with reports of the same article. Negated and hypothetical reports stay in ``event_mentions``
(``counted = false``, no ``event_id``).
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Self

from ...errors import DetenteError
from ...model import CodedDocument
from .dedup import _EM, _first, _recluster
from .read import rebuild
from .rows import _insert_rows, document_rows, error_row, utcnow
from .schema import (DEFAULT_DB, DEFAULT_DEDUP_DAYS, DOCUMENT_TABLES, MIGRATIONS, PRIMARY_KEYS, SCHEMA_VERSION,
                     TABLES, Rows)


class Store:
    """A detente store in a DuckDB file (``:memory:`` for a throw-away one).

    Opening it creates the tables or applies the migrations it lacks; ``read_only`` stores
    are opened without a write lock (after migrating once if they are out of date)."""

    def __init__(self, path: str | os.PathLike = DEFAULT_DB, read_only: bool = False,
                 dedup_days: int | None = None, memory_limit: str | None = None) -> None:
        self.path = str(path)
        self.read_only = read_only
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise DetenteError("E024", path=self.path)
        self.con = self._connect(read_only)
        if memory_limit:  # DuckDB's cache otherwise grows with the store, up to 80% of the RAM
            self.con.execute("SET memory_limit = ?", [memory_limit])
        version = self._version()
        if version > SCHEMA_VERSION:
            self.close()
            raise DetenteError("E017", path=self.path,
                               detail=f"schema version {version}, this detente knows up to {SCHEMA_VERSION}")
        if version < SCHEMA_VERSION:
            if read_only:  # migrate once with a write lock, then go back to read-only
                self.con.close()
                self.con = self._connect(False)
                self._migrate(self._version())
                self.con.close()
                self.con = self._connect(True)
            else:
                self._migrate(version)
        self.dedup_days = self._dedup_setting(dedup_days)

    def _connect(self, read_only: bool):
        import duckdb

        try:
            return duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            detail = str(exc).splitlines()[0]
            if "lock" in detail.lower():
                raise DetenteError("E023", path=self.path, detail=detail) from None
            raise DetenteError("E017", path=self.path, detail=detail) from None
        except duckdb.Error as exc:
            raise DetenteError("E017", path=self.path, detail=str(exc).splitlines()[0]) from None

    def _version(self) -> int:
        tables = {r[0] for r in self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        if "meta" not in tables:
            if tables:
                self.close()
                raise DetenteError("E017", path=self.path, detail="it has tables but no detente meta table")
            return 0
        row = _first(self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall())
        return int(row[0]) if row else 0

    def _migrate(self, version: int) -> None:
        for number in range(version + 1, SCHEMA_VERSION + 1):
            self.con.begin()
            try:
                self.con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
                MIGRATIONS[number - 1](self.con)
                self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(number)])
                self.con.commit()
            except BaseException:
                self.con.rollback()
                raise

    def _dedup_setting(self, requested: int | None) -> int:
        row = _first(self.con.execute("SELECT value FROM meta WHERE key = 'dedup_window_days'").fetchall())
        stored = int(row[0]) if row else None
        if requested is None:
            requested = int(os.environ.get("DETENTE_DEDUP_DAYS", stored if stored is not None else DEFAULT_DEDUP_DAYS))
        if requested != stored and not self.read_only:
            self.con.begin()
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('dedup_window_days', ?)", [str(requested)])
            if stored is not None:  # the rule changed: every event is re-formed with the new window
                _recluster(self.con, requested, None)
            self.con.commit()
        return requested

    def close(self) -> None:
        if getattr(self, "con", None) is not None:
            self.con.close()
            self.con = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def stored_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of these content hashes are already stored."""
        hashes = list(hashes)
        if not hashes:
            return set()
        rows = self.con.execute("SELECT hash FROM documents WHERE hash IN (SELECT unnest(?))", [hashes]).fetchall()
        return {r[0] for r in rows}

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}

    def documents(self, chunk: int = 200) -> Iterator[dict[str, Any]]:
        """Every stored document in its JSON form (``CodedDocument.to_dict(include_text=True)``),
        ordered by date, id and hash; read ``chunk`` documents at a time."""
        hashes = [r[0] for r in self.con.execute(
            "SELECT hash FROM documents ORDER BY date NULLS LAST, id, hash").fetchall()]
        for i in range(0, len(hashes), chunk):
            yield from self.rebuild(hashes[i:i + chunk])

    def rebuild(self, hashes: list[str]) -> Iterator[dict[str, Any]]:
        """The coded documents (JSON form, with text) of these hashes, in their order (``read.rebuild``)."""
        return rebuild(self.con, hashes)

    def _insert(self, table: str, rows: list[tuple]) -> None:
        if rows:
            _insert_rows(self.con, table, rows)

    def write(self, documents: Sequence[Rows], errors: Sequence[tuple] = ()) -> int:
        """Store these documents (``document_rows`` results) and error rows in one transaction,
        then re-form the events their reports touch. Documents already stored are left alone.
        Returns how many documents were stored."""
        now = utcnow()
        self.con.begin()
        try:
            known = self.stored_hashes(r["documents"][0][0] for r in documents)
            fresh: list[Rows] = []
            seen: set[str] = set()
            for r in documents:
                h = r["documents"][0][0]
                if h not in known and h not in seen:
                    seen.add(h)
                    fresh.append(r)
            for table in DOCUMENT_TABLES:
                rows = [row for r in fresh for row in r[table]]
                if table == "documents":
                    rows = [row[:-1] + (row[-1] or now,) for row in rows]
                self._insert(table, rows)
            self._record_errors(errors)
            reports = [row for r in fresh for row in r["event_mentions"] if row[_EM["counted"]]]
            if reports:
                _recluster(self.con, self.dedup_days, reports)
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        return len(fresh)

    def add(self, docs: Iterable[CodedDocument], origin: str | None = None) -> int:
        """Store coded documents (one transaction); returns how many were new."""
        return self.write([document_rows(d, origin=origin) for d in docs])

    def record_errors(self, errors: Sequence[tuple | DetenteError]) -> None:
        """Record input errors (their own transaction)."""
        if not errors:
            return
        self.con.begin()
        try:
            self._record_errors(errors)
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise

    def _record_errors(self, errors: Sequence[tuple | DetenteError]) -> None:
        merged: dict[str, tuple] = {}
        for e in errors:
            row = error_row(e) if isinstance(e, (DetenteError, dict)) else e
            merged[row[0]] = row if row[0] not in merged else merged[row[0]][:-1] + (merged[row[0]][-1] + 1,)
        for row in merged.values():
            self.con.execute(
                "INSERT INTO errors VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (error_id) DO UPDATE "
                "SET time = excluded.time, seen = errors.seen + excluded.seen", list(row))

    def recluster(self, dedup_days: int | None = None) -> int:
        """Re-form every event from the stored reports (after loading rows written elsewhere,
        or with another window). Returns the number of events."""
        days = self.dedup_days if dedup_days is None else dedup_days
        self.con.begin()
        try:
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('dedup_window_days', ?)", [str(days)])
            _recluster(self.con, days, None)
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        self.dedup_days = days
        return self.con.execute("SELECT count(*) FROM events").fetchall()[0][0]

    def export_parquet(self, folder: str | os.PathLike) -> list[Path]:
        """One Parquet file per table (and meta) in ``folder``."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for table in [*TABLES, "meta"]:
            path = folder / f"{table}.parquet"
            order = PRIMARY_KEYS.get(table) or TABLES.get(table, [("key", "")])[0][0]
            self.con.execute(f'COPY (SELECT * FROM {table} ORDER BY "{order}") TO ? (FORMAT parquet)', [str(path)])
            written.append(path)
        return written

    def import_parquet(self, folder: str | os.PathLike) -> int:
        """Load the tables of a Parquet export (or a Spark job's output of the same shape):
        documents not yet stored come in with their rows, errors are merged, and every event is
        re-formed. One transaction. Returns how many documents were new."""
        folder = Path(folder)
        if not (folder / "documents.parquet").exists():
            raise DetenteError("E029", path=str(folder))
        self.con.begin()
        try:
            self.con.execute("CREATE OR REPLACE TEMP TABLE _new_docs AS SELECT DISTINCT hash FROM read_parquet(?) "
                             "WHERE hash NOT IN (SELECT hash FROM documents)", [str(folder / "documents.parquet")])
            new = self.con.execute("SELECT count(*) FROM _new_docs").fetchall()[0][0]
            for table in DOCUMENT_TABLES:
                path = folder / f"{table}.parquet"
                if not path.exists():
                    continue
                key = "hash" if table == "documents" else "doc_hash"
                names = ", ".join(f'"{c}"' for c, _ in TABLES[table])
                self.con.execute(f"INSERT INTO {table} SELECT {names} FROM read_parquet(?) "
                                 f"WHERE {key} IN (SELECT hash FROM _new_docs)", [str(path)])
            if (folder / "errors.parquet").exists():
                self.con.execute("INSERT INTO errors SELECT * FROM read_parquet(?) ON CONFLICT (error_id) DO NOTHING",
                                 [str(folder / "errors.parquet")])
            self.con.execute("DROP TABLE _new_docs")
            _recluster(self.con, self.dedup_days, None)
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        return new


def coded_documents(path: str | os.PathLike = DEFAULT_DB) -> Iterator[dict[str, Any]]:
    """Every coded document of the store at ``path`` in its JSON form (opened read-only)."""
    with Store(path, read_only=True) as store:
        yield from store.documents()
