"""What a build reports: each document's outcome, the time each step took, and the
stages it goes through."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from kg.privacy import Redaction


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
    #: Seconds spent in each step: read, resolve, map, validate, load, cache (map and
    #: validate summed over the worker processes, which run them side by side).
    seconds: dict[str, float] = field(default_factory=dict)
    #: What the build noticed but did not stop for (a very large document, a file
    #: skipped), one line each.
    warnings: list[str] = field(default_factory=list)
    #: The documents removed from the store before the build (`kg.removal`).
    removed: list[str] = field(default_factory=list)
    #: What each document read by this build states, field by field (None: not stated).
    stated: dict[str, dict[str, object]] = field(default_factory=dict)

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
    STATISTICS = "counting the statistics"


#: Told the stage, how many documents are done and of how many (None: not known).
Progress = Callable[[Stage, int, int | None], None]


#: How many documents `stated_lines` lists one by one before it only counts.
LISTED = 40


def stated_lines(stated: dict[str, dict[str, object]], *, limit: int = LISTED) -> list[str]:
    """One line per document read: the fields it stated and those it did not; past
    ``limit`` documents, how often each field was missing.

    >>> stated_lines({"a.txt": {"kind": "minutes", "date": "2020-01-02", "start": None}})
    ['a.txt: kind minutes, date 2020-01-02; not stated: start']
    """
    lines = []
    for name in sorted(stated)[:limit]:
        fields = stated[name]
        said = ", ".join(f"{k} {v}" for k, v in fields.items() if v is not None)
        missing = ", ".join(k for k, v in fields.items() if v is None)
        lines.append(f"{name}: {said}" + (f"; not stated: {missing}" if missing else ""))
    if len(stated) > limit:
        rest = sorted(stated)[limit:]
        gaps: dict[str, int] = {}
        for name in rest:
            for key, value in stated[name].items():
                if value is None:
                    gaps[key] = gaps.get(key, 0) + 1
        counted = ", ".join(f"{k} in {n}" for k, n in sorted(gaps.items()))
        lines.append(
            f"... and {len(rest)} more documents (--report FILE lists each); not stated: "
            + (counted or "nothing missing")
        )
    return lines


def write_report_json(report: BuildReport, path: Path) -> None:
    """The build's outcome and what each document stated, as JSON at ``path``."""
    documents: dict[str, dict[str, object]] = {}
    for outcome in report.outcomes:
        documents[outcome.name] = {
            "status": outcome.status.value,
            "messages": list(outcome.messages),
            "kept": outcome.kept,
        }
    for name, fields in report.stated.items():
        documents.setdefault(name, {})["stated"] = fields
    payload = {"triples": report.triples, "documents": dict(sorted(documents.items()))}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
