"""Names for ids: every option and parameter that takes an actor or a conflict reads its id, name or
alias through ``resolve``; and conflicts keep their knowledge-base identity across articles."""
import json
import subprocess
import sys

import pytest

from detente.analysis import analyses
from detente.corpus import resolve
from detente.errors import DetenteError

# Articles written for these tests (not from the dev set).
KARABAKH = ("Russia and Belarus on Tuesday urged Armenia and Azerbaijan to show restraint in the Nagorno-Karabakh "
            "conflict and to return to talks. Kazakhstan backed Azerbaijan, its President said. The Armenian "
            "defence ministry said Azerbaijani forces shelled villages overnight.")
TRADE_WAR = ("The Russia-Ukraine trade war deepened on Tuesday as Moscow blocked Ukrainian imports at the border. "
             "Belarus condemned Russia's blockade of Ukrainian goods and called on Moscow to lift it. "
             "Poland also criticised Russia over the trade war, while Kazakhstan sided with Moscow.")
WAR = ("Belarus backed Russia in the war in Ukraine on Thursday, letting Russian troops cross its territory. "
       "Lithuania condemned Russia's invasion of Ukraine and sent weapons to Kyiv. "
       "Kazakhstan refused to take sides in the war in Ukraine and called for talks between Moscow and Kyiv.")
NAMED_HERE = ("The Iceland-Norway fishing conflict deepened on Monday as Norwegian patrol boats seized two Icelandic "
              "trawlers. Denmark backed Iceland in the conflict and condemned Norway, while Sweden urged Iceland and "
              "Norway to negotiate.")
ONE_STRIKE = ("American warplanes bombed Sudan on Friday, destroying a factory in Khartoum. Egypt and Qatar condemned "
              "the United States for the strike, and the African Union called on Washington to respect Sudan's "
              "sovereignty.")


@pytest.fixture(scope="module")
def docs(coder):
    return [coder.code(KARABAKH, id="karabakh", date="2016-04-05").to_dict(),
            coder.code(TRADE_WAR, id="trade-war", date="2013-08-20").to_dict(),
            coder.code(WAR, id="war", date="2022-03-10").to_dict(),
            coder.code(ONE_STRIKE, id="strike", date="1998-08-21").to_dict(),
            coder.code(NAMED_HERE, id="fishing", date="2024-05-06").to_dict()]


