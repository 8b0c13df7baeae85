"""Conflicts: which named conflicts (or disputes) an article is about, and their parties.

Found by name ("the Nagorno-Karabakh conflict", "Gaza war"), by the "X-Y conflict" form
("the Armenian-Azerbaijani conflict"), by place ("the conflict in Darfur"), or, for a conflict
of ``kb/conflicts.yaml`` running on the article's date, when actors of both its sides are
named together with enough words of war (or of trade war). Each hit lists which of the
conflict's parties the article names, which become ``party_to`` relations.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .actors import Mention
from .persons import PersonAnalysis
from .docutil import text_of
from ..kb import KnowledgeBase, fold, in_period, read_yaml, strip_accents
from ..model import Conflict


# Kinds of conflict assumed from their parties and words of war when the article does not name
# them (a diplomatic or territorial dispute is only found by name).
_GUESSABLE_KINDS = {"armed", "civil war", "insurgency", "trade war"}
# Kinds of conflict no fighting belongs to.
_UNARMED_KINDS = {"trade war", "diplomatic dispute"}


class Sided:
    """Something with sides of actor ids: a conflict, or an issue stances are taken on."""
    sides: list[list[str]]

    @property
    def parties(self) -> list[str]:
        return [a for side in self.sides for a in side]

    def side_of(self, actor: str) -> int | None:
        for i, side in enumerate(self.sides):
            if actor in side:
                return i
        return None


@dataclass
class ConflictHit(Sided):
    name: str
    sides: list[list[str]]
    kind: str = "armed"
    spans: list[tuple[int, int]] = field(default_factory=list)
    how: str = "name"  # name | parties-in-name | place | implied
    mentioned_parties: dict[str, tuple[bool, tuple[int, int] | None]] = field(default_factory=dict)
    supporters: dict[int, list[str]] = field(default_factory=dict)
    salience: int = 0  # how often the article names it and its parties (the main conflict is the most salient)
    entry: dict | None = None  # its knowledge-base entry (None: a conflict only the article names)

    @property
    def id(self) -> str | None:
        """The knowledge-base conflict's id, which stances and ``party_to`` carry across articles."""
        return self.entry["id"] if self.entry else None

    def as_model(self) -> Conflict:
        e = self.entry or {}
        return Conflict(self.name, sorted(self.mentioned_parties), list(self.spans), id=self.id,
                        start=str(e.get("start") or "") or None, end=str(e.get("end") or "") or None)


