"""Measures of a relation graph, all by networkx's own algorithms: degree and betweenness
centrality, communities (Louvain, fixed seed), bipartite projections and a summary."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx
from networkx.algorithms import bipartite, community

#: The seed of the community detection and layouts, so that a graph always comes out the same.
SEED = 42
#: Betweenness is exact up to this many nodes; larger graphs sample this many sources.
EXACT_BETWEENNESS = 500
#: The most node and edge visits an estimate of betweenness makes (each sampled source
#: visits every node and edge once): 500 sources over a graph of 1,356 nodes and 1,984
#: edges took 15 s; this bound takes about 2 s, whatever the graph's size.
BETWEENNESS_VISITS = 200_000


def canonical(graph: nx.Graph) -> nx.Graph:
    """``graph`` with its nodes and edges in sorted order. Louvain and the sampled
    betweenness visit nodes in the graph's order, which follows the order rows came in
    (and Python's per-process hashing of strings, where sets were walked): in this order
    the same data gives the same communities and figures in every process."""
    ordered = nx.Graph(**graph.graph)
    ordered.add_nodes_from(sorted(graph.nodes(data=True), key=lambda pair: pair[0]))
    edges = ((*sorted((u, v)), data) for u, v, data in graph.edges(data=True))
    ordered.add_edges_from(sorted(edges, key=lambda edge: (edge[0], edge[1])))
    return ordered


def annotate(graph: nx.Graph) -> nx.Graph:
    """``graph`` with each node's ``degree`` (the count), ``degree_centrality``,
    ``betweenness`` (normalised, unweighted) and ``community`` (an index, largest first)."""
    degree = nx.degree_centrality(graph)
    between = betweenness(graph)
    groups = communities(graph)
    for index, members in enumerate(groups):
        for node in members:
            graph.nodes[node]["community"] = index
    for node, data in graph.nodes(data=True):
        data["degree"] = graph.degree(node)
        data["degree_centrality"] = round(degree[node], 6)
        data["betweenness"] = round(between[node], 6)
    return graph


def betweenness(graph: nx.Graph) -> dict[str, float]:
    """Normalised betweenness centrality: exact up to `EXACT_BETWEENNESS` nodes, estimated
    above from sampled sources (fixed seed), as many as `BETWEENNESS_VISITS` allows (at
    least 10, at most `EXACT_BETWEENNESS`), so that big graphs stay quick."""
    n = graph.number_of_nodes()
    size = n + graph.number_of_edges()
    budget = max(10, min(EXACT_BETWEENNESS, BETWEENNESS_VISITS // max(1, size)))
    sample = budget if n > EXACT_BETWEENNESS else None
    found: dict[str, float] = nx.betweenness_centrality(graph, k=sample, seed=SEED)
    return found


def communities(graph: nx.Graph) -> list[set[str]]:
    """Louvain communities of ``graph`` (by edge ``weight``), largest first, ties by their
    smallest node."""
    if graph.number_of_nodes() == 0:
        return []
    found = community.louvain_communities(graph, weight="weight", seed=SEED)
    return sorted(found, key=lambda members: (-len(members), min(members)))


def projection(graph: nx.Graph, node_type: str) -> nx.Graph:
    """The weighted bipartite projection onto the nodes of ``node_type``: two are linked
    when they share a neighbour, the weight counts the neighbours they share."""
    nodes = [n for n, t in graph.nodes(data="type") if t == node_type]
    if len(nodes) == graph.number_of_nodes():  # nothing to project through
        alone = nx.Graph()
        alone.graph.update(graph.graph)  # (given to nx.Graph, a dict is read as edges)
        alone.add_nodes_from(graph.nodes(data=True))
        return alone
    projected: nx.Graph = bipartite.weighted_projected_graph(graph, nodes)
    return projected


@dataclass(frozen=True)
class Ranked:
    iri: str
    label: str
    value: float


@dataclass(frozen=True)
class Summary:
    """What a graph holds, in figures."""

    nodes: int
    edges: int
    types: dict[str, int]
    density: float
    components: int
    communities: int
    top_degree: tuple[Ranked, ...]
    top_betweenness: tuple[Ranked, ...]

    def lines(self) -> list[str]:
        """The summary as lines of text."""
        types = ", ".join(f"{n} {t}" for t, n in sorted(self.types.items()))
        out = [
            f"nodes: {self.nodes} ({types or 'none'})",
            f"edges: {self.edges}",
            f"density: {self.density:.4f}",
            f"components: {self.components}",
            f"communities: {self.communities}",
        ]
        for name, ranked in (("degree", self.top_degree), ("betweenness", self.top_betweenness)):
            shown = "; ".join(f"{r.label} {r.value:.3f}" for r in ranked)
            out.append(f"top by {name} centrality: {shown or 'none'}")
        return out


def summarise(graph: nx.Graph, top: int = 5) -> Summary:
    """Counts of nodes per type, edges, density, connected components, communities and the
    most central nodes (the graph is annotated first when it is not yet)."""
    if any("betweenness" not in data for _, data in graph.nodes(data=True)):
        annotate(graph)
    nodes = graph.nodes
    return Summary(
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        types=dict(sorted(Counter(t for _, t in nodes(data="type")).items())),
        density=nx.density(graph) if graph.number_of_nodes() > 1 else 0.0,
        components=nx.number_connected_components(graph) if graph.number_of_nodes() else 0,
        communities=len({c for _, c in nodes(data="community")}),
        top_degree=_ranked(graph, dict(nodes(data="degree_centrality")), top),
        top_betweenness=_ranked(graph, dict(nodes(data="betweenness")), top),
    )


def _ranked(graph: nx.Graph, values: dict[str, float], top: int) -> tuple[Ranked, ...]:
    best = sorted(values.items(), key=lambda pair: (-pair[1], pair[0]))[:top]
    return tuple(Ranked(n, graph.nodes[n].get("label", n), round(v, 6)) for n, v in best)
