"""Reading speed: text documents read (ingest and parse, as one build worker does) per
second of CPU time on one core.

    .venv/bin/python benchmarks/reading.py [--docs 400] [--runs 3] [--no-record]

Reads three sets: synthetic minutes and agendas in the seeds' layout (`kg synth`, text
only), the 15 text and HTML documents of ../shared/corpus/text (13 municipalities' layouts,
when it is beside the checkout), and the Aarhus council's 28-page PDF from the same folder.
Prints documents per CPU second for each (best of --runs), and appends the table to
benchmarks/RESULTS.md with the machine's description. Issue 11's target: above 50 text
documents a second per core.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from machine import record

from kg.ingest import discover
from kg.reading import parse_file
from kg.settings import BuildSettings
from kg.synth import SynthSettings, synthesize

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "text"


def docs_per_second(files: Sequence[Path], runs: int) -> tuple[float, float]:
    """Best documents per CPU second and per wall second over ``runs`` passes."""
    settings = BuildSettings()
    best_cpu = best_wall = float("inf")
    for _ in range(runs):
        cpu, wall = time.process_time(), time.perf_counter()
        for path in files:
            parse_file(path, path.name, settings)
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return len(files) / best_cpu, len(files) / best_wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=400, help="synthetic documents to read")
    parser.add_argument("--runs", type=int, default=3, help="passes; the best counts")
    parser.add_argument("--no-record", action="store_true", help="do not append to RESULTS.md")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "synthetic"
        synthesize(SynthSettings(docs=args.docs, seed=1, pdf_share=0.0), out)
        synthetic = [path for path, _ in discover([out])]
        rows.append(("synthetic, seeds' layout", synthetic, *docs_per_second(synthetic, args.runs)))
    if CORPUS.is_dir():
        texts = sorted(p for p in CORPUS.iterdir() if p.suffix in {".txt", ".html"})
        rows.append(("corpus, 13 municipalities", texts, *docs_per_second(texts, args.runs)))
        pdfs = sorted(CORPUS.glob("*.pdf"))
        rows.append(("corpus PDF, 28 pages", pdfs, *docs_per_second(pdfs, args.runs)))
    lines = [
        "| documents | count | per CPU second (one core) | per wall second |",
        "|---|---:|---:|---:|",
    ]
    for name, files, cpu, wall in rows:
        lines.append(f"| {name} | {len(files)} | {cpu:.1f} | {wall:.1f} |")
        print(f"{name}: {len(files)} documents, {cpu:.1f}/CPU s, {wall:.1f}/wall s", flush=True)
    if not args.no_record:
        record(
            ROOT / "benchmarks" / "RESULTS.md",
            "Reading speed: ingest and parse, one core (benchmarks/reading.py)",
            "\n".join(lines),
        )


if __name__ == "__main__":
    main()
