"""Small constructors of pyoxigraph terms, so the mapping reads like the model."""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode

from kg.vocab import XSD


def iri(value: str) -> NamedNode:
    return NamedNode(value)


#: What a web address read from a document may keep as written: the reserved and
#: unreserved characters of RFC 3986 (brackets only belong in a host), and escapes.
_URL_SAFE = ":/?#@!$&'()*+,;=%~-._"


def web_iri(url: str) -> NamedNode | None:
    """A web address read from a document as an IRI: as written when it is one (an IRI
    may hold "ø"), else with what an IRI may not hold (a space, a bracket, a quote)
    percent-encoded; None when even that is no IRI.

    >>> web_iri("https://portal.example/bilag/Møde [2] udkast").value
    'https://portal.example/bilag/M%C3%B8de%20%5B2%5D%20udkast'
    >>> web_iri("https://portal.example/bilag/Møde").value
    'https://portal.example/bilag/Møde'
    >>> web_iri("not a url") is None
    True
    """
    for written in (url, quote(url, safe=_URL_SAFE)):
        try:
            return NamedNode(written)
        except ValueError:
            continue
    return None


def text(value: str, language: str | None = None) -> Literal:
    """A string literal, with a language tag when given."""
    return Literal(value, language=language) if language else Literal(value)


def integer(value: int) -> Literal:
    return Literal(str(value), datatype=NamedNode(XSD.integer))


def boolean(value: bool) -> Literal:
    return Literal("true" if value else "false", datatype=NamedNode(XSD.boolean))


def day_literal(value: date) -> Literal:
    """An ``xsd:date``."""
    return Literal(value.isoformat(), datatype=NamedNode(XSD.date))


def date_time(value: datetime) -> Literal:
    """An ``xsd:dateTime`` with the value's own offset (which must be set)."""
    if value.tzinfo is None:
        raise ValueError(f"a meeting time needs a time-zone offset: {value!r}")
    return Literal(value.isoformat(), datatype=NamedNode(XSD.dateTime))
