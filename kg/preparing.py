"""Mapping and validating placed documents: the per-document work of a build after
resolution, in worker processes (`kg.workers`) or in the build's own process.

Each worker is given once what every document's mapping needs (`Tables`: the resolved
entities, the minter, the compiled shapes), then chunks of documents. A chunk comes back
as the outcome of each document and, as N-Quads bytes, the graphs to write: those that
differ from the stored graph (told by its `kg.rdf.nquads.digest`) and conform to the
shapes. Each mapped graph passes the privacy gate's last line (`kg.privacy.literals`)
before it is compared, validated or written. Workers never touch the store; the build's
process alone writes it.
"""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pyoxigraph import Literal

from kg.iri import Minter
from kg.privacy import redact_graph
from kg.rdf.mapping import document_iri, map_document
from kg.rdf.nquads import digest, encode
from kg.rdf.origin import origin, origin_quads
from kg.resolve import PlacedDoc, Resolution
from kg.store import union
from kg.validate import CompiledShapes, Violation, Written, validate_batch


@dataclass(frozen=True)
class Tables:
    """What mapping and validating any document needs, sent to each worker once."""

    #: The resolved entities (without the placed documents, which come in chunks).
    resolution: Resolution
    minter: Minter
    compiled: CompiledShapes
    #: The address the documents are published under (`kg.rdf.origin`).
    source_url: str | None = None

    @classmethod
    def of(
        cls,
        resolution: Resolution,
        minter: Minter,
        compiled: CompiledShapes,
        source_url: str | None,
    ) -> Tables:
        """The tables of ``resolution``, without what mapping does not read."""
        entities = replace(resolution, docs=(), people_resolution=None)
        return cls(entities, minter, compiled, source_url)


@dataclass(frozen=True)
class Job:
    """One document to prepare, and the digest of the graph the store holds for it
    (None when it holds none)."""

    placed: PlacedDoc
    stored: str | None = None


@dataclass(frozen=True)
class Prepared:
    """What became of one document: unchanged, or its violations (none: to be written)."""

    name: str
    iri: str
    triples: int
    unchanged: bool = False
    violations: tuple[Violation, ...] = ()
    #: Why the document could not be mapped at all (a fault of this program's, which
    #: quarantines that document and not the build).
    fault: str | None = None


@dataclass(frozen=True)
class Chunk:
    """A chunk of documents prepared: each one's outcome, and the graphs to write."""

    docs: tuple[Prepared, ...]
    #: The IRIs of the graphs to write, and their quads as N-Quads.
    graphs: tuple[str, ...]
    nquads: bytes
    #: Their triples that belong in the store's default graph (`kg.store.union.graph_triples`).
    facts: bytes
    #: Seconds spent mapping and validating, in the process that did it.
    map_seconds: float
    validate_seconds: float


def prepare(jobs: Sequence[Job], tables: Tables) -> Chunk:
    """Map each document (none with a ``problem``), validate those whose graph changed
    together, and encode those that conform. Each changed graph is written as N-Quads
    once: validation reads those, and they are what goes to the store."""
    start = time.perf_counter()
    written: dict[str, bytes] = {}
    docs: dict[str, Prepared] = {}
    for job in jobs:
        placed = job.placed
        name = placed.mentions.doc.source.name
        try:
            graph = map_document(placed, tables.resolution, tables.minter)
            published = origin(placed.mentions.doc.source, tables.source_url)
            extra = origin_quads(graph.iri, published)
            literals = [*graph.literals, *(o for q in extra if type(o := q.object) is Literal)]
            # the privacy gate's last line, on every literal of the graph as mapped
            quads = redact_graph(graph.quads + extra, literals)
        except Exception as exc:  # one document's fault must not stop a build
            iri = document_iri(placed, tables.minter)
            docs[name] = Prepared(name, iri, 0, fault=f"{type(exc).__name__}: {exc}")
            continue
        unchanged = job.stored is not None and job.stored == digest(quads)
        docs[name] = Prepared(name, graph.iri, len(quads), unchanged=unchanged)
        if not unchanged:
            written[name] = encode(quads)
    mapped = time.perf_counter()
    graphs = {name: Written(docs[name].iri, text.decode()) for name, text in written.items()}
    found = validate_batch(graphs, tables.compiled)
    for name, violations in found.items():
        docs[name] = replace(docs[name], violations=tuple(violations))
    loads = [name for name in written if not found[name]]
    return Chunk(
        tuple(docs.values()),
        tuple(docs[name].iri for name in loads),
        b"".join(written[name] for name in loads),
        b"".join(union.graph_triples(written[name], docs[name].iri) for name in loads),
        map_seconds=mapped - start,
        validate_seconds=time.perf_counter() - mapped,
    )


#: A worker process's tables, given when it starts.
_WORKER_TABLES: list[Tables] = []


def start_worker(tables: bytes, niceness: int = 0) -> None:
    """In a new worker: keep the tables (`kg.workers.pack`) for the chunks to come, and
    run ``niceness`` lower in priority (POSIX: `os.nice`)."""
    _WORKER_TABLES[:] = [pickle.loads(tables)]
    if niceness and hasattr(os, "nice"):
        os.nice(niceness)


def in_worker(jobs: bytes) -> Chunk:
    """`prepare` of a chunk's jobs (`kg.workers.pack`) with the tables this worker was
    started with."""
    return prepare(pickle.loads(jobs), _WORKER_TABLES[0])
