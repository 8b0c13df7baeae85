"""Write a JSON-lines corpus of N good articles with poisoned lines among them (lone surrogates,
impossible dates, JSON nested 50,000 deep, a 5,000-digit number, a line without text) and three
good articles ending in "According to Russia", for `detente ingest` to show that one bad record
never stops a run:

    python benchmarks/poisoned_corpus.py corpus.jsonl 2000
    detente ingest corpus.jsonl --db poisoned.duckdb --workers 2
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

if __name__ == "__main__":
    from fuzzing import poisoned_corpus

    ids = poisoned_corpus(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 2000)
    print(f"{sys.argv[1]}: {len(ids)} good articles, 8 poisoned lines")
