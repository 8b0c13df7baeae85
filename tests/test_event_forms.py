"""Event coding rules written from the CAMEO codebook and from how English says things.
Every sentence here was written for these tests (none comes from an evaluation article)."""
import pytest


def triples(doc, counted_only=True):
    return {(e.source, e.target, e.cameo) for e in doc.all_events if e.counts or not counted_only}


def roots(doc):
    return {(e.source, e.target, e.cameo[:2]) for e in doc.events if e.counts}


def test_phone_call_with_is_both_parties_call(code):
    doc = code("Erdogan had a phone call with German Chancellor Olaf Scholz on Monday.")
    assert {("TUR", "DEU", "041"), ("DEU", "TUR", "041")} <= triples(doc)


def test_spoke_by_phone_with_counterpart_is_mutual(code):
    doc = code("Japan's foreign minister spoke by telephone with his Indian counterpart.")
    assert {("JPN", "IND", "041"), ("IND", "JPN", "041")} <= triples(doc)


def test_negotiations_with_are_mutual(code):
    doc = code("Georgia held talks with Azerbaijan on Tuesday.")
    assert {("GEO", "AZE", "046"), ("AZE", "GEO", "046")} <= triples(doc)


def test_the_two_nations_spoke_on_the_phone(code):
    doc = code("Peru and Ecuador exchanged fire along the border. The presidents of the two "
               "neighbouring nations spoke on the phone on Sunday.")
    assert {("PER", "ECU", "041"), ("ECU", "PER", "041")} <= triples(doc)


def test_agreeing_a_ceasefire_declares_one_both_ways(code):
    doc = code("Armenia and Azerbaijan agreed a ceasefire on Friday.")
    assert {("ARM", "AZE", "0871"), ("AZE", "ARM", "0871")} <= triples(doc)


def test_subject_hung_on_the_auxiliary(code):
    # the small model attaches "Georgia" to "had", not to "accused"
    doc = code("Georgia had earlier on Monday accused Russia of massing troops.")
    assert ("GEO", "RUS", "112") in triples(doc)


def test_list_after_including_spells_out_the_actors(code):
    doc = code("Several countries, including Canada, Japan and Norway, condemned Syria.")
    assert {("CAN", "SYR", "111"), ("JPN", "SYR", "111"), ("NOR", "SYR", "111")} <= triples(doc)


def test_led_coalition_is_its_leader(code):
    doc = code("A US-led coalition struck targets in Iraq.")
    assert ("USA", "IRQ", "19") in roots(doc)


def test_the_league_refers_back_to_the_organisation(code):
    doc = code("The Arab League met in Cairo on Saturday. The League suspended Syria from its meetings.")
    assert ("ARAB_LEAGUE", "SYR", "16") in roots(doc)


def test_freezing_participation_reduces_relations(code):
    doc = code("Belarus froze its participation in the CIS.")
    assert ("BLR", "CIS", "160") in triples(doc)


def test_demand_that_clause_names_who_is_asked(code):
    doc = code("Ukraine's president demanded that Russia immediately release the captured sailors.")
    assert ("UKR", "RUS", "1053") in triples(doc)
    # the release itself is only demanded: it is not counted
    assert not any(e.source == "RUS" and e.counts for e in doc.events)


def test_each_side_acts_on_the_other(code):
    doc = code("Serbia and Kosovo met in Brussels. Each side agreed to hold further talks.")
    assert {("SRB", "Kosovo", "03"), ("Kosovo", "SRB", "03")} <= roots(doc)


@pytest.mark.parametrize("text", [
    "The government suspended aid to the region.",  # no named actor suspended
    "The bloc suspended Mali's membership on Friday.",  # no organisation named before "the bloc"
])
def test_no_event_without_named_actors(code, text):
    assert not [e for e in code(text).events if e.counts]


def test_counterparts_in_both_countries_are_those_states(code):
    doc = code("Peru and Ecuador clashed on the border. Brazil's foreign minister spoke by phone with "
               "his counterparts in both countries on Sunday.")
    assert {("BRA", "PER", "041"), ("BRA", "ECU", "041"), ("PER", "BRA", "041")} <= triples(doc)


def test_the_ministers_are_the_group_named_before(code):
    doc = code("Egypt and Greece met in Athens on Monday. The ministers condemned Turkey.")
    assert {("EGY", "TUR", "111"), ("GRC", "TUR", "111")} <= triples(doc)


def test_talks_the_traveller_came_for_are_his_own(code):
    doc = code("Blinken flew to Ankara on Monday for talks with his Turkish counterpart.")
    assert ("USA", "TUR", "046") in triples(doc)


