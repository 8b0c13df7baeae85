"""The Russian language pack: the adapter, language detection, actors, persons, quotes, events,
relations and stances, each on sentences written for these tests."""
from __future__ import annotations

import sys

import pytest

pytest.importorskip("natasha")

from detente.errors import DetenteError  # noqa: E402
from detente.corpus.readers import check_text  # noqa: E402
from detente.coding.lang import detect  # noqa: E402
from detente.model import Article  # noqa: E402
from detente.coding.pipeline import code_articles  # noqa: E402


def code(text: str, date: str = "2016-04-08"):
    return next(iter(code_articles([Article(text=text, date=date, language="ru")])))


def ru_parse(text: str):
    from detente.coding.lang.ru.nlp import parse

    return parse(text)


# ------------------------------------------------------------ detection and the adapter

def test_detect_russian_and_not_ukrainian_or_english():
    assert detect("Министр обороны Армении заявил, что переговоры продолжатся в четверг.") == "ru"
    assert detect("Міністр оборони України заявив, що переговори триватимуть у четвер і п'ятницю.") is None
    assert detect("The minister said the talks would go on.") is None


def test_russian_text_passes_the_check_and_is_marked():
    article = Article(text="Президент Киргизии заявил, что республика не намерена выходить из ОДКБ.")
    check_text(article)
    assert article.language == "ru"


def test_french_is_still_refused(monkeypatch):
    monkeypatch.delenv("DETENTE_LANGUAGE", raising=False)
    with pytest.raises(DetenteError) as err:
        check_text(Article(text="Le ministre a déclaré que les négociations reprendront jeudi à Genève avec les deux parties."))
    assert err.value.code == "E005"


def test_forced_language(monkeypatch):
    monkeypatch.setenv("DETENTE_LANGUAGE", "ru")
    article = Article(text="Lavrov said it.")
    check_text(article)
    assert article.language == "ru"


def test_adapter_keeps_offsets_lemmas_and_a_tree():
    text = "Москва призвала Баку к сдержанности.\n\nВ Ереване прошли переговоры."
    doc = ru_parse(text)
    assert doc.text == text
    assert [t.lemma_ for t in doc][:3] == ["москва", "призвать", "баку"]
    assert doc[0].dep_ == "nsubj" and doc[0].head.text == "призвала"
    assert all(t.head.i == t.i or t.head.sent == t.sent for t in doc)
    assert len(list(doc.sents)) == 2
    assert str(doc[0].morph.get("Case")[0]) == "Nom"


