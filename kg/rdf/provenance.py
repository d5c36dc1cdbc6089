"""The PROV-O record of a build: what ran, with which settings and shapes, on what."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime

from pyoxigraph import Quad

from kg.iri import Kind, Minter
from kg.rdf.builder import GraphBuilder
from kg.rdf.terms import date_time, iri, text
from kg.vocab import BUILD, MKG, PROV, RDF, RDFS


def build_graph(
    minter: Minter,
    *,
    started: datetime,
    ended: datetime,
    code_version: str,
    settings_hash: str,
    shapes_hash: str,
    used: Sequence[str],
) -> tuple[str, tuple[Quad, ...]]:
    """The IRI of the build's graph (also the activity's IRI) and its quads."""
    digest = hashlib.sha256("\n".join(sorted(used)).encode()).hexdigest()[:8]
    slug = f"{started.strftime('%Y%m%dt%H%M%S')}-{digest}"
    node = minter.iri(Kind.BUILD, slug)
    agent = minter.iri(Kind.AGENT, "minutes-kg")
    b = GraphBuilder(node, minter)
    b.add(node, RDF.type, iri(BUILD))
    b.add(node, RDF.type, iri(PROV.Activity))
    b.add(node, RDFS.label, text(f"minutes-kg build {started.isoformat(timespec='seconds')}"))
    b.add(node, PROV.startedAtTime, date_time(started))
    b.add(node, PROV.endedAtTime, date_time(ended))
    b.add(node, MKG.codeVersion, text(code_version))
    b.add(node, MKG.settingsHash, text(settings_hash))
    b.add(node, MKG.shapesHash, text(shapes_hash))
    b.add(node, PROV.wasAssociatedWith, iri(agent))
    b.add(agent, RDF.type, iri(PROV.SoftwareAgent))
    b.add(agent, RDFS.label, text("minutes-kg"))
    for document in sorted(used):
        b.add(node, PROV.used, iri(document))
    return node, tuple(b.quads)
