"""From normalised text to a typed `MinutesDoc`: header, attendance, items, sections."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from kg.errors import InputError
from kg.ingest.model import Line, Text
from kg.parse.dates import DateError, end_after, localise, parse_clock, parse_when
from kg.parse.items import parse_item, span_of, split_items
from kg.parse.lexicon import Lexicon, choose_lexicon
from kg.parse.model import AgendaItem, DocKind, Located, MinutesDoc, SectionKind, SourceInfo
from kg.settings import BuildSettings

#: How many lines from the top the header may take before the body begins.
_HEADER_WINDOW = 60


def parse(text: Text, settings: BuildSettings) -> MinutesDoc:
    """Read one minutes or agenda document; raise `InputError` for one that is neither."""
    lexicon = choose_lexicon([line.text for line in text.lines])
    header_end = _header_end(text.lines, lexicon)
    header = text.lines[:header_end]
    body = _skip_contents(text.lines[header_end:], lexicon)
    items = tuple(parse_item(block, lexicon) for block in split_items(body, lexicon))
    title = _title(header, lexicon)
    if title is None and not items:
        raise InputError(
            text.path,
            "does not look like minutes or an agenda: no title line, item heading or "
            "section heading found",
            hint="minutes-kg reads committee minutes and agendas; check the file",
        )
    kind = title[1] if title else _kind_from_items(items)
    start = _start(header, text, lexicon, settings)
    return MinutesDoc(
        source=SourceInfo(
            name=text.name,
            path=text.path,
            sha256=text.sha256,
            media_type=text.media.value,
            pages=text.pages,
        ),
        kind=kind,
        language=lexicon.language,
        committee=title[0] if title else None,
        start=start,
        end=_end(header, start, text, lexicon),
        place=_field(header, lexicon.place),
        present=_names(header, lexicon.present, lexicon),
        absent=_names(header, lexicon.absent, lexicon),
        items=items,
    )


def _header_end(lines: Sequence[Line], lexicon: Lexicon) -> int:
    """Index of the first body line: the table of contents or the first item or section."""
    for index, line in enumerate(lines[:_HEADER_WINDOW]):
        if (
            lexicon.contents.fullmatch(line.text)
            or lexicon.item_heading.fullmatch(line.text)
            or lexicon.section_of(line.text)
        ):
            return index
    return min(len(lines), _HEADER_WINDOW)


def _skip_contents(lines: Sequence[Line], lexicon: Lexicon) -> list[Line]:
    """The body without its table of contents: the contents list each item heading once,
    and the body starts where an item number comes round again."""
    if not lines or not lexicon.contents.fullmatch(lines[0].text):
        return list(lines)
    seen: set[str] = set()
    for index, line in enumerate(lines):
        match = lexicon.item_heading.fullmatch(line.text)
        if match:
            if match["number"] in seen:
                return list(lines[index:])
            seen.add(match["number"])
        elif seen and lexicon.section_of(line.text):
            return list(lines[index:])
    return list(lines[1:]) if not seen else []


def _title(lines: Sequence[Line], lexicon: Lexicon) -> tuple[Located[str], DocKind] | None:
    for line in lines:
        for pattern, kind in lexicon.titles:
            match = pattern.fullmatch(line.text)
            if match:
                name = match["committee"].strip().rstrip(".")
                return Located(name, span_of([line]), line.text), kind
    return None


def _kind_from_items(items: Sequence[AgendaItem]) -> DocKind:
    """Minutes record decisions; a document without a title is minutes if any item has one."""
    if any(item.section(SectionKind.DECISION) is not None for item in items):
        return DocKind.MINUTES
    return DocKind.AGENDA


def _field(lines: Sequence[Line], pattern: re.Pattern[str]) -> Located[str] | None:
    for line in lines:
        match = pattern.fullmatch(line.text)
        if match and match["value"].strip():
            return Located(match["value"].strip(), span_of([line]), line.text)
    return None


def _start(
    lines: Sequence[Line], text: Text, lexicon: Lexicon, settings: BuildSettings
) -> Located[datetime] | None:
    field = _field(lines, lexicon.meeting_time)
    if field is None:
        return None
    try:
        day, clock = parse_when(field.value, lexicon)
    except DateError as exc:
        raise InputError(
            text.path,
            f"cannot read the meeting time: {exc}",
            page=field.span.page,
            line=field.span.first,
            hint="write it as DD-MM-YYYY HH:MM",
        ) from exc
    if clock is None:
        raise InputError(
            text.path,
            f"the meeting time {field.value!r} has a date but no time of day",
            page=field.span.page,
            line=field.span.first,
            hint="write it as DD-MM-YYYY HH:MM",
        )
    return Located(localise(day, clock, settings.timezone), field.span, field.raw)


def _end(
    lines: Sequence[Line], start: Located[datetime] | None, text: Text, lexicon: Lexicon
) -> Located[datetime] | None:
    field = _field(lines, lexicon.end_time)
    if field is None or start is None:
        return None
    try:
        clock = parse_clock(field.value)
    except DateError as exc:
        raise InputError(
            text.path, f"cannot read the closing time: {exc}", line=field.span.first
        ) from exc
    return Located(end_after(start.value, clock), field.span, field.raw)


def _names(
    lines: Sequence[Line], pattern: re.Pattern[str], lexicon: Lexicon
) -> tuple[Located[str], ...]:
    """People listed as "A, B, C og D", each with the line where the name ends. The list
    may wrap onto the lines that follow directly (as it does in a PDF)."""
    for index, line in enumerate(lines):
        match = pattern.fullmatch(line.text)
        if match is None:
            continue
        pieces = [(match["value"], line)]
        for follower in lines[index + 1 :]:
            if not follower.text.strip() or _is_label(follower.text, lexicon):
                break
            pieces.append((follower.text, follower))
        return tuple(_split_names(pieces, lexicon))
    return ()


def _is_label(text: str, lexicon: Lexicon) -> bool:
    """Whether a header line opens a field of its own (so it continues no list)."""
    patterns = (
        lexicon.present,
        lexicon.absent,
        lexicon.meeting_time,
        lexicon.place,
        lexicon.end_time,
        lexicon.contents,
        lexicon.item_heading,
    )
    return any(p.fullmatch(text) for p in patterns) or lexicon.section_of(text) is not None


def _split_names(pieces: Sequence[tuple[str, Line]], lexicon: Lexicon) -> list[Located[str]]:
    """Names from a list that may run over several lines; a name broken at a line end
    is joined and located on the line where it ends."""
    names: list[Located[str]] = []
    carry = ""
    for index, (text, line) in enumerate(pieces):
        value = re.sub(r"\([^)]*\)", "", f"{carry} {text}")
        parts = re.split(rf",\s*|\s+{lexicon.list_and}(?:\s+|$)", value)
        last_piece = index == len(pieces) - 1
        ends_with_separator = bool(re.search(rf"(,|\s{lexicon.list_and})\s*$", text))
        carry = "" if last_piece or ends_with_separator else parts.pop()
        for part in parts:
            name = " ".join(part.split()).strip(" .;")
            if name and name.casefold() not in lexicon.nobody:
                names.append(Located(name, span_of([line]), name))
    return names
