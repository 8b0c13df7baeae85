"""The REST API and the web dashboard over a store (FastAPI).

    >>> from detente.api import Settings, create_app
    >>> app = create_app(Settings(db="detente.duckdb"))     # what `detente serve` runs with uvicorn

Every dashboard page at ``PATH`` is drawn in the browser (``web/static/app.js``) from the JSON
of ``/api/PATH`` with the same query string (Datasette's rule: what a page shows is also JSON
at a URL of the same shape): ``/actors/BLR`` shows ``/api/actors/BLR``, ``/alignment?conflict=X``
shows ``/api/alignment?conflict=X``.

Safety rules kept here:
  * the store is opened read-only unless ``allow_ingest``; then ``POST /api/documents`` needs
    the API key (``Authorization: Bearer KEY`` or ``X-API-Key: KEY``), compared in constant time;
  * user values reach SQL only as bound parameters (the ready questions of ``query`` and the
    few statements below);
  * request bodies over ``max_body`` bytes get 413 (checked on Content-Length and while reading);
  * every error is a JSON object ``{"error": {"status", "code", "message"}}``: unknown ids 404,
    and an unexpected failure is logged on the server and answered with a bare 500, never a
    traceback;
  * each request reads through its own DuckDB cursor (a pooled cursor of the one shared
    connection), so concurrent requests never share a cursor; writes are serialised.

Speed: whole-store aggregates (the actor list, the analyses' inputs) are computed once per store
generation (``Database.cached``), documents requested at the same time are rebuilt together
(``Batcher``), and successful ``GET /api`` answers are kept in memory until the store changes
(``ResponseCache``; a read-only store cannot change while the server holds it).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import hmac
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import __version__, analysis, query, resolve
from . import sides as sides_style
from .errors import DetenteError
from .store import DEFAULT_DB, Store

log = logging.getLogger("detente.api")

WEB = Path(__file__).parent / "web"
STATIC = WEB / "static"
DEFAULT_MAX_BODY = 5 * 2**20  # bytes
MAX_LIMIT = 500  # rows per page at most

# What the actor page charts as "meets, praises, accuses, fights": CAMEO roots (names from the
# knowledge base's cameo.tsv: 04 Consult, 05 Engage in diplomatic cooperation, 11 Disapprove,
# 18 Assault, 19 Fight, 20 Use unconventional mass violence).
ACTIVITIES: dict[str, tuple[str, ...]] = {
    "meets": ("04",),
    "praises": ("05",),
    "accuses": ("11",),
    "fights": ("18", "19", "20"),
}

# Pages of the dashboard; each is backed by /api + the same path.
PAGES = ["/", "/documents", "/documents/{doc_id:path}", "/actors", "/actors/{actor_id}", "/events", "/dyads",
         "/alignment", "/commitments", "/quotes", "/search", "/code"]

# Pages and API answers may load only what this server serves.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


@dataclasses.dataclass
class Settings:
    db: str = DEFAULT_DB
    allow_ingest: bool = False  # open the store for writing and accept POST /api/documents
    api_key: str | None = None  # required when allow_ingest
    max_body: int = DEFAULT_MAX_BODY
    model: str | None = None  # spaCy pipeline for /api/code and /api/documents
    cache_mb: int = 64  # answers of GET /api/... kept in memory until the store changes (0: none)


# ------------------------------------------------------------------ errors

class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


_STATUS_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                 405: "method_not_allowed", 413: "payload_too_large", 422: "invalid_request",
                 500: "internal_error"}

# DetenteError codes that mean "no such thing" rather than "bad input".
_NOT_FOUND = {"E021", "E024", "E037"}
_AMBIGUOUS = {"E038"}  # a name of several actors: 422, the request must say which


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None, **more: Any) -> Response:
    body = {"error": {"status": status, "code": code, "message": message, **more}}
    return JSONResponse(body, status_code=status, headers=headers)


# ------------------------------------------------------------------ JSON

def _default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


class JSONResponse(Response):
    """JSON written by the standard library (FastAPI's encoder walks every value first; this
    does not), UTF-8, dates as ISO strings."""
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=_default).encode("utf-8")


def _page(items: list[dict], total: int, limit: int, offset: int, **more: Any) -> dict[str, Any]:
    return {**more, "total": total, "limit": limit, "offset": offset, "items": items}


# ------------------------------------------------------------------ the database

class _CursorStore(Store):
    """A Store over one cursor of the server's shared connection: used by one request at a time.
    (DuckDB cursors of one connection are independent connections to the same database.)"""

    def __init__(self, parent: Store, read_only: bool = True) -> None:  # no migration: the parent did that
        self.path = parent.path
        self.read_only = read_only
        self.dedup_days = parent.dedup_days
        self.con = parent.con.cursor()
        # ``query.register_fold`` ran once, on the parent connection: a function registered
        # through a cursor would die with that cursor.
        self._fold_registered = True


class Batcher:
    """Loads of values requested at the same time, done together: ``get(key)`` joins the next
    batch, and one of the waiting threads loads it (``load(keys) -> {key: value}``) while the others
    wait. Rebuilding coded documents is such a load: ``Store.rebuild`` scans each table once
    whatever the number of documents (at 2,000 articles about 19 ms for one, 56 ms for 16), so
    under concurrent requests the cost per document falls instead of the queue growing."""

    def __init__(self, load, max_batch: int = 64) -> None:
        self._load, self._max = load, max_batch
        self._cond = threading.Condition()
        self._pending: dict[Any, dict[str, Any]] = {}  # key -> slot, waiting for the next batch
        self._loading: dict[Any, dict[str, Any]] = {}  # key -> slot, in the batch being loaded
        self._busy = False

    def get(self, key: Any) -> Any:
        with self._cond:
            slot = self._loading.get(key) or self._pending.setdefault(key, {"done": False})
            while not slot["done"]:
                if self._busy:
                    self._cond.wait()
                    continue
                self._busy = True
                keys = list(self._pending)[:self._max]
                self._loading = {k: self._pending.pop(k) for k in keys}
                self._cond.release()
                values: dict = {}
                error: BaseException | None = RuntimeError("the batch was interrupted")
                try:
                    values, error = self._load(keys), None
                except Exception as exc:  # noqa: BLE001 - handed to every request of the batch
                    error = exc
                finally:
                    self._cond.acquire()
                    for k, s in self._loading.items():
                        s.update(done=True, value=values.get(k), error=error)
                    self._loading, self._busy = {}, False
                    self._cond.notify_all()
            if slot["error"] is not None:
                raise slot["error"]
            return slot["value"]


class Database:
    """The store behind the server: one DuckDB connection, a pool of cursors for readers, and a
    lock that serialises writers. ``generation`` grows with every write (cache key)."""

    def __init__(self, path: str, writable: bool) -> None:
        self.store = Store(path, read_only=not writable)
        self.writable = writable
        self._owns_fold = query.register_fold(self.store)  # once, on the shared connection
        self._lock = threading.Lock()
        self._free: list[_CursorStore] = []
        self._all: list[_CursorStore] = []
        self.write_lock = threading.Lock()
        # Writes go through a cursor of their own too: the shared connection object itself only
        # hands out cursors (under self._lock), so no two threads ever use one connection object.
        self.writer = _CursorStore(self.store, read_only=False) if writable else None
        self.generation = 0
        self._cache: dict[tuple, Any] = {}
        self._flights: dict[tuple, threading.Lock] = {}
        self.documents = Batcher(self._rebuild)

    @contextmanager
    def reader(self) -> Iterator[Store]:
        with self._lock:
            view = self._free.pop() if self._free else None
            if view is None:
                view = _CursorStore(self.store)
                self._all.append(view)
        broken = False
        try:
            yield view
        except duckdb.Error:  # a failed statement: this cursor is not handed to the next request
            broken = True
            raise
        finally:
            with self._lock:
                if broken:
                    self._all.remove(view)
                    view.close()
                else:
                    self._free.append(view)

    def _rebuild(self, hashes: list[str]) -> dict[str, dict[str, Any]]:
        """Coded documents by hash, rebuilt by the Store (``Store.rebuild``: one scan per table)."""
        with self.reader() as store:
            return {d["hash"]: d for d in store.rebuild(hashes)}

    def cached(self, key: tuple, compute) -> Any:
        """``compute()`` once per store generation (aggregates and analyses over the whole store);
        concurrent requests for the same value wait for the one computation under way."""
        with self._lock:
            full = (self.generation, *key)
            if full in self._cache:
                return self._cache[full]
            flight = self._flights.setdefault(full, threading.Lock())
        with flight:
            with self._lock:
                if full in self._cache:
                    return self._cache[full]
            try:
                value = compute()
            finally:
                with self._lock:
                    self._flights.pop(full, None)
            with self._lock:
                if full[0] == self.generation:
                    while len(self._cache) >= 256:
                        self._cache.pop(next(iter(self._cache)))
                    self._cache[full] = value
        return value

    def wrote(self) -> None:
        with self._lock:
            self.generation += 1
            self._cache.clear()

    def close(self) -> None:
        with self._lock:
            for view in [*self._all, *([self.writer] if self.writer else [])]:
                view.close()
            self._all.clear()
            self._free.clear()
        if self._owns_fold:  # a function whose connection is gone must not stay callable
            self.store.con.remove_function("detente_fold")
        self.store.close()


def _db(request: Request) -> Database:
    return request.app.state.db


def reader(request: Request) -> Iterator[Store]:
    """The request's own cursor on the store."""
    with _db(request).reader() as store:
        yield store


