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
    doc = code('Egypt said Qatar was in pursuit of "hidden goals" and accused the Gulf nation of ignoring the '
               '"will of the people."')
    assert direct(doc) == [("EGY", "hidden goals"), ("EGY", "will of the people.")]


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
    doc = code('Today the Chinese Foreign Ministry spokeswoman, Li Mei, said that Beijing "respects the wishes '
               'of the Nepali people".')
    assert direct(doc) == [("Li Mei", "respects the wishes of the Nepali people")]


def test_a_quotation_set_off_by_dashes_is_the_name_before_it(code):
    doc = code('A chorus of senators has said the same, including the former governor Maria Lopez -- '
               '"It is wrong to hide the returns from voters" -- and Fred Harlow, a former tax official.')
    assert direct(doc) == [("Maria Lopez", "It is wrong to hide the returns from voters")]


def test_footage_of_a_person_asking(code):
    doc = code('The ad uses footage of Barack Obama asking, “Why aren’t we 20 points ahead, you might ask?”')
    assert direct(doc) == [("Barack Obama", "Why aren’t we 20 points ahead, you might ask?")]


def test_an_interposed_reporter_owns_what_others_believe(code):
    doc = code('During her years in office, Governor Ann Keller said, most Canadians have come to believe '
               '"that the river must be cleaned."')
    assert direct(doc) == [("Ann Keller", "that the river must be cleaned.")]


def test_a_surname_that_is_also_a_country_speaks_for_the_person(code):
    doc = code('Congressman Jim Jordan questioned the director. Mills "got a deal," Jordan said.')
    assert direct(doc) == [("Jim Jordan", "got a deal")]


def test_a_quoted_label_is_not_reported_a_second_time(code):
    doc = code('Prime Minister Imran Qadir condemned the missile strikes as an "act of war" on Tuesday.')
    assert [(q.speaker, q.direct) for q in doc.quotes] == [("Imran Qadir", True)]


def test_a_quotation_inside_a_quotation_is_the_quoting_speakers(code):
    doc = code('Senator Ann Keller went on:\n\n"The board is a partisan matter, and I will read you the question: '
               '“Do you trust the board to act?” Forty said yes."')
    assert direct(doc) == [
        ("Ann Keller", "The board is a partisan matter, and I will read you the question: "
                       "“Do you trust the board to act?” Forty said yes."),
        ("Ann Keller", "Do you trust the board to act?")]


def test_every_party_of_a_joint_statement_speaks_it(code):
    doc = code('Ukraine seized two Russian ships on Sunday. The EU and NATO called for restraint on both sides.')
    assert [(q.speaker, q.text) for q in doc.quotes if not q.direct] == [
        ("EU", "for restraint on both sides"), ("NATO", "for restraint on both sides")]


def test_marks_pair_inside_an_open_quotation():
    from detente.coding.quotemarks import find_quotations

    text = '“I would rather live in what he calls “hell” than in his world.” ― Ana Ruiz'
    assert [text[s:e] for s, e in find_quotations(text)] == [
        "I would rather live in what he calls “hell” than in his world.", "hell"]


def test_a_described_speaker_ends_before_its_owners_apposition(code):
    doc = code('Officials with the Port Safety Office, a branch of the city council, said they feared that '
               'smugglers "may try ever more elaborate ways to get around" the checks.')
    assert direct(doc) == [("Officials with the Port Safety Office", "may try ever more elaborate ways to get around")]


def test_what_a_speaker_goes_on_about_is_the_speakers(code):
    doc = code('Governor Ann Keller spoke for an hour. As Keller went on about “how the budget is rigged,” and '
               '“our forgotten towns,” Martha nodded and said yes, yes, over and over again.')
    assert direct(doc) == [("Ann Keller", "how the budget is rigged"), ("Ann Keller", "our forgotten towns")]


def test_he_is_the_subject_named_by_surname_only(code):
    doc = code('New Jersey Gov. Chris Christie described Hillary Clinton as a “disgrace” on Monday. Hillary Clinton '
               'criticized the police on Tuesday.\n\nChristie, who has campaigned heavily for GOP nominee Donald Trump '
               'since he suspended his own campaign in February, blasted Clinton as a “disgrace” Wednesday on a radio '
               'show.\n\n“She’s a disgrace and those comments are a disgrace,” he said.')
    assert [s for s, _ in direct(doc)] == ["Chris Christie"] * 3


def test_a_book_title_with_a_subtitle_is_no_quotation(code):
    doc = code('Lena Marsh, one of the mayor\'s closest aides, recalled Mayor Tom Albright talking about '
               '"Drift: How Rivers Choose to Flood or Recede," a 2005 best seller.')
    assert direct(doc) == []


def reported(doc):
    return [(q.speaker, q.text) for q in doc.quotes if not q.direct]


def test_a_name_given_inside_a_noun_phrase_is_no_statement(code):
    doc = code('Kenya and Somalia have agreed what they called a lasting truce after reports of new shooting '
               'near the border.')
    assert reported(doc) == []


def test_a_question_whether_someone_thinks_is_no_statement(code):
    doc = code('Senator Ann Keller met reporters on Monday. Asked if she thought that the leaked memo was genuine '
               'and should be taken seriously, Keller said: "It looks real."')
    assert reported(doc) == []


def test_a_resolution_calling_for_is_not_its_opponents_statement(code):
    doc = code('The Security Council met on Monday. The United States vetoed a draft resolution calling for '
               'an immediate truce in the region.')
    assert reported(doc) == []


def test_a_subject_hung_on_the_auxiliary_still_speaks(code):
    doc = code('Kenya had earlier on Saturday accused neighbour Somalia of massing troops and heavy weapons near '
               'their border.')
    assert [s for s, _ in reported(doc)] == ["KEN"]
