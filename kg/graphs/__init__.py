"""Relation graphs read from the store (who works on what, who meets whom), their
analysis with networkx, and their files: JSON, GraphML, GEXF, CSV, PNG and SVG."""

from __future__ import annotations

import networkx as nx

from kg.graphs.analysis import Summary, annotate, canonical, communities, projection, summarise
from kg.graphs.build import build_graph
from kg.graphs.export import edge_list, node_link, write
from kg.graphs.model import Filter, GraphFormat, GraphName, NodeType
from kg.graphs.queries import committees
from kg.store.protocol import QueryStore

__all__ = [
    "Filter",
    "GraphFormat",
    "GraphName",
    "NodeType",
    "Summary",
    "analysed",
    "annotate",
    "build_graph",
    "canonical",
    "committees",
    "communities",
    "edge_list",
    "node_link",
    "projection",
    "render",
    "summarise",
    "write",
]


def analysed(store: QueryStore, name: GraphName, flt: Filter | None = None) -> nx.Graph:
    """The graph ``name`` with each node's centralities and community (see `annotate`)."""
    return annotate(canonical(build_graph(store, name, flt)))


def render(store: QueryStore, name: GraphName, flt: Filter | None, fmt: GraphFormat) -> bytes:
    """The graph ``name``, analysed, as the bytes of a ``fmt`` file."""
    return write(analysed(store, name, flt), fmt)
