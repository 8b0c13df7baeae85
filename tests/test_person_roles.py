"""Persons: names the NER cuts or glues, words that are not persons, and roles and affiliations
the text gives indirectly (lists of titled names, "the country's")."""
from detente.coding.persons import PersonRecord, _merge_fragments


def persons(doc):
    return {p.name: (p.role, p.affiliation) for p in doc.persons}


def test_the_countrys_title_belongs_to_the_state_named_before(code):
    doc = code("The delegation flew to Portugal to meet the country's Prime Minister Rui Almeida.", date="2021-05-01")
    assert persons(doc)["Rui Almeida"] == ("Prime Minister", "PRT")


def test_titled_names_in_a_list_share_the_first_ones_state(code):
    doc = code("Present were Danish Foreign Minister Lars Holmberg, Defence Minister Anne Vestergaard "
               "and Ambassador to NATO Peter Kjaergaard.", date="2021-05-01")
    found = persons(doc)
    assert found["Anne Vestergaard"] == ("Defence Minister", "DNK")
    assert found["Peter Kjaergaard"] == ("Ambassador to NATO", "DNK")


def test_a_capitalised_word_alone_is_not_a_person(code):
    doc = code("Warplanes struck the outskirts of Goma on Monday, and Twitter filled with pictures.")
    assert persons(doc) == {}


def test_a_gerund_is_not_part_of_the_name(code):
    doc = code("Releasing Tomas Varga was a gesture of goodwill, the ministry said.")
    assert "Tomas Varga" in persons(doc) and not any(n.startswith("Releasing") for n in persons(doc))


def test_known_name_written_longer_keeps_the_whole_name(code):
    doc = code("Qatar's Prime Minister Sheikh Hamad bin Jassim al-Thani arrived in Cairo.", date="2012-01-01")
    assert persons(doc) == {"Hamad bin Jassim al-Thani": ("Prime Minister", "QAT")}


def test_name_parts_fold_into_the_full_name():
    full = PersonRecord(["li", "wenhao"], "Li Wenhao", [(0, 2)])
    family = PersonRecord(["li"], "Li", [(9, 10)])
    middle = PersonRecord(["javad", "zarif"], "Javad Zarif", [(20, 22)])
    whole = PersonRecord(["mohammad", "javad", "zarif"], "Mohammad Javad Zarif", [(30, 33)])
    out = _merge_fragments([full, family, middle, whole])
    assert [r.display for r in out] == ["Li Wenhao", "Mohammad Javad Zarif"]
    assert out[0].mentions == [(0, 2), (9, 10)] and (20, 22) in out[1].mentions


def test_a_part_shared_by_two_full_names_stays_apart():
    a = PersonRecord(["li", "wenhao"], "Li Wenhao", [(0, 2)])
    b = PersonRecord(["li", "qiang"], "Li Qiang", [(5, 7)])
    alone = PersonRecord(["li"], "Li", [(9, 10)])
    assert len(_merge_fragments([a, b, alone])) == 3


def test_adjacent_person_entities_are_one_name():
    import spacy
    from spacy.tokens import Span

    from detente.coding.persons import _joined

    doc = spacy.blank("en")("President Abel Rami Mansur Hadid spoke.")
    doc.ents = [Span(doc, 1, 3, "PERSON"), Span(doc, 3, 5, "PERSON")]
    assert [e.text for e in _joined(doc.ents)] == ["Abel Rami Mansur Hadid"]


def test_plural_title_names_the_people_listed_after_it(code):
    doc = code("Officials said the prime ministers of both sides -- Slovenia's Janez Novak and Croatia's "
               "Ivo Horvat -- had signed the text.", date="2013-04-20")
    found = persons(doc)
    assert found["Janez Novak"] == ("prime minister", "SVN") and found["Ivo Horvat"] == ("prime minister", "HRV")


def test_long_title_in_capitals_before_the_name(code):
    doc = code("Later, Moldovan Minister for Foreign Affairs and European Integration Andrei Popescu "
                "spoke to reporters.", date="2018-06-01")
    assert persons(doc)["Andrei Popescu"] == ("Minister for Foreign Affairs and European Integration", "MDA")


def test_a_spokesman_serves_the_state_of_the_leader_named_before(code):
    doc = code("Putin has a new plan for the talks, spokesman Ivan Sorokin said.", date="2014-09-03")
    assert persons(doc)["Ivan Sorokin"] == ("spokesman", "RUS")


def test_a_bare_official_title_belongs_to_the_state_the_article_is_about(code):
    text = ("Fighting spread across Moldova on Sunday. Rebels in Moldova seized the airport, and Moldova's "
            "army withdrew to the south, where embattled President Andrei Popescu took refuge.")
    assert persons(code(text, date="2015-03-01"))["Andrei Popescu"] == ("President", "MDA")


def test_no_home_state_when_two_states_share_the_article(code):
    text = ("Moldova and Romania signed a deal. Moldova and Romania will open the border, and "
            "President Andrei Popescu welcomed it.")
    assert persons(code(text, date="2015-03-01"))["Andrei Popescu"] == ("President", None)


def test_place_and_title_glued_to_the_name_are_trimmed(code):
    doc = code('Springfield Mayor Jennifer Robertsen said the video should be released.')
    assert list(persons(doc)) == ["Jennifer Robertsen"]


def test_counterpart_takes_the_owners_title_and_its_own_state(code):
    doc = code("Danish Foreign Minister Lars Holmberg met his Swedish counterpart Karin Lindqvist in Malmo.",
               date="2021-05-01")
    assert persons(doc)["Karin Lindqvist"] == ("Foreign Minister", "SWE")


def test_counterparts_respectively_pair_states_and_names_in_order(code):
    doc = code("Austrian Defence Minister Klaus Huber and his Czech, Slovak and Hungarian counterparts, "
               "Jan Dvorak, Peter Kovac and Gabor Nagy, respectively, met in Vienna.", date="2021-05-01")
    found = persons(doc)
    assert [found[n][1] for n in ("Jan Dvorak", "Peter Kovac", "Gabor Nagy")] == ["CZE", "SVK", "HUN"]
    assert all(found[n][0] == "Defence Minister" for n in ("Jan Dvorak", "Peter Kovac", "Gabor Nagy"))


def test_a_candidate_belongs_to_the_state_the_article_is_about(code):
    text = ("Protests spread across Moldova. Moldova's police detained hundreds, and Moldova's courts "
            "were closed. The rally was led by Ana Popa, a presidential candidate who fled abroad.")
    assert persons(code(text, date="2020-09-01"))["Ana Popa"][1] == "MDA"
