"""Benchmark: named-query latency over HTTP and linked-data pages per second.

    python benchmarks/serve.py [--store DIR] [--requests 20] [--clients 8] [--pages 600]
                               [--sparql 600] [--synthetic N] [--parts queries,pages,sparql]

Without --store, builds the bundled examples into a temporary store. Starts `kg serve` on
a free loopback port, then (1) runs each named query --requests times over HTTP and the
same query in-process on pyoxigraph, reporting medians and their ratio; (2) fetches
--pages resource pages (spread over the resources) from --clients concurrent clients,
reporting pages per second and errors, then the latency of pages by kind of resource
from one client; (3) sends --sparql SPARQL requests (each a SELECT of one resource's
description, on /sparql) from --clients concurrent clients, reporting requests per
second and errors. Prints tables and appends them to benchmarks/RESULTS.md. Not a test.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from machine import record

from kg.pipeline import build
from kg.resources import data_folder
from kg.settings import BuildSettings
from kg.store.queries import catalogue
from tests.browser_support import served

ROOT = Path(__file__).resolve().parents[1]
#: A value for each parameter the named queries take, found in the examples.
SAMPLE = {
    "person": "http://localhost:8000/id/person/henrik-krogh-lauridsen",
    "project": "http://localhost:8000/id/project/groen-varme-i-landsbyerne",
    "committee": "http://localhost:8000/id/committee/havnbjerg-opgaveudvalg-om-groen-omstilling",
    "caseId": "EMN-2023-01234",
    "word": "godkendt",
}


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def query_table(address: str, store_dir: Path, requests: int, suffix: str = "") -> str:
    store = ox.Store.read_only(str(store_dir / "oxigraph"))
    lines = [
        "| named query | HTTP median ms | in-process median ms | ratio |",
        "|---|---:|---:|---:|",
    ]
    with httpx.Client(timeout=120) as client:
        for query in catalogue(data_folder("sparql")).values():
            params = {
                p.name: SAMPLE[p.name] + (suffix if SAMPLE[p.name].startswith("http") else "")
                for p in query.params
                if p.name in SAMPLE
            }
            text = query.bound(params)
            http, local = [], []
            for _ in range(requests):
                start = time.perf_counter()
                response = client.get(f"{address}/api/queries/{query.name}", params=params)
                http.append(time.perf_counter() - start)
                if response.status_code != 200:
                    http[-1] = float("nan")  # stopped at the time limit, or failed
                start = time.perf_counter()
                results = store.query(text)  # the default graph, as kg serve reads it
                assert isinstance(results, ox.QuerySolutions)
                results.serialize(format=ox.QueryResultsFormat.JSON)
                local.append(time.perf_counter() - start)
            h, loc = median_ms(http), median_ms(local)
            lines.append(f"| {query.name} | {h:.1f} | {loc:.2f} | {h / loc:.1f} |")
    return "\n".join(lines)


def resources(store_dir: Path) -> list[str]:
    """The IRIs of the resources the server has pages for."""
    store = ox.Store.read_only(str(store_dir / "oxigraph"))
    found = store.query(
        'SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s) && CONTAINS(STR(?s), "/id/")) }'
    )
    assert isinstance(found, ox.QuerySolutions)
    return sorted(s.value for (s,) in found if isinstance(s, ox.NamedNode))


def load(urls: list[str], clients: int, fetch: Callable[[httpx.Client, str], int]) -> str:
    """Fetch ``urls`` from ``clients`` concurrent clients (one keep-alive connection each):
    the end of a table row: clients, seconds, per second and errors."""
    local = threading.local()

    def one(url: str) -> int:
        if not hasattr(local, "client"):
            local.client = httpx.Client(timeout=60, follow_redirects=True)
        try:
            return fetch(local.client, url)
        except httpx.HTTPError:
            return 599

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        statuses = list(pool.map(one, urls))
    elapsed = time.perf_counter() - start
    errors = sum(1 for s in statuses if s >= 400)
    return f"{clients} | {elapsed:.1f} | {len(urls) / elapsed:.0f} | {errors} |"


def page_table(address: str, subjects: list[str], clients: int, pages: int) -> str:
    paths = [s.split("/", 3)[3] for s in subjects]
    # spread over the sorted list (its start is all one kind of resource)
    urls = [f"{address}/{paths[(i * 7919) % len(paths)]}" for i in range(pages)]

    def page(client: httpx.Client, url: str) -> int:
        # retired ids answer 301 (followed)
        return int(client.get(url, headers={"accept": "text/html"}).status_code)

    return "\n".join(
        [
            "| pages | distinct resources | clients | seconds | pages/s | errors |",
            "|---:|---:|---:|---:|---:|---:|",
            f"| {pages} | {len(paths)} | {load(urls, clients, page)}",
        ]
    )


def kinds_table(address: str, subjects: list[str], each: int = 15) -> str:
    """Page latency by kind of resource, one client: where the time of a page goes."""
    kinds: dict[str, list[str]] = {}
    for subject in subjects:
        kinds.setdefault(subject.split("/")[4], []).append(subject)
    lines = [
        "| kind | resources | pages fetched | median ms | slowest ms |",
        "|---|---:|---:|---:|---:|",
    ]
    with httpx.Client(timeout=60, follow_redirects=True) as client:
        for kind, members in sorted(kinds.items()):
            picked = members[:: max(1, len(members) // each)][:each]
            times = []
            for subject in picked:
                start = time.perf_counter()
                client.get(f"{address}/{subject.split('/', 3)[3]}", headers={"accept": "text/html"})
                times.append(time.perf_counter() - start)
            lines.append(
                f"| {kind} | {len(members)} | {len(picked)} | {median_ms(times):.1f} "
                f"| {max(times) * 1000:.1f} |"
            )
    return "\n".join(lines)


def sparql_table(address: str, subjects: list[str], clients: int, requests: int) -> str:
    picked = [subjects[(i * 7919) % len(subjects)] for i in range(requests)]

    def select(client: httpx.Client, iri: str) -> int:
        query = f"SELECT DISTINCT ?p ?o WHERE {{ <{iri}> ?p ?o }}"
        response = client.post(
            f"{address}/sparql",
            data={"query": query},
            headers={"accept": "application/sparql-results+json"},
        )
        return int(response.status_code)

    return "\n".join(
        [
            "| SPARQL requests | distinct resources | clients | seconds | requests/s | errors |",
            "|---:|---:|---:|---:|---:|---:|",
            f"| {requests} | {len(set(picked))} | {load(picked, clients, select)}",
        ]
    )


def synthetic(store_dir: Path, copies: int) -> None:
    """Fill ``store_dir`` with ``copies`` copies of the examples' graph, each with its own
    ids (every minted IRI gets a suffix): the same shape, ``copies`` times the size."""
    with tempfile.TemporaryDirectory() as tmp:
        build([ROOT / "examples"], Path(tmp), BuildSettings())
        source = ox.Store.read_only(str(Path(tmp) / "oxigraph"))
        quads = list(source)
    minted = re.compile(r"^(http://localhost:8000/(?:id/[a-z]+/|\.well-known/genid/))(.+)$")

    def renamed(
        term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.DefaultGraph | ox.Triple, n: int
    ) -> Any:
        if isinstance(term, ox.NamedNode):
            match = minted.match(term.value)
            if match:
                return ox.NamedNode(f"{match[1]}{match[2]}-c{n}")
        return term

    store = ox.Store(str(store_dir / "oxigraph"))
    for n in range(copies):
        store.bulk_extend(
            ox.Quad(
                renamed(q.subject, n), q.predicate, renamed(q.object, n), renamed(q.graph_name, n)
            )
            for q in quads
        )
    store.flush()
    del store


def prepared_store(given: Path | None, copies: int, scratch: Path) -> Path:
    """The store to measure: ``copies`` renamed copies of the examples (into ``given`` or
    ``scratch``), else the store given, else the examples built into ``scratch``."""
    folder = given or scratch
    if copies:
        synthetic(folder, copies)
    elif given is None:
        build([ROOT / "examples"], folder, BuildSettings())
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--store", type=Path)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--pages", type=int, default=600)
    parser.add_argument("--sparql", type=int, default=600, help="SPARQL requests under load")
    parser.add_argument(
        "--parts",
        default="queries,pages,sparql",
        help="what to measure, comma-separated: queries, pages (and by kind), sparql",
    )
    parser.add_argument("--no-record", action="store_true")
    parser.add_argument(
        "--synthetic", type=int, default=0, help="serve N renamed copies of the examples' graph"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store_dir = prepared_store(args.store, args.synthetic, Path(tmp))
        quads = len(ox.Store.read_only(str(store_dir / "oxigraph")))
        with served(store_dir, "--query-timeout", "60") as address:
            # the sample values are the first copy's in a store of synthetic copies
            copied = ox.NamedNode(SAMPLE["person"] + "-c0")
            store = ox.Store.read_only(str(store_dir / "oxigraph"))
            suffix = "-c0" if next(store.quads_for_pattern(copied, None, None), None) else ""
            parts = args.parts.split(",")
            tables = []
            if "queries" in parts:
                tables.append(query_table(address, store_dir, args.requests, suffix))
            subjects = resources(store_dir) if {"pages", "sparql"} & set(parts) else []
            if "pages" in parts:
                tables.append(page_table(address, subjects, args.clients, args.pages))
                tables.append(kinds_table(address, subjects))
            if "sparql" in parts:
                tables.append(sparql_table(address, subjects, args.clients, args.sparql))
    print(f"{quads} quads", *tables, sep="\n\n")
    if not args.no_record:
        title = f"serve, {quads} quads" + (
            f" ({args.synthetic} copies of examples)" if args.synthetic else ""
        )
        record(ROOT / "benchmarks" / "RESULTS.md", title, "\n\n".join(tables))


if __name__ == "__main__":
    main()
