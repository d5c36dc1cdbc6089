"""The document graphs of a batch, indexed for the compiled engine: each graph's triples by
subject and predicate, its terms as N-Triples strings (kg.validate.terms).

Each graph is read from one ``pyoxigraph.serialize`` of its quads (graph names dropped, so a
graph is the set of its triples, wherever its quads are), which is several times faster than
reading the quads' terms one by one in Python. rdfs:subClassOf in a graph widens its class
targets and sh:class, as in pySHACL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeAlias

import pyoxigraph as ox

from kg.validate.ordering import integer
from kg.validate.shapes_model import PathKind, PathStep
from kg.validate.terms import canonical
from kg.vocab import RDF, RDFS

RDF_TYPE = f"<{RDF.type}>"
SUBCLASS_OF = f"<{RDFS.subClassOf}>"
#: No triples (of a node that is no subject).
EMPTY: dict[str, Sequence[str]] = {}
#: The objects of each subject's predicates.
Props: TypeAlias = dict[str, dict[str, Sequence[str]]]


@dataclass(frozen=True)
class Written:
    """A graph already written as N-Quads (`kg.rdf.nquads.encode`): each line a quad of the
    named graph ``name``. Read as it is, without writing its quads again."""

    name: str
    nquads: str


class DocumentGraph:
    """One graph: ``props[subject][predicate]`` lists the objects (N-Triples strings)."""

    __slots__ = ("_classes", "_inverse", "_typed", "numbers", "props", "subclassed")

    def __init__(
        self, props: Props, *, subclassed: bool, numbers: Mapping[str, int] | None = None
    ) -> None:
        self.props = props
        #: Whether any rdfs:subClassOf triple is in the graph.
        self.subclassed = subclassed
        #: The number of each xsd:integer literal SPARQL compares as one
        #: (kg.validate.ordering.integer), at least those of this graph.
        self.numbers = numbers if numbers is not None else {}
        self._inverse: dict[str, dict[str, list[str]]] = {}
        self._classes: dict[str, frozenset[str]] = {}
        self._typed: dict[str, list[str]] | None = None

    def objects(self, subject: str, predicate: str) -> Sequence[str]:
        return self.props.get(subject, EMPTY).get(predicate, ())

    def subjects(self, predicate: str, obj: str) -> Sequence[str]:
        inverse = self._inverse.get(predicate)
        if inverse is None:
            inverse = self._inverse[predicate] = defaultdict(list)
            for subject, predicates in self.props.items():
                for o in predicates.get(predicate, ()):
                    inverse[o].append(subject)
        return inverse.get(obj, ())

    def subclasses(self, cls: str) -> frozenset[str]:
        """``cls`` and every class that is a subclass of it (rdfs:subClassOf*)."""
        if not self.subclassed:
            return frozenset((cls,))
        found = self._classes.get(cls)
        if found is None:
            seen = {cls}
            todo = [cls]
            while todo:
                for sub in self.subjects(SUBCLASS_OF, todo.pop()):
                    if sub not in seen:
                        seen.add(sub)
                        todo.append(sub)
            found = self._classes[cls] = frozenset(seen)
        return found

    def is_instance(self, node: str, cls: str) -> bool:
        """Whether ``node`` has an rdf:type that is ``cls`` or a subclass of it."""
        types = self.props.get(node, EMPTY).get(RDF_TYPE, ())
        if not self.subclassed:
            return cls in types
        return not self.subclasses(cls).isdisjoint(types)

    def instances(self, classes: Sequence[str]) -> Collection[str]:
        """The nodes that are instances of any of ``classes``."""
        typed = self._typed
        if typed is None:
            typed = self._typed = defaultdict(list)
            for subject, predicates in self.props.items():
                for cls in predicates.get(RDF_TYPE, ()):
                    typed[cls].append(subject)
        if len(classes) == 1 and not self.subclassed:
            return typed.get(classes[0], ())
        wanted = {sub for cls in classes for sub in self.subclasses(cls)}
        return {node for cls in wanted for node in typed.get(cls, ())}

    def values(self, path: PathStep, node: str) -> Collection[str]:
        """The nodes ``path`` reaches from ``node`` (SPARQL property path semantics)."""
        kind = path.kind
        if kind is PathKind.PREDICATE:
            if path.inverse:
                return self.subjects(path.iri, node)
            return self.props.get(node, EMPTY).get(path.iri, ())
        if kind is PathKind.SEQUENCE:
            frontier: Collection[str] = (node,)
            for step in path.members:
                frontier = {v for x in frontier for v in self.values(step, x)}
            return frontier
        if kind is PathKind.ALTERNATIVE:
            return {v for step in path.members for v in self.values(step, node)}
        (step,) = path.members
        if kind is PathKind.ZERO_OR_ONE:
            return {node, *self.values(step, node)}
        reached = set(self.values(step, node))
        todo = list(reached)
        while todo:
            for v in self.values(step, todo.pop()):
                if v not in reached:
                    reached.add(v)
                    todo.append(v)
        if kind is PathKind.ZERO_OR_MORE:
            reached.add(node)
        return reached


def index_batch(
    graphs: Mapping[str, Collection[ox.Quad] | Written],
) -> dict[str, DocumentGraph]:
    """Each graph of the batch indexed, its typed literals in oxigraph's canonical form."""
    # A value is a tuple, or a list when there are several: a tuple of strings is one
    # object less for the garbage collector to track (it untracks it), which makes the
    # difference in a process with a large heap.
    read = {key: _triples(quads) for key, quads in graphs.items()}
    forms = canonical({literal for _, typed in read.values() for literal in typed})
    numbers = {form: n for form in forms.values() if (n := integer(form)) is not None}
    indexed = {}
    for key, (props, typed) in read.items():
        changed = {literal: forms[literal] for literal in typed if forms[literal] != literal}
        if changed:
            for predicates in props.values():
                for predicate, values in predicates.items():
                    predicates[predicate] = [changed.get(v, v) for v in values]
        subclassed = any(SUBCLASS_OF in predicates for predicates in props.values())
        indexed[key] = DocumentGraph(props, subclassed=subclassed, numbers=numbers)
    return indexed


