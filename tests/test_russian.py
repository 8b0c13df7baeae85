"""The Russian language pack: the adapter, language detection, actors, persons, quotes, events,
relations and stances, each on sentences written for these tests."""
from __future__ import annotations

import sys

import pytest

pytest.importorskip("natasha")

from detente.errors import DetenteError  # noqa: E402
from detente.ingest import check_text  # noqa: E402
from detente.lang import detect  # noqa: E402
from detente.model import Article  # noqa: E402
from detente.pipeline import code_articles  # noqa: E402


def code(text: str, date: str = "2016-04-08"):
    return next(iter(code_articles([Article(text=text, date=date, language="ru")])))


def ru_parse(text: str):
    from detente.lang.ru.nlp import parse

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

    code_ = ("import sys, detente, detente.pipeline, detente.ingest, detente.cli; "
             "print('natasha' in sys.modules or 'detente.lang.ru' in sys.modules)")
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
    from detente.lang.ru.quotes import quotation_spans

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
