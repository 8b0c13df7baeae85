"""Spark scaling: the same corpus coded by `detente spark` with local[1] and local[2], and by `detente ingest`.

    python benchmarks/spark_scaling.py            # N = 1000 articles
    python benchmarks/spark_scaling.py --n 200    # a quick look

The corpus is benchmarks/throughput.py's (``build_corpus``): the dev articles of
../shared/eval/articles repeated, each copy with its own id and a "[copy k]" line, so that no
two articles are alike. Each run is a fresh subprocess:

  * Spark: ``detente.corpus.spark.run`` on a local[k] session; "job" is the time of the job alone
    (reading, coding - including the model load in each Python worker - and writing the
    Parquet tables), "wall" adds the start of Python, the JVM and the session;
  * ingest: ``python -m detente ingest corpus.jsonl --db <fresh store> --workers 2`` (the real
    command with as many coding processes as local[2] has cores), wall clock.

Memory: the largest resident set of one Spark Python worker (psutil, sampled every 0.2 s),
and the peak of the whole process tree (JVM included).

Prints the details on stderr, then:
    local[1] X s | local[2] Y s | ingest Z articles/s | spark local[2] W articles/s | ratio W/Z | worker RSS M MB
    spark_scaling speedup X.XX
Exits 0 with a message when ../shared or pyspark/Java is absent.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import ARTICLES, build_corpus  # the throughput benchmark's corpus

SPARK_RUN = """
import json, sys, time
from detente.corpus.spark import run, session
started = time.perf_counter()
spark = session(sys.argv[3], config={"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false"})
start_seconds = time.perf_counter() - started
summary = run(sys.argv[1], sys.argv[2], spark=spark)
spark.stop()
print(json.dumps({"documents": summary.documents, "errors": summary.errors, "seconds": summary.seconds,
                  "start_seconds": start_seconds, "partitions": summary.partitions}))
"""


def sampled(cmd: list[str]) -> tuple[float, str, float, float, float]:
    """Run ``cmd``: wall seconds, stdout, peak RSS (MB) of the process tree, the largest RSS of
    one Spark Python worker (a process forked by ``pyspark.daemon``), and the CPU seconds the
    Spark Python workers used (or, without Spark, the child processes: ingest's workers)."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    root = psutil.Process(proc.pid)
    tree_peak, worker_peak = 0, 0
    cpu: dict[int, float] = {}
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        total = 0
        for p in tree:
            try:
                rss = p.memory_info().rss
                total += rss
                line = " ".join(p.cmdline())
                if "pyspark.daemon" in line and "pyspark.daemon" in " ".join(p.parent().cmdline()):
                    worker_peak = max(worker_peak, rss)
                    cpu[p.pid] = sum(p.cpu_times()[:2])
                elif "multiprocessing" in line:
                    cpu[p.pid] = sum(p.cpu_times()[:2])
            except (psutil.Error, AttributeError):
                pass
        tree_peak = max(tree_peak, total)
        time.sleep(0.2)
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.stderr.write(err[-3000:])
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}")
    return seconds, out, tree_peak / 2**20, worker_peak / 2**20, sum(cpu.values())


def run_spark(corpus: Path, n: int, cores: int, tmp: Path) -> dict:
    out = tmp / f"spark-{cores}"
    wall, stdout, tree, worker, cpu = sampled([sys.executable, "-c", SPARK_RUN, str(corpus), str(out),
                                               f"local[{cores}]"])
    result = json.loads(stdout.strip().splitlines()[-1])
    if result["documents"] != n:
        raise SystemExit(f"expected {n} documents from Spark, got {result}")
    result.update(wall=wall, tree_mb=tree, worker_mb=worker)
    print(f"  spark local[{cores}]: job {result['seconds']:.1f} s ({n / result['seconds']:.2f} articles/s, "
          f"{result['partitions']} partitions), session start {result['start_seconds']:.1f} s, wall {wall:.1f} s; "
          f"Python workers' CPU {cpu:.0f} s (on average {cpu / result['seconds']:.2f} cores busy); "
          f"peak RSS: one Python worker {worker:.0f} MB, all processes {tree:.0f} MB", file=sys.stderr)
    return result


def run_ingest(corpus: Path, n: int, workers: int, tmp: Path) -> float:
    db = tmp / "ingest.duckdb"
    wall, stdout, tree, _, cpu = sampled([sys.executable, "-m", "detente", "ingest", str(corpus), "--db", str(db),
                                          "--workers", str(workers)])
    line = stdout.strip().splitlines()[-1] if stdout.strip() else ""
    if not line.startswith(f"stored {n},"):
        raise SystemExit(f"expected {n} articles stored, got: {line}")
    print(f"  detente ingest --workers {workers}: wall {wall:.1f} s ({n / wall:.2f} articles/s), workers' CPU "
          f"{cpu:.0f} s (on average {cpu / wall:.2f} cores busy), peak RSS {tree:.0f} MB", file=sys.stderr)
    return wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="articles in the corpus (default 1000)")
    args = ap.parse_args()
    if not ARTICLES.is_dir():
        print(f"skipped: {ARTICLES} not found (../shared is absent)")
        return
    try:
        import psutil  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError as exc:
        print(f"skipped: {exc.name} is not installed (pip install -e .[dev])")
        return
    java = shutil.which("java") or (os.path.join(os.environ["JAVA_HOME"], "bin", "java")
                                    if os.environ.get("JAVA_HOME") else None)
    if not java or subprocess.run([java, "-version"], capture_output=True, check=False).returncode != 0:
        print("skipped: no Java runtime (Spark needs Java 17)")
        return
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    with tempfile.TemporaryDirectory(prefix="detente-spark-bench-") as name:
        tmp = Path(name)
        corpus = tmp / "corpus.jsonl"
        n = build_corpus(args.n, corpus)
        print(f"corpus: {n} articles, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} "
              "(other work on the machine slows every run and hides the speed-up)", file=sys.stderr)
        one = run_spark(corpus, n, 1, tmp)
        two = run_spark(corpus, n, 2, tmp)
        ingest_wall = run_ingest(corpus, n, 2, tmp)
    print(f"  load average at the end {os.getloadavg()[0]:.1f}", file=sys.stderr)
    speedup = one["seconds"] / two["seconds"]
    ingest_rate, spark_rate = n / ingest_wall, n / two["seconds"]
    print(f"  speed-up with the session start counted: {one['wall'] / two['wall']:.2f}; "
          f"local[2] wall rate vs ingest: {(n / two['wall']) / ingest_rate:.2f}", file=sys.stderr)
    print(f"local[1] {one['seconds']:.1f} s | local[2] {two['seconds']:.1f} s | ingest {ingest_rate:.2f} articles/s "
          f"| spark local[2] {spark_rate:.2f} articles/s | ratio {spark_rate / ingest_rate:.2f} "
          f"| worker RSS {max(one['worker_mb'], two['worker_mb']):.0f} MB")
    print(f"spark_scaling speedup {speedup:.2f}")


if __name__ == "__main__":
    main()
