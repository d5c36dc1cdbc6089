"""Benchmark: full-text search (kg.search) on a built store: indexing it whole, a search
page, and decisions-containing through the index.

    python benchmarks/search.py --store STORE [--runs 7] [--built] [--before COMMIT]
                                [--no-record]

In-process, on a store folder that `kg build` made (for example of `kg synth --docs
1000`): the time to index the store from nothing (`SearchIndex.ensure` into a fresh file,
as for a store built before the index existed or after a killed build), then for each
query of QUERIES the median time of `kg.search.search` (the first page of 20 hits, their
snippets and the count of all), and of decisions-containing (the index finds the items,
`kg.store.run` fetches their details, the rows read out). With ``--built`` the index the
build kept is searched and no index is made. With ``--before COMMIT`` the
same run also times the code of that commit, read with ``git show``: the in-memory index
of its ``kg/web/search.py`` (built at server start) and its decisions-containing (a text
match in SPARQL), so that the ratios come from one run. Prints a table and appends it to
benchmarks/RESULTS.md with the machine and the load average. Not a test: these machines
are shared and noisy.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from machine import record

from kg.resources import data_folder
from kg.search import SearchIndex, found_for, search
from kg.store.queries import NamedQuery, catalogue, read_query
from kg.store.run import run

ROOT = Path(__file__).resolve().parents[1]
#: Words of the synthetic corpus, common to rare, a phrase, and two words at once.
QUERIES = ["godkendt", "rådhuset", "budgetopfølgningen", "skole", '"budgetopfølgning for"']
QUERIES += ["ladestandere elbiler"]
DECISION_WORDS = ["godkendt", "budgetopfølgning"]


def median_ms(action: Callable[[], Any], runs: int) -> tuple[float, Any]:
    """The median milliseconds of ``runs`` calls, and the last call's answer."""
    times, answer = [], None
    for _ in range(runs):
        start = time.perf_counter()
        answer = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, answer


def _rows(store: ox.Store, query: NamedQuery, values: dict[str, str], found: Any) -> int:
    results = run(store, query, values, found)
    assert isinstance(results, ox.QuerySolutions)
    return sum(1 for _ in results)


def _old(commit: str, path: str, folder: Path) -> Path:
    """A file as it was at ``commit``, written into ``folder``."""
    text = subprocess.run(
        ["git", "show", f"{commit}:{path}"], cwd=ROOT, check=True, capture_output=True
    ).stdout
    out = folder / Path(path).name
    out.write_bytes(text)
    return out


def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("old_search", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_search"] = module
    spec.loader.exec_module(module)
    return module


def before(store: ox.Store, commit: str, runs: int) -> list[str]:
    """The rows of the table for the code of ``commit``."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        old = _module(_old(commit, "kg/web/search.py", Path(tmp)))
        start = time.perf_counter()
        index = old.SearchIndex.build(store)
        built = time.perf_counter() - start
        rows.append(f"| {commit}: in-memory index built at server start | {built:.1f} s | |")
        for query in QUERIES:
            ms, hits = median_ms(partial(index.search, query), runs)
            rows.append(f"| {commit}: search `{query}` | {ms:.1f} | {len(hits):,} (50 at most) |")
        named = read_query(_old(commit, "kg/data/sparql/decisions-containing.rq", Path(tmp)))
        for word in DECISION_WORDS:
            ms, count = median_ms(partial(_rows, store, named, {"word": word}, None), runs)
            rows.append(f"| {commit}: decisions-containing `{word}` | {ms:.1f} | {count:,} rows |")
    return rows


def after(store: ox.Store, runs: int, built: Path | None = None) -> list[str]:
    """The rows of the table for this code; with ``built`` (a store folder), its build's
    index rather than one made whole from the store."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        if built is not None:
            index = SearchIndex.beside(built)
            size = index.path.stat().st_size / 2**20
            rows.append(f"| the index the build kept ({size:.0f} MiB) | | |")
        else:
            index = SearchIndex.beside(Path(tmp))
            start = time.perf_counter()
            index.ensure(store)
            indexed = time.perf_counter() - start
            size = index.path.stat().st_size / 2**20
            rows.append(
                f"| search index made whole from the store ({size:.0f} MiB) | {indexed:.1f} s | |"
            )
        for query in QUERIES:
            ms, results = median_ms(partial(search, index, query), runs)
            rows.append(f"| search `{query}` (page 1 of 20) | {ms:.1f} | {results.total:,} |")
        named = catalogue(data_folder("sparql"))["decisions-containing"]
        for word in DECISION_WORDS:
            values = {"text": word}

            def decisions(v: dict[str, str] = values) -> int:
                return _rows(store, named, v, found_for(named, v, index))

            ms, count = median_ms(decisions, runs)
            rows.append(f"| decisions-containing `{word}` | {ms:.1f} | {count:,} rows |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--store", type=Path, required=True, help="a store folder")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--before", metavar="COMMIT", help="also time this commit's code")
    parser.add_argument(
        "--built",
        action="store_true",
        help="search the index the build kept beside the store (a large store: making one "
        "whole takes minutes)",
    )
    parser.add_argument("--no-record", action="store_true", help="print only")
    args = parser.parse_args()
    store = ox.Store.read_only(str(args.store / "oxigraph"))
    quads = len(store)
    load = os.getloadavg()
    rows = before(store, args.before, args.runs) if args.before else []
    rows += after(store, args.runs, args.store if args.built else None)
    table = "\n".join(
        [
            f"Store: {quads:,} quads ({args.store}); load average before the run"
            f" {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}.",
            "",
            f"| in-process, median of {args.runs} runs | ms | found |",
            "|---|---:|---:|",
            *rows,
        ]
    )
    print(table)
    if not args.no_record:
        record(ROOT / "benchmarks" / "RESULTS.md", f"search, {quads:,} quads", table)


if __name__ == "__main__":
    main()
