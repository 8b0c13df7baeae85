"""PETRARCH-2 English GSR (78 wire sentences): (source country, target country, root) triples.

Matching rule: per sentence, the gold set of (first three letters of sourcecode, first three
letters of targetcode, two-digit root of eventcode) against detente's counted events
(source, target, root). PETRARCH codes every international organization "IGO..." (IGOEU,
IGOUNO), so detente's IGO ids (EU, UN, ...) compare as "IGO"; a gold actor coded "---"
(unknown country) can never be matched; "noevents" sentences contribute no gold triples.
P/R/F1 over all triples.
Last line: ``petrarch_gsr triple_f1 0.xx``.
"""
from __future__ import annotations

import re

from _peers import code_sentences, peer_file, prf


def load():
    raw = peer_file("UniversalPetrarch/UniversalPetrarch/data/text/PETR2_GSR_validation.xml").read_text(
        encoding="utf-8")
    records = []
    for block in re.split(r"(?=<Sentence )", raw)[1:]:
        if 'evaluate="true"' not in block.split("\n", 1)[0]:
            continue
        text = re.search(r"<Text>(.*?)</Text>", block, re.S)
        if not text:
            continue
        gold = set()
        for code, src, tgt in re.findall(r'eventcode="([^"]+)"\s+sourcecode="([^"]*)"\s+targetcode="([^"]*)"', block):
            gold.add((src[:3], tgt[:3], code[:2]))
        records.append((" ".join(text.group(1).split()), gold))
    return records


def main() -> None:
    from detente import kb as kb_module

    kb = kb_module.load()
    records = load()
    docs = code_sentences([t for t, _ in records])

    def code(actor: str) -> str:
        return "IGO" if kb.actor_type(actor) == "igo" else actor
    tp = n_pred = n_gold = exact = 0
    for (_text, gold), doc in zip(records, docs):
        pred = {(code(e.source), code(e.target), e.root) for e in doc.events if e.counts}
        tp += len(pred & gold)
        n_pred += len(pred)
        n_gold += len(gold)
        exact += pred == gold
    p, r, f = prf(tp, n_pred, n_gold)
    print(f"sentences {len(records)}  gold triples {n_gold}  predicted {n_pred}  matched {tp}")
    print(f"exact sentence match {exact / len(records):.3f}  precision {p:.3f}  recall {r:.3f}")
    print(f"petrarch_gsr triple_f1 {f:.2f}")


if __name__ == "__main__":
    main()
