"""Reference resolution: what a subject, pronoun or description in the text stands for.

"he", "the president", "the service", "it", "Obama administration officials", "which"
(a relative pronoun), "The resolution" (a document): each resolves to a named person or
to an actor, using the persons and actor mentions found before. Quotes use it for
speakers, events for sources and targets.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .docutil import sentence_index, sentences
from .actors import Mention
from ..kb import KnowledgeBase, fold
from .persons import PersonAnalysis, PersonRecord

# Actor types that can act in events and relations (organizations such as media cannot).
ACTING_TYPES = {"state", "region", "igo", "group"}


@dataclass
class Speaker:
    name: str  # a person's name or an actor id
    kind: str  # "person" | "actor"
    actor: str | None  # the actor the speaker stands for
    token: int  # where in the text the speaker was found


class Resolver:
    """Resolves a subject token to the person or actor it stands for."""

    def __init__(self, doc: Doc, people: PersonAnalysis, mentions: list[Mention], kb: KnowledgeBase):
        self.doc = doc
        self.people = people
        self.kb = kb
        lex = kb.lexicon
        self.person_pronouns = set(lex.get("person_pronouns", []))
        self.inst_pronouns = set(lex.get("institution_pronouns", []))
        self.anaphors = set(lex.get("institution_anaphors", []))
        self.igo_anaphors = set(lex.get("igo_anaphors", []))
        self.state_anaphors = set(lex.get("state_anaphors", []))
        self.numbers = {str(k): int(v) for k, v in lex.get("group_numbers", {}).items()}
        self.documents = set(lex.get("document_nouns", []))
        self.authoring = set(lex.get("authoring_verbs", []))
        self.mention_at: dict[int, Mention] = {}
        for m in sorted(mentions, key=lambda m: m.end - m.start):  # institutions (longer) win
            for t in range(m.start, m.end):
                self.mention_at.setdefault(t, m)
        for m in mentions:
            if m.kind == "institution":
                for t in range(m.start, m.end):
                    self.mention_at[t] = m
        self.mentions = mentions
        self.roles = {}
        for rec in people.records:
            for word in fold(" ".join(filter(None, [rec.role, rec.office.role if rec.office else None]))).split():
                self.roles.setdefault(word, []).append(rec)
        self.last_speaker: Speaker | None = None
        self.quoted_chars: list[tuple[int, int]] = []  # quotations: a name inside one is no antecedent
        self.speech = set(lex.get("speech_verbs", []))
        self.surnames = False  # whether a bare surname the NER missed stands for the person (speakers)
        self.last_document_author: Speaker | None = None

    # -------------------------------------------------------------- public
    def resolve(self, token: Token, depth: int = 0) -> Speaker | None:
        if depth > 3:
            return None
        low = token.lower_
        if low in ("who", "which", "that") and token.head.dep_ == "relcl":
            return self.resolve(token.head.head, depth + 1)
        rec = self.people.at(token.i) or self._surname(token)
        if rec is not None:
            return self._person(rec, token.i)
        if token.dep_ == "appos" and token.head.i != token.i:
            # "Hamas, the Palestinian armed group that ...": the named head, not the description
            named = self.resolve(token.head, depth + 1)
            if named is not None:
                return named
        if low in self.person_pronouns:
            return self._pronoun_person(token)
        if low in ("they", "them", "we"):
            return self._plural(token)
        if low in ("it", "its"):
            return self._it(token)
        own = self.mention_at.get(token.i)
        if own is not None and own.type in ACTING_TYPES and own.kind != "institution":
            return self._actor(own.actor, token.i)  # "The RSF, led by Dagalo, accused ...": the RSF
        # a person named inside the subject phrase: "the Director of ..., Andrey Kazantsev"; one
        # named after a singular staff noun is that person ("the ministry's spokeswoman Mei Lin"),
        # one named before it is whom the staff speak for ("Obama administration officials")
        named_after = token.tag_ == "NN" and any(self.people.at(c.i) for c in token.children
                                                 if c.i > token.i and c.dep_ in ("appos", "compound"))
        for t in token.subtree:
            if named_after and t.i < token.i:
                continue
            if t.dep_ == "relcl":
                break
            rec = self.people.at(t.i)
            if rec is not None and (t.i == token.i or t.dep_ in ("appos", "compound", "conj", "nsubj", "pobj", "poss")):
                if _officials_of(token) and not named_after:  # "Obama administration officials": the person's state
                    return self._actor(rec.affiliation, token.i) if rec.affiliation else None
                return self._person(rec, t.i)
        lemma = token.lemma_.lower()
        if _officials_of(token):  # "his spokesperson said": the state of the leader "his" stands for
            owner = next((c for c in token.children if c.dep_ == "poss" and c.lower_ in self.person_pronouns), None)
            leader = self._pronoun_person(owner) if owner is not None else None
            if leader is not None and leader.actor:
                return self._actor(leader.actor, token.i)
        at = self.mention_at.get(token.i)
        if token.tag_ in ("NN", "NNP") and (lemma in self.roles or low in self.roles) and (
                at is None or at.kind == "institution"):
            described = self._described_person(token)  # "a Ukrainian opposition leader said", "the president said"
            if described is not None:
                return described
        m = at
        if m is None and token.pos_ == "NOUN":
            # "NATO ally Turkey", "its neighbour Russia": the actor in apposition, not the modifier
            m = next((self.mention_at[c.i] for c in token.children if c.dep_ == "appos" and c.i > token.i
                      and c.i in self.mention_at and self.mention_at[c.i].type in ACTING_TYPES), None)
        if m is None:
            # "a Colombian FARC rebel": the group named, before the nationality
            named = [self.mention_at[t.i] for t in token.children
                     if t.dep_ in ("amod", "compound", "poss", "nmod") and t.i in self.mention_at]
            m = next((n for n in named if n.type in ("group", "igo")), named[0] if named else None)
        if m is None:
            m = self._leader(token)  # "a Saudi-led coalition": the state that leads it
        if m is not None and m.type in ("state", "region", "igo", "group"):
            return self._actor(m.actor, token.i)
        if m is not None and m.type == "org" and m.kind != "institution":
            return Speaker(m.actor, "actor", None, token.i)
        if lemma in self.roles or low in self.roles:
            return self._described_person(token)
        if lemma in self.state_anaphors and token.tag_ == "NN" and any(c.lower_ == "the" for c in token.children):
            state = self._the_country(token)
            if state is not None:
                return state
        if lemma in self.igo_anaphors and any(c.lower_ == "the" for c in token.children):
            igo = self._igo_anaphor(token)
            if igo is not None:
                return igo
        if lemma in self.anaphors:
            return self._anaphor(token)
        if lemma in self.documents:
            return self._document_author(token)
        if token.dep_ == "conj" and depth < 3:
            return self.resolve(token.head, depth + 1)
        return None

    # -------------------------------------------------------------- cases
    def _person(self, rec: PersonRecord, at: int) -> Speaker:
        return Speaker(rec.display, "person", rec.affiliation, at)

    def _actor(self, actor: str | None, at: int) -> Speaker | None:
        return Speaker(actor, "actor", actor, at) if actor else None

    def _pronoun_person(self, token: Token) -> Speaker | None:
        """'he' / 'she': the nearest person before who was a subject (the salient one), else the nearest;
        'him' / 'her' as an object: a person named earlier in the same sentence first."""
        doc = self.doc
        if token.dep_ in ("dobj", "pobj", "dative", "iobj"):
            start = sentences(doc)[sentence_index(token)].start
            same = [(s, rec) for rec in self.people.records for s, _ in rec.mentions if start <= s < token.i]
            if same:
                s, rec = max(same, key=lambda x: x[0])
                return self._person(rec, s)
        sents = sentences(doc)
        window_start = sents[max(sentence_index(token) - 2, 0)].start
        nearest = subject = None
        for rec in self.people.records:
            for s, e in rec.mentions:
                if s >= token.i or any(a <= doc[s].idx < b for a, b in self.quoted_chars):
                    continue
                if nearest is None or s > nearest[0]:
                    nearest = (s, rec)
                root = doc[s:e].root
                is_subject = root.dep_ in ("nsubj", "nsubjpass") or (  # or the subject's owner
                    root.dep_ in ("appos", "poss") and root.head.dep_ in ("nsubj", "nsubjpass"))  # ("Oz's advice …")
                if is_subject and s >= window_start and (subject is None or s > subject[0]):
                    subject = (s, rec)
        if self.surnames:  # a subject named by a surname the NER missed ("Christie, who …, blasted")
            for t in doc[window_start:token.i]:
                if t.dep_ in ("nsubj", "nsubjpass") and (subject is None or t.i > subject[0]) \
                        and self.people.at(t.i) is None and not any(a <= t.idx < b for a, b in self.quoted_chars):
                    rec = self._surname(t)
                    if rec is not None:
                        subject = (t.i, rec)
        best = subject or nearest
        if best is None:
            return None
        return self._person(best[1], best[0])

    def _surname(self, token: Token) -> PersonRecord | None:
        """'Duterte called …' where the NER missed the name: the one person named in full before
        whose last name it is. A word that names an actor (a state, a party) is left to the actor."""
        if not self.surnames or token.pos_ != "PROPN" or not token.text[:1].isupper():
            return None
        m = self.mention_at.get(token.i)
        if m is not None and not (m.end - m.start == 1 and token.dep_ == "nsubj" and token.head.lemma_ in self.speech):
            return None  # a state's name speaks for the state, unless a person of that surname says it
        key = fold(token.text)
        found = [r for r in self.people.records if len(r.words) > 1 and r.words[-1] == key
                 and any(s < token.i for s, _ in r.mentions)]
        return found[0] if len(found) == 1 else None

    def _plural(self, token: Token) -> Speaker | None:
        """'they': the group last spoken of; a group of named officials speaks for its first member's state."""
        doc = self.doc
        k = sentence_index(token)
        sents = sentences(doc)
        sent_start = sents[k].start
        for sent in reversed(sents[max(k - 2, 0):k] + [doc[sent_start:token.i]]):
            for t in reversed(list(sent)):
                if t.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "conj" for c in t.children):
                    rec = self.people.at(t.i)
                    if rec is not None and rec.affiliation:
                        return self._actor(rec.affiliation, t.i)
                    m = self.mention_at.get(t.i)
                    if m is not None and m.type in ("state", "igo", "group", "region"):
                        return self._actor(m.actor, t.i)
        return self._it(token)

    def _it(self, token: Token) -> Speaker | None:
        """'it said': the institution that spoke last, else the one last named as a subject."""
        if self.last_speaker and self.last_speaker.kind == "actor" and token.i - self.last_speaker.token < 200:
            return Speaker(self.last_speaker.name, "actor", self.last_speaker.actor, token.i)
        doc = self.doc
        start = sentences(doc)[max(sentence_index(token) - 1, 0)].start
        for t in reversed(doc[start:token.i]):
            if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ not in self.inst_pronouns:
                m = self.mention_at.get(t.i) or next(
                    (self.mention_at[c.i] for c in t.children if c.i in self.mention_at), None)
                if m is not None and m.type in ("state", "region", "igo", "group"):
                    return Speaker(m.actor, "actor", m.actor, token.i)
        return None

    def _described_person(self, token: Token) -> Speaker | None:
        """'the president said' (someone already named), 'a Ukrainian opposition leader said' (named next)."""
        candidates = self.roles.get(token.lemma_.lower()) or self.roles.get(token.lower_) or []
        owners = {self.mention_at[c.i].actor for c in token.children
                  if c.dep_ in ("poss", "amod", "compound") and c.i in self.mention_at}
        if owners:  # "Azerbaijan's president": the president of that state
            candidates = [r for r in candidates if r.affiliation in owners]
        indefinite = any(c.lower_ in ("a", "an") for c in token.children)
        if indefinite:
            after = [(s, r) for r in candidates for s, _ in r.mentions if s > token.i]
            if after:
                s, rec = min(after, key=lambda x: x[0])
                if s - token.i < 120:
                    return self._person(rec, s)
            return None
        before = [(s, r) for r in candidates for s, _ in r.mentions if s < token.i]
        if before:
            s, rec = max(before, key=lambda x: x[0])
            return self._person(rec, s)
        return None

    def _anaphor(self, token: Token) -> Speaker | None:
        """'the service said': the institution of that kind named before."""
        lemma = token.lemma_.lower()
        best = None
        for m in self.mentions:
            if m.kind == "institution" and m.key == lemma and m.start < token.i:
                best = m
        if best is not None:
            return self._actor(best.actor, token.i)
        return None

    def _leader(self, token: Token) -> Mention | None:
        """'a Saudi-led coalition', 'the US-led mission': the actor named before '-led'."""
        for t in token.children:
            if t.lower_ == "led" and t.dep_ in ("amod", "acl", "compound") and t.i < token.i:
                for c in t.children:
                    m = self.mention_at.get(c.i)
                    if m is not None and c.i < t.i and m.type in ("state", "igo", "group", "region"):
                        return m
        return None

    def _the_country(self, token: Token) -> Speaker | None:
        """'imposed sanctions on the country': the state named last before, in this sentence or the
        two before, other than the one the sentence's subject names."""
        k = sentence_index(token)
        start = sentences(self.doc)[max(k - 2, 0)].start
        verb = token.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subject = {self.mention_at[t.i].actor for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                   for t in c.subtree if t.i in self.mention_at}
        for t in reversed(self.doc[start:token.i]):
            m = self.mention_at.get(t.i)
            if m is not None and m.type == "state" and m.actor not in subject:
                return self._actor(m.actor, token.i)
        return None

    def _igo_anaphor(self, token: Token) -> Speaker | None:
        """'the League', 'the bloc', 'the alliance': the international organisation named last
        before, one whose name holds that word when there is one."""
        lemma = token.lemma_.lower()
        named = generic = None
        for m in self.mentions:
            if m.type != "igo" or m.start >= token.i or m.start <= token.i < m.end:
                continue
            igo = self.kb.igos.get(m.actor)
            words = set(fold(igo.name).lower().split()) if igo is not None else set()
            if lemma in words:
                named = m
            generic = m
        best = named or generic
        return self._actor(best.actor, token.i) if best is not None else None

    def _document_author(self, token: Token) -> Speaker | None:
        """'The resolution ... calls for': whoever passed or issued the resolution mentioned before."""
        lemma = token.lemma_.lower()
        found_author = None
        for t in reversed(self.doc[:token.i]):
            if t.lemma_.lower() == lemma and t.dep_ in ("dobj", "nsubjpass"):
                verb = t.head
                subj = [c for c in verb.children if c.dep_ in ("nsubj", "agent")]
                if t.dep_ == "nsubjpass":
                    subj = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                if subj:
                    found = self.resolve(subj[0], depth=2)
                    if found is not None and found.kind == "actor":
                        found_author = found
                break
        if found_author is None and token.dep_ in ("nsubj", "ROOT"):  # "The original draft called for …" speaks
            owner = self._document_owner(token)  # for the body behind the nearest document (not remembered:
            if owner is not None:  # the owner of one paper is no author of the next)
                return Speaker(owner.name, "actor", owner.actor, token.i)
        if found_author is None:
            found_author = self.last_document_author  # the body behind the document spoken of last
        if found_author is not None:
            self.last_document_author = found_author
            return Speaker(found_author.name, "actor", found_author.actor, token.i)
        return None

    def _document_owner(self, token: Token) -> Speaker | None:
        """'a leaked Kremlin strategy … The paper says': the actor that owns or issued the nearest
        document named before under any document noun ("the Kremlin's plan", "the council adopted a
        resolution … The draft")."""
        for t in reversed(self.doc[:token.i]):
            if t.lemma_.lower() not in self.documents or t.pos_ != "NOUN":
                continue
            owners = {(self.mention_at[g.i].actor, g.i) for c in t.children
                      if c.dep_ in ("poss", "compound", "amod", "nmod") for g in c.subtree
                      if g.i in self.mention_at and self.mention_at[g.i].type in ACTING_TYPES}
            if len({a for a, _ in owners}) == 1:  # an "EU-Ukraine agreement" has no one author
                actor, at = owners.pop()
                return self._actor(actor, at)
            if t.dep_ == "dobj" and t.head.lemma_.lower() in self.authoring:
                subj = [c for c in t.head.children if c.dep_ == "nsubj"
                        and not any(g.dep_ == "conj" for g in c.children)]  # one author, not "A and B"
                found = self.resolve(subj[0], depth=2) if subj else None
                if found is not None and found.kind == "actor" and found.actor:
                    return found
        return None

    # -------------------------------------------------------------- event-level actors
    def actor_of(self, token: Token) -> tuple[str, str | None] | None:
        """(actor id, person name or None) for a token that stands for a state, IGO, group or region;
        an official stands for his state."""
        m = self.mention_at.get(token.i)
        if m is not None and m.type in ACTING_TYPES:
            return m.actor, None
        speaker = self.resolve(token)
        if speaker is None or not speaker.actor or self.kb.actor_type(speaker.actor) not in ACTING_TYPES:
            return None
        return speaker.actor, speaker.name if speaker.kind == "person" else None

    def group(self, token: Token) -> list[tuple[str, int]]:
        """'they' after a coordinated subject ("Shoukry and his Greek, Cypriot and French counterparts
        gathered ... They called on Turkey"): every actor of that group."""
        doc = self.doc
        k = sentence_index(token)
        sents = sentences(doc)
        for sent in reversed(sents[max(k - 4, 0):k] + [doc[sents[k].start:token.i]]):
            for t in reversed(list(sent)):
                if t.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "conj" for c in t.children) \
                        and t.lower_ not in ("they", "them"):
                    found: list[tuple[str, int]] = []
                    for x in t.subtree:
                        hit = self.actor_of(x) if (x.i in self.mention_at or self.people.at(x.i)) else None
                        if hit and hit[0] not in [a for a, _ in found]:
                            found.append((hit[0], x.i))
                    if found:
                        return found
        return []

    def counted(self, token: Token) -> tuple[int | None, bool]:
        """How many a group word counts: (3, False) for "the three countries", (2, False) for "both
        leaders", (3, True) for "all three" (the number standing alone); (None, False) else."""
        count = next((self.numbers[c.lower_] for c in token.children
                      if c.dep_ in ("nummod", "det", "predet") and c.lower_ in self.numbers), None)
        if count is None and token.lower_ in self.numbers and token.pos_ == "NUM" and any(
                c.lower_ == "all" for c in token.children):
            return self.numbers[token.lower_], True
        return count, False

    def named_together(self, token: Token, count: int) -> list[tuple[str, int]]:
        """'the three countries': the last coordination of exactly that many states (or groups)
        in the three sentences before."""
        k = sentence_index(token)
        start = sentences(self.doc)[max(k - 3, 0)].start
        for t in reversed(self.doc[start:token.i]):
            if t.dep_ == "conj" or not any(c.dep_ == "conj" for c in t.children):
                continue
            while t.dep_ == "appos" and t.head.i != t.i:  # "Mali, Burkina Faso and Niger" parsed as an apposition
                t = t.head
            members: list[tuple[str, int]] = []
            for x in t.subtree:
                if x.i != t.i and x.dep_ not in ("conj", "appos", "compound"):
                    continue
                m = self.mention_at.get(x.i)
                if m is not None and m.type in ("state", "region", "group") and m.actor not in [a for a, _ in members]:
                    members.append((m.actor, x.i))
            if len(members) == count:
                return members
        # else the states the article names most, when exactly that many stand out
        return self._most_named(token, count, acting_only=False)

    def _most_named(self, token: Token, count: int, acting_only: bool) -> list[tuple[str, int]]:
        """The ``count`` states (regions, groups) named most before ``token``, when exactly that many
        stand out (actor, first mention); ``acting_only`` leaves out capitals used as places."""
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        for m in self.mentions:
            if m.type in ("state", "region", "group") and (m.acts or not acting_only) and m.start < token.i \
                    and m.kind != "institution":
                counts[m.actor] = counts.get(m.actor, 0) + 1
                first.setdefault(m.actor, m.start)
        ranked = sorted(counts, key=lambda a: (-counts[a], first[a]))
        if len(ranked) >= count and (len(ranked) == count or counts[ranked[count - 1]] > counts[ranked[count]]):
            return [(a, first[a]) for a in ranked[:count]]
        return []

    def pair(self, token: Token, pair_nouns: set[str]) -> list[tuple[str, int]]:
        """'both countries', 'both sides', 'each side': the last two states named before (actor, token index)."""
        if token.lemma_.lower() not in pair_nouns or not any(c.lower_ in ("both", "two", "each") for c in token.children):
            return []
        # two states named together shortly before ("Peru and Ecuador clashed ... both countries")
        k = sentence_index(token)
        start = sentences(self.doc)[max(k - 3, 0)].start
        for t in reversed(self.doc[start:token.i]):
            m = self.mention_at.get(t.i)
            if m is None or m.type not in ("state", "region", "group") or m.start != t.i:
                continue
            for c in t.children:
                other = self.mention_at.get(c.i)
                if c.dep_ == "conj" and other is not None and other.type in ("state", "region", "group") \
                        and other.actor != m.actor and not any(x.dep_ == "conj" for x in c.children):
                    return [(m.actor, t.i), (other.actor, c.i)]
        # the two states the article names most ("the two nuclear-armed neighbours"), when they stand out
        most = self._most_named(token, 2, acting_only=True)
        if most:
            return most
        seen: list[tuple[str, int]] = []
        for t in reversed(self.doc[:token.i]):
            m = self.mention_at.get(t.i)
            if m is not None and m.type in ("state", "region", "group") and m.actor not in [a for a, _ in seen]:
                seen.append((m.actor, t.i))
                if len(seen) == 2:
                    return seen
        return []

    # -------------------------------------------------------------- one document, many stages
    def for_stage(self, surnames: bool = False) -> Resolver:
        """This resolver for one stage: the same index of the document (built once, shared), with a
        memory of its own (``last_speaker``, ``last_document_author`` and whatever else a stage
        sets on it), so what one stage resolved never changes another stage's answers.
        ``surnames``: whether a bare surname the NER missed stands for the person named before."""
        view = copy.copy(self)
        view.last_speaker = None
        view.last_document_author = None
        view.quoted_chars = []  # the quotes stage assigns its own list; no stage sees another's
        view.surnames = surnames
        return view


def _officials_of(token: Token) -> bool:
    return token.lemma_.lower() in ("official", "administration", "government", "spokesman",
                                    "spokeswoman", "spokesperson", "aide", "adviser", "advisor")
