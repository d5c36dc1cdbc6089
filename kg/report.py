"""What a build reports: each document's outcome, the time each step took, and the
stages it goes through."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum

from kg.extract import Redaction


class Status(StrEnum):
    """What a build did with one document."""

    LOADED = "loaded"
    UPDATED = "updated"  # an earlier document whose graph changed through resolution
    UNCHANGED = "unchanged"
    QUARANTINED = "quarantined"
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class Outcome:
    name: str
    status: Status
    messages: tuple[str, ...] = ()
    triples: int = 0
    #: Not given to this build: a document an earlier build read (kept in the store).
    kept: bool = False


@dataclass
class BuildReport:
    """What a build did, document by document."""

    outcomes: list[Outcome] = field(default_factory=list)
    redactions: list[Redaction] = field(default_factory=list)
    triples: int = 0
    build_iri: str | None = None
    #: Seconds spent in each step: read, resolve, map, validate, load, cache.
    seconds: dict[str, float] = field(default_factory=dict)
    #: What the build noticed but did not stop for (a very large document, a file
    #: skipped), one line each.
    warnings: list[str] = field(default_factory=list)
    #: The documents removed from the store before the build (`kg.removal`).
    removed: list[str] = field(default_factory=list)

    @contextmanager
    def timed(self, step: str) -> Iterator[None]:
        """Add the time spent in the block to ``step``."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[step] = self.seconds.get(step, 0.0) + time.perf_counter() - start

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status is status)

    @property
    def ok(self) -> bool:
        """Whether every document given to this build loaded (or was already there); a
        document kept from an earlier build that is still quarantined does not count."""
        return not any(
            o.status in (Status.QUARANTINED, Status.UNREADABLE) and not o.kept
            for o in self.outcomes
        )


class Stage(StrEnum):
    """The stages a build reports its progress through."""

    READ = "reading"
    RESOLVE = "resolving"
    LOAD = "validating and loading"


#: Told the stage, how many documents are done and of how many (None: not known).
Progress = Callable[[Stage, int, int | None], None]
