"""Benchmark: how long the unfiltered download of each relation graph takes, in each
download format (`/graphs/NAME.json`, `.graphml`, `.gexf`, `.csv`), one request at a time.

    python benchmarks/downloads.py --store DIR [--label TEXT] [--limit 30] [--repeat 3]

Starts `kg serve` on a free loopback port over the store (built beforehand, e.g. with
`kg synth --docs 1000 --seed 0` and `kg build`), waits for `/graphs` (the statistics read),
then fetches each download --repeat times from one client. A request that takes longer
than --limit seconds is abandoned and the server restarted (as in `pages.py`). Prints a
table and appends it to benchmarks/RESULTS.md with the load average. Not a test.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import httpx
import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from machine import record
from pages import Server, fetched, row

from kg.graphs import GraphName
from kg.graphs.model import DOWNLOADS

ROOT = Path(__file__).resolve().parents[1]


def timings(server: Server, limit: float, repeat: int) -> str:
    """The table: each graph and format with its status, median and longest time and size."""
    lines = [
        "| graph | format | status | median ms | max ms | bytes |",
        "|---|---|---:|---:|---:|---:|",
    ]
    client = httpx.Client(timeout=limit)
    client.get(server.address + "/graphs")  # the statistics read: not part of any figure
    for name in GraphName:
        for fmt in DOWNLOADS:
            path = f"/graphs/{name.value}.{fmt.value}"
            times, status, size = fetched(client, server, path, limit, repeat, "*/*")
            lines.append(row(f"{name.value} | {fmt.value}", status, times, size))
            print(lines[-1], flush=True)
    client.close()
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--label", default="")
    parser.add_argument("--limit", type=float, default=30.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    quads = len(ox.Store.read_only(str(args.store / "oxigraph")))
    load_before = os.getloadavg()[0]
    server = Server(args.store)
    server.start()
    try:
        table = timings(server, args.limit, args.repeat)
    finally:
        server.stack.close()
    load = f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after"
    title = f"Unfiltered graph downloads ({args.label or args.store.name}, {quads:,} quads; {load})"
    record(ROOT / "benchmarks" / "RESULTS.md", title, table)


if __name__ == "__main__":
    main()
