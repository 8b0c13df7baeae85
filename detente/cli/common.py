"""What every command shares: the consoles, the one-line error report, the --db, --json and
--language options.

Imported by the command modules and by ``app.py``; it imports no command module, so the
command line has no import cycle.
"""
from __future__ import annotations

import os

import typer
from rich.console import Console

from ..corpus.store.schema import DEFAULT_DB
from ..errors import DetenteError

console = Console()
err_console = Console(stderr=True)

DbOption = typer.Option(DEFAULT_DB, "--db", help="DuckDB store (a file; created by ingest).")
JsonOption = typer.Option(False, "--json", help="Print JSON instead of a table.")


LanguageOption = typer.Option(None, "--language", "-l",
                              help="Language of the articles: auto (detect per article, the default), en or ru.")


def report(err: DetenteError) -> None:
    err_console.print(f"[red]error[/red] {err.message}", highlight=False, soft_wrap=True)


def set_language(value: str | None) -> None:
    """--language: force every article's language (auto: detect per article). Exported to the
    environment so that ingest's worker processes see it too."""
    from ..coding.lang import SUPPORTED

    if value is None:
        return
    value = value.strip().lower()
    if value != "auto" and value not in SUPPORTED:
        raise typer.BadParameter(f"{value!r}: use auto or one of {', '.join(SUPPORTED)}", param_hint="--language")
    os.environ["DETENTE_LANGUAGE"] = value
