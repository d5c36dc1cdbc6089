"""Benchmark: the size of the static site `kg publish` writes, by kind of file.

    python benchmarks/site.py [--store FOLDER] [--docs N --seed S] [--label TEXT]

Without options, builds the bundled examples; with ``--docs``, writes that many synthetic
documents (`kg synth`) and builds them; with ``--store``, publishes a store already built.
Publishes into a temporary folder, counts bytes and files per kind (the pages and RDF
files of each kind of resource, the dumps, the release manifests, the vocabularies, the
rest), prints a table and appends it to benchmarks/RESULTS.md with the machine and the
load average. Sizes do not depend on the load; the seconds do.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from machine import record

from kg.pipeline import build
from kg.publish.settings import PublishSettings
from kg.publish.site import publish
from kg.settings import BuildSettings
from kg.store.oxigraph import OxigraphStore
from kg.synth import SynthSettings, synthesize

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = PublishSettings(version="1.0.0", publisher_name="Havnbjerg Kommune")


def kind(path: Path) -> str:
    """The row a file of the site counts in: ``id/person page``, ``id/person .ttl``,
    ``dumps/minutes-kg.nq.gz``, or the top folder or file."""
    parts = path.parts
    if parts[0] == "id" and len(parts) > 2:
        return f"id/{parts[1]} " + ("page" if path.name == "index.html" else path.suffix)
    if parts[0] == "dumps":
        return f"dumps/{path.name}"
    return parts[0] + ("/" if len(parts) > 1 else "")


def tally(out: Path) -> tuple[Counter[str], Counter[str]]:
    """Bytes and files per kind under ``out``."""
    size: Counter[str] = Counter()
    files: Counter[str] = Counter()
    for path in out.rglob("*"):
        if path.is_file():
            row = kind(path.relative_to(out))
            size[row] += path.stat().st_size
            files[row] += 1
    return size, files


def table(size: Counter[str], files: Counter[str], *, top: int = 16) -> str:
    """The largest kinds, the rest summed, and the total."""
    total, count = sum(size.values()), sum(files.values())
    lines = ["| kind | files | bytes | share |", "|---|---:|---:|---:|"]
    ranked = size.most_common()
    for name, n in ranked[:top]:
        lines.append(f"| {name} | {files[name]:,} | {n:,} | {100 * n / total:.1f} % |")
    rest = ranked[top:]
    if rest:
        n = sum(v for _, v in rest)
        k = sum(files[name] for name, _ in rest)
        lines.append(f"| {len(rest)} other kinds | {k:,} | {n:,} | {100 * n / total:.1f} % |")
    lines.append(f"| **total** | **{count:,}** | **{total:,}** | 100 % |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="a store folder kg build made")
    parser.add_argument("--docs", type=int, help="build this many synthetic documents")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--label", default="", help="what the store holds, for the title")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-site-") as tmp:
        work = Path(tmp)
        store_folder: Path = args.store
        label = args.label
        if store_folder is None:
            corpus = ROOT / "examples"
            label = label or "the examples"
            if args.docs:
                corpus = work / "corpus"
                synthesize(SynthSettings(docs=args.docs, seed=args.seed), corpus)
                label = f"{args.docs} synthetic documents (seed {args.seed})"
            store_folder = work / "store"
            assert build([corpus], store_folder, BuildSettings()).ok
        store = OxigraphStore(store_folder, read_only=True)
        started = time.perf_counter()
        report = publish(store.raw, work / "site", SETTINGS)
        seconds = time.perf_counter() - started
        size, files = tally(work / "site")
    load = os.getloadavg()[0]
    text = (
        f"{table(size, files)}\n\n{report.resources:,} resources with a page; publishing took "
        f"{seconds:.1f} s at load average {load:.1f}. Measured by `python benchmarks/site.py"
        + (f" --store {args.store}" if args.store else "")
        + (f" --docs {args.docs} --seed {args.seed}" if args.docs else "")
        + "`."
    )
    print(text)
    record(ROOT / "benchmarks" / "RESULTS.md", f"Static site size: {label or args.store}", text)


if __name__ == "__main__":
    main()
