"""Dev-set scores by group, to see whether a change generalises.

    python benchmarks/dev_split.py                 # code the dev set, print scores per group
    python benchmarks/dev_split.py --pred DIR      # score coded JSON already in DIR
    python benchmarks/dev_split.py --coverage      # also: events per CAMEO root (gold, found, missed, extra)
    python benchmarks/dev_split.py --diff read     # score.py's diff, only for the articles of that status

The groups are in `benchmarks/dev_groups.tsv`: the 11 articles the first rules were written against
("tuned"), and the 25 added ones by region. Regions marked "held" are measured before their diffs are
read; `--diff` refuses them unless asked by name, so that they stay unread while rules are written.
The last line is `dev_split events F1 … relations F1 … stances F1 …` over all 36.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
EVAL = HERE.parents[0].parent / "shared" / "eval"
LAYERS = ("actors", "persons", "quotes", "reported", "events", "relations", "stances")


def load_scorer():
    path = EVAL / "score.py"
    if not path.exists():
        print(f"skipped: {path} not found (../shared is absent)", file=sys.stderr)
        sys.exit(0)
    spec = importlib.util.spec_from_file_location("detente_shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_groups() -> dict[str, tuple[str, str]]:
    groups = {}
    for line in (HERE / "dev_groups.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            article_id, group, status = line.split("\t")
            groups[article_id] = (group, status)
    return groups


def code_dev_set(out: Path) -> None:
    from detente.corpus.readers import article_from_record
    from detente.coding.pipeline import code_articles

    files = sorted((EVAL / "articles").glob("*.json"))
    articles = [article_from_record(json.loads(f.read_text(encoding="utf-8")), str(f)) for f in files]
    for doc in code_articles(articles):
        (out / f"{doc.id}.json").write_text(json.dumps(doc.to_dict(), ensure_ascii=False), encoding="utf-8")


def line(name: str, total: dict) -> str:
    cells = [f"{layer} {total[layer]['f1']:.3f}" for layer in LAYERS]
    return f"{name:28s} " + " | ".join(cells) + f" | code acc {total['event_code_acc']}"


def root_coverage(scorer, gold: dict, pred: dict, table: dict) -> None:
    """Adds one article's events to the per-root table (root-level matching, as score.py does)."""
    def events(doc):
        return [e for e in doc.get("events", []) if not e.get("negated") and e.get("cameo")]

    def key(e):
        return scorer.actor_key(e.get("source")), scorer.actor_key(e.get("target")), str(e["cameo"])[:2]

    gold_keys, pred_keys = Counter(map(key, events(gold))), Counter(map(key, events(pred)))
    for k in set(gold_keys) | set(pred_keys):
        found = min(gold_keys[k], pred_keys[k])
        row = table[k[2]]
        row["gold"] += gold_keys[k]
        row["found"] += found
        row["missed"] += gold_keys[k] - found
        row["extra"] += pred_keys[k] - found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pred", type=Path, help="folder of coded JSON (default: code the dev set now)")
    parser.add_argument("--coverage", action="store_true", help="events per CAMEO root")
    parser.add_argument("--diff", help="print score.py's diff for a status (read/held), a group or an article id")
    args = parser.parse_args(argv)
    scorer, groups = load_scorer(), read_groups()
    with tempfile.TemporaryDirectory() as tmp:
        pred_dir = args.pred or Path(tmp)
        if not args.pred:
            code_dev_set(pred_dir)
        by_group, by_status, everything = defaultdict(list), defaultdict(list), []
        coverage = defaultdict(Counter)
        for gold_file in sorted((EVAL / "gold").glob("*.json")):
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            pred_file = pred_dir / gold_file.name
            pred = json.loads(pred_file.read_text(encoding="utf-8")) if pred_file.exists() else {}
            result = scorer.score(gold, pred)
            group, status = groups.get(gold_file.stem, ("other", "read"))
            by_group[group].append(result)
            if group != "tuned":
                by_status["new-" + status].append(result)
            everything.append(result)
            root_coverage(scorer, gold, pred, coverage)
            if args.diff in (status, group, gold_file.stem) and (status == "read" or args.diff != "read"):
                scorer.print_diff(gold_file.stem, result["_diff"])
    for name, results in sorted(by_group.items()):
        print(line(f"{name} ({len(results)})", scorer.combine(results)))
    for name, results in sorted(by_status.items()):
        print(line(f"{name} ({len(results)})", scorer.combine(results)))
    new = by_status.get("new-read", []) + by_status.get("new-held", [])
    print(line(f"all new ({len(new)})", scorer.combine(new)))
    total = scorer.combine(everything)
    print(line(f"all ({len(everything)})", total))
    if args.coverage:
        print(f"\n{'root':5s} {'gold':>5s} {'found':>6s} {'missed':>7s} {'extra':>6s}")
        for root, row in sorted(coverage.items()):
            print(f"{root:5s} {row['gold']:5d} {row['found']:6d} {row['missed']:7d} {row['extra']:6d}")
    print("dev_split " + " ".join(f"{layer} F1 {total[layer]['f1']:.3f}" for layer in ("events", "relations", "stances")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
