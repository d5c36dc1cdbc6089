"""From normalised text to a typed `MinutesDoc`: header, attendance, items, sections.

The reader takes what a document states, in whatever layout, and invents nothing: the
language is chosen by the words the document uses, web and mirror boilerplate is
dropped, a run-together text is cut back into lines (`kg.parse.lines`), the items are
found by their headings and the numbering they make (`kg.parse.headings`) and by the
table of contents where the body is cut off (`kg.parse.contents`), the header fields by
the evidence of the first lines (`kg.parse.header`). Only a text with neither a header
nor an item is refused.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from kg.errors import InputError
from kg.ingest.model import Line, Text
from kg.language import (
    CODES,
    Language,
    choose,
    fold_spaces,
    unreadable_language,
    words_of,
)
from kg.parse.attendance import read_attendance
from kg.parse.contents import Contents, Entry, find_contents
from kg.parse.dates import DateError, parse_when
from kg.parse.header import Header, read_header, span
from kg.parse.headings import Heading, badge, candidates, chain, is_strong, with_number
from kg.parse.items import parse_item
from kg.parse.lines import relined
from kg.parse.model import AgendaItem, DocKind, Located, MinutesDoc, SectionKind, SourceInfo
from kg.parse.municipality import find_municipality
from kg.settings import BuildSettings

#: Lines read for the header when a document has no item heading.
_HEADER_WINDOW = 60
#: The lines whose words tell a document's language where its labels do not.
_WORDS_SAMPLE = 120
#: The last lines of a document, where some say when the meeting ended.
_TAIL = 40


def parse(text: Text, settings: BuildSettings) -> MinutesDoc:
    """Read one minutes or agenda document; raise `InputError` for one that is neither."""
    sample = [line.text for line in text.lines[:300]]
    words = words_of(sample[:_WORDS_SAMPLE])
    lang = choose(sample, words)
    other = unreadable_language(sample, lang, words)
    if other is not None:
        raise InputError(
            text.path,
            f"is written in {other}, which minutes-kg cannot read yet (it reads "
            f"{', '.join(CODES)}); read with another "
            "language's words, its lists and headings would come out wrong",
            hint="a language is added as a file of its words beside kg/language/da.toml; "
            "until then, leave this document out of the build",
        )
    lines = relined(text.lines, lang)
    contents = find_contents(lines, lang)
    toc = frozenset(range(contents.start, contents.end)) if contents else frozenset()
    attendance = read_attendance(lines, lang)
    skip = toc | attendance.used
    body_from = contents.end if contents else 0
    found = [h for h in candidates(lines, lang, skip) if h.index >= body_from]
    headings = _choose_headings(found, lines, lang)
    first = headings[0].index if headings else min(len(lines), _HEADER_WINDOW)
    blocks = _blocks(lines, headings, lang)
    if not headings and blocks:
        first = min(first, next(i for i, line in enumerate(lines) if line is blocks[0][1][0]))
    first_body = blocks[0][1] if blocks else []
    header = read_header(lines[:first], first_body, lang, settings.timezone, tail=lines[-_TAIL:])
    items = _badges(_items(lines, headings, blocks, contents, lang), lang)
    _check_dates(header, text, lang)
    if header.committee is None and header.day is None and not items:
        raise InputError(
            text.path,
            "does not look like minutes or an agenda: no committee, date, item heading "
            "or section heading found",
            hint="minutes-kg reads committee minutes and agendas; check the file, or give "
            "its committee and date in a sidecar FILE.meta.json",
        )
    return MinutesDoc(
        source=SourceInfo(
            name=text.name,
            path=text.path,
            sha256=text.sha256,
            media_type=text.media.value,
            pages=text.pages,
        ),
        kind=header.kind or _kind_from_items(items, attendance.absent),
        language=lang.code,
        committee=header.committee,
        municipality=find_municipality(text.lines, lines, header, lang),
        day=header.day,
        start=header.start,
        end=header.end,
        place=header.place,
        present=attendance.present or (),
        absent=attendance.absent or (),
        items=tuple(items),
    )


def _check_dates(header: Header, text: Text, lang: Language) -> None:
    """A meeting-time field written as a date that does not exist ("31-02-2019") is an
    error in the document, not a missing date: say where it is."""
    for field in header.fields:
        if field.name != "when":
            continue
        try:
            parse_when(field.value, lang)
        except DateError as exc:
            if "not a real date" in str(exc):
                raise InputError(
                    text.path,
                    f"cannot read the meeting time: {exc}",
                    page=field.line.page,
                    line=field.line.first,
                    hint="write it as DD-MM-YYYY HH:MM, or give the date in FILE.meta.json",
                ) from exc


def _choose_headings(
    found: Sequence[Heading], lines: Sequence[Line], lang: Language
) -> list[Heading]:
    """The numbered chain, or the unnumbered headings when they weigh clearly more."""
    numbered = chain(found, lines, lang)
    if numbered and not is_strong(numbered[0]):
        before = lines[: numbered[0].index]
        if any(lang.section_of(line.text) for line in before if line.text.strip()):
            numbered = []  # a list inside the sections of a text that has no item headings
    unnumbered = [h for h in found if h.number is None]
    weight = sum(h.score for h in numbered)
    if unnumbered and sum(h.score for h in unnumbered) > weight * 1.2:
        return unnumbered
    return numbered


def _blocks(
    lines: Sequence[Line], headings: Sequence[Heading], lang: Language
) -> list[tuple[Heading | None, list[Line]]]:
    """Each heading with the lines below it up to the next heading; without headings, the
    text from its first section heading on is one item (an agenda extract that lost its
    heading)."""
    if not headings:
        first = next((i for i, line in enumerate(lines) if lang.section_of(line.text)), None)
        return [] if first is None else [(None, list(lines[first:]))]
    out: list[tuple[Heading | None, list[Line]]] = []
    for k, heading in enumerate(headings):
        end = headings[k + 1].index if k + 1 < len(headings) else len(lines)
        out.append((heading, list(lines[heading.title_index + 1 : end])))
    return out


def _items(
    lines: Sequence[Line],
    headings: Sequence[Heading],
    blocks: Sequence[tuple[Heading | None, list[Line]]],
    contents: Contents | None,
    lang: Language,
) -> list[AgendaItem]:
    """The items of the body, with the contents' numbers, titles and marks where the body
    lacks them, and the contents' entries the body does not reach (it was cut off)."""
    entries = list(contents.entries) if contents else []
    if headings and all(h.number is None for h in headings):
        placed, entries = _place_unnumbered(list(headings), entries)
        blocks = [(h, b) for h, (_, b) in zip(placed, blocks, strict=True)]
    by_entry = {e.number: e for e in entries}
    items: list[AgendaItem] = []
    seen: set[int] = set()
    first = headings[0].index if headings else 0
    group = _group(lines[max(0, first - 3) : first], lang)  # "PART I - ITEMS IN PUBLIC"
    for heading, block in blocks:
        if heading is None:
            entry = _entry_above(lines, block, entries)
            if entry is None:
                items.append(parse_item(block, lang))
                continue
            # a heading a mirror garbled ("... Åbent Resultatrapport 2012/"): the
            # contents entry whose title it begins with names and numbers the item
            where = span(entry.line)
            seen.add(entry.number or 0)
            items.append(
                parse_item(
                    block,
                    lang,
                    number=Located(entry.number, where, entry.line.text) if entry.number else None,
                    public=Located(entry.public, where, entry.line.text)
                    if entry.public is not None
                    else None,
                    title=Located(entry.title, where, entry.line.text),
                )
            )
            continue
        entry = by_entry.get(heading.number)
        line = lines[heading.title_index]
        if (
            heading.public is None
            and group is not None
            and not (entry and entry.public is not None)
        ):
            heading = replace(heading, public=group)  # the group heading above it says
        group = _group(block[-4:], lang, group)  # a group's head stands above its first
        number = None
        if heading.number is not None:
            number = Located(heading.number, span(line), line.text)
            seen.add(heading.number)
        items.append(
            parse_item(
                block,
                lang,
                number=number,
                public=_public(heading, entry, line),
                title=_title(heading, entry, line),
                heading=[line],
                case=_beside(heading, entry, lines),
            )
        )
    for entry in entries:
        if entry.number is None or entry.number in seen:
            continue
        where = span(entry.line)
        raw = entry.line.text
        items.append(
            AgendaItem(
                span=where,
                number=Located(entry.number, where, raw),
                public=Located(entry.public, where, raw) if entry.public is not None else None,
                title=Located(entry.title, where, raw),
                case_id=Located(entry.case, where, raw) if entry.case else None,
            )
        )
    return sorted(items, key=lambda i: (i.number is None, i.number.value if i.number else 0))


