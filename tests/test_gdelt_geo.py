"""GDELT files that GDELT tools can read: geography (FIPS codes, geo types, coordinates) and tone.

Geo types are the GDELT 2.0 event codebook's: 1 COUNTRY, 2 USSTATE, 3 USCITY, 4 WORLDCITY,
5 WORLDSTATE. Every sentence here was written for these tests.
"""
from __future__ import annotations

import re

import pytest

from detente.corpus import export, geo
from detente.corpus.gdelt import EVENT_COLUMNS, MENTION_COLUMNS
from detente.corpus.store import Store
from detente.corpus.tone import document_tone, tone

GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]


def report(sentence: str, source: str | None, source_text: str | None, target: str | None,
           target_text: str | None, trigger: str, root: str) -> geo.Report:
    """A report of one event in ``sentence`` (offsets as the store keeps them: the sentence at 100)."""
    def span(text):
        if text is None:
            return (None, None)
        at = sentence.index(text)
        return (100 + at, 100 + at + len(text))

    return geo.Report(sentence, 100, 100 + sentence.index(trigger), root, source, span(source_text),
                      target, span(target_text))


def columns(place) -> dict[str, str]:
    return dict(zip(GEO, geo.fields(place)))


def assert_country(cols: dict[str, str], fips: str) -> None:
    """A country-level match as GDELT writes it: type 1, the FIPS code in CountryCode, ADM1Code and
    FeatureID, coordinates on the globe."""
    assert cols["Type"] == "1"
    assert cols["CountryCode"] == cols["ADM1Code"] == cols["FeatureID"] == fips
    assert -90 <= float(cols["Lat"]) <= 90 and -180 <= float(cols["Long"]) <= 180


def assert_city(cols: dict[str, str], geo_type: str, name: str, fips: str) -> None:
    assert cols["Type"] == geo_type
    assert cols["FullName"].startswith(name + ", ") and cols["CountryCode"] == fips
    assert cols["ADM1Code"].startswith(fips) and cols["FeatureID"].isdigit()
    assert -90 <= float(cols["Lat"]) <= 90 and -180 <= float(cols["Long"]) <= 180


# ---------------------------------------------------------------------- the places file

def test_every_state_has_a_fips_code_and_a_point(kb):
    places = geo.gazetteer().places
    for actor_id, country in kb.countries.items():
        if country.type != "state":
            continue
        place = places[actor_id]
        assert re.fullmatch(r"[A-Z]{2}", place.fips), actor_id
        assert -90 <= place.lat <= 90 and -180 <= place.long <= 180, actor_id
    for place in places.values():
        assert place.country in kb.countries, place.id
        if place.kind == "city":
            assert place.feature_id.isdigit(), place.id
            assert not place.adm1 or (place.adm1.startswith(place.fips) and len(place.adm1) == 4), place.id
    # FIPS 10-4 is not ISO 3166: GDELT's codes for these differ from the ISO alpha-2 ones.
    assert {places[c].fips for c in ("DEU", "UKR", "RUS", "GBR", "AZE")} == {"GM", "UP", "RS", "UK", "AJ"}


@pytest.fixture
def fresh_gazetteer():
    """The places read anew for one test (and again after it)."""
    geo.gazetteer.cache_clear()
    yield geo.gazetteer
    geo.gazetteer.cache_clear()


def test_a_place_off_the_globe_is_a_clear_error(tmp_path, monkeypatch, fresh_gazetteer):
    from detente.errors import DetenteError

    header = "id kind name aliases country fips adm1 lat long feature_id".split()
    atlantis = ["Atlantis", "city", "Atlantis", "", "GRC", "GR", "", "95", "20", "1"]
    (tmp_path / "places.tsv").write_text("\n".join("\t".join(r) for r in (header, atlantis)), encoding="utf-8")
    monkeypatch.setenv("DETENTE_KB_EXTRA", str(tmp_path))
    with pytest.raises(DetenteError) as err:
        fresh_gazetteer()
    assert err.value.code == "E013" and "Atlantis" in str(err.value) and "lat" in str(err.value)


def test_capitals_and_their_spellings_are_one_city():
    g = geo.gazetteer()
    assert g.cities["kyiv"] is g.cities["kiev"] and g.cities["kyiv"].country == "UKR"
    assert {p.id for _s, _e, p, _at in geo.named_places("Envoys met in Kiev, then in Kyiv.")} == {g.cities["kyiv"].id}


# ---------------------------------------------------------------------- actors and actions placed

