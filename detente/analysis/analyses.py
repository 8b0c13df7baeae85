"""Corpus analyses over coded documents: alignment on a conflict, alliance commitments, networks.

Each analysis takes coded documents as plain dicts (the JSON form of ``CodedDocument``, read
from the store or from a folder written by ``detente code --out``) and returns rows a table,
a JSON dump or a picture can be made from.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import DetenteError
from ..kb import KnowledgeBase, fold

POSITIONS = ("side", "neutral", "against")


# ------------------------------------------------------------------ loading

def load_folder(folder: Path) -> list[dict]:
    """Coded documents from a folder of <id>.json files (as ``detente code --out`` writes)."""
    docs = []
    for path in sorted(Path(folder).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        if isinstance(data, dict) and "actors" in data and "id" in data:
            docs.append(data)
    if not docs:
        raise DetenteError("E020", path=str(folder))
    return docs


# ------------------------------------------------------------------ conflicts

@dataclass(frozen=True)
class ConflictRef:
    """The conflict an analysis is about: a knowledge-base conflict (``entry``), or one only
    articles name (``entry`` None), and the folded names its stances may carry."""
    name: str
    entry: dict | None
    names: frozenset

    @property
    def id(self) -> str | None:
        return self.entry["id"] if self.entry else None

    def holds(self, issue: str, conflict_id: str | None) -> bool:
        """Whether a stance on ``issue`` (with the knowledge-base id its coder gave, if any) is on
        this conflict. The id decides when there is one: "Russia-Ukraine trade war" is not the war
        in Ukraine though both names hold "Ukraine". A stance of a store coded before ids were
        written counts when its issue is this conflict's name or an alias."""
        if conflict_id:
            return conflict_id == self.id
        return fold(issue) in self.names


def conflict_ref(kb: KnowledgeBase, query: str, docs: list[dict] | None = None) -> ConflictRef:
    """The conflict ``query`` names (``resolve.conflict``; E021 when none is known)."""
    from ..corpus import resolve

    entry, name = resolve.conflict(query, docs, kb)
    names = resolve.names_of(entry) if entry else [name]
    return ConflictRef(name, entry, frozenset(fold(n) for n in names))


def conflict_sides(ref: ConflictRef, docs: list[dict]) -> list[list[str]]:
    if ref.entry and ref.entry.get("sides"):
        return [[str(a) for a in side] for side in ref.entry["sides"]]
    for d in docs:
        for c in d.get("conflicts", []):
            if ref.holds(c["name"], c.get("id")) and len(c.get("parties", [])) >= 2:
                return [[p] for p in c["parties"]]
    return []


# ------------------------------------------------------------------ alignment

@dataclass
class AlignmentRow:
    actor: str
    name: str
    position: str  # the prevailing position over the corpus
    leaning: str  # "side:ARM", "neutral", "against:AZE", ... in words
    counts: dict[str, int] = field(default_factory=dict)  # evidence by position
    articles: int = 0
    first: str | None = None
    last: str | None = None
    by_period: dict[str, dict[str, int]] = field(default_factory=dict)  # month -> position -> n
    evidence: list[dict] = field(default_factory=list)


