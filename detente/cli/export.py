"""`detente export`: a store as coded JSON lines, Parquet tables, GDELT 2.0 events or mentions, or GKG-style rows."""
from __future__ import annotations

import typer

from ..errors import DetenteError
from .common import DbOption, err_console, report


def export(
    format: str = typer.Option(..., "--format", "-f",
                               help="jsonl (a coded document a line), parquet (a file a table, needs --out), "
                                    "gdelt-events, gdelt-mentions or gkg (GDELT 2.0 layouts; docs/exports.md)."),
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
