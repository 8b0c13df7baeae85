"""``GET /api/actors`` and ``/api/actors/{id}``: the actors, one with its activity and partners."""
from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam

from ...analysis import sides as sides_style
from ...corpus import query
from ..database import StoreDep
from ..params import Limit, Offset
from ..reads import _cameo_name, _fetch, _kb, _matching_actors, _stored_actor, _with_evidence
from ..responses import JSONResponse, _page
from ..settings import MAX_LIMIT

router = APIRouter()


# What the actor page charts as "meets, praises, accuses, fights": CAMEO roots (names from the
# knowledge base's cameo.tsv: 04 Consult, 05 Engage in diplomatic cooperation, 11 Disapprove,
# 18 Assault, 19 Fight, 20 Use unconventional mass violence).
ACTIVITIES: dict[str, tuple[str, ...]] = {
    "meets": ("04",),
    "praises": ("05",),
    "accuses": ("11",),
    "fights": ("18", "19", "20"),
}


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
