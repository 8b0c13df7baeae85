"""`detente ingest`, `detente export` and `detente query`: the corpus commands.

Registered on the shared Typer ``app`` when ``cli.py`` imports this module.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any, Optional

import typer
from rich.table import Table

from .cli import _report, app, console, err_console
from .errors import DetenteError
from .store import DEFAULT_DB

DbOption = typer.Option(DEFAULT_DB, "--db", help="DuckDB store (a file; created by ingest).")
JsonOption = typer.Option(False, "--json", help="Print JSON instead of a table.")


# ---------------------------------------------------------------------- ingest

@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Articles: folders (recursively), .txt, .html, .json, .jsonl, "
                                                "feeds, http(s) URLs, or - for stdin."),
    db: str = DbOption,
    workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1,
                                          help="Coding processes (default: all cores; 1 codes in this process)."),
    batch_size: int = typer.Option(32, "--batch-size", min=1,
                                   help="Articles per nlp.pipe batch and per database transaction."),
    dedup_days: Optional[int] = typer.Option(None, "--dedup-days", min=0,
                                             help="Reports of one action this many days apart are one event "
                                                  "(default 2, or DETENTE_DEDUP_DAYS; kept in the store)."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline to use."),
) -> None:
    """Code articles into a store; articles already stored are skipped, so a stopped run resumes."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .corpus import default_workers, ingest as run_ingest

    live = err_console.is_terminal
    progress = Progress(SpinnerColumn(), TextColumn("[bold]ingest[/bold]"), BarColumn(bar_width=None),
                        TextColumn("stored {task.fields[stored]} · skipped {task.fields[skipped]} · "
                                   "errors {task.fields[errors]}"),
                        TextColumn("[cyan]{task.fields[rate]:.1f} articles/s"), TimeElapsedColumn(),
                        console=err_console, transient=False, disable=not live)
    task = progress.add_task("ingest", total=None, stored=0, skipped=0, errors=0, rate=0.0)

    def on_progress(s) -> None:
        progress.update(task, stored=s.stored, skipped=s.skipped, errors=s.errors, rate=s.rate)

    def on_commit(s) -> None:
        if not live:  # logs and pipes get one line per committed batch instead of a bar
            err_console.print(f"batch {s.batches} committed: stored {s.stored}, skipped {s.skipped}, "
                              f"errors {s.errors}, {s.rate:.1f} articles/s", highlight=False)

    def on_error(line: str) -> None:
        progress.console.print(f"[red]error[/red] {line}", highlight=False, soft_wrap=True)

    n_workers = workers or default_workers()
    try:
        with progress:
            summary = run_ingest(paths, db=db, workers=n_workers, batch_size=batch_size, model=model,
                                 dedup_days=dedup_days, on_error=on_error, on_progress=on_progress,
                                 on_commit=on_commit)
    except DetenteError as err:
        _report(err)
        raise typer.Exit(1)
    console.print(summary.line(), highlight=False)
    if summary.stored + summary.skipped == 0:
        raise typer.Exit(1)


# ---------------------------------------------------------------------- export

@app.command()
def export(
    format: str = typer.Option(..., "--format", "-f",
                               help="jsonl | parquet | gdelt-events | gdelt-mentions | gkg (see the README)."),
    out: Optional[str] = typer.Option(None, "--out", "-o", help="Output file (a folder for parquet); "
                                                                 "default: standard output (parquet: <db>-parquet/)."),
    db: str = DbOption,
) -> None:
    """Write the store as coded JSONL, Parquet tables, GDELT 2.0 events or mentions, or GKG-style rows."""
    from . import export as export_module
    from .store import Store

    try:
        if format not in export_module.FORMATS:
            raise DetenteError("E026", value=format)
        with Store(db, read_only=True) as store:
            n = export_module.export(store, format, out)
    except DetenteError as err:
        _report(err)
        raise typer.Exit(1)
    if out or format == "parquet":
        err_console.print(f"wrote {n} {'document(s)' if format in ('jsonl', 'parquet', 'gkg') else 'row(s)'}"
                          f" to {out or 'the parquet folder'}", highlight=False)


# ---------------------------------------------------------------------- query

query_app = typer.Typer(help="Ready questions over a store, or read-only SQL (--sql).", no_args_is_help=False)
app.add_typer(query_app, name="query")


