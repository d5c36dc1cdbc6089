"""Benchmark: how the cost grows with the corpus: build time, CPU, peak memory, store
size on disk and named-query latency at 1,000, 10,000 and 100,000 synthetic documents.

    python benchmarks/growth.py [--sizes 1000 10000 100000] [--jobs 2] [--runs 5]
                                [--corpus synthetic|portal] [--limit 180] [--work DIR]
                                [--no-record]

For each size, smallest first: write a corpus (timed apart, not counted) with `kg synth`,
or with --corpus portal the 60 shared portal meetings repeated with changed ids
(benchmarks/portal_corpus.py: real text), build it in a child process
(benchmarks/build.py's `run_child`), then open the store in-process (pyoxigraph) and run
each named query of kg/data/sparql/ --runs times through `kg.store.run`, its parameters
bound to values taken from the store (the first person, project, committee and case id
by IRI, and the word "godkendt" for a text parameter); the table gives the median. A
query with a text parameter is timed as the named-query API runs it: the search index
the build kept beside the store finds the resources (`kg.search.found_for`), the query
joins them; the row "of which search ms" gives the index's share. A size is built only
while the build before it took less than --limit seconds; the sizes left out get an
extrapolated build time, from the growth measured between the two largest sizes built
(marked "extrapolated"). Prints a table and appends it to
benchmarks/RESULTS.md. Not a test: these machines are shared and noisy.

With --work DIR each size's corpus and store stay in DIR/SIZE/corpus and DIR/SIZE/store
(a corpus already there is used again, its writing time then 0; the store is always
built anew), so that benchmarks/pages.py, search.py --built and the browser test can
measure the same stores afterwards. With --built (and --work) nothing is written or built:
the stores already in DIR/SIZE/store are measured as they are (the build's rows say "-");
--recount first counts their statistics graph again with this checkout's code
(`kg.stats.refresh`, timed), for a store an earlier revision built.
"""

from __future__ import annotations

import argparse
import math
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from portal_corpus import SOURCE as PORTAL
from portal_corpus import write as write_portal

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from build import Run, run_child, synthesize
from machine import record

from kg.resources import data_folder
from kg.search import SearchIndex, found_for
from kg.stats import Downloads, refresh
from kg.store import open_store
from kg.store.queries import NamedQuery, catalogue
from kg.store.run import run

ROOT = Path(__file__).resolve().parents[1]

#: How to find a value for each parameter in a built store: the first by IRI or text.
SAMPLES = {
    "person": "SELECT ?v WHERE { ?m <https://w3id.org/minutes-kg/ontology#present> ?v }",
    "project": "SELECT ?v WHERE { ?v a <https://w3id.org/minutes-kg/ontology#Project> }",
    "committee": "SELECT ?v WHERE { ?m <https://w3id.org/minutes-kg/ontology#heldBy> ?v }",
    "caseId": "SELECT ?v WHERE { ?c a <https://w3id.org/minutes-kg/ontology#Case> ;"
    " <http://purl.org/dc/terms/identifier> ?v }",
}
WORD = "godkendt"
#: The row of the search index's share of a query with a text parameter.
SEARCH = "of which search"


def sample_values(store: ox.Store) -> dict[str, str]:
    """A value for each parameter, found in ``store``."""
    values = {"text": WORD}
    for name, query in SAMPLES.items():
        solutions = store.query(
            query.replace("SELECT ?v", "SELECT (MIN(STR(?v)) AS ?v)")
        )  # the default graph: the union of the graphs as a set (kg.store.union)
        assert isinstance(solutions, ox.QuerySolutions)
        for solution in solutions:
            if solution["v"] is not None:
                values[name] = solution["v"].value
    return values


def latencies(
    store: ox.Store, index: SearchIndex, queries: list[NamedQuery], runs: int
) -> dict[str, float]:
    """The median milliseconds of each query over ``runs`` runs (the rows read out), the
    search index's look-up included; and of that look-up alone, as "NAME of which
    search". A query is left out where the corpus has no value for a parameter it needs
    (the portal meetings name no projects)."""
    values = sample_values(store)
    medians = {}
    for query in queries:
        given = {p.name: values[p.name] for p in query.params if p.name in values}
        if any(p.required and p.name not in given for p in query.params):
            print(f"  {query.name}: no value for its parameters in this corpus", flush=True)
            continue
        times, searching = [], []
        for _ in range(runs):
            start = time.perf_counter()
            found = None
            if query.searched(given) is not None:
                found = found_for(query, given, index)
                searching.append(time.perf_counter() - start)
            results = run(store, query, given, found)
            assert isinstance(results, ox.QuerySolutions)
            for _row in results:
                pass
            times.append(time.perf_counter() - start)
        medians[query.name] = statistics.median(times) * 1000
        print(f"  {query.name}: {medians[query.name]:.1f} ms", flush=True)
        if searching:
            medians[f"{query.name} {SEARCH}"] = statistics.median(searching) * 1000
    return medians


@contextmanager
def _folder(work: Path | None, size: int) -> Iterator[Path]:
    """Where a size's corpus and store go: ``work/size``, kept; else a folder removed
    afterwards."""
    if work is not None:
        (work / str(size)).mkdir(parents=True, exist_ok=True)
        yield work / str(size)
        return
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


def corpus(kind: str, size: int, folder: Path) -> float:
    """Write a corpus of ``size`` documents of ``kind`` into ``folder``; the seconds."""
    if kind == "synthetic":
        return synthesize(size, folder)
    start = time.perf_counter()
    write_portal(folder, size)
    return time.perf_counter() - start


