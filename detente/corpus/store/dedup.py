"""De-duplication of events: counted reports with the same source, target and CAMEO base code
within the window of the event's first report are one event (``cluster``); ``_recluster``
re-forms the ``events`` rows that new reports touch (or all of them)."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from urllib.parse import urlparse

from .rows import _insert_rows, row_id
from .schema import TABLES


_EM = {name: i for i, (name, _) in enumerate(TABLES["event_mentions"])}


_REPORT_COLUMNS = ("m.mention_id, m.doc_hash, m.source, m.target, m.base, m.cameo, m.name, m.goldstein, "
                   "m.quad_class, m.date, m.in_lead, m.source_sector, m.target_sector, "
                   "d.source AS outlet, d.url, d.id AS doc_id, m.event_id")


def _recluster(con, window_days: int, reports: list[tuple] | None) -> None:
    """Re-form the events touched by new counted reports (``event_mentions`` rows), or all
    events when ``reports`` is None. Runs inside the caller's transaction."""
    if reports is None:
        con.execute("DELETE FROM events")
        con.execute("UPDATE event_mentions SET event_id = NULL WHERE event_id IS NOT NULL")
        dated = con.execute(
            f"SELECT {_REPORT_COLUMNS} FROM event_mentions m JOIN documents d ON d.hash = m.doc_hash "
            "WHERE m.counted ORDER BY m.source, m.target, m.base, m.date NULLS LAST, m.mention_id").fetchall()
        groups = _group(dated)
    else:
        # Keys with dates: re-form from the last event that starts on or before the earliest new
        # report (earlier events cannot change); undated reports only join their own article's.
        earliest: dict[tuple, dt.date] = {}
        undated: set[tuple] = set()
        for r in reports:
            key = (r[_EM["source"]], r[_EM["target"]], r[_EM["base"]])
            date = r[_EM["date"]]
            if date is None:
                undated.add((*key, r[_EM["doc_hash"]]))
            elif key not in earliest or date < earliest[key]:
                earliest[key] = date
        groups: dict[tuple, list[tuple]] = {}
        if earliest:
            con.execute("CREATE OR REPLACE TEMP TABLE _keys (source VARCHAR, target VARCHAR, base VARCHAR, "
                        "earliest DATE)")
            con.executemany("INSERT INTO _keys VALUES (?, ?, ?, ?)", [[*k, v] for k, v in earliest.items()])
            con.execute("""
                CREATE OR REPLACE TEMP TABLE _restart AS
                SELECT k.source, k.target, k.base,
                       coalesce(max(e.first_date) FILTER (WHERE e.first_date <= k.earliest), k.earliest) AS since
                FROM _keys k LEFT JOIN events e
                  ON e.source IS NOT DISTINCT FROM k.source AND e.target IS NOT DISTINCT FROM k.target
                 AND e.base = k.base AND e.first_date IS NOT NULL
                GROUP BY k.source, k.target, k.base, k.earliest""")
            con.execute("""
                DELETE FROM events e USING _restart r
                WHERE e.source IS NOT DISTINCT FROM r.source AND e.target IS NOT DISTINCT FROM r.target
                  AND e.base = r.base AND e.first_date >= r.since""")
            rows = con.execute(f"""
                SELECT {_REPORT_COLUMNS} FROM event_mentions m
                JOIN _restart r ON m.source IS NOT DISTINCT FROM r.source
                 AND m.target IS NOT DISTINCT FROM r.target AND m.base = r.base AND m.date >= r.since
                JOIN documents d ON d.hash = m.doc_hash
                WHERE m.counted
                ORDER BY m.source, m.target, m.base, m.date, m.mention_id""").fetchall()
            groups.update(_group(rows))
            con.execute("DROP TABLE _keys")
            con.execute("DROP TABLE _restart")
        if undated:
            con.execute("CREATE OR REPLACE TEMP TABLE _undated (source VARCHAR, target VARCHAR, base VARCHAR, "
                        "doc_hash VARCHAR)")
            con.executemany("INSERT INTO _undated VALUES (?, ?, ?, ?)", [list(k) for k in sorted(undated)])
            rows = con.execute(f"""
                SELECT {_REPORT_COLUMNS} FROM event_mentions m
                JOIN _undated u ON m.source IS NOT DISTINCT FROM u.source
                 AND m.target IS NOT DISTINCT FROM u.target AND m.base = u.base AND m.doc_hash = u.doc_hash
                JOIN documents d ON d.hash = m.doc_hash
                WHERE m.counted AND m.date IS NULL
                ORDER BY m.source, m.target, m.base, m.mention_id""").fetchall()
            groups.update(_group(rows))
            con.execute("DROP TABLE _undated")
    events, links = [], []
    for group in groups.values():
        for members in cluster(group, window_days):
            ev = _event(members)
            events.append(ev)
            links.extend((r[0], ev[0]) for r in members if r[16] != ev[0])  # only links that change
    if events:
        _insert_rows(con, "events", events)
    if links:
        con.execute("CREATE OR REPLACE TEMP TABLE _links (mention_id VARCHAR, event_id VARCHAR)")
        _insert_rows(con, "_links", links)
        con.execute("UPDATE event_mentions SET event_id = l.event_id FROM _links l "
                    "WHERE event_mentions.mention_id = l.mention_id "
                    "AND event_mentions.event_id IS DISTINCT FROM l.event_id")  # most links do not change
        con.execute("DROP TABLE _links")