class ConflictFinder:
    def __init__(self, nlp, kb: KnowledgeBase) -> None:
        self.kb = kb
        words = read_yaml("conflict_words.yaml")
        self.conflict_nouns = set(words.get("conflict_nouns", []))
        self.armed_words = {w.lower() for w in words.get("armed_words", [])}
        self.trade_words = {w.lower() for w in words.get("trade_words", [])}
        self.min_words = int(words.get("min_words", 3))
        self.armed_re = _word_re(self.armed_words)
        self.trade_re = _word_re(self.trade_words)
        self.dispute_words = {w.lower() for w in words.get("dispute_words", [])}
        self.entries = kb.conflicts
        # the stake of each dispute, from its names of the form "<stake> <conflict noun>":
        # "South China Sea" (South China Sea dispute), "Senkaku" (Senkaku dispute)
        self.stakes: dict[str, dict] = {}
        for c in self.entries:
            for n in [c["name"], *(c.get("aliases") or [])]:
                words_ = str(n).split()
                if len(words_) >= 2 and words_[-1].lower() in self.conflict_nouns and words_[0][:1].isupper() \
                        and not any(ch in str(n) for ch in "-–/"):
                    self.stakes.setdefault(" ".join(words_[:-1]), c)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.by_key: dict[str, dict] = {}
        for i, c in enumerate(self.entries):
            names = [c["name"], *(c.get("aliases") or [])]
            variants = set()
            for n in names:
                n = str(n)
                for v in (n, n.replace("-", " "), n.replace("-", "–"), n.replace("–", "-"), strip_accents(n)):
                    variants.add(v)
            self.matcher.add(f"C{i}", [nlp.make_doc(v) for v in variants])
            self.by_key[f"C{i}"] = c

    def find(self, doc: Doc, mentions: list[Mention], date: str | None,
             people: PersonAnalysis | None = None) -> list[ConflictHit]:
        """Conflicts the article is about. ``people`` lets officials count for their states
        ("Trump" for the United States) when judging which running conflict is meant."""
        hits: dict[str, ConflictHit] = {}
        vocab = doc.vocab.strings
        found = [(vocab[match_id], s, e) for match_id, s, e in self.matcher(doc)]
        # overlapping names: the longest wins ("South Sudanese civil war" over "Sudanese civil war")
        taken: set[int] = set()
        for key, s, e in sorted(found, key=lambda x: (-(x[2] - x[1]), x[1])):
            if any(i in taken for i in range(s, e)):
                continue
            taken.update(range(s, e))
            hit = self._hit(hits, self.by_key[key], "name")
            hit.spans.append((doc[s].idx, doc[e - 1].idx + len(doc[e - 1])))
        mention_at = {t: m for m in mentions for t in range(m.start, m.end) if m.kind != "institution"}
        for tok in doc:
            if tok.lemma_.lower() not in self.conflict_nouns and tok.lower_ not in self.conflict_nouns:
                continue
            self._named_by_parties(doc, tok, mention_at, hits, date)
            self._in_place(doc, tok, mention_at, hits, date)
        self._implied(doc, mentions, hits, date, people)
        for hit in hits.values():
            self._parties(doc, hit, mentions)
        return list(hits.values())

    # -------------------------------------------------------------- ways of naming
    def _hit(self, hits, entry: dict, how: str) -> ConflictHit:
        name = entry["name"]
        if name not in hits:
            sides = [[str(a) for a in side] for side in entry.get("sides") or []]
            supporters = {int(k): list(v) for k, v in (entry.get("supporters") or {}).items()}
            hits[name] = ConflictHit(name, sides, entry.get("kind", "armed"), how=how, supporters=supporters,
                                     entry=entry)
        return hits[name]

    def _active(self, entry: dict, date: str | None) -> bool:
        return not date or in_period(date, entry.get("start"), entry.get("end"))

    def _named_by_parties(self, doc, noun, mention_at, hits, date) -> None:
        """'the Armenian-Azerbaijani conflict', 'the US-China trade war'."""
        actors, tokens = [], []
        for t in doc[noun.left_edge.i:noun.i]:
            m = mention_at.get(t.i)
            if m is not None and m.type in ("state", "region", "igo", "group") and m.actor not in actors:
                actors.append(m.actor)
                tokens.append(t)
        if len(actors) < 2 or not any(doc[i].text in ("-", "–", "—") for i in range(tokens[0].i, tokens[-1].i)):
            return
        span = (tokens[0].idx, noun.idx + len(noun))
        entry = self._entry_with_sides(actors[:2], date)
        if entry is not None:
            hit = self._hit(hits, entry, "parties-in-name")
        else:
            name = f"{doc[tokens[0].i:noun.i + 1].text}"
            name = re.sub(r"^(the|a|an)\s+", "", name, flags=re.I)
            hit = hits.setdefault(name, ConflictHit(name, [[actors[0]], [actors[1]]], how="parties-in-name"))
        hit.spans.append(span)
        for a in actors[:2]:
            hit.mentioned_parties[a] = (True, span)

    def _entry_with_sides(self, actors: list[str], date: str | None) -> dict | None:
        found = between(self.kb, actors[0], actors[1])
        return next((e for e in found if self._active(e, date)), found[0] if found else None)

    def _in_place(self, doc, noun, mention_at, hits, date) -> None:
        """'the conflict in Nagorno-Karabakh', 'the war in Ukraine', 'Congo's conflict', and a
        dispute over its stake: 'at loggerheads over the South China Sea' (South China Sea dispute)."""
        for poss in noun.children:
            m = mention_at.get(poss.i)
            if poss.dep_ == "poss" and m is not None:
                for entry in self.entries:
                    if m.actor in [str(x) for x in entry.get("location") or []] and self._active(entry, date):
                        self._hit(hits, entry, "place").spans.append((poss.idx, noun.idx + len(noun)))
                        break
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "over", "on"):
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                m = mention_at.get(obj.i)
                place = m.actor if m is not None else None
                names = {fold(obj.text), fold(doc[obj.left_edge.i:obj.right_edge.i + 1].text)}
                stake = re.sub(r"^(the|a|an)\s+", "", doc[obj.left_edge.i:obj.i + 1].text, flags=re.I)
                entry = self.stakes.get(stake)
                if prep.lower_ == "over" and entry is not None and self._active(entry, date):
                    self._hit(hits, entry, "place").spans.append((noun.idx, obj.idx + len(obj)))
                    continue
                for entry in self.entries:
                    where = [str(x) for x in entry.get("location") or []]
                    if (place and place in where) or names & {fold(w) for w in where}:
                        if self._active(entry, date):
                            hit = self._hit(hits, entry, "place")
                            hit.spans.append((noun.idx, obj.idx + len(obj)))
                            break

    def _implied(self, doc, mentions, hits, date, people=None) -> None:
        """Running wars, insurgencies or trade wars whose two sides the article names amid words of
        war, when the article names no conflict involving those parties itself; the most named first,
        and never two sharing a party."""
        counts: dict[str, int] = {}
        for m in mentions:
            if m.acts and m.kind != "institution":
                counts[m.actor] = counts.get(m.actor, 0) + 1
        for rec in (people.records if people is not None else []):
            if rec.affiliation:
                counts[rec.affiliation] = counts.get(rec.affiliation, 0) + len(rec.mentions)
        taken = {a for h in hits.values() for a in h.parties}
        text = text_of(doc).lower()
        armed = len(self.armed_re.findall(text))
        trade = len(self.trade_re.findall(text))
        candidates = []
        for entry in self.entries:
            if entry["name"] in hits or entry.get("kind") not in _GUESSABLE_KINDS or not self._active(entry, date):
                continue
            sides = [set(map(str, s)) for s in entry.get("sides") or []]
            # each side named at least twice: a passing mention does not make the article about it
            weights = [sum(counts.get(a, 0) for a in s) for s in sides[:2]]
            if len(sides) < 2 or min(weights) < 2:
                continue
            words = trade if entry.get("kind") == "trade war" else armed
            if words >= self.min_words:
                candidates.append((sum(weights), entry, sides))
        candidates += self._disputes_by_stake(doc, counts, hits, date)
        for _, entry, sides in sorted(candidates, key=lambda c: -c[0]):
            parties = set().union(*sides)
            if parties & taken:
                continue
            self._hit(hits, entry, "implied")
            taken |= parties

    def _disputes_by_stake(self, doc, counts, hits, date) -> list[tuple]:
        """A territorial or diplomatic dispute the article does not name but describes: one sentence
        speaks of a dispute and names its stake ("resolve a territorial dispute over the Senkaku
        islands", "the disputed islands, called Senkaku") and each side is named at least twice.
        A stake that is an actor's name ("Cyprus") says nothing by itself: it is left out."""
        actor_names = _actor_names(self.kb)
        out, seen = [], set()
        for sent in doc.sents:
            if not any(t.lower_ in self.dispute_words for t in sent):
                continue
            for stake, entry in self.stakes.items():
                if entry["name"] in hits or entry["name"] in seen or entry.get("kind") in _GUESSABLE_KINDS \
                        or stake in actor_names or not self._active(entry, date) \
                        or not re.search(rf"\b{re.escape(stake)}\b", sent.text):
                    continue
                sides = [set(map(str, s)) for s in entry.get("sides") or []]
                weights = [sum(counts.get(a, 0) for a in s) for s in sides[:2]]
                if len(sides) >= 2 and min(weights) >= 2:
                    out.append((sum(weights), entry, sides))
                    seen.add(entry["name"])
        return out

    def _parties(self, doc, hit: ConflictHit, mentions: list[Mention]) -> None:
        entry = hit.entry or {}
        places = {str(x) for x in entry.get("location") or []}
        eponyms = {a for a in hit.parties if fold(self.kb.actor_name(a)) in fold(hit.name)}
        hit.salience = 3 * len(hit.spans)
        for m in mentions:
            if not m.acts or hit.side_of(m.actor) is None:
                continue
            hit.salience += 1
            if m.actor in hit.mentioned_parties:
                continue
            # a region the conflict is named after or fought in is the stake, not a party
            if m.type == "region" and (m.actor in places or m.actor in eponyms):
                continue
            span = (doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1]))
            hit.mentioned_parties[m.actor] = (hit.how in ("name", "parties-in-name"), span)


