"""Reading time of long documents: a 1 MB and a 10 MB synthetic minutes document through
ingest, parse, the privacy gate and extract, as one build worker reads a file.

    .venv/bin/python benchmarks/long_documents.py [--sizes 1000000 10000000] [--no-record]

Prints each size's time and CPU time (best of --runs) and their growth against the
first size, and appends the table to benchmarks/RESULTS.md with the machine's
description. Reading should grow linearly: 10 times the text, about 10 times the time
(issue 15: one pattern made it quadratic, 197 s for 50 kB).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from machine import record

from kg.extract.concepts import load_default_scheme
from tests.long_document import long_minutes, read_file

ROOT = Path(__file__).resolve().parents[1]


def measure(sizes: list[int], runs: int) -> list[tuple[int, int, float, float]]:
    """For each size: characters, bytes on disk, best seconds and CPU seconds."""
    scheme = load_default_scheme()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"long-{size}.txt"
            path.write_text(long_minutes(size), encoding="utf-8")
            best, cpu = float("inf"), float("inf")
            for _ in range(runs):
                timing = read_file(path, scheme)
                best, cpu = min(best, timing.wall), min(cpu, timing.cpu)
            rows.append((len(path.read_text(encoding="utf-8")), path.stat().st_size, best, cpu))
            print(f"{size:>10,} characters: {best:.2f} s ({cpu:.2f} s CPU)", flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--no-record", action="store_true", help="print only")
    args = parser.parse_args()
    load = os.getloadavg()[0]  # the machine is shared: say how busy it was
    rows = measure(args.sizes, args.runs)
    first = rows[0]
    lines = [
        "| characters | bytes | seconds | CPU s | CPU s per MB | size × | time × | CPU time × |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for chars, size, seconds, cpu in rows:
        lines.append(
            f"| {chars:,} | {size:,} | {seconds:.2f} | {cpu:.2f} | {cpu / size * 1e6:.2f} "
            f"| {chars / first[0]:.1f} | {seconds / first[2]:.1f} | {cpu / first[3]:.1f} |"
        )
    table = "\n".join(lines)
    print(table)
    if not args.no_record:
        title = f"long documents: read, parse, privacy, extract (load average {load:.1f})"
        record(ROOT / "benchmarks" / "RESULTS.md", title, table)


if __name__ == "__main__":
    main()
