"""Exports of a store in the formats analysts already read.

``export(store, format, out)`` writes one of:

jsonl
    One coded document per line (``CodedDocument.to_dict`` with its ``text``), rebuilt from
    the store, ordered by date, id and hash.
parquet
    A folder with one Parquet file per table (``<table>.parquet``, and ``meta.parquet``);
    ``Store.import_parquet`` loads it back.
gdelt-events
    GDELT 2.0 Events: the 61 tab-separated columns of ``gdelt.EVENT_COLUMNS``, no header, one
    row per de-duplicated event. Differences from GDELT: actor codes are detente's — ISO 3166
    alpha-3 for states (GDELT uses CAMEO country codes, mostly the same letters), the IGO or
    group id otherwise (also in KnownGroupCode; Type1Code ``IGO`` for IGOs); a state's code gets
    its sector appended as in GDELT (``RUSGOV``) when the reporting article saw the actor in one
    sector only (Type1Code). Geography (Actor1Geo_*, Actor2Geo_*, ActionGeo_*) is read from the
    first report's sentence and the knowledge base's places (``geo.py``, ``kb/places.tsv``): FIPS
    10-4 country codes and GDELT's geo types; type 0 and blanks where nothing places it. AvgTone is
    the mean tone of the articles reporting the event (``tone.py``: VADER on GDELT's −100…+100
    scale; blank when none is in English). DATEADDED is when the first report was coded (UTC);
    SOURCEURL the first report's article URL (its id when it has none).
gdelt-mentions
    GDELT 2.0 Mentions: the 16 columns of ``gdelt.MENTION_COLUMNS``, no header, one row per
    counted report of an event. Offsets are real character offsets into the article text
    (InRawText 1): Actor1CharOffset/Actor2CharOffset the source/target mention, ActionCharOffset
    the trigger word; -1 where the coder found none. SentenceID counts from 1. MentionTimeDate
    is the article's date (or its coding time); Confidence is 100; MentionDocTone is the
    article's tone (``tone.py``).
gkg
    A GKG-style per-article table: the tab-separated columns of ``gdelt.GKG_COLUMNS``, no
    header. Within a column, items are separated by ``;`` and an item's fields by ``#``
    (GDELT's convention), except Quotations, which follow GDELT's V2 quotation format —
    items separated by ``#``, fields by ``|`` — extended with the speaker:
        Themes         conflict names
        Locations      GDELT's GKG 1.0 form, each place once: Type#FullName#CountryCode#ADM1Code#
                       Lat#Long#FeatureID (the events file's geography: ``geo.py``)
        V2Locations    GDELT's V2 form, every naming: Type#FullName#CountryCode#ADM1Code#ADM2Code#
                       Lat#Long#FeatureID#CharOffset
        Persons        Name#Role#Affiliation#CharOffset
        Organizations  Name#Id#Type#CharOffset (IGOs, armed and political groups, companies...)
        Actors         Id#Type#Name#Mentions (every state, region, IGO and group)
        Quotations     Offset|Length|Verb|Quote|Speaker|SpeakerActor
        Events         GlobalEventIDs of the events the article reports
        Tone           the article's tone (``tone.py``), blank when it is not in English
    Delimiters, tabs and line breaks inside values are replaced by spaces.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlparse

from ..errors import DetenteError
from . import gdelt, geo
from .store import Store

FORMATS = ("jsonl", "parquet", "gdelt-events", "gdelt-mentions", "gkg")


def export(store: Store, format: str, out: str | os.PathLike | None = None) -> int:
    """Write the store in ``format`` to ``out`` (a file; a folder for parquet; stdout when None
    for the text formats). Returns the number of rows (documents, events, mentions) written."""
    if format not in FORMATS:
        raise DetenteError("E026", value=format)
    if format == "parquet":
        if not out:  # one file per table: nothing to stream, and no folder is made unasked
            raise DetenteError("E048", example=example_parquet_folder(store.path))
        folder = Path(out)
        if folder.exists() and not folder.is_dir():
            raise DetenteError("E030", path=str(folder), detail="parquet export needs a folder, not a file")
        try:
            store.export_parquet(folder)
        except OSError as exc:  # a folder that cannot be made (permissions, a file in the path)
            raise DetenteError("E030", path=str(folder), detail=exc.strerror or str(exc)) from None
        return store.con.execute("SELECT count(*) FROM documents").fetchall()[0][0]
    lines = {"jsonl": jsonl_lines, "gdelt-events": event_lines, "gdelt-mentions": mention_lines,
             "gkg": gkg_lines}[format](store)
    if out is None:
        return _write(lines, sys.stdout)
    path = Path(out)
    if path.is_dir():
        raise DetenteError("E030", path=str(path), detail="is a folder; give a file name")
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            return _write(lines, f)
    except OSError as exc:
        raise DetenteError("E030", path=str(path), detail=exc.strerror or str(exc)) from None


def example_parquet_folder(db: str | os.PathLike) -> str:
    """The folder name the Parquet export's error message suggests: ``<store name>-parquet``."""
    return Path(db).stem + "-parquet" if db and str(db) != ":memory:" else "detente-parquet"


