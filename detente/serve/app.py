"""The REST API and the web dashboard over a store (FastAPI).

    >>> from detente.serve.app import Settings, create_app
    >>> app = create_app(Settings(db="detente.duckdb"))     # what `detente serve` runs with uvicorn

Every dashboard page at ``PATH`` is drawn in the browser (``serve/web/static/app.js``) from the JSON
of ``/api/PATH`` with the same query string (Datasette's rule: what a page shows is also JSON
at a URL of the same shape): ``/actors/BLR`` shows ``/api/actors/BLR``, ``/alignment?conflict=X``
shows ``/api/alignment?conflict=X``.

Safety rules (kept by the modules of ``serve/``):
  * the store is opened read-only unless ``allow_ingest``; then ``POST /api/documents`` needs
    the API key (``Authorization: Bearer KEY`` or ``X-API-Key: KEY``), compared in constant time;
  * user values reach SQL only as bound parameters (the ready questions of ``query`` and the
    few statements of ``reads.py`` and ``routes/``);
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

import threading
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import DetenteError
from .database import Database
from .middleware import BodyLimit, CachedReads, ResponseCache, SecurityHeaders
from .reads import _all_actors, _analysis_base, _kb
from .responses import ApiError, JSONResponse, _AMBIGUOUS, _NOT_FOUND, _STATUS_CODES, _error, _internal_error
from .routes import actors, analyses, coding, documents, events, index, quotes, search
from .settings import STATIC, Settings, WEB, log

# Pages of the dashboard; each is backed by /api + the same path.
PAGES = ["/", "/documents", "/documents/{doc_id:path}", "/actors", "/actors/{actor_id}", "/events", "/dyads",
         "/alignment", "/commitments", "/quotes", "/search", "/code"]


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

    for routes in (index, coding, documents, actors, events, quotes, analyses, search):
        app.include_router(routes.router)

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
