"""`detente ingest`, `detente export` and `detente query`: the corpus commands.

Registered on the Typer app by ``app.py``.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
from typing import Any

import typer
from rich.console import Console

from . import tables
from ..errors import DetenteError
from ..corpus.store.schema import DEFAULT_DB
from .common import LanguageOption, console, err_console, report, set_language

DbOption = typer.Option(DEFAULT_DB, "--db", help="DuckDB store (a file; created by ingest).")
JsonOption = typer.Option(False, "--json", help="Print JSON instead of a table.")


# ---------------------------------------------------------------------- ingest

def ingest(
    paths: list[str] | None = typer.Argument(None, help="Articles: folders (recursively), .txt, .html, .json, "
                                                       ".jsonl, feeds, http(s) URLs, or - for stdin."),
    db: str = DbOption,
    workers: int | None = typer.Option(None, "--workers", "-w", min=1,
                                          help="Coding processes (default: all cores; 1 codes in this process)."),
    batch_size: int = typer.Option(32, "--batch-size", min=1,
                                   help="Articles per nlp.pipe batch and per database transaction."),
    dedup_days: int | None = typer.Option(None, "--dedup-days", min=0,
                                             help="Reports of one action this many days apart are one event "
                                                  "(default 2, or DETENTE_DEDUP_DAYS; kept in the store)."),
    model: str | None = typer.Option(None, "--model", help="spaCy pipeline to use."),
    language: str | None = LanguageOption,
    from_parquet: str | None = typer.Option(None, "--from-parquet", help="Instead of coding PATHS, load the tables "
                                            "`detente spark` (or `export --format parquet`) wrote in this folder; "
                                            "events are then re-formed from all stored reports."),
) -> None:
    """Code articles into a store; articles already stored are skipped, so a stopped run resumes."""
    set_language(language)
    if from_parquet is not None or not paths:
        if paths or from_parquet is None:
            err_console.print("[red]error[/red] give either articles to code (PATHS) or --from-parquet OUTPUT",
                              highlight=False)
            raise typer.Exit(2)
        _ingest_parquet(from_parquet, db, dedup_days)
        return
    from rich.progress import (
        BarColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    from ..corpus.ingest import default_workers
    from ..corpus.ingest import ingest as run_ingest

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
        report(err)
        raise typer.Exit(1)
    console.print(summary.line(), highlight=False)
    if summary.stored + summary.skipped == 0:
        raise typer.Exit(1)


def _ingest_parquet(folder: str, db: str, dedup_days: int | None) -> None:
    """`ingest --from-parquet`: documents not yet stored come in with their rows, errors are
    merged, and every event is re-formed across all stored reports (``Store.import_parquet``
    runs the de-duplication of ``Store.recluster`` in its transaction)."""
    from pathlib import Path

    from ..corpus.store import Store

    def rows(store: Store, table: str) -> int:
        path = Path(folder) / f"{table}.parquet"
        if not path.exists():
            return 0
        return store.con.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchall()[0][0]

    try:
        with Store(db, dedup_days=dedup_days) as store:
            stored = store.import_parquet(folder)
            documents, errors = rows(store, "documents"), rows(store, "errors")
            events = store.counts()["events"]
    except DetenteError as err:
        report(err)
        raise typer.Exit(1)
    console.print(f"stored {stored}, skipped (already stored) {documents - stored}, errors {errors}; "
                  f"{events} events in the store", highlight=False)


# ---------------------------------------------------------------------- export

def export(
    format: str = typer.Option(..., "--format", "-f",
                               help="jsonl | parquet | gdelt-events | gdelt-mentions | gkg (see the README)."),
    out: str | None = typer.Option(None, "--out", "-o", help="Output file; default: standard output. "
                                                                 "parquet: the folder for its tables (required)."),
    db: str = DbOption,
) -> None:
    """Write the store as coded JSONL, Parquet tables, GDELT 2.0 events or mentions, or GKG-style rows."""
    from ..corpus import export as export_module
    from ..corpus.store import Store

    try:
        if format not in export_module.FORMATS:
            raise DetenteError("E026", value=format)
        if format == "parquet" and not out:  # said before the store is opened
            raise DetenteError("E048", example=export_module.example_parquet_folder(db))
        with Store(db, read_only=True) as store:
            n = export_module.export(store, format, out)
    except DetenteError as err:
        report(err)
        raise typer.Exit(1)
    if out:
        err_console.print(f"wrote {n} {'document(s)' if format in ('jsonl', 'parquet', 'gkg') else 'row(s)'}"
                          f" to {out}", highlight=False)


# ---------------------------------------------------------------------- query

query_app = typer.Typer(help="Ready questions over a store, or read-only SQL (--sql).", no_args_is_help=False)


def _show(result, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=1, default=_json_value) + "\n")
        return
    # Piped or redirected, there is no terminal to fit: COLUMNS if set, else as wide as the rows need
    # (up to _PIPED_WIDTH), so that `| less -S` and `| grep` see one row a line.
    out = console if console.is_terminal else Console(width=_piped_width(), highlight=False)
    print_result(out, result)


def print_result(out: Console, result) -> None:
    """A query's tables, each fitted to ``out.width`` (``tables.fit``)."""
    for part in [result, *result.sections]:
        out.print(tables.fit(f"{part.title} ({len(part.rows)})", part.columns, part.rows, out.width,
                             priority=_PRIORITY, prose=_PROSE))


