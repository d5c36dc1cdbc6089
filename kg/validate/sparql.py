"""SHACL Core constraints as SPARQL SELECT queries over a batch of document graphs.

Every triple pattern is ``GRAPH ?g { ... }`` with one ``?g`` for the whole query, so each
document graph of a batch is validated on its own triples only. A query answers ``?g`` (the
graph), ``?f`` (the focus node) and, for constraints that report one, ``?v`` (the value
node). Mostly one query per constraint; the constraints on each value by itself (datatype,
pattern, ...) of a shape share one, and so do the sh:maxCount of a node shape's properties. A
nested shape (sh:node, sh:or, sh:xone) is the set of candidate nodes that no constraint of it
rejects, and its own results are reported as pySHACL reports them (sh:detail).

The semantics follow pySHACL (inference none), the reference engine: sh:class and the class
targets follow rdfs:subClassOf in the data graph, literals are checked for well-formedness as
rdflib parses them, ``$`` in sh:pattern also matches before a final newline (Python's re), and
the comparisons SPARQL orders differently from rdflib are left to kg.validate.ordering.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import count

import rdflib

from kg.errors import ShapesError
from kg.validate.shapes_model import SH, XSD, Component, Constraint, Shape, ShapesModel

_RDF_TYPE = f"<{rdflib.RDF.type}>"
_SUBCLASS = f"<{rdflib.RDFS.subClassOf}>"

#: How rdflib tells a well-formed literal of each supported datatype (lexical forms).
_LEXICAL = {
    XSD.integer: r"^\\s*[+-]?[0-9]+\\s*$",
    XSD.boolean: "^(true|false|1|0)$",
    XSD.dateTime: (
        r"^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?"
        r"(Z|[+-][0-9]{2}:[0-9]{2})?$"
    ),
    XSD.date: r"^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?$",
}


_INTEGER = "^[+-]?[0-9]+$"
_ZONED = _LEXICAL[XSD.dateTime].replace(")?$", ")$")
_COMPARISONS = frozenset(
    {Component.MIN_INCLUSIVE, Component.LESS_THAN, Component.LESS_THAN_OR_EQUALS}
)


def _simply_counted(shape: Shape) -> bool:
    """A property shape with an IRI for path and sh:maxCount: counted with the others."""
    path = shape.path or ""
    simple = path.startswith("<") and path.endswith(">") and " " not in path
    maximum = any(c.component is Component.MAX_COUNT for c in shape.constraints)
    return simple and maximum and not shape.deactivated


@dataclass(frozen=True)
class Check:
    """One constraint of a targeted shape as a query; ``shape`` is the result's source shape."""

    shape: Shape
    component: Component
    query: str
    reports_value: bool
    #: Whether a row (``?v`` against ``?w``) is only a candidate that kg.validate.ordering
    #: decides: the comparisons SPARQL does not order as pySHACL does.
    compares: bool = False
    #: For a check of several shapes at once: the shapes, by the index each row gives as ?s.
    dispatch: tuple[Shape, ...] = ()


def compile_checks(model: ShapesModel, *, subclasses: bool) -> list[Check]:
    """A query per constraint of each targeted shape (and of its property shapes).

    With ``subclasses`` false the queries assume no rdfs:subClassOf triple in the data
    (faster); the caller checks that first."""
    compiler = _Compiler(model, subclasses)
    checks: list[Check] = []
    for node_shape in model.targeted:
        compiler.emit(compiler.targets(node_shape, "?root"), "?root", node_shape, checks)
    return checks


