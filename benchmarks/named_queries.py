"""Benchmark: each named query on a built store, in-process and over HTTP from `kg serve`,
in one run, so the ratio says what the server adds.

    python benchmarks/named_queries.py --store DIR [--label TEXT] [--runs 5] [--no-record]

In-process: `kg.store.run` on the store opened read-only (pyoxigraph), the text parameter
looked up in the build's search index first, as `benchmarks/growth.py` times them, with
the same values taken from the store. Over HTTP: `kg serve` on a free loopback port, each
query asked at /api/queries/NAME with the same values by one keep-alive client, the
answer as SPARQL JSON (the server runs the query in a worker process and writes the
results there). The client is the standard library's `http.client` on one kept-alive
connection: httpx spent some 0.6 ms of its own a request, more than some of the queries
take, and what is measured is what the server adds. The table also gives `/healthz` (the
cost of any exchange with the server) and the milliseconds the server adds to each query.
Medians of --runs runs after one warm-up. Prints a table and appends it to
benchmarks/RESULTS.md with the machine's description. Not a test.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from growth import latencies, sample_values
from machine import record

from kg.resources import data_folder
from kg.search import SearchIndex
from kg.store.queries import NamedQuery, catalogue
from tests.browser_support import served

ROOT = Path(__file__).resolve().parents[1]
JSON = "application/sparql-results+json"
#: The row of the health endpoint: what any exchange with the server costs.
HEALTH = "/healthz (no query)"


def over_http(
    address: str, queries: list[NamedQuery], values: dict[str, str], runs: int
) -> dict[str, float]:
    """The median milliseconds of each query asked of the server, and of `/healthz` (as
    HEALTH), each after one warm-up."""
    where = urlsplit(address)
    connection = http.client.HTTPConnection(where.hostname or "127.0.0.1", where.port, timeout=120)

    def median(path: str) -> float:
        times = []
        for n in range(runs + 1):
            start = time.perf_counter()
            connection.request("GET", path, headers={"Accept": JSON})
            answer = connection.getresponse()
            answer.read()
            if answer.status != 200:
                raise SystemExit(f"{path}: {answer.status}")
            if n:
                times.append(time.perf_counter() - start)
        return statistics.median(times) * 1000

    medians = {HEALTH: median("/healthz")}
    for query in queries:
        given = {p.name: values[p.name] for p in query.params if p.name in values}
        if any(p.required and p.name not in given for p in query.params):
            continue
        medians[query.name] = median(f"/api/queries/{query.name}?{urlencode(given)}")
    connection.close()
    return medians


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--label", default="")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-record", action="store_true", help="print only")
    args = parser.parse_args()
    queries = sorted(catalogue(data_folder("sparql")).values(), key=lambda q: q.name)
    raw = ox.Store.read_only(str(args.store / "oxigraph"))
    load_before = os.getloadavg()[0]
    local = latencies(raw, SearchIndex.beside(args.store), queries, args.runs)
    values = sample_values(raw)
    del raw
    with served(args.store) as address:
        remote = over_http(address, queries, values, args.runs)
    lines = [
        "| named query | in-process ms | over HTTP ms | HTTP / in-process | added ms |",
        "|---|---:|---:|---:|---:|",
        f"| {HEALTH} | | {remote.pop(HEALTH):,.2f} | | |",
    ]
    for name in sorted(remote):
        ratio = remote[name] / local[name] if local[name] else float("nan")
        lines.append(
            f"| {name} | {local[name]:,.2f} | {remote[name]:,.2f} | {ratio:.2f} "
            f"| {remote[name] - local[name]:,.2f} |"
        )
    table = "\n".join(lines)
    print(table)
    if not args.no_record:
        quads = len(ox.Store.read_only(str(args.store / "oxigraph")))
        load = f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after"
        what = f"{args.label or args.store.name}, {quads:,} quads; {load}"
        title = f"Named queries in-process and over HTTP ({what})"
        record(ROOT / "benchmarks" / "RESULTS.md", title, table)


if __name__ == "__main__":
    main()
