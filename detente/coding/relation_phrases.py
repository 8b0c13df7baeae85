"""Relation noun phrases read on the surface of the sentence, not on its parse.

News packs ties into noun phrases the small parser often gets wrong: titles ("NATO ally
Turkey", "U.S. foe Iran", "member states Estonia and Latvia"), possessives ("Azerbaijan's
ally Turkey"), appositions ("Russia, Armenia's main ally", "Hungary, an EU member"),
copulas ("X and Y are close partners", "The other member states are A, B and C"), lists
after a dash ("its six members – A, B, C") and "consider X a strategic ally". This module
reads such a phrase from the word order around the relation noun: the words before it
(modifiers: who the tie is with), the words after it (a name list that holds the title, or
"of Y"), and the words that frame it (a comma, a copula, a verb of regarding).

    >>> reader.read(foe, foe)   # "NATO ally Turkey and U.S. foe Iran denounced the deal", at "foe"
    Phrase(holders=['IRN'], targets=['USA'], igos=[], ..., how='title')
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .actors import Mention
from .coref import ACTING_TYPES, Resolver
from .docutil import sentence_index, sentences

_POSSESSIVE = {"'s", "’s", "'", "’"}
_SEPARATORS = {",", "and", "or", "&"}
_DASHES = {"-", "–", "—", ":"}
_DETERMINERS = {"a", "an", "the", "its", "their", "his", "her", "our", "this", "these", "those"}


@dataclass
class Phrase:
    """What one relation noun phrase says: who holds the tie, with whom, and in which IGO."""
    holders: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)  # non-IGO actors the tie is with
    igos: list[str] = field(default_factory=list)  # IGOs named in or around the phrase
    owners: list[str] = field(default_factory=list)  # IGOs the tie is with ("the EU's partner", "a partner of NATO")
    cancelled: bool = False
    plural: bool = False
    definite: bool = False  # "the (other) members", "its members": refers to an IGO named before
    how: str = ""  # title | apposition | copula | regard | list | subject-copula


class PhraseReader:
    def __init__(self, doc: Doc, mentions: list[Mention], resolver: Resolver, kb, patterns: dict):
        self.doc = doc
        self.kb = kb
        self.resolver = resolver
        self.at: dict[int, Mention] = {}
        for m in sorted(mentions, key=lambda m: m.end - m.start):
            if m.type in ACTING_TYPES and (m.acts or m.kind != "capital"):
                for t in range(m.start, m.end):
                    self.at.setdefault(t, m)
        # a named official stands for his state ("Lukashenko, an ally of Putin")
        for rec in resolver.people.records:
            kind = kb.actor_type(rec.affiliation) if rec.affiliation else None
            if kind in ("state", "region", "group"):
                for s, e in rec.mentions:
                    if not any(t in self.at for t in range(s, e)):
                        person = Mention(s, e, rec.affiliation, kind, "person")
                        for t in range(s, e):
                            self.at[t] = person
        self.copulas = set(patterns.get("copula_verbs", ["be", "become", "remain", "stay"]))
        self.quantifiers = set(patterns.get("phrase_quantifiers", []))
        self.listing = set(patterns.get("listing_verbs", []))
        self.regard = set(patterns.get("regarding_verbs", []))
        self.cancel = set(patterns.get("cancelling_modifiers", []))
        self.nouns = {str(k).lower() for k in (patterns.get("relation_nouns") or {})}

    # -------------------------------------------------------------- mention lists
    def mention(self, i: int) -> Mention | None:
        return self.at.get(i) if 0 <= i < len(self.doc) else None

    def _complete(self, m: Mention) -> bool:
        """A mention that is a whole noun phrase ("Turkey"), not a modifier ("U.S." in "U.S. foe")."""
        nxt = self.doc[m.end] if m.end < len(self.doc) else None
        return nxt is None or not ((nxt.pos_ in ("NOUN", "PROPN") or nxt.lower_ in self.nouns) and nxt.i not in self.at)

    def list_right(self, i: int, limit: int) -> tuple[list[str], int]:
        """Actors named in a list starting at token i ("Estonia, Latvia and the UK"); the end."""
        out, j, end = [], i, i
        while j < limit:
            if self.doc[j].lower_ == "the":
                j += 1
            j = self._premodifiers(j, limit)
            m = self.mention(j)
            if m is None or m.start != j or not self._complete(m):
                break
            if m.actor not in out:
                out.append(m.actor)
            j = end = m.end
            if j < limit and self.doc[j].text in _POSSESSIVE:
                j = end = j + 1
            while j < limit and self.doc[j].lower_ in _SEPARATORS:
                j += 1
            if j == end:
                break
        return out, end

    def _premodifiers(self, j: int, limit: int) -> int:
        """Past "Russian-led", "the new" before a name: "a member of the Russian-led CSTO"."""
        k = j
        while k < limit:
            m = self.mention(k)
            if m is not None and m.end + 1 < limit and self.doc[m.end].text == "-":
                k = m.end + 2
            elif self.doc[k].pos_ == "ADJ" and self.mention(k) is None:
                k += 1
            else:
                break
        return k if self.mention(k) is not None else j

    def list_left(self, i: int, floor: int) -> list[str]:
        """Actors named in a list ending at token i ("Vietnam and India" before "are")."""
        out, j = [], i
        while j >= floor:
            m = self.mention(j)
            if m is None or m.end - 1 != j or not self._complete(m):
                break
            if m.actor not in out:
                out.insert(0, m.actor)
            j = m.start - 1
            if j >= floor and self.doc[j].lower_ == "the":
                j -= 1
            sep = j
            while j >= floor and self.doc[j].lower_ in _SEPARATORS:
                j -= 1
            if j == sep:
                break
        return out

    # -------------------------------------------------------------- the phrase
    def read(self, noun: Token, last: Token) -> Phrase:
        """The phrase around a relation noun that spans ``noun`` .. ``last`` ("member states")."""
        doc, sent = self.doc, sentences(self.doc)[sentence_index(noun)]
        p = Phrase(plural=last.tag_ in ("NNS", "NNPS"))
        start = self._left(noun, sent.start, p)
        end = last.i + 1
        # "of Y", "to Y", "with Y", "for Y" (also "an ally of France's")
        if end < sent.end and doc[end].lower_ in ("of", "to", "with", "for", "in"):
            objs, obj_end = self.list_right(end + 1, sent.end)
            if objs:
                self._sort(objs, p)
                p.owners += [a for a in objs if a in p.igos]
                end = obj_end
        # title: "NATO ally Turkey", "member states Estonia and Latvia", "six members – A, B and C"
        j = end
        if j < sent.end and doc[j].text in _DASHES and (j + 1 < sent.end and doc[j + 1].text not in _DASHES):
            holders, _ = self.list_right(j + 1, sent.end)
            if len(holders) >= 2:
                p.holders, p.how = holders, "list"
                return p
        # "NATO members, including Turkey and Greece", "member states such as Mexico"
        k = j + 1 if j < sent.end and doc[j].text == "," else j
        lead = [t.lower_ for t in doc[k:min(k + 2, sent.end)]]
        if lead[:1] == ["including"] or lead == ["such", "as"] or lead == ["among", "them"]:
            holders, _ = self.list_right(k + (1 if lead[0] == "including" else 2), sent.end)
            if holders:
                p.holders, p.how = holders, "list"
                return p
        holders, _ = self.list_right(j, sent.end)
        if holders and j == last.i + 1:
            p.holders, p.how = holders, "title"
            return p
        before = self._skip_left(start - 1, sent.start)
        # "The other member states are Armenia, Belarus and Kazakhstan"
        if j < sent.end and doc[j].lemma_.lower() in self.copulas | self.listing and doc[j].pos_ in ("AUX", "VERB"):
            holders, _ = self.list_right(j + 1, sent.end)
            opens = before < sent.start or doc[before].is_punct or doc[before].pos_ in ("ADP", "SCONJ", "CCONJ")
            if holders and opens:
                p.holders, p.how = holders, "subject-copula"
                return p
        if before < sent.start:
            return self._named_after(p, end, sent.end)
        tok = doc[before]
        # apposition: "Russia, Armenia's main ally, ..." / "Hungary, an EU member."
        closes = end >= sent.end or doc[end].is_punct or doc[end].pos_ in ("VERB", "AUX", "ADP")
        if tok.text in (",", "–", "—") and closes:
            holders = self.list_left(before - 1, sent.start)
            if holders:
                p.holders, p.how = holders, "apposition"
                return p
        # copula: "X is an ally of Y", "X and Y are close partners", "X, which is a member"
        if tok.lemma_.lower() in self.copulas and tok.pos_ in ("AUX", "VERB"):
            p.holders, p.how = self._subject(tok, sent.start), "copula"
            return p
        # "consider Moscow a strategic ally", "sees Beijing as a partner"
        k = before - 1 if tok.lower_ == "as" else before
        if k >= sent.start:
            objs = self.list_left(k, sent.start)
            if objs:
                verb = self._verb_before(k, sent.start)
                if verb is not None and verb.lemma_.lower() in self.regard:
                    p.holders, p.how = objs, "regard"
                    subj = self._subject(verb, sent.start)
                    if subj and not p.targets:
                        p.targets = [a for a in subj if self.kb.actor_type(a) != "igo"]
                    return p
        return self._named_after(p, end, sent.end)

    def _named_after(self, p: Phrase, end: int, limit: int) -> Phrase:
        """The holder in an apposition after the phrase: "Armenia's main ally, Russia, said",
        "Moscow's closest partner in the region, Yerevan, ..." (the name closed by a comma or dash)."""
        doc, k = self.doc, end
        if k < limit and doc[k].lower_ in ("in", "on", "at"):  # "in the region", "in Asia"
            k = next((i for i in range(k + 1, min(k + 5, limit)) if doc[i].text == ","), limit)
        if k < limit and doc[k].text == ",":
            holders, after = self.list_right(k + 1, limit)
            if holders and after < limit and doc[after].text in (",", "–", "—"):
                p.holders, p.how = holders, "apposition"
        return p

    def _sort(self, actors: list[str], p: Phrase) -> None:
        for a in actors:
            (p.igos if self.kb.actor_type(a) == "igo" else p.targets).append(a)

    def _left(self, noun: Token, floor: int, p: Phrase) -> int:
        """Reads the modifiers before the noun; returns where the phrase starts."""
        doc, j = self.doc, noun.i - 1
        while j >= floor:
            t = doc[j]
            m = self.mention(j)
            if m is not None:
                self._sort([m.actor], p)
                if m.end < len(doc) and doc[m.end].text in _POSSESSIVE and m.actor in p.igos:
                    p.owners.append(m.actor)
                j = m.start - 1
                continue
            low = t.lower_
            if low in self.cancel:
                p.cancelled = True
            if j - 2 >= floor and doc[j - 1].text == "-" and self.mention(j - 2) is None:
                p.cancelled = p.cancelled or f"{doc[j - 2].lower_}-{low}" in self.cancel  # "a would-be member"
                j -= 3  # "all-weather", "long-time": one modifier written in three tokens
                continue
            if t.dep_ == "compound" and t.pos_ in ("NOUN", "PROPN") and noun.i - 3 <= t.head.i <= noun.i:
                j -= 1  # "treaty allies", "Cold War foes", "trading partner"
                continue
            if low in self.quantifiers:  # "both permanent members", "all NATO members"
                j -= 1
                continue
            if t.text in _POSSESSIVE or t.text == "-" or low == "other" or (
                    j + 1 < noun.i and doc[j + 1].text == "-" and f"{low}-" not in self.cancel):  # "arch-rival"
                p.definite = p.definite or low == "other"
                j -= 1
                continue
            if low in ("its", "their"):
                p.definite = True
                owner = self.mention(j - 2) if j - 2 >= floor and doc[j - 1].lower_ == "and" else None
                # "Washington and its ally Tokyo": the owner is the name before "and"
                hit = (owner.actor, None) if owner is not None else self.resolver.actor_of(t)
                if hit:
                    self._sort([hit[0]], p)
                return j
            if low in _DETERMINERS:
                p.definite = p.definite or low in ("the", "these", "those")
                return j
            if t.pos_ in ("ADJ", "ADV", "NUM") or t.tag_ in ("JJ", "JJR", "JJS", "CD", "RB", "VBG"):
                j -= 1
                continue
            break
        return j + 1

    def _skip_left(self, j: int, floor: int) -> int:
        """Back over adverbs ("is also a member", "has long been an ally")."""
        while j >= floor and (self.doc[j].pos_ == "ADV" or self.doc[j].lower_ in ("been", "has", "have", "had")):
            if self.doc[j].lower_ == "been":
                return j
            j -= 1
        return j

    def _verb_before(self, k: int, floor: int) -> Token | None:
        for j in range(k, max(floor - 1, k - 12), -1):
            t = self.doc[j]
            if t.pos_ == "VERB":
                return t
        return None

    def _subject(self, verb: Token, floor: int) -> list[str]:
        """The actors a verb's subject stands for; by word order when the parse has none."""
        for _ in range(3):
            subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                found = self._actors(subj[0])
                if found:
                    return found
                break
            if verb.dep_ in ("conj", "xcomp", "ccomp", "relcl") and verb.head.i != verb.i:
                verb = verb.head
            else:
                break
        j = self._skip_left(verb.i - 1, floor)
        relative = j - 1 >= floor and self.doc[j].lower_ in ("which", "that", "who") and self.doc[j - 1].text == ","
        if relative:
            return self.list_left(j - 2, floor)
        found = self.list_left(j, floor)
        if found:
            return found
        # the sentence opens with the names that act ("Kyrgyzstan and Tajikistan host ... and consider")
        opening, _ = self.list_right(floor, verb.i)
        return opening

    def _actors(self, token: Token) -> list[str]:
        out = []
        hit = self.resolver.actor_of(token)
        if hit:
            out.append(hit[0])
        for c in token.children:
            if c.dep_ == "conj":
                out += [a for a in self._actors(c) if a not in out]
        return out

    def igo_before(self, noun: Token, sentences_back: int = 2) -> str | None:
        """The IGO named last before the noun, in its sentence or the ones before ("The other
        member states ...", "its members ...")."""
        k = sentence_index(noun)
        floor = sentences(self.doc)[max(k - sentences_back, 0)].start
        for j in range(noun.i - 1, floor - 1, -1):
            m = self.mention(j)
            if m is not None and m.type == "igo":
                return m.actor
        return None


def clause_subject(verb: Token) -> Token | None:
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