def _beside(heading: Heading, entry: Entry | None, lines: Sequence[Line]) -> Located[str] | None:
    """The case id a heading's line gives beside its number, or else its contents entry."""
    if heading.case:
        return Located(heading.case, span(lines[heading.index]), lines[heading.index].text)
    if entry is not None and entry.case:
        return Located(entry.case, span(entry.line), entry.line.text)
    return None


def _group(lines: Sequence[Line], lang: Language, current: bool | None = None) -> bool | None:
    """Whether the items after ``lines`` are open or closed, where one of them heads a
    group ("Lukkede punkter", "PART II - EXEMPT ITEMS"); else ``current``."""
    pattern, statuses = _group_heads(lang)
    for line in lines:
        text = line.text.strip()
        if len(text) > 60 or not text[:1].isalpha() or text.endswith("."):
            continue  # "Lukket møde om budgettet holdes den 3. april.": a sentence
        found = pattern.fullmatch(fold_spaces(text))
        if found is not None:
            current = statuses[found["g"]]
    return current


@cache
def _group_heads(lang: Language) -> tuple[re.Pattern[str], dict[str, bool]]:
    """A pattern of the lines that head a group of items, and each head's status."""
    statuses = dict(lang.groups)
    words = "|".join(re.escape(w) for w, _ in lang.groups) or "(?!)"
    return re.compile(rf"(?P<g>{words})(?:\s*[-–:(].*)?"), statuses  # "PART II - EXEMPT"


