"""Reading: coded documents rebuilt from the rows of a store, equal to the documents that were
stored (``rebuild``; fields without a column of their own come back from ``extra``)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from ...model import CodedDocument
from .schema import DOCUMENT_TABLES


def _with_extra(item: dict[str, Any], extra: str | None) -> dict[str, Any]:
    if extra:
        item.update(json.loads(extra))
    return item


def _fetch(con, table: str, hashes: list[str]) -> dict[str, list[dict]]:
    key = "hash" if table == "documents" else "doc_hash"
    order = "" if table == "documents" else " ORDER BY doc_hash, " + ("list, seq" if table == "actors" else
                                                                     "actor_row, seq" if table == "mentions" else "seq")
    res = con.execute(f"SELECT * FROM {table} WHERE {key} IN (SELECT unnest(?)){order}", [hashes])
    cols = [c[0] for c in res.description]
    out: dict[str, list[dict]] = {}
    for row in res.fetchall():
        rec = dict(zip(cols, row))
        out.setdefault(rec[key], []).append(rec)
    return out


def rebuild(con, hashes: list[str]) -> Iterator[dict[str, Any]]:
    """The coded documents (JSON form, with text) of these hashes, in their order; one scan per table."""
    data = {t: _fetch(con, t, hashes) for t in DOCUMENT_TABLES}
    for h in hashes:
        doc = data["documents"][h][0]
        spans_of: dict[str, list[list[int]]] = {}
        for m in data["mentions"].get(h, []):
            spans_of.setdefault(m["actor_row"], []).append([m["start_char"], m["end_char"]])
        lists: dict[str, list] = {"actors": [], "organizations": []}
        for a in data["actors"].get(h, []):
            lists[a["list"]].append(_with_extra({
                "id": a["actor_id"], "type": a["type"], "name": a["name"],
                "spans": spans_of.get(a["row_id"], []), "sectors": list(a["sectors"] or [])}, a["extra"]))
        counted, uncounted = [], []
        for ev in data["event_mentions"].get(h, []):
            (counted if ev["counted"] else uncounted).append(_with_extra({
                "source": ev["source"], "target": ev["target"], "cameo": ev["cameo"], "text": ev["text"],
                "span": _pair(ev["start_char"], ev["end_char"]), "root": ev["root"], "base": ev["base"],
                "name": ev["name"], "goldstein": ev["goldstein"], "quad_class": ev["quad_class"],
                "plover_type": ev["plover_type"], "plover_mode": ev["plover_mode"], "date": ev["event_date"],
                "negated": ev["negated"], "hypothetical": ev["hypothetical"],
                "source_person": ev["source_person"], "target_person": ev["target_person"],
                "source_span": _pair(ev["source_start"], ev["source_end"]),
                "target_span": _pair(ev["target_start"], ev["target_end"]),
                "trigger": ev["trigger"], "trigger_span": _pair(ev["trigger_start"], ev["trigger_end"]),
                "pattern": ev["pattern"],
            }, ev["extra"]))
        d = _with_extra({
            "id": doc["id"], "date": doc["date"].isoformat() if doc["date"] else None, "url": doc["url"],
            "title": doc["title"], "source": doc["source"], "hash": h, "language": doc["language"],
            "reference_date": doc["reference_date"],
            "actors": lists["actors"], "organizations": lists["organizations"],
            "persons": [_with_extra({
                "name": p["name"], "role": p["role"], "affiliation": p["affiliation"],
                "affiliation_source": p["affiliation_source"], "kb_name": p["kb_name"], "kb_role": p["kb_role"],
                "spans": [list(s) for s in p["spans"] or []], "role_span": _pair(p["role_start"], p["role_end"]),
            }, p["extra"]) for p in data["persons"].get(h, [])],
            "quotes": [_with_extra({
                "text": q["text"], "speaker": q["speaker"], "direct": q["direct"],
                "speaker_type": q["speaker_type"], "speaker_actor": q["speaker_actor"], "cue": q["cue"],
                "span": _pair(q["start_char"], q["end_char"]), "spans": [list(s) for s in q["spans"] or []],
                "speaker_span": _pair(q["speaker_start"], q["speaker_end"]),
                "cue_span": _pair(q["cue_start"], q["cue_end"]),
            }, q["extra"]) for q in data["quotes"].get(h, [])],
            "events": counted, "uncounted_events": uncounted,
            "conflicts": [_with_extra({"name": c["name"], "parties": list(c["parties"] or []),
                                       "spans": [list(s) for s in c["spans"] or []]}, c["extra"])
                          for c in data["conflicts"].get(h, [])],
            "stances": [_with_extra({"actor": s["actor"], "issue": s["issue"], "position": s["position"],
                                     "confidence": s["confidence"], "evidence": json.loads(s["evidence"] or "[]")},
                                    s["extra"])
                        for s in data["stances"].get(h, [])],
            "text": doc["text"],
        }, doc["extra"])
        for table in ("relations", "kb_relations"):
            d[table] = [_with_extra({"source": r["source"], "type": r["type"], "target": r["target"],
                                     "stated": r["stated"], "text": r["text"],
                                     "span": _pair(r["start_char"], r["end_char"]), "cue": r["cue"]}, r["extra"])
                        for r in data[table].get(h, [])]
        d["schema_version"] = doc["model_schema"]
        yield _in_model_order(d)


@lru_cache(maxsize=1)
def _model_order() -> tuple[str, ...]:
    return tuple(CodedDocument(id="", date=None, text="").to_dict(include_text=True))


def _in_model_order(d: dict[str, Any]) -> dict[str, Any]:
    """The keys in the order ``CodedDocument.to_dict`` writes them (unknown keys after)."""
    out = {k: d[k] for k in _model_order() if k in d}
    out.update((k, v) for k, v in d.items() if k not in out)
    return out


def _pair(a: int | None, b: int | None) -> list[int] | None:
    return None if a is None or b is None else [a, b]
