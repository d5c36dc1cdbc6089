"""A document's header fields, read from whatever evidence its layout gives.

Labelled fields ("Mødedato:", "STED", "Udvalg: X", a value on the same or the next line)
win over a title line ("Referat af møde i X", "X - Referat", "REFERAT X d. 27-08-2025",
"X's møde den ..."), which wins over a bare line (a committee's name alone, a date line, a
line naming a meeting room), which wins over the body's own words ("Xs beslutning i mødet
den ...", "Mødet startede kl. 15.30"). Each field keeps the line it was read from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache

from kg.ingest.model import Line
from kg.language import Language
from kg.parse.dates import clock_range, end_after, find_clock, find_dates, localise
from kg.parse.headings import opens_numbered
from kg.parse.model import DocKind, Located, Span

#: How many non-blank lines from the top may hold a title or a bare header line.
TOP = 14


def span(line: Line) -> Span:
    """The source span of one line."""
    return Span(line.page, line.first, line.last)


@dataclass(frozen=True, slots=True)
class Field:
    """A labelled header field: which, its value, and the line that holds the value."""

    name: str
    label: str
    value: str
    line: Line
    colon: bool


@dataclass(frozen=True, slots=True)
class Header:
    """What a document says of its meeting; None where it does not say."""

    kind: DocKind | None
    committee: Located[str] | None
    municipality: Located[str] | None
    day: Located[date] | None
    start: Located[datetime] | None
    end: Located[datetime] | None
    place: Located[str] | None
    fields: tuple[Field, ...]


def labelled_fields(lines: Sequence[Line], lang: Language) -> list[Field]:
    """Every labelled field of the lines, its value on the same line or, for a label
    standing alone, on the next line (unless that opens a field of its own)."""
    fields: list[Field] = []
    for index, line in enumerate(lines):
        for column in _columns(line.text, lang):
            match = lang.label_line.fullmatch(column)
            if match is None:
                continue
            name = lang.field_of(match["label"])
            if name is None:
                continue
            value, where = match["value"].strip(), line
            if not value:
                following = _next_filled(lines, index)
                if following is not None and _is_value(following, name, lang):
                    value, where = following.text.strip(), following
            fields.append(Field(name, match["label"], value, where, bool(match["colon"])))
    return fields


def _columns(text: str, lang: Language) -> list[str]:
    """A header line's fields side by side ("Mødested: Rådhuset Mødedato: 15. januar
    2025", a two-column header whose gap the text lost): cut before each further label
    written with its colon.

    >>> from kg.language import language
    >>> _columns("Mødested: Rådhuset, lokale 104 Mødeslut: 16.05", language("da"))
    ['Mødested: Rådhuset, lokale 104', 'Mødeslut: 16.05']
    >>> _columns("Sted: Byrådssalen, Dato kl. 17", language("da"))
    ['Sted: Byrådssalen, Dato kl. 17']
    """
    text = text.strip()
    if ":" not in text:
        return [text]  # a further field is written with its colon
    cuts = [0]
    for gap in re.finditer(r"\s+(?=[A-ZÆØÅ])", text):
        label = lang.label_line.match(text, gap.end())
        if label is not None and label["colon"] and gap.start() > cuts[-1]:
            cuts.append(gap.end())
    return [text[a:b].strip() for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]


def _next_filled(lines: Sequence[Line], index: int) -> Line | None:
    return next((line for line in lines[index + 1 : index + 3] if line.text.strip()), None)


def _is_value(line: Line, name: str, lang: Language) -> bool:
    """Whether a line can be the value of a label standing alone above it: not a field
    of its own (but a place may start with a place label: "Mødelokale D")."""
    match = lang.label_line.fullmatch(line.text.strip())
    if match is not None:
        return lang.field_of(match["label"]) == name == "place" and not match["colon"]
    return lang.section_of(line.text) is None


def read_header(
    top: Sequence[Line],
    body: Sequence[Line],
    lang: Language,
    zone: str,
    *,
    tail: Sequence[Line] = (),
) -> Header:
    """The header of a document: ``top`` is the lines before its items, ``body`` the
    lines of its first item (where some layouts state the time and the committee),
    ``tail`` its last lines (where some say when the meeting ended)."""
    fields = labelled_fields(top, lang)
    filled = [line for line in top if line.text.strip()][:TOP]
    title = _title(filled, lang)
    committee = _committee(fields, title, filled, body, lang)
    day, clock = _when(fields, title, top, body, lang)
    start = (
        Located(localise(day.value, clock.value, zone), clock.span, clock.raw)
        if day and clock
        else None
    )
    return Header(
        kind=_kind(fields, filled, lang),
        committee=committee,
        municipality=None,
        day=day,
        start=start,
        end=_end(fields, start, [*top, *body], tail, lang),
        place=_place(fields, filled, top, lang),
        fields=tuple(fields),
    )


def _kind(fields: Sequence[Field], filled: Sequence[Line], lang: Language) -> DocKind | None:
    """The kind a title says: its first words ("Referat ...", "Åbent referat til ...",
    "Dagsorden med vedtagelser"), a title pattern's line, or a "MØDE: Referat" field."""
    for field in fields:
        if field.name == "kind" and (kind := lang.kind_of(field.value)):
            return DocKind(kind)
    for line in filled:
        words = line.text.split()
        if len(words) > 14 or lang.label_line.fullmatch(line.text):
            continue
        kind = lang.kind_of(" ".join(words[:1])) or lang.kind_of(" ".join(words[:4]))
        if kind and lang.kind_of(" ".join(words[:1])) is None:
            kind = kind if lang.status_of(words[0]) is not None else None
        if kind is None and _title([line], lang) is not None:
            kind = lang.kind_of(line.text)
        if kind:
            return DocKind(kind)
    return None


