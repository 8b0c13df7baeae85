"""Actor recognition: names, aliases, metonyms, adjectives, places that are not actors."""


def ids(doc):
    return {a.id for a in doc.actors}


def test_country_names_and_aliases(code):
    doc = code("The Russian Federation and the United States of America signed the New START treaty in Prague.")
    assert {"RUS", "USA"} <= ids(doc)


def test_capital_acting_is_its_state(code):
    doc = code("Minsk called on Baku and Yerevan to show restraint.")
    assert ids(doc) == {"BLR", "AZE", "ARM"}


def test_capital_as_a_place_is_not_an_actor(code):
    doc = code("Delegates from the two companies met in Minsk on Tuesday to discuss potash prices.")
    assert "BLR" not in ids(doc)


def test_possessive_capital_is_an_actor(code):
    doc = code("Beijing's demands to roll back tariffs were rejected by negotiators.")
    assert "CHN" in ids(doc)


def test_seats_of_power(code):
    doc = code("The Kremlin denied the report, and the White House declined to comment.")
    assert {"RUS", "USA"} <= ids(doc)


def test_adjective_gives_the_state(code):
    doc = code("The Belarusian Foreign Minister met Kazakh officials in Astana.")
    assert {"BLR", "KAZ"} <= ids(doc)


def test_igo_aliases_resolve(code):
    doc = code("Armenia joined the EEU in 2015, while the UN Security Council met in New York.")
    assert {"EAEU", "UN", "ARM"} <= ids(doc)
    assert "EEU" not in ids(doc)


def test_group_aliases_resolve(code):
    doc = code("Militants linked to Daesh and Al-Qaeda crossed the border, officials said.")
    assert {"Islamic State", "Al-Qaeda"} <= ids(doc)
    types = {a.id: a.type for a in doc.actors}
    assert types["Islamic State"] == "group"


def test_regions_are_actors(code):
    doc = code("Abkhazia and South Ossetia declared independence from Georgia in 2008.")
    types = {a.id: a.type for a in doc.actors}
    assert types.get("Abkhazia") == "region" and types.get("South Ossetia") == "region"
    assert types.get("GEO") == "state"


def test_brussels_acting_is_the_eu(code):
    doc = code("Brussels has warned Budapest that funds will be frozen.")
    assert "EU" in ids(doc)
    assert "BEL" not in ids(doc)


def test_latin_america_is_not_the_united_states(code):
    doc = code("Inflation is rising across Latin America, economists said.")
    assert "USA" not in ids(doc)


def test_every_actor_mention_has_a_span(code):
    text = "Moscow accused Kyiv of shelling the plant."
    doc = code(text)
    for actor in doc.actors:
        assert actor.spans
        for s, e in actor.spans:
            assert text[s:e] in ("Moscow", "Kyiv")


def test_media_are_organizations_not_actors(code):
    doc = code("Reuters reported that Al Jazeera had been banned in Egypt.")
    assert "Reuters" not in ids(doc)
    assert {"Reuters", "Al Jazeera"} <= {o.id for o in doc.organizations}
