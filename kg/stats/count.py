"""Counting what the store holds, for the pages that summarise it: one scan of an index
pattern of the default graph (the union of the graphs, each triple once) per fact counted.

The SPARQL these figures replace (a ``GROUP BY`` with ``COUNT(DISTINCT)`` over the union of
every document graph) took 16 to 49 s per page on a store of 1,000 documents; reading
the same index patterns once and keeping distinct pairs takes a fraction of a second and
grows with the number of quads, not with their product.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

import networkx as nx
import pyoxigraph as ox

from kg.graphs import GraphName, analysed
from kg.graphs.queries import remembered
from kg.graphs.view import view
from kg.resources import data_folder
from kg.stats.model import CLASSES, DECISION, Listing, Row, Statistics
from kg.store import kept
from kg.store.protocol import QueryStore
from kg.store.queries import catalogue
from kg.vocab import (
    DCT,
    FOAF,
    MKG,
    ORG,
    PROV,
    RDF,
    RDFS,
    SKOS,
)

#: The concept scheme whose concepts the technology list shows.
TECHNOLOGIES = "https://w3id.org/minutes-kg/concepts/technologies"
#: Which language a label is shown in first.
_LANGUAGES = {"da": 0, "": 1, "en": 2}

Node = ox.NamedNode | ox.BlankNode
#: Every scan reads the default graph: each triple of the union once (`kg.store.union`),
#: half the quads of scanning every graph, and no document's restating.
DEFAULT = ox.DefaultGraph()


def _node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def subjects(store: QueryStore, predicate: str, obj: str | None = None) -> set[Node]:
    """The distinct subjects of ``predicate`` (with object ``obj`` when given)."""
    found = store.quads_for_pattern(
        None, _node(predicate), None if obj is None else _node(obj), DEFAULT
    )
    return {q.subject for q in found if not isinstance(q.subject, ox.Triple)}


def pairs(store: QueryStore, predicate: str) -> set[tuple[Node, Node]]:
    """The distinct (subject, object) pairs of ``predicate`` whose object is an IRI."""
    return {
        (q.subject, q.object)
        for q in store.quads_for_pattern(None, _node(predicate), None, DEFAULT)
        if isinstance(q.object, ox.NamedNode) and not isinstance(q.subject, ox.Triple)
    }


def literals(store: QueryStore, node: Node, predicate: str) -> set[ox.Literal]:
    """The distinct literal objects of ``node``'s ``predicate``."""
    return {
        q.object
        for q in store.quads_for_pattern(node, _node(predicate), None, DEFAULT)
        if isinstance(q.object, ox.Literal)
    }


def label(store: QueryStore, node: Node, predicate: str = RDFS.label) -> tuple[str, str]:
    """The label of ``node`` shown in lists, and its language ("" when untagged): Danish
    before untagged before English, then the first in code-point order; the IRI's last
    segment when it has none."""
    found = literals(store, node, predicate)
    if not found:
        text = str(node.value).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        return text, ""
    best = min(found, key=lambda lit: (_LANGUAGES.get(lit.language or "", 3), lit.value))
    return best.value, best.language or ""


def _first(values: Iterable[ox.Literal]) -> str:
    """The greatest lexical form (the latest date), "" when there is none."""
    return max((v.value for v in values), default="")


def count(
    store: QueryStore, *, on_graph: Callable[[GraphName, nx.Graph], object] | None = None
) -> Statistics:
    """The figures of the home page, the rows of every list page, the view of every
    relation graph (``graph:NAME``, `kg.graphs.view`) and the answer of every kept named
    query (``answer:NAME``, `kg.store.kept`), counted in the store; every count is of
    distinct resources over the union of the graphs. ``on_graph`` is given each relation
    graph, analysed, after its view is made (the build writes the downloads from it:
    each graph is analysed once)."""
    instances = {name: subjects(store, RDF.type, cls) for name, cls in CLASSES.items()}
    technologies = technology_items(store)
    decisions = subjects(store, DECISION)
    counts = {name: len(found) for name, found in instances.items()}
    counts["technologies"] = len(technologies)
    counts["decisions"] = len(decisions)
    meetings = instances["meetings"]
    views = {}
    with remembered():  # two graphs read the same attendance rows
        for name in GraphName:
            graph = analysed(store, name)
            views[f"graph:{name}"] = view(graph).to_json()
            if on_graph is not None:
                on_graph(name, graph)
    answers = {
        kept.identifier(query): kept.count(store, query)
        for query in catalogue(data_folder("sparql")).values()
        if query.kept
    }
    return Statistics(
        counts=counts,
        listings={
            "committees": committees(store, instances["committees"], meetings),
            "meetings": meeting_rows(store, meetings),
            "people": people(store, instances["people"], meetings),
            "projects": projects(store, instances["projects"]),
            "technologies": technology_rows(store, technologies),
        },
        extra=views | answers,
    )