def test_purpose_clause_is_only_a_goal(code):
    doc = code("Israel and Syria held talks in Ankara in order to reach a peace agreement.")
    assert ("ISR", "SYR", "046") in triples(doc)
    assert not any(e.cameo.startswith("057") and e.counts for e in doc.events)


def test_an_attack_said_to_be_likely_did_not_happen(code):
    doc = code("Armenia said a fresh Azerbaijani attack on Armenia was very likely.")
    assert not any(e.cameo.startswith("19") and e.counts for e in doc.events)
    assert ("AZE", "ARM", "190") in triples(doc, counted_only=False)


def test_a_draft_resolution_is_not_a_settlement(code):
    doc = code("The draft resolution on Transnistria was proposed by Moldova at the United Nations.")
    assert not any(e.cameo.startswith("037") for e in doc.all_events)


def test_seizing_a_capital_is_taking_territory(code):
    doc = code("The Houthis seized the capital, Sanaa, in September.")
    assert ("Houthis", "YEM", "192") in triples(doc)


def test_appeal_targets_the_parties_inside_its_topic(code):
    doc = code("Turkey called for a peaceful resolution of the conflict between Armenia and Azerbaijan.")
    assert {("TUR", "ARM", "027"), ("TUR", "AZE", "027")} <= triples(doc)


def test_recalling_history_is_not_recalling_an_envoy(code):
    doc = code("Obama, recalling the Soviet occupation of Estonia, pledged to defend the Baltic states.")
    assert not any(e.cameo.startswith("161") for e in doc.all_events)


def test_statement_issued_speaks_for_its_issuer(code):
    doc = code("The European Union issued a statement praising Serbia and Kosovo.")
    assert {("EU", "SRB", "051"), ("EU", "Kosovo", "051")} <= triples(doc)


def test_errand_targets_where_it_was_sent(code):
    doc = code("Russia sent several planes to Kyrgyzstan to deliver humanitarian aid.")
    assert ("RUS", "KGZ", "073") in triples(doc)


def test_engaged_in_talks_is_a_state_not_a_passive(code):
    doc = code("Turkish and Greek delegations have been engaged in talks since Monday.")
    assert {("TUR", "GRC", "046"), ("GRC", "TUR", "046")} <= triples(doc)


def test_the_agreement_told_again_is_one_event(code):
    doc = code("Chile and Peru signed a trade agreement on Monday. Critics said the agreement between "
               "Chile and Peru favours large firms.")
    assert sum(1 for e in doc.events if e.counts and (e.source, e.target, e.base) == ("CHL", "PER", "057")) == 1


def test_demonstrating_resolve_is_not_a_protest(code):
    doc = code("Poland has demonstrated its commitment to Ukraine.")
    assert not any(e.root == "14" for e in doc.all_events)


def test_the_three_countries_named_together(code):
    doc = code("Mali, Burkina Faso and Niger left the bloc. In 2023 the three countries signed a mutual defence pact.")
    assert {("MLI", "BFA", "057"), ("NER", "MLI", "057"), ("BFA", "NER", "057")} <= triples(doc)


def test_all_three_suspended_from_the_organisation(code):
    doc = code("Mali, Burkina Faso and Niger quit the bloc. All three were suspended from ECOWAS.")
    assert {("ECOWAS", "MLI", "160"), ("ECOWAS", "BFA", "160"), ("ECOWAS", "NER", "160")} <= triples(doc)


def test_the_two_men_are_the_two_persons_named(code):
    doc = code("Philippine President Rodrigo Duterte met Chinese President Xi Jinping in Beijing, with the "
               "two men pledging to enhance trust.")
    assert {("PHL", "CHN", "030"), ("CHN", "PHL", "030")} <= triples(doc)


def test_regimes_in_named_states(code):
    doc = code("The military regimes in Mali and Niger announced their withdrawal from ECOWAS.")
    assert {("MLI", "ECOWAS"), ("NER", "ECOWAS")} <= {(e.source, e.target) for e in doc.events if e.counts}


def test_drills_around_an_island_show_force_to_it(code):
    doc = code("The Chinese military conducted live-fire drills in six areas around Taiwan.")
    assert ("CHN", "TWN", "150") in triples(doc)


def test_in_contact_with(code):
    doc = code("Russia is in contact with the Taliban through its embassy in Kabul.")
    assert ("RUS", "Taliban", "040") in triples(doc)


