"""The statistics graph in the store: written by the build, read by the pages; and the
relation graphs' downloads kept beside the store with it (`kg.stats.downloads`)."""

from __future__ import annotations

import json
from concurrent.futures import Executor

import pyoxigraph as ox

from kg.graphs.model import GraphName
from kg.iri import STATISTICS, statistics_graph
from kg.stats.count import count
from kg.stats.downloads import Downloads, Writer
from kg.stats.model import DOWNLOADS, VOID, Statistics
from kg.store.base import GraphStore
from kg.store.protocol import QueryStore
from kg.vocab import RDF


def write(
    store: GraphStore, base_iri: str, downloads: Downloads, executor: Executor | None = None
) -> Statistics:
    """Count the store's statistics, write every relation graph's downloads into
    ``downloads`` from the same analysis, and replace the store's statistics graph with
    the statistics naming them, in one transaction; then remove the downloads no longer
    named. Returns what was written.

    Given a process pool (``executor``), its workers write the downloads while this
    process counts on (`kg.stats.downloads.Writer`): writing them is half the work."""
    writer = Writer(downloads, executor)
    found = count(store.raw, on_graph=writer.keep)
    digests = writer.digests()
    found = found.with_downloads(digests)
    graph = statistics_graph(base_iri)
    store.replace_graph(graph, found.quads(graph))
    downloads.prune(digests)
    return found


def refresh(store: GraphStore, downloads: Downloads) -> list[str]:
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
            write(store, base, downloads)
            rewritten.append(graph.value)
    return rewritten


def kept(store: QueryStore, base_iri: str, downloads: Downloads) -> bool:
    """Whether the store has a statistics graph whose downloads are all in ``downloads``
    (a build that changed nothing keeps it)."""
    graph = statistics_graph(base_iri)
    subset = ox.NamedNode(f"{graph}#{DOWNLOADS}")
    found = store.quads_for_pattern(subset, ox.NamedNode(RDF.value), None, ox.NamedNode(graph))
    named = next((q.object for q in found if isinstance(q.object, ox.Literal)), None)
    return named is not None and downloads.complete(json.loads(named.value), list(GraphName))


def read(store: QueryStore, base_iri: str) -> Statistics | None:
    """The statistics the store's statistics graph holds; None when it has none (a store
    built before the build counted them)."""
    graph = ox.NamedNode(statistics_graph(base_iri))
    return Statistics.from_quads(store.quads_for_pattern(None, None, None, graph))
