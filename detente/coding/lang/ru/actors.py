"""Actor mentions in a Russian Doc: knowledge-base names matched through their lemmas.

Two PhraseMatchers run over the Doc: one on lemmas (России, Россией -> россия; "в Нагорном
Карабахе" -> нагорный карабах), one on lower-case words (acronyms the lemmatiser may
mangle: ОДКБ, ЕС). A capital or seat of power is its state only when it acts ("Москва
призвала", "позиция Кремля", "переговоры с Баку"), not after a locative preposition ("в
Москве"). An actor adjective or genitive on an organ noun ("российский МИД", "правительство
Киргизии") is the state speaking through it. The mentions are the English stage's
``Mention`` objects, so every later stage reads them alike.

    >>> [m.actor for m in find_mentions(parse("Москва призвала ОДКБ к сдержанности."), kb)]
    ['RUS', 'CSTO']
"""
from __future__ import annotations

from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from ...actors import ACTOR_TYPES, Mention
from ...gazetteer import Match, _longest, _ranked
from .kb import RuKnowledge
from .nlp import vocab


class RuGazetteer:
    def __init__(self, ru: RuKnowledge) -> None:
        self.by_lemma = PhraseMatcher(vocab(), attr="LEMMA")
        self.by_lower = PhraseMatcher(vocab(), attr="LOWER")
        self.forms: dict[str, list] = {}
        for lemmas, lower, form in ru.forms:
            for kind, words, matcher in (("L", lemmas, self.by_lemma), ("W", lower, self.by_lower)):
                key = kind + " ".join(words)
                if key not in self.forms:
                    self.forms[key] = []
                    pattern = Doc(vocab(), words=list(words), lemmas=list(words))
                    matcher.add(key, [pattern])
                self.forms[key].append(form)

    def find(self, doc: Doc) -> list[Match]:
        found = []
        for matcher in (self.by_lemma, self.by_lower):
            for match_id, start, end in matcher(doc):
                forms = self.forms[doc.vocab.strings[match_id]]
                found.append(Match(start, end, _ranked(list(forms))))
        return _longest(found)


@lru_cache(maxsize=1)
def gazetteer(ru: RuKnowledge) -> RuGazetteer:
    return RuGazetteer(ru)


def find_mentions(doc: Doc, ru: RuKnowledge) -> list[Mention]:
    """Actor and organization mentions, in text order (organ mentions included)."""
    locative = set(ru.lexicon.get("locative_prepositions", []))
    mentions = []
    for m in gazetteer(ru).find(doc):
        form = m.form
        if _inside_person(doc, m):
            continue
        mention = Mention(m.start, m.end, form.actor, form.type, form.kind, key=form.key)
        if form.kind in ("capital", "seat"):
            mention.acts = acts(doc[m.start:m.end].root, locative)
        mentions.append(mention)
    mentions += _institutions(doc, mentions, ru)
    mentions.sort(key=lambda x: (x.start, -x.end))
    return mentions


def _inside_person(doc: Doc, m: Match) -> bool:
    """A name inside a person's name is not the actor ("Абдалла II", "Джордж Вашингтон")."""
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.start <= m.start and m.end <= ent.end and m.form.kind != "adjective":
            return m.form.kind in ("capital", "seat") or ent.end - ent.start > m.end - m.start
    return False


def case_preposition(token: Token) -> str | None:
    """The preposition governing a noun ("в Москве" -> "в")."""
    for child in token.children:
        if child.dep_ == "case":
            return child.lemma_
    return None


def acts(token: Token, locative: set[str], depth: int = 0) -> bool:
    """Whether a capital is used as an actor rather than a place."""
    dep = token.dep_
    if dep == "conj" and depth < 4:
        return acts(token.head, locative, depth + 1)
    if dep == "flat:name" and depth < 4:
        return acts(token.head, locative, depth + 1)
    prep = case_preposition(token)
    if prep is not None:
        return prep not in locative
    return dep in ("nsubj", "nsubj:pass", "obj", "iobj", "nmod", "ROOT", "appos", "obl")


def _institutions(doc: Doc, mentions: list[Mention], ru: RuKnowledge) -> list[Mention]:
    """'<actor adjective> <organ>' and '<organ> <actor genitive>': российский МИД, власти Киргизии."""
    nouns = ru.lexicon.get("institution_nouns", {})
    covered = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for m in mentions:
        if m.type not in ACTOR_TYPES or not m.acts:
            continue
        root = doc[m.start:m.end].root
        organ = root.head
        if root.dep_ not in ("amod", "nmod") or organ.lemma_ not in nouns or organ.i in covered:
            continue
        start, end = min(organ.i, m.start), max(organ.i + 1, m.end)
        out.append(Mention(start, end, m.actor, m.type, "institution", nouns[organ.lemma_], key=organ.lemma_))
    return out
