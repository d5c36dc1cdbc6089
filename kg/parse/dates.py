"""Meeting dates and times, found in any common written form, as time-zone-aware values.

Dates are written numerically ("06-11-2018", "2019-03-12"), in words in Danish or English
("Torsdag den 5. oktober 2017", "Onsdag, April 3, 2019", "8th November 2023") with the
month names of the document's language (`kg.language`); times as "kl. 15.45", "16:30",
"09:00:00" or on a twelve-hour clock ("7.00 pm", "6:30 p.m.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from kg.language import Language

_NUMERIC = re.compile(
    r"(?<![\d/.-])(?P<d>\d{1,2})(?:[-./](?P<m>\d{1,2})[-./]|/(?P<m2>\d{1,2})\s)(?P<y>\d{4})(?!\d)"
)  # "14-03-2023", "9/9-2024", "14/1 2025"
_ISO = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")
#: A day number's ending: Danish "5.", English "8th" (in any case: "11TH SEPTEMBER").
_ORDINAL = r"(?:\.|(?i:st|nd|rd|th)\b)?"
_WORDS = re.compile(
    rf"(?<![\d.])(?P<d>\d{{1,2}}){_ORDINAL}\s*(?:of\s+)?(?P<month>[^\W\d_]{{3,9}})\.?,?\s*"
    r"(?P<y>\d{4})(?!\d)"
)
_ENGLISH = re.compile(
    r"(?P<month>[^\W\d_]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})(?!\d)"
)
#: A time of day: hours, minutes (and seconds), perhaps "am" or "pm".
_TIME = (
    r"(?P<h>[01]?\d|2[0-3])(?:[.:](?P<m>[0-5]\d)(?::[0-5]\d)?)?(?![\d]|[.,:]\d)"
    r"(?:\s?(?P<half>[ap])\.?\s?m\b\.?)?"
)
_CLOCK = re.compile(r"(?:(?P<kl>\bkl\.?|\bklokken|\bat)\s*|(?<![\d.,:/-]))" + _TIME, re.IGNORECASE)
#: The second clock of a range, right after the dash ("15:30-17:00").
_UNTIL = re.compile(_TIME, re.IGNORECASE)


class DateError(ValueError):
    """A date or time that cannot be read; the message says why."""


@dataclass(frozen=True, slots=True)
class Found:
    """A date found in a text, with where it stands there."""

    day: date
    start: int
    end: int


def find_dates(text: str, lang: Language) -> list[Found]:
    """Every real date in ``text``, in order; impossible ones ("31-02-2019") are left out.

    >>> from kg.language import language
    >>> found = find_dates("Onsdag, April 3, 2019 og 06-11-2018", language("da"))
    >>> [f.day.isoformat() for f in found]
    ['2019-04-03', '2018-11-06']
    """
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_ISO, _NUMERIC, _WORDS, _ENGLISH):
        for match in pattern.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            month = _month(match, lang)
            if month is None or (
                match.groupdict().get("m2") and not _day_before(text, match, lang)
            ):
                continue  # "14/1 2025" only as a meeting's day ("Tirsdag d. 14/1 2025")
            try:
                day = date(int(match["y"]), month, int(match["d"]))
            except ValueError:
                continue
            found.append(Found(day, match.start(), match.end()))
            taken.append((match.start(), match.end()))
    return sorted(found, key=lambda f: f.start)


def _day_before(text: str, match: re.Match[str], lang: Language) -> bool:
    """Whether a weekday, "den" or "d." stands right before a date ("Tirsdag d. 14/1")."""
    words = text[max(0, match.start() - 20) : match.start()].casefold().split()
    return bool(words) and (words[-1] in {"d.", "den"} or words[-1].strip(",") in lang.weekdays)


def _month(match: re.Match[str], lang: Language) -> int | None:
    if "month" not in match.groupdict():
        return int(match["m"] or match["m2"])
    return lang.month(match["month"])


def find_clock(
    text: str, *, after: int = 0, strict: bool = False, hours: bool = False
) -> time | None:
    """The first time of day in ``text`` from offset ``after``; with ``strict``, only one
    written with "kl." ("kl. 12.00"), as a bare "12.00" in running text may be anything.

    >>> find_clock("Mødetidspunkt: Kl. 17:00"), find_clock("04-06-2020 09:00:00", after=10)
    (datetime.time(17, 0), datetime.time(9, 0))
    >>> find_clock("held at 7.00 pm"), find_clock("closed at 8.45p.m."), find_clock("at 7pm")
    (datetime.time(19, 0), datetime.time(20, 45), datetime.time(19, 0))
    """
    while (found := _first_clock(text, after, hours=hours)) is not None:
        clock, match = found
        if not strict or match["kl"]:
            return clock
        after = match.end()
    return None


def clock_range(text: str, *, hours: bool = False) -> tuple[time, time] | None:
    """The start and end of a time range written "16:00 - 18:30", "kl. 15:30-17:00",
    "13.00 til 15.00" or "7.00 pm to 9.30 pm": a clock, a dash or "til"/"to", a clock.

    >>> clock_range("Mødetidspunkt: 16:00 - 18:30")
    (datetime.time(16, 0), datetime.time(18, 30))
    >>> clock_range("kl. 15:30-17:00"), clock_range("16:00 i Byrådssalen")
    ((datetime.time(15, 30), datetime.time(17, 0)), None)
    >>> clock_range("kl. 14-16, Fyrtårnet", hours=True), clock_range("kl. 14-16, Fyrtårnet")
    ((datetime.time(14, 0), datetime.time(16, 0)), None)
    """
    first = _first_clock(text, 0, hours=hours)
    if first is None:
        return None
    start, match = first
    between = _RANGE.match(text, match.end())
    if between is None:
        return None
    until = _UNTIL.match(text, between.end())
    whole = match["m"] is None and hours and _on_the_hour(match)  # "kl. 14-16"
    if until is None or (until["m"] is None and until["half"] is None and not whole):
        return None
    end = _hour(int(until["h"]), until["half"])
    if end is None or (whole and (end <= start.hour or text[until.end() : until.end() + 1] == ".")):
        return None  # "kl. 16 - 1. sal": an ordinal, no hour
    return start, time(end, int(until["m"] or 0))


#: What stands between the two clocks of a range: a dash or a word, perhaps "kl.".
_RANGE = re.compile(r"\s*(?:[-–—]|\btil\b|\bto\b|\buntil\b)\s*(?:kl\.?\s*)?", re.IGNORECASE)


def _first_clock(
    text: str, after: int, *, hours: bool = False
) -> tuple[time, re.Match[str]] | None:
    """The first clock from ``after``; with ``hours`` (a meeting-time field's value), also
    one on the hour after "kl." ("kl. 17"), which in running text may be anything."""
    for match in _CLOCK.finditer(text, after):
        if match["m"] is None and match["half"] is None and not (hours and _on_the_hour(match)):
            continue  # a bare number is a time only as "7 pm", or "kl. 17" in a time field
        hour = _hour(int(match["h"]), match["half"])
        if hour is not None:
            return time(hour, int(match["m"] or 0)), match
    return None


def _on_the_hour(match: re.Match[str]) -> bool:
    """Whether a clock written without minutes follows "kl." or "klokken" ("kl. 17")."""
    return bool(match["kl"]) and match["kl"].casefold().startswith("kl")


def _hour(hour: int, half: str | None) -> int | None:
    """The hour on a 24-hour clock of ``hour`` written with "am"/"pm" (``half`` "a" or
    "p") or without (None); None for an hour a twelve-hour clock has not ("14 pm").

    >>> _hour(7, "p"), _hour(12, "p"), _hour(12, "a"), _hour(9, None), _hour(14, "p")
    (19, 12, 0, 9, None)
    """
    if half is None:
        return hour
    if not 1 <= hour <= 12:
        return None
    return hour % 12 + (12 if half.lower() == "p" else 0)


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


def parse_when(value: str, lang: Language) -> tuple[date, time | None]:
    """The date and, if given after it, the time of a meeting-time field in any common
    form; DateError when it holds no real date."""
    found = find_dates(value, lang)
    if not found:
        if _NUMERIC.search(value) or _ISO.search(value):
            raise DateError(f"{value!r} is not a real date")
        raise DateError(f"{value!r} has no date in a known form (DD-MM-YYYY HH:MM)")
    first = found[0]
    return first.day, find_clock(value, after=first.end)


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
