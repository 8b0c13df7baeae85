"""The corpus store: coded documents in one DuckDB file, and the events they report.

Tables (``TABLES`` below is the one description of them; ``detente query --sql
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

import bisect
import datetime as dt
import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Self
from urllib.parse import urlparse

from .errors import DetenteError
from .model import SCHEMA_VERSION as MODEL_SCHEMA_VERSION
from .model import CodedDocument

DEFAULT_DB = "detente.duckdb"
DEFAULT_DEDUP_DAYS = 2

Rows = dict[str, list[tuple]]

# ------------------------------------------------------------------ schema

# table -> [(column, DuckDB type)]; the first column is the row's id.
TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("hash", "VARCHAR"), ("id", "VARCHAR"), ("url", "VARCHAR"), ("title", "VARCHAR"),
        ("date", "DATE"), ("source", "VARCHAR"), ("text", "VARCHAR"), ("language", "VARCHAR"),
        ("origin", "VARCHAR"), ("model_schema", "INTEGER"), ("reference_date", "VARCHAR"),
        ("sentence_starts", "INTEGER[]"), ("extra", "VARCHAR"), ("coded_at", "TIMESTAMP"),
    ],
    "actors": [
        ("row_id", "VARCHAR"), ("doc_hash", "VARCHAR"), ("seq", "INTEGER"), ("list", "VARCHAR"),
        ("actor_id", "VARCHAR"), ("type", "VARCHAR"), ("name", "VARCHAR"), ("sectors", "VARCHAR[]"),
        ("n_mentions", "INTEGER"), ("extra", "VARCHAR"),
    ],
    "mentions": [
        ("row_id", "VARCHAR"), ("doc_hash", "VARCHAR"), ("actor_row", "VARCHAR"), ("actor_id", "VARCHAR"),
        ("type", "VARCHAR"), ("seq", "INTEGER"), ("start_char", "INTEGER"), ("end_char", "INTEGER"),
        ("text", "VARCHAR"),
    ],
    "persons": [
        ("row_id", "VARCHAR"), ("doc_hash", "VARCHAR"), ("seq", "INTEGER"), ("name", "VARCHAR"),
        ("role", "VARCHAR"), ("affiliation", "VARCHAR"), ("affiliation_source", "VARCHAR"),
        ("kb_name", "VARCHAR"), ("kb_role", "VARCHAR"), ("spans", "INTEGER[][]"),
        ("start_char", "INTEGER"), ("end_char", "INTEGER"), ("role_start", "INTEGER"), ("role_end", "INTEGER"),
        ("extra", "VARCHAR"),
    ],
    "quotes": [
        ("row_id", "VARCHAR"), ("doc_hash", "VARCHAR"), ("seq", "INTEGER"), ("text", "VARCHAR"),
        ("speaker", "VARCHAR"), ("direct", "BOOLEAN"), ("speaker_type", "VARCHAR"), ("speaker_actor", "VARCHAR"),
        ("cue", "VARCHAR"), ("start_char", "INTEGER"), ("end_char", "INTEGER"), ("spans", "INTEGER[][]"),
        ("speaker_start", "INTEGER"), ("speaker_end", "INTEGER"), ("cue_start", "INTEGER"), ("cue_end", "INTEGER"),
        ("extra", "VARCHAR"),
    ],
    "event_mentions": [
        ("mention_id", "VARCHAR"), ("doc_hash", "VARCHAR"), ("seq", "INTEGER"), ("event_id", "VARCHAR"),
        ("source", "VARCHAR"), ("target", "VARCHAR"), ("cameo", "VARCHAR"), ("base", "VARCHAR"),
        ("root", "VARCHAR"), ("name", "VARCHAR"), ("goldstein", "DOUBLE"), ("quad_class", "INTEGER"),
        ("plover_type", "VARCHAR"), ("plover_mode", "VARCHAR"),
        ("event_date", "VARCHAR"),  # the date the coder gave the event, as written in the JSON form
        ("date", "DATE"),  # the date used for de-duplication: the event's date, else the article's
        ("negated", "BOOLEAN"), ("hypothetical", "BOOLEAN"), ("counted", "BOOLEAN"),
        ("source_person", "VARCHAR"), ("target_person", "VARCHAR"),
        ("source_sector", "VARCHAR"), ("target_sector", "VARCHAR"),
        ("text", "VARCHAR"), ("start_char", "INTEGER"), ("end_char", "INTEGER"),
        ("source_start", "INTEGER"), ("source_end", "INTEGER"), ("target_start", "INTEGER"), ("target_end", "INTEGER"),
        ("trigger", "VARCHAR"), ("trigger_start", "INTEGER"), ("trigger_end", "INTEGER"), ("pattern", "VARCHAR"),
        ("sentence_id", "INTEGER"), ("in_lead", "BOOLEAN"), ("extra", "VARCHAR"),
    ],
    "events": [
        ("event_id", "VARCHAR"), ("global_id", "BIGINT"), ("source", "VARCHAR"), ("target", "VARCHAR"),
        ("cameo", "VARCHAR"), ("base", "VARCHAR"), ("root", "VARCHAR"), ("name", "VARCHAR"),
        ("quad_class", "INTEGER"), ("goldstein", "DOUBLE"), ("first_date", "DATE"), ("last_date", "DATE"),
        ("num_mentions", "INTEGER"), ("num_sources", "INTEGER"), ("num_articles", "INTEGER"),
        ("source_url", "VARCHAR"), ("first_mention", "VARCHAR"), ("first_doc", "VARCHAR"),
        ("is_root", "BOOLEAN"), ("source_sector", "VARCHAR"), ("target_sector", "VARCHAR"),
    ],
    "relations": [
        ("row_id", "VARCHAR"), ("doc_hash", "VARCHAR"), ("seq", "INTEGER"), ("source", "VARCHAR"),
        ("type", "VARCHAR"), ("target", "VARCHAR"), ("stated", "BOOLEAN"), ("text", "VARCHAR"),
        ("cue", "VARCHAR"), ("start_char", "INTEGER"), ("end_char", "INTEGER"), ("extra", "VARCHAR"),
    ],
    "conflicts": [
        ("row_id", "VARCHAR"), ("doc_hash", "VARCHAR"), ("seq", "INTEGER"), ("name", "VARCHAR"),
        ("parties", "VARCHAR[]"), ("spans", "INTEGER[][]"), ("extra", "VARCHAR"),
    ],
    "stances": [
        ("row_id", "VARCHAR"), ("doc_hash", "VARCHAR"), ("seq", "INTEGER"), ("actor", "VARCHAR"),
        ("issue", "VARCHAR"), ("position", "VARCHAR"), ("confidence", "DOUBLE"),
        ("evidence", "VARCHAR"),  # JSON list of {"text", "span", "cue", "position"}
        ("extra", "VARCHAR"),
    ],
    "errors": [
        ("error_id", "VARCHAR"), ("origin", "VARCHAR"), ("line", "INTEGER"), ("code", "VARCHAR"),
        ("message", "VARCHAR"), ("first_seen", "TIMESTAMP"), ("time", "TIMESTAMP"), ("seen", "INTEGER"),
    ],
}
TABLES["kb_relations"] = list(TABLES["relations"])

# Tables whose rows come from one document (``document_rows``), in write order.
DOCUMENT_TABLES = ["documents", "actors", "mentions", "persons", "quotes", "event_mentions",
                   "relations", "kb_relations", "conflicts", "stances"]
PRIMARY_KEYS = {"documents": "hash", "events": "event_id", "errors": "error_id"}


def _create(table: str) -> str:
    cols = []
    for name, type_ in TABLES[table]:
        pk = " PRIMARY KEY" if PRIMARY_KEYS.get(table) == name else ""
        cols.append(f'"{name}" {type_}{pk}')
    return f"CREATE TABLE {table} ({', '.join(cols)})"


def _migration_1(con) -> None:
    """The first schema: every table of TABLES."""
    for table in TABLES:
        con.execute(_create(table))


# Ordered; a store at version k runs MIGRATIONS[k:] when it is opened, each in a transaction.
MIGRATIONS: list[Callable] = [_migration_1]
SCHEMA_VERSION = len(MIGRATIONS)


# ------------------------------------------------------------------ rows of a document

def row_id(*parts: object) -> str:
    """A deterministic row id: the first 16 hex digits of sha1 over the parts joined by '|'."""
    return hashlib.sha1("|".join("" if p is None else str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def parse_date(value: Any) -> dt.date | None:
    """A stored DATE: an ISO date, or the first day of a year or month an event is dated by
    ("2008", "2008-05": the text named no day; the JSON form and ``event_date`` keep it so)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value)[:10]
    if len(text) in (4, 7) and text[:4].isdigit():
        text = (text + "-01-01")[:10] if len(text) == 4 else text + "-01"
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n+")


