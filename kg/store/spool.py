"""A build's new graphs into the embedded store by a few growing bulk loads.

Each bulk load ingests files into RocksDB whose keys (Oxigraph's hashed term ids) spread
over the whole store, and RocksDB's compaction then merges them with what it holds: the
more loads and the larger the store, the more it rewrites. A load a batch made the
store's writes grow 18 times for 10 times the documents (benchmarks/RESULTS.md, 100,000
documents), while one load of all of them cost about what a batch's load costs a quad.

So the batches' N-Quads are spooled to files beside the database (``spool/``), and a load
takes what was spooled once it is at least `growth` times what the build's earlier loads
took, and the loader (a thread: the bulk loader lets go of the GIL) is free: the first
batch alone, then loads that grow by ``growth`` at least (1: they double), in a number
that grows with the logarithm of the corpus, the last one taking what is left when the
build ends: while the loader keeps pace, at most ``growth / (1 + growth)`` of the build
(a half at 1), which the build waits for at its end. While one load runs, the next
batches are prepared and spooled.

A load is the store's `OxigraphStore.load_spooled`, under its journal: a build killed
while loading leaves whole graphs only; it loses the load under way and what was spooled
since, which the next build, finding those documents missing from the store, writes
again. A batch holding a graph the store has (a changed document) is not spooled: once
the load under way is done, it replaces its graphs in one transaction
(`GraphStore.load_nquads`).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, BinaryIO

import pyoxigraph as ox

if TYPE_CHECKING:
    from kg.store.oxigraph import OxigraphStore

#: The folder of the spooled N-Quads, in the store's folder (on the database's disk).
SPOOL_FOLDER = "spool"
#: The lines of a spooled file at most, in a build's first loads: Oxigraph's bulk
#: loader holds what it reads in memory, a million quads at a time, in one thread for a
#: file of this many (some 500 MB) and in two as well as the one it reads for a larger
#: one (some 1.3 GB, and some 10 % less CPU a quad at 10,000 documents).
PART_LINES = 1_000_000
#: Once a build has loaded this many lines, its loads read one file each: the build is
#: large (its own peak memory is some 2.5 GB at 30,000 documents), and its loads, which
#: the others wait for at its end, go faster with both threads.
WHOLE_AFTER = 16_000_000


@dataclass
class _Parts:
    """N-Quads in files of at most ``most`` lines each (`PART_LINES`), a batch whole in
    one; None: one file."""

    stem: Path
    most: int | None
    paths: list[Path] = field(default_factory=list)
    lines: int = 0  # all parts'
    _open: int = 0  # the last part's
    _file: BinaryIO | None = None

    def write(self, data: bytes) -> None:
        count = data.count(b"\n")
        full = self.most is not None and self._open and self._open + count > self.most
        if self._file is None or full:
            self.close()
            path = self.stem.with_name(f"{self.stem.name}.{len(self.paths)}.nq")
            self.paths.append(path)
            self._file = path.open("wb")
            self._open = 0
        self._file.write(data)
        self._open += count
        self.lines += count

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def remove(self) -> None:
        self.close()
        for path in self.paths:
            path.unlink(missing_ok=True)


@dataclass
class _Segment:
    """The batches spooled for one load: their quads, and their triples of the union."""

    number: int
    quads: _Parts
    facts: _Parts
    graphs: list[str] = field(default_factory=list)
    size: int = 0  # bytes of N-Quads, the triples included

    @classmethod
    def open(cls, folder: Path, number: int, most: int | None) -> _Segment:
        quads, facts = _Parts(folder / f"{number}", most), _Parts(folder / f"{number}-facts", most)
        return cls(number, quads, facts)

    @property
    def lines(self) -> int:
        return self.quads.lines + self.facts.lines

    def add(self, graphs: Sequence[str], data: bytes, facts: bytes) -> None:
        self.quads.write(data)
        self.facts.write(facts)
        self.graphs += graphs
        self.size += len(data) + len(facts)

    def close(self) -> None:
        self.quads.close()
        self.facts.close()

    def remove(self) -> None:
        self.quads.remove()
        self.facts.remove()


class Spool:
    """Graphs new to ``store``, spooled and loaded in growing loads (see above). Use it
    as a context: leaving it without an error loads what is left and waits for it; with
    one, it waits for the load under way (a bulk load cannot be stopped midway: the
    journal is removed only once it is whole) and loads nothing more."""

    def __init__(
        self,
        store: OxigraphStore,
        growth: float,
        *,
        between: Callable[[int], None] | None = None,
    ) -> None:
        self._store = store
        self._growth = growth
        #: Called with a load's number (from 1) between its quads and its triples of the
        #: union: a test stops a build there (`kg.loading.PAUSE_ENV`).
        self._between = between
        self._folder = store.folder / SPOOL_FOLDER
        shutil.rmtree(self._folder, ignore_errors=True)  # a killed build's, never loaded
        self._folder.mkdir(parents=True)
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-load")
        self._loading: Future[None] | None = None
        self._loads = 0
        self._loaded = 0  # bytes spooled for the loads begun
        #: The time the loads took, in the loader's thread.
        self.seconds = 0.0
        self._lines = 0  # lines spooled for the loads begun
        self._segment = _Segment.open(self._folder, 1, PART_LINES)

    def __enter__(self) -> Spool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            if error is None:
                self.finish()
        finally:
            self._thread.shutdown(wait=True)
            self._segment.remove()
            shutil.rmtree(self._folder, ignore_errors=True)

    def add(self, graphs: Sequence[str], data: bytes, facts: bytes) -> None:
        """Spool a batch's graphs: ``data`` their N-Quads, ``facts`` their triples of the
        default graph (each written whole by a line of its own); load the spool when it
        has grown enough and the loader is free."""
        raw = self._store.raw
        if any(raw.contains_named_graph(ox.NamedNode(iri)) for iri in graphs):
            self._wait()
            self._store.load_nquads(data, graphs, facts=facts)
            return
        self._segment.add(graphs, data, facts)
        if self._segment.size >= self._growth * self._loaded and self._idle():
            self._begin()

    def finish(self) -> None:
        """Load what is spooled, and wait until the store holds it all."""
        self._wait()
        if self._segment.graphs:
            self._begin()
            self._wait()

    @property
    def loads(self) -> int:
        """The loads begun so far."""
        return self._loads

    def _idle(self) -> bool:
        """Whether no load is under way (one that ended with an error raises it here)."""
        if self._loading is not None and not self._loading.done():
            return False
        self._wait()
        return True

    def _wait(self) -> None:
        if self._loading is not None:
            loading, self._loading = self._loading, None
            loading.result()

    def _begin(self) -> None:
        segment = self._segment
        segment.close()
        self._loads += 1
        self._loaded += segment.size
        self._lines += segment.lines
        most = PART_LINES if self._lines < WHOLE_AFTER else None
        self._segment = _Segment.open(self._folder, segment.number + 1, most)
        self._loading = self._thread.submit(self._load, segment)

    def _load(self, segment: _Segment) -> None:
        between = self._between
        started = time.perf_counter()
        try:
            self._store.load_spooled(
                segment.quads.paths,
                segment.facts.paths,
                segment.graphs,
                segment.quads.lines,
                between=None if between is None else lambda: between(segment.number),
            )
        finally:
            segment.remove()
            self.seconds += time.perf_counter() - started
