"""Pure ASGI middleware: the request body limit (413), security headers on every answer, and
the cache of successful ``GET /api`` answers kept until the store changes."""
from __future__ import annotations

import threading
from collections import OrderedDict

from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from .database import Database
from .responses import _error, _internal_error
from .settings import log


# Pages and API answers may load only what this server serves.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


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
