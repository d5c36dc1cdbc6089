"""sh:lessThan, sh:lessThanOrEquals and sh:minInclusive decided as pySHACL decides them.

pySHACL orders literals by rdflib's total order (naive before time-zoned dates, unlike types
by datatype IRI, ...), which SPARQL does not. The compiled engine decides the plain cases
(two integers, two time-zoned dates, two texts) in SPARQL and hands every other pair to these
functions, which follow pySHACL 0.40's rules term for term.
"""

from __future__ import annotations

import rdflib
from pyshacl.rdfutil.compare import compare_literal

from kg.validate.gate import Term, rdflib_term
from kg.validate.shapes_model import Component


def fails(component: Component, value: Term, other: Term) -> bool:
    """Whether ``value`` violates the comparison with ``other`` (the other property's
    value, or the sh:minInclusive bound)."""
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
    return bool(a <= b) if or_equal else bool(a < b)  # type: ignore[operator]


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