def test_english_start_up_does_not_import_natasha():
    import subprocess

    code_ = ("import sys, detente, detente.coding.pipeline, detente.corpus.ingest, detente.cli; "
             "print('natasha' in sys.modules or 'detente.coding.lang.ru' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code_], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ------------------------------------------------------------ actors

def test_actors_through_inflected_forms_and_adjectives():
    doc = code("Делегация Белоруссии прибыла в Казахстан. Белорусский МИД направил ноту Азербайджану, "
               "а представители ОДКБ и Евросоюза обсудили ситуацию в Нагорном Карабахе.")
    ids = {a.id for a in doc.actors}
    assert {"BLR", "KAZ", "AZE", "CSTO", "EU", "Nagorno-Karabakh"} <= ids


def test_capital_acts_only_when_it_acts():
    doc = code("Переговоры прошли в Москве.")
    assert "RUS" not in {a.id for a in doc.actors}
    doc = code("Кремль призвал Ереван к сдержанности.")
    assert {"RUS", "ARM"} <= {a.id for a in doc.actors}


# ------------------------------------------------------------ persons

def test_person_in_nominative_without_patronymic_with_role_and_affiliation():
    doc = code("Вчера с министром иностранных дел Казахстана Ерланом Абильфаизовичем Идрисовым "
               "встретился посол. Идрисов ответил на вопросы.", date="2014-05-01")
    people = {p.name: p for p in doc.persons}
    assert "Ерлан Идрисов" in people
    p = people["Ерлан Идрисов"]
    assert p.role == "министр иностранных дел" and p.affiliation == "KAZ"
    assert len(p.spans) == 2  # the surname alone is the same person


def test_person_linked_to_the_knowledge_base_by_transliteration():
    doc = code("Сергей Лавров прилетел в Анкару.", date="2015-06-01")
    lavrov = doc.persons[0]
    assert lavrov.name == "Сергей Лавров"
    assert lavrov.kb_role == "Foreign Minister" and lavrov.affiliation == "RUS"
    assert lavrov.affiliation_source == "kb"


def test_title_after_the_name():
    doc = code("Об этом рассказал Иван Петров, посол России в Армении.")
    p = doc.persons[0]
    assert p.role == "посол" and p.affiliation == "RUS"


# ------------------------------------------------------------ quotes

def test_quotation_marks_nested_and_straight():
    from detente.coding.lang.ru.quotes import quotation_spans

    text = 'Он сказал: «Мы не признаём „выборы“ в регионе». Затем: "Соглашение "Минск-2" нужно выполнять".'
    got = [text[s:e] for s, e in quotation_spans(text)]
    assert got == ["Мы не признаём „выборы“ в регионе", 'Соглашение "Минск-2" нужно выполнять']


def test_dash_frame_after_the_quote():
    doc = code("«Мы готовы продолжать диалог с соседями», — сказал президент Армении Серж Саргсян.")
    q = [q for q in doc.quotes if q.direct][0]
    assert q.text == "Мы готовы продолжать диалог с соседями" and q.speaker == "Серж Саргсян"


def test_dash_frame_inside_the_quote_and_institution_speaker():
    doc = code("«Наша позиция не изменилась, — подчеркнул Иван Петров. — Мы будем добиваться мира». "
               "«Санкции против нас бесполезны и незаконны», — сообщает пресс-служба российского МИД.")
    direct = [q for q in doc.quotes if q.direct]
    assert direct[0].speaker == "Иван Петров" and "подчеркнул" not in direct[0].text
    assert direct[1].speaker == "RUS"


def test_colon_and_according_to_frames_and_pronoun():
    doc = code("Министр обороны Армении Давид Тоноян заявил: «Армия готова ко всему». "
               "По его словам, «ситуация на границе остаётся напряжённой».")
    direct = [q for q in doc.quotes if q.direct]
    assert [q.speaker for q in direct] == ["Давид Тоноян", "Давид Тоноян"]


def test_reported_speech_that_clause_and_closing_verb():
    doc = code("Глава МИД Казахстана Ерлан Идрисов заявил, что Астана не будет вмешиваться в конфликт. "
               "Переговоры должны продолжиться в Минске, сообщил Идрисов.", date="2014-05-01")
    reported = [q for q in doc.quotes if not q.direct]
    texts = {q.text: q.speaker for q in reported}
    assert texts.get("Астана не будет вмешиваться в конфликт") == "Ерлан Идрисов"
    assert texts.get("Переговоры должны продолжиться в Минске") == "Ерлан Идрисов"


def test_title_as_subject_stands_for_the_person_named_before():
    doc = code("Госсекретарь США Джон Керри прибыл в Женеву. Позже госсекретарь сообщил, "
               "что Вашингтон готов к новым переговорам.", date="2014-05-01")
    reported = [q for q in doc.quotes if not q.direct]
    assert reported and reported[0].speaker == "Джон Керри"


# ------------------------------------------------------------ events (kb/ru/events.yaml)

EVENT_CASES = [
    ("Президент Армении встретился с президентом Франции в Париже.", ("ARM", "FRA", "040")),
    ("Министр иностранных дел Грузии посетил Анкару.", ("GEO", "TUR", "042")),
    ("Делегация Киргизии прибыла в Астану.", ("KGZ", "KAZ", "042")),
    ("Казахстан подписал соглашение с Китаем о поставках зерна.", ("KAZ", "CHN", "057")),
    ("Турция поддерживает Азербайджан.", ("TUR", "AZE", "051")),
    ("Япония приветствовала решение Индии.", ("JPN", "IND", "051")),
    ("Китай помог Пакистану.", ("CHN", "PAK", "070")),
    ("Франция призвала Армению и Азербайджан к сдержанности.", ("FRA", "ARM", "0256")),
    ("Литва потребовала от Белоруссии закрыть станцию.", ("LTU", "BLR", "100")),
    ("Эстония осудила Россию.", ("EST", "RUS", "111")),
    ("Белоруссия обвинила Польшу в провокациях на границе.", ("BLR", "POL", "112")),
    ("Министр иностранных дел Литвы назвал незаконными действия Белоруссии.", ("LTU", "BLR", "111")),
    ("Иран пригрозил Израилю ответом.", ("IRN", "ISR", "130")),
    ("Турция ввела санкции против Сирии.", ("TUR", "SYR", "163")),
    ("Узбекистан прекратил поставки газа в Киргизию.", ("UZB", "KGZ", "160")),
    ("Китай наложил вето на резолюцию в Совбезе ООН.", ("CHN", "UN", "129")),
    ("Сирия атаковала Турцию.", ("SYR", "TUR", "190")),
    ("Армения обстреливает позиции в Азербайджане.", ("ARM", "AZE", "194")),
    ("Израиль нанес удар по Сирии.", ("ISR", "SYR", "190")),
    ("Самолет Турции был сбит сирийскими военными.", ("SYR", "TUR", "195")),
    ("Грузия провела переговоры с Арменией.", ("GEO", "ARM", "046")),
    ("Президент Молдавии провел телефонный разговор с президентом Румынии.", ("MDA", "ROU", "041")),
    ("Россия и Китай будут сотрудничать.", ("RUS", "CHN", "030")),
    ("Япония оказала помощь Монголии.", ("JPN", "MNG", "070")),
    ("Иран осуществил атаку на Израиль.", ("IRN", "ISR", "190")),
    ("Правительство Эфиопии осудило вторжение в Сомали.", None),
    ("Польша заявила о поддержке Литвы.", ("POL", "LTU", "051")),
    ("Президент Турции поздравил Азербайджан.", ("TUR", "AZE", "051")),
    ("Венесуэла признала Абхазию.", ("VEN", "Abkhazia", "054")),
    ("Россия признала независимость Абхазии.", ("RUS", "Abkhazia", "054")),
    ("Грузия разорвала дипломатические отношения с Россией.", ("GEO", "RUS", "161")),
    ("Евросоюз снял санкции с Белоруссии.", ("EU", "BLR", "081")),
    ("Евросоюз продлил санкции против России.", ("EU", "RUS", "163")),
    ("Армения открыла огонь по позициям Азербайджана.", ("ARM", "AZE", "190")),
    ("Россия аннексировала Крым.", ("RUS", "Crimea", "192")),
    ("Ирак вторгся в Иран.", ("IRQ", "IRN", "190")),
    ("Китай провел консультации с Индией.", ("CHN", "IND", "040")),
]


@pytest.mark.parametrize("text,expected", EVENT_CASES)
def test_event_patterns(text, expected):
    doc = code(text)
    got = {(e.source, e.target, e.cameo) for e in doc.events if e.counts}
    if expected is None:  # an invasion by nobody named codes nothing, the condemnation no target
        assert not any(c.startswith("19") for _, _, c in got)
    else:
        assert expected in got


def test_recognising_a_mistake_is_not_recognition():
    doc = code("Россия признала ошибку.")
    assert not [e for e in doc.all_events if e.cameo == "054"]


def test_meeting_and_cooperation_go_both_ways():
    doc = code("Россия и Китай будут сотрудничать. Глава МИД Армении встретился с коллегой из Франции.")
    got = {(e.source, e.target, e.cameo) for e in doc.all_events}
    assert ("CHN", "RUS", "030") in got and ("RUS", "CHN", "030") in got


def test_coordinated_targets_and_an_official_for_his_state():
    doc = code("Президент Белоруссии Александр Лукашенко обвинил в причастности к перевороту Россию, Казахстан и США.",
               date="2010-04-20")
    got = {(e.source, e.target) for e in doc.all_events if e.cameo.startswith("112")}
    assert got == {("BLR", "RUS"), ("BLR", "KAZ"), ("BLR", "USA")}


def test_negated_and_conditional_events_do_not_count():
    doc = code("Москва не обвиняет Анкару. Если Киев нападет на Минск, начнется война.")
    assert not [e for e in doc.events if e.counts]
    assert {e.cameo for e in doc.all_events if e.negated} == {"112"}


def test_we_in_a_quotation_is_the_speakers_state():
    doc = code("«Мы поддерживаем усилия Германии», — сказал президент Франции Эмманюэль Макрон.", date="2019-05-01")
    assert ("FRA", "DEU", "051") in {(e.source, e.target, e.cameo) for e in doc.all_events}


def test_a_russian_and_an_english_report_give_one_event(tmp_path):
    from detente.corpus.store import Store

    articles = [Article(text="Турция ввела санкции против России в понедельник.", date="2020-05-04",
                        source="ru-outlet", language="ru"),
                Article(text="Turkey imposed sanctions on Russia on Monday.", date="2020-05-04", source="en-outlet")]
    docs = list(code_articles(articles))
    assert [(e.source, e.target, e.cameo) for e in docs[0].all_events] == \
        [(e.source, e.target, e.cameo) for e in docs[1].all_events] == [("TUR", "RUS", "163")]
    assert docs[0].language == "ru" and docs[1].language == "en"
    with Store(tmp_path / "x.duckdb") as store:
        store.add(docs)
        rows = store.con.execute("SELECT source, target, base, num_articles, num_sources FROM events").fetchall()
        langs = sorted(r[0] for r in store.con.execute("SELECT language FROM documents").fetchall())
    assert rows == [("TUR", "RUS", "163", 2, 2)]
    assert langs == ["en", "ru"]


# ------------------------------------------------------------ relations and stances (kb/ru/cues.yaml)

def test_member_of_from_a_cue_and_ally_partner_hostile():
    doc = code("Армения является членом ОДКБ. Белоруссия называет Россию своим главным союзником. "
               "Казахстан и Китай — стратегические партнеры. Альянс создавался как противовес СССР.")
    got = {(r.source, r.type, r.target) for r in doc.relations}
    assert ("ARM", "member_of", "CSTO") in got
    assert ("BLR", "ally_of", "RUS") in got or ("RUS", "ally_of", "BLR") in got
    assert ("KAZ", "partner_of", "CHN") in got or ("CHN", "partner_of", "KAZ") in got


def test_hostile_cue():
    doc = code("НАТО создавалось как противовес СССР.")
    assert {(r.source, r.type, r.target) for r in doc.relations} == {("NATO", "hostile_to", "SUN")}


def test_implied_membership_needs_the_knowledge_base():
    doc = code("На саммите ОДКБ в Ереване Армения и Казахстан обсудили безопасность.", date="2019-11-28")
    got = {(r.source, r.target, r.stated) for r in doc.relations if r.type == "member_of"}
    assert ("ARM", "CSTO", False) in got and ("KAZ", "CSTO", False) in got


def test_stances_from_neutrality_abstention_support_and_sanctions():
    doc = code("Туркменистан придерживается политики нейтралитета. Китай воздержался при голосовании. "
               "Турция поддерживает Азербайджан. Канада ввела санкции против России.")
    got = {(s.actor, s.position) for s in doc.stances}
    assert {("TKM", "neutral"), ("CHN", "neutral"), ("TUR", "side:AZE"), ("CAN", "against:RUS")} <= got


def test_no_side_toward_an_organization():
    doc = code("Белоруссия поддерживает усилия ОБСЕ.")
    assert not [s for s in doc.stances if s.position.endswith("OSCE")]


def test_a_demand_is_a_stance_against():
    doc = code("Литва потребовала от Белоруссии закрыть станцию.")
    assert ("LTU", "against:BLR") in {(s.actor, s.position) for s in doc.stances}


def test_a_one_word_per_entity_must_read_as_a_name():
    from detente.coding.lang.ru.persons import _looks_like_name

    assert _looks_like_name("Лукашенко") and _looks_like_name("Керри")
    assert not _looks_like_name("Минэнергопром")


def test_appeal_for_restraint_is_neutral():
    doc = code("Казахстан призвал Армению и Азербайджан к сдержанности.")
    assert ("KAZ", "neutral") in {(s.actor, s.position) for s in doc.stances}


def test_cli_language_option_and_json_language(tmp_path):
    from typer.testing import CliRunner

    from detente.cli.app import app

    path = tmp_path / "a.txt"
    path.write_text("Москва призвала Баку и Ереван к сдержанности.", encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(app, ["code", str(path), "--format", "json"])
    assert out.exit_code == 0 and '"language": "ru"' in out.stdout
    bad = runner.invoke(app, ["code", str(path), "--language", "xx"])
    assert bad.exit_code != 0


def test_the_articles_own_language_field_is_read():
    from detente.corpus.readers import article_from_record

    assert article_from_record({"text": "Текст.", "language": "ru"}, "x").language == "ru"
    assert article_from_record({"text": "Text.", "language": "fr"}, "x").language is None


def test_undated_text_links_to_the_latest_term():
    doc = code("Сергей Лавров прилетел в Анкару.", date=None)
    assert doc.persons[0].kb_role == "Foreign Minister"


def test_python_api_detects_russian():
    import detente

    doc = detente.code("Москва призвала Баку и Ереван к сдержанности.")
    assert doc.language == "ru" and {a.id for a in doc.actors} >= {"RUS", "AZE", "ARM"}


def test_detection_cost_on_english_is_one_scan():
    import timeit

    text = "The ministers met in Geneva and agreed to continue talks. " * 100
    assert timeit.timeit(lambda: detect(text), number=200) / 200 < 0.001


def test_an_organ_without_its_state_takes_the_state_named_before():
    doc = code("МИД Грузии готовит ответ, сообщил пресс-секретарь внешнеполитического ведомства Иван Петров.")
    p = [p for p in doc.persons if p.name == "Иван Петров"][0]
    assert p.role == "пресс-секретарь" and p.affiliation == "GEO"
