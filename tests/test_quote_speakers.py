"""Who speaks a quotation: documents that speak for their authors, reporters over the clauses they
report, names the NER missed, and antecedents never taken from inside a quotation."""
from test_quote_frames import direct


def test_a_dash_glued_to_the_closing_mark_still_names_the_speaker(code):
    doc = code("“The mayor never listens to us. He is blind to our lives.”― Dolores Quintana\n"
               "“I am so tired of waiting.” ― Veronica Marsh")
    assert direct(doc) == [("Dolores Quintana", "The mayor never listens to us. He is blind to our lives."),
                           ("Veronica Marsh", "I am so tired of waiting.")]


def test_a_draft_speaks_for_the_body_that_adopted_the_resolution(code):
    doc = code('The Security Council passed a resolution on Friday. The original draft called for '
               '"an urgent and lasting end to the fighting" and more aid.')
    assert direct(doc) == [("UN", "an urgent and lasting end to the fighting")]


def test_a_paper_speaks_for_the_state_that_drew_it_up(code):
    doc = code('The Kremlin drew up a secret strategy to win back Minsk. The paper says that reformers in '
               'the ministry should be "removed from office".')
    assert direct(doc) == [("RUS", "removed from office")]


def test_a_document_of_two_parties_has_no_one_author(code):
    doc = code('Kenya and Ethiopia signed a Kenya-Ethiopia trade agreement in May. The paper says that '
               'tariffs should be "cut to zero within a decade".')
    assert [s for s, _ in direct(doc)] != ["KEN"] and [s for s, _ in direct(doc)] != ["ETH"]


def test_a_reporting_verb_joined_to_the_reported_clause_is_the_reporters(code):
    doc = code('Egypt said the deal was a "grave mistake" and accused the Gulf state of betraying the '
               '"hopes of the region."')
    assert direct(doc) == [("EGY", "grave mistake"), ("EGY", "hopes of the region.")]


def test_a_verb_of_thought_under_a_verb_of_speech_leaves_the_words_to_the_reporter(code):
    doc = code('In Berlin, government spokesman Steffen Lang said Germany considered the remarks '
               '"deeply at odds with our friendship" with Paris.')
    assert direct(doc) == [("Steffen Lang", "deeply at odds with our friendship")]


def test_he_after_a_quotation_is_not_a_name_inside_it(code):
    doc = code('"Those who offend the nation will be punished," Xi Jinping told reporters. '
               '"The Philippines\' Rodrigo Duterte and others ride the coattails of the United States," he said.')
    assert [s for s, _ in direct(doc)] == ["Xi Jinping", "Xi Jinping"]


def test_a_surname_the_ner_missed_is_the_person_named_before(code):
    doc = code('Philippine President Rodrigo Duterte met Chinese President Xi Jinping in Beijing.\n\n'
               'Duterte called the meeting "historic", it added.')
    assert direct(doc) == [("Rodrigo Duterte", "historic")]


def test_a_spokeswoman_named_after_her_title_speaks_herself(code):
    doc = code('Today Japan\'s Foreign Ministry spokeswoman Mei Tanaka said that Tokyo "respects the wishes '
               'of the Korean people".')
    assert direct(doc) == [("Mei Tanaka", "respects the wishes of the Korean people")]
