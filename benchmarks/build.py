"""Benchmark: documents per second, seconds per stage and peak memory of a build.

    python benchmarks/build.py [CORPUS ...] [--synthetic 1000 10000] [--jobs 1 2]
                               [--repeat N] [--no-rebuild] [--no-record]

Builds each corpus (the examples when none is named) and each synthetic corpus of the
given sizes (written by `kg synth` into a temporary folder; the writing is timed apart and
not counted), once per --jobs value, into a fresh store in a child process, so that its
peak RSS is the build's own: the build process's (ru_maxrss), and the build's with its
worker processes (read and parse), sampled from /proc twice a second (Linux).
Then, unless --no-rebuild, once more into the same store (the no-change rebuild).
Prints a table and appends it to benchmarks/RESULTS.md. Not a test: these machines are
shared and noisy, so the CPU seconds (the build's and its workers') are given beside the
wall seconds, and the load average.

Columns: map and validate s are the seconds the workers spent (summed over workers);
read CPU s is the CPU time of reading and parsing (workers included); limit s is the
physical limit as issue 14 defines it: read CPU s over the cores, plus the quads at the
store's bulk-load rate (BULK_RATE, a million quads a second).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import record
from procs import processes, rss_mib, tree

ROOT = Path(__file__).resolve().parents[1]
STEPS = ("read", "resolve", "map", "validate", "load", "index", "cache", "statistics")
#: The store's bulk-load rate the issue takes as the physical limit (quads a second).
BULK_RATE = 1_000_000
CORES = os.cpu_count() or 1

_CHILD = """
import json, resource, sys, time
from pathlib import Path
from kg.pipeline import build
from kg.report import Stage
from kg.settings import BuildSettings, RunSettings

def cpu():
    return time.process_time()

read = []  # this process's CPU seconds and the clock when the readers have ended
def progress(stage, done, total):
    if stage is Stage.RESOLVE and not read:
        read.append((cpu() - start_cpu, time.time()))

