"""The coding of one clause: a verb (or an event noun) whose patterns match the words it governs
gives a CAMEO code, its sources and its targets ("Minsk called on Baku and Yerevan to show
restraint": call on + $ + to ... -> 0256); a statement judging an act condemns or praises its
author; "a Russian-brokered deal" is a mediation.

``ClauseCoder`` is a part of the event stage's run (``events._Run``), with ``PartyReader`` (the
actors) and ``Emitter`` (the events made of a fired pattern).
"""
from __future__ import annotations

from spacy.tokens import Token

from .docutil import lemmas
from .event_parties import unique
from .event_records import Party, SentenceNotes
from .patterns import best_match


class ClauseCoder:
    def _is_event_noun(self, tok: Token) -> bool:
        if tok.pos_ not in ("NOUN", "PROPN", "VERB"):
            return False
        if tok.pos_ == "PROPN" and tok.i in self.mention_at:
            return False  # a word of an actor's name ("Popular Mobilization Forces"), not an event
        if tok.pos_ == "VERB" and not (tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "dobj", "pobj")):
            return False
        if tok.lemma_.lower() in self.ec.nouns or tok.lower_ in self.ec.nouns:
            return True
        return tok.lemma_.lower() in self.ec.compound_heads and self._noun_key(tok) is not None

    def _noun_key(self, tok: Token) -> str | None:
        """The longest nouns.yaml key ending in this noun ("arms sale" before "sale")."""
        for c in sorted((c for c in tok.children if c.dep_ == "compound" and c.i < tok.i), key=lambda c: c.i):
            key = f"{c.lemma_.lower()} {tok.lemma_.lower()}"
            if key in self.ec.nouns:
                return key
        for key in (tok.lemma_.lower(), tok.lower_):
            if key in self.ec.nouns:
                return key
        return None

    def _verb_keys(self, verb: Token) -> list[str]:
        forms = lemmas(verb)
        keys = [f"{f} {c.lower_}" for f in forms for c in verb.children if c.dep_ == "prt"]
        if "be" in forms:
            # "Germany and France were against ...": a copula with a stance preposition is its verb
            keys += [self.ec.copular.get(c.lower_) for c in verb.children
                     if c.dep_ == "prep" and c.lower_ in self.ec.copular]
        if verb.i >= 2 and self.doc[verb.i - 1].text == "-":  # "de-escalate", "test-fire"
            keys += [f"{self.doc[verb.i - 2].lower_}-{f}" for f in forms]
        return keys + list(forms)

    def _verb(self, verb: Token, notes: SentenceNotes, unmatched: list[str]) -> None:
        key_used = next((k for k in self._verb_keys(verb) if k in self.ec.verbs), None)
        if key_used is None:
            lemma = verb.lemma_.lower()
            if lemma not in self.ec.speech and lemma not in ("be", "have", "do") and verb.pos_ == "VERB":
                unmatched.append(lemma)
            return
        patterns = self.ec.verbs.get(key_used)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        seq = self._governed(verb)
        passive_object = self._passive_object(verb) if passive else []
        if passive:
            # "the deal, which was signed by ...": the passive subject is the verb's object
            seq = passive_object + seq
        elif verb.dep_ == "relcl" and not any(c.dep_ == "dobj" for c in verb.children) \
                and verb.head.i < verb.i and verb.head.pos_ == "NOUN":
            # "the tariffs the US put in place": the noun the clause describes is its object
            seq = [t for t in self.doc[verb.head.left_edge.i:verb.head.i + 1]] + seq
        is_actor = self._mention_end(seq)
        result = best_match(patterns, seq, is_actor)
        bare = next((p for p in patterns if not p.elements), None)
        if bare is not None and key_used in self.ec.intransitive and any(
                c.dep_ in ("dobj", "ccomp") for c in verb.children):
            bare = None  # "has demonstrated its resolve" shows something; "demonstrated" alone protests
        if result is None and bare is None:
            if key_used not in ("be", "have", "do", "get", "make", "take", "give", "come", "go"):
                notes.notes.append(f"{verb.text}: none of the {len(patterns)} pattern(s) of '{key_used}' matched")
            return
        pattern = result.pattern if result else bare
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        victim = passive and result is not None and bool(result.targets) and {
            t.i for t in passive_object} >= set(result.targets)
        if passive and not agents and result is not None and (result.targets or pattern.has_target) and not victim:
            # "Russian troops have been deployed to Nagorno-Karabakh": the troops' state acts
            # (unless the pattern found its target in the subject: "a commander was killed in the strike")
            subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
            sources = [p for s in subj for p in (self.expand(s) or self.inside(s))]
        else:
            sources = self._sources(verb, passive)
        if result and result.targets:
            targets = [p for t in result.targets for p in self.expand(self.doc[t])]
        else:
            # the actors inside a non-actor object count for statements ("denounced the memoranda
            # between Turkey and Libya"), not for deeds ("demonstrates the closeness of both sides")
            targets = self._default_targets(verb, passive, look_inside=pattern.code[:2] <= "13")
            if not targets and result is not None:
                targets = self._topic_targets(seq[result.end - 1], statement=pattern.code[:2] <= "13")
            clause = verb.head.head if verb.head.pos_ == "ADP" else verb.head  # "..., with Turkey acting as"
            if not targets and pattern.code.startswith("045") and clause.i != verb.i and clause.pos_ in ("VERB", "AUX"):
                # "Israel and Syria held talks, with Turkey acting as a mediator": between the clause's actors
                targets = self._sources(clause, any(c.dep_ == "nsubjpass" for c in clause.children))
            if not targets and verb.dep_ in ("advcl", "xcomp") and verb.head.pos_ == "VERB":
                # "sent planes to Kyrgyzstan to deliver aid": the errand's target is where it was sent
                targets = [p for c in verb.head.children if c.dep_ in ("dative", "prep") and c.lower_ in ("to", "into")
                           for g in c.children if g.dep_ == "pobj" for p in self.expand(g)]
        self._emit(verb, f"{key_used}: {pattern.text or '(verb alone)'}", pattern.code, sources, targets, notes)

    def _judgement(self, verb: Token, notes: SentenceNotes) -> None:
        """'X said the decision was illegal', 'Y said the strike was justified': a statement that
        judges an actor or an act condemns (111) or praises (051) it; the act's author is the target."""
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None:
                continue
            # the verdict words: the predicate and its modifiers ("was a gross violation", "null and void"),
            # not the phrases hung on it ("united against Russia's aggression")
            verdict = [t for c in clause.children if c.dep_ in ("acomp", "attr", "oprd")
                       for t in [c, *c.children] if t.dep_ not in ("prep", "relcl", "acl", "ccomp")]
            if clause.tag_ in ("VBN", "JJ"):
                verdict.append(clause)  # "was justified": the participle is the verdict
            verdict += [c for c in clause.children if c.dep_ == "advmod" and c.lower_.endswith("ly")]
            words = {t.lower_ for t in verdict} | {t.lemma_.lower() for t in verdict}
            words |= {w[:-2] for w in words if w.endswith("ly")}  # "illegally" judges as "illegal" does
            phrase = " ".join(t.lower_ for t in sorted(verdict, key=lambda t: t.i))
            code = next((code for terms, code in self.ec.judgements
                         if words & terms or any(" " in term and term in phrase for term in terms)), None)
            if code is None:
                continue
            authors = [Party(c.event.source, c.trigger.i, c.event.source_person) for c in self.found
                       if c.trigger.i == subject.i and c.event.source != c.event.target]
            targets = self.expand(subject) or unique(authors) or self.inside(subject) or self._antecedent(subject)
            if not targets:
                continue  # a judgement of nothing named ("we must stand united") is no event
            self._emit(verb, f"{verb.lemma_}: (judgement of what it speaks of)", code,
                       self._sources(verb, False), targets, notes)

    def _passive_object(self, verb: Token) -> list[Token]:
        subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not subj:
            return []
        head = subj[0]
        if head.lower_ in ("which", "that", "who") and verb.dep_ == "relcl":
            head = verb.head
            return [t for t in self.doc[head.left_edge.i:head.i + 1]]
        return [t for t in head.subtree if t.i < verb.i]

    def _governed(self, verb: Token) -> list[Token]:
        """The words after a verb that its patterns are matched against: its dependents, without
        its subject, its particle, scene-setting phrases ("after the strike") and clauses of their
        own ("concluded that the agreement is void", "agreed to spend ..., after Trump paused aid").
        An infinitive ("pushing Ukraine to become part of", "wants Kyiv to abandon") completes the
        verb and is kept."""
        out: list[Token] = []
        # "demanded that Russia release the sailors": what is asked for is the request's content
        requested = bool(set(lemmas(verb)) & self.ec.requesting)

        def collect(tok: Token) -> None:
            if tok.dep_ in ("parataxis", "relcl") or (tok.dep_ in ("ccomp", "advcl") and any(
                    g.dep_ in ("nsubj", "nsubjpass", "mark") for g in tok.children) and not _infinitive(tok)
                    and not (requested and tok.dep_ == "ccomp" and tok.head.i == verb.i)):
                return
            out.append(tok)
            for c in tok.children:
                collect(c)

        for c in verb.children:
            if c.i < verb.i or c.dep_ in ("nsubj", "nsubjpass", "csubj", "prt"):
                continue
            if c.dep_ == "prep" and c.lower_ in self.ec.adverbial_preps:
                continue
            collect(c)
        return sorted((t for t in out if t.i > verb.i), key=lambda t: t.i)

    def _noun(self, noun: Token, notes: SentenceNotes) -> None:
        key = self._noun_key(noun)
        if key is None:
            return
        patterns = self.ec.nouns.get(key)
        seq = [t for t in noun.subtree if t.i > noun.i]
        is_actor = self._mention_end(seq)
        result = best_match(patterns, seq, is_actor)
        bare = next((p for p in patterns if not p.elements), None)
        general = bare or (min(patterns, key=lambda p: p.size) if patterns else None)
        # "fighting between Azerbaijani and Armenian forces": each side against the other
        between = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"]
        if between and general is not None:
            sides: list[Party] = []
            for t in between[0].subtree:
                p = self.party(t) if (t.i in self.mention_at or self.people.at(t.i)) else None
                if p is not None and p.actor not in [x.actor for x in sides]:
                    sides.append(p)
            if len(sides) >= 2:
                code = result.pattern.code if result else general.code
                for a in sides:
                    self._emit(noun, f"{key}: between", code, [a], [b for b in sides if b.actor != a.actor], notes)
                return
        if result is None and bare is None:
            return
        pattern = result.pattern if result else bare
        targets = [p for t in result.targets for p in self.expand(self.doc[t])] if result and result.targets else []
        sources = self._noun_sources(noun)
        if not targets and result is None and not sources:
            return
        self._emit(noun, f"{key}: {pattern.text or '(noun alone)'}", pattern.code, sources, targets, notes)

    def _brokered(self, participle: Token, notes: SentenceNotes) -> None:
        """'a Russian-brokered peace deal': the broker mediates between the deal's parties (045)."""
        brokers = [p for c in participle.children for p in self.expand(c)
                   if c.dep_ in ("npadvmod", "compound", "amod", "nmod")]
        # "the talks, mediated by the US": the agent
        brokers += [p for c in participle.children if c.dep_ == "agent"
                    for g in c.children if g.dep_ == "pobj" for p in self.expand(g)]
        if not brokers:
            return
        deal = participle.head
        parties = self.inside(deal)
        if not parties and deal.dep_ in ("pobj", "dobj"):
            verb = deal.head if deal.head.pos_ in ("VERB", "AUX") else deal.head.head
            if verb.pos_ in ("VERB", "AUX"):
                parties = self._sources(verb, False)
        parties = [p for p in parties if p.actor not in [b.actor for b in brokers]]
        if parties:
            self._emit(participle, f"{participle.lower_}: (mediator)", "045", brokers, parties, notes)


def _infinitive(verb: Token) -> bool:
    """"to abandon" in "wants Kyiv to abandon": the small model parses it as a clause of its own
    (ccomp, with Kyiv as its subject), but it completes the verb before it."""
    return verb.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
        and not any(c.dep_ == "mark" for c in verb.children)

