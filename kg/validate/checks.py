"""SHACL Core constraints evaluated in Python over an indexed document graph.

`compile_plan` turns the shapes model into a `Plan`: for each targeted shape, the classes it
targets and a `Group` (the shape and its property shapes, each a `Rule` of constraint
tests). Running the plan on a `kg.validate.index.DocumentGraph` gives each violation as
(source shape, focus node, value node), terms as N-Triples strings.

The semantics are those of the SPARQL queries this engine replaced, which follow pySHACL
(inference none), the reference: sh:class and class targets follow rdfs:subClassOf in the
data graph; a literal is checked for well-formedness as rdflib parses it; sh:pattern is
Python's re (``$`` also matches before a final newline); literals compare as oxigraph stores
them (kg.validate.terms); the comparisons SPARQL orders differently from rdflib are decided
by kg.validate.ordering. A nested shape (sh:node, sh:or, sh:xone) is checked for conformance
at each value, and the results of the shape a value must conform to by sh:node are reported
at that value too, as pySHACL reports them (sh:detail).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias

import pyoxigraph as ox
import rdflib

from kg.errors import ShapesError
from kg.validate.index import DocumentGraph
from kg.validate.ordering import fails, plainly_ordered
from kg.validate.shapes_model import SH, XSD, Component, Constraint, PathKind, Shape, ShapesModel
from kg.validate.terms import (
    RDF_LANG_STRING,
    XSD_STRING,
    canonical,
    literal_parts,
    string_value,
    to_term,
)

#: Each violation: the shape it is a result of, the focus node and the value node (if any).
Found: TypeAlias = "set[tuple[Shape, str, str | None]]"
Values: TypeAlias = Sequence[str] | set[str]

_OK: tuple[()] = ()
_NO_VALUE: tuple[None] = (None,)
_EMPTY: dict[str, list[str]] = {}
#: Unicode White_Space, which ``\s`` matches in SPARQL's regex (Python's also matches \x1c-\x1f).
_WS = "[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
#: How rdflib tells a well-formed literal of each supported datatype (lexical forms).
_LEXICAL = {
    XSD.integer: re.compile(f"{_WS}*[+-]?[0-9]+{_WS}*"),
    XSD.boolean: re.compile("true|false|1|0", re.IGNORECASE),
    XSD.dateTime: re.compile(
        r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
        r"(Z|[+-][0-9]{2}:[0-9]{2})?"
    ),
    XSD.date: re.compile(r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?"),
}
_REGEX_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}
_NODE_KINDS = {
    SH.IRI: "<",
    SH.BlankNode: "_",
    SH.Literal: '"',
    SH.BlankNodeOrIRI: "_<",
    SH.BlankNodeOrLiteral: '_"',
    SH.IRIOrLiteral: '<"',
}


# -- tests of one value ---------------------------------------------------------------------


class ValueTest:
    """A constraint on each value by itself."""

    def fails(self, value: str) -> bool:
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class Datatype(ValueTest):
    """A literal of the datatype, well-formed as rdflib reads it (``lexical``; none for
    xsd:string and rdf:langString, whose forms are all well-formed)."""

    datatype: str
    lexical: re.Pattern[str] | None

    def fails(self, value: str) -> bool:
        if value[0] != '"':
            return True
        if self.datatype == XSD_STRING:
            return value[-1] != '"'
        if self.datatype == RDF_LANG_STRING:
            return value[-1] in '">'
        lexical, datatype, _ = literal_parts(value)
        return datatype != self.datatype or not (self.lexical and self.lexical.fullmatch(lexical))


@dataclass(frozen=True, slots=True)
class NodeKind(ValueTest):
    starts: str

    def fails(self, value: str) -> bool:
        return value[0] not in self.starts


@dataclass(frozen=True, slots=True)
class Pattern(ValueTest):
    regex: re.Pattern[str]

    def fails(self, value: str) -> bool:
        return value[0] == "_" or self.regex.search(string_value(value)) is None


@dataclass(frozen=True, slots=True)
class LanguageIn(ValueTest):
    languages: frozenset[str]

    def fails(self, value: str) -> bool:
        if value[0] != '"':
            return True
        language = literal_parts(value)[2].lower()
        before = language.split("-", 1)[0] if "-" in language else ""
        return language not in self.languages and before not in self.languages


@dataclass(frozen=True, slots=True)
class MinLength(ValueTest):
    length: int

    def fails(self, value: str) -> bool:
        return value[0] == "_" or len(string_value(value)) < self.length


@dataclass(frozen=True, slots=True)
class In(ValueTest):
    members: frozenset[str]

    def fails(self, value: str) -> bool:
        return value not in self.members


# -- tests of a focus node's values ---------------------------------------------------------


class Test:
    """A constraint at a focus node: the value nodes that violate it (None for a violation
    of the focus node itself, as a count)."""

    def failing(
        self, graph: DocumentGraph, focus: str, values: Values
    ) -> Sequence[str | None] | set[str]:
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class EachValue(Test):
    """The constraints on each value by itself: a value that fails any is a result."""

    tests: tuple[ValueTest, ...]

    def failing(self, graph: DocumentGraph, focus: str, values: Values) -> Sequence[str]:
        return [v for v in values if any(t.fails(v) for t in self.tests)]


@dataclass(frozen=True, slots=True)
class MinCount(Test):
    count: int

    def failing(self, graph: DocumentGraph, focus: str, values: Values) -> Sequence[None]:
        if len(values) >= self.count and (self.count <= 1 or len(set(values)) >= self.count):
            return _OK
        return _NO_VALUE


@dataclass(frozen=True, slots=True)
class MaxCount(Test):
    count: int

    def failing(self, graph: DocumentGraph, focus: str, values: Values) -> Sequence[None]:
        if len(values) > self.count and len(set(values)) > self.count:
            return _NO_VALUE
        return _OK


@dataclass(frozen=True, slots=True)
class HasValue(Test):
    term: str

    def failing(self, graph: DocumentGraph, focus: str, values: Values) -> Sequence[None]:
        return _OK if self.term in values else _NO_VALUE


@dataclass(frozen=True, slots=True)
class Class(Test):
    cls: str

    def failing(self, graph: DocumentGraph, focus: str, values: Values) -> Sequence[str]:
        return [v for v in values if not graph.is_instance(v, self.cls)]


@dataclass(frozen=True, slots=True)
class Disjoint(Test):
    predicate: str

    def failing(self, graph: DocumentGraph, focus: str, values: Values) -> Sequence[str]:
        others = graph.objects(focus, self.predicate)
        return [v for v in values if v in others] if others else _OK


@dataclass(frozen=True, slots=True)
class MinInclusive(Test):
    bound: str

    def failing(self, graph: DocumentGraph, focus: str, values: Values) -> Sequence[str]:
        return [
            v
            for v in values
            if not plainly_ordered(v, self.bound, ">=")
            and fails(Component.MIN_INCLUSIVE, to_term(v), to_term(self.bound))
        ]


@dataclass(frozen=True, slots=True)
class Comparison(Test):
    """sh:lessThan or sh:lessThanOrEquals: each value against each of the other property's."""

    component: Component
    predicate: str

    def failing(self, graph: DocumentGraph, focus: str, values: Values) -> Sequence[str]:
        others = graph.objects(focus, self.predicate)
        if not others:
            return _OK
        op = "<" if self.component is Component.LESS_THAN else "<="
        return [
            v
            for v in values
            if any(
                not plainly_ordered(v, w, op) and fails(self.component, to_term(v), to_term(w))
                for w in others
            )
        ]


