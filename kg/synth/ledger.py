"""The ground truth of a synthetic corpus, kept while it is written.

The ledger hands out case and document numbers, decides how each name is spelt, and
counts what a correct build must contain: meetings, committees, items, closed items, cases,
attachments, working groups, technologies per item, and every person with the spellings
written for them. Its memory grows with the people and committees, not with the documents.
"""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.iri import slugify
from kg.synth.names import SAME_RANK
from kg.synth.world import Person

if TYPE_CHECKING:
    from kg.synth.content import Item, MeetingPlan

#: The first document (attachment) number; they count up from here.
FIRST_DOCUMENT = 4_000_001
#: How many secrets of closed items the manifest lists (tests look for them in the store).
SECRETS_KEPT = 50


@dataclass(slots=True)
class Ledger:
    """Truth and counters for one corpus."""

    variant_rate: float
    spellings: dict[int, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    canonical: dict[int, str] = field(default_factory=dict)
    committees_of: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    written_in: set[tuple[int, int]] = field(default_factory=set)
    committees: set[str] = field(default_factory=set)
    counts: Counter[str] = field(default_factory=Counter)
    groups: set[tuple[int, str]] = field(default_factory=set)
    #: Concepts discussed by some open item (each item, concept pair is counted once).
    concepts: set[str] = field(default_factory=set)
    secrets: list[str] = field(default_factory=list)
    #: Recent open case -> (committee, date, item number) of its latest item.
    earlier_cases: dict[str, tuple[str, date, int]] = field(default_factory=dict)
    _open_cases: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    _standing: dict[tuple[int, int], str] = field(default_factory=dict)
    _serial: Counter[int] = field(default_factory=Counter)
    _document: int = FIRST_DOCUMENT

    # -- names ------------------------------------------------------------------------------

    def spell(self, person: Person, committee: int, rng: random.Random) -> str:
        """How an attendance list writes ``person``: now and then as a variant, once the
        canonical name is written in that committee, and only as long as the canonical
        name stays the most written of its rank (so it remains the resolver's label)."""
        name = person.name
        spelling = name.canonical
        draw = rng.random()
        if name.variants and (person.id, committee) in self.written_in and draw < self.variant_rate:
            kind, variant = name.variants[rng.randrange(len(name.variants))]
            counts = self.spellings[person.id]
            if kind not in SAME_RANK or counts[name.canonical] >= counts[variant] + 2:
                spelling = variant
        self.named(person, committee, spelling)
        return spelling

    def named(self, person: Person, committee: int, spelling: str) -> None:
        """Record that ``spelling`` of ``person`` is written in a document of ``committee``."""
        self.spellings[person.id][spelling] += 1
        self.canonical[person.id] = person.name.canonical
        self.committees_of[person.id].add(str(committee))
        if spelling == person.name.canonical:
            self.written_in.add((person.id, committee))

    # -- numbers ----------------------------------------------------------------------------

    def new_case(self, year: int, *, stored: bool = True) -> str:
        """A case id not used before; ``stored`` unless it is a closed item's."""
        self._serial[year] += 1
        self.counts["cases"] += stored
        return f"EMN-{year}-{self._serial[year]:05d}"

    def standing_case(self, committee: int, year: int) -> str:
        """The case of a committee's "Eventuelt" items in one year."""
        key = (committee, year)
        if key not in self._standing:
            self._standing[key] = self.new_case(year)
        return self._standing[key]

    def case_for(self, committee: int, year: int, rng: random.Random, exclude: set[str]) -> str:
        """A new case, or now and then an earlier open case of the committee."""
        earlier = [c for c in self._open_cases[committee] if c not in exclude]
        if earlier and rng.random() < 0.15:
            return rng.choice(earlier)
        case = self.new_case(year)
        recent = self._open_cases[committee]
        recent.append(case)
        if len(recent) > 5:
            self.earlier_cases.pop(recent.pop(0), None)
        return case

    def next_document_number(self) -> str:
        self._document += 1
        return str(self._document - 1)

    # -- structure --------------------------------------------------------------------------

    def meeting(self, plan: MeetingPlan) -> None:
        self.counts["meetings"] += 1
        # a committee's id carries its municipality's name (kg.resolve.committees)
        self.committees.add(f"{plan.municipality} {plan.committee}")

    def item(self, plan: MeetingPlan, item: Item, technologies: list[str]) -> None:
        """An open item: its case and attachments are stored, its technologies discussed."""
        self.counts["items"] += 1
        self.counts["attachments"] += len(item.attachments)  # numbers are never reused
        self.counts["discusses"] += len(set(technologies))
        self.concepts.update(technologies)
        if item.case_id in self._open_cases[plan.meeting.committee]:
            self.earlier_cases[item.case_id] = (plan.committee, plan.meeting.day, item.number)

    def closed(self, plan: MeetingPlan, item: Item, secrets: list[str]) -> None:
        """A closed item: only its number and title may be stored."""
        self.counts["items"] += 1
        self.counts["closed_items"] += 1
        if len(self.secrets) < SECRETS_KEPT:
            self.secrets.extend(secrets)
            self.secrets.extend(_numbers(item.attachments))

    def group(self, committee: int, project: str) -> None:
        self.groups.add((committee, project))

    def document(self, kind: str, media: str) -> None:
        self.counts[f"{kind}_{media}"] += 1
        self.counts["documents"] += 1

    # -- output -----------------------------------------------------------------------------

    def manifest(self) -> dict[str, Any]:
        """The truth as JSON-ready data."""
        people = sorted(
            (
                {
                    "canonical": self.canonical[pid],
                    "spellings": sorted(spellings),
                    "committees": len(self.committees_of[pid]),
                }
                for pid, spellings in self.spellings.items()
            ),
            key=lambda p: (p["canonical"], p["spellings"]),
        )
        return {
            "counts": {
                **dict(sorted(self.counts.items())),
                "committees": len(self.committees),
                "people": len(people),
                "working_groups": len(self.groups),
            },
            "committees": sorted(slugify(c) for c in self.committees),
            "people": people,
            "concepts": sorted(self.concepts),
            "secrets": self.secrets[:SECRETS_KEPT],
        }

    def write(self, path: Path, header: dict[str, Any]) -> None:
        """The manifest, after ``header`` (the settings), as indented, sorted JSON."""
        payload = {**header, **self.manifest()}
        path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", "utf-8")


def _numbers(lines: list[str]) -> list[str]:
    return [line.rsplit("(", 1)[1].split(" ", 1)[0] for line in lines]
