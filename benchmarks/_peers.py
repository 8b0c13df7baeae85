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
    from detente.coding.pipeline import code_articles

    articles = [Article(text=t, id=f"s{i}", date=date) for i, t in enumerate(texts)]
    return list(code_articles(articles, explain=True))


def main_codes(doc, strict: bool = False) -> list[str]:
    """The sentence's CAMEO codes, the main clause's first: those of counted events, or (unless
    ``strict``) of every pattern that fired even when an actor was missing (not negated ones)."""
    fired = [f for item in doc.explanations or [] for f in item.get("fired", [])]
    counted = {e.cameo for e in doc.events if e.counts}
    if strict or counted:
        fired = [f for f in fired if f["code"] in counted] or [{"code": c, "depth": 0} for c in counted]
    else:
        fired = [f for f in fired if f["status"] != "negated"]
    return [f["code"] for f in sorted(fired, key=lambda f: f.get("depth", 0))]


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f
