"""Ready questions over a store, and read-only SQL.

Each function takes an open ``Store`` and returns a ``Result`` (title, columns, rows) that
the command line prints as a table or as JSON. User values always travel as bound
parameters, never inside the SQL text.

    >>> with Store("detente.duckdb", read_only=True) as s:
    ...     dyad(s, "RUS", "UKR", by="month").rows[0]
    ('2022-02', 'RUS', 'UKR', 14, 0, 1, 3, 10, -71.5)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..dates import parse_date
from ..errors import DetenteError
from .store import Store


@dataclass
class Result:
    title: str
    columns: list[str]
    rows: list[tuple]
    sections: list[Result] = field(default_factory=list)  # further tables (``actor``)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]

    def to_json(self) -> Any:
        if not self.sections:
            return self.records()
        out: dict[str, Any] = {self.title: self.records()}
        for s in self.sections:
            out[s.title] = s.records()
        return out


def _run(store: Store, title: str, sql: str, params: list[Any] | None = None) -> Result:
    res = store.con.execute(sql, params or [])
    return Result(title, [c[0] for c in res.description], res.fetchall())


def check_date(value: str | None) -> str | None:
    """A query's date bound, read like an article's date (``dates.parse_date``: "2016-04-08",
    "2016-04-08T10:00:00Z", "April 8, 2016" ...)."""
    if value is None:
        return None
    try:
        return parse_date(value)
    except DetenteError:
        raise DetenteError("E022", value=value) from None


# ------------------------------------------------------------------ actors

def actors(store: Store, limit: int | None = None) -> Result:
    """Every actor: how many articles name it, how often, and in how many events it takes part."""
    sql = """
        WITH named AS (
            SELECT actor_id, any_value(type) AS type, mode(name) AS name, count(DISTINCT doc_hash) AS articles,
                   sum(n_mentions) AS mentions
            FROM actors GROUP BY actor_id),
        acting AS (
            SELECT actor_id, sum(as_source) AS as_source, sum(as_target) AS as_target FROM (
                SELECT source AS actor_id, count(*) AS as_source, 0 AS as_target FROM events GROUP BY source
                UNION ALL
                SELECT target, 0, count(*) FROM events GROUP BY target) GROUP BY actor_id)
        SELECT n.actor_id AS actor, n.type, n.name, n.articles, n.mentions,
               coalesce(a.as_source, 0)::INTEGER AS events_as_source,
               coalesce(a.as_target, 0)::INTEGER AS events_as_target
        FROM named n LEFT JOIN acting a ON a.actor_id = n.actor_id
        ORDER BY n.articles DESC, n.mentions DESC, n.actor_id"""
    params: list[Any] = []
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return _run(store, "Actors", sql, params)


def actor_id(store: Store, name: str) -> str:
    """The actor id a user's id, name or alias stands for (``resolve.actor``: the knowledge base's
    names, then the store's own actors); E037 when nothing is known by that name."""
    from . import resolve

    return resolve.actor(name, store=store)


def actor(store: Store, name: str, limit: int = 20) -> Result:
    """One actor (id or name): summary, its events by partner and code, its people, their quotes."""
    aid = actor_id(store, name)
    summary = _run(store, f"Actor {aid}", """
        SELECT a.actor_id AS actor, any_value(a.type) AS type, mode(a.name) AS name,
               count(DISTINCT a.doc_hash) AS articles, sum(a.n_mentions) AS mentions,
               min(d.date) AS first_date, max(d.date) AS last_date
        FROM actors a JOIN documents d ON d.hash = a.doc_hash
        WHERE a.actor_id = ? GROUP BY a.actor_id""", [aid])
    events = _run(store, "Events", """
        SELECT CASE WHEN source = ? THEN 'to' ELSE 'from' END AS direction,
               CASE WHEN source = ? THEN target ELSE source END AS partner,
               cameo, any_value(name) AS name, count(*) AS events, sum(num_articles) AS articles,
               round(sum(goldstein), 2) AS goldstein, min(first_date) AS first_date, max(first_date) AS last_date
        FROM events WHERE source = ? OR target = ?
        GROUP BY ALL ORDER BY events DESC, direction, partner, cameo LIMIT ?""",
                  [aid, aid, aid, aid, limit])
    persons = _run(store, "Persons", """
        SELECT coalesce(kb_name, name) AS person, mode(coalesce(kb_role, role)) AS role,
               count(DISTINCT doc_hash) AS articles
        FROM persons WHERE affiliation = ?
        GROUP BY ALL ORDER BY articles DESC, person LIMIT ?""", [aid, limit])
    quotes = _run(store, "Quotes", """
        SELECT d.date, q.speaker, q.cue, q.text, d.id AS document
        FROM quotes q JOIN documents d ON d.hash = q.doc_hash
        WHERE q.speaker_actor = ?
        ORDER BY d.date DESC NULLS LAST, d.id, q.seq LIMIT ?""", [aid, limit])
    summary.sections = [events, persons, quotes]
    return summary


# ------------------------------------------------------------------ conflicts

