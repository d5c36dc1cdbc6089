"""Benchmark: CPU milliseconds per document of the parts of a build after resolution,
for this checkout and for another revision, in one run.

    python benchmarks/build_parts.py [CORPUS] [--synthetic 300] [--against main]
                                     [--rounds 3] [--no-record]

Reads and resolves the corpus once (the examples' seeds are small: a synthetic corpus
of ``--synthetic`` documents is written by `kg synth` when no corpus is named), then in
child processes, one for this checkout and one for ``--against`` (its files taken with
``git archive``), alternately, ``--rounds`` times each, measures with the process's CPU
clock the parts that the build's workers and its own process do per document:

- map: `kg.rdf.mapping.map_document` with the origin quads;
- redact: `kg.privacy.redact_literals` of the mapped graph;
- validate: `kg.validate.validate_batch`, 8 documents a call (a chunk);
- encode: the N-Quads of a chunk (`kg.rdf.nquads.encode`);
- IPC: pickling and unpickling what goes to a worker and back (a chunk's `Job` list, as
  the revision's build pickles it, `kg.workers.pack` where it has one; its `Chunk`),
  without the pipe;
- index: `SearchIndex.update_nquads` of 200 documents a call into a new index;
- count: the store's size (`len`) after bulk loading the graphs into a new store, as a
  build's report asks it.

The least of the rounds is shown (the machine is shared; the least is the least
disturbed). Prints a table and appends it to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import record

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("map", "redact", "validate", "encode", "ipc", "index", "count")

_CHILD = """
import json, pickle, sys, tempfile, time
from pathlib import Path
import kg.workers
from kg.preparing import Job, Tables, prepare
from kg.privacy import redact_literals
from kg.rdf.mapping import map_document
from kg.rdf.nquads import encode
from kg.rdf.origin import origin, origin_quads
from kg.resources import data_folder
from kg.search import SearchIndex
from kg.store import OxigraphStore
from kg.validate import compile_shapes, load_shapes, validate_batch

cpu = time.process_time
pack = getattr(kg.workers, "pack", pickle.dumps)
resolution, minter, url = pickle.loads(Path(sys.argv[1]).read_bytes())
tables = Tables.of(resolution, minter, compile_shapes(load_shapes(data_folder("shapes"))), url)
docs = [d for d in resolution.docs if d.problem is None]
spent = dict.fromkeys(["map", "redact", "validate", "encode", "ipc", "index", "count"], 0.0)
batches = []
for start in range(0, len(docs), 8):
    chunk = docs[start : start + 8]
    graphs = {}
    for placed in chunk:
        t = cpu()
        graph = map_document(placed, resolution, minter)
        quads = graph.quads + origin_quads(graph.iri, origin(placed.mentions.doc.source, url))
        spent["map"] += cpu() - t
        t = cpu()
        graphs[graph.iri] = redact_literals(quads)
        spent["redact"] += cpu() - t
    t = cpu()
    validate_batch(graphs, tables.compiled)
    spent["validate"] += cpu() - t
    t = cpu()
    data = encode(q for quads in graphs.values() for q in quads)
    spent["encode"] += cpu() - t
    batches.append((data, list(graphs)))
    jobs = [Job(placed) for placed in chunk]
    result = prepare(jobs, tables)
    t = cpu()
    pickle.loads(pack(jobs))
    pickle.loads(pickle.dumps(result))
    spent["ipc"] += cpu() - t
with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as folder:  # RocksDB's threads
    index = SearchIndex(Path(folder) / "search.sqlite")
    store = OxigraphStore(Path(folder) / "store")
    for start in range(0, len(batches), 25):
        part = batches[start : start + 25]
        data, names = b"".join(d for d, _ in part), [n for _, g in part for n in g]
        store.load_nquads(data, names)
        t = cpu()
        index.update_nquads(data, names)
        spent["index"] += cpu() - t
    t = cpu()
    quads = len(store)
    spent["count"] += cpu() - t
