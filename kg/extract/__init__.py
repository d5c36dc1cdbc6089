"""Extract stage: the mentions of people, committees and units in a parsed document."""

from __future__ import annotations

from kg.extract.actors import extract_actors
from kg.extract.model import Attendance, Mentions, PersonMention
from kg.extract.privacy import Redaction, apply_privacy, redact_text
from kg.parse.model import MinutesDoc


def extract(doc: MinutesDoc) -> Mentions:
    """The mentions in ``doc``; ``doc`` must already have passed `apply_privacy`."""
    people = tuple(PersonMention(name, Attendance.PRESENT) for name in doc.present) + tuple(
        PersonMention(name, Attendance.ABSENT) for name in doc.absent
    )
    units = tuple(item.recommended_by for item in doc.items if item.recommended_by is not None)
    committees = (doc.committee,) if doc.committee else ()
    actors = extract_actors(doc)
    return Mentions(
        doc=doc,
        committees=committees,
        people=people + actors.people,
        units=units,
        groups=actors.groups,
        topics=actors.topics,
        organisations=actors.organisations,
    )


__all__ = [
    "Attendance",
    "Mentions",
    "PersonMention",
    "Redaction",
    "apply_privacy",
    "extract",
    "redact_text",
]
