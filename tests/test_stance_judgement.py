"""Stances as a judgement over all the evidence: one test per cue and rule, on sentences written for
these tests (none taken from the dev or peer articles)."""
import json
import os
import subprocess
import sys

import pytest

CONFLICT = "Fighting between Armenia and Azerbaijan over Nagorno-Karabakh flared again on Saturday. "


@pytest.fixture(scope="module")
def positions(coder):
    def _positions(text: str, date: str = "2016-04-03", explain: bool = False):
        from detente.model import Article
        from detente.coding.pipeline import code_articles

        doc = next(code_articles([Article(text, date=date)], explain=explain))
        return doc if explain else {(s.actor, s.position) for s in doc.stances}
    return _positions


# ------------------------------------------------------------------ who holds the position
def test_coordinated_subjects_all_hold_it(positions):
    got = positions(CONFLICT + "Georgia and Iran called for restraint on both sides.")
    assert {("GEO", "neutral"), ("IRN", "neutral")} <= got


def test_holder_of_a_relative_clause(positions):
    got = positions(CONFLICT + "Pakistan, which has long backed Azerbaijan, sent a delegation to Baku on Monday.")
    assert ("PAK", "side:AZE") in got


def test_acting_as_mediator_is_neutral(positions):
    got = positions(CONFLICT + "Talks resumed in Vienna, with Switzerland acting as a mediator.")
    assert ("CHE", "neutral") in got


def test_we_in_a_quotation_is_the_speaker(positions):
    got = positions(CONFLICT + "\u201cWe stand firmly with Armenia,\u201d the French foreign minister, "
                    "Jean-Yves Le Drian, "
                    "said on Sunday.")
    assert ("FRA", "side:ARM") in got


def test_what_a_quotation_says_of_a_party_is_not_the_partys_statement(positions):
    got = positions(CONFLICT + "An Armenian official said that Azerbaijan condemned Armenia for the shelling.")
    # Azerbaijan's hostility is only reported by its adversary: no stance for the party
    assert ("AZE", "against:ARM") not in got


# ------------------------------------------------------------------ whom it is aimed at
def test_against_a_possessors_act(positions):
    got = positions(CONFLICT + "Canada spoke out against Azerbaijan's offensive.")
    assert ("CAN", "against:AZE") in got and ("CAN", "against:ARM") not in got


def test_deal_between_two_owners(positions):
    got = positions("Egypt and Greece denounced the agreement between Turkey and Libya on Tuesday. "
                    "Cyprus condemned the agreement between Turkey and Libya as illegal.", date="2019-12-12")
    assert {("EGY", "against:TUR"), ("GRC", "against:TUR"), ("CYP", "against:TUR")} <= got


def test_voting_for_a_resolution_sides_with_its_sponsor(positions):
    got = positions("The draft resolution was proposed by Georgia. Sweden, Poland and Japan voted in favour of the "
                    "resolution, while Serbia voted against the resolution.", date="2019-06-04")
    assert {("SWE", "side:GEO"), ("POL", "side:GEO"), ("JPN", "side:GEO"), ("SRB", "against:GEO")} <= got


def test_justifying_the_disputed_act_sides_with_its_author(positions):
    got = positions("French jets bombed rebel positions in northern Chad on Monday, killing dozens of fighters. "
                    "The Chadian army shelled the border area as well. "
                    "Belgium condemned France for the bombing and Nigeria condemned France too. "
                    "Spain found the air strike justified.", date="2019-02-05")
    assert ("ESP", "side:FRA") in got


def test_support_for_a_people_is_not_support_for_its_state(positions):
    got = positions("Sudan's army cracked down on protesters in Khartoum, killing twelve. Kenya and Egypt condemned "
                    "Sudan for the killings. Norway voiced its support for the Sudanese people.", date="2019-06-05")
    assert ("NOR", "side:SDN") not in got


