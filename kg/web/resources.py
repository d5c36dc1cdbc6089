"""Linked data: every IRI the graph mints dereferences on the server.

``GET /id/{kind}/{slug}`` answers for the resource ``{base}id/{kind}/{slug}`` (``base`` from
the settings), whatever host and port the server runs on, and ``GET /.well-known/genid/{id}``
for the skolem nodes (the reified statements that say where each fact came from):

- an HTML page for browsers; Turtle, JSON-LD, N-Triples or RDF/XML by ``Accept``, or by a
  ``.ttl``, ``.jsonld``, ``.nt``, ``.rdf`` (or ``.html``) suffix, which wins; 406 when
  ``Accept`` allows none of them;
- the RDF is the resource's description: every triple with it as subject in the default
  graph (the union of the graphs, each triple once), plus the labels of the IRIs it links
  to;
- 404 for an IRI that nothing describes; a retired IRI (the subject of ``owl:sameAs`` and
  nothing else) answers 301 to its successor's path, keeping the suffix;
- the page shows the label, the types, the properties with linked values, the incoming
  links grouped by property with counts, and for each fact its source document, page,
  lines and source text, read from the ``rdf:Statement`` nodes.

Every lookup is an index pattern (``quads_for_pattern``) about the resource or a node it
links to, in the default graph (`kg.web.lookups`) or, for provenance, in the document
graphs: a page never scans the store. What
pages read about linked nodes (labels, dates, numbers) is remembered for the life of the
application (`kg.web.lookups.Memo`), since the store does not change while served.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from kg.errors import KgError
from kg.iri import Kind, Minter
from kg.resources import data_folder
from kg.store.protocol import QueryStore
from kg.vocab import DCT, FOAF, MKG, ORG, OWL, PERSON, PREFIXES, PROV, RDF, RDFS, SKOS, XSD
from kg.web.errors import HttpError
from kg.web.i18n import Language, Locale, remember, request_locale, switch_href
from kg.web.lookups import DEFAULT, Memo, distinct_links, distinct_objects, distinct_pairs
from kg.web.media import Media, negotiate
from kg.web.state import state

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Node = ox.NamedNode | ox.BlankNode

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

#: What a resource answers, in order of preference when ``Accept`` allows anything.
OFFERED = [Media.HTML, Media.TURTLE, Media.JSONLD, Media.NTRIPLES, Media.RDFXML]
#: The alternate formats a page links to: suffix, media type, name.
ALTERNATES = (
    ("ttl", Media.TURTLE, "Turtle"),
    ("jsonld", Media.JSONLD, "JSON-LD"),
    ("nt", Media.NTRIPLES, "N-Triples"),
    ("rdf", Media.RDFXML, "RDF/XML"),
)
#: Most incoming links a page lists per property (then "and N more").
MAX_LINKS = 50
#: Past this many incoming links of one property, they are listed in IRI order rather
#: than looked up one by one to be sorted by date, number or label.
MAX_SORTED = 1000
GENID = ".well-known/genid/"
#: Texts longer than this (or holding a line break) are shown as paragraphs.
LONG_TEXT = 200

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
_LABELS = [LABEL, _N(SKOS.prefLabel), _N(FOAF.name), _N(DCT.title)]
#: Label languages for each page language, best first (no tag between the two).
_LANGUAGES: dict[Language, dict[str | None, int]] = {
    Language.DA: {"da": 0, None: 1, "en": 2},
    Language.EN: {"en": 0, None: 1, "da": 2},
}
#: The section texts of an agenda item, in the order of the minutes.
SECTIONS = [MKG.summary, MKG.background, MKG.recommendation, MKG.priorDecisions, MKG.decision]
#: The order of a page's properties: what a reader looks for first.
_OUTGOING_ORDER = [
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
_OUTGOING_LAST = [SKOS.exactMatch, OWL.sameAs, PROV.wasDerivedFrom]
#: The order of the incoming links: a person's meetings and groups first.
_INCOMING_ORDER = [
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
_INCOMING_LAST = [OWL.sameAs, PROV.wasDerivedFrom]
#: How an incoming link reads from its object's side.
_INVERSE = {
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
_STANDARD_LABELS = {
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
router = APIRouter(tags=["linked data"])


# ---------------------------------------------------------------- vocabulary


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
def _compact(iri: str, base: str) -> str:
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
    for iri, label in _STANDARD_LABELS.items():
        labels.setdefault(iri, locale(label))
    return labels


def _rank(order: Sequence[str], last: Sequence[str], iri: str, name: str) -> tuple[int, int, str]:
    if iri in order:
        return (0, order.index(iri), "")
    if iri in last:
        return (2, last.index(iri), "")
    return (1, 0, name)


# ---------------------------------------------------------------- the page's model


@dataclass(frozen=True)
class Link:
    href: str
    text: str
    lang: str | None = None
    #: The full IRI, shown on hover.
    title: str = ""
    #: Not a resource of this dataset.
    external: bool = False


@dataclass(frozen=True)
class Source:
    """Where one fact was read: a document, and page and lines (or the document the fact
    was resolved from), and the text as written when it differs from the value."""

    document: Link
    where: str = ""
    resolved_from: Link | None = None
    text: str | None = None
    #: The document as published (its URL, or the file it was read from), and when.
    origin: Link | None = None
    published: str = ""


@dataclass(frozen=True)
class Entry:
    """One value of a property (a link or a literal), or one resource linking here."""

    link: Link | None = None
    text: str = ""
    lang: str | None = None
    #: The compact datatype of a literal that is not a plain string.
    datatype: str | None = None
    #: A date-time value in its lexical form, for ``<time datetime=…>``.
    machine: str | None = None
    note: str = ""
    aside: Link | None = None
    sources: tuple[Source, ...] = ()
    #: How the value was written in the documents, where that differs from it (when the
    #: row states the sources once for all its values).
    written: tuple[str, ...] = ()
    long: bool = False


@dataclass(frozen=True)
class Row:
    """A property of the resource with its values; ``sources`` when all values share them."""

    predicate: Link
    compact: str
    entries: tuple[Entry, ...]
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Group:
    """The resources linking here by one property."""

    predicate: Link
    compact: str
    label: str
    count: int
    entries: tuple[Entry, ...]
    more: int


@dataclass(frozen=True)
class TypeView:
    label: str
    compact: str
    href: str


@dataclass(frozen=True)
class Alternate:
    suffix: str
    media: str
    name: str
    href: str


@dataclass(frozen=True)
class Page:
    iri: str
    path: str
    title: str
    lang: str | None
    types: tuple[TypeView, ...]
    #: A line of context under the title: a meeting's committee, time and place.
    lead: tuple[Entry, ...]
    rows: tuple[Row, ...]
    texts: tuple[Row, ...]
    incoming: tuple[Group, ...]
    alternates: tuple[Alternate, ...]
    root: str
    #: The language the page is written in.
    locale: Locale = field(default_factory=Locale)


@dataclass(frozen=True)
class _Summary:
    entry: Entry
    key: tuple[str, int, str]


# ---------------------------------------------------------------- reading the store


@dataclass
class Reader:
    """Index lookups over the default graph (the union of the graphs, each triple once) for
    one request, remembered; the properties of linked nodes (labels, dates, numbers) also
    in ``memo``, for the application's life."""

    store: QueryStore
    base: str
    #: The path the application is mounted at ("" at the root), for links.
    root: str = ""
    memo: Memo | None = None
    #: The page language: which labels are chosen and how values are written.
    locale: Locale = field(default_factory=Locale)
    #: Links to this dataset's resources say the full IRI on hover; a site served at its
    #: base IRI (`kg publish`) has it in the link's address already.
    iri_titles: bool = True
    _pairs: dict[Node, list[tuple[ox.NamedNode, Term]]] = field(default_factory=dict)
    _labels: dict[Node, tuple[str, str | None]] = field(default_factory=dict)
    _summaries: dict[tuple[Node, Node], _Summary] = field(default_factory=dict)
    _statements: dict[Node, bool] = field(default_factory=dict)

    @property
    def namespaces(self) -> dict[str, str]:
        return prefixes(self.base)

    # -- triples

    def pairs(self, node: Node) -> list[tuple[ox.NamedNode, Term]]:
        """Every (predicate, object) of ``node`` across the graphs, each once, in store order."""
        if node not in self._pairs:
            self._pairs[node] = distinct_pairs(self.store, node)
        return self._pairs[node]

    def objects(self, node: Node, predicate: ox.NamedNode) -> list[Term]:
        if node in self._pairs:
            return [o for p, o in self._pairs[node] if p == predicate]
        if self.memo is not None:
            return self.memo.objects(self.store, node, predicate)
        return distinct_objects(self.store, node, predicate)

    def first(self, node: Node, predicate: ox.NamedNode) -> Term | None:
        found = self.objects(node, predicate)
        return min(found, key=str) if found else None

    def subjects(self, predicate: ox.NamedNode, obj: Term) -> list[Node]:
        found = self.store.quads_for_pattern(None, predicate, obj, DEFAULT)
        return [q.subject for q in found if not isinstance(q.subject, ox.Triple)]

    def is_statement(self, node: Node) -> bool:
        """Whether ``node`` is a reified statement (the plumbing of provenance)."""
        if node not in self._statements:
            self._statements[node] = (
                isinstance(node, ox.NamedNode)
                and node.value.startswith(self.base + GENID)
                and next(self.store.quads_for_pattern(node, TYPE, STATEMENT, DEFAULT), None)
                is not None
            )
        return self._statements[node]

    # -- names and links

    def kind(self, node: Term) -> Kind | None:
        if not isinstance(node, ox.NamedNode):
            return None
        split = Minter(self.base).split(node.value)
        return split[0] if split else None

    def local(self, iri: str) -> bool:
        return iri.startswith(self.base)

    def href(self, iri: str) -> str:
        """The path on this server of an IRI of this dataset; any other web IRI as it is;
        "" (no link) for other schemes, so that data cannot link to ``javascript:``."""
        if self.local(iri):
            return f"{self.root}/{iri[len(self.base) :]}"
        return iri if iri.startswith(("http://", "https://")) else ""

    def compact(self, iri: str) -> str:
        return _compact(iri, self.base)

    def term_label(self, iri: str) -> str | None:
        """The name of a vocabulary term in the page language, if it has one."""
        return term_labels(self.locale.lang).get(iri)

    def label(self, node: Node) -> tuple[str, str | None]:
        """The best label of ``node`` (the page language's, then untagged, then another)
        and its language."""
        if node in self._labels:
            return self._labels[node]
        found: tuple[str, str | None] | None = None
        for predicate in _LABELS:
            literals = [o for o in self.objects(node, predicate) if isinstance(o, ox.Literal)]
            if literals:
                order = _LANGUAGES[self.locale.lang]
                best = min(literals, key=lambda lit: (order.get(lit.language, 3), lit.value))
                found = (best.value, best.language)
                break
        if found is None:
            found = self._made_up_label(node)
        self._labels[node] = found
        return found

    def _made_up_label(self, node: Node) -> tuple[str, str | None]:
        t = self.locale
        if isinstance(node, ox.BlankNode):
            return (t("(blank node)"), t.lang.value)
        if self.kind(node) is Kind.MEMBERSHIP:
            parts = [self._label_of(self.first(node, p)) for p in (MEMBER, ROLE, ORGANIZATION)]
            text = " — ".join(p for p in parts if p)
            if text:
                return (t("Membership: {text}", text=text), None)
        if self.is_statement(node):
            about = self.first(node, SUBJECT)
            said = self.first(node, PREDICATE)
            if isinstance(about, ox.NamedNode) and isinstance(said, ox.NamedNode):
                said_name = self.term_label(said.value) or self.compact(said.value)
                return (
                    t("Statement: {name} of {about}", name=said_name, about=self.label(about)[0]),
                    None,
                )
        if (name := self.term_label(node.value)) is not None:
            return (name, t.lang.value)
        return (self.compact(node.value), None)

    def _label_of(self, term: Term | None) -> str:
        if isinstance(term, ox.NamedNode | ox.BlankNode):
            return self.label(term)[0]
        return ""

    def link(self, node: Node) -> Link | None:
        if isinstance(node, ox.BlankNode):
            return None
        text, lang = self.label(node)
        local = self.local(node.value)
        return Link(
            href=self.href(node.value),
            text=text,
            lang=lang,
            title=node.value if self.iri_titles or not local else "",
            external=not local,
        )

    def predicate_link(self, predicate: ox.NamedNode) -> Link:
        name = self.term_label(predicate.value) or self.compact(predicate.value)
        return Link(
            href=self.href(predicate.value), text=name, title=predicate.value, external=True
        )

    # -- summaries of linked resources

    def summary(self, node: Node, context: Node) -> _Summary:
        """How ``node`` is listed on the page of ``context``, and its sort key: meetings by
        date, agenda items by meeting and number, memberships by their organisation."""
        if (node, context) not in self._summaries:
            self._summaries[node, context] = self._summarise(node, context)
        return self._summaries[node, context]

    def _summarise(self, node: Node, context: Node) -> _Summary:
        link = self.link(node)
        label = self.label(node)[0]
        if link is None:
            return _Summary(Entry(text=label), ("~", 0, label))
        kind = self.kind(node)
        if kind is Kind.MEETING:
            start = self.lexical(node, STARTED)
            return _Summary(Entry(link=link), (start, 0, label.casefold()))
        if kind is Kind.ITEM:
            return self._summarise_item(node, context, link)
        if kind is Kind.MEMBERSHIP:
            return self._summarise_membership(node, context, link)
        return _Summary(Entry(link=link), ("", 0, label.casefold()))

    def _summarise_item(self, node: Node, context: Node, link: Link) -> _Summary:
        number = self.integer(node, NUMBER)
        public = self.first(node, PUBLIC)
        meetings = self.subjects(AGENDA_ITEM, node)
        meeting = min(meetings, key=str) if meetings else None
        start = self.lexical(meeting, STARTED) if meeting is not None else ""
        if number is not None:
            link = Link(link.href, f"{number}. {link.text}", link.lang, link.title, link.external)
        closed = isinstance(public, ox.Literal) and public.value in ("false", "0")
        aside = self.link(meeting) if meeting is not None and meeting != context else None
        entry = Entry(link=link, note=self.locale("closed item") if closed else "", aside=aside)
        return _Summary(entry, (start, number or 0, link.text.casefold()))

    def _summarise_membership(self, node: Node, context: Node, link: Link) -> _Summary:
        member = self.first(node, MEMBER)
        organization = self.first(node, ORGANIZATION)
        role = self.first(node, ROLE)
        role_name = self._label_of(role)
        aside = Link(link.href, self.locale("membership"), title=link.title)
        other: Term | None = None
        if member == context:
            other = organization
        elif organization == context:
            other = member
        if isinstance(other, ox.NamedNode) and (shown := self.link(other)) is not None:
            entry = Entry(link=shown, note=role_name, aside=aside)
            return _Summary(entry, ("", 0, shown.text.casefold()))
        return _Summary(Entry(link=link), ("", 0, link.text.casefold()))

    def lexical(self, node: Node, predicate: ox.NamedNode) -> str:
        value = self.first(node, predicate)
        return value.value if isinstance(value, ox.Literal) else ""

    def integer(self, node: Node, predicate: ox.NamedNode) -> int | None:
        try:
            return int(self.lexical(node, predicate))
        except ValueError:
            return None

    # -- provenance

    def sources(self, node: Node) -> dict[tuple[ox.NamedNode, Term], list[Source]]:
        """For each fact (predicate, object) about ``node``, where it came from: read from
        the ``rdf:Statement`` nodes whose ``rdf:subject`` it is, in each graph."""
        found: dict[tuple[ox.NamedNode, Term], list[Source]] = {}
        for quad in self.store.quads_for_pattern(None, SUBJECT, node, None):
            statement = quad.subject
            if isinstance(statement, ox.Triple) or isinstance(quad.graph_name, ox.DefaultGraph):
                continue  # each statement is read in its document's graph
            fields: dict[str, list[Term]] = {}
            for q in self.store.quads_for_pattern(statement, None, None, quad.graph_name):
                fields.setdefault(q.predicate.value, []).append(q.object)
            predicates = fields.get(RDF.predicate, [])
            objects = fields.get(RDF.object, [])
            if not predicates or not objects or not isinstance(predicates[0], ox.NamedNode):
                continue
            source = self._source(fields, objects[0], quad.graph_name)
            if source is not None:
                sources = found.setdefault((predicates[0], objects[0]), [])
                if source not in sources:
                    sources.append(source)
        for sources in found.values():
            sources.sort(key=_source_order)
        return found

    def _source(
        self,
        fields: dict[str, list[Term]],
        obj: Term,
        graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph,
    ) -> Source | None:
        documents = fields.get(PROV.wasDerivedFrom) or (
            [graph] if isinstance(graph, ox.NamedNode) else []
        )
        document = documents[0] if documents else None
        if not isinstance(document, ox.NamedNode):
            return None
        doc_link = self.link(document)
        assert doc_link is not None

        def number(iri: str) -> str:
            values = fields.get(iri, [])
            return values[0].value if values and isinstance(values[0], ox.Literal) else ""

        t = self.locale
        where = ""
        page, first, last = number(MKG.page), number(MKG.firstLine), number(MKG.lastLine)
        if page:
            where = t("page {n}", n=page)
        if first:
            lines = (
                t("line {n}", n=first)
                if not last or last == first
                else t("lines {first}–{last}", first=first, last=last)
            )
            where = f"{where}, {lines}" if where else lines
        pointer = number(MKG.jsonPointer)  # a fact read from JSON: its path there
        if pointer:
            where = pointer
        resolved = fields.get(MKG.resolvedFrom, [])
        resolved_from = (
            self.link(resolved[0]) if resolved and isinstance(resolved[0], ox.NamedNode) else None
        )
        texts = fields.get(MKG.sourceText, [])
        text = texts[0].value if texts and isinstance(texts[0], ox.Literal) else None
        lexical = obj.value if isinstance(obj, ox.Literal | ox.NamedNode) else None
        if text is not None and text.strip() == (lexical or "").strip():
            text = None
        origin, published = self.origin(document)
        return Source(
            document=doc_link,
            where=where,
            resolved_from=resolved_from,
            text=text,
            origin=origin,
            published=published,
        )

    def origin(self, document: ox.NamedNode) -> tuple[Link | None, str]:
        """Where a source document was published (``dct:source``: its URL, or the file it
        was read from) and when (``dct:issued``, as the page writes a date)."""
        link: Link | None = None
        source = self.first(document, _N(DCT.source))
        if isinstance(source, ox.NamedNode | ox.Literal):
            value = source.value
            href = value if value.startswith(("http://", "https://")) else ""
            link = Link(href=href, text=value, title=value, external=bool(href))
        issued = self.lexical(document, _N(DCT.issued))
        return link, (self.locale.day(issued) if issued else "")