#: The separators of a breadcrumb ("Forside / Politik / Socialudvalget"), spaced.
_BREADCRUMB = re.compile(r"\s+[/>›»]\s+")


def _unframed(text: str, lang: Language) -> str:
    """A committee's name without the pages of a breadcrumb above it ("Forside / Politik
    / Socialudvalget") and the words of a meeting before it ("ordinært møde i Regionsrådet")."""
    text = _BREADCRUMB.split(text.strip())[-1]
    owner = _owner(lang).match(text)  # "Skovbjerg Kommune - Børne- og Ungeudvalget"
    if owner and text[owner.end() :][:1].isupper():
        text = text[owner.end() :]
    meeting = lang.meeting_of.match(text)
    return text[meeting.end() :] if meeting else text


@cache
def _owner(lang: Language) -> re.Pattern[str]:
    """The municipality's name before a committee's ("Egebjerg Kommune Plan- og
    Boligudvalget"), with the separator after it."""
    words = "|".join(re.escape(w) for w in sorted(lang.municipality_words, key=len, reverse=True))
    name = r"[^\W\d_][\w.-]*(?:\s+[\w.-]+){0,3}?"  # "Skovbjerg", "Lyngby-Taarbæk"
    return re.compile(rf"{name}\s+(?:{words or '(?!)'})\b\s*[-–:|,]?\s*", re.IGNORECASE)


def _title(filled: Sequence[Line], lang: Language) -> tuple[Line, str] | None:
    """The title line and the committee it names, if a title pattern matches one."""
    for weak in (False, True):
        for line in filled:
            text = line.text.strip()
            if lang.label_line.fullmatch(text):
                continue
            for pattern in lang.weak_titles if weak else lang.titles:
                match = pattern.fullmatch(text)
                name = clean_committee(match["committee"], lang) if match else None
                if name and (not weak or lang.is_committee_name(name)):
                    return line, name
    return None


