"""``GET /api/search``: documents, actors and persons matching a text."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from ..database import StoreDep
from ..params import Limit, Offset
from ..reads import _fetch, _matching_actors
from ..responses import ApiError, JSONResponse, _page

router = APIRouter()


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
