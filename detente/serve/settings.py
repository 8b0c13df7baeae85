"""The server's settings, its logger and its limits."""
from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from ..corpus.store.schema import DEFAULT_DB

log = logging.getLogger("detente.api")  # the name it had before serve/ was split out of api.py
WEB = Path(__file__).parent / "web"
STATIC = WEB / "static"
DEFAULT_MAX_BODY = 5 * 2**20  # bytes
MAX_LIMIT = 500  # rows per page at most


@dataclasses.dataclass
class Settings:
    db: str = DEFAULT_DB
    allow_ingest: bool = False  # open the store for writing and accept POST /api/documents
    api_key: str | None = None  # required when allow_ingest
    max_body: int = DEFAULT_MAX_BODY
    model: str | None = None  # spaCy pipeline for /api/code and /api/documents
    cache_mb: int = 64  # answers of GET /api/... kept in memory until the store changes (0: none)
