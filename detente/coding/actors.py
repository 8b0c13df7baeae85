"""Actor mentions: which states, organizations, groups and regions a text names.

Knowledge-base names found by the gazetteer become mentions; a capital city is
its state only when it acts ("Minsk called on Baku", "Beijing's demands"), not
when it is a place ("talks in Minsk"). An adjective or a possessive in front of
an institution noun ("the Russian foreign ministry", "China's commerce ministry",
"US officials") is an institution mention: the state speaking through an organ.
The spaCy NER is only consulted to refuse names that sit inside a person's name.

    >>> [m.actor for m in find_mentions(nlp("Minsk called on Baku to show restraint."), ...)]
    ['BLR', 'AZE']
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .gazetteer import Match
from ..kb import KnowledgeBase
from ..model import Actor


@dataclass
class Mention:
    start: int  # token index
    end: int  # token index, exclusive
    actor: str
    type: str  # state | region | igo | group | org
    kind: str  # name | adjective | capital | seat | agency | institution
    sector: str | None = None
    acts: bool = True  # False: a capital used as a place
    key: str | None = None

    def span(self, doc: Doc) -> tuple[int, int]:
        return doc[self.start].idx, doc[self.end - 1].idx + len(doc[self.end - 1])

    def root(self, doc: Doc) -> Token:
        return doc[self.start:self.end].root


ACTOR_TYPES = {"state", "region", "igo", "group"}


def find_mentions(doc: Doc, matches: list[Match], kb: KnowledgeBase) -> list[Mention]:
    """Actor and organization mentions, in text order (institution mentions included)."""
    lex = kb.lexicon
    locative = set(lex.get("locative_prepositions", []))
    diplomatic = set(lex.get("diplomatic_nouns", []))
    mentions: list[Mention] = []
    for m in matches:
        form = m.form
        if form.type in ("person", "place") or form.actor is None:
            continue
        mention = Mention(m.start, m.end, form.actor, form.type, form.kind, form.sector, key=form.key)
        if form.kind in ("capital", "igo_seat"):
            mention.acts = _acts(doc[m.start:m.end].root, locative, diplomatic)
        mentions.append(mention)
    mentions += _institutions(doc, mentions, kb)
    mentions.sort(key=lambda x: (x.start, -x.end))
    return mentions


def _acts(token: Token, locative: set[str], diplomatic: set[str], depth: int = 0) -> bool:
    """Whether a place name is used as an actor rather than a location ("the ambassador to Bogota"
    and "a protest with Bogota" name the state; "talks in Bogota" a place)."""
    dep = token.dep_
    if dep == "conj" and depth < 4:
        return _acts(token.head, locative, diplomatic, depth + 1)
    if dep in ("nsubj", "nsubjpass", "poss", "dobj", "iobj", "dative", "attr", "agent", "appos", "ROOT"):
        return True
    if dep == "pobj":
        prep = token.head
        if prep.lower_ == "by" and prep.head.pos_ == "VERB":
            return True
        if prep.head.lemma_.lower() in diplomatic:
            return True
        return prep.lower_ not in locative
    return False


def _institutions(doc: Doc, mentions: list[Mention], kb: KnowledgeBase) -> list[Mention]:
    """'<actor> <institution noun>' phrases: the Russian foreign ministry, US officials."""
    nouns = kb.institution_nouns
    out = []
    covered = {i for m in mentions for i in range(m.start, m.end)}
    for m in mentions:
        if m.type not in ACTOR_TYPES:
            continue
        root = doc[m.start:m.end].root
        head = root.head
        if root.dep_ not in ("amod", "compound", "poss", "nmod") or head.i < m.end:
            continue
        if head.lemma_.lower() not in nouns and head.lower_ not in nouns:
            continue
        if head.i in covered or any(i in covered for i in range(m.end, head.i)):
            continue  # another actor stands between: "Azerbaijani and Armenian forces" is two actors
        # "the Turkish Ministry of Foreign Affairs": keep "of ..." in the span when it is a name.
        end = head.i + 1
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i == end:
                obj = [c for c in child.children if c.dep_ == "pobj"]
                if obj and obj[0].pos_ == "PROPN" and obj[0].i not in covered:
                    end = obj[0].right_edge.i + 1
        sector = nouns.get(head.lemma_.lower()) or nouns.get(head.lower_)
        out.append(Mention(m.start, end, m.actor, m.type, "institution", sector, key=head.lemma_.lower()))
    return out


def actor_list(doc: Doc, mentions: list[Mention], kb: KnowledgeBase) -> tuple[list[Actor], list[Actor]]:
    """The document's actors (states, IGOs, groups, regions) and organizations, each once."""
    actors: dict[str, Actor] = {}
    orgs: dict[str, Actor] = {}
    for m in mentions:
        if not m.acts:
            continue
        table = orgs if m.type == "org" else actors
        entry = table.get(m.actor)
        if entry is None:
            entry = table[m.actor] = Actor(m.actor, m.type, kb.actor_name(m.actor))
        span = m.span(doc)
        if m.kind != "institution" and span not in entry.spans:
            entry.spans.append(span)
        if m.sector and m.sector not in entry.sectors:
            entry.sectors.append(m.sector)
    return list(actors.values()), list(orgs.values())
