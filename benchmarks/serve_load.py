"""Load on `detente serve`: a bounded run of concurrent clients against the read endpoints.

    python benchmarks/serve_load.py                    # 2,000 articles, 16 clients, 60 s
    python benchmarks/serve_load.py --cache-mb 0       # the same with the server's answer cache off
    python benchmarks/serve_load.py --seconds 10 --clients 8

The store holds N articles: the dev articles of ../shared/eval/articles repeated, each copy with
its own id and text (the corpus of benchmarks/throughput.py), ingested with the real
`detente ingest`. It is built once and kept under /tmp/detente-serve-load/ for the next runs.

The server is the real command (`python -m detente serve`, read-only) on 127.0.0.1 at a free
port. All traffic stays on the loopback interface. The clients (asyncio, one keep-alive
HTTP/1.1 connection each: see Connection) pick requests at random (fixed seed) from a mix over every read endpoint and
many distinct URLs - every document by id, pages of documents, every actor, events by source
and code, dyads, quotes by speaker, search words, the alignment and commitments of the
conflicts in the store - so a warm answer cache does not hide the cold work. The run stops by
itself after --seconds (or --max-requests), then the server is stopped.

Prints the details on stderr and, last on stdout, one line:
    serve_load req/s X p50_ms Y p99_ms Z errors N
(an error is a transport failure or any status but 200). Exits 0 with a message when
../shared is absent.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import ARTICLES, build_corpus  # noqa: E402  (the same corpus builder)

CACHE_DIR = Path("/tmp/detente-serve-load")
HOST = "127.0.0.1"  # loopback only, by construction
SEARCH_WORDS = ["ceasefire", "Minsk", "sanctions", "border", "trade", "tariffs", "troops", "resolution", "aid",
                "Kremlin", "Moscow", "Baku", "treaty", "farmers", "medal", "summit", "peacekeepers", "Gaza",
                "security", "agreement", "president", "minister", "copy 7", "conflict", "election"]


# ------------------------------------------------------------------ the store

def store_for(n: int) -> Path:
    """The store of n articles, built (with the real `detente ingest`) when not cached yet."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    db = CACHE_DIR / f"store-{n}.duckdb"
    if db.exists() and _documents(db) == n:
        print(f"store: {db} (cached, {n} articles)", file=sys.stderr)
        return db
    corpus = CACHE_DIR / f"corpus-{n}.jsonl"
    build_corpus(n, corpus)
    partial = CACHE_DIR / f"build-{n}.duckdb"
    for stale in (partial, Path(str(partial) + ".wal")):
        stale.unlink(missing_ok=True)
    print(f"store: ingesting {n} articles into {partial} (once; cached afterwards)", file=sys.stderr)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "detente", "ingest", str(corpus), "--db", str(partial)], cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL)
    if _documents(partial) != n:
        raise SystemExit(f"the store at {partial} does not hold {n} documents")
    partial.replace(db)
    print(f"store: built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return db


def _documents(db: Path) -> int:
    from detente.corpus.store import Store

    try:
        with Store(db, read_only=True) as s:
            return s.counts()["documents"]
    except Exception:  # noqa: BLE001 - a broken or partial cache is rebuilt
        return -1


# ------------------------------------------------------------------ the server

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, cache_mb: int, log: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "DETENTE_API_KEY"}
    proc = subprocess.Popen([sys.executable, "-m", "detente", "serve", "--db", str(db), "--host", HOST,
                             "--port", str(port), "--cache-mb", str(cache_mb)],
                            cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    import httpx

    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(f"http://{HOST}:{port}/api", timeout=5).status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise SystemExit(f"the server did not start; see {log}")
        time.sleep(0.2)


def server_cpu(proc: subprocess.Popen) -> float:
    """CPU seconds (user + system, all threads) the server has used so far; NaN without psutil."""
    try:
        import psutil
    except ImportError:
        return float("nan")
    times = psutil.Process(proc.pid).cpu_times()
    return times.user + times.system


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# ------------------------------------------------------------------ the request mix

def request_mix(base: str) -> list[tuple[str, float, list[str]]]:
    """(kind, weight, URLs) per kind of request, the URLs read from the server before the run."""
    from urllib.parse import quote, urlencode

    import httpx

    with httpx.Client(base_url=base, timeout=60) as c:
        total = c.get("/api/documents", params={"limit": 1}).json()["total"]
        doc_ids = []
        for offset in range(0, total, 500):
            page = c.get("/api/documents", params={"limit": 500, "offset": offset}).json()
            doc_ids += [d["id"] for d in page["items"]]
        actors = c.get("/api/actors", params={"limit": 500}).json()["items"]
        events = c.get("/api/events", params={"limit": 500}).json()["items"]
        quotes = c.get("/api/quotes", params={"limit": 500}).json()["items"]
        conflicts = [x["conflict"] for x in c.get("/api").json()["conflicts"]]
    actor_ids = [a["actor"] for a in actors]
    pairs = sorted({(e["source"], e["target"]) for e in events if e["source"] and e["target"]})
    codes = sorted({e["cameo"][:2] for e in events})
    speakers = sorted({q["speaker"].split()[-1] for q in quotes if q.get("speaker")})
    parties = ["ARM", "AZE", "UKR", "RUS", "USA", "CHN", "ISR", "LBY"]

    def u(path: str, **params) -> str:
        return path + ("?" + urlencode(params) if params else "")

    return [
        ("document", 20, [f"/api/documents/{quote(i, safe='')}" for i in doc_ids]),
        ("documents", 12, [u("/api/documents", limit=20, offset=o) for o in range(0, total, 20)]
         + [u("/api/documents", actor=a, limit=20) for a in actor_ids]),
        ("actors", 5, [u("/api/actors", limit=50, offset=o) for o in (0, 50)]
         + [u("/api/actors", q=a[:3]) for a in actor_ids] + ["/api"]),
        ("actor", 15, [f"/api/actors/{quote(a, safe='')}" for a in actor_ids]),
        ("events", 12, [u("/api/events", source=a) for a in actor_ids] + [u("/api/events", code=k) for k in codes]
         + [u("/api/events", target=a, limit=20) for a in actor_ids]),
        ("dyads", 10, [u("/api/dyads", a=a, b=b, by=by) for a, b in pairs for by in ("month", "year")]),
        ("quotes", 10, [u("/api/quotes", speaker=s, limit=20) for s in speakers] + [u("/api/quotes", actor=a, limit=20)
                                                                         for a in actor_ids]),
        ("search", 10, [u("/api/search", q=w) for w in SEARCH_WORDS + actor_ids[:20]]),
        ("analyses", 6, [u("/api/alignment", conflict=x) for x in conflicts]
         + [u("/api/commitments", conflict=x, party=p) for x in conflicts[:4] for p in parties]),
    ]


# ------------------------------------------------------------------ the load

class Connection:
    """One keep-alive HTTP/1.1 connection to the server: GET a path, get (status, headers, body).

    A plain asyncio client: httpx spends about ten times the server's own cost of a cached answer
    per request, so on a 2-core machine the client, not the server, would be what is measured."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, dict[bytes, bytes], bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}:{self.port}\r\nAccept: application/json\r\n\r\n"
                          .encode("latin-1"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        status_line, *lines = head[:-4].split(b"\r\n")
        status = int(status_line.split(b" ", 2)[1])
        headers = {}
        for line in lines:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        if b"content-length" in headers:
            body = await self.reader.readexactly(int(headers[b"content-length"]))
        elif headers.get(b"transfer-encoding", b"").lower() == b"chunked":
            chunks = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunks.append(await self.reader.readexactly(size + 2))
                if size == 0:
                    break
            body = b"".join(c[:-2] for c in chunks)
        else:
            raise ConnectionError("a response with neither Content-Length nor chunks")
        if headers.get(b"connection", b"").lower() == b"close":
            self.close()
        return status, headers, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def load(port: int, mix, clients: int, seconds: float, max_requests: int, seed: int):
    """``clients`` clients, each on its own connection, sending requests one after the other
    until the deadline (or max_requests in all)."""
    weights = [w for _, w, _ in mix]
    latencies: list[float] = []
    by_kind: dict[str, list[float]] = {kind: [] for kind, _, _ in mix}
    errors: list[str] = []
    hits = 0
    sent = 0
    deadline = time.perf_counter() + seconds

    async def client(k: int) -> None:
        nonlocal hits, sent
        rng = random.Random(seed * 1000 + k)
        conn = Connection(port)
        try:
            while time.perf_counter() < deadline and sent < max_requests:
                sent += 1
                kind, _, urls = rng.choices(mix, weights=weights)[0]
                path = rng.choice(urls)
                t0 = time.perf_counter()
                try:
                    status, headers, body = await asyncio.wait_for(conn.get(path), timeout=30)
                except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, asyncio.TimeoutError,
                        ValueError, IndexError) as exc:
                    errors.append(f"{path}: {type(exc).__name__} {exc}")
                    conn.close()
                    continue
                latencies.append(time.perf_counter() - t0)
                by_kind[kind].append(latencies[-1])
                if status != 200:
                    errors.append(f"{path}: {status} {body[:200]!r}")
                elif headers.get(b"x-detente-cache") == b"hit":
                    hits += 1
        finally:
            conn.close()

    started = time.perf_counter()
    await asyncio.gather(*(client(k) for k in range(clients)))
    return latencies, by_kind, errors, hits, time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="articles in the store (default 2000)")
    ap.add_argument("--seconds", type=float, default=60.0, help="length of the run (default 60)")
    ap.add_argument("--clients", type=int, default=16, help="concurrent clients (default 16)")
    ap.add_argument("--max-requests", type=int, default=1_000_000, help="stop after this many requests too")
    ap.add_argument("--cache-mb", type=int, default=64, help="the server's answer cache (0: off; default 64)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if not ARTICLES.is_dir():
        print(f"skipped: {ARTICLES} not found (../shared is absent)")
        return
    db = store_for(args.n)
    port = free_port()
    base = f"http://{HOST}:{port}"
    log = CACHE_DIR / "server.log"
    proc = start_server(db, port, args.cache_mb, log)
    try:
        mix = request_mix(base)
        urls = sum(len(u) for _, _, u in mix)
        print(f"server: {base} (read-only, answer cache {args.cache_mb} MB); {urls} distinct URLs over "
              f"{len(mix)} kinds of request; {args.clients} clients for {args.seconds:g} s", file=sys.stderr)
        cpu_before = server_cpu(proc)
        latencies, by_kind, errors, hits, elapsed = asyncio.run(
            load(port, mix, args.clients, args.seconds, args.max_requests, args.seed))
        cpu = server_cpu(proc) - cpu_before
    finally:
        stop_server(proc)
    done = len(latencies)
    rate = done / elapsed if elapsed else 0.0
    p50, p99 = percentile(latencies, 50) * 1000, percentile(latencies, 99) * 1000
    print(f"requests {done} in {elapsed:.1f} s; mean {statistics.fmean(latencies) * 1000:.1f} ms, "
          f"max {max(latencies) * 1000:.0f} ms; answered from the cache {hits / max(done, 1):.0%}; "
          f"load average {os.getloadavg()[0]:.2f}", file=sys.stderr)
    if cpu == cpu:  # not NaN: the server's own CPU time, whatever else the machine was doing
        print(f"server CPU {cpu:.1f} s over {elapsed:.1f} s: {cpu / max(done, 1) * 1000:.2f} ms of CPU per request",
              file=sys.stderr)
    for kind, values in by_kind.items():
        if values:
            print(f"  {kind:10s} {len(values):6d} requests  p50 {percentile(values, 50) * 1000:7.1f} ms  "
                  f"p99 {percentile(values, 99) * 1000:7.1f} ms", file=sys.stderr)
    for line in errors[:10]:
        print("error:", line, file=sys.stderr)
    print(json.dumps({"req_s": round(rate, 1), "p50_ms": round(p50, 1), "p99_ms": round(p99, 1),
                      "errors": len(errors), "cache_mb": args.cache_mb, "clients": args.clients}), file=sys.stderr)
    print(f"serve_load req/s {rate:.1f} p50_ms {p50:.1f} p99_ms {p99:.1f} errors {len(errors)}")


if __name__ == "__main__":
    main()