def alignment(docs: list[dict], kb: KnowledgeBase, query: str) -> tuple[dict, list[AlignmentRow]]:
    """Every actor's position on a conflict across the corpus, with its evidence over time."""
    ref = conflict_ref(kb, query, docs)
    sides = conflict_sides(ref, docs)
    per_actor: dict[str, dict] = defaultdict(lambda: {"counts": Counter(), "articles": set(), "dates": [],
                                                      "periods": defaultdict(Counter), "evidence": []})
    for d in docs:
        date = d.get("date") or _doc_date(d)
        for s in d.get("stances", []):
            if not ref.holds(s["issue"], s.get("conflict_id")):
                continue
            rec = per_actor[s["actor"]]
            rec["counts"][s["position"]] += 1
            rec["articles"].add(d["id"])
            if date:
                rec["dates"].append(date)
                rec["periods"][date[:7]][s["position"]] += 1
            for ev in s.get("evidence", [])[:5]:
                rec["evidence"].append({"doc": d["id"], "date": date, **ev})
    rows = []
    for actor, rec in per_actor.items():
        position, _ = max(rec["counts"].items(), key=lambda kv: (kv[1], kv[0] == "neutral"))
        rows.append(AlignmentRow(
            actor=actor, name=kb.actor_name(actor), position=position, leaning=_in_words(position, kb),
            counts=dict(rec["counts"]), articles=len(rec["articles"]),
            first=min(rec["dates"]) if rec["dates"] else None, last=max(rec["dates"]) if rec["dates"] else None,
            by_period={k: dict(v) for k, v in sorted(rec["periods"].items())}, evidence=rec["evidence"]))
    rows.sort(key=lambda r: (_order(r.position, sides), r.actor))
    e = ref.entry or {}
    meta = {"conflict": ref.name, "conflict_id": ref.id, "start": str(e.get("start") or "") or None,
            "end": str(e.get("end") or "") or None, "sides": sides}
    return meta, rows


def _doc_date(d: dict) -> str | None:
    if d.get("reference_date"):
        return d["reference_date"]
    dates = [e.get("date") for e in d.get("events", []) if e.get("date")]
    return max(dates) if dates else None


def _order(position: str, sides: list[list[str]]) -> int:
    if position == "neutral":
        return 1
    kind, _, who = position.partition(":")
    side = next((i for i, s in enumerate(sides) if who in s), 0)
    leans_first = (kind == "side") == (side == 0)
    return 0 if leans_first else 2


def _in_words(position: str, kb: KnowledgeBase) -> str:
    if position == "neutral":
        return "neutral"
    kind, _, who = position.partition(":")
    return f"{'leans to' if kind == 'side' else 'against'} {kb.actor_name(who)}"


# ------------------------------------------------------------------ commitments

@dataclass
class CommitmentRow:
    actor: str
    name: str
    treaty: str | None  # "CSTO (Article 4)" or None when not bound
    observed: str  # the stance seen in the corpus ("neutral", "side:AZE", ...) or "no stance observed"
    verdict: str  # "bound and supportive" | "bound but neutral" | "bound but opposed" | ...


def commitments(docs: list[dict], kb: KnowledgeBase, query: str, party: str,
                date: str | None = None) -> tuple[dict, list[CommitmentRow]]:
    """The party's allies under collective-defence treaties in force on the date, and what they did.
    ``party`` is an actor's id, name or alias (``resolve.actor``)."""
    from ..corpus import resolve

    party = resolve.actor(party, kb)
    meta, rows = alignment(docs, kb, query)
    sides = meta["sides"]
    party_side = next((i for i, s in enumerate(sides) if party in s), None)
    if date is None:
        dates = [r.last for r in rows if r.last] + [d.get("date") or _doc_date(d) for d in docs]
        dates = [d for d in dates if d]
        date = max(dates) if dates else None
    observed = {r.actor: r.position for r in rows}
    treaties: dict[str, list[str]] = defaultdict(list)
    for igo in kb.igos.values():
        if not igo.defence_clause or party not in kb.members_on(igo.id, date):
            continue
        for member in sorted(kb.members_on(igo.id, date) - {party}):
            treaties[member].append(f"{igo.id} ({igo.defence_clause})")
    out = []
    for actor in sorted(treaties):
        position = observed.get(actor)
        out.append(CommitmentRow(actor, kb.actor_name(actor), ", ".join(treaties[actor]),
                                 position or "no stance observed",
                                 _verdict(position, party, party_side, sides, bound=True)))
    for actor, position in sorted(observed.items()):
        if actor in treaties or actor == party or party_side is None:
            continue
        if _supports(position, party, party_side, sides):
            out.append(CommitmentRow(actor, kb.actor_name(actor), None, position, "not bound but takes its side"))
    meta.update({"party": party, "date": date})
    return meta, out


