"""The pages' two languages: Danish first, English too.

One message catalogue, `kg.linked.messages.DANISH`: the English text of each message (as
the templates and the code write it) to its Danish text. A small typed table rather than
Babel's gettext files: two languages, no compile step, no ``.mo`` files to ship as
package data, and mypy and a unit test (every message the templates use has its Danish)
check it.

The page language is chosen by ``?lang=da|en`` (which the server remembers in a cookie:
`kg.web.i18n`), then that cookie, then the browser's ``Accept-Language``; Danish when
none says.

>>> Locale(Language.DA).date(date(2017, 4, 25)), Locale(Language.EN).date(date(2017, 4, 25))
('25. april 2017', '25 April 2017')
>>> Locale(Language.DA).number(7926), Locale(Language.EN).number(7926)
('7.926', '7,926')
>>> Locale(Language.DA)("Meetings"), Locale(Language.EN)("Meetings")
('Møder', 'Meetings')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Final

from kg.linked.messages import DANISH


class Language(StrEnum):
    """A language the pages are written in (its BCP 47 tag)."""

    DA = "da"
    EN = "en"


DEFAULT: Final = Language.DA
#: Thousands and decimal marks swapped, as Danish writes them.
_DANISH_MARKS: Final = str.maketrans(",.", ".,")

_MONTHS: Final[Mapping[Language, tuple[str, ...]]] = {
    Language.DA: (
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ),
    Language.EN: (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def choose(query: str | None, cookie: str | None, accept: str | None) -> Language:
    """The page language: ``?lang=``, then the cookie, then ``Accept-Language``.

    >>> choose(None, None, "en-GB,en;q=0.9,da;q=0.8")
    <Language.EN: 'en'>
    >>> choose(None, None, "de, da;q=0.5, en;q=0.4"), choose("en", "da", "da")
    (<Language.DA: 'da'>, <Language.EN: 'en'>)
    """
    for given in (query, cookie):
        if given in tuple(Language):
            return Language(given)
    best: tuple[float, int, Language] | None = None
    for position, part in enumerate((accept or "").split(",")):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in tuple(Language):
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0 and (best is None or (-quality, position) < (-best[0], best[1])):
            best = (quality, position, Language(primary))
    return best[2] if best else DEFAULT


@dataclass(frozen=True)
class Locale:
    """Messages, dates and numbers in one language; called, it translates a message."""

    lang: Language = DEFAULT

    def __call__(self, message: str, **values: object) -> str:
        """``message`` in this language, with ``{name}`` filled from ``values``."""
        text = DANISH.get(message, message) if self.lang is Language.DA else message
        return text.format(**values) if values else text

    @property
    def other(self) -> Language:
        """The language a page offers to switch to."""
        return Language.EN if self.lang is Language.DA else Language.DA

    def date(self, day: date) -> str:
        """``25. april 2017`` or ``25 April 2017``."""
        month = _MONTHS[self.lang][day.month - 1]
        if self.lang is Language.DA:
            return f"{day.day}. {month} {day.year}"
        return f"{day.day} {month} {day.year}"

    def time(self, moment: datetime) -> str:
        """``16.30`` (Danish) or ``16:30``."""
        return moment.strftime("%H.%M" if self.lang is Language.DA else "%H:%M")

    def number(self, value: int | float | str, digits: int | None = None) -> str:
        """A number with the language's thousands and decimal marks; text that is not a
        number, as it is."""
        try:
            number = float(value) if digits is not None else int(value)
        except (TypeError, ValueError):
            return str(value)
        text = f"{number:,.{digits}f}" if digits is not None else f"{number:,}"
        if self.lang is Language.DA:
            text = text.translate(_DANISH_MARKS)
        return text

    def moment(self, lexical: str) -> str:
        """A date-time literal as a reader writes it (the lexical form when not one).

        >>> Locale(Language.DA).moment("2023-10-03T16:30:00+02:00")
        '3. oktober 2023, 16.30 (UTC+02:00)'
        >>> Locale(Language.EN).moment("2023-10-03T16:30:00Z")
        '3 October 2023, 16:30 (UTC)'
        """
        try:
            when = datetime.fromisoformat(lexical)
        except ValueError:
            return lexical
        text = f"{self.date(when)}, {self.time(when)}"
        offset = when.strftime("%z")
        if offset:
            text += " (UTC)" if offset == "+0000" else f" (UTC{offset[:3]}:{offset[3:]})"
        return text

    def day(self, lexical: str) -> str:
        """The date of a date or date-time literal (the lexical form when not one).

        >>> Locale(Language.DA).day("2017-04-25T19:00:00+02:00")
        '25. april 2017'
        """
        try:
            return self.date(datetime.fromisoformat(lexical))
        except ValueError:
            return lexical

    def span(self, start: str, end: str) -> str:
        """A meeting's time: one date, from and to.

        >>> Locale(Language.DA).span("2023-10-03T16:30:00+02:00", "2023-10-03T21:00:00+02:00")
        '3. oktober 2023, 16.30–21.00'
        """
        try:
            first = datetime.fromisoformat(start)
        except ValueError:
            return start
        text = f"{self.date(first)}, {self.time(first)}"
        try:
            last = datetime.fromisoformat(end) if end else None
        except ValueError:
            last = None
        if last is not None and last.date() == first.date():
            text += f"–{self.time(last)}"
        return text
