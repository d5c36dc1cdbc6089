"""Resolve stage: the mentions of all documents to entities with stable ids.

Deterministic over the set of documents: the same corpus in any order gives the same ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kg.extract.model import Mentions
from kg.resolve.actors import actor_entities, committee_names, doc_maps
from kg.resolve.entities import group
from kg.resolve.meetings import known_items, own_meeting, place_items
from kg.resolve.model import Entity, ItemRef, MeetingRef, PlacedDoc, Resolution
from kg.resolve.names import committee_key, person_key, slugify
from kg.settings import BuildSettings

UNPLACED = (
    "cannot tell which meeting this document belongs to: it has no title line with the "
    "committee and no meeting time, and none of its items matches an item of other "
    "minutes or agendas by case id or by text"
)


def person_names(mentions: Mentions) -> list[str]:
    """Every spelling of a person's name in a document: lists, texts, groups, owners."""
    names = [p.name.value for p in mentions.people]
    names += [m.value for g in mentions.groups for m in g.members]
    names += [t.owner for t in mentions.topics if t.owner]
    return names


def resolve(corpus: Sequence[Mentions], settings: BuildSettings) -> Resolution:
    """Place every document of the corpus and name every entity in it."""
    ordered = sorted(corpus, key=lambda m: m.doc.source.name)
    titles, all_committees = committee_names(ordered)
    committees = group(all_committees, committee_key, preferred=titles)
    people = group((n for m in ordered for n in person_names(m)), person_key)
    actors = actor_entities(ordered)
    self_placed = [(m, own_meeting(m, committees)) for m in ordered]
    known = known_items([(m, meeting) for m, meeting in self_placed if meeting is not None])
    docs = []
    for mentions, meeting in self_placed:
        meeting, items = place_items(mentions, meeting, known, settings.content_match_threshold)
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
            )
        )
    return Resolution(
        docs=tuple(docs),
        committees=_by_slug(committees),
        people=_by_slug(people),
        units=_by_slug(actors.units),
        organisations=_by_slug(actors.organisations),
        roles=_by_slug(actors.roles),
        projects=_by_slug(actors.projects),
        themes=_by_slug(actors.themes),
        unit_parents=actors.unit_parents,
    )


def _by_slug(entities: dict[str, Entity]) -> dict[str, Entity]:
    return {e.slug: e for e in entities.values()}


def _placed(
    mentions: Mentions,
    meeting: MeetingRef | None,
    items: tuple[ItemRef | None, ...],
    committees: dict[str, Entity],
    people: dict[str, Entity],
) -> PlacedDoc:
    doc = mentions.doc
    problem = None
    if meeting is None:
        problem = UNPLACED
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
        committee=committees[committee_key(doc.committee.value)].slug if doc.committee else None,
        people={n: people[person_key(n)].slug for n in person_names(mentions)},
        problem=problem,
    )


__all__ = ["Entity", "ItemRef", "MeetingRef", "PlacedDoc", "Resolution", "resolve"]