def test_rebels_named_by_a_demonym_are_the_rebel_party(positions):
    got = positions("Fighting between the Houthis and the Yemeni government intensified in the civil war. "
                    "Iran has openly backed the Yemeni rebels.", date="2016-03-01")
    assert ("IRN", "side:Houthis") in got and ("IRN", "side:YEM") not in got


# ------------------------------------------------------------------ negation
def test_refusing_to_recognise_is_opposition(positions):
    got = positions(CONFLICT + "Pakistan still does not recognise Armenia.")
    assert ("PAK", "against:ARM") in got


def test_no_grounds_to_intervene_is_neutral(positions):
    got = positions(CONFLICT + "Kazakhstan had no grounds to intervene in the conflict, its foreign ministry said.")
    assert ("KAZ", "neutral") in got


def test_a_negated_support_states_nothing(positions):
    got = positions(CONFLICT + "Greece would not support Azerbaijan.")
    assert ("GRC", "side:AZE") not in got and ("GRC", "against:AZE") not in got


# ------------------------------------------------------------------ issues and weighing
def test_critics_of_a_disputed_act_oppose_its_author(positions):
    got = positions("The Arab League suspended Syria over its crackdown on protesters. Qatar condemned Syria, and "
                    "Jordan criticised Syria. Canada praised the Arab League's decision.", date="2011-11-13")
    # praising the critics' act is a position toward the actor whose act is disputed
    assert ("CAN", "against:SYR") in got and ("CAN", "side:ARAB_LEAGUE") not in got


def test_bid_opposed_by_two_makes_an_issue(positions):
    got = positions("Austria and Hungary were against EU membership for Serbia and Montenegro. "
                    "Italy supported membership for Serbia and Montenegro.", date="2012-03-01")
    assert {("AUT", "against:SRB"), ("AUT", "against:MNE"), ("HUN", "against:SRB"), ("ITA", "side:SRB")} <= got


def test_a_truce_between_two_fighters_gives_them_no_stance(positions):
    got = positions("Armenian troops shelled Azerbaijani positions on Monday. Azerbaijan and Armenia later agreed "
                    "a ceasefire. Kazakhstan urged both countries to respect the ceasefire.", date="2021-05-01")
    assert ("KAZ", "neutral") in got
    assert not {p for a, p in got if a in ("ARM", "AZE")}


def _weigh(kb, issue, evidence):
    from detente.coding.stances import Judgement, _Weigher

    weigher = _Weigher(None, kb, kb.stance_cues, None)
    items = {}
    for ev in evidence:
        items.setdefault(ev.actor, []).append(ev)
    return weigher._combine(issue, items, Judgement(issue))


def test_an_event_and_a_clause_on_one_sentence_count_once(kb):
    from detente.coding.stance_reader import Evidence
    from detente.coding.stances import Issue

    issue = Issue("a war", [["ARM"], ["AZE"]])
    one = (0, 40)
    evidence = [Evidence("TUR", "side:AZE", 1.0, "event", "backed (051)", "s1", one),
                Evidence("TUR", "side:AZE", 1.0, "clause", "back", "s1", one),
                Evidence("TUR", "side:ARM", 1.0, "clause", "back", "s2", (41, 80)),
                Evidence("TUR", "side:ARM", 1.0, "clause", "support", "s3", (81, 120))]
    got = {(s.position, s.confidence) for s in _weigh(kb, issue, evidence)}
    # backing both sides is neutrality... (sided positions of both sides merge)
    assert got == {("neutral", 1.0)}
    evidence = [Evidence("TUR", "side:AZE", 1.0, "event", "backed (051)", "s1", one),
                Evidence("TUR", "side:AZE", 1.0, "clause", "back", "s1", one),
                Evidence("TUR", "neutral", 1.0, "phrase", "mediate", "s2", (41, 80)),
                Evidence("TUR", "neutral", 1.0, "phrase", "restraint", "s3", (81, 120))]
    got = {(s.position, s.confidence) for s in _weigh(kb, issue, evidence)}
    # ... and one sentence read twice does not outweigh two sentences
    assert got == {("neutral", round(2 / 3, 2))}


