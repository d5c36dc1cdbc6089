"""The RDF serialisations `kg export` writes and `kg load` reads, by their command-line
names; what each format is (media type, suffix, pyoxigraph format) is `kg.formats`'s."""

from __future__ import annotations

from enum import StrEnum

import pyoxigraph as ox

from kg.formats import Media


class Serialization(StrEnum):
    """An RDF format by its command-line name; each member is named as its `Media`."""

    NQUADS = "nquads"
    TRIG = "trig"
    TURTLE = "turtle"
    NTRIPLES = "ntriples"
    JSONLD = "jsonld"
    RDFXML = "rdfxml"

    @property
    def media(self) -> Media:
        return Media[self.name]

    @property
    def rdf_format(self) -> ox.RdfFormat:
        found = self.media.rdf_format
        assert found is not None, self
        return found

    @property
    def keeps_graphs(self) -> bool:
        """Whether the format carries named graphs (otherwise graphs are merged)."""
        return self.rdf_format.supports_datasets

    @property
    def media_type(self) -> str:
        return self.media.value

    @property
    def extension(self) -> str:
        return self.media.suffix

    @classmethod
    def from_extension(cls, extension: str) -> Serialization | None:
        """The format a file extension names (``ttl``, ``.nq``, ``jsonld``), or None."""
        fmt = ox.RdfFormat.from_extension(extension.lstrip(".").lower())
        return cls._of(fmt) if fmt else None

    @classmethod
    def from_media_type(cls, media_type: str) -> Serialization | None:
        """The format a media type names, or None."""
        fmt = ox.RdfFormat.from_media_type(media_type)
        return cls._of(fmt) if fmt else None

    @classmethod
    def _of(cls, fmt: ox.RdfFormat) -> Serialization | None:
        media = Media.from_rdf_format(fmt)
        return next((s for s in cls if s.media is media), None)