def conflicts(store: Store, limit: int | None = None) -> Result:
    """The conflicts stances were taken on: knowledge-base conflicts (one row per id, with the
    knowledge base's name and dates, whatever the articles called them) and conflicts an article
    names as such, with how many actors took a stance and in how many articles. Disputes the coder
    only inferred from events ("United States – Sudan: employ aerial weapons") that are part of no
    known conflict are not conflicts and are left out."""
    from . import resolve

    rows = store.con.execute("""
        WITH s AS (
            SELECT doc_hash, actor, issue, json_extract_string(extra, '$.conflict_id') AS cid FROM stances),
        named AS (SELECT DISTINCT doc_hash, name FROM conflicts)
        SELECT s.cid, mode(s.issue) AS issue, count(DISTINCT s.actor) AS actors,
               count(DISTINCT s.doc_hash) AS articles
        FROM s LEFT JOIN named n ON n.doc_hash = s.doc_hash AND n.name = s.issue
        WHERE s.cid IS NOT NULL OR n.name IS NOT NULL
        GROUP BY s.cid, CASE WHEN s.cid IS NULL THEN s.issue END
        ORDER BY articles DESC, actors DESC, issue""").fetchall()
    out = []
    for cid, issue, actors, articles in rows:
        entry = resolve.kb_conflict(cid) if cid else None
        if entry is not None and entry["id"] == cid:
            out.append((entry["name"], cid, str(entry.get("start") or "") or None, str(entry.get("end") or "") or None,
                        actors, articles))
        else:  # named by an article (or an id this knowledge base no longer has)
            out.append((issue, cid, None, None, actors, articles))
    return Result("Conflicts", ["conflict", "id", "start", "end", "actors", "articles"], out[:limit or None])


# ------------------------------------------------------------------ dyads

PERIODS = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m", "year": "%Y"}


def dyad(store: Store, a: str, b: str, by: str = "month", date_from: str | None = None,
         date_to: str | None = None) -> Result:
    """Events between two actors, both directions, per period: counts by QuadClass and the
    Goldstein sum (de-duplicated events; undated events under "undated")."""
    if by not in PERIODS:
        raise DetenteError("E027", value=by)
    a_id, b_id = actor_id(store, a), actor_id(store, b)
    return _run(store, f"{a_id} – {b_id} by {by}", """
        SELECT coalesce(strftime(first_date, ?), 'undated') AS period, source, target,
               count(*) AS events,
               count(*) FILTER (WHERE quad_class = 1) AS q1_verb_coop,
               count(*) FILTER (WHERE quad_class = 2) AS q2_mat_coop,
               count(*) FILTER (WHERE quad_class = 3) AS q3_verb_confl,
               count(*) FILTER (WHERE quad_class = 4) AS q4_mat_confl,
               round(coalesce(sum(goldstein), 0), 2) AS goldstein,
               sum(num_mentions) AS reports
        FROM events
        WHERE ((source = ? AND target = ?) OR (source = ? AND target = ?))
          AND (?::DATE IS NULL OR first_date >= ?::DATE) AND (?::DATE IS NULL OR first_date <= ?::DATE)
        GROUP BY ALL ORDER BY period, source, target""",
                [PERIODS[by], a_id, b_id, b_id, a_id, check_date(date_from), check_date(date_from),
                 check_date(date_to), check_date(date_to)])


# ------------------------------------------------------------------ quotes

def register_fold(store: Store) -> bool:
    """Register ``detente_fold``, the knowledge base's name folding that ``quotes`` matches speakers
    with, on the store's connection: a vectorised function with a cache of folded names (the same
    folding, several times faster than one Python call per row). Returns False when nothing was
    registered: the store has it already, or another connection of this process to the same file
    registered it (DuckDB shares one database, and its functions, between them)."""
    from functools import lru_cache

    import duckdb
    import pyarrow as pa

    from ..kb import fold

    if getattr(store, "_fold_registered", False):
        return False
    cached = lru_cache(maxsize=1 << 16)(fold)

    def detente_fold(values):  # a pyarrow array of strings in, one out
        return pa.array([None if v is None else cached(v) for v in values.to_pylist()], type=pa.string())

    store._fold_registered = True
    try:
        store.con.create_function("detente_fold", detente_fold, ["VARCHAR"], "VARCHAR", type="arrow",
                                  null_handling="special")
    except duckdb.CatalogException:
        return False
    return True


def quotes(store: Store, speaker: str | None = None, actor: str | None = None, limit: int = 100) -> Result:
    """Quotes, optionally by speaker: every word given must be a word of the speaker's name
    (as written, or the knowledge base's full name), ignoring case and accents."""
    from ..kb import fold

    register_fold(store)
    words = fold(speaker).split() if speaker else []
    if speaker is not None and not words:  # ";" or "" would keep every quote: say so instead
        raise DetenteError("E049", value=speaker)
    aid = actor_id(store, actor) if actor else None
    return _run(store, "Quotes", """
        WITH named AS (
            SELECT q.*, p.kb_name FROM quotes q
            LEFT JOIN persons p ON p.doc_hash = q.doc_hash AND p.name = q.speaker)
        SELECT d.date, n.speaker, n.speaker_actor AS actor, n.cue, n.direct, n.text, d.id AS document,
               n.start_char, n.end_char
        FROM named n JOIN documents d ON d.hash = n.doc_hash
        WHERE (len(?::VARCHAR[]) = 0
               OR list_has_all(string_split(detente_fold(n.speaker), ' '), ?::VARCHAR[])
               OR list_has_all(string_split(coalesce(detente_fold(n.kb_name), ''), ' '), ?::VARCHAR[]))
          AND (?::VARCHAR IS NULL OR n.speaker_actor = ?)
        ORDER BY d.date NULLS LAST, d.id, n.seq LIMIT ?""", [words, words, words, aid, aid, limit])