def _write(lines: Iterator[str], stream: IO[str]) -> int:
    n = 0
    for line in lines:
        stream.write(line + "\n")
        n += 1
    return n


# ------------------------------------------------------------------ JSONL

def jsonl_lines(store: Store) -> Iterator[str]:
    for doc in store.documents():
        yield json.dumps(doc, ensure_ascii=False)


# ------------------------------------------------------------------ shared helpers

def _clean(value: Any, delimiters: str = "") -> str:
    """A value as one TSV field: None blank, no tabs or line breaks, no given delimiters."""
    if value is None:
        return ""
    text = str(value)
    text = re.sub(r"[\t\r\n" + re.escape(delimiters) + "]+", " ", text) if delimiters else \
        re.sub(r"[\t\r\n]+", " ", text)
    return text.strip()


def _num(value: float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(round(value, 4))
    return str(value)


def _ymd(date: dt.date | None) -> str:
    return date.strftime("%Y%m%d") if date else ""


def _stamp(moment: dt.datetime | dt.date | None) -> str:
    if moment is None:
        return ""
    if isinstance(moment, dt.datetime):
        return moment.strftime("%Y%m%d%H%M%S")
    return moment.strftime("%Y%m%d") + "000000"


def _fraction(date: dt.date | None) -> str:
    """GDELT FractionDate: YYYY.FFFF, the share of the year gone by that day."""
    if date is None:
        return ""
    days = 366 if (date.year % 4 == 0 and (date.year % 100 != 0 or date.year % 400 == 0)) else 365
    return f"{date.year + date.timetuple().tm_yday / days:.4f}"


def _host(url: str | None) -> str:
    if not url:
        return ""
    host = urlparse(url).netloc.lower()
    return host.removeprefix("www.")


def _records(res, chunk_size: int = 2000) -> Iterator[dict[str, Any]]:
    """The rows of a DuckDB result as dicts, fetched a chunk at a time (an export may not fit in memory)."""
    cols = [c[0] for c in res.description]
    while chunk := res.fetchmany(chunk_size):
        for row in chunk:
            yield dict(zip(cols, row))


def _actor_info(store: Store) -> dict[str, dict[str, Any]]:
    """Per actor id: the name and type most often stored, and its country from the knowledge base."""
    from .. import kb as kb_module

    kb = kb_module.load()
    names: dict[str, Counter] = {}
    types: dict[str, Counter] = {}
    for actor_id, name, type_, n in store.con.execute(
            "SELECT actor_id, name, type, count(*) FROM actors GROUP BY ALL").fetchall():
        names.setdefault(actor_id, Counter())[name] += n
        types.setdefault(actor_id, Counter())[type_] += n
    info: dict[str, dict[str, Any]] = {}
    for actor_id, counts in names.items():
        kinds = types[actor_id]
        type_ = min(kinds, key=lambda t: (-kinds[t], t or ""))
        name = min(counts, key=lambda v: (-counts[v], v or ""))
        country = None
        if type_ == "state":
            country = actor_id
        elif actor_id in kb.countries:
            country = kb.countries[actor_id].parent
        elif actor_id in kb.groups:
            country = kb.groups[actor_id].country
        info[actor_id] = {"name": name, "type": type_, "country": country}
    return info


def _actor_fields(actor_id: str | None, sector: str | None, info: dict[str, dict[str, Any]]) -> list[str]:
    """Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code, Religion2Code,
    Type1Code, Type2Code, Type3Code for one actor."""
    if not actor_id:
        return [""] * 10
    a = info.get(actor_id, {"name": actor_id, "type": None, "country": None})
    type_ = a["type"]
    if type_ == "igo":
        code, group, type1 = actor_id, actor_id, gdelt.IGO_TYPE
    elif type_ == "group":
        code, group, type1 = actor_id, actor_id, sector or ""
    else:
        code, group, type1 = actor_id + (sector or "") if type_ == "state" else actor_id, "", sector or ""
    return [_clean(code), _clean(a["name"]), _clean(a["country"]), _clean(group), "", "", "", _clean(type1), "", ""]


def _tones(store: Store, reporting_only: bool = False) -> dict[str, float | None]:
    """Per article hash, its tone (``tone.py``); only the articles that report an event if asked."""
    from .tone import document_tone

    where = "WHERE hash IN (SELECT doc_hash FROM event_mentions WHERE event_id IS NOT NULL)" if reporting_only else ""
    res = store.con.execute(f"SELECT hash, text, sentence_starts, language FROM documents {where}")
    return {r["hash"]: document_tone(r["text"], r["sentence_starts"], r["language"]) for r in _records(res)}


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known), 4) if known else None


