"""Golden files: each layout family's invented document builds to the reviewed graph in
tests/data/layouts/<family>/expected.trig (see the README there).

Writing the expected graphs is a deliberate, reviewed act, never a way to make this test
pass: ``python -m tests.integration.test_layout_golden --write FAMILY...`` rewrites the
named families' files, and the difference is read before it is committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.iri import statistics_graph
from kg.pipeline import build
from kg.rdf.vocabulary import VOCABULARY_GRAPH
from kg.settings import BuildSettings, RunSettings
from kg.store import open_store
from kg.store.formats import Serialization

pytestmark = pytest.mark.integration

LAYOUTS = Path(__file__).resolve().parents[1] / "data" / "layouts"
FAMILIES = sorted(p.name for p in LAYOUTS.iterdir() if p.is_dir())
#: A fixed address for the documents' sources, so that the graph names no local path.
SOURCE_URL = "https://example.invalid/minutes/"


def built(family: str, store: Path) -> rdflib.Dataset:
    """The document graphs the family's input builds to (the build's own graph, the
    vocabulary graph and the statistics graph, which are not what the document says,
    left out)."""
    (source,) = (LAYOUTS / family).glob("input.*")
    settings = BuildSettings(source_url=SOURCE_URL)
    report = build([source], store, settings, run=RunSettings(jobs=1))
    assert report.ok, report.outcomes
    trig = store.parent / f"{store.name}.trig"
    open_store(store, read_only=True).export(Serialization.TRIG, trig)
    found = rdflib.Dataset()
    found.parse(trig, format="trig")
    for graph in list(found.graphs()):
        if "/id/build/" in str(graph.identifier) or str(graph.identifier) in (
            VOCABULARY_GRAPH,
            statistics_graph(settings.base_iri),
        ):
            found.remove_graph(graph)
    return found


def _graphs(dataset: rdflib.Dataset) -> dict[str, rdflib.Graph]:
    return {
        str(g.identifier): g
        for g in dataset.graphs()
        if len(g) and str(g.identifier) != str(rdflib.graph.DATASET_DEFAULT_GRAPH_ID)
    }


@pytest.mark.parametrize("family", FAMILIES)
def test_layout_builds_its_reviewed_graph(family: str, tmp_path: Path) -> None:
    expected = rdflib.Dataset()
    expected.parse(LAYOUTS / family / "expected.trig", format="trig")
    want, got = _graphs(expected), _graphs(built(family, tmp_path / "store"))
    assert sorted(got) == sorted(want)
    for name, graph in want.items():
        if not isomorphic(graph, got[name]):
            _, missing, extra = graph_diff(to_isomorphic(graph), to_isomorphic(got[name]))
            lost = sorted(f"- {t}" for t in missing.triples((None, None, None)))[:10]
            gained = sorted(f"+ {t}" for t in extra.triples((None, None, None)))[:10]
            pytest.fail(f"{family}: graph {name} differs:\n" + "\n".join(lost + gained))


def _write(families: list[str]) -> None:
    import tempfile

    for family in families:
        with tempfile.TemporaryDirectory() as folder:
            dataset = built(family, Path(folder) / "store")
        target = LAYOUTS / family / "expected.trig"
        target.write_text(dataset.serialize(format="trig"), encoding="utf-8")
        print(f"wrote {target}: review the difference before committing it")


if __name__ == "__main__":
    if sys.argv[1:2] != ["--write"] or not sys.argv[2:]:
        sys.exit(
            f"usage: python -m tests.integration.test_layout_golden --write {' '.join(FAMILIES)}"
        )
    _write(sys.argv[2:])
