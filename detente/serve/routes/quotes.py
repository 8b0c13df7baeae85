"""``GET /api/quotes``: quotations with their speakers."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ...corpus import query
from ..database import StoreDep
from ..params import ActorParam, Limit, Offset
from ..reads import _paged_question
from ..responses import JSONResponse

router = APIRouter()


@router.get("/api/quotes", summary="Quotations with their speakers", tags=["quotes"])
def api_quotes(store: StoreDep,
               speaker: Annotated[str | None, Query(max_length=200, description="Name or surname (case and "
                                                                               "accents ignored).")] = None,
               actor: ActorParam = None, limit: Limit = 100, offset: Offset = 0) -> JSONResponse:
    speaker = speaker if speaker and speaker.strip() else None  # a form's empty field: no filter
    page = _paged_question(store, query.quotes, limit, offset, speaker=speaker, actor=actor)
    items = page["items"]
    for item, p in zip(items, query.quote_nesting(items)):  # as `detente query quotes --json`
        item["within"] = None if p is None else [items[p]["start_char"], items[p]["end_char"]]
    return JSONResponse(page)
