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
from .conflicts import ConflictHit, running_between
from .context import DocumentContext
from .coref import ACTING_TYPES
from ..kb import KnowledgeBase
from .modality import ModalityReader
from ..model import Event, Relation
from .memberships import MembershipRules
from .relation_phrases import PhraseReader, clause_subject

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


def extract(ctx: DocumentContext, events: list[Event],
            conflicts: list[ConflictHit]) -> tuple[list[Relation], list[Relation]]:
    """(relations the article states or implies, memberships known only from the knowledge base)."""
    doc, mentions, kb, date = ctx.doc, ctx.mentions, ctx.kb, ctx.date
    finder = _Finder(ctx, conflicts)
    for sent in sentences(doc):
        for tok in sent:
            finder.token(tok)
    found = finder.found
    found += _from_events(events, kb)
    relations = _dedup(doc, found, kb)
    relations += _party_relations(doc, conflicts)
    relations += _fighting_parties(events, conflicts, kb)
    relations = _merge(relations)
    known = {c.name: c.id for c in conflicts if c.id}
    for r in relations:  # party_to a knowledge-base conflict carries its id across articles
        if r.type == "party_to" and r.target in known:
            r.conflict_id = known[r.target]
    return relations, _kb_memberships(mentions, kb, date, relations)


class _Finder(MembershipRules):
    def __init__(self, ctx: DocumentContext, conflicts: list[ConflictHit]):
        doc, mentions, kb = ctx.doc, ctx.mentions, ctx.kb
        self.doc = doc
        self.kb = kb
        self.date = ctx.date
        self.conflicts = conflicts
        self.resolver = ctx.resolver.for_stage()
        self.modality = ModalityReader(kb)
        rp = kb.relation_patterns
        self.nouns = {k.lower(): v for k, v in (rp.get("relation_nouns") or {}).items()}
        self.adjectives = {k.lower(): v for k, v in (rp.get("relation_adjectives") or {}).items()}
        self.country_nouns = set(rp.get("country_nouns", []))
        self.government_nouns = set(rp.get("government_nouns", []))
        self.verbs = {k.lower(): v for k, v in (rp.get("relation_verbs") or {}).items()}
        self.alliance_nouns = {k.lower(): v for k, v in (rp.get("alliance_nouns") or {}).items()}
        self.cancel = set(rp.get("cancelling_modifiers", []))
        self.backing = set(rp.get("backing_participles", []))
        self.leading = set(rp.get("leading_participles", []))
        self.hyphen_pairs = set(rp.get("hyphen_pair_nouns", []))
        self.exit_nouns = set(rp.get("membership_exit_nouns", []))
        self.support_nouns = set(rp.get("support_nouns", []))
        self.provision_verbs = set(rp.get("provision_verbs", []))
        self.involvement_nouns = set(rp.get("involvement_nouns", []))
        self.attack_nouns = set(rp.get("attack_nouns", []))
        self.recognising = set(rp.get("recognition_verbs", []))
        self.authorship = set(rp.get("authorship_words", []))
        self.severing = set(rp.get("severing_verbs", []))
        self.founding = set(rp.get("founding_verbs", []))
        self.igo_anaphors = set(rp.get("igo_anaphors", []))
        self.accusing = set(rp.get("accusing_verbs", []))
        self.pact_verbs = set(rp.get("pact_verbs", []))
        self.predicative = {k.lower(): v for k, v in (rp.get("predicative_relations") or {}).items()}
        self.alliance_modifiers = {k: set(v) for k, v in (rp.get("alliance_compound_modifiers") or {}).items()}
        self.group_support = set(rp.get("group_support_verbs", []))
        self.enacting = set(rp.get("enacting_verbs", []))
        self.group_nouns = set(rp.get("armed_group_nouns", []))
        self.friendly = set(rp.get("friendly_relation_adjectives", []))
        self.hostile_adj = set(rp.get("hostile_relation_adjectives", []))
        self.relation_heads = set(rp.get("relation_heads", []))
        self.joint = set(rp.get("joint_nouns", []))
        self.membership_nouns = set(rp.get("membership_nouns", []))
        self.compound_heads = set(rp.get("relation_compound_heads", []))
        self.phrases = PhraseReader(doc, mentions, self.resolver, kb, rp)
        self.mentions = mentions
        self.membership_states = set(rp.get("membership_state_nouns", []))
        self.membership_blockers = set(rp.get("membership_blockers", []))
        self.exit_verbs = {k.lower(): v for k, v in (rp.get("membership_exit_verbs") or {}).items()}
        self.sanction_verbs = set(rp.get("igo_sanction_verbs", []))
        self.representatives = set(rp.get("representative_nouns", []))
        self.reciprocal_states = set(rp.get("reciprocal_state_nouns", []))
        self.mention_at: dict[int, Mention] = {}
        for m in sorted(mentions, key=lambda m: m.end - m.start):
            for t in range(m.start, m.end):
                self.mention_at.setdefault(t, m)
        self.found: list[_Found] = []

    # -------------------------------------------------------------- helpers
    def actors(self, token: Token) -> list[str]:
        """Actors a token stands for, with coordinated ones ("Belarus and Kazakhstan")."""
        if token.lower_ in ("which", "that", "who") and token.head.dep_ == "relcl" and token.head.head.i != token.i:
            node = token.head.head  # "the countries, which remain at war"; "India and Pakistan, which"
            while node.dep_ == "conj" and node.head.i != node.i:
                node = node.head
            return self.actors(node)
        own = self.mention_at.get(token.i)
        if token.lemma_.lower() in self.group_nouns and (own is None or own.kind == "institution"):
            return self._named_group(token)  # "Yemeni rebels" (coded YEM-REB by the actors stage)
        out = []
        hit = self.resolver.actor_of(token)
        if hit:
            out.append(hit[0])
        elif token.lemma_.lower() in self.government_nouns:
            out += self._governed_states(token)
        else:
            count = self._counted(token)
            out += [a for a, _ in self.resolver.named_together(token, count)] if count else self._pair(token)
        for c in token.children:
            if c.dep_ == "conj":
                out += [a for a in self.actors(c) if a not in out]
        return out

    def _governed_states(self, noun: Token) -> list[str]:
        """'the military regimes in Mali, Burkina Faso, and Niger', 'the governments of Chad and
        Sudan', 'the leaders of the three nations': the states of the "in"/"of" object. The list is
        read on the surface, where the parser often cuts it ("and Niger" made a second subject)."""
        found = [a for a in self._prep_actors(noun, ("in", "of")) if self.kb.actor_type(a) == "state"]
        j = noun.i + 1
        if j < len(self.doc) and self.doc[j].lower_ in ("in", "of"):
            for t in self.doc[j + 1:sentence_of(noun).end]:
                m = self.mention_at.get(t.i)
                if m is not None and m.type == "state":
                    found += [m.actor] if m.actor not in found else []
                elif m is None and t.lower_ not in (",", "and", "the"):
                    break
        return found

    def _counted(self, token: Token) -> int | None:
        """3 for "the three countries" or "all three" (states named together before), else None;
        two are read by ``_pair``."""
        count, alone = self.resolver.counted(token)
        if count and (alone or token.lemma_.lower() in self.country_nouns):
            return count if count >= 3 else None
        return None

    def _named_group(self, noun: Token) -> list[str]:
        """'the Houthi rebels', 'the Yemeni rebels, known as Houthis': the group, never the state
        a demonym names ("Yemeni rebels" fight Yemen's government)."""
        found = [self.mention_at[c.i].actor for c in noun.children
                 if c.i in self.mention_at and self.mention_at[c.i].type in ("group", "region")]
        sent_end = sentence_of(noun).end
        for j in range(noun.i + 1, min(noun.i + 6, sent_end)):
            m = self.mention_at.get(j)
            if m is not None and m.type == "group" and any(
                    self.doc[k].lower_ in ("known", "called", "dubbed", "named", "(") or self.doc[k].dep_ == "appos"
                    for k in range(noun.i + 1, j + 1)):
                found.append(m.actor)
                break
        return found

    def _pair(self, token: Token, exclude: tuple[str, ...] = ()) -> list[str]:
        """'both nations', 'the two countries', 'the countries' (plural, definite): the two states
        the article names most (leaving out ``exclude``, the tie's other side), when they stand
        out; else the last two named before that act."""
        if token.lemma_.lower() not in self.country_nouns | {"side", "neighbour", "neighbor"} \
                or token.tag_ != "NNS" or not any(c.lower_ in ("both", "two", "the") for c in token.children):
            return []
        kinds = ("state", "region", "group") if token.lemma_.lower() == "side" else ("state",)
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        for m in self.mentions:
            if m.type in kinds and m.acts and m.start < token.i and m.actor not in exclude:
                counts[m.actor] = counts.get(m.actor, 0) + 1
                first.setdefault(m.actor, m.start)
        ranked = sorted(counts, key=lambda a: (-counts[a], first[a]))
        if len(ranked) == 2 or (len(ranked) > 2 and counts[ranked[1]] > counts[ranked[2]]):
            return ranked[:2]
        seen: list[str] = []
        for t in reversed(self.doc[:token.i]):
            m = self.mention_at.get(t.i)
            if m is not None and m.type in kinds and m.acts and m.actor not in seen + list(exclude):
                seen.append(m.actor)
                if len(seen) == 2:
                    return seen
        return []

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
        enacted = token.dep_ == "xcomp" and token.head.lemma_.lower() in self.enacting  # "voted to suspend"
        if token.pos_ == "VERB" and not enacted and (
                token.tag_ == "VB" and any(c.lower_ == "to" for c in token.children)
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
        surface_type = self._surface_type(tok)
        read = surface_type is not None and self._relation_phrase(tok, surface_type)
        if tok.pos_ in ("NOUN", "PROPN"):
            rtype = self._noun_type(tok)
            if rtype and not read:
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
            if lemma in self.membership_states:
                self._membership_state(tok)
            if lemma in self.representatives:
                self._representative(tok)
            if lemma in self.exit_nouns:
                self._exit_noun(tok)
            if lemma in self.support_nouns:
                self._support_noun(tok)
            if lemma in self.involvement_nouns:
                self._involvement(tok)
            if lemma in self.attack_nouns:
                self._attacks(tok)
            if lemma in self.reciprocal_states or tok.lower_ in self.reciprocal_states:
                self._reciprocal_state(tok)
            m = self.mention_at.get(tok.i)
            if m is not None and m.type == "igo" and tok.i == m.end - 1:
                self._possessed_igo(tok, m)
        if tok.lower_ in self.predicative:
            self._predicative(tok)
        if tok.lower_ in ("belong", "belongs", "belonged"):
            self._belong_relative(tok)
        if tok.pos_ == "VERB" or tok.tag_ == "VBN":
            self._relation_verb(tok)
            if lemma in self.sanction_verbs:
                self._igo_sanction(tok)
            if lemma in self.severing:
                self._severed(tok)
            if lemma in self.recognising:
                self._unrecognised(tok)
            if lemma in self.founding:
                self._founders(tok)
            if lemma in self.group_support:
                self._group_support(tok)
            self._exit(tok)
            if tok.lower_ in self.backing or tok.lower_ in self.leading:
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
            subj = clause_subject(verb) if verb is not None else None
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
        for igo in igo_mods:  # "the CSTO ally of Belarus": both are CSTO members (if the KB agrees:
            members = self.kb.members_on(igo, self.date)  # "Ukraine's NATO allies" are not Ukraine's club)
            self.add([a for a in holders + others if a in members], "member_of", [igo], False, noun, noun.text)

    def _surface_type(self, tok: Token) -> str | None:
        """The relation a word names when it heads a relation phrase, whatever the parser made of
        it ("foe" in "U.S. foe Iran" is often read as a verb); None for the first word of a
        compound ("member" in "member states" is read at "member")."""
        low = tok.lower_
        if tok.i > 0 and tok.doc[tok.i - 1].lower_ in self.nouns and low in self.compound_heads:
            return None  # "states" in "member states": read with "member"
        if tok.i > 1 and tok.doc[tok.i - 1].text == "-" and tok.doc[tok.i - 2].lower_ in self.nouns \
                and low in self.compound_heads:
            return None
        if low in self.nouns:
            return self.nouns[low]
        if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in self.nouns:
            return self.nouns[tok.lemma_.lower()]
        return None

    def _relation_phrase(self, noun: Token, rtype: str) -> bool:
        """A relation noun phrase read on the surface (``relation_phrases``); False when it names
        no holder, so that the parse is tried instead."""
        doc, last = self.doc, noun
        nxt = noun.i + 1
        if nxt < len(doc) and doc[nxt].text == "-" and nxt + 1 < len(doc):
            nxt += 1
        if nxt < len(doc) and doc[nxt].lemma_.lower() in self.compound_heads | {h + "s" for h in self.compound_heads}:
            last = doc[nxt]
            rtype = self.nouns.get(f"{noun.lower_} {doc[nxt].lemma_.lower()}", rtype)
        p = self.phrases.read(noun, last)
        if p.cancelled:
            return True
        cue = doc[noun.i:last.i + 1].text
        if not p.holders:
            within = [i for i in p.igos if i not in p.owners]
            if rtype in ("ally_of", "partner_of") and within:  # "Turkey's NATO allies": Turkey is in NATO
                for igo in within:
                    members = self.kb.members_on(igo, self.date)  # not "Ukraine's NATO allies"
                    self.add([t for t in p.targets if t in members], "member_of", [igo], False, noun, cue)
            return False
        if rtype == "member_of":
            igos = p.igos
            if not igos and (p.definite or p.plural or p.how in ("list", "subject-copula")):
                before = self.phrases.igo_before(noun)
                igos = [before] if before else []
            self.add(p.holders, "member_of", igos, True, noun, cue)
            return True
        targets = [t for t in p.targets + p.owners if t not in p.holders]
        if not targets and not p.igos and len(p.holders) == 1 and p.how == "title" and not p.plural:
            targets = self._clause_side(noun, p.holders)  # "Peru criticised close ally Chile"
        if not targets and len(p.holders) >= 2 and p.plural and p.how in ("copula", "title", "apposition"):
            for i, a in enumerate(p.holders):  # "Vietnam and India are close partners", "rivals India and Pakistan"
                self.add([a], rtype, p.holders[i + 1:], True, noun, cue)
        else:
            self.add(p.holders, rtype, targets, True, noun, cue)
        within = [i for i in p.igos if i not in p.owners]
        for igo in within if rtype == "ally_of" else []:  # "NATO ally Turkey": an ally within NATO is a member;
            members = self.kb.members_on(igo, self.date)  # "the CSTO ally of Armenia": so is Armenia, if the KB agrees
            self.add(p.holders + [t for t in targets if t in members], "member_of", [igo], False, noun, cue)
        return True

    def _clause_side(self, noun: Token, holders: list[str]) -> list[str]:
        """Whose ally a bare title names ("longtime ally the United States"): the subject of the
        clause it stands in, or the possessor of the noun it hangs on ("his break with longtime ally
        Chile"); a passive or a relation noun itself as subject says nothing."""
        node = noun
        while node.dep_ in ("pobj", "prep", "compound", "appos") and node.head.i != node.i:
            node = node.head
        if node.pos_ == "NOUN":
            owner = next((c for c in node.children if c.dep_ == "poss"), None)
            if owner is not None and owner.lower_ not in ("its", "their", "his", "her"):
                return [a for a in self.actors(owner) if a not in holders]
            node = node.head
        if node.pos_ not in ("VERB", "AUX"):
            return []
        subj = clause_subject(node)
        if subj is None or subj.dep_ == "nsubjpass" or subj.i >= noun.i:
            return []
        return [a for a in self.actors(subj) if a not in holders and self.kb.actor_type(a) == "state"]

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
        required = self.alliance_modifiers.get(noun.lemma_.lower())
        if required and not any(c.lemma_.lower() in required for c in noun.children if c.dep_ in ("amod", "compound")):
            return  # a "peace treaty" or "trade pact" is no alliance
        # "a war against X" is with X; "an alliance / drills against X" are not with X
        others = self._prep_actors(noun, ("with", "against", "to") if rtype == "hostile_to" else ("with", "to"))
        if not others and noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.pact_verbs:
            others = self._prep_actors(noun.head, ("with",))  # "India held joint drills with France"
        between = self._prep_actors(noun, ("between",))
        if len(between) >= 2:
            for a in between:
                self.add([a], rtype, [b for b in between if b != a], True, noun, noun.text)
            return
        if not others:
            named = self._hyphen_actors(noun) if noun.lemma_.lower() in self.hyphen_pairs else []
            verb = noun.head
            if not named and noun.dep_ == "dobj" and verb.lemma_.lower() in self.pact_verbs:
                subj = clause_subject(verb)  # "Russia and China signed a strategic partnership"
                named = self.actors(subj) if subj is not None and subj.dep_ == "nsubj" else []
            for i, a in enumerate(named):  # "the U.S.-Japan alliance", "the India-Pakistan rivalry"
                self.add([a], rtype, named[i + 1:], True, noun, noun.text)
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
        """'close ties with Azerbaijan', 'hostile relations with Sudan', 'its relations with Moscow
        are strained', 'relations between Algeria and Morocco are tense'."""
        adj_tokens = [c for c in noun.children if c.dep_ == "amod"]
        copula = noun.head if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in _COPULAS else None
        if copula is not None:
            adj_tokens += [c for c in copula.children if c.dep_ == "acomp"]
            adj_tokens += [g for c in adj_tokens for g in c.children if g.dep_ == "conj"]
        adjs = {c.lemma_.lower() for c in adj_tokens} | {c.lower_ for c in adj_tokens}
        rtype = "partner_of" if adjs & self.friendly else "hostile_to" if adjs & self.hostile_adj else None
        if rtype is None:
            return
        between = self._prep_actors(noun, ("between",))
        if len(between) >= 2:
            self.add(between[:1], rtype, between[1:], True, noun, noun.text)
            return
        verb = noun.head if noun.head.pos_ in ("VERB", "AUX") and copula is None else None
        subj = [c for c in verb.children if c.dep_ == "nsubj"] if verb is not None else []
        holders = self.actors(subj[0]) if subj else []
        if copula is not None:
            holders = [a for c in noun.children if c.dep_ == "poss" for a in self.actors(c)]
        others = []
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in ("with", "to"):
                for g in c.children:
                    if g.dep_ == "pobj":  # "good relations with both nations": not the holder
                        others += self._pair(g, tuple(holders)) or self.actors(g)
        self.add(holders, rtype, others, True, noun, noun.text)

    def _hyphen_actors(self, noun: Token) -> list[str]:
        """The actors of a hyphenated modifier: "an Israeli-Cypriot-Greek effort", "the U.S.-Japan
        alliance" (at least two names joined by hyphens; not "the Russian-led CSTO alliance")."""
        actors: list[str] = []
        j = noun.i - 1
        while j >= noun.left_edge.i:
            joined = _joined_names(self.doc[j], self.kb) if j not in self.mention_at else []
            if joined:  # "U.S.-Japan", kept as one token by the tokenizer
                return joined
            m = self.mention_at.get(j)
            if m is None or m.type not in ("state", "region", "igo", "group"):
                if actors:
                    break
                j -= 1
                continue
            if m.actor not in actors:
                actors.insert(0, m.actor)
            j = m.start - 1
            if j < noun.left_edge.i or self.doc[j].text not in ("-", "–"):
                break
            j -= 1
        return actors if len(actors) >= 2 else []

    def _joint(self, noun: Token) -> None:
        """'an Israeli-Cypriot-Greek effort': its actors are partners (implied)."""
        actors = [a for a in self._hyphen_actors(noun) if self.kb.actor_type(a) != "group"]
        for i, a in enumerate(actors):
            self.add([a], "partner_of", actors[i + 1:], False, noun, noun.text)

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
        subj = [c for c in verb.children if c.dep_ == "nsubj"] or self._accused(verb)
        if not subj:
            return
        sources = self.actors(subj[0])
        stated = stated and not self._accused(verb)
        # "which has openly backed Azerbaijan": the parser may label the object npadvmod
        objs = [c for c in verb.children if c.dep_ in ("dobj", "attr")
                or (c.dep_ in ("npadvmod", "oprd") and c.i in self.mention_at)]
        if rtype == "member_of":  # "joined NATO", "belong to the CSTO" (not "joins with the League")
            preps = (key.split()[-1],) if " " in key else ()
            targets = [self.mention_at[o.i].actor for o in objs if o.i in self.mention_at]
            targets += self._prep_actors(verb, preps)
        else:
            targets = [a for o in objs for a in self.actors(o)]
            targets += self._prep_actors(verb, ("with", "to", "against"))
        if not targets and rtype in SYMMETRIC and len(sources) >= 2:  # "India and Pakistan have fought three wars"
            for i, a in enumerate(sources):
                self.add([a], rtype, sources[i + 1:], stated, verb, verb.text)
            return
        self.add(sources, rtype, targets, stated, verb, verb.text)

    def _predicative(self, adj: Token) -> None:
        """'M23 is allied with Rwanda', 'Iran remains hostile to Israel'."""
        others = self._prep_actors(adj, ("with", "to", "toward", "towards"))
        verb = adj.head if adj.dep_ in ("acomp", "oprd") else None
        # the parser often reads "is allied with" as a passive verb
        subj = next((c for c in adj.children if c.dep_ == "nsubjpass"), None)
        if subj is None and verb is not None and verb.lemma_.lower() in _COPULAS:
            subj = clause_subject(verb)
        if others and subj is not None:
            self.add(self.actors(subj), self.predicative[adj.lower_], others, True, adj, adj.text)

    def _possessor(self, noun: Token) -> list[str]:
        """Who a noun belongs to: "Armenia's membership", "its participation" (its = the clause's subject)."""
        for c in noun.children:
            if c.dep_ == "poss":
                if c.lower_ in ("its", "their") and noun.head.pos_ in ("VERB", "AUX"):
                    subj = clause_subject(noun.head)
                    return self.actors(subj) if subj is not None else []
                return self.actors(c)
        return []

    def _support_noun(self, noun: Token) -> None:
        """'Rwanda's support for the M23 rebels': the backer of an armed group is its ally (implied)."""
        groups = [a for a in self._prep_actors(noun, ("for", "of", "to")) if self.kb.actor_type(a) == "group"]
        backers = self._possessor(noun)
        obj = noun
        while obj.dep_ == "conj" and obj.head.i != obj.i:  # "discreet but decisive backing"
            obj = obj.head
        verb = obj.head
        if not backers and obj.dep_ == "dobj" and verb.lemma_.lower() in self.provision_verbs:
            # "Uganda is providing decisive backing to the M23 rebels", "sending weapons to the rebels"
            groups += [a for a in self._prep_actors(verb, ("to", "for")) if self.kb.actor_type(a) == "group"]
            subj = clause_subject(verb)
            backers = self.actors(subj) if subj is not None and subj.dep_ != "nsubjpass" else []
        self.add(backers, "ally_of", groups, False, noun, noun.text)

    def _attacks(self, noun: Token) -> None:
        """'Houthi attacks on Saudi Arabia', 'groups like Hamas and Islamic Jihad, which have been linked
        to attacks against Israel', 'launched raids against Kenya': who attacks is hostile to its
        target (implied)."""
        targets = [a for a in self._prep_actors(noun, ("against", "on"))
                   if self.kb.actor_type(a) in ("state", "group")]
        if not targets:
            return
        doers = [a for a, _ in self._modifier_actors(noun)] or self._possessor(noun)
        if not doers:
            node = noun.head.head if noun.dep_ == "pobj" else noun.head if noun.dep_ == "dobj" else None
            if node is not None and node.lemma_.lower() in self.authorship:
                if node.dep_ == "acomp":  # "X is responsible for attacks on Y"
                    node = node.head
                subj = clause_subject(node)
                doers = self.actors(subj) if subj is not None else []
        self.add([d for d in doers if self.kb.actor_type(d) in ("state", "group")], "hostile_to", targets,
                 False, noun, noun.text)

    def _unrecognised(self, verb: Token) -> None:
        """'Cyprus, which Turkey does not recognize', 'Serbia refuses to recognise Kosovo': a state
        that denies another's existence as a state is hostile to it (implied)."""
        refused = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("refuse", "decline", "reject")
        if not (refused or self.modality.of(verb).negated):
            return
        subj = clause_subject(verb)
        if subj is None or subj.dep_ == "nsubjpass":
            return
        objs = [a for o in verb.children if o.dep_ == "dobj"
                for a in (self.actors(o) or self._possessor(o))]  # "Kosovo's independence"
        states = [a for a in self.actors(subj) if self.kb.actor_type(a) == "state"]
        self.found += [_Found(s, "hostile_to", o, False, verb, verb.text) for s in states for o in objs
                       if o != s and self.kb.actor_type(o) in ("state", "region")]

    def _involvement(self, noun: Token) -> None:
        """'the two countries' role in neighboring Congo's conflict', 'Iran's involvement in the war in
        Yemen': who has a part in a conflict the article names is a party to it (implied)."""
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for obj in prep.children:
                start, end = obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge)
                named = [c.name for c in self.conflicts if any(s < end and start < e for s, e in c.spans)]
                if named and obj.dep_ == "pobj":
                    self.add(self._involved(noun), "party_to", named[:1], False, noun, noun.text)

    def _involved(self, noun: Token) -> list[str]:
        """The possessor; "their" in "confront the two countries over their role" is the object."""
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        verb = noun.head.head if noun.dep_ == "pobj" else None
        if poss is not None and poss.lower_ in ("their", "its") and verb is not None and verb.pos_ == "VERB":
            objs = [o for o in verb.children if o.dep_ == "dobj"]
            if objs:
                return self.actors(objs[0])
        return self._possessor(noun)

    def _severed(self, verb: Token) -> None:
        """'Ecuador severed diplomatic ties with Colombia', 'broke off relations with Bogota'."""
        ties = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in self.relation_heads]
        subj = clause_subject(verb)
        if not ties or subj is None:
            return
        others = self._prep_actors(ties[0], ("with",)) or self._prep_actors(verb, ("with",))
        self.add(self.actors(subj), "hostile_to", others, True, verb, verb.text)

    def _group_support(self, verb: Token) -> None:
        """'Rwanda and Uganda are supporting the M23 rebels': backing an armed group (implied)."""
        agents = [a for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
                  for a in self.actors(g)]
        if agents:  # "the militia, funded by Iran", "M23 is supported by Rwanda"
            held = [c for c in verb.children if c.dep_ == "nsubjpass"] or (
                [verb.head] if verb.dep_ in ("acl", "amod", "relcl") else [])
            groups = [a for h in held for a in self.actors(h) if self.kb.actor_type(a) == "group"]
            self.add(agents, "ally_of", groups, False, verb, verb.text)
            return
        subj = clause_subject(verb) or next(iter(self._accused(verb)), None)
        groups = [a for o in verb.children if o.dep_ == "dobj" for a in self.actors(o)
                  if self.kb.actor_type(a) == "group"]
        groups += [a for a in self._prep_actors(verb, ("to",)) if self.kb.actor_type(a) == "group"]
        if subj is not None and subj.dep_ != "nsubjpass":
            self.add(self.actors(subj), "ally_of", groups, False, verb, verb.text)

    def _accused(self, verb: Token) -> list[Token]:
        """'Colombia accused Venezuela of backing the FARC': the accused is the doer of the gerund
        (a claim the article reports; the tie is implied, not stated)."""
        of = verb.head
        if verb.dep_ == "pcomp" and of.lower_ == "of" and of.head.lemma_.lower() in self.accusing:
            return [c for c in of.head.children if c.dep_ == "dobj"]
        return []

    def _reciprocal_state(self, noun: Token) -> None:
        """'The two countries remain at war': hostility among the subject's actors, or with the
        "with" object ("remained at war with Eritrea")."""
        at = noun.head
        if noun.dep_ != "pobj" or at.lower_ != "at" or at.head.lemma_.lower() not in _COPULAS:
            return
        verb = at.head
        subj = clause_subject(verb)
        actors = self.actors(subj) if subj is not None else []
        others = self._prep_actors(verb, ("with",)) + self._prep_actors(noun, ("with",))
        if others:  # "Ethiopia remained at war with Eritrea"
            self.add(actors, "hostile_to", others, True, noun, noun.text)
            return
        for i, a in enumerate(actors):
            self.add([a], "hostile_to", actors[i + 1:], True, noun, noun.text)

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
        if not held and noun.lemma_.lower() in self.group_nouns and tok.lower_ in self.backing:
            # "Russian-backed separatists": an unnamed armed group, named by the phrase itself
            first = min([tok.i] + [c.i for c in tok.subtree])
            held = [self.doc[first:noun.i + 1].text]
        igos = [h for h in held if self.kb.actor_type(h) == "igo"]
        if igos:  # "the Russian-sponsored Customs Union": the sponsor belongs to it
            self.add(backers, "member_of", igos, False, tok, tok.text)
        if tok.lower_ in self.backing:
            self.add([h for h in held if h not in igos], "ally_of", backers, False, tok, tok.text)


