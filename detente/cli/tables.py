"""Rows of values as a Rich table that fits a terminal of any width.

Rich, given more columns than fit, shrinks every column in proportion, down to nothing: CAMEO
codes and QuadClasses vanish and dates read ``201…``. ``fit`` lays the table out itself instead:

- a value without a space (a code, a date, an id, a number) is never broken: its column is as
  wide as its widest value (``no_wrap``); text with spaces (names, sentences) wraps on words;
- a header may wrap at its underscores and spaces (``events_`` / ``as_`` / ``source``);
- when the columns cannot all fit, the least important go first (``priority``: lower is
  kept longer; the caller names them), and a line under the table says which are hidden;
- only when not even the most important column fits are the rows printed as ``key: value``.

    >>> console.print(fit("Events", ["date", "cameo", "name"], rows, width=80))
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

# A column of prose (sentences, names of things) is laid out at least this wide (or as wide as
# its longest value or word) before a less important column is given room; other text columns
# (actor names as ids) ask only for their longest word.
PROSE_WIDTH = 16
# Columns of this rank and beyond give way to prose that would otherwise wrap in more than a
# quarter of the rows, until the prose is PROSE_COMFORT wide.
DETAIL = 4
PROSE_COMFORT = 60
# A column's share of a line besides its text: one space of padding each side and a rule.
GUTTER = 3
# Longest text shown in a cell; --json gives the whole value.
MAX_TEXT = 300


def cell(v: Any) -> str:
    """A value as one line of text (dates in ISO form, floats without trailing zeros)."""
    if v is None:
        return ""
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, float):
        return f"{v:g}"
    text = " ".join(str(v).split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


@dataclass
class _Column:
    index: int
    name: str
    priority: int
    wraps: bool  # some value has a space: wrap it on words
    prose: bool  # room left goes to these first
    widest: int  # the longest value
    lengths: list[int]  # of each value
    least: int  # narrowest width that breaks no value (and no word, up to PROSE_WIDTH)
    want: int  # the width asked for when choosing columns: values whole, header on its parts
    numeric: bool


def _header_parts(name: str) -> list[str]:
    """Where a header may break: after each underscore or space (``q1_``, ``verb_``, ``coop``)."""
    return [p.rstrip(" ") for p in re.findall(r"[^_ ]*[_ ]|[^_ ]+", name)] or [name]


def _column(index: int, name: str, values: list[Any], texts: list[str], priority: int, prose: bool) -> _Column:
    widest = max((cell_len(t) for t in texts), default=0)  # (cells on screen: a CJK character takes two)
    wraps = any(" " in t for t in texts)
    header = max(len(p) for p in _header_parts(name))
    numeric = bool(values) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values
                                   if v is not None) and any(v is not None for v in values)
    if wraps:
        longest_word = max(cell_len(w) for t in texts for w in t.split())
        least = min(longest_word, PROSE_WIDTH)  # a longer word (a URL in a quote) folds
        # (a word wider than two prose widths, such as a/b/c/d, may fold rather than push columns out)
        want = max(min(longest_word, 2 * PROSE_WIDTH), min(widest, PROSE_WIDTH) if prose else 0, header)
    else:
        least = max(widest, 1)
        want = max(widest, header)
    return _Column(index, name, priority, wraps, prose and wraps, widest, [cell_len(t) for t in texts], least,
                   want, numeric)


def _wrapped(column: _Column, width: int) -> int:
    """How many of the column's values take more than one line at this width."""
    return sum(n > width for n in column.lengths)


def _total(columns: list[_Column], width_of) -> int:
    return sum(width_of(c) + GUTTER for c in columns) - 1 if columns else 0


