"""Dates in text: the reference date of an undated article, and dates of events.

An article without a date gets, as reference date for the knowledge base (who
held which office), the latest full date it mentions ("April 4, 2016"). Relative
expressions ("on Tuesday", "yesterday") are resolved against the article date.
"""
from __future__ import annotations

import datetime as dt
import re

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
    try:
        return dt.date(y, m, d)
    except ValueError:
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
    if not article_date:
        return None
    base = dt.date.fromisoformat(article_date)
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