StoreDep = Annotated[Store, Depends(reader)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
ActorParam = Annotated[str | None, Query(max_length=200, description="An actor's id, name or alias (ARM, Armenia); "
                                                                     "404 when none is known.")]
DateFrom = Annotated[str | None, Query(alias="from", max_length=10, description="First date, YYYY-MM-DD.")]
DateTo = Annotated[str | None, Query(alias="to", max_length=10, description="Last date, YYYY-MM-DD.")]


# ------------------------------------------------------------------ helpers over the store

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
    from . import kb

    return kb.load()


def _analysis_docs(database: Database, conflict: str) -> list[dict[str, Any]]:
    """The coded documents as the analyses of ``conflict`` read them: ids, dates, conflicts and
    the stances on an issue that names this conflict. The analyses skip every other stance, so
    they are left out here, and which issues name the conflict is decided once per distinct
    issue rather than once per stance (seconds on a few thousand stances). The documents are read
    once per store generation."""
    base = _analysis_base(database)
    ref = analysis.conflict_ref(_kb(), conflict, list(base["docs"].values()))  # E021: 404
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


# ------------------------------------------------------------------ request bodies

class ArticleIn(BaseModel):
    """An article to code: its text and what is known about it."""
    text: str = Field(..., min_length=1, description="The article text (plain text).")
    id: str | None = Field(None, max_length=300, description="Your id for it (default: from its content hash).")
    url: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=2000)
    date: str | None = Field(None, max_length=40, description="Publication date, YYYY-MM-DD.")
    source: str | None = Field(None, max_length=300, description="The outlet.")