class _Compiler:
    """Writes the queries. The focus nodes and their values are subqueries, which oxigraph
    joins by hashing: on a batch several times faster than looking each focus node up."""

    def __init__(self, model: ShapesModel, subclasses: bool) -> None:
        self.model = model
        self.subclasses = subclasses
        self.names = count()
        self.nesting: list[rdflib.term.Node] = []
        #: The pattern that finds the focus nodes of the constraint being compiled.
        self.reach = ""
        #: Whether the constraint decides a nested shape's conformance (no Python step).
        self.nested = False

    def emit(self, reach: str, focus: str, node_shape: Shape, checks: list[Check]) -> None:
        """The checks of ``node_shape`` and its property shapes at the nodes ``focus`` that
        the pattern ``reach`` finds; and, as pySHACL reports them (sh:detail), those of each
        shape that a value must conform to by sh:node, at that value."""
        if node_shape.deactivated:
            return
        shapes = [node_shape, *(self.model.shapes[p] for p in node_shape.properties)]
        counted = [s for s in shapes if _simply_counted(s)]
        if counted:
            checks.append(self.counts(reach, focus, counted))
        for shape in shapes:
            if shape.deactivated:
                continue
            filters = [c for c in shape.constraints if c.component in _FILTERS]
            if filters:
                checks.append(self.filters(reach, focus, shape, filters))
            for constraint in shape.constraints:
                if shape in counted and constraint.component is Component.MAX_COUNT:
                    continue
                if constraint.component in _FILTERS:
                    continue
                self.reach = reach
                pattern, value = self.violation(shape, constraint, focus)
                compares = constraint.component in _COMPARISONS
                select = f"?g ({focus} AS ?f)" + (f" ({value} AS ?v)" if value else "")
                select += " ?w" if compares else ""
                query = f"SELECT DISTINCT {select} WHERE {{ {reach} {pattern} }}"
                checks.append(
                    Check(shape, constraint.component, query, value is not None, compares)
                )
                if constraint.component is Component.NODE:
                    nested = self.model.shapes[constraint.value]
                    if nested.node in self.nesting:
                        raise ShapesError(f"shape {nested.node} refers to itself (sh:node)")
                    inner = self.var() if shape.path else focus
                    step = self.joined(focus, shape.path, inner) if shape.path else ""
                    self.nesting.append(nested.node)
                    self.emit(f"{reach} {step}", inner, nested, checks)
                    self.nesting.pop()

    def filters(self, reach: str, focus: str, shape: Shape, filters: list[Constraint]) -> Check:
        """The constraints of ``shape`` on each value by itself, in one query: a value that
        fails any of them is a result of the shape (the results of two would be the same)."""
        value = self.var() if shape.path else focus
        step = self.joined(focus, shape.path, value) if shape.path else ""
        failing = " || ".join(f"({_failing(c, value)})" for c in filters)
        query = (
            f"SELECT DISTINCT ?g ({focus} AS ?f) ({value} AS ?v) WHERE "
            f"{{ {reach} {step} FILTER({failing}) }}"
        )
        return Check(shape, filters[0].component, query, True)

    def counts(self, reach: str, focus: str, shapes: list[Shape]) -> Check:
        """sh:maxCount of several property shapes (each with an IRI for path) in one query,
        which scans and counts their values together (twice as fast as one by one)."""
        rows = []
        for index, shape in enumerate(shapes):
            high = next(
                int(str(c.value)) for c in shape.constraints if c.component is Component.MAX_COUNT
            )
            rows.append(f"({index} {shape.path} {high})")
        x = self.var()
        query = (
            f"SELECT DISTINCT ?g ({focus} AS ?f) ?s WHERE {{ {reach} "
            f"{{ SELECT ?g {focus} ?s WHERE {{ VALUES (?s ?p ?high) {{ {' '.join(rows)} }} "
            f"GRAPH ?g {{ {focus} ?p {x} . }} }} "
            f"GROUP BY ?g {focus} ?s ?high HAVING (COUNT(DISTINCT {x}) > ?high) }} }}"
        )
        return Check(shapes[0], Component.MAX_COUNT, query, False, dispatch=tuple(shapes))

    def var(self) -> str:
        return f"?x{next(self.names)}"

    def instance_of(self, node: str, cls: str) -> str:
        if self.subclasses:
            return f"{node} {_RDF_TYPE}/{_SUBCLASS}* {cls} ."
        return f"{node} {_RDF_TYPE} {cls} ."

    def targets(self, shape: Shape, focus: str) -> str:
        if len(shape.targets) == 1:
            pattern = self.instance_of(focus, _term(shape.targets[0]))
        else:
            classes = " ".join(_term(t) for t in shape.targets)
            pattern = f"VALUES ?tc {{ {classes} }} " + self.instance_of(focus, "?tc")
        return f"{{ SELECT DISTINCT ?g {focus} WHERE {{ GRAPH ?g {{ {pattern} }} }} }}"

    def joined(self, subject: str, path: str, obj: str) -> str:
        """The pairs of ``path``, as a subquery so that oxigraph hash-joins them."""
        return (
            f"{{ SELECT ?g {subject} {obj} WHERE {{ GRAPH ?g {{ {subject} {path} {obj} . }} }} }}"
        )

    def violation(self, shape: Shape, constraint: Constraint, focus: str) -> tuple[str, str | None]:
        """A pattern with a solution per violation of ``constraint`` at ``focus``, and the
        variable (or term) that is the violation's value node, if it reports one."""
        component = constraint.component
        path = shape.path
        if component in (Component.MIN_COUNT, Component.MAX_COUNT):
            assert path is not None, "checked when the shapes were read"
            limit = int(str(constraint.value))
            return self.count_check(component, focus, path, limit), None
        if component is Component.HAS_VALUE:
            term = _term(constraint.value)
            if path is None:
                return f"FILTER(!sameTerm({focus}, {term}))", None
            return f"MINUS {{ GRAPH ?g {{ {focus} {path} {term} . }} }}", None
        if component in (Component.NODE, Component.OR, Component.XONE):
            return self.shape_based(shape, constraint, focus)
        if path is None:
            value, pattern = focus, ""
        else:
            value = self.var()
            pattern = self.joined(focus, path, value)
        return pattern + " " + self.value_check(constraint, focus, value), value

    def count_check(self, component: Component, focus: str, path: str, limit: int) -> str:
        if component is Component.MIN_COUNT and limit == 0:
            return "FILTER(false)"
        x = self.var()
        if component is Component.MIN_COUNT and limit == 1:
            return f"MINUS {{ GRAPH ?g {{ {focus} {path} {x} . }} }}"
        counted = (
            f"SELECT ?g {focus} WHERE {{ GRAPH ?g {{ {focus} {path} {x} . }} }} GROUP BY ?g {focus}"
        )
        if component is Component.MAX_COUNT:
            return f"{{ {counted} HAVING (COUNT(DISTINCT {x}) > {limit}) }}"
        return f"MINUS {{ {counted} HAVING (COUNT(DISTINCT {x}) >= {limit}) }}"

    def shape_based(
        self, shape: Shape, constraint: Constraint, focus: str
    ) -> tuple[str, str | None]:
        """sh:node, sh:or, sh:xone: the values that conform to too few (or, for sh:xone, not
        exactly one) of the shapes, by the sets of conforming values."""
        value = self.var() if shape.path else focus
        step = self.joined(focus, shape.path, value) if shape.path else ""
        candidates = f"{{ SELECT DISTINCT ?g {value} WHERE {{ {self.reach} {step} }} }}"
        if constraint.component is Component.NODE:
            members: tuple[rdflib.term.Node, ...] = (constraint.value,)
        else:
            members = constraint.members
        sets = [self.conforming(m, candidates, value) for m in members]
        if constraint.component is not Component.XONE:
            return step + "".join(f" MINUS {{ {s} }}" for s in sets), value
        flags = [self.var() for _ in sets]
        optional = "".join(
            f" OPTIONAL {{ {{ {s} }} BIND(1 AS {f}) }}" for s, f in zip(sets, flags, strict=True)
        )
        total = " + ".join(f"COALESCE({f}, 0)" for f in flags) or "0"
        return f"{step}{optional} FILTER(({total}) != 1)", value

    def conforming(self, node: rdflib.term.Node, candidates: str, x: str) -> str:
        """A subquery of the ``candidates`` (``?g``, ``x``) that conform to the shape."""
        shape = self.model.shapes[node]
        if shape.node in self.nesting:
            raise ShapesError(f"shape {shape.node} refers to itself; recursion is not supported")
        parts = [candidates]
        saved = self.reach, self.nested
        self.reach, self.nested = candidates, True
        self.nesting.append(shape.node)
        subs = (
            [] if shape.deactivated else [shape, *(self.model.shapes[p] for p in shape.properties)]
        )
        for sub in subs:
            if sub is not shape and sub.deactivated:
                continue
            for constraint in sub.constraints:
                pattern, _ = self.violation(sub, constraint, x)
                parts.append(f"MINUS {{ {candidates} {pattern} }}")
        self.nesting.pop()
        self.reach, self.nested = saved
        return f"SELECT ?g {x} WHERE {{ {' '.join(parts)} }}"

    def value_check(self, constraint: Constraint, focus: str, v: str) -> str:
        """A filter (or pattern) that keeps the value node ``v`` when it violates."""
        component, arg = constraint.component, constraint.value
        failing = _failing(constraint, v)
        if failing is not None:
            return f"FILTER({failing})"
        if component is Component.CLASS:
            return f"MINUS {{ GRAPH ?g {{ {self.instance_of(v, _term(arg))} }} }}"
        if component in _COMPARISONS:
            return self.comparison(constraint, focus, v)
        if component is Component.DISJOINT:
            return self.joined(focus, _term(arg), v)
        raise AssertionError(f"unhandled component {component}")

    def comparison(self, constraint: Constraint, focus: str, v: str) -> str:
        component, arg = constraint.component, constraint.value
        if self.nested:
            raise ShapesError(
                f"sh:{component} is supported in targeted shapes only, "
                f"not in shapes reached by sh:node, sh:or or sh:xone ({self.nesting[-1]})"
            )
        if component is Component.MIN_INCLUSIVE:
            other, pattern = _term(arg), ""
        else:
            other = self.var()
            pattern = self.joined(focus, _term(arg), other) + " "
        op = {Component.LESS_THAN: "<", Component.LESS_THAN_OR_EQUALS: "<="}.get(component, ">=")
        plain = _plainly_ordered(v, other, op)
        return f"{pattern}FILTER(!COALESCE({plain}, false)) BIND({other} AS ?w)"


