"""The embedded store: Oxigraph in a folder, nothing to start.

Each document's graph is replaced in one SPARQL update, which Oxigraph runs as one
transaction: a killed build leaves the old graph or the new one, never half of either.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError
from kg.store.formats import Serialization
from kg.vocab import PREFIXES, RDFS, SOURCE_DOCUMENT


class OxigraphStore:
    """A folder holding an Oxigraph database (in ``oxigraph/``)."""

    def __init__(self, folder: Path, *, read_only: bool = False) -> None:
        self.folder = folder
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
                database.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(database))
        except OSError as exc:
            raise StoreError(
                f"cannot open the store at {folder}: {exc}",
                hint="is another kg process (a build or a server) using it?",
            ) from exc

    @property
    def raw(self) -> ox.Store:
        """The pyoxigraph store, for the query and web layers."""
        return self._store

    def graph(self, iri: str) -> set[ox.Quad]:
        """The quads of one named graph."""
        return set(self._store.quads_for_pattern(None, None, None, ox.NamedNode(iri)))

    def replace_graph(self, iri: str, quads: Iterable[ox.Quad]) -> None:
        """Make named graph ``iri`` hold exactly ``quads``, atomically."""
        self.replace_graphs({iri: quads})

    def replace_graphs(self, graphs: dict[str, Iterable[ox.Quad]]) -> None:
        """Make each named graph hold exactly its quads, all in one transaction."""
        parts = []
        for iri, quads in sorted(graphs.items()):
            triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
            body = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode()
            parts.append(
                f"DROP SILENT GRAPH <{iri}> ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{body}}} }}"
            )
        try:
            self._store.update(" ;\n".join(parts))
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"could not write graphs {', '.join(sorted(graphs))}: {exc}") from exc

    def load_file(self, path: Path, *, graph: str | None = None) -> dict[str, int]:
        """Import an RDF file, atomically: N-Quads, TriG and JSON-LD keep their graphs
        (triples in their default graph go to ``graph``); a triple format goes into
        ``graph``, which such files need. Each graph the file fills is replaced. Returns
        the number of quads per graph."""
        fmt = Serialization.from_extension(path.suffix)
        if fmt is None:
            raise StoreError(
                f"{path}: unknown RDF format {path.suffix!r}",
                hint="use .nq, .trig, .jsonld, .ttl, .nt or .rdf",
            )
        if not fmt.keeps_graphs and graph is None:
            raise StoreError(
                f"{path}: a {fmt.value} file has no graphs of its own",
                hint="say which named graph it goes into with --graph IRI",
            )
        target = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        try:
            parsed = list(ox.parse(path=str(path), format=fmt.rdf_format))
        except (SyntaxError, OSError, ValueError) as exc:
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
        self.replace_graphs(dict(quads))
        return {name: len(group) for name, group in quads.items()}

    def remove_graph(self, iri: str) -> None:
        """Remove a named graph and everything in it, atomically."""
        self._store.update(f"DROP SILENT GRAPH <{iri}>")

    def document_graphs(self) -> dict[str, str]:
        """Every document graph: its IRI and its file name (``rdfs:label``)."""
        query = (
            "SELECT ?g ?name WHERE { GRAPH ?g { "
            f"?g a <{SOURCE_DOCUMENT}> ; <{RDFS.label}> ?name }} }}"
        )
        solutions = self._store.query(query)
        assert isinstance(solutions, ox.QuerySolutions)
        return {str(s["g"].value): str(s["name"].value) for s in solutions}

    def graphs(self) -> Iterator[str]:
        """The IRIs of all named graphs."""
        for graph in self._store.named_graphs():
            if isinstance(graph, ox.NamedNode):
                yield graph.value

    def __len__(self) -> int:
        return len(self._store)

    def export(self, fmt: Serialization, output: Path) -> int:
        """Write the whole store to ``output``; formats without graphs get the merged
        graph. Returns the number of quads or distinct triples written."""
        if fmt.keeps_graphs:
            quads = list(self._store)
            ox.serialize(quads, str(output), format=fmt.rdf_format, prefixes=dict(PREFIXES))
            return len(quads)
        triples = {ox.Triple(q.subject, q.predicate, q.object) for q in self._store}
        ordered = sorted(triples, key=str)
        ox.serialize(ordered, str(output), format=fmt.rdf_format, prefixes=dict(PREFIXES))
        return len(ordered)
