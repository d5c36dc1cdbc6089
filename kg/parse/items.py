"""Agenda items and their sections, from the body lines of a document."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.ingest.model import Line
from kg.parse.lexicon import Lexicon
from kg.parse.model import AgendaItem, Attachment, Located, Section, SectionKind, Span

#: A placeholder standing for "nothing" in a section, as the seeds' "Tidligere beslutninger: .".
_PLACEHOLDERS = frozenset({".", "-", "–"})

_CASE_ID = re.compile(r"[A-ZÆØÅ]{2,6}-\d{4}-\d{3,6}|\d{2}/\d{1,6}(?:-\d+)?")
_ATTACHMENT = re.compile(
    r"(?:\d+[.)]\s*)?(?P<title>.+?)\s*(?:\((?P<number>\d{3,})(?:\s*-\s*(?P<case>[^)]+?))?\))?\s*"
)


def span_of(lines: Sequence[Line]) -> Span:
    """The source span covered by a run of lines."""
    first, last = lines[0], lines[-1]
    if last.page != first.page:
        return Span(first.page, first.first, first.last)
    return Span(first.page, first.first, last.last)


@dataclass(frozen=True)
class _Block:
    """Lines of one item: a heading (or None for an agenda without one) and what follows."""

    heading: Line | None
    lines: tuple[Line, ...]


def split_items(body: Sequence[Line], lexicon: Lexicon) -> list[_Block]:
    """The body cut at item headings; text before the first heading is its own block
    when it holds sections (an agenda extract that lost its heading)."""
    blocks: list[_Block] = []
    heading: Line | None = None
    current: list[Line] = []
    for line in body:
        if lexicon.item_heading.fullmatch(line.text):
            if heading is not None or _has_sections(current, lexicon):
                blocks.append(_Block(heading, tuple(current)))
            heading, current = line, []
        else:
            current.append(line)
    if heading is not None or _has_sections(current, lexicon):
        blocks.append(_Block(heading, tuple(current)))
    return blocks


def _has_sections(lines: Sequence[Line], lexicon: Lexicon) -> bool:
    return any(lexicon.section_of(line.text) for line in lines)


def parse_item(block: _Block, lexicon: Lexicon) -> AgendaItem:
    """One agenda item from its block of lines."""
    all_lines = ((block.heading,) if block.heading else ()) + block.lines
    number = public = title = None
    if block.heading is not None:
        match = lexicon.item_heading.fullmatch(block.heading.text)
        assert match is not None
        where = span_of([block.heading])
        raw = block.heading.text
        number = Located(int(match["number"]), where, raw)
        public = Located(match["status"].lower() in lexicon.open_words, where, match["status"])
        title = Located(match["title"].strip(), where, match["title"])
    case_id = None
    sections: list[Section] = []
    recommended_by = None
    attachments: tuple[Attachment, ...] = ()
    for kind, lines in _sections(block.lines, lexicon):
        if kind is None:
            case_id = case_id or _case_id(lines, lexicon)
            continue
        content = _trim(lines)
        if kind is SectionKind.ATTACHMENTS:
            attachments = tuple(_attachments(content))
            continue
        if kind is SectionKind.RECOMMENDATION and content:
            unit = lexicon.recommends.fullmatch(content[0].text)
            if unit:
                recommended_by = Located(
                    unit["unit"].strip(), span_of(content[:1]), content[0].text
                )
                rest = unit["rest"].strip()
                first = (
                    [Line(rest, content[0].page, content[0].first, content[0].last)] if rest else []
                )
                content = first + _trim(content[1:])
        if (
            kind is SectionKind.DECISION
            and content
            and lexicon.decision_dateline.fullmatch(content[0].text)
        ):
            content = _trim(content[1:])
        text = _join(content)
        if text and text not in _PLACEHOLDERS:
            origins = tuple((line.page, line.first) for line in content if line.text.strip())
            sections.append(Section(kind, Located(text, span_of(content), text), origins))
    return AgendaItem(
        span=span_of(all_lines) if all_lines else Span(1, 1, 1),
        number=number,
        public=public,
        title=title,
        case_id=case_id,
        sections=tuple(sections),
        recommended_by=recommended_by,
        attachments=attachments,
    )


def _sections(
    lines: Sequence[Line], lexicon: Lexicon
) -> list[tuple[SectionKind | None, list[Line]]]:
    """Lines grouped under their section heading; the lines before the first heading
    (where "Sags ID" stands) come first with kind None."""
    groups: list[tuple[SectionKind | None, list[Line]]] = [(None, [])]
    for line in lines:
        kind = lexicon.section_of(line.text)
        if kind is not None:
            groups.append((kind, []))
        else:
            groups[-1][1].append(line)
    return groups


def _case_id(lines: Sequence[Line], lexicon: Lexicon) -> Located[str] | None:
    for line in lines:
        match = lexicon.case_id.fullmatch(line.text)
        if match:
            return Located(match["case"], span_of([line]), line.text)
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
        text = line.text.strip()
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
