"""Quotation frames beyond "X said": other marks, other verbs, frames across sentence and
paragraph breaks, described speakers, and what is not a quotation (titles, terms)."""
from detente.coding.quotemarks import find_quotations


def direct(doc):
    return [(q.speaker, q.text) for q in doc.quotes if q.direct]


def test_typewriter_pair_marks(code):
    text = "''We will not back down,'' said Senator Maria Lopez. ''Never.''"
    assert [text[s:e] for s, e in find_quotations(text)] == ["We will not back down,", "Never."]
    doc = code("''We will not back down,'' said Senator Maria Lopez.")
    assert direct(doc) == [("Maria Lopez", "We will not back down")]


def test_two_apostrophes_inside_a_word_are_not_a_mark():
    assert find_quotations("rock''n''roll and ''fine'' days") == [(len("rock''n''roll and ''"), len("rock''n''roll and ''fine"))]


def test_question_mark_ends_the_sentence_before_the_frame(code):
    doc = code('Governor Ann Keller spoke to farmers on Monday. "Why should we wait?" she asked.')
    assert direct(doc) == [("Ann Keller", "Why should we wait?")]


def test_any_verb_after_the_quotation_frames_it(code):
    doc = code('"This is a disgrace!" Thornbury exclaimed.')
    assert direct(doc) == [("Thornbury", "This is a disgrace!")]


def test_inverted_frame_with_a_verb_outside_the_list(code):
    doc = code('"We are ready for the debate," interjected campaign manager Tom Albright.')
    assert direct(doc) == [("Tom Albright", "We are ready for the debate")]


def test_colon_closing_the_paragraph_before(code):
    doc = code('Mayor Paul Dunmore wrote on Sunday:\n\n"The bridge will reopen in May, and the tolls will stay."')
    assert direct(doc) == [("Paul Dunmore", "The bridge will reopen in May, and the tolls will stay.")]


def test_horizontal_bar_and_an_unknown_name(code):
    doc = code('"The plan is reckless and it will fail." ― Ellen Marsh')
    assert direct(doc) == [("Ellen Marsh", "The plan is reckless and it will fail.")]


def test_described_speaker_keeps_the_quotation(code):
    doc = code('"We have no comment on the negotiations," a spokesman for the company said.')
    assert direct(doc) == [("a spokesman for the company", "We have no comment on the negotiations")]


def test_a_name_inside_the_quotation_does_not_speak_it(code):
    doc = code('"Talking to Ivan Petrov was useless," the daily wrote.')
    assert direct(doc) == [("the daily", "Talking to Ivan Petrov was useless")]


def test_partial_quotation_belongs_to_the_clause_subject(code):
    doc = code('Senator Ruth Calder likened the proposal to "a blank cheque for the banks".')
    assert direct(doc) == [("Ruth Calder", "a blank cheque for the banks")]


def test_quotation_after_a_statement_in_the_same_paragraph(code):
    doc = code('The bill has stalled in the Senate, Senator Ruth Calder said on Tuesday. '
               '"We need another vote before the recess."')
    assert direct(doc) == [("Ruth Calder", "We need another vote before the recess.")]


def test_participle_after_a_name(code):
    doc = code('The advert shows Governor Ann Keller asking, "Who pays for this?"')
    assert direct(doc) == [("Ann Keller", "Who pays for this?")]


def test_named_speaker_up_the_chain_beats_a_described_one(code):
    doc = code('Mayor Paul Dunmore said in a letter that the report "badly misrepresents" the city.')
    assert direct(doc) == [("Paul Dunmore", "badly misrepresents")]


def test_titles_are_not_quotations(code):
    doc = code('She appeared on "Meet the Press" on Sunday and said the talks had failed.')
    assert direct(doc) == []
    doc = code('The senator, who watched "Game of Thrones" last night, left early.')
    assert direct(doc) == []


def test_split_quotation_around_one_frame_is_one_quote(code):
    doc = code('"If you look back at the record," Senator Tom Avery said, "you will find nothing at all."')
    assert direct(doc) == [("Tom Avery", "If you look back at the record you will find nothing at all.")]


def test_two_partial_quotations_of_one_verb_stay_two(code):
    doc = code('Senator Tom Avery said the bill was "badly drafted" and "a gift to lobbyists".')
    assert direct(doc) == [("Tom Avery", "badly drafted"), ("Tom Avery", "a gift to lobbyists")]


def test_unnamed_speaker_still_makes_a_quotation(code):
    doc = code('The campaign is denouncing what it calls "a coordinated smear by the tabloids".')
    assert [t for _, t in direct(doc)] == ["a coordinated smear by the tabloids"]


def test_a_named_subject_up_the_chain_beats_a_pronoun(code):
    doc = code('Mayor Paul Dunmore said the museum would tell a story "of hardship and of hope".')
    assert direct(doc) == [("Paul Dunmore", "of hardship and of hope")]


def test_surname_that_is_also_a_country(code):
    doc = code('"We will get to the bottom of this," Rep. Jim Jordan said on Tuesday.', date="2016-09-20")
    assert direct(doc) == [("Jim Jordan", "We will get to the bottom of this")]
    assert [p.name for p in doc.persons] == ["Jim Jordan"]


def test_of_two_subjects_the_one_naming_a_person_speaks(code):
    doc = code('"We will achieve justice in this case," Tulsa police Chief Chuck Jordan said on Monday.')
    assert direct(doc) == [("Chuck Jordan", "We will achieve justice in this case")]


def test_a_described_name_loses_its_title(code):
    doc = code('"We will rebuild the market," Charlotte Mayor Jennifer Robertsen said.')
    assert direct(doc) == [("Jennifer Robertsen", "We will rebuild the market")]


def test_collective_speaker_is_the_organisation_named_around_it(code):
    doc = code('NATO held its summit in Oslo on Friday. "We stand together against any threat," '
               'the leaders said in a joint declaration.')
    assert direct(doc) == [("NATO", "We stand together against any threat")]


def test_collective_speaker_between_two_organisations_stays_described(code):
    doc = code('NATO and the EU met in Oslo on Friday. "We stand together against any threat," '
               'the leaders said in a joint declaration.')
    assert direct(doc) == [("the leaders", "We stand together against any threat")]


def test_a_named_speaker_nearer_the_quotation_beats_a_described_one(code):
    doc = code('The advert ends with footage of Governor Ann Keller saying, "Nobody pays more under my plan."')
    assert direct(doc) == [("Ann Keller", "Nobody pays more under my plan.")]


def test_misparsed_frame_takes_the_person_between_quotation_and_verb(code):
    doc = code('"I make you this promise: we will find the truth," Tulsa police Chief Chuck Jordanson said Monday. '
               '"I want to reassure our community."')
    assert [s for s, _ in direct(doc)] == ["Chuck Jordanson"]
