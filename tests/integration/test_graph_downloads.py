"""The whole relation graphs' downloads kept by the build (`kg.stats.downloads`): written
with the statistics, the same bytes the server computes per request, sent without
computing, and never sent when they do not belong to what the store holds (a later build,
a corrupt or missing file, a build killed midway)."""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kg import graphs, stats
from kg.cli import app as cli
from kg.graphs import Filter, GraphFormat, GraphName
from kg.graphs.model import DOWNLOADS
from kg.pipeline import build
from kg.removal import Removal
from kg.settings import BuildSettings, RunSettings
from kg.stats.downloads import MARK, Downloads
from kg.store import open_store as open_writable
from kg.web.app import create_app
from kg.web.settings import ServeSettings
from tests.helpers import BASE, open_store, select

pytestmark = pytest.mark.integration

CASES = [(name, fmt) for name in GraphName for fmt in DOWNLOADS]
Shape = tuple[frozenset[str], frozenset[frozenset[str]]]


#: The analysis, kept from before a test breaks it (`no_computing`) to see it is not used.
ANALYSED = graphs.analysed


def computed(folder: Path, name: GraphName, fmt: GraphFormat) -> bytes:
    """The download as the server computes it per request."""
    return graphs.write(ANALYSED(open_store(folder), name, Filter()), fmt)


@functools.cache
def _computed_once(folder: Path, name: GraphName, fmt: GraphFormat) -> bytes:
    return computed(folder, name, fmt)


def shape(data: bytes, fmt: GraphFormat) -> Shape:
    """A download's nodes and edges (each edge as the set of its two ends), read back."""
    if fmt is GraphFormat.CSV:
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
        nodes = {r["source"] for r in rows} | {r["target"] for r in rows if r["target"]}
        edges = {frozenset((r["source"], r["target"])) for r in rows if r["target"]}
        return frozenset(nodes), frozenset(edges)
    if fmt is GraphFormat.JSON:
        graph = nx.node_link_graph(json.loads(data), edges="edges")
    elif fmt is GraphFormat.GRAPHML:
        graph = nx.read_graphml(io.BytesIO(data))
    else:
        graph = nx.read_gexf(io.BytesIO(data))
    return frozenset(graph.nodes), frozenset(frozenset(e) for e in graph.edges)


def shape_of(folder: Path, name: GraphName) -> Shape:
    """The nodes and edges of graph ``name`` as the store holds it now."""
    graph = graphs.build_graph(open_store(folder), name)
    return frozenset(graph.nodes), frozenset(frozenset(e) for e in graph.edges)


@contextmanager
def serving(folder: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServeSettings(store=folder))) as client:
        yield client


