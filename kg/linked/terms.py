"""The words of the linked-data views: the predicates a page reads, the order it shows
them in, how a link reads from its object's side, the readable names of the standard
terms, and the prefixes that compact an IRI (``meeting:``, ``mkg:``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache

import pyoxigraph as ox

from kg.errors import KgError
from kg.iri import Minter
from kg.linked.i18n import Language, Locale
from kg.resources import data_folder
from kg.vocab import DCT, FOAF, MKG, ORG, OWL, PERSON, PREFIXES, PROV, RDF, RDFS, SKOS

MAX_SORTED = 1000
#: The path of the skolem nodes (the reified statements that say where facts came from).
GENID = ".well-known/genid/"


_N = ox.NamedNode
TYPE = _N(RDF.type)
LABEL = _N(RDFS.label)
SAME_AS = _N(OWL.sameAs)
STATEMENT = _N(RDF.Statement)
SUBJECT = _N(RDF.subject)
PREDICATE = _N(RDF.predicate)
OBJECT = _N(RDF.object)
DERIVED_FROM = _N(PROV.wasDerivedFrom)
AGENDA_ITEM = _N(MKG.agendaItem)
NUMBER = _N(MKG.number)
PUBLIC = _N(MKG.public)
STARTED = _N(PROV.startedAtTime)
ENDED = _N(PROV.endedAtTime)
PLACE = _N(PROV.atLocation)
HELD_BY = _N(MKG.heldBy)
MEMBER = _N(ORG.member)
ORGANIZATION = _N(ORG.organization)
ROLE = _N(ORG.role)

#: Where a label is looked for, in order.
LABEL_PREDICATES = [LABEL, _N(SKOS.prefLabel), _N(FOAF.name), _N(DCT.title)]
#: Label languages for each page language, best first (no tag between the two).
LABEL_LANGUAGES: dict[Language, dict[str | None, int]] = {
    Language.DA: {"da": 0, None: 1, "en": 2},
    Language.EN: {"en": 0, None: 1, "da": 2},
}
#: The section texts of an agenda item, in the order of the minutes.
SECTIONS = [MKG.summary, MKG.background, MKG.recommendation, MKG.priorDecisions, MKG.decision]
#: The order of a page's properties: what a reader looks for first.
OUTGOING_ORDER = [
    FOAF.name,
    SKOS.prefLabel,
    RDFS.label,
    SKOS.altLabel,
    DCT.title,
    DCT.identifier,
    MKG.heldBy,
    PROV.startedAtTime,
    PROV.endedAtTime,
    PROV.atLocation,
    MKG.present,
    MKG.absent,
    MKG.inCollaborationWith,
    MKG.invited,
    MKG.agendaItem,
    MKG.number,
    MKG.public,
    MKG.case,
    MKG.recommendedBy,
    MKG.presenter,
    MKG.interviewer,
    MKG.interviewee,
    MKG.discusses,
    MKG.attachment,
    DCT.isPartOf,
    ORG.member,
    ORG.role,
    ORG.organization,
    MKG.statedAt,
    ORG.subOrganizationOf,
    MKG.worksOn,
    MKG.owner,
    *SECTIONS,
]
OUTGOING_LAST = [SKOS.exactMatch, OWL.sameAs, PROV.wasDerivedFrom]
#: The order of the incoming links: a person's meetings and groups first.
INCOMING_ORDER = [
    MKG.present,
    MKG.absent,
    ORG.member,
    MKG.presenter,
    MKG.interviewer,
    MKG.interviewee,
    MKG.owner,
    MKG.agendaItem,
    MKG.heldBy,
    MKG.inCollaborationWith,
    MKG.invited,
    ORG.organization,
    ORG.role,
    ORG.subOrganizationOf,
    MKG.worksOn,
    MKG.case,
    MKG.attachment,
    DCT.isPartOf,
    MKG.discusses,
    MKG.recommendedBy,
    MKG.statedAt,
]
INCOMING_LAST = [OWL.sameAs, PROV.wasDerivedFrom]
#: How an incoming link reads from its object's side.
INVERSE = {
    MKG.present: "present at",
    MKG.absent: "absent from",
    ORG.member: "memberships and roles",
    MKG.presenter: "presented",
    MKG.interviewer: "interviewer at",
    MKG.interviewee: "interviewed at",
    MKG.owner: "owner of",
    MKG.agendaItem: "on the agenda of",
    MKG.heldBy: "meetings",
    MKG.inCollaborationWith: "meetings held in collaboration",
    MKG.invited: "invited to",
    ORG.organization: "members",
    ORG.role: "held by",
    ORG.subOrganizationOf: "has as part",
    MKG.worksOn: "worked on by",
    MKG.case: "agenda items of this case",
    MKG.attachment: "attached to",
    DCT.isPartOf: "has as part",
    MKG.discusses: "discussed in",
    MKG.recommendedBy: "recommended",
    MKG.statedAt: "memberships stated at",
    MKG.resolvedFrom: "facts resolved from this document",
    SKOS.inScheme: "concepts",
    DCT.type: "documents of this kind",
    PROV.used: "used by",
    PROV.wasAssociatedWith: "activities",
    PROV.wasDerivedFrom: "derived from this document",
    OWL.sameAs: "former identifiers",
}
#: Readable names of the standard terms (the ontology's own labels name the mkg: terms).
STANDARD_LABELS = {
    RDF.type: "type",
    RDF.subject: "subject",
    RDF.predicate: "predicate",
    RDF.object: "object",
    RDF.Statement: "statement",
    RDFS.label: "label",
    SKOS.altLabel: "also written",
    SKOS.prefLabel: "preferred label",
    SKOS.inScheme: "in scheme",
    SKOS.exactMatch: "same concept as",
    SKOS.Concept: "concept",
    SKOS.ConceptScheme: "concept scheme",
    FOAF.name: "name",
    DCT.title: "title",
    DCT.identifier: "identifier",
    DCT.type: "kind of document",
    DCT.format: "format",
    DCT.language: "language",
    DCT.isPartOf: "part of",
    PROV.startedAtTime: "start",
    PROV.endedAtTime: "end",
    PROV.atLocation: "place",
    PROV.wasDerivedFrom: "source document",
    PROV.used: "used",
    PROV.wasAssociatedWith: "run by",
    PROV.Activity: "activity",
    PROV.SoftwareAgent: "software agent",
    ORG.member: "member",
    ORG.organization: "organisation",
    ORG.role: "role",
    ORG.subOrganizationOf: "part of",
    ORG.Membership: "membership",
    ORG.Role: "role",
    ORG.Organization: "organisation",
    ORG.OrganizationalUnit: "organisational unit",
    OWL.sameAs: "same as",
    PERSON.Person: "person",
}


@cache
def prefixes(base: str) -> dict[str, str]:
    """The vocabulary's prefixes and one per kind of minted IRI (``meeting:``, ``people:``).

    >>> prefixes("http://localhost:8000/")["people"]
    'http://localhost:8000/id/person/'
    >>> prefixes("http://localhost:8000/")["person"]
    'http://www.w3.org/ns/person#'
    """
    return {**PREFIXES, **Minter(base).prefixes()}


def compact(iri: str, namespaces: dict[str, str]) -> str | None:
    """``prefix:local`` for an IRI in one of the namespaces (the longest that fits), or None.

    >>> compact("https://w3id.org/minutes-kg/ontology#Meeting", PREFIXES)
    'mkg:Meeting'
    """
    best: tuple[int, str] | None = None
    for name, namespace in namespaces.items():
        if iri.startswith(namespace) and (best is None or len(namespace) > best[0]):
            local = iri[len(namespace) :]
            if local and not any(c in local for c in "/#?<>\"' "):
                best = (len(namespace), f"{name}:{local}")
    return best[1] if best else None


@lru_cache(maxsize=1 << 16)
def compact_in(iri: str, base: str) -> str:
    """`compact` in the namespaces of ``base``, or the IRI itself; remembered (a page
    compacts the same few properties and types many times)."""
    return compact(iri, prefixes(base)) or iri


@cache
def term_labels(lang: Language = Language.EN) -> dict[str, str]:
    """A readable name for each vocabulary term in ``lang``: the ontology's ``rdfs:label``
    in that language, else a name from a small table of the standard terms."""
    labels: dict[str, str] = {}
    try:
        folder = data_folder("ontology")
    except KgError:
        folder = None
    if folder is not None:
        for path in sorted(folder.glob("*.ttl")):
            for quad in ox.parse(path=path, format=ox.RdfFormat.TURTLE):
                obj = quad.object
                if (
                    quad.predicate == LABEL
                    and isinstance(quad.subject, ox.NamedNode)
                    and isinstance(obj, ox.Literal)
                    and obj.language == lang.value
                ):
                    labels.setdefault(quad.subject.value, obj.value)
    locale = Locale(lang)
    for iri, label in STANDARD_LABELS.items():
        labels.setdefault(iri, locale(label))
    return labels


def rank(order: Sequence[str], last: Sequence[str], iri: str, name: str) -> tuple[int, int, str]:
    if iri in order:
        return (0, order.index(iri), "")
    if iri in last:
        return (2, last.index(iri), "")
    return (1, 0, name)
