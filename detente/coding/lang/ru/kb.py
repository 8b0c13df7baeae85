"""The Russian pack's knowledge: ``detente/kb/ru/`` files, read once per process.

Names and titles are written in the nominative; they are lemmatised here by the same
analysis the articles get (``nlp.parse``), so that any inflected form in a text matches
through its lemma. Files and columns: ``detente/kb/README.md`` ("Adding a language").
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .... import kb as kb_module
from ....kb import SurfaceForm, read_tsv, read_yaml
from .nlp import fold_lemma, parse


@dataclass(eq=False)
class RuKnowledge:
    base: kb_module.KnowledgeBase
    forms: list[tuple[tuple[str, ...], tuple[str, ...], SurfaceForm]] = field(default_factory=list)
    titles: list[tuple[tuple[str, ...], str, str, str]] = field(default_factory=list)  # lemmas, title, kind, canonical
    types: dict[str, str] = field(default_factory=dict)
    lexicon: dict[str, Any] = field(default_factory=dict)
    events: dict[str, Any] = field(default_factory=dict)
    cues: dict[str, Any] = field(default_factory=dict)

    def actor_type(self, actor: str) -> str | None:
        return self.base.actor_type(actor) or self.types.get(actor)


def lemmatise(phrases: list[str]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(lemmas, lower-case words) of each phrase, from one analysis of all of them."""
    text = "\n".join(f"{p} ." for p in phrases)  # a full stop keeps each phrase its own sentence
    doc = parse(text)
    out, start = [], 0
    for p in phrases:
        end = start + len(p)
        toks = [t for t in doc if t.idx >= start and t.idx + len(t) <= end and not t.is_space]
        out.append((tuple(t.lemma_ for t in toks), tuple(fold_lemma(t.text) for t in toks)))
        start = end + 3  # " .\n"
    return out


@lru_cache(maxsize=1)
def load() -> RuKnowledge:
    base = kb_module.load()
    ru = RuKnowledge(base)
    rows = read_tsv("ru/actors.tsv")
    phrases: list[str] = []
    meta: list[SurfaceForm] = []
    for r in rows:
        actor = r["id"]
        if actor in base.igos:
            actor = base.igos[actor].actor_id  # organs act for their parent (ПАСЕ -> Council of Europe)
        ru.types.setdefault(actor, r["type"])
        kind = r["kind"] or "name"
        for form in kb_module._split(r["forms"]):
            phrases.append(form)
            meta.append(SurfaceForm(form, actor, base.actor_type(actor) or r["type"], kind, key=form))
    for (lemmas, lower), form in zip(lemmatise(phrases), meta):
        ru.forms.append((lemmas, lower, form))
    titles = read_tsv("ru/roles.tsv")
    for (lemmas, _), r in zip(lemmatise([r["title"] for r in titles]), titles):
        ru.titles.append((lemmas, r["title"], r["kind"], r.get("canonical") or ""))
    ru.lexicon = read_yaml("ru/lexicon.yaml")
    ru.events = read_yaml("ru/events.yaml")
    ru.cues = read_yaml("ru/cues.yaml")
    return ru
