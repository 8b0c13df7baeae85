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
    if doc.actors:
        t = Table(title="Actors", title_justify="left", show_edge=False)
        for col in ("id", "type", "name", "mentions", "sectors"):
            t.add_column(col)
        for a in doc.actors:
            t.add_row(a.id, a.type, a.name, str(len(a.spans)), ",".join(a.sectors))
        console.print(t)
    if doc.persons:
        t = Table(title="Persons", title_justify="left", show_edge=False)
        for col in ("name", "role", "affiliation", "from knowledge base"):
            t.add_column(col)
        for p in doc.persons:
            kb_bits = []
            if p.affiliation_source == "kb":
                kb_bits.append("affiliation")
            if p.kb_role:
                kb_bits.append(f"role: {p.kb_role}")
            t.add_row(p.name, p.role or "", p.affiliation or "", "; ".join(kb_bits))
        console.print(t)
    if doc.quotes:
        t = Table(title="Quotes", title_justify="left", show_edge=False)
        for col in ("speaker", "kind", "text"):
            t.add_column(col)
        for q in doc.quotes:
            t.add_row(q.speaker or "?", "direct" if q.direct else "reported", _short(q.text))
        console.print(t)
    counted = [e for e in doc.events if e.counts]
    if counted:
        t = Table(title="Events", title_justify="left", show_edge=False)
        for col in ("source", "target", "CAMEO", "name", "Goldstein", "evidence"):
            t.add_column(col)
        for e in counted:
            t.add_row(e.source, e.target, e.cameo, e.name or "",
                      "" if e.goldstein is None else f"{e.goldstein:+.1f}", _short(e.text, 60))
        console.print(t)
    if doc.relations:
        t = Table(title="Relations", title_justify="left", show_edge=False)
        for col in ("source", "relation", "target", "evidence"):
            t.add_column(col)
        for r in doc.relations:
            t.add_row(r.source, r.type + ("" if r.stated else " (implied)"), r.target, _short(r.text, 70))
        console.print(t)
    if doc.stances:
        t = Table(title="Stances", title_justify="left", show_edge=False)
        for col in ("actor", "issue", "position", "confidence", "evidence"):
            t.add_column(col)
        for s in doc.stances:
            ev = s.evidence[0]["text"] if s.evidence else ""
            t.add_row(s.actor, s.issue, s.position, f"{s.confidence:.2f}", _short(ev, 60))
        console.print(t)


def explanation(console: Console, doc: CodedDocument) -> None:
    console.rule(f"[bold]{doc.id}: why each sentence was or was not coded")
    for item in doc.explanations or []:
        console.print(f"[bold]{item['index']:>3}[/bold] {_short(item['sentence'], 110)}")
        for line in item["notes"]:
            console.print(f"      {line}", highlight=False)