print(json.dumps({"docs": len(docs), "quads": quads, "seconds": spent}))
"""


def checkout(revision: str, folder: Path) -> Path:
    """The files of ``revision`` (git archive) in ``folder``."""
    archive = subprocess.run(
        ["git", "archive", revision], cwd=ROOT, check=True, capture_output=True
    ).stdout
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def resolved(corpus: Path, out: Path) -> None:
    """Read and resolve ``corpus`` as a build does; pickle what the parts need."""
    from kg.extract.concepts import SCHEME_FILE
    from kg.ingest import discover
    from kg.iri import Minter
    from kg.pipeline import _read_all, corpus_digest
    from kg.reading import Context
    from kg.report import BuildReport
    from kg.resolve import resolve
    from kg.resolve.people_model import Overrides
    from kg.resources import data_folder
    from kg.settings import BuildSettings, RunSettings

    settings = BuildSettings()
    with tempfile.TemporaryDirectory() as cache:
        context = Context(
            settings, data_folder("ontology") / SCHEME_FILE, Path(cache), corpus_digest(settings)
        )
        files = discover([corpus], skipped=[])
        fresh, kept = _read_all(files, context, RunSettings(), BuildReport(), None)
    resolution = resolve(list({**kept, **fresh}.values()), settings, Overrides())
    out.write_bytes(pickle.dumps((resolution, Minter(settings.base_iri), settings.source_url)))


def measure(code: Path, tables: Path) -> dict[str, object]:
    """The parts' CPU seconds with the code in ``code``, in a child process."""
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(_CHILD)
    try:
        env = {**os.environ, "PYTHONPATH": str(code)}
        done = subprocess.run(
            [sys.executable, script.name, str(tables)],
            env=env,
            cwd=code,
            capture_output=True,
            text=True,
        )
    finally:
        Path(script.name).unlink()
    if done.returncode != 0:
        raise SystemExit(f"the parts failed with the code in {code}:\n{done.stderr}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("corpus", nargs="?", type=Path)
    parser.add_argument("--synthetic", type=int, default=300, metavar="DOCS")
    parser.add_argument("--against", default="main", help="the revision to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-record", action="store_true", help="print only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = args.corpus
        if corpus is None:
            corpus = folder / "corpus"
            synth = ["synth", "--docs", str(args.synthetic), "--seed", "0", "--out", str(corpus)]
            subprocess.run(
                [sys.executable, "-m", "kg", *synth],
                check=True,
                capture_output=True,
                cwd=ROOT,
            )
        tables = folder / "resolved.pickle"
        resolved(corpus, tables)
        other = checkout(args.against, folder / "against")
        runs: dict[str, list[dict[str, object]]] = {args.against: [], "this checkout": []}
        for _ in range(args.rounds):
            runs[args.against].append(measure(other, tables))
            runs["this checkout"].append(measure(ROOT, tables))
    before, after = (_least(r) for r in runs.values())
    docs = int(str(runs["this checkout"][0]["docs"]))
    quads = [int(str(r[0]["quads"])) for r in runs.values()]
    rows = [
        f"| part | {args.against} ms/doc | this checkout ms/doc | after / before |",
        "|---|---:|---:|---:|",
    ]
    for part in (*PARTS, "total"):
        b, a = before[part] * 1000 / docs, after[part] * 1000 / docs
        rows.append(f"| {part} | {b:.2f} | {a:.2f} | {a / b if b else 0.0:.2f} |")
    table = "\n".join(rows) + (
        f"\n\n{docs} documents ({corpus.name}), {quads[1]:,} quads (the other revision: "
        f"{quads[0]:,}); the least CPU of {args.rounds} rounds each, run alternately; "
        f"load average at the end {os.getloadavg()[0]:.1f}."
    )
    print(table)
    if not args.no_record:
        record(ROOT / "benchmarks" / "RESULTS.md", f"build parts against {args.against}", table)


def _least(runs: list[dict[str, object]]) -> dict[str, float]:
    """Each part's least CPU seconds over the runs, and their total."""
    seconds = [r["seconds"] for r in runs]
    least = {p: min(float(s[p]) for s in seconds if isinstance(s, dict)) for p in PARTS}
    return {**least, "total": sum(least.values())}


if __name__ == "__main__":
    main()