def test_positions_favouring_one_side_are_one_alignment(kb):
    from detente.coding.stance_reader import Evidence
    from detente.coding.stances import Issue

    issue = Issue("a war", [["ARM"], ["AZE"]])
    evidence = [Evidence("TUR", "side:AZE", 1.0, "clause", "back", "s1", (0, 10)),
                Evidence("TUR", "against:ARM", 1.0, "clause", "condemn", "s2", (11, 20)),
                Evidence("TUR", "neutral", 1.0, "phrase", "restraint", "s3", (21, 30))]
    got = {(s.position, s.confidence) for s in _weigh(kb, issue, evidence)}
    assert got == {("side:AZE", 0.67), ("against:ARM", 0.67)}


def test_explanations_say_why_a_party_has_no_stance(positions):
    doc = positions(CONFLICT + "Azerbaijani forces shelled Armenian villages. Georgia urged both sides to show "
                    "restraint.", explain=True)
    notes = doc.stance_explanations
    assert notes and notes[0]["issue"]
    assert any(g["actor"] == "GEO" and g["position"] == "neutral" and g["evidence"] for g in notes[0]["given"])
    assert any(n["actor"] == "AZE" and "party" in n["reason"] for n in notes[0]["not_given"])


def test_no_issue_is_explained(positions):
    doc = positions("The trade ministers of Chile and Peru met in Lima to discuss fisheries.", explain=True)
    assert doc.stances == [] and doc.stance_explanations[0]["issue"] is None


def test_one_opponent_in_the_lead_makes_an_issue(positions):
    got = positions("The Organization of American States suspended Nicaragua on Friday over the disputed election. "
                    "The vote came after a long debate in Washington.", date="2021-11-13")
    assert ("OAS", "against:NIC") in got


def test_the_name_after_a_tie_noun_holds_the_position(positions):
    doc = positions("EU partner Norway condemned the agreement between Qatar and Iran on Monday. "
                    "Sweden also condemned the agreement between Qatar and Iran.", date="2021-11-13", explain=True)
    got = {(s.actor, s.position) for s in doc.stances}
    assert ("NOR", "against:QAT") in got and not {p for a, p in got if a == "EU"}


def test_a_quarrel_of_its_own_is_no_position_on_the_issue(positions):
    got = positions(CONFLICT + "Tension between Iran and Azerbaijan grew as Iran condemned Azerbaijan over a gas "
                    "contract.")
    assert ("IRN", "against:AZE") not in got


def test_a_case_against_a_tycoon_is_not_against_his_state(positions):
    got = positions(CONFLICT + "Georgia condemned an Azerbaijani tycoon for the attack on a pipeline.")
    assert ("GEO", "against:AZE") not in got


def test_efforts_to_defuse_tension_are_neutral(positions):
    got = positions(CONFLICT + "The Swiss president and the French foreign minister met in Geneva and discussed the "
                    "crisis, as part of efforts to defuse tension between Armenia and Azerbaijan.")
    assert {("CHE", "neutral"), ("FRA", "neutral")} <= got


# ------------------------------------------------------------------ judging words and acts
RAID = "Colombian troops raided a rebel camp inside Ecuador on Saturday, killing twenty fighters. "


def test_calling_an_act_a_violation_opposes_its_author(positions):
    got = positions(RAID + "Ecuador called the raid a violation of its sovereignty.", date="2008-03-03")
    assert ("ECU", "against:COL") in got


def test_describing_an_act_as_unacceptable(positions):
    got = positions(RAID + "Peru described the raid as unacceptable.", date="2008-03-03")
    assert ("PER", "against:COL") in got


def test_a_copula_judgement_in_reported_speech(positions):
    got = positions(RAID + "The raid was illegal, Brazil said.", date="2008-03-03")
    assert ("BRA", "against:COL") in got


def test_calling_an_act_legitimate_sides_with_its_author(positions):
    got = positions(RAID + "Ecuador condemned the raid. Panama condemned the raid too. Chile called the raid "
                    "legitimate.", date="2008-03-03")
    assert ("CHL", "side:COL") in got and ("PAN", "against:COL") in got


