"""End-to-end ingest throughput against bare spaCy, and memory at N and 4N articles.

    python benchmarks/throughput.py                 # N = 2000; memory compared at N/4 and N
    python benchmarks/throughput.py --scale-check   # memory compared at N and 4N (4N = 8000: long)

The corpus repeats the dev articles of ../shared/eval/articles/*.json, each copy with a
distinct id and a distinct text: the line "[copy k]" is appended to copy k, so every
article has its own content hash and none is skipped as already stored. It is written as a
folder of .jsonl files of 100 articles, as archives are usually split (the reader streams a
.jsonl file line by line, so one big file would do as well).

Each measurement runs in a fresh subprocess, timed by wall clock from start to exit (Python
start-up, model loading and worker start-up included):
  * detente:   `python -m detente ingest corpus/ --db <fresh temp store> --workers W`
               (the real command: reading, coding in W worker processes, DuckDB writes);
  * spaCy-only: the same texts through `nlp.pipe(texts, n_process=W, batch_size=B)` of the
               same pipeline, Docs discarded.
Peak RSS is the largest sum, over samples every 0.1 s (psutil), of the resident memory of
the measured process and all its descendants (the worker processes) - not ru_maxrss,
which cannot add up processes that peak at different moments.

Prints one line on stdout:
    articles/s X | spaCy-only articles/s Y | ratio X/Y | peak RSS Z MB
and the details on stderr, with the scale check: the peak RSS of a run 4 times smaller (N/4)
than the measured one, or with --scale-check of a run 4 times larger (4N), to show that memory
does not grow with the corpus. Exits 0 with a message
when ../shared is absent.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT.parent / "shared" / "eval" / "articles"


FILE_SIZE = 100  # articles per .jsonl file in build_corpus_folder


def corpus_records(n: int) -> Iterator[dict]:
    """n articles: copies of the dev articles with distinct ids and texts ("[copy k]" appended)."""
    sources = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(ARTICLES.glob("*.json"))]
    for k in range(n):
        base = dict(sources[k % len(sources)])
        copy = k // len(sources) + 1
        base["id"] = f"{base.get('id', 'article')}-copy-{copy}"
        base["text"] = base["text"].rstrip() + f"\n[copy {copy}]"
        yield base


def build_corpus(n: int, path: Path) -> int:
    """Write the n articles as one JSON-lines file (the other benchmarks use this)."""
    with path.open("w", encoding="utf-8") as f:
        for record in corpus_records(n):
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return n


def build_corpus_folder(n: int, folder: Path) -> int:
    """Write the n articles into ``folder`` as JSON-lines files of FILE_SIZE articles."""
    folder.mkdir(parents=True, exist_ok=True)
    records = list(corpus_records(n))
    for start in range(0, n, FILE_SIZE):
        with (folder / f"part-{start // FILE_SIZE:05d}.jsonl").open("w", encoding="utf-8") as f:
            for record in records[start:start + FILE_SIZE]:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return n


def measure(cmd: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """Wall seconds, peak summed RSS (MB) of the process tree, and stdout of ``cmd``."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    ps = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        total = 0
        try:
            tree = [ps, *ps.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for p in tree:
            try:
                total += p.memory_info().rss
            except psutil.NoSuchProcess:
                pass
        peak = max(peak, total)
        time.sleep(0.1)
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.stderr.write(err[-3000:])
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}")
    return seconds, peak / 2**20, out


def run_ingest(corpus: Path, n: int, workers: int, batch_size: int, tmp: Path) -> tuple[float, float]:
    db = tmp / f"bench-{n}.duckdb"
    seconds, peak, out = measure([sys.executable, "-m", "detente", "ingest", str(corpus), "--db", str(db),
                                  "--workers", str(workers), "--batch-size", str(batch_size)])
    summary = out.strip().splitlines()[-1] if out.strip() else ""
    print(f"  detente ingest of {n}: {seconds:.1f} s, peak RSS {peak:.0f} MB ({summary})", file=sys.stderr)
    if not summary.startswith(f"stored {n},"):
        raise SystemExit(f"expected {n} articles stored, got: {summary}")
    return n / seconds, peak


SPACY_ONLY = """
import json, sys
from detente import nlp
from detente.coding.pipeline import text_for_parsing
from pathlib import Path
texts = [text_for_parsing(json.loads(line)["text"])
         for part in sorted(Path(sys.argv[1]).glob("*.jsonl")) for line in open(part, encoding="utf-8")]
pipe = nlp.load()
n = 0
for doc in pipe.pipe(texts, batch_size=int(sys.argv[3]), n_process=int(sys.argv[2])):
    n += 1
print(n)
"""


def run_spacy(corpus: Path, n: int, workers: int, batch_size: int) -> float:
    seconds, peak, _ = measure([sys.executable, "-c", SPACY_ONLY, str(corpus), str(workers), str(batch_size)])
    print(f"  spaCy nlp.pipe of {n} (n_process={workers}): {seconds:.1f} s, peak RSS {peak:.0f} MB",
          file=sys.stderr)
    return n / seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="articles in the corpus (default 2000)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="coding processes (default: all cores)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--scale-check", action="store_true",
                    help="compare memory at N and 4N (default: at N/4 and N, to keep the run short)")
    args = ap.parse_args()
    if not ARTICLES.is_dir():
        print(f"skipped: {ARTICLES} not found (../shared is absent)")
        return
    try:
        import psutil  # noqa: F401
    except ImportError:
        raise SystemExit("psutil is needed: pip install -e .[dev]")
    with tempfile.TemporaryDirectory(prefix="detente-bench-") as tmp_name:
        tmp = Path(tmp_name)
        corpus = tmp / "corpus"
        n = build_corpus_folder(args.n, corpus)
        print(f"corpus: {n} articles, {args.workers} workers, batches of {args.batch_size}", file=sys.stderr)
        rate, peak = run_ingest(corpus, n, args.workers, args.batch_size, tmp)
        spacy_rate = run_spacy(corpus, n, args.workers, args.batch_size)
        small = args.n if args.scale_check else max(1, args.n // 4)
        peaks = {}
        for size in (small, 4 * small):
            if size == n:
                peaks[size] = peak
                continue
            path = tmp / f"corpus-{size}"
            build_corpus_folder(size, path)
            peaks[size] = run_ingest(path, size, args.workers, args.batch_size, tmp)[1]
        growth = (peaks[4 * small] - peaks[small]) / peaks[small] * 100
        print(f"scale check: peak RSS at {small} articles {peaks[small]:.0f} MB | at {4 * small} "
              f"{peaks[4 * small]:.0f} MB | growth {growth:+.1f}%", file=sys.stderr)
    print(f"articles/s {rate:.1f} | spaCy-only articles/s {spacy_rate:.1f} | ratio {rate / spacy_rate:.2f} "
          f"| peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
