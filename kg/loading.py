"""Mapping, validating and loading placed documents in batches.

A batch's documents are mapped to graphs; those that differ from the stored graph are
validated together (the compiled SHACL engine) and those that conform are written in one
transaction, so a killed build leaves whole graphs only. One batch is written while the
next is mapped and validated (the store works outside Python's lock), one write at a
time and in order, so the store ends the same as when each waits for the last.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace

import pyoxigraph as ox

from kg.iri import Minter
from kg.rdf.mapping import DocumentGraph, map_document
from kg.rdf.origin import origin, origin_quads
from kg.report import BuildReport, Outcome, Progress, Stage, Status
from kg.resolve import PlacedDoc, Resolution
from kg.store import OxigraphStore
from kg.store.base import GraphStore
from kg.validate import CompiledShapes, Violation, validate_batch

#: Quads written between two flushes of an embedded store: RocksDB keeps what was written
#: in memory (about 1 kB a quad) until it flushes, so a long build flushes now and then.
FLUSH_QUADS = 100_000


@dataclass
class Batches:
    """The placed documents of a build, to be loaded into ``store``."""

    given: set[str]  # the names of the documents read in this build
    resolution: Resolution
    minter: Minter
    store: GraphStore
    compiled: CompiledShapes
    report: BuildReport
    #: The address the documents are published under (`kg.rdf.origin`).
    source_url: str | None = None
    #: Told each batch of graphs once the store holds them (the search index).
    written: Callable[[Mapping[str, Sequence[ox.Quad]]], None] | None = None
    _writing: Future[None] | None = field(default=None, init=False)
    _written: set[str] = field(default_factory=set, init=False)  # the graphs being written
    _unflushed: int = field(default=0, init=False)

    def load_all(self, size: int, progress: Progress | None) -> list[str]:
        """Load every document, ``size`` at a time; the IRIs of the graphs loaded."""
        used: list[str] = []
        docs = self.resolution.docs
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-load") as writer:
            for start in range(0, len(docs), size):
                batch = docs[start : start + size]
                loads = self._prepare(batch)
                self._wait()
                if loads:
                    used += loads
                    self._written = set(loads)
                    self._writing = writer.submit(self._write, loads)
                if progress:
                    progress(Stage.LOAD, start + len(batch), len(docs))
            self._wait()
        return used

    def _wait(self) -> None:
        """Wait for the batch being written (and raise what its writing raised)."""
        if self._writing is not None:
            self._writing.result()
            self._writing = None
            self._written = set()

    def _write(self, loads: dict[str, tuple[ox.Quad, ...]]) -> None:
        with self.report.timed("load"):
            self.store.replace_graphs(dict(loads))
            self._unflushed += sum(len(quads) for quads in loads.values())
            if self._unflushed >= FLUSH_QUADS and isinstance(self.store, OxigraphStore):
                self.store.raw.flush()
                self._unflushed = 0
        if self.written is not None:
            with self.report.timed("index"):
                self.written(loads)

    def _stored(self, iri: str) -> set[ox.Quad]:
        """The stored graph ``iri``, after the batch being written if that writes it."""
        if iri in self._written:
            self._wait()
        return self.store.graph(iri)

    def _prepare(self, batch: Sequence[PlacedDoc]) -> dict[str, tuple[ox.Quad, ...]]:
        """Map a batch of documents to graphs and validate those that changed; report
        each document's outcome. Returns the graphs to write, by IRI."""
        report = self.report
        outcomes: list[Outcome | str] = []  # a name: the outcome waits for validation
        changed: dict[str, tuple[DocumentGraph, bool]] = {}  # name: graph, had an earlier
        with report.timed("map"):
            for placed in batch:
                name = placed.mentions.doc.source.name
                if placed.problem is not None:
                    if name in self.given:
                        message = f"{name}: {placed.problem}"
                        outcomes.append(Outcome(name, Status.QUARANTINED, (message,)))
                    continue
                graph = map_document(placed, self.resolution, self.minter)
                published = origin(placed.mentions.doc.source, self.source_url)
                graph = replace(graph, quads=graph.quads + origin_quads(graph.iri, published))
                existing = self._stored(graph.iri)
                if existing == set(graph.quads):
                    if name in self.given:
                        outcomes.append(Outcome(name, Status.UNCHANGED, triples=len(graph.quads)))
                    continue
                changed[name] = (graph, bool(existing))
                outcomes.append(name)
        with report.timed("validate"):
            found = validate_batch({n: g.quads for n, (g, _) in changed.items()}, self.compiled)
        decided: dict[str, Outcome] = {}
        loads: dict[str, tuple[ox.Quad, ...]] = {}
        for name, (graph, earlier) in changed.items():
            if found[name]:
                decided[name] = quarantined(name, found[name], earlier=earlier)
                if name not in self.given:  # kept from an earlier build: noted, no failure
                    decided[name] = replace(decided[name], kept=True)
                continue
            loads[graph.iri] = graph.quads
            status = Status.LOADED if name in self.given else Status.UPDATED
            decided[name] = Outcome(name, status, triples=len(graph.quads))
        report.outcomes += [decided[o] if isinstance(o, str) else o for o in outcomes]
        return loads


def quarantined(name: str, violations: Sequence[Violation], *, earlier: bool) -> Outcome:
    """The outcome of a document whose graph breaks the shapes."""
    messages = [v.describe(name) for v in violations]
    if earlier:
        messages.append(
            f"{name}: not loaded; the earlier version of this document stays in the store"
        )
    return Outcome(name, Status.QUARANTINED, tuple(messages))
