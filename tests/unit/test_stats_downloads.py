"""The downloads folder on a small hand-made graph: each format written under its digest,
found only while its bytes are the digest's and no write is under way, and pruned to what
the statistics name (the build and server: tests/integration/test_graph_downloads.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import networkx as nx
import pytest

from kg import graphs
from kg.graphs import GraphFormat, GraphName
from kg.graphs.model import DOWNLOADS
from kg.stats.downloads import MARK, Downloads, Writer
from kg.workers import nothing, pool

NAME = GraphName.WHO_WORKS_ON_WHAT


@pytest.fixture
def graph() -> nx.Graph:
    made = nx.Graph(name=NAME.value, title=NAME.heading, filter="all")
    made.add_node("urn:p", iri="urn:p", label="Åse", type="person")
    made.add_node("urn:q", iri="urn:q", label="Havne", type="project")
    made.add_edge("urn:p", "urn:q", relation="works on", weight=1)
    return graphs.annotate(made)


@pytest.fixture
def kept(tmp_path: Path, graph: nx.Graph) -> tuple[Downloads, dict[str, str]]:
    downloads = Downloads.beside(tmp_path)
    return downloads, downloads.keep(NAME, graph)


def test_each_format_is_kept_under_the_digest_of_its_bytes(
    kept: tuple[Downloads, dict[str, str]], graph: nx.Graph
) -> None:
    downloads, digests = kept
    assert set(digests) == {f"{NAME}.{fmt}" for fmt in DOWNLOADS}
    for fmt in DOWNLOADS:
        data = graphs.write(graph, fmt)
        digest = digests[f"{NAME}.{fmt}"]
        assert hashlib.sha256(data).hexdigest() == digest
        found = downloads.find(digests, NAME, fmt)
        assert found is not None and found.path.read_bytes() == data
        assert found.etag == f'"{digest[:32]}"'
    assert downloads.complete(digests, [NAME])
    assert not downloads.complete(digests, [NAME, GraphName.CO_ATTENDANCE])


def test_a_changed_file_is_not_found_though_it_was_before(
    kept: tuple[Downloads, dict[str, str]],
) -> None:
    downloads, digests = kept
    found = downloads.find(digests, NAME, GraphFormat.CSV)
    assert found is not None
    found.path.write_bytes(found.path.read_bytes().replace(b"Havne", b"Havna"))
    assert downloads.find(digests, NAME, GraphFormat.CSV) is None
    found.path.unlink()
    assert downloads.find(digests, NAME, GraphFormat.CSV) is None


def test_nothing_is_found_while_a_write_is_under_way_or_was_killed(
    kept: tuple[Downloads, dict[str, str]],
) -> None:
    downloads, digests = kept
    assert downloads.begin() is False  # nothing left by an earlier write
    assert downloads.find(digests, NAME, GraphFormat.JSON) is None
    assert Downloads(downloads.folder).begin() is True  # the next write sees the mark
    downloads.finish()
    assert downloads.find(digests, NAME, GraphFormat.JSON) is not None


def test_nothing_is_found_that_the_statistics_do_not_name(
    kept: tuple[Downloads, dict[str, str]],
) -> None:
    downloads, _ = kept
    assert downloads.find({}, NAME, GraphFormat.JSON) is None
    other = {f"{NAME}.json": "0" * 64}
    assert downloads.find(other, NAME, GraphFormat.JSON) is None


def test_pruning_keeps_only_what_is_named_and_the_mark(
    kept: tuple[Downloads, dict[str, str]],
) -> None:
    downloads, digests = kept
    downloads.begin()
    (downloads.folder / f".{NAME}.x.json.123").write_text("a killed write")
    named = {f"{NAME}.json": digests[f"{NAME}.json"]}
    downloads.prune(named)
    left = {p.name for p in downloads.folder.iterdir()}
    assert left == {downloads.path(f"{NAME}.json", named[f"{NAME}.json"]).name, MARK}


def test_a_worker_writes_the_same_files_as_this_process(tmp_path: Path, graph: nx.Graph) -> None:
    # the build's statistics hand the downloads to a worker process in a large store
    here, there = Downloads.beside(tmp_path / "here"), Downloads.beside(tmp_path / "there")
    serial = Writer(here)
    with pool(1, nothing) as executor:
        parallel = Writer(there, executor)
        for writer in (serial, parallel):
            writer.keep(NAME, graph)
            writer.keep(GraphName.CO_ATTENDANCE, graph)
        written = serial.digests()
        assert parallel.digests() == written and len(written) == 2 * len(DOWNLOADS)
    for key, digest in written.items():
        stem, _, suffix = key.rpartition(".")
        name = f"{stem}.{digest}.{suffix}"
        assert (there.folder / name).read_bytes() == (here.folder / name).read_bytes()
    assert sorted(p.name for p in there.folder.iterdir()) == sorted(
        p.name for p in here.folder.iterdir()
    )


def test_a_worker_that_fails_fails_the_write(tmp_path: Path, graph: nx.Graph) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    with pool(1, nothing) as executor:
        parallel = Writer(Downloads(blocked), executor)
        parallel.keep(NAME, graph)
        with pytest.raises(OSError):
            parallel.digests()
