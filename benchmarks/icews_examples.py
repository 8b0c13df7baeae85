"""ICEWS CAMEO codebook examples: does detente code each example sentence with its code's root?

Matching rule: for each codebook row with an example sentence, the sentence is right when the
first counted event's root equals the row's root; when no event has both actors resolved, the
first pattern that fired counts (``--strict`` turns this off). Exact-code accuracy is printed too.
Last line: ``icews_examples root_accuracy 0.xx``.
"""
from __future__ import annotations

import argparse
import csv

from _peers import code_sentences, main_codes, peer_file


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--strict", action="store_true")
    args = ap.parse_args()
    rows = []
    # the file is UTF-8 with some Mac-Roman mojibake bytes: undecodable bytes are replaced
    with peer_file("icews/data-raw/cameo-codes.csv").open(encoding="utf-8", errors="replace") as fh:
        for r in csv.DictReader(fh):
            if r.get("example") and r["example"] != "NA" and len(r["code"]) >= 3:
                text = r["example"].replace("‚Äô", "’").replace("‚Äú", "“").replace("‚Äù", "”")
                rows.append((r["code"], text))
    docs = code_sentences([t for _, t in rows])
    root_ok = exact = 0
    for (code, _), doc in zip(rows, docs):
        codes = main_codes(doc, strict=args.strict)
        pred = codes[0] if codes else ""
        root_ok += pred[:2] == code[:2]
        exact += pred == code
    n = len(rows)
    print(f"examples {n}  exact-code accuracy {exact / n:.3f}")
    print(f"icews_examples root_accuracy {root_ok / n:.2f}")


if __name__ == "__main__":
    main()
