"""Relations in the common English forms news states them in (issue 11, item 2).

Every sentence here is written for the test; none comes from a dev article.
"""
from test_relations_stances import rels


def pair(a, rtype, b):
    return (min(a, b), rtype, max(a, b)) if rtype in ("ally_of", "partner_of", "hostile_to") else (a, rtype, b)


# ------------------------------------------------------------------ appositions and modifiers

def test_title_modifiers_each_name_their_own_holder(code):
    found = rels(code("NATO ally Poland and Russian foe Georgia condemned the vote.", date="2015-05-01"))
    assert ("POL", "member_of", "NATO") in found
    assert pair("GEO", "hostile_to", "RUS") in found
    assert pair("GEO", "hostile_to", "POL") not in found


def test_possessive_title(code):
    assert pair("CHN", "ally_of", "PAK") in rels(code("Pakistan's ally China blocked the resolution.", date="2019-03-01"))


def test_apposition_with_possessive(code):
    found = rels(code("The talks were hosted by Russia, Belarus's main ally, on Monday.", date="2019-03-01"))
    assert pair("BLR", "ally_of", "RUS") in found


def test_apposition_membership(code):
    assert ("PAK", "member_of", "SAARC") in rels(code("Pakistan, a SAARC member, objected.", date="2019-03-01"))


def test_igo_as_possessor_is_the_partner_not_the_club(code):
    found = rels(code("The EU's partner Norway agreed to the plan.", date="2019-03-01"))
    assert pair("EU", "partner_of", "NOR") in found
    assert ("NOR", "member_of", "EU") not in found


# ------------------------------------------------------------------ copulas

def test_copula_with_possessive_of(code):
    assert pair("FRA", "ally_of", "GRC") in rels(code("Greece is an ally of France's.", date="2019-03-01"))


def test_plural_copula_is_reciprocal(code):
    assert pair("IND", "partner_of", "VNM") in rels(code("Vietnam and India are close partners.", date="2019-03-01"))
    assert pair("IRN", "hostile_to", "SAU") in rels(code("Iran and Saudi Arabia are bitter rivals.", date="2019-03-01"))


def test_regarding_verb(code):
    found = rels(code("Kenya and Uganda host British bases and consider London a strategic ally.", date="2019-03-01"))
    assert {pair("GBR", "ally_of", "KEN"), pair("GBR", "ally_of", "UGA")} <= found
    assert pair("IRN", "partner_of", "RUS") in rels(code("Tehran sees Moscow as a partner.", date="2019-03-01"))


def test_wished_for_membership_is_no_membership(code):
    assert not rels(code("Georgia is a would-be NATO member.", date="2019-03-01"))


# ------------------------------------------------------------------ membership lists

def test_member_states_title_list(code):
    found = rels(code("NATO said its member states Estonia and Latvia asked for troops.", date="2019-03-01"))
    assert {("EST", "member_of", "NATO"), ("LVA", "member_of", "NATO")} <= found


def test_members_after_a_dash(code):
    found = rels(code("ECOWAS has six members – Ghana, Nigeria, Senegal, Benin, Togo and Niger.", date="2019-03-01"))
    assert {(a, "member_of", "ECOWAS") for a in ("GHA", "NGA", "SEN", "BEN", "TGO", "NER")} <= found


def test_other_member_states_refer_to_the_igo_named_before(code):
    found = rels(code("Ghana spoke at the African Union summit. The other member-states are Kenya, Uganda and "
                      "Nigeria.", date="2019-03-01"))
    assert {("KEN", "member_of", "AU"), ("UGA", "member_of", "AU"), ("NGA", "member_of", "AU")} <= found
