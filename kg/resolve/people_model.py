"""The types of person resolution: where names occur, and the people they resolve to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class NameRole(StrEnum):
    """How a name occurs; it weighs how much a name's context says."""

    ATTENDANCE = "attendance"  # in a "Tilstede:" or "Fraværende:" list
    MEMBER = "member"  # in a working group's member list
    PRESENTER = "presenter"  # a speaker, official or theme owner, with a title
    MENTION = "mention"  # named in running text (may be a first name only)


@dataclass(frozen=True, slots=True)
class NameOccurrence:
    """One name as written in one document, with the context resolution may use."""

    name: str
    document: str
    role: NameRole
    #: The committee (slug) of the document's meeting, when known.
    committee: str | None = None
    #: The date of the document's meeting, when known.
    date: date | None = None
    #: Names sharing a list id stand in one list (one attendance list, one working group):
    #: they are different people, never merged.
    list_id: str | None = None
    #: The title written with the name ("Innovationschef"), if any.
    title: str | None = None
    #: The municipality of the document's meeting, when known: people of two
    #: municipalities are never one person on their name alone.
    municipality: str | None = None


@dataclass(frozen=True, slots=True)
class PersonCluster:
    """One person: id, canonical name, other spellings, and why the spellings were merged."""

    slug: str
    label: str
    alt_labels: tuple[str, ...]
    #: Every spelling (as written) that resolved to this person.
    names: frozenset[str]
    #: 1.0 for a single spelling or a curated merge; lower for doubtful merges.
    score: float = 1.0
    evidence: tuple[str, ...] = ()
    #: Slugs this person had under earlier builds or as a single spelling, now retired.
    retired: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Overrides:
    """Curated decisions that always win over the algorithm."""

    #: Groups of spellings that are one person; an optional chosen label per group.
    same: tuple[tuple[frozenset[str], str | None], ...] = ()
    #: Groups of spellings that are all different people.
    different: tuple[frozenset[str], ...] = ()