@pytest.fixture
def no_computing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any graph analysed from here on fails the test."""
    monkeypatch.setattr(graphs, "analysed", lambda *a, **k: pytest.fail("computed"))


@pytest.fixture
def copied(examples_store: Path, tmp_path: Path) -> Path:
    """A copy of the built examples, for a test that changes the store."""
    folder = tmp_path / "store"
    shutil.copytree(examples_store, folder)
    return folder


def _kept_files(folder: Path) -> set[str]:
    return {p.name for p in (folder / "downloads").iterdir() if p.name != MARK}


def _named_files(folder: Path) -> set[str]:
    found = stats.read(open_store(folder), BASE)
    assert found is not None
    downloads = Downloads.beside(folder)
    return {downloads.path(k, d).name for k, d in found.downloads.items()}


# ---------------------------------------------------------------- the build


def test_the_build_keeps_every_download_with_the_statistics(examples_store: Path) -> None:
    found = stats.read(open_store(examples_store), BASE)
    assert found is not None
    assert set(found.downloads) == {f"{n}.{f}" for n, f in CASES}
    assert _kept_files(examples_store) == _named_files(examples_store)  # nothing else
    assert not (examples_store / "downloads" / MARK).exists()


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_a_kept_download_is_the_bytes_computed_per_request(
    examples_store: Path, name: GraphName, fmt: GraphFormat
) -> None:
    found = stats.read(open_store(examples_store), BASE)
    assert found is not None
    digest = found.downloads[f"{name}.{fmt}"]
    kept = Downloads.beside(examples_store).path(f"{name}.{fmt}", digest).read_bytes()
    assert kept == _computed_once(examples_store, name, fmt)


def test_kept_downloads_are_the_bytes_another_process_computes(
    examples_store: Path, tmp_path: Path
) -> None:
    """The build's process and the server's hash strings differently (another
    PYTHONHASHSEED): the graphs must come out the same all the same."""
    script = (
        "import sys; from pathlib import Path; import pyoxigraph as ox; from kg import graphs\n"
        "store = ox.Store.read_only(sys.argv[1] + '/oxigraph')\n"
        "for name in graphs.GraphName:\n"
        "    for fmt in ('json', 'graphml', 'gexf', 'csv'):\n"
        "        data = graphs.render(store, name, None, graphs.GraphFormat(fmt))\n"
        "        Path(sys.argv[2], f'{name}.{fmt}').write_bytes(data)\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run(
        [sys.executable, "-c", script, str(examples_store), str(tmp_path)], env=env, check=True
    )
    found = stats.read(open_store(examples_store), BASE)
    assert found is not None
    downloads = Downloads.beside(examples_store)
    for name, fmt in CASES:
        kept = downloads.path(f"{name}.{fmt}", found.downloads[f"{name}.{fmt}"]).read_bytes()
        assert kept == (tmp_path / f"{name}.{fmt}").read_bytes(), f"{name}.{fmt}"


# ---------------------------------------------------------------- the server


def test_the_server_sends_the_kept_downloads_without_computing(
    examples_store: Path, no_computing: None
) -> None:
    expected = {case: _computed_once(examples_store, *case) for case in CASES}
    with serving(examples_store) as client:
        for name, fmt in CASES:
            response = client.get(f"/graphs/{name}.{fmt}")
            assert response.status_code == 200, f"{name}.{fmt}"
            assert response.headers["content-type"].startswith(fmt.media_type.split(";")[0])
            disposition = f'attachment; filename="{name}.{fmt}"'
            assert response.headers["content-disposition"] == disposition
            assert response.content == expected[name, fmt], f"{name}.{fmt}"
            assert shape(response.content, fmt) == shape_of(examples_store, name)


def test_a_kept_download_has_the_etag_of_its_bytes_and_answers_304(
    examples_store: Path, no_computing: None
) -> None:
    """The tag a computed body gets (`kg.web.hardening`), so a client's copy stays current
    across the two ways; its own tag answered 304, without the body; HEAD without it."""
    path = f"/graphs/{GraphName.CO_ATTENDANCE}.json"
    with serving(examples_store) as client:
        response = client.get(path)
        tag = response.headers["etag"]
        assert tag == f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        assert response.headers["cache-control"] == "no-cache"
        again = client.get(path, headers={"If-None-Match": tag})
        assert again.status_code == 304 and again.content == b""
        assert again.headers["etag"] == tag
        assert client.get(path, headers={"If-None-Match": '"other"'}).content == response.content
        head = client.head(path)
        assert head.status_code == 200 and head.content == b""


def test_a_filtered_download_is_computed(examples_store: Path) -> None:
    store = open_store(examples_store)
    found = stats.read(store, BASE)
    assert found is not None
    committee = found.listings["committees"].rows[0].iri
    flt = Filter.parse(committee)
    name = GraphName.COMMITTEE_MEMBERSHIP
    with serving(examples_store) as client:
        for fmt in DOWNLOADS:
            response = client.get(f"/graphs/{name}.{fmt}", params={"committee": committee})
            assert response.status_code == 200
            part = graphs.build_graph(store, name, flt)
            assert shape(response.content, fmt) == (
                frozenset(part.nodes),
                frozenset(frozenset(e) for e in part.edges),
            )
            assert committee in shape(response.content, fmt)[0]
            assert shape(response.content, fmt) != shape_of(examples_store, name)  # a part


# ---------------------------------------------------------------- never stale


def _documents(folder: Path) -> list[str]:
    rows = select(open_store(folder), "SELECT ?d WHERE { ?d a mkg:SourceDocument }")
    return sorted(row["d"] for row in rows)


def _changed_by_removing(folder: Path) -> tuple[str, GraphName]:
    """A document whose removal changes a graph, and that graph."""
    before = {name: shape_of(folder, name) for name in GraphName}
    for document in _documents(folder):
        trial = folder.with_name("trial")
        shutil.copytree(folder, trial)
        open_writable(trial).remove_graph(document)
        changed = [name for name in GraphName if shape_of(trial, name) != before[name]]
        shutil.rmtree(trial)
        if changed:
            return document, changed[0]
    raise AssertionError("no document's removal changes a relation graph")


def test_downloads_follow_a_later_build_that_removes_and_adds(
    copied: Path, examples_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document, name = _changed_by_removing(copied)
    before = shape_of(copied, name)
    result = CliRunner().invoke(cli, ["remove", document, "--store", str(copied)])
    assert result.exit_code == 0, result.output
    after = shape_of(copied, name)
    assert after != before
    assert _kept_files(copied) == _named_files(copied)  # the old ones removed
    expected = {fmt: computed(copied, name, fmt) for fmt in DOWNLOADS}
    monkeypatch.setattr(graphs, "analysed", lambda *a, **k: pytest.fail("computed"))
    with serving(copied) as client:
        for fmt in DOWNLOADS:
            response = client.get(f"/graphs/{name}.{fmt}")
            assert response.content == expected[fmt]
            assert shape(response.content, fmt) == after
    monkeypatch.undo()
    # a later build adds the document back: the download is the whole graph again
    report = build([Path(__file__).resolve().parents[2] / "examples"], copied, BuildSettings())
    assert report.ok
    assert shape_of(copied, name) == before
    with serving(copied) as client:
        for fmt in DOWNLOADS:
            response = client.get(f"/graphs/{name}.{fmt}")
            assert shape(response.content, fmt) == before
            assert response.content == _computed_once(examples_store, name, fmt)


def test_downloads_written_by_a_worker_are_the_bytes_computed_per_request(copied: Path) -> None:
    # a large store's build hands the downloads to a worker process (RunSettings)
    document = _documents(copied)[0]
    run = RunSettings(jobs=2, parallel_statistics=0)
    assert build([], copied, BuildSettings(), run=run, remove=Removal((document,))).ok
    found = stats.read(open_store(copied), BASE)
    assert found is not None and set(found.downloads) == {f"{n}.{f}" for n, f in CASES}
    assert _kept_files(copied) == _named_files(copied)
    downloads = Downloads.beside(copied)
    for name, fmt in CASES:
        kept = downloads.find(found.downloads, name, fmt)
        assert kept is not None and kept.path.read_bytes() == computed(copied, name, fmt)


@pytest.mark.parametrize("fault", ["corrupt", "another graph's", "missing"])
def test_a_kept_download_that_is_not_the_statistics_is_not_sent(copied: Path, fault: str) -> None:
    name, fmt = GraphName.CO_ATTENDANCE, GraphFormat.JSON
    found = stats.read(open_store(copied), BASE)
    assert found is not None
    downloads = Downloads.beside(copied)
    path = downloads.path(f"{name}.{fmt}", found.downloads[f"{name}.{fmt}"])
    other = downloads.path(
        f"{GraphName.WHO_WORKS_ON_WHAT}.{fmt}",
        found.downloads[f"{GraphName.WHO_WORKS_ON_WHAT}.{fmt}"],
    )
    if fault == "corrupt":
        path.write_bytes(path.read_bytes()[:-100])
    elif fault == "another graph's":
        shutil.copyfile(other, path)
    else:
        path.unlink()
    with serving(copied) as client:
        response = client.get(f"/graphs/{name}.{fmt}")
    assert response.status_code == 200
    assert response.content == computed(copied, name, fmt)
    assert shape(response.content, fmt) == shape_of(copied, name)


class Killed(Exception):
    """The build stopped where a kill would stop it."""


def test_nothing_kept_is_sent_after_a_killed_build_and_the_next_build_counts_again(
    copied: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build (`kg remove`) killed after it wrote the store, before the statistics: its
    mark stays, the server computes the downloads from the store as it is, and the next
    build counts the statistics again though it changes nothing more."""
    document, name = _changed_by_removing(copied)
    before = shape_of(copied, name)

    def killed(*args: object, **kwargs: object) -> None:
        raise Killed

    monkeypatch.setattr(stats, "write", killed)
    with pytest.raises(Killed):
        build([], copied, BuildSettings(), remove=Removal((document,)))
    monkeypatch.undo()
    assert (copied / "downloads" / MARK).exists()
    removed = shape_of(copied, name)
    assert removed != before
    with serving(copied) as client:
        for fmt in DOWNLOADS:
            response = client.get(f"/graphs/{name}.{fmt}")
            assert response.content == computed(copied, name, fmt)
            assert shape(response.content, fmt) == removed
    report = build([], copied, BuildSettings())
    assert report.ok and "statistics" in report.seconds and not report.build_iri  # no change
    assert not (copied / "downloads" / MARK).exists()
    assert _kept_files(copied) == _named_files(copied)
    monkeypatch.setattr(graphs, "analysed", lambda *a, **k: pytest.fail("computed"))
    with serving(copied) as client:
        for fmt in DOWNLOADS:
            assert shape(client.get(f"/graphs/{name}.{fmt}").content, fmt) == removed


