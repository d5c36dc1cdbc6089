"""Benchmark: the SHACL gate, pySHACL against the compiled engine, on the same graphs.

    python benchmarks/validation.py [--sizes 200 1000] [--batch 100] [--single-limit 1000]

Builds the bundled examples once and copies their document graphs until there are N
(each copy with its own minted IRIs, so no two copies share a node), breaks every 25th copy
(drops a required fact, sets an item number to 0) so that there are violations to find,
then times on the same graphs in the same run: (a) one pySHACL call over the merged graph
(skipped above --single-limit documents), (b) pySHACL per document (the gate until now) and
(c) the compiled gate (kg.validate.validate_batch) in batches of --batch documents. Checks
that all three find the same violations, prints a table (ratios of CPU time, which other
jobs disturb less than wall-clock time) and appends it to benchmarks/RESULTS.md. Not a test:
these machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from machine import record

from kg.pipeline import build
from kg.settings import BuildSettings
from kg.store.oxigraph import OxigraphStore
from kg.validate import Violation, compile_shapes, load_shapes, validate_batch, validate_quads

ROOT = Path(__file__).resolve().parents[1]
MINTED = re.compile(r"^(http://localhost:8000/(?:id/[a-z]+/|\.well-known/genid/))(.+)$")
MKG = "https://w3id.org/minutes-kg/ontology#"
Key = tuple[str, str, str | None, str | None, str]


def example_graphs() -> list[list[ox.Quad]]:
    """The document graphs of a build of the examples."""
    with tempfile.TemporaryDirectory() as tmp:
        build([ROOT / "examples"], Path(tmp), BuildSettings())
        store = OxigraphStore(Path(tmp), read_only=True)
        return [sorted(store.graph(iri), key=str) for iri in sorted(store.document_graphs())]


def copies(originals: list[list[ox.Quad]], count: int) -> dict[str, list[ox.Quad]]:
    """``count`` document graphs, copy ``n`` of an original with every minted IRI suffixed."""

    def renamed(term: Any, n: int) -> Any:
        if isinstance(term, ox.NamedNode):
            match = MINTED.match(term.value)
            if match:
                return ox.NamedNode(f"{match[1]}{match[2]}-c{n}")
        return term

    graphs = {}
    for n in range(count):
        quads = [
            ox.Quad(
                renamed(q.subject, n), q.predicate, renamed(q.object, n), renamed(q.graph_name, n)
            )
            for q in originals[n % len(originals)]
        ]
        graphs[f"doc-{n}"] = broken(quads) if n % 25 == 7 else quads
    return graphs


def broken(quads: list[ox.Quad]) -> list[ox.Quad]:
    """The graph without its first rdfs:label and with its item numbers set to 0."""
    label = next(i for i, q in enumerate(quads) if q.predicate.value.endswith("#label"))
    zero = ox.Literal("0", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return [
        ox.Quad(q.subject, q.predicate, zero, q.graph_name)
        if q.predicate.value == MKG + "number"
        else q
        for i, q in enumerate(quads)
        if i != label
    ]


def keys(violations: list[Violation]) -> set[Key]:
    return {(v.shape, v.focus, v.path, v.value, v.severity) for v in violations}


def timed(run: Callable[[], set[Key]]) -> tuple[tuple[float, float], set[Key]]:
    """Wall-clock and CPU seconds of ``run`` (CPU time is what other jobs on a shared
    machine disturb least: both engines run in this one thread) and what it found."""
    wall, cpu = time.perf_counter(), time.process_time()
    found = run()
    return (time.perf_counter() - wall, time.process_time() - cpu), found


def measure(size: int, batch: int, single_limit: int, originals: list[list[ox.Quad]]) -> list[str]:
    graphs = copies(originals, size)
    quads = sum(len(g) for g in graphs.values())
    shapes = load_shapes(ROOT / "kg" / "data" / "shapes")

    def compiled() -> set[Key]:
        engine = compile_shapes(shapes)
        names = list(graphs)
        found: set[Key] = set()
        for start in range(0, len(names), batch):
            part = {name: graphs[name] for name in names[start : start + batch]}
            for violations in validate_batch(part, engine).values():
                found |= keys(violations)
        return found

    def per_document() -> set[Key]:
        return set().union(*(keys(validate_quads(g, shapes)) for g in graphs.values()))

    def single() -> set[Key]:
        return keys(validate_quads([q for g in graphs.values() for q in g], shapes))

    runs: list[tuple[str, tuple[float, float] | None, set[Key] | None]] = []
    seconds, reference = timed(compiled)
    runs.append((f"compiled, batches of {batch}", seconds, reference))
    seconds, found = timed(per_document)
    runs.append(("pySHACL per document", seconds, found))
    if size <= single_limit:
        seconds, found = timed(single)
        runs.append(("pySHACL, one call over the merged graph", seconds, found))
    else:
        runs.append((f"pySHACL, one call (skipped above {single_limit} documents)", None, None))
    compiled_cpu = runs[0][1][1] if runs[0][1] else 1.0
    rows = []
    for name, took, result in runs:
        if took is None or result is None:
            rows.append(f"| {size} | {quads} | {name} | - | - | - | - | - |")
            continue
        wall, cpu = took
        same = "yes" if result == reference else f"NO ({len(result ^ reference)} differ)"
        rows.append(
            f"| {size} | {quads} | {name} | {wall:.1f} | {cpu:.1f} | {size / cpu:.1f} "
            f"| {cpu / compiled_cpu:.1f} | {len(result)}, same: {same} |"
        )
        print(rows[-1], flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument(
        "--single-limit",
        type=int,
        default=1000,
        help="skip the single pySHACL call above this many documents (it grows too slow)",
    )
    parser.add_argument("--no-record", action="store_true", help="print only")
    args = parser.parse_args()
    load = os.getloadavg()[0]  # the machine is shared: say how busy it was
    originals = example_graphs()
    rows = [
        "| documents | quads | engine | wall s | CPU s | docs per CPU s "
        "| CPU time / compiled | violations |",
        "|---:|---:|---|---:|---:|---:|---:|---|",
    ]
    for size in args.sizes:
        rows += measure(size, args.batch, args.single_limit, originals)
    table = "\n".join(rows)
    print(table)
    if not args.no_record:
        title = f"validation: SHACL gate (load average {load:.1f} at the start)"
        record(ROOT / "benchmarks" / "RESULTS.md", title, table)


if __name__ == "__main__":
    main()