_NAMES: dict[int, dict[str, str]] = {}


def _joined_names(token: Token, kb: KnowledgeBase) -> list[str]:
    """The actors of one token that joins names with hyphens ("U.S.-Japan"), else []."""
    if "-" not in token.text:
        return []
    names = _NAMES.get(id(kb))
    if names is None:
        names = {f.text: f.actor for f in kb.surface_forms()
                 if f.actor and f.type in ("state", "igo", "region") and f.kind in ("name", "adjective")}
        _NAMES[id(kb)] = names
    parts = [names.get(p) for p in token.text.split("-")]
    return parts if len(parts) >= 2 and all(parts) and len(set(parts)) == len(parts) else []


def _from_events(events: list[Event], kb: KnowledgeBase) -> list[_Found]:
    """Ties implied by what actors did: war and violence (hostile), military aid (ally)."""
    roots = set(kb.relation_patterns.get("hostile_event_roots", ["18", "19", "20"]))
    codes = set(kb.relation_patterns.get("hostile_event_codes", []))
    out = []
    for e in events:
        if not e.counts:
            continue
        lesser = e.cameo in codes and all(kb.actor_type(a) in ("state", "group") for a in (e.source, e.target))
        if e.root in roots or lesser:  # an organization suspending a member is no war on it
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


