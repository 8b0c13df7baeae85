"""Persons: names, roles and affiliations from titles, appositions and the knowledge base."""


def person(doc, surname):
    found = [p for p in doc.persons if p.name.split()[-1] == surname]
    assert found, f"{surname} not among {[p.name for p in doc.persons]}"
    return found[0]


def test_title_before_name_with_of_country(code):
    doc = code("The Defence Minister of Ukraine Oleksii Reznikov arrived in Brussels.", date="2022-10-12")
    p = person(doc, "Reznikov")
    assert p.role == "Defence Minister" and p.affiliation == "UKR"


def test_adjective_title_before_name(code):
    doc = code("Russian Foreign Minister Sergei Lavrov met his Turkish counterpart.", date="2022-03-10")
    p = person(doc, "Lavrov")
    assert p.role == "Foreign Minister" and p.affiliation == "RUS" and p.affiliation_source == "text"


def test_possessive_title(code):
    doc = code("China's ambassador to the UN Zhang Jun abstained.", date="2022-02-25")
    p = person(doc, "Jun")
    assert p.affiliation == "CHN"
    assert "ambassador" in p.role.lower()


def test_possessive_with_a_bare_apostrophe(code):
    # a name ending in -s takes the apostrophe alone: "Philippines' President"
    doc = code("Philippines' President Rodrigo Duterte landed in Tokyo. Later Duterte criticized Japan.")
    p = person(doc, "Duterte")
    assert p.role == "President" and p.affiliation == "PHL"
    assert any((e.source, e.target, e.cameo) == ("PHL", "JPN", "111") for e in doc.events)


def test_apposition_after_name(code):
    doc = code("Ned Price, a spokesman for the State Department, declined to comment.", date="2022-05-01")
    p = person(doc, "Price")
    assert p.role == "spokesman" and p.affiliation == "USA"


def test_apposition_with_igo(code):
    doc = code("Jens Stoltenberg, the NATO Secretary General, visited Kyiv.", date="2023-04-20")
    p = person(doc, "Stoltenberg")
    assert p.role == "Secretary General" and p.affiliation == "NATO"


def test_apposition_before_name_with_bracketed_country(code):
    doc = code("According to the director of the Institute of Political Studies (Georgia), Nika Chitadze, "
               "the talks will fail.", date="2021-06-01")
    p = person(doc, "Chitadze")
    assert p.role.startswith("director of the Institute") and p.affiliation == "GEO"


def test_surname_only_mention_is_the_same_person(code):
    doc = code("Chancellor Olaf Scholz spoke in Berlin. Later, Scholz met union leaders.", date="2023-01-10")
    assert [p.name for p in doc.persons if "Scholz" in p.name] == ["Olaf Scholz"]
    assert len(person(doc, "Scholz").spans) == 2


def test_knowledge_base_fills_affiliation_not_role(code):
    doc = code("Nazarbayev and Lukashenko held a phone call on Monday.", date="2016-04-11")
    naz, luk = person(doc, "Nazarbayev"), person(doc, "Lukashenko")
    assert naz.affiliation == "KAZ" and naz.affiliation_source == "kb" and naz.role is None
    assert naz.kb_role == "President"
    assert luk.affiliation == "BLR"


def test_office_on_the_article_date(code):
    doc = code("Medvedev said the budget would be balanced.", date="2016-04-08")
    p = person(doc, "Medvedev")
    assert p.affiliation == "RUS" and p.kb_role == "Prime Minister"
    doc = code("Medvedev said the budget would be balanced.", date="2010-04-08")
    assert person(doc, "Medvedev").kb_role == "President"


def test_names_glued_to_country_are_trimmed(code):
    doc = code("The Defense Minister of Belarus Andrei Ravkov said so.", date="2016-04-08")
    assert "Andrei Ravkov" in [p.name for p in doc.persons]
    assert not any(p.name.startswith("Belarus") for p in doc.persons)


def test_media_outlet_possessive(code):
    doc = code("The BBC's Lyse Doucet in Kabul says the mood is tense.", date="2021-08-20")
    assert person(doc, "Doucet").affiliation == "BBC"


def test_party_in_brackets(code):
    doc = code("Opposition leaders Vitali Klitschko (UDAR) and Oleh Tyahnybok (Svoboda) joined the rally.",
               date="2013-12-01")
    assert person(doc, "Klitschko").affiliation == "UDAR"
    assert person(doc, "Tyahnybok").affiliation == "Svoboda"


def test_person_spans_point_at_names(code):
    text = "Turkish President Recep Tayyip Erdogan met Vladimir Putin in Sochi."
    doc = code(text, date="2021-09-29")
    for p in doc.persons:
        for s, e in p.spans:
            assert text[s:e] in p.name or p.name in text[s:e]