def test_warning_a_party(positions):
    got = positions(CONFLICT + "Iran warned Azerbaijan against any further offensive.")
    assert ("IRN", "against:AZE") in got


def test_recognition_sides_with_the_recognised(positions):
    got = positions(CONFLICT + "Uruguay announced its recognition of Nagorno-Karabakh on Monday.")
    assert ("URY", "side:Nagorno-Karabakh") in got


def test_coming_to_the_defence_of_a_party(positions):
    got = positions(CONFLICT + "Pakistan came to the defence of Azerbaijan at the United Nations.")
    assert ("PAK", "side:AZE") in got
    got = positions(CONFLICT + "Pakistan said it would always come to the defence of Azerbaijan.")
    assert ("PAK", "side:AZE") in got  # a pledge reported with "would" is a position


def test_the_author_of_a_disputed_act_states_its_own_hostility(positions):
    got = positions("Chinese warships held live-fire drills around Taiwan on Thursday. The United States condemned "
                    "the drills, and Japan condemned the drills as well. China condemned the United States for "
                    "meddling in its internal affairs.", date="2022-08-05")
    assert ("USA", "against:CHN") in got and ("JPN", "against:CHN") in got
    assert ("CHN", "against:USA") in got


def test_the_possessor_of_a_defence_is_the_party_defended(positions):
    got = positions(CONFLICT + "Pakistan would come to Azerbaijan's defence, its prime minister said.")
    assert ("PAK", "side:AZE") in got and ("AZE", "side:AZE") not in got


def test_accused_of_arming_a_party(positions):
    got = positions(CONFLICT + "A report by the United Nations accused Iran of arming Armenia.")
    assert ("IRN", "side:ARM") in got and ("UN", "side:ARM") not in got


def test_condemning_a_coup_opposes_its_author(positions):
    got = positions("The army of Guinea seized power in a coup on Sunday and detained the president. Senegal "
                    "condemned the coup, and Ghana condemned the coup too.", date="2021-09-06")
    assert {("SEN", "against:GIN"), ("GHA", "against:GIN")} <= got


def test_cli_explain_says_why_each_stance_was_or_was_not_given(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(CONFLICT + "Georgia urged both sides to show restraint. Azerbaijani forces shelled Armenian "
                   "villages.", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "detente", "code", "--explain", str(src)], capture_output=True,
                         text=True, timeout=300, env={**os.environ, "COLUMNS": "200"})
    assert res.returncode == 0, res.stderr
    assert "why each stance was or was not given" in res.stdout
    assert "given  GEO neutral" in res.stdout
    assert "AZE against:ARM: a party" in res.stdout
    res = subprocess.run([sys.executable, "-m", "detente", "code", "--explain", "--format", "json", str(src)],
                         capture_output=True, text=True, timeout=300)
    notes = json.loads(res.stdout)["stance_explanations"]
    assert notes[0]["given"] and notes[0]["not_given"]


def test_a_partys_reported_speech_is_its_statement(positions):
    text = "Fighting between the Houthis and the Yemeni government intensified in the civil war. "
    got = positions(text + "A Saudi-led coalition launched air strikes on Thursday, saying it was targeting the "
                    "Houthis.", date="2015-03-28")
    assert ("SAU", "against:Houthis") in got
    # narrated hostility of a party is its fighting, not a stated position
    got = positions(text + "The Yemeni government accused the Houthis of shelling a school.", date="2015-03-28")
    assert ("YEM", "against:Houthis") not in got


def test_a_describing_adjective_is_no_act(positions):
    got = positions(CONFLICT + "Iran received the armed delegation of Armenia.")
    assert ("IRN", "side:ARM") not in got


def test_a_resolution_of_a_forum_is_its_sponsors(positions):
    doc = positions(CONFLICT + "France drafted a UN resolution on the fighting. Iran vetoed the UN resolution.",
                    explain=True)
    read = [(n["actor"], n["position"]) for item in doc.stance_explanations for n in item["not_given"]]
    assert ("IRN", "against:FRA") in read and ("IRN", "against:UN") not in read


