"""The one table of formats: each RDF serialisation and SPARQL results format minutes-kg
reads or writes, with its media type, file suffixes, pyoxigraph format, name and the
names other vocabularies give it.

It sits at the bottom so that every layer reads the same rows: the store's export and
load (`kg.store.formats.Serialization`), `kg query`'s result formats
(`kg.store.run.ResultFormat`), the dumps (`kg.publish.dumps.DumpFormat`), the SPARQL
service description and the pages' alternate formats (`kg.linked`), and the server's
content negotiation (`kg.web.media`). Those name a subset of these formats in their own
words (a command-line choice, a file name); what a format *is* is said here, once.

>>> Media.from_suffix("ttl"), Media.TURTLE.suffix, Media.TURTLE.label
(<Media.TURTLE: 'text/turtle'>, 'ttl', 'Turtle')
>>> Media.from_media_type("text/n3")
<Media.TURTLE: 'text/turtle'>
>>> Media.SPARQL_JSON.content_type
'application/sparql-results+json; charset=utf-8'
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pyoxigraph as ox

#: The W3C's IRIs of formats (the SPARQL service description's ``sd:resultFormat``).
W3C_FORMATS = "http://www.w3.org/ns/formats/"


class Media(StrEnum):
    """A format by its media type; the rest of its row (`row`) is in `FORMATS`."""

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
    def row(self) -> Format:
        return FORMATS[self]

    @property
    def label(self) -> str:
        """The format's name, as a reader knows it ("Turtle", "JSON-LD")."""
        return FORMATS[self].label

    @property
    def suffix(self) -> str:
        """The file suffix (without the dot); "" for a format that has none of its own."""
        suffixes = FORMATS[self].suffixes
        return suffixes[0] if suffixes else ""

    @property
    def rdf_format(self) -> ox.RdfFormat | None:
        return FORMATS[self].rdf

    @property
    def results_format(self) -> ox.QueryResultsFormat | None:
        return FORMATS[self].results

    @property
    def w3c(self) -> str | None:
        """The format's IRI in the W3C's list of formats, if it has one."""
        name = FORMATS[self].w3c
        return W3C_FORMATS + name if name else None

    @property
    def content_type(self) -> str:
        """The Content-Type header value (text types say their charset)."""
        text = self.value.startswith("text/") or self in (Media.SPARQL_JSON, Media.JSON)
        return f"{self.value}; charset=utf-8" if text else self.value

    @classmethod
    def from_suffix(cls, suffix: str) -> Media | None:
        """The media type a path suffix or a ``format`` parameter names (``ttl``, ``json``)."""
        return _SUFFIXES.get(suffix.lower().lstrip("."))

    @classmethod
    def from_media_type(cls, media_type: str) -> Media | None:
        """The format a media type (or another name clients send for it) names, or None."""
        try:
            return cls(media_type)
        except ValueError:
            return _ALIASES.get(media_type)

    @classmethod
    def from_rdf_format(cls, rdf_format: ox.RdfFormat) -> Media | None:
        return next((m for m in cls if FORMATS[m].rdf == rdf_format), None)


@dataclass(frozen=True)
class Format:
    """One row of the table."""

    label: str
    #: File suffixes and ``format=`` names; the first is the file suffix.
    suffixes: tuple[str, ...] = ()
    rdf: ox.RdfFormat | None = None
    results: ox.QueryResultsFormat | None = None
    #: The local name in `W3C_FORMATS`.
    w3c: str | None = None
    #: rdflib's name of the serialisation.
    rdflib: str | None = None
    #: The name in the EU's file-type table (the DCAT-AP distributions' ``dct:format``).
    eu_file_type: str | None = None
    #: Other media types clients send for it (read as this one in ``Accept``).
    aliases: tuple[str, ...] = ()


_R = ox.RdfFormat
_Q = ox.QueryResultsFormat
FORMATS: dict[Media, Format] = {
    Media.HTML: Format("HTML", ("html",), aliases=("application/xhtml+xml",)),
    Media.TURTLE: Format(
        "Turtle",
        ("ttl", "turtle"),
        rdf=_R.TURTLE,
        w3c="Turtle",
        rdflib="turtle",
        eu_file_type="RDF_TURTLE",
        aliases=("application/x-turtle", "text/n3"),
    ),
    Media.NTRIPLES: Format(
        "N-Triples",
        ("nt", "ntriples"),
        rdf=_R.N_TRIPLES,
        w3c="N-Triples",
        rdflib="nt",
        aliases=("text/plain",),
    ),
    Media.NQUADS: Format(
        "N-Quads", ("nq",), rdf=_R.N_QUADS, w3c="N-Quads", eu_file_type="RDF_N_QUADS"
    ),
    Media.TRIG: Format("TriG", ("trig",), rdf=_R.TRIG, w3c="TriG"),
    Media.JSONLD: Format("JSON-LD", ("jsonld",), rdf=_R.JSON_LD, w3c="JSON-LD", rdflib="json-ld"),
    Media.RDFXML: Format("RDF/XML", ("rdf",), rdf=_R.RDF_XML, w3c="RDF_XML", rdflib="xml"),
    Media.SPARQL_JSON: Format(
        "SPARQL JSON", ("json", "srj"), results=_Q.JSON, w3c="SPARQL_Results_JSON"
    ),
    Media.SPARQL_XML: Format(
        "SPARQL XML",
        ("xml", "srx"),
        results=_Q.XML,
        w3c="SPARQL_Results_XML",
        aliases=("application/xml", "text/xml"),
    ),
    Media.CSV: Format("CSV", ("csv",), results=_Q.CSV, w3c="SPARQL_Results_CSV"),
    Media.TSV: Format("TSV", ("tsv",), results=_Q.TSV, w3c="SPARQL_Results_TSV"),
    Media.JSON: Format("JSON", results=_Q.JSON),
}
_SUFFIXES = {suffix: media for media, row in FORMATS.items() for suffix in row.suffixes}
_ALIASES = {alias: media for media, row in FORMATS.items() for alias in row.aliases}