def quote_nesting(quotes: list[dict[str, Any]]) -> list[int | None]:
    """For each quote (a dict with document, start_char, end_char), the index of the quote of the
    same list it lies within, or None: a phrase quoted inside a quoted or reported sentence
    ("farce" in: Kyiv called the referendum a "farce") is part of that one. The rule is the
    dashboard's (``nestedQuotes`` in serve/web/static/app.js), so both show a quote once: the
    inner one starts inside the outer one and lies at least 80% within it (it may take the full
    stop the outer one leaves out); the smallest such quote holds it; of two with the same span
    the first holds the second."""
    def span(q: dict[str, Any]) -> tuple[int, int] | None:
        s, e = q.get("start_char"), q.get("end_char")
        return None if s is None or e is None else (s, e)

    def holds(o: int, i: int) -> bool:
        so, si = span(quotes[o]), span(quotes[i])
        if so is None or si is None or quotes[o].get("document") != quotes[i].get("document"):
            return False
        within = min(so[1], si[1]) - si[0]
        size_o, size_i = so[1] - so[0], si[1] - si[0]
        return so[0] <= si[0] < so[1] and within >= 0.8 * size_i and (size_o > size_i or o < i)

    parents: list[int | None] = []
    for i in range(len(quotes)):
        holders = [o for o in range(len(quotes)) if o != i and holds(o, i)]
        parents.append(min(holders, key=lambda o: span(quotes[o])[1] - span(quotes[o])[0]) if holders else None)
    return parents


def with_nesting(result: Result) -> Result:
    """``quotes``' result with a ``within`` column: the span [start_char, end_char] of the quote
    (of the same document, among these rows) that each one lies within, else None."""
    records = result.records()
    parents = quote_nesting(records)
    rows = [(*row, None if p is None else [records[p]["start_char"], records[p]["end_char"]])
            for row, p in zip(result.rows, parents)]
    return Result(result.title, [*result.columns, "within"], rows, result.sections)


# ------------------------------------------------------------------ events

def events(store: Store, code: str | None = None, date_from: str | None = None, date_to: str | None = None,
           source: str | None = None, target: str | None = None, limit: int = 100) -> Result:
    """De-duplicated events, filtered by CAMEO code prefix ("19" = all fighting), first date and actors."""
    src = actor_id(store, source) if source else None
    tgt = actor_id(store, target) if target else None
    return _run(store, "Events", """
        SELECT first_date AS date, source, target, cameo, name, quad_class AS quad, goldstein,
               num_mentions AS mentions, num_sources AS sources, num_articles AS articles, source_url AS url,
               event_id
        FROM events
        WHERE (?::VARCHAR IS NULL OR starts_with(cameo, ?))
          AND (?::DATE IS NULL OR first_date >= ?::DATE) AND (?::DATE IS NULL OR first_date <= ?::DATE)
          AND (?::VARCHAR IS NULL OR source = ?) AND (?::VARCHAR IS NULL OR target = ?)
        ORDER BY first_date NULLS LAST, source, target, cameo, event_id LIMIT ?""",
                [code, code, check_date(date_from), check_date(date_from), check_date(date_to), check_date(date_to),
                 src, src, tgt, tgt, limit])


# ------------------------------------------------------------------ read-only SQL

_PRAGMA_OK = re.compile(r"^\s*pragma\s+table_info\s*\(", re.IGNORECASE)


def check_read_only(store: Store, text: str) -> None:
    """Refuse anything but one SELECT / WITH / DESCRIBE / SHOW / EXPLAIN / PRAGMA table_info."""
    import duckdb

    try:
        statements = store.con.extract_statements(text)
    except duckdb.Error as exc:
        raise DetenteError("E018", detail=str(exc).splitlines()[0]) from None
    if len(statements) != 1:
        raise DetenteError("E019")
    st = statements[0]
    kind = st.type
    ok = kind in (duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN) or (
        kind == duckdb.StatementType.PRAGMA and _PRAGMA_OK.match(st.query))
    if not ok:
        raise DetenteError("E019")


def sql(store: Store, text: str) -> Result:
    """Run one read-only statement (the store should be opened read-only as well)."""
    import duckdb

    check_read_only(store, text)
    try:
        return _run(store, "Result", text)
    except duckdb.Error as exc:
        raise DetenteError("E018", detail=str(exc).splitlines()[0]) from None