def test_states_are_placed_at_country_level():
    r = report("Kenya condemned Tanzania over the border dispute.", "KEN", "Kenya", "TZA", "Tanzania",
               "condemned", "11")
    a1, a2, action = geo.report_places(r, {})
    assert_country(columns(a1), "KE")
    assert_country(columns(a2), "TZ")
    assert columns(a1)["FullName"] == "Kenya"
    assert action == a1  # a statement is placed where its author is


def test_a_capital_that_acts_is_a_world_city():
    r = report("Tbilisi accused Yerevan of stalling.", "GEO", "Tbilisi", "ARM", "Yerevan", "accused", "11")
    a1, a2, _action = geo.report_places(r, {})
    assert_city(columns(a1), "4", "Tbilisi", "GG")
    assert columns(a1)["FullName"] == "Tbilisi, Georgia"
    assert_city(columns(a2), "4", "Yerevan", "AM")


def test_the_us_capital_is_a_us_city():
    r = report("Washington warned Caracas against new arrests.", "USA", "Washington", "VEN", "Caracas",
               "warned", "13")
    a1, _a2, _action = geo.report_places(r, {})
    assert_city(columns(a1), "3", "Washington", "US")
    assert columns(a1)["ADM1Code"] == "USDC"  # GDELT writes US states by their postal codes


def test_the_action_is_where_the_sentence_places_it():
    r = report("Chile and Peru held talks in Quito on fishing rights.", "CHL", "Chile", "PER", "Peru", "held", "04")
    a1, a2, action = geo.report_places(r, {})
    assert_country(columns(a1), "CI") and assert_country(columns(a2), "PE")
    assert_city(columns(action), "4", "Quito", "EC")
    r = report("Chile and Peru held talks in Ecuador on fishing rights.", "CHL", "Chile", "PER", "Peru", "held", "04")
    assert_country(columns(geo.report_places(r, {})[2]), "EC")
    r = report("Chile accused Peru of raids in southern Ecuador.", "CHL", "Chile", "PER", "Peru", "accused", "11")
    assert_country(columns(geo.report_places(r, {})[2]), "EC")
    r = report("Chile accused Peru of supporting Ecuador.", "CHL", "Chile", "PER", "Peru", "accused", "11")
    assert_country(columns(geo.report_places(r, {})[2]), "CI")  # Ecuador is no place here: Actor1's


def test_force_lands_where_its_target_is():
    r = report("Armenian troops shelled Azerbaijani positions overnight.", "ARM", "Armenian", "AZE", "Azerbaijani",
               "shelled", "19")
    a1, a2, action = geo.report_places(r, {})
    assert_country(columns(action), "AJ") and action == a2 and a1 != a2


def test_an_actor_is_placed_in_its_own_city_not_in_a_city_it_threatens():
    r = report("The Kenyan minister told reporters in Nairobi that Kenya would sue Uganda.", "KEN", "Kenyan",
               "UGA", "Uganda", "told", "01")
    assert_city(columns(geo.report_places(r, {})[0]), "4", "Nairobi", "KE")
    r = report("Moscow threatened to strike targets in Kyiv.", "RUS", "Moscow", "UKR", None, "threatened", "13")
    a1, a2, action = geo.report_places(r, {})
    assert_city(columns(a1), "4", "Moscow", "RS")
    assert_city(columns(action), "4", "Kyiv", "UP")
    r = report("Russia threatened to strike targets in Kyiv.", "RUS", "Russia", None, None, "threatened", "13")
    a1, a2, _action = geo.report_places(r, {})
    assert_country(columns(a1), "RS") and a2 is None and geo.fields(a2) == geo.BLANK


def test_regions_and_groups():
    r = report("Separatists in Transnistria fired on Moldovan police.", "Transnistria", "Transnistria",
               "MDA", "Moldovan", "fired", "19")
    a1, _a2, action = geo.report_places(r, {})
    cols = columns(a1)
    assert cols["Type"] == "5" and cols["CountryCode"] == "MD" and cols["FullName"] == "Transnistria, Moldova"
    assert action.id == "Transnistria"  # "in Transnistria" names where it happened
    # a group is placed in the state the knowledge base gives it
    r = report("The rebels attacked a convoy.", "Rebels", "rebels", None, None, "attacked", "19")
    a1, _a2, _action = geo.report_places(r, {"Rebels": {"country": "COL"}})
    assert_country(columns(a1), "CO")


def test_an_igo_is_placed_at_its_seat_when_the_sentence_names_it():
    r = report("EU ministers met in Brussels and condemned Iran.", "EU", "EU", "IRN", "Iran", "condemned", "11")
    a1, a2, action = geo.report_places(r, {})
    assert_city(columns(a1), "4", "Brussels", "BE") and action == a1
    r = report("The EU condemned Iran.", "EU", "EU", "IRN", "Iran", "condemned", "11")
    a1, _a2, action = geo.report_places(r, {})
    assert a1 is None and action.fips == "IR"  # no seat named: the IGO stays unplaced