def _source_order(source: Source) -> tuple[str, list[int]]:
    """Sources by document, then page and line as numbers."""
    return (source.document.text, [int(n) for n in re.findall(r"\d+", source.where)])


# ---------------------------------------------------------------- the description (RDF)


def description(reader: Reader, node: ox.NamedNode) -> list[ox.Triple]:
    """The triples with ``node`` as subject, the labels of the IRIs it links to, and the
    triples of the blank nodes it links to (a concise bounded description)."""
    triples: dict[ox.Triple, None] = {}
    linked: dict[ox.NamedNode, None] = {}
    todo: list[Node] = [node]
    done: set[Node] = set()
    while todo:
        subject = todo.pop(0)
        if subject in done:
            continue
        done.add(subject)
        for predicate, obj in reader.pairs(subject):
            triples[ox.Triple(subject, predicate, obj)] = None
            if isinstance(obj, ox.BlankNode) and len(done) < 100:
                todo.append(obj)
            elif isinstance(obj, ox.NamedNode) and obj != node:
                linked[obj] = None
    for target in linked:
        for label in reader.objects(target, LABEL):
            triples[ox.Triple(target, LABEL, label)] = None
    return list(triples)


def serialize(triples: Iterable[ox.Triple], media: Media, namespaces: dict[str, str]) -> bytes:
    """Triples in an RDF media type, with the prefixes that they use where the format
    has them."""
    rdf_format = media.rdf_format
    assert rdf_format is not None, media
    triples = list(triples)
    namespaces = used_prefixes(triples, namespaces)
    if media is Media.JSONLD:
        # pyoxigraph writes expanded JSON-LD; the prefixes go into a context beside it.
        expanded = json.loads(ox.serialize(triples, format=rdf_format) or b"[]")
        nodes = expanded.get("@graph", [expanded]) if isinstance(expanded, dict) else expanded
        document = {"@context": namespaces, "@graph": nodes}
        return json.dumps(document, ensure_ascii=False, indent=1).encode()
    if media is Media.NTRIPLES:
        return ox.serialize(triples, format=rdf_format) or b""
    return ox.serialize(triples, format=rdf_format, prefixes=namespaces) or b""


