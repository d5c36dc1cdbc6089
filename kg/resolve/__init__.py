"""Resolve stage: the mentions of all documents to entities with stable ids.

Deterministic over the set of documents: the same corpus in any order gives the same ids.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.extract.model import Mentions
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


def resolve(corpus: Sequence[Mentions], settings: BuildSettings) -> Resolution:
    """Place every document of the corpus and name every entity in it."""
    ordered = sorted(corpus, key=lambda m: m.doc.source.name)
    committees = group((c.value for m in ordered for c in m.committees), committee_key)
    people = group((p.name.value for m in ordered for p in m.people), person_key)
    units = group((u.value for m in ordered for u in m.units), person_key)
    self_placed = [(m, own_meeting(m, committees)) for m in ordered]
    known = known_items([(m, meeting) for m, meeting in self_placed if meeting is not None])
    docs = []
    for mentions, meeting in self_placed:
        meeting, items = place_items(mentions, meeting, known, settings.content_match_threshold)
        docs.append(_placed(mentions, meeting, items, committees, people, units))
    return Resolution(
        docs=tuple(docs),
        committees={e.slug: e for e in committees.values()},
        people={e.slug: e for e in people.values()},
        units={e.slug: e for e in units.values()},
    )


def _placed(
    mentions: Mentions,
    meeting: MeetingRef | None,
    items: tuple[ItemRef | None, ...],
    committees: dict[str, Entity],
    people: dict[str, Entity],
    units: dict[str, Entity],
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
        people={p.name.value: people[person_key(p.name.value)].slug for p in mentions.people},
        units={u.value: units[person_key(u.value)].slug for u in mentions.units},
        problem=problem,
    )


__all__ = ["Entity", "ItemRef", "MeetingRef", "PlacedDoc", "Resolution", "resolve"]
