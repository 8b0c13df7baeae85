"""Show that a change leaves detente's output byte-identical: code the same articles with the code
at a git revision and with the working tree, and compare the JSON.

    python benchmarks/same_output.py --before a20efac          # dev articles and examples/
    python benchmarks/same_output.py --before HEAD --inputs my.txt other.json

The revision's code is exported with ``git archive`` into a temporary folder under /work (or the
system's temporary folder), removed afterwards. Each tree codes the articles in its own process,
plainly and with ``explain`` (which takes other paths through events and stances), and writes one
JSON line per document (keys sorted, as the store writes them). Prints ``same N of N``, or the
first document and key that differ; exits 1 on any difference.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval" / "articles"
MISSING = object()


def default_inputs() -> list[str]:
    files = sorted(str(p) for p in EVAL.glob("*.json"))
    files += sorted(str(p) for p in (ROOT / "examples").iterdir() if p.suffix in (".json", ".txt"))
    return files


# ------------------------------------------------------------------ comparison
def first_difference(a, b, path: str = "") -> str | None:
    """The first key path at which two JSON values differ (``None`` when they are equal):
    ``events[3].cameo``, ``persons`` (a list of another length), ``quotes[0].speaker``."""
    if type(a) is not type(b):
        return path or "(top)"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{path}.{key}" if path else key
            found = first_difference(a[key], b[key], f"{path}.{key}" if path else key)
            if found is not None:
                return found
        return None
    if isinstance(a, list):
        for n, (x, y) in enumerate(zip(a, b)):
            found = first_difference(x, y, f"{path}[{n}]")
            if found is not None:
                return found
        return None if len(a) == len(b) else f"{path} (length {len(a)} vs {len(b)})"
    return None if a == b else (path or "(top)")


def compare(before: list[dict], after: list[dict]) -> tuple[int, str | None]:
    """(documents the same, a line naming the first difference or None). Documents are matched in
    order; each is ``{"input": ..., "mode": ..., "doc": ...}``."""
    same, first = 0, None
    for n in range(max(len(before), len(after))):
        a = before[n] if n < len(before) else None
        b = after[n] if n < len(after) else None
        if a is None or b is None:
            first = first or f"document {n}: only in {'after' if a is None else 'before'}"
            continue
        where = first_difference(a, b)
        if where is None and json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True):
            same += 1
        elif first is None:
            key = where or "(text)"
            first = f"{a['input']} [{a['mode']}] differs at {key}: {_show(a, key)} -> {_show(b, key)}"
    return same, first


def _show(record: dict, key: str) -> str:
    value = record
    for part in key.replace("[", ".[").split("."):
        if not part or part == "(top)" or part.startswith("(") or value is MISSING:
            continue
        if part.startswith("["):
            idx = int(part.strip("[]").split()[0])
            value = value[idx] if isinstance(value, list) and idx < len(value) else MISSING
        else:
            value = value.get(part, MISSING) if isinstance(value, dict) else MISSING
    text = "(missing)" if value is MISSING else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 160 else text[:157] + "..."


# ------------------------------------------------------------------ coding (run in each tree)
def dump(inputs: list[str], out: str) -> None:
    """Code every input with the detente on ``sys.path`` and write one JSON line per document."""
    try:
        from detente.coding.pipeline import code_articles
        from detente.corpus.readers import read_sources
    except ImportError:  # a revision from before the package layout of issue 15
        from detente.ingest import read_sources
        from detente.pipeline import code_articles

    with open(out, "w", encoding="utf-8") as fh:
        for source in inputs:
            for explain in (False, True):
                articles = [a for a in read_sources([source]) if not isinstance(a, Exception)]
                for doc in code_articles(articles, explain=explain):
                    record = {"input": os.path.basename(source), "mode": "explain" if explain else "plain",
                              "doc": doc.to_dict(include_text=True)}
                    fh.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")


def code_tree(tree: Path, inputs: list[str], out: Path) -> list[dict]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    subprocess.run([sys.executable, str(Path(__file__).resolve()), "--dump", str(out), *inputs],
                   cwd=str(tree), env=env, check=True)
    with open(out, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def export_revision(rev: str, into: Path) -> None:
    """The files of ``rev`` (as git stores them) in ``into``, without touching the worktree list."""
    archive = into / "rev.tar"
    with open(archive, "wb") as fh:
        subprocess.run(["git", "archive", "--format=tar", rev], cwd=ROOT, stdout=fh, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "tree", filter="data")
    archive.unlink()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", help="git revision to compare the working tree with")
    ap.add_argument("--inputs", nargs="+", help="articles to code (default: the dev set and examples/)")
    ap.add_argument("--dump", help=argparse.SUPPRESS)  # internal: code the inputs in this process
    ap.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.dump:
        dump(args.rest, args.dump)
        return 0
    if not args.before:
        ap.error("--before REV is required")
    inputs = [str(Path(p).resolve()) for p in (args.inputs or default_inputs())]
    if not inputs:
        print("no inputs (../shared/eval/articles not found and no --inputs)")
        return 1
    base = Path("/work") if os.access("/work", os.W_OK) else None
    tmp = Path(tempfile.mkdtemp(prefix="same-output-", dir=base))
    try:
        export_revision(args.before, tmp)
        before = code_tree(tmp / "tree", inputs, tmp / "before.jsonl")
        after = code_tree(ROOT, inputs, tmp / "after.jsonl")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    same, first = compare(before, after)
    total = max(len(before), len(after))
    print(f"same {same} of {total}")
    if first:
        print(f"first difference: {first}")
    return 0 if same == total and first is None else 1


if __name__ == "__main__":
    sys.exit(main())