def _choose(columns: list[_Column], width: int) -> tuple[list[_Column], dict[int, int]] | None:
    """The columns shown and their widths; None when not even one column fits."""
    # least important first, the rightmost of equals first
    order = sorted(columns, key=lambda c: (-c.priority, -c.index))
    shown = list(columns)
    widths = {c.index: c.want for c in columns}
    # 1. drop the least important until the rest fit with whole headers
    for c in order:
        if _total(shown, lambda x: widths[x.index]) <= width:
            break
        if c.priority <= min(x.priority for x in columns):  # the most important stay: try narrower headers
            break
        shown.remove(c)
    # 2. still too wide: headers fold, and the least important of what is left go next
    if _total(shown, lambda x: widths[x.index]) > width:
        widths = {c.index: c.least for c in columns}
        for c in order:
            if c in shown and _total(shown, lambda x: widths[x.index]) > width:
                shown.remove(c)
        if not shown:
            return None
        # room left: whole headers for the most important first
        for c in sorted(shown, key=lambda c: (c.priority, c.index)):
            spare = width - _total(shown, lambda x: widths[x.index])
            widths[c.index] += max(0, min(spare, c.want - widths[c.index]))
    # 3. the room left goes to the wrapping columns, prose first, a character at a time to the one
    #    that lacks most; while prose narrower than PROSE_COMFORT would wrap in more than a quarter
    #    of the rows, details (rank DETAIL and up) give theirs
    while True:
        spare = width - _total(shown, lambda x: widths[x.index])
        while spare > 0:
            lacking = [c for c in shown if c.wraps and widths[c.index] < c.widest]
            if not lacking:
                break
            c = max(lacking, key=lambda c: (c.prose, c.widest - widths[c.index], -c.index))
            widths[c.index] += 1
            spare -= 1
        details = [c for c in shown if c.priority >= DETAIL]
        if not details or not any(c.prose and widths[c.index] < PROSE_COMFORT
                                  and _wrapped(c, widths[c.index]) * 4 > len(c.lengths) for c in shown):
            break
        shown.remove(max(details, key=lambda c: (c.priority, c.index)))
    # 4. room still left: headers on one line where it fits, the most important first
    for c in sorted(shown, key=lambda c: (c.priority, c.index)):
        need = cell_len(c.name) - widths[c.index]
        if 0 < need <= width - _total(shown, lambda x: widths[x.index]):
            widths[c.index] += need
    return shown, widths


def _header(name: str, width: int) -> Text:
    """The header broken at its underscores and spaces into lines of at most ``width`` (folded if a
    part is longer)."""
    lines: list[str] = []
    for part in _header_parts(name):
        joint = "" if lines and lines[-1].endswith("_") else " "
        if lines and len(lines[-1]) + len(joint) + len(part) <= width:
            lines[-1] += joint + part
        else:
            lines.append(part)
    return Text("\n".join(lines), no_wrap=False, overflow="fold")


def fit(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], width: int,
        priority: Mapping[str, int] | None = None, prose: Collection[str] = ()) -> RenderableType:
    """``rows`` under ``columns`` as a table at most ``width`` characters wide (see the module doc).
    ``priority``: column name -> rank (lower is kept longer; unnamed columns rank 5); ``prose``:
    the names of columns of sentences or names, given room before other text."""
    priority = priority or {}
    texts = [[cell(v) for v in row] for row in rows]
    cols = [_column(i, name, [row[i] for row in rows], [t[i] for t in texts], priority.get(name, 5),
                    name in prose)
            for i, name in enumerate(columns)]
    chosen = _choose(cols, width)
    if chosen is None:
        return _records(title, columns, texts)
    shown, widths = chosen
    table = Table(show_edge=False)
    for c in shown:
        table.add_column(_header(c.name, widths[c.index]), width=widths[c.index], no_wrap=not c.wraps,
                         overflow="fold", justify="right" if c.numeric else "left")
    for t in texts:  # Text, not str: a quoted "[positive]" is words, not Rich markup
        table.add_row(*(Text(t[c.index]) for c in shown))
    # the title above, not in, the table: Rich would wrap it to the table's width ("Res / ult")
    parts: list[RenderableType] = [Text(title, style="table.title"), table]
    hidden = [c.name for c in cols if c not in shown]
    if hidden:
        parts.append(Text(f"not shown at {width} columns: {', '.join(hidden)} (a wider terminal or the JSON "
                          "output shows them)", style="dim"))
    return Group(*parts)


def _records(title: str, columns: Sequence[str], texts: list[list[str]]) -> RenderableType:
    """One block a row, each value on its own line, for terminals narrower than any column."""
    lines = [Text(title, style="bold")]  # (Text: values are never read as markup)
    for t in texts:
        lines.extend(Text(f"  {col}: {v}") for col, v in zip(columns, t) if v)
        lines.append(Text(""))
    return Group(*lines)
