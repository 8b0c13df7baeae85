"""The event pattern language of ``kb/verbs.yaml`` and ``kb/nouns.yaml`` (see kb/PATTERNS.md).

A pattern such as ``"on $ to * &RESTRAINT"`` is compiled once into elements and
matched against the tokens a verb (or noun) governs, in reading order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from spacy.tokens import Token

MAX_GAP = 6

# Dependents that may stand between two pattern elements without breaking adjacency
# ("imposed new economic sanctions on", "signed a free trade agreement with").
SKIPPABLE_DEPS = {"det", "amod", "advmod", "compound", "nummod", "poss", "case", "predet", "quantmod",
                  "npadvmod", "neg", "aux", "auxpass", "nmod", "punct", "cc", "preconj"}


@dataclass(frozen=True)
class Element:
    kind: str  # "word" | "target" | "gap"
    options: tuple[tuple[str, ...], ...] = ()  # for words: lemma sequences, longest first
    firsts: frozenset = frozenset()  # the first word of every option (a quick test)


@dataclass(frozen=True)
class Pattern:
    text: str
    code: str
    elements: tuple[Element, ...]
    size: int = 0  # elements that are not gaps: more is more specific
    needs: tuple[frozenset, ...] = ()  # the first words of each word element's options

    @property
    def has_target(self) -> bool:
        return any(e.kind == "target" for e in self.elements)

    def possible_in(self, words: set[str]) -> bool:
        """False when some word element has no option starting with a word of the sequence.
        (A plain loop: this runs for every pattern of every verb met.)"""
        for firsts in self.needs:
            if firsts.isdisjoint(words):
                return False
        return True


_TOKEN_RE = re.compile(r"[\w']+|[^\w\s]")


def words_of(phrase: str) -> tuple[str, ...]:
    """A phrase as the tokens spaCy would make of it ("cease-fire" -> cease, -, fire)."""
    return tuple(_TOKEN_RE.findall(phrase.lower()))


def compile_pattern(text: str, code: str, synsets: dict[str, list[str]]) -> Pattern:
    elements = []
    for part in text.split():
        if part == "$":
            elements.append(Element("target"))
        elif part == "*":
            elements.append(Element("gap"))
        else:
            options: list[tuple[str, ...]] = []
            for alt in part.split("|"):
                if alt.startswith("&"):
                    members = synsets.get(alt[1:])
                    if members is None:
                        raise KeyError(f"pattern {text!r} uses undefined synset {alt}")
                    options += [words_of(str(m)) for m in members]
                else:
                    options.append(words_of(alt))
            options = sorted({o for o in options if o}, key=len, reverse=True)
            elements.append(Element("word", tuple(options), frozenset(o[0] for o in options)))
    return Pattern(text, str(code), tuple(elements), sum(1 for e in elements if e.kind != "gap"),
                   tuple(e.firsts for e in elements if e.kind == "word"))


class PatternBook:
    """All compiled patterns of one table (verbs or nouns), by lemma."""

    def __init__(self, table: dict, synsets: dict[str, list[str]]) -> None:
        self.raw = {str(lemma).lower(): patterns or {} for lemma, patterns in (table or {}).items()}
        self.synsets = synsets
        self.by_lemma: dict[str, list[Pattern]] = {}  # compiled on first use

    def get(self, lemma: str) -> list[Pattern]:
        compiled = self.by_lemma.get(lemma)
        if compiled is None:
            compiled = [compile_pattern(str(p or ""), str(c), self.synsets) for p, c in self.raw.get(lemma, {}).items()]
            compiled.sort(key=lambda p: -p.size)
            self.by_lemma[lemma] = compiled
        return compiled

    def compile_all(self) -> None:
        """Compile every pattern now (to check the files; coding compiles lazily)."""
        for lemma in self.raw:
            self.get(lemma)

    def __contains__(self, lemma: str) -> bool:
        return lemma in self.raw


@dataclass
class MatchResult:
    pattern: Pattern
    targets: list[int]  # token indices of target actors
    end: int  # position in the sequence after the match
    words: int = 0  # tokens matched by word elements (a longer phrase is more specific)

    @property
    def rank(self) -> tuple[int, int]:
        return (self.pattern.size, self.words)


class Sequence:
    """The tokens a verb or noun governs, with what matching needs precomputed once."""

    def __init__(self, tokens: list[Token], is_actor: Callable[[Token], int | None]) -> None:
        self.tokens = tokens
        self.lemma = [t.lemma_.lower() for t in tokens]
        self.lower = [t.lower_ for t in tokens]
        self.words = set(self.lemma) | set(self.lower)
        self.skip = [_skippable(t) for t in tokens]
        self._is_actor = is_actor
        self._actor_end: dict[int, int | None] = {}

    def __len__(self) -> int:
        return len(self.tokens)

    def actor_end(self, k: int) -> int | None:
        if k not in self._actor_end:
            self._actor_end[k] = self._is_actor(self.tokens[k])
        return self._actor_end[k]


def best_match(patterns: list[Pattern], tokens: list[Token], is_actor) -> MatchResult | None:
    """The most specific matching pattern: most elements, then most words matched, then file order."""
    seq = Sequence(tokens, is_actor)
    best = None
    for pattern in patterns:
        if not pattern.elements:
            continue
        if best is not None and pattern.size < best.rank[0]:
            break  # patterns are sorted by size: nothing later can outrank the best
        if not pattern.possible_in(seq.words):
            continue
        found = _first(pattern, seq)
        if found is not None and (best is None or found.rank > best.rank):
            best = found
    return best


def match(pattern: Pattern, tokens: list[Token], is_actor: Callable[[Token], int | None]) -> MatchResult | None:
    """Match one pattern against a token sequence (leftmost match).

    ``is_actor(token)`` returns the index in the sequence just after the actor mention that
    starts at ``token`` (so a multi-word name is consumed whole), or None.
    """
    seq = Sequence(tokens, is_actor)
    return _first(pattern, seq) if pattern.possible_in(seq.words) else None


def _first(pattern: Pattern, seq: Sequence) -> MatchResult | None:
    for start in range(len(seq)):
        # patterns are not anchored: they may begin anywhere among the words the verb governs
        found = _match(pattern.elements, 0, seq, start, [])
        if found is not None:
            targets, end, words = found
            return MatchResult(pattern, targets, end, words)
    return None


def _skippable(t: Token) -> bool:
    return (t.dep_ in SKIPPABLE_DEPS and t.text not in (",", ";", ":", "(")) or t.ent_type_ in ("DATE", "TIME") \
        or _temporal_prep(t)


def _temporal_prep(t: Token) -> bool:
    """'on Monday', 'in April': a preposition whose object is a date."""
    return t.dep_ == "prep" and any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in t.children)


def _positions(seq: Sequence, pos: int):
    """pos, then each later position reachable by skipping modifiers."""
    n = len(seq)
    while pos < n:
        yield pos
        if not seq.skip[pos]:
            return
        pos += 1


def _of_actor(seq: Sequence, p: int) -> tuple[int, int | None]:
    """A noun followed by "of/from <actor>" stands for that actor ("the city of Kyiv", "imports from China")."""
    toks = seq.tokens
    if toks[p].pos_ != "NOUN" or p + 2 >= len(seq) or seq.lower[p + 1] not in ("of", "from"):
        return p, None
    q = p + 2
    while q < len(seq) and toks[q].dep_ in ("det", "amod", "compound") and seq.actor_end(q) is None:
        q += 1
    if q < len(seq):
        end = seq.actor_end(q)
        if end is not None:
            return q, end
    return p, None


def _word_at(seq: Sequence, pos: int, option: tuple[str, ...]) -> bool:
    if pos + len(option) > len(seq):
        return False
    lemma, lower = seq.lemma, seq.lower
    for k, w in enumerate(option):
        if w != lemma[pos + k] and w != lower[pos + k]:
            return False
    return True


def _match(elements, ei, seq: Sequence, pos, targets, words=0):
    if ei == len(elements):
        return targets, pos, words
    el = elements[ei]
    if el.kind == "gap":
        for p in range(pos, min(pos + MAX_GAP, len(seq)) + 1):
            if p > pos and seq.lower[p - 1] in (",", ";", ":"):
                break  # a gap stays in its phrase: "accused X of hypocrisy, pointing to Y's invasion"
            found = _match(elements, ei + 1, seq, p, targets, words)
            if found is not None:
                return found
        return None
    toks = seq.tokens
    for p in _positions(seq, pos):
        if el.kind == "target":
            at = p
            end = seq.actor_end(p)
            if end is None:
                at, end = _of_actor(seq, p)  # "the disputed enclave of Nagorno-Karabakh"
                if end is None:
                    continue
            new_targets = targets + [toks[at].i]
            # coordinated targets: "on Baku and Yerevan"
            q = end
            while q + 1 < len(seq) and toks[q].dep_ in ("cc", "punct") and toks[q].text in ("and", ",", "or", "&"):
                r = q + 1
                while r < len(seq) and toks[r].dep_ in ("det", "preconj", "amod"):  # "and the United States"
                    r += 1
                nxt = seq.actor_end(r) if r < len(seq) else None
                if nxt is None:
                    break
                new_targets.append(toks[r].i)
                q = nxt
            found = _match(elements, ei + 1, seq, q, new_targets, words)
            if found is not None:
                return found
            continue
        if seq.lemma[p] not in el.firsts and seq.lower[p] not in el.firsts:
            continue
        for option in el.options:
            if _word_at(seq, p, option):
                found = _match(elements, ei + 1, seq, p + len(option), targets, words + len(option))
                if found is not None:
                    return found
    return None
