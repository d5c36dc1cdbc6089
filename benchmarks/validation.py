"""Benchmark: the SHACL gate, pySHACL against the compiled engine, on the same graphs.

    python benchmarks/validation.py [--sizes 200 1000] [--batch 100] [--single-limit 1000]
    python benchmarks/validation.py --engines [--docs 1000] [--baseline REV] [--corpus DIR]

Builds the bundled examples once and copies their document graphs until there are N
(each copy with its own minted IRIs, so no two copies share a node), breaks every 25th copy
(drops a required fact, sets an item number to 0) so that there are violations to find,
then times on the same graphs in the same run: (a) one pySHACL call over the merged graph
(skipped above --single-limit documents), (b) pySHACL per document (the gate until now) and
(c) the compiled gate (kg.validate.validate_batch) in batches of --batch documents. Checks
that all three find the same violations, prints a table (ratios of CPU time, which other
jobs disturb less than wall-clock time) and appends it to benchmarks/RESULTS.md. Not a test:
these machines are shared and noisy.

With --engines it compares the compiled engine with the one of git revision --baseline
(by default the last with the SPARQL engine) in the build's own setting: the mapped graphs
of a synthetic corpus (``kg synth --docs N --seed 0``, built once; every 25th graph broken
as above), validated with ``validate_batch`` in chunks of 8 and 64 documents, each engine
in a process of its own (the baseline's ``kg`` from ``git archive``). It prints CPU ms per
document (the best of three runs), checks that both engines find the same violations to
the last field, and appends the table to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.append(str(Path(__file__).resolve().parents[1]))  # after PYTHONPATH (--engines)
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


#: The last revision whose compiled engine ran SPARQL queries.
SPARQL_ENGINE = "3e14340"
CHUNKS = (8, 64)


def engines(docs: int, baseline: str, corpus: Path | None, *, record_results: bool) -> None:
    """Both engines on the mapped graphs of a synthetic corpus, each in its own process."""
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = f"corpus {corpus}" if corpus else f"kg synth --docs {docs} --seed 0"
        if corpus is None:
            corpus = folder / "corpus"
            kg = [sys.executable, "-m", "kg"]
            synth = ["synth", "--docs", str(docs), "--seed", "0", "--out", str(corpus)]
            subprocess.run([*kg, *synth], check=True, capture_output=True)
        build([corpus], folder / "store", BuildSettings())
        tree = folder / "baseline"
        tree.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", baseline, "kg"], check=True, capture_output=True
        )
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
        runs = {
            f"SPARQL queries ({baseline})": _measured(tree, folder / "store"),
            "generated Python (this tree)": _measured(ROOT, folder / "store"),
        }
    reference = runs[f"SPARQL queries ({baseline})"]
    rows = [
        "| engine | chunk | documents | quads | CPU ms per document | violations | same |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for name, run in runs.items():
        for chunk in CHUNKS:
            same = "yes" if run["digest"] == reference["digest"] else "NO"
            rows.append(
                f"| {name} | {chunk} | {run['documents']} | {run['quads']} "
                f"| {run['cpu'][str(chunk)] / run['documents'] * 1000:.2f} "
                f"| {run['violations']} | {same} |"
            )
    table = "\n".join(rows)
    print(table)
    if record_results:
        title = (
            f"validation: SPARQL engine against generated Python, {source} "
            f"(load average {load:.1f})"
        )
        record(ROOT / "benchmarks" / "RESULTS.md", title, table)


def _measured(tree: Path, store: Path) -> dict[str, Any]:
    """What ``--measure`` prints, run with ``kg`` from ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", str(store)]
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def measure_engine(store_dir: Path) -> None:
    """Print, as JSON, the CPU seconds ``validate_batch`` takes on the store's document
    graphs (every 25th broken) in chunks of each size, and a digest of the violations."""
    store = OxigraphStore(store_dir, read_only=True)
    graphs = {}
    for n, iri in enumerate(sorted(store.document_graphs())):
        quads = list(store.graph(iri))
        graphs[iri] = broken(quads) if n % 25 == 7 else quads
    compiled = compile_shapes(
        load_shapes(Path(sys.modules["kg"].__file__ or "").parent / "data" / "shapes")
    )
    names = list(graphs)
    cpu: dict[int, float] = {}
    found: dict[str, list[Violation]] = {}
    for chunk in CHUNKS:
        times = []
        for _ in range(3):
            start = time.process_time()
            for first in range(0, len(names), chunk):
                part = {name: graphs[name] for name in names[first : first + chunk]}
                found.update(validate_batch(part, compiled))
            times.append(time.process_time() - start)
        cpu[chunk] = min(times)
    rows = sorted(
        (
            name,
            v.shape,
            v.focus,
            v.path or "",
            v.message,
            v.severity,
            v.value or "",
            v.page or 0,
            v.line or 0,
        )
        for name, violations in found.items()
        for v in violations
    )
    digest = hashlib.sha256(repr(rows).encode()).hexdigest()
    total = sum(len(g) for g in graphs.values())
    result = {
        "cpu": cpu,
        "digest": digest,
        "violations": len(rows),
        "documents": len(graphs),
        "quads": total,
    }
    print(json.dumps(result))


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
    parser.add_argument("--engines", action="store_true", help="this engine against --baseline's")
    parser.add_argument("--docs", type=int, default=1000, help="with --engines: corpus size")
    parser.add_argument("--baseline", default=SPARQL_ENGINE, help="with --engines: git revision")
    parser.add_argument("--corpus", type=Path, help="with --engines: a corpus to build instead")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # one engine's run
    args = parser.parse_args()
    if args.measure:
        measure_engine(args.measure)
        return
    if args.engines:
        engines(args.docs, args.baseline, args.corpus, record_results=not args.no_record)
        return
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
