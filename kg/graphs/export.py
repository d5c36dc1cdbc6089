"""A relation graph as a file: node-link JSON, GraphML, GEXF, CSV, or a drawing (PNG, SVG).

The CSV is an edge list, one row per edge: ``source``, ``source_label``, ``source_type``,
``target``, ``target_label``, ``target_type``, ``relation``, ``weight`` and the other edge
attributes; a node without edges is a row with empty target columns, so that the file
holds every node.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import networkx as nx

from kg.extras import require
from kg.graphs.analysis import SEED
from kg.graphs.model import GraphFormat, NodeType

#: The edge attributes the CSV always has; the others follow, by name.
_FIRST = ("relation", "weight")
_ENDS = ("source", "source_label", "source_type", "target", "target_label", "target_type")

#: A drawing labels at most this many nodes (those of highest degree), so that it stays legible.
MOST_LABELS = 150

#: One colour per node type, in drawings and on the web page alike.
COLOURS: dict[str, str] = {
    NodeType.PERSON: "#1f77b4",
    NodeType.PROJECT: "#ff7f0e",
    NodeType.COMMITTEE: "#2ca02c",
    NodeType.ORGANISATION: "#d62728",
    NodeType.UNIT: "#9467bd",
    NodeType.ITEM: "#8c564b",
    NodeType.TECHNOLOGY: "#e377c2",
}


def node_link(graph: nx.Graph) -> dict[str, Any]:
    """networkx's node-link data of ``graph`` (edges under ``"edges"``)."""
    data: dict[str, Any] = nx.node_link_data(graph, edges="edges")
    return data


def write(graph: nx.Graph, fmt: GraphFormat) -> bytes:
    """``graph`` as the bytes of a ``fmt`` file."""
    if fmt is GraphFormat.JSON:
        return json.dumps(node_link(graph), ensure_ascii=False, indent=1).encode("utf-8")
    if fmt is GraphFormat.GRAPHML:
        return "\n".join(nx.generate_graphml(graph)).encode("utf-8")
    if fmt is GraphFormat.GEXF:
        return "\n".join(nx.generate_gexf(graph)).encode("utf-8")
    if fmt is GraphFormat.CSV:
        return edge_list(graph).encode("utf-8")
    return draw(graph, fmt)


def edge_list(graph: nx.Graph) -> str:
    """The CSV edge list described in the module's docstring."""
    extra = sorted({k for _, _, d in graph.edges(data=True) for k in d} - set(_FIRST))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*_ENDS, *_FIRST, *extra])
    nodes = graph.nodes
    for a, b, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])):
        ends = [a, nodes[a]["label"], nodes[a]["type"], b, nodes[b]["label"], nodes[b]["type"]]
        writer.writerow([*ends, *(data.get(k, "") for k in (*_FIRST, *extra))])
    for node in sorted(nx.isolates(graph)):
        ends = [node, nodes[node]["label"], nodes[node]["type"], "", "", ""]
        writer.writerow([*ends, *("" for _ in (*_FIRST, *extra))])
    return buffer.getvalue()


def draw(graph: nx.Graph, fmt: GraphFormat) -> bytes:
    """A static drawing for reports: nodes coloured by type with a legend, sized by degree,
    the `MOST_LABELS` best-connected labelled in a font with the Danish letters; SVG text
    stays text (searchable). Needs the ``draw`` extra (matplotlib; scipy lays out large
    graphs)."""
    require("matplotlib", "scipy", extra="draw", purpose=f"a {fmt.value.upper()} drawing")
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.patches import Patch

    count = graph.number_of_nodes()
    side = min(30.0, max(8.0, count**0.5 * 2.2))
    with matplotlib.rc_context(
        {"svg.fonttype": "none", "font.family": "DejaVu Sans", "svg.hashsalt": "kg"}
    ):
        figure, axes = plt.subplots(figsize=(side, side * 0.75), dpi=100)
        try:
            positions = nx.spring_layout(graph, seed=SEED, k=2.0 / max(count, 1) ** 0.5)
            types = [d["type"] for _, d in graph.nodes(data=True)]
            nx.draw_networkx_edges(graph, positions, ax=axes, alpha=0.35, edge_color="#666666")
            nx.draw_networkx_nodes(
                graph,
                positions,
                ax=axes,
                node_color=[COLOURS.get(t, "#7f7f7f") for t in types],
                node_size=[120 + 40 * graph.degree(n) for n in graph.nodes],
                linewidths=0.5,
                edgecolors="white",
            )
            labels = {n: _short(graph.nodes[n]["label"]) for n in _labelled(graph)}
            below = {n: (x, y - 0.045) for n, (x, y) in positions.items()}
            nx.draw_networkx_labels(
                graph,
                below,
                labels=labels,
                ax=axes,
                font_size=9,
                verticalalignment="top",
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.75, "pad": 0.6},
            )
            axes.margins(0.08)
            present = sorted(set(types))
            axes.legend(
                handles=[Patch(color=COLOURS.get(t, "#7f7f7f"), label=t) for t in present],
                loc="upper left",
                fontsize=9,
                frameon=False,
            )
            title = graph.graph.get("title", "")
            scope = graph.graph.get("filter", "all")
            axes.set_title(title if scope == "all" else f"{title} ({scope})", fontsize=12)
            axes.set_axis_off()
            figure.tight_layout()
            buffer = io.BytesIO()
            figure.savefig(buffer, format=fmt.value, metadata=_metadata(fmt))
        finally:
            plt.close(figure)
    return buffer.getvalue()


def _labelled(graph: nx.Graph) -> list[str]:
    """The nodes a drawing labels: all, or the `MOST_LABELS` of highest degree."""
    ranked = sorted(graph.nodes, key=lambda n: (-graph.degree(n), n))
    return ranked[:MOST_LABELS]


def _metadata(fmt: GraphFormat) -> dict[str, Any]:
    """No creation date, so that the same graph gives the same file."""
    return {"Date": None} if fmt is GraphFormat.SVG else {}


def _short(label: str, width: int = 40) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"
