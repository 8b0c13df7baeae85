"""Dates written in Russian: an undated Russian article is dated by its dateline, else by the
latest full date of its text, as an English one is (sentences written for these tests)."""
from __future__ import annotations

import pytest

pytest.importorskip("natasha")
from detente.coding.lang.ru import dates  # noqa: E402
from detente.coding.pipeline import code_articles  # noqa: E402
from detente.model import Article  # noqa: E402


def code(text: str, date: str | None = None, url: str | None = None):
    return next(iter(code_articles([Article(text=text, date=date, url=url, language="ru")])))


def test_latest_full_date_of_the_text():
    text = ("Соглашение подписали 3 марта 2011 года в Минске, а 12.05.2011 стороны обменялись "
            "нотами. В 2013 году договор продлили, 9 июня к нему вернутся.")
    assert dates.reference_date(text) == "2011-05-12"  # a year alone or a day without a year is not a date


def test_text_without_a_full_date():
    assert dates.reference_date("В 2008 году стороны не договорились, 4 ноября встреча сорвалась.") is None


@pytest.mark.parametrize("text, expected", [
    ("КИШИНЕВ, 17 сентября 2013 г. — Молдавия отозвала посла.", "2013-09-17"),
    ("Минск, 5 октября, 2009, 14:20 — Белоруссия закрыла границу.", "2009-10-05"),
    ("БИШКЕК, 11 окт - Агентство. Киргизия 9 октября 2019 года закрыла границу.", "2019-10-11"),
    ("АСТАНА, 21 мая. /Агентство/. Казахстан 19 мая 2018 года выслал дипломата.", "2018-05-21"),
    # a yearless dateline takes the year nearest the text's latest date (here the next one)
    ("ТБИЛИСИ, 2 января. Грузия напомнила о встрече 29 декабря 2015 года.", "2016-01-02"),
])
def test_russian_datelines(text, expected):
    assert dates.dateline_date(text) == expected


@pytest.mark.parametrize("text", [
    "Минск, 5 октября заявил о закрытии границы в 2009 году.",  # a sentence goes on after the date
    "В понедельник, 7 марта 2016 года, министры встретились в Риге.",  # a sentence, not a dateline
    "АСТАНА, 21 мая. /Агентство/. Казахстан выслал дипломата.",  # no year anywhere
    "Казахстан выслал дипломата.\nАСТАНА, 21 мая 2018 г. — Агентство.",  # not the first line
])
def test_not_russian_datelines(text):
    assert dates.dateline_date(text) is None


def test_undated_russian_article_dated_by_its_dateline():
    doc = code("КИШИНЕВ, 17 сентября 2013 г. — Молдавия отозвала посла из Москвы. "
               "Соглашение было подписано 3 марта 2011 года.")
    assert (doc.date, doc.date_source) == ("2013-09-17", "dateline")
    assert doc.reference_date == "2013-09-17"


def test_undated_russian_article_dated_by_its_text():
    doc = code("Министр иностранных дел России Сергей Лавров 14 февраля 2017 года осудил Украину. "
               "Переговоры прошли 2 февраля 2017 года.")
    assert (doc.date, doc.date_source) == ("2017-02-14", "text")
    assert doc.events and {e.date for e in doc.events} == {"2017-02-14"}


def test_given_date_is_kept_over_the_text():
    doc = code("КИШИНЕВ, 17 сентября 2013 г. — Молдавия отозвала посла.", date="2013-09-18")
    assert (doc.date, doc.date_source) == ("2013-09-18", "given")


def test_undated_russian_article_without_dates_stays_undated():
    doc = code("Молдавия отозвала посла из Москвы.")
    assert (doc.date, doc.date_source) == (None, None)


# ------------------------------------------------------------ events placed in another year

@pytest.mark.parametrize("text, expected", [
    ("В 1999 году Россия ввела санкции против Грузии.", "1999"),
    ("Турция в июне 2007 года осудила Армению.", "2007-06"),
    ("Во 2003 году Россия осудила Грузию.", "2003"),
    # a noun trigger takes the date of the verb it depends on
    ("Визит Путина в Турцию в 2012 году состоялся после примирения.", "2012"),
])
def test_russian_event_placed_in_a_year(text, expected):
    doc = code(text, date="2021-03-01")
    assert doc.events and {e.date for e in doc.events} == {expected}


@pytest.mark.parametrize("text", [
    "Россия осудила Армению за решение, принятое в 2013 году.",  # the year dates another verb
    "Турция обвинила Армению в нарушении договора, подписанного в 2011 году.",
    "Россия ввела санкции против Грузии на 2017 год.",  # "на" + accusative: a term, not a time
    "Россия с 2014 года осуждает Армению.",  # "с": since, not at
    "Россия 3 мая осудила Армению.",  # a day without a year: the article's date
])
def test_russian_event_keeps_the_article_date(text):
    doc = code(text, date="2021-03-01")
    assert doc.events and {e.date for e in doc.events} == {"2021-03-01"}
