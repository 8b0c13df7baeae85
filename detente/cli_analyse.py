"""`detente analyse ...`: alignment on a conflict, alliance commitments, the actor network."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from .cli import _report, app, console
from .errors import DetenteError

analyse_app = typer.Typer(no_args_is_help=True, help="Analyses over a store or a folder of coded documents.")
app.add_typer(analyse_app, name="analyse")

DbOption = typer.Option("detente.duckdb", "--db", help="DuckDB store to read.")
FromOption = typer.Option(None, "--from", help="Read coded JSON files from this folder instead of a store.")
FormatOption = typer.Option("table", "--format", "-f", help="table or json")
PlotOption = typer.Option(None, "--plot", help="Draw a picture: FILE.png or FILE.html (self-contained).")


def _docs(db: str, folder: Optional[Path]) -> list[dict]:
    from . import analysis

    if folder is not None:
        return analysis.load_folder(folder)
    from . import store

    return list(store.coded_documents(db))


def _kb():
    from . import kb

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
    from . import analysis, plots

    try:
        kb = _kb()
        meta, rows = analysis.alignment(_docs(db, folder), kb, conflict)
    except DetenteError as err:
        _report(err)
        raise typer.Exit(1)
    if format == "json":
        print(json.dumps({**meta, "actors": analysis.rows_as_dicts(rows)}, ensure_ascii=False, indent=1))
    else:
        t = Table(title=f"Alignment on the {meta['conflict']}{_period(meta)} (sides: "
                        f"{' vs '.join('/'.join(s) for s in meta['sides'])})", title_justify="left")
        for col in ("actor", "position", "evidence", "articles", "first", "last", "by month"):
            t.add_column(col)
        for r in rows:
            t.add_row(f"{r.name} ({r.actor})", r.leaning, ", ".join(f"{k} {v}" for k, v in r.counts.items()),
                      str(r.articles), r.first or "", r.last or "",
                      "; ".join(f"{p}: {sum(c.values())}" for p, c in r.by_period.items()))
        console.print(t)
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
    from . import analysis, plots

    try:
        kb = _kb()
        meta, rows = analysis.commitments(_docs(db, folder), kb, conflict, party, date)
    except DetenteError as err:
        _report(err)
        raise typer.Exit(1)
    summary = analysis.commitments_summary(meta, rows, kb)
    if format == "json":
        print(json.dumps({**meta, "summary": summary, "allies": analysis.rows_as_dicts(rows)},
                         ensure_ascii=False, indent=1))
    else:
        t = Table(title=f"Commitments to {kb.actor_name(meta['party'])} in the {meta['conflict']} "
                        f"(treaties in force on {meta['date']})", title_justify="left")
        for col in ("actor", "bound by", "observed stance", "verdict"):
            t.add_column(col)
        for r in rows:
            t.add_row(f"{r.name} ({r.actor})", r.treaty or "—", r.observed, r.verdict)
        console.print(t)
        console.print(summary)
    if plot:
        _, align_rows = analysis.alignment(_docs(db, folder), kb, conflict)
        plots.save(plots.alignment_figure(meta, align_rows, kb), plot, summary,
                   [[r.name, r.treaty or "—", r.observed, r.verdict] for r in rows],
                   ["actor", "bound by", "observed stance", "verdict"])


@analyse_app.command("network")
def network_cmd(db: str = DbOption, folder: Optional[Path] = FromOption, format: str = FormatOption,
                plot: Optional[Path] = PlotOption) -> None:
    """The signed actor network (events, ties, stances) and its communities."""
    from . import analysis, plots

    try:
        kb = _kb()
        g, communities = analysis.network(_docs(db, folder), kb)
    except DetenteError as err:
        _report(err)
        raise typer.Exit(1)
    if format == "json":
        print(json.dumps({"nodes": [{"id": n, **d} for n, d in g.nodes(data=True)],
                          "edges": [{"source": a, "target": b, **d} for a, b, d in g.edges(data=True)],
                          "communities": communities}, ensure_ascii=False, indent=1))
    else:
        t = Table(title=f"Actor network: {g.number_of_nodes()} actors, {g.number_of_edges()} ties",
                  title_justify="left")
        for col in ("community", "members"):
            t.add_column(col)
        for i, members in enumerate(communities):
            t.add_row(str(i), ", ".join(members))
        console.print(t)
        e = Table(title="Strongest ties", title_justify="left")
        for col in ("a", "b", "weight"):
            e.add_column(col)
        for a, b, d in sorted(g.edges(data=True), key=lambda x: -abs(x[2]["weight"]))[:15]:
            e.add_row(a, b, f"{d['weight']:+.2f}")
        console.print(e)
    if plot:
        plots.save(plots.network_figure(g, communities, kb), plot, "Actor network")


@analyse_app.command("conflicts")
def conflicts_cmd(format: str = FormatOption) -> None:
    """The conflicts the knowledge base knows, with their sides."""
    kb = _kb()
    if format == "json":
        print(json.dumps(kb.conflicts, ensure_ascii=False, indent=1, default=str))
        return
    t = Table(title="Known conflicts", title_justify="left")
    for col in ("name", "id", "sides", "from", "to"):
        t.add_column(col)
    for c in kb.conflicts:
        t.add_row(c["name"], c["id"], " vs ".join("/".join(map(str, s)) for s in c.get("sides") or []),
                  str(c.get("start") or ""), str(c.get("end") or ""))
    console.print(t)
