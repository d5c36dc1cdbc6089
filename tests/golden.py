"""Golden files of the seeds (tests/data/golden/, see the README there): what the parser
reads of each seed, as stable JSON, and the graph the seeds build to, as TriG.

Writing them is a deliberate, reviewed act, never a way to make a test pass:

    python -m tests.golden --write 000 001   # the readings of the seeds named (or numbered)
    python -m tests.golden --write-graph      # the seeds' graph

rewrite the files from ../shared/seeds; read the difference (``git diff``) against the
documents before committing it.

A reading names no local path, and holds no section's text, only where it stands, how it
opens and a digest of it: the documents stay in ../shared, not in the repository.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.ingest import read_document
from kg.iri import statistics_graph
from kg.parse import Located, MinutesDoc, Section, SourceInfo, Span, parse
from kg.pipeline import build
from kg.rdf.vocabulary import VOCABULARY_GRAPH
from kg.settings import BuildSettings, RunSettings
from kg.store import open_store
from kg.store.formats import Serialization
from tests.conftest import SEEDS

GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
#: The seeds' graph, built with ``SEED_SETTINGS``.
SEEDS_GRAPH = GOLDEN / "seeds.trig"
#: A fixed address for the documents' sources, so that the graph names no local path.
SEED_SETTINGS = BuildSettings(source_url="https://example.invalid/seeds/")
#: How many characters of a section's text a reading shows.
OPENING = 60
#: The longest literal the seeds' golden graph holds as it is (`digested`).
LONG = 80
#: The longest line of a reading that holds more than one value.
WIDTH = 100


def golden_file(seed: Path) -> Path:
    """The reading of ``seed`` that the parser must give."""
    return GOLDEN / f"{seed.stem}.json"


def read_seed(seed: Path) -> MinutesDoc:
    """The parser's reading of one seed, as a build reads it (before the privacy gate)."""
    return parse(read_document(seed, name=seed.name), BuildSettings())


def reading(doc: MinutesDoc) -> str:
    """``doc`` as the stable JSON of a golden file (fields in the model's order)."""
    return _json(_plain(doc)) + "\n"


def _json(value: object, indent: str = "") -> str:
    """JSON, a value on one line where that fits in ``WIDTH`` characters, else one line per
    member: short enough to read, and a difference shows as the lines that changed."""
    flat = json.dumps(value, ensure_ascii=False)
    if len(indent) + len(flat) <= WIDTH or not isinstance(value, dict | list) or not value:
        return flat
    inner = indent + " "
    if isinstance(value, dict):
        members = [f"{inner}{json.dumps(k)}: {_json(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(members) + f"\n{indent}}}"
    return "[\n" + ",\n".join(inner + _json(v, inner) for v in value) + f"\n{indent}]"


def _plain(value: object) -> object:
    """A JSON value for a part of the model: a span as ``"page:first-last"`` (or its JSON
    Pointer), a located value with its span and, where it differs, the text as written."""
    if isinstance(value, Span):
        return _at(value)
    if isinstance(value, Located):
        plain = {"value": _plain(value.value), "at": _at(value.span)}
        return plain if value.raw in ("", str(value.value)) else {**plain, "raw": value.raw}
    if isinstance(value, Section):
        return _section(value)
    if isinstance(value, SourceInfo):  # its path is where this checkout happens to be
        return {
            "name": value.name,
            "sha256": value.sha256,
            "media_type": value.media_type,
            "pages": value.pages,
        }
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _at(span: Span) -> str:
    if span.pointer:
        return span.pointer
    lines = str(span.first) if span.first == span.last else f"{span.first}-{span.last}"
    return f"{span.page}:{lines}"


def _section(section: Section) -> dict[str, object]:
    """A section without its text: where it stands, the source line of each of its lines
    (``"5+6"`` where repair joined lines 5 and 6; ``"2:14"`` on a page other than the
    section's first), how it opens, and a digest of the whole."""
    text, span = section.text.value, section.text.span
    lines = []
    for index, (page, line) in enumerate(section.origins):
        joined = section.parts[index] if index < len(section.parts) else ()
        numbers = "+".join(str(n) for n, _ in joined) if len(joined) > 1 else str(line)
        lines.append(numbers if page == span.page else f"{page}:{numbers}")
    opening = text if len(text) <= OPENING else text[:OPENING].rsplit(" ", 1)[0] + " …"
    return {
        "kind": section.kind.value,
        "at": _at(span),
        "lines": " ".join(lines),
        "opening": opening,
        "sha256": hashlib.sha256(text.encode()).hexdigest()[:16],
    }