def _show(result, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=1, default=_json_value) + "\n")
        return
    for part in [result, *result.sections]:
        table = Table(title=f"{part.title} ({len(part.rows)})", title_justify="left", show_edge=False)
        for col in part.columns:
            if col in _WIDE:
                table.add_column(col, ratio=1, overflow="fold", min_width=12)
            else:
                table.add_column(col, no_wrap=True, overflow="ellipsis", min_width=min(len(col), 10), max_width=42)
        for row in part.rows:
            table.add_row(*(_cell(v) for v in row))
        console.print(table)


_WIDE = {"text", "name", "title", "person", "role"}


def _json_value(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return str(v)


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, float):
        return f"{v:g}"
    text = " ".join(str(v).split())
    return text if len(text) <= 160 else text[:159] + "…"


def _query(as_json: bool, db: str, fn, *args, **kwargs) -> None:
    from .store import Store

    try:
        with Store(db, read_only=True) as store:
            result = fn(store, *args, **kwargs)
    except DetenteError as err:
        _report(err)
        raise typer.Exit(1)
    _show(result, as_json)


@query_app.callback(invoke_without_command=True)
def query_main(
    ctx: typer.Context,
    sql: Optional[str] = typer.Option(None, "--sql", help="Run one read-only statement (SELECT, WITH, DESCRIBE, "
                                                          "SHOW, EXPLAIN, PRAGMA table_info)."),
    db: str = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Ask the store: actors, actor ID, dyad A B, quotes, events; or --sql "SELECT ...". """
    from . import query

    if sql is not None:
        if ctx.invoked_subcommand is not None:
            _report(DetenteError("E018", detail="give either --sql or a sub-command, not both"))
            raise typer.Exit(2)
        _query(as_json, db, query.sql, sql)
        raise typer.Exit()
    if ctx.invoked_subcommand is None:
        console.print(ctx.get_help())
        raise typer.Exit()


@query_app.command("actors")
def actors_cmd(db: str = DbOption, as_json: bool = JsonOption,
               limit: Optional[int] = typer.Option(None, "--limit", help="Show at most this many.")) -> None:
    """Every actor: articles naming it, mentions, events as source and as target."""
    from . import query

    _query(as_json, db, query.actors, limit=limit)


@query_app.command("actor")
def actor_cmd(actor: str = typer.Argument(..., help="Actor id (BLR, NATO) or name."), db: str = DbOption,
              as_json: bool = JsonOption, limit: int = typer.Option(20, "--limit")) -> None:
    """One actor: summary, events by partner and code, its people and their quotes."""
    from . import query

    _query(as_json, db, query.actor, actor, limit=limit)


@query_app.command("dyad")
def dyad_cmd(a: str = typer.Argument(..., help="First actor (id or name)."),
             b: str = typer.Argument(..., help="Second actor (id or name)."),
             by: str = typer.Option("month", "--by", help="day, week, month or year."),
             date_from: Optional[str] = typer.Option(None, "--from", help="First date (YYYY-MM-DD)."),
             date_to: Optional[str] = typer.Option(None, "--to", help="Last date (YYYY-MM-DD)."),
             db: str = DbOption, as_json: bool = JsonOption) -> None:
    """Events between two actors in both directions per period: QuadClass counts and Goldstein sum."""
    from . import query

    _query(as_json, db, query.dyad, a, b, by=by, date_from=date_from, date_to=date_to)


@query_app.command("quotes")
def quotes_cmd(speaker: Optional[str] = typer.Option(None, "--speaker", help="Name or surname (case and "
                                                                             "accents ignored)."),
               actor: Optional[str] = typer.Option(None, "--actor", help="Only quotes speaking for this actor."),
               limit: int = typer.Option(100, "--limit"), db: str = DbOption, as_json: bool = JsonOption) -> None:
    """Quotations with their speakers."""
    from . import query

    _query(as_json, db, query.quotes, speaker=speaker, actor=actor, limit=limit)


@query_app.command("events")
def events_cmd(code: Optional[str] = typer.Option(None, "--code", help="CAMEO code or prefix (19 = fight)."),
               date_from: Optional[str] = typer.Option(None, "--from", help="First date (YYYY-MM-DD)."),
               date_to: Optional[str] = typer.Option(None, "--to", help="Last date (YYYY-MM-DD)."),
               source: Optional[str] = typer.Option(None, "--source", help="Source actor."),
               target: Optional[str] = typer.Option(None, "--target", help="Target actor."),
               limit: int = typer.Option(100, "--limit"), db: str = DbOption, as_json: bool = JsonOption) -> None:
    """De-duplicated events with their report counts."""
    from . import query

    _query(as_json, db, query.events, code=code, date_from=date_from, date_to=date_to, source=source,
           target=target, limit=limit)
