"""RDF terms as the compiled engine holds them: N-Triples strings, as pyoxigraph writes them.

An IRI is ``<...>``, a blank node ``_:...``, a literal ``"..."`` (xsd:string), ``"..."@lang``
or ``"..."^^<datatype>``. Strings hash and compare fast, and one ``pyoxigraph.serialize``
call writes a whole graph in this form; `to_term` gives the pyoxigraph term back for the few
that a violation names.

A literal of a datatype that oxigraph stores as a value (xsd:integer, xsd:boolean,
xsd:dateTime, ...) is held in the canonical form oxigraph gives it back in (``"+05"`` is
``"5"``, ``"1"^^xsd:boolean`` is ``"true"``, ``+00:00`` is ``Z``): the form the SPARQL
engine saw, so that values, counts and comparisons stay what they were.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pyoxigraph as ox

from kg.validate.gate import Term

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
XSD_INTEGER = XSD + "integer"
XSD_BOOLEAN = XSD + "boolean"
XSD_DATE_TIME = XSD + "dateTime"
XSD_DATE = XSD + "date"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}

#: Literals that are already in oxigraph's canonical form (the common ones; others are
#: put through an in-memory store, which gives them back canonical).
_CANONICAL = re.compile(
    rf'"(?:0|-?[1-9][0-9]{{0,17}})"\^\^<{XSD_INTEGER}>|"(?:true|false)"\^\^<{XSD_BOOLEAN}>'
)
_ANY = ox.NamedNode("urn:x-kg-validate:literal")


def is_typed(term: str) -> bool:
    """Whether ``term`` is a literal with a datatype other than xsd:string and rdf:langString."""
    return term[0] == '"' and term[-1] == ">"


def literal_parts(term: str) -> tuple[str, str, str]:
    """The lexical form, datatype IRI and language tag ("" if none) of a literal."""
    end = term.rindex('"')
    lexical = term[1:end]
    if "\\" in lexical:
        lexical = _ESCAPE.sub(_unescape, lexical)
    if end == len(term) - 1:
        return lexical, XSD_STRING, ""
    if term[end + 1] == "@":
        return lexical, RDF_LANG_STRING, term[end + 2 :]
    return lexical, term[end + 4 : -1], ""


def _unescape(match: re.Match[str]) -> str:
    code = match[1]
    if len(code) > 1:
        return chr(int(code[1:], 16))
    return _ECHAR.get(code, code)


def string_value(term: str) -> str:
    """SPARQL's STR(): an IRI's text, a literal's lexical form (not for blank nodes)."""
    if term[0] == "<":
        return term[1:-1]
    return literal_parts(term)[0]


def plain_value(term: str) -> str:
    """What pyoxigraph's ``.value`` gives: an IRI's text, a blank node's label or a
    literal's lexical form."""
    if term[0] == "_":
        return term[2:]
    return string_value(term)


def to_term(term: str) -> Term:
    """The pyoxigraph term."""
    if term[0] == "<":
        return ox.NamedNode(term[1:-1])
    if term[0] == "_":
        return ox.BlankNode(term[2:])
    lexical, datatype, language = literal_parts(term)
    if language:
        return ox.Literal(lexical, language=language)
    return ox.Literal(lexical, datatype=ox.NamedNode(datatype))


def canonical(literals: Iterable[str]) -> dict[str, str]:
    """Each typed literal in the form oxigraph stores it in."""
    found = {}
    odd: list[str] = []
    for literal in literals:
        if _CANONICAL.fullmatch(literal):
            found[literal] = literal
        else:
            odd.append(literal)
    if odd:
        store = ox.Store()
        store.extend(
            ox.Quad(ox.NamedNode(f"urn:x-kg-validate:{n}"), _ANY, to_term(literal))
            for n, literal in enumerate(odd)
        )
        for quad in store:
            n = int(quad.subject.value.rsplit(":", 1)[1])
            found[odd[n]] = str(quad.object)
    return found