def document_graphs(store: Path, settings: BuildSettings) -> rdflib.Dataset:
    """The named graphs of the documents built with ``settings`` into ``store``: the build's
    own graph, the vocabulary graph and the statistics graph, which are not what the
    documents say, left out."""
    trig = store.parent / f"{store.name}.trig"
    open_store(store, read_only=True).export(Serialization.TRIG, trig)
    found = rdflib.Dataset()
    found.parse(trig, format="trig")
    left_out = {VOCABULARY_GRAPH, statistics_graph(settings.base_iri)}
    for graph in list(found.graphs()):
        name = str(graph.identifier)
        if "/id/build/" in name or name in left_out:
            found.remove_graph(graph)
    return found


def assert_same_graphs(want: rdflib.Dataset, got: rdflib.Dataset, what: str) -> None:
    """Fail unless ``got`` has the named graphs of ``want``, each isomorphic to its
    namesake; the message shows up to ten triples lost and ten gained of each."""
    wanted, found = _named(want), _named(got)
    assert sorted(found) == sorted(wanted), what
    for name, graph in wanted.items():
        if not isomorphic(graph, found[name]):
            _, missing, extra = graph_diff(to_isomorphic(graph), to_isomorphic(found[name]))
            lost = sorted(f"- {t}" for t in missing.triples((None, None, None)))[:10]
            gained = sorted(f"+ {t}" for t in extra.triples((None, None, None)))[:10]
            pytest.fail(f"{what}: graph {name} differs:\n" + "\n".join(lost + gained))


def _named(dataset: rdflib.Dataset) -> dict[str, rdflib.Graph]:
    return {
        str(g.identifier): g
        for g in dataset.graphs()
        if len(g) and str(g.identifier) != str(rdflib.graph.DATASET_DEFAULT_GRAPH_ID)
    }


def build_seeds(store: Path) -> rdflib.Dataset:
    """The document graphs of the seeds built with ``SEED_SETTINGS`` into ``store``, each
    literal longer than ``LONG`` characters given as its digest (`digested`)."""
    report = build([SEEDS], store, SEED_SETTINGS, run=RunSettings(jobs=1))
    assert report.ok, report.outcomes
    return digested(document_graphs(store, SEED_SETTINGS))


def digested(dataset: rdflib.Dataset) -> rdflib.Dataset:
    """``dataset`` with each literal longer than ``LONG`` characters (a section's text, as
    the document words it) replaced by ``"sha256:<16 hex digits> (<n> characters)"`` in the
    same language and datatype: the graphs stay comparable triple by triple, and the
    documents' text stays in ../shared."""
    for graph in dataset.graphs():
        for s, p, o in list(graph):
            if isinstance(o, rdflib.Literal) and len(o) > LONG:
                digest = hashlib.sha256(str(o).encode()).hexdigest()[:16]
                short = rdflib.Literal(
                    f"sha256:{digest} ({len(o)} characters)", lang=o.language, datatype=o.datatype
                )
                graph.remove((s, p, o))
                graph.add((s, p, short))
    return dataset


def _write_readings(names: list[str]) -> None:
    for name in names:
        (seed,) = SEEDS.glob(f"{Path(name).stem}*.txt")  # a file name or its first digits
        golden_file(seed).write_text(reading(read_seed(seed)), encoding="utf-8")
        print(f"wrote {golden_file(seed)}: read it against {seed} before committing")


def _write_graph() -> None:
    with tempfile.TemporaryDirectory() as folder:
        graph = build_seeds(Path(folder) / "store")
    SEEDS_GRAPH.write_text(graph.serialize(format="trig"), encoding="utf-8")
    print(f"wrote {SEEDS_GRAPH}: read the difference before committing")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", nargs="+", metavar="SEED", default=[])
    parser.add_argument("--write-graph", action="store_true")
    args = parser.parse_args()
    _write_readings(args.write)
    if args.write_graph:
        _write_graph()


if __name__ == "__main__":
    main()