def between(kb: KnowledgeBase, a: str, b: str) -> list[dict]:
    """Knowledge-base conflicts with ``a`` and ``b`` on opposite sides, in conflicts.yaml order."""
    out = []
    for entry in kb.conflicts:
        sides = [set(map(str, s)) for s in entry.get("sides") or []]
        if len(sides) >= 2 and any(a in s for s in sides) and any(b in s for s in sides) \
                and not any(a in s and b in s for s in sides):
            out.append(entry)
    return out


def running_between(kb: KnowledgeBase, a: str, b: str, date: str | None, fighting: bool = False) -> dict | None:
    """The knowledge-base conflict of ``a`` against ``b`` running on ``date`` (the first in conflicts.yaml,
    which lists the main conflict of a place first), for a dispute or fighting an article reports without
    naming it: "Tajik troops opened fire on Kyrgyz vehicles" in May 2021 is the Kyrgyzstan-Tajikistan
    border conflict. Fighting is no trade war or diplomatic dispute. None without a date: an undated
    article could be about any of them."""
    if not date:
        return None
    for entry in between(kb, a, b):
        if fighting and entry.get("kind") in _UNARMED_KINDS:
            continue
        if in_period(date, entry.get("start"), entry.get("end")):
            return entry
    return None


_ACTOR_NAMES: dict[int, set[str]] = {}


def _actor_names(kb: KnowledgeBase) -> set[str]:
    names = _ACTOR_NAMES.get(id(kb))
    if names is None:
        names = _ACTOR_NAMES[id(kb)] = {f.text for f in kb.surface_forms() if f.actor}
    return names


def _word_re(words) -> re.Pattern:
    alternatives = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


def finder_for(nlp, kb: KnowledgeBase) -> ConflictFinder:
    from .nlp import built_for

    return built_for(ConflictFinder, nlp, kb)

