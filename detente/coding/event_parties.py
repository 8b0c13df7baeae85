"""Who acts and on whom: the actors a word stands for in an event (a state, IGO, group or region;
an official for his state), with the ones coordinated, listed, counted ("the two men", "all three")
or referred back to ("the agreement", "the attack"); a clause's sources and its default targets.

``PartyReader`` is a part of the event stage's run (``events._Run``): it reads ``doc``, ``kb``,
``ec`` (the ``EventCoder``), ``people``, ``resolver``, ``mention_at`` and the events ``found`` so far.
"""
from __future__ import annotations

from spacy.tokens import Token

from .coref import ACTING_TYPES
from .docutil import lemmas, sentence_of, sentences
from .event_records import Party
from .modality import FINITE, misparsed_main_verb

# Prepositions that attach the actors a noun phrase is about ("position on Sudan").
_INSIDE_PREPS = {"of", "between", "by", "from", "on", "against", "toward", "towards", "with", "to"}


class PartyReader:
    def party(self, token: Token) -> Party | None:
        """The event-level actor a token stands for (a state, IGO, group or region)."""
        found = self.resolver.actor_of(token)
        if found and found[1] and self._outside_office(found):
            return None
        return Party(found[0], token.i, person=found[1]) if found else None

    def _outside_office(self, found: tuple[str, str | None]) -> bool:
        """An opposition leader, a candidate or a party chief of a state, holding no office of it, does
        not act for that state (CAMEO codes the opposition apart from the government)."""
        rec = next((r for r in self.people.records if r.display == found[1]), None)
        return rec is not None and rec.role_kind == "party" and rec.office is None \
            and self.kb.actor_type(found[0]) == "state"

    def expand(self, token: Token) -> list[Party]:
        """The actors a token stands for, with its coordinated ones ("Baku and Yerevan")."""
        numbered = self._numbered(token)
        if numbered:
            return numbered
        pair = [Party(a, i) for a, i in self.resolver.pair(token, self.ec.pair_nouns)]
        if pair:
            return pair
        if token.lower_ in ("they", "them"):
            group = [Party(a, i) for a, i in self.resolver.group(token)]
            if group:
                return group
        p = self.party(token)
        if p is None and token.lemma_.lower() in self.ec.gatherings and any(c.lower_ == "the" for c in token.children) \
                and not any(c.dep_ == "prep" for c in token.children):
            group = self._named_together_before(token)  # "the conclusions of the summit": those who gathered
            if group:
                return group
        if p is None and token.lemma_.lower() in self.ec.counterparts:
            # "his counterparts in both countries", "his counterpart from Kenya": the states named
            found = [q for c in token.children if c.dep_ == "prep" and c.lower_ in ("in", "of", "from")
                     for g in c.children if g.dep_ == "pobj" for q in self.expand(g)]
            if found:
                return found
        if p is None and token.pos_ == "NOUN" and token.lemma_.lower() in self.ec.list_heads:
            listed = self._listed(token)
            if listed:
                return listed
            if token.tag_ == "NNS" and any(c.lower_ in ("the", "these", "those", "all") for c in token.children):
                group = self._named_together_before(token)  # "the ministers", "these countries"
                if group:
                    return group
        out = [p] if p else []
        if p is not None and token.i not in self.mention_at:
            # "US and British activists": the actor came from a modifier; its coordinated ones act too
            for c in token.children:
                if c.dep_ in ("amod", "nmod", "compound") and c.i < token.i:
                    out += [q for g in c.conjuncts for q in [self.party(g)]
                            if q is not None and q.actor not in [o.actor for o in out]]
        for c in token.children:
            if c.dep_ == "conj" or self._listed_apposition(token, c):
                out += [q for q in self.expand(c) if q.actor not in [o.actor for o in out]]
        return out

    def _named_together_before(self, token: Token) -> list[Party]:
        """The group of two or more actors a coordinated subject named before."""
        group = [Party(a, i) for a, i in self.resolver.group(token)]
        return group if len(group) >= 2 else []

    def _numbered(self, token: Token) -> list[Party]:
        """'the two men', 'both leaders': the last two persons named, each for his state; 'the three
        countries', 'all three': the last three states named together."""
        count, alone = self.resolver.counted(token)
        if alone:  # "All three were suspended"
            return [Party(a, i) for a, i in self.resolver.named_together(token, count)]
        if count is None:
            return []
        lemma = token.lemma_.lower()
        if lemma in self.ec.person_pairs and count == 2:
            seen: list[Party] = []
            for rec in sorted(self.people.records, key=lambda r: -max((s for s, _ in r.mentions if s < token.i),
                                                                       default=-1)):
                starts = [s for s, _ in rec.mentions if s < token.i]
                if starts and rec.affiliation and rec.affiliation not in [p.actor for p in seen] \
                        and self.kb.actor_type(rec.affiliation) in ACTING_TYPES:
                    seen.append(Party(rec.affiliation, max(starts), rec.display))
                if len(seen) == 2:
                    return seen
            return []
        if count >= 3 and (lemma in self.ec.pair_nouns or lemma in self.ec.list_heads):
            return [Party(a, i) for a, i in self.resolver.named_together(token, count)]
        return []

    def _listed(self, noun: Token) -> list[Party]:
        """'ten countries, including Canada, Georgia and Estonia': the actors the list spells out."""
        out: list[Party] = []
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in ("including", "like") or (
                    c.dep_ == "amod" and c.lower_ == "such" and c.head.i == noun.i):
                heads = [g for g in c.children if g.dep_ == "pobj"]
                if c.lower_ == "such":  # "such as": "as" hangs on "such"
                    heads = [g for a in c.children if a.lower_ == "as" for g in a.children if g.dep_ == "pobj"]
                # "the foreign ministers of Germany and Poland" among them: the states inside a listed phrase
                out += [q for g in heads for q in (self.expand(g) or self.inside(g)) if q.actor not in [o.actor for o in out]]
        return out

    def _listed_apposition(self, head: Token, c: Token) -> bool:
        """Whether ``c`` is a list item parsed as an apposition. In "The US, Russia, and Switzerland
        met" the small model often hangs the second name on the first as an apposition, the rest
        coordinated under either. A named apposition with a coordination around it is a list item;
        a description ("Lavrov, the foreign minister") is not."""
        if c.dep_ != "appos" or (c.i not in self.mention_at and self.people.at(c.i) is None):
            return False
        return any(g.dep_ == "conj" for g in c.children) or any(g.dep_ == "conj" and g.i > c.i for g in head.children)

    def inside(self, token: Token) -> list[Party]:
        """Actors named inside a noun phrase that is not one itself: "the memoranda between Turkey
        and Libya", "Russia's invasion", "the presidents of Russia, Kazakhstan and Belarus"."""
        out: list[Party] = []
        for c in token.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < token.i:
                if c.pos_ == "PRON":
                    continue  # "reverse its position": the possessor is the actor itself
                out += self.expand(c)
            elif c.dep_ == "prep" and c.lower_ in _INSIDE_PREPS:
                for g in c.children:
                    if g.dep_ == "pobj":
                        out += self.expand(g) or self.inside(g)
            elif c.dep_ in ("relcl", "acl"):  # "the strike, which was approved by President Trump"
                for a in c.children:
                    if a.dep_ == "agent":
                        out += [p for g in a.children if g.dep_ == "pobj" for p in self.expand(g)]
        return unique(out)

    def _mention_end(self, seq: list[Token]):
        index = {t.i: k for k, t in enumerate(seq)}

        def is_actor(token: Token) -> int | None:
            m = self.mention_at.get(token.i)
            if m is not None and m.type in ACTING_TYPES:
                last = m.end - 1
                while last >= token.i and last not in index:
                    last -= 1
                return index.get(last, index[token.i]) + 1
            rec = self.people.at(token.i)
            if rec is not None and rec.affiliation and self.kb.actor_type(rec.affiliation) in ACTING_TYPES:
                k = index[token.i]
                while k + 1 < len(seq) and self.people.at(seq[k + 1].i) is rec:
                    k += 1
                return k + 1
            if token.pos_ == "PRON" and token.lower_ in ("him", "her", "them", "it", "us"):
                return index[token.i] + 1 if self.party(token) else None
            if token.lemma_.lower() in self.ec.pair_nouns and self.resolver.pair(token, self.ec.pair_nouns):
                return index[token.i] + 1
            if token.lemma_.lower() in self.ec.counterparts and self.expand(token):
                return index[token.i] + 1
            if token.pos_ in ("NOUN", "NUM") and self._numbered(token):
                return index[token.i] + 1
            if token.lemma_.lower() in self.ec.anaphors and self.party(token):
                return index[token.i] + 1
            return None

        return is_actor

    def _sources(self, verb: Token, passive: bool, depth: int = 0) -> list[Party]:
        if set(lemmas(verb)) & self.ec.stative:
            # "delegations have been engaged in talks", "the powers involved in talks": a state, not a
            # passive action: the subject (or the noun described) does it
            if verb.dep_ == "acl":
                return self.expand(verb.head)
            if passive and not any(c.dep_ == "agent" for c in verb.children):
                return [p for c in verb.children if c.dep_ == "nsubjpass" for p in (self.expand(c) or self.inside(c))]
        if passive:
            agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if agents:
                return [p for a in agents for p in (self.expand(a) or self.inside(a))]
            if set(lemmas(verb)) & self.ec.exclusion:
                # "All three were suspended from ECOWAS": the organisation excludes its member
                bodies = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"
                          for g in c.children if g.dep_ == "pobj" for p in self.expand(g)
                          if self.kb.actor_type(p.actor) == "igo"]
                if bodies:
                    return bodies
            # "al-Muhandis, who was also killed in the airstrike": whoever carried out that airstrike
            means = [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "during", "by")
                     for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in self.ec.attack_anaphors]
            return self._antecedent(means[0]) if means else []
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "expl") and not c.is_punct]
        if not subj:
            # "Kyrgyzstan had earlier on Saturday accused ...": the small model hangs the subject on
            # the auxiliary before the verb
            subj = [g for c in verb.children if c.dep_ == "aux" and c.i < verb.i
                    for g in c.children if g.dep_ == "nsubj"]
        if subj:
            return self.expand(subj[0]) or self.inside(subj[0])
        if misparsed_main_verb(verb):
            # "asked Germany to send tanks and urged Poland": its subject is that of the finite verb above
            head = verb.head
            while head.dep_ != "ROOT" and head.tag_ not in FINITE and head.head.i != head.i:
                head = head.head
            return self._sources(head, any(c.dep_ == "nsubjpass" for c in head.children), depth + 1) \
                if depth < 3 and head.tag_ in FINITE else []
        if verb.dep_ == "xcomp" and not set(lemmas(verb.head)) & self.ec.subject_control:
            # "urged Poland to help Kyiv": the object of the governing verb does the infinitive's action
            obj = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
            found = (self.expand(obj[0]) or self.inside(obj[0])) if obj else []
            if found:
                return found
        # "by staging a trade war, Putin ...": a gerund after a preposition (pcomp) takes the
        # subject of the verb the preposition hangs on
        head = verb.head.head if verb.dep_ == "pcomp" else verb.head
        if depth < 3 and verb.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp", "acl") and head.pos_ in (
                "VERB", "AUX"):
            return self._sources(head, any(c.dep_ == "nsubjpass" for c in head.children), depth + 1)
        if verb.dep_ == "relcl":
            return self.expand(verb.head)
        if verb.dep_ == "acl" and verb.head.lemma_.lower() in self.ec.documents:
            # "the OSCE issued a statement praising the deal": whoever issued the statement
            document = verb.head
            if document.dep_ == "dobj" and document.head.pos_ in ("VERB", "AUX") and depth < 3:
                return self._sources(document.head, False, depth + 1)
            found = self.party(document)
            return [found] if found else []
        return []

    def _default_targets(self, verb: Token, passive: bool, look_inside: bool = True) -> list[Party]:
        """The target of a pattern without $: the object (the subject of a passive), or the
        actors named inside the object ("denounced the memoranda between Turkey and Libya")."""
        if passive:
            subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
            return [p for s in subj for p in (self.expand(s) or self.inside(s))]
        objs = [c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj", "attr", "oprd")]
        if set(lemmas(verb)) & self.ec.requesting:
            # "demanded that Russia release the sailors": the one asked is the clause's subject
            objs += [g for c in verb.children if c.dep_ == "ccomp" for g in c.children if g.dep_ == "nsubj"]
        # "spoke out against the attack", "railed against the deal": what "against" governs is the object
        objs += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "against" for g in c.children
                 if g.dep_ == "pobj"]
        for o in objs:
            found = self.expand(o) or (self.inside(o) or self._antecedent(o) if look_inside else [])
            if found:
                return found
        return []

    def _antecedent(self, noun: Token) -> list[Party]:
        """'called the border agreement null and void': the actors of the agreement named before
        ("the maritime border agreement between Turkey and Libya")."""
        if noun.pos_ != "NOUN" or not any(c.lower_ in ("the", "this", "that") for c in noun.children):
            return []
        k = sentences(self.doc).index(sentence_of(noun))
        start = sentences(self.doc)[max(k - 5, 0)].start
        lemma = noun.lemma_.lower()
        same = self.ec.agreement_words if lemma in self.ec.agreement_words else {lemma}
        for t in reversed(self.doc[start:noun.i]):
            if t.lemma_.lower() in same and t.pos_ == "NOUN":
                # "called the tariffs dumb": whoever imposed the tariffs named before
                authors = [c.event for c in self.found if c.event.counts and (
                    c.trigger.i == t.i or (t.head.i == c.trigger.i and t.dep_ in ("dobj", "nsubjpass")))]
                if authors:
                    seen: list[Party] = []
                    for e in authors:
                        if e.source not in [p.actor for p in seen]:
                            seen.append(Party(e.source, t.i, e.source_person))
                    return seen
                found = self.inside(t)
                if found:
                    return found
            if t.lemma_.lower() == lemma and t.pos_ == "VERB":
                # "Lukashenko released 14 activists ... leaders hailed the release": who did it
                doers = self._sources(t, any(c.dep_ == "nsubjpass" for c in t.children))
                if doers:
                    return doers
        if lemma in self.ec.attack_anaphors:
            # "condemned the attack" after "US forces killed Soleimani in an airstrike": the attack is
            # the last act of force told before, and whoever did it is the target
            force = [c for c in self.found if c.event.counts and c.event.root >= "18" and start <= c.trigger.i < noun.i]
            if force:
                e = force[-1].event
                span = self.doc.char_span(*e.source_span, alignment_mode="expand") if e.source_span else None
                return [Party(e.source, span.start if span is not None else force[-1].trigger.i, e.source_person)]
        return []

    def _noun_sources(self, noun: Token) -> list[Party]:
        for c in noun.children:
            if c.dep_ == "poss":
                found = self.expand(c)
                if found:
                    return found
        for c in noun.children:
            if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i:
                m = self.mention_at.get(c.i)
                if m is not None and m.type in ACTING_TYPES:
                    return [Party(m.actor, c.i)]
        for c in noun.children:
            if c.dep_ in ("prep", "agent") and c.lower_ == "by":
                found = [p for g in c.children if g.dep_ == "pobj" for p in self.expand(g)]
                if found:
                    return found
        head = noun.head
        if noun.dep_ in ("dobj", "pobj", "attr") and head.pos_ in ("VERB", "AUX", "ADP"):
            verb = head if head.pos_ != "ADP" else head.head
            timed = head.pos_ == "ADP" and head.lower_ in self.ec.time_preps  # "over a recent visit to X, Putin ..."
            # "came to Geneva for talks with X": the traveller's own talks
            purpose = head.pos_ == "ADP" and head.lower_ == "for" and set(lemmas(verb)) & self.ec.travel_verbs
            if verb.pos_ in ("VERB", "AUX") and (set(lemmas(verb)) & self.ec.light_verbs or timed or purpose):
                return self._sources(verb, any(c.dep_ == "nsubjpass" for c in verb.children))
        return []

    def _topic_targets(self, last: Token, statement: bool) -> list[Party]:
        """The actors of the thing a pattern matched, when it names no target itself: "seized the
        capital, Sanaa" (its apposition); for statements also those inside it ("called for a
        peaceful resolution of the conflict between Armenia and Azerbaijan")."""
        noun = last.head if last.pos_ == "ADP" else last
        named = [p for c in noun.children if c.dep_ == "appos" for p in self.expand(c)]
        if named or not statement:
            return named
        return self.inside(noun)


def unique(parties: list[Party]) -> list[Party]:
    out: list[Party] = []
    for p in parties:
        if p.actor not in [o.actor for o in out]:
            out.append(p)
    return out

