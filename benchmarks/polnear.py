"""PolNeAR dev split (84 US political news articles, 2016): direct quotations and their speakers.

    python3 ../shared/eval/polnear.py ../shared/peers/PolNeAR/data/dev /tmp/polnear   # once
    python benchmarks/polnear.py [--data /tmp/polnear] [--diff]

Matching rule: score.py's quotes layer (a predicted quotation matches a gold one when they share at
least half of the shorter one's words, most similar first; attribution counts a matched quotation
whose gold speaker is named). The conversion (``polnear.py``) keeps only direct quotations, so the
other layers are not scored. If the converted folder is missing it is made with ``polnear.py``;
when ../shared is absent the script says so and exits 0.
Last line: ``polnear quotes_f1 X attribution Y``.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from dev_split import EVAL, load_scorer

SPLIT = EVAL.parent / "peers" / "PolNeAR" / "data" / "dev"


def convert(out: Path) -> None:
    if not (EVAL / "polnear.py").exists() or not SPLIT.exists():
        print(f"skipped: {EVAL / 'polnear.py'} or {SPLIT} not found (../shared is absent)", file=sys.stderr)
        sys.exit(0)
    subprocess.run([sys.executable, str(EVAL / "polnear.py"), str(SPLIT), str(out)], check=True,
                   stdout=subprocess.DEVNULL)


def code(articles: Path, out: Path) -> None:
    from detente.corpus.readers import article_from_record
    from detente.coding.pipeline import code_articles

    files = sorted(articles.glob("*.json"))
    records = [article_from_record(json.loads(f.read_text(encoding="utf-8")), str(f)) for f in files]
    for doc in code_articles(records):
        (out / f"{doc.id}.json").write_text(json.dumps(doc.to_dict(), ensure_ascii=False), encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, help="the converted split (articles/, gold/); default: convert now")
    parser.add_argument("--diff", action="store_true", help="print score.py's quotes diff per article")
    args = parser.parse_args(argv)
    scorer = load_scorer()
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data or Path(tmp) / "data"
        if not (data / "gold").exists():
            convert(data)
        pred_dir = Path(tmp) / "pred"
        pred_dir.mkdir()
        code(data / "articles", pred_dir)
        results = []
        for gold_file in sorted((data / "gold").glob("*.json")):
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            pred_file = pred_dir / gold_file.name
            pred = json.loads(pred_file.read_text(encoding="utf-8")) if pred_file.exists() else {}
            pred = {"id": pred.get("id"), "quotes": pred.get("quotes", [])}  # the gold has quotes only
            result = scorer.score(gold, pred)
            results.append(result)
            if args.diff:
                scorer.print_diff(gold_file.stem, {k: v for k, v in result["_diff"].items() if k == "quotes"})
    total = scorer.combine(results)
    q = total["quotes"]
    print(f"articles {len(results)}  direct quotes P {q['p']:.3f} R {q['r']:.3f} F1 {q['f1']:.3f} "
          f"(tp {q['tp']}, pred {q['pred']}, gold {q['gold']})")
    print(f"polnear quotes_f1 {q['f1']:.3f} attribution {total['quotes_attribution_acc']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
