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

import pyoxigraph as ox

from kg.validate.shapes_model import PathKind, PathStep
from kg.validate.terms import canonical
from kg.vocab import RDF, RDFS

RDF_TYPE = f"<{RDF.type}>"
SUBCLASS_OF = f"<{RDFS.subClassOf}>"
_EMPTY: dict[str, list[str]] = {}


class DocumentGraph:
    """One graph: ``props[subject][predicate]`` lists the objects (N-Triples strings)."""

    __slots__ = ("_classes", "_inverse", "conformance", "props", "subclassed")

    def __init__(self, props: dict[str, dict[str, list[str]]], *, subclassed: bool) -> None:
        self.props = props
        #: Whether any rdfs:subClassOf triple is in the graph.
        self.subclassed = subclassed
        #: Whether a node conforms to a nested shape, by (shape key, node): kg.validate.checks.
        self.conformance: dict[tuple[str, str], bool] = {}
        self._inverse: dict[str, dict[str, list[str]]] = {}
        self._classes: dict[str, frozenset[str]] = {}

    def objects(self, subject: str, predicate: str) -> Sequence[str]:
        return self.props.get(subject, _EMPTY).get(predicate, ())

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
        types = self.props.get(node, _EMPTY).get(RDF_TYPE, ())
        if not self.subclassed:
            return cls in types
        return not self.subclasses(cls).isdisjoint(types)

    def instances(self, classes: Sequence[str]) -> list[str]:
        """The nodes that are instances of any of ``classes``, in a stable order."""
        wanted: set[str] = set()
        for cls in classes:
            wanted |= self.subclasses(cls)
        return sorted(
            subject
            for subject, predicates in self.props.items()
            if not wanted.isdisjoint(predicates.get(RDF_TYPE, ()))
        )

    def values(self, path: PathStep, node: str) -> Collection[str]:
        """The nodes ``path`` reaches from ``node`` (SPARQL property path semantics)."""
        kind = path.kind
        if kind is PathKind.PREDICATE:
            if path.inverse:
                return self.subjects(path.iri, node)
            return self.props.get(node, _EMPTY).get(path.iri, ())
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


def index_batch(graphs: Mapping[str, Collection[ox.Quad]]) -> dict[str, DocumentGraph]:
    """Each graph of the batch indexed, its typed literals in oxigraph's canonical form."""
    read = {key: _triples(quads) for key, quads in graphs.items()}
    forms = canonical({literal for _, typed in read.values() for literal in typed})
    indexed = {}
    for key, (props, typed) in read.items():
        changed = {literal: forms[literal] for literal in typed if forms[literal] != literal}
        if changed:
            for predicates in props.values():
                for values in predicates.values():
                    values[:] = [changed.get(v, v) for v in values]
        subclassed = any(SUBCLASS_OF in predicates for predicates in props.values())
        indexed[key] = DocumentGraph(props, subclassed=subclassed)
    return indexed


def _triples(quads: Collection[ox.Quad]) -> tuple[dict[str, dict[str, list[str]]], set[str]]:
    """The triples of ``quads`` by subject and predicate, and the typed literals among them."""
    first = next(iter(quads), None)
    if first is None:
        return {}, set()
    name = first.graph_name
    if isinstance(name, ox.NamedNode):  # as usual, all quads in one named graph?
        text = _serialize(quads)
        suffix = f" {name} .\n"
        if text.count(suffix) == text.count("\n"):
            read = _read(text.replace(suffix, " .\n"))
            if read is not None:
                return read
    read = _read(_serialize([ox.Quad(q.subject, q.predicate, q.object) for q in quads]))
    assert read is not None, "triples in the default graph read as such"
    return read


def _read(text: str) -> tuple[dict[str, dict[str, list[str]]], set[str]] | None:
    """N-Triples lines by subject and predicate, and the typed literals among them; None
    when a line has no object (a triple of the default graph whose object is the graph
    name the text was read for)."""
    props: dict[str, dict[str, list[str]]] = {}
    typed: set[str] = set()
    for line in text.split("\n"):
        if not line:
            continue
        subject, predicate, obj = line.split(" ", 2)
        obj = obj[:-2]  # " ."
        if not obj:
            return None
        if obj[0] == '"' and obj[-1] == ">":
            typed.add(obj)
        predicates = props.get(subject)
        if predicates is None:
            props[subject] = {predicate: [obj]}
            continue
        values = predicates.get(predicate)
        if values is None:
            predicates[predicate] = [obj]
        else:
            values.append(obj)
    return props, typed


def _serialize(quads: Collection[ox.Quad]) -> str:
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert data is not None, "serialize returns the bytes when given no output"
    return data.decode()
