"""`detente analyse ...`: alignment on a conflict, alliance commitments, the actor network."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from ..errors import DetenteError
from .common import console, report

analyse_app = typer.Typer(no_args_is_help=True, help="Analyses over a store or a folder of coded documents.")

DbOption = typer.Option("detente.duckdb", "--db", help="DuckDB store to read.")
FromOption = typer.Option(None, "--from", help="Read coded JSON files from this folder instead of a store.")
FormatOption = typer.Option("table", "--format", "-f", help="table or json")
PlotOption = typer.Option(None, "--plot", help="Draw a picture: FILE.png or FILE.html (self-contained).")


def _docs(db: str, folder: Optional[Path]) -> list[dict]:
    from ..analysis import analyses

    if folder is not None:
        return analyses.load_folder(folder)
    from ..corpus import store

    return list(store.coded_documents(db))


def _kb():
    from .. import kb

    return kb.load()


def _period(meta: dict) -> str:
    """", 2014-02 to now": a knowledge-base conflict's dates (nothing for one only articles name)."""
    if not meta.get("start"):
        return ""
    return f", {meta['start']} to {meta.get('end') or 'now'}"


@analyse_app.command("alignment")
def alignment_cmd(conflict: str = typer.Option(..., "--conflict", help="Conflict name, alias or id."),
                  db: str = DbOption, folder: Optional[Path] = FromOption, format: str = FormatOption,
                  plot: Optional[Path] = PlotOption) -> None:
    """Every actor's position toward a conflict's parties, with evidence counts over time."""
    from ..analysis import analyses, plots

    try:
        kb = _kb()
        meta, rows = analyses.alignment(_docs(db, folder), kb, conflict)
    except DetenteError as err:
        report(err)
        raise typer.Exit(1)
    if format == "json":
        print(json.dumps({**meta, "actors": analyses.rows_as_dicts(rows)}, ensure_ascii=False, indent=1))
    else:
        _table(f"Alignment on the {meta['conflict']}{_period(meta)} (sides: {' vs '.join('/'.join(s) for s in meta['sides'])})",
               ("actor", "position", "evidence", "articles", "first", "last", "by month"),
               [(f"{r.name} ({r.actor})", r.leaning, ", ".join(f"{k} {v}" for k, v in r.counts.items()),
                 r.articles, r.first or "", r.last or "",
                 "; ".join(f"{p}: {sum(c.values())}" for p, c in r.by_period.items())) for r in rows])
    if plot:
        plots.save(plots.alignment_figure(meta, rows, kb), plot, f"Alignment on the {meta['conflict']}",
                   [[f"{r.name} ({r.actor})", r.leaning, json.dumps(r.counts)] for r in rows],
                   ["actor", "position", "evidence"])


@analyse_app.command("commitments")
def commitments_cmd(conflict: str = typer.Option(..., "--conflict", help="Conflict name, alias or id."),
                    party: str = typer.Option(..., "--party", help="The party whose allies are checked: "
                                              "its id, name or alias (ARM, Armenia)."),
                    date: Optional[str] = typer.Option(None, "--date", help="Treaties in force on this date "
                                                       "(default: the latest evidence)."),
                    db: str = DbOption, folder: Optional[Path] = FromOption, format: str = FormatOption,
                    plot: Optional[Path] = PlotOption) -> None:
    """Who is bound by a collective-defence treaty to the party, and what each did."""
    from ..analysis import analyses, plots

    try:
        kb = _kb()
        meta, rows = analyses.commitments(_docs(db, folder), kb, conflict, party, date)
    except DetenteError as err:
        report(err)
        raise typer.Exit(1)
    summary = analyses.commitments_summary(meta, rows, kb)
    if format == "json":
        print(json.dumps({**meta, "summary": summary, "allies": analyses.rows_as_dicts(rows)},
                         ensure_ascii=False, indent=1))
    else:
        _table(f"Commitments to {kb.actor_name(meta['party'])} in the {meta['conflict']} "
               f"(treaties in force on {meta['date']})", ("actor", "bound by", "observed stance", "verdict"),
               [(f"{r.name} ({r.actor})", r.treaty or "—", r.observed, r.verdict) for r in rows])
        console.print(summary)
    if plot:
        _, align_rows = analyses.alignment(_docs(db, folder), kb, conflict)
        plots.save(plots.alignment_figure(meta, align_rows, kb), plot, summary,
                   [[r.name, r.treaty or "—", r.observed, r.verdict] for r in rows],
                   ["actor", "bound by", "observed stance", "verdict"])


@analyse_app.command("network")
def network_cmd(db: str = DbOption, folder: Optional[Path] = FromOption, format: str = FormatOption,
                plot: Optional[Path] = PlotOption) -> None:
    """The signed actor network (events, ties, stances) and its communities."""
    from ..analysis import analyses, plots

    try:
        kb = _kb()
        g, communities = analyses.network(_docs(db, folder), kb)
    except DetenteError as err:
        report(err)
        raise typer.Exit(1)
    if format == "json":
        print(json.dumps({"nodes": [{"id": n, **d} for n, d in g.nodes(data=True)],
                          "edges": [{"source": a, "target": b, **d} for a, b, d in g.edges(data=True)],
                          "communities": communities}, ensure_ascii=False, indent=1))
    else:
        _table(f"Actor network: {g.number_of_nodes()} actors, {g.number_of_edges()} ties", ("community", "members"),
               [(i, ", ".join(members)) for i, members in enumerate(communities)])
        _table("Strongest ties", ("a", "b", "weight"),
               [(a, b, f"{d['weight']:+.2f}")
                for a, b, d in sorted(g.edges(data=True), key=lambda x: -abs(x[2]["weight"]))[:15]])
    if plot:
        plots.save(plots.network_figure(g, communities, kb), plot, "Actor network")


@analyse_app.command("conflicts")
def conflicts_cmd(format: str = FormatOption) -> None:
    """The conflicts the knowledge base knows, with their sides."""
    kb = _kb()
    if format == "json":
        print(json.dumps(kb.conflicts, ensure_ascii=False, indent=1, default=str))
        return
    _table("Known conflicts", ("name", "id", "sides", "from", "to"),
           [(c["name"], c["id"], " vs ".join("/".join(map(str, s)) for s in c.get("sides") or []),
             str(c.get("start") or ""), str(c.get("end") or "")) for c in kb.conflicts])


# Which columns a narrow terminal keeps (lower first; see tables.fit), and which are prose.
_PRIORITY = {"id": 1, "actor": 1, "position": 1, "observed stance": 1, "verdict": 1, "name": 1, "sides": 1, "members": 1,
             "community": 1, "a": 1, "b": 1, "weight": 1, "evidence": 2, "first": 2, "bound by": 2, "from": 2,
             "to": 2, "articles": 3, "last": 3, "by month": 4}
_PROSE = {"actor", "position", "observed stance", "verdict", "name", "sides", "members", "evidence", "by month",
          "bound by"}


def _table(title: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    from . import tables

    console.print(tables.fit(title, columns, rows, console.width, priority=_PRIORITY, prose=_PROSE))
