"""Small constructors of pyoxigraph terms, so the mapping reads like the model."""

from __future__ import annotations

from datetime import date, datetime

from pyoxigraph import Literal, NamedNode

from kg.vocab import XSD


def iri(value: str) -> NamedNode:
    return NamedNode(value)


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
