"""The privacy gate on a parsed document, applied before anything is stored.

Closed items keep only that they exist (number, title, closed); Danish CPR numbers in any
text are replaced. The report says what was removed where, never the value itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from kg.parse.model import AgendaItem, Attachment, Located, MinutesDoc, Section, Span

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
    """The document as it may be stored, and what was withheld from it."""
    redactions: list[Redaction] = []
    items = []
    for item in doc.items:
        if item.public is not None and not item.public.value:
            if item.sections or item.attachments or item.case_id:
                redactions.append(Redaction(doc.source.name, item.span, "closed item text"))
            item = AgendaItem(
                span=item.span, number=item.number, public=item.public, title=item.title
            )
        items.append(_redact_item(item, doc.source.name, redactions))
    return replace(doc, items=tuple(items)), tuple(redactions)


def _redact_located(
    value: Located[str], document: str, redactions: list[Redaction]
) -> Located[str]:
    text, count = redact_text(value.value)
    if not count:
        return value
    redactions.extend(Redaction(document, value.span, "CPR number") for _ in range(count))
    return Located(text, value.span, redact_text(value.raw)[0])


def _redact_item(item: AgendaItem, document: str, redactions: list[Redaction]) -> AgendaItem:
    sections = tuple(
        Section(s.kind, _redact_located(s.text, document, redactions), s.origins)
        for s in item.sections
    )
    attachments = tuple(
        Attachment(_redact_located(a.title, document, redactions), a.number, a.case_id)
        for a in item.attachments
    )
    title = _redact_located(item.title, document, redactions) if item.title else None
    return replace(item, sections=sections, attachments=attachments, title=title)