def recount(folder: Path) -> float:
    """Count the statistics graph of the store in ``folder`` again; the seconds."""
    start = time.perf_counter()
    downloads = Downloads.beside(folder)
    downloads.begin()
    rewritten = refresh(open_store(folder), downloads)
    downloads.finish()
    print(f"  recounted {', '.join(rewritten) or 'nothing'} in {folder}", flush=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", nargs="*", type=int, default=[1000, 10000, 100000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--corpus",
        choices=["synthetic", "portal"],
        default="synthetic",
        help=f"kg synth, or the portal meetings of {PORTAL} repeated (real text)",
    )
    parser.add_argument("--limit", type=float, default=180.0, help="seconds (see above)")
    parser.add_argument(
        "--work", type=Path, help="keep corpora and stores in DIR/SIZE/ (see above)"
    )
    parser.add_argument("--built", action="store_true", help="measure the stores in --work")
    parser.add_argument("--recount", action="store_true", help="with --built: see above")
    parser.add_argument("--no-record", action="store_true", help="print only")
    args = parser.parse_args()
    if args.built and args.work is None:
        parser.error("--built measures the stores of --work DIR")
    queries = sorted(catalogue(data_folder("sparql")).values(), key=lambda q: q.name)
    built: dict[int, Run] = {}
    timings: dict[int, dict[str, float]] = {}
    written: dict[int, float] = {}
    sizes: dict[int, int] = {}  # bytes of each store folder
    for size in sorted(args.sizes):
        if built and built[max(built)].seconds >= args.limit:
            break
        with _folder(args.work, size) as tmp:
            documents, store = tmp / "corpus", tmp / "store"
            if args.built:  # measured as they are, their statistics counted again
                if args.recount:
                    written[size] = recount(store)
            else:
                if store.exists():
                    shutil.rmtree(store)
                reused = (documents / "_truth.json").exists() or (
                    args.corpus == "portal" and documents.is_dir() and any(documents.iterdir())
                )
                written[size] = 0.0 if reused else corpus(args.corpus, size, documents)
                built[size] = run_child(store, [documents], args.jobs)
                print(f"{size}: built in {built[size].seconds:.1f} s: {built[size]}", flush=True)
            sizes[size] = sum(f.stat().st_size for f in store.rglob("*") if f.is_file())
            timings[size] = latencies(
                ox.Store.read_only(str(store / "oxigraph")),
                SearchIndex.beside(store),
                queries,
                args.runs,
            )
    table = _table(sorted(args.sizes), built, timings, written, queries, sizes, args.corpus)
    print(table)
    if not args.no_record:
        title = f"growth, {args.corpus} corpus, --jobs {args.jobs}, median of {args.runs} runs"
        record(ROOT / "benchmarks" / "RESULTS.md", title, table)


def _table(
    sizes: list[int],
    built: dict[int, Run],
    timings: dict[int, dict[str, float]],
    written: dict[int, float],
    queries: list[NamedQuery],
    stored: dict[int, int],
    kind: str,
) -> str:
    measured = sorted(built)
    exponent = None
    if len(measured) >= 2:
        small, large = measured[-2], measured[-1]
        exponent = math.log(built[large].seconds / built[small].seconds) / math.log(large / small)
    header = ["| | " + " | ".join(f"{size} documents" for size in sizes) + " |"]
    header.append("|---|" + "---:|" * len(sizes))
    rows = []

    def row(label: str, cells: list[str]) -> None:
        rows.append(f"| {label} | " + " | ".join(cells) + " |")

    build_cells = []
    for size in sizes:
        if size in built:
            build_cells.append(f"{built[size].seconds:.1f}")
        elif exponent is not None:
            last = measured[-1]
            guess = built[last].seconds * (size / last) ** exponent
            build_cells.append(f"~{guess:.0f} (extrapolated)")
        else:
            build_cells.append("-")
    row("build s", build_cells)
    row("quads", [str(built[s].quads) if s in built else "-" for s in sizes])
    for step in ("read", "resolve", "map", "validate", "load"):
        row(
            f"{step} s",
            [f"{built[s].steps.get(step, 0.0):.1f}" if s in built else "-" for s in sizes],
        )
    row(
        "build CPU s (workers included)",
        [f"{built[s].cpu:.1f}" if s in built else "-" for s in sizes],
    )
    row(
        "peak RSS MiB (with workers)",
        [f"{built[s].tree:.0f}" if s in built else "-" for s in sizes],
    )
    row("store MiB", [f"{stored[s] / 2**20:.0f}" if s in stored else "-" for s in sizes])
    for name in [q.name for q in queries] + [f"{q.name} {SEARCH}" for q in queries]:
        if any(name in timings[s] for s in timings):
            row(
                f"query {name} ms",
                [f"{timings[s][name]:.1f}" if name in timings.get(s, {}) else "-" for s in sizes],
            )
    maker = "kg synth --docs" if kind == "synthetic" else "portal_corpus.py --meetings"
    if not built:  # --built: the stores were there; what was timed is their recount
        maker = "statistics counted again"
    notes = [f"{maker} {s}: {written[s]:.0f} s (not counted)" for s in sorted(written)]
    if exponent is not None:
        notes.append(
            f"build time grows as documents^{exponent:.2f} between {measured[-2]} and "
            f"{measured[-1]} documents"
        )
    return "\n".join(header + rows) + "\n\n" + "; ".join(notes) + "."


if __name__ == "__main__":
    main()
