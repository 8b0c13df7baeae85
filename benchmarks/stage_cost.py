"""Time each coding stage over the dev articles (repeated), next to bare spaCy parsing.

Shows what each layer adds to the cost of coding an article: the event layer's cost is the
"events" line against the total of the stages before it. Prints one result line last:
``stage_cost detente/spacy X | events/rest Y``.
"""
from __future__ import annotations

import argparse
import glob
import time
from collections import defaultdict
from pathlib import Path

from detente.coding import actors, conflicts, events, nlp as nlp_module, persons, quotes
from detente import kb as kb_module
from detente.coding import relations, stances
from detente.coding.context import document_context
from detente.dates import reference_date
from detente.coding.gazetteer import for_pipeline
from detente.corpus.readers import read_sources
from detente.coding.pipeline import text_for_parsing

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "articles"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    files = sorted(glob.glob(str(EVAL / "*.json")))
    if not files:
        print("skipped: ../shared/eval/articles not found")
        return
    arts = [a for a in read_sources(files) if not isinstance(a, Exception)] * args.repeat
    nlp, kb = nlp_module.load(), kb_module.load()
    t = time.perf_counter()
    docs = list(nlp.pipe([text_for_parsing(a.text) for a in arts], batch_size=32))
    spacy_s = time.perf_counter() - t
    gaz, roles, finder = for_pipeline(nlp, kb), persons.role_matcher(nlp, kb), conflicts.finder_for(nlp, kb)
    events.coder_for(kb)
    cost: dict[str, float] = defaultdict(float)

    def timed(name, fn, *a):
        t0 = time.perf_counter()
        out = fn(*a)
        cost[name] += time.perf_counter() - t0
        return out

    for doc, art in zip(docs, arts):
        date = art.date or reference_date(art.text)
        matches = timed("gazetteer", gaz.find, doc)
        mentions = timed("actors", actors.find_mentions, doc, matches, kb)
        found_roles = timed("persons", roles.find, doc)
        people = timed("persons", persons.find_persons, doc, matches, mentions, found_roles, kb, date)
        ctx = timed("context", document_context, doc, kb, date, mentions, people)
        qs = timed("quotes", quotes.extract, ctx)
        hits = timed("conflicts", finder.find, doc, mentions, date, people)
        evs, _ = timed("events", events.code_events, ctx, hits)
        rels, _ = timed("relations", relations.extract, ctx, evs, hits)
        timed("stances", stances.extract, ctx, evs, hits, qs, rels)
    total = sum(cost.values())
    print(f"{len(arts)} articles; spaCy parse {spacy_s:.2f} s")
    for name, s in cost.items():
        print(f"  {name:10s} {s:6.2f} s  {100 * s / spacy_s:5.1f}% of spaCy")
    rest = total - cost["events"]
    print(f"stage_cost detente/spacy {total / spacy_s:.2f} | events/rest {cost['events'] / rest:.2f}")


if __name__ == "__main__":
    main()
