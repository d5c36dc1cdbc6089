"""A build lets go of each document once it has been sent to be mapped, rather than hold
every parsed document until the end: what a large corpus of real text needs in memory
then falls as it loads (some 200 kB a document, two thirds of a 10,000-meeting build's
memory before loading)."""

from __future__ import annotations

import gc
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.parse import MinutesDoc
from kg.pipeline import Stage, build
from kg.settings import BuildSettings, RunSettings
from tests.conftest import EXAMPLES
from tests.helpers import open_store

pytestmark = pytest.mark.integration


def _alive() -> int:
    """The parsed documents alive (those the build froze too: `gc.get_objects` leaves
    frozen objects out)."""
    gc.unfreeze()
    gc.collect()
    return sum(type(o) is MinutesDoc for o in gc.get_objects())


def test_the_documents_are_let_go_as_they_are_loaded(tmp_path: Path) -> None:
    seen: list[tuple[int, int, int]] = []

    def progress(stage: Stage, done: int, total: int | None) -> None:
        if stage is Stage.LOAD and total:
            seen.append((done, total, _alive()))

    before = _alive()
    build(
        [EXAMPLES],
        tmp_path / "store",
        BuildSettings(),
        progress=progress,
        run=RunSettings(jobs=1, batch_size=1),
    )
    assert len(seen) >= 3  # a batch each: several documents
    # when the last batch is written, none of the documents is held any longer
    done, total, alive = seen[-1]
    assert done == total and alive == before
    # and fewer are held as more are written
    assert [a for _, _, a in seen] == sorted((a for _, _, a in seen), reverse=True)
    assert seen[0][2] > seen[-1][2]


def _loaded(store: Path, batch_bytes: int) -> tuple[list[int], set[ox.Quad]]:
    """How many documents were done at each batch, and the quads of the documents'
    graphs, when a build's batches are cut at ``batch_bytes``."""
    done: list[int] = []

    def progress(stage: Stage, count: int, total: int | None) -> None:
        if stage is Stage.LOAD:
            done.append(count)

    run = RunSettings(jobs=1, chunksize=1, batch_size=99, batch_bytes=batch_bytes)
    build([EXAMPLES], store, BuildSettings(), progress=progress, run=run)
    quads = {
        q
        for q in open_store(store)
        if isinstance(q.graph_name, ox.NamedNode) and "/id/document/" in q.graph_name.value
    }
    return done, quads


def test_batches_are_cut_to_the_bytes_their_documents_write(tmp_path: Path) -> None:
    """Until a batch has come back, a batch takes two chunks a worker (the first three
    are sent before one comes back); then as many documents as write about
    ``batch_bytes``: all the rest when it is large, one at a time when it is smaller
    than any document writes. The graphs are the same."""
    whole, quads = _loaded(tmp_path / "whole", 64 << 20)
    single, same = _loaded(tmp_path / "single", 1)
    assert whole == [2, 4, 6, 16]
    assert single == [2, 4, 6, *range(7, 17)]
    assert same == quads and len(quads) > 1000
