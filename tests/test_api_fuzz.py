"""API fuzzing: Schemathesis draws requests from the server's own OpenAPI description (every
operation, bodies, path and query parameters, valid and not) and sends them to the real app,
served by uvicorn on 127.0.0.1 over the dev store. Every answer must be below 500, carry the
security headers, and say nothing of the server's insides (no Python file names, line numbers
or tracebacks). Bounded: EXAMPLES requests per operation, BUDGET_SECONDS in all."""
from __future__ import annotations

import re
import time
import warnings

import pytest
import requests
from hypothesis import HealthCheck, Phase, given, settings

from test_api import dev_store, running, writable_copy

schemathesis = pytest.importorskip("schemathesis")

EXAMPLES = 30  # per operation and server
BUDGET_SECONDS = 90
SECURITY = ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy")
INTERNAL = re.compile(r"Traceback|File \"|\b\w+\.py\b|line \d+|/work/|site-packages")
API_KEY = "fuzz-key-0123456789"


def fuzz_server(base: str, headers: dict[str, str] | None = None) -> int:
    """Send EXAMPLES generated requests per operation to the server at ``base``; returns how many."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        schema = schemathesis.openapi.from_url(f"{base}/openapi.json")
    session = requests.Session()  # one kept-alive connection: a dropped one would show as a reset
    sent, deadline = 0, time.monotonic() + BUDGET_SECONDS
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case) -> None:
            nonlocal sent
            if time.monotonic() > deadline:
                return
            response = case.call(base_url=base, session=session, headers=headers, timeout=30)
            sent += 1
            what = f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:300]}"
            assert response.status_code < 500, what
            missing = [h for h in SECURITY if h not in response.headers]  # (lowercase keys)
            assert not missing, f"{what} (missing {missing})"
            if "application/json" in " ".join(response.headers.get("content-type", [])):
                assert not INTERNAL.search(response.text), what

        check()
    return sent


def test_read_only_server_survives_generated_requests(tmp_path_factory):
    from detente.serve.settings import Settings
    from detente.serve.app import create_app

    db = dev_store(tmp_path_factory)
    with running(create_app(Settings(db=str(db), cache_mb=0))) as base:
        assert base.startswith("http://127.0.0.1:")
        sent = fuzz_server(base)
    assert sent >= 5 * EXAMPLES


def test_ingesting_server_survives_generated_requests(tmp_path_factory):
    from detente.serve.settings import Settings
    from detente.serve.app import create_app

    db = writable_copy(tmp_path_factory, "api-fuzz")
    app = create_app(Settings(db=str(db), allow_ingest=True, api_key=API_KEY, max_body=256 * 1024))
    with running(app) as base:
        sent = fuzz_server(base, headers={"X-API-Key": API_KEY})
    assert sent >= 5 * EXAMPLES
