"""``GET /api/documents`` and ``/api/documents/{id}``: stored documents, one with its text."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam

from ... import dates
from ...corpus import query
from ..database import StoreDep, _db
from ..params import ActorParam, DateFrom, DateTo, Limit, Offset
from ..reads import _document_hash, _fetch, _scalar
from ..responses import ApiError, JSONResponse, _page

router = APIRouter()


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
    doc = _db(request).documents.get(h)
    if doc.get("date"):  # the page shows it as the command line does: "2016-04-04 (from the text)"
        doc = {**doc, "date_in_words": dates.dated(doc["date"], doc.get("date_source"))}
    return JSONResponse(doc)