#: The datatypes of plain and language-tagged literals, which no serialisation writes.
_UNWRITTEN = {XSD.string, RDF.langString}


def used_prefixes(triples: Iterable[ox.Triple], namespaces: dict[str, str]) -> dict[str, str]:
    """The namespaces that an IRI of the triples (or a literal's datatype, when written)
    is in; a resource's description uses a few of the thirty, which were half of its
    Turtle.

    >>> x = ox.NamedNode(PREFIXES["mkg"] + "x")
    >>> t = ox.Triple(x, ox.NamedNode(RDFS.label), ox.Literal("x"))
    >>> sorted(used_prefixes([t], PREFIXES))
    ['mkg', 'rdfs']
    >>> one = ox.Literal("1", datatype=ox.NamedNode(XSD.integer))
    >>> sorted(used_prefixes([ox.Triple(x, x, one)], PREFIXES))
    ['mkg', 'xsd']
    """
    iris: set[str] = set()
    for triple in triples:
        for term in (triple.subject, triple.predicate, triple.object):
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
            elif isinstance(term, ox.Literal) and term.datatype.value not in _UNWRITTEN:
                iris.add(term.datatype.value)
    return {
        name: namespace
        for name, namespace in namespaces.items()
        if any(iri.startswith(namespace) for iri in iris)
    }


