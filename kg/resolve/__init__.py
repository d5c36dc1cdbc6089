"""Resolve stage: the mentions of all documents to entities with stable ids.

Deterministic over the set of documents: the same corpus in any order gives the same ids.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from kg.extract.model import Mentions
from kg.iri import slugify
from kg.language import language
from kg.parse import MinutesDoc
from kg.resolve.actors import actor_entities, doc_maps
from kg.resolve.committees import Committees, committee_entities
from kg.resolve.meetings import known_items, own_meeting, place_all
from kg.resolve.model import Entity, ItemRef, MeetingRef, PlacedDoc, Resolution
from kg.resolve.people import PeopleResolution, resolve_people
from kg.resolve.people_model import NameOccurrence, NameRole, Overrides
from kg.settings import BuildSettings


def unplaced(doc: MinutesDoc) -> str:
    """Why a document belongs to no meeting: what it lacks of the committee and the date
    that name one, and what would place it."""
    if doc.committee is None and doc.day is None:
        lacks = "neither its committee nor its meeting's date could be read"
    elif doc.committee is None:
        lacks = "its committee could not be read"
    elif doc.day is None:
        lacks = "its meeting's date could not be read"
    else:
        lacks = "its committee and date name no meeting"
    return (
        f"cannot tell which meeting this document belongs to: {lacks}, and none of its "
        "items matches an item of other minutes or agendas by case id or by text; give "
        "the committee and the date in a sidecar FILE.meta.json"
    )


def person_names(mentions: Mentions) -> list[str]:
    """Every spelling of a person's name in a document: lists, texts, groups, owners."""
    names = [p.name.value for p in mentions.people]
    names += [m.value for g in mentions.groups for m in g.members]
    names += [t.owner for t in mentions.topics if t.owner]
    return names


def name_occurrences(
    mentions: Mentions, meeting: MeetingRef | None, municipality: str | None = None
) -> list[NameOccurrence]:
    """The names of a document with the context person resolution weighs: the committee,
    municipality and date of its meeting, and the list each name stands in."""
    doc = mentions.doc.source.name
    committee = meeting.committee if meeting else None
    day = meeting.day if meeting else None

    def occurrence(
        name: str, role: NameRole, list_id: str | None = None, title: str | None = None
    ) -> NameOccurrence:
        return NameOccurrence(name, doc, role, committee, day, list_id, title, municipality or None)

    found = []
    for person in mentions.people:
        if person.attendance is not None:
            found.append(occurrence(person.name.value, NameRole.ATTENDANCE, f"{doc}#attendance"))
        else:
            title = person.affiliation.title if person.affiliation else None
            found.append(occurrence(person.name.value, NameRole.PRESENTER, None, title))
    for working in mentions.groups:
        list_id = f"{doc}#group:{working.project.value}"
        found += [occurrence(m.value, NameRole.MEMBER, list_id) for m in working.members]
    found += [occurrence(t.owner, NameRole.PRESENTER) for t in mentions.topics if t.owner]
    return found


def resolve(
    corpus: Sequence[Mentions], settings: BuildSettings, overrides: Overrides | None = None
) -> Resolution:
    """Place every document of the corpus and name every entity in it; curated
    ``overrides`` of person identity win over the algorithm."""
    ordered = sorted(corpus, key=lambda m: m.doc.source.name)
    danish = language("da")
    codes = {
        name: (code, danish.official_name(name)) for name, code in danish.municipalities.values()
    }
    committees = committee_entities(ordered, codes, settings.municipality)
    actors = actor_entities(ordered)
    self_placed = _same_day_apart([(m, own_meeting(m, committees)) for m in ordered])
    known = known_items([(m, meeting) for m, meeting in self_placed if meeting is not None])
    placements = place_all(self_placed, known, settings.content_match_threshold)
    occurrences = [
        o
        for m, meeting, _ in placements
        for o in name_occurrences(m, meeting, committees.municipality_of_doc.get(m.doc.source.name))
    ]
    people = resolve_people(occurrences, overrides or Overrides())
    docs = []
    for mentions, meeting, items in placements:
        placed = _placed(mentions, meeting, items, committees, people)
        names = doc_maps(mentions, actors, committees)
        docs.append(
            replace(
                placed,
                committees=names.committees,
                organisations=names.organisations,
                units=names.units,
                roles=names.roles,
                projects=names.projects,
                themes=names.themes,
                platforms=names.platforms,
            )
        )
    return Resolution(
        docs=tuple(docs),
        committees=committees.by_slug(),
        committee_municipality=committees.municipality_of,
        municipalities=committees.municipalities,
        people={c.slug: Entity(c.slug, c.label, c.alt_labels) for c in people.clusters},
        units=_by_slug(actors.units),
        organisations=_by_slug(actors.organisations),
        roles=_by_slug(actors.roles),
        projects=_by_slug(actors.projects),
        themes=_by_slug(actors.themes),
        platforms=_by_slug(actors.platforms),
        unit_parents=actors.unit_parents,
        retired={c.slug: c.retired for c in people.clusters if c.retired},
        committee_retired=committees.retired,
        people_resolution=people,
    )


def _same_day_apart(
    placed: list[tuple[Mentions, MeetingRef | None]],
) -> list[tuple[Mentions, MeetingRef | None]]:
    """Two meetings of one committee on one day are told apart by their start time:
    both get it in their id (``…-2019-03-12-1700``), so neither id depends on the other."""
    starts: dict[str, set[datetime | None]] = defaultdict(set)
    for _, meeting in placed:
        if meeting is not None:
            starts[meeting.slug].add(meeting.start)
    return [
        (m, replace(meeting, slug=f"{meeting.slug}-{meeting.start:%H%M}"))
        if meeting is not None and meeting.start is not None and len(starts[meeting.slug]) > 1
        else (m, meeting)
        for m, meeting in placed
    ]


def _person_slugs(people: PeopleResolution, names: list[str], document: str) -> dict[str, str]:
    """Each name of a document to its person; a name that is no person (a first name
    alone that fits nobody, or several) is left out rather than guessed."""
    found = {}
    for name in names:
        try:
            found[name] = people.slug_of(name, document)
        except KeyError:
            continue
    return found


def _by_slug(entities: dict[str, Entity]) -> dict[str, Entity]:
    return {e.slug: e for e in entities.values()}


def _placed(
    mentions: Mentions,
    meeting: MeetingRef | None,
    items: tuple[ItemRef | None, ...],
    committees: Committees,
    people: PeopleResolution,
) -> PlacedDoc:
    doc = mentions.doc
    problem = None
    if meeting is None:
        problem = unplaced(doc)
    elif any(ref is None for ref in items):
        missing = sum(ref is None for ref in items)
        problem = (
            f"{missing} of its items have no number and match no item of the meeting "
            f"{meeting.label}, so they cannot be identified"
        )
    return PlacedDoc(
        mentions=mentions,
        slug=slugify(doc.source.name),
        meeting=meeting,
        items=items,
        committee=committees.of(doc.source.name, doc.committee.value).slug
        if doc.committee
        else None,
        people=_person_slugs(people, person_names(mentions), doc.source.name),
        problem=problem,
    )


__all__ = ["Entity", "ItemRef", "MeetingRef", "PlacedDoc", "Resolution", "resolve"]
