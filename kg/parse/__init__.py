"""Parse stage: normalised `Text` to a typed `MinutesDoc`, every field with its source span."""

from kg.parse.model import (
    AgendaItem,
    Attachment,
    DocKind,
    Located,
    MinutesDoc,
    Section,
    SectionKind,
    SourceInfo,
    Span,
)
from kg.parse.parser import parse

__all__ = [
    "AgendaItem",
    "Attachment",
    "DocKind",
    "Located",
    "MinutesDoc",
    "Section",
    "SectionKind",
    "SourceInfo",
    "Span",
    "parse",
]
