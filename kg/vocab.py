"""The namespaces and terms of the core vocabulary (see kg/data/ontology/minutes-kg.ttl).

One place for every IRI of a vocabulary term, so that no stage spells one by hand.
Terms are plain strings; `kg.rdf` turns them into RDF terms.
"""

from __future__ import annotations

from typing import Final


class Namespace:
    """An IRI prefix; `NS.term` and `NS["term"]` give the full IRI as a string.

    Not a `str` subclass, so that terms such as ``DCT.format`` and ``DCT.title`` are never
    shadowed by string methods.

    >>> Namespace("http://purl.org/dc/terms/").format
    'http://purl.org/dc/terms/format'
    """

    __slots__ = ("iri",)

    def __init__(self, iri: str) -> None:
        self.iri = iri

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        return self.iri + name

    def __getitem__(self, name: str) -> str:
        return self.iri + name

    def __str__(self) -> str:
        return self.iri

    def __repr__(self) -> str:
        return f"Namespace({self.iri!r})"


MKG: Final = Namespace("https://w3id.org/minutes-kg/ontology#")
ORG: Final = Namespace("http://www.w3.org/ns/org#")
PERSON: Final = Namespace("http://www.w3.org/ns/person#")
FOAF: Final = Namespace("http://xmlns.com/foaf/0.1/")
DCT: Final = Namespace("http://purl.org/dc/terms/")
PROV: Final = Namespace("http://www.w3.org/ns/prov#")
SKOS: Final = Namespace("http://www.w3.org/2004/02/skos/core#")
RDF: Final = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS: Final = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD: Final = Namespace("http://www.w3.org/2001/XMLSchema#")
OWL: Final = Namespace("http://www.w3.org/2002/07/owl#")
SH: Final = Namespace("http://www.w3.org/ns/shacl#")
SCHEMA: Final = Namespace("https://schema.org/")

PREFIXES: Final[dict[str, str]] = {
    name: ns.iri
    for name, ns in {
        "mkg": MKG,
        "org": ORG,
        "person": PERSON,
        "foaf": FOAF,
        "dct": DCT,
        "prov": PROV,
        "skos": SKOS,
        "rdf": RDF,
        "rdfs": RDFS,
        "xsd": XSD,
        "owl": OWL,
    }.items()
}

# Classes
COMMITTEE: Final = MKG.Committee
MUNICIPALITY: Final = MKG.Municipality
MEETING: Final = MKG.Meeting
AGENDA_ITEM: Final = MKG.AgendaItem
CASE: Final = MKG.Case
ATTACHMENT: Final = MKG.Attachment
WORKING_GROUP: Final = MKG.WorkingGroup
PROJECT: Final = MKG.Project
SOURCE_DOCUMENT: Final = MKG.SourceDocument
BUILD: Final = MKG.Build
PERSON_CLASS: Final = PERSON.Person
ORGANIZATIONAL_UNIT: Final = ORG.OrganizationalUnit
ORGANIZATION: Final = ORG.Organization
POST: Final = ORG.Post
MEMBERSHIP: Final = ORG.Membership
ROLE: Final = ORG.Role
STATEMENT: Final = RDF.Statement

# Document kinds (values of dct:type on a mkg:SourceDocument)
MINUTES: Final = MKG.Minutes
AGENDA: Final = MKG.Agenda
DOCUMENT_KIND: Final = MKG.DocumentKind
DOCUMENT_KINDS: Final = MKG.DocumentKinds
