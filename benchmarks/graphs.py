"""Benchmark: how long each relation graph takes to read from the store, analyse and write.

    python benchmarks/graphs.py [--store DIR] [--synthetic N] [--no-record]

Without --store, builds the bundled examples into a temporary store; --synthetic N fills
it with N renamed copies of the examples' graph instead (as benchmarks/serve.py does). For
each graph: nodes, edges, and the seconds to build it (SPARQL and networkx), to annotate it
(degree and betweenness centrality, Louvain communities) and to write it as JSON, GraphML,
GEXF and PNG. Prints a table and appends it to benchmarks/RESULTS.md. Not a test.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from machine import record
from serve import prepared_store

from kg import graphs
from kg.graphs import GraphFormat, GraphName

ROOT = Path(__file__).resolve().parents[1]
FORMATS = (GraphFormat.JSON, GraphFormat.GRAPHML, GraphFormat.GEXF, GraphFormat.PNG)


def timed_table(store: ox.Store) -> str:
    header = " | ".join(f"{f} s" for f in FORMATS)
    lines = [
        f"| graph | nodes | edges | build s | analyse s | {header} |",
        "|---|---:|---:|---:|---:|" + "---:|" * len(FORMATS),
    ]
    for name in GraphName:
        start = time.perf_counter()
        graph = graphs.build_graph(store, name)
        built = time.perf_counter() - start
        start = time.perf_counter()
        graphs.annotate(graph)
        analysed = time.perf_counter() - start
        writes = []
        for fmt in FORMATS:
            start = time.perf_counter()
            graphs.write(graph, fmt)
            writes.append(time.perf_counter() - start)
        lines.append(
            f"| {name} | {graph.number_of_nodes()} | {graph.number_of_edges()} "
            f"| {built:.2f} | {analysed:.2f} | " + " | ".join(f"{w:.2f}" for w in writes) + " |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--store", type=Path)
    parser.add_argument("--synthetic", type=int, default=0, help="N renamed copies of examples")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store_dir = prepared_store(args.store, args.synthetic, Path(tmp))
        store = ox.Store.read_only(str(store_dir / "oxigraph"))
        quads = len(store)
        table = timed_table(store)
    print(f"{quads} quads", table, sep="\n\n")
    if not args.no_record:
        title = f"graphs, {quads} quads" + (
            f" ({args.synthetic} copies of examples)" if args.synthetic else ""
        )
        record(ROOT / "benchmarks" / "RESULTS.md", title, table)


if __name__ == "__main__":
    main()