def clean_committee(raw: str, lang: Language) -> str | None:
    """A committee's name as a title writes it, without a leading status word, the
    words of a meeting before it ("Ekstraordinært møde i"), the pages of a breadcrumb
    above it, a trailing date, and the genitive of "Xs møde" / "Udvalgets beslutning";
    None when what is left names no body (a date, a number, one letter).

    >>> from kg.language import language
    >>> da = language("da")
    >>> clean_committee("ordinært møde i Regionsrådet", da)
    'Regionsrådet'
    >>> clean_committee("Forside / Politik / Socialudvalget", da)
    'Socialudvalget'
    >>> clean_committee("Skovbjerg Kommune - Børne- og Ungeudvalget", da)
    'Børne- og Ungeudvalget'
    """
    name = re.sub(
        r"^(?:[^\W\d_]+\.\s+)",
        lambda m: "" if lang.status_of(m[0]) is not None else m[0],
        raw.strip(),
    )
    name = _unframed(name, lang)
    name = re.split(r"\s+(?:den|d\.)\s+\d|\s+\d{1,2}[-./]\d", name)[0]
    dated = find_dates(name, lang)  # "Kultur- og Fritidsudvalget tirsdag 11. februar 2025"
    words = (name[: dated[0].start] if dated else name).split()
    while words and words[-1].casefold().strip(",") in {*lang.weekdays, "den", "d."}:
        words.pop()  # "Handicaprådet tirsdag [den 7. januar]"
    while len(words) > 1 and words[-1].casefold() in lang.meeting_nouns:
        words.pop()  # "Randers Byråds møde": the body's, as the genitive below reads it
    short = len(words) > 1 and words[0].islower() and len(words[0]) <= 4
    if short and lang.is_committee_name(" ".join(words[1:])):
        words.pop(0)  # "for Kommunalbestyrelsens møde": a preposition before the name
    name = " ".join(words)
    name = name.strip(" .,:-–")
    words = name.split()
    if not words or not any(ch.isalpha() for ch in name) or len(name) < 3 or len(words) > 10:
        return None
    if words[0].casefold() in lang.weekdays:
        return None  # "Referat mandag den 27. november": a date, no body
    if not words[0][:1].isupper() and not lang.is_committee_name(" ".join(words)):
        return None  # "ordinært møde"; but "økonomiudvalget", as some titles write it
    genitive = words[-1].endswith("s") and lang.is_committee_name(
        " ".join([*words[:-1], words[-1][:-1]])
    )
    if genitive and (
        not lang.is_committee_name(name) or words[-1].casefold().endswith(("ets", "ens"))
    ):
        words[-1] = words[-1][:-1]  # "Økonomiudvalgets beslutning": the committee's
    if lang.kind_of(words[0]) and len(words) > 1:
        return None
    return " ".join(words)


def _committee(
    fields: Sequence[Field],
    title: tuple[Line, str] | None,
    filled: Sequence[Line],
    body: Sequence[Line],
    lang: Language,
) -> Located[str] | None:
    for field in fields:
        if field.name == "committee" and (name := clean_committee(field.value, lang)):
            return Located(name, span(field.line), field.line.text)
    if title is not None:
        line, name = title
        return Located(name, span(line), line.text)
    for line in [*filled, *body]:
        match = lang.held.search(line.text)
        if match and (name := clean_committee(match["committee"], lang)):
            return Located(name, span(line), line.text)
    for line in filled:  # a header's cells side by side: each on its own (not an entry's)
        cells = () if opens_numbered(line.text, lang) else line.cells
        name = next(filter(None, (_bare_committee(c, lang) for c in cells)), None)
        name = name or _bare_committee(line.text, lang)
        if name:
            return Located(name, span(line), line.text)
    for line in body:
        for pattern in lang.decision_headings:
            match = pattern.fullmatch(line.text.strip().rstrip(":"))
            if match and (name := clean_committee(match["committee"], lang)):
                return Located(name, span(line), line.text)
    return None