@dataclass(frozen=True, slots=True)
class Conforms(Test):
    """sh:node (one group), sh:or and sh:xone: the values that conform to too few of the
    groups (for sh:xone: not to exactly one)."""

    groups: tuple[Group, ...]
    exactly_one: bool = False

    def failing(self, graph: DocumentGraph, focus: str, values: Values) -> Sequence[str]:
        if self.exactly_one:
            return [v for v in values if sum(g.conforms(graph, v) for g in self.groups) != 1]
        return [v for v in values if not any(g.conforms(graph, v) for g in self.groups)]


# -- shapes ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    """One shape's constraints; its values are reached by ``predicate`` (a plain IRI path),
    ``path``, or are the focus node itself (a node shape)."""

    shape: Shape
    predicate: str | None
    tests: tuple[Test, ...]
    #: The shapes each value must conform to by sh:node, whose results are reported too.
    nested: tuple[Group, ...]

    def values(self, graph: DocumentGraph, focus: str, predicates: dict[str, list[str]]) -> Values:
        if self.predicate is not None:
            return predicates.get(self.predicate, ())
        if self.shape.path is None:
            return (focus,)
        return graph.values(self.shape.path, focus)  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Group:
    """A shape and its property shapes: what a node is checked against."""

    key: str
    rules: tuple[Rule, ...]

    def report(self, graph: DocumentGraph, focus: str, found: Found) -> None:
        """Add the violations of the shape at ``focus`` to ``found``."""
        predicates = graph.props.get(focus, _EMPTY)
        for rule in self.rules:
            values = rule.values(graph, focus, predicates)
            for test in rule.tests:
                for value in test.failing(graph, focus, values):
                    found.add((rule.shape, focus, value))
            for group in rule.nested:
                for value in values:
                    group.report(graph, value, found)

    def conforms(self, graph: DocumentGraph, node: str) -> bool:
        """Whether ``node`` violates no constraint of the shape."""
        key = (self.key, node)
        known = graph.conformance.get(key)
        if known is None:
            predicates = graph.props.get(node, _EMPTY)
            known = graph.conformance[key] = not any(
                test.failing(graph, node, rule.values(graph, node, predicates))
                for rule in self.rules
                for test in rule.tests
            )
        return known


@dataclass(frozen=True)
class Plan:
    """The targeted shapes: the classes each targets and what its focus nodes must meet."""

    targets: tuple[tuple[tuple[str, ...], Group], ...]

    def run(self, graph: DocumentGraph) -> Found:
        """The violations of ``graph``."""
        found: Found = set()
        for classes, group in self.targets:
            for focus in graph.instances(classes):
                group.report(graph, focus, found)
        return found


def compile_plan(model: ShapesModel) -> Plan:
    """The plan of ``model``'s targeted shapes; a ShapesError for what it cannot check."""
    compiler = _Compiler(model)
    targets = tuple(
        (tuple(_iri(t) for t in shape.targets), compiler.group(shape, nested=False))
        for shape in model.targeted
    )
    return Plan(targets)