@pytest.fixture(scope="module")
def folder(tmp_path_factory, docs):
    out = tmp_path_factory.mktemp("coded")
    for d in docs:
        (out / f"{d['id']}.json").write_text(json.dumps(d), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def db(tmp_path_factory, docs):
    from detente.model import CodedDocument
    from detente.corpus.store import Store

    path = tmp_path_factory.mktemp("store") / "names.duckdb"
    with Store(path) as s:
        s.add([CodedDocument.from_dict(d) for d in docs])
    return str(path)


def run(*args):
    return subprocess.run([sys.executable, "-m", "detente", *args], capture_output=True, text=True, timeout=300)


# ------------------------------------------------------------------ the resolver

@pytest.mark.parametrize("given, actor", [("ARM", "ARM"), ("arm", "ARM"), ("Armenia", "ARM"), ("ARMENIA", "ARM"),
                                          ("the Kremlin", "RUS"), ("Moscow", "RUS"), ("United States", "USA"),
                                          ("the United States", "USA"), ("Daesh", "Islamic State"),
                                          ("Nagorno-Karabakh", "Nagorno-Karabakh"), ("nato", "NATO")])
def test_an_actor_by_id_name_alias_or_seat(kb, given, actor):
    assert resolve.actor(given, kb) == actor


def test_an_unknown_actor_is_a_clear_error(kb):
    with pytest.raises(DetenteError) as err:
        resolve.actor("Ruritania", kb)
    assert err.value.code == "E037" and "'Ruritania'" in err.value.message and "query actors" in err.value.message


def test_a_name_of_two_actors_asks_which(kb):
    index = resolve._actor_index(kb)
    shared = next((form for form, ranks in index.items() if len(ranks[min(ranks)]) > 1), None)
    if shared is None:
        pytest.skip("no form of the knowledge base names two actors alike")
    with pytest.raises(DetenteError) as err:
        resolve.actor(shared, kb)
    assert err.value.code == "E038" and all(a in err.value.message for a in index[shared][min(index[shared])])


@pytest.mark.parametrize("given, conflict", [("Karabakh war", "nagorno-karabakh-conflict"),
                                             ("nagorno-karabakh-conflict", "nagorno-karabakh-conflict"),
                                             ("Ukraine", "war-in-ukraine"),  # not the 2013 trade war
                                             ("Russia-Ukraine trade war", "russia-ukraine-trade-war"),
                                             ("Mali", "mali-war")])  # not the Somali civil war
def test_a_conflict_by_name_alias_id_or_place(kb, given, conflict):
    assert resolve.kb_conflict(given, kb)["id"] == conflict


def test_every_kb_conflict_has_its_own_id(kb):
    ids = [c["id"] for c in kb.conflicts]
    assert len(ids) == len(set(ids)) and all(ids)


# ------------------------------------------------------------------ conflicts across articles

def test_stances_and_party_to_carry_the_kb_conflict(docs):
    trade, war = docs[1], docs[2]
    assert [(c["id"], c["start"]) for c in trade["conflicts"]] == [("russia-ukraine-trade-war", "2013-07")]
    assert {c["id"] for c in war["conflicts"]} == {"war-in-ukraine"}
    assert {s["conflict_id"] for s in war["stances"]} == {"war-in-ukraine"}
    assert {r["conflict_id"] for r in trade["relations"] if r["type"] == "party_to"} == {"russia-ukraine-trade-war"}
    # relations other than party_to carry no conflict
    assert all("conflict_id" not in r for d in docs for r in d["relations"] if r["type"] != "party_to")


BORDER_FIGHTING = ("Tajik troops opened fire on Kyrgyz border guards on Thursday, and Kyrgyz forces fired back at "
                   "Tajik positions. Russia urged Kyrgyzstan and Tajikistan to stop the fighting and to hold talks.")
RUSSIA_UKRAINE_FIGHTING = ("Russian troops opened fire on Ukrainian border guards on Thursday, and Ukrainian forces "
                           "fired back at Russian positions. Belarus urged Russia and Ukraine to stop the fighting.")


def _identities(doc):
    return ({s.conflict_id for s in doc.stances}, {(r.target, r.conflict_id) for r in doc.relations
                                                    if r.type == "party_to"})


def test_fighting_the_article_does_not_name_is_the_kb_conflict_running_then(code):
    from detente.model import Article
    from detente.coding.pipeline import code_articles

    doc = next(code_articles([Article(BORDER_FIGHTING, date="2022-09-16")], explain=True))
    stances, party_to = _identities(doc)
    assert stances == {"kyrgyzstan-tajikistan-border-conflict"}
    assert "part of the Kyrgyzstan-Tajikistan border conflict (2021-04 to 2025-03)" in \
        doc.stance_explanations[0]["how"]  # --explain says why
    assert party_to == {("Kyrgyzstan-Tajikistan border conflict", "kyrgyzstan-tajikistan-border-conflict")}
    # before that conflict's first date (2021-04) it is only "the A–B conflict", with no identity
    stances, party_to = _identities(code(BORDER_FIGHTING, date="2019-09-16"))
    assert stances == {None} and {i for _, i in party_to} == {None}
    assert {t for t, _ in party_to} == {"Kyrgyzstan–Tajikistan conflict"}  # both acts in one sentence: id order
    # nor without a date: it could be any of them
    assert _identities(code(BORDER_FIGHTING, date=None))[0] == {None}


def test_fighting_is_no_trade_war(code):
    # in 2013 Russia and Ukraine were in a trade war (kb), which fighting is not part of
    stances, party_to = _identities(code(RUSSIA_UKRAINE_FIGHTING, date="2013-09-16"))
    assert stances == {None} and {i for _, i in party_to} == {None}
    stances, party_to = _identities(code(RUSSIA_UKRAINE_FIGHTING, date="2022-03-16"))
    assert stances == {"war-in-ukraine"} and party_to == {("war in Ukraine", "war-in-ukraine")}


def test_alignment_gathers_by_conflict_identity_not_by_a_word_of_its_name(docs, kb):
    meta, rows = analyses.alignment(docs, kb, "Ukraine")
    assert meta["conflict_id"] == "war-in-ukraine" and meta["start"] == "2014-02"
    positions = {r.actor: r.position for r in rows}
    assert positions["BLR"] == "side:RUS" and positions["KAZ"] == "neutral"
    assert "POL" not in positions  # its stance is on the 2013 trade war
    _, rows = analyses.alignment(docs, kb, "Russian-Ukrainian trade war")
    assert {r.actor: r.position for r in rows}["BLR"] == "against:RUS"


def test_a_stance_without_id_counts_by_its_conflicts_names(docs, kb):
    old = json.loads(json.dumps(docs[0]))  # as a store written before ids were coded
    for s in old["stances"]:
        s.pop("conflict_id", None)
        s["issue"] = "Karabakh war"
    _, rows = analyses.alignment([old], kb, "Nagorno-Karabakh conflict")
    assert {r.actor for r in rows} >= {"BLR", "RUS"}
    for s in old["stances"]:
        s["issue"] = "Russia-Ukraine trade war"  # a word in common ("Karabakh") is not enough either
    with_other = analyses.alignment([old], kb, "Nagorno-Karabakh conflict")[1]
    assert with_other == []


def test_only_real_conflicts_are_listed(db):
    from detente.corpus import query
    from detente.corpus.store import Store

    with Store(db, read_only=True) as s:
        listed = query.conflicts(s).records()
        strike = {r[0] for r in s.con.execute("SELECT DISTINCT issue FROM stances s JOIN documents d "
                                              "ON d.hash = s.doc_hash WHERE d.id = 'strike'").fetchall()}
    assert strike  # the strike gave a dispute over the act of one actor...
    assert not strike & {c["conflict"] for c in listed}  # ...which is no conflict
    assert {c["id"] for c in listed} == {"nagorno-karabakh-conflict", "russia-ukraine-trade-war", "war-in-ukraine",
                                         None}
    named = next(c for c in listed if c["id"] is None)  # the conflict the article names, unknown to the kb
    assert (named["conflict"], named["actors"], named["start"]) == ("Iceland-Norway fishing conflict", 2, None)


def test_alignment_on_a_conflict_only_an_article_names(docs, kb):
    meta, rows = analyses.alignment(docs, kb, "iceland-norway fishing conflict")
    assert meta["conflict"] == "Iceland-Norway fishing conflict" and meta["conflict_id"] is None
    assert meta["sides"] == [["ISL"], ["NOR"]]
    assert {(r.actor, r.position) for r in rows} == {("DNK", "side:ISL"), ("SWE", "neutral")}
    with pytest.raises(DetenteError):  # a word of its name is not its name
        analyses.alignment(docs, kb, "fishing")


# ------------------------------------------------------------------ the command line

def test_commitments_take_the_partys_name(folder):
    res = run("analyse", "commitments", "--conflict", "Karabakh war", "--party", "Armenia", "--from", str(folder),
              "--format", "json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["party"] == "ARM" and "CSTO" in data["summary"]
    verdicts = {a["actor"]: a["verdict"] for a in data["allies"]}
    assert verdicts["BLR"] == verdicts["RUS"] == "bound but neutral"


@pytest.mark.parametrize("args, says", [
    (["commitments", "--conflict", "Karabakh war", "--party", "Ruritania"], "no actor is known as 'Ruritania'"),
    (["alignment", "--conflict", "War of the Worlds"], "unknown conflict 'War of the Worlds'"),
    (["commitments", "--conflict", "War of the Worlds", "--party", "ARM"], "unknown conflict")])
def test_analyses_refuse_unknown_names(folder, args, says):
    res = run("analyse", *args, "--from", str(folder))
    assert res.returncode == 1 and says in res.stderr and "Traceback" not in res.stderr


def test_known_conflicts_show_their_ids():
    res = run("analyse", "conflicts", "--format", "json")
    entries = {c["name"]: c for c in json.loads(res.stdout)}
    assert entries["war in Ukraine"]["id"] == "war-in-ukraine"


def test_query_commands_take_names(db):
    by_id = json.loads(run("query", "events", "--source", "BLR", "--db", db, "--json").stdout)
    by_name = json.loads(run("query", "events", "--source", "Belarus", "--db", db, "--json").stdout)
    assert by_id == by_name and by_id
    actor = json.loads(run("query", "actor", "the Kremlin", "--db", db, "--json").stdout)
    assert actor["Actor RUS"][0]["actor"] == "RUS"
    dyad = run("query", "dyad", "Russia", "Armenia", "--db", db, "--json")
    assert dyad.returncode == 0 and json.loads(dyad.stdout)
    for args in (["actor", "Ruritania"], ["events", "--target", "Ruritania"], ["dyad", "ARM", "Ruritania"],
                 ["quotes", "--actor", "Ruritania"]):
        res = run("query", *args, "--db", db)
        assert res.returncode == 1 and "no actor is known as 'Ruritania'" in res.stderr, args