def _bare_committee(text: str, lang: Language) -> str | None:
    """A line that is a committee's name alone ("Børne- og Skoleudvalget")."""
    words = _unframed(text, lang).strip(" .:").split()
    if not 1 <= len(words) <= 8 or not words[0][:1].isupper():
        return None
    name = " ".join(words)
    return name if lang.is_committee_name(name) and not lang.kind_of(words[0]) else None


def _when(
    fields: Sequence[Field],
    title: tuple[Line, str] | None,
    top: Sequence[Line],
    body: Sequence[Line],
    lang: Language,
) -> tuple[Located[date] | None, Located[time] | None]:
    """The meeting's date and start time, each with the line it was read from."""
    day: Located[date] | None = None
    clock: Located[time] | None = None
    for field in (f for f in fields if f.name == "when"):
        found = find_dates(field.value, lang)
        if found and day is None:
            day = Located(found[0].day, span(field.line), field.line.text)
            after = found[0].end
        else:
            after = 0
        if clock is None and (t := find_clock(field.value, after=after, hours=True)):
            clock = Located(t, span(field.line), field.line.text)
    lines = [title[0]] if title else []
    lines += [line for line in top if not _other_label(line, lang)]
    for line in lines if day is None else []:
        found = find_dates(line.text, lang)
        if found:
            day = Located(found[0].day, span(line), line.text)
            if clock is None and (t := find_clock(line.text, after=found[0].end)):
                clock = Located(t, span(line), line.text)
            break
    for line in body if day is None else []:
        if any(p.fullmatch(line.text.strip().rstrip(":")) for p in lang.decision_headings):
            found = find_dates(line.text, lang)
            if found:
                day = Located(found[0].day, span(line), line.text)
                break
    if clock is None or (clock.value.minute == 0 and not find_clock(clock.raw)):
        # none, or a whole hour only a time field gives ("kl. 17"), which the meeting's
        # own "Mødet startede kl. 17.30" corrects
        clock = _clock_elsewhere(top, body, lang, day.value if day else None) or clock
    return day, clock


def _other_label(line: Line, lang: Language) -> bool:
    """A line whose label says its date is no meeting date ("Publiceret 07-02-2017")."""
    match = lang.label_line.fullmatch(line.text.strip())
    return match is not None and lang.field_of(match["label"]) in {"other", "end"}


def _clock_elsewhere(
    top: Sequence[Line], body: Sequence[Line], lang: Language, day: date | None
) -> Located[time] | None:
    """A start time stated apart from the date: "Mødet startede kl. 15.30", a header
    line with "kl. 12.00" and no date ("Ekstraordinært møde - Mødelokale F7 kl. 12.00"),
    or one with the meeting's date again and a time after it, where the date was read
    from a line without one (a running page header's "Dagsorden 05.03.2025")."""
    for line in [*top, *body]:
        match = lang.started.search(line.text)
        if match:
            return Located(find_clock(match["time"]) or time(0), span(line), line.text)
    for line in top:
        dated = find_dates(line.text, lang)
        if dated and dated[0].day == day and not _other_label(line, lang):
            found = find_clock(line.text, after=dated[0].end)
            if found is not None:
                return Located(found, span(line), line.text)
        if dated or _other_label(line, lang):
            continue
        if lang.ended.search(line.text):
            continue
        found = find_clock(line.text, strict=True)
        if found is not None:
            return Located(found, span(line), line.text)
    return None


