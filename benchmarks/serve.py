"""Benchmark: named-query latency over HTTP and linked-data pages per second.

    python benchmarks/serve.py [--store DIR] [--requests 20] [--clients 8] [--pages 600]

Without --store, builds the bundled examples into a temporary store. Starts `kg serve` on
a free loopback port, then (1) runs each named query --requests times over HTTP and the
same query in-process on pyoxigraph, reporting medians and their ratio; (2) fetches
--pages resource pages from --clients concurrent clients, reporting pages per second
and errors. Prints tables and appends them to benchmarks/RESULTS.md. Not a test.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from machine import record

from kg.pipeline import build
from kg.resources import project_folder
from kg.settings import BuildSettings
from kg.store.queries import catalogue
from tests.browser_support import served

ROOT = Path(__file__).resolve().parents[1]
#: A value for each parameter the named queries take, found in the examples.
SAMPLE = {
    "person": "http://localhost:8000/id/person/henrik-krogh-lauridsen",
    "project": "http://localhost:8000/id/project/groen-varme-i-landsbyerne",
    "committee": "http://localhost:8000/id/committee/opgaveudvalg-om-groen-omstilling",
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
        for query in catalogue(project_folder("sparql")).values():
            params = {
                p.name: SAMPLE[p.name] + (suffix if SAMPLE[p.name].startswith("http") else "")
                for p in query.params
                if p.name in SAMPLE
            }
            bindings = query.bindings(params)
            http, local = [], []
            for _ in range(requests):
                start = time.perf_counter()
                response = client.get(f"{address}/api/queries/{query.name}", params=params)
                http.append(time.perf_counter() - start)
                if response.status_code != 200:
                    http[-1] = float("nan")  # stopped at the time limit, or failed
                start = time.perf_counter()
                results = store.query(
                    query.text, use_default_graph_as_union=True, substitutions=bindings
                )
                assert isinstance(results, ox.QuerySolutions)
                results.serialize(format=ox.QueryResultsFormat.JSON)
                local.append(time.perf_counter() - start)
            h, loc = median_ms(http), median_ms(local)
            lines.append(f"| {query.name} | {h:.1f} | {loc:.2f} | {h / loc:.1f} |")
    return "\n".join(lines)


def page_table(address: str, store_dir: Path, clients: int, pages: int) -> str:
    store = ox.Store.read_only(str(store_dir / "oxigraph"))
    subjects = sorted(
        {
            q.subject.value
            for q in store
            if isinstance(q.subject, ox.NamedNode) and "/id/" in q.subject.value
        }
    )
    paths = [s.split("/", 3)[3] for s in subjects]
    urls = [f"{address}/{paths[i % len(paths)]}" for i in range(pages)]
    local = threading.local()

    def fetch(url: str) -> int:
        # one keep-alive connection per client thread; retired ids answer 301 (followed)
        if not hasattr(local, "client"):
            local.client = httpx.Client(timeout=60, follow_redirects=True)
        return int(local.client.get(url, headers={"accept": "text/html"}).status_code)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        statuses = list(pool.map(fetch, urls))
    elapsed = time.perf_counter() - start
    errors = sum(1 for s in statuses if s >= 400)
    return "\n".join(
        [
            "| pages | distinct resources | clients | seconds | pages/s | errors |",
            "|---:|---:|---:|---:|---:|---:|",
            f"| {pages} | {len(paths)} | {clients} | {elapsed:.1f} "
            f"| {pages / elapsed:.0f} | {errors} |",
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


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--store", type=Path)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--pages", type=int, default=600)
    parser.add_argument("--no-record", action="store_true")
    parser.add_argument(
        "--synthetic", type=int, default=0, help="serve N renamed copies of the examples' graph"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store_dir = args.store or Path(tmp)
        if args.synthetic:
            synthetic(store_dir, args.synthetic)
        elif args.store is None:
            build([ROOT / "examples"], store_dir, BuildSettings())
        quads = len(ox.Store.read_only(str(store_dir / "oxigraph")))
        with served(store_dir, "--query-timeout", "60") as address:
            suffix = "-c0" if args.synthetic else ""
            queries = query_table(address, store_dir, args.requests, suffix)
            pages = page_table(address, store_dir, args.clients, args.pages)
    print(f"{quads} quads", queries, pages, sep="\n\n")
    if not args.no_record:
        title = f"serve, {quads} quads" + (
            f" ({args.synthetic} copies of examples)" if args.synthetic else ""
        )
        record(ROOT / "benchmarks" / "RESULTS.md", title, f"{queries}\n\n{pages}")


if __name__ == "__main__":
    main()