# ---------------------------------------------------------------- the page (HTML)


def build_page(reader: Reader, node: ox.NamedNode) -> Page:
    """What the HTML page of ``node`` shows."""
    pairs = reader.pairs(node)
    sources = reader.sources(node)
    values: dict[ox.NamedNode, list[Term]] = {}
    for predicate, obj in pairs:
        values.setdefault(predicate, []).append(obj)
    title, lang = reader.label(node)
    types = tuple(
        TypeView(
            label=reader.term_label(t.value) or reader.compact(t.value),
            compact=reader.compact(t.value),
            href=reader.href(t.value),
        )
        for t in sorted(values.pop(TYPE, []), key=str)
        if isinstance(t, ox.NamedNode)
    )
    labels = values.get(LABEL, [])
    if len(labels) == 1 and isinstance(labels[0], ox.Literal) and labels[0].value == title:
        del values[LABEL]  # it is the title
    rows: list[Row] = []
    texts: list[Row] = []
    order = sorted(
        values,
        key=lambda p: _rank(_OUTGOING_ORDER, _OUTGOING_LAST, p.value, reader.compact(p.value)),
    )
    for predicate in order:
        row = _row(reader, node, predicate, values[predicate], sources)
        (texts if any(e.long for e in row.entries) else rows).append(row)
    base_path = reader.href(node.value)
    return Page(
        iri=node.value,
        path=base_path,
        title=title,
        lang=lang,
        types=types,
        lead=_lead(reader, node),
        rows=tuple(rows),
        texts=tuple(texts),
        incoming=tuple(_incoming(reader, node)),
        alternates=tuple(
            Alternate(suffix, media.value, name, f"{base_path}.{suffix}")
            for suffix, media, name in ALTERNATES
        ),
        root=reader.root,
        locale=reader.locale,
    )