def sentence_starts(text: str) -> list[int]:
    """Sentence start offsets by punctuation (used when the parser's sentences are not at hand)."""
    starts = [0]
    for m in _SENTENCE_END.finditer(text):
        if m.end() < len(text):
            starts.append(m.end())
    return starts


def _lead_end(text: str, starts: Sequence[int]) -> int:
    """End of the lead: the first paragraph, or the first sentence of a one-paragraph text."""
    body = len(text) - len(text.lstrip())
    cut = text.find("\n", body)
    if cut == -1:
        later = [s for s in starts if s > body]
        cut = later[0] if later else len(text)
    return cut


def _span(span: Sequence[int] | None) -> tuple[int | None, int | None]:
    if span is None:
        return None, None
    return int(span[0]), int(span[1])


def _spans(spans: Iterable[Sequence[int]] | None) -> list[list[int]]:
    return [[int(s[0]), int(s[1])] for s in spans or []]


def _single_sector(actor: dict | None) -> str | None:
    sectors = (actor or {}).get("sectors") or []
    return sectors[0] if len(sectors) == 1 else None


# The keys of each item of the JSON form that have columns; any other key goes to ``extra``.
_KEYS = {
    "document": {"id", "date", "url", "title", "source", "hash", "language", "schema_version", "text",
                 "reference_date", "actors", "organizations", "persons", "quotes", "events", "uncounted_events",
                 "relations", "kb_relations", "conflicts", "stances", "explanations",
                 "stance_explanations"},
    "actors": {"id", "type", "name", "spans", "sectors"},
    "persons": {"name", "role", "affiliation", "affiliation_source", "kb_name", "kb_role", "spans", "role_span"},
    "quotes": {"text", "speaker", "direct", "speaker_type", "speaker_actor", "cue", "span", "spans",
               "speaker_span", "cue_span"},
    "events": {"source", "target", "cameo", "text", "span", "root", "base", "name", "goldstein", "quad_class",
               "plover_type", "plover_mode", "date", "negated", "hypothetical", "source_person", "target_person",
               "source_span", "target_span", "trigger", "trigger_span", "pattern"},
    "relations": {"source", "type", "target", "stated", "text", "span", "cue"},
    "conflicts": {"name", "parties", "spans"},
    "stances": {"actor", "issue", "position", "confidence", "evidence"},
}