def test_capital_after_a_diplomatic_noun_is_its_state(code):
    assert ("VEN", "COL", "161") in triples(code("Venezuela shut down its embassy in Bogota on Sunday."))
    assert ("ECU", "COL", "114") in triples(code("Ecuador's foreign ministry lodged a formal protest with Bogota."))
    assert not code("The talks in Bogota ended.").all_events


def test_withdrawal_from_an_organisation_is_not_a_retreat(code):
    doc = code("The military regimes in Mali and Niger announced their immediate withdrawal from ECOWAS.")
    assert {("MLI", "ECOWAS", "160"), ("NER", "ECOWAS", "160")} <= triples(doc)


def test_the_country_is_the_state_named_before(code):
    doc = code("Niger's generals seized power in July. The African Union imposed sanctions on the country a week later.")
    assert ("AU", "NER", "163") in triples(doc)


def test_evacuating_a_country_is_withdrawing_from_it(code):
    doc = code("Britain evacuated Sudan within a week.")
    assert ("GBR", "SDN", "166") in triples(doc)


def test_saying_an_agreement_is_illegal_condemns_its_parties(code):
    doc = code("Iran said the agreement between Israel and the UAE was illegal.")
    assert {("IRN", "ISR", "111"), ("IRN", "ARE", "111")} <= triples(doc)


def test_saying_a_strike_was_justified_praises_its_author(code):
    doc = code("Israeli Prime Minister Benjamin Netanyahu said the American strike on Iraq was justified.")
    assert ("ISR", "USA", "051") in triples(doc)
    assert ("ISR", "IRQ", "051") not in triples(doc)


def test_a_neutral_statement_is_no_judgement(code):
    doc = code("Iran said the agreement between Israel and the UAE was signed on Monday.")
    assert not any(e.source == "IRN" and e.counts for e in doc.events)


def test_a_phrase_hung_on_the_predicate_is_not_the_verdict(code):
    doc = code("Obama said Europe must stand united against Russia's aggression in Ukraine.")
    assert not any(e.cameo == "111" for e in doc.all_events)


def test_acting_as_mediator_between_the_clause_actors(code):
    doc = code("Israel and Syria are holding indirect talks, with Turkey acting as a mediator.")
    assert {("TUR", "ISR", "045"), ("TUR", "SYR", "045")} <= triples(doc)


def test_talks_mediated_by_an_agent(code):
    doc = code("The last talks between Israel and Syria, mediated by the US, broke down in 2000.")
    assert {("USA", "ISR", "045"), ("USA", "SYR", "045")} <= triples(doc)


def test_an_official_in_a_country_for_a_visit(code):
    assert ("PHL", "CHN", "042") in triples(code("The Philippine president is in China for a four-day visit."))


def test_discussed_on_the_telephone_with(code):
    doc = code("Medvedev discussed the crisis on the telephone with the presidents of Kazakhstan and Uzbekistan.")
    assert {("RUS", "KAZ", "041"), ("UZB", "RUS", "041")} <= triples(doc)


def test_were_to_hold_talks_is_scheduled(code):
    doc = code("NATO ambassadors and Ukraine's envoy were to hold emergency talks in Brussels.")
    assert {("NATO", "UKR", "036"), ("UKR", "NATO", "036")} <= triples(doc)


def test_the_three_countries_most_named(code):
    doc = code("Mali quit the bloc in January. Burkina Faso followed a week later, and Niger said it would "
               "leave too. Mali and Niger are ruled by juntas, as is Burkina Faso. Mali, Niger and Burkina Faso "
               "share long borders. Later the three countries signed a defence pact.")
    assert {("MLI", "BFA", "057"), ("NER", "MLI", "057"), ("BFA", "NER", "057")} <= triples(doc)


def test_the_deal_takes_up_the_agreement_told_before(code):
    doc = code("Serbia and Kosovo signed an agreement in Brussels on Friday. The OSCE released a statement "
               "praising the deal.")
    assert {("OSCE", "SRB", "051"), ("OSCE", "Kosovo", "051")} <= triples(doc)


def test_plans_to_attack_are_not_an_attack(code):
    doc = code("Iran's general was developing plans to attack American diplomats in Iraq.")
    assert not any(e.root == "19" and e.counts for e in doc.events)


def test_a_resolution_to_boost_aid_is_what_it_is_for(code):
    doc = code("The UN Security Council passed a resolution to boost humanitarian aid to Sudan.")
    assert not any(e.cameo.startswith("07") and e.counts for e in doc.events)