def _row(
    reader: Reader,
    node: ox.NamedNode,
    predicate: ox.NamedNode,
    objects: list[Term],
    sources: dict[tuple[ox.NamedNode, Term], list[Source]],
) -> Row:
    keyed: list[tuple[tuple[str, int, str], Entry]] = []
    for obj in objects:
        if isinstance(obj, ox.Literal):
            entry = _literal(reader, predicate, obj)
            key: tuple[str, int, str] = ("", 0, obj.value)
        elif isinstance(obj, ox.NamedNode | ox.BlankNode):
            summary = reader.summary(obj, node)
            entry, key = summary.entry, summary.key
        else:
            entry, key = Entry(text=str(obj)), ("", 0, str(obj))
        shown = entry.link.text if entry.link else entry.text
        facts = tuple(
            dict.fromkeys(
                replace(s, text=None) if s.text is not None and s.text.strip() == shown else s
                for s in sources.get((predicate, obj), ())
            )
        )
        keyed.append((key, replace(entry, sources=facts)))
    keyed.sort(key=lambda pair: pair[0])
    entries = tuple(entry for _, entry in keyed)
    # Where every value was read at the same places (a list of names on one line), the
    # places are said once for the row, and each value keeps only how it was written.
    places = [tuple(dict.fromkeys(replace(s, text=None) for s in e.sources)) for e in entries]
    shared: tuple[Source, ...] = ()
    if places and places[0] and all(p == places[0] for p in places) and not entries[0].long:
        shared = places[0]
        entries = tuple(
            replace(
                e,
                sources=(),
                written=tuple(dict.fromkeys(s.text for s in e.sources if s.text is not None)),
            )
            for e in entries
        )
    return Row(
        predicate=reader.predicate_link(predicate),
        compact=reader.compact(predicate.value),
        entries=entries,
        sources=shared,
    )