def _extra(item: dict[str, Any], kind: str) -> str | None:
    rest = {k: v for k, v in item.items() if k not in _KEYS[kind]}
    return json.dumps(rest, ensure_ascii=False, sort_keys=True) if rest else None


def _with_extra(item: dict[str, Any], extra: str | None) -> dict[str, Any]:
    if extra:
        item.update(json.loads(extra))
    return item


def document_rows(doc: CodedDocument | dict[str, Any], origin: str | None = None,
                  sentences: Sequence[int] | None = None,
                  coded_at: dt.datetime | None = None) -> Rows:
    """Every row the store holds for one coded document, by table (columns in TABLES order).

    ``doc`` is a CodedDocument or its JSON form (``to_dict(include_text=True)``); ``sentences``
    are the parser's sentence start offsets (found by punctuation when not given)."""
    d = doc.to_dict(include_text=True) if isinstance(doc, CodedDocument) else doc
    text = d.get("text") or ""
    h = d.get("hash") or hashlib.sha256(text.encode("utf-8")).hexdigest()
    starts = list(sentences) if sentences is not None else sentence_starts(text)
    lead_end = _lead_end(text, starts)
    rows: Rows = {t: [] for t in DOCUMENT_TABLES}
    rows["documents"].append((
        h, d.get("id"), d.get("url"), d.get("title"), parse_date(d.get("date")), d.get("source"), text,
        d.get("language") or "en", origin, int(d.get("schema_version") or MODEL_SCHEMA_VERSION),
        d.get("reference_date"), starts, _extra(d, "document"), coded_at,
    ))
    actors_by_id: dict[str, dict] = {}
    for list_name in ("actors", "organizations"):
        for i, a in enumerate(d.get(list_name) or []):
            rid = row_id(h, "actors", list_name, i)
            actors_by_id.setdefault(a["id"], a)
            spans = _spans(a.get("spans"))
            rows["actors"].append((rid, h, i, list_name, a["id"], a.get("type"), a.get("name"),
                                   list(a.get("sectors") or []), len(spans), _extra(a, "actors")))
            for k, (s, e) in enumerate(spans):
                rows["mentions"].append((row_id(h, "mentions", list_name, i, k), h, rid, a["id"], a.get("type"),
                                         k, s, e, text[s:e]))
    for i, p in enumerate(d.get("persons") or []):
        spans = _spans(p.get("spans"))
        rs, re_ = _span(p.get("role_span"))
        rows["persons"].append((
            row_id(h, "persons", i), h, i, p.get("name"), p.get("role"), p.get("affiliation"),
            p.get("affiliation_source"), p.get("kb_name"), p.get("kb_role"), spans,
            spans[0][0] if spans else None, spans[0][1] if spans else None, rs, re_, _extra(p, "persons"),
        ))
    for i, q in enumerate(d.get("quotes") or []):
        s, e = _span(q.get("span"))
        ss, se = _span(q.get("speaker_span"))
        cs, ce = _span(q.get("cue_span"))
        rows["quotes"].append((
            row_id(h, "quotes", i), h, i, q.get("text"), q.get("speaker"), bool(q.get("direct", True)),
            q.get("speaker_type"), q.get("speaker_actor"), q.get("cue"), s, e, _spans(q.get("spans")),
            ss, se, cs, ce, _extra(q, "quotes"),
        ))
    doc_date = parse_date(d.get("date"))
    events = list(d.get("events") or []) + list(d.get("uncounted_events") or [])
    for i, ev in enumerate(events):
        s, e = _span(ev.get("span"))
        src_s, src_e = _span(ev.get("source_span"))
        tgt_s, tgt_e = _span(ev.get("target_span"))
        trg_s, trg_e = _span(ev.get("trigger_span"))
        cameo = str(ev.get("cameo") or "")
        base, root = ev.get("base") or cameo[:3], ev.get("root") or cameo[:2]
        extra = {k: v for k, v in ev.items() if k not in _KEYS["events"]}
        extra.update((k, ev[k]) for k, v in (("base", base), ("root", root)) if k in ev and ev[k] != v)
        negated, hypothetical = bool(ev.get("negated")), bool(ev.get("hypothetical"))
        anchor = s if s is not None else (trg_s or 0)
        rows["event_mentions"].append((
            row_id(h, "event_mentions", i), h, i, None, ev.get("source"), ev.get("target"), cameo,
            base, root, ev.get("name"),
            None if ev.get("goldstein") is None else float(ev["goldstein"]), ev.get("quad_class"),
            ev.get("plover_type"), ev.get("plover_mode"), ev.get("date"), parse_date(ev.get("date")) or doc_date,
            negated, hypothetical, not (negated or hypothetical),
            ev.get("source_person"), ev.get("target_person"),
            _single_sector(actors_by_id.get(ev.get("source"))), _single_sector(actors_by_id.get(ev.get("target"))),
            ev.get("text"), s, e, src_s, src_e, tgt_s, tgt_e, ev.get("trigger"), trg_s, trg_e, ev.get("pattern"),
            bisect.bisect_right(starts, anchor), anchor < lead_end,
            json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None,
        ))
    for table in ("relations", "kb_relations"):
        for i, r in enumerate(d.get(table) or []):
            s, e = _span(r.get("span"))
            rows[table].append((row_id(h, table, i), h, i, r.get("source"), r.get("type"), r.get("target"),
                                bool(r.get("stated", True)), r.get("text"), r.get("cue"), s, e,
                                _extra(r, "relations")))
    for i, c in enumerate(d.get("conflicts") or []):
        rows["conflicts"].append((row_id(h, "conflicts", i), h, i, c.get("name"), list(c.get("parties") or []),
                                  _spans(c.get("spans")), _extra(c, "conflicts")))
    for i, st in enumerate(d.get("stances") or []):
        rows["stances"].append((row_id(h, "stances", i), h, i, st.get("actor"), st.get("issue"), st.get("position"),
                                float(st.get("confidence", 0.5)),
                                json.dumps(st.get("evidence") or [], ensure_ascii=False, sort_keys=True),
                                _extra(st, "stances")))
    return rows


