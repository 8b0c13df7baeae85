"""Shared fixtures: one loaded pipeline per test session, and the shared evaluation material."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EVAL = SHARED / "eval"


@pytest.fixture(scope="session")
def coder():
    from detente import Coder

    return Coder()


@pytest.fixture(scope="session")
def code(coder):
    """code(text, date=...) -> CodedDocument, with one pipeline for the whole session."""
    def _code(text: str, date: str | None = "2020-01-01", **meta):
        return coder.code(text, date=date, **meta)

    return _code


@pytest.fixture(scope="session")
def kb():
    from detente import kb as kb_module

    return kb_module.load()


def shared_or_skip(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is absent)")
    return path


@pytest.fixture(scope="session")
def dev_set():
    """(article, gold) pairs of the shared dev set; skipped when ../shared is absent."""
    articles = shared_or_skip(EVAL / "articles")
    pairs = []
    for f in sorted(articles.glob("*.json")):
        gold = EVAL / "gold" / f.name
        if gold.exists():
            pairs.append((json.loads(f.read_text(encoding="utf-8")), json.loads(gold.read_text(encoding="utf-8"))))
    return pairs


@pytest.fixture(scope="session")
def scorer():
    import importlib.util

    path = shared_or_skip(EVAL / "score.py")
    spec = importlib.util.spec_from_file_location("detente_shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def dev_predictions(coder, dev_set):
    """The dev set coded once per session, as JSON dicts keyed by article id."""
    from detente.corpus.readers import article_from_record

    arts = [article_from_record(a, "dev") for a, _ in dev_set]
    return {d.id: d.to_dict() for d in coder.code_many(arts)}
