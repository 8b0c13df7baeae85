"""Helpers shared by the peer-evaluation scripts: where ../shared/peers is, and coding sentences."""
from __future__ import annotations

import sys
from pathlib import Path

PEERS = Path(__file__).resolve().parents[1].parent / "shared" / "peers"


def peer_file(relative: str) -> Path:
    path = PEERS / relative
    if not path.exists():
        print(f"skipped: {path} not found (../shared/peers is absent)", file=sys.stderr)
        sys.exit(0)
    return path


def code_sentences(texts: list[str], date: str | None = None):
    """Coded documents for each sentence (explanations included), with one pipeline."""
    from detente.model import Article
    from detente.pipeline import code_articles

    articles = [Article(text=t, id=f"s{i}", date=date) for i, t in enumerate(texts)]
    return list(code_articles(articles, explain=True))


def fired_codes(doc) -> list[str]:
    """CAMEO codes of every pattern that fired in the document, counted events first."""
    codes = [e.cameo for e in doc.events if e.counts]
    for item in doc.explanations or []:
        codes += [f["code"] for f in item.get("fired", []) if f["code"] not in codes]
    return codes


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f