def test_an_appeal_to_two_actors_makes_them_the_two_sides(positions):
    got = positions("Troops of Peru and Ecuador exchanged fire on the border on Tuesday. Brazil on Wednesday urged "
                    "Peru and Ecuador to exercise restraint and settle their differences through dialogue.",
                    date="2025-05-08")
    assert ("BRA", "neutral") in got


def test_two_contested_actors_that_oppose_each_other_are_two_sides(positions):
    got = positions("China launched large military drills around Taiwan on Thursday after US House Speaker Nancy "
                    "Pelosi visited the island. Beijing condemned the visit as a provocation. The G7 foreign "
                    "ministers criticised China's drills. Russia said it supported China's position.",
                    date="2022-08-05")
    assert {("CHN", "against:USA"), ("G7", "against:CHN"), ("RUS", "side:CHN")} <= got


def test_a_known_backer_of_a_side_can_be_opposed(positions):
    got = positions("The Taiwan Strait tensions rose again as Chinese jets crossed the median line. Russia condemned "
                    "the United States for stoking the Taiwan Strait tensions.", date="2022-08-05")
    assert ("RUS", "against:USA") in got


def test_one_sentence_aimed_at_three_parties_leans_once(kb):
    from detente.coding.stance_reader import Evidence
    from detente.coding.stances import Issue

    issue = Issue("a war", [["UKR", "EST", "LVA"], ["RUS"]])
    one = (0, 50)
    evidence = [Evidence("USA", f"against:{p}", 1.0, "event", "recalled (161)", "s1", one)
                for p in ("UKR", "EST", "LVA")]
    evidence += [Evidence("USA", "against:RUS", 1.0, "quote", "against", "s2", (51, 90)),
                 Evidence("USA", "against:RUS", 1.0, "clause", "warning", "s3", (91, 120))]
    got = {(s.position, s.confidence) for s in _weigh(kb, issue, evidence)}
    assert got == {("against:RUS", 0.67)}


def test_praising_a_decision_of_the_sentence_before(positions):
    got = positions("The Organization of American States suspended Nicaragua on Saturday over the crackdown. "
                    "Costa Rica praised the decision. Canada cut military aid to Nicaragua.", date="2021-11-13")
    assert ("CRI", "against:NIC") in got and ("CRI", "side:NIC") not in got


def test_calling_an_act_a_murder(positions):
    got = positions(RAID + "Venezuela called the raid a cowardly murder.", date="2008-03-03")
    assert ("VEN", "against:COL") in got


# ------------------------------------------------------------------ the focus of a dispute
def test_a_joint_act_is_opposed_in_the_partner_the_critics_press(positions):
    signed = ("Serbia and Hungary signed a pact on Monday allowing Serbian troops to be stationed in Hungary. "
              "Austria, Slovakia and Croatia denounced the pact between Serbia and Hungary. ")
    got = positions(signed + "They urged Serbia to withdraw its troops. Slovakia recalled its ambassador from Hungary.",
                    date="2021-03-03")
    # the critics press Serbia alone: the pact is Serbia's act; Slovakia also acts against Hungary on its own
    assert {("AUT", "against:SRB"), ("HRV", "against:SRB"), ("SVK", "against:SRB"), ("SVK", "against:HUN")} <= got
    assert ("AUT", "against:HUN") not in got and ("HRV", "against:HUN") not in got
    # nothing tells the two signatories apart: the denunciation is against both
    got = positions(signed, date="2021-03-03")
    assert {("AUT", "against:SRB"), ("AUT", "against:HUN")} <= got


def test_the_target_of_a_show_of_force_is_a_party_of_its_own(positions):
    got = positions("Russian warships staged naval drills off the coast of Norway on Tuesday. Moscow condemned "
                    "Denmark for its remarks on the drills. Sweden backed Norway.", date="2021-03-03")
    # the drills are Russia's position toward Norway; whom Russia condemns is on the other side; backing the
    # coerced state is a position toward it, not only one toward Russia
    assert {("RUS", "against:NOR"), ("RUS", "against:DNK"), ("SWE", "side:NOR")} <= got


