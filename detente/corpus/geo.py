"""Where an event happened and where its actors were: GDELT 2.0's geography fields.

GDELT's event codebook (section "Event geography") places each actor where it was for the event
(the Russian president visiting Washington is placed in Washington, not in Russia) and the action
at the place named closest to it; a field stays blank (type 0) when nothing places it. detente
reads the event's sentence for the places of its knowledge base (``kb/places.tsv``: every state,
the regions, the capitals and the seats of IGOs) and falls back on what the actors are:

Actor geography
    the actor's own mention when it is a capital or a region ("Minsk said" → Minsk); else a city of
    the actor's own (its state's capital, its IGO's seat) named in the sentence after a place word
    of ``kb/geography.yaml`` ("Lavrov told reporters in Moscow"); else its state at country level
    (a region or group: the region or the group's state). An IGO with no seat named stays blank.
Action geography
    the place named in the sentence after a place word, nearest the trigger ("held talks in
    Tokyo", "fighting in Syria"); else, for the roots of ``roots_at_target`` (assault, fight, mass
    violence), Actor2's place; else Actor1's, else Actor2's.

``fields(place)`` gives the eight GDELT columns (Type, FullName, CountryCode, ADM1Code, ADM2Code,
Lat, Long, FeatureID), with GDELT's types: 1 COUNTRY, 2 USSTATE, 3 USCITY, 4 WORLDCITY,
5 WORLDSTATE. Country codes are FIPS 10-4, as in GDELT.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .. import kb as kb_module
from ..errors import DetenteError
from ..kb import fold

COUNTRY, USSTATE, USCITY, WORLDCITY, WORLDSTATE = 1, 2, 3, 4, 5
BLANK = ["0", "", "", "", "", "", "", ""]
_US = "USA"


@dataclass(frozen=True)
class Place:
    id: str
    kind: str  # country | region | city
    name: str
    aliases: tuple[str, ...]
    country: str  # the actor id of the state it lies in (itself for a country)
    fips: str
    adm1: str
    lat: float
    long: float
    feature_id: str

    @property
    def geo_type(self) -> int:
        if self.kind == "country":
            return COUNTRY
        us = self.country == _US
        if self.kind == "region":
            return USSTATE if us else WORLDSTATE
        return USCITY if us else WORLDCITY


@dataclass(frozen=True)
class Report:
    """What one report of an event says, as the store keeps it (offsets into the article)."""
    sentence: str
    sentence_start: int
    trigger_start: int | None
    root: str
    source: str | None
    source_span: tuple[int | None, int | None]
    target: str | None
    target_span: tuple[int | None, int | None]


@dataclass(frozen=True)
class Gazetteer:
    places: dict[str, Place]
    cities: dict[str, Place]  # folded name or alias -> city
    pattern: re.Pattern | None
    place_of: dict[str, str | None]  # surface form -> place id (None: a name that is no place of ours)
    place_words: frozenset[str]
    place_modifiers: frozenset[str]
    roots_at_target: frozenset[str]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The places of the knowledge base and one pattern over every name of them (built once)."""
    kb = kb_module.load()
    places: dict[str, Place] = {}
    for r in kb_module.read_tsv("places.tsv"):
        places[r["id"]] = Place(r["id"], r["kind"], r["name"], tuple(a for a in r["aliases"].split("|") if a),
                                r["country"], r["fips"], r["adm1"], _coordinate(r, "lat", 90),
                                _coordinate(r, "long", 180), r.get("feature_id", ""))
    cities = {fold(n): p for p in places.values() if p.kind == "city" for n in (p.name, *p.aliases)}
    place_of: dict[str, str | None] = {}
    for form in kb.surface_forms():
        if form.kind == "name" and form.type in ("state", "region") and form.actor in places:
            place_of.setdefault(form.text, form.actor)
        elif form.kind in ("capital", "igo_seat"):
            city = cities.get(fold(form.text))
            target = city.id if city else (form.actor if form.actor in places else None)
            place_of.setdefault(form.text, target)
        elif form.kind == "place":  # "Latin America": not "America"
            place_of.setdefault(form.text, None)
    names = sorted(place_of, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])") if names else None
    rules = kb_module.read_yaml("geography.yaml")
    return Gazetteer(places, cities, pattern, place_of,
                     frozenset(w.lower() for w in rules.get("place_prepositions", [])),
                     frozenset(w.lower() for w in rules.get("place_modifiers", [])),
                     frozenset(str(r) for r in rules.get("roots_at_target", [])))


def _coordinate(row: dict[str, str], column: str, limit: float) -> float:
    """A latitude or longitude of places.tsv; a clear error for one that is missing or off the globe."""
    try:
        value = float(row[column])
    except (KeyError, ValueError):
        value = None
    if value is None or not -limit <= value <= limit:
        raise DetenteError("E013", file="places.tsv", line=row.get("id", "?"),
                           detail=f"{column} must be a number from -{limit:g} to {limit:g}, not {row.get(column)!r}")
    return value


