"""The embedded store: Oxigraph in a folder, nothing to start.

Graphs are written in transactions: graphs the store does not hold yet are added with one
`Store.extend` of quads, or one `Store.load` of N-Quads bytes (`load_nquads`, what a build
uses), graphs it holds are replaced by one SPARQL update (DROP and INSERT together). A
killed build leaves the old graph or the new one, never half of either.

The store's default graph is the union of its named graphs as a set (`kg.store.union`),
written in the same transaction as the graphs: by the same `Store.extend` or `Store.load`
(each triple of a new graph once more, without a graph) or the same update
(`union.forget` before the DROP, `union.gather` after the INSERT). Queries that name no
dataset read it; a store written before it was kept gets it when it is first opened for
writing.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.errors import StoreError
from kg.store import lease, union
from kg.store.base import GraphStore, ntriples


class OxigraphStore(GraphStore):
    """A folder holding an Oxigraph database (in ``oxigraph/``)."""

    def __init__(self, folder: Path, *, read_only: bool = False) -> None:
        self.folder = folder
        self._lease = lease.Lease(None)
        database = folder / "oxigraph"
        try:
            if read_only:
                if not database.is_dir():
                    raise StoreError(
                        f"no store at {folder}",
                        hint=f"build one first: kg build PATH --store {folder}",
                    )
                self._store = ox.Store.read_only(str(database))
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
                if not self.has_union():
                    self._store.update(union.rebuild())
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
        for iri, quads in sorted(graphs.items()):
            name = ox.NamedNode(iri)
            if self._store.contains_named_graph(name):
                body = ntriples(quads).decode()
                parts.append(
                    f"{union.forget(iri)} ;\nDROP SILENT GRAPH <{iri}> ;\n"
                    f"INSERT DATA {{ GRAPH <{iri}> {{\n{body}}} }} ;\n{union.gather(iri)}"
                )
            else:
                for q in quads:
                    fresh.append(ox.Quad(q.subject, q.predicate, q.object, name))
                    fresh.append(ox.Quad(q.subject, q.predicate, q.object))
        try:
            if parts:
                self._store.update(" ;\n".join(parts))
            if fresh:
                self._store.extend(fresh)
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"could not write graphs {', '.join(sorted(graphs))}: {exc}") from exc

    def load_nquads(self, data: bytes | BinaryIO, graphs: Collection[str]) -> None:
        """Graphs the store holds none of yet in one transaction (`Store.load`, several
        times faster than adding the same quads as Python objects), their triples also
        into the default graph (`union.WithUnion`); else as `replace_graphs` does."""
        if any(self._store.contains_named_graph(ox.NamedNode(iri)) for iri in graphs):
            super().load_nquads(data, graphs)
            return
        try:
            stream = io.BufferedReader(union.WithUnion(data), buffer_size=1 << 20)
            self._store.load(stream, format=ox.RdfFormat.N_QUADS, lenient=True)
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"could not write graphs {', '.join(sorted(graphs))}: {exc}") from exc

    def remove_graph(self, iri: str) -> None:
        """Remove a named graph and everything in it, atomically (with the triples of the
        default graph that no other graph states)."""
        self._store.update(f"{union.forget(iri)} ;\nDROP SILENT GRAPH <{iri}>")

    def __len__(self) -> int:
        """The number of quads in the named graphs (the default graph left out)."""
        return len(self._store) - self.union_size()

    def has_union(self) -> bool:
        """Whether the default graph holds the union of the named graphs: false only for a
        store written before it was kept (some named graph holds a triple, the default
        graph none)."""
        default = self._store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        if next(default, None) is not None:
            return True
        return next(iter(self._store), None) is None