def _triples(graph: Collection[ox.Quad] | Written) -> tuple[Props, set[str]]:
    """The triples of ``graph`` by subject and predicate, and the typed literals among them."""
    if not isinstance(graph, Written):
        first = next(iter(graph), None)
        if first is None:
            return {}, set()
        if not isinstance(first.graph_name, ox.NamedNode):
            return _as_triples(graph)
        graph = Written(first.graph_name.value, _serialize(graph))  # as usual, one graph?
    suffix = f" <{graph.name}> ."
    if graph.nquads.count(suffix + "\n") == graph.nquads.count("\n"):
        read = _read(graph.nquads, len(suffix))
        if read is not None:
            return read
    return _as_triples(list(ox.parse(graph.nquads.encode(), format=ox.RdfFormat.N_QUADS)))


def _as_triples(quads: Collection[ox.Quad]) -> tuple[Props, set[str]]:
    """`_triples` of quads in several graphs, or in the default graph: their triples."""
    read = _read(_serialize([ox.Quad(q.subject, q.predicate, q.object) for q in quads]), 2)
    assert read is not None, "triples in the default graph read as such"
    return read


def _read(text: str, tail: int) -> tuple[Props, set[str]] | None:
    """N-Quads lines by subject and predicate (each line's last ``tail`` characters, its
    graph name and " .", dropped), and the typed literals among them; None when a line has
    no object left (a triple of the default graph whose object is the graph name that the
    other lines end with)."""
    props: Props = {}
    typed: set[str] = set()
    try:
        for line in text.split("\n"):
            if not line:
                continue
            subject, predicate, obj = line.split(" ", 2)
            obj = obj[:-tail]
            if obj[0] == '"' and obj[-1] == ">":
                typed.add(obj)
            predicates = props.get(subject)
            if predicates is None:
                props[subject] = {predicate: (obj,)}
                continue
            values = predicates.get(predicate)
            if values is None:
                predicates[predicate] = (obj,)
            elif values.__class__ is tuple:
                predicates[predicate] = [*values, obj]
            else:
                values.append(obj)  # type: ignore[attr-defined]
    except (ValueError, IndexError):
        return None
    return props, typed


def _serialize(quads: Collection[ox.Quad]) -> str:
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert data is not None, "serialize returns the bytes when given no output"
    return data.decode()