#: Constraints on each value by itself: one filter over the values tests them all at once.
_FILTERS = frozenset(
    {
        Component.DATATYPE,
        Component.NODE_KIND,
        Component.PATTERN,
        Component.LANGUAGE_IN,
        Component.MIN_LENGTH,
        Component.IN,
    }
)


def _failing(constraint: Constraint, v: str) -> str | None:
    """An expression true when the value ``v`` fails ``constraint``, for those in _FILTERS."""
    component, arg = constraint.component, constraint.value
    if component is Component.DATATYPE:
        return f"!({_datatype_ok(v, arg)})"
    if component is Component.NODE_KIND:
        return f"!({_node_kind_ok(v, arg)})"
    if component is Component.PATTERN:
        flags = f', "{_escape(constraint.flags)}"' if constraint.flags else ""
        pattern = _python_dollar(str(arg), constraint.flags)
        return f'isBlank({v}) || !REGEX(STR({v}), "{_escape(pattern)}"{flags})'
    if component is Component.LANGUAGE_IN:
        wanted = ", ".join(f'"{_escape(str(m).lower())}"' for m in constraint.members)
        return (
            f"!isLiteral({v}) || !(LCASE(LANG({v})) IN ({wanted})"
            f' || LCASE(STRBEFORE(LANG({v}), "-")) IN ({wanted}))'
        )
    if component is Component.MIN_LENGTH:
        return f"isBlank({v}) || STRLEN(STR({v})) < {int(str(arg))}"
    if component is Component.IN:
        allowed = " || ".join(f"sameTerm({v}, {_term(m)})" for m in constraint.members)
        return f"!({allowed or 'false'})"
    return None


