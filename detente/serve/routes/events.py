"""``GET /api/events`` (de-duplicated events) and ``/api/dyads`` (two actors over time)."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...corpus import query
from ..database import StoreDep
from ..params import ActorParam, DateFrom, DateTo, Limit, Offset
from ..reads import _kb, _paged_question, _stored_actor, _with_evidence
from ..responses import JSONResponse

router = APIRouter()


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
