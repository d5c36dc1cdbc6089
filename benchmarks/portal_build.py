"""Benchmark: agenda portal meetings built per second.

    python benchmarks/portal_build.py [FOLDER] [--jobs 1 2] [--repeat N] [--no-record]

Builds the portal JSON files in FOLDER (default ../shared/corpus/portal-json, the 60
Greve meetings) into a fresh store, in a child process, --repeat times per --jobs value,
and reports the median: meetings per second of the whole build (read, parse, resolve,
map, validate, load) and of reading and parsing alone (the "read" step), quads and peak
memory. Prints the table and appends it to benchmarks/RESULTS.md with the machine's
description. Not a test: these machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import Run, run_child
from machine import describe, record

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus" / "portal-json"


def measure(folder: Path, jobs: int, repeat: int) -> list[Run]:
    """``repeat`` fresh builds of ``folder`` with ``jobs`` worker processes."""
    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as store:
            runs.append(run_child(Path(store), [folder], jobs))
    return runs


def row(folder: Path, jobs: int, runs: list[Run]) -> str:
    seconds = statistics.median(r.seconds for r in runs)
    read = statistics.median(r.steps.get("read", 0.0) for r in runs)
    first = runs[0]
    if first.loaded != first.docs:
        raise SystemExit(f"only {first.loaded} of {first.docs} meetings loaded")
    peak = max(r.tree for r in runs)
    return (
        f"| {folder.name} | {jobs} | {first.docs} | {first.quads} | {seconds:.2f} "
        f"| {first.docs / seconds:.1f} | {first.docs / read:.1f} | {peak:.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    folder = args.folder.resolve()
    if not folder.is_dir():
        raise SystemExit(f"no folder {folder}")
    header = (
        "| corpus | jobs | meetings | quads | build s (median) | meetings/s | "
        "read+parse meetings/s | peak RSS MiB |\n|---|---:|---:|---:|---:|---:|---:|---:|"
    )
    rows = [row(folder, jobs, measure(folder, jobs, args.repeat)) for jobs in args.jobs]
    table = "\n".join([header, *rows])
    print(f"Machine: {describe()}\n\n{table}")
    if not args.no_record:
        record(ROOT / "benchmarks" / "RESULTS.md", f"portal build, {args.repeat} runs", table)


if __name__ == "__main__":
    main()
