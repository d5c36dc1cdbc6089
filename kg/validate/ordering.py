"""sh:lessThan, sh:lessThanOrEquals and sh:minInclusive decided as the engine always has.

A pair of values is first ordered as SPARQL orders the plain cases (two integers, two
time-zoned dates, two texts; `plainly_ordered`); a pair that is not plainly in order is a
violation when pySHACL would find one (`fails`). pySHACL orders literals by rdflib's total
order (naive before time-zoned dates, unlike types by datatype IRI, ...), which SPARQL does
not; `fails` follows pySHACL 0.40's rules term for term.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pyoxigraph as ox
import rdflib
from pyshacl.rdfutil.compare import compare_literal

from kg.validate.gate import Term, rdflib_term
from kg.validate.shapes_model import Component
from kg.validate.terms import (
    RDF_LANG_STRING,
    XSD_DATE_TIME,
    XSD_INTEGER,
    XSD_STRING,
    literal_parts,
)

_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">=": operator.ge,
}
_INTEGER = re.compile(r"[+-]?[0-9]+")
_ZONED = re.compile(
    r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})"
)
#: The time-zoned dates Python reads exactly as oxigraph does; others are left to oxigraph.
_PYTHON_DATE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?"
    r"(Z|[+-](0[0-9]|1[0-3]):[0-9]{2})"
)
_I64 = range(-(2**63), 2**63)


_INTEGER_TAIL = f'"^^<{XSD_INTEGER}>'


def integer(term: str) -> int | None:
    """The number of an xsd:integer literal that SPARQL compares as one (its lexical form
    all digits, the number in oxigraph's range), else None."""
    end = len(term) - len(_INTEGER_TAIL)
    if term[0] == '"' and term.endswith(_INTEGER_TAIL) and _INTEGER.fullmatch(term, 1, end):
        number = int(term[1:end])
        if number in _I64:
            return number
    return None


def plainly_ordered(a: str, b: str, op: str) -> bool:
    """Whether ``a op b`` (``<``, ``<=`` or ``>=``) holds for two N-Triples terms as SPARQL
    orders them, for two xsd:integer, two time-zoned xsd:dateTime or two texts (an IRI or
    a literal whose value is text); False for any other pair, and where SPARQL errs."""
    if a[0] == '"' and b[0] == '"':
        (x, x_type, _), (y, y_type, _) = literal_parts(a), literal_parts(b)
        if x_type == y_type == XSD_INTEGER:
            i, j = integer(a), integer(b)
            return i is not None and j is not None and _OPERATORS[op](i, j)
        if x_type == y_type == XSD_DATE_TIME:
            return bool(_ZONED.fullmatch(x) and _ZONED.fullmatch(y)) and _dates(a, b, x, y, op)
        texts = (XSD_STRING, RDF_LANG_STRING)
        return x_type in texts and y_type in texts and _OPERATORS[op](x, y)
    if a[0] == "_" or b[0] == "_":
        return False
    x_text = a[1:-1] if a[0] == "<" else _text_value(a)
    y_text = b[1:-1] if b[0] == "<" else _text_value(b)
    return x_text is not None and y_text is not None and _OPERATORS[op](x_text, y_text)


def _text_value(literal: str) -> str | None:
    lexical, datatype, _ = literal_parts(literal)
    return lexical if datatype in (XSD_STRING, RDF_LANG_STRING) else None


def _dates(a: str, b: str, x: str, y: str, op: str) -> bool:
    if _PYTHON_DATE.fullmatch(x) and _PYTHON_DATE.fullmatch(y):
        try:
            return _OPERATORS[op](datetime.fromisoformat(x), datetime.fromisoformat(y))
        except ValueError:
            pass
    # an odd date (year 10000, 24:00:00, an invalid day, ...): as oxigraph orders it
    answer = ox.Store().query(f"ASK {{ FILTER({a} {op} {b}) }}")
    return bool(answer)


def fails(component: Component, value: Term, other: Term) -> bool:
    """Whether ``value`` violates the comparison with ``other`` (the other property's
    value, or the sh:minInclusive bound), as pySHACL decides it."""
    v, w = rdflib_term(value), rdflib_term(other)
    if component is Component.MIN_INCLUSIVE:
        return _below(v, w)
    return not _in_order(v, w, or_equal=component is Component.LESS_THAN_OR_EQUALS)


def _in_order(v: rdflib.term.Node, w: rdflib.term.Node, *, or_equal: bool) -> bool:
    if isinstance(v, rdflib.BNode) or isinstance(w, rdflib.BNode):
        return False  # pySHACL stops with an error; here the value fails
    a, a_text = _text_or_term(v)
    b, b_text = _text_or_term(w)
    if a_text != b_text:
        return False
    try:
        return bool(a <= b) if or_equal else bool(a < b)  # type: ignore[operator]
    except TypeError:  # pySHACL stops here (an ill-typed literal, say); SHACL: a violation
        return False


def _text_or_term(node: rdflib.term.Node) -> tuple[object, bool]:
    if isinstance(node, rdflib.URIRef):
        return str(node), True
    if isinstance(node, rdflib.Literal) and isinstance(node.value, str):
        return node.value, True
    return node, False


def _below(v: rdflib.term.Node, bound: rdflib.term.Node) -> bool:
    if not isinstance(v, rdflib.Literal) or not isinstance(bound, rdflib.Literal):
        return True
    if isinstance(v.value, str) != isinstance(bound.value, str):
        return True
    try:
        return bool(compare_literal(v, bound) < 0)  # type: ignore[no-untyped-call]
    except (TypeError, NotImplementedError):
        return True