def _badges(items: list[AgendaItem], lang: Language) -> list[AgendaItem]:
    """The items with the open/closed word that ends their titles taken as their mark
    where two or more titles end in one, capitalised ("Meddelelser Åben", "Køb af
    grund Lukket"), or one does among items marked otherwise: a web page's badge
    beside each title, which one title alone could not tell from its own words."""
    found = {}
    for index, item in enumerate(items):
        marked = badge(item.title.value, lang) if item.title else None
        said = item.public.value if item.public else None
        if marked is not None and said in (None, marked[1]):  # none, or the same
            found[index] = marked
    # the items marked otherwise: by a badge their heading's line ends in, as these, or
    # by another mark (a line of its own under the heading, a contents group)
    others = [i for i, item in enumerate(items) if item.public and i not in found]
    alike = sum(1 for i in others if (t := items[i].title) is not None and badge(t.raw, lang))
    if alike * 2 < len(others):
        return items  # the document marks its items otherwise: "Kunstværket Lukket" is a title
    if len(found) < 2 and (not found or alike < 2):
        return items  # one such title, in a document that marks no others
    out = list(items)
    for index, (head, status) in found.items():
        title = out[index].title
        assert title is not None
        out[index] = replace(
            out[index],
            title=replace(title, value=head),
            public=out[index].public or Located(status, title.span, title.raw),
        )
    return out


def _entry_above(
    lines: Sequence[Line], block: Sequence[Line], entries: Sequence[Entry]
) -> Entry | None:
    """The contents entry whose title's first words stand on one of the three lines above
    a block of sections that has no heading of its own."""
    if not block or not entries:
        return None
    start = next((i for i, line in enumerate(lines) if line is block[0]), 0)
    above = " ".join(_key(line.text) for line in lines[max(0, start - 3) : start])
    for entry in entries:
        words = _key(entry.title).split()[:4]
        if len(" ".join(words)) >= 8 and " ".join(words) in above:
            return entry
    return None


def _kind_from_items(items: Sequence[AgendaItem], absent: object) -> DocKind:
    """Minutes record decisions and who was absent; an agenda only plans."""
    if absent or any(item.section(SectionKind.DECISION) is not None for item in items):
        return DocKind.MINUTES
    return DocKind.AGENDA


def _key(title: str) -> str:
    """A title as compared: folded, a hyphen broken off its word ("2030- fremskrivning")
    joined again, no edge punctuation."""
    return re.sub(r"(?<=\w)- (?=\w)", "-", fold_spaces(title)).strip(" .:;-–")


def _title(heading: Heading, entry: Entry | None, line: Line) -> Located[str] | None:
    """The body's title, or the contents' where one is the other cut short."""
    body = heading.title
    if entry is not None and body and not entry.run:
        rest = _key(entry.title)[len(_key(body)) :].strip()
        if _key(entry.title).startswith(_key(body)) and not re.fullmatch(r"\d{1,3}", rest):
            body = entry.title  # the body's heading broke off, or equals the contents
    elif entry is not None:
        body = entry.title
    return Located(body.strip(), span(line), line.text) if body else None


def _public(heading: Heading, entry: Entry | None, line: Line) -> Located[bool] | None:
    value = heading.public if heading.public is not None else (entry.public if entry else None)
    return Located(value, span(line), line.text) if value is not None else None


def _place_unnumbered(
    headings: list[Heading], entries: list[Entry]
) -> tuple[list[Heading], list[Entry]]:
    """Unnumbered headings take the numbers of the contents entries they begin (an entry
    that ran several items together is cut at the headings' titles), else their order."""
    placed: list[Heading] = []
    out_entries: list[Entry] = []
    queue = list(entries)
    numbers = {e.number for e in entries}
    pending = list(headings)
    while queue:
        entry = queue.pop(0)
        if pending and pending[0].title and _key(entry.title).startswith(_key(pending[0].title)):
            heading = pending.pop(0)
            assert heading.title is not None
            placed.append(with_number(heading, entry.number))
            rest = entry.title[len(heading.title) :].strip()
            following = (entry.number or 0) + 1
            if rest and following not in numbers and (pending or queue):
                numbers.add(following)
                queue.insert(0, Entry(following, rest, entry.public, entry.line, entry.run))
                continue
            out_entries.append(
                Entry(entry.number, heading.title, entry.public, entry.line, entry.run)
            )
            continue
        out_entries.append(entry)
    last = max((h.number or 0 for h in placed), default=0)
    for heading in pending:
        last += 1
        placed.append(with_number(heading, last))
    return placed, out_entries
