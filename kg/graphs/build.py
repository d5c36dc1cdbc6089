"""Relation graphs as networkx graphs, read from the store.

Node ids are the IRIs; every node has the attributes ``iri``, ``label`` and ``type`` (a
`NodeType`), and every attribute is a string or a number, so that each graph can be written
as GraphML and GEXF as it is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

import networkx as nx

from kg.graphs import queries
from kg.graphs.analysis import projection
from kg.graphs.model import Filter, GraphName, NodeType
from kg.store.protocol import QueryStore


def build_graph(store: QueryStore, name: GraphName, flt: Filter | None = None) -> nx.Graph:
    """The relation graph ``name`` of the store, for the part ``flt`` selects."""
    flt = flt or Filter()
    graph = _BUILDERS[name](store, flt)
    graph.graph.update(name=name.value, title=name.heading, filter=flt.describe())
    _label(store, graph)
    return graph


def _add_node(graph: nx.Graph, iri: str, kind: NodeType) -> None:
    if iri not in graph:
        graph.add_node(iri, iri=iri, label="", type=kind.value)


def _label(store: QueryStore, graph: nx.Graph) -> None:
    found = queries.labels(store, list(graph.nodes))
    for node, data in graph.nodes(data=True):
        data["label"] = found[node]


def _joined(values: Iterable[str]) -> str:
    return "; ".join(sorted(set(values)))


def who_works_on_what(store: QueryStore, flt: Filter) -> nx.Graph:
    """People and projects; an edge for each person in a working group on a project, with
    the group (``group``, ``group_iri``) and the committee the group belongs to."""
    rows = queries.working_groups(store, flt)
    groups = queries.labels(store, [r["group"] for r in rows])
    graph = nx.Graph()
    for row in sorted(rows, key=lambda r: (r["project"], r["person"], r["group"])):
        _add_node(graph, row["person"], NodeType.PERSON)
        _add_node(graph, row["project"], NodeType.PROJECT)
        person, project = row["person"], row["project"]
        if graph.has_edge(person, project):
            edge = graph.edges[person, project]
            edge["group"] = _joined([*edge["group"].split("; "), groups[row["group"]]])
            edge["group_iri"] = _joined([*edge["group_iri"].split("; "), row["group"]])
            edge["weight"] += 1
            continue
        graph.add_edge(
            person,
            project,
            relation="works on",
            group=groups[row["group"]],
            group_iri=row["group"],
            committee=row["committee"],
            weight=1,
        )
    return graph


def who_works_with_whom(store: QueryStore, flt: Filter) -> nx.Graph:
    """People linked when they work on a project together: networkx's weighted bipartite
    projection of who-works-on-what onto the people (weight = shared projects)."""
    works = who_works_on_what(store, flt)
    graph = projection(works, NodeType.PERSON)
    for _, _, data in graph.edges(data=True):
        data["relation"] = "works with"
    return graph


def committee_membership(store: QueryStore, flt: Filter) -> nx.Graph:
    """People and committees: an edge when the attendance list of a meeting the committee
    held names the person, with the meetings listed (``weight``) and attended."""
    listed: dict[tuple[str, str], set[str]] = defaultdict(set)
    present: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in queries.attendance(store, flt):
        key = (row["person"], row["committee"])
        listed[key].add(row["meeting"])
        if row["attendance"] == "present":
            present[key].add(row["meeting"])
    graph = nx.Graph()
    for person, committee in sorted(listed):
        _add_node(graph, person, NodeType.PERSON)
        _add_node(graph, committee, NodeType.COMMITTEE)
        graph.add_edge(
            person,
            committee,
            relation="member of",
            weight=len(listed[person, committee]),
            present=len(present[person, committee]),
        )
    return graph


def co_attendance(store: QueryStore, flt: Filter) -> nx.Graph:
    """People linked by the meetings they were present at together: the weighted bipartite
    projection of person-meeting attendance onto the people (weight = meetings)."""
    meetings = nx.Graph()
    for row in queries.attendance(store, flt):
        if row["attendance"] == "present":
            _add_node(meetings, row["person"], NodeType.PERSON)
            meetings.add_node(row["meeting"], type="meeting")
            meetings.add_edge(row["person"], row["meeting"])
    projected = projection(meetings, NodeType.PERSON)
    graph = nx.Graph()
    for person in sorted(projected.nodes):
        _add_node(graph, person, NodeType.PERSON)
    for a, b, data in sorted(projected.edges(data=True), key=lambda e: (e[0], e[1])):
        graph.add_edge(a, b, relation="met", weight=data["weight"])
    return graph


def people_organisations(store: QueryStore, flt: Filter) -> nx.Graph:
    """People and the organisations and units the minutes give them a title in; the edge
    names the role (several joined by "; ")."""
    graph = nx.Graph()
    rows = queries.roles(store, flt)
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        kind = NodeType.UNIT if row["kind"] == "unit" else NodeType.ORGANISATION
        _add_node(graph, row["person"], NodeType.PERSON)
        _add_node(graph, row["organisation"], kind)
        if "role" in row:
            roles[row["person"], row["organisation"]].add(row["role"])
    for row in sorted(rows, key=lambda r: (r["person"], r["organisation"])):
        key = (row["person"], row["organisation"])
        if not graph.has_edge(*key):
            graph.add_edge(*key, relation="has a role in", role=_joined(roles[key]))
    return graph


def items_technologies(store: QueryStore, flt: Filter) -> nx.Graph:
    """Agenda items to the technologies they discuss, and each technology to the committees
    whose items discuss it (weight = those items)."""
    rows = queries.technologies(store, flt)
    items: dict[tuple[str, str], set[str]] = defaultdict(set)
    graph = nx.Graph()
    for row in sorted(rows, key=lambda r: (r["item"], r["concept"])):
        _add_node(graph, row["item"], NodeType.ITEM)
        _add_node(graph, row["concept"], NodeType.TECHNOLOGY)
        graph.add_edge(row["item"], row["concept"], relation="discusses", weight=1)
        items[row["concept"], row["committee"]].add(row["item"])
    for (concept, committee), found in sorted(items.items()):
        _add_node(graph, committee, NodeType.COMMITTEE)
        graph.add_edge(concept, committee, relation="discussed by", weight=len(found))
    return graph


_BUILDERS: dict[GraphName, Callable[[QueryStore, Filter], nx.Graph]] = {
    GraphName.WHO_WORKS_ON_WHAT: who_works_on_what,
    GraphName.WHO_WORKS_WITH_WHOM: who_works_with_whom,
    GraphName.COMMITTEE_MEMBERSHIP: committee_membership,
    GraphName.CO_ATTENDANCE: co_attendance,
    GraphName.PEOPLE_ORGANISATIONS: people_organisations,
    GraphName.ITEMS_TECHNOLOGIES: items_technologies,
}
