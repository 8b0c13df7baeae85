"""``GET /api/conflicts``, ``/api/alignment`` and ``/api/commitments``: the analyses over the store."""
from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from ...analysis import analyses
from ...analysis import sides as sides_style
from ...corpus import query, resolve
from ...corpus.store import Store
from ..database import StoreDep, _db
from ..reads import _analysis_docs, _kb
from ..responses import JSONResponse, _page

router = APIRouter()


@router.get("/api/conflicts", summary="Conflicts the knowledge base knows", tags=["analyses"])
def api_conflicts() -> JSONResponse:
    kb = _kb()
    items = [{"id": c["id"], "name": c["name"], "kind": c.get("kind"), "sides": c.get("sides") or [],
              "start": str(c.get("start") or "") or None, "end": str(c.get("end") or "") or None}
             for c in kb.conflicts]
    return JSONResponse(_page(items, len(items), len(items), 0))


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
        d["group"] = analyses._order(r.position, sides)  # 0 leans to the first side, 1 neutral, 2 the other
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
        return analyses.alignment(_analysis_docs(database, conflict), _kb(), conflict)

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
        return analyses.commitments(_analysis_docs(database, conflict), kb, conflict, party, date)

    meta, rows = database.cached(("commitments", conflict.casefold(), party, date), compute)
    return JSONResponse({**meta, "party_name": kb.actor_name(meta["party"]),
                         "summary": analyses.commitments_summary(meta, rows, kb),
                         "allies": [{**d, "observed_in_words": sides_style.position_in_words(
                                         d["observed"], kb.actor_name)}  # ("no stance observed" stays)
                                    for d in analyses.rows_as_dicts(rows)]})
