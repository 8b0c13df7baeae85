"""Dates: an article's own date, the reference date of an undated article, and dates of events.

``parse_date`` is the one reader of a date given with an article (by a JSON record, a feed, an
HTML page, the Python API or the REST API): it accepts the common forms and checks that the
result is a usable date, so nothing downstream meets "2016-02-30" or "9999-12-31".
An article without a date is dated, in this order, by its URL ("/2020/12/01/"), its page's
metadata (both read by htmldate), its dateline ("MOSCOW, April 8, 2016 (Reuters) -") and, last,
the latest full date its text mentions ("April 4, 2016"); ``document_date`` says which gave it.
That one date is the document's: its events, quotes and mentions, and the knowledge base's
offices, are all read on it. Relative expressions ("on Tuesday", "yesterday", "last year") are
resolved against it; an expression naming only a year or a month ("in 2008", "the 1998 strike",
"in May 2008") gives a date of that precision ("2008", "2008-05", ISO 8601's reduced forms).
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


# ------------------------------------------------------------------ the document's own date

# Where a document's date came from, most trusted first.
DATE_SOURCES = ("given", "url", "page", "dateline", "text")


# Where the date came from, in words for a person reading it ("2016-04-04 (from the text)"); the
# dashboard's article page shows the same words (``date_in_words`` of GET /api/documents/{id}).
DATE_SOURCE_WORDS = {"given": "given with the article", "url": "from the URL", "page": "from the page's metadata",
                     "dateline": "from the dateline", "text": "from the text"}


def dated(date: str, date_source: str | None) -> str:
    """The date as shown to a person: "2016-04-04 (from the text)"."""
    words = DATE_SOURCE_WORDS.get(date_source or "")
    return f"{date} ({words})" if words else str(date)


def url_date(url: str | None) -> str | None:
    """The date a news URL carries ("/2020/12/01/", "/2020-12-01/"), read by htmldate."""
    if not url or not isinstance(url, str) or not re.match(r"https?://", url):
        return None
    return _htmldate("<html><body></body></html>", url)


def page_date(html: str) -> str | None:
    """The publication date in an HTML page's metadata (meta tags, JSON-LD, <time> elements),
    read by htmldate without searching the text (the text's dates are the last resort, below)."""
    return _htmldate(html, None)


def _htmldate(html: str, url: str | None) -> str | None:
    from htmldate import find_date

    try:
        # The page, as bytes, is the first argument: given a string that looks like a URL,
        # htmldate would download it (and nothing may be downloaded at run time).
        found = find_date(html.encode("utf-8", "replace"), url=url, extensive_search=False, original_date=True,
                          min_date=f"{MIN_YEAR}-01-01")
    except (ValueError, TypeError, RecursionError):  # markup lxml refuses
        return None
    return date_or_none(found)


# A dateline opens the text: place names in capitals or title case (or a weekday, a byline), the
# date, an agency in brackets, then a dash, a colon or the end of the line ("MOSCOW, April 8, 2016
# (Reuters) - ...", "Friday, April 8, 2016", "Yerevan, 8 April 2016: ...").
_AFTER_DATELINE = re.compile(r"(?:,?\s*\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"  # a time, a zone
                             r"\s*(?:\([^()\n]{1,40}\)|/[^/\n]{1,20}/)?\s*(?:$|(?:[-\u2013\u2014]{1,2}|:)(?:\s|$))")
DATELINE_CHARS = 120
DATELINE_WORDS = 6  # words before the date: "NEW YORK, N.Y.", "Updated Friday", "By Jane Doe"


def dateline_date(text: str) -> str | None:
    """The date of the dateline the text opens with, if it has one."""
    line = text.lstrip().split("\n", 1)[0][:DATELINE_CHARS]
    found = sorted(full_dates(line), key=lambda f: f[1])
    if not found:
        return None
    date, start, stop = found[0]
    if not _AFTER_DATELINE.match(line[stop:]):
        return None
    words = re.findall(r"[^\W\d_][\w.'\u2019-]*", line[:start])
    # Only names (and a weekday) stand before the date: a lower-case word means a sentence began.
    if len(words) > DATELINE_WORDS or any(w[0].islower() and w.lower() not in ("by", "of", "de") for w in words):
        return None
    return date.isoformat()


def document_date(article_date: str | None, date_source: str | None, url: str | None,
                  text: str, dateline=None, in_text=None) -> tuple[str | None, str | None]:
    """The document's date and where it came from (one of DATE_SOURCES; None, None: no date).
    ``dateline`` and ``in_text`` read the text's dates in another language (text -> ISO date or
    None); English's by default."""
    if article_date:
        return article_date, date_source or "given"
    dateline, in_text = dateline or dateline_date, in_text or reference_date
    for source, find in (("url", lambda: url_date(url)), ("dateline", lambda: dateline(text)),
                         ("text", lambda: in_text(text))):
        found = find()
        if found:
            return found, source
    return None, None


# ------------------------------------------------------------------ dates in sentences

_YEAR = re.compile(r"(?<![\d.,/-])(1[89]\d\d|2[01]\d\d)(?![\d/]|-\d|s\b)")  # not "1990s", "2008-09"
_MONTH_YEAR = re.compile(r"\b" + _MONTH + r",?\s+(?:of\s+)?(\d{4})\b")
# (not "more than two years ago", "over a year ago": a bound, not a year)
_YEARS_AGO = re.compile(r"(?<!more than )(?<!over )(?<!at least )\b([a-z]+|\d{1,2})\s+years?\s+ago\b")
_LAST_YEAR = re.compile(r"\b(?:last|previous|past) year\b")
_SPANS_YEARS = re.compile(r"\b(?:between|from|since|until|till|through|by|before|after)\b")


def _coarse(expr: str, lowered: str, base: dt.date | None) -> str | None:
    """A year ("2008", "early 2008", "the summer of 2008") or month ("May 2008") the expression
    names; "last year" and "two years ago" against the article date. None for ranges
    ("2008-2010", "between 2008 and 2010"), decades ("the 1990s") and open ends ("since 2008")."""
    if _SPANS_YEARS.search(lowered):
        return None
    m = _MONTH_YEAR.search(expr)
    if m and MIN_YEAR <= int(m.group(2)) <= MAX_YEAR:
        return f"{int(m.group(2)):04d}-{_month(m.group(1)):02d}"
    years = set(_YEAR.findall(expr))
    if len(years) == 1 and not re.search(r"\d{4}\s*[-\u2013/]\s*\d", expr):
        return years.pop()
    if base is not None:
        if _LAST_YEAR.search(lowered):
            return str(base.year - 1)
        m = _YEARS_AGO.search(lowered)
        if m:
            n = int(m.group(1)) if m.group(1).isdigit() else _number_word(m.group(1))
            return str(base.year - n) if n and MIN_YEAR <= base.year - n else None
    return None


def _number_word(word: str) -> int | None:
    """"a", "one", "two" ... as a number (the lexicon's number words)."""
    if word in ("a", "an", "one"):
        return 1
    from . import kb

    value = kb.load().lexicon.get("group_numbers", {}).get(word)
    return value if isinstance(value, int) and word != "both" else None


def resolve(expression: str, article_date: str | None) -> str | None:
    """The date an expression in a sentence refers to, relative to the article date: a full ISO
    date, or a year or month ("2008", "2008-05") when the expression names no day.

        >>> resolve("yesterday", "2016-04-08"), resolve("1998", None), resolve("May 2008", None)
        ('2016-04-07', '1998', '2008-05')
    """
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
    base = dt.date.fromisoformat(base) if base else None
    coarse = _coarse(expr, lowered, base)
    if coarse or base is None:
        return coarse
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
