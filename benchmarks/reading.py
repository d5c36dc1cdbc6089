"""Reading speed: CPU time a document of what a build worker does with it (`kg.reading.
read_one`: ingest, parse, privacy gate, extract) and of sending the result back to the
build (pickled in the worker, unpickled in the build's process).

    .venv/bin/python benchmarks/reading.py [--docs 1000] [--runs 3] [--before COMMIT]
                                           [--no-record]

Reads three sets: a synthetic corpus as `kg synth --docs N --seed 0` writes it (2 % PDF),
the 15 text and HTML documents of ../shared/corpus/text (13 municipalities' layouts,
when it is beside the checkout), and the Aarhus council's 28-page PDF from the same folder.

Each pass runs in a new process that reads every document once, as a worker reads its
share of a build (reading the same files again in one process would find what the
reader remembers of lines it has seen, which a build never does); a few other synthetic
documents are read first, as a worker has read others before. The best of --runs passes
counts. With ``--before COMMIT`` the code of that commit is timed too, its passes
alternating with this code's, so that both see the same load on a shared machine.
Prints milliseconds of CPU a document and appends the table to benchmarks/RESULTS.md
with the machine's description.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import record

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "text"
#: A document to read: its path and its name (as `kg.ingest.discover` gives them).
Doc = tuple[str, str]


def measure(sets: dict[str, list[Doc]], warm: list[Doc]) -> dict[str, tuple[float, float]]:
    """In this process, with whatever `kg` is first on the path: for each set, the
    milliseconds of CPU a document that reading and that sending the result took."""
    from kg.extract.concepts import SCHEME_FILE, load_scheme
    from kg.reading import Context, Task, read_one
    from kg.resources import data_folder
    from kg.settings import BuildSettings

    scheme_file = data_folder("ontology") / SCHEME_FILE
    with tempfile.TemporaryDirectory() as cache:
        context = Context(BuildSettings(), scheme_file, Path(cache), "benchmark")
        scheme = load_scheme(scheme_file)
        for path, doc in warm:
            read_one(context, scheme, Task(doc, Path(path)))
        out = {}
        for name, files in sets.items():
            reading = sending = 0.0
            for path, doc in files:
                start = time.process_time()
                result = read_one(context, scheme, Task(doc, Path(path)))
                read = time.process_time()
                pickle.loads(pickle.dumps(result, pickle.HIGHEST_PROTOCOL))
                sent = time.process_time()
                reading += read - start
                sending += sent - read
            out[name] = (reading / len(files) * 1000, sending / len(files) * 1000)
    return out


def _pass(code: Path, job: Path) -> dict[str, tuple[float, float]]:
    """One pass in a new process with the `kg` package of the folder ``code``."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run(
        [sys.executable, __file__, "--measure", str(job)],
        env=env,
        cwd=code,
        check=True,
        capture_output=True,
        text=True,
    )
    return {name: (a, b) for name, (a, b) in json.loads(done.stdout).items()}


def _checkout(commit: str, into: Path) -> Path:
    """The ``kg`` package of ``commit`` in the folder ``into``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit, "kg"], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def _sets(tmp: Path, docs: int) -> tuple[dict[str, list[Doc]], list[Doc]]:
    """The sets to read, by name, and the documents read first."""
    from kg.ingest import discover
    from kg.synth import SynthSettings, synthesize

    synthesize(SynthSettings(docs=docs, seed=0), tmp / "synthetic")
    synthesize(SynthSettings(docs=10, seed=1), tmp / "warm")

    def found(folder: Path) -> list[Doc]:
        return [(str(path), name) for path, name in discover([folder])]

    sets = {f"synthetic (kg synth --docs {docs} --seed 0)": found(tmp / "synthetic")}
    if CORPUS.is_dir():
        texts = sorted(p for p in CORPUS.iterdir() if p.suffix in {".txt", ".html"})
        sets["corpus, 13 municipalities"] = [(str(p), p.name) for p in texts]
        sets["corpus PDF, 28 pages"] = [(str(p), p.name) for p in sorted(CORPUS.glob("*.pdf"))]
    return sets, found(tmp / "warm")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="synthetic documents to read")
    parser.add_argument("--runs", type=int, default=3, help="passes; the best counts")
    parser.add_argument("--before", metavar="COMMIT", help="also time this commit's code")
    parser.add_argument("--no-record", action="store_true", help="do not append to RESULTS.md")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # one pass (a child)
    args = parser.parse_args()
    if args.measure:
        job = json.loads(args.measure.read_text(encoding="utf-8"))
        print(json.dumps(measure(job["sets"], job["warm"])))
        return
    sys.path.insert(0, str(ROOT))
    load = os.getloadavg()[0]  # the machine is shared: say how busy it was
    with tempfile.TemporaryDirectory() as tmp:
        sets, warm = _sets(Path(tmp), args.docs)
        job = Path(tmp) / "job.json"
        job.write_text(json.dumps({"sets": sets, "warm": warm}), encoding="utf-8")
        codes = {"this code": ROOT}
        if args.before:
            codes = {args.before: _checkout(args.before, Path(tmp)), **codes}
        best: dict[str, dict[str, tuple[float, float]]] = {code: {} for code in codes}
        for _ in range(args.runs):
            for code, folder in codes.items():
                for name, (reading, sending) in _pass(folder, job).items():
                    old = best[code].get(name, (float("inf"), float("inf")))
                    best[code][name] = (min(old[0], reading), min(old[1], sending))
    lines = [
        "| code | documents | count | read, ms CPU a document | sent back, ms CPU a document "
        "| both | documents per CPU second |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for code, rows in best.items():
        for name, (reading, sending) in rows.items():
            total = reading + sending
            lines.append(
                f"| {code} | {name} | {len(sets[name])} | {reading:.2f} | {sending:.2f} "
                f"| {total:.2f} | {1000 / total:.1f} |"
            )
    table = "\n".join(lines)
    print(table, flush=True)
    if not args.no_record:
        record(
            ROOT / "benchmarks" / "RESULTS.md",
            f"Reading speed: read_one and its result sent back, one core, best of {args.runs} "
            f"(benchmarks/reading.py; load average {load:.1f})",
            table,
        )


if __name__ == "__main__":
    main()