def _fighting_parties(events: list[Event], conflicts: list[ConflictHit], kb: KnowledgeBase) -> list[Relation]:
    """Fighting the article reports between two actors that no named conflict covers ("Tajik
    troops opened fire on Kyrgyz vehicles" twice): both are parties to "the A–B conflict"
    (implied). Fighting is repeated violence (``fighting_event_roots``), or violence both ways."""
    roots = set(kb.relation_patterns.get("fighting_event_roots", ["19", "20"]))
    least = int(kb.relation_patterns.get("fighting_min_events", 2))
    fights: dict[frozenset, list[Event]] = {}
    for e in events:
        if e.counts and e.root in roots and e.source and e.target and e.source != e.target \
                and kb.actor_type(e.source) in ("state", "group", "region") \
                and kb.actor_type(e.target) in ("state", "group", "region"):
            fights.setdefault(frozenset((e.source, e.target)), []).append(e)
    covered = [set(c.parties) | set(c.mentioned_parties) for c in conflicts]
    out = []
    for pair, evs in fights.items():
        both_ways = len({e.source for e in evs}) == 2
        if (len(evs) < least and not both_ways) or any(pair <= c for c in covered):
            continue
        # the first to act first; one sentence telling both acts names them in id order (not in set order)
        a, b = sorted(pair, key=lambda x: (min(e.span[0] if e.source == x else 10**9 for e in evs), x))
        # the knowledge-base conflict of the two running then, if there is one; else "the A–B conflict"
        entry = running_between(kb, a, b, max((e.date for e in evs if e.date), default=None), fighting=True)
        name = entry["name"] if entry else f"{kb.actor_name(a)}–{kb.actor_name(b)} conflict"
        for actor in (a, b):
            out.append(Relation(actor, "party_to", name, stated=False, text=evs[0].text, span=evs[0].span,
                                cue=f"{evs[0].trigger} ({evs[0].cameo})", conflict_id=entry["id"] if entry else None))
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
