"""Benchmark: documents per second and peak memory of `kg build` on a corpus.

    python benchmarks/build.py [CORPUS ...] [--repeat N]

Each run builds the corpus into a fresh store in a child process (so peak RSS is the
build's own) and once more into the same store (the no-change rebuild). Prints a table
and appends it to benchmarks/RESULTS.md. Not a test: these machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import record

ROOT = Path(__file__).resolve().parents[1]

_CHILD = """
import json, sys, time
from pathlib import Path
from kg.pipeline import build
from kg.settings import BuildSettings
paths = [Path(p) for p in sys.argv[2:]]
t = time.perf_counter()
report = build(paths, Path(sys.argv[1]), BuildSettings())
print(json.dumps({"seconds": time.perf_counter() - t, "docs": len(report.outcomes),
                  "loaded": sum(o.status == "loaded" for o in report.outcomes),
                  "quads": report.triples}))
"""


def run_child(store: Path, corpus: list[Path]) -> tuple[dict[str, float], float]:
    """One build in a child process: its report and its peak RSS in MiB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(store), *map(str, corpus)],
        capture_output=True,
        text=True,
        check=True,
    )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result, max(peak, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("corpus", nargs="*", type=Path, default=[ROOT / "examples"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-record", action="store_true", help="print only")
    args = parser.parse_args()
    fresh, rebuild, rss = [], [], []
    docs = quads = 0
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            result, peak = run_child(Path(tmp), args.corpus)
            again, _ = run_child(Path(tmp), args.corpus)
        fresh.append(result["seconds"])
        rebuild.append(again["seconds"])
        rss.append(peak)
        docs, quads = int(result["docs"]), int(result["quads"])
    names = ", ".join(
        str(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p) for p in args.corpus
    )
    median = statistics.median(fresh)
    table = "\n".join(
        [
            "| corpus | documents | quads | fresh build s (median) | docs/s "
            "| no-change rebuild s | peak RSS MiB |",
            "|---|---:|---:|---:|---:|---:|---:|",
            f"| {names} | {docs} | {quads} | {median:.2f} | {docs / median:.1f} | "
            f"{statistics.median(rebuild):.2f} | {max(rss):.0f} |",
        ]
    )
    print(table)
    if not args.no_record:
        record(ROOT / "benchmarks" / "RESULTS.md", f"build, {args.repeat} runs", table)


if __name__ == "__main__":
    main()
