"""One agenda item from its lines: case id, sections by their headings, the unit that
recommends, the decision without its dateline, attachments.

Headings come from the language's vocabulary in any case, with or without a colon, alone
on their line or followed by text ("BESLUTNING: Kommunalbestyrelsen den 26-05-2011").
A heading of a part the model has no section for ("Økonomi", "Beslutningskompetence")
keeps its part as text of the item's background, heading included, so nothing is lost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from kg.ingest.model import Line
from kg.language import Language
from kg.parse.headings import case_id
from kg.parse.model import AgendaItem, Attachment, Located, Section, SectionKind, Span

#: A placeholder standing for "nothing" in a section, as the seeds' "Tidligere beslutninger: .".
_PLACEHOLDERS = frozenset({".", "-", "–", "....."})

_CASE_ID = re.compile(r"[A-ZÆØÅ]{2,6}-\d{4}-\d{3,6}|\d{2}/\d{1,6}(?:-\d+)?")
_ATTACHMENT = re.compile(
    r"(?:\d+[.)]\s*)?(?:PDF)?(?P<title>.+?)\s*(?:\((?P<number>\d{3,})(?:\s*-\s*(?P<case>[^)]+?))?\))?\s*"
)


def span_of(lines: Sequence[Line]) -> Span:
    """The source span covered by a run of lines."""
    first, last = lines[0], lines[-1]
    if last.page != first.page:
        return Span(first.page, first.first, first.last)
    return Span(first.page, first.first, last.last)


def parse_item(
    lines: Sequence[Line],
    lang: Language,
    *,
    number: Located[int] | None = None,
    public: Located[bool] | None = None,
    title: Located[str] | None = None,
    heading: Sequence[Line] = (),
    case: Located[str] | None = None,
) -> AgendaItem:
    """One agenda item from the lines below its heading (``case``: the one its heading
    gave)."""
    texts: dict[SectionKind, list[Line]] = {}
    recommended_by = None
    attachments: tuple[Attachment, ...] = ()
    for kind, group in _sections(lines, lang):
        if kind is None:
            case = case or _case(group, lang)
            continue
        content = _trim(group)
        if kind is SectionKind.ATTACHMENTS:
            attachments += tuple(_attachments(content))
            continue
        if kind is SectionKind.RECOMMENDATION and content and recommended_by is None:
            unit = lang.recommends.fullmatch(content[0].text)
            if unit:
                recommended_by = Located(
                    unit["unit"].strip(), span_of(content[:1]), content[0].text
                )
                rest = unit["rest"].strip()
                first = [replace(content[0], text=rest)] if rest else []
                content = first + _trim(content[1:])
        if kind is SectionKind.DECISION and content and _is_dateline(content[0].text, lang):
            content = _trim(content[1:])
        texts.setdefault(kind, []).extend(content)
    sections = []
    for kind in SectionKind:
        content = texts.get(kind, [])
        text = _join(content)
        if text and text not in _PLACEHOLDERS:
            filled = [line for line in content if line.text.strip()]
            origins = tuple((line.page, line.first) for line in filled)
            parts = tuple(line.parts for line in filled)
            sections.append(Section(kind, Located(text, span_of(content), text), origins, parts))
    all_lines = [*heading, *lines]
    return AgendaItem(
        span=span_of(all_lines) if all_lines else Span(1, 1, 1),
        number=number,
        public=public,
        title=title,
        case_id=case,
        sections=tuple(sections),
        recommended_by=recommended_by,
        attachments=attachments,
    )


def _is_dateline(text: str, lang: Language) -> bool:
    return bool(lang.decision_dateline.fullmatch(text.strip()))


def _sections(lines: Sequence[Line], lang: Language) -> list[tuple[SectionKind | None, list[Line]]]:
    """Lines grouped under their section heading; the lines before the first heading
    (where the case id stands) come first with kind None. A decision's dateline inside
    another section ("Indstilling og beslutning") opens the decision."""
    groups: list[tuple[SectionKind | None, list[Line]]] = [(None, [])]
    for line in lines:
        found = lang.section_of(line.text)
        if (
            found is None
            and groups[-1][0] not in (None, SectionKind.DECISION)
            and line.text.rstrip().endswith(":")
            and _is_dateline(line.text, lang)
        ):
            groups.append((SectionKind.DECISION, []))
            continue
        if found is None:
            groups[-1][1].append(line)
            continue
        name, rest = found
        if name == "other":
            kind = SectionKind.BACKGROUND
            groups.append((kind, [line]))
            continue
        kind = SectionKind(name)
        groups.append((kind, []))
        if rest:
            groups[-1][1].append(replace(line, text=rest))
    return groups


def _case(lines: Sequence[Line], lang: Language) -> Located[str] | None:
    for line in lines:
        found = case_id(line.text, lang)
        if found:
            return Located(found, span_of([line]), line.text)
    return None


def _trim(lines: Sequence[Line]) -> list[Line]:
    """Lines without leading and trailing blank ones."""
    out = list(lines)
    while out and not out[0].text.strip():
        out.pop(0)
    while out and not out[-1].text.strip():
        out.pop()
    return out


def _join(lines: Sequence[Line]) -> str:
    """Section text: one line per paragraph or list entry, without blank lines, so that
    the same text laid out differently (minutes and the agenda PDF) gives one literal."""
    return "\n".join(line.text for line in lines if line.text.strip())


def _attachments(lines: Sequence[Line]) -> list[Attachment]:
    found = []
    for line in lines:
        text = line.text.strip().removeprefix("- ")
        if not text:
            continue
        match = _ATTACHMENT.fullmatch(text)
        if not match or not match["title"]:
            continue
        case = match["case"].strip() if match["case"] else None
        if case is not None and not _CASE_ID.fullmatch(case):
            case = None  # not a case id: keep the line's title, drop what is no case
        where = span_of([line])
        found.append(Attachment(Located(match["title"], where, text), match["number"], case))
    return found
