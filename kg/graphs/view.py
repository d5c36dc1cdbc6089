"""What a page shows of a relation graph: its summary and a drawing of at most `NODES`
nodes and `EDGES` edges (the most connected), kept as JSON so that it can be made once,
by the build, and read by every visit."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

import networkx as nx

from kg.graphs.analysis import Ranked, Summary, summarise
from kg.graphs.export import node_link

#: The most nodes a drawing holds: a browser lays out a few hundred in a moment.
NODES = 300
#: The most edges a drawing holds.
EDGES = 2_000


@dataclass(frozen=True)
class GraphView:
    """A graph's summary (of the whole graph) and the node-link data of what is drawn;
    ``capped`` when the drawing leaves nodes or edges out."""

    summary: Summary
    drawing: dict[str, Any]

    @property
    def capped(self) -> bool:
        drawn = self.drawing
        return len(drawn["nodes"]) < self.summary.nodes or len(drawn["edges"]) < self.summary.edges

    def to_json(self) -> str:
        return json.dumps(
            {"summary": asdict(self.summary), "drawing": self.drawing},
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> GraphView:
        data = json.loads(text)
        s = data["summary"]
        summary = Summary(
            **{k: v for k, v in s.items() if not k.startswith("top_")},
            top_degree=tuple(Ranked(**r) for r in s["top_degree"]),
            top_betweenness=tuple(Ranked(**r) for r in s["top_betweenness"]),
        )
        return cls(summary, data["drawing"])


def view(graph: nx.Graph, *, nodes: int = NODES, edges: int = EDGES) -> GraphView:
    """The summary of ``graph`` (annotated if it is not yet) and its drawing: the
    ``nodes`` most connected nodes (ties by IRI) and, of the edges between them, the
    ``edges`` heaviest."""
    summary = summarise(graph)
    kept = sorted(graph.nodes, key=lambda n: (-graph.degree(n), n))[:nodes]
    part = graph.subgraph(kept)
    heaviest = sorted(
        part.edges(data=True), key=lambda e: (-float(e[2].get("weight", 1)), *sorted(e[:2]))
    )[:edges]
    drawn = nx.Graph()
    drawn.graph.update(graph.graph)  # (nx.Graph(a dict) would read it as adjacency)
    # in the order kept, not the subgraph's (which walks a set: its order would change
    # with Python's hashing from one process to the next)
    drawn.add_nodes_from((node, graph.nodes[node]) for node in kept)
    drawn.add_edges_from(heaviest)
    return GraphView(summary, node_link(drawn))
