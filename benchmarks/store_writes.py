"""Benchmark: ways of writing new document graphs into the embedded store (pyoxigraph).

    python benchmarks/store_writes.py FILE.nq [--batch 200] [--no-record]

FILE.nq is a build's quads (`kg export --format nq`, or any N-Quads). Each way writes
every graph of the file into a fresh store, ``--batch`` graphs a call (a build's batch),
and is timed: wall seconds and the CPU seconds of this process (the machine is shared;
CPU seconds say more than wall seconds when it is busy). Only the transactional ways
leave whole batches when the process is killed:

- extend: `Store.extend` of Python `Quad` objects (a transaction per call), what the build
  did before; the quads are parsed from the file beforehand, not timed.
- load: `Store.load` of the batch's N-Quads bytes (a transaction per call), what it does now.
- load, lenient: the same without checking IRIs and literals again.
- bulk_load: `Store.bulk_load` of the batch's bytes: not transactional (a killed build may
  leave part of a batch), for comparison.

Prints a table and appends it to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import record

ROOT = Path(__file__).resolve().parents[1]
NQ = ox.RdfFormat.N_QUADS


def batches(path: Path, size: int) -> list[list[ox.Quad]]:
    """The file's quads, a batch of ``size`` graphs each."""
    graphs: dict[str, list[ox.Quad]] = {}
    for quad in ox.parse(path=str(path), format=NQ):
        graphs.setdefault(str(quad.graph_name), []).append(quad)
    groups = list(graphs.values())
    return [[q for g in groups[i : i + size] for q in g] for i in range(0, len(groups), size)]


def timed(write: Callable[[ox.Store], None]) -> tuple[float, float]:
    """Wall and CPU seconds of ``write`` into a fresh store in a temporary folder."""
    with tempfile.TemporaryDirectory() as folder:
        store = ox.Store(folder)
        wall, cpu = time.perf_counter(), time.process_time()
        write(store)
        store.flush()
        return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("file", type=Path)
    parser.add_argument("--batch", type=int, default=200, help="graphs a call")
    parser.add_argument("--no-record", action="store_true", help="print only")
    args = parser.parse_args()
    quads = batches(args.file, args.batch)
    data = [ox.serialize(batch, format=NQ) or b"" for batch in quads]
    total = sum(len(batch) for batch in quads)

    def extend(store: ox.Store) -> None:
        for batch in quads:
            store.extend(batch)

    def load(store: ox.Store, *, lenient: bool = False) -> None:
        for batch in data:
            store.load(batch, format=NQ, lenient=lenient)

    def bulk_load(store: ox.Store) -> None:
        for batch in data:
            store.bulk_load(batch, format=NQ)

    ways: dict[str, tuple[bool, Callable[[ox.Store], None]]] = {
        "extend (Python quads)": (True, extend),
        "load": (True, load),
        "load, lenient": (True, lambda store: load(store, lenient=True)),
        "bulk_load": (False, bulk_load),
    }
    rows = [
        "| way | atomic per call | quads | calls | wall s | CPU s | quads/s (wall) |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for name, (atomic, write) in ways.items():
        wall, cpu = timed(write)
        rows.append(
            f"| {name} | {'yes' if atomic else 'no'} | {total} | {len(data)} | {wall:.2f} | "
            f"{cpu:.2f} | {total / wall:,.0f} |"
        )
        print(rows[-1], flush=True)
    table = "\n".join(rows)
    table += f"\n\nLoad average at the end: {os.getloadavg()[0]:.1f}."
    print(table)
    if not args.no_record:
        record(ROOT / "benchmarks" / "RESULTS.md", f"store writes, {args.file.name}", table)


if __name__ == "__main__":
    main()