if __name__ == "__main__":
    paths = [Path(p) for p in sys.argv[3:]]
    t, start_cpu = time.perf_counter(), cpu()
    run = RunSettings(jobs=int(sys.argv[2]))
    report = build(paths, Path(sys.argv[1]), BuildSettings(), run=run, progress=progress)
    print(json.dumps({"seconds": time.perf_counter() - t, "docs": len(report.outcomes),
                      "read": read[0] if read else (0.0, 0.0), "cpu": cpu() - start_cpu,
                      "loaded": sum(o.status == "loaded" for o in report.outcomes),
                      "quads": report.triples, "steps": report.seconds,
                      "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    docs: int
    loaded: int
    quads: int
    steps: dict[str, float]
    rss: float  # MiB, the build process (its ru_maxrss)
    read_cpu: float  # CPU seconds of reading and parsing, workers included
    cpu: float  # CPU seconds of the whole build, workers included
    tree: float  # MiB, the build and its workers together, sampled twice a second


def run_child(store: Path, corpus: list[Path], jobs: int) -> Run:
    """One build in a child process (run as a file, as worker processes need)."""
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(_CHILD)
    try:
        child = subprocess.Popen(
            [sys.executable, script.name, str(store), str(jobs), *map(str, corpus)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        peak = [0.0]
        workers: dict[int, tuple[float, float]] = {}
        sampler = threading.Thread(target=_sample, args=(child, peak, workers), daemon=True)
        sampler.start()
        stdout, _ = child.communicate()
        sampler.join()
    finally:
        Path(script.name).unlink()
    if child.returncode != 0:
        raise SystemExit(f"the build failed (exit {child.returncode})")
    result = json.loads(stdout.strip().splitlines()[-1])
    own_read, read_end = result["read"]
    readers = sum(cpu for cpu, seen in workers.values() if seen < read_end + 1.0)
    return Run(
        seconds=result["seconds"],
        docs=int(result["docs"]),
        loaded=int(result["loaded"]),
        quads=int(result["quads"]),
        steps=result["steps"],
        rss=result["rss"],
        read_cpu=own_read + readers,
        cpu=result["cpu"] + sum(cpu for cpu, _ in workers.values()),
        tree=peak[0],
    )


def _sample(
    child: subprocess.Popen[str], peak: list[float], workers: dict[int, tuple[float, float]]
) -> None:
    """The largest sum of the RSS of ``child`` and its descendants, until it ends; and
    each descendant's CPU seconds and when it was last seen (clock time), in ``workers``."""
    while child.poll() is None:
        running = processes()
        family = tree(child.pid, running)
        peak[0] = max(peak[0], sum(map(rss_mib, family)))
        now = time.time()
        for pid in family - {child.pid}:
            workers[pid] = (running[pid][2] + running[pid][3], now)
        time.sleep(0.5)


def synthesize(docs: int, folder: Path) -> float:
    """Write a synthetic corpus with `kg synth`; the seconds it took."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kg", "synth", "--docs", str(docs), "--out", str(folder)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    return time.perf_counter() - start


def measure(name: str, corpus: list[Path], jobs: int, repeat: int, rebuild: bool) -> str:
    """Build ``corpus`` ``repeat`` times with ``jobs`` workers; one row of the table."""
    runs, again = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            runs.append(run_child(Path(tmp), corpus, jobs))
            if rebuild:
                again.append(run_child(Path(tmp), corpus, jobs).seconds)
    best = sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]  # the median run
    steps = " | ".join(f"{best.steps.get(s, 0.0):.1f}" for s in STEPS)
    rebuilt = f"{statistics.median(again):.1f}" if again else "-"
    limit = best.read_cpu / CORES + best.quads / BULK_RATE
    row = (
        f"| {name} | {best.docs} | {jobs} | {best.quads} | {best.quads / best.docs:.0f} | "
        f"{best.seconds:.1f} | {best.docs / best.seconds:.1f} | {steps} | "
        f"{best.read_cpu:.1f} | {best.cpu:.1f} | {limit:.1f} | {best.seconds / limit:.2f} | "
        f"{rebuilt} | {max(r.rss for r in runs):.0f} | {max(r.tree for r in runs):.0f} | "
        f"{os.getloadavg()[0]:.1f} |"
    )
    print(row, flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("corpus", nargs="*", type=Path)
    parser.add_argument("--synthetic", nargs="*", type=int, default=[], metavar="DOCS")
    parser.add_argument("--jobs", nargs="*", type=int, default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-rebuild", action="store_true", help="skip the no-change rebuild")
    parser.add_argument("--no-record", action="store_true", help="print only")
    args = parser.parse_args()
    header = [
        "| corpus | documents | jobs | quads | quads/doc | build s | docs/s | "
        + " | ".join(f"{s} s" for s in STEPS)
        + " | read CPU s | build CPU s | limit s | build / limit | no-change rebuild s"
        " | peak RSS MiB (build) | peak RSS MiB (with workers) | load avg (1 min, at end) |",
        "|---|" + "---:|" * (15 + len(STEPS)),
    ]
    print("\n".join(header), flush=True)
    rows, notes = [], []
    corpora = args.corpus or ([] if args.synthetic else [ROOT / "examples"])
    for path in corpora:
        full = path.resolve()
        name = str(full.relative_to(ROOT) if full.is_relative_to(ROOT) else path)
        for jobs in args.jobs:
            rows.append(measure(name, [path], jobs, args.repeat, not args.no_rebuild))
    for docs in args.synthetic:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "corpus"
            seconds = synthesize(docs, folder)
            notes.append(f"kg synth --docs {docs}: {seconds:.1f} s (not counted)")
            for jobs in args.jobs:
                rows.append(
                    measure(f"synthetic {docs}", [folder], jobs, args.repeat, not args.no_rebuild)
                )
    table = "\n".join(header + rows)
    if notes:
        table += "\n\n" + "; ".join(notes) + "."
        print(notes)
    if not args.no_record:
        record(ROOT / "benchmarks" / "RESULTS.md", f"build, {args.repeat} run(s) each", table)


if __name__ == "__main__":
    main()