def _literal(reader: Reader, predicate: ox.NamedNode, literal: ox.Literal) -> Entry:
    t = reader.locale
    datatype = literal.datatype.value
    shown = None if datatype in (XSD.string, RDF.langString) else reader.compact(datatype)
    text = literal.value
    if datatype == XSD.dateTime:
        return Entry(text=t.moment(text), datatype=shown, machine=text)
    if datatype == XSD.date:
        return Entry(text=t.day(text), datatype=shown, machine=text)
    if datatype in (XSD.integer, XSD.decimal):
        text = t.number(text, None if datatype == XSD.integer else 2)
    if datatype == XSD.boolean:
        yes = text in ("true", "1")
        if predicate.value == MKG.public:
            text = t("open (public)") if yes else t("closed (not public)")
        else:
            text = t("yes") if yes else t("no")
    long = predicate.value in SECTIONS or "\n" in text or len(text) > LONG_TEXT
    return Entry(text=text, lang=literal.language, datatype=shown, long=long)


def _lead(reader: Reader, node: ox.NamedNode) -> tuple[Entry, ...]:
    """A meeting's committee, time and place; an agenda item's meeting, number and status."""
    kind = reader.kind(node)
    lead: list[Entry] = []
    if kind is Kind.MEETING:
        for committee in reader.objects(node, HELD_BY):
            if isinstance(committee, ox.NamedNode) and (link := reader.link(committee)):
                lead.append(Entry(link=link))
        start = reader.lexical(node, STARTED)
        if start:
            when = reader.locale.span(start, reader.lexical(node, ENDED))
            lead.append(Entry(text=when, machine=start))
        place = reader.lexical(node, PLACE)
        if place:
            lead.append(Entry(text=place))
    elif kind is Kind.ITEM:
        for meeting in reader.subjects(AGENDA_ITEM, node):
            if (link := reader.link(meeting)) is not None:
                lead.append(Entry(link=link))
        number = reader.integer(node, NUMBER)
        if number is not None:
            lead.append(Entry(text=reader.locale("item {n}", n=number)))
        public = reader.first(node, PUBLIC)
        if isinstance(public, ox.Literal):
            yes = public.value in ("true", "1")
            lead.append(Entry(text=reader.locale("open" if yes else "closed")))
    return tuple(lead)


