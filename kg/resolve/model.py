"""The output of resolution: entities with stable ids, and each document placed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from kg.extract.model import Mentions
from kg.resolve.people import PeopleResolution


@dataclass(frozen=True, slots=True)
class Entity:
    """A resolved person, committee or unit: its id (slug), label and other spellings."""

    slug: str
    label: str
    alt_labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Municipality:
    """A municipality: its id, official name and code (None where unknown)."""

    slug: str
    name: str
    code: str | None
    #: Its official name ("Gentofte Kommune", "Københavns Kommune").
    official: str
    #: The language the official name is in (a known municipality's, or the documents').
    language: str = "da"


@dataclass(frozen=True, slots=True)
class MeetingRef:
    """The meeting a document describes."""

    slug: str
    committee: str
    #: The start time, where the document gives one; the day, where it gives a date.
    start: datetime | None
    label: str
    day: date | None = None
    #: The document the identity came from, when not from this one.
    resolved_from: str | None = None


@dataclass(frozen=True, slots=True)
class ItemRef:
    """The agenda item an item of a document is."""

    slug: str
    number: int
    #: Open (True), closed (False), or not said by any document (None).
    public: bool | None
    title: str
    resolved_from: str | None = None
    #: How the item was matched to another document's item, for explanations.
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class PlacedDoc:
    """One document with everything in it tied to an entity; ``problem`` says why it
    could not be placed (then it is quarantined)."""

    mentions: Mentions
    slug: str
    meeting: MeetingRef | None
    items: tuple[ItemRef | None, ...]
    committee: str | None
    people: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    problem: str | None = None
    #: Names of the other kinds of entity in this document, to their slugs.
    committees: dict[str, str] = field(default_factory=dict)
    organisations: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    projects: dict[str, str] = field(default_factory=dict)
    themes: dict[str, str] = field(default_factory=dict)
    platforms: dict[str, str] = field(default_factory=dict)

    def spellings(self) -> frozenset[str]:
        """Every name of an entity as this document writes it: the other spellings its
        graph may state (``skos:altLabel``), where other documents' are not its to state."""
        doc = self.mentions.doc
        names = {doc.committee.value} if doc.committee is not None else set()
        for named in (
            self.people,
            self.units,
            self.committees,
            self.organisations,
            self.roles,
            self.projects,
            self.themes,
            self.platforms,
        ):
            names.update(named)
        return frozenset(names)


@dataclass(frozen=True, slots=True)
class Resolution:
    """All documents of a corpus, placed, and the entities they name."""

    docs: tuple[PlacedDoc, ...]
    committees: dict[str, Entity]
    people: dict[str, Entity]
    units: dict[str, Entity]
    organisations: dict[str, Entity] = field(default_factory=dict)
    roles: dict[str, Entity] = field(default_factory=dict)
    projects: dict[str, Entity] = field(default_factory=dict)
    themes: dict[str, Entity] = field(default_factory=dict)
    platforms: dict[str, Entity] = field(default_factory=dict)
    #: Each unit's parent: ("unit" or "organisation", slug).
    unit_parents: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: For each person (slug), the slugs their other spellings had alone: retired ids
    #: that keep resolving (owl:sameAs).
    retired: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: For each committee (slug), the ids its other spellings would have: retired ids.
    committee_retired: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: The person clusters with their evidence, for `kg resolve --explain`.
    people_resolution: PeopleResolution | None = None
    #: Committee slug to the slug of its municipality, and the municipalities by slug.
    committee_municipality: dict[str, str] = field(default_factory=dict)
    municipalities: dict[str, Municipality] = field(default_factory=dict)
