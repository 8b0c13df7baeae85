"""How an alignment is shown: the sides' colours and its evidence in words, from one file
(``serve/web/alignment.json``) that both the dashboard (through ``/api/alignment``) and the CLI's
pictures (``plots.py``) read, so they cannot drift apart."""
from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

STYLE_FILE = Path(__file__).parents[1] / "serve" / "web" / "alignment.json"


@lru_cache(maxsize=1)
def style() -> dict[str, Any]:
    """The file's content (colours, position and evidence words)."""
    return json.loads(STYLE_FILE.read_text(encoding="utf-8"))


def colours() -> dict[str, str]:
    return dict(style()["colours"])


def position_in_words(position: str, name_of) -> str:
    """``side:AZE`` -> "taking Azerbaijan's side"; ``name_of`` gives an actor's name."""
    kind, _, who = position.partition(":")
    template = style()["positions"].get(kind)
    if template is None:  # a position this file does not know: shown as stored
        return position
    return template.format(who=name_of(who) if who else "")


def evidence_in_words(counts: dict[str, int], evidence: list[dict], name_of) -> list[str]:
    """One sentence per position an actor took: how many stances (one per article) and which
    kinds of evidence they rest on, e.g. "1 stance taking Azerbaijan's side (1 stated tie)"."""
    kinds = style()["evidence_kinds"]
    out = []
    for position, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        seen = Counter(ev.get("kind") for ev in evidence if ev.get("position") == position)
        told = [f"{k} {kinds.get(kind, [kind, kind])[k != 1]}" for kind, k in
                sorted(seen.items(), key=lambda kv: (-kv[1], str(kv[0]))) if kind]
        line = f"{n} stance{'s' if n != 1 else ''} {position_in_words(position, name_of)}"
        out.append(line + (f" ({', '.join(told)})" if told else ""))
    return out
