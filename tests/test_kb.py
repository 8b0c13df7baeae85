"""The knowledge base: coverage, consistency, and the loader."""
from detente.kb import fold


def test_every_un_member_and_observer(kb):
    members = [c for c in kb.countries.values() if c.un_status == "member"]
    observers = {c.id for c in kb.countries.values() if c.un_status == "observer"}
    assert len(members) == 193 and observers == {"VAT", "PSE"}


def test_de_facto_states(kb):
    for region in ("Abkhazia", "South Ossetia", "Transnistria", "Nagorno-Karabakh", "Northern Cyprus", "Kosovo"):
        assert kb.countries[region].type == "region"
    assert "TWN" in kb.countries and "PSE" in kb.countries


def test_igos_and_groups_counts(kb):
    top_level = [g for g in kb.igos.values() if not g.parent]
    assert len(top_level) >= 40
    assert len(kb.groups) >= 60


def test_igo_membership_dates(kb):
    assert {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"} <= kb.members_on("CSTO", "2016-04-08")
    assert "UZB" not in kb.members_on("CSTO", "2016-04-08")
    assert "UZB" in kb.members_on("CSTO", "2010-01-01")
    assert "GBR" in kb.members_on("EU", "2019-06-01") and "GBR" not in kb.members_on("EU", "2021-01-01")
    assert "FIN" in kb.members_on("NATO", "2024-01-01") and "FIN" not in kb.members_on("NATO", "2022-01-01")


def test_aliases(kb):
    forms = {(f.text, f.actor) for f in kb.surface_forms()}
    for text, actor in [("EEU", "EAEU"), ("Eurasian Economic Union", "EAEU"), ("Daesh", "Islamic State"),
                        ("ISIL", "Islamic State"), ("Kremlin", "RUS"), ("Zhongnanhai", "CHN"),
                        ("Downing Street", "GBR"), ("Belarusian", "BLR"), ("Azerbaijani", "AZE")]:
        assert (text, actor) in forms, text


def test_officials_with_dated_terms(kb):
    luk = kb.offices_with_surname("Lukashenko")
    assert {o.actor for o in luk} == {"BLR"}
    medvedev = kb.offices_named("Dmitry Medvedev")
    roles_2016 = {o.role for o in medvedev if o.holds_on("2016-04-08")}
    assert roles_2016 == {"Prime Minister"}


def test_officials_cover_g20_and_post_soviet_states(kb):
    g20 = {"ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "MEX", "RUS", "SAU",
           "ZAF", "KOR", "TUR", "GBR", "USA"}
    post_soviet = {"ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LVA", "LTU", "MDA", "RUS", "TJK", "TKM",
                   "UKR", "UZB"}
    for state in g20 | post_soviet:
        heads = [o for o in kb.offices if o.actor == state and o.role in
                 ("President", "Prime Minister", "Chancellor", "King", "Premier")]
        fms = [o for o in kb.offices if o.actor == state and ("Foreign" in o.role or o.role == "Secretary of State")]
        assert heads and fms, state


def test_yaml_word_lists_are_strings(kb):
    """YAML reads bare on/off/yes/no as booleans: every word list must hold strings only."""
    for name, value in kb.lexicon.items():
        if isinstance(value, list):
            assert all(isinstance(v, str) for v in value), name
    for name, words in kb.synsets.items():
        assert all(isinstance(w, str) for w in words), name


def test_fold():
    assert fold("Erdoğan") == "erdogan" and fold("Štefan Füle") == "stefan fule"


def test_extra_kb_folder(tmp_path, monkeypatch):
    from detente import kb as kb_module

    (tmp_path / "groups.tsv").write_text("id\tkind\taliases\tcountry\tpatron\n"
                                         "Sunrise Brigade\tarmed\tSunrise\tXXX\t\n", encoding="utf-8")
    monkeypatch.setenv("DETENTE_KB_EXTRA", str(tmp_path))
    kb_module.load.cache_clear()
    try:
        assert "Sunrise Brigade" in kb_module.load().groups
    finally:
        monkeypatch.delenv("DETENTE_KB_EXTRA")
        kb_module.load.cache_clear()