def _end(
    fields: Sequence[Field],
    start: Located[datetime] | None,
    lines: Sequence[Line],
    tail: Sequence[Line],
    lang: Language,
) -> Located[datetime] | None:
    """When the meeting ended: an end field, a sentence saying so in the header, the
    first item or the document's last lines ("Mødet sluttede kl. 16.45": what happened,
    over what was planned), or the range the start was written in ("Mødetidspunkt:
    16:00 - 18:30")."""
    if start is None:
        return None
    for field in (f for f in fields if f.name == "end"):
        found = find_dates(field.value, lang)
        clock = find_clock(field.value, after=found[0].end if found else 0)
        if clock is not None:
            return Located(end_after(start.value, clock), span(field.line), field.line.text)
    said = _ended(start, lines, lang) or _ended(start, tail, lang)
    if said is not None:
        return said
    written = clock_range(start.raw, hours=True)
    if written is not None and written[0] == start.value.time():
        return Located(end_after(start.value, written[1]), start.span, start.raw)
    return None


def _ended(
    start: Located[datetime], lines: Sequence[Line], lang: Language
) -> Located[datetime] | None:
    """The end a line of ``lines`` states in words ("Mødet sluttede kl. 16.45")."""
    for line in lines:
        match = lang.ended.search(line.text)
        if match and (clock := find_clock(match["time"])) is not None:
            return Located(end_after(start.value, clock), span(line), line.text)
    return None


def _place(
    fields: Sequence[Field], filled: Sequence[Line], top: Sequence[Line], lang: Language
) -> Located[str] | None:
    ranked = sorted(
        (f for f in fields if f.name == "place" and f.value),
        key=lambda f: not f.colon,
    )
    for field in ranked:
        value = field.value
        if not field.colon and field.line.text.strip().startswith(field.label):
            label = field.label.casefold()
            if label in lang.place_words:  # "Mødelokale A, Ullasvej 23": the room's name
                value = field.line.text.strip()
        place = clean_place(value, lang)
        if place:
            return Located(place, span(field.line), field.line.text)
    for line in top:
        match = lang.held.search(line.text)
        if match and (place := clean_place(match["place"], lang)):
            return Located(place, span(line), line.text)
    for line in filled:
        labelled = lang.label_line.fullmatch(line.text.strip())
        if labelled and lang.field_of(labelled["label"]) not in {"kind", "when"}:
            continue  # a field of its own; but "Møde den 15-05-2025 kl. 8.30 - Mødelokale A"
        if lang.section_of(line.text):
            continue
        if opens_numbered(line.text, lang):
            continue  # an item's heading or a contents line ("Pkt. 7 Køb af areal ... Skole")
        parts = _DASHED.split(line.text)
        for part in parts:
            wraps = part is parts[-1] and line.text.rstrip().endswith(",")  # "…, Civic Offices,"
            if find_dates(part, lang):
                part = _after_when(part, lang)  # "… den 19. juni 2025 kl. 19.00 i Salen"
            words = {w.strip(",.").casefold() for w in part.split()}
            if len(part.split()) <= 12 and any(
                w in lang.place_words
                or any(w.startswith(p) for p in ("mødelokale", "udvalgsværelse"))
                for w in words
            ):
                part = _without_preposition(part.strip(), lang)  # "i Rådhusets mødesal"
                part = re.sub(r"\s*\bkl\.?\s*\d{1,2}[.:]\d{2}.*$", "", part)
                if wraps and line is not filled[-1]:  # its place goes on below ("Wharf Road")
                    below = filled[filled.index(line) + 1].text.strip()
                    if not lang.label_line.fullmatch(below) and not find_dates(below, lang):
                        part = f"{part.rstrip(' ,')}, {below}"
                place = clean_place(part, lang)
                if place:
                    return Located(place, span(line), line.text)
    return None


#: A dash between a line's parts, but not between two times ("kl. 15.00 – 17.40").
_DASHED = re.compile(r"(?<!\d)\s+[-–]\s+|\s+[-–]\s+(?!\d)")
#: A time after a date, a range too ("kl. 19.00", "kl. 16.30-18.00").
_TIME_TEXT = re.compile(
    r"^\W*(?:[^\W\d]{1,4}\.?\s*)?\d{1,2}(?:[.:]\d{2})?(?:\s*[ap]\.?\s?m\b\.?)?"
    r"(?:\s*[-–]\s*\d{1,2}(?:[.:]\d{2})?(?:\s*[ap]\.?\s?m\b\.?)?)?",
    re.IGNORECASE,
)


