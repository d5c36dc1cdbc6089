"""The dumps of a release: the whole store in two gzipped serialisations, each with its
checksum.

- N-Quads keeps the named graphs (one per document, plus the build's);
- Turtle holds the merged graph: each distinct triple once, though the store states a
  triple once per graph that has it.

Gzipped only: on the examples the plain N-Quads, Turtle and JSON-LD were 5.0 MB of a
10.5 MB site, and gzip makes the two kept a twentieth of that; N-Triples and JSON-LD of
the merged graph said what the Turtle says. Triples are written in a fixed order, and
the gzip header carries no time, so the same store gives the same bytes and checksums.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import pyoxigraph as ox

from kg.formats import Media
from kg.iri import Minter, statistics_graph
from kg.store.protocol import QueryStore
from kg.vocab import PREFIXES

#: The folder of the dumps inside the output, and the name of their checksum file.
DUMPS = "dumps"
SUMS = "SHA256SUMS"
#: Each dump's size and checksums, as JSON.
LISTING = "dumps.json"
#: The JSON-LD context published at the root of the output and the server.
CONTEXT = "context.jsonld"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
IANA = "https://www.iana.org/assignments/media-types/"


class DumpFormat(StrEnum):
    """A serialisation of a dump; the value is its file name, whose suffix before ``.gz``
    names the format in `kg.formats`."""

    NQUADS = "minutes-kg.nq.gz"
    TURTLE = "minutes-kg.ttl.gz"

    @property
    def media(self) -> Media:
        found = Media.from_suffix(self.value.split(".")[-2])
        assert found is not None, self
        return found

    @property
    def rdf_format(self) -> ox.RdfFormat:
        found = self.media.rdf_format
        assert found is not None, self
        return found

    @property
    def media_type(self) -> str:
        """The media type of the serialisation inside the gzip."""
        return self.media.value

    @property
    def file_type(self) -> str:
        """The format in the EU file-type table."""
        return FILE_TYPE + str(self.media.row.eu_file_type)

    @property
    def compressed(self) -> bool:
        """Every dump is gzipped (`COMPRESSION`)."""
        return True

    @property
    def keeps_graphs(self) -> bool:
        return self is DumpFormat.NQUADS

    @property
    def label(self) -> str:
        return _TITLES[self]


#: The media type of the compression every dump has.
COMPRESSION = "application/gzip"
_TITLES = {
    DumpFormat.NQUADS: "N-Quads, one named graph per document, gzipped",
    DumpFormat.TURTLE: "Turtle, the merged graph, gzipped",
}


@dataclass(frozen=True)
class Dump:
    """A dump written: its format, its path under the output, size and SHA-256."""

    format: DumpFormat
    path: str
    byte_size: int
    sha256: str
    sha1: str


def context(base: str) -> dict[str, dict[str, str]]:
    """The JSON-LD context of the dataset: the vocabulary's prefixes and one per kind of
    minted IRI (``meeting:``, ``people:``)."""
    return {"@context": {**PREFIXES, **Minter(base).prefixes()}}


def published(store: QueryStore, base: str) -> Iterator[ox.Quad]:
    """Every quad the dataset publishes: those of its named graphs but the statistics
    graph (`kg.iri`); the default graph is their union (`kg.store.union`), not published
    twice."""
    skipped = ox.NamedNode(statistics_graph(base))
    return (
        q
        for q in store.quads_for_pattern(None, None, None, None)
        if q.graph_name != skipped and not isinstance(q.graph_name, ox.DefaultGraph)
    )


def all_quads(store: QueryStore, base: str) -> list[ox.Quad]:
    """Every published quad of the store in a fixed order."""
    return sorted(published(store, base), key=str)


def distinct_triples(store: QueryStore, base: str) -> list[ox.Triple]:
    """Every distinct published triple of the union of the graphs, in a fixed order."""
    found = {ox.Triple(q.subject, q.predicate, q.object) for q in published(store, base)}
    return sorted(found, key=str)


def write_dumps(store: QueryStore, out: Path, base: str) -> list[Dump]:
    """Write the dumps, the JSON-LD context and ``dumps/SHA256SUMS`` under ``out``."""
    folder = out / DUMPS
    folder.mkdir(parents=True, exist_ok=True)
    namespaces = context(base)
    (out / CONTEXT).write_text(json.dumps(namespaces, indent=1, ensure_ascii=False) + "\n")
    triples = distinct_triples(store, base)
    dumps = []
    for fmt in DumpFormat:
        data = _serialize(
            fmt, all_quads(store, base) if fmt.keeps_graphs else [], triples, namespaces["@context"]
        )
        path = folder / fmt.value
        path.write_bytes(data)
        sha256, sha1 = hashlib.sha256(data).hexdigest(), hashlib.sha1(data).hexdigest()
        dumps.append(Dump(fmt, f"{DUMPS}/{fmt.value}", len(data), sha256, sha1))
    lines = "".join(f"{d.sha256}  {d.format.value}\n" for d in dumps)
    (folder / SUMS).write_text(lines)
    listing = [
        {
            "file": d.format.value,
            "mediaType": d.format.media_type,
            "compressFormat": COMPRESSION,
            "bytes": d.byte_size,
            "sha256": d.sha256,
            "sha1": d.sha1,
        }
        for d in dumps
    ]
    (folder / LISTING).write_text(json.dumps(listing, indent=1) + "\n")
    return dumps


def _serialize(
    fmt: DumpFormat, quads: list[ox.Quad], triples: list[ox.Triple], prefixes: dict[str, str]
) -> bytes:
    if fmt is DumpFormat.NQUADS:
        raw = ox.serialize(quads, format=fmt.rdf_format) or b""
    else:
        raw = ox.serialize(triples, format=fmt.rdf_format, prefixes=prefixes) or b""
    return gzip.compress(raw, compresslevel=9, mtime=0)


def read_dump(path: Path) -> Iterator[ox.Quad]:
    """The quads of a dump file (decompressed if gzipped), to check it parses back."""
    fmt = DumpFormat(path.name)
    data = path.read_bytes()
    if fmt.compressed:
        data = gzip.decompress(data)
    yield from ox.parse(data, format=fmt.rdf_format)