def _python_dollar(pattern: str, flags: str) -> str:
    """``pattern`` with each ``$`` also matching before a final newline, as in Python's re
    (pySHACL) but not in SPARQL's regex: ``$`` becomes ``\\n?$`` outside [...] classes."""
    if "m" in flags.lower():
        return pattern
    out, escaped, in_class = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            out.append("\\n?")
        out.append(char)
    return "".join(out)


def _datatype_ok(v: str, datatype: rdflib.term.Node) -> str:
    literal = f"isLiteral({v})"
    if datatype == rdflib.RDF.langString:
        return f'{literal} && LANG({v}) != ""'
    same = f"{literal} && sameTerm(DATATYPE({v}), {_term(datatype)})"
    if datatype == XSD.string:
        return same
    flags = ', "i"' if datatype == XSD.boolean else ""
    return f'{same} && REGEX(STR({v}), "{_LEXICAL[datatype]}"{flags})'  # type: ignore[index]


def _node_kind_ok(v: str, kind: rdflib.term.Node) -> str:
    tests = {
        SH.IRI: ["isIRI"],
        SH.BlankNode: ["isBlank"],
        SH.Literal: ["isLiteral"],
        SH.BlankNodeOrIRI: ["isBlank", "isIRI"],
        SH.BlankNodeOrLiteral: ["isBlank", "isLiteral"],
        SH.IRIOrLiteral: ["isIRI", "isLiteral"],
    }[kind]  # type: ignore[index]
    return " || ".join(f"{t}({v})" for t in tests)


def _stringy(x: str) -> str:
    """Whether pySHACL compares ``x`` as a string: an IRI, or a literal whose value is text."""
    return (
        f'(isIRI({x}) || (isLiteral({x}) && (LANG({x}) != "" || '
        f"sameTerm(DATATYPE({x}), <{XSD.string}>))))"
    )


def _of(x: str, datatype: rdflib.term.Node, lexical: str) -> str:
    return (
        f'isLiteral({x}) && sameTerm(DATATYPE({x}), <{datatype}>) && REGEX(STR({x}), "{lexical}")'
    )


def _plainly_ordered(a: str, b: str, op: str) -> str:
    """``a op b`` where SPARQL orders as pySHACL does (integers, time-zoned dates, texts)."""
    integers = f"{_of(a, XSD.integer, _INTEGER)} && {_of(b, XSD.integer, _INTEGER)}"
    dates = f"{_of(a, XSD.dateTime, _ZONED)} && {_of(b, XSD.dateTime, _ZONED)}"
    texts = f"{_stringy(a)} && {_stringy(b)}"
    return (
        f"(({integers} && {a} {op} {b}) || ({dates} && {a} {op} {b})"
        f" || ({texts} && STR({a}) {op} STR({b})))"
    )


def _term(node: rdflib.term.Node) -> str:
    if isinstance(node, rdflib.URIRef):
        return f"<{node}>"
    if isinstance(node, rdflib.Literal):
        text = f'"{_escape(str(node))}"'
        if node.language:
            return f"{text}@{node.language}"
        if node.datatype is not None:
            return f"{text}^^<{node.datatype}>"
        return text
    raise ShapesError(f"a blank node ({node}) where the compiled engine needs an IRI or literal")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
