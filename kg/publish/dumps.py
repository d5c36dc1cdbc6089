"""The dumps of a release: the whole store in four serialisations, each with its checksum.

- N-Quads keeps the named graphs (one per document, plus the build's);
- Turtle, gzipped N-Triples and JSON-LD hold the merged graph: each distinct triple once,
  though the store states a triple once per graph that has it.

Triples are written in a fixed order, and the gzip header carries no time, so the same
store gives the same bytes and the same checksums.
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

from kg.rdf.iri import Minter
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
    """A serialisation of a dump; the value is its file name."""

    NQUADS = "minutes-kg.nq"
    TURTLE = "minutes-kg.ttl"
    NTRIPLES_GZ = "minutes-kg.nt.gz"
    JSONLD = "minutes-kg.jsonld"

    @property
    def rdf_format(self) -> ox.RdfFormat:
        return _RDF[self]

    @property
    def media_type(self) -> str:
        return self.rdf_format.media_type

    @property
    def file_type(self) -> str:
        """The format in the EU file-type table."""
        return FILE_TYPE + _EU[self]

    @property
    def compressed(self) -> bool:
        return self is DumpFormat.NTRIPLES_GZ

    @property
    def keeps_graphs(self) -> bool:
        return self is DumpFormat.NQUADS

    @property
    def label(self) -> str:
        return _TITLES[self]


_RDF = {
    DumpFormat.NQUADS: ox.RdfFormat.N_QUADS,
    DumpFormat.TURTLE: ox.RdfFormat.TURTLE,
    DumpFormat.NTRIPLES_GZ: ox.RdfFormat.N_TRIPLES,
    DumpFormat.JSONLD: ox.RdfFormat.JSON_LD,
}
_EU = {
    DumpFormat.NQUADS: "RDF_N_QUADS",
    DumpFormat.TURTLE: "RDF_TURTLE",
    DumpFormat.NTRIPLES_GZ: "RDF_N_TRIPLES",
    DumpFormat.JSONLD: "JSON_LD",
}
_TITLES = {
    DumpFormat.NQUADS: "N-Quads, one named graph per document",
    DumpFormat.TURTLE: "Turtle, the merged graph",
    DumpFormat.NTRIPLES_GZ: "N-Triples, the merged graph, gzipped",
    DumpFormat.JSONLD: "JSON-LD, the merged graph",
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


def all_quads(store: QueryStore) -> list[ox.Quad]:
    """Every quad of the named graphs in a fixed order."""
    quads = store.quads_for_pattern(None, None, None, None)
    return sorted((q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)), key=str)


def distinct_triples(store: QueryStore) -> list[ox.Triple]:
    """Every triple of the default graph (the union of the graphs as a set,
    `kg.store.union`), in a fixed order."""
    found = store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    return sorted((ox.Triple(q.subject, q.predicate, q.object) for q in found), key=str)


def write_dumps(store: QueryStore, out: Path, base: str) -> list[Dump]:
    """Write the four dumps, the JSON-LD context and ``dumps/SHA256SUMS`` under ``out``."""
    folder = out / DUMPS
    folder.mkdir(parents=True, exist_ok=True)
    namespaces = context(base)
    (out / CONTEXT).write_text(json.dumps(namespaces, indent=1, ensure_ascii=False) + "\n")
    triples = distinct_triples(store)
    dumps = []
    for fmt in DumpFormat:
        data = _serialize(fmt, store, triples, namespaces["@context"])
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
            "bytes": d.byte_size,
            "sha256": d.sha256,
            "sha1": d.sha1,
        }
        for d in dumps
    ]
    (folder / LISTING).write_text(json.dumps(listing, indent=1) + "\n")
    return dumps


def _serialize(
    fmt: DumpFormat, store: QueryStore, triples: list[ox.Triple], prefixes: dict[str, str]
) -> bytes:
    if fmt is DumpFormat.NQUADS:
        return ox.serialize(all_quads(store), format=fmt.rdf_format) or b""
    if fmt is DumpFormat.TURTLE:
        return ox.serialize(triples, format=fmt.rdf_format, prefixes=prefixes) or b""
    if fmt is DumpFormat.NTRIPLES_GZ:
        raw = ox.serialize(triples, format=fmt.rdf_format) or b""
        return gzip.compress(raw, compresslevel=9, mtime=0)
    # JSON-LD: pyoxigraph writes it expanded; the published context goes inline beside the
    # nodes, so that the file reads without fetching anything.
    expanded = json.loads(ox.serialize(triples, format=fmt.rdf_format) or b"[]")
    nodes = expanded.get("@graph", [expanded]) if isinstance(expanded, dict) else expanded
    document = {"@context": prefixes, "@graph": nodes}
    return json.dumps(document, ensure_ascii=False, indent=1).encode() + b"\n"


def read_dump(path: Path) -> Iterator[ox.Quad]:
    """The quads of a dump file (decompressed if gzipped), to check it parses back."""
    fmt = DumpFormat(path.name)
    data = path.read_bytes()
    if fmt.compressed:
        data = gzip.decompress(data)
    yield from ox.parse(data, format=fmt.rdf_format)
