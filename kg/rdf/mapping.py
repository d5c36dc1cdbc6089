"""From a placed document to the quads of its named graph (see docs/graph-model.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pyoxigraph import Literal, Quad

from kg.iri import Kind, Minter, slugify
from kg.parse.dates import end_after
from kg.parse.model import AgendaItem, DocKind, Located, SectionKind, Span
from kg.rdf.actors import ActorMapper
from kg.rdf.builder import GraphBuilder
from kg.rdf.entities import write_committee, write_entity, write_person
from kg.rdf.terms import boolean, date_time, day_literal, integer, iri, text, web_iri
from kg.rdf.wording import plain
from kg.resolve.model import ItemRef, MeetingRef, PlacedDoc, Resolution
from kg.vocab import (
    AGENDA,
    AGENDA_ITEM,
    ATTACHMENT,
    CASE,
    DCT,
    MEETING,
    MINUTES,
    MKG,
    ORG,
    ORGANIZATIONAL_UNIT,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SOURCE_DOCUMENT,
)

_SECTION_PROPERTIES = {
    SectionKind.SUMMARY: MKG.summary,
    SectionKind.BACKGROUND: MKG.background,
    SectionKind.RECOMMENDATION: MKG.recommendation,
    SectionKind.PRIOR_DECISIONS: MKG.priorDecisions,
    SectionKind.DECISION: MKG.decision,
}


@dataclass(frozen=True)
class DocumentGraph:
    """The named graph of one source document."""

    iri: str
    name: str
    quads: tuple[Quad, ...]
    #: The distinct literals of ``quads``.
    literals: tuple[Literal, ...] = ()


#: An attachment's number that is an IRI segment as it stands (unreserved characters).
_SEGMENT = re.compile(r"[A-Za-z0-9._~-]+")


def attachment_slug(number: str | None, otherwise: str) -> str:
    """The slug of an attachment's IRI: its number as the publisher gave it when that is
    a segment as it stands (a portal's id; kept so that IRIs already published stay),
    else the number made a slug; ``otherwise`` when it has none.

    >>> attachment_slug("3f393702-8784-5a08-b00c-2f0101901234", "x")
    '3f393702-8784-5a08-b00c-2f0101901234'
    >>> attachment_slug("Bilag [1] / 2", "x"), attachment_slug(None, "item-1")
    ('bilag-1-2', 'item-1')
    """
    if not number:
        return otherwise
    return number if _SEGMENT.fullmatch(number) else slugify(number)


def document_iri(placed: PlacedDoc, minter: Minter) -> str:
    return minter.iri(Kind.DOCUMENT, placed.slug)


def map_document(placed: PlacedDoc, resolution: Resolution, minter: Minter) -> DocumentGraph:
    """The graph of one placed document; it must have no ``problem``."""
    doc = placed.mentions.doc
    graph = document_iri(placed, minter)
    b = GraphBuilder(graph, minter, spellings=placed.spellings())
    lang = doc.language
    b.add(graph, RDF.type, iri(SOURCE_DOCUMENT))
    b.add(graph, DCT.type, iri(MINUTES if doc.kind is DocKind.MINUTES else AGENDA))
    b.add(graph, RDFS.label, text(doc.source.name.rsplit("/", 1)[-1]))
    b.add(graph, MKG.sha256, text(doc.source.sha256))
    b.add(graph, DCT.format, text(doc.source.media_type))
    b.add(graph, MKG.pageCount, integer(doc.source.pages))
    b.add(graph, DCT.language, text(lang))
    if placed.meeting is None:
        return DocumentGraph(graph, doc.source.name, tuple(b.quads), tuple(b.literals))
    meeting = _meeting(b, placed, placed.meeting, resolution, minter, lang)
    items: dict[int, str] = {}
    for index, (item, ref) in enumerate(zip(doc.items, placed.items, strict=True)):
        if ref is not None:
            _item(b, meeting, item, ref, minter, lang, placed)
            if ref.public is not False:
                items[index] = minter.iri(Kind.ITEM, ref.slug)
    ActorMapper(b, placed, resolution, minter, items, meeting).map(placed.mentions)
    municipality = resolution.committee_municipality.get(placed.meeting.committee)
    for slug in sorted(set(placed.units.values())):
        unit = write_entity(
            b, resolution.units[slug], minter.iri(Kind.UNIT, slug), ORGANIZATIONAL_UNIT, lang
        )
        if municipality is not None and not b.states(unit, ORG.subOrganizationOf):
            # a unit the document puts in no organisation: one of its municipality's
            b.add(unit, ORG.subOrganizationOf, iri(minter.iri(Kind.MUNICIPALITY, municipality)))
    return DocumentGraph(graph, doc.source.name, tuple(b.quads), tuple(b.literals))


def _resolved_from(name: str | None, minter: Minter) -> str | None:
    return minter.iri(Kind.DOCUMENT, slugify(name)) if name else None


def _meeting(
    b: GraphBuilder,
    placed: PlacedDoc,
    meeting: MeetingRef,
    resolution: Resolution,
    minter: Minter,
    lang: str,
) -> str:
    doc = placed.mentions.doc
    node = minter.iri(Kind.MEETING, meeting.slug)
    committee = write_committee(b, resolution, meeting.committee, minter, lang)
    b.add(node, RDF.type, iri(MEETING))
    b.add(node, RDFS.label, text(meeting.label, lang))
    b.add(node, PROV.wasDerivedFrom, iri(b.graph))
    origin = _resolved_from(meeting.resolved_from, minter)
    b.fact(
        node,
        MKG.heldBy,
        iri(committee),
        _span(doc.committee),
        raw=_raw(doc.committee),
        resolved_from=origin,
    )
    schedule = placed.mentions.schedule
    if schedule is not None and (schedule.day != meeting.day or meeting.start is None):
        schedule = None  # another day's meeting; or no offset to state a time with
    if schedule is not None and meeting.start is not None:
        zone = meeting.start.tzinfo
        start = datetime.combine(schedule.day, schedule.start.value, tzinfo=zone)
        b.fact(
            node,
            PROV.startedAtTime,
            date_time(start),
            schedule.start.span,
            raw=schedule.start.raw,
        )
        if schedule.end is not None and doc.end is None:
            end = end_after(start, schedule.end.value)
            b.fact(node, PROV.endedAtTime, date_time(end), schedule.end.span, raw=schedule.end.raw)
    elif meeting.start is not None:
        b.fact(
            node,
            PROV.startedAtTime,
            date_time(meeting.start),
            _span(doc.start),
            raw=_raw(doc.start),
            resolved_from=origin,
        )
    if meeting.day is not None:
        said = doc.day or doc.start
        b.fact(
            node,
            DCT.date,
            day_literal(meeting.day),
            _span(said),
            raw=_raw(said),
            resolved_from=origin,
        )
    if doc.end is not None:
        b.fact(node, PROV.endedAtTime, date_time(doc.end.value), doc.end.span, raw=doc.end.raw)
    _meeting_facts(b, node, placed, meeting, lang)
    if doc.place is not None:
        b.fact(node, PROV.atLocation, text(doc.place.value), doc.place.span)
    if doc.identifier is not None:  # the publisher's id (an agenda portal's)
        b.fact(node, DCT.identifier, text(doc.identifier.value), doc.identifier.span)
    for attendance, prop in ((doc.present, MKG.present), (doc.absent, MKG.absent)):
        for name in attendance:
            slug = placed.people.get(name.value)
            if slug is None:
                continue
            person = write_person(b, resolution, slug, minter)
            b.fact(node, prop, iri(person), name.span, raw=name.raw)
    return node


def _meeting_facts(
    b: GraphBuilder, node: str, placed: PlacedDoc, meeting: MeetingRef, lang: str
) -> None:
    """The meeting's ordinal ("4. møde") and the title of the conference it was held as,
    where the document states them of this meeting's day."""
    for stated in placed.mentions.meeting_facts:
        if stated.day is not None and stated.day != meeting.day:
            continue  # another meeting's
        located = stated.value
        if stated.kind == "ordinal":
            b.fact(node, MKG.ordinal, integer(int(located.value)), located.span, raw=located.raw)
        else:
            b.fact(node, DCT.alternative, text(located.value, lang), located.span)


def _span(value: Located[Any] | None) -> Span | None:
    return value.span if value is not None else None


def _raw(value: Located[Any] | None) -> str | None:
    return value.raw if value is not None else None


def _case(b: GraphBuilder, identifier: str, minter: Minter) -> str:
    node = minter.iri(Kind.CASE, slugify(identifier))
    b.add(node, RDF.type, iri(CASE))
    b.add(node, RDFS.label, text(identifier))
    b.add(node, DCT.identifier, text(identifier))
    b.add(node, PROV.wasDerivedFrom, iri(b.graph))
    return node


def _item(
    b: GraphBuilder,
    meeting: str,
    item: AgendaItem,
    ref: ItemRef,
    minter: Minter,
    lang: str,
    placed: PlacedDoc,
) -> None:
    node = minter.iri(Kind.ITEM, ref.slug)
    origin = _resolved_from(ref.resolved_from, minter)
    heading = item.title.span if item.title else None
    b.add(node, RDF.type, iri(AGENDA_ITEM))
    b.add(node, RDFS.label, text(ref.title, lang))
    b.add(node, PROV.wasDerivedFrom, iri(b.graph))
    b.fact(meeting, MKG.agendaItem, iri(node), heading, resolved_from=None if heading else origin)
    b.fact(
        node,
        MKG.number,
        integer(ref.number),
        heading,
        raw=item.number.raw if item.number else None,
        resolved_from=None if item.number else origin,
    )
    if ref.public is not None:  # a document that marks no item open or closed says neither
        b.fact(
            node,
            MKG.public,
            boolean(ref.public),
            heading,
            raw=item.public.raw if item.public else None,
            resolved_from=None if item.public else origin,
        )
    b.fact(
        node,
        DCT.title,
        text(ref.title, lang),
        heading,
        resolved_from=None if item.title else origin,
    )
    if item.identifier is not None:  # the publisher's id (an agenda portal's)
        b.fact(node, DCT.identifier, text(item.identifier.value), item.identifier.span)
    if ref.public is False:
        return  # a closed item: that it exists, and its title, and nothing more
    if item.case_id is not None:
        case = _case(b, item.case_id.value, minter)
        b.fact(node, MKG.case, iri(case), item.case_id.span, raw=item.case_id.raw)
    for section in item.sections:
        prop = _SECTION_PROPERTIES.get(section.kind)
        if prop is not None:
            # the document's own wording, always: where the minutes read the same, the
            # two graphs state one literal, and a query finds it (docs/graph-model.md)
            own = section.text.value
            b.fact(node, prop, text(plain(own), lang), section.text.span, raw=own)
    if item.recommended_by is not None:
        unit = minter.iri(Kind.UNIT, placed.units[item.recommended_by.value])
        b.fact(
            node,
            MKG.recommendedBy,
            iri(unit),
            item.recommended_by.span,
            raw=item.recommended_by.raw,
        )
    for index, attachment in enumerate(item.attachments, start=1):
        slug = attachment_slug(attachment.number, f"{ref.slug}-{index}")
        node_a = minter.iri(Kind.ATTACHMENT, slug)
        b.add(node_a, RDF.type, iri(ATTACHMENT))
        b.add(node_a, RDFS.label, text(attachment.title.value, lang))
        b.add(node_a, PROV.wasDerivedFrom, iri(b.graph))
        b.fact(
            node_a,
            DCT.title,
            text(attachment.title.value, lang),
            attachment.title.span,
            raw=attachment.title.raw,
        )
        if attachment.number:
            b.fact(node_a, DCT.identifier, text(attachment.number), attachment.title.span)
        if attachment.case_id:
            b.add(node_a, DCT.isPartOf, iri(_case(b, attachment.case_id, minter)))
        address = web_iri(attachment.url) if attachment.url else None
        if address is not None:
            b.fact(node_a, SCHEMA.url, address, attachment.title.span)
        b.fact(node, MKG.attachment, iri(node_a), attachment.title.span)