def _supports(position: str | None, party: str, party_side, sides) -> bool:
    if not position or position == "neutral":
        return False
    kind, _, who = position.partition(":")
    who_side = next((i for i, s in enumerate(sides) if who in s), None)
    return (kind == "side" and who_side == party_side) or (kind == "against" and who_side not in (None, party_side))


def _verdict(position: str | None, party: str, party_side, sides, bound: bool) -> str:
    if not position:
        return "bound, no stance observed"
    if position == "neutral":
        return "bound but neutral"
    if _supports(position, party, party_side, sides):
        return "bound and supportive"
    return "bound but opposed"


def commitments_summary(meta: dict, rows: list[CommitmentRow], kb: KnowledgeBase) -> str:
    """One sentence a reader can check: who is bound, and what they did."""
    party = kb.actor_name(meta["party"])
    groups: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if r.treaty:
            groups[r.verdict].append(r.name)
    parts = []
    if groups.get("bound but neutral"):
        parts.append(f"{_join(groups['bound but neutral'])} {'is' if len(groups['bound but neutral']) == 1 else 'are'} neutral")
    if groups.get("bound and supportive"):
        parts.append(f"{_join(groups['bound and supportive'])} support{'s' if len(groups['bound and supportive']) == 1 else ''} it")
    opposed = [r for r in rows if r.treaty and r.verdict == "bound but opposed"]
    for r in opposed:
        kind, _, who = r.observed.partition(":")
        parts.append(f"{r.name} {'leans to' if kind == 'side' else 'is against'} {kb.actor_name(who)}")
    treaties = sorted({t.split(" ")[0] for r in rows if r.treaty for t in r.treaty.split(", ")})
    if not treaties:
        return f"{party} has no collective-defence ally on {meta.get('date')}."
    lead = f"{party}'s {'/'.join(treaties)} allies: "
    return lead + ("; ".join(parts) if parts else "no stance observed") + "."


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# ------------------------------------------------------------------ network

def network(docs: list[dict], kb: KnowledgeBase):
    """The signed actor network and its communities (networkx greedy modularity on ties)."""
    import networkx as nx
    from networkx.algorithms.community import greedy_modularity_communities

    g = nx.Graph()
    weight: Counter = Counter()
    for d in docs:
        for e in d.get("events", []):
            gs = e.get("goldstein")
            if gs is None or e["source"] == e["target"]:
                continue
            weight[_pair(e["source"], e["target"])] += gs / 10.0
        for r in d.get("relations", []):
            sign = -1.0 if r["type"] == "hostile_to" else 1.0 if r["type"] in ("ally_of", "partner_of", "member_of") else 0
            if sign:
                weight[_pair(r["source"], r["target"])] += sign
        for s in d.get("stances", []):
            kind, _, who = s["position"].partition(":")
            if who:
                weight[_pair(s["actor"], who)] += 1.0 if kind == "side" else -1.0
    for (a, b), w in weight.items():
        if abs(w) < 1e-9:
            continue
        g.add_edge(a, b, weight=round(w, 3), sign=1 if w > 0 else -1)
    for n in g.nodes:
        g.nodes[n]["name"] = kb.actor_name(n)
        g.nodes[n]["type"] = kb.actor_type(n) or "issue"
    positive = nx.Graph()
    positive.add_nodes_from(g.nodes)
    positive.add_weighted_edges_from((a, b, d["weight"]) for a, b, d in g.edges(data=True) if d["weight"] > 0)
    communities = [sorted(c) for c in greedy_modularity_communities(positive, weight="weight")] if g.nodes else []
    for i, members in enumerate(communities):
        for n in members:
            g.nodes[n]["community"] = i
    return g, communities


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def rows_as_dicts(rows) -> list[dict]:
    return [asdict(r) for r in rows]


def iter_docs_with_stances(docs: Iterable[dict]) -> Iterable[dict]:
    return (d for d in docs if d.get("stances"))