# ------------------------------------------------------------------ GDELT events

def event_lines(store: Store) -> Iterator[str]:
    info = _actor_info(store)
    tones = _tones(store, reporting_only=True)
    res = store.con.execute("""
        SELECT e.*, a.added, a.docs, f.text AS report_text, f.start_char AS report_start,
               f.trigger_start, f.source_start, f.source_end, f.target_start, f.target_end
        FROM events e
        LEFT JOIN (SELECT m.event_id, min(d.coded_at) AS added, list(DISTINCT m.doc_hash) AS docs
                   FROM event_mentions m JOIN documents d ON d.hash = m.doc_hash
                   WHERE m.event_id IS NOT NULL GROUP BY m.event_id) a
          ON a.event_id = e.event_id
        LEFT JOIN event_mentions f ON f.mention_id = e.first_mention
        ORDER BY e.first_date NULLS LAST, e.global_id""")
    for e in _records(res):
        day = e["first_date"]
        report = geo.Report(e["report_text"] or "", e["report_start"] or 0, e["trigger_start"], e["root"],
                            e["source"], (e["source_start"], e["source_end"]),
                            e["target"], (e["target_start"], e["target_end"]))
        places = geo.report_places(report, info)
        fields = [
            str(e["global_id"]), _ymd(day), day.strftime("%Y%m") if day else "", str(day.year) if day else "",
            _fraction(day),
            *_actor_fields(e["source"], e["source_sector"], info),
            *_actor_fields(e["target"], e["target_sector"], info),
            "1" if e["is_root"] else "0", e["cameo"], e["base"], e["root"], _num(e["quad_class"]),
            _num(e["goldstein"]), str(e["num_mentions"]), str(e["num_sources"]), str(e["num_articles"]),
            _num(_mean([tones.get(h) for h in e["docs"] or []])),
            *geo.fields(places[0]), *geo.fields(places[1]), *geo.fields(places[2]),
            _stamp(e["added"]), _clean(e["source_url"]),
        ]
        yield "\t".join(fields)


# ------------------------------------------------------------------ GDELT mentions

def mention_lines(store: Store) -> Iterator[str]:
    tones = _tones(store, reporting_only=True)
    res = store.con.execute("""
        WITH added AS (
            SELECT m.event_id, min(d.coded_at) AS added FROM event_mentions m
            JOIN documents d ON d.hash = m.doc_hash WHERE m.event_id IS NOT NULL GROUP BY m.event_id)
        SELECT e.global_id, a.added, d.hash, d.date AS doc_date, d.coded_at, d.source AS outlet, d.url, d.id AS doc_id,
               m.sentence_id, m.source_start, m.target_start, m.trigger_start, m.start_char, length(d.text) AS doc_len
        FROM event_mentions m
        JOIN events e ON e.event_id = m.event_id
        JOIN added a ON a.event_id = m.event_id
        JOIN documents d ON d.hash = m.doc_hash
        ORDER BY e.first_date NULLS LAST, e.global_id, m.date NULLS LAST, m.mention_id""")
    for m in _records(res):
        action = m["trigger_start"] if m["trigger_start"] is not None else m["start_char"]
        fields = [
            str(m["global_id"]), _stamp(m["added"]), _stamp(m["doc_date"] or m["coded_at"]),
            str(gdelt.MENTION_TYPE_WEB), _clean(m["outlet"] or _host(m["url"])), _clean(m["url"] or m["doc_id"]),
            _num(m["sentence_id"]), _offset(m["source_start"]), _offset(m["target_start"]), _offset(action),
            "1", "100", str(m["doc_len"]), _num(tones.get(m["hash"])), "", "",
        ]
        yield "\t".join(fields)


