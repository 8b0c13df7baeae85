"""`detente query`: ready questions over a store (actors, actor, dyad, quotes, events) or read-only SQL,
as tables that fit the terminal or as JSON."""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
from typing import Any

import typer
from rich.console import Console

from ..corpus.store.schema import DEFAULT_DB
from ..errors import DetenteError
from . import tables
from .common import DbOption, JsonOption, console, report


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
        title, columns, rows = _folded(part) if "within" in part.columns else (
            f"{part.title} ({len(part.rows)})", part.columns, part.rows)
        out.print(tables.fit(title, columns, rows, out.width, priority=_PRIORITY, prose=_PROSE))


def _folded(part) -> tuple[str, list[str], list[tuple]]:
    """Quotes with the ones nested in another (``query.with_nesting``) folded into it: a row of
    its own only for an outermost quote, its text marked "(+N nested)"; the JSON keeps them all."""
    from ..corpus.query import quote_nesting

    parents = quote_nesting(part.records())
    top = list(range(len(parents)))
    for i in top:
        while parents[top[i]] is not None:
            top[i] = parents[top[i]]
    inner = {i: sum(1 for k, t in enumerate(top) if t == i and k != i) for i in set(top)}
    keep = [c for c in part.columns if c != "within"]
    at, text = part.columns.index, part.columns.index("text")
    rows = []
    for i, row in enumerate(part.rows):
        if top[i] != i:
            continue
        cells = [row[at(c)] for c in keep]
        if inner[i]:
            cells[keep.index("text")] = f"{row[text]} (+{inner[i]} nested)"
        rows.append(tuple(cells))
    nested = len(part.rows) - len(rows)
    title = f"{part.title} ({len(part.rows)}" + (f", {nested} of them nested in another" if nested else "") + ")"
    return title, keep, rows


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

    def nested_quotes(store, **kwargs):  # each quote says which one it lies within (the table folds them)
        return query.with_nesting(query.quotes(store, **kwargs))

    _query(as_json, db, nested_quotes, speaker=speaker, actor=actor, limit=limit, ctx=ctx)


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
