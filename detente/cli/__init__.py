"""The command line: ``detente code | ingest | export | query | analyse | spark | serve``.

Takes files, folders, URLs and stores named by the user; gives tables, JSON and exit codes.
``app.py`` creates the Typer app and registers one module per command group (``code.py``,
``ingest.py``, ``export.py``, ``query.py``, ``analyse.py``, ``spark.py``, ``serve.py``); they
import only ``common.py`` (consoles, error report, shared options), never ``app.py``. ``render.py`` and ``tables.py`` draw
coded documents and result tables for a terminal.
"""
from __future__ import annotations


def main() -> None:
    """The ``detente`` console script (``detente.cli:main``) and ``python -m detente``."""
    from .app import main as run

    run()