def _offset(value: int | None) -> str:
    return "-1" if value is None else str(value)


# ------------------------------------------------------------------ GKG-style table

def gkg_lines(store: Store) -> Iterator[str]:
    events_of: dict[str, list[int]] = {h: ids for h, ids in store.con.execute("""
        SELECT m.doc_hash, list(DISTINCT e.global_id ORDER BY e.global_id)
        FROM event_mentions m JOIN events e ON e.event_id = m.event_id GROUP BY m.doc_hash""").fetchall()}
    coded_at = dict(store.con.execute("SELECT hash, coded_at FROM documents").fetchall())
    tones = _tones(store)
    for doc in store.documents():
        date = doc.get("date")
        moment = dt.date.fromisoformat(date) if date else coded_at.get(doc["hash"])
        v1, v2 = _gkg_locations(doc)
        persons = [_items([p["name"], p.get("role"), p.get("affiliation"), _first(p.get("spans"))])
                   for p in doc.get("persons", [])]
        orgs = [_items([a["name"], a["id"], a["type"], _first(a.get("spans"))])
                for a in doc.get("actors", []) + doc.get("organizations", []) if a["type"] not in ("state", "region")]
        actors = [_items([a["id"], a["type"], a["name"], len(a.get("spans", []))]) for a in doc.get("actors", [])]
        quotes = []
        for q in doc.get("quotes", []):
            span = q.get("span") or [None, None]
            length = span[1] - span[0] if span[0] is not None else ""
            quotes.append("|".join(_clean(v, "#|") for v in (span[0], length, q.get("cue"), q.get("text"),
                                                               q.get("speaker"), q.get("speaker_actor"))))
        fields = [
            doc["hash"][:16], _stamp(moment), _clean(doc.get("source") or _host(doc.get("url"))),
            _clean(doc.get("url") or doc["id"]), _clean(doc.get("title")),
            ";".join(_clean(c["name"], ";#") for c in doc.get("conflicts", [])),
            v1, v2,
            ";".join(persons), ";".join(orgs), ";".join(actors), "#".join(quotes),
            ";".join(str(i) for i in events_of.get(doc["hash"], [])), _num(tones.get(doc["hash"])),
        ]
        yield "\t".join(fields)


def _gkg_locations(doc: dict[str, Any]) -> tuple[str, str]:
    """The article's Locations and V2Locations columns in GDELT's GKG form (GKG codebook V2.1,
    V1LOCATIONS and V2ENHANCEDLOCATIONS): blocks separated by ``;``, fields by ``#``.

    Locations lists each place once, in the order the text first names it:
    ``Type#FullName#CountryCode#ADM1Code#Lat#Long#FeatureID``; V2Locations lists every naming with
    ADM2Code and the character offset of the name in the article:
    ``Type#FullName#CountryCode#ADM1Code#ADM2Code#Lat#Long#FeatureID#CharOffset``. The places and
    their fields are the events file's (``geo.py``, ``kb/places.tsv``).

    The places' names are English, so an article in another language (the Russian pack) lists the
    states and regions its coder found instead, each at its own level (country or region), at the
    offset of each mention."""
    if (doc.get("language") or "en") == "en":
        skip = [tuple(span) for p in doc.get("persons", []) for span in p.get("spans") or []]
        skip += [tuple(span) for a in doc.get("actors", []) + doc.get("organizations", [])
                 if a["type"] not in ("state", "region") for span in a.get("spans") or []]
        named = geo.text_places(doc.get("text") or "", skip)
    else:
        places = geo.gazetteer().places
        named = sorted([(s, e, places[a["id"]]) for a in doc.get("actors", []) if a["id"] in places
                        for s, e in a.get("spans") or []], key=lambda x: x[0])
    v1: dict[str, str] = {}
    v2 = []
    for start, _end, place in named:
        fields = geo.fields(place)  # Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID
        v1.setdefault(place.id, _items(fields[:4] + fields[5:]))
        v2.append(_items([*fields, start]))
    return ";".join(v1.values()), ";".join(v2)


def _items(values: list[Any]) -> str:
    return "#".join(_clean(v, ";#") for v in values)


def _first(spans: list | None) -> int | None:
    return spans[0][0] if spans else None
