"""Mapping, validating and loading placed documents in batches.

A batch's documents are mapped and validated in worker processes (`kg.preparing`, a
few documents a chunk, `RunSettings.chunksize`), or in a thread of the build's process
with one job, at a lower priority than the build's process (`NICENESS`), whose loads
are the build's longest path. The graphs that changed and conform come back as N-Quads,
and the store takes them as it writes a build (`GraphStore.writing`): the embedded store
in a few growing bulk loads, spooled to disk and loaded in a thread while later batches
are prepared (`kg.store.spool`, `RunSettings.load_growth`), another in one write a batch.
Either way a killed build leaves whole graphs only. The search index is told of each
batch in a thread of its own as the batch is handed to the store (it is marked as being
written until the build ends, so a killed build leaves it to be brought in step:
`kg.search.index`).

A batch takes `RunSettings.batch_size` documents, or fewer: as many as are expected to
write `RunSettings.batch_bytes` of N-Quads, by their text and what those prepared so far
wrote, so that the batches in memory stay about that size whatever the documents; and
the build lets go of each placed document once it is sent to be prepared.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from kg.iri import Minter
from kg.preparing import Chunk, Job, Prepared, Tables, in_worker, prepare, start_worker
from kg.rdf.mapping import document_iri
from kg.rdf.nquads import digest
from kg.report import BuildReport, Outcome, Progress, Stage, Status
from kg.resolve import PlacedDoc, Resolution
from kg.settings import RunSettings
from kg.store.base import BatchWrites, GraphStore
from kg.validate import CompiledShapes, Violation
from kg.workers import pack, pool

#: How much lower the workers that prepare batches run than the build (`os.nice`): the
#: store's loads, in the build's process, are its longest path, and what the loader has
#: not taken when the workers are done waits for it (benchmarks/RESULTS.md, 11:00).
NICENESS = 10
#: Batches prepared ahead of the one being written (their N-Quads wait in memory).
AHEAD = 2
#: Until a batch has come back (how much a document writes is not known yet), a batch
#: takes this many chunks a worker.
FIRST = 2
#: The part of a document's N-Quads its text does not account for, in characters of text
#: (`_weight`): a synthetic document writes about as much as 2,000 more characters.
BASE_WEIGHT = 2000
#: A test hook: when this environment variable names a file, the build stops halfway
#: through its second write of the store (the embedded store: the second load's quads
#: in, their triples not yet in the default graph), creates that file and waits to be
#: killed (tests/integration/test_rebuild.py kills it there).
PAUSE_ENV = "KG_TEST_PAUSE_LOAD"


#: How a batch's graphs (their N-Quads, and their triples of the union) go to the store.
_Write = Callable[[Sequence[str], bytes, bytes], None]


@dataclass
class _Pending:
    """A batch being prepared: each document's outcome so far (a name: the outcome
    waits for its chunk), and the chunks to come."""

    size: int
    weight: int  # the documents' `_weight`
    outcomes: list[Outcome | str]
    chunks: list[Future[Chunk]]


@dataclass
class Batches:
    """The placed documents of a build, to be loaded into ``store``."""

    given: set[str]  # the names of the documents read in this build
    #: The resolved entities (`Tables`); the documents are ``placed``.
    resolution: Resolution
    #: The placed documents to load, in order. `load_all` takes each out as it sends it to
    #: be prepared, so that the build lets go of it then, not at the end.
    placed: list[PlacedDoc]
    minter: Minter
    store: GraphStore
    compiled: CompiledShapes
    report: BuildReport
    #: The address the documents are published under (`kg.rdf.origin`).
    source_url: str | None = None
    #: Told each batch of graphs, as N-Quads, once the store holds them (the search index).
    written: Callable[[bytes, Sequence[str]], None] | None = None
    _stored: set[str] = field(default_factory=set, init=False)  # graphs before the build
    #: The documents prepared so far, and the bytes of N-Quads they came back as.
    _seen_weight: int = field(default=0, init=False)  # their `_weight`
    _seen_bytes: int = field(default=0, init=False)
    #: The thread that tells ``written`` of each batch, and the batch it is telling.
    _indexer: ThreadPoolExecutor | None = field(default=None, init=False)
    _indexing: Future[None] | None = field(default=None, init=False)

    def load_all(self, run: RunSettings, progress: Progress | None) -> list[str]:
        """Load every document, ``run.batch_size`` at a time; the IRIs of the graphs
        loaded."""
        used: list[str] = []
        docs = deque(self.placed)
        self.placed.clear()
        total = len(docs)
        self._stored = set(self.store.graphs())
        workers = min(run.jobs, -(-total // run.chunksize))
        pending: deque[_Pending] = deque()
        done = 0
        with self._executor(workers) as submit, self._index_thread(), self._writer(run) as write:
            while docs or pending:
                if docs:
                    batch, weight = self._take(docs, run)
                    pending.append(self._submit(batch, weight, run.chunksize, submit))
                    del batch  # sent: only the chunks' futures hold what comes back
                if len(pending) > AHEAD or (pending and not docs):
                    prepared = pending.popleft()
                    used += self._finish(prepared, write)
                    done += prepared.size
                    if progress:
                        progress(Stage.LOAD, done, total)
        return used

    def _take(self, docs: deque[PlacedDoc], run: RunSettings) -> tuple[list[PlacedDoc], int]:
        """The next batch, and its documents' `_weight`: ``run.batch_size`` documents, or
        fewer, as many as are expected to write ``run.batch_bytes`` of N-Quads, by their
        text and what the documents prepared so far wrote for theirs; until a batch has
        come back, a chunk for each worker, twice (`FIRST`)."""
        if not self._seen_weight:
            count = min(run.batch_size, FIRST * run.jobs * run.chunksize, len(docs))
            batch = [docs.popleft() for _ in range(count)]
            return batch, sum(map(_weight, batch))
        per_weight = self._seen_bytes / self._seen_weight
        batch = []
        weight = 0
        while docs and len(batch) < run.batch_size:
            next_weight = _weight(docs[0])
            if batch and per_weight * (weight + next_weight) > run.batch_bytes:
                break
            batch.append(docs.popleft())
            weight += next_weight
        return batch, weight

    @contextmanager
    def _index_thread(self) -> Iterator[None]:
        """``written`` is told of each batch in a thread of its own while the next batch is
        received and written (the store's bulk loader and SQLite let go of the GIL): one
        batch at a time, in order, as it is handed to the store. Whatever it raises is
        raised here, at the next batch or at the end."""
        if self.written is None:
            yield
            return
        self._indexer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-index")
        try:
            yield
            self._wait_index()
        finally:
            self._indexer.shutdown(wait=True)
            self._indexer = None

    def _wait_index(self) -> None:
        """Wait for the batch being indexed (at most one batch's N-Quads wait for it)."""
        if self._indexing is not None:
            future, self._indexing = self._indexing, None
            future.result()

    def _index(self, data: bytes, graphs: list[str]) -> None:
        assert self.written is not None
        with self.report.timed("index"):
            self.written(data, graphs)

    @contextmanager
    def _executor(self, workers: int) -> Iterator[Callable[[list[Job]], Future[Chunk]]]:
        """How chunks are prepared: in ``workers`` processes, or in one thread."""
        tables = Tables.of(self.resolution, self.minter, self.compiled, self.source_url)
        executor: Executor
        if workers > 1:
            executor = pool(workers, start_worker, pack(tables), NICENESS)
        else:
            executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-prepare")

        def submit(jobs: list[Job]) -> Future[Chunk]:
            if workers > 1:  # pickled by `pack`: faster both ways than as they are
                return executor.submit(in_worker, pack(jobs))
            return executor.submit(prepare, jobs, tables)

        try:
            yield submit
        finally:
            executor.shutdown(wait=True, cancel_futures=True)

    def _submit(
        self,
        batch: Sequence[PlacedDoc],
        weight: int,
        size: int,
        submit: Callable[[list[Job]], Future[Chunk]],
    ) -> _Pending:
        """Send a batch's documents (of `_weight` ``weight`` in all) to be prepared,
        ``size`` a chunk (the compiled shapes take less time a document over a few
        documents than over hundreds); quarantine those that could not be placed."""
        outcomes: list[Outcome | str] = []
        jobs: list[Job] = []
        for placed in batch:
            name = placed.mentions.doc.source.name
            if placed.problem is not None:
                if name in self.given:
                    message = f"{name}: {placed.problem}"
                    outcomes.append(Outcome(name, Status.QUARANTINED, (message,)))
                continue
            iri = document_iri(placed, self.minter)
            stored = digest(self.store.graph(iri)) if iri in self._stored else None
            jobs.append(Job(placed, stored))
            outcomes.append(name)
        chunks = [submit(jobs[i : i + size]) for i in range(0, len(jobs), size)]
        return _Pending(len(batch), weight, outcomes, chunks)

    def _finish(self, batch: _Pending, write: _Write) -> list[str]:
        """Each document's outcome, and the batch's graphs handed to ``write``."""
        report = self.report
        decided: dict[str, Outcome] = {}
        graphs: list[str] = []
        data: list[bytes] = []
        facts: list[bytes] = []
        for future in batch.chunks:
            chunk = future.result()
            report.seconds["map"] = report.seconds.get("map", 0.0) + chunk.map_seconds
            seconds = report.seconds.get("validate", 0.0) + chunk.validate_seconds
            report.seconds["validate"] = seconds
            graphs += chunk.graphs
            data.append(chunk.nquads)
            facts.append(chunk.facts)
            for doc in chunk.docs:
                outcome = self._outcome(doc)
                if outcome is not None:
                    decided[doc.name] = outcome
        report.outcomes += [
            decided[o] if isinstance(o, str) else o
            for o in batch.outcomes
            if not isinstance(o, str) or o in decided
        ]
        self._seen_weight += batch.weight
        self._seen_bytes += sum(map(len, data)) + sum(map(len, facts))
        if graphs:
            self._hand(graphs, b"".join(data), b"".join(facts), write)
        return graphs

    def _outcome(self, doc: Prepared) -> Outcome | None:
        """What to report of a prepared document (nothing of an unchanged one that this
        build was not given)."""
        given = doc.name in self.given
        if doc.unchanged:
            return Outcome(doc.name, Status.UNCHANGED, triples=doc.triples) if given else None
        if doc.violations or doc.fault is not None:
            earlier = doc.iri in self._stored
            outcome = (
                unmapped(doc.name, doc.fault, earlier=earlier)
                if doc.fault is not None
                else quarantined(doc.name, doc.violations, earlier=earlier)
            )
            return outcome if given else replace(outcome, kept=True)  # noted, no failure
        status = Status.LOADED if given else Status.UPDATED
        return Outcome(doc.name, status, triples=doc.triples)

    @contextmanager
    def _writer(self, run: RunSettings) -> Iterator[_Write]:
        """How the batches are handed to the store (`GraphStore.writing`: the embedded
        store spools them and loads them in a few growing loads, another takes each in
        one write); the time it took goes to the report."""
        marker = os.environ.get(PAUSE_ENV)
        between = None if not marker else partial(_at_second, _pause(Path(marker)))
        writes: BatchWrites | None = None
        try:
            with self.store.writing(run.load_growth, between=between) as writes:
                yield writes.add
        finally:
            if writes is not None:
                seconds = self.report.seconds
                seconds["load"] = seconds.get("load", 0.0) + writes.seconds

    def _hand(self, graphs: list[str], data: bytes, facts: bytes, write: _Write) -> None:
        """A batch's graphs to the store and to the search index."""
        write(graphs, data, facts)
        if self._indexer is not None:
            self._wait_index()
            self._indexing = self._indexer.submit(self._index, data, graphs)


def _weight(placed: PlacedDoc) -> int:
    """What a document's N-Quads grow with, about: its items' titles and texts (each is
    written in its fact, in the fact's citation and in the default graph), and
    `BASE_WEIGHT` for the rest of it. Real meetings write from a tenth to ten times the
    average; a batch is cut by this, not by a count."""
    items = placed.mentions.doc.items
    text = sum(len(s.text.value) for item in items for s in item.sections)
    return BASE_WEIGHT + text + sum(len(item.title.value) for item in items if item.title)


def _pause(marker: Path) -> Callable[[], None]:
    """For the test hook (`PAUSE_ENV`): create ``marker`` and wait forever."""

    def pause() -> None:
        marker.write_text(str(os.getpid()))
        while True:
            time.sleep(60)

    return pause


def _at_second(pause: Callable[[], None], load: int) -> None:
    if load == 2:
        pause()


def quarantined(name: str, violations: Sequence[Violation], *, earlier: bool) -> Outcome:
    """The outcome of a document whose graph breaks the shapes."""
    messages = [v.describe(name) for v in violations]
    return Outcome(name, Status.QUARANTINED, tuple(messages + _kept(name, earlier)))


def unmapped(name: str, fault: str, *, earlier: bool) -> Outcome:
    """The outcome of a document that read well but could not be made a graph: a fault
    of this program's, which the message asks to be reported."""
    message = (
        f"{name}: could not be turned into RDF ({fault}); this is a fault of minutes-kg, "
        "not of the document: please report it with the document"
    )
    return Outcome(name, Status.QUARANTINED, (message, *_kept(name, earlier)))


def _kept(name: str, earlier: bool) -> list[str]:
    if not earlier:
        return []
    return [f"{name}: not loaded; the earlier version of this document stays in the store"]
