"""Benchmark: what the named-query rewrites and VALUES binding bought, and what a model
where the union states each triple once would buy, in-process on pyoxigraph.

    python benchmarks/rewrites.py [--copies 50] [--budget 60]

Makes --copies renamed copies of the examples' graph (benchmarks/serve.py --synthetic),
and a second store holding the same triples with each triple stated by one graph only
(the first that states it): what the union of the graphs would be if shared descriptions
were not restated by every document. On both, each named query runs as it was before the
rewrite with its parameter bound by Oxigraph's substitutions, as it was with the
parameter bound by VALUES, and as it is now (see tests/integration/test_query_rewrites.py
for the old texts and the proof that the answers are the same). Median of up to 3 runs,
fewer when a run takes more than --budget / 3 seconds. Appends to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from machine import record
from serve import SAMPLE, synthetic

from kg.resources import data_folder
from kg.store.queries import NamedQuery, Term, catalogue
from tests.integration.test_query_rewrites import OLD

ROOT = Path(__file__).resolve().parents[1]


def once_each(source: ox.Store, folder: Path) -> ox.Store:
    """A store with every triple of ``source`` in the first graph that states it."""
    seen: set[tuple[object, object, object]] = set()
    kept = []
    for quad in source:
        key = (quad.subject, quad.predicate, quad.object)
        if key not in seen:
            seen.add(key)
            kept.append(quad)
    store = ox.Store(str(folder))
    store.bulk_extend(kept)
    store.flush()
    return store


def median_ms(
    store: ox.Store, text: str, budget: float, substitutions: dict[ox.Variable, Term] | None
) -> str:
    times: list[float] = []
    while len(times) < 3 and sum(times) < budget / 3:
        start = time.perf_counter()
        results = store.query(text, substitutions=substitutions)
        assert isinstance(results, ox.QuerySolutions)
        for _ in results:
            pass
        times.append(time.perf_counter() - start)
    return f"{statistics.median(times) * 1000:.1f}"


def rows(store: ox.Store, budget: float) -> list[str]:
    lines = []
    for query in catalogue(data_folder("sparql")).values():
        values = {p.name: SAMPLE[p.name] + ("-c0" if p.kind == "iri" else "") for p in query.params}
        old = NamedQuery(query.name, "", "", query.params, OLD.get(query.name, query.text))
        cells = [
            median_ms(store, old.text, budget, old.bindings(values)),
            median_ms(store, old.bound(values), budget, None) if values else "-",
            median_ms(store, query.bound(values), budget, None),
        ]
        lines.append(f"| {query.name} | " + " | ".join(cells) + " |")
        print(lines[-1], flush=True)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--budget", type=float, default=60, help="seconds per measurement")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    head = [
        "| named query | before: old text, substitutions ms | old text, VALUES ms "
        "| now: rewritten, VALUES ms |",
        "|---|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        synthetic(Path(tmp), args.copies)
        store = ox.Store.read_only(str(Path(tmp) / "oxigraph"))
        union = rows(store, args.budget)
        merged = once_each(store, Path(tmp) / "once")
        once = rows(merged, args.budget)
        sizes = f"{len(store)} quads; {len(merged)} when each triple is stated once"
    report = "\n".join(
        [
            f"{sizes}. Medians of up to 3 in-process runs.",
            "",
            "As built (a triple restated by each document graph that states it):",
            "",
            *head,
            *union,
            "",
            "Model change, simulated: each triple stated by one graph only:",
            "",
            *head,
            *once,
        ]
    )
    print(report)
    if not args.no_record:
        title = f"named-query rewrites in-process, {args.copies} copies of examples"
        record(ROOT / "benchmarks" / "RESULTS.md", title, report)


if __name__ == "__main__":
    main()