def committees(store: QueryStore, found: set[Node], meetings: set[Node]) -> Listing:
    """Each committee with its meetings (those with a day) and the latest meeting's day;
    most meetings first."""
    held: dict[Node, set[Node]] = defaultdict(set)
    for meeting, committee in pairs(store, MKG.heldBy):
        if meeting in meetings:
            held[committee].add(meeting)
    rows = []
    for committee in found:
        days = {m: _first(literals(store, m, DCT.date)) for m in held.get(committee, ())}
        dated = [day for day in days.values() if day]
        text, lang = label(store, committee)
        rows.append(Row(committee.value, text, lang, (len(dated), max(dated, default=""))))
    rows.sort(key=lambda r: (-int(r.values[0]), r.label, r.iri))
    return Listing(("meetings", "latest"), tuple(rows))


def meeting_rows(store: QueryStore, meetings: set[Node]) -> Listing:
    """Each meeting with its start (its time, else its day) and place; newest first."""
    rows = []
    for meeting in meetings:
        start = _first(literals(store, meeting, PROV.startedAtTime)) or _first(
            literals(store, meeting, DCT.date)
        )
        place = min((p.value for p in literals(store, meeting, PROV.atLocation)), default="")
        text, lang = label(store, meeting)
        rows.append(Row(meeting.value, text, lang, (start, place)))
    rows.sort(key=lambda r: (str(r.values[0]), r.iri), reverse=True)
    return Listing(("start", "place"), tuple(rows))


def people(store: QueryStore, found: set[Node], meetings: set[Node]) -> Listing:
    """Each person with the meetings whose attendance list names them; by name."""
    attended: dict[Node, set[Node]] = defaultdict(set)
    for predicate in (MKG.present, MKG.absent):
        for meeting, person in pairs(store, predicate):
            attended[person].add(meeting)
    rows = []
    for person in found:
        text, lang = label(store, person, FOAF.name)
        rows.append(Row(person.value, text, lang, (len(attended.get(person, ())),)))
    rows.sort(key=lambda r: (r.label, r.iri))
    return Listing(("meetings",), tuple(rows))


def projects(store: QueryStore, found: set[Node]) -> Listing:
    """Each project with the members of the working groups that work on it; by name."""
    groups: dict[Node, set[Node]] = defaultdict(set)  # working group → projects
    for group, project in pairs(store, MKG.worksOn):
        groups[group].add(project)
    members: dict[Node, set[Node]] = defaultdict(set)
    for membership, group in pairs(store, ORG.organization):
        if group in groups:  # memberships of working groups only
            for person in _objects(store, membership, ORG.member):
                for project in groups[group]:
                    members[project].add(person)
    rows = []
    for project in found:
        text, lang = label(store, project)
        rows.append(Row(project.value, text, lang, (len(members.get(project, ())),)))
    rows.sort(key=lambda r: (r.label, r.iri))
    return Listing(("people",), tuple(rows))


def technology_items(store: QueryStore) -> dict[Node, set[Node]]:
    """Each technology (a concept of the technology scheme) that an item discusses, with
    the items that discuss it."""
    scheme = subjects(store, SKOS.inScheme, TECHNOLOGIES)
    items: dict[Node, set[Node]] = defaultdict(set)
    for item, concept in pairs(store, MKG.discusses):
        if concept in scheme:
            items[concept].add(item)
    return dict(items)


def technology_rows(store: QueryStore, technologies: dict[Node, set[Node]]) -> Listing:
    """Each technology with the items that discuss it; most items first."""
    rows = []
    for concept, items in technologies.items():
        text, lang = label(store, concept)
        rows.append(Row(concept.value, text, lang, (len(items),)))
    rows.sort(key=lambda r: (-int(r.values[0]), r.label, r.iri))
    return Listing(("items",), tuple(rows))


def _objects(store: QueryStore, node: Node, predicate: str) -> set[Node]:
    return {
        q.object
        for q in store.quads_for_pattern(node, _node(predicate), None, DEFAULT)
        if isinstance(q.object, ox.NamedNode | ox.BlankNode)
    }
