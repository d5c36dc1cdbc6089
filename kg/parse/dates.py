"""Meeting dates and times as time-zone-aware datetimes."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from kg.parse.lexicon import Lexicon

_NUMERIC = re.compile(
    r"(?P<d>\d{1,2})[-./](?P<m>\d{1,2})[-./](?P<y>\d{4})"
    r"(?:\s+(?:kl\.?\s*)?(?P<t>\d{1,2}(?:[.:]\d{2})?)(?!\d))?"
)
_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<t>\d{2}:\d{2}))?")
_WORDS = re.compile(
    r"(?:\w+dag\s+)?(?:d\.\s*|den\s+)?(?P<d>\d{1,2})\.?\s+(?P<month>[A-Za-zæøåÆØÅ]+)\.?\s+(?P<y>\d{4})"
    r"(?:,?\s+(?:kl\.?|at)?\s*(?P<t>\d{1,2}[.:]\d{2}))?",
    re.I,
)


class DateError(ValueError):
    """A date or time that cannot be read; the message says why."""


def parse_clock(value: str) -> time:
    """A clock time written "16:30", "16.30" or, on the hour, "17".

    >>> parse_clock("16.30"), parse_clock("17")
    (datetime.time(16, 30), datetime.time(17, 0))
    """
    hours, _, minutes = value.strip().replace(".", ":").partition(":")
    minutes = minutes or "0"
    try:
        return time(int(hours), int(minutes))
    except ValueError as exc:
        raise DateError(f"{value!r} is not a time of day ({exc})") from exc


def parse_when(value: str, lexicon: Lexicon) -> tuple[date, time | None]:
    """The date and, if given, the time of a meeting-time field in any common form."""
    text = value.strip()
    for pattern in (_ISO, _NUMERIC):
        match = pattern.search(text)
        if match:
            day = _make_date(int(match["y"]), int(match["m"]), int(match["d"]), text)
            return day, parse_clock(match["t"]) if match["t"] else None
    match = _WORDS.search(text)
    if match:
        month_word = match["month"].lower()
        months = [m for m in lexicon.months if m.startswith(month_word[:3])]
        if len(months) != 1:
            raise DateError(f"{value!r}: {match['month']!r} is not a month")
        month = lexicon.months.index(months[0]) + 1
        day = _make_date(int(match["y"]), month, int(match["d"]), text)
        return day, parse_clock(match["t"]) if match["t"] else None
    raise DateError(f"{value!r} has no date in a known form (DD-MM-YYYY HH:MM)")


def _make_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise DateError(f"{text!r} is not a real date ({exc})") from exc


def localise(day: date, clock: time, zone: str) -> datetime:
    """The datetime at ``clock`` on ``day`` with the offset ``zone`` has on that date.

    >>> localise(date(2017, 9, 26), time(16, 30), "Europe/Copenhagen").isoformat()
    '2017-09-26T16:30:00+02:00'
    >>> localise(date(2017, 1, 26), time(16, 30), "Europe/Copenhagen").isoformat()
    '2017-01-26T16:30:00+01:00'
    """
    return datetime.combine(day, clock, tzinfo=ZoneInfo(zone))


def end_after(start: datetime, clock: time) -> datetime:
    """The end of a meeting that started at ``start`` and closed at ``clock``: the same
    day, or the next when the clock is not after the start (a meeting past midnight).

    >>> start = localise(date(2019, 3, 12), time(20, 0), "Europe/Copenhagen")
    >>> end_after(start, time(0, 30)).isoformat()
    '2019-03-13T00:30:00+01:00'
    """
    end = datetime.combine(start.date(), clock, tzinfo=start.tzinfo)
    return end + timedelta(days=1) if end <= start else end
