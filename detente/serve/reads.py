"""Reads over the store shared by the routes: counts and pages of ready questions, actors,
evidence sentences and the analyses' inputs (computed once per store generation)."""
from __future__ import annotations

import json
from typing import Any

from fastapi import Request

from ..analysis import analyses
from ..corpus import query
from ..corpus.store import Store
from .database import Database, _db
from .responses import ApiError, _page


def _count(store: Store, fn, *args, **kwargs) -> int:
    """How many rows the ready question ``fn`` (of ``query``) gives without a limit: DuckDB
    counts the question's own statement (the one ending in ``LIMIT ?``), so no row is fetched."""

    class _Counting:
        def execute(self, sql: str, params: list | None = None):
            params = params or []
            if params and params[-1] is None and sql.rstrip().endswith("LIMIT ?"):  # the question itself
                return store.con.execute(f"SELECT count(*) AS n FROM ({sql}) AS q", params)
            return store.con.execute(sql, params)  # a look-up on the way (an actor's id)

        def __getattr__(self, name: str):
            return getattr(store.con, name)

    counting = object.__new__(type(store))
    counting.__dict__.update(store.__dict__)
    counting.con = _Counting()
    return fn(counting, *args, **{**kwargs, "limit": None}).rows[0][0]


def _paged_question(store: Store, fn, limit: int, offset: int, *args, **kwargs) -> dict[str, Any]:
    """A page of the ready question ``fn`` with its total."""
    rows = fn(store, *args, **kwargs, limit=offset + limit)
    items = rows.records()[offset:]
    total = _count(store, fn, *args, **kwargs) if len(items) == limit or offset else len(items)
    return _page(items, total, limit, offset)


def _document_hash(store: Store, doc_id: str) -> str | None:
    rows = store.con.execute(
        "SELECT hash FROM documents WHERE id = ? OR hash = ? ORDER BY (id = ?) DESC, coded_at DESC, hash LIMIT 1",
        [doc_id, doc_id, doc_id]).fetchall()
    return rows[0][0] if rows else None


