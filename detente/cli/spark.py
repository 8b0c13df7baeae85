"""`detente spark`: code a corpus with Apache Spark (``detente.corpus.spark``) into Parquet tables.

Registered on the Typer app by ``app.py``.
"""
from __future__ import annotations

import typer

from ..errors import DetenteError
from .common import console, report


def spark_cmd(
    input: str = typer.Argument(..., help="Articles: a JSON-lines (.jsonl, .ndjson, .json, also .gz) or Parquet "
                                          "file, a folder of them or a glob; any path Spark reads (hdfs://, s3a://)."),
    output: str = typer.Argument(..., help="Folder for the Parquet tables, one dataset per table "
                                           "(load it with `detente ingest --from-parquet OUTPUT`)."),
    partitions: int | None = typer.Option(None, "--partitions", "-p", min=1,
                                          help="Coding tasks (default: 4 per core Spark has)."),
    master: str | None = typer.Option(None, "--master", help="Spark master URL (default: local[*], or the one "
                                                             "spark-submit set)."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Articles per nlp.pipe batch."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace OUTPUT if it exists."),
    model: str | None = typer.Option(None, "--model", help="spaCy pipeline to use (installed on every executor)."),
    dedup_days: int | None = typer.Option(None, "--dedup-days", min=0,
                                          help="Reports of one event may be this many days apart (default 2)."),
) -> None:
    """Code articles on Apache Spark (local or a cluster) into Parquet tables shaped like `export --format parquet`."""
    from ..corpus.spark import run

    try:
        summary = run(input, output, partitions=partitions, master=master, model=model, batch_size=batch_size,
                      overwrite=overwrite, dedup_days=dedup_days)
    except DetenteError as err:
        report(err)
        raise typer.Exit(1)
    console.print(summary.line(), highlight=False)
    if summary.documents == 0:
        raise typer.Exit(1)
