"""Mentions: the names in one document that resolution turns into entities."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kg.extract.concepts import Concept
from kg.extract.schedule import MeetingFact, Schedule
from kg.parse.model import Located, MinutesDoc, pickled_by_fields


class Attendance(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"


class Part(StrEnum):
    """The part a person named in an item's text plays there."""

    PRESENTER = "presenter"  # gives a talk or goes through the programme
    INTERVIEWER = "interviewer"
    INTERVIEWEE = "interviewee"
    OWNER = "owner"  # owner of a project or theme ("Demens v/Name, Title")
    OFFICIAL = "official"  # named with title and organisation, no other part


class Relation(StrEnum):
    """How an organisation named in an item relates to the meeting."""

    COLLABORATOR = "collaborator"  # "i samarbejde med …"
    INVITED = "invited"  # councils and boards invited
    EMPLOYER = "employer"  # the organisation a named person works for


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Affiliation:
    """A title and where it is held: units from the innermost out, then the organisation."""

    title: str | None
    units: tuple[str, ...] = ()
    organisation: str | None = None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class PersonMention:
    """A person named in a document, with what the naming says of them."""

    name: Located[str]
    attendance: Attendance | None = None
    #: The index of the agenda item whose text names them (None: the header).
    item: int | None = None
    part: Part | None = None
    affiliation: Affiliation | None = None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class GroupMention:
    """A working group: the project it looks at and its members, in one item."""

    project: Located[str]
    members: tuple[Located[str], ...]
    item: int


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class TopicMention:
    """A project announced, or a theme presented, in an item; with its owner if named."""

    name: Located[str]
    item: int
    is_project: bool
    owner: str | None = None
    #: A collaboration platform the text names ("platformen Trello"), not a theme.
    is_platform: bool = False
    #: A known platform's items elsewhere (Wikidata), from the concept scheme.
    links: tuple[str, ...] = ()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class OrganisationMention:
    """An organisation or committee named in an item."""

    name: Located[str]
    item: int
    relation: Relation
    is_committee: bool = False
    #: Dates (ISO) the sentence names: a collaboration on another date is another meeting's.
    dates: tuple[str, ...] = ()
    #: The post in the body the relation is with ("formand"), where the text names the
    #: holder of a post ("formanden for handicaprådet"), not the body itself.
    post: str | None = None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ConceptMention:
    """A concept of a concept scheme found in an item's text, as written there."""

    concept: Concept
    scheme: str
    text: Located[str]
    item: int


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Mentions:
    """Everything of one document that resolution needs: the parsed document (privacy
    gate applied) and the names found in it."""

    doc: MinutesDoc
    committees: tuple[Located[str], ...]
    people: tuple[PersonMention, ...]
    units: tuple[Located[str], ...]
    groups: tuple[GroupMention, ...] = ()
    topics: tuple[TopicMention, ...] = ()
    organisations: tuple[OrganisationMention, ...] = ()
    concepts: tuple[ConceptMention, ...] = ()
    #: When an agenda's text says its meeting is held (`kg.extract.schedule`).
    schedule: Schedule | None = None
    #: Meetings' ordinals and conference titles its texts state (`kg.extract.schedule`).
    meeting_facts: tuple[MeetingFact, ...] = ()
