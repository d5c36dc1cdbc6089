"""Where a source document was published: its address and date, beside its graph.

A document records (on its ``mkg:SourceDocument`` node, in its own graph) ``dct:source``,
the address it was published at, and ``dct:issued``, its publication date, where known:

- a ``sources.csv`` beside the file (columns ``file``, ``url``, ``published``; ``file`` is
  the file's name in that folder, ``published`` a date ``YYYY-MM-DD``) says both;
- else ``--source-url BASE`` (`kg.settings.BuildSettings.source_url`) makes the address
  ``BASE`` followed by the document's name (its path in the folder it was found in);
- else the address is the file's path as it was given to the build, as a plain string.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad

from kg.parse.model import SourceInfo
from kg.rdf.terms import web_iri
from kg.vocab import DCT, XSD

#: The sidecar file of a folder of documents.
SIDECAR = "sources.csv"


@dataclass(frozen=True)
class Origin:
    """A document's address (a URL, or a file path) and publication date, if known."""

    address: str
    published: date | None = None

    @property
    def is_url(self) -> bool:
        return self.address.startswith(("http://", "https://"))


@lru_cache(maxsize=256)
def _sidecar(folder: str) -> dict[str, Origin]:
    """The origins a folder's ``sources.csv`` lists, by file name (none without one)."""
    path = Path(folder) / SIDECAR
    if not path.is_file():
        return {}
    found: dict[str, Origin] = {}
    with path.open(encoding="utf-8-sig", newline="") as stream:
        for row in csv.DictReader(stream):
            name = (row.get("file") or "").strip()
            url = (row.get("url") or "").strip()
            if not name or not url:
                continue
            found[name] = Origin(url, _date(row.get("published") or ""))
    return found


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def origin(source: SourceInfo, base_url: str | None) -> Origin:
    """Where ``source`` was published (see the module's rules)."""
    path = Path(source.path)
    listed = _sidecar(str(path.parent)).get(path.name)
    if listed is not None:
        return listed
    if base_url:
        return Origin(base_url + quote(source.name))
    return Origin(source.path)


def origin_quads(graph: str, found: Origin) -> tuple[Quad, ...]:
    """The document node's ``dct:source`` and ``dct:issued``, in its graph."""
    node = NamedNode(graph)
    where = NamedNode(graph)
    # a listed address with a space in it is still the address: written as an IRI may be
    address = (web_iri(found.address) if found.is_url else None) or Literal(found.address)
    quads = [Quad(node, NamedNode(DCT.source), address, where)]
    if found.published is not None:
        issued = Literal(found.published.isoformat(), datatype=NamedNode(XSD.date))
        quads.append(Quad(node, NamedNode(DCT.issued), issued, where))
    return tuple(quads)
