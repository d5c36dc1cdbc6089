"""The statistics graph in the store: written by the build, read by the pages."""

from __future__ import annotations

import pyoxigraph as ox

from kg.iri import statistics_graph
from kg.stats.count import count
from kg.stats.model import Statistics
from kg.store.base import GraphStore
from kg.store.protocol import QueryStore


def write(store: GraphStore, base_iri: str) -> Statistics:
    """Count the store's statistics and replace its statistics graph with them, in one
    transaction; returns what was written."""
    found = count(store.raw)
    graph = statistics_graph(base_iri)
    store.replace_graph(graph, found.quads(graph))
    return found


def kept(store: QueryStore, base_iri: str) -> bool:
    """Whether the store has a statistics graph (a build that changed nothing keeps it)."""
    graph = ox.NamedNode(statistics_graph(base_iri))
    return next(iter(store.quads_for_pattern(None, None, None, graph)), None) is not None


def read(store: QueryStore, base_iri: str) -> Statistics | None:
    """The statistics the store's statistics graph holds; None when it has none (a store
    built before the build counted them)."""
    graph = ox.NamedNode(statistics_graph(base_iri))
    return Statistics.from_quads(store.quads_for_pattern(None, None, None, graph))
