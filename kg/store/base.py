"""What every store offers the pipeline and the CLI, written once over `QueryStore`:
a store class gives its ``raw`` reader and how it replaces and removes graphs."""

from __future__ import annotations

import gzip
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, BinaryIO, Protocol, cast

import pyoxigraph as ox

from kg.errors import StoreError, UsageError
from kg.store.formats import Serialization
from kg.store.protocol import QueryStore
from kg.vocab import PREFIXES, RDFS, SOURCE_DOCUMENT


class BatchWrites(Protocol):
    """How a build hands a store its batches of graphs (`GraphStore.writing`)."""

    #: Seconds spent writing (in whatever thread wrote), for the build's report.
    seconds: float

    def add(self, graphs: Sequence[str], data: bytes, facts: bytes) -> None:
        """A batch's graphs: ``data`` their N-Quads, ``facts`` their triples of the union
        (`kg.store.union.graph_triples` of each graph's)."""


class GraphStore(ABC):
    """Named graphs in and out of a store, and their union as a set: the default graph
    that queries naming no dataset read, which every write keeps (`kg.store.union`)."""

    @contextmanager
    def writing(
        self, growth: float, *, between: Callable[[int], None] | None = None
    ) -> Iterator[BatchWrites]:
        """How a build writes its batches of new and changed graphs, each batch whole or
        not at all: here one `load_nquads` a batch, as it comes (``growth``, for a store
        that gathers batches into fewer writes, is unused). ``between`` is called with
        the write's number (from 1) where a write may be cut off (a test's hook)."""
        yield _EachBatch(self, between)

    @property
    @abstractmethod
    def raw(self) -> QueryStore:
        """The store as readers see it (the query and web layers)."""

    @abstractmethod
    def replace_graphs(self, graphs: dict[str, Iterable[ox.Quad]]) -> None:
        """Make each named graph hold exactly its quads (and the default graph the union
        of the named graphs)."""

    @abstractmethod
    def remove_graph(self, iri: str) -> None:
        """Remove a named graph and everything in it, atomically (and from the default
        graph each triple that no other named graph states)."""

    def load_nquads(
        self,
        data: bytes | BinaryIO,
        graphs: Collection[str],
        *,
        between: Callable[[], None] | None = None,
        facts: bytes | None = None,
    ) -> None:
        """Make each graph of ``graphs`` hold exactly the quads that N-Quads ``data`` puts in
        it (every quad of ``data`` is in one of them), as `replace_graphs` does.
        ``between`` is called where a store's write may be cut off (a test's hook; here,
        before the one transaction). ``facts``, where the caller has them, are the triples
        of ``data`` that belong in the default graph, as N-Triples (`union.graph_triples` of each
        graph's quads): a store that would otherwise work them out of ``data`` takes them."""
        quads: dict[str, list[ox.Quad]] = {iri: [] for iri in graphs}
        for quad in ox.parse(data, format=ox.RdfFormat.N_QUADS):
            assert isinstance(quad.graph_name, ox.NamedNode)
            quads[quad.graph_name.value].append(quad)
        if between is not None:
            between()
        self.replace_graphs(dict(quads))

    def graph(self, iri: str) -> set[ox.Quad]:
        """The quads of one named graph."""
        return set(self.raw.quads_for_pattern(None, None, None, ox.NamedNode(iri)))

    def replace_graph(self, iri: str, quads: Iterable[ox.Quad]) -> None:
        """Make named graph ``iri`` hold exactly ``quads``, atomically."""
        self.replace_graphs({iri: quads})

    def load_file(
        self, path: Path, *, graph: str | None = None, protected: Collection[str] = ()
    ) -> dict[str, int]:
        """Import an RDF file: N-Quads, TriG and JSON-LD keep their graphs (triples in
        their default graph go to ``graph``); a triple format goes into ``graph``, which
        such files need. Each graph the file fills is replaced. Returns the number of
        quads per graph. `UsageError`, and nothing written, when the file would fill one
        of the ``protected`` graphs (a source document's, which only a build writes)."""
        return self.load_read(path, read_graphs(path, graph), protected=protected)

    def load_read(
        self, path: Path, quads: dict[str, list[ox.Quad]], *, protected: Collection[str] = ()
    ) -> dict[str, int]:
        """`load_file` of a file already read with `read_graphs` (so that a bad file is
        refused before the store is opened at all)."""
        taken = sorted(set(quads) & set(protected))
        if taken:
            raise UsageError(
                f"{path}: would replace the graph of a source document, <{taken[0]}>",
                hint="kg build writes a document's graph; load reference data into a graph"
                " of its own (--graph IRI), or remove the document with kg remove",
            )
        self.replace_graphs(dict(quads))
        return {name: len(group) for name, group in quads.items()}

    def document_graphs(self) -> dict[str, str]:
        """Every document graph: its IRI and its file name (``rdfs:label``)."""
        query = (
            "SELECT ?g ?name WHERE { GRAPH ?g { "
            f"?g a <{SOURCE_DOCUMENT}> ; <{RDFS.label}> ?name }} }}"
        )
        solutions = self.raw.query(query)
        assert isinstance(solutions, ox.QuerySolutions)
        return {str(s["g"].value): str(s["name"].value) for s in solutions}

    def graphs(self) -> Iterator[str]:
        """The IRIs of all named graphs."""
        for graph in self.raw.named_graphs():
            if isinstance(graph, ox.NamedNode):
                yield graph.value

    def __len__(self) -> int:
        """The number of quads in the named graphs."""
        return len(self.raw)

    def union_size(self) -> int:
        """The number of triples in the default graph: the distinct triples of the named
        graphs."""
        found = self.raw.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert isinstance(found, ox.QuerySolutions)
        count = next(iter(found))["n"]
        return int(count.value) if isinstance(count, ox.Literal) else 0

    def named_quads(self) -> Iterator[ox.Quad]:
        """Every quad of the named graphs."""
        return (q for q in self.raw if not isinstance(q.graph_name, ox.DefaultGraph))

    def export(self, fmt: Serialization, output: Path) -> int:
        """Write the whole store to ``output``; formats without graphs get the merged
        graph (the distinct triples of the named graphs: the default graph's facts and
        the citations it leaves out). Returns the number of quads or distinct triples
        written. The folder of ``output`` is made when missing; `UsageError` when it
        cannot be written."""
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            return self._export(fmt, output)
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from exc

    def _export(self, fmt: Serialization, output: Path) -> int:
        if fmt.keeps_graphs:
            quads = list(self.named_quads())
            ox.serialize(quads, str(output), format=fmt.rdf_format, prefixes=dict(PREFIXES))
            return len(quads)
        ordered = sorted({q.triple for q in self.named_quads()}, key=str)
        ox.serialize(ordered, str(output), format=fmt.rdf_format, prefixes=dict(PREFIXES))
        return len(ordered)


