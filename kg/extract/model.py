"""Mentions: the names in one document that resolution turns into entities."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kg.parse.model import Located, MinutesDoc


class Attendance(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A person named in a document, with the role the naming gives them."""

    name: Located[str]
    attendance: Attendance | None = None


@dataclass(frozen=True, slots=True)
class Mentions:
    """Everything of one document that resolution needs: the parsed document (privacy
    gate applied) and the names found in it."""

    doc: MinutesDoc
    committees: tuple[Located[str], ...]
    people: tuple[PersonMention, ...]
    units: tuple[Located[str], ...]
