"""The part of pyoxigraph.Store's interface that readers of the graph use, so that the
same code reads the embedded store and a remote SPARQL store (`kg.store.remote`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

import pyoxigraph as ox

GraphName = ox.NamedNode | ox.BlankNode | ox.DefaultGraph
Bound = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


class QueryStore(Protocol):
    """What the web, graphs and publish code may call on a store: SPARQL queries, index
    patterns, the graph names and the size. ``pyoxigraph.Store`` is one."""

    def query(
        self,
        query: str,
        *,
        use_default_graph_as_union: bool = False,
        default_graph: GraphName | list[GraphName] | None = None,
        named_graphs: list[ox.NamedNode | ox.BlankNode] | None = None,
        substitutions: dict[ox.Variable, Bound] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples: ...

    def quads_for_pattern(
        self,
        subject: ox.NamedNode | ox.BlankNode | ox.Triple | None,
        predicate: ox.NamedNode | None,
        object: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None,
        graph_name: GraphName | None = None,
    ) -> Iterator[ox.Quad]: ...

    def named_graphs(self) -> Iterator[ox.NamedNode | ox.BlankNode]: ...

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[ox.Quad]: ...
