"""The ``detente`` Typer app: creates it and registers the commands of the command modules.

Commands are listed in ``--help`` in the order they are registered here. The command modules
import only ``common.py`` (and the layers below the command line), never this module.
"""
from __future__ import annotations

import sys

import typer

from .. import __version__
from ..errors import DetenteError
from . import analyse, code, export, ingest, query, serve, spark
from .common import console, err_console, report
from .help import HelpGroup

app = typer.Typer(cls=HelpGroup, add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Code political news into actors, quotes, CAMEO events, relations and stances.")


def _version(value: bool) -> None:
    if value:
        console.print(f"detente {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Show the version and exit.")) -> None:
    pass


app.command()(code.code)
app.add_typer(analyse.analyse_app, name="analyse")
app.command()(ingest.ingest)
app.command()(export.export)
app.add_typer(query.query_app, name="query")
app.command("spark")(spark.spark_cmd)
app.command()(serve.serve)


def main() -> None:
    try:
        app()
    except DetenteError as err:
        report(err)
        sys.exit(1)
    except KeyboardInterrupt:
        err_console.print("interrupted")
        sys.exit(130)