def error_row(err: DetenteError | dict[str, Any], now: dt.datetime | None = None) -> tuple:
    """An ``errors`` row for a DetenteError (or a dict with origin, line, code, message)."""
    if isinstance(err, DetenteError):
        origin, line = err.where, err.details.get("line")
        m = re.match(r"^(.*\S):(\d+)$", origin or "")
        if line is None and m and "://" not in origin:
            origin, line = m.group(1), int(m.group(2))
        info = {"origin": origin, "line": line, "code": err.code, "message": err.problem}
    else:
        info = err
    now = now or utcnow()
    info = {**info, "origin": _storable(info.get("origin")), "message": _storable(info.get("message"))}
    line = info.get("line")
    line = int(line) if isinstance(line, (int, str)) and str(line).isdigit() else None
    eid = row_id("error", info.get("origin"), line, info.get("code"), info.get("message"))
    return (eid, info.get("origin"), line, info.get("code"), info.get("message"), now, now, 1)


def _storable(value: Any) -> Any:
    """A string DuckDB can hold: a file name read with surrogate escapes (undecodable bytes) keeps
    them as visible \\udcXX escapes instead of failing the whole batch of errors."""
    if isinstance(value, str) and not value.isascii():
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


# ------------------------------------------------------------------ the store

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

    # -------------------------------------------------------------- opening
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

    # -------------------------------------------------------------- reading
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

    def _fetch(self, table: str, hashes: list[str]) -> dict[str, list[dict]]:
        key = "hash" if table == "documents" else "doc_hash"
        order = "" if table == "documents" else " ORDER BY doc_hash, " + ("list, seq" if table == "actors" else
                                                                         "actor_row, seq" if table == "mentions" else "seq")
        res = self.con.execute(f"SELECT * FROM {table} WHERE {key} IN (SELECT unnest(?)){order}", [hashes])
        cols = [c[0] for c in res.description]
        out: dict[str, list[dict]] = {}
        for row in res.fetchall():
            rec = dict(zip(cols, row))
            out.setdefault(rec[key], []).append(rec)
        return out

    def rebuild(self, hashes: list[str]) -> Iterator[dict[str, Any]]:
        """The coded documents (JSON form, with text) of these hashes, in their order; one scan per table."""
        data = {t: self._fetch(t, hashes) for t in DOCUMENT_TABLES}
        for h in hashes:
            doc = data["documents"][h][0]
            spans_of: dict[str, list[list[int]]] = {}
            for m in data["mentions"].get(h, []):
                spans_of.setdefault(m["actor_row"], []).append([m["start_char"], m["end_char"]])
            lists: dict[str, list] = {"actors": [], "organizations": []}
            for a in data["actors"].get(h, []):
                lists[a["list"]].append(_with_extra({
                    "id": a["actor_id"], "type": a["type"], "name": a["name"],
                    "spans": spans_of.get(a["row_id"], []), "sectors": list(a["sectors"] or [])}, a["extra"]))
            counted, uncounted = [], []
            for ev in data["event_mentions"].get(h, []):
                (counted if ev["counted"] else uncounted).append(_with_extra({
                    "source": ev["source"], "target": ev["target"], "cameo": ev["cameo"], "text": ev["text"],
                    "span": _pair(ev["start_char"], ev["end_char"]), "root": ev["root"], "base": ev["base"],
                    "name": ev["name"], "goldstein": ev["goldstein"], "quad_class": ev["quad_class"],
                    "plover_type": ev["plover_type"], "plover_mode": ev["plover_mode"], "date": ev["event_date"],
                    "negated": ev["negated"], "hypothetical": ev["hypothetical"],
                    "source_person": ev["source_person"], "target_person": ev["target_person"],
                    "source_span": _pair(ev["source_start"], ev["source_end"]),
                    "target_span": _pair(ev["target_start"], ev["target_end"]),
                    "trigger": ev["trigger"], "trigger_span": _pair(ev["trigger_start"], ev["trigger_end"]),
                    "pattern": ev["pattern"],
                }, ev["extra"]))
            d = _with_extra({
                "id": doc["id"], "date": doc["date"].isoformat() if doc["date"] else None, "url": doc["url"],
                "title": doc["title"], "source": doc["source"], "hash": h, "language": doc["language"],
                "reference_date": doc["reference_date"],
                "actors": lists["actors"], "organizations": lists["organizations"],
                "persons": [_with_extra({
                    "name": p["name"], "role": p["role"], "affiliation": p["affiliation"],
                    "affiliation_source": p["affiliation_source"], "kb_name": p["kb_name"], "kb_role": p["kb_role"],
                    "spans": [list(s) for s in p["spans"] or []], "role_span": _pair(p["role_start"], p["role_end"]),
                }, p["extra"]) for p in data["persons"].get(h, [])],
                "quotes": [_with_extra({
                    "text": q["text"], "speaker": q["speaker"], "direct": q["direct"],
                    "speaker_type": q["speaker_type"], "speaker_actor": q["speaker_actor"], "cue": q["cue"],
                    "span": _pair(q["start_char"], q["end_char"]), "spans": [list(s) for s in q["spans"] or []],
                    "speaker_span": _pair(q["speaker_start"], q["speaker_end"]),
                    "cue_span": _pair(q["cue_start"], q["cue_end"]),
                }, q["extra"]) for q in data["quotes"].get(h, [])],
                "events": counted, "uncounted_events": uncounted,
                "conflicts": [_with_extra({"name": c["name"], "parties": list(c["parties"] or []),
                                           "spans": [list(s) for s in c["spans"] or []]}, c["extra"])
                              for c in data["conflicts"].get(h, [])],
                "stances": [_with_extra({"actor": s["actor"], "issue": s["issue"], "position": s["position"],
                                         "confidence": s["confidence"], "evidence": json.loads(s["evidence"] or "[]")},
                                        s["extra"])
                            for s in data["stances"].get(h, [])],
                "text": doc["text"],
            }, doc["extra"])
            for table in ("relations", "kb_relations"):
                d[table] = [_with_extra({"source": r["source"], "type": r["type"], "target": r["target"],
                                         "stated": r["stated"], "text": r["text"],
                                         "span": _pair(r["start_char"], r["end_char"]), "cue": r["cue"]}, r["extra"])
                            for r in data[table].get(h, [])]
            d["schema_version"] = doc["model_schema"]
            yield _in_model_order(d)

    # -------------------------------------------------------------- writing
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

    # -------------------------------------------------------------- Parquet
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


