"""The RDF serialisations minutes-kg reads and writes, one table for every layer."""

from __future__ import annotations

from enum import StrEnum

import pyoxigraph as ox


class Serialization(StrEnum):
    """An RDF format by its command-line name."""

    NQUADS = "nquads"
    TRIG = "trig"
    TURTLE = "turtle"
    NTRIPLES = "ntriples"
    JSONLD = "jsonld"
    RDFXML = "rdfxml"

    @property
    def rdf_format(self) -> ox.RdfFormat:
        return _FORMATS[self]

    @property
    def keeps_graphs(self) -> bool:
        """Whether the format carries named graphs (otherwise graphs are merged)."""
        return self.rdf_format.supports_datasets

    @property
    def media_type(self) -> str:
        return self.rdf_format.media_type

    @property
    def extension(self) -> str:
        return self.rdf_format.file_extension

    @classmethod
    def from_extension(cls, extension: str) -> Serialization | None:
        """The format a file extension names (``ttl``, ``.nq``, ``jsonld``), or None."""
        fmt = ox.RdfFormat.from_extension(extension.lstrip(".").lower())
        return next((s for s in cls if _FORMATS[s] == fmt), None) if fmt else None

    @classmethod
    def from_media_type(cls, media_type: str) -> Serialization | None:
        """The format a media type names, or None."""
        fmt = ox.RdfFormat.from_media_type(media_type)
        return next((s for s in cls if _FORMATS[s] == fmt), None) if fmt else None


_FORMATS = {
    Serialization.NQUADS: ox.RdfFormat.N_QUADS,
    Serialization.TRIG: ox.RdfFormat.TRIG,
    Serialization.TURTLE: ox.RdfFormat.TURTLE,
    Serialization.NTRIPLES: ox.RdfFormat.N_TRIPLES,
    Serialization.JSONLD: ox.RdfFormat.JSON_LD,
    Serialization.RDFXML: ox.RdfFormat.RDF_XML,
}
