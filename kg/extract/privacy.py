"""The privacy gate on a parsed document, applied before anything is stored.

Closed items keep only that they exist (number, title, closed); Danish CPR numbers in any
text are replaced. The report says what was removed where, never the value itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import date

from kg.parse.model import AgendaItem, MinutesDoc, SourceInfo, Span

REDACTED_CPR = "[CPR-nummer fjernet]"

_CPR = re.compile(r"(?<![\d-])(?P<d>\d{2})(?P<m>\d{2})(?P<y>\d{2})[- ]?(?P<serial>\d{4})(?![\d-])")


@dataclass(frozen=True, slots=True)
class Redaction:
    """One thing withheld: which document, where, and what kind (never the value)."""

    document: str
    span: Span
    kind: str


def _is_cpr(match: re.Match[str]) -> bool:
    """Whether the ten digits can be a CPR number: the first six must be a real date."""
    try:
        date(2000 + int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return False
    return True


def redact_text(value: str) -> tuple[str, int]:
    """``value`` with CPR numbers replaced, and how many there were.

    >>> redact_text("Borger med cpr 010203-1234 klager")
    ('Borger med cpr [CPR-nummer fjernet] klager', 1)
    >>> redact_text("Sag EMN-2017-02193, bilag 1804694")
    ('Sag EMN-2017-02193, bilag 1804694', 0)
    """
    count = 0

    def _sub(match: re.Match[str]) -> str:
        nonlocal count
        if not _is_cpr(match):
            return match.group(0)
        count += 1
        return REDACTED_CPR

    return _CPR.sub(_sub, value), count


def apply_privacy(doc: MinutesDoc) -> tuple[MinutesDoc, tuple[Redaction, ...]]:
    """The document as it may be stored, and what was withheld from it.

    Every string of the document (values and the raw text they were read from: headings,
    titles, names, units, attachment lines, section texts) passes the CPR filter, so no
    path around it reaches the store, the cache or a report.
    """
    redactions: list[Redaction] = []
    items = []
    for item in doc.items:
        if item.public is not None and not item.public.value:
            if item.sections or item.attachments or item.case_id or item.recommended_by:
                redactions.append(Redaction(doc.source.name, item.span, "closed item text"))
            item = AgendaItem(
                span=item.span,
                number=item.number,
                public=item.public,
                title=item.title,
                fingerprint=tuple(sorted(item.words())),
            )
        items.append(item)
    cleaned = _redacted(replace(doc, items=tuple(items)), doc.source.name, redactions, None)
    assert isinstance(cleaned, MinutesDoc)
    return cleaned, tuple(redactions)


def withhold_closed(doc: MinutesDoc, closed: set[int]) -> MinutesDoc:
    """``doc`` with the text of the items at ``closed`` removed: an agenda extract that
    did not say its item is closed, once resolution has found that it is."""
    items = tuple(
        AgendaItem(
            span=item.span,
            number=item.number,
            public=item.public,
            title=item.title,
            fingerprint=tuple(sorted(item.words())),
        )
        if index in closed
        else item
        for index, item in enumerate(doc.items)
    )
    return replace(doc, items=items)


def _redacted(
    value: object, document: str, redactions: list[Redaction], span: Span | None
) -> object:
    """``value`` with CPR numbers replaced in every string it holds, however deep."""
    if isinstance(value, str):
        text, count = redact_text(value)
        if count and span is not None:
            redactions.extend(Redaction(document, span, "CPR number") for _ in range(count))
        return text
    if isinstance(value, tuple):
        return tuple(_redacted(v, document, redactions, span) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        if isinstance(value, Span | SourceInfo):
            return value
        own = getattr(value, "span", None)
        where = own if isinstance(own, Span) else span
        changes = {}
        for f in fields(value):
            old = getattr(value, f.name)
            new = _redacted(old, document, redactions if f.name != "raw" else [], where)
            if new != old:
                changes[f.name] = new
        return replace(value, **changes) if changes else value
    return value
