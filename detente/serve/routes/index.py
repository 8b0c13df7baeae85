"""``GET /api``: what the store holds."""
from __future__ import annotations

from fastapi import APIRouter, Request

from ... import __version__
from ...corpus import query
from ..database import StoreDep, _db
from ..params import _settings
from ..reads import _all_actors, _fetch, _scalar
from ..responses import JSONResponse

router = APIRouter()


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
