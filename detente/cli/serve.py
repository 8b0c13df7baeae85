"""`detente serve`: the web dashboard and the REST API over a store (FastAPI + uvicorn)."""
from __future__ import annotations

import ipaddress

import typer

from ..corpus.store.schema import DEFAULT_DB
from ..errors import DetenteError
from .common import err_console, report


def serve(
    db: str = typer.Option(DEFAULT_DB, "--db", help="DuckDB store to serve."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default: this machine only)."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    allow_ingest: bool = typer.Option(False, "--allow-ingest",
                                      help="Open the store for writing and accept POST /api/documents "
                                           "(needs an API key). Default: read-only."),
    api_key: str | None = typer.Option(None, "--api-key", envvar="DETENTE_API_KEY", show_default=False,
                                       help="Key that POST /api/documents must send (Authorization: Bearer KEY). "
                                            "Prefer the DETENTE_API_KEY variable: a command line is visible to "
                                            "other users of the machine."),
    max_body: int = typer.Option(5 * 2**20, "--max-body", min=1024, envvar="DETENTE_MAX_BODY",
                                 help="Largest request body in bytes (larger ones get 413)."),
    cache_mb: int = typer.Option(64, "--cache-mb", min=0, help="Memory for answers of repeated API reads "
                                                               "(kept until the store changes; 0: none)."),
    model: str | None = typer.Option(None, "--model", help="spaCy pipeline for coding (POST /api/code)."),
    access_log: bool = typer.Option(False, "--access-log", help="Log every request."),
) -> None:
    """Serve the dashboard (http://HOST:PORT/) and the REST API (/api/..., documented at /docs)."""
    import uvicorn

    from ..serve.settings import Settings
    from ..serve.app import create_app

    if allow_ingest and not api_key:
        err_console.print("[red]error[/red] --allow-ingest needs an API key: set DETENTE_API_KEY "
                          "(or pass --api-key)", highlight=False)
        raise typer.Exit(2)
    settings = Settings(db=db, allow_ingest=allow_ingest, api_key=api_key, max_body=max_body,
                        model=model, cache_mb=cache_mb)
    try:
        web = create_app(settings)
    except DetenteError as err:
        report(err)
        raise typer.Exit(1)
    if not _is_loopback(host):
        err_console.print(f"[yellow]warning[/yellow] listening on {host}: anyone who can reach this machine can read "
                          "the store" + (" and, with the key, write to it" if allow_ingest else ""), highlight=False)
    mode = "read-write (POST /api/documents with the API key)" if allow_ingest else "read-only"
    err_console.print(f"detente: serving {db} ({mode}) on http://{_url_host(host)}:{port}/  (API docs: /docs)",
                      highlight=False)
    uvicorn.run(web, host=host, port=port, log_level="info" if access_log else "warning",
                access_log=access_log, server_header=False, proxy_headers=False)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