def _incoming(reader: Reader, node: ox.NamedNode) -> list[Group]:
    """The resources linking to ``node``, grouped by property (statements left out: they
    are the provenance of facts, shown beside each fact)."""
    groups: dict[ox.NamedNode, dict[Node, None]] = {}
    for subject, predicate in distinct_links(reader.store, node):
        if predicate in (SUBJECT, OBJECT, PREDICATE) or not isinstance(subject, Node):
            continue
        if subject == node or reader.is_statement(subject):
            continue
        groups.setdefault(predicate, {})[subject] = None
    order = sorted(
        groups,
        key=lambda p: _rank(_INCOMING_ORDER, _INCOMING_LAST, p.value, reader.compact(p.value)),
    )
    found = []
    for predicate in order:
        subjects = list(groups[predicate])
        if len(subjects) > MAX_SORTED:
            chosen = sorted(subjects, key=str)[:MAX_LINKS]
            summaries = [reader.summary(s, node) for s in chosen]
        else:
            summaries = sorted((reader.summary(s, node) for s in subjects), key=lambda s: s.key)
        shown = tuple(s.entry for s in summaries[:MAX_LINKS])
        name = reader.term_label(predicate.value) or reader.compact(predicate.value)
        inverse = _INVERSE.get(predicate.value)
        found.append(
            Group(
                predicate=reader.predicate_link(predicate),
                compact=reader.compact(predicate.value),
                label=reader.locale(inverse)
                if inverse
                else reader.locale("is {name} of", name=name),
                count=len(subjects),
                entries=shown,
                more=len(subjects) - len(shown),
            )
        )
    return found


@cache
def templates() -> Environment:
    """The page templates; every value is escaped unless a template says otherwise. Each
    is read once per process (no check of the file on every use: a stat per page was a
    tenth of a page's time under load)."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        auto_reload=False,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(page: Page, *, switch: str | None = None, built: str = "") -> str:
    """The HTML of a resource's page, in the page's language; ``switch`` links the other
    language's page, ``built`` says when the data was built."""
    from kg.web.html import context

    values = context(page.locale, root=page.root, switch=switch, built=built)
    return templates().get_template("resource.html").render(page=page, **values)


# ---------------------------------------------------------------- routes

_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The resource: an HTML page, or its description in RDF",
        "content": {m.value: {} for m in OFFERED},
    },
    301: {"description": "A retired IRI: the resource it became"},
    404: {"description": "Nothing describes this IRI"},
    406: {"description": "Accept allows none of the formats"},
}


