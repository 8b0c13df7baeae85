"""Stances: where each actor stands on the conflict (or the central dispute) of an article.

An issue is a conflict the article is about (``conflicts``), with its opposing sides; when
there is none, the central dispute is the actor most actors act against ("the US killing of
Qasem Soleimani": the US). Evidence for an actor's position:

- its events toward a party: appeals for restraint, talks or settlement and mediation are
  neutral; praise, support and aid are ``side:PARTY``; disapproval, sanctions, force are
  ``against:PARTY`` (a party's own fighting is not a stance; what it says it will do is);
- phrases in sentences it is the subject or speaker of ("equal closeness", "would not
  interfere", "backed Azerbaijan"), and in its quotations;
- ties the article states ("a brotherly and friendly country for Kazakhstan").

Support for both opposing sides counts as neutrality. The document-level stance combines
the evidence (``kb/stance_cues.yaml`` weights); its confidence is the winning share.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan

from .docutil import evidence, sentences
from .actors import Mention
from .conflicts import ConflictHit
from .coref import ACTING_TYPES, Resolver
from .kb import KnowledgeBase
from .modality import ModalityReader
from .model import Event, Quote, Relation, Stance
from .persons import PersonAnalysis


@dataclass
class Issue:
    name: str
    sides: list[list[str]]
    focal: bool = False  # a central dispute rather than a named conflict

    def side_of(self, actor: str) -> int | None:
        for i, side in enumerate(self.sides):
            if actor in side:
                return i
        return None


@dataclass
class _Evidence:
    position: str
    weight: float
    kind: str
    text: str
    span: tuple[int, int] | None
    cue: str


@dataclass
class _Tally:
    items: list[_Evidence] = field(default_factory=list)


def extract(doc: Doc, people: PersonAnalysis, mentions: list[Mention], kb: KnowledgeBase,
            events: list[Event], conflicts: list[ConflictHit], quotes: list[Quote],
            relations: list[Relation]) -> list[Stance]:
    cues = kb.stance_cues
    usable = [c for c in conflicts if len(c.sides) >= 2 and c.mentioned_parties]
    focal = _focal_issue(events, kb)
    if focal is not None and any(focal.sides[0][0] in c.parties for c in usable):
        focal = None  # the dispute is one of the conflicts already
    issues = [Issue(c.name, c.sides) for c in usable if c.how != "implied" or focal is None]
    if focal is not None:
        issues.append(focal)
    if not issues:
        return []
    resolver = Resolver(doc, people, mentions, kb)
    reader = _Reader(doc, kb, cues, resolver)
    out: list[Stance] = []
    for issue in issues:
        tallies: dict[str, _Tally] = defaultdict(_Tally)
        reader.from_events(issue, events, tallies)
        reader.from_sentences(issue, tallies)
        reader.from_quotes(issue, quotes, tallies)
        reader.from_relations(issue, relations, tallies)
        out += _combine(issue, tallies, cues)
    return out


def _focal_issue(events: list[Event], kb: KnowledgeBase) -> Issue | None:
    """The central dispute: who did the gravest act of force in the article, else the actor most
    others act against, with the gravest thing it did, as the issue."""
    against: dict[str, set[str]] = defaultdict(set)
    for e in events:
        if e.counts and e.root >= "10":
            against[e.target].add(e.source)
    force = [e for e in events if e.counts and e.root >= "15" and e.goldstein is not None]
    if force:
        focal = min(force, key=lambda e: e.goldstein).source
        sources = against.get(focal, set())
    elif against:
        focal, sources = max(against.items(), key=lambda kv: (len(kv[1]), kv[0]))
        if len(sources) < 2:
            return None
    else:
        return None
    acts = [e for e in events if e.counts and e.source == focal]
    partners = sorted({e.target for e in acts if e.root <= "08"} - against[focal] - {focal})
    if acts:
        gravest = min(acts, key=lambda e: (e.goldstein if e.goldstein is not None else 0))
        name = f"{kb.actor_name(focal)} – {kb.actor_name(gravest.target)}: {(gravest.name or gravest.cameo).lower()}"
    else:
        name = f"actions of {kb.actor_name(focal)}"
    # the focal actor and those it cooperates with form one side; their critics the other
    return Issue(name, [[focal, *partners], sorted(sources)], focal=True)


class _Reader:
    def __init__(self, doc: Doc, kb: KnowledgeBase, cues: dict, resolver: Resolver) -> None:
        self.doc = doc
        self.kb = kb
        self.resolver = resolver
        self.neutral_codes = [str(c) for c in cues.get("neutral_codes", [])]
        self.pressure_codes = [str(c) for c in cues.get("one_sided_pressure_codes", [])]
        self.side_codes = [str(c) for c in cues.get("side_codes", [])]
        self.against_roots = {str(c) for c in cues.get("against_roots", [])}
        self.weights = {k: float(v) for k, v in (cues.get("weights") or {}).items()}
        self.neutral = [_phrase(p) for p in cues.get("neutral_phrases", [])]
        self.side = [_phrase(p) for p in cues.get("side_phrases", [])]
        self.against = [_phrase(p) for p in cues.get("against_phrases", [])]
        self.speech = set(kb.lexicon.get("speech_verbs", []))
        self.modality = ModalityReader(kb)

    def _w(self, kind: str) -> float:
        return self.weights.get(kind, 1.0)

    # -------------------------------------------------------------- events
    def from_events(self, issue: Issue, events: list[Event], tallies) -> None:
        # sides each actor addresses appeals to: one side only is pressure, both sides neutrality
        addressed: dict[str, set[int]] = defaultdict(set)
        for e in events:
            if e.counts and issue.side_of(e.target) is not None and any(
                    e.cameo.startswith(c) for c in self.neutral_codes):
                addressed[e.source].add(issue.side_of(e.target))
        for e in events:
            if not e.counts:
                continue
            t_side = issue.side_of(e.target)
            if t_side is None:
                continue
            s_side = issue.side_of(e.source)
            if s_side == t_side:
                continue
            position = None
            if s_side is not None:
                # a party: what it says it will do to the other side is a position; its fighting,
                # and the routine hostility of the sides, are not
                if e.root in self.against_roots and self._stated(e):
                    position = f"against:{e.target}"
            elif any(e.cameo.startswith(c) for c in self.neutral_codes):
                one_sided = len(addressed[e.source]) == 1 and any(e.cameo.startswith(c) for c in self.pressure_codes)
                if one_sided:
                    tallies[e.source].items.append(_Evidence(f"against:{e.target}", self._w("pressure"), "event",
                                                             e.text, e.span, f"{e.trigger} ({e.cameo}), one side only"))
                    continue
                position = "neutral"
            elif any(e.cameo.startswith(c) for c in self.side_codes):
                position = f"side:{e.target}"
            elif e.root in self.against_roots:
                position = f"against:{e.target}"
            if position:
                tallies[e.source].items.append(_Evidence(position, self._w("event"), "event", e.text, e.span,
                                                         f"{e.trigger} ({e.cameo})"))
        if issue.focal:  # those the focal actor used force against stand against it
            focal = issue.sides[0][0]
            for e in events:
                if e.counts and e.source == focal and e.root >= "17":
                    tallies[e.target].items.append(_Evidence(f"against:{focal}", self._w("implied"), "implied",
                                                             e.text, e.span, f"target of {e.cameo}"))

    def _stated(self, e: Event) -> bool:
        """Whether the event was reported as the source's own statement ("Israel said it would ..."),
        not as someone else's account of it ("an opposition leader said that by staging a trade war
        Russia ...")."""
        if not e.trigger_span:
            return False
        tok = self.doc.char_span(*e.trigger_span, alignment_mode="expand")
        if tok is None:
            return False
        node = tok.root
        for _ in range(4):
            if node.dep_ in ("ccomp", "xcomp") and node.head.lemma_.lower() in self.speech:
                speakers = [c for c in node.head.children if c.dep_ == "nsubj"]
                found = self.resolver.actor_of(speakers[0]) if speakers else None
                return found is None or found[0] == e.source  # an unnamed speaker: as before
            if node.head.i == node.i:
                break
            node = node.head
        return False

    # -------------------------------------------------------------- phrases
    def from_sentences(self, issue: Issue, tallies) -> None:
        for sent in sentences(self.doc):
            actor = self._sentence_actor(sent)
            if actor is None:
                continue
            self._phrases(issue, actor, sent, *evidence(self.doc, sent.start_char, sent.end_char), "phrase", tallies)

    def _sentence_actor(self, sent: SpacySpan) -> str | None:
        root = sent.root
        subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj:
            return None
        found = self.resolver.actor_of(subj[0])
        if found is None:
            for c in subj[0].children:
                if c.dep_ in ("poss", "compound", "amod"):
                    found = self.resolver.actor_of(c)
                    if found:
                        break
        return found[0] if found else None

    def _phrases(self, issue, actor, sent, text, span, kind, tallies) -> None:
        lemmas = " " + " ".join(t.lemma_.lower() for t in sent) + " "
        words = " " + " ".join(t.lower_ for t in sent) + " "
        a_side = issue.side_of(actor)
        if a_side is None and any(p in lemmas or p in words for p in self.neutral):
            cue = next(p for p in self.neutral if p in lemmas or p in words).strip()
            tallies[actor].items.append(_Evidence("neutral", self._w(kind), kind, text, span, cue))
        for phrases, position in ((self.side, "side"), (self.against, "against")):
            for p in phrases:
                where = lemmas.find(p)
                if where < 0:
                    continue
                cue_token = list(sent)[min(len(lemmas[:where].split()), len(sent) - 1)]
                mod = self.modality.of(cue_token) if cue_token.pos_ in ("VERB", "AUX") else None
                if mod is not None and (mod.negated or mod.hypothetical):
                    continue  # "stop supporting rebels", "would not support"
                for party in [a for s in issue.sides for a in s]:
                    if party == actor or issue.side_of(party) == a_side:
                        continue
                    if self._names(sent, party, after_token=len(lemmas[:where].split())):
                        if a_side is not None and position == "side":
                            continue
                        tallies[actor].items.append(_Evidence(f"{position}:{party}", self._w(kind), kind, text,
                                                              span, p.strip()))
                break

    def _names(self, sent: SpacySpan, actor: str, after_token: int) -> bool:
        for t in list(sent)[after_token:]:
            m = self.resolver.mention_at.get(t.i)
            if m is not None and m.actor == actor:
                return True
        return False

    # -------------------------------------------------------------- quotes
    def from_quotes(self, issue: Issue, quotes: list[Quote], tallies) -> None:
        for q in quotes:
            actor = q.speaker_actor if q.speaker_type == "person" else q.speaker
            if not actor or self.kb.actor_type(actor) not in ACTING_TYPES or not q.span:
                continue
            sent = self.doc.char_span(q.span[0], q.span[1], alignment_mode="expand")
            if sent is None:
                continue
            self._phrases(issue, actor, sent, *evidence(self.doc, *q.span), "quote", tallies)

    # -------------------------------------------------------------- relations
    def from_relations(self, issue: Issue, relations: list[Relation], tallies) -> None:
        for r in relations:
            if not r.stated or r.type not in ("ally_of", "partner_of", "hostile_to"):
                continue
            for a, b in ((r.source, r.target), (r.target, r.source)):
                b_side = issue.side_of(b)
                if b_side is None or issue.side_of(a) is not None:
                    continue
                position = f"{'against' if r.type == 'hostile_to' else 'side'}:{b}"
                tallies[a].items.append(_Evidence(position, self._w("relation"), "relation", r.text or "",
                                                  r.span, r.type))


