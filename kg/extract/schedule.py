"""When an agenda says its meeting is held: an agenda without a meeting-time header often
announces it in its text ("mødes … tirsdag den 25. april 2017 kl. 19.00-21.00"), and its
graph states those times as read there, not the minutes' (issue 13)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

from kg.language import language
from kg.parse.dates import find_dates, parse_clock
from kg.parse.model import DocKind, Located, MinutesDoc, SectionKind

#: The clock times right after a date: "kl. 19.00-21.00", "kl. 16.30".
_CLOCKS = re.compile(
    r"[ ,]*kl\.?\s*(?P<start>\d{1,2}[.:]\d{2})(?:\s*[-–]\s*(?P<end>\d{1,2}[.:]\d{2}))?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Schedule:
    """The day an agenda's text names, with the start and end times written after it."""

    day: date
    start: Located[time]
    end: Located[time] | None = None


def agenda_schedule(doc: MinutesDoc) -> Schedule | None:
    """The first date with a clock time in an agenda's texts, where the agenda has no
    meeting time of its own (a header); None for minutes and for agendas that have one.

    The mapping states it only where the day is the meeting's own."""
    if doc.kind is not DocKind.AGENDA or doc.start is not None:
        return None
    lang = language(doc.language)
    for item in doc.items:
        for section in item.sections:
            if section.kind not in (SectionKind.SUMMARY, SectionKind.BACKGROUND):
                continue
            text = section.text.value
            for found in find_dates(text, lang):
                clocks = _CLOCKS.match(text, found.end)
                if clocks is None:
                    continue
                try:
                    start = parse_clock(clocks["start"])
                    end = parse_clock(clocks["end"]) if clocks["end"] else None
                except ValueError:
                    continue
                span = section.span_at(found.start)
                said = text[found.start : clocks.end()]
                return Schedule(
                    found.day,
                    Located(start, span, said),
                    Located(end, span, said) if end is not None else None,
                )
    return None
