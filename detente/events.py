"""Events: who did what to whom, coded in CAMEO (with Goldstein, QuadClass and PLOVER).

For every verb whose lemma has patterns in ``kb/verbs.yaml`` (and every event noun
in ``kb/nouns.yaml``), the words it governs are matched against its patterns; the
source is its subject (the agent of a passive, the possessor of a noun), the
target the actor the pattern points at, each resolved to a state, IGO, group or
region (an official stands for his state). Negated and hypothetical actions are
kept but flagged; future cooperative actions become "express intent" codes.
Every sentence gets an explanation of what was found and why nothing was coded.

    >>> [(e.source, e.target, e.cameo) for e in code_events(nlp("Minsk called on Baku and Yerevan "
    ...     "to show restraint."), ...)]
    [('BLR', 'AZE', '0256'), ('BLR', 'ARM', '0256')]
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .docutil import sentence_of, sentences
from . import dates
from .actors import Mention
from .coref import Resolver
from .kb import KnowledgeBase, read_tsv
from .modality import ModalityReader
from .model import Event
from .patterns import Pattern, PatternBook, match
from .persons import PersonAnalysis

EVENT_TYPES = {"state", "region", "igo", "group"}


@dataclass
class Party:
    actor: str
    token: int
    person: str | None = None


@dataclass
class SentenceNotes:
    index: int
    sentence: str
    span: tuple[int, int]
    actors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fired: list[dict] = field(default_factory=list)  # every pattern that matched, and what came of it


class EventCoder:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.verbs = PatternBook(kb.verbs, kb.synsets)
        self.nouns = PatternBook(kb.nouns, kb.synsets)
        lex = kb.lexicon
        self.modality = ModalityReader(kb)
        self.pair_nouns = set(lex.get("pair_nouns", []))
        self.speech = set(lex.get("speech_verbs", []))
        self.intents = sorted(((r["code_prefix"], r["intent_code"]) for r in read_tsv("cameo_intents.tsv")),
                              key=lambda x: -len(x[0]))


_CODERS: dict[int, EventCoder] = {}


def coder_for(kb: KnowledgeBase) -> EventCoder:
    if id(kb) not in _CODERS:
        _CODERS[id(kb)] = EventCoder(kb)
    return _CODERS[id(kb)]


def code_events(doc: Doc, people: PersonAnalysis, mentions: list[Mention], kb: KnowledgeBase,
                date: str | None, explain: bool = False) -> tuple[list[Event], list[dict] | None]:
    """Events of the document (counted and uncounted), and per-sentence explanations if asked."""
    run = _Run(doc, people, mentions, kb, date, explain)
    return run.events(), run.explanations() if explain else None


class _Run:
    def __init__(self, doc, people, mentions, kb, date, explain):
        self.doc = doc
        self.kb = kb
        self.ec = coder_for(kb)
        self.date = date
        self.explain = explain
        self.people = people
        self.resolver = Resolver(doc, people, mentions, kb)
        self.mention_at: dict[int, Mention] = {}
        for m in sorted(mentions, key=lambda m: -(m.end - m.start)):
            for t in range(m.start, m.end):
                self.mention_at.setdefault(t, m)
        self.notes: list[SentenceNotes] = []
        self.found: list[Event] = []

    # -------------------------------------------------------------- actors
    def party(self, token: Token) -> Party | None:
        """The event-level actor a token stands for (a state, IGO, group or region)."""
        found = self.resolver.actor_of(token)
        return Party(found[0], token.i, person=found[1]) if found else None

    def _mention_end(self, seq: list[Token]):
        index = {t.i: k for k, t in enumerate(seq)}

        def is_actor(token: Token) -> int | None:
            m = self.mention_at.get(token.i)
            if m is not None and m.type in EVENT_TYPES:
                last = m.end - 1
                while last >= token.i and last not in index:
                    last -= 1
                return index.get(last, index[token.i]) + 1
            rec = self.people.at(token.i)
            if rec is not None and rec.affiliation and self.kb.actor_type(rec.affiliation) in EVENT_TYPES:
                k = index[token.i]
                while k + 1 < len(seq) and self.people.at(seq[k + 1].i) is rec:
                    k += 1
                return k + 1
            if token.pos_ == "PRON" and token.lower_ in ("him", "her", "them", "it", "us"):
                return index[token.i] + 1 if self.party(token) else None
            if token.lemma_.lower() in self.ec.pair_nouns and self._pair(token):
                return index[token.i] + 1
            return None

        return is_actor

    def _pair(self, token: Token) -> list[Party]:
        return [Party(a, i) for a, i in self.resolver.pair(token, self.ec.pair_nouns)]

    def expand(self, token: Token) -> list[Party]:
        pair = self._pair(token) if token.lemma_.lower() in self.ec.pair_nouns else []
        if pair:
            return pair
        p = self.party(token)
        out = [p] if p else []
        for c in token.children:
            if c.dep_ == "conj":
                out += self.expand(c)
        return out

    # -------------------------------------------------------------- main loop
    def events(self) -> list[Event]:
        for si, sent in enumerate(sentences(self.doc)):
            notes = SentenceNotes(si + 1, sent.text.strip(), (sent.start_char, sent.end_char))
            actors_here = sorted({m.actor for t in sent for m in [self.mention_at.get(t.i)]
                                  if m is not None and m.type in EVENT_TYPES})
            actors_here += sorted({f"{r.display} ({r.affiliation})" for t in sent for r in [self.people.at(t.i)]
                                   if r is not None and r.affiliation})
            notes.actors = actors_here
            before = len(self.found)
            unmatched: list[str] = []
            for tok in sent:
                if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.tag_ == "VBG"):
                    self._verb(tok, notes, unmatched)
                if tok.pos_ in ("NOUN", "PROPN", "VERB") and (tok.lemma_.lower() in self.ec.nouns
                                                                or tok.lower_ in self.ec.nouns) \
                        and (tok.pos_ != "VERB" or tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "dobj", "pobj")):
                    self._noun(tok, notes)
            if len(self.found) == before:
                if not actors_here:
                    notes.notes.append("no event: no actor named in this sentence")
                elif unmatched:
                    notes.notes.append("no event: no pattern for the verbs " + ", ".join(sorted(set(unmatched))))
                elif not notes.notes:
                    notes.notes.append("no event: no verb or event noun here")
            self.notes.append(notes)
        return _dedup(self.found)

    def explanations(self) -> list[dict]:
        return [{"index": n.index, "sentence": n.sentence, "span": list(n.span), "actors": n.actors,
                 "notes": n.notes, "fired": n.fired} for n in self.notes]

    # -------------------------------------------------------------- verbs
    def _verb(self, verb: Token, notes: SentenceNotes, unmatched: list[str]) -> None:
        lemma = verb.lemma_.lower()
        particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
        keys = [f"{lemma} {p}" for p in particles] + [lemma]
        patterns: list[Pattern] = []
        key_used = lemma
        for key in keys:
            if key in self.ec.verbs:
                patterns = self.ec.verbs.get(key)
                key_used = key
                break
        if not patterns:
            if lemma not in self.ec.speech and lemma not in ("be", "have", "do") and verb.pos_ == "VERB":
                unmatched.append(lemma)
            return
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        seq = [t for t in verb.subtree if t.i > verb.i and not self._in_subject(t, verb)
               and t.dep_ != "prt"]
        is_actor = self._mention_end(seq)
        result = None
        for pattern in patterns:
            if not pattern.elements:
                continue
            result = match(pattern, seq, is_actor)
            if result:
                break
        bare = next((p for p in patterns if not p.elements), None)
        sources = self._sources(verb, passive)
        if result is None and bare is None:
            notes.notes.append(f"{verb.text}: none of the {len(patterns)} pattern(s) of '{key_used}' matched")
            return
        pattern = result.pattern if result else bare
        if result and result.targets:
            targets = [p for t in result.targets for p in self.expand(self.doc[t])]
        else:
            targets = self._default_targets(verb, passive, seq, result)
        self._emit(verb, f"{key_used}: {pattern.text or '(verb alone)'}", pattern.code, sources, targets, notes)

    def _in_subject(self, t: Token, verb: Token) -> bool:
        for s in verb.children:
            if s.dep_ in ("nsubj", "nsubjpass", "csubj") and s.left_edge.i <= t.i <= s.right_edge.i:
                return True
        return False

    def _sources(self, verb: Token, passive: bool, depth: int = 0) -> list[Party]:
        if passive:
            agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            return [p for a in agents for p in self.expand(a)]
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "expl") and not c.is_punct]
        if subj:
            return self.expand(subj[0])
        if depth < 3 and verb.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp", "acl") and verb.head.pos_ in (
                "VERB", "AUX"):
            head = verb.head if verb.dep_ != "pcomp" else verb.head.head
            return self._sources(head, any(c.dep_ == "nsubjpass" for c in head.children), depth + 1)
        if verb.dep_ == "relcl":
            return self.expand(verb.head)
        return []

    def _default_targets(self, verb: Token, passive: bool, seq: list[Token], result) -> list[Party]:
        if passive:
            subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
            return [p for s in subj for p in self.expand(s)]
        objs = [c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj", "attr", "oprd")]
        for o in objs:
            found = self.expand(o)
            if found:
                return found
        start = result.end if result else 0
        is_actor = self._mention_end(seq)
        for t in seq[start:]:
            if is_actor(t) is not None:
                return self.expand(t)
        return []

    # -------------------------------------------------------------- nouns
    def _noun(self, noun: Token, notes: SentenceNotes) -> None:
        lemma = noun.lemma_.lower() if noun.lemma_.lower() in self.ec.nouns else noun.lower_
        patterns = self.ec.nouns.get(lemma)
        seq = [t for t in noun.subtree if t.i > noun.i]
        is_actor = self._mention_end(seq)
        result = None
        for pattern in patterns:
            if not pattern.elements:
                continue
            result = match(pattern, seq, is_actor)
            if result:
                break
        bare = next((p for p in patterns if not p.elements), None)
        if result is None and bare is None:
            return
        pattern = result.pattern if result else bare
        # "fighting between Azerbaijani and Armenian forces": each side against the other
        between = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"]
        if between:
            sides: list[Party] = []
            for t in between[0].subtree:
                p = self.party(t) if (t.i in self.mention_at or self.people.at(t.i)) else None
                if p is not None and p.actor not in [x.actor for x in sides]:
                    sides.append(p)
            if len(sides) >= 2:
                for a in sides:
                    for b in sides:
                        if a.actor != b.actor:
                            self._emit(noun, f"{lemma}: between", pattern.code, [a], [b], notes)
                return
        targets = [p for t in result.targets for p in self.expand(self.doc[t])] if result and result.targets else []
        sources = self._noun_sources(noun)
        if not targets and result is None:
            return
        self._emit(noun, f"{lemma}: {pattern.text or '(noun alone)'}", pattern.code, sources, targets, notes)

    def _noun_sources(self, noun: Token) -> list[Party]:
        for c in noun.children:
            if c.dep_ in ("poss",):
                found = self.expand(c)
                if found:
                    return found
        for c in noun.children:
            if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i:
                m = self.mention_at.get(c.i)
                if m is not None and m.type in EVENT_TYPES:
                    return [Party(m.actor, c.i)]
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "by":
                found = [p for g in c.children if g.dep_ == "pobj" for p in self.expand(g)]
                if found:
                    return found
        head = noun.head
        if noun.dep_ in ("dobj", "pobj", "attr") and head.pos_ in ("VERB", "AUX", "ADP"):
            verb = head if head.pos_ != "ADP" else head.head
            if verb.pos_ in ("VERB", "AUX"):
                return self._sources(verb, any(c.dep_ == "nsubjpass" for c in verb.children))
        return []

    # -------------------------------------------------------------- output
    def _emit(self, trigger: Token, pattern_desc: str, code: str, sources: list[Party], targets: list[Party],
              notes: SentenceNotes) -> None:
        modality = self.ec.modality.of(trigger)
        negated, hypothetical, intent = modality.negated, modality.hypothetical, modality.announced
        if intent and not negated:
            code = self._intent_code(code) or code
            if code[:2] not in ("03",) and code[:2] >= "09":
                hypothetical = True
        status = "negated" if negated else "hypothetical" if hypothetical else "coded"
        fired = {"trigger": trigger.text, "pattern": pattern_desc, "code": code, "status": status}
        notes.fired.append(fired)
        if not sources:
            fired["status"] = "no source"
            notes.notes.append(f"{trigger.text}: pattern '{pattern_desc}' ({code}) fired, but no source actor")
            return
        if not targets:
            fired["status"] = "no target"
            notes.notes.append(f"{trigger.text}: pattern '{pattern_desc}' ({code}) fired, but no target actor")
            return
        when = self._date(trigger)
        made = 0
        for s in sources:
            for t in targets:
                if s.actor == t.actor:
                    notes.notes.append(f"{trigger.text}: {s.actor} acts on itself: not an event")
                    continue
                ev = self._event(trigger, pattern_desc, code, s, t, negated, hypothetical, when)
                self.found.append(ev)
                made += 1
        if not made:
            fired["status"] = "self"
        if made:
            pairs = ", ".join(sorted({f"{s.actor}→{t.actor}" for s in sources for t in targets if s.actor != t.actor}))
            notes.notes.append(f"{trigger.text}: pattern '{pattern_desc}' → {code} {pairs} ({status})")

    def _event(self, trigger, pattern_desc, code, s: Party, t: Party, negated, hypothetical, when) -> Event:
        doc = self.doc
        sent = sentence_of(trigger)
        cameo = self.kb.cameo.get(code)
        plover = self.kb.plover.get(code, ("", ""))
        return Event(
            source=s.actor, target=t.actor, cameo=code, text=sent.text.strip(),
            span=(sent.start_char, sent.end_char), root=code[:2], base=code[:3],
            name=cameo.name if cameo else None, goldstein=cameo.goldstein if cameo else None,
            quad_class=self.kb.quad_class(code), plover_type=plover[0] or None, plover_mode=plover[1] or None,
            date=when, negated=negated, hypothetical=hypothetical, source_person=s.person, target_person=t.person,
            source_span=(doc[s.token].idx, doc[s.token].idx + len(doc[s.token])),
            target_span=(doc[t.token].idx, doc[t.token].idx + len(doc[t.token])),
            trigger=trigger.text, trigger_span=(trigger.idx, trigger.idx + len(trigger)), pattern=pattern_desc)

    def _intent_code(self, code: str) -> str | None:
        for prefix, intent in self.ec.intents:
            if code.startswith(prefix):
                return intent
        return None

    def _date(self, trigger: Token) -> str | None:
        verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
        for t in verb.subtree:
            if t.ent_type_ == "DATE" and t.ent_iob_ == "B" and t.head.i in (verb.i, *[c.i for c in verb.children]):
                ent = next((e for e in sentence_of(t).ents if e.start == t.i), None)
                if ent is not None:
                    resolved = dates.resolve(ent.text, self.date)
                    if resolved:
                        return resolved
        return self.date


def _dedup(events: list[Event]) -> list[Event]:
    """One event per (source, target, code root, sentence); the most specific pattern wins."""
    best: dict[tuple, Event] = {}
    for e in events:
        key = (e.source, e.target, e.root, e.span, e.negated or e.hypothetical)
        cur = best.get(key)
        if cur is None or len(e.cameo) > len(cur.cameo):
            best[key] = e
    return sorted(best.values(), key=lambda e: (e.span[0], e.trigger_span[0] if e.trigger_span else 0))
