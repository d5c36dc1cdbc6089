"""Benchmark: the default graph as a set (kg.store.union) against the union of the graphs
as a bag, which queries read before.

    python benchmarks/default_graph.py STORE [--repeat 5] [--batch 50] [--changes 20]
                                             [--no-record]

Reads the named graphs of a built store folder (e.g. `kg synth --docs 1000` built with
`kg build --jobs 1`) and writes them, ``--batch`` graphs a transaction, into two fresh
store folders: "bag", as the store wrote before (`Store.extend` of the named graphs
only; queries read the union), and "set", through `OxigraphStore.replace_graphs` (the
named graphs and their union as the default graph; queries read the default graph).
Then, on both: each named query ``--repeat`` times (median time, rows, distinct rows;
parameters are taken from the store), replacing ``--changes`` existing graphs with a
changed copy, and removing them. Both stores are written and queried in the same run, so
the ratios hold even on a loaded machine; the load average is recorded beside them.
Prints the table and appends it to benchmarks/RESULTS.md. Not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from machine import record

from kg.resources import data_folder
from kg.store import OxigraphStore
from kg.store.base import ntriples
from kg.store.queries import catalogue
from kg.vocab import PREFIXES

ROOT = Path(__file__).resolve().parents[1]
Graphs = dict[str, list[ox.Quad]]
#: The queries of issue 14 that the bag answered wrongly: rows (a count's value) and time.
ISSUE_QUERIES = {
    "COUNT(?m) of meetings": "SELECT (COUNT(?m) AS ?n) WHERE { ?m a mkg:Meeting }",
    "?p foaf:name ?name": "SELECT ?p ?name WHERE { ?p foaf:name ?name }",
    "who works on what, a join without DISTINCT": (
        "SELECT ?person ?name ?project WHERE { ?g a mkg:WorkingGroup ; mkg:worksOn ?project ."
        " ?ms org:organization ?g ; org:member ?person . ?person foaf:name ?name }"
    ),
}


def read_graphs(folder: Path) -> Graphs:
    """The named graphs of a store folder, by IRI."""
    store = ox.Store.read_only(str(folder / "oxigraph"))
    graphs: Graphs = {}
    for quad in store:
        if isinstance(quad.graph_name, ox.NamedNode):
            graphs.setdefault(quad.graph_name.value, []).append(quad)
    return graphs


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def batches(graphs: Graphs, size: int) -> list[Graphs]:
    names = sorted(graphs)
    return [{n: graphs[n] for n in names[i : i + size]} for i in range(0, len(names), size)]


def load_bag(folder: Path, graphs: Graphs, size: int) -> tuple[ox.Store, float]:
    store = ox.Store(str(folder))
    seconds = 0.0
    for batch in batches(graphs, size):
        quads = [q for group in batch.values() for q in group]
        seconds += timed(partial(store.extend, quads))
    return store, seconds


def load_set(folder: Path, graphs: Graphs, size: int) -> tuple[OxigraphStore, float]:
    store = OxigraphStore(folder)
    seconds = 0.0
    for batch in batches(graphs, size):
        seconds += timed(partial(store.replace_graphs, dict(batch)))
    return store, seconds


def parameters(store: ox.Store) -> dict[str, str]:
    """A value for each parameter of the named queries, read from the store."""
    header = "\n".join(f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items())
    found: dict[str, str] = {"word": "godkendt"}
    asks = {
        "person": "?x a person:Person",
        "project": "?x a mkg:Project",
        "committee": "?x a mkg:Committee",
        "caseId": "?c a mkg:Case ; dct:identifier ?x",
    }
    for name, pattern in asks.items():
        rows = store.query(f"{header} SELECT ?x WHERE {{ {pattern} }} ORDER BY ?x LIMIT 1")
        assert isinstance(rows, ox.QuerySolutions)
        for row in rows:
            found[name] = row["x"].value
    return found


def run_query(store: ox.Store, text: str, union: bool) -> tuple[float, int, int]:
    start = time.perf_counter()
    results = store.query(text, use_default_graph_as_union=union)
    assert isinstance(results, ox.QuerySolutions)
    rows = [tuple(str(s[v]) for v in results.variables) for s in results]
    return time.perf_counter() - start, len(rows), len(set(rows))


def count(store: ox.Store, text: str, union: bool) -> int:
    """The value of a COUNT query's one cell."""
    header = "\n".join(f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items())
    results = store.query(f"{header}\n{text}", use_default_graph_as_union=union)
    assert isinstance(results, ox.QuerySolutions)
    cell = next(iter(results))[0]
    assert isinstance(cell, ox.Literal)
    return int(cell.value)


def changed(graph: list[ox.Quad]) -> list[ox.Quad]:
    """The graph with one triple more (a document edited)."""
    extra = ox.Quad(
        graph[0].subject, ox.NamedNode("urn:x-bench:edited"), ox.Literal("yes"), graph[0].graph_name
    )
    return [*graph, extra]


