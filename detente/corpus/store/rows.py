"""Writing: a coded document as the rows of the store's tables (``document_rows``, a pure function
of the document, so that any writer, the Spark job too, produces the same rows), an input error as
an ``errors`` row, and the insert of rows."""
from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from ...errors import DetenteError
from ...model import SCHEMA_VERSION as MODEL_SCHEMA_VERSION
from ...model import CodedDocument
from .schema import DOCUMENT_TABLES, Rows


def row_id(*parts: object) -> str:
    """A deterministic row id: the first 16 hex digits of sha1 over the parts joined by '|'."""
    return hashlib.sha1("|".join("" if p is None else str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def parse_date(value: Any) -> dt.date | None:
    """A stored DATE: an ISO date, or the first day of a year or month an event is dated by
    ("2008", "2008-05": the text named no day; the JSON form and ``event_date`` keep it so)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value)[:10]
    if len(text) in (4, 7) and text[:4].isdigit():
        text = (text + "-01-01")[:10] if len(text) == 4 else text + "-01"
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n+")


def sentence_starts(text: str) -> list[int]:
    """Sentence start offsets by punctuation (used when the parser's sentences are not at hand)."""
    starts = [0]
    for m in _SENTENCE_END.finditer(text):
        if m.end() < len(text):
            starts.append(m.end())
    return starts


def _lead_end(text: str, starts: Sequence[int]) -> int:
    """End of the lead: the first paragraph, or the first sentence of a one-paragraph text."""
    body = len(text) - len(text.lstrip())
    cut = text.find("\n", body)
    if cut == -1:
        later = [s for s in starts if s > body]
        cut = later[0] if later else len(text)
    return cut


def _span(span: Sequence[int] | None) -> tuple[int | None, int | None]:
    if span is None:
        return None, None
    return int(span[0]), int(span[1])


def _spans(spans: Iterable[Sequence[int]] | None) -> list[list[int]]:
    return [[int(s[0]), int(s[1])] for s in spans or []]


def _single_sector(actor: dict | None) -> str | None:
    sectors = (actor or {}).get("sectors") or []
    return sectors[0] if len(sectors) == 1 else None


# The keys of each item of the JSON form that have columns; any other key goes to ``extra``.
_KEYS = {
    "document": {"id", "date", "url", "title", "source", "hash", "language", "schema_version", "text",
                 "reference_date", "actors", "organizations", "persons", "quotes", "events", "uncounted_events",
                 "relations", "kb_relations", "conflicts", "stances", "explanations",
                 "stance_explanations"},
    "actors": {"id", "type", "name", "spans", "sectors"},
    "persons": {"name", "role", "affiliation", "affiliation_source", "kb_name", "kb_role", "spans", "role_span"},
    "quotes": {"text", "speaker", "direct", "speaker_type", "speaker_actor", "cue", "span", "spans",
               "speaker_span", "cue_span"},
    "events": {"source", "target", "cameo", "text", "span", "root", "base", "name", "goldstein", "quad_class",
               "plover_type", "plover_mode", "date", "negated", "hypothetical", "source_person", "target_person",
               "source_span", "target_span", "trigger", "trigger_span", "pattern"},
    "relations": {"source", "type", "target", "stated", "text", "span", "cue"},
    "conflicts": {"name", "parties", "spans"},
    "stances": {"actor", "issue", "position", "confidence", "evidence"},
}


def _extra(item: dict[str, Any], kind: str) -> str | None:
    rest = {k: v for k, v in item.items() if k not in _KEYS[kind]}
    return json.dumps(rest, ensure_ascii=False, sort_keys=True) if rest else None


def document_rows(doc: CodedDocument | dict[str, Any], origin: str | None = None,
                  sentences: Sequence[int] | None = None,
                  coded_at: dt.datetime | None = None) -> Rows:
    """Every row the store holds for one coded document, by table (columns in TABLES order).

    ``doc`` is a CodedDocument or its JSON form (``to_dict(include_text=True)``); ``sentences``
    are the parser's sentence start offsets (found by punctuation when not given)."""
    d = doc.to_dict(include_text=True) if isinstance(doc, CodedDocument) else doc
    text = d.get("text") or ""
    h = d.get("hash") or hashlib.sha256(text.encode("utf-8")).hexdigest()
    starts = list(sentences) if sentences is not None else sentence_starts(text)
    lead_end = _lead_end(text, starts)
    rows: Rows = {t: [] for t in DOCUMENT_TABLES}
    rows["documents"].append((
        h, d.get("id"), d.get("url"), d.get("title"), parse_date(d.get("date")), d.get("source"), text,
        d.get("language") or "en", origin, int(d.get("schema_version") or MODEL_SCHEMA_VERSION),
        d.get("reference_date"), starts, _extra(d, "document"), coded_at,
    ))
    actors_by_id: dict[str, dict] = {}
    for list_name in ("actors", "organizations"):
        for i, a in enumerate(d.get(list_name) or []):
            rid = row_id(h, "actors", list_name, i)
            actors_by_id.setdefault(a["id"], a)
            spans = _spans(a.get("spans"))
            rows["actors"].append((rid, h, i, list_name, a["id"], a.get("type"), a.get("name"),
                                   list(a.get("sectors") or []), len(spans), _extra(a, "actors")))
            for k, (s, e) in enumerate(spans):
                rows["mentions"].append((row_id(h, "mentions", list_name, i, k), h, rid, a["id"], a.get("type"),
                                         k, s, e, text[s:e]))
    for i, p in enumerate(d.get("persons") or []):
        spans = _spans(p.get("spans"))
        rs, re_ = _span(p.get("role_span"))
        rows["persons"].append((
            row_id(h, "persons", i), h, i, p.get("name"), p.get("role"), p.get("affiliation"),
            p.get("affiliation_source"), p.get("kb_name"), p.get("kb_role"), spans,
            spans[0][0] if spans else None, spans[0][1] if spans else None, rs, re_, _extra(p, "persons"),
        ))
    for i, q in enumerate(d.get("quotes") or []):
        s, e = _span(q.get("span"))
        ss, se = _span(q.get("speaker_span"))
        cs, ce = _span(q.get("cue_span"))
        rows["quotes"].append((
            row_id(h, "quotes", i), h, i, q.get("text"), q.get("speaker"), bool(q.get("direct", True)),
            q.get("speaker_type"), q.get("speaker_actor"), q.get("cue"), s, e, _spans(q.get("spans")),
            ss, se, cs, ce, _extra(q, "quotes"),
        ))
    doc_date = parse_date(d.get("date"))
    events = list(d.get("events") or []) + list(d.get("uncounted_events") or [])
    for i, ev in enumerate(events):
        s, e = _span(ev.get("span"))
        src_s, src_e = _span(ev.get("source_span"))
        tgt_s, tgt_e = _span(ev.get("target_span"))
        trg_s, trg_e = _span(ev.get("trigger_span"))
        cameo = str(ev.get("cameo") or "")
        base, root = ev.get("base") or cameo[:3], ev.get("root") or cameo[:2]
        extra = {k: v for k, v in ev.items() if k not in _KEYS["events"]}
        extra.update((k, ev[k]) for k, v in (("base", base), ("root", root)) if k in ev and ev[k] != v)
        negated, hypothetical = bool(ev.get("negated")), bool(ev.get("hypothetical"))
        anchor = s if s is not None else (trg_s or 0)
        rows["event_mentions"].append((
            row_id(h, "event_mentions", i), h, i, None, ev.get("source"), ev.get("target"), cameo,
            base, root, ev.get("name"),
            None if ev.get("goldstein") is None else float(ev["goldstein"]), ev.get("quad_class"),
            ev.get("plover_type"), ev.get("plover_mode"), ev.get("date"), parse_date(ev.get("date")) or doc_date,
            negated, hypothetical, not (negated or hypothetical),
            ev.get("source_person"), ev.get("target_person"),
            _single_sector(actors_by_id.get(ev.get("source"))), _single_sector(actors_by_id.get(ev.get("target"))),
            ev.get("text"), s, e, src_s, src_e, tgt_s, tgt_e, ev.get("trigger"), trg_s, trg_e, ev.get("pattern"),
            bisect.bisect_right(starts, anchor), anchor < lead_end,
            json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None,
        ))
    for table in ("relations", "kb_relations"):
        for i, r in enumerate(d.get(table) or []):
            s, e = _span(r.get("span"))
            rows[table].append((row_id(h, table, i), h, i, r.get("source"), r.get("type"), r.get("target"),
                                bool(r.get("stated", True)), r.get("text"), r.get("cue"), s, e,
                                _extra(r, "relations")))
    for i, c in enumerate(d.get("conflicts") or []):
        rows["conflicts"].append((row_id(h, "conflicts", i), h, i, c.get("name"), list(c.get("parties") or []),
                                  _spans(c.get("spans")), _extra(c, "conflicts")))
    for i, st in enumerate(d.get("stances") or []):
        rows["stances"].append((row_id(h, "stances", i), h, i, st.get("actor"), st.get("issue"), st.get("position"),
                                float(st.get("confidence", 0.5)),
                                json.dumps(st.get("evidence") or [], ensure_ascii=False, sort_keys=True),
                                _extra(st, "stances")))
    return rows


def error_row(err: DetenteError | dict[str, Any], now: dt.datetime | None = None) -> tuple:
    """An ``errors`` row for a DetenteError (or a dict with origin, line, code, message)."""
    if isinstance(err, DetenteError):
        origin, line = err.where, err.details.get("line")
        m = re.match(r"^(.*\S):(\d+)$", origin or "")
        if line is None and m and "://" not in origin:
            origin, line = m.group(1), int(m.group(2))
        info = {"origin": origin, "line": line, "code": err.code, "message": err.problem}
    else:
        info = err
    now = now or utcnow()
    info = {**info, "origin": _storable(info.get("origin")), "message": _storable(info.get("message"))}
    line = info.get("line")
    line = int(line) if isinstance(line, (int, str)) and str(line).isdigit() else None
    eid = row_id("error", info.get("origin"), line, info.get("code"), info.get("message"))
    return (eid, info.get("origin"), line, info.get("code"), info.get("message"), now, now, 1)


def _storable(value: Any) -> Any:
    """A string DuckDB can hold: a file name read with surrogate escapes (undecodable bytes) keeps
    them as visible \\udcXX escapes instead of failing the whole batch of errors."""
    if isinstance(value, str) and not value.isascii():
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _insert_rows(con, table: str, rows: list[tuple]) -> None:
    """Append rows (tuples in the table's column order) with DuckDB's appender, inside the
    connection's current transaction. (Faster than inserting an Arrow table, which also makes
    DuckDB import pandas.)"""
    appender = con.appender(table)
    appender.append_rows(rows)
    appender.flush()
