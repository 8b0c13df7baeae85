"""Relations, conflicts and stances: each pattern family on real-news-style sentences, and the
corpus analyses (alignment, commitments, network)."""
import json

import pytest


def rels(doc):
    out = set()
    for r in doc.relations:
        a, b = r.source, r.target
        if r.type in ("ally_of", "partner_of", "hostile_to") and b < a:
            a, b = b, a
        out.add((a, r.type, b))
    return out


# ------------------------------------------------------------------ relations

def test_membership_copula_and_title(code):
    doc = code("Finland is a NATO member, and NATO member Turkey long blocked Sweden's bid.", date="2024-03-10")
    assert ("FIN", "member_of", "NATO") in rels(doc)
    assert ("TUR", "member_of", "NATO") in rels(doc)


def test_not_a_member_is_not_a_relation(code):
    doc = code("Ukraine is not a NATO member.", date="2024-03-10")
    assert not any(r.type == "member_of" for r in doc.relations)


def test_joined_by(code):
    doc = code("The bloc, already joined by Armenia and Kyrgyzstan, is the Eurasian Economic Union.",
               date="2016-01-10")
    joined = {(r.source, r.target) for r in doc.relations if r.type == "member_of"}
    assert joined <= {("ARM", "EAEU"), ("KGZ", "EAEU")}


def test_ally_of_with_of_complement(code):
    doc = code("Serbia is a traditional ally of Moscow.", date="2023-01-10")
    assert ("RUS", "ally_of", "SRB") in rels(doc)


def test_partner_such_as(code):
    doc = code("China does not want to lose such a partner as Iran.", date="2023-01-10")
    assert ("CHN", "partner_of", "IRN") in rels(doc)


def test_brotherly_country_for(code):
    doc = code("Turkey is a brotherly and friendly country for Azerbaijan.", date="2020-10-10")
    assert ("AZE", "partner_of", "TUR") in rels(doc)


def test_backed_militia_is_an_ally(code):
    doc = code("The Houthis, an Iranian-backed militia, fired missiles at ships.", date="2024-01-12")
    r = next(r for r in doc.relations if r.type == "ally_of")
    assert {r.source, r.target} == {"Houthis", "IRN"} and r.stated is False


def test_alliance_with(code):
    doc = code("Moscow is in a military alliance with Minsk.", date="2023-01-10")
    assert ("BLR", "ally_of", "RUS") in rels(doc)


def test_close_ties(code):
    doc = code("India has close ties with Russia.", date="2023-01-10")
    assert ("IND", "partner_of", "RUS") in rels(doc)


def test_hostility_implied_by_force(code):
    doc = code("Israeli jets struck Hezbollah targets in southern Lebanon.", date="2024-09-20")
    r = next(r for r in doc.relations if r.type == "hostile_to")
    assert {r.source, r.target} == {"ISR", "Hezbollah"} and r.stated is False


def test_party_to_a_named_conflict(code):
    doc = code("Armenia and Azerbaijan traded accusations as the Nagorno-Karabakh conflict flared again.",
               date="2016-04-05")
    assert {("ARM", "party_to", "Nagorno-Karabakh conflict"), ("AZE", "party_to", "Nagorno-Karabakh conflict")} \
        <= {(r.source, r.type, r.target) for r in doc.relations}


def test_x_y_conflict_form(code):
    doc = code("The Armenian-Azerbaijani conflict escalated.", date="2016-04-05")
    assert [c.name for c in doc.conflicts] == ["Nagorno-Karabakh conflict"]


def test_kb_relations_are_separate(code):
    doc = code("Belarus and the CSTO held exercises.", date="2016-04-05")
    assert ("BLR", "member_of", "CSTO") in {(r.source, r.type, r.target) for r in doc.kb_relations}
    assert not any(r.type == "member_of" for r in doc.relations)


def test_relations_carry_evidence(code):
    text = "Serbia is a traditional ally of Moscow."
    doc = code(text, date="2023-01-10")
    r = doc.relations[0]
    assert r.span and text[r.span[0]:r.span[1]].startswith("Serbia")


# ------------------------------------------------------------------ stances

CONFLICT = ("Fighting between Armenia and Azerbaijan over Nagorno-Karabakh flared on Saturday. "
            "Georgia called on Baku and Yerevan to show restraint and return to the negotiating table. ")


def stance(doc, actor):
    return {s.position for s in doc.stances if s.actor == actor}


def test_neutral_by_appeals_to_both_sides(code):
    doc = code(CONFLICT, date="2016-04-03")
    assert stance(doc, "GEO") == {"neutral"}


def test_side_by_support(code):
    doc = code(CONFLICT + "Turkey, which has openly backed Azerbaijan, promised military aid to Baku.",
               date="2016-04-03")
    assert stance(doc, "TUR") == {"side:AZE"}


def test_against_by_condemnation(code):
    doc = code(CONFLICT + "France condemned Azerbaijan for the offensive.", date="2016-04-03")
    assert stance(doc, "FRA") == {"against:AZE"}


def test_neutral_by_phrase(code):
    doc = code(CONFLICT + "Moscow demonstrates equal closeness to both conflict sides.", date="2016-04-03")
    assert stance(doc, "RUS") == {"neutral"}