@router.get(
    "/id/{kind}/{slug}",
    name="resource",
    summary="A resource of the dataset (HTML, Turtle, JSON-LD, N-Triples, RDF/XML)",
    description=(
        "The resource whose IRI is `{base}id/{kind}/{slug}`. The format is chosen by the "
        "`Accept` header, or by a `.ttl`, `.jsonld`, `.nt`, `.rdf` or `.html` suffix on the "
        "slug, which wins."
    ),
    response_class=Response,
    responses=_RESPONSES,
)
@router.head("/id/{kind}/{slug}", name="resource-head", include_in_schema=False)
def resource(kind: str, slug: str, request: Request) -> Response:
    try:
        Kind(kind)
    except ValueError:
        raise HttpError(
            404,
            f"there is no kind of resource called {kind!r}",
            hint="the kinds are: " + ", ".join(k.value for k in Kind),
        ) from None
    return dereference(request, f"id/{kind}/", slug)


@router.get(
    "/.well-known/genid/{node}",
    name="skolem",
    summary="A skolem node: a reified statement saying where a fact came from",
    response_class=Response,
    responses=_RESPONSES,
)
@router.head("/.well-known/genid/{node}", name="skolem-head", include_in_schema=False)
def skolem(node: str, request: Request) -> Response:
    return dereference(request, GENID, node)


def split_suffix(segment: str) -> tuple[str, Media | None, str]:
    """The slug, the media type its suffix names and the suffix (slugs hold no dot).

    >>> split_suffix("gry-ravn.ttl")
    ('gry-ravn', <Media.TURTLE: 'text/turtle'>, 'ttl')
    >>> split_suffix("gry-ravn")
    ('gry-ravn', None, '')
    """
    stem, dot, suffix = segment.rpartition(".")
    if dot and stem:
        media = Media.from_suffix(suffix)
        if media in OFFERED:
            return stem, media, suffix
    return segment, None, ""


def dereference(request: Request, folder: str, segment: str) -> Response:
    """Answer for the IRI ``{base}{folder}{slug}`` in the format asked for."""
    app = state(request)
    base = app.settings.base_iri
    slug, media, suffix = split_suffix(segment)
    try:
        node = ox.NamedNode(f"{base}{folder}{slug}")
    except ValueError:
        raise HttpError(404, f"not an IRI of this dataset: {base}{folder}{slug}") from None
    root = str(request.scope.get("root_path", "")).rstrip("/")
    locale = request_locale(request)
    reader = Reader(app.store, base, root, memo=app.memo, locale=locale)
    pairs = reader.pairs(node)
    if not pairs:
        raise HttpError(
            404,
            f"nothing is known about {node.value}",
            hint="the SPARQL endpoint at /sparql lists what the dataset holds",
        )
    if all(predicate == SAME_AS for predicate, _ in pairs):
        return _redirect(reader, pairs, suffix)
    negotiated = media is None
    if media is None:
        media = negotiate(request.headers.get("accept"), OFFERED)
        if media is None:
            raise HttpError(
                406,
                "this resource is available as HTML, Turtle, JSON-LD, N-Triples and RDF/XML",
                hint="ask for one of: " + ", ".join(m.value for m in OFFERED),
            )
    path = reader.href(node.value)
    headers = {
        "Link": ", ".join(
            f'<{path}.{s}>; rel="alternate"; type="{m.value}"' for s, m, _ in ALTERNATES
        )
    }
    if negotiated:
        headers["Vary"] = "Accept"
        extension = "html" if media is Media.HTML else _suffix_of(media)
        headers["Content-Location"] = f"{path}.{extension}"
    if media is Media.HTML:
        switch = switch_href(request, locale.other)
        body = render(build_page(reader, node), switch=switch, built=app.built())
        page = HTMLResponse(body, headers=headers, media_type=media.content_type)
        return remember(request, page)
    data = serialize(description(reader, node), media, reader.namespaces)
    return Response(data, media_type=media.content_type, headers=headers)


def _suffix_of(media: Media) -> str:
    return next(s for s, m, _ in ALTERNATES if m is media)


def _redirect(reader: Reader, pairs: list[tuple[ox.NamedNode, Term]], suffix: str) -> Response:
    """301 to the resource a retired IRI became (the first, should there be several)."""
    targets = sorted((o for _, o in pairs if isinstance(o, ox.NamedNode)), key=str)
    if not targets:
        raise HttpError(404, "this IRI is retired and names no successor")
    target = targets[0].value
    location = reader.href(target)
    if suffix and reader.local(target):
        location = f"{location}.{suffix}"
    return RedirectResponse(location, status_code=301)


def mount_static(app: FastAPI) -> None:
    """Serve ``kg/web/static`` (the pages' style sheet) at ``/static``, once."""
    if any(getattr(route, "path", None) == "/static" for route in app.routes):
        return
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
