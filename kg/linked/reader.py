"""The reader of a resource's page: index lookups about the resource and the nodes it
links to, each remembered for the request (and, for linked nodes' properties, in a `Memo`
for the application's life).

Every lookup is an index pattern (``quads_for_pattern``) about the resource or a node it
links to, in the default graph (`kg.linked.lookups`) or, for provenance, in the document
graphs: a page never scans the store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.iri import Kind, Minter
from kg.linked.i18n import Locale
from kg.linked.lookups import (
    DEFAULT,
    Memo,
    Node,
    Term,
    distinct_objects,
    distinct_pairs,
    stated_pairs,
)
from kg.linked.model import Entry, Link, Source, Summary
from kg.linked.terms import (
    AGENDA_ITEM,
    GENID,
    LABEL_LANGUAGES,
    LABEL_PREDICATES,
    MEMBER,
    NUMBER,
    ORGANIZATION,
    PREDICATE,
    PUBLIC,
    ROLE,
    STARTED,
    SUBJECT,
    compact_in,
    prefixes,
    term_labels,
)
from kg.store.protocol import QueryStore
from kg.vocab import DCT, MKG, PROV, RDF

_N = ox.NamedNode

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
    _summaries: dict[tuple[Node, Node], Summary] = field(default_factory=dict)
    _statements: dict[Node, bool] = field(default_factory=dict)

    @property
    def namespaces(self) -> dict[str, str]:
        return prefixes(self.base)

    # -- triples

    def pairs(self, node: Node) -> list[tuple[ox.NamedNode, Term]]:
        """Every (predicate, object) of ``node`` across the graphs, each once, in store order."""
        if node not in self._pairs:
            found = distinct_pairs(self.store, node)
            if not found and self.is_statement(node):  # read in its document's graph
                found = stated_pairs(self.store, node)
            self._pairs[node] = found
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
        """Whether ``node`` is a reified statement (the plumbing of provenance), which its
        document's graph holds (the default graph holds no citations)."""
        if node not in self._statements:
            self._statements[node] = (
                isinstance(node, ox.NamedNode)
                and node.value.startswith(self.base + GENID)
                and next(self.store.quads_for_pattern(node, SUBJECT, None, None), None) is not None
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
        """`link_href` on this site."""
        return link_href(iri, self.base, self.root)

    def compact(self, iri: str) -> str:
        return compact_in(iri, self.base)

    def term_label(self, iri: str) -> str | None:
        """The name of a vocabulary term in the page language, if it has one."""
        return term_labels(self.locale.lang).get(iri)

    def label(self, node: Node) -> tuple[str, str | None]:
        """The best label of ``node`` (the page language's, then untagged, then another)
        and its language."""
        if node in self._labels:
            return self._labels[node]
        found: tuple[str, str | None] | None = None
        for predicate in LABEL_PREDICATES:
            literals = [o for o in self.objects(node, predicate) if isinstance(o, ox.Literal)]
            if literals:
                order = LABEL_LANGUAGES[self.locale.lang]
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

    def summary(self, node: Node, context: Node) -> Summary:
        """How ``node`` is listed on the page of ``context``, and its sort key: meetings by
        date, agenda items by meeting and number, memberships by their organisation."""
        if (node, context) not in self._summaries:
            self._summaries[node, context] = self._summarise(node, context)
        return self._summaries[node, context]

    def _summarise(self, node: Node, context: Node) -> Summary:
        link = self.link(node)
        label = self.label(node)[0]
        if link is None:
            return Summary(Entry(text=label), ("~", 0, label))
        kind = self.kind(node)
        if kind is Kind.MEETING:
            start = self.lexical(node, STARTED)
            return Summary(Entry(link=link), (start, 0, label.casefold()))
        if kind is Kind.ITEM:
            return self._summarise_item(node, context, link)
        if kind is Kind.MEMBERSHIP:
            return self._summarise_membership(node, context, link)
        return Summary(Entry(link=link), ("", 0, label.casefold()))

    def _summarise_item(self, node: Node, context: Node, link: Link) -> Summary:
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
        return Summary(entry, (start, number or 0, link.text.casefold()))

    def _summarise_membership(self, node: Node, context: Node, link: Link) -> Summary:
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
            return Summary(entry, ("", 0, shown.text.casefold()))
        return Summary(Entry(link=link), ("", 0, link.text.casefold()))

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
            sources.sort(key=source_order)
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


def source_order(source: Source) -> tuple[str, list[int]]:
    """Sources by document, then page and line as numbers."""
    return (source.document.text, [int(n) for n in re.findall(r"\d+", source.where)])


def successor(pairs: list[tuple[ox.NamedNode, Term]]) -> str | None:
    """The IRI a retired resource became (its ``owl:sameAs``; the first in IRI order,
    should there be several), or None when it names none."""
    targets = sorted((o for _, o in pairs if isinstance(o, ox.NamedNode)), key=str)
    return targets[0].value if targets else None


def link_href(iri: str, base: str, root: str) -> str:
    """The path of an IRI of this dataset on a site whose base IRI is served at ``root``;
    any other web IRI as it is; "" (no link) for other schemes, so that data cannot link
    to ``javascript:``.

    >>> link_href("http://localhost:8000/id/person/x", "http://localhost:8000/", "")
    '/id/person/x'
    >>> link_href("javascript:alert(1)", "http://localhost:8000/", "")
    ''
    """
    if iri.startswith(base):
        return f"{root}/{iri[len(base) :]}"
    return iri if iri.startswith(("http://", "https://")) else ""