# ---------------------------------------------------------------------- tone

def test_tone_is_negative_for_hostility_and_within_gdelts_scale():
    hostile = tone("The army shelled the town, killing dozens of terrified civilians in a brutal, deadly attack.")
    friendly = tone("The two leaders warmly welcomed the agreement and praised their excellent friendship.")
    plain = tone("The delegation arrived on Tuesday.")
    assert -100 <= hostile < -10 and 10 < friendly <= 100 and plain == 0
    # sentences weigh by their length: one long friendly sentence outweighs a short hostile one
    text = "Talks failed. The ministers welcomed the progress and praised the good, constructive spirit of the meeting."
    assert tone(text, [0, 14]) > 0
    assert document_tone("Войска обстреляли город.", None, "ru") is None  # VADER's lexicon is English
    assert tone("") == 0.0


# ---------------------------------------------------------------------- the exported files

ARTICLES = [
    ("geo-capitals", "Tbilisi accused Yerevan of stalling the border talks."),
    ("geo-shelling", "Armenian troops shelled Azerbaijani villages, killing civilians in a brutal, deadly attack."),
    ("geo-aid", "Kenya praised Japan for its generous aid and welcomed the excellent cooperation."),
]


@pytest.fixture(scope="module")
def geo_store(code, tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("geo") / "geo.duckdb")
    store.add([code(text, date="2024-03-0%d" % (n + 1), id=doc_id, url=f"https://news.example/{doc_id}")
               for n, (doc_id, text) in enumerate(ARTICLES)])
    yield store
    store.close()


def test_gdelt_events_carry_geography_and_tone(geo_store, tmp_path):
    pd = pytest.importorskip("pandas")
    out = tmp_path / "events.tsv"
    n = export.export(geo_store, "gdelt-events", out)
    assert n >= len(ARTICLES)
    assert all(line.count("\t") == 60 for line in out.read_text(encoding="utf-8").splitlines())
    df = pd.read_csv(out, sep="\t", header=None, names=EVENT_COLUMNS, dtype=str, keep_default_na=False)
    assert list(df.columns) == EVENT_COLUMNS and df.shape == (n, 61)
    for _, row in df.iterrows():
        assert -100 <= float(row["AvgTone"]) <= 100
        for prefix in ("Actor1Geo_", "Actor2Geo_", "ActionGeo_"):
            cols = {c: row[prefix + c] for c in GEO}
            assert cols["Type"] in {"0", "1", "2", "3", "4", "5"}
            if cols["Type"] == "1":
                assert_country(cols, cols["CountryCode"])
                assert re.fullmatch(r"[A-Z]{2}", cols["CountryCode"])
            elif cols["Type"] in ("3", "4"):
                assert_city(cols, cols["Type"], cols["FullName"].split(",")[0], cols["CountryCode"])
    by_url = {u: df[df["SOURCEURL"] == u] for u in df["SOURCEURL"]}
    capitals = by_url["https://news.example/geo-capitals"].iloc[0]
    assert (capitals["Actor1Geo_Type"], capitals["Actor1Geo_FullName"]) == ("4", "Tbilisi, Georgia")
    assert (capitals["Actor2Geo_Type"], capitals["Actor2Geo_CountryCode"]) == ("4", "AM")
    shelling = by_url["https://news.example/geo-shelling"].iloc[0]
    assert shelling["EventRootCode"] == "19" and float(shelling["AvgTone"]) < 0
    assert (shelling["Actor1Geo_CountryCode"], shelling["ActionGeo_CountryCode"]) == ("AM", "AJ")
    assert float(by_url["https://news.example/geo-aid"].iloc[0]["AvgTone"]) > 0


def test_gdelt_mentions_and_gkg_carry_the_article_tone(geo_store, tmp_path):
    pd = pytest.importorskip("pandas")
    out = tmp_path / "mentions.tsv"
    export.export(geo_store, "gdelt-mentions", out)
    df = pd.read_csv(out, sep="\t", header=None, names=MENTION_COLUMNS, dtype=str, keep_default_na=False)
    tones = {u: float(t) for u, t in zip(df["MentionIdentifier"], df["MentionDocTone"])}
    assert tones["https://news.example/geo-shelling"] < 0 < tones["https://news.example/geo-aid"]
    gkg = tmp_path / "gkg.tsv"
    export.export(geo_store, "gkg", gkg)
    rows = {r.split("\t")[3]: r.split("\t") for r in gkg.read_text(encoding="utf-8").splitlines()}
    assert float(rows["https://news.example/geo-shelling"][-1]) == tones["https://news.example/geo-shelling"]
