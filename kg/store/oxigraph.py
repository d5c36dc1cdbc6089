"""The embedded store: Oxigraph in a folder, nothing to start.

Graphs are written in transactions: graphs the store does not hold yet are added with one
`Store.extend` of quads, or one `Store.load` of N-Quads bytes (`load_nquads`, what a build
uses), graphs it holds are replaced by one SPARQL update (DROP and INSERT together). A
killed build leaves the old graph or the new one, never half of either.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.errors import StoreError
from kg.store import lease
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
            else:
                self._lease = lease.writing(folder)  # refused while a server serves it
                database.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(database))
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
                    f"DROP SILENT GRAPH <{iri}> ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{body}}} }}"
                )
            else:
                fresh.extend(ox.Quad(q.subject, q.predicate, q.object, name) for q in quads)
        try:
            if parts:
                self._store.update(" ;\n".join(parts))
            if fresh:
                self._store.extend(fresh)
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"could not write graphs {', '.join(sorted(graphs))}: {exc}") from exc

    def load_nquads(self, data: bytes | BinaryIO, graphs: Collection[str]) -> None:
        """Graphs the store holds none of yet in one transaction (`Store.load`, several
        times faster than adding the same quads as Python objects); else as
        `replace_graphs` does."""
        if any(self._store.contains_named_graph(ox.NamedNode(iri)) for iri in graphs):
            super().load_nquads(data, graphs)
            return
        try:
            self._store.load(data, format=ox.RdfFormat.N_QUADS, lenient=True)
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"could not write graphs {', '.join(sorted(graphs))}: {exc}") from exc

    def remove_graph(self, iri: str) -> None:
        """Remove a named graph and everything in it, atomically."""
        self._store.update(f"DROP SILENT GRAPH <{iri}>")