# Which columns a narrow terminal keeps (lower first; see tables.fit); others rank 5.
_PRIORITY = {
    "date": 1, "period": 1, "source": 1, "target": 1, "cameo": 1, "speaker": 1, "text": 1, "person": 1,
    "direction": 1, "partner": 1,
    "actor": 2, "name": 2, "quad": 2, "goldstein": 2, "events": 2, "role": 2, "first_date": 2,
    "q1_verb_coop": 2, "q2_mat_coop": 2, "q3_verb_confl": 2, "q4_mat_confl": 2,
    "events_as_source": 2, "events_as_target": 2,
    "type": 3, "articles": 3, "last_date": 3,
    "mentions": 4, "sources": 4, "reports": 4, "document": 4, "cue": 5, "direct": 5,
    "url": 6, "event_id": 6, "start_char": 7, "end_char": 7,
}
_PROSE = {"text", "name", "title", "person", "role"}
_PIPED_WIDTH = 220


def _piped_width() -> int:
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else _PIPED_WIDTH


def _json_value(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return str(v)


def _query(as_json: bool, db: str, fn, *args, ctx: typer.Context | None = None, **kwargs) -> None:
    from ..corpus.store import Store

    parent = (ctx.obj if ctx is not None else None) or {}  # `detente query --db X --json actors` works too
    as_json = as_json or parent.get("json", False)
    if db == DEFAULT_DB:
        db = parent.get("db", db)
    try:
        with Store(db, read_only=True) as store:
            result = fn(store, *args, **kwargs)
    except DetenteError as err:
        report(err)
        raise typer.Exit(1)
    _show(result, as_json)


@query_app.callback(invoke_without_command=True)
def query_main(
    ctx: typer.Context,
    sql: str | None = typer.Option(None, "--sql", help="Run one read-only statement (SELECT, WITH, DESCRIBE, "
                                                          "SHOW, EXPLAIN, PRAGMA table_info)."),
    db: str = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Ask the store: actors, actor ID, dyad A B, quotes, events; or --sql "SELECT ...". """
    from ..corpus import query

    if sql is not None:
        if ctx.invoked_subcommand is not None:
            report(DetenteError("E018", detail="give either --sql or a sub-command, not both"))
            raise typer.Exit(2)
        _query(as_json, db, query.sql, sql)
        raise typer.Exit()
    if ctx.invoked_subcommand is None:
        console.print(ctx.get_help())
        raise typer.Exit()
    ctx.obj = {"db": db, "json": as_json}


@query_app.command("actors")
def actors_cmd(ctx: typer.Context, db: str = DbOption, as_json: bool = JsonOption,
               limit: int | None = typer.Option(None, "--limit", help="Show at most this many.")) -> None:
    """Every actor: articles naming it, mentions, events as source and as target."""
    from ..corpus import query

    _query(as_json, db, query.actors, limit=limit, ctx=ctx)


@query_app.command("actor")
def actor_cmd(ctx: typer.Context, actor: str = typer.Argument(..., help="Actor id (BLR, NATO) or name."),
              db: str = DbOption, as_json: bool = JsonOption,
              limit: int = typer.Option(20, "--limit", help="Rows per table.")) -> None:
    """One actor: summary, events by partner and code, its people and their quotes."""
    from ..corpus import query

    _query(as_json, db, query.actor, actor, limit=limit, ctx=ctx)


@query_app.command("dyad")
def dyad_cmd(ctx: typer.Context, a: str = typer.Argument(..., help="First actor (id or name)."),
             b: str = typer.Argument(..., help="Second actor (id or name)."),
             by: str = typer.Option("month", "--by", help="day, week, month or year."),
             date_from: str | None = typer.Option(None, "--from", help="First date (YYYY-MM-DD)."),
             date_to: str | None = typer.Option(None, "--to", help="Last date (YYYY-MM-DD)."),
             db: str = DbOption, as_json: bool = JsonOption) -> None:
    """Events between two actors in both directions per period: QuadClass counts and Goldstein sum."""
    from ..corpus import query

    _query(as_json, db, query.dyad, a, b, by=by, date_from=date_from, date_to=date_to, ctx=ctx)


@query_app.command("quotes")
def quotes_cmd(ctx: typer.Context,
               speaker: str | None = typer.Option(None, "--speaker",
                                                     help="Name or surname (case and accents ignored)."),
               actor: str | None = typer.Option(None, "--actor", help="Only quotes speaking for this actor."),
               limit: int = typer.Option(100, "--limit", help="Show at most this many."),
               db: str = DbOption, as_json: bool = JsonOption) -> None:
    """Quotations with their speakers."""
    from ..corpus import query

    _query(as_json, db, query.quotes, speaker=speaker, actor=actor, limit=limit, ctx=ctx)


@query_app.command("events")
def events_cmd(ctx: typer.Context,
               code: str | None = typer.Option(None, "--code", help="CAMEO code or prefix (19 = fight)."),
               date_from: str | None = typer.Option(None, "--from", help="First date (YYYY-MM-DD)."),
               date_to: str | None = typer.Option(None, "--to", help="Last date (YYYY-MM-DD)."),
               source: str | None = typer.Option(None, "--source", help="Source actor."),
               target: str | None = typer.Option(None, "--target", help="Target actor."),
               limit: int = typer.Option(100, "--limit", help="Show at most this many."),
               db: str = DbOption, as_json: bool = JsonOption) -> None:
    """De-duplicated events with their report counts."""
    from ..corpus import query

    _query(as_json, db, query.events, code=code, date_from=date_from, date_to=date_to, source=source,
           target=target, limit=limit, ctx=ctx)
