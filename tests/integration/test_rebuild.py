"""Store behaviour across builds: unchanged, changed, order, interruption."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.loading import PAUSE_ENV
from kg.pipeline import Status, build
from kg.settings import BuildSettings
from kg.store import OxigraphStore
from tests.helpers import open_store, select

pytestmark = pytest.mark.integration
SETTINGS = BuildSettings()
SUBJECT = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#subject")


def content(folder: Path, *, without_builds: bool = True) -> set[ox.Quad]:
    """All quads of a store's named graphs, without the build-activity graphs (which carry
    times); and the default graph must be their union as a set, but the citations."""
    store = open_store(folder)
    named = {q for q in store if not isinstance(q.graph_name, ox.DefaultGraph)}
    default = set(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    cited = {(q.subject, q.graph_name) for q in named if q.predicate == SUBJECT}
    facts = {q for q in named if (q.subject, q.graph_name) not in cited}
    assert default == {ox.Quad(q.subject, q.predicate, q.object) for q in facts}
    return {q for q in named if not (without_builds and "/id/build/" in str(q.graph_name))}


def graph(folder: Path, iri: str) -> set[ox.Quad]:
    return set(open_store(folder).quads_for_pattern(None, None, None, ox.NamedNode(iri)))


def test_rebuilding_unchanged_documents_changes_nothing(seeds: Path, tmp_path: Path) -> None:
    build([seeds], tmp_path, SETTINGS)
    before = content(tmp_path, without_builds=False)
    report = build([seeds], tmp_path, SETTINGS)
    assert {o.status for o in report.outcomes} == {Status.UNCHANGED}
    assert report.build_iri is None
    assert content(tmp_path, without_builds=False) == before


@pytest.mark.slow  # two builds
def test_a_changed_document_replaces_only_its_graph(seeds: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds, corpus)
    store = tmp_path / "store"
    build([corpus], store, SETTINGS)
    doc = "http://localhost:8000/id/document/001-347c8e4df3f056bf-txt"
    others = {g: graph(store, g) for g in _document_graphs(store) if g != doc}
    file = corpus / "001_347c8e4df3f056bf.txt"
    file.write_text(file.read_text().replace("Udvalgsværelse G", "Mødelokale H"))
    report = build([corpus], store, SETTINGS)
    statuses = {o.name: o.status for o in report.outcomes}
    assert statuses.pop("001_347c8e4df3f056bf.txt") is Status.LOADED
    assert set(statuses.values()) == {Status.UNCHANGED}
    places = select(open_store(store), "SELECT ?p WHERE { ?m prov:atLocation ?p }")
    assert {r["p"] for r in places} == {"Mødelokale H", "Rådhusallen"}
    assert {g: graph(store, g) for g in others} == others


def _document_graphs(folder: Path) -> list[str]:
    rows = select(open_store(folder), "SELECT ?g WHERE { GRAPH ?g { ?g a mkg:SourceDocument } }")
    return [r["g"] for r in rows]


@pytest.mark.slow  # five builds
def test_order_of_ingestion_does_not_change_the_graph(seeds: Path, tmp_path: Path) -> None:
    files = sorted(seeds.glob("*.txt"))
    together = tmp_path / "together"
    build([seeds], together, SETTINGS)
    one_by_one = tmp_path / "one-by-one"
    outcomes = []
    for file in reversed(files):  # the agendas first, before their minutes exist
        outcomes.append(build([file], one_by_one, SETTINGS).outcomes)
    assert outcomes[0][0].status is Status.QUARANTINED  # 003 alone: no meeting to join yet
    assert content(one_by_one) == content(together)


def test_an_agenda_waits_in_the_cache_until_its_minutes_arrive(seeds: Path, tmp_path: Path) -> None:
    first = build([seeds / "002_c6265e7b12b39cd7.txt"], tmp_path, SETTINGS)
    assert [o.status for o in first.outcomes] == [Status.QUARANTINED]
    assert "cannot tell which meeting" in first.outcomes[0].messages[0]
    second = build([seeds / "000_fd3d242d88b435d4.txt"], tmp_path, SETTINGS)
    assert {o.name: o.status for o in second.outcomes} == {
        "000_fd3d242d88b435d4.txt": Status.LOADED,
        "002_c6265e7b12b39cd7.txt": Status.UPDATED,
    }


_BUILD = """
import sys
from pathlib import Path
from kg.pipeline import build
from kg.settings import BuildSettings, RunSettings
run = RunSettings(jobs=1, batch_size=int(sys.argv[3]))
build([Path(sys.argv[1])], Path(sys.argv[2]), BuildSettings(), run=run)
"""


@pytest.mark.slow  # a build in a child process, killed and built again
def test_a_build_killed_while_writing_a_batch_leaves_whole_documents_only(
    seeds: Path, tmp_path: Path
) -> None:
    """Kill a build while the store is taking its second load (the test hook of
    kg.loading pauses it when the load's quads are in the store and their triples not
    yet in the default graph, and says so in a file): the store holds part of the second
    load, which the journal of its bulk load names, so a read-only open refuses it and
    the first open for writing takes it out. Then the first load's graphs (a build's
    first load takes its first batch alone: kg.store.spool) are in the store, each
    exactly as a complete build writes it, and nothing of the later batches is."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(8):  # distinct bytes, same content: many documents of the same meetings
        for file in seeds.glob("*.txt"):
            (corpus / f"{n:03d}-{file.name}").write_text(file.read_text() + "\n" * (n + 1))
    complete = tmp_path / "complete"
    build([corpus], complete, SETTINGS)
    expected = {g: graph(complete, g) for g in _document_graphs(complete)}
    assert len(expected) == 32
    batch = 10
    store, marker = tmp_path / "killed", tmp_path / "paused"
    child = subprocess.Popen(
        [sys.executable, "-c", _BUILD, str(corpus), str(store), str(batch)],
        env={**os.environ, PAUSE_ENV: str(marker)},
    )
    try:
        _wait_for(marker, child)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert len(_named_graphs(store)) > batch  # the kill did cut the second load
    with pytest.raises(StoreError, match="stopped while writing"):
        OxigraphStore(store, read_only=True)
    OxigraphStore(store).raw.flush()  # opened for writing: it takes out the unfinished graphs
    loaded = _named_graphs(store)
    assert len(loaded) == batch  # the first batch, whole; nothing of the others
    for iri in loaded:
        assert graph(store, iri) == expected[iri], f"{iri} is half-loaded"
    content(store)  # and the default graph is the set union of what was loaded
    # and a new build over the interrupted store completes it
    build([corpus], store, SETTINGS)
    assert content(store) == content(complete)


def _named_graphs(folder: Path) -> set[str]:
    named = (q.graph_name for q in open_store(folder))
    return {g.value for g in named if isinstance(g, ox.NamedNode)}


def _wait_for(marker: Path, child: subprocess.Popen[bytes]) -> None:
    """Until the child has created ``marker`` (it then waits to be killed)."""
    deadline = time.monotonic() + 300
    while not marker.exists():
        assert child.poll() is None, "the build ended without pausing in its second load"
        assert time.monotonic() < deadline, "the build did not reach its second load"
        time.sleep(0.05)