def _fetch(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    res = store.con.execute(sql, params)
    cols = [c[0] for c in res.description]
    return [dict(zip(cols, row)) for row in res.fetchall()]


def _scalar(store: Store, sql: str, params: list[Any]) -> Any:
    return store.con.execute(sql, params).fetchall()[0][0]


def _kb():
    from .. import kb

    return kb.load()


def _analysis_docs(database: Database, conflict: str) -> list[dict[str, Any]]:
    """The coded documents as the analyses of ``conflict`` read them: ids, dates, conflicts and
    the stances on an issue that names this conflict. The analyses skip every other stance, so
    they are left out here, and which issues name the conflict is decided once per distinct
    issue rather than once per stance (seconds on a few thousand stances). The documents are read
    once per store generation."""
    base = _analysis_base(database)
    ref = analyses.conflict_ref(_kb(), conflict, list(base["docs"].values()))  # E021: 404
    issues = {i for i in base["issues"] if ref.holds(*i)}
    return [{**d, "stances": [s for s in base["stances"].get(h, []) if (s["issue"], s.get("conflict_id")) in issues]}
            for h, d in base["docs"].items()]


def _analysis_base(database: Database) -> dict[str, Any]:
    def read() -> dict[str, Any]:
        with database.reader() as store:
            return _read_analysis_docs(store)

    return database.cached(("analysis-docs",), read)


def _read_analysis_docs(store: Store) -> dict[str, Any]:
    """Documents (id, dates, conflicts) by hash, their stances by hash, and the distinct issues:
    three statements instead of rebuilding every document."""
    docs: dict[str, dict[str, Any]] = {}
    for h, doc_id, date, ref, event_date in store.con.execute("""
            SELECT d.hash, d.id, d.date, d.reference_date, e.event_date
            FROM documents d LEFT JOIN (
                SELECT doc_hash, max(event_date) AS event_date FROM event_mentions
                WHERE counted AND event_date IS NOT NULL GROUP BY doc_hash) e ON e.doc_hash = d.hash
            ORDER BY d.date NULLS LAST, d.id, d.hash""").fetchall():
        docs[h] = {"id": doc_id, "date": date.isoformat() if date else None, "reference_date": ref,
                   "events": [{"date": event_date}] if event_date else [], "conflicts": []}
    for h, name, parties, cid in store.con.execute(
            "SELECT doc_hash, name, parties, json_extract_string(extra, '$.id') FROM conflicts "
            "ORDER BY doc_hash, seq").fetchall():
        if h in docs:
            docs[h]["conflicts"].append({"name": name, "parties": list(parties or []), "id": cid})
    stances: dict[str, list[dict[str, Any]]] = {}
    for h, actor, issue, position, confidence, evidence, cid in store.con.execute(
            "SELECT doc_hash, actor, issue, position, confidence, evidence, "
            "json_extract_string(extra, '$.conflict_id') FROM stances ORDER BY doc_hash, seq").fetchall():
        stances.setdefault(h, []).append({"actor": actor, "issue": issue, "position": position,
                                          "confidence": confidence, "evidence": json.loads(evidence or "[]"),
                                          "conflict_id": cid})
    issues = {(s["issue"], s["conflict_id"]) for rows in stances.values() for s in rows}
    return {"docs": docs, "stances": stances, "issues": issues}


def _all_actors(database: Database) -> list[dict[str, Any]]:
    """``query.actors``: an aggregate over the whole store, read once per store generation."""
    def read() -> list[dict[str, Any]]:
        with database.reader() as store:
            return query.actors(store).records()

    return database.cached(("actors",), read)


def _stored_actor(store: Store, name: str) -> str:
    """The id of the actor ``name`` stands for (``resolve.actor``), which must be in the store: 404 otherwise."""
    a = query.actor_id(store, name)
    if not store.con.execute("SELECT 1 FROM actors WHERE actor_id = ? LIMIT 1", [a]).fetchall():
        known = "" if name == a else f" ({a} in the knowledge base)"
        raise ApiError(404, "not_found", f"no actor {name!r}{known} in the store")
    return a


def _matching_actors(request: Request, q: str | None) -> list[dict[str, Any]]:
    """``query.actors`` rows whose id or name holds ``q`` (case ignored); all of them without ``q``."""
    rows = _all_actors(_db(request))
    if not q:
        return rows
    needle = q.casefold()
    return [r for r in rows if needle in (r["actor"] or "").casefold() or needle in (r["name"] or "").casefold()]


def _with_evidence(store: Store, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each event (a row of ``query.events``) with ``evidence``: the report it was first coded
    from, its document, and ``page``, the link that shows it there (``/documents/ID#fact=eN``).
    The document page numbers a document's events as the store does (``event_mentions.seq``:
    the counted ones, then the others), so ``eN`` is that report. The link names the document
    by its id, or by its hash when several documents share the id."""
    from urllib.parse import quote

    ids = [e["event_id"] for e in events if e.get("event_id")]
    found = {r["event_id"]: r for r in _fetch(store, """
        SELECT e.event_id, d.id AS document, d.hash, m.seq, m.text, m.start_char, m.end_char,
               (SELECT count(*) FROM documents o WHERE o.id = d.id) AS sharing
        FROM events e JOIN event_mentions m ON m.mention_id = e.first_mention
        JOIN documents d ON d.hash = m.doc_hash
        WHERE e.event_id IN (SELECT unnest(?::VARCHAR[]))""", [ids])} if ids else {}
    for e in events:
        r = found.get(e.get("event_id"))
        if r is None:
            e["evidence"] = None
            continue
        name = r["document"] if r["sharing"] == 1 else r["hash"]
        fact = f"e{r['seq']}"
        e["evidence"] = {"document": r["document"], "fact": fact, "text": r["text"],
                         "span": [r["start_char"], r["end_char"]] if r["start_char"] is not None else None,
                         "page": f"/documents/{quote(name, safe='')}#fact={fact}"}
    return events


def _cameo_name(kb, code: str | None) -> str | None:
    entry = kb.cameo.get(code or "")
    return entry.name if entry else None