@lru_cache(maxsize=1)
def _model_order() -> tuple[str, ...]:
    return tuple(CodedDocument(id="", date=None, text="").to_dict(include_text=True))


def _in_model_order(d: dict[str, Any]) -> dict[str, Any]:
    """The keys in the order ``CodedDocument.to_dict`` writes them (unknown keys after)."""
    out = {k: d[k] for k in _model_order() if k in d}
    out.update((k, v) for k, v in d.items() if k not in out)
    return out


def _pair(a: int | None, b: int | None) -> list[int] | None:
    return None if a is None or b is None else [a, b]


_EM = {name: i for i, (name, _) in enumerate(TABLES["event_mentions"])}


# ------------------------------------------------------------------ de-duplication

_REPORT_COLUMNS = ("m.mention_id, m.doc_hash, m.source, m.target, m.base, m.cameo, m.name, m.goldstein, "
                   "m.quad_class, m.date, m.in_lead, m.source_sector, m.target_sector, "
                   "d.source AS outlet, d.url, d.id AS doc_id, m.event_id")


def _recluster(con, window_days: int, reports: list[tuple] | None) -> None:
    """Re-form the events touched by new counted reports (``event_mentions`` rows), or all
    events when ``reports`` is None. Runs inside the caller's transaction."""
    if reports is None:
        con.execute("DELETE FROM events")
        con.execute("UPDATE event_mentions SET event_id = NULL WHERE event_id IS NOT NULL")
        dated = con.execute(
            f"SELECT {_REPORT_COLUMNS} FROM event_mentions m JOIN documents d ON d.hash = m.doc_hash "
            "WHERE m.counted ORDER BY m.source, m.target, m.base, m.date NULLS LAST, m.mention_id").fetchall()
        groups = _group(dated)
    else:
        # Keys with dates: re-form from the last event that starts on or before the earliest new
        # report (earlier events cannot change); undated reports only join their own article's.
        earliest: dict[tuple, dt.date] = {}
        undated: set[tuple] = set()
        for r in reports:
            key = (r[_EM["source"]], r[_EM["target"]], r[_EM["base"]])
            date = r[_EM["date"]]
            if date is None:
                undated.add((*key, r[_EM["doc_hash"]]))
            elif key not in earliest or date < earliest[key]:
                earliest[key] = date
        groups: dict[tuple, list[tuple]] = {}
        if earliest:
            con.execute("CREATE OR REPLACE TEMP TABLE _keys (source VARCHAR, target VARCHAR, base VARCHAR, "
                        "earliest DATE)")
            con.executemany("INSERT INTO _keys VALUES (?, ?, ?, ?)", [[*k, v] for k, v in earliest.items()])
            con.execute("""
                CREATE OR REPLACE TEMP TABLE _restart AS
                SELECT k.source, k.target, k.base,
                       coalesce(max(e.first_date) FILTER (WHERE e.first_date <= k.earliest), k.earliest) AS since
                FROM _keys k LEFT JOIN events e
                  ON e.source IS NOT DISTINCT FROM k.source AND e.target IS NOT DISTINCT FROM k.target
                 AND e.base = k.base AND e.first_date IS NOT NULL
                GROUP BY k.source, k.target, k.base, k.earliest""")
            con.execute("""
                DELETE FROM events e USING _restart r
                WHERE e.source IS NOT DISTINCT FROM r.source AND e.target IS NOT DISTINCT FROM r.target
                  AND e.base = r.base AND e.first_date >= r.since""")
            rows = con.execute(f"""
                SELECT {_REPORT_COLUMNS} FROM event_mentions m
                JOIN _restart r ON m.source IS NOT DISTINCT FROM r.source
                 AND m.target IS NOT DISTINCT FROM r.target AND m.base = r.base AND m.date >= r.since
                JOIN documents d ON d.hash = m.doc_hash
                WHERE m.counted
                ORDER BY m.source, m.target, m.base, m.date, m.mention_id""").fetchall()
            groups.update(_group(rows))
            con.execute("DROP TABLE _keys")
            con.execute("DROP TABLE _restart")
        if undated:
            con.execute("CREATE OR REPLACE TEMP TABLE _undated (source VARCHAR, target VARCHAR, base VARCHAR, "
                        "doc_hash VARCHAR)")
            con.executemany("INSERT INTO _undated VALUES (?, ?, ?, ?)", [list(k) for k in sorted(undated)])
            rows = con.execute(f"""
                SELECT {_REPORT_COLUMNS} FROM event_mentions m
                JOIN _undated u ON m.source IS NOT DISTINCT FROM u.source
                 AND m.target IS NOT DISTINCT FROM u.target AND m.base = u.base AND m.doc_hash = u.doc_hash
                JOIN documents d ON d.hash = m.doc_hash
                WHERE m.counted AND m.date IS NULL
                ORDER BY m.source, m.target, m.base, m.mention_id""").fetchall()
            groups.update(_group(rows))
            con.execute("DROP TABLE _undated")
    events, links = [], []
    for group in groups.values():
        for members in cluster(group, window_days):
            ev = _event(members)
            events.append(ev)
            links.extend((r[0], ev[0]) for r in members if r[16] != ev[0])  # only links that change
    if events:
        _insert_rows(con, "events", events)
    if links:
        con.execute("CREATE OR REPLACE TEMP TABLE _links (mention_id VARCHAR, event_id VARCHAR)")
        _insert_rows(con, "_links", links)
        con.execute("UPDATE event_mentions SET event_id = l.event_id FROM _links l "
                    "WHERE event_mentions.mention_id = l.mention_id "
                    "AND event_mentions.event_id IS DISTINCT FROM l.event_id")  # most links do not change
        con.execute("DROP TABLE _links")