class _Compiler:
    def __init__(self, model: ShapesModel) -> None:
        self.model = model
        self.nesting: list[rdflib.term.Node] = []

    def group(self, shape: Shape, *, nested: bool) -> Group:
        if shape.node in self.nesting:
            raise ShapesError(f"shape {shape.node} refers to itself; recursion is not supported")
        if shape.deactivated:
            return Group(str(shape.node), ())
        self.nesting.append(shape.node)
        subs = [shape, *(self.model.shapes[p] for p in shape.properties)]
        rules = tuple(
            self.rule(sub, nested=nested) for sub in subs if sub is shape or not sub.deactivated
        )
        self.nesting.pop()
        return Group(str(shape.node), rules)

    def rule(self, shape: Shape, *, nested: bool) -> Rule:
        each: list[ValueTest] = []
        tests: list[Test] = []
        groups: list[Group] = []
        for constraint in shape.constraints:
            test = self.test(shape, constraint, nested=nested)
            if isinstance(test, ValueTest):
                each.append(test)
            else:
                tests.append(test)
                if constraint.component is Component.NODE:
                    assert isinstance(test, Conforms)
                    groups.extend(test.groups)
        if each:
            tests.insert(0, EachValue(tuple(each)))
        path = shape.path
        simple = path is not None and path.kind is PathKind.PREDICATE and not path.inverse
        return Rule(shape, path.iri if simple else None, tuple(tests), tuple(groups))  # type: ignore[union-attr]

    def test(self, shape: Shape, constraint: Constraint, *, nested: bool) -> Test | ValueTest:
        component, arg = constraint.component, constraint.value
        if component in (Component.MIN_COUNT, Component.MAX_COUNT) and shape.path is None:
            raise ShapesError(f"shape {shape.node}: sh:{component} needs a sh:path")
        match component:
            case Component.MIN_COUNT:
                return MinCount(int(str(arg)))
            case Component.MAX_COUNT:
                return MaxCount(int(str(arg)))
            case Component.HAS_VALUE:
                return HasValue(_constant(arg))
            case Component.DATATYPE:
                return Datatype(str(arg), _LEXICAL.get(arg))  # type: ignore[call-overload]
            case Component.NODE_KIND:
                return NodeKind(_NODE_KINDS[arg])  # type: ignore[index]
            case Component.PATTERN:
                return Pattern(_regex(str(arg), constraint.flags))
            case Component.LANGUAGE_IN:
                return LanguageIn(frozenset(str(m).lower() for m in constraint.members))
            case Component.MIN_LENGTH:
                return MinLength(int(str(arg)))
            case Component.IN:
                return In(frozenset(_constant(m) for m in constraint.members))
            case Component.CLASS:
                return Class(_constant(arg))
            case Component.DISJOINT:
                return Disjoint(_constant(arg))
            case Component.NODE | Component.OR | Component.XONE:
                members = (arg,) if component is Component.NODE else constraint.members
                groups = tuple(self.group(self.model.shapes[m], nested=True) for m in members)
                return Conforms(groups, exactly_one=component is Component.XONE)
        if nested:
            raise ShapesError(
                f"sh:{component} is supported in targeted shapes only, "
                f"not in shapes reached by sh:node, sh:or or sh:xone ({self.nesting[-1]})"
            )
        if component is Component.MIN_INCLUSIVE:
            return MinInclusive(_constant(arg))
        return Comparison(component, _constant(arg))


def _regex(pattern: str, flags: str) -> re.Pattern[str]:
    """sh:pattern with sh:flags (SPARQL's REGEX flags: i, m, s, x, and q for a literal text)."""
    flags = flags.lower()
    if "q" in flags:
        pattern = re.escape(pattern)
    bits = 0
    for flag, bit in _REGEX_FLAGS.items():
        if flag in flags:
            bits |= bit
    return re.compile(pattern, bits)


def _iri(node: rdflib.term.Node) -> str:
    if isinstance(node, rdflib.URIRef):
        return f"<{node}>"
    return _constant(node)


def _constant(node: rdflib.term.Node) -> str:
    """An IRI or literal of the shapes as the engine holds terms (kg.validate.terms)."""
    if isinstance(node, rdflib.URIRef):
        return f"<{node}>"
    if not isinstance(node, rdflib.Literal):
        raise ShapesError(
            f"a blank node ({node}) where the compiled engine needs an IRI or literal"
        )
    if node.language:
        term = str(ox.Literal(str(node), language=node.language))
    elif node.datatype is not None:
        term = str(ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype))))
    else:
        return str(ox.Literal(str(node)))
    return canonical([term])[term] if term[-1] == ">" else term