def _phrase(p: str) -> str:
    return " " + " ".join(re.findall(r"[\w']+|[^\w\s]", str(p).lower())) + " "


def _combine(issue: Issue, tallies: dict[str, _Tally], cues: dict) -> list[Stance]:
    out = []
    for actor, tally in tallies.items():
        if not tally.items:
            continue
        scores: dict[str, float] = defaultdict(float)
        for ev in tally.items:
            scores[ev.position] += ev.weight
        # support for both opposing sides is equidistance
        sided = {p: w for p, w in scores.items() if p.startswith("side:")}
        sides_backed = {issue.side_of(p.split(":", 1)[1]) for p in sided}
        if len(sides_backed - {None}) >= 2:
            scores["neutral"] += sum(sided.values())
            for p in sided:
                del scores[p]
        position, weight = max(scores.items(), key=lambda kv: (kv[1], kv[0] == "neutral"))
        total = sum(scores.values())
        positions = [position]
        kind = position.split(":")[0]
        if kind != "neutral":
            # "against Turkey" and "against Libya": more parties of the same side, with enough evidence
            share = float(cues.get("secondary_share", 0.5))
            for p, w in sorted(scores.items(), key=lambda kv: -kv[1]):
                if p not in positions and p.startswith(kind + ":") and w >= share * weight and \
                        issue.side_of(p.split(":", 1)[1]) == issue.side_of(position.split(":", 1)[1]):
                    positions.append(p)
        for pos in positions:
            evidence = [{"position": ev.position, "kind": ev.kind, "cue": ev.cue, "text": ev.text,
                         "span": list(ev.span) if ev.span else None} for ev in tally.items if ev.position == pos]
            out.append(Stance(actor, issue.name, pos, round(scores[pos] / total, 2) if total else 0.0, evidence))
    return sorted(out, key=lambda s: (-s.confidence, s.actor))