def test_individuals_of_a_nationality_are_not_their_state(positions):
    got = positions("Georgian police detained five Turkish individuals suspected of smuggling on Friday.",
                    date="2021-03-03")
    assert not {p for p in got if p[0] == "GEO"}


def test_rebels_named_by_their_group_are_the_group(positions):
    got = positions("Venezuela has been supporting the FARC rebels for years. Cuba is also supporting the FARC "
                    "rebels.", date="2021-03-03")
    assert {("VEN", "side:FARC"), ("CUB", "side:FARC")} <= got


def test_a_third_partys_report_of_an_act_is_the_actors_act(positions):
    # the EU reports what Iran and Syria do: their backing of the Houthis is what the article is about
    got = positions("The European Union said in a report on Monday that Iran and Syria are arming the Houthi rebels.",
                    date="2021-03-03")
    assert {("IRN", "side:Houthis"), ("SYR", "side:Houthis")} <= got
    assert not {p for p in got if p[0] == "EU"}


def test_speaking_of_anothers_attack_on_oneself_is_an_accusation(positions):
    tension = "The summit comes amid rising tensions between Ethiopia and Eritrea, with "
    got = positions(tension + "Ethiopia's prime minister saying an Eritrean attack on Ethiopia was likely.",
                    date="2021-03-03")
    assert ("ETH", "against:ERI") in got
    # a third party's warning of the same attack accuses no one on its behalf, nor on the victim's
    got = positions(tension + "Kenya's president saying an Eritrean attack on Ethiopia was likely.", date="2021-03-03")
    assert ("ETH", "against:ERI") not in got and ("KEN", "against:ERI") not in got


def test_a_named_tension_between_two_is_the_dispute(kb):
    from detente.coding.stances import _issues

    quarrel = (frozenset({"ETH", "ERI"}), (0, 80))
    got = _issues(None, [], [], [], kb, {quarrel})
    assert [sorted(map(tuple, i.sides)) for i in got] == [[("ERI",), ("ETH",)]]


def test_recognising_a_state_governed_by_a_group_sides_with_the_group(positions):
    got = positions("Qatar and Uzbekistan recognised Taliban-governed Afghanistan on Monday.", date="2021-09-06")
    assert {("QAT", "side:Taliban"), ("UZB", "side:Taliban")} <= got and ("QAT", "side:AFG") not in got


def test_a_quarrel_of_acts_both_ways_is_two_parties(positions):
    got = positions("Laos and Cambodia announced their withdrawal from ASEAN on Monday. ASEAN expelled Laos and "
                    "Cambodia a day later. In March, Laos, Cambodia and Myanmar signed a mutual defence pact. "
                    "Thailand condemned the withdrawal.", date="2021-03-03")
    # leaving and expelling are the two parties' acts, not positions; the pact's third signatory is of their
    # side; an outsider's condemnation is a position
    assert ("THA", "against:LAO") in got
    assert not {p for p in got if p[0] in ("LAO", "KHM", "MMR", "ASEAN")}


def test_quitting_an_organisation_is_no_position_toward_it(positions):
    got = positions("Nicaragua said on Friday it was quitting the Organization of American States. The OAS suspended "
                    "Nicaragua on Saturday over the crackdown on protesters.", date="2021-11-13")
    assert ("OAS", "against:NIC") in got and ("NIC", "against:OAS") not in got


def test_the_victim_of_force_stands_against_it_only_when_the_article_reports_it(positions):
    got = positions("Azerbaijani forces shelled Armenian villages last week.", date="2021-03-03")
    assert ("ARM", "against:AZE") in got
    # an act of force named as an example in someone's speech says nothing of its victim's position
    got = positions("No nation should take comfort from acts such as Azerbaijan's shelling of Armenian villages last "
                    "week, the French president said on Monday.", date="2021-03-03")
    assert ("ARM", "against:AZE") not in got
