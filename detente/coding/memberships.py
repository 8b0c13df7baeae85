"""Membership of international organizations, in every form news states or implies it.

A mixin of the relation finder (``relations._Finder``): each rule reads one form and hands what
it found to ``self.add`` (which drops denied or wished-for ties), using the finder's helpers
(``actors``, ``_prep_actors``, ``_modifier_actors``, ``_possessor``, ``phrases``). The words are in
``kb/relation_patterns.yaml``.

    "Armenia froze its membership in the CSTO"        -> ARM member_of CSTO
    "Mali left ECOWAS", "their withdrawal from ECOWAS" -> member_of (implied: they were members)
    "The Arab League suspended Syria"                  -> SYR member_of ARAB_LEAGUE (implied)
    "Russia's UN ambassador"                           -> RUS member_of UN, if the knowledge base agrees
"""
from __future__ import annotations

from spacy.tokens import Token

from .actors import Mention
from .coref import ACTING_TYPES
from .relation_phrases import clause_subject


class MembershipRules:
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

    def _exit_noun(self, noun: Token) -> None:
        """'their withdrawal from ECOWAS', 'Honduras's suspension from the OAS': a member (implied)."""
        igos = self._igo_objects(noun, ("from", "of"))
        if igos and not any(c.lower_ in self.cancel for c in noun.children):
            self.add(self._possessor(noun), "member_of", igos, False, noun, noun.text)

    def _founders(self, verb: Token) -> None:
        """'Mali, Niger and Burkina Faso formed the Alliance of Sahel States': founders are members."""
        subj = clause_subject(verb)
        igos = [self.mention_at[o.i].actor for o in verb.children if o.dep_ == "dobj" and o.i in self.mention_at
                and self.mention_at[o.i].type == "igo"]
        if subj is not None and subj.dep_ != "nsubjpass" and igos:
            self.add(self.actors(subj), "member_of", igos, True, verb, verb.text)
        document = verb.head
        if verb.dep_ in ("acl", "relcl") and igos and document.dep_ == "dobj" \
                and document.head.lemma_.lower() in self.pact_verbs:
            self._signers_of(document.head, igos)

    def _signers_of(self, sign: Token, igos: list[str]) -> None:
        """'Kenya signed with Uganda and Tanzania the treaty establishing the East African Community',
        'I have signed with the Heads of State of Burkina Faso and Niger the charter establishing the
        Alliance of Sahel States': who signs a founding document is a founding member."""
        subj = clause_subject(sign)
        signers = self.actors(subj) if subj is not None and subj.dep_ != "nsubjpass" else []
        if subj is not None and subj.lower_ in ("i", "we") and sign.dep_ == "ccomp":
            speaker = clause_subject(sign.head)  # 'Goita said, "I have signed ..."'
            signers = self.actors(speaker) if speaker is not None else []
        for prep in sign.children:
            if prep.dep_ == "prep" and prep.lower_ == "with":
                for t in prep.subtree:
                    m = self.mention_at.get(t.i)
                    if m is not None and m.type == "state" and m.actor not in signers:
                        signers.append(m.actor)
        self.add(signers, "member_of", igos, True, sign, sign.text)

    def _exit(self, verb: Token) -> None:
        """'Mali left ECOWAS', 'Venezuela withdrew from the OAS': who leaves was a member (implied)."""
        lemma = verb.lemma_.lower()
        preps = [c.lower_ for c in verb.children if c.dep_ == "prep"]
        key = next((k for k in [f"{lemma} {p}" for p in preps] + [lemma] if k in self.exit_verbs), None)
        if key is None:
            return
        subj = clause_subject(verb)
        if subj is None or subj.dep_ == "nsubjpass":
            return
        if " " in key:
            objs = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == key.split()[-1]
                    for g in c.children if g.dep_ == "pobj"]
        else:
            objs = [o for o in verb.children if o.dep_ == "dobj"]
        igos = [i for o in objs for i in self._igo_of(o)]
        self.add(self.actors(subj), "member_of", igos, False, verb, verb.text)

    def _igo_of(self, token: Token) -> list[str]:
        """The organization a token names: "ECOWAS", or "the bloc" / "the organization" for the one
        named last ("... ECOWAS. Mali left the bloc")."""
        m = self.mention_at.get(token.i)
        if m is not None:
            return [m.actor] if m.type == "igo" else []
        if token.lemma_.lower() in self.igo_anaphors and any(c.lower_ in ("the", "its") for c in token.children):
            before = self.phrases.igo_before(token, 2)
            return [before] if before else []
        return []

    def _igo_objects(self, token: Token, preps: tuple[str, ...]) -> list[str]:
        return [i for c in token.children if c.dep_ == "prep" and c.lower_ in preps
                for g in c.children if g.dep_ == "pobj" for i in self._igo_of(g)]

    def _igo_sanction(self, verb: Token) -> None:
        """'The Arab League suspended Syria', 'Russia was expelled from the Council of Europe',
        'South Sudan was admitted to the UN': only a member is suspended, expelled or admitted (implied)."""
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
        if passive:
            members = [a for c in verb.children if c.dep_ == "nsubjpass" for a in self.actors(c)]
            igos = self._igo_objects(verb, ("from", "to"))  # "expelled from", "admitted to"
            igos += [a for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
                     for a in self.actors(g)]
            by_state = False
        else:
            subj = clause_subject(verb)
            doers = self.actors(subj) if subj is not None else []
            igos = doers + self._prep_actors(verb, ("from",))
            by_state = any(self.kb.actor_type(a) == "state" for a in doers)
            members = [self.mention_at[c.i].actor for c in verb.children
                       if c.dep_ == "dobj" and c.i in self.mention_at]
        igos = [i for i in igos if self.kb.actor_type(i) == "igo"]
        if not igos and not by_state:  # "Cuba was suspended in 1962", "member states voted to suspend"
            before = self.phrases.igo_before(verb, 1)
            igos = [before] if before else []
        self.add([m for m in members if self.kb.actor_type(m) == "state"], "member_of", igos, False, verb, verb.text)

    def _membership_state(self, noun: Token) -> None:
        """'Armenia froze its membership in the CSTO', 'Georgia's participation in the CIS': the
        possessor is (or was) a member; not a membership wished for ("its bid for membership",
        "eventual membership", "membership action plan")."""
        if noun.dep_ in ("compound", "amod") or any(c.lower_ in self.cancel for c in noun.children):
            return
        node = noun
        for _ in range(4):
            if node.lemma_.lower() in self.membership_blockers or node.lower_ in self.membership_blockers:
                return
            if node.head.i == node.i:
                break
            node = node.head
        igos = self._prep_actors(noun, ("in", "of", "to", "within")) + [a for a, _ in self._modifier_actors(noun)]
        if noun.dep_ == "dobj":  # "froze its membership in the CSTO", the "in" hung on the verb
            igos += self._prep_actors(noun.head, ("in", "of", "to", "within"))
        igos = [a for a in igos if self.kb.actor_type(a) == "igo"]
        holders = self._possessor(noun)
        self.add([h for h in holders if self.kb.actor_type(h) == "state"], "member_of", igos, True, noun, noun.text)

    def _representative(self, noun: Token) -> None:
        """'Russia's UN ambassador', 'the US Ambassador to the UN': a state represented in an
        organization is its member, when the knowledge base agrees on the article's date (implied)."""
        mods = [a for a, _ in self._modifier_actors(noun)]
        after = noun.i + 1  # "Ambassador to the UN Nikki Haley", whatever the parser made of it
        if after + 1 < len(self.doc) and self.doc[after].lower_ in ("to", "at"):
            after += 2 if self.doc[after + 1].lower_ == "the" else 1
            m = self.mention_at.get(after)
            if m is not None and m.start == after and m.type == "igo":
                mods.append(m.actor)
        phrase = self.phrases.read(noun, noun)  # "Russia's UN Ambassador Vassily Nebenzia", on the surface
        mods += phrase.igos + phrase.targets + phrase.holders
        igos = [a for a in mods + self._prep_actors(noun, ("to", "at", "in")) if self.kb.actor_type(a) == "igo"]
        states = [a for a in mods if self.kb.actor_type(a) == "state"]
        for igo in igos:
            members = self.kb.members_on(igo, self.date)
            self.add([s for s in states if s in members], "member_of", [igo], False, noun, noun.text)

    def _belong_relative(self, tok: Token) -> None:
        """'the CSTO, to which both Russia and Kyrgyzstan belong' (the parser often loses the verb)."""
        j, holders = tok.i - 1, []
        while j >= 0 and (j in self.mention_at or self.doc[j].lower_ in ("and", ",", "both", "the", "all")):
            m = self.mention_at.get(j)
            if m is not None and m.type in ("state", "region") and m.actor not in holders:
                holders.append(m.actor)
            j -= 1
        if not holders or j < 2 or self.doc[j].lower_ != "which" or self.doc[j - 1].lower_ != "to":
            return
        k = j - 2
        while k > 0 and self.doc[k].text in (",", ")"):  # "the CSTO (Collective ...), to which"
            k -= 1
        m = self.mention_at.get(k)
        if m is not None and m.type == "igo":
            self.add(holders, "member_of", [m.actor], True, tok, tok.text)
