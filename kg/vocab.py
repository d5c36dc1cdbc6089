"""The namespaces and terms of the core vocabulary (see kg/data/ontology/minutes-kg.ttl).

One place for every IRI of a vocabulary term, so that no stage spells one by hand.
Terms are plain strings; `kg.rdf` turns them into RDF terms.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from importlib.resources import files
from typing import Final

#: The file that defines the terms of `MKG`, inside the package.
ONTOLOGY_FILE: Final = "data/ontology/minutes-kg.ttl"


class UndefinedTerm(AttributeError):
    """A term a closed namespace does not define: a misspelling, or a term used in code
    before the ontology defines it (add it to the ontology first)."""


class Namespace:
    """An IRI prefix; `NS.term` and `NS["term"]` give the full IRI as a string.

    Not a `str` subclass, so that terms such as ``DCT.format`` and ``DCT.title`` are never
    shadowed by string methods. A namespace given ``defined`` (the names it defines) is
    closed: any other name raises `UndefinedTerm` instead of making an IRI nobody defined.

    >>> Namespace("http://purl.org/dc/terms/").format
    'http://purl.org/dc/terms/format'
    >>> Namespace("https://example.org/#", lambda: frozenset({"a"})).b
    Traceback (most recent call last):
    ...
    kg.vocab.UndefinedTerm: https://example.org/#b is not a defined term of this namespace
    """

    __slots__ = ("_defined", "iri")

    def __init__(self, iri: str, defined: Callable[[], frozenset[str]] | None = None) -> None:
        self.iri = iri
        self._defined = defined

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, name: str) -> str:
        if self._defined is not None and name not in self._defined():
            raise UndefinedTerm(f"{self.iri}{name} is not a defined term of this namespace")
        return self.iri + name

    def defines(self, name: str) -> bool:
        """Whether ``name`` is a term of this namespace (always, for an open one)."""
        return self._defined is None or name in self._defined()

    def __str__(self) -> str:
        return self.iri

    def __repr__(self) -> str:
        return f"Namespace({self.iri!r})"


MKG_IRI: Final = "https://w3id.org/minutes-kg/ontology#"


@cache
def ontology_terms() -> frozenset[str]:
    """The local names the ontology describes (every subject in its namespace: classes,
    properties and individuals), read once from the package's ontology file. A plain
    line scan, so that this bottom module needs no RDF library: a described term starts
    a line (``mkg:Meeting``), as the ontology file is written."""
    text = (files("kg") / ONTOLOGY_FILE).read_text(encoding="utf-8")
    return frozenset(re.findall(r"^mkg:([A-Za-z_][\w-]*)", text, flags=re.MULTILINE))


MKG: Final = Namespace(MKG_IRI, ontology_terms)
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


def local_name(iri: str) -> str:
    """The last part of a term's IRI, after its ``#`` or ``/``.

    >>> local_name("https://w3id.org/minutes-kg/ontology#Meeting"), local_name("http://a/b/c")
    ('Meeting', 'c')
    """
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