def test_support_for_both_sides_is_neutral(code):
    doc = code(CONFLICT + "Russia sells weapons to both Armenia and Azerbaijan.", date="2016-04-03")
    assert stance(doc, "RUS") == {"neutral"}


def test_stances_have_evidence_and_confidence(code):
    doc = code(CONFLICT, date="2016-04-03")
    s = next(s for s in doc.stances if s.actor == "GEO")
    assert 0 < s.confidence <= 1 and s.evidence and s.evidence[0]["text"]


# ------------------------------------------------------------------ analyses

@pytest.fixture(scope="module")
def seed_docs(coder):
    from conftest import EVAL, shared_or_skip

    text = shared_or_skip(EVAL / "seed-karabakh-2016.txt").read_text(encoding="utf-8")
    return [coder.code(text, id="seed-karabakh-2016").to_dict()]


def test_commitments_report_for_the_seed(seed_docs, kb):
    from detente.analysis import analyses

    meta, rows = analyses.commitments(seed_docs, kb, "Nagorno-Karabakh", "ARM")
    verdicts = {r.actor: (r.verdict, r.observed) for r in rows}
    assert verdicts["BLR"] == ("bound but neutral", "neutral")
    assert verdicts["RUS"] == ("bound but neutral", "neutral")
    assert verdicts["KAZ"] == ("bound but opposed", "side:AZE")
    assert "AZE" not in verdicts  # left the CSTO in 1999
    summary = analyses.commitments_summary(meta, rows, kb)
    assert "Belarus and Russia are neutral" in summary and "Kazakhstan leans to Azerbaijan" in summary


def test_alignment_for_the_seed(seed_docs, kb):
    from detente.analysis import analyses

    meta, rows = analyses.alignment(seed_docs, kb, "Nagorno-Karabakh")
    assert meta["conflict"] == "Nagorno-Karabakh conflict"
    assert {r.actor: r.position for r in rows} == {"BLR": "neutral", "RUS": "neutral", "CSTO": "neutral",
                                                    "KAZ": "side:AZE"}


def test_network_has_communities(seed_docs, kb):
    from detente.analysis import analyses

    g, communities = analyses.network(seed_docs, kb)
    assert {"ARM", "AZE", "BLR", "RUS", "KAZ"} <= set(g.nodes)
    assert communities and sum(len(c) for c in communities) == g.number_of_nodes()


def test_analyse_cli_from_folder_with_plots(tmp_path, seed_docs):
    import subprocess
    import sys

    folder = tmp_path / "coded"
    folder.mkdir()
    (folder / "seed.json").write_text(json.dumps(seed_docs[0]), encoding="utf-8")
    for args in (["alignment", "--conflict", "Nagorno-Karabakh", "--plot", str(tmp_path / "a.png")],
                 ["commitments", "--conflict", "Nagorno-Karabakh", "--party", "ARM", "--format", "json"],
                 ["network", "--plot", str(tmp_path / "n.html")]):
        res = subprocess.run([sys.executable, "-m", "detente", "analyse", *args, "--from", str(folder)],
                             capture_output=True, text=True, timeout=300)
        assert res.returncode == 0, res.stderr
    assert (tmp_path / "a.png").stat().st_size > 1000
    html = (tmp_path / "n.html").read_text(encoding="utf-8")
    assert "<svg" in html and "<script" not in html and "http" not in html.split("<svg", 1)[0]
    out = json.loads(res.stdout) if False else None  # noqa: F841 (the JSON run is checked below)


def test_commitments_json(tmp_path, seed_docs):
    import subprocess
    import sys

    folder = tmp_path / "coded"
    folder.mkdir()
    (folder / "seed.json").write_text(json.dumps(seed_docs[0]), encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "detente", "analyse", "commitments", "--conflict",
                          "Nagorno-Karabakh", "--party", "ARM", "--format", "json", "--from", str(folder)],
                         capture_output=True, text=True, timeout=300)
    data = json.loads(res.stdout)
    assert {a["actor"]: a["verdict"] for a in data["allies"]}["KAZ"] == "bound but opposed"


def test_someone_elses_account_of_a_partys_act_is_not_its_stated_position(code):
    doc = code("The Russia-Ukraine trade war deepened this summer as Moscow blocked Ukrainian imports at the border. "
               "A Ukrainian opposition leader said on Thursday that by staging a trade war against Ukraine, Russia "
               "had pushed Kyiv towards the European Union.", date="2013-08-30")
    # the gerund after "by" takes the subject of "pushed": Russia staged the trade war
    assert ("RUS", "UKR", "163") in {(e.source, e.target, e.cameo) for e in doc.all_events if e.trigger == "staging"}
    # but Russia did not say so: the opposition leader did, so it is not Russia's stated position
    assert ("RUS", "against:UKR") not in {(s.actor, s.position) for s in doc.stances}


def test_an_alliance_left_in_its_sentence_backs_no_side(code):
    dispute = "China and the Philippines are locked in a dispute over the South China Sea. "
    doc = code(dispute + "On Monday, Manila announced its separation from longstanding ally the United States.")
    assert not any(s.actor == "USA" for s in doc.stances)
    doc = code(dispute + "On Monday, Manila held talks with longstanding ally the United States.")
    assert any((s.actor, s.position) == ("USA", "side:PHL") for s in doc.stances)
