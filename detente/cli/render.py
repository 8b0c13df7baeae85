"""Coded documents as Rich tables for people reading a terminal."""
from __future__ import annotations

import re
import textwrap

from rich.console import Console
from rich.text import Text

from ..dates import dated
from ..model import CodedDocument
from . import tables


def _short(text: str | None, width: int = 90) -> str:
    """The text's start up to ``width`` characters, cut between words."""
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + " …"


def document(console: Console, doc: CodedDocument) -> None:
    title = f"{doc.id}" + (f" · {dated(doc.date, doc.date_source)}" if doc.date else "") + (
        f" · {doc.title}" if doc.title else "")
    _rule(console, title)
    for layer, columns, rows in document_tables(doc):
        if rows:  # an empty layer prints nothing
            print_table(console, layer, columns, rows)


def document_tables(doc: CodedDocument) -> list[tuple[str, tuple[str, ...], list[tuple]]]:
    """The coded document's layers as (title, columns, rows)."""
    counted = [e for e in doc.events if e.counts]
    return [
        ("Actors", ("id", "type", "name", "mentions", "sectors"),
         [(a.id, a.type, a.name, len(a.spans), ",".join(a.sectors)) for a in doc.actors]),
        ("Persons", ("name", "role", "affiliation", "from knowledge base"),
         [(p.name, p.role or "", p.affiliation or "", _from_kb(p)) for p in doc.persons]),
        ("Quotes", ("speaker", "kind", "text"),
         [(q.speaker or "?", "direct" if q.direct else "reported", _short(q.text)) for q in doc.quotes]),
        ("Events", ("source", "target", "CAMEO", "name", "Goldstein", "evidence"),
         [(e.source, e.target, e.cameo, e.name or "", "" if e.goldstein is None else f"{e.goldstein:+.1f}",
           _short(e.text, 60)) for e in counted]),
        ("Relations", ("source", "relation", "target", "evidence"),
         [(r.source, r.type + ("" if r.stated else " (implied)"), r.target, _short(r.text, 70))
          for r in doc.relations]),
        ("Stances", ("actor", "issue", "position", "confidence", "evidence"),
         [(s.actor, s.issue, s.position, f"{s.confidence:.2f}", _short(s.evidence[0]["text"] if s.evidence else "", 60))
          for s in doc.stances]),
    ]


def print_table(console: Console, title: str, columns, rows) -> None:
    console.print(tables.fit(title, columns, rows, console.width, priority=_PRIORITY, prose=_PROSE))


# Which columns of a coded document's tables a narrow terminal keeps (lower first; see tables.fit).
_PRIORITY = {"id": 1, "name": 1, "speaker": 1, "text": 1, "source": 1, "target": 1, "CAMEO": 1, "relation": 1,
             "actor": 1, "issue": 1, "position": 1, "role": 2, "affiliation": 2, "Goldstein": 2, "evidence": 2,
             "type": 3, "mentions": 3, "kind": 3, "confidence": 3, "sectors": 4, "from knowledge base": 4}
_PROSE = {"name", "text", "evidence", "role", "issue", "from knowledge base"}


def _from_kb(person) -> str:
    """What the knowledge base, not the article, supplied for this person."""
    bits = []
    if person.affiliation_source == "kb":
        bits.append("affiliation")
    if person.kb_role:
        bits.append(f"role: {person.kb_role}")
    return "; ".join(bits)


class _Wrapper(textwrap.TextWrapper):
    """Breaks lines on spaces and after the ``|`` of a pattern's alternatives
    (``rally|protest|demonstration``), so that no word is cut unless it is wider than the line."""

    wordsep_simple_re = re.compile(r"(\s+|(?<=\|)(?=[^\s|]))")


def _say(console: Console, text: str, indent: int, head: str = "", head_style: str = "", hang: int = 0) -> None:
    """``text`` wrapped to the console after ``indent`` characters, where ``head`` (an index, a
    mark) starts the first line; the lines after it go ``hang`` further in."""
    width = max(console.width - indent, 20)
    wrapper = _Wrapper(width, subsequent_indent=" " * hang, break_on_hyphens=False)
    lines = wrapper.wrap(re.sub(r"\s*\n\s*", " ", text)) or [""]  # (spaces that align marks stay)
    for n, line in enumerate(lines):
        start = Text(head.ljust(indent), style=head_style) if n == 0 else Text(" " * indent)
        console.print(start + Text(line), highlight=False, no_wrap=True, overflow="ignore", crop=False)


def _rule(console: Console, title: str) -> None:
    """A rule with the title in it, or above a title too long to sit in one (Rich would cut it)."""
    if len(title) + 6 <= console.width:
        console.rule(Text(title, style="bold"))
    else:
        console.rule()
        _say(console, title, 0, head_style="bold")


def explanation(console: Console, doc: CodedDocument) -> None:
    _rule(console, f"{doc.id}: why each sentence was or was not coded")
    for item in doc.explanations or []:
        _say(console, item["sentence"], 4, f"{item['index']:>3}", "bold")
        for line in item["notes"]:
            _say(console, line, 6, hang=2)
    stance_explanation(console, doc)


def stance_explanation(console: Console, doc: CodedDocument) -> None:
    """Per issue: the stances given with their evidence, and the evidence that gave none, with why."""
    if doc.stance_explanations is None:
        return
    _rule(console, f"{doc.id}: why each stance was or was not given")
    for item in doc.stance_explanations:
        if item["issue"] is None:
            _say(console, item["how"], 0)
            continue
        console.print(Text(item["issue"], style="bold") + Text(f"  ({item['how']}; sides: {item['sides']})"),
                      highlight=False)
        for s in item["given"]:
            _say(console, f"given  {s['actor']} {s['position']}  confidence {s['confidence']:.2f}", 2, hang=7)
            for line in s["evidence"]:
                _say(console, line, 11)
        for n in item["not_given"]:
            mark = "also" if n["has_stance"] else "none"
            _say(console, f"{mark:5s}  {n['actor']} {n['position']}: {n['reason']}", 2, hang=7)
            _say(console, n["evidence"], 11)
        if item.get("no_evidence"):
            _say(console, f"none   {', '.join(item['no_evidence'])}: nothing they said or did is aimed at a party "
                          f"of this issue", 2, hang=7)
