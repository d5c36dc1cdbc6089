"""Writing a resolved entity into a document graph: type, label, other spellings, source."""

from __future__ import annotations

from kg.iri import Kind, Minter
from kg.rdf.builder import GraphBuilder
from kg.rdf.terms import iri, text
from kg.resolve.model import Entity, Resolution
from kg.vocab import (
    COMMITTEE,
    DCT,
    FOAF,
    MUNICIPALITY,
    ORG,
    OWL,
    PERSON_CLASS,
    PROV,
    RDF,
    RDFS,
    SKOS,
)


def write_entity(b: GraphBuilder, entity: Entity, node: str, cls: str, lang: str | None) -> str:
    """``node`` typed ``cls`` with the entity's label and the other spellings of it that
    the document uses; returns ``node``."""
    b.add(node, RDF.type, iri(cls))
    b.add(node, RDFS.label, text(entity.label, lang))
    for alt in entity.alt_labels:
        if b.spellings is None or alt in b.spellings:  # the spellings this document uses
            b.add(node, SKOS.altLabel, text(alt, lang))
    b.add(node, PROV.wasDerivedFrom, iri(b.graph))
    return node


def write_person(b: GraphBuilder, resolution: Resolution, slug: str, minter: Minter) -> str:
    """A person with name and labels; the ids their other spellings had are ``owl:sameAs``
    it, so that an IRI minted before a merge keeps resolving."""
    entity = resolution.people[slug]
    node = write_entity(b, entity, minter.iri(Kind.PERSON, slug), PERSON_CLASS, None)
    b.add(node, FOAF.name, text(entity.label))
    for retired in resolution.retired.get(slug, ()):
        b.add(minter.iri(Kind.PERSON, retired), OWL.sameAs, iri(node))
    return node


def write_committee(
    b: GraphBuilder, resolution: Resolution, slug: str, minter: Minter, lang: str | None
) -> str:
    """A committee, and the municipality it belongs to where that is known; the ids its
    other spellings would have are ``owl:sameAs`` it, so that they keep resolving."""
    node = write_entity(
        b, resolution.committees[slug], minter.iri(Kind.COMMITTEE, slug), COMMITTEE, lang
    )
    for retired in resolution.committee_retired.get(slug, ()):
        b.add(minter.iri(Kind.COMMITTEE, retired), OWL.sameAs, iri(node))
    municipality_slug = resolution.committee_municipality.get(slug)
    if municipality_slug is not None:
        municipality = resolution.municipalities[municipality_slug]
        place = minter.iri(Kind.MUNICIPALITY, municipality_slug)
        b.add(place, RDF.type, iri(MUNICIPALITY))
        b.add(place, RDFS.label, text(municipality.official, municipality.language))
        if municipality.code is not None:
            b.add(place, DCT.identifier, text(municipality.code))
        b.add(place, PROV.wasDerivedFrom, iri(b.graph))
        b.add(node, ORG.subOrganizationOf, iri(place))
    return node
