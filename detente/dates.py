"""Dates: an article's own date, the reference date of an undated article, and dates of events.

``parse_date`` is the one reader of a date given with an article (by a JSON record, a feed, an
HTML page, the Python API or the REST API): it accepts the common forms and checks that the
result is a usable date, so nothing downstream meets "2016-02-30" or "9999-12-31".
An article without a date gets, as reference date for the knowledge base (who
held which office), the latest full date it mentions ("April 4, 2016"). Relative
expressions ("on Tuesday", "yesterday") are resolved against the article date.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from .errors import DetenteError

# A news date outside these years is a placeholder or a typo ("0001-01-01", "9999-12-31"); inside
# them, day arithmetic ("yesterday", "on Monday") can never leave the calendar.
MIN_YEAR, MAX_YEAR = 1800, 2200

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday",
                                        "saturday", "sunday"])}

_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_MDY = re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(\d{4})")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MD = re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s+\d{4})")
_DM = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"(?!,?\s+\d{4})")


def _make(y: int, m: int, d: int) -> dt.date | None:
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


# Forms of an article date: ISO date or date-time (the time and zone are dropped: the date as the
# outlet wrote it), Y/M/D with other separators, compact YYYYMMDD.
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
                  r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_WEEKDAY_PREFIX = re.compile(r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
MAX_DATE_CHARS = 64


def parse_date(value: Any) -> str | None:
    """The ISO date (YYYY-MM-DD) of an article date given in any common form; None for no date.

    Accepts ``date``/``datetime`` objects, time tuples (feedparser), ISO dates and date-times
    ("2016-04-08T10:00:00Z"), "2016-4-8", "2016/04/08", "20160408", "April 8, 2016",
    "8 April 2016", RFC 2822 ("Fri, 08 Apr 2016 10:00:00 GMT") and full-width digits. Raises
    ``DetenteError`` E036 for anything else and for dates that do not exist ("2016-02-30")
    or lie outside MIN_YEAR..MAX_YEAR.

        >>> parse_date("2016-04-08T10:00:00Z"), parse_date("8 April 2016")
        ('2016-04-08', '2016-04-08')
    """
    if value is None or (isinstance(value, str) and not value.strip()) or value != value:
        return None  # (value != value: a NaN, how a table with pandas marks a missing date)
    if isinstance(value, (dt.date, dt.datetime)):
        return _checked(value.year, value.month, value.day, value)
    if isinstance(value, (tuple, list)) and len(value) >= 3 and all(isinstance(v, int) for v in value[:3]):
        return _checked(value[0], value[1], value[2], value)  # time.struct_time from feedparser
    if not isinstance(value, str):
        raise _bad(value, f"{type(value).__name__} is not a date")
    if len(value) > MAX_DATE_CHARS:
        raise _bad(value, f"{len(value):,} characters")
    text = unicodedata.normalize("NFKC", value).strip()  # full-width digits and dashes
    text = _WEEKDAY_PREFIX.sub("", text, count=1) if text[:1].isalpha() else text
    for pattern, order in ((_YMD, (1, 2, 3)), (_COMPACT, (1, 2, 3)), (_MDY, (3, 1, 2)), (_DMY, (3, 2, 1))):
        m = pattern.fullmatch(text)
        if m:
            y, mo, d = (m.group(i) for i in order)
            month = int(mo) if mo.isdigit() else _month(mo)
            return _checked(int(y), month, int(d), value)
    try:
        from email.utils import parsedate_to_datetime

        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        raise _bad(value, "not a form of date detente reads") from None
    return _checked(moment.year, moment.month, moment.day, value)


def _checked(y: int, m: int, d: int, value: Any) -> str:
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise _bad(value, f"year {y} is outside {MIN_YEAR}-{MAX_YEAR}")
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError as exc:
        raise _bad(value, str(exc)) from None


def _bad(value: Any, detail: str) -> DetenteError:
    shown = repr(value)
    return DetenteError("E036", value=shown if len(shown) <= 40 else shown[:37] + "...", detail=detail)


def date_or_none(value: Any) -> str | None:
    """``parse_date`` for dates guessed from metadata (feeds, HTML pages): an unusable one is
    dropped, the article is kept."""
    try:
        return parse_date(value)
    except DetenteError:
        return None


def full_dates(text: str) -> list[tuple[dt.date, int, int]]:
    """Dates written with a year, with their character spans."""
    out = []
    for m in _MDY.finditer(text):
        d = _make(int(m.group(3)), _month(m.group(1)), int(m.group(2)))
        if d:
            out.append((d, m.start(), m.end()))
    for m in _DMY.finditer(text):
        d = _make(int(m.group(3)), _month(m.group(2)), int(m.group(1)))
        if d:
            out.append((d, m.start(), m.end()))
    for m in _ISO.finditer(text):
        d = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            out.append((d, m.start(), m.end()))
    return out


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or MONTHS[key[:3]]


def reference_date(text: str) -> str | None:
    """The latest full date the text mentions, as the date of an undated article."""
    dates = [d for d, _, _ in full_dates(text) if 1900 <= d.year <= dt.date.today().year + 1]
    return max(dates).isoformat() if dates else None


def resolve(expression: str, article_date: str | None) -> str | None:
    """The ISO date an expression in a sentence refers to, relative to the article date."""
    expr = expression.strip()
    lowered = expr.lower()
    for pattern in (_MDY, _DMY):
        m = pattern.search(expr)
        if m:
            if pattern is _MDY:
                d = _make(int(m.group(3)), _month(m.group(1)), int(m.group(2)))
            else:
                d = _make(int(m.group(3)), _month(m.group(2)), int(m.group(1)))
            return d.isoformat() if d else None
    m = _ISO.search(expr)
    if m:
        d = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return d.isoformat() if d else None
    base = date_or_none(article_date)
    if base is None:
        return None
    base = dt.date.fromisoformat(base)
    if lowered in ("today", "this morning", "tonight", "this evening"):
        return base.isoformat()
    if lowered in ("yesterday", "last night"):
        return (base - dt.timedelta(days=1)).isoformat()
    if lowered == "tomorrow":
        return (base + dt.timedelta(days=1)).isoformat()
    for name, wd in WEEKDAYS.items():
        if re.fullmatch(rf"(on |last |this )?{name}", lowered):
            delta = (base.weekday() - wd) % 7  # news reports the most recent such day
            return (base - dt.timedelta(days=delta)).isoformat()
    for pattern, (mi, di) in ((_MD, (1, 2)), (_DM, (2, 1))):
        m = pattern.search(expr)
        if m:
            month, day = _month(m.group(mi)), int(m.group(di))
            year = base.year if (month, day) <= (base.month, base.day) else base.year - 1
            d = _make(year, month, day)
            return d.isoformat() if d else None
    return None
