"""The typed model of one minutes or agenda document; every value knows its source span."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache
from operator import attrgetter
from typing import Generic, TypeVar

T = TypeVar("T")
_C = TypeVar("_C", bound=type)


def pickled_by_fields(cls: _C) -> _C:
    """``cls``, a frozen dataclass with slots, pickled as a call of itself with its fields'
    values in order (no subclass of it may be pickled so).

    Python 3.11 pickles such a class through the ``__getstate__`` and ``__setstate__`` of
    `dataclasses`, which call `dataclasses.fields` for each object, both ways: for the
    200-odd objects of a document a worker sends to the build, more time than pickle took.

    >>> import pickle
    >>> pickle.loads(pickle.dumps(Located("Byrådet", Span(1, 2, 3))))
    Located(value='Byrådet', span=Span(page=1, first=2, last=3, pointer=''), raw='')
    """
    names = tuple(f.name for f in fields(cls))
    values: Callable[[object], tuple[object, ...]] = (
        attrgetter(*names) if len(names) > 1 else lambda obj: (getattr(obj, names[0]),)
    )

    def __reduce__(self: object) -> tuple[type, tuple[object, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign,assignment]  # pickle's own protocol
    return cls


def hashed_words(text: str) -> frozenset[str]:
    """The distinct words of three letters or more of a text, lower case, each hashed.

    >>> len(hashed_words("Klage over afgørelsen, over klagen"))
    4
    """
    return frozenset(map(_hashed, set(_WORD.findall(text.casefold()))))


_WORD = re.compile(r"[^\W\d_]{3,}")


@lru_cache(maxsize=1 << 17)  # a corpus says the same words again and again
def _hashed(word: str) -> str:
    return hashlib.sha256(word.encode()).hexdigest()[:16]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Span:
    """Where a value stands in the source: page and first and last line (1-based).

    A value read from a JSON source has no page or line: ``pointer`` is then its JSON
    Pointer (RFC 6901, "/Dagsordenpunkter/0/Caption") and page and lines are 0.
    """

    page: int
    first: int
    last: int
    pointer: str = ""

    @classmethod
    def at(cls, pointer: str) -> Span:
        """The span of a value at a JSON Pointer.

        >>> Span.at("/Moede/Sted")
        Span(page=0, first=0, last=0, pointer='/Moede/Sted')
        """
        return cls(0, 0, 0, pointer)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Located(Generic[T]):
    """A value with the span it was read from and the text as written there."""

    value: T
    span: Span
    raw: str = ""


class DocKind(StrEnum):
    """Whether a document records a meeting (minutes) or announces it (agenda)."""

    MINUTES = "minutes"
    AGENDA = "agenda"


class SectionKind(StrEnum):
    """The standard sections of an agenda item."""

    SUMMARY = "summary"
    BACKGROUND = "background"
    RECOMMENDATION = "recommendation"
    PRIOR_DECISIONS = "priorDecisions"
    DECISION = "decision"
    ATTACHMENTS = "attachments"


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Section:
    """A section's text, one line per paragraph or list entry; ``origins`` gives the
    source page and line of each of those lines."""

    kind: SectionKind
    text: Located[str]
    origins: tuple[tuple[int, int], ...] = ()
    #: For each of those lines, the source lines repair joined into it (empty for one).
    parts: tuple[tuple[tuple[int, str], ...], ...] = ()

    def span_at(self, offset: int) -> Span:
        """The source span of the line holding character ``offset`` of the text.

        >>> joined = ((3, "Mødet holdes i"), (4, "samarbejde med Byrådet."))
        >>> s = Section(SectionKind.SUMMARY, Located("Mødet holdes i samarbejde med Byrådet.",
        ...     Span(1, 3, 4)), ((1, 3),), (joined,))
        >>> s.span_at(0).first, s.span_at(30).first
        (3, 4)
        """
        starts = _line_starts(self.text.value)
        index = bisect_right(starts, offset) - 1
        if index < len(self.origins):
            page, line = self.origins[index]
            if index < len(self.parts):
                paragraph = self.text.value[starts[index] :]
                line = _source_line(paragraph, self.parts[index], offset - starts[index], line)
            return Span(page, line, line)
        return self.text.span


def _source_line(
    paragraph: str, parts: tuple[tuple[int, str], ...], offset: int, first: int
) -> int:
    """The source line of a joined paragraph that holds character ``offset``: each
    joined line's opening words are found in order; the last found at or before
    ``offset`` holds it (``first`` where none is found)."""
    line, cursor = first, 0
    for number, words in parts[1:]:
        start = paragraph.find(words[:12], cursor) if words else -1
        if start < 0 or start > offset:
            if start < 0:
                continue
            break
        line, cursor = number, start + max(1, len(words) - 2)
    return line


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Attachment:
    """A document attached to an item: its title, its number in the records system, and
    where it is served."""

    title: Located[str]
    number: str | None = None
    case_id: str | None = None
    #: Where the publisher serves the document (an agenda portal's link).
    url: str | None = None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One item of a meeting's agenda, with whatever the document says of it."""

    span: Span
    number: Located[int] | None = None
    public: Located[bool] | None = None
    title: Located[str] | None = None
    case_id: Located[str] | None = None
    sections: tuple[Section, ...] = ()
    recommended_by: Located[str] | None = None
    attachments: tuple[Attachment, ...] = ()
    #: For a closed item, whose text is withheld: its words, hashed, so that an agenda
    #: extract of it can still be matched without the text being kept.
    fingerprint: tuple[str, ...] = ()
    #: The publisher's own id of the item (an agenda portal's item id).
    identifier: Located[str] | None = None

    def words(self) -> frozenset[str]:
        """The item's words (title and sections but the decision), hashed: what matching
        compares, the same whether the text is at hand or only its fingerprint."""
        texts = [s.text.value for s in self.sections if s.kind is not SectionKind.DECISION]
        if self.title:
            texts.append(self.title.value)
        return frozenset(self.fingerprint) | hashed_words(" ".join(texts))

    def section(self, kind: SectionKind) -> Located[str] | None:
        """The text of one section, or None when the item lacks it."""
        return next((s.text for s in self.sections if s.kind is kind), None)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class SourceInfo:
    """The source file a document was read from."""

    name: str
    path: str
    sha256: str
    media_type: str
    pages: int


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class MinutesDoc:
    """A parsed minutes or agenda document."""

    source: SourceInfo
    kind: DocKind
    language: str
    committee: Located[str] | None = None
    #: The municipality whose body held the meeting ("Gentofte"), without "Kommune".
    municipality: Located[str] | None = None
    #: The meeting's date, also when the document gives no time of day.
    day: Located[date] | None = None
    start: Located[datetime] | None = None
    end: Located[datetime] | None = None
    place: Located[str] | None = None
    present: tuple[Located[str], ...] = ()
    absent: tuple[Located[str], ...] = ()
    items: tuple[AgendaItem, ...] = field(default_factory=tuple)
    #: The publisher's own id of the meeting (an agenda portal's meeting id), so that a
    #: later copy of the same meeting is known as that meeting.
    identifier: Located[str] | None = None

    def stated(self) -> dict[str, object]:
        """What the document states, field by field: a value, a count, or None where it
        does not say (what ``kg build --report`` lists)."""
        items = [i for i in self.items if i.number is not None or i.title is not None]
        return {
            "kind": self.kind.value,
            "committee": self.committee.value if self.committee else None,
            "municipality": self.municipality.value if self.municipality else None,
            "date": self.day.value.isoformat() if self.day else None,
            "start": self.start.value.strftime("%H:%M") if self.start else None,
            "end": self.end.value.strftime("%H:%M") if self.end else None,
            "place": self.place.value if self.place else None,
            "present": len(self.present) or None,
            "absent": len(self.absent) or None,
            "items": len(items) or None,
            "case ids": sum(1 for i in items if i.case_id) or None,
        }


@lru_cache(maxsize=16)
def _line_starts(text: str) -> tuple[int, ...]:
    """Where each line of ``text`` starts: one pass per text, so that `Section.span_at`
    takes logarithmic time (counting newlines up to each offset was quadratic)."""
    return (0, *(m.end() for m in re.finditer("\n", text)))
