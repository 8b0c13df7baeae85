"""The fuzz suite's long profile (`make fuzz`): code N generated documents (tests/fuzzing.py)
and end with one line:

    fuzz N documents, F failures (E exceptions, S over 5 s, V span violations)

F counts documents with any problem; each problem is described on stderr as it is found
(at most --show of them). Exit status 1 when F > 0. ``--seed`` repeats a run.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=None, help="Hypothesis seed (default: random)")
    parser.add_argument("--show", type=int, default=20, help="describe at most this many failures")
    args = parser.parse_args()

    from hypothesis import HealthCheck, Phase, given, seed, settings

    import fuzzing
    from detente import Coder

    coder = Coder()
    counts = {"documents": 0, "failures": 0, "exceptions": 0, "slow": 0, "violations": 0, "refused": 0}
    refusals: Counter[str] = Counter()
    slowest = [0.0, 0]  # seconds, characters
    started = time.perf_counter()

    @settings(max_examples=args.documents, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(fuzzing.documents())
    def run(doc: dict) -> None:
        outcome = fuzzing.run_one(coder, doc)
        counts["documents"] += 1
        counts["refused"] += outcome.refused is not None
        refusals[outcome.refused or "coded"] += 1
        counts["exceptions"] += outcome.exception is not None
        counts["slow"] += outcome.slow
        if outcome.seconds > slowest[0]:
            slowest[:] = [outcome.seconds, len(doc["text"])]
        counts["violations"] += bool(outcome.violations)
        if outcome.failed:
            counts["failures"] += 1
            if counts["failures"] <= args.show:
                print(f"failure {counts['failures']}: {outcome.report(doc)}", file=sys.stderr)
        if counts["documents"] % 1000 == 0:
            print(f"... {counts['documents']} documents, {counts['failures']} failures, "
                  f"{time.perf_counter() - started:.0f} s", file=sys.stderr)

    if args.seed is not None:
        run = seed(args.seed)(run)
    run()
    print(f"({', '.join(f'{n} {code}' for code, n in refusals.most_common())}; E035 lone surrogate, "
          f"E036 unusable date, E004 too long; slowest {slowest[0]:.2f} s ({slowest[1]:,} characters); "
          f"{time.perf_counter() - started:.0f} s in all)", file=sys.stderr)
    print(f"fuzz {counts['documents']} documents, {counts['failures']} failures ({counts['exceptions']} exceptions, "
          f"{counts['slow']} over 5 s, {counts['violations']} span violations)")
    return 1 if counts["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
