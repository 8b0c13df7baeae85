"""Answers as JSON: the JSON encoder, pages of rows, and every error as ``{"error": {...}}``."""
from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import json
from typing import Any

from fastapi.responses import Response


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


_STATUS_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                 405: "method_not_allowed", 413: "payload_too_large", 422: "invalid_request",
                 500: "internal_error"}


# DetenteError codes that mean "no such thing" rather than "bad input".
_NOT_FOUND = {"E021", "E024", "E037"}


# 422, the request must say which or what: a name of several actors, a name with no word in it
_AMBIGUOUS = {"E038", "E049"}


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None, **more: Any) -> Response:
    body = {"error": {"status": status, "code": code, "message": message, **more}}
    return JSONResponse(body, status_code=status, headers=headers)


def _default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


class JSONResponse(Response):
    """JSON written by the standard library (FastAPI's encoder walks every value first; this
    does not), UTF-8, dates as ISO strings."""
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=_default).encode("utf-8")


def _page(items: list[dict], total: int, limit: int, offset: int, **more: Any) -> dict[str, Any]:
    return {**more, "total": total, "limit": limit, "offset": offset, "items": items}


def _internal_error() -> Response:
    return _error(500, "internal_error", "internal error: the server log has the details", {"Connection": "close"})
