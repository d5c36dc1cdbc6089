"""Benchmark: the examples in Virtuoso against the embedded Oxigraph store.

    python benchmarks/remote_store.py [--requests 20]

Starts a Virtuoso of its own on loopback (Debian's virtuoso-opensource, as the tests do),
then for each store: (1) builds the bundled examples, and builds them again with nothing
changed; (2) runs each named query --requests times in-process through `kg.store.run`,
reporting the median; (3) renders one meeting's page --requests times through the web
app. Prints tables and appends them to benchmarks/RESULTS.md. Not a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from machine import record
from serve import SAMPLE

from kg.pipeline import build
from kg.resources import data_folder
from kg.settings import BuildSettings
from kg.store import StoreAddress, open_store
from kg.store.queries import NamedQuery, catalogue
from kg.store.run import run
from kg.web.app import create_app
from kg.web.settings import ServeSettings
from tests.virtuoso_support import running

ROOT = Path(__file__).resolve().parents[1]
PAGE = "/id/meeting/havnbjerg-boerne-og-skoleudvalget-2024-01-16"


def median_ms(action: Callable[[], object], times: int) -> float:
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def measure(address: StoreAddress, requests: int) -> dict[str, float]:
    """Seconds to build and rebuild; milliseconds per query and per page."""
    figures: dict[str, float] = {}
    for step in ("build", "rebuild"):
        started = time.perf_counter()
        assert build([ROOT / "examples"], address, BuildSettings()).ok
        figures[step] = time.perf_counter() - started
    store = open_store(address, read_only=True).raw
    for name, query in sorted(catalogue(data_folder("sparql")).items()):
        values = {p.name: SAMPLE[p.name] for p in query.params if p.name in SAMPLE}

        def ask(query: NamedQuery = query, values: dict[str, str] = values) -> None:
            results = run(store, query, values)
            if not isinstance(results, ox.QueryBoolean):
                list(results)

        figures[name] = median_ms(ask, requests)
    with TestClient(create_app(ServeSettings(store=address))) as client:
        figures["meeting page"] = median_ms(lambda: client.get(PAGE), requests)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        build([ROOT / "examples"], base / "warm-up", BuildSettings())  # imports, shapes
        oxigraph = measure(StoreAddress.of(base / "oxigraph"), args.requests)
        with running(base / "virtuoso") as server:
            address = StoreAddress.parse(server.address, work=base / "work")
            virtuoso = measure(address, args.requests)
    lines = ["| step | Oxigraph | Virtuoso | ratio |", "|---|---:|---:|---:|"]
    for key, value in oxigraph.items():
        unit = "s" if key in ("build", "rebuild") else "ms"
        other = virtuoso[key]
        lines.append(
            f"| {key} ({unit}) | {value:.2f} | {other:.2f} | {other / max(value, 1e-9):.1f} |"
        )
    table = "\n".join(lines)
    print(table)
    record(
        ROOT / "benchmarks" / "RESULTS.md", "remote store: examples, Oxigraph vs Virtuoso", table
    )


if __name__ == "__main__":
    main()
