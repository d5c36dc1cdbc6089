"""The page of a resource: `build_page` reads what it shows through a `Reader`.

The page shows the label, the types, the properties with linked values, the incoming
links grouped by property with counts, and for each fact its source document, page,
lines and source text, read from the ``rdf:Statement`` nodes.
"""

from __future__ import annotations

from dataclasses import replace

import pyoxigraph as ox

from kg.formats import Media
from kg.iri import Kind
from kg.linked.lookups import Node, Term, distinct_links
from kg.linked.model import Alternate, Entry, Group, Page, Row, Source, TypeView
from kg.linked.reader import Reader
from kg.linked.terms import (
    AGENDA_ITEM,
    ENDED,
    HELD_BY,
    INCOMING_LAST,
    INCOMING_ORDER,
    INVERSE,
    LABEL,
    NUMBER,
    OBJECT,
    OUTGOING_LAST,
    OUTGOING_ORDER,
    PLACE,
    PREDICATE,
    PUBLIC,
    SECTIONS,
    STARTED,
    SUBJECT,
    TYPE,
    rank,
)
from kg.vocab import MKG, RDF, XSD

#: The alternate formats a page links to (a suffix each, beside the page's path).
ALTERNATES = (Media.TURTLE, Media.JSONLD, Media.NTRIPLES, Media.RDFXML)
#: Most incoming links a page lists per property (then "and N more").
MAX_LINKS = 50
#: Past this many incoming links of one property, they are listed in IRI order rather
#: than looked up one by one to be sorted by date, number or label.
MAX_SORTED = 1000
#: Texts longer than this (or holding a line break) are shown as paragraphs.
LONG_TEXT = 200

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
        key=lambda p: rank(OUTGOING_ORDER, OUTGOING_LAST, p.value, reader.compact(p.value)),
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
            Alternate(m.suffix, m.value, m.label, f"{base_path}.{m.suffix}") for m in ALTERNATES
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
        key=lambda p: rank(INCOMING_ORDER, INCOMING_LAST, p.value, reader.compact(p.value)),
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
        inverse = INVERSE.get(predicate.value)
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
