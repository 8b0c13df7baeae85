"""Coded documents as Rich tables for people reading a terminal."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .model import CodedDocument


def _short(text: str | None, width: int = 90) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def document(console: Console, doc: CodedDocument) -> None:
    title = f"{doc.id}" + (f" · {doc.date}" if doc.date else "") + (f" · {doc.title}" if doc.title else "")
    console.rule(f"[bold]{_short(title, 100)}")
    counted = [e for e in doc.events if e.counts]
    sections = [
        ("Actors", ("id", "type", "name", "mentions", "sectors"),
         [(a.id, a.type, a.name, str(len(a.spans)), ",".join(a.sectors)) for a in doc.actors]),
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
    for title, columns, rows in sections:
        if rows:  # an empty layer prints nothing
            table = Table(title=title, title_justify="left", show_edge=False)
            for col in columns:
                table.add_column(col)
            for row in rows:
                table.add_row(*row)
            console.print(table)


def _from_kb(person) -> str:
    """What the knowledge base, not the article, supplied for this person."""
    bits = []
    if person.affiliation_source == "kb":
        bits.append("affiliation")
    if person.kb_role:
        bits.append(f"role: {person.kb_role}")
    return "; ".join(bits)


def explanation(console: Console, doc: CodedDocument) -> None:
    console.rule(f"[bold]{doc.id}: why each sentence was or was not coded")
    for item in doc.explanations or []:
        console.print(f"[bold]{item['index']:>3}[/bold] {_short(item['sentence'], 110)}")
        for line in item["notes"]:
            console.print(f"      {line}", highlight=False)
    stance_explanation(console, doc)


def stance_explanation(console: Console, doc: CodedDocument) -> None:
    """Per issue: the stances given with their evidence, and the evidence that gave none, with why."""
    if doc.stance_explanations is None:
        return
    console.rule(f"[bold]{doc.id}: why each stance was or was not given")
    for item in doc.stance_explanations:
        if item["issue"] is None:
            console.print(item["how"], highlight=False)
            continue
        console.print(f"[bold]{item['issue']}[/bold]  ({item['how']}; sides: {item['sides']})", highlight=False)
        for s in item["given"]:
            console.print(f"  given  {s['actor']} {s['position']}  confidence {s['confidence']:.2f}", highlight=False)
            for line in s["evidence"]:
                console.print(f"           {_short(line, 110)}", highlight=False)
        for n in item["not_given"]:
            mark = "also" if n["has_stance"] else "none"
            console.print(f"  {mark:5s}  {n['actor']} {n['position']}: {n['reason']}", highlight=False)
            console.print(f"           {_short(n['evidence'], 110)}", highlight=False)
        if item.get("no_evidence"):
            console.print(f"  none   {', '.join(item['no_evidence'])}: nothing they said or did is aimed at a party "
                          f"of this issue", highlight=False)
