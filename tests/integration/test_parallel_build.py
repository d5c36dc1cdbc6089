"""The parallel, batched build makes the same store whatever the number of workers and
the size of the batches, and one bad document in a batch does not hold back the others."""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.ingest import discover
from kg.pipeline import Stage, Status, build
from kg.resources import data_folder
from kg.settings import BuildSettings, RunSettings
from kg.synth import SynthSettings, synthesize
from kg.validate import load_shapes
from tests.conftest import EXAMPLES
from tests.helpers import open_store

pytestmark = [pytest.mark.integration, pytest.mark.slow]  # two or more builds a test
SETTINGS = BuildSettings()


def graphs(folder: Path) -> dict[str, set[ox.Quad]]:
    """Every named graph of a store and its quads, but the build activities (which carry
    times, and so does the default graph, their union with the others)."""
    found: dict[str, set[ox.Quad]] = defaultdict(set)
    for quad in open_store(folder):
        if isinstance(quad.graph_name, ox.NamedNode) and "/id/build/" not in str(quad.graph_name):
            found[str(quad.graph_name)].add(quad)
    return dict(found)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synth-60")
    synthesize(SynthSettings(docs=60, seed=5, pdf_share=0.1), folder)
    return folder


@pytest.mark.parametrize("corpus", ["examples", "synthetic"])
def test_the_store_is_the_same_whatever_the_number_of_workers(
    corpus: str, synthetic: Path, tmp_path: Path
) -> None:
    source = EXAMPLES if corpus == "examples" else synthetic
    one = build([source], tmp_path / "one", SETTINGS, run=RunSettings(jobs=1))
    # small chunks, so that both workers get documents of the examples too
    two = build([source], tmp_path / "two", SETTINGS, run=RunSettings(jobs=2, chunksize=2))
    assert graphs(tmp_path / "one") == graphs(tmp_path / "two")
    assert one.outcomes == two.outcomes
    assert one.redactions == two.redactions
    assert one.count(Status.LOADED) > 10


def test_batches_of_three_make_the_store_one_batch_makes(tmp_path: Path) -> None:
    small = build([EXAMPLES], tmp_path / "small", SETTINGS, run=RunSettings(jobs=1, batch_size=3))
    whole = build([EXAMPLES], tmp_path / "whole", SETTINGS, run=RunSettings(jobs=1, batch_size=99))
    assert graphs(tmp_path / "small") == graphs(tmp_path / "whole")
    assert small.outcomes == whole.outcomes


def default_graph(folder: Path) -> set[ox.Triple]:
    """The default graph's triples, but those of the build activities."""
    store = open_store(folder)
    builds = {q.triple for q in store if "/id/build/" in str(q.graph_name)}
    return {q.triple for q in store if isinstance(q.graph_name, ox.DefaultGraph)} - builds


@pytest.mark.parametrize("growth", [0.0, 1000.0])
def test_the_store_is_the_same_whether_batches_load_alone_or_together(
    tmp_path: Path, growth: float
) -> None:
    """``load_growth`` 0: a load a batch (as the loader is free); 1000: the first batch
    alone, then the rest in one load at the end (kg.store.spool)."""
    loads = build(
        [EXAMPLES],
        tmp_path / "loads",
        SETTINGS,
        run=RunSettings(jobs=1, batch_size=2, load_growth=growth),
    )
    whole = build([EXAMPLES], tmp_path / "whole", SETTINGS, run=RunSettings(jobs=1, batch_size=99))
    assert graphs(tmp_path / "loads") == graphs(tmp_path / "whole")
    assert default_graph(tmp_path / "loads") == default_graph(tmp_path / "whole")
    assert loads.outcomes == whole.outcomes


def test_a_quarantined_document_in_a_batch_does_not_hold_back_the_others(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    minutes = corpus / "klima-og-miljoeudvalget" / "referat-2023-03-14.txt"
    bad = minutes.with_name("referat-2023-03-14-Q.txt")  # between the others by name
    bad.write_text(minutes.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    folder = tmp_path / "shapes"
    folder.mkdir()
    shutil.copy(data_folder("shapes") / "core.ttl", folder)
    (folder / "no-q.ttl").write_text(_NO_Q, encoding="utf-8")
    shapes = load_shapes(folder)

    def run(store: str, batch: int) -> dict[str, Status]:
        report = build(
            [corpus], tmp_path / store, SETTINGS, shapes=shapes, run=RunSettings(batch_size=batch)
        )
        quarantined = [o for o in report.outcomes if o.status is Status.QUARANTINED]
        assert [o.name for o in quarantined] == [bad.relative_to(corpus).as_posix()]
        assert "no Q in a file name" in quarantined[0].messages[0]
        return {o.name: o.status for o in report.outcomes}

    statuses = run("batched", 4)
    assert list(statuses.values()).count(Status.LOADED) == len(statuses) - 1
    assert run("one-by-one", 1) == statuses
    stored = graphs(tmp_path / "batched")
    assert stored == graphs(tmp_path / "one-by-one")
    assert not any("-q-txt" in iri for iri in stored)
    assert len([iri for iri in stored if "/id/document/" in iri]) == len(statuses) - 1


_NO_Q = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix mkg: <https://w3id.org/minutes-kg/ontology#> .

<urn:test:NoQ> a sh:NodeShape ;
    sh:targetClass mkg:SourceDocument ;
    sh:property [ sh:path rdfs:label ; sh:pattern "^[^Q]*$" ;
                  sh:message "no Q in a file name"@en ] .
"""


def test_progress_goes_through_the_stages_in_order(tmp_path: Path) -> None:
    seen: list[tuple[Stage, int, int | None]] = []
    build(
        [EXAMPLES],
        tmp_path,
        SETTINGS,
        progress=lambda stage, done, total: seen.append((stage, done, total)),
        run=RunSettings(jobs=2, chunksize=2, batch_size=5),
    )
    stages = [stage for stage, _, _ in seen]
    assert stages == sorted(stages, key=list(Stage).index)
    reads = [(done, total) for stage, done, total in seen if stage is Stage.READ]
    documents = len(discover([EXAMPLES]))  # 16: 13 text and PDF, 3 portal meetings
    assert reads == [(n, documents) for n in range(1, documents + 1)]
    loads = [(done, total) for stage, done, total in seen if stage is Stage.LOAD]
    assert loads == [(n, documents) for n in (5, 10, 15)] + [(documents, documents)]
    assert stages[-1] is Stage.STATISTICS  # the last minute of a large build is said too
