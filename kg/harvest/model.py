"""What a harvest is told (frozen settings) and what it reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field

from kg import __version__
from kg.settings import Frozen

#: How the harvester introduces itself to a portal.
USER_AGENT = f"minutes-kg/{__version__} (kg harvest; municipal minutes to a knowledge graph)"
#: The portal's list of committees and their meetings, and one meeting's JSON.
COMMITTEE_LIST = "api/agenda/udvalgsliste"
MEETING = "api/agenda/dagsorden/{id}"


def _portal_url(value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise ValueError(f"a portal address starts with http:// or https://, got {value!r}")
    return value if value.endswith("/") else value + "/"


class HarvestSettings(Frozen):
    """One harvest: which portal, where to, which meetings, and how politely."""

    portal: Annotated[str, AfterValidator(_portal_url)]
    out: Path
    #: Committee names (or portal ids) to harvest; empty: all.
    committees: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    #: Seconds between two requests (the harvest makes one at a time).
    delay: float = Field(default=1.0, ge=0)
    #: Seconds a request may take before it counts as timed out.
    timeout: float = Field(default=30.0, gt=0)
    #: Further tries after a 429, a 5xx, a timeout or a broken download.
    retries: int = Field(default=4, ge=0)
    #: Seconds before the first retry; each next one waits twice as long.
    backoff: float = Field(default=2.0, ge=0)
    #: The longest wait a Retry-After (or the backoff) may impose, in seconds.
    max_wait: float = Field(default=120.0, ge=0)
    user_agent: str = USER_AGENT


class Status(StrEnum):
    """What a harvest did with one meeting."""

    FETCHED = "fetched"  # new or changed: written
    UNCHANGED = "unchanged"  # the saved copy is current (304, or the same bytes)
    FAILED = "failed"


@dataclass(frozen=True)
class Listed:
    """A meeting as the committee list names it."""

    id: str
    committee: str
    day: date | None

    @property
    def file_name(self) -> str:
        """The meeting's file: by its id, so that a meeting moved to another day
        stays one file (and one document of the store)."""
        return f"{self.id}.json"


@dataclass(frozen=True)
class Outcome:
    meeting: Listed
    status: Status
    reason: str = ""


@dataclass
class HarvestReport:
    """What a harvest did, meeting by meeting."""

    outcomes: list[Outcome] = field(default_factory=list)
    #: Requests sent, retries among them.
    requests: int = 0
    retries: int = 0

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status is status)

    @property
    def ok(self) -> bool:
        """Whether every meeting was fetched or found current."""
        return not any(o.status is Status.FAILED for o in self.outcomes)

    def summary(self) -> str:
        counts = ", ".join(f"{self.count(s)} {s.value}" for s in Status)
        return f"meetings: {counts}; {self.requests} requests ({self.retries} retries)"
