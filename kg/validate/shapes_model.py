"""The shapes graph read into a typed model of SHACL Core, for the compiled engine.

Only the features the compiled engine implements are read; a shape that uses any other SHACL
term is refused with a ``ShapesError`` naming the shape and the term, so the engine never
validates less than pySHACL would. Property paths are read into `PathStep` trees with every
sh:inversePath pushed down to its predicates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

import rdflib
from rdflib.collection import Collection

from kg.errors import ShapesError

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
XSD = rdflib.XSD


class Component(StrEnum):
    """The SHACL Core constraint components the compiled engine implements."""

    MIN_COUNT = "minCount"
    MAX_COUNT = "maxCount"
    DATATYPE = "datatype"
    CLASS = "class"
    NODE_KIND = "nodeKind"
    PATTERN = "pattern"
    LANGUAGE_IN = "languageIn"
    MIN_INCLUSIVE = "minInclusive"
    MIN_LENGTH = "minLength"
    LESS_THAN = "lessThan"
    LESS_THAN_OR_EQUALS = "lessThanOrEquals"
    DISJOINT = "disjoint"
    IN = "in"
    HAS_VALUE = "hasValue"
    NODE = "node"
    OR = "or"
    XONE = "xone"


#: Terms of a shape that are not constraints: what it targets, how it reports, documentation.
_NON_CONSTRAINTS = frozenset(
    SH[name]
    for name in (
        "targetClass",
        "property",
        "path",
        "name",
        "description",
        "message",
        "severity",
        "deactivated",
        "order",
        "group",
        "flags",  # read with sh:pattern
    )
)
_COMPONENTS = {SH[c.value]: c for c in Component}

#: Datatypes whose lexical forms the compiled engine checks as rdflib (and so pySHACL) does.
DATATYPES = frozenset(
    {XSD.string, rdflib.RDF.langString, XSD.integer, XSD.boolean, XSD.dateTime, XSD.date}
)
NODE_KINDS = frozenset(
    SH[k]
    for k in ("IRI", "BlankNode", "Literal", "BlankNodeOrIRI", "BlankNodeOrLiteral", "IRIOrLiteral")
)


@dataclass(frozen=True)
class Constraint:
    """One constraint parameter of a shape: its component and its value(s)."""

    component: Component
    value: rdflib.term.Node
    flags: str = ""
    members: tuple[rdflib.term.Node, ...] = ()


class PathKind(StrEnum):
    """The SHACL property path forms."""

    PREDICATE = "predicate"
    SEQUENCE = "sequence"
    ALTERNATIVE = "alternative"
    ZERO_OR_MORE = "zeroOrMore"
    ONE_OR_MORE = "oneOrMore"
    ZERO_OR_ONE = "zeroOrOne"


@dataclass(frozen=True)
class PathStep:
    """A property path: a predicate (its IRI in N-Triples form, ``<...>``; followed from
    object to subject when ``inverse``), or a form over ``members``."""

    kind: PathKind
    iri: str = ""
    inverse: bool = False
    members: tuple[PathStep, ...] = ()


@dataclass(frozen=True)
class Shape:
    """A node shape (``path`` None) or a property shape, with the constraints it declares."""

    node: rdflib.term.Node
    path: PathStep | None
    path_node: rdflib.term.Node | None
    targets: tuple[rdflib.URIRef, ...]
    constraints: tuple[Constraint, ...]
    properties: tuple[rdflib.term.Node, ...]
    message: str | None
    severity: rdflib.term.Node
    deactivated: bool = False


@dataclass(frozen=True)
class ShapesModel:
    """Every shape of a shapes graph by its node; ``targeted`` are those with a target."""

    shapes: dict[rdflib.term.Node, Shape] = field(default_factory=dict)

    @property
    def targeted(self) -> list[Shape]:
        return [s for s in self.shapes.values() if s.targets and not s.deactivated]


def read_shapes(graph: rdflib.Graph) -> ShapesModel:
    """The shapes of ``graph`` as a model, or a ShapesError for any unsupported feature."""
    model = ShapesModel()
    for node in sorted(_shape_nodes(graph), key=str):
        model.shapes[node] = _shape(graph, node)
    missing = {
        ref
        for shape in model.shapes.values()
        for ref in _references(shape)
        if ref not in model.shapes
    }
    for node in missing:
        model.shapes[node] = _shape(graph, node)
    return model


def _shape_nodes(graph: rdflib.Graph) -> Iterator[rdflib.term.Node]:
    yield from graph.subjects(rdflib.RDF.type, SH.NodeShape)
    yield from graph.subjects(rdflib.RDF.type, SH.PropertyShape)
    yield from graph.subjects(SH.targetClass, None)
    yield from graph.objects(None, SH.property)
    yield from graph.objects(None, SH.node)
    for predicate in (SH["or"], SH.xone):
        for head in graph.objects(None, predicate):
            yield from Collection(graph, head)
    for predicate in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target):
        for subject in graph.subjects(predicate, None):
            raise _refuse(subject, predicate)
    for shape in graph.subjects(rdflib.RDF.type, rdflib.RDFS.Class):
        if (shape, rdflib.RDF.type, SH.NodeShape) in graph:
            raise ShapesError(f"shape {_name(shape)}: implicit class targets are not supported")


def _references(shape: Shape) -> Iterator[rdflib.term.Node]:
    yield from shape.properties
    for constraint in shape.constraints:
        if constraint.component is Component.NODE:
            yield constraint.value
        elif constraint.component in (Component.OR, Component.XONE):
            yield from constraint.members


def _shape(graph: rdflib.Graph, node: rdflib.term.Node) -> Shape:
    constraints = []
    for predicate, value in sorted(graph.predicate_objects(node), key=lambda po: str(po[0])):
        if not str(predicate).startswith(str(SH)) or predicate in _NON_CONSTRAINTS:
            continue
        component = _COMPONENTS.get(predicate)  # type: ignore[call-overload]
        if component is None:
            raise _refuse(node, predicate)
        constraints.append(_constraint(graph, node, component, value))
    path_node = graph.value(node, SH.path)
    if path_node is not None and (node, SH.property, None) in graph:
        raise ShapesError(f"shape {_name(node)}: sh:property on a property shape is not supported")
    messages = sorted(graph.objects(node, SH.message), key=str)
    deactivated = graph.value(node, SH.deactivated)
    return Shape(
        node=node,
        path=None if path_node is None else read_path(graph, path_node, node),
        path_node=path_node,
        targets=tuple(sorted(graph.objects(node, SH.targetClass), key=str)),  # type: ignore[arg-type]
        constraints=tuple(constraints),
        properties=tuple(sorted(graph.objects(node, SH.property), key=str)),
        message=str(messages[0]) if messages else None,
        severity=graph.value(node, SH.severity) or SH.Violation,
        deactivated=isinstance(deactivated, rdflib.Literal) and deactivated.toPython() is True,
    )


def _constraint(
    graph: rdflib.Graph, node: rdflib.term.Node, component: Component, value: rdflib.term.Node
) -> Constraint:
    if component is Component.DATATYPE and value not in DATATYPES:
        raise ShapesError(f"shape {_name(node)}: sh:datatype {value} is not supported")
    if component is Component.NODE_KIND and value not in NODE_KINDS:
        raise ShapesError(f"shape {_name(node)}: sh:nodeKind {value} is not a node kind")
    counts = (Component.MIN_COUNT, Component.MAX_COUNT, Component.MIN_LENGTH)
    if component in counts and not (
        isinstance(value, rdflib.Literal) and isinstance(value.toPython(), int)
    ):
        raise ShapesError(f"shape {_name(node)}: sh:{component} must be an integer")
    if component is Component.MIN_INCLUSIVE and not isinstance(value, rdflib.Literal):
        raise ShapesError(f"shape {_name(node)}: sh:minInclusive must be a literal")
    if component is Component.PATTERN:
        flags = graph.value(node, SH.flags)
        return Constraint(component, value, flags=str(flags) if flags is not None else "")
    if component in (Component.IN, Component.LANGUAGE_IN, Component.OR, Component.XONE):
        return Constraint(component, value, members=tuple(Collection(graph, value)))
    return Constraint(component, value)


def read_path(
    graph: rdflib.Graph, path: rdflib.term.Node, shape: rdflib.term.Node, *, inverse: bool = False
) -> PathStep:
    """A SHACL property path as a `PathStep` (``inverse``: the path read backwards)."""
    if isinstance(path, rdflib.URIRef):
        return PathStep(PathKind.PREDICATE, iri=f"<{path}>", inverse=inverse)
    if graph.value(path, rdflib.RDF.first) is not None:
        steps = [read_path(graph, p, shape, inverse=inverse) for p in Collection(graph, path)]
        return PathStep(PathKind.SEQUENCE, members=tuple(reversed(steps) if inverse else steps))
    inner = graph.value(path, SH.inversePath)
    if inner is not None:
        return read_path(graph, inner, shape, inverse=not inverse)
    unary = {
        SH.zeroOrMorePath: PathKind.ZERO_OR_MORE,
        SH.oneOrMorePath: PathKind.ONE_OR_MORE,
        SH.zeroOrOnePath: PathKind.ZERO_OR_ONE,
    }
    for predicate, kind in unary.items():
        inner = graph.value(path, predicate)
        if inner is not None:
            return PathStep(kind, members=(read_path(graph, inner, shape, inverse=inverse),))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        either = tuple(
            read_path(graph, p, shape, inverse=inverse) for p in Collection(graph, alternatives)
        )
        return PathStep(PathKind.ALTERNATIVE, members=either)
    raise ShapesError(f"shape {_name(shape)}: sh:path is not a SHACL property path")


def _refuse(shape: rdflib.term.Node, predicate: rdflib.term.Node) -> ShapesError:
    term = str(predicate).removeprefix(str(SH))
    return ShapesError(
        f"shape {_name(shape)}: sh:{term} is not supported by the compiled SHACL engine",
        hint="validate with kg.validate.validate_quads (pySHACL), or add it to "
        "kg/validate/shapes_model.py",
    )


def _name(node: rdflib.term.Node) -> str:
    text = str(node)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]
