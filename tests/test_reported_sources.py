"""Reported speech: sources named only by an organisation the NER knows, by a phrase holding an
actor, by a collective, or by a leader's spokesperson."""


def reported(doc):
    return [(q.speaker, q.text) for q in doc.quotes if not q.direct]


def test_spokesperson_of_a_leader_named_by_a_pronoun(code):
    doc = code("Russian President Dmitry Medvedev called a meeting on Monday. His spokesperson said Moscow "
               "had no legal grounds to intervene in the conflict.", date="2010-06-14")
    assert ("RUS", "Moscow had no legal grounds to intervene in the conflict") in reported(doc)


def test_according_to_a_phrase_that_names_a_state(code):
    doc = code("According to reports from the interior ministry of Belarus, around 20,000 people attended the rally.")
    assert reported(doc) == [("BLR", "around 20,000 people attended the rally")]


def test_collective_subject_of_a_summit(code):
    doc = code("NATO met in Bucharest. To appease the two countries, the leaders said they will join "
               "the programme and become members.", date="2008-04-03")
    assert ("NATO", "they will join the programme and become members") in reported(doc)


def test_organisation_the_ner_names(code):
    doc = code("Harbour Analytics reported that the talks had collapsed on Friday night.")
    assert reported(doc) == [("Harbour Analytics", "the talks had collapsed on Friday night")]
