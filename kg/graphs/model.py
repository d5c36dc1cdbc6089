"""The names of the relation graphs, their node types, filters and file formats."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import pyoxigraph as ox

from kg.errors import UsageError


class GraphName(StrEnum):
    """The relation graphs `kg graph` and `/graphs` offer."""

    WHO_WORKS_ON_WHAT = "who-works-on-what"
    WHO_WORKS_WITH_WHOM = "who-works-with-whom"
    COMMITTEE_MEMBERSHIP = "committee-membership"
    CO_ATTENDANCE = "co-attendance"
    PEOPLE_ORGANISATIONS = "people-organisations"
    ITEMS_TECHNOLOGIES = "items-technologies-committees"

    @classmethod
    def parse(cls, text: str) -> GraphName:
        """The graph called ``text``; `UsageError` naming the graphs when there is none."""
        try:
            return cls(text)
        except ValueError:
            names = ", ".join(n.value for n in cls)
            raise UsageError(
                f"there is no graph called {text!r}", hint=f"use one of {names}"
            ) from None

    @property
    def heading(self) -> str:
        return _ABOUT[self][0]

    @property
    def description(self) -> str:
        return _ABOUT[self][1]


_ABOUT: dict[GraphName, tuple[str, str]] = {
    GraphName.WHO_WORKS_ON_WHAT: (
        "Who works on what",
        "People and the projects their working groups work on; each edge names the group.",
    ),
    GraphName.WHO_WORKS_WITH_WHOM: (
        "Who works with whom",
        "People linked when they work on a project together (the bipartite projection of"
        " who-works-on-what onto people; the weight counts the shared projects).",
    ),
    GraphName.COMMITTEE_MEMBERSHIP: (
        "Committee membership",
        "People and the committees whose attendance lists name them (present or absent);"
        " the weight counts the meetings.",
    ),
    GraphName.CO_ATTENDANCE: (
        "Co-attendance",
        "People linked when they were present at the same meeting; the weight counts the"
        " meetings they attended together.",
    ),
    GraphName.PEOPLE_ORGANISATIONS: (
        "People and organisations",
        "People and the organisations and units the minutes give them a title in; each edge"
        " names the role.",
    ),
    GraphName.ITEMS_TECHNOLOGIES: (
        "Items, technologies, committees",
        "Agenda items and the technologies they discuss, and each technology linked to the"
        " committees whose items discuss it (the weight counts the items).",
    ),
}


class NodeType(StrEnum):
    """What a node stands for (its ``type`` attribute)."""

    PERSON = "person"
    PROJECT = "project"
    COMMITTEE = "committee"
    ORGANISATION = "organisation"
    UNIT = "unit"
    ITEM = "item"
    TECHNOLOGY = "technology"


@dataclass(frozen=True)
class Filter:
    """Which part of the store a graph is drawn from: one committee's meetings and groups,
    and meetings from one date to another (both included). Empty means all."""

    committee: str | None = None
    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if self.committee is not None:
            try:
                ox.NamedNode(self.committee)
            except ValueError:
                raise UsageError(f"the committee must be an IRI, got {self.committee!r}") from None
            if not self.committee.startswith(("http://", "https://", "urn:")):
                raise UsageError(f"the committee must be an absolute IRI, got {self.committee!r}")
        if self.start and self.end and self.start > self.end:
            raise UsageError(f"the date range is empty: from {self.start} is after to {self.end}")

    @classmethod
    def parse(
        cls, committee: str | None = None, start: str | None = None, end: str | None = None
    ) -> Filter:
        """A filter from text as a user gives it (ISO dates); `UsageError` when it is bad.

        >>> Filter.parse(start="2017-01-01").start
        datetime.date(2017, 1, 1)
        """
        return cls(committee or None, _date("from", start), _date("to", end))

    @property
    def empty(self) -> bool:
        return self.committee is None and self.start is None and self.end is None

    def describe(self) -> str:
        """The filter in words, for titles and file metadata."""
        parts = []
        if self.committee:
            parts.append(f"committee {self.committee}")
        if self.start:
            parts.append(f"from {self.start.isoformat()}")
        if self.end:
            parts.append(f"to {self.end.isoformat()}")
        return ", ".join(parts) or "all"


def _date(name: str, text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"--{name} {text!r} is not a date", hint="write it as YYYY-MM-DD, e.g. 2017-09-26"
        ) from None


class GraphFormat(StrEnum):
    """The files a graph is written as."""

    JSON = "json"
    GRAPHML = "graphml"
    GEXF = "gexf"
    CSV = "csv"
    PNG = "png"
    SVG = "svg"

    @classmethod
    def parse(cls, text: str | None, output: str | None = None) -> GraphFormat:
        """The format named, or else the one the output file's suffix names.

        >>> GraphFormat.parse(None, "graph.gexf")
        <GraphFormat.GEXF: 'gexf'>
        """
        name = text or (output.rpartition(".")[2] if output and "." in output else "")
        try:
            return cls(name.lower())
        except ValueError:
            names = ", ".join(f.value for f in cls)
            what = f"unknown format {name!r}" if name else "no format given"
            raise UsageError(
                what, hint=f"give --format, or an -o file ending in: {names}"
            ) from None

    @property
    def media_type(self) -> str:
        """The Content-Type of the file."""
        return _MEDIA[self]

    @property
    def binary(self) -> bool:
        return self is GraphFormat.PNG


#: The files a graph downloads as from the web (the drawings are for `kg graph`).
DOWNLOADS = (GraphFormat.JSON, GraphFormat.GRAPHML, GraphFormat.GEXF, GraphFormat.CSV)

_MEDIA: dict[GraphFormat, str] = {
    GraphFormat.JSON: "application/json",
    GraphFormat.GRAPHML: "application/graphml+xml",
    GraphFormat.GEXF: "application/gexf+xml",
    GraphFormat.CSV: "text/csv; charset=utf-8",
    GraphFormat.PNG: "image/png",
    GraphFormat.SVG: "image/svg+xml",
}