# The fields of a report, as _REPORT_COLUMNS selects them (the Spark job builds the same tuples).
REPORT_FIELDS = [c.split(" AS ")[-1].removeprefix("m.").removeprefix("d.") for c in _REPORT_COLUMNS.split(", ")]


def report_key(r: tuple) -> tuple:
    """The reports that may be one event: same (source, target, base), and for undated ones
    the same article too."""
    return (r[2], r[3], r[4]) if r[9] is not None else (r[2], r[3], r[4], r[1])


def report_order(r: tuple) -> tuple:
    """Reports in date order, undated last, then by mention id."""
    return (r[9] is None, r[9] or dt.date.min, r[0])


def form_events(reports: Iterable[tuple], window_days: int) -> Iterator[tuple[tuple, list[str]]]:
    """The events of one key's reports (any order): each events row with its reports' mention ids."""
    for members in cluster(sorted(reports, key=report_order), window_days):
        yield _event(members), [r[0] for r in members]


def _group(rows: list[tuple]) -> dict[tuple, list[tuple]]:
    """Reports by ``report_key``."""
    groups: dict[tuple, list[tuple]] = {}
    for r in rows:
        groups.setdefault(report_key(r), []).append(r)
    return groups


def cluster(reports: list[tuple], window_days: int) -> Iterator[list[tuple]]:
    """Split one key's reports, sorted by (date, mention id), into events: a report joins the
    current event when its date is at most ``window_days`` after the event's first date."""
    current: list[tuple] = []
    first: dt.date | None = None
    for r in reports:
        date = r[9]
        if current and (date is None or first is None or (date - first).days <= window_days):
            current.append(r)
            continue
        if current:
            yield current
        current, first = [r], date
    if current:
        yield current


def _outlet(outlet: str | None, url: str | None, doc_hash: str) -> str:
    if outlet:
        return outlet.strip().lower()
    if url:
        host = urlparse(url).netloc.lower()
        if host:
            return host.removeprefix("www.")
    return "doc:" + doc_hash


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


def _event(reports: list[tuple]) -> tuple:
    """The events row for one cluster of reports (columns as in TABLES["events"])."""
    first = reports[0]
    source, target, base = first[2], first[3], first[4]
    event_id = row_id("event", source, target, base, first[0])
    global_id = int(event_id, 16) >> 1  # 63 bits: a positive BIGINT
    cameo = _most_common(r[5] for r in reports) or base
    model = next(r for r in reports if r[5] == cameo) if any(r[5] == cameo for r in reports) else first
    dates = [r[9] for r in reports if r[9] is not None]
    url = next((r[14] for r in reports if r[14]), None) or first[15]
    return (
        event_id, global_id, source, target, cameo, base, cameo[:2], model[6], model[8], model[7],
        min(dates) if dates else None, max(dates) if dates else None,
        len(reports), len({_outlet(r[13], r[14], r[1]) for r in reports}), len({r[1] for r in reports}),
        url, first[0], first[1], any(bool(r[10]) for r in reports),
        _most_common(r[11] for r in reports), _most_common(r[12] for r in reports),
    )


def _first(rows: list[tuple]) -> tuple | None:
    return rows[0] if rows else None
