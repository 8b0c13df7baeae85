"""Events: who did what to whom, coded in CAMEO (with Goldstein, QuadClass and PLOVER).

For every verb whose lemma has patterns in ``kb/verbs.yaml`` (and every event noun
in ``kb/nouns.yaml``), the words it governs are matched against its patterns; the
source is its subject (the agent of a passive, the possessor of a noun), the
target the actor the pattern points at, each resolved to a state, IGO, group or
region (an official stands for his state). Negated and hypothetical actions are
kept but flagged; future cooperative actions become "express intent" codes; an
action only claimed, demanded or appealed for by another event ("accused Ukraine
of shelling") is not counted on its own. Every sentence gets an explanation of
what was found and why nothing was coded.

    >>> [(e.source, e.target, e.cameo) for e in code_events(context_of(nlp("Minsk called on Baku "
    ...     "and Yerevan to show restraint.")))[0]]
    [('BLR', 'AZE', '0256'), ('BLR', 'ARM', '0256')]
"""
from __future__ import annotations

from .conflicts import ConflictHit
from .context import DocumentContext
from .coref import ACTING_TYPES
from .docutil import sentences
from .event_clauses import ClauseCoder
from .event_dates import EventDates
from .event_emit import Emitter
from .event_parties import PartyReader
from .event_patterns import EventCoder, coder_for
from .event_records import Coded, Party, SentenceNotes
from ..model import Event

# The stage in parts, each a module with one job (the names tests and callers import stay here):
#   event_patterns  the compiled pattern books and word lists (EventCoder, one per knowledge base)
#   event_clauses   the coding of one clause: a verb or event noun, its patterns, sources, targets
#   event_parties   who acts and on whom: a word to its actors, groups, lists, references back
#   event_emit      from a fired pattern to events: modality, implied targets, contents, echoes
#   event_dates     the date a sentence places an event on
#   event_records   what the parts hand each other (Party, SentenceNotes, Coded)
__all__ = ["EventCoder", "Party", "SentenceNotes", "code_events", "coder_for"]


def code_events(ctx: DocumentContext, conflicts: list[ConflictHit] | None = None,
                explain: bool = False) -> tuple[list[Event], list[dict] | None]:
    """Events of the document (counted and uncounted), and per-sentence explanations if asked."""
    run = _Run(ctx, conflicts or [])
    return run.events(), run.explanations() if explain else None


class _Run(PartyReader, ClauseCoder, Emitter, EventDates):
    """One document's event coding: the sentences in order, each verb and event noun coded."""

    def __init__(self, ctx: DocumentContext, conflicts: list[ConflictHit]):
        self.doc = ctx.doc
        self.kb = ctx.kb
        self.ec = coder_for(ctx.kb)
        self.date = ctx.date
        self.people = ctx.people
        # "Hadi accused Iran" where the NER missed the surname: the person named in full before
        self.resolver = ctx.resolver.for_stage(surnames=True)
        self.mention_at = self.resolver.mention_at
        self.conflict_parties = _core_parties(conflicts)
        self.notes: list[SentenceNotes] = []
        self.found: list[Coded] = []
        self.pending: list[tuple] = []  # statements that fired without a target, in this sentence

    def events(self) -> list[Event]:
        for si, sent in enumerate(sentences(self.doc)):
            notes = SentenceNotes(si + 1, sent.text.strip(), (sent.start_char, sent.end_char))
            tokens = list(sent)  # spaCy makes a new Token object at every access: make them once
            actors_here = sorted({m.actor for t in tokens for m in [self.mention_at.get(t.i)]
                                  if m is not None and m.type in ACTING_TYPES})
            actors_here += sorted({f"{r.display} ({r.affiliation})" for t in tokens for r in [self.people.at(t.i)]
                                   if r is not None and r.affiliation})
            notes.actors = actors_here
            before = len(self.found)
            self.pending = []
            unmatched: list[str] = []
            sayings = []
            for tok in tokens:
                if tok.pos_ in ("VERB", "AUX"):
                    self._verb(tok, notes, unmatched)
                    if tok.lemma_.lower() in self.ec.saying:
                        sayings.append(tok)
                if self._is_event_noun(tok):
                    self._noun(tok, notes)
                if tok.lower_ in self.ec.mediation and tok.dep_ in ("amod", "acl"):
                    self._brokered(tok, notes)
            for tok in sayings:  # after the sentence's acts are coded: a judged act's author is its target
                self._judgement(tok, notes)
            self._embedded(self.found[before:], notes)
            if not any(c.event.counts for c in self.found[before:]):
                notes.notes.append("no event: " + self._why_not(actors_here, notes, unmatched))
            self.notes.append(notes)
        return _dedup(self._drop_echoes(self._drop_references(self.found)))

    def _why_not(self, actors_here: list[str], notes: SentenceNotes, unmatched: list[str]) -> str:
        """The main reason a sentence gave no counted event."""
        if not actors_here:
            return "no actor named in this sentence"
        statuses = [f["status"] for f in notes.fired]
        if "negated" in statuses:
            return "the action is negated"
        if "hypothetical" in statuses:
            return "the action is hypothetical: a possibility, a condition, a request or only a claim"
        if "no target" in statuses:
            return "a pattern fired but no target actor was found"
        if "no source" in statuses:
            return "a pattern fired but no source actor was found"
        if "self" in statuses:
            return "an actor acting on itself"
        if unmatched:
            return "no pattern for the verbs " + ", ".join(sorted(set(unmatched)))
        if any("pattern(s)" in n for n in notes.notes):
            return "no pattern of its verbs matched the words around them"
        return "no verb or event noun with a pattern here"

    def explanations(self) -> list[dict]:
        return [{"index": n.index, "sentence": n.sentence, "span": list(n.span), "actors": n.actors,
                 "notes": n.notes, "fired": n.fired} for n in self.notes]


def _core_parties(conflicts: list[ConflictHit]) -> list[str]:
    """The first named party of each side of the article's main conflict (the one named most)."""
    for c in sorted(conflicts, key=lambda c: -c.salience):
        mentioned = list(c.mentioned_parties)
        sides = [[a for a in side if a in mentioned] for side in c.sides]
        firsts = [s[0] for s in sides if s]
        if len(firsts) >= 2:
            return firsts
    return []


def _dedup(events: list[Event]) -> list[Event]:
    """One event per (source, target, code root, trigger); the most specific pattern wins."""
    best: dict[tuple, Event] = {}
    for e in events:
        key = (e.source, e.target, e.root, e.trigger_span, e.negated or e.hypothetical)
        cur = best.get(key)
        if cur is None or len(e.cameo) > len(cur.cameo):
            best[key] = e
    return sorted(best.values(), key=lambda e: (e.span[0], e.trigger_span[0] if e.trigger_span else 0))

