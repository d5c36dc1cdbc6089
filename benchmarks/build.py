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
shared and noisy.
"""

from __future__ import annotations

import argparse
import json
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

ROOT = Path(__file__).resolve().parents[1]
STEPS = ("read", "resolve", "map", "validate", "load", "cache")

_CHILD = """
import json, resource, sys, time
from pathlib import Path
from kg.pipeline import build
from kg.settings import BuildSettings, RunSettings
if __name__ == "__main__":
    paths = [Path(p) for p in sys.argv[3:]]
    t = time.perf_counter()
    run = RunSettings(jobs=int(sys.argv[2]))
    report = build(paths, Path(sys.argv[1]), BuildSettings(), run=run)
    print(json.dumps({"seconds": time.perf_counter() - t, "docs": len(report.outcomes),
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
        sampler = threading.Thread(target=_sample, args=(child, peak), daemon=True)
        sampler.start()
        stdout, _ = child.communicate()
        sampler.join()
    finally:
        Path(script.name).unlink()
    if child.returncode != 0:
        raise SystemExit(f"the build failed (exit {child.returncode})")
    result = json.loads(stdout.strip().splitlines()[-1])
    return Run(
        seconds=result["seconds"],
        docs=int(result["docs"]),
        loaded=int(result["loaded"]),
        quads=int(result["quads"]),
        steps=result["steps"],
        rss=result["rss"],
        tree=peak[0],
    )


def _sample(child: subprocess.Popen[str], peak: list[float]) -> None:
    """The largest sum of the RSS of ``child`` and its descendants, until it ends."""
    while child.poll() is None:
        parents: dict[int, int] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(stat.parent.name)] = int(fields[1])
        tree, grown = {child.pid}, True
        while grown:
            more = {pid for pid, parent in parents.items() if parent in tree} - tree
            grown = bool(more)
            tree |= more
        total = 0
        for pid in tree:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            total += next(
                (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")),
                0,
            )
        peak[0] = max(peak[0], total / 1024)
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
    row = (
        f"| {name} | {best.docs} | {jobs} | {best.quads} | {best.seconds:.1f} | "
        f"{best.docs / best.seconds:.1f} | {steps} | {rebuilt} | "
        f"{max(r.rss for r in runs):.0f} | {max(r.tree for r in runs):.0f} |"
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
        "| corpus | documents | jobs | quads | build s | docs/s | "
        + " | ".join(f"{s} s" for s in STEPS)
        + " | no-change rebuild s | peak RSS MiB (build) | peak RSS MiB (with workers) |",
        "|---|" + "---:|" * (8 + len(STEPS)),
    ]
    print("\n".join(header), flush=True)
    rows, notes = [], []
    corpora = args.corpus or ([] if args.synthetic else [ROOT / "examples"])
    for path in corpora:
        name = str(path.relative_to(ROOT) if path.resolve().is_relative_to(ROOT) else path)
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
