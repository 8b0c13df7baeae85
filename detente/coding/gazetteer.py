"""Find knowledge-base names in a parsed text with one spaCy PhraseMatcher.

The matcher is built once per (pipeline, knowledge base) from every surface form
the knowledge base knows; a match costs one pass over the tokens whatever the
number of names. Overlapping matches keep the longest.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .. import kb as kb_module
from ..kb import KnowledgeBase, SurfaceForm


@dataclass
class Match:
    start: int  # token index
    end: int  # token index (exclusive)
    forms: list[SurfaceForm]  # what this text can stand for (usually one)

    @property
    def form(self) -> SurfaceForm:
        return self.forms[0]


class Gazetteer:
    def __init__(self, nlp, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.forms_by_text: dict[str, list[SurfaceForm]] = {}
        for form in kb.surface_forms():
            self.forms_by_text.setdefault(form.text, []).append(form)
        texts = sorted(self.forms_by_text)
        # make_doc only tokenizes: fast, and consistent with how articles are tokenized.
        for i in range(0, len(texts), 2000):
            chunk = texts[i:i + 2000]
            self.matcher.add("KB", [nlp.make_doc(t) for t in chunk])

    def find(self, doc: Doc) -> list[Match]:
        spans = []
        for _, start, end in self.matcher(doc):
            text = doc[start:end].text
            forms = self.forms_by_text.get(text)
            if forms is None:  # tokenisation joined whitespace differently
                forms = self.forms_by_text.get(" ".join(t.text for t in doc[start:end]))
            if forms:
                spans.append(Match(start, end, _ranked(forms)))
        return _longest(spans)


_KIND_RANK = {"official": 0, "name": 1, "agency": 2, "seat": 3, "igo_seat": 4, "capital": 5, "adjective": 6,
              "surname": 7}


def _ranked(forms: list[SurfaceForm]) -> list[SurfaceForm]:
    return sorted(forms, key=lambda f: _KIND_RANK.get(f.kind, 9))


def _longest(matches: list[Match]) -> list[Match]:
    """Non-overlapping matches, longest first, then leftmost."""
    chosen: list[Match] = []
    taken: set[int] = set()
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if any(i in taken for i in range(m.start, m.end)):
            continue
        chosen.append(m)
        taken.update(range(m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)


def for_pipeline(nlp, kb: KnowledgeBase | None = None) -> Gazetteer:
    """The gazetteer for this pipeline (built once per process)."""
    from .nlp import built_for

    return built_for(Gazetteer, nlp, kb or kb_module.load())

