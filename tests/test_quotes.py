"""Quotes: quotation marks of every kind, attribution forms, reported speech, broken marks."""


def direct(doc):
    return [(q.speaker, q.text) for q in doc.quotes if q.direct]


def reported(doc):
    return [(q.speaker, q.text) for q in doc.quotes if not q.direct]


def test_quote_then_said_name(code):
    doc = code('"This will never happen," Defence Minister Andrei Ravkov said.', date="2016-04-08")
    assert direct(doc) == [("Andrei Ravkov", "This will never happen")]


def test_said_then_colon_quote(code):
    doc = code('Foreign Minister Sergei Lavrov said: "The talks were useful but difficult."', date="2019-05-05")
    assert direct(doc) == [("Sergei Lavrov", "The talks were useful but difficult.")]


def test_inverted_said(code):
    doc = code("“Sanctions will not change our course,” said Iranian Foreign Minister Javad Zarif.",
               date="2019-05-05")
    assert direct(doc) == [("Javad Zarif", "Sanctions will not change our course")]


def test_dash_attribution(code):
    doc = code('"We will never give up our land" — Volodymyr Zelensky, in his evening address.', date="2022-03-01")
    assert direct(doc) == [("Volodymyr Zelensky", "We will never give up our land")]


def test_guillemets(code):
    doc = code("«We will defend every inch of our territory,» said Lithuanian President Gitanas Nauseda.",
               date="2022-03-01")
    assert direct(doc) == [("Gitanas Nauseda", "We will defend every inch of our territory")]


def test_according_to_with_pronoun(code):
    text = ('Kazakh President Kassym-Jomart Tokayev spoke in Astana. According to him, Kazakhstan '
            '"will not recognise the breakaway republics."')
    doc = code(text, date="2022-06-17")
    assert direct(doc) == [("Kassym-Jomart Tokayev", "will not recognise the breakaway republics.")]


def test_multi_sentence_quote(code):
    doc = code('"The ceasefire is holding. Both sides have pulled back their heavy weapons. We hope it lasts," '
               'the OSCE Secretary General Thomas Greminger told reporters.', date="2019-02-01")
    (speaker, text), = direct(doc)
    assert speaker == "Thomas Greminger" and text.startswith("The ceasefire") and text.endswith("it lasts")


def test_split_quote_is_one_quote(code):
    doc = code('"We are ready to talk," Prime Minister Nikol Pashinyan said. "But not under threat."',
               date="2021-05-20")
    assert direct(doc) == [("Nikol Pashinyan", "We are ready to talk But not under threat.")]
    assert len(doc.quotes[0].spans) == 2


def test_continuation_paragraph_keeps_speaker(code):
    text = ('"For today, I see no obstacles to signing," President Viktor Yanukovych said on television.\n'
            '"All requirements will be met. I have no doubts about that."')
    doc = code(text, date="2013-08-30")
    assert [s for s, _ in direct(doc)] == ["Viktor Yanukovych", "Viktor Yanukovych"]


def test_institution_speaker_and_it(code):
    text = ('Ukraine\'s border service said on Sunday that traffic had resumed. '
            '"Trucks are crossing as usual," it added.')
    doc = code(text, date="2023-12-24")
    assert ("UKR", "Trucks are crossing as usual") in direct(doc)


def test_definite_description_speaker(code):
    text = ('US President Joe Biden arrived in Warsaw on Friday. The president said on Saturday that '
            'NATO "will defend every inch of allied territory."')
    doc = code(text, date="2022-03-26")
    assert direct(doc) == [("Joe Biden", "will defend every inch of allied territory.")]


def test_scare_quotes_are_not_quotes(code):
    doc = code('The two sides signed a "phase one" deal and guarded the "Lachin corridor".', date="2020-01-15")
    assert direct(doc) == []


def test_reported_speech_said_that(code):
    doc = code("German Chancellor Olaf Scholz said that Germany would send more air defence systems to Ukraine.",
               date="2023-01-10")
    assert reported(doc) == [("Olaf Scholz", "Germany would send more air defence systems to Ukraine")]


def test_reported_speech_according_to(code):
    doc = code("According to Jens Stoltenberg, the alliance is ready to defend its eastern flank.",
               date="2022-03-01")
    assert reported(doc) == [("Jens Stoltenberg", "the alliance is ready to defend its eastern flank")]


def test_reported_speech_stressed_the_need(code):
    doc = code("Foreign Minister Vladimir Makei stressed the need for settling the conflict peacefully.",
               date="2016-04-08")
    (speaker, text), = reported(doc)
    assert speaker == "Vladimir Makei" and text.startswith("the need for settling")


def test_unbalanced_quote_does_not_swallow_the_article(code):
    text = ('The opposition called the plan "a disaster and walked out of the chamber.\n\n'
            'Foreign Minister Ararat Mirzoyan said: "We will not sign."')
    doc = code(text, date="2022-01-01")
    assert direct(doc) == [("Ararat Mirzoyan", "We will not sign.")]


def test_quotation_over_two_paragraphs(code):
    text = ('Foreign Minister Ararat Mirzoyan said: "We will not sign this document.\n\n'
            '"Nobody can force us to," he added.')
    doc = code(text, date="2022-01-01")
    assert [s for s, _ in direct(doc)] == ["Ararat Mirzoyan", "Ararat Mirzoyan"]


def test_stray_marks_never_crash(code):
    for text in ['"', '“”', '«', 'A " b', '"""" x """', 'He said ”no“ twice.', '" ' * 500]:
        code(text + " The minister spoke in Kyiv on Monday about the war.")


def test_quote_spans_point_at_the_text(code):
    text = '"No one will win this war," the UN Secretary-General Antonio Guterres said.'
    doc = code(text, date="2022-04-01")
    q = doc.quotes[0]
    assert text[q.span[0]:q.span[1]] == "No one will win this war"
    assert text[q.speaker_span[0]:q.speaker_span[1]] in q.speaker


def test_single_quotation_marks_british_style(code):
    doc = code("‘We are ready to talk,’ Foreign Secretary David Lammy said. Russia’s ‘red lines’ were not discussed.",
               date="2024-10-01")
    assert direct(doc) == [("David Lammy", "We are ready to talk")]


def test_mid_sentence_quotes_go_to_their_own_speakers(code):
    doc = code('Defence Minister Israel Katz said the country was "prepared for every scenario", while Qatar\'s '
               'Prime Minister Mohammed bin Abdulrahman Al Thani urged "maximum restraint".', date="2025-06-01")
    assert dict((t, s) for s, t in direct(doc)) == {"prepared for every scenario": "Israel Katz",
                                                      "maximum restraint": "Mohammed bin Abdulrahman Al Thani"}
