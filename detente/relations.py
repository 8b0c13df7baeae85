"""Relations: typed ties between actors that the article states or implies.

member_of (state -> IGO), ally_of, partner_of, hostile_to (symmetric) and party_to (actor ->
named conflict), each with its evidence span and ``stated`` (True when the text says it,
False when it implies it: "an Iranian-backed militia", a war between them, a signed pact).
The phrases are in ``kb/relation_patterns.yaml``. Ties known only from the knowledge base
(membership lists) go to ``kb_relations``.

    >>> [(r.source, r.type, r.target) for r in extract(nlp("Armenia is a CSTO member and a "
    ...     "strategic ally of Moscow."), ...)[0]]
    [('ARM', 'member_of', 'CSTO'), ('ARM', 'ally_of', 'RUS')]
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .docutil import evidence, sentence_of, sentences, source_text
from .actors import Mention
from .conflicts import ConflictHit
from .coref import ACTING_TYPES, Resolver
from .kb import KnowledgeBase
from .modality import ModalityReader
from .model import Event, Relation
from .persons import PersonAnalysis

SYMMETRIC = {"ally_of", "partner_of", "hostile_to"}
_COPULAS = {"be", "become", "remain", "stay"}


@dataclass
class _Found:
    source: str
    type: str
    target: str
    stated: bool
    token: Token | None
    cue: str
    span: tuple[int, int] | None = None  # evidence when there is no token (implied by an event)
    text: str | None = None


def extract(doc: Doc, people: PersonAnalysis, mentions: list[Mention], kb: KnowledgeBase, date: str | None,
            events: list[Event], conflicts: list[ConflictHit]) -> tuple[list[Relation], list[Relation]]:
    """(relations the article states or implies, memberships known only from the knowledge base)."""
    finder = _Finder(doc, people, mentions, kb, date, conflicts)
    for sent in sentences(doc):
        for tok in sent:
            finder.token(tok)
    found = finder.found
    found += _from_events(events, kb)
    relations = _dedup(doc, found, kb)
    relations += _party_relations(doc, conflicts)
    relations = _merge(relations)
    return relations, _kb_memberships(mentions, kb, date, relations)


class _Finder:
    def __init__(self, doc, people, mentions, kb, date, conflicts):
        self.doc = doc
        self.kb = kb
        self.date = date
        self.conflicts = conflicts
        self.resolver = Resolver(doc, people, mentions, kb)
        self.modality = ModalityReader(kb)
        rp = kb.relation_patterns
        self.nouns = {k.lower(): v for k, v in (rp.get("relation_nouns") or {}).items()}
        self.adjectives = {k.lower(): v for k, v in (rp.get("relation_adjectives") or {}).items()}
        self.country_nouns = set(rp.get("country_nouns", []))
        self.verbs = {k.lower(): v for k, v in (rp.get("relation_verbs") or {}).items()}
        self.alliance_nouns = {k.lower(): v for k, v in (rp.get("alliance_nouns") or {}).items()}
        self.cancel = set(rp.get("cancelling_modifiers", []))
        self.backing = set(rp.get("backing_participles", []))
        self.friendly = set(rp.get("friendly_relation_adjectives", []))
        self.hostile_adj = set(rp.get("hostile_relation_adjectives", []))
        self.relation_heads = set(rp.get("relation_heads", []))
        self.joint = set(rp.get("joint_nouns", []))
        self.membership_nouns = set(rp.get("membership_nouns", []))
        self.mention_at: dict[int, Mention] = {}
        for m in sorted(mentions, key=lambda m: m.end - m.start):
            for t in range(m.start, m.end):
                self.mention_at.setdefault(t, m)
        self.found: list[_Found] = []

    # -------------------------------------------------------------- helpers
    def actors(self, token: Token) -> list[str]:
        """Actors a token stands for, with coordinated ones ("Belarus and Kazakhstan")."""
        out = []
        hit = self.resolver.actor_of(token)
        if hit:
            out.append(hit[0])
        else:
            out += [a for a, _ in self.resolver.pair(token, self.country_nouns | {"side"})]
        for c in token.children:
            if c.dep_ == "conj":
                out += [a for a in self.actors(c) if a not in out]
        return out

    def add(self, sources, rtype, targets, stated, token, cue):
        if self._cancelled(token):
            return
        for s in sources:
            for t in targets:
                if s == t or not s or not t:
                    continue
                if rtype == "member_of" and self.kb.actor_type(t) != "igo":
                    continue
                if rtype == "member_of" and self.kb.actor_type(s) == "igo":
                    continue
                self.found.append(_Found(s, rtype, t, stated, token, cue))

    def _cancelled(self, token: Token) -> bool:
        """A tie denied ("is not a member"), only wished for ("the goal is for Ukraine to join"),
        or inside something that did not happen ("didn't allow ... to start a new gas war").
        A conditional does not cancel: "If Armenia is the CSTO member, ..." states a premise."""
        if any(c.lower_ in self.cancel for c in token.children if c.dep_ in ("amod", "neg", "det", "advmod")):
            return True
        if token.pos_ == "VERB" and (token.tag_ == "VB" and any(c.lower_ == "to" for c in token.children)
                                     or self.modality.of(token).announced):
            return True
        has_as = any(c.dep_ == "prep" and c.lower_ == "as" for c in (*token.children, *token.head.children))
        if has_as and any(c.lower_ == "such" for c in token.children):
            return False  # "such a partner as Azerbaijan" holds whatever the verb around it
        node = token
        for _ in range(4):
            if node.pos_ in ("VERB", "AUX") and self.modality.of(node).negated:
                return True
            if node.head.i == node.i:
                break
            node = node.head
        return False

    def _holder(self, noun: Token) -> list[str]:
        """Who holds the tie a relation noun names: the subject of "X is a N", the head of an
        apposition ("X, a N of Y"), the name a title-like noun precedes ("NATO member Turkey")."""
        node = noun
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        if node.dep_ in ("attr", "acomp", "oprd") and node.head.lemma_ in _COPULAS:
            subj = [c for c in node.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                return self._subject_actors(subj[0])
        if node.dep_ == "appos":
            return self.actors(node.head)
        if node.dep_ in ("compound", "amod", "nmod") and node.head.i > node.i:
            return self.actors(node.head)
        for c in node.children:
            if c.dep_ == "appos":
                return self.actors(c)
        return []

    def _subject_actors(self, subj: Token) -> list[str]:
        found = self.actors(subj)
        if found:
            return found
        # "one of the conflict sides": the parties of a conflict named in the article
        if subj.lower_ in ("one", "either", "each") and self.conflicts:
            return ["@conflict-party"]
        return []

    def _resolve_conflict_party(self, holders: list[str], via_igo: str | None) -> list[str]:
        if holders != ["@conflict-party"]:
            return holders
        parties = [a for c in self.conflicts for side in c.sides for a in side]
        if via_igo:
            members = self.kb.members_on(via_igo, self.date)
            parties = [p for p in parties if p in members]
        return parties[:1] if len(set(parties)) == 1 else []

    def _modifier_actors(self, noun: Token) -> list[tuple[str, Token]]:
        out = []
        for c in noun.children:
            if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i < noun.i:
                m = self.mention_at.get(c.i)
                if m is not None and m.type in ACTING_TYPES:
                    out.append((m.actor, c))
                elif c.dep_ == "poss":
                    hit = self.resolver.actor_of(c)
                    if hit:
                        out.append((hit[0], c))
        return out

    def _prep_actors(self, token: Token, preps: tuple[str, ...]) -> list[str]:
        out = []
        for c in token.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                for g in c.children:
                    if g.dep_ == "pobj":
                        out += self.actors(g)
        return out

    # -------------------------------------------------------------- rules
    def token(self, tok: Token) -> None:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("NOUN", "PROPN"):
            rtype = self._noun_type(tok)
            if rtype:
                self._relation_noun(tok, rtype)
            if lemma in self.country_nouns:
                self._relation_adjective(tok)
            if lemma in self.alliance_nouns:
                self._alliance(tok, self.alliance_nouns[lemma])
            if lemma in self.relation_heads:
                self._relations_phrase(tok)
            if lemma in self.joint:
                self._joint(tok)
            if lemma in self.membership_nouns:
                self._membership_noun(tok)
            m = self.mention_at.get(tok.i)
            if m is not None and m.type == "igo" and tok.i == m.end - 1:
                self._possessed_igo(tok, m)
        if tok.pos_ == "VERB" or tok.tag_ == "VBN":
            self._relation_verb(tok)
            if tok.lower_ in self.backing:
                self._backed(tok)

    def _noun_type(self, tok: Token) -> str | None:
        lemma = tok.lemma_.lower()
        for c in tok.children:
            if c.dep_ in ("compound", "amod"):
                key = f"{c.lemma_.lower()} {lemma}"
                if key in self.nouns:
                    return self.nouns[key]
        return self.nouns.get(lemma) or self.nouns.get(tok.lower_)

    def _relation_noun(self, noun: Token, rtype: str) -> None:
        modifiers = self._modifier_actors(noun)
        igo_mods = [a for a, _ in modifiers if self.kb.actor_type(a) == "igo"]
        other_mods = [a for a, _ in modifiers if self.kb.actor_type(a) != "igo"]
        holders = self._holder(noun)
        # "such a partner as Azerbaijan": the clause's subject holds the tie with the "as" object
        verb = noun.head if noun.head.pos_ in ("VERB", "AUX") else None
        as_objs = self._prep_actors(noun, ("as",)) or (self._prep_actors(verb, ("as",)) if verb is not None else [])
        if as_objs and any(c.lower_ == "such" for c in noun.children):
            subj = _clause_subject(verb) if verb is not None else None
            if subj is not None:
                self.add(self.actors(subj), rtype, as_objs, True, noun, noun.text)
            return
        if rtype == "member_of":
            targets = igo_mods + [a for a in self._prep_actors(noun, ("of", "in")) if self.kb.actor_type(a) == "igo"]
            holders = self._resolve_conflict_party(holders, targets[0] if targets else None)
            self.add(holders, "member_of", targets, True, noun, noun.text)
            return
        others = self._prep_actors(noun, ("of", "for", "to", "with")) or other_mods
        holders = self._resolve_conflict_party(holders, igo_mods[0] if igo_mods else None)
        self.add(holders, rtype, others, True, noun, noun.text)
        for igo in igo_mods:  # "the CSTO ally of Belarus": both are CSTO members
            self.add(holders + others, "member_of", [igo], False, noun, noun.text)

    def _relation_adjective(self, noun: Token) -> None:
        """'Azerbaijan is a brotherly and friendly country for Kazakhstan'."""
        adjs = [c for c in noun.children if c.dep_ == "amod"]
        adjs += [g for c in adjs for g in c.children if g.dep_ == "conj"]
        types = {self.adjectives[a.lemma_.lower()] for a in adjs if a.lemma_.lower() in self.adjectives}
        if not types:
            return
        others = self._prep_actors(noun, ("for", "to", "of", "with"))
        holders = self._holder(noun)
        for rtype in types:
            self.add(holders, rtype, others, True, noun, noun.text)

    def _alliance(self, noun: Token, rtype: str) -> None:
        """'Moscow is in a military alliance with Armenia', 'Russia's war with Ukraine'."""
        others = self._prep_actors(noun, ("with", "against", "to"))
        between = self._prep_actors(noun, ("between",))
        if len(between) >= 2:
            for a in between:
                self.add([a], rtype, [b for b in between if b != a], True, noun, noun.text)
            return
        if not others:
            return
        holders = [a for a, _ in self._modifier_actors(noun)]
        if not holders:
            node = noun
            while node.head.i != node.i and node.dep_ in ("pobj", "prep", "dobj", "attr", "conj", "compound"):
                node = node.head
                if node.pos_ in ("VERB", "AUX"):
                    subj = [c for c in node.children if c.dep_ == "nsubj"]
                    if subj:
                        holders = self.actors(subj[0])
                    break
        self.add(holders, rtype, others, True, noun, noun.text)

    def _relations_phrase(self, noun: Token) -> None:
        """'close ties with Azerbaijan', 'hostile relations with Sudan'."""
        adjs = {c.lemma_.lower() for c in noun.children if c.dep_ == "amod"}
        rtype = "partner_of" if adjs & self.friendly else "hostile_to" if adjs & self.hostile_adj else None
        if rtype is None:
            return
        between = self._prep_actors(noun, ("between",))
        if len(between) >= 2:
            self.add(between[:1], rtype, between[1:], True, noun, noun.text)
            return
        others = self._prep_actors(noun, ("with", "to"))
        if not others:
            return
        verb = noun.head if noun.head.pos_ in ("VERB", "AUX") else None
        subj = [c for c in verb.children if c.dep_ == "nsubj"] if verb is not None else []
        holders = self.actors(subj[0]) if subj else []
        self.add(holders, rtype, others, True, noun, noun.text)

    def _joint(self, noun: Token) -> None:
        """'an Israeli-Cypriot-Greek effort': its actors are partners (implied)."""
        actors = []
        for t in self.doc[noun.left_edge.i:noun.i]:
            m = self.mention_at.get(t.i)
            if m is not None and m.type in ("state", "region", "igo") and m.actor not in actors:
                actors.append(m.actor)
        if len(actors) >= 2 and any(self.doc[i].text == "-" for i in range(noun.left_edge.i, noun.i)):
            for i, a in enumerate(actors):
                self.add([a], "partner_of", actors[i + 1:], False, noun, noun.text)

    def _membership_noun(self, noun: Token) -> None:
        """'the Lithuanian EU presidency': holding an IGO's presidency means membership (implied)."""
        mods = []
        for t in self.doc[noun.left_edge.i:noun.i]:
            m = self.mention_at.get(t.i)
            if m is not None and m.type in ACTING_TYPES and m.actor not in [a for a, _ in mods]:
                mods.append((m.actor, t))
        igos = [a for a, _ in mods if self.kb.actor_type(a) == "igo"]
        states = [a for a, _ in mods if self.kb.actor_type(a) in ("state",)]
        if igos and states:
            self.add(states, "member_of", igos, False, noun, noun.text)

    def _possessed_igo(self, tok: Token, m: Mention) -> None:
        """'Russia's Customs Union', 'its Customs Union': the possessor is a member (implied)."""
        root = self.doc[m.start:m.end].root
        for c in root.children:
            if c.dep_ == "poss":
                owners = self.actors(c)
                self.add(owners, "member_of", [m.actor], False, root, root.text)

    def _relation_verb(self, verb: Token) -> None:
        lemma = verb.lemma_.lower()
        preps = [c for c in verb.children if c.dep_ == "prep"]
        keys = [f"{lemma} {p.lower_}" for p in preps] + [lemma]
        key = next((k for k in keys if k in self.verbs), None)
        if key is None:
            return
        rtype = self.verbs[key]
        stated = rtype != "ally_of" or lemma not in ("back", "arm")
        passive = any(c.dep_ in ("auxpass", "agent") for c in verb.children) or (
            verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"))
        if passive:
            agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            sources = [a for g in agents for a in self.actors(g)]
            subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
            if subj:
                targets = self.actors(subj[0])
            elif verb.dep_ in ("acl", "amod"):
                targets = self.actors(verb.head)
            else:  # "its Customs Union, already joined by Belarus": the noun phrase before the comma
                before = [t for t in self.doc[sentence_of(verb).start:verb.i] if t.i in self.mention_at]
                targets = [self.mention_at[before[-1].i].actor] if before else []
            self.add(sources, rtype, targets, stated, verb, verb.text)
            return
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subj:
            return
        sources = self.actors(subj[0])
        objs = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
        targets = [a for o in objs for a in self.actors(o)]
        targets += self._prep_actors(verb, ("with", "to", "against"))
        self.add(sources, rtype, targets, stated, verb, verb.text)

    def _backed(self, tok: Token) -> None:
        """'an Iranian-backed militia': the militia is the backer's ally (implied)."""
        backers = []
        for c in tok.children:
            m = self.mention_at.get(c.i)
            if m is not None and m.type in ACTING_TYPES:
                backers.append(m.actor)
        if not backers or tok.dep_ not in ("amod", "compound", "acl"):
            return
        noun = tok.head
        held = self.actors(noun)
        if not held and noun.dep_ == "appos":
            held = self.actors(noun.head)
        igos = [h for h in held if self.kb.actor_type(h) == "igo"]
        if igos:  # "the Russian-sponsored Customs Union": the sponsor belongs to it
            self.add(backers, "member_of", igos, False, tok, tok.text)
        self.add([h for h in held if h not in igos], "ally_of", backers, False, tok, tok.text)


def _clause_subject(verb: Token) -> Token | None:
    """The subject of a verb, inherited through "want to lose", "and lost"."""
    for _ in range(4):
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return subj[0]
        if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
            verb = verb.head
        else:
            return None
    return None


def _from_events(events: list[Event], kb: KnowledgeBase) -> list[_Found]:
    """Ties implied by what actors did: war and violence (hostile), military aid (ally)."""
    roots = set(kb.relation_patterns.get("hostile_event_roots", ["18", "19", "20"]))
    out = []
    for e in events:
        if not e.counts:
            continue
        if e.root in roots:
            out.append(_Found(e.source, "hostile_to", e.target, False, None, f"{e.trigger} ({e.cameo})",
                              e.span, e.text))
        elif e.cameo == "072":  # military aid
            out.append(_Found(e.source, "ally_of", e.target, False, None, f"{e.trigger} ({e.cameo})",
                              e.span, e.text))
    return out


def _dedup(doc: Doc, found: list[_Found], kb: KnowledgeBase) -> list[Relation]:
    out = []
    for f in found:
        if f.token is not None:
            sent = sentence_of(f.token)
            text, span = evidence(doc, sent.start_char, sent.end_char)
        else:
            span, text = f.span, f.text
        out.append(Relation(f.source, f.type, f.target, stated=f.stated, text=text, span=span, cue=f.cue))
    return out


def _party_relations(doc: Doc, conflicts: list[ConflictHit]) -> list[Relation]:
    out = []
    for c in conflicts:
        for actor, (stated, span) in c.mentioned_parties.items():
            text = source_text(doc)[span[0]:span[1]] if span else None
            out.append(Relation(actor, "party_to", c.name, stated=stated, text=text, span=span, cue=c.name))
    return out


def _key(r: Relation) -> tuple[str, str, str]:
    a, b = r.source, r.target
    if r.type in SYMMETRIC and b < a:
        a, b = b, a
    return a, r.type, b


def _merge(relations: list[Relation]) -> list[Relation]:
    """One relation per (source, type, target), symmetric types in either order; stated wins."""
    best: dict[tuple, Relation] = {}
    for r in relations:
        k = _key(r)
        cur = best.get(k)
        if cur is None or (r.stated and not cur.stated):
            best[k] = r
    hostile = {frozenset((r.source, r.target)) for r in best.values() if r.type == "hostile_to"}
    return [r for r in best.values()
            if not (r.type in ("partner_of", "ally_of") and not r.stated and frozenset((r.source, r.target)) in hostile)]


def _kb_memberships(mentions: list[Mention], kb: KnowledgeBase, date: str | None,
                    relations: list[Relation]) -> list[Relation]:
    """Memberships, on the article's date, among the states and IGOs the article mentions."""
    states = sorted({m.actor for m in mentions if m.type == "state" and m.acts})
    igos = sorted({m.actor for m in mentions if m.type == "igo" and m.acts})
    stated = {_key(r) for r in relations}
    out = []
    for igo in igos:
        members = kb.members_on(igo, date)
        for s in states:
            if s in members and (s, "member_of", igo) not in stated:
                out.append(Relation(s, "member_of", igo, stated=False, text=None, span=None, cue="knowledge base"))
    return out