def fields(place: Place | None) -> list[str]:
    """The eight GDELT geography columns of ``place`` (type 0 and blanks for None)."""
    if place is None:
        return list(BLANK)
    g = gazetteer()
    if place.kind == "country":
        full, adm1, feature = place.name, place.fips, place.fips
    else:
        state = g.places.get(place.country)
        full = f"{place.name}, {state.name}" if state and state.id != place.id else place.name
        adm1 = place.adm1 or place.fips
        feature = place.feature_id or place.adm1 or place.name
    return [str(place.geo_type), full, place.fips, adm1, "", _deg(place.lat), _deg(place.long), feature]


def _deg(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def named_places(sentence: str) -> list[tuple[int, int, Place, bool]]:
    """Places the sentence names: (start, end, place, after a place word), offsets in the sentence."""
    g = gazetteer()
    if g.pattern is None:
        return []
    out = []
    for m in g.pattern.finditer(sentence):
        pid = g.place_of.get(m.group(1))
        if pid is None or pid not in g.places:
            continue
        words = sentence[:m.start()].split()[-3:]
        while words and words[-1].lower() in g.place_modifiers:  # "in eastern Ukraine", "in the Hague"
            words.pop()
        located = bool(words) and words[-1].lower() in g.place_words
        out.append((m.start(), m.end(), g.places[pid], located))
    return out


def text_places(text: str, skip: list[tuple[int, int]] = ()) -> list[tuple[int, int, Place]]:
    """Every place of the knowledge base ``text`` names, in order: (start, end, place), offsets in
    the text. A name inside a longer span of ``skip`` is left out: the coder read it as part of a
    person's or an organization's name ("Jordan Peterson", "the Washington Post"); a span that is
    exactly the name ("Brussels said") keeps it."""
    return [(s, e, place) for s, e, place, _located in named_places(text)
            if not any(ss <= s and e <= se and (ss, se) != (s, e) for ss, se in skip)]


def actor_place(actor: str | None, span: tuple[int | None, int | None], report: Report,
                info: dict[str, Any], places: list[tuple[int, int, Place, bool]]) -> Place | None:
    """Where ``actor`` was for this report (see the module's docstring)."""
    if not actor:
        return None
    g = gazetteer()
    start, end = span
    if start is not None and end is not None:
        s, e = start - report.sentence_start, end - report.sentence_start
        for ps, pe, place, _located in places:
            if ps == s and pe == e and place.kind != "country":  # the mention itself: "Minsk said"
                return place
    home = _home(actor, info)
    own = [(ps, place) for ps, _pe, place, located in places
           if located and place.kind != "country" and home is not None and place.country == home.country]
    own += [(ps, place) for ps, _pe, place, located in places
            if located and place.kind == "city" and actor in _seats_of(place)]
    if own:
        anchor = (start - report.sentence_start) if start is not None else 0
        return min(own, key=lambda x: abs(x[0] - anchor))[1]
    return home if home is not None else None


def action_place(report: Report, actor1: Place | None, actor2: Place | None,
                 places: list[tuple[int, int, Place, bool]]) -> Place | None:
    """Where the act of this report happened (see the module's docstring)."""
    located = [(ps, place) for ps, _pe, place, at in places if at]
    if located:
        anchor = (report.trigger_start - report.sentence_start) if report.trigger_start is not None else 0
        return min(located, key=lambda x: (abs(x[0] - anchor), x[0]))[1]
    if report.root in gazetteer().roots_at_target and actor2 is not None:
        return actor2
    return actor1 or actor2


def report_places(report: Report, info: dict[str, Any]) -> tuple[Place | None, Place | None, Place | None]:
    """Actor1's, Actor2's and the action's place for one report of an event."""
    places = named_places(report.sentence)
    a1 = actor_place(report.source, report.source_span, report, info, places)
    a2 = actor_place(report.target, report.target_span, report, info, places)
    return a1, a2, action_place(report, a1, a2, places)


def _home(actor: str, info: dict[str, Any]) -> Place | None:
    """The actor's place at country level: a state or region itself, else the state it belongs to."""
    places = gazetteer().places
    if actor in places:
        return places[actor]
    country = (info.get(actor) or {}).get("country")
    return places.get(country) if country else None


@lru_cache(maxsize=None)
def _seats_of_id(city_id: str) -> frozenset[str]:
    kb = kb_module.load()
    city = gazetteer().places[city_id]
    names = {fold(n) for n in (city.name, *city.aliases)}
    return frozenset(igo.actor_id for igo in kb.igos.values() if any(fold(s) in names for s in igo.seats))


def _seats_of(place: Place) -> frozenset[str]:
    """The IGOs whose seat ``place`` is (Brussels: the EU)."""
    return _seats_of_id(place.id)
