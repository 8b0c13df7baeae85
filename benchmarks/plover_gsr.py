"""PLOVER gold-standard records (322 CAMEO-manual sentences): event type and actor countries.

Matching rule: each record's gold PLOVER v0.5 category is mapped to PLOVER 2.0 with the explicit
table below; detente's type for the sentence is the PLOVER type of its first counted event, or,
when no event has both actors resolved, of the first pattern that fired in the sentence
(``--strict`` counts only complete events). Actors: per record, the set of ISO3 country codes
of sources and of targets ("SRC/TAR" compound actors are both); P/R/F1 summed over records.
Last line: ``plover_gsr event_type_accuracy 0.xx``.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter

from _peers import code_sentences, main_codes, peer_file, prf

V05_TO_V2 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def countries(actors) -> set[str]:
    if not actors or isinstance(actors, str):
        return set()
    return {a["code"][:3] for a in actors if a.get("code") and a["code"][:3].isalpha() and a["code"][:3] != "IGO"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--strict", action="store_true", help="count only events with both actors resolved")
    args = ap.parse_args()
    from detente import kb as kb_module

    kb = kb_module.load()
    records = [r for r in json.loads(peer_file("PLOVER/gold_standard_records/PLOVER_GSR_CAMEO.txt").read_text())
               if r.get("event") and r["event"] != "DOCUMENT"]
    docs = code_sentences([r["text"] for r in records])
    right = 0
    confusion = Counter()
    src = [0, 0, 0]
    tgt = [0, 0, 0]
    for rec, doc in zip(records, docs):
        gold = V05_TO_V2.get(rec["event"], rec["event"])
        codes = main_codes(doc, strict=args.strict)
        pred = next((kb.plover[c][0] for c in codes if kb.plover.get(c, ("", ""))[0]), "NONE")
        right += pred == gold
        confusion[(gold, pred)] += 1
        g_src, g_tgt = countries(rec.get("source")), countries(rec.get("target"))
        info = rec.get("textInfo")
        markup = info.get("markup", "") if isinstance(info, dict) else ""
        if "SRC/TAR" in markup:
            g_tgt |= g_src
        p_src = {e.source for e in doc.events if e.counts and len(e.source) == 3 and e.source.isupper()}
        p_tgt = {e.target for e in doc.events if e.counts and len(e.target) == 3 and e.target.isupper()}
        for acc, g, p in ((src, g_src, p_src), (tgt, g_tgt, p_tgt)):
            acc[0] += len(g & p)
            acc[1] += len(p)
            acc[2] += len(g)
    n = len(records)
    print(f"records {n}")
    for name, acc in (("source", src), ("target", tgt)):
        p, r, f = prf(*acc)
        print(f"{name} countries P {p:.3f} R {r:.3f} F1 {f:.3f}")
    misses = Counter({k: v for k, v in confusion.items() if k[0] != k[1]})
    print("most frequent confusions (gold -> predicted):",
          ", ".join(f"{g}->{p} {c}" for (g, p), c in misses.most_common(8)))
    print(f"plover_gsr event_type_accuracy {right / n:.2f}")


if __name__ == "__main__":
    main()