def _article(body: ArticleIn, origin: str):
    from .ingest import article_from_record, check_text

    article = article_from_record(body.model_dump(), origin)
    check_text(article)
    return article


# ------------------------------------------------------------------ middleware (pure ASGI)

class BodyLimit:
    """413 for request bodies over ``limit`` bytes: at once when Content-Length says so,
    otherwise as soon as the bytes read pass the limit."""

    def __init__(self, app, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.strip().isdigit() or int(declared) > self.limit):
            await _too_large(self.limit)(scope, receive, send)
            return
        seen = 0

        async def limited_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:  # FastAPI passes an HTTPException raised here on as it is
                    raise StarletteHTTPException(413, f"request body over the limit of {self.limit:,} bytes")
            return message

        tracked = _Tracked(send)
        try:
            await self.app(scope, limited_receive, tracked)
        except StarletteHTTPException as exc:
            if exc.status_code != 413 or tracked.started:
                raise
            await _too_large(self.limit)(scope, receive, send)


class _Tracked:
    """An ASGI ``send`` that notes whether the answer has begun: after that, a middleware can no
    longer send an answer of its own."""

    def __init__(self, send) -> None:
        self.send, self.started = send, False

    async def __call__(self, message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
        await self.send(message)


def _too_large(limit: int) -> Response:
    return _error(413, "payload_too_large", f"request body over the limit of {limit:,} bytes")


class SecurityHeaders:
    """The Content-Security-Policy and friends on every response, a 500 included: an unexpected
    failure is answered here, the outermost middleware (Starlette's own last-resort handler sits
    outside every middleware, so its answer would lack them), with ``Connection: close`` telling
    the client that this connection ends instead of a reset on its next request. What went wrong
    (the exception, file and line) goes to the server log only."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers") or []) + SECURITY_HEADERS
            await send(message)

        tracked = _Tracked(with_headers)
        try:
            await self.app(scope, receive, tracked)
        except Exception:
            if tracked.started:  # half an answer is out: only closing the connection can tell the client
                raise
            log.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"))
            await _internal_error()(scope, receive, with_headers)


def _internal_error() -> Response:
    return _error(500, "internal_error", "internal error: the server log has the details", {"Connection": "close"})


class ResponseCache:
    """Answers of ``GET /api/...`` by URL, kept while the store is unchanged (a read-only store
    cannot change while the server holds it: DuckDB refuses writers meanwhile; with
    ``--allow-ingest`` every write starts a new generation). Least recently used answers go
    first when the total passes ``max_bytes``."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, tuple[int, int, list, bytes]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: str, generation: int) -> tuple[int, list, bytes] | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] != generation:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry[1], entry[2], entry[3]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._size = 0

    def put(self, key: str, generation: int, status: int, headers: list, body: bytes) -> None:
        if len(body) > self.max_bytes // 8:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= len(old[3])
            self._entries[key] = (generation, status, headers, body)
            self._size += len(body)
            while self._size > self.max_bytes and self._entries:
                _, dropped = self._entries.popitem(last=False)
                self._size -= len(dropped[3])


class CachedReads:
    """Serve repeated ``GET /api/...`` requests from the ResponseCache (successful answers only)."""

    def __init__(self, app, cache: ResponseCache, database: Database) -> None:
        self.app, self.cache, self.database = app, cache, database

    async def __call__(self, scope, receive, send) -> None:
        if (scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith("/api")
                or self.cache.max_bytes <= 0):
            await self.app(scope, receive, send)
            return
        raw = scope.get("query_string", b"").decode("latin-1")
        key = scope["path"] + "?" + "&".join(sorted(raw.split("&")))
        generation = self.database.generation
        hit = self.cache.get(key, generation)
        if hit is not None:
            status, headers, body = hit
            await send({"type": "http.response.start", "status": status,
                        "headers": [*headers, (b"x-detente-cache", b"hit")]})
            await send({"type": "http.response.body", "body": body})
            return
        start: dict = {}
        chunks: list[bytes] = []

        async def capture(message):
            if message["type"] == "http.response.start":
                start.update(message)
                message = {**message, "headers": [*(message.get("headers") or []), (b"x-detente-cache", b"miss")]}
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body") and start.get("status") == 200:
                    self.cache.put(key, generation, 200, list(start.get("headers") or []), b"".join(chunks))
            await send(message)

        await self.app(scope, receive, capture)


# ------------------------------------------------------------------ the endpoints

router = APIRouter()


def _settings(request: Request) -> Settings:
    return request.app.state.settings



# ------------------------------------------------------------------ the index
@router.get("/api", summary="What the store holds", tags=["store"])
def api_index(request: Request, store: StoreDep) -> JSONResponse:
    """Counts, the latest documents, the most named actors and the conflicts with stances."""
    settings = _settings(request)
    counts = {t: _scalar(store, f"SELECT count(*) FROM {t}", [])
              for t in ("documents", "events", "event_mentions", "quotes", "stances", "relations")}
    counts["actors"] = _scalar(store, "SELECT count(DISTINCT actor_id) FROM actors", [])
    latest = _fetch(store, """
        SELECT id, title, date, source FROM documents
        ORDER BY coded_at DESC NULLS LAST, date DESC NULLS LAST, id LIMIT 10""", [])
    top = _all_actors(_db(request))[:10]
    issues = query.conflicts(store, limit=20).records()
    return JSONResponse({"name": "detente", "version": __version__, "read_only": not settings.allow_ingest,
                         "counts": counts, "latest_documents": latest, "top_actors": top,
                         "conflicts": issues})

@router.get("/api/conflicts", summary="Conflicts the knowledge base knows", tags=["analyses"])
def api_conflicts() -> JSONResponse:
    kb = _kb()
    items = [{"id": c["id"], "name": c["name"], "kind": c.get("kind"), "sides": c.get("sides") or [],
              "start": str(c.get("start") or "") or None, "end": str(c.get("end") or "") or None}
             for c in kb.conflicts]
    return JSONResponse(_page(items, len(items), len(items), 0))


# ------------------------------------------------------------------ coding
@router.post("/api/code", summary="Code a text (nothing is stored)", tags=["coding"])
def api_code(request: Request, body: ArticleIn) -> JSONResponse:
    """The coded document of the text: actors, persons, quotes, events, relations, stances,
    each with the character spans of its evidence. Nothing is stored."""
    from .pipeline import code_articles

    article = _article(body, "api")
    with request.app.state.coding_lock:
        doc = next(iter(code_articles([article], model=_settings(request).model)))
    return JSONResponse(doc.to_dict(include_text=True))


@router.post("/api/documents", status_code=201, summary="Code and store an article", tags=["documents"],
          responses={201: {"description": "Stored"}, 200: {"description": "Already stored"},
                     401: {"description": "No API key"}, 403: {"description": "Wrong key, or read-only"}})
def api_store_document(request: Request, body: ArticleIn) -> JSONResponse:
    """Code the article and store it (needs `--allow-ingest` and the API key, sent as
    `Authorization: Bearer KEY` or `X-API-Key: KEY`). An article whose text is already
    stored is not coded again (200)."""
    from .corpus import code_batch

    settings, database = _settings(request), _db(request)
    _check_key(request, settings)
    article = _article(body, "api")
    with database.reader() as store:
        if store.stored_hashes([article.hash]):
            stored_id = _scalar(store, "SELECT id FROM documents WHERE hash = ?", [article.hash])
            return JSONResponse(_stored(stored_id, article.hash, False), status_code=200)
    with request.app.state.coding_lock:
        result = code_batch([dataclasses.asdict(article)], settings.model)[0]
    if "error" in result:
        err = result["error"]
        if err.get("code") == "E025":  # a bug in a stage: its details (file, line) stay in the server log
            log.error("coding %s failed: %s", article.id, err.get("message"))
            raise ApiError(500, "internal_error", "coding failed (a bug in detente): the server log has the details")
        raise ApiError(422, err.get("code") or "coding_failed", err.get("message") or "could not code the article")
    with database.write_lock:
        stored = database.writer.write([result["rows"]])
    database.wrote()
    request.app.state.cache.clear()  # (its answers of the old generation would never be served again)
    return JSONResponse(_stored(article.id, article.hash, bool(stored)), status_code=201 if stored else 200)


# ------------------------------------------------------------------ documents
@router.get("/api/documents", summary="Stored documents", tags=["documents"])
def api_documents(store: StoreDep, limit: Limit = 50, offset: Offset = 0, actor: ActorParam = None,
                  source: Annotated[str | None, Query(max_length=300)] = None,
                  date_from: DateFrom = None, date_to: DateTo = None) -> JSONResponse:
    """Documents, newest first; optionally those naming an actor, from one outlet, or in a date range."""
    conditions, params = ["true"], []  # only the filters given: fixed SQL pieces, values bound
    if actor:
        conditions.append("hash IN (SELECT doc_hash FROM actors WHERE actor_id = ?)")
        params.append(query.actor_id(store, actor))
    if source:
        conditions.append("source = ?")
        params.append(source)
    if date_from:
        conditions.append("date >= ?::DATE")
        params.append(query.check_date(date_from))
    if date_to:
        conditions.append("date <= ?::DATE")
        params.append(query.check_date(date_to))
    where = " AND ".join(conditions)
    total = _scalar(store, f"SELECT count(*) FROM documents WHERE {where}", params)
    items = _fetch(store, f"""
        SELECT id, hash, title, date, source, url, language, coded_at,
               regexp_replace(left(text, 400), '\\s+', ' ', 'g')[:240] AS snippet, length(text) AS characters
        FROM documents WHERE {where}
        ORDER BY date DESC NULLS LAST, id, hash LIMIT ? OFFSET ?""", [*params, limit, offset])
    return JSONResponse(_page(items, total, limit, offset))


@router.get("/api/documents/{doc_id:path}", summary="One coded document with its text", tags=["documents"],
         responses={404: {"description": "No such document"}})
def api_document(request: Request, store: StoreDep, doc_id: Annotated[str, PathParam(max_length=300)]
                 ) -> JSONResponse:
    """The coded document (as `detente code` writes it) with its text; `doc_id` is the
    document's id or its content hash."""
    h = _document_hash(store, doc_id)
    if h is None:
        raise ApiError(404, "not_found", f"no document with id {doc_id!r}")
    return JSONResponse(_db(request).documents.get(h))


# ------------------------------------------------------------------ actors
@router.get("/api/actors", summary="Actors", tags=["actors"])
def api_actors(request: Request, limit: Limit = 100, offset: Offset = 0,
               q: Annotated[str | None, Query(max_length=200, description="Part of an id or name.")] = None,
               ) -> JSONResponse:
    """Every actor: articles naming it, mentions, events as source and as target."""
    items = _matching_actors(request, q)
    return JSONResponse(_page(items[offset:offset + limit], len(items), limit, offset))


@router.get("/api/actors/{actor_id}", summary="One actor", tags=["actors"],
         responses={404: {"description": "No such actor"}})
def api_actor(request: Request, store: StoreDep, actor_id: Annotated[str, PathParam(max_length=200)],
              limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per list.")] = 50,
              ) -> JSONResponse:
    """Its mentions, quotes, events as source and as target, stances and relations, and what it
    does over time: meets (CAMEO 04), praises (05), accuses (11), fights (18-20)."""
    a = _stored_actor(store, actor_id)
    result = query.actor(store, a, limit=limit)
    counts = next((r for r in _matching_actors(request, None) if r["actor"] == a), {})
    summary = result.records()[0]
    sections = {s.title: s.records() for s in result.sections}
    kb = _kb()
    mentions = _fetch(store, """
        SELECT d.id AS document, d.title, d.date, m.text, m.start_char, m.end_char
        FROM mentions m JOIN documents d ON d.hash = m.doc_hash
        WHERE m.actor_id = ? ORDER BY d.date DESC NULLS LAST, d.id, m.start_char LIMIT ?""", [a, limit])
    stances = _fetch(store, """
        SELECT d.id AS document, d.date, s.issue, s.position, s.confidence, s.evidence
        FROM stances s JOIN documents d ON d.hash = s.doc_hash
        WHERE s.actor = ? ORDER BY d.date DESC NULLS LAST, d.id, s.seq LIMIT ?""", [a, limit])
    for s in stances:
        s["evidence"] = json.loads(s["evidence"] or "[]")
        s["in_words"] = sides_style.position_in_words(s["position"], kb.actor_name)
    relations = _fetch(store, """
        SELECT source, type, target, bool_or(stated) AS stated, count(DISTINCT doc_hash) AS articles,
               any_value(text) AS example, 'text' AS basis
        FROM relations WHERE source = ? OR target = ? GROUP BY source, type, target
        UNION ALL
        SELECT source, type, target, bool_or(stated), count(DISTINCT doc_hash), any_value(text), 'kb'
        FROM kb_relations WHERE source = ? OR target = ? GROUP BY source, type, target
        ORDER BY articles DESC, basis DESC, type, source, target LIMIT ?""", [a, a, a, a, limit])
    roots = {root: kind for kind, rs in ACTIVITIES.items() for root in rs}
    activity = _fetch(store, """
        SELECT * FROM (
            SELECT coalesce(strftime(first_date, '%Y-%m'), 'undated') AS period,
                   CASE WHEN source = ? THEN 'by' ELSE 'toward' END AS direction,
                   CASE WHEN source = ? THEN target ELSE source END AS partner,
                   root, count(*) AS events, round(coalesce(sum(goldstein), 0), 2) AS goldstein
            FROM events WHERE (source = ? OR target = ?) AND list_contains(?::VARCHAR[], root)
            GROUP BY ALL)
        ORDER BY period = 'undated', period, direction, partner, root""",
                      [a, a, a, a, list(roots)])
    for row in activity:
        row["kind"] = roots[row.pop("root")]
    return JSONResponse({
        "actor": {**summary, "kb_name": kb.actor_name(a), "kb_type": kb.actor_type(a)},
        "events_by_partner": sections.get("Events", []),
        "persons": sections.get("Persons", []),
        "quotes": sections.get("Quotes", []),
        "mentions": _page(mentions, summary["mentions"] or 0, limit, 0),
        "events_as_source": _page(_with_evidence(store, query.events(store, source=a, limit=limit).records()),
                                  counts.get("events_as_source", 0), limit, 0),
        "events_as_target": _page(_with_evidence(store, query.events(store, target=a, limit=limit).records()),
                                  counts.get("events_as_target", 0), limit, 0),
        "stances": stances,
        "relations": relations,
        "activity": {"kinds": [{"kind": k, "cameo_roots": list(rs),
                                "names": [_cameo_name(kb, r) for r in rs]} for k, rs in ACTIVITIES.items()],
                     "rows": activity},
    })


# ------------------------------------------------------------------ events, dyads, quotes
@router.get("/api/events", summary="De-duplicated events", tags=["events"])
def api_events(store: StoreDep, source: ActorParam = None, target: ActorParam = None,
               code: Annotated[str | None, Query(pattern=r"^\d{1,4}$",
                                                 description="CAMEO code or prefix (19 = all fighting).")] = None,
               date_from: DateFrom = None, date_to: DateTo = None, limit: Limit = 100,
               offset: Offset = 0) -> JSONResponse:
    """Events filtered by source, target (id or name), CAMEO code prefix and first date; each
    with `evidence`, the report it was first coded from and the link to it in its document."""
    page = _paged_question(store, query.events, limit, offset, code=code, date_from=date_from,
                           date_to=date_to, source=source, target=target)
    _with_evidence(store, page["items"])
    return JSONResponse(page)

@router.get("/api/dyads", summary="Cooperation and conflict between two actors over time", tags=["events"])
def api_dyads(store: StoreDep, a: Annotated[str, Query(min_length=1, max_length=200, description="Id, name or alias.")],
              b: Annotated[str, Query(min_length=1, max_length=200, description="Id, name or alias.")],
              by: Annotated[str, Query(pattern="^(day|week|month|year)$")] = "month",
              date_from: DateFrom = None, date_to: DateTo = None) -> JSONResponse:
    """Events between `a` and `b`, both directions, per period: counts by QuadClass and the
    Goldstein sum (`rows` per direction, `periods` both directions together)."""
    ids = [_stored_actor(store, who) for who in (a, b)]
    rows = query.dyad(store, ids[0], ids[1], by=by, date_from=date_from, date_to=date_to).records()
    periods: dict[str, dict[str, Any]] = {}
    for r in rows:
        p = periods.setdefault(r["period"], {"period": r["period"], "events": 0, "q1_verb_coop": 0,
                                             "q2_mat_coop": 0, "q3_verb_confl": 0, "q4_mat_confl": 0,
                                             "goldstein": 0.0, "a_to_b": 0, "b_to_a": 0})
        for k in ("events", "q1_verb_coop", "q2_mat_coop", "q3_verb_confl", "q4_mat_confl"):
            p[k] += r[k]
        p["goldstein"] = round(p["goldstein"] + (r["goldstein"] or 0), 2)
        p["a_to_b" if r["source"] == ids[0] else "b_to_a"] += r["events"]
    kb = _kb()
    return JSONResponse({
        "a": {"id": ids[0], "name": kb.actor_name(ids[0])}, "b": {"id": ids[1], "name": kb.actor_name(ids[1])},
        "by": by, "quad_classes": [{"quad": q, "name": name} for _, _, q, name in kb.quad_classes],
        "rows": rows, "periods": sorted(periods.values(), key=lambda p: (p["period"] == "undated", p["period"])),
    })

@router.get("/api/quotes", summary="Quotations with their speakers", tags=["quotes"])
def api_quotes(store: StoreDep,
               speaker: Annotated[str | None, Query(max_length=200, description="Name or surname (case and "
                                                                               "accents ignored).")] = None,
               actor: ActorParam = None, limit: Limit = 100, offset: Offset = 0) -> JSONResponse:
    return JSONResponse(_paged_question(store, query.quotes, limit, offset, speaker=speaker, actor=actor))


# ------------------------------------------------------------------ analyses
@router.get("/api/alignment", summary="Actors placed by their stance on a conflict", tags=["analyses"],
         responses={404: {"description": "Unknown conflict"}})
def api_alignment(request: Request, store: StoreDep,
                  conflict: Annotated[str | None, Query(min_length=1, max_length=200, description=(
                      "A conflict's name, alias or id (knowledge base), or the name an article gave it; "
                      "without it, the list of the store's conflicts."))] = None,
                  evidence: Annotated[int, Query(ge=0, le=100, description="Evidence items per actor.")] = 10,
                  ) -> JSONResponse:
    """Every actor's prevailing position on the conflict with its evidence over time (`counts`,
    and `in_words`: a sentence per position), and the graph the dashboard draws: the parties,
    each actor, and an edge per position; `colours` are the sides' colours (shared with the
    CLI's pictures). Without `conflict`: `conflicts`, the issues the store's stances are about,
    with the actors taking a stance on each."""
    if conflict is None:
        return JSONResponse({"conflict": None, "conflicts": _stance_issues(store)})
    meta, rows = _alignment(request, conflict)
    kb = _kb()
    sides = meta["sides"]
    parties = [{"id": p, "name": kb.actor_name(p), "side": i} for i, side in enumerate(sides) for p in side]
    actors = []
    for r in rows:
        d = {f.name: getattr(r, f.name) for f in dataclasses.fields(r)}  # no deep copy of all evidence
        d["evidence_total"] = len(r.evidence)
        d["evidence"] = r.evidence[:evidence]
        d["group"] = analysis._order(r.position, sides)  # 0 leans to the first side, 1 neutral, 2 the other
        d["in_words"] = sides_style.evidence_in_words(r.counts, r.evidence, kb.actor_name)
        actors.append(d)
    nodes, edges = [], []
    party_ids = {p["id"] for p in parties}
    evidence_of = {r.actor: r.evidence for r in rows}  # all of it, not the page's share
    for p in parties:
        nodes.append({"id": p["id"], "name": p["name"], "role": "party", "side": p["side"],
                      "group": 0 if p["side"] == 0 else 2})
    for d in actors:
        if d["actor"] not in party_ids:
            nodes.append({"id": d["actor"], "name": d["name"], "role": "actor", "group": d["group"],
                          "position": d["position"], "leaning": d["leaning"], "articles": d["articles"]})
        for position, n in d["counts"].items():
            kind, _, who = position.partition(":")
            targets = [who] if who else [s[0] for s in sides if s]
            for t in targets:
                if t and t != d["actor"]:
                    edges.append({"source": d["actor"], "target": t, "kind": kind, "evidence": n,
                                  "in_words": f"{d['name']}: " + sides_style.evidence_in_words(
                                      {position: n}, evidence_of[d["actor"]], kb.actor_name)[0]})
    node_ids = {n["id"] for n in nodes}
    for e in edges:
        if e["target"] not in node_ids:
            node_ids.add(e["target"])
            nodes.append({"id": e["target"], "name": kb.actor_name(e["target"]), "role": "actor", "group": 1})
    return JSONResponse({**meta, "parties": parties, "actors": actors, "graph": {"nodes": nodes, "edges": edges},
                         "colours": sides_style.colours()})


def _stance_issues(store: Store) -> list[dict[str, Any]]:
    """The conflicts the stored stances are about, with their actors and articles: the list the
    alignment page offers (each name is a working ``conflict`` for it). The same list as the home
    page's: knowledge-base conflicts by id and conflicts an article names, not single disputes."""
    return query.conflicts(store).records()


def _alignment(request: Request, conflict: str):
    """The alignment analysis (cached per store generation); 404 for an unknown conflict."""
    database = _db(request)

    def compute():
        return analysis.alignment(_analysis_docs(database, conflict), _kb(), conflict)

    return database.cached(("alignment", conflict.casefold()), compute)


@router.get("/api/commitments", summary="Alliance commitments to a party of a conflict", tags=["analyses"],
         responses={404: {"description": "Unknown conflict"}})
def api_commitments(request: Request, conflict: Annotated[str, Query(min_length=1, max_length=200)],
                    party: Annotated[str, Query(min_length=1, max_length=200,
                                                description="The party's id, name or alias (ARM, Armenia).")],
                    date: Annotated[str | None, Query(max_length=10, description="Treaties in force on this "
                                                      "date (default: the latest evidence).")] = None,
                    ) -> JSONResponse:
    """Who is bound to the party by a collective-defence treaty, and the stance each took."""
    _alignment(request, conflict)  # 404 for an unknown conflict
    database, kb = _db(request), _kb()
    date = query.check_date(date)
    party = resolve.actor(party, kb)  # 404 for an unknown actor

    def compute():
        return analysis.commitments(_analysis_docs(database, conflict), kb, conflict, party, date)

    meta, rows = database.cached(("commitments", conflict.casefold(), party, date), compute)
    return JSONResponse({**meta, "party_name": kb.actor_name(meta["party"]),
                         "summary": analysis.commitments_summary(meta, rows, kb),
                         "allies": [{**d, "observed_in_words": sides_style.position_in_words(
                                         d["observed"], kb.actor_name)}  # ("no stance observed" stays)
                                    for d in analysis.rows_as_dicts(rows)]})


# ------------------------------------------------------------------ search
@router.get("/api/search", summary="Search documents, actors and persons", tags=["search"])
def api_search(request: Request, store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=200)],
               limit: Limit = 20, offset: Offset = 0) -> JSONResponse:
    """Documents whose title or text holds `q` (case ignored), with a snippet around the first
    match; actors whose id or name holds it; persons whose name holds it."""
    needle = q.strip()
    if not needle:
        raise ApiError(422, "invalid_request", "q is empty")
    actors = _matching_actors(request, needle)
    persons = _fetch(store, """
        SELECT coalesce(kb_name, name) AS person, mode(coalesce(kb_role, role)) AS role,
               mode(affiliation) AS affiliation, count(DISTINCT doc_hash) AS articles
        FROM persons WHERE contains(lower(name), lower(?)) OR contains(lower(coalesce(kb_name, '')), lower(?))
        GROUP BY ALL ORDER BY articles DESC, person LIMIT 20""", [needle, needle])
    # One scan of the texts for the matches (ILIKE with the wildcards escaped: the words are
    # matched literally), then the snippets of this page's documents only.
    pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    found = [r[0] for r in store.con.execute(
        "SELECT hash FROM documents WHERE text ILIKE ? ESCAPE '\\' OR title ILIKE ? ESCAPE '\\' "
        "ORDER BY date DESC NULLS LAST, id, hash", [pattern, pattern]).fetchall()]
    page = found[offset:offset + limit]
    docs = _fetch(store, """
        WITH p AS (SELECT unnest(?::VARCHAR[]) AS hash, generate_subscripts(?::VARCHAR[], 1) AS k),
        d AS (SELECT d.*, strpos(lower(d.text), lower(?)) AS at FROM documents d JOIN p USING (hash))
        SELECT d.id, d.title, d.date, d.source, greatest(d.at - 1, 0) AS match_start,
               regexp_replace(substring(d.text, greatest(d.at - 100, 1), 240 + length(?)), '\\s+', ' ', 'g') AS snippet
        FROM d JOIN p USING (hash) ORDER BY p.k""", [page, page, needle, needle]) if page else []
    total = len(found)
    return JSONResponse({"q": needle, "actors": actors[:20], "persons": persons,
                         "documents": _page(docs, total, limit, offset)})