def _insert_rows(con, table: str, rows: list[tuple]) -> None:
    """Append rows (tuples in the table's column order) with DuckDB's appender, inside the
    connection's current transaction. (Faster than inserting an Arrow table, which also makes
    DuckDB import pandas.)"""
    appender = con.appender(table)
    appender.append_rows(rows)
    appender.flush()


# The fields of a report, as _REPORT_COLUMNS selects them (the Spark job builds the same tuples).
REPORT_FIELDS = [c.split(" AS ")[-1].removeprefix("m.").removeprefix("d.") for c in _REPORT_COLUMNS.split(", ")]


def report_key(r: tuple) -> tuple:
    """The reports that may be one event: same (source, target, base), and for undated ones
    the same article too."""
    return (r[2], r[3], r[4]) if r[9] is not None else (r[2], r[3], r[4], r[1])


def report_order(r: tuple) -> tuple:
    """Reports in date order, undated last, then by mention id."""
    return (r[9] is None, r[9] or dt.date.min, r[0])


def form_events(reports: Iterable[tuple], window_days: int) -> Iterator[tuple[tuple, list[str]]]:
    """The events of one key's reports (any order): each events row with its reports' mention ids."""
    for members in cluster(sorted(reports, key=report_order), window_days):
        yield _event(members), [r[0] for r in members]