def replace_bag(store: ox.Store, graphs: Graphs) -> None:
    """The replacing of graphs as the store did it before: DROP and INSERT DATA."""
    parts = [
        f"DROP SILENT GRAPH <{iri}> ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{ntriples(q).decode()}}} }}"
        for iri, q in sorted(graphs.items())
    ]
    store.update(" ;\n".join(parts))


def remove_bag(store: ox.Store, names: list[str]) -> None:
    for iri in names:
        store.update(f"DROP SILENT GRAPH <{iri}>")


def remove_set(store: OxigraphStore, names: list[str]) -> None:
    for iri in names:
        store.remove_graph(iri)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--no-record", action="store_true", help="print, do not append")
    args = parser.parse_args()
    graphs = read_graphs(args.store)
    loads = [os.getloadavg()[0]]
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-default-") as tmp:
        bag, bag_load = load_bag(Path(tmp) / "bag", graphs, args.batch)
        fresh, set_load = load_set(Path(tmp) / "set", graphs, args.batch)
        kept = fresh.raw
        named = sum(len(q) for q in graphs.values())
        lines += [
            f"{len(graphs)} named graphs, {named:,} quads in them; batches of {args.batch} graphs",
            "",
            "| | bag (before) | set (after) | after / before |",
            "|---|---:|---:|---:|",
            f"| quads in the store | {len(bag):,} | {len(kept):,} | {len(kept) / len(bag):.2f} |",
            f"| triples the default graph answers | {named:,} | {fresh.union_size():,} | "
            f"{fresh.union_size() / named:.2f} |",
            f"| load, s | {bag_load:.1f} | {set_load:.1f} | {set_load / bag_load:.2f} |",
        ]
        loads.append(os.getloadavg()[0])
        lines += [
            "",
            "| query | bag ms | bag rows | distinct rows | set ms | set rows "
            "| distinct rows | set ms / bag ms |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        header = "\n".join(f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items())
        for name, text in ISSUE_QUERIES.items():
            b_ms, b_rows, _ = run_query(bag, f"{header}\n{text}", True)
            s_ms, s_rows, _ = run_query(kept, f"{header}\n{text}", False)
            if name.startswith("COUNT"):
                b_rows, s_rows = count(bag, text, True), count(kept, text, False)
            lines.append(
                f"| {name} | {b_ms * 1000:.1f} | {b_rows} | | {s_ms * 1000:.1f} | {s_rows} "
                f"| | {s_ms / b_ms:.2f} |"
            )
        values = parameters(kept)
        for name, query in sorted(catalogue(data_folder("sparql")).items()):
            text = query.bound({p.name: values[p.name] for p in query.params if p.name in values})
            measured = {}
            for label, store, union in (("bag", bag, True), ("set", kept, False)):
                runs = [run_query(store, text, union) for _ in range(args.repeat)]
                ms = statistics.median(r[0] for r in runs) * 1000
                measured[label] = (ms, runs[0][1], runs[0][2])
            (b_ms, b_rows, b_distinct) = measured["bag"]
            (s_ms, s_rows, s_distinct) = measured["set"]
            lines.append(
                f"| {name} | {b_ms:.1f} | {b_rows} | {b_distinct} | {s_ms:.1f} | {s_rows} "
                f"| {s_distinct} | {s_ms / b_ms:.2f} |"
            )
        lines += ["", "| writes, after the queries | bag | set | set / bag |"]
        lines.append("|---|---:|---:|---:|")
        some = dict(sorted(graphs.items())[: args.changes])
        edited = {iri: changed(q) for iri, q in some.items()}
        bag_replace = timed(partial(replace_bag, bag, edited))
        set_replace = timed(partial(fresh.replace_graphs, dict(edited)))
        lines.append(
            f"| replace {len(edited)} graphs, s | {bag_replace:.2f} | {set_replace:.2f} | "
            f"{set_replace / bag_replace:.2f} |"
        )
        bag_remove = timed(partial(remove_bag, bag, list(edited)))
        set_remove = timed(partial(remove_set, fresh, list(edited)))
        lines.append(
            f"| remove {len(edited)} graphs, s | {bag_remove:.2f} | {set_remove:.2f} | "
            f"{set_remove / bag_remove:.2f} |"
        )
    loads.append(os.getloadavg()[0])
    lines.append("")
    lines.append(f"Load average (1 min) at start, after the loads, at the end: {loads}")
    table = "\n".join(lines)
    print(table)
    title = "The default graph as a set against the union as a bag (benchmarks/default_graph.py)"
    if not args.no_record:
        record(ROOT / "benchmarks" / "RESULTS.md", title, table)


if __name__ == "__main__":
    main()
