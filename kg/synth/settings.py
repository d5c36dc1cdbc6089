"""What a synthetic corpus looks like: its size, seed and the shares of each kind of trap."""

from __future__ import annotations

import math
from dataclasses import dataclass

from pydantic import Field

from kg.settings import Frozen

#: Agendas are written for this share of meetings (the rest have minutes only).
AGENDA_SHARE = 0.6
#: The most meetings a committee holds in a year (none in July).
MAX_PER_YEAR = 10
#: The most years a corpus spans.
MAX_YEARS = 12


class SynthSettings(Frozen):
    """A synthetic corpus: the same settings give the same files, byte for byte.

    ``committees`` and ``years`` are chosen from ``docs`` when left out, so that a small
    corpus still spans several committees and years and a large one stays realistic
    (at most 10 meetings a committee a year).
    """

    docs: int = Field(default=40, ge=1, le=2_000_000)
    seed: int = 0
    committees: int | None = Field(default=None, ge=1, le=2_000)
    first_year: int = Field(default=2014, ge=1990, le=2100)
    years: int | None = Field(default=None, ge=1, le=40)
    #: Members of a committee in one term.
    people_per_committee: int = Field(default=9, ge=3, le=31)
    #: Share of documents written as PDF (slower to write and to read).
    pdf_share: float = Field(default=0.02, ge=0.0, le=1.0)
    #: Share of meetings whose documents are in English (the English lexicon). None by
    #: default: the shapes accept Danish text only, so English documents are quarantined.
    english_share: float = Field(default=0.0, ge=0.0, le=1.0)
    #: Chance that a name in an attendance list is written as one of the person's variants.
    variant_rate: float = Field(default=0.05, ge=0.0, le=1.0)
    #: Chance that an item (other than "Eventuelt") is closed.
    closed_rate: float = Field(default=0.08, ge=0.0, le=1.0)
    #: Chance that a new member in a later term bears the name of an earlier member of
    #: another committee (a namesake the resolver keeps apart by the years between them).
    namesake_rate: float = Field(default=0.03, ge=0.0, le=1.0)
    #: Share of agendas whose items carry no "Sags ID" line.
    agenda_without_case_share: float = Field(default=0.2, ge=0.0, le=1.0)


@dataclass(frozen=True, slots=True)
class Shape:
    """How many committees meet how often over how many years."""

    committees: int
    years: int
    per_year: int

    @property
    def meetings(self) -> int:
        """The meetings the schedule holds (the writer may stop before the last)."""
        return self.committees * self.years * self.per_year


def shape_of(settings: SynthSettings) -> Shape:
    """Committees, years and meetings a year that give room for ``settings.docs`` documents.

    >>> shape_of(SynthSettings(docs=40))
    Shape(committees=4, years=2, per_year=4)
    >>> s = shape_of(SynthSettings(docs=100_000)); s.meetings * 1.6 >= 100_000
    True
    """
    meetings = math.ceil(settings.docs / (1 + AGENDA_SHARE)) + 1
    per_committee = min(max(round(math.sqrt(meetings) * 1.5), 4), MAX_YEARS * MAX_PER_YEAR)
    years = settings.years or min(max(math.ceil(per_committee / 6), 2), MAX_YEARS)
    committees = settings.committees or math.ceil(meetings / per_committee)
    per_year = min(max(math.ceil(meetings / (committees * years)), 1), MAX_PER_YEAR)
    if committees * years * per_year < meetings:  # explicit committees/years too few
        committees = math.ceil(meetings / (years * per_year))
    return Shape(committees, years, per_year)
