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


@dataclass(frozen=True)
class Pattern:
    text: str
    code: str
    elements: tuple[Element, ...]

    @property
    def weight(self) -> int:
        """More specific patterns win: elements count, words more than gaps."""
        return sum(2 if e.kind != "gap" else 0 for e in self.elements) + sum(
            len(o[0]) - 1 for e in self.elements if e.kind == "word" for o in e.options[:1])

    @property
    def has_target(self) -> bool:
        return any(e.kind == "target" for e in self.elements)


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
            elements.append(Element("word", tuple(options)))
    return Pattern(text, str(code), tuple(elements))


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
            compiled.sort(key=lambda p: -sum(1 for e in p.elements if e.kind != "gap"))
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
        return (sum(1 for e in self.pattern.elements if e.kind != "gap"), self.words)


def best_match(patterns: list[Pattern], seq: list[Token], is_actor) -> MatchResult | None:
    """The most specific matching pattern: most elements, then most words matched, then file order."""
    best = None
    for pattern in patterns:
        if not pattern.elements:
            continue
        if best is not None and sum(1 for e in pattern.elements if e.kind != "gap") < best.rank[0]:
            break  # patterns are sorted by weight: nothing later can outrank the best
        found = match(pattern, seq, is_actor)
        if found is not None and (best is None or found.rank > best.rank):
            best = found
    return best


def match(pattern: Pattern, seq: list[Token], is_actor: Callable[[Token], int | None]) -> MatchResult | None:
    """Match ``pattern`` against the token sequence ``seq`` (leftmost match).

    ``is_actor(token)`` returns the index in ``seq`` just after the actor mention that
    starts at ``token`` (so a multi-word name is consumed whole), or None.
    """
    for start in range(len(seq) if pattern.elements else 1):
        # patterns are not anchored: they may begin anywhere among the words the verb governs
        found = _match(pattern.elements, 0, seq, start, is_actor, [])
        if found is not None:
            targets, end, words = found
            return MatchResult(pattern, targets, end, words)
    return None


def _skippable(t: Token) -> bool:
    return (t.dep_ in SKIPPABLE_DEPS and t.text not in (",", ";", ":", "(")) or t.ent_type_ in ("DATE", "TIME") \
        or _temporal_prep(t)


def _positions(seq: list[Token], pos: int):
    """pos, then each later position reachable by skipping modifiers."""
    while pos < len(seq):
        yield pos
        if not _skippable(seq[pos]):
            return
        pos += 1


def _temporal_prep(t: Token) -> bool:
    """'on Monday', 'in April': a preposition whose object is a date."""
    return t.dep_ == "prep" and any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in t.children)


def _of_actor(seq: list[Token], p: int, is_actor) -> tuple[int, int | None]:
    """A noun followed by "of <actor>" stands for that actor ("the city of Kyiv")."""
    if seq[p].pos_ not in ("NOUN",) or p + 2 >= len(seq) or seq[p + 1].lower_ != "of":
        return p, None
    q = p + 2
    while q < len(seq) and seq[q].dep_ in ("det", "amod", "compound") and is_actor(seq[q]) is None:
        q += 1
    if q < len(seq):
        end = is_actor(seq[q])
        if end is not None:
            return q, end
    return p, None


def _word_at(seq: list[Token], pos: int, option: tuple[str, ...]) -> bool:
    if pos + len(option) > len(seq):
        return False
    for k, w in enumerate(option):
        t = seq[pos + k]
        if w != t.lemma_.lower() and w != t.lower_:
            return False
    return True


def _match(elements, ei, seq, pos, is_actor, targets, words=0):
    if ei == len(elements):
        return targets, pos, words
    el = elements[ei]
    if el.kind == "gap":
        for p in range(pos, min(pos + MAX_GAP, len(seq)) + 1):
            found = _match(elements, ei + 1, seq, p, is_actor, targets, words)
            if found is not None:
                return found
        return None
    for p in _positions(seq, pos):
        if el.kind == "target":
            at = p
            end = is_actor(seq[p])
            if end is None:
                at, end = _of_actor(seq, p, is_actor)  # "the disputed enclave of Nagorno-Karabakh"
                if end is None:
                    continue
            new_targets = targets + [seq[at].i]
            # coordinated targets: "on Baku and Yerevan"
            q = end
            while q + 1 < len(seq) and seq[q].dep_ in ("cc", "punct") and seq[q].text in ("and", ",", "or", "&"):
                r = q + 1
                while r < len(seq) and seq[r].dep_ in ("det", "preconj", "amod"):  # "and the United States"
                    r += 1
                nxt = is_actor(seq[r]) if r < len(seq) else None
                if nxt is None:
                    break
                new_targets.append(seq[r].i)
                q = nxt
            found = _match(elements, ei + 1, seq, q, is_actor, new_targets, words)
            if found is not None:
                return found
            continue
        for option in el.options:
            if _word_at(seq, p, option):
                found = _match(elements, ei + 1, seq, p + len(option), is_actor, targets, words + len(option))
                if found is not None:
                    return found
    return None
