"""Benchmark: the named queries at about two million triples, `kg serve` against
rdflib-endpoint serving the same data, and the same queries in-process on pyoxigraph.

    python benchmarks/queries.py [--copies 253] [--store DIR] [--requests 5] [--timeout 60]
                                 [--stores Oxigraph,default | --stores none]

Makes --copies renamed copies of the examples' graph (benchmarks/serve.py --synthetic;
253 copies are about two million quads) unless --store names a store folder, writes them
as N-Quads and starts `kg serve` on a free loopback port. Then one phase per
rdflib-endpoint store (its default rdflib Memory store, and its Oxigraph store through
oxrdflib), each served by a subprocess on a free loopback port that loads the N-Quads
(load time and memory are recorded; see `serve_rdflib`). In a phase each named query
runs --requests times, each time once on kg over HTTP (its named-query API), once
in-process on pyoxigraph and once on rdflib-endpoint (the same text, the parameter bound
by the same VALUES blocks), so the ratios come from the same minutes. A query that reads
nothing (row "baseline") gives the fixed cost of a request on each server. A request that passes
--timeout is reported as "> timeout"; that server is then stopped (its Python thread
would keep a core busy) and started again while --budget (seconds of queries per phase,
after the load) allows. On rdflib-endpoint a query runs at most 3 times, once when that
takes more than 10 s.

Both sides read the union of all graphs, each triple once, as the default graph (kg: the
store's default graph, kept by `kg.store.union`; rdflib-endpoint builds a Dataset with
default_union). The first answer of each server is compared
with the in-process answer as a set of rows (terms by kind, value, datatype or language;
a GROUP_CONCAT by its sorted parts): the "same rows" column. Prints the tables and
appends them to benchmarks/RESULTS.md. Needs the `bench` extra. With --stores none,
only kg over HTTP and in-process run (no N-Quads are written). Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from machine import record
from procs import tree_rss_mib
from serve import SAMPLE, synthetic

from kg.resources import data_folder
from kg.store.queries import NamedQuery, catalogue
from tests.browser_support import free_port, served

ROOT = Path(__file__).resolve().parents[1]
JSON = "application/sparql-results+json"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
Rows = frozenset[tuple[tuple[str, ...], ...]]
#: Seconds past which one run on rdflib-endpoint is enough (at most 3 are made).
SLOW = 10.0
#: A query that reads nothing: its time is what HTTP and the server add to any query
#: (on kg it goes to /sparql, the named queries to /api/queries/NAME).
BASELINE = NamedQuery("baseline", "", "", (), "SELECT ?x { BIND(1 AS ?x) }")


def rows_of(body: bytes) -> Rows:
    """SPARQL JSON results as a set of rows, comparable between servers."""
    document = json.loads(body)
    names = document["head"]["vars"]
    rows = set()
    for binding in document["results"]["bindings"]:
        row: list[tuple[str, ...]] = []
        for name in names:
            term = binding.get(name)
            if term is None:
                row.append(())
                continue
            value = term["value"]
            if name == "people":  # a GROUP_CONCAT: SPARQL leaves the order open
                value = ", ".join(sorted(value.split(", ")))
            kind = "literal" if term["type"] == "typed-literal" else term["type"]
            extra = term.get("xml:lang") or term.get("datatype") or ""
            row.append((kind, value, "" if extra == XSD_STRING else extra))
        rows.add(tuple(row))
    return frozenset(rows)


@dataclass
class Endpoint:
    """rdflib-endpoint as a subprocess, restarted after a request that timed out."""

    nquads: Path
    store: str  # "default" or "Oxigraph"
    log: Path
    process: subprocess.Popen[bytes] | None = None
    address: str = ""
    loads: list[tuple[float, float]] = field(default_factory=list)  # (seconds, RSS MiB)
    peaks: list[float] = field(default_factory=list)  # the most RSS MiB, at each stop

    def start(self) -> None:
        port = free_port()
        self.address = f"http://127.0.0.1:{port}/"
        started = time.perf_counter()
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    __file__,
                    "--serve-rdflib",
                    self.store,
                    str(self.nquads),
                    str(port),
                ],
                stdout=log,
                stderr=log,
            )
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"rdflib-endpoint stopped; see {self.log}")
            try:
                httpx.get(self.address, params={"query": "ASK {}"}, timeout=5)
                break
            except httpx.TransportError:
                time.sleep(1)
        self.loads.append((time.perf_counter() - started, tree_rss_mib(self.process.pid)))

    def stop(self) -> None:
        if self.process is not None:
            status = Path(f"/proc/{self.process.pid}/status").read_text().splitlines()
            peak = next((int(x.split()[1]) for x in status if x.startswith("VmHWM")), 0)
            self.peaks.append(peak / 1024)
            self.process.kill()
            self.process.wait()
            self.process = None


def serve_rdflib(store: str, nquads: Path, port: int) -> None:
    """rdflib-endpoint on ``store`` with the N-Quads loaded, as its command line does
    (a Dataset whose default graph is the union), but with oxrdflib's own N-Quads parser
    for the Oxigraph store, its fastest way in (rdflib's parser adds one quad at a time:
    23 to 37 s at 400k quads on the machine of benchmarks/RESULTS.md)."""
    import uvicorn
    from rdflib import Dataset
    from rdflib_endpoint import SparqlEndpoint

    graph = Dataset(store=store, default_union=True)
    graph.parse(str(nquads), format="ox-nquads" if store == "Oxigraph" else "nquads")
    app = SparqlEndpoint(graph=graph)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


@dataclass
class Samples:
    times: list[float] = field(default_factory=list)
    timeouts: int = 0
    rows: Rows | None = None

    def cell(self) -> str:
        if self.times:
            return f"{statistics.median(self.times) * 1000:.1f}"
        return "> timeout" if self.timeouts else "not run"


def timed_post(
    client: httpx.Client, address: str, text: str, timeout: float
) -> tuple[float, bytes]:
    start = time.perf_counter()
    response = client.post(address, data={"query": text}, headers={"accept": JSON}, timeout=timeout)
    response.raise_for_status()
    return time.perf_counter() - start, response.content


def phase(
    endpoint: Endpoint | None,
    kg: str,
    store: ox.Store,
    queries: list[tuple[NamedQuery, dict[str, str]]],
    args: argparse.Namespace,
    results: dict[str, dict[str, Samples]],
) -> None:
    """Each query --requests times on kg, in-process and on ``endpoint`` (when there is
    one), interleaved."""
    if endpoint is not None:
        endpoint.start()
    deadline = time.monotonic() + args.budget
    with httpx.Client() as client:
        for query, params in queries:
            text = query.bound(params)
            mine = results[query.name]
            for _ in range(args.requests):
                start = time.perf_counter()
                if query.path is None:  # the baseline (a query reading nothing): on /sparql
                    response = client.post(
                        f"{kg}/sparql", data={"query": text}, headers={"accept": JSON}
                    )
                else:
                    response = client.get(
                        f"{kg}/api/queries/{query.name}",
                        params=params,
                        headers={"accept": JSON},
                        timeout=args.timeout,
                    )
                response.raise_for_status()
                mine["kg"].times.append(time.perf_counter() - start)
                start = time.perf_counter()
                solutions = store.query(text)  # the default graph, as kg serve reads it
                assert isinstance(solutions, ox.QuerySolutions)
                body = solutions.serialize(format=ox.QueryResultsFormat.JSON) or b""
                mine["in-process"].times.append(time.perf_counter() - start)
                mine["in-process"].rows = rows_of(body)
                mine["kg"].rows = mine["kg"].rows or rows_of(response.content)
                if endpoint is None:
                    continue
                theirs = mine.setdefault(f"rdflib {endpoint.store}", Samples())
                slow = bool(theirs.times) and theirs.times[0] > SLOW
                if endpoint.process is None or theirs.timeouts or slow or len(theirs.times) > 2:
                    continue
                try:
                    seconds, answer = timed_post(client, endpoint.address, text, args.timeout)
                except httpx.TimeoutException:
                    theirs.timeouts += 1
                    endpoint.stop()
                    if time.monotonic() + endpoint.loads[-1][0] * 1.2 < deadline:
                        endpoint.start()
                    continue
                theirs.times.append(seconds)
                theirs.rows = theirs.rows or rows_of(answer)
                if time.monotonic() > deadline:
                    endpoint.stop()
    if endpoint is not None:
        endpoint.stop()


def table(results: dict[str, dict[str, Samples]], columns: list[str], timeout: float) -> str:
    head = ["named query", "kg HTTP ms", "in-process ms", *(f"{c} ms" for c in columns)]
    head += [f"{c} / kg" for c in columns] + ["kg / in-process", "same rows"]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 2) + "---|"]
    for name, samples in results.items():
        kg, local = samples["kg"], samples["in-process"]
        k = statistics.median(kg.times)
        theirs = [samples.get(c, Samples()) for c in columns]
        ratios = [
            f"{statistics.median(s.times) / k:.1f}"
            if s.times
            else (f"> {timeout / k:.0f}" if s.timeouts else "-")
            for s in theirs
        ]
        differ = [
            c
            for c, s in zip(["kg", *columns], [kg, *theirs], strict=True)
            if s.rows is not None and s.rows != local.rows
        ]
        cells = [name, kg.cell(), local.cell(), *(s.cell() for s in theirs), *ratios]
        cells.append(f"{k / statistics.median(local.times):.2f}")
        cells.append("no: " + ", ".join(differ) if differ else "yes")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def kg_pid(address: str) -> int:
    """The `kg serve` this script started for ``address``."""
    port = address.rsplit(":", 1)[1]
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            words = cmdline.read_bytes().split(b"\0")
            parent = int((cmdline.parent / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
        if parent == os.getpid() and b"serve" in words and port.encode() in words:
            return int(cmdline.parent.name)
    raise RuntimeError(f"no kg serve on port {port} among this script's children")


def sample_queries(store: ox.Store) -> list[tuple[NamedQuery, dict[str, str]]]:
    """Each named query with a value for each parameter (serve.py's, in the first copy
    when the store holds synthetic copies); not those that look words up in kg's search
    index, which the same text on another endpoint cannot (benchmarks/growth.py times
    them)."""
    person = ox.NamedNode(SAMPLE["person"] + "-c0")
    suffix = "-c0" if next(store.quads_for_pattern(person, None, None), None) else ""
    named = catalogue(data_folder("sparql")).values()
    searching = sorted(q.name for q in named if q.search is not None)
    print(f"left out (they read kg's search index): {', '.join(searching)}", flush=True)
    return [
        (q, {p.name: SAMPLE[p.name] + (suffix if p.kind == "iri" else "") for p in q.params})
        for q in named
        if q.search is None
    ] + [(BASELINE, {})]


@contextmanager
def dataset(args: argparse.Namespace) -> Iterator[Path]:
    """The store folder to serve: --store, or --copies synthetic copies in a temporary one."""
    if args.store is not None:
        yield args.store
        return
    with tempfile.TemporaryDirectory() as tmp:
        synthetic(Path(tmp), args.copies)
        yield Path(tmp)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--copies", type=int, default=253)
    parser.add_argument("--store", type=Path, help="a store folder to use instead of copies")
    parser.add_argument("--requests", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=60, help="seconds per request")
    parser.add_argument("--budget", type=float, default=300, help="seconds per rdflib phase")
    parser.add_argument(
        "--stores",
        default="Oxigraph,default",
        help='rdflib-endpoint stores; "none": kg and in-process only',
    )
    parser.add_argument("--queries", help="only these named queries (comma-separated)")
    parser.add_argument("--no-record", action="store_true")
    parser.add_argument("--serve-rdflib", nargs=3, help=argparse.SUPPRESS)  # a subprocess
    args = parser.parse_args()
    if args.serve_rdflib:
        store, nquads, port = args.serve_rdflib
        serve_rdflib(store, Path(nquads), int(port))
        return
    results: dict[str, dict[str, Samples]] = {}
    with dataset(args) as folder, tempfile.TemporaryDirectory() as tmp:
        store = ox.Store.read_only(str(folder / "oxigraph"))
        quads = len(store)
        queries = [
            (q, v)
            for q, v in sample_queries(store)
            if not args.queries or q.name in args.queries.split(",")
        ]
        results |= {q.name: {"kg": Samples(), "in-process": Samples()} for q, _ in queries}
        nquads = Path(tmp) / "data.nq"
        names = [s for s in args.stores.split(",") if s and s != "none"]
        if names:
            store.dump(str(nquads), format=ox.RdfFormat.N_QUADS)
        endpoints = [Endpoint(nquads, s, Path(tmp) / f"{s}.log") for s in names]
        started = time.perf_counter()
        with served(folder, "--query-timeout", str(int(args.timeout))) as kg:
            kg_start = time.perf_counter() - started
            phases: list[Endpoint | None] = [*endpoints] or [None]  # None: kg only
            for endpoint in phases:
                phase(endpoint, kg, store, queries, args, results)
            kg_rss = tree_rss_mib(kg_pid(kg))
    columns = [f"rdflib {e.store}" for e in endpoints]
    loads = "\n".join(
        [
            "| server | start-up and load s | RSS MiB after load | peak RSS MiB |",
            "|---|---:|---:|---:|",
            f"| kg serve (store on disk) | {kg_start:.1f} | | {kg_rss:.0f} (after the queries) |",
        ]
        + [
            f"| rdflib-endpoint, {e.store} store | {s:.1f} | {r:.0f} | {peak:.0f} |"
            for e in endpoints
            for (s, r), peak in zip(e.loads, e.peaks, strict=False)
        ]
    )
    report = (
        f"{quads} quads, {args.requests} requests per query and server, "
        f"timeout {args.timeout:.0f} s\n\n{table(results, columns, args.timeout)}\n\n{loads}"
    )
    print(report)
    if not args.no_record:
        title = (
            "queries against rdflib-endpoint"
            if endpoints
            else "named queries, kg HTTP and in-process"
        )
        record(ROOT / "benchmarks" / "RESULTS.md", title, report)


if __name__ == "__main__":
    main()