def test_a_statistics_graph_without_downloads_is_counted_again(copied: Path) -> None:
    """A store built before the downloads were kept: a build that changes nothing writes
    them, and until then the server computes them."""
    store = open_writable(copied)
    graph = stats.statistics_graph(BASE)
    old = stats.read(store.raw, BASE)
    assert old is not None
    bare = stats.Statistics(
        old.counts, old.listings, {k: v for k, v in old.extra.items() if k != "downloads"}
    )
    store.replace_graph(graph, bare.quads(graph))
    del store
    shutil.rmtree(copied / "downloads")
    name, fmt = GraphName.WHO_WORKS_ON_WHAT, GraphFormat.CSV
    with serving(copied) as client:
        assert client.get(f"/graphs/{name}.{fmt}").content == computed(copied, name, fmt)
    assert build([], copied, BuildSettings()).ok
    assert _kept_files(copied) == _named_files(copied)
    assert len(_kept_files(copied)) == len(CASES)


def test_the_statistics_graph_names_the_downloads_not_their_bytes(examples_store: Path) -> None:
    """Every page reads the statistics: they hold a digest per download, a few kB."""
    subset = ox.NamedNode(f"{stats.statistics_graph(BASE)}#downloads")
    quads = list(open_store(examples_store).quads_for_pattern(subset, None, None, None))
    assert 0 < sum(len(str(q.object)) for q in quads) < 300 * len(CASES)