def test_a_denial_is_not_aimed_at_what_it_denies(code):
    doc = code("Both Rwanda and Uganda have repeatedly denied supporting the M23 rebels.")
    assert not [e for e in doc.events if e.counts]


def test_the_release_hailed_is_that_of_whoever_released(code):
    doc = code("Belarusian President Alexander Lukashenko released 14 imprisoned activists on Saturday. "
               "European leaders, including the foreign ministers of Germany and Poland, hailed the release.")
    assert {("DEU", "BLR", "051"), ("POL", "BLR", "051")} <= triples(doc)


def test_being_against_is_opposing(code):
    doc = code("Germany and France were against a membership plan for Ukraine and Georgia.")
    assert {("DEU", "UKR", "121"), ("FRA", "GEO", "121")} <= triples(doc)
    assert ("HUN", "UKR", "110") in triples(code("Hungary is against Ukraine."))


def test_saying_troops_are_illegally_there_accuses_their_state(code):
    doc = code("Moldova's foreign minister stressed that Russian troops are still illegally stationed in Moldova.")
    assert ("MDA", "RUS", "111") in triples(doc)
    doc = code("Moldova's foreign minister said Russian troops are still stationed in Moldova.")
    assert ("MDA", "RUS", "111") not in triples(doc)


def test_a_group_named_beside_a_nationality_is_the_actor(code):
    doc = code("Colombian troops killed a top Colombian FARC rebel in Ecuador on Saturday.")
    assert ("COL", "FARC", "19") in roots(doc)


def test_the_summit_is_those_who_gathered(code):
    doc = code("Egypt and Greece met in Cairo on Wednesday. Turkey denounced the conclusions of the summit.")
    assert {("TUR", "EGY", "111"), ("TUR", "GRC", "111")} <= triples(doc)


def test_concluding_an_agreement_is_illegal_condemns_its_parties(code):
    doc = code("Egypt and Greece met in Cairo. They concluded that the agreement between Turkey and Libya was illegal.")
    assert {("EGY", "TUR", "111"), ("GRC", "LBY", "111")} <= triples(doc)


def test_a_surname_alone_acts_for_the_person_named_before(code):
    # the NER reads a bare "Hadi" as a place: the surname still stands for the president named in full
    doc = code("Yemeni President Abed Rabbo Mansour Hadi flew to Riyadh on Sunday. Speaking at a "
               "conference on Monday, Hadi accused Iran of arming the rebels.")
    assert ("YEM", "IRN", "112") in triples(doc)


def test_an_opposition_leader_does_not_act_for_the_state(code):
    doc = code("Belarusian opposition leader Sviatlana Kavaleva left Minsk in 2020. On Monday, "
               "Kavaleva thanked Poland for its support.")
    assert not any(s == "BLR" and t == "POL" for s, t, _ in triples(doc))
    doc = code("Belarusian Foreign Minister Pavel Zhuk arrived in Warsaw. On Monday, Zhuk thanked "
               "Poland for its support.")
    assert ("BLR", "POL", "051") in triples(doc)


def test_a_gap_does_not_cross_into_the_next_phrase(code):
    # the charge is hypocrisy; the attack named after the comma is not what Hungary is accused of
    doc = code("Poland accused Hungary of hypocrisy, pointing to its attack on Slovakia.")
    assert ("POL", "HUN", "112") in triples(doc)
    assert ("POL", "HUN", "1123") in triples(code("Poland accused Hungary of an attack on Slovakia."))


def test_the_actor_in_apposition_acts_not_its_modifier(code):
    # "NATO ally Turkey": Turkey denounces, not NATO
    doc = code("NATO ally Turkey denounced Israel on Friday.")
    assert ("TUR", "ISR", "111") in triples(doc)
    assert not any(s == "NATO" for s, _, _ in triples(doc))


def test_speaking_out_against_an_act_disapproves_of_its_author(code):
    doc = code("American forces bombed a militia base in Syria on Friday. Iraq's prime minister spoke "
               "out against the attack.")
    assert ("IRQ", "USA", "111") in triples(doc)
    doc = code("Iraq's prime minister spoke out against the deal between Turkey and Syria.")
    assert {("IRQ", "TUR", "111"), ("IRQ", "SYR", "111")} <= triples(doc)


def test_describing_an_act_as_regrettable_disapproves_of_its_author(code):
    doc = code("Indian jets carried out airstrikes on targets in Pakistan on Wednesday. China's foreign "
               "ministry described the airstrikes as regrettable.")
    assert ("CHN", "IND", "111") in triples(doc)
