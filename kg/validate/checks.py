"""SHACL Core constraints as generated Python, run over an indexed document graph.

`compile_plan` writes the shapes model as Python source: for each shape a ``report_N``
function, which adds the shape's violations at a focus node to a set, and a ``conforms_N``
function (for sh:node, sh:or and sh:xone), which says whether a node meets every constraint
of the shape; and ``run``, which calls each targeted shape's ``report_N`` at its focus
nodes. Each violation is (source shape, focus node, value node or None), terms as N-Triples
strings (kg.validate.terms). Generated code checks a constraint in a line or two, with no
call per constraint: several times faster than interpreting the model.

The semantics are those of the SPARQL queries this engine replaced, which follow pySHACL
(inference none), the reference: sh:class and class targets follow rdfs:subClassOf in the
data graph; a literal is checked for well-formedness as rdflib parses it; sh:pattern is
Python's re (``$`` also matches before a final newline); literals compare as oxigraph stores
them (kg.validate.terms); the comparisons SPARQL orders differently from rdflib are decided
by kg.validate.ordering. A value is checked against a nested shape (sh:node, sh:or,
sh:xone) for conformance, and the results of the shape it must conform to by sh:node are
reported at it too, as pySHACL reports them (sh:detail).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

import pyoxigraph as ox
import rdflib

from kg.errors import ShapesError
from kg.validate.index import EMPTY, RDF_TYPE
from kg.validate.ordering import fails, integer, plainly_ordered
from kg.validate.shapes_model import SH, XSD, Component, Constraint, PathKind, Shape, ShapesModel
from kg.validate.terms import canonical, literal_parts, string_value, to_term

if TYPE_CHECKING:
    from kg.validate.index import DocumentGraph

#: Each violation: the shape it is a result of, the focus node and the value node (if any).
Found: TypeAlias = "set[tuple[Shape, str, str | None]]"

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
#: The first character of the N-Triples terms of each node kind.
_NODE_KINDS = {
    SH.IRI: "<",
    SH.BlankNode: "_",
    SH.Literal: '"',
    SH.BlankNodeOrIRI: "_<",
    SH.BlankNodeOrLiteral: '_"',
    SH.IRIOrLiteral: '<"',
}
_OPERATORS = {Component.LESS_THAN: "<", Component.LESS_THAN_OR_EQUALS: "<="}


def datatype_fails(value: str, tail: str, lexical: re.Pattern[str]) -> bool:
    """Whether ``value`` is not a well-formed literal whose N-Triples form ends in ``tail``
    (``"^^<datatype>``)."""
    if value[0] != '"' or not value.endswith(tail):
        return True
    if lexical.fullmatch(value, 1, len(value) - len(tail)) is not None:
        return False
    return "\\" not in value or lexical.fullmatch(literal_parts(value)[0]) is None


def language_fails(value: str, languages: frozenset[str]) -> bool:
    """Whether ``value`` is not a literal whose language tag, or the tag's part before a
    "-", is one of ``languages`` (lower case)."""
    if value[0] != '"':
        return True
    language = literal_parts(value)[2].lower()
    before = language.split("-", 1)[0] if "-" in language else ""
    return language not in languages and before not in languages


def compares_failing(component: Component, value: str, other: str) -> bool:
    """Whether ``value`` violates sh:lessThan, sh:lessThanOrEquals or sh:minInclusive
    against ``other``: not plainly in order, and out of order for pySHACL."""
    op = _OPERATORS.get(component, ">=")
    return not plainly_ordered(value, other, op) and fails(
        component, to_term(value), to_term(other)
    )


def any_failing(
    component: Component, value: str, others: Sequence[str], numbers: Mapping[str, int]
) -> bool:
    """Whether ``value`` violates sh:lessThan or sh:lessThanOrEquals against any of
    ``others`` (two integers, found in ``numbers``, are compared here: the common case)."""
    n = numbers.get(value)
    or_equal = component is Component.LESS_THAN_OR_EQUALS
    for other in others:
        m = numbers.get(other) if n is not None else None
        if n is not None and m is not None and (n < m or (or_equal and n == m)):
            continue
        if compares_failing(component, value, other):
            return True
    return False


#: What the generated code calls, besides its constants.
_HELPERS: dict[str, Any] = {
    "EMPTY": EMPTY,
    "TYPE": RDF_TYPE,
    "datatype_fails": datatype_fails,
    "language_fails": language_fails,
    "compares_failing": compares_failing,
    "any_failing": any_failing,
    "string_value": string_value,
    **{f"C_{c.name}": c for c in Component},
}


class Plan:
    """The targeted shapes as compiled Python; pickled as its source, and compiled again
    where it is unpickled (a build's worker processes)."""

    __slots__ = ("_run", "constants", "source")

    def __init__(self, source: str, constants: tuple[object, ...]) -> None:
        self.source = source
        self.constants = constants
        namespace = {**_HELPERS, **{f"K{n}": c for n, c in enumerate(constants)}}
        exec(compile(source, "<compiled SHACL shapes>", "exec"), namespace)
        self._run: Callable[[DocumentGraph, Found], None] = namespace["run"]

    def __reduce__(self) -> tuple[type[Plan], tuple[str, tuple[object, ...]]]:
        return (Plan, (self.source, self.constants))

    def run(self, graph: DocumentGraph) -> Found:
        """The violations of ``graph``."""
        found: Found = set()
        self._run(graph, found)
        return found


def compile_plan(model: ShapesModel) -> Plan:
    """The plan of ``model``'s targeted shapes; a ShapesError for what it cannot check."""
    writer = _Writer(model)
    run = ["def run(graph, found):", "    pass"]
    for shape in model.targeted:
        classes = tuple(_constant(t) for t in shape.targets)
        number = writer.group(shape, nested=False)
        run.append(f"    for focus in graph.instances({classes!r}):")
        run.append(f"        report_{number}(graph, focus, found)")
    source = "\n\n".join([*writer.functions, "\n".join(run)]) + "\n"
    return Plan(source, tuple(writer.constants))


class _Writer:
    """Writes the functions of each shape a targeted shape reaches."""

    def __init__(self, model: ShapesModel) -> None:
        self.model = model
        self.functions: list[str] = []
        self.constants: list[object] = []
        self.numbers: dict[tuple[rdflib.term.Node, bool], int] = {}
        self.nesting: list[rdflib.term.Node] = []
        self.locals = 0
        #: The conformance of each nested shape as an expression of ``v`` and ``pv`` (its
        #: triples), for shapes that simple (`_inline`); else None (``conforms_N`` is called).
        self.inline: dict[int, str | None] = {}

    def constant(self, value: object) -> str:
        self.constants.append(value)
        return f"K{len(self.constants) - 1}"

    def group(self, shape: Shape, *, nested: bool) -> int:
        """The number of the ``report_N`` and ``conforms_N`` functions of ``shape`` and its
        property shapes (``nested``: reached by sh:node, sh:or or sh:xone)."""
        key = (shape.node, nested)
        if key in self.numbers:
            return self.numbers[key]
        if shape.node in self.nesting:
            raise ShapesError(f"shape {shape.node} refers to itself; recursion is not supported")
        self.nesting.append(shape.node)
        subs = [] if shape.deactivated else [shape, *map(self.model.shapes.get, shape.properties)]
        report, conforms = [], []
        for sub in subs:
            assert sub is not None, "read_shapes reads every shape a shape refers to"
            if sub is shape or not sub.deactivated:
                report += self.rule(sub, nested=nested, report=True)
                if nested:
                    conforms += self.rule(sub, nested=nested, report=False)
        self.nesting.pop()
        number = self.numbers[key] = len(self.numbers)
        self.inline[number] = _inline(self.model, shape)
        head = [
            "    props = graph.props",
            "    numbers = graph.numbers",
            "    preds = props.get(focus, EMPTY)",
        ]
        define = f"def report_{number}(graph, focus, found):  # {str(shape.node)!r}"
        self.functions.append("\n".join([define, *head, *report]))
        if nested:
            lines = [f"def conforms_{number}(graph, focus):", *head, *conforms, "    return True"]
            self.functions.append("\n".join(lines))
        return number

    def rule(self, shape: Shape, *, nested: bool, report: bool) -> list[str]:
        """The lines that check ``shape``'s own constraints at ``focus``: those on the
        values as a whole (counts, sh:hasValue), then one loop over the values for the
        others, all of whose results are the value."""
        path = shape.path
        if path is None:
            values = "(focus,)"
        elif path.kind is PathKind.PREDICATE and not path.inverse:
            values = f"preds.get({path.iri!r}, ())"
        else:
            values = f"graph.values({self.constant(path)}, focus)"
        name = self.constant(shape) if report else ""

        def act(value: str) -> str:
            return f"found.add(({name}, focus, {value}))" if report else "return False"

        lines = [f"    values = {values}  # {str(shape.node)!r}"]
        conditions: list[str] = []
        after: list[str] = []
        uses_pv = False
        constraints = list(shape.constraints)
        folded = _integer_range(constraints)
        if folded is not None and not nested:
            datatype, minimum = folded
            constraints.remove(datatype)
            constraints.remove(minimum)
            number = integer(_constant(minimum.value))
            either = f"{self.condition(datatype, lines, nested=nested)} or " + self.condition(
                minimum, lines, nested=nested, guarded=False
            )
            conditions.append(f"((n := numbers.get(v)) is None or n < {number}) and ({either})")
        for constraint in constraints:
            if constraint.component in (Component.MIN_COUNT, Component.MAX_COUNT):
                if shape.path is None:
                    raise ShapesError(
                        f"shape {shape.node}: sh:{constraint.component} needs a sh:path"
                    )
                lines += self.count(constraint, act)
            elif constraint.component is Component.HAS_VALUE:
                lines += [
                    f"    if {_constant(constraint.value)!r} not in values:",
                    f"        {act('None')}",
                ]
            elif constraint.component in (Component.NODE, Component.OR, Component.XONE):
                condition, inlined = self.nested(constraint, after, report=report)
                conditions.append(condition)
                uses_pv = uses_pv or inlined
            else:
                conditions.append(self.condition(constraint, lines, nested=nested))
        if conditions:
            failing = " or ".join(f"({c})" for c in conditions)
            lines.append("    for v in values:")
            if uses_pv:
                lines.append("        pv = props.get(v, EMPTY)")
            lines += [f"        if {failing}:", f"            {act('v')}"]
        return lines + after

    def count(self, constraint: Constraint, act: Callable[[str], str]) -> list[str]:
        count = int(str(constraint.value))
        if constraint.component is Component.MAX_COUNT:
            test = f"len(values) > {count} and len(set(values)) > {count}"
        elif count == 0:
            return []
        elif count == 1:
            test = "not values"
        else:
            test = f"len(set(values)) < {count}"
        return [f"    if {test}:", f"        {act('None')}"]

    def condition(
        self, constraint: Constraint, lines: list[str], *, nested: bool, guarded: bool = True
    ) -> str:
        """An expression true when the value ``v`` fails ``constraint`` (``lines`` gets what
        it needs computed once per focus node)."""
        component, arg = constraint.component, constraint.value
        match component:
            case Component.DATATYPE if arg == XSD.string:
                return "v[0] != '\"' or v[-1] != '\"'"
            case Component.DATATYPE if arg == rdflib.RDF.langString:
                return "v[0] != '\"' or v[-1] in '\">'"
            case Component.DATATYPE:
                lexical = self.constant(_LEXICAL[arg])  # type: ignore[index]
                tail = f'"^^<{arg}>'
                return f"datatype_fails(v, {tail!r}, {lexical})"
            case Component.NODE_KIND:
                return f"v[0] not in {_NODE_KINDS[arg]!r}"  # type: ignore[index]
            case Component.PATTERN:
                regex = self.constant(_regex(str(arg), constraint.flags))
                return f"v[0] == '_' or {regex}.search(string_value(v)) is None"
            case Component.LANGUAGE_IN:
                languages = frozenset(str(m).lower() for m in constraint.members)
                return f"language_fails(v, {self.constant(languages)})"
            case Component.MIN_LENGTH:
                return f"v[0] == '_' or len(string_value(v)) < {int(str(arg))}"
            case Component.IN:
                members = frozenset(_constant(m) for m in constraint.members)
                return f"v not in {self.constant(members)}"
            case Component.CLASS:
                cls = _constant(arg)
                typed = f"{cls!r} in props.get(v, EMPTY).get(TYPE, ())"
                return f"not {typed} and not (graph.subclassed and graph.is_instance(v, {cls!r}))"
            case Component.DISJOINT:
                others = self.local()
                lines.append(f"    {others} = preds.get({_constant(arg)!r}, ())")
                return f"v in {others}"
        if nested:
            raise ShapesError(
                f"sh:{component} is supported in targeted shapes only, "
                f"not in shapes reached by sh:node, sh:or or sh:xone ({self.nesting[-1]})"
            )
        if component is Component.MIN_INCLUSIVE:
            bound = _constant(arg)
            failing = f"compares_failing(C_MIN_INCLUSIVE, v, {bound!r})"
            number = integer(bound)
            if number is None or not guarded:
                return failing
            return f"((n := numbers.get(v)) is None or n < {number}) and {failing}"
        others = self.local()
        lines.append(f"    {others} = preds.get({_constant(arg)!r}, ())")
        return f"{others} and any_failing(C_{component.name}, v, {others}, numbers)"

    def local(self) -> str:
        self.locals += 1
        return f"x{self.locals}"

    def nested(self, constraint: Constraint, after: list[str], *, report: bool) -> tuple[str, bool]:
        """sh:node, sh:or, sh:xone: true when the value conforms to too few of the shapes
        (for sh:xone: not to exactly one), and whether that reads ``pv``; for sh:node,
        ``after`` gets the lines that report the shape's own results at each value."""
        component = constraint.component
        members = (constraint.value,) if component is Component.NODE else constraint.members
        numbers = [self.group(self.model.shapes[m], nested=True) for m in members]
        calls = [self.inline[n] or f"conforms_{n}(graph, v)" for n in numbers]
        if report and component is Component.NODE:
            after += ["    for v in values:", f"        report_{numbers[0]}(graph, v, found)"]
        inlined = any(self.inline[n] for n in numbers)
        if component is Component.XONE:
            return f"({' + '.join(calls) or '0'}) != 1", inlined
        return f"not ({' or '.join(calls) or 'False'})", inlined


def _inline(model: ShapesModel, shape: Shape) -> str | None:
    """Whether the value ``v`` (with its triples ``pv``) conforms to ``shape``, as an
    expression, when the shape only asks for a type or for at least one value of some
    predicates (as the alternatives of an sh:xone or sh:or often do); else None."""
    if shape.deactivated:
        return "True"
    tests = []
    for sub in [shape, *(model.shapes[p] for p in shape.properties)]:
        if sub is not shape and sub.deactivated:
            continue
        path = sub.path
        for constraint in sub.constraints:
            component, arg = constraint.component, constraint.value
            if component is Component.CLASS and path is None:
                cls = _constant(arg)
                subclassed = f"(graph.subclassed and graph.is_instance(v, {cls!r}))"
                tests.append(f"({cls!r} in pv.get(TYPE, ()) or {subclassed})")
            elif component is Component.MIN_COUNT and int(str(arg)) <= 1 and path is not None:
                if path.kind is not PathKind.PREDICATE or path.inverse:
                    return None
                if int(str(arg)) == 1:
                    tests.append(f"{path.iri!r} in pv")
            else:
                return None
    return "(" + " and ".join(tests) + ")" if tests else "True"


def _integer_range(constraints: list[Constraint]) -> tuple[Constraint, Constraint] | None:
    """sh:datatype xsd:integer and an integer sh:minInclusive, tested together: a value
    that is a plain integer at least the bound passes both (the common case, at once)."""
    datatype = next(
        (c for c in constraints if c.component is Component.DATATYPE and c.value == XSD.integer),
        None,
    )
    minimum = next((c for c in constraints if c.component is Component.MIN_INCLUSIVE), None)
    if datatype is None or minimum is None or integer(_constant(minimum.value)) is None:
        return None
    return datatype, minimum


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


def _constant(node: rdflib.term.Node) -> str:
    """An IRI or literal of the shapes as the engine holds terms (kg.validate.terms)."""
    if isinstance(node, rdflib.URIRef):
        return f"<{node}>"
    if not isinstance(node, rdflib.Literal):
        raise ShapesError(
            f"a blank node ({node}) where the compiled engine needs an IRI or literal"
        )
    if node.language:
        return str(ox.Literal(str(node), language=node.language))
    if node.datatype is None:
        return str(ox.Literal(str(node)))
    term = str(ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype))))
    return canonical([term])[term]
