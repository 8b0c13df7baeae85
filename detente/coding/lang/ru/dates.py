"""Dates written in Russian: the dateline and the text's dates of an undated Russian article.

The English readers in ``detente/dates.py`` look for English month names; a Russian article
writes "8 апреля 2016 года", "МОСКВА, 8 апреля. /ТАСС/." or "ДУШАНБЕ, 24 мар - РИА Новости.".
Dates are read by natasha's date grammar (yargy, natasha's ``DatesExtractor``), and, for
datelines only, by a small yargy rule that adds the agencies' short month names
(``month_abbreviations`` in ``kb/ru/lexicon.yaml``) and a year after a comma ("29 июня, 2012").
The order and the meaning of the sources are English's: ``document_date`` takes these readers.

    >>> reference_date("Переговоры прошли 2 апреля 2016 года и 5 апреля 2016 года.")
    '2016-04-05'
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ....dates import DATELINE_CHARS, DATELINE_WORDS, MAX_YEAR, MIN_YEAR, _make
from ....kb import read_yaml
from .nlp import _natasha

# After the dateline's date: "г."/"года", a time ("09:50"), an agency ("/ТАСС/", "(РИА Новости)"),
# then a full stop, a dash, a colon or the end of the line. A word there means a sentence began
# ("Москва, 8 апреля заявила ...").
_AFTER_DATELINE = re.compile(r"\s*(?:г\.|года)?\s*(?:[.,]?\s*\d{1,2}:\d{2})?"
                             r"\s*[.,]?\s*(?:\([^()\n]{1,40}\)|/[^/\n]{1,20}/)?\s*(?:$|[.:\u2013\u2014-])")


@lru_cache(maxsize=1)
def _extractors():
    """natasha's date grammar, and the dateline grammar (natasha's day and month, short month
    names, a year after a comma)."""
    from natasha import DatesExtractor
    from natasha.extractors import Extractor
    from natasha.grammars.date import DAY, MONTH_NAME, YEAR, YEAR_WORD, Date
    from yargy import or_, rule
    from yargy.predicates import eq, in_caseless

    morph_vocab = _natasha()[4]
    short = {str(k).lower(): int(v) for k, v in read_yaml("ru/lexicon.yaml")["month_abbreviations"].items()}
    month_short = in_caseless(set(short)).interpretation(Date.month.custom(lambda w: short[w.lower()]))
    dateline = rule(DAY, or_(MONTH_NAME, rule(month_short, eq(".").optional())),
                    rule(eq(",").optional(), YEAR, YEAR_WORD.optional()).optional()).interpretation(Date)
    return DatesExtractor(morph_vocab), Extractor(dateline, morph_vocab)


def text_dates(text: str) -> list[tuple[int | None, int | None, int | None, int, int]]:
    """(year, month, day, start, stop) of every date natasha's grammar finds; a part the text
    does not give is None ("в 2014 году": 2014, None, None)."""
    return [(m.fact.year, m.fact.month, m.fact.day, m.start, m.stop) for m in _extractors()[0](text)]


def _full(text: str) -> list[dt.date]:
    out = []
    for y, m, d, _, _ in text_dates(text):
        date = _make(y, m, d) if y and m and d else None
        if date and 1900 <= date.year <= dt.date.today().year + 1:
            out.append(date)
    return out


def reference_date(text: str) -> str | None:
    """The latest full date (day, month, year) the text mentions, as the date of an undated article."""
    dates = _full(text)
    return max(dates).isoformat() if dates else None


def dateline_date(text: str) -> str | None:
    """The date of the dateline the text opens with ("МОСКВА, 8 апреля 2016 г. -", "ДУШАНБЕ,
    24 мар - РИА Новости."). A dateline without a year ("МОСКВА, 8 апреля. /ТАСС/.") takes the
    year that puts it nearest the latest full date of the text; with no such date, no date."""
    line = text.lstrip().split("\n", 1)[0][:DATELINE_CHARS]
    found = sorted(_extractors()[1](line), key=lambda m: m.start)
    if not found:
        return None
    match = found[0]
    if not _AFTER_DATELINE.match(line[match.stop:]):
        return None
    words = re.findall(r"[^\W\d_][\w.'\u2019-]*", line[:match.start])
    # Only place names stand before the date: a lower-case word means a sentence began.
    if not words or len(words) > DATELINE_WORDS or any(w[0].islower() for w in words):
        return None
    year, month, day = match.fact.year, match.fact.month, match.fact.day
    if year:
        date = _make(year, month, day)
        return date.isoformat() if date else None
    anchor = _full(text)
    if not anchor:
        return None
    latest = max(anchor)
    candidates = [d for d in (_make(latest.year + k, month, day) for k in (-1, 0, 1)) if d]
    return min(candidates, key=lambda d: abs(d - latest)).isoformat() if candidates else None


# ------------------------------------------------------------------ the date of an event

def event_date(trigger, date: str | None, prepositions) -> str | None:
    """The year or month a sentence places an event in, else the article's date ``date``. The date
    ("в 1998 году", "в мае 2008 года") must hang on the trigger, or on the verb a noun
    trigger depends on, through a placing preposition (``date_prepositions`` of the Russian
    lexicon) in the prepositional case: "подписанное в 2015 году соглашение" dates the signing, not
    a later event whose object the agreement is. A full date ("8 апреля 2016 года") with such a
    preposition gives the day; a day without a year is left to the article's date."""
    doc = trigger.doc
    found = doc.user_data.get("ru_dates")
    if found is None:
        found = doc.user_data["ru_dates"] = text_dates(doc.text)
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    sent = trigger.sent
    for anchor in dict.fromkeys([trigger, verb]):
        for year, month, day, start, stop in found:
            if not year or start < sent.start_char or stop > sent.end_char:
                continue
            span = doc.char_span(start, stop, alignment_mode="expand")
            root = span.root if span is not None else None
            if root is None or root.head.i != anchor.i or root.i == anchor.i or "Loc" not in root.morph.get("Case"):
                continue
            if not any(c.dep_ == "case" and c.lower_ in prepositions for c in root.children):
                continue
            if not MIN_YEAR <= year <= MAX_YEAR:
                continue
            if month and day:
                full = _make(year, month, day)
                return full.isoformat() if full else date
            return f"{year:04d}-{month:02d}" if month else f"{year:04d}"
    return date