# ------------------------------------------------------------------ the app

def create_app(settings: Settings | None = None) -> FastAPI:
    """The FastAPI application over the store ``settings.db``."""
    settings = settings or Settings()
    if settings.allow_ingest and not settings.api_key:
        raise ValueError("allow_ingest needs an API key (--api-key or DETENTE_API_KEY)")
    database = Database(settings.db, writable=settings.allow_ingest)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        warm = threading.Thread(target=_warm, args=(database,), name="detente-warm", daemon=True)
        warm.start()
        yield
        warm.join(timeout=60)
        database.close()

    app = FastAPI(
        title="detente", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
        default_response_class=JSONResponse,
        description="Actors, quotes, CAMEO events, relations and stances coded from political news, "
                    "over a detente store. List answers are pages: `total`, `limit`, `offset`, `items`. "
                    "Errors are `{\"error\": {\"status\", \"code\", \"message\"}}`.")
    app.state.settings = settings
    app.state.db = database
    app.state.coding_lock = threading.Lock()  # one spaCy pipeline, used by one request at a time
    app.state.cache = ResponseCache(settings.cache_mb * 2**20)
    app.add_middleware(BodyLimit, limit=settings.max_body)
    app.add_middleware(CachedReads, cache=app.state.cache, database=database)
    app.add_middleware(SecurityHeaders)  # the outermost: on every answer, cached or not, a 500 too

    # ------------------------------------------------------------------ errors as JSON
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return _error(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(DetenteError)
    async def _detente_error(request: Request, exc: DetenteError):
        status = 404 if exc.code in _NOT_FOUND else 422 if exc.code in _AMBIGUOUS else 400
        return _error(status, exc.code, exc.problem)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else _STATUS_CODES.get(exc.status_code, "error")
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page or endpoint: {request.url.path}"
        return _error(exc.status_code, _STATUS_CODES.get(exc.status_code, "error"), message,
                      getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        details = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
                   for e in exc.errors()]
        where = "; ".join(f"{d['where']}: {d['problem']}" for d in details)
        return _error(422, "invalid_request", f"invalid request ({where})", details=details)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _internal_error()

    app.include_router(router)

    # ------------------------------------------------------------------ the dashboard
    index_html = (WEB / "index.html").read_bytes()
    docs_html = (WEB / "docs.html").read_bytes()

    def page() -> Response:
        return Response(index_html, media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-cache"})

    for path in PAGES:
        app.add_api_route(path, page, methods=["GET"], include_in_schema=False, response_class=Response)

    @app.get("/docs", include_in_schema=False)
    def docs_page() -> Response:
        """The OpenAPI documentation (Swagger UI, served from the package: no CDN)."""
        return Response(docs_html, media_type="text/html; charset=utf-8")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _warm(database: Database) -> None:
    """Read the whole-store aggregates once the server is up, so that the first visitors do not
    wait for them (requests that come meanwhile wait for this one computation)."""
    try:
        _kb()
        _all_actors(database)
        _analysis_base(database)
    except Exception:  # noqa: BLE001 - the requests that need them will compute (and report) it again
        log.warning("warming the store's aggregates failed", exc_info=True)


def _stored(doc_id: str, h: str, stored: bool) -> dict[str, Any]:
    from urllib.parse import quote

    return {"id": doc_id, "hash": h, "stored": stored, "api": f"/api/documents/{quote(doc_id, safe='')}",
            "page": f"/documents/{quote(doc_id, safe='')}"}


def _check_key(request: Request, settings: Settings) -> None:
    if not settings.allow_ingest:
        raise ApiError(403, "read_only", "this server is read-only: start it with --allow-ingest (and an API key) "
                                         "to store articles")
    given = request.headers.get("x-api-key")
    auth = request.headers.get("authorization") or ""
    if given is None and auth[:7].lower() == "bearer ":
        given = auth[7:].strip()
    if not given:
        raise ApiError(401, "unauthorized", "an API key is needed: send 'Authorization: Bearer KEY' or "
                                            "'X-API-Key: KEY'", headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.encode("utf-8"), (settings.api_key or "").encode("utf-8")):
        raise ApiError(403, "forbidden", "wrong API key")
