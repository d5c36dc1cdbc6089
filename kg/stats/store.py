"""The statistics graph in the store: written by the build, read by the pages."""

from __future__ import annotations

import pyoxigraph as ox

from kg.iri import STATISTICS, statistics_graph
from kg.stats.count import count
from kg.stats.model import VOID, Statistics
from kg.store.base import GraphStore
from kg.store.protocol import QueryStore


def write(store: GraphStore, base_iri: str) -> Statistics:
    """Count the store's statistics and replace its statistics graph with them, in one
    transaction; returns what was written."""
    found = count(store.raw)
    graph = statistics_graph(base_iri)
    store.replace_graph(graph, found.quads(graph))
    return found


def refresh(store: GraphStore) -> list[str]:
    """Count again each statistics graph ``store`` holds (`write`), after a change that is
    not a build's, such as `kg load`; the graphs rewritten. A store no build has counted
    holds none, and gets none: its pages count for themselves."""
    found = store.raw.query(
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g a <{VOID}Dataset> }} }}",
        use_default_graph_as_union=False,
    )
    assert isinstance(found, ox.QuerySolutions)
    rewritten = []
    for row in found:
        graph = row["g"]
        if not isinstance(graph, ox.NamedNode) or not graph.value.endswith(STATISTICS):
            continue
        base = graph.value.removesuffix(STATISTICS)
        if statistics_graph(base) == graph.value:
            write(store, base)
            rewritten.append(graph.value)
    return rewritten


def kept(store: QueryStore, base_iri: str) -> bool:
    """Whether the store has a statistics graph (a build that changed nothing keeps it)."""
    graph = ox.NamedNode(statistics_graph(base_iri))
    return next(iter(store.quads_for_pattern(None, None, None, graph)), None) is not None


def read(store: QueryStore, base_iri: str) -> Statistics | None:
    """The statistics the store's statistics graph holds; None when it has none (a store
    built before the build counted them)."""
    graph = ox.NamedNode(statistics_graph(base_iri))
    return Statistics.from_quads(store.quads_for_pattern(None, None, None, graph))