def _group(rows: list[tuple]) -> dict[tuple, list[tuple]]:
    """Reports by ``report_key``."""
    groups: dict[tuple, list[tuple]] = {}
    for r in rows:
        groups.setdefault(report_key(r), []).append(r)
    return groups


def cluster(reports: list[tuple], window_days: int) -> Iterator[list[tuple]]:
    """Split one key's reports, sorted by (date, mention id), into events: a report joins the
    current event when its date is at most ``window_days`` after the event's first date."""
    current: list[tuple] = []
    first: dt.date | None = None
    for r in reports:
        date = r[9]
        if current and (date is None or first is None or (date - first).days <= window_days):
            current.append(r)
            continue
        if current:
            yield current
        current, first = [r], date
    if current:
        yield current


def _outlet(outlet: str | None, url: str | None, doc_hash: str) -> str:
    if outlet:
        return outlet.strip().lower()
    if url:
        host = urlparse(url).netloc.lower()
        if host:
            return host.removeprefix("www.")
    return "doc:" + doc_hash


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


def _event(reports: list[tuple]) -> tuple:
    """The events row for one cluster of reports (columns as in TABLES["events"])."""
    first = reports[0]
    source, target, base = first[2], first[3], first[4]
    event_id = row_id("event", source, target, base, first[0])
    global_id = int(event_id, 16) >> 1  # 63 bits: a positive BIGINT
    cameo = _most_common(r[5] for r in reports) or base
    model = next(r for r in reports if r[5] == cameo) if any(r[5] == cameo for r in reports) else first
    dates = [r[9] for r in reports if r[9] is not None]
    url = next((r[14] for r in reports if r[14]), None) or first[15]
    return (
        event_id, global_id, source, target, cameo, base, cameo[:2], model[6], model[8], model[7],
        min(dates) if dates else None, max(dates) if dates else None,
        len(reports), len({_outlet(r[13], r[14], r[1]) for r in reports}), len({r[1] for r in reports}),
        url, first[0], first[1], any(bool(r[10]) for r in reports),
        _most_common(r[11] for r in reports), _most_common(r[12] for r in reports),
    )


def _first(rows: list[tuple]) -> tuple | None:
    return rows[0] if rows else None
