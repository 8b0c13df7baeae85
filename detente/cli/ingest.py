"""`detente ingest`: code articles (or load a Spark job's Parquet output) into a store."""
from __future__ import annotations

import typer

from ..errors import DetenteError
from .common import DbOption, LanguageOption, console, err_console, report, set_language


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
