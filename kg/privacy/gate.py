"""The privacy gate on a parsed document, applied before anything is stored or cached:
every string of the document passes the rules of `kg.privacy.rules`, and a closed item
keeps only that it exists. What was withheld is reported (`Redaction`), never its value.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, is_dataclass, replace

from kg.parse.model import (
    AgendaItem,
    Located,
    MinutesDoc,
    Section,
    SourceInfo,
    Span,
    pickled_by_fields,
)
from kg.privacy.rules import PrivacyRules, RedactionKind
from kg.settings import BuildSettings


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Redaction:
    """One thing withheld: which document, where, and what kind (never the value)."""

    document: str
    span: Span
    kind: RedactionKind

    def row(self) -> tuple[str, int, int, str]:
        """The report row: file, page, line, kind."""
        return (self.document, self.span.page, self.span.first, self.kind.value)


@dataclass
class _Gate:
    """The rules for one document and the redactions found in it so far."""

    rules: PrivacyRules
    document: str
    found: list[Redaction] = field(default_factory=list)
    #: What `redact` gave for each string so far, shared by the gates of one document
    #: (its strings recur: a value and the raw text it was read from, a repeated title).
    redacted: dict[str, tuple[str, list[tuple[int, RedactionKind]]]] = field(default_factory=dict)

    def redact(self, text: str) -> tuple[str, list[tuple[int, RedactionKind]]]:
        """The rules' `PrivacyRules.redact` of ``text``."""
        done = self.redacted.get(text)
        if done is None:
            done = self.redacted[text] = self.rules.redact(text)
        return done

    def fresh(self) -> _Gate:
        """A gate for the same document with no redactions found yet."""
        return _Gate(self.rules, self.document, redacted=self.redacted)

    def identifiers(self) -> _Gate:
        """The gate for an identifier the reader found by its label or shape (an item's
        case id, "Sagsnr.: 25000412"): no phone number, whatever its digits; a CPR number
        is still withheld (some journal numbers are one). Its redactions count as this
        gate's."""
        kinds = self.rules.kinds - {RedactionKind.PHONE}
        return _Gate(replace(self.rules, kinds=kinds), self.document, self.found)

    def note(self, span: Span | None, hits: Iterable[tuple[int, RedactionKind]]) -> None:
        if span is not None:
            self.found.extend(Redaction(self.document, span, kind) for _, kind in hits)


def apply_privacy(
    doc: MinutesDoc, settings: BuildSettings | None = None
) -> tuple[MinutesDoc, tuple[Redaction, ...]]:
    """The document as it may be stored, and what was withheld from it.

    Every string of the document (values and the raw text they were read from: headings,
    titles, names, units, attachment lines, section texts) passes the filter, so no path
    around it reaches the store, the cache or a report.
    """
    rules = PrivacyRules.of(settings or BuildSettings(), doc.language)
    gate = _Gate(rules, doc.source.name)
    items = []
    for item in doc.items:
        if item.public is not None and not item.public.value:
            if item.sections or item.attachments or item.case_id or item.recommended_by:
                gate.found.append(Redaction(gate.document, item.span, RedactionKind.CLOSED_ITEM))
            cleaned = _walk(item, gate.fresh(), None)
            assert isinstance(cleaned, AgendaItem)
            item = _existence(item, cleaned)
        items.append(item)
    result = _walk(replace(doc, items=tuple(items)), gate, None)
    assert isinstance(result, MinutesDoc)
    return result, tuple(gate.found)


def withhold_closed(doc: MinutesDoc, closed: set[int]) -> MinutesDoc:
    """``doc`` with the text of the items at ``closed`` removed: an agenda extract that
    did not say its item is closed, once resolution has found that it is."""
    items = tuple(
        _existence(item, item) if index in closed else item for index, item in enumerate(doc.items)
    )
    return replace(doc, items=items)


def _existence(item: AgendaItem, words: AgendaItem) -> AgendaItem:
    """What a closed item keeps: that it exists (number, title, identifier) and the
    fingerprint of the words of ``words`` (the item as the gate left its text)."""
    return AgendaItem(
        span=item.span,
        number=item.number,
        public=item.public,
        title=item.title,
        fingerprint=tuple(sorted(words.words())),
        identifier=item.identifier,
    )


def _walk(value: object, gate: _Gate, span: Span | None) -> object:
    """``value`` with what the gate withholds replaced in every string it holds."""
    if isinstance(value, str):
        text, hits = gate.redact(value)
        gate.note(span, hits)
        return text
    if isinstance(value, tuple):
        walked = tuple(_walk(v, gate, span) for v in value)
        return value if all(map(operator.is_, walked, value)) else walked
    if isinstance(value, Section):
        return _section(value, gate)
    names = _field_names(type(value))
    if not names:
        return value
    own = getattr(value, "span", None)
    where = own if isinstance(own, Span) else span
    before = len(gate.found)
    raw = gate.fresh()
    changes = {}
    for name in names:
        old = getattr(value, name)
        new: object
        if name == "case_id" and isinstance(old, Located):
            new = _case_id(old, gate, where)
        else:
            new = _walk(old, raw if name == "raw" else gate, where)
        if new is not old and new != old:
            changes[name] = new
    if raw.found:  # what only the raw text held (a value parsed from it holds fewer strings)
        seen = Counter(r.kind for r in gate.found[before:])
        for kind, extra in (Counter(r.kind for r in raw.found) - seen).items():
            gate.note(where, [(0, kind)] * extra)
    if not changes:
        return value
    assert is_dataclass(value) and not isinstance(value, type)
    return replace(value, **changes)


def _case_id(case: Located[str], gate: _Gate, span: Span | None) -> Located[str]:
    """An item's case id: its value keeps what looks like a phone number (it is an
    identifier by where it was read, "Sagsnr.: 25000412"); the line it was read from
    passes the whole gate ("Sagsnr.: 24/1234, tlf. 23 45 67 89")."""
    value = _walk(case.value, gate.identifiers(), span)
    raw = _walk(case.raw, gate, span)
    if value is case.value and raw is case.raw:
        return case
    assert isinstance(value, str) and isinstance(raw, str)
    return replace(case, value=value, raw=raw)


def _field_names(kind: type) -> tuple[str, ...]:
    """The fields `_walk` goes into of a value of this type: none of a value that is no
    dataclass, nor of a span or a source file's description (looked up once a type:
    `dataclasses.fields` for each value was a tenth of the gate's time)."""
    names = _FIELD_NAMES.get(kind)
    if names is None:
        plain = not is_dataclass(kind) or issubclass(kind, Span | SourceInfo)
        names = _FIELD_NAMES[kind] = () if plain else tuple(f.name for f in fields(kind))
    return names


#: `_field_names` of each type met (a memo: the same few types, for every document).
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _section(section: Section, gate: _Gate) -> Section:
    """A section's text redacted, each redaction placed on its own source line."""
    text, hits = gate.redact(section.text.value)
    for offset, kind in hits:
        gate.note(section.span_at(offset), [(offset, kind)])
    raw, raw_hits = gate.redact(section.text.raw)
    extra = Counter(k for _, k in raw_hits) - Counter(k for _, k in hits)
    for kind, count in extra.items():
        gate.note(section.text.span, [(0, kind)] * count)
    if text == section.text.value and raw == section.text.raw:
        return section
    return replace(section, text=replace(section.text, value=text, raw=raw))