def _after_when(text: str, lang: Language) -> str:
    """What follows a date and its time where a preposition opens it: the place of a
    sentence that states both ("… torsdag den 19. juni 2025 kl. 19.00 i Byrådssalen");
    "" where nothing such follows.

    >>> from kg.language import language
    >>> _after_when("Møde den 19. juni 2025 kl. 19.00 i Byrådssalen.", language("da"))
    'i Byrådssalen.'
    >>> _after_when("Møde den 19. juni 2025 kl. 19.00 og Byrådssalen", language("da"))
    ''
    >>> _after_when("held on 4 March 2025 at 7.30pm in the Village Hall", language("en"))
    'in the Village Hall'
    >>> _after_when("Mødet den 12. marts 2025 kl. 16.00 i henhold til ny plan", language("da"))
    ''
    """
    rest = text[find_dates(text, lang)[-1].end :]
    clock = _TIME_TEXT.match(rest)
    rest = rest[clock.end() :] if clock else rest
    rest = rest.strip(" ,")
    opens = any(rest.casefold().startswith(p + " ") for p in lang.place_prepositions)
    if not opens:
        return ""
    named = _without_preposition(rest, lang).split(None, 1)  # "i Byrådssalen", "i mødelokale 3"
    first = named[0].casefold().strip(",.") if named else ""
    place = named and (named[0][:1].isupper() or any(first.startswith(w) for w in lang.place_words))
    return rest if place else ""  # not "i henhold til ny plan for rådhuset"


def _without_preposition(text: str, lang: Language) -> str:
    """A place's words without the preposition before them ("i", "in the")."""
    words = sorted(lang.place_prepositions, key=len, reverse=True)
    for word in words:
        if text.casefold().startswith(word + " "):
            return text[len(word) + 1 :].lstrip()
    return text


def clean_place(value: str, lang: Language) -> str | None:
    """A place as written, cut where the next field, the time or a new sentence begins."""
    text = re.sub(r"\s*\bkl\.?\s*\d{1,2}[.:]\d{2}.*$", "", value.strip())
    for match in re.finditer(r"\s(?=[A-ZÆØÅ][\wæøå]+[\s:])", text):
        rest = text[match.end() :]
        label = lang.label_line.match(rest)
        if label and not label["colon"] and lang.field_of(label["label"]) == "place":
            label = None  # "Committee Room 2": a room's name, no "Room" field
        if label or rest.startswith("Protokollen"):
            text = text[: match.start()]
            break
    for stop in re.finditer(r"(?<=[a-zæøå)])\.\s+(?=[A-ZÆØÅ])", text):
        word = text[: stop.start()].rsplit(None, 1)[-1]
        if not (len(word) <= 3 and word[:1].isupper()):  # "Sct. Bendt" goes on
            text = text[: stop.start()]  # a new sentence
            break
    words = text.split()
    for i in range(1, len(words) - 1):
        previous, word, following = (w.strip(",.;:") for w in words[i - 1 : i + 2])
        # "Maribo Hallerne, mødelokalet": a part ends; "Salen, Rådhuset i Tranebjerg":
        # one begins
        ends_part = words[i].endswith(",") or words[i - 1].endswith(",")
        if (
            previous[:1].isupper()
            and word[:1].isupper()
            and following[:1].islower()
            and not ends_part
        ):
            text = " ".join(
                words[:i]
            )  # a new sentence begins: "... Biblioteksalléen Udvalgsmødet indledes"
            break
    parts = [p.strip() for p in text.split(",")]
    place = ", ".join(p for p in parts if p).strip(" .,:;-–")
    if not place or place.startswith(":") or not any(ch.isalnum() for ch in place):
        return None
    return place
