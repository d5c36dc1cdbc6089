"""Extract stage: the mentions of people, committees and units in a parsed document."""

from __future__ import annotations

from kg.extract.actors import extract_actors
from kg.extract.concepts import Scheme, find_concepts, load_default_scheme
from kg.extract.model import Attendance, ConceptMention, Mentions, PersonMention
from kg.extract.schedule import agenda_schedule, meeting_facts
from kg.parse.model import Located, MinutesDoc, SectionKind


def extract(doc: MinutesDoc, scheme: Scheme | None = None) -> Mentions:
    """The mentions in ``doc``; ``doc`` must already have passed the privacy gate
    (`kg.privacy.apply_privacy`, which the build calls).
    Concepts of ``scheme`` (the technologies) are found in the items' texts."""
    people = tuple(PersonMention(name, Attendance.PRESENT) for name in doc.present) + tuple(
        PersonMention(name, Attendance.ABSENT) for name in doc.absent
    )
    units = tuple(item.recommended_by for item in doc.items if item.recommended_by is not None)
    committees = (doc.committee,) if doc.committee else ()
    actors = extract_actors(doc, scheme)
    return Mentions(
        doc=doc,
        committees=committees,
        people=people + actors.people,
        units=units,
        groups=actors.groups,
        topics=actors.topics,
        organisations=actors.organisations,
        concepts=tuple(_concepts(doc, scheme)) if scheme else (),
        schedule=agenda_schedule(doc),
        meeting_facts=meeting_facts(doc),
    )


def _concepts(doc: MinutesDoc, scheme: Scheme) -> list[ConceptMention]:
    found = []
    for index, item in enumerate(doc.items):
        for section in item.sections:
            if section.kind is SectionKind.ATTACHMENTS:
                continue
            for match in find_concepts(section.text.value, scheme):
                where = section.span_at(match.start)
                concept = scheme.concept(match.concept)
                found.append(
                    ConceptMention(
                        concept, scheme.scheme_of(match.concept), Located(match.text, where), index
                    )
                )
    return found


__all__ = [
    "Attendance",
    "Mentions",
    "PersonMention",
    "extract",
    "load_default_scheme",
]
