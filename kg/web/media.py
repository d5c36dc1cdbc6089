"""The one media-type table of the web layer, and content negotiation over it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import pyoxigraph as ox


class Media(StrEnum):
    """Every media type the server writes, with its short format name."""

    HTML = "text/html"
    TURTLE = "text/turtle"
    NTRIPLES = "application/n-triples"
    NQUADS = "application/n-quads"
    TRIG = "application/trig"
    JSONLD = "application/ld+json"
    RDFXML = "application/rdf+xml"
    SPARQL_JSON = "application/sparql-results+json"
    SPARQL_XML = "application/sparql-results+xml"
    CSV = "text/csv"
    TSV = "text/tab-separated-values"
    JSON = "application/json"

    @property
    def rdf_format(self) -> ox.RdfFormat | None:
        return _RDF.get(self)

    @property
    def results_format(self) -> ox.QueryResultsFormat | None:
        return _RESULTS.get(self)

    @property
    def content_type(self) -> str:
        """The Content-Type header value (text types say their charset)."""
        text = self.value.startswith("text/") or self in (Media.SPARQL_JSON, Media.JSON)
        return f"{self.value}; charset=utf-8" if text else self.value

    @classmethod
    def from_suffix(cls, suffix: str) -> Media | None:
        """The media type a path suffix or a ``format`` parameter names (``ttl``, ``json``)."""
        return _SUFFIXES.get(suffix.lower().lstrip("."))


_RDF = {
    Media.TURTLE: ox.RdfFormat.TURTLE,
    Media.NTRIPLES: ox.RdfFormat.N_TRIPLES,
    Media.NQUADS: ox.RdfFormat.N_QUADS,
    Media.TRIG: ox.RdfFormat.TRIG,
    Media.JSONLD: ox.RdfFormat.JSON_LD,
    Media.RDFXML: ox.RdfFormat.RDF_XML,
}
_RESULTS = {
    Media.SPARQL_JSON: ox.QueryResultsFormat.JSON,
    Media.SPARQL_XML: ox.QueryResultsFormat.XML,
    Media.CSV: ox.QueryResultsFormat.CSV,
    Media.TSV: ox.QueryResultsFormat.TSV,
    Media.JSON: ox.QueryResultsFormat.JSON,
}
_SUFFIXES = {
    "html": Media.HTML,
    "ttl": Media.TURTLE,
    "turtle": Media.TURTLE,
    "nt": Media.NTRIPLES,
    "ntriples": Media.NTRIPLES,
    "nq": Media.NQUADS,
    "trig": Media.TRIG,
    "jsonld": Media.JSONLD,
    "rdf": Media.RDFXML,
    "xml": Media.SPARQL_XML,
    "json": Media.SPARQL_JSON,
    "srj": Media.SPARQL_JSON,
    "srx": Media.SPARQL_XML,
    "csv": Media.CSV,
    "tsv": Media.TSV,
}
#: Media types other names are read as (what clients send in Accept).
_ALIASES = {
    "application/x-turtle": Media.TURTLE,
    "text/n3": Media.TURTLE,
    "text/plain": Media.NTRIPLES,
    "application/xml": Media.SPARQL_XML,
    "text/xml": Media.SPARQL_XML,
    "application/xhtml+xml": Media.HTML,
}


@dataclass(frozen=True)
class _Range:
    type: str
    quality: float
    order: int


def _ranges(accept: str) -> list[_Range]:
    ranges = []
    for order, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        quality = 1.0
        for param in fields[1:]:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        ranges.append(_Range(fields[0].lower(), quality, order))
    return ranges


def negotiate(accept: str | None, offered: Sequence[Media]) -> Media | None:
    """The offered media type the ``Accept`` header prefers; the first offered when the
    header is missing or accepts anything; None when it accepts none of them.

    >>> offered = [Media.HTML, Media.TURTLE, Media.JSONLD]
    >>> negotiate("text/turtle;q=0.9, application/ld+json", offered)
    <Media.JSONLD: 'application/ld+json'>
    >>> negotiate("image/png", [Media.HTML]) is None
    True
    """
    if not accept or not accept.strip():
        return offered[0]
    best: tuple[float, int, int] | None = None
    choice = None
    for r in _ranges(accept):
        if r.quality <= 0:
            continue
        for rank, media in enumerate(offered):
            if _matches(r.type, media):
                # exact types beat wildcards at equal quality
                key = (r.quality, 0 if "*" in r.type else 1, -rank)
                if best is None or key > best:
                    best, choice = key, media
    return choice


def _matches(pattern: str, media: Media) -> bool:
    if pattern in ("*/*", "*"):
        return True
    if pattern.endswith("/*"):
        return media.value.startswith(pattern[:-1])
    return pattern == media.value or _ALIASES.get(pattern) is media
