"""The embedded store: Oxigraph in a folder, nothing to start.

Graphs the store holds are replaced by one SPARQL update (DROP and INSERT together), in
one transaction. New graphs, what a build writes (`load_nquads`), go in through Oxigraph's
bulk loader, which writes index files straight into the database (some three times less
CPU a quad than a transaction) but is not transactional: so the graphs a bulk load is
writing are first named in a journal (`JOURNAL_FILE`, beside the database), and the
journal is removed once they are in. A store opened for writing with a journal left
behind (a build killed while loading) first removes those graphs, whole or in part; a
store opened read-only with one refuses. A killed build so leaves the old graphs, never
half of a new one.

The store's default graph is the union of its named graphs as a set (`kg.store.union`),
kept by every write: by the same update (`union.forget` before the DROP, `union.gather`
after the INSERT), or by the bulk load, whose quads are loaded first and their triples
into the default graph after them, so that a graph the journal names takes its triples
with it when it is removed (`remove_graph`). Queries that name no dataset read it; a
store written before it was kept gets it when it is first opened for writing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.errors import StoreError
from kg.store import lease, union
from kg.store.base import BatchWrites, GraphStore, ntriples
from kg.store.spool import Spool

#: The journal of a bulk load: the graphs being written, one IRI a line (see above).
JOURNAL_FILE = "loading.journal"
_NQUADS = ox.RdfFormat.N_QUADS


class OxigraphStore(GraphStore):
    """A folder holding an Oxigraph database (in ``oxigraph/``)."""

    def __init__(self, folder: Path, *, read_only: bool = False) -> None:
        self.folder = folder
        self._journal = folder / JOURNAL_FILE
        self._lease = lease.Lease(None)
        #: The quads of the named graphs, kept by each write when the store was empty
        #: when opened (a first build): then `__len__` need not count millions of them.
        self._named: int | None = None
        database = folder / "oxigraph"
        try:
            if read_only:
                if not database.is_dir():
                    raise StoreError(
                        f"no store at {folder}",
                        hint=f"build one first: kg build PATH --store {folder}",
                    )
                self._store = ox.Store.read_only(str(database))
                if self._journal.exists():
                    raise StoreError(
                        f"a build was stopped while writing to the store at {folder}, "
                        "which still holds part of what it wrote",
                        hint="open it once for writing (kg build, kg load or kg remove with"
                        f" --store {folder}): that takes out the graphs it had not finished",
                    )
                if not self.has_union():
                    raise StoreError(
                        f"the store at {folder} was written by an earlier version of kg, "
                        "whose default graph is not the union of its graphs",
                        hint="open it once for writing (kg build, kg load or kg remove with"
                        f" --store {folder}): that makes the default graph",
                    )
            else:
                self._lease = lease.writing(folder)  # refused while a server serves it
                database.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(database))
                self._recover()
                if not self.has_union() or self._cites():
                    self._store.update(union.rebuild())
                if next(iter(self._store), None) is None:
                    self._named = 0
        except OSError as exc:
            self._lease.release()
            raise StoreError(
                f"cannot open the store at {folder}: {exc}",
                hint="is another kg process (a build or a server) using it?",
            ) from exc

    @property
    def raw(self) -> ox.Store:
        """The pyoxigraph store, for the query and web layers."""
        return self._store

    def replace_graphs(self, graphs: dict[str, Iterable[ox.Quad]]) -> None:
        """Make each named graph hold exactly its quads: the graphs already in the store in
        one transaction, the new ones in another (each graph whole, or not at all)."""
        fresh: list[ox.Quad] = []
        parts = []
        change = 0  # in the number of quads of the named graphs
        for iri, given in sorted(graphs.items()):
            name = ox.NamedNode(iri)
            quads = list(given)
            change += len({(q.subject, q.predicate, q.object) for q in quads})
            if self._store.contains_named_graph(name):
                change -= self._size(name)
                body = ntriples(quads).decode()
                parts.append(
                    f"{union.forget(iri)} ;\nDROP SILENT GRAPH <{iri}> ;\n"
                    f"INSERT DATA {{ GRAPH <{iri}> {{\n{body}}} }} ;\n{union.gather(iri)}"
                )
            else:
                fresh += (ox.Quad(q.subject, q.predicate, q.object, name) for q in quads)
                fresh += (ox.Quad(t.subject, t.predicate, t.object) for t in union.kept(quads))
        try:
            if parts:
                self._store.update(" ;\n".join(parts))
            if fresh:
                self._store.extend(fresh)
        except (OSError, SyntaxError) as exc:
            self._named = None  # written in part, perhaps: count again when asked
            raise StoreError(f"could not write graphs {', '.join(sorted(graphs))}: {exc}") from exc
        self._count(change)

    def load_nquads(
        self,
        data: bytes | BinaryIO,
        graphs: Collection[str],
        *,
        between: Callable[[], None] | None = None,
        facts: bytes | None = None,
    ) -> None:
        """Graphs the store holds none of yet through the bulk loader, under the journal:
        their quads, then their triples of the union (``facts``, else `union.triples` of
        ``data``) into the default graph (``between`` is called in between: a test stops a
        build there); else as `replace_graphs` does. ``data`` states each quad on a line of
        its own, once (as `kg.rdf.nquads.encode` writes graphs, which are sets)."""
        if any(self._store.contains_named_graph(ox.NamedNode(iri)) for iri in graphs):
            super().load_nquads(data, graphs, between=between)
            return
        quads = data if isinstance(data, bytes) else data.read()
        triples = union.triples(quads) if facts is None else facts
        lines = quads.count(b"\n") + (0 if quads.endswith(b"\n") or not quads else 1)
        self._bulk(graphs, [quads], [triples], lines, between)

    @contextmanager
    def writing(
        self, growth: float, *, between: Callable[[int], None] | None = None
    ) -> Iterator[BatchWrites]:
        """A build's batches spooled to disk and loaded in a few growing bulk loads, each
        at least ``growth`` times what the loads before it took (`kg.store.spool`);
        ``between`` is called with a load's number between its quads and its triples of
        the union."""
        with Spool(self, growth, between=between) as spool:
            yield spool

    def load_spooled(
        self,
        quads: Sequence[Path],
        facts: Sequence[Path],
        graphs: Collection[str],
        lines: int,
        *,
        between: Callable[[], None] | None = None,
    ) -> None:
        """`load_nquads` of graphs the store holds none of, from files (`kg.store.spool`):
        ``quads`` their N-Quads, ``lines`` of them, ``facts`` their triples of the default
        graph; one bulk load a file, each read by the loader itself."""
        self._bulk(graphs, quads, facts, lines, between)

    def _bulk(
        self,
        graphs: Collection[str],
        quads: Sequence[bytes | Path],
        facts: Sequence[bytes | Path],
        lines: int,
        between: Callable[[], None] | None,
    ) -> None:
        """Bulk-load ``quads`` then ``facts`` (each in parts: N-Quads, or files of them)
        under the journal, which names ``graphs``; ``between`` is called in between."""
        self._begin(graphs)
        try:
            for part in quads:
                self._bulk_part(part)
            if between is not None:
                between()
            for part in facts:
                self._bulk_part(part)
            self._store.flush()
        except (OSError, SyntaxError) as exc:
            self._recover()
            raise StoreError(f"could not write graphs {', '.join(sorted(graphs))}: {exc}") from exc
        self._journal.unlink()
        self._count(lines)

    def _bulk_part(self, part: bytes | Path) -> None:
        if isinstance(part, bytes):
            self._store.bulk_load(part, format=_NQUADS, lenient=True)
        else:
            self._store.bulk_load(path=str(part), format=_NQUADS, lenient=True)

    def _count(self, change: int) -> None:
        if self._named is not None:
            self._named += change

    def _size(self, graph: ox.NamedNode) -> int:
        """The number of quads of one named graph (0 when the count is not kept)."""
        if self._named is None:
            return 0
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, graph))

    def _begin(self, graphs: Collection[str]) -> None:
        """Name ``graphs`` in the journal, on disk before anything of them is written."""
        partial = self._journal.with_suffix(".partial")
        with partial.open("w", encoding="utf-8") as journal:
            journal.write("".join(f"{iri}\n" for iri in sorted(graphs)))
            journal.flush()
            os.fsync(journal.fileno())
        partial.replace(self._journal)  # whole, or not there at all
        _sync_folder(self.folder)

    def _recover(self) -> None:
        """Remove the graphs a bulk load left unfinished (named in the journal), with
        their triples in the default graph, in one update; then the journal."""
        if not self._journal.exists():
            return
        graphs = self._journal.read_text(encoding="utf-8").split()
        if graphs:
            self._store.update(" ;\n".join(_removal(iri) for iri in graphs))
        self._store.flush()
        self._journal.unlink()
        _sync_folder(self.folder)

    def remove_graph(self, iri: str) -> None:
        """Remove a named graph and everything in it, atomically (with the triples of the
        default graph that no other graph states)."""
        size = self._size(ox.NamedNode(iri))
        self._store.update(_removal(iri))
        self._count(-size)

    def __len__(self) -> int:
        """The number of quads in the named graphs (the default graph left out): kept
        since a first build opened the store, else counted."""
        if self._named is not None:
            return self._named
        return len(self._store) - self.union_size()

    def _cites(self) -> bool:
        """Whether the default graph holds citations, as an earlier version of kg wrote it:
        then it is made again (it would keep a removed graph's citations)."""
        cited = self._store.quads_for_pattern(None, union.CITES, None, ox.DefaultGraph())
        return next(cited, None) is not None

    def has_union(self) -> bool:
        """Whether the default graph holds the union of the named graphs: false only for a
        store written before it was kept (some named graph holds a triple, the default
        graph none)."""
        default = self._store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        if next(default, None) is not None:
            return True
        return next(iter(self._store), None) is None


def _removal(iri: str) -> str:
    """The update that removes graph ``iri`` and its triples that no other graph states."""
    return f"{union.forget(iri)} ;\nDROP SILENT GRAPH <{iri}>"


def _sync_folder(folder: Path) -> None:
    """Make a file's creation, renaming or removal in ``folder`` durable (POSIX)."""
    if os.name != "posix":  # pragma: no cover - Windows has no directory handles
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