def read_graphs(path: Path, graph: str | None) -> dict[str, list[ox.Quad]]:
    """The quads of an RDF file by named graph (see `GraphStore.load_file`); a gzipped
    file (``.nq.gz``, as `kg publish` writes its dumps) is read as it is."""
    zipped = path.suffix.lower() == ".gz"
    suffix = Path(path.stem).suffix if zipped else path.suffix
    fmt = Serialization.from_extension(suffix)
    if fmt is None:
        raise StoreError(
            f"{path}: unknown RDF format {suffix!r}",
            hint="use .nq, .trig, .jsonld, .ttl, .nt or .rdf, each also gzipped (.nq.gz)",
        )
    if not fmt.keeps_graphs and graph is None:
        raise StoreError(
            f"{path}: a {fmt.value} file has no graphs of its own",
            hint="say which named graph it goes into with --graph IRI",
        )
    target = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    try:
        if zipped:
            with gzip.open(path, "rb") as data:
                parsed = list(ox.parse(cast(IO[bytes], data), format=fmt.rdf_format))
        else:
            parsed = list(ox.parse(path=str(path), format=fmt.rdf_format))
    except (SyntaxError, OSError, EOFError, ValueError) as exc:
        raise StoreError(f"{path}: not valid {fmt.value}: {exc}") from exc
    quads: dict[str, list[ox.Quad]] = {}
    for quad in parsed:
        name = quad.graph_name if not isinstance(quad.graph_name, ox.DefaultGraph) else target
        if isinstance(name, ox.DefaultGraph):
            raise StoreError(
                f"{path}: it has triples outside any named graph",
                hint="give --graph IRI for them",
            )
        assert isinstance(name, ox.NamedNode)
        quads.setdefault(name.value, []).append(
            ox.Quad(quad.subject, quad.predicate, quad.object, name)
        )
    return quads


def ntriples(quads: Iterable[ox.Quad]) -> bytes:
    """The triples of ``quads`` as N-Triples (what an update or a graph store takes)."""
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


class _EachBatch:
    """`BatchWrites` of one `GraphStore.load_nquads` a batch."""

    def __init__(self, store: GraphStore, between: Callable[[int], None] | None) -> None:
        self._store = store
        self._between = between
        self._writes = 0
        self.seconds = 0.0

    def add(self, graphs: Sequence[str], data: bytes, facts: bytes) -> None:
        self._writes += 1
        between, number = self._between, self._writes
        hook = None if between is None else lambda: between(number)
        started = time.perf_counter()
        try:
            self._store.load_nquads(data, graphs, between=hook, facts=facts)
        finally:
            self.seconds += time.perf_counter() - started
