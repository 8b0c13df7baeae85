"""The gkg table's Locations and V2Locations in GDELT's GKG form (GKG codebook V2.1, V1LOCATIONS and
V2ENHANCEDLOCATIONS): ``;``-separated blocks of ``#``-separated fields, the places and their fields
the events file's (``geo.py``). Every sentence here was written for these tests.
"""
from __future__ import annotations

import pytest

from detente.corpus import export, geo
from detente.corpus.gdelt import GKG_COLUMNS
from detente.corpus.store import Store

V1 = ["Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID"]
V2 = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID", "CharOffset"]

TEXT = ("Russia shelled towns in Ukraine on Monday, officials in Kyiv said. "
        "The Washington Post reported that Moscow rejected the charge. "
        "Later Ukraine urged the people of Crimea to stay indoors.")


@pytest.fixture(scope="module")
def gkg_row(code, tmp_path_factory):
    folder = tmp_path_factory.mktemp("gkg")
    with Store(folder / "gkg.duckdb") as store:
        store.add([code(TEXT, date="2024-05-06", id="gkg-places", url="https://news.example/gkg-places")])
        export.export(store, "gkg", folder / "gkg.tsv")
    line, = (folder / "gkg.tsv").read_text(encoding="utf-8").splitlines()
    values = line.split("\t")
    assert len(values) == len(GKG_COLUMNS)
    return dict(zip(GKG_COLUMNS, values))


def blocks(column: str, names: list[str]) -> list[dict[str, str]]:
    out = []
    for block in column.split(";"):
        fields = block.split("#")
        assert len(fields) == len(names), block
        out.append(dict(zip(names, fields)))
    return out


def assert_gdelt_place(b: dict[str, str]) -> None:
    assert b["Type"] in {"1", "2", "3", "4", "5"}
    assert len(b["CountryCode"]) == 2 and b["CountryCode"].isupper()
    assert -90 <= float(b["Lat"]) <= 90 and -180 <= float(b["Long"]) <= 180
    assert b["FeatureID"]


def test_locations_are_gdelt_v1_blocks_one_per_place(gkg_row):
    places = blocks(gkg_row["Locations"], V1)
    for b in places:
        assert_gdelt_place(b)
    assert [(b["Type"], b["FullName"], b["CountryCode"]) for b in places] == [
        ("1", "Russia", "RS"), ("1", "Ukraine", "UP"), ("4", "Kyiv, Ukraine", "UP"),
        ("4", "Moscow, Russia", "RS"), ("5", "Crimea, Ukraine", "UP")]
    # a country as GDELT writes it: its FIPS code also in ADM1Code and FeatureID
    russia = places[0]
    assert russia["ADM1Code"] == russia["FeatureID"] == "RS"
    kyiv = places[2]
    assert kyiv["ADM1Code"].startswith("UP") and kyiv["FeatureID"].isdigit()


def test_v2_locations_list_every_naming_at_its_offset(gkg_row):
    named = blocks(gkg_row["V2Locations"], V2)
    for b in named:
        assert_gdelt_place(b)
        assert b["ADM2Code"] == ""
        name = b["FullName"].split(",")[0]
        assert TEXT[int(b["CharOffset"]):].startswith(name), b
    assert [b["FullName"] for b in named] == ["Russia", "Ukraine", "Kyiv, Ukraine", "Moscow, Russia",
                                              "Ukraine", "Crimea, Ukraine"]
    ukraine = [int(b["CharOffset"]) for b in named if b["FullName"] == "Ukraine"]
    assert ukraine == [TEXT.index("Ukraine"), TEXT.index("Ukraine", TEXT.index("Later"))]
    # "Washington" inside the newspaper's name is no place the article names
    assert "Washington" not in gkg_row["V2Locations"]


def test_a_place_name_inside_a_longer_name_is_left_out():
    text = "Georgia Brown met officials in Tbilisi and in Georgia."
    person = (0, len("Georgia Brown"))
    names = [(text[s:e], p.geo_type) for s, e, p in geo.text_places(text, [person])]
    assert names == [("Tbilisi", geo.WORLDCITY), ("Georgia", geo.COUNTRY)]
    # a span that is the name itself keeps it ("Tbilisi said": the city acting)
    tbilisi = text.index("Tbilisi")
    assert len(geo.text_places(text, [(tbilisi, tbilisi + len("Tbilisi"))])) == 3


def test_an_article_in_russian_lists_the_states_its_coder_found(code, tmp_path):
    text = "Россия обвинила Украину в срыве переговоров, заявил МИД."
    with Store(tmp_path / "ru.duckdb") as store:
        store.add([code(text, date="2024-05-07", id="gkg-ru")])
        export.export(store, "gkg", tmp_path / "gkg.tsv")
    row = dict(zip(GKG_COLUMNS, (tmp_path / "gkg.tsv").read_text(encoding="utf-8").rstrip("\n").split("\t")))
    named = blocks(row["V2Locations"], V2)
    assert [(b["Type"], b["CountryCode"], int(b["CharOffset"])) for b in named] == [
        ("1", "RS", text.index("Россия")), ("1", "UP", text.index("Украину"))]
    assert [b["FullName"] for b in blocks(row["Locations"], V1)] == ["Russia", "Ukraine"]


def test_the_example_of_the_exports_page_is_what_the_export_writes(code, tmp_path):
    from pathlib import Path

    page = (Path(__file__).parent.parent / "docs" / "exports.md").read_text(encoding="utf-8")
    shown = dict(line.split(maxsplit=1) for line in page.splitlines()
                 if line.startswith(("    Locations ", "    V2Locations ")))
    with Store(tmp_path / "doc.duckdb") as store:
        store.add([code("Russia shelled towns in Ukraine, officials in Kyiv said.", id="gkg-doc")])
        export.export(store, "gkg", tmp_path / "gkg.tsv")
    row = dict(zip(GKG_COLUMNS, (tmp_path / "gkg.tsv").read_text(encoding="utf-8").split("\t")))
    assert shown == {"Locations": row["Locations"], "V2Locations": row["V2Locations"]}
