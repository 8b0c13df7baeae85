"""``POST /api/code`` (code a text, store nothing) and ``POST /api/documents`` (code and store
an article: needs ``--allow-ingest`` and the API key)."""
from __future__ import annotations

import dataclasses
import hmac
from typing import Any

from fastapi import APIRouter, Request

from ..database import _db
from ..params import ArticleIn, _article, _settings
from ..reads import _scalar
from ..responses import ApiError, JSONResponse
from ..settings import Settings, log

router = APIRouter()


@router.post("/api/code", summary="Code a text (nothing is stored)", tags=["coding"])
def api_code(request: Request, body: ArticleIn) -> JSONResponse:
    """The coded document of the text: actors, persons, quotes, events, relations, stances,
    each with the character spans of its evidence. Nothing is stored."""
    from ...coding.pipeline import code_articles

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
    from ...corpus.ingest import code_batch

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
