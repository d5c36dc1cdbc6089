"""An agenda portal's meeting JSON to a `MinutesDoc`, every value located by its JSON
Pointer (`Span.at`) instead of a page and line.

What the portal's fields mean (seen on Greve Kommune's portal, 2022):

- ``Id``: the meeting's id (``Moede.Id`` is all zeros); each item's ``Id`` is its own.
- ``Udvalg.Navn``: the committee ("Økonomiudvalget", "Byråd 2022-2025"); a leading "."
  only sorts it in the portal's list. ``Historisk``: a committee of an earlier term.
- ``Moede.Dato`` / ``MeetingBeginUtc``: the start, with its offset; ``MeetingEndUtc``:
  the end, mostly null. ``Sted``: the place. ``Afsluttet``: the meeting was held and its
  decisions are published (the file is then the minutes, else the agenda).
- ``Moede.Moededeltagere``: the members, each with ``Absent`` (did not attend) and
  ``ParticipationCancelled`` (sent word they would not come): either makes them absent.
  Read only once the meeting was held: before, nobody is present or absent yet.
- ``TillaegsDagsorden`` / ``Moede.IsSupplementaryAgenda``: a supplementary agenda, read
  as an agenda of the same meeting (committee and date), which resolution joins.
- Items (``Dagsordenpunkter``): ``Number`` (text), ``Caption`` (the title; "Lukket: ..."
  marks a closed item), ``CaseNumber``, ``Felter[].Html`` (the texts, by ``<h3>``
  headings), ``Bilag`` (attachments: ``Navn``, ``Id``; served at the portal's
  ``/Vis/Pdf/bilag/{Id}``, the pattern of ``Felter[].Link``). ``IsOpen`` is false on
  every item, open or closed, so it says nothing about publicity and is not read.
  ``ExternalAgendaItemAttendees`` lists who was away for one item: no meeting attendance.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from kg.errors import InputError
from kg.folding import fold
from kg.ingest.model import MediaKind
from kg.ingest.portal import PortalFile
from kg.language import language
from kg.parse.model import (
    AgendaItem,
    Attachment,
    DocKind,
    Located,
    MinutesDoc,
    Section,
    SectionKind,
    SourceInfo,
    Span,
)
from kg.parse.portal_html import recommender, sections
from kg.settings import BuildSettings

_CLOSED = re.compile(r"^\s*\(?lukket\)?(?:\s+punkt)?\s*[:.\-–]\s*|\s*\(lukket\)\s*$", re.I)
_NO_ID = re.compile(r"^[0-]*$")
#: The first label of a portal's host name, before the municipality's.
_PORTAL_HOSTS = frozenset({"dagsordener", "dagsorden"})
#: The order of an item's sections in the model, for a stable document.
_ORDER = tuple(SectionKind)

Json = Mapping[str, Any]


def parse_portal(source: PortalFile, settings: BuildSettings) -> MinutesDoc:
    """The meeting of one portal file as a `MinutesDoc`; InputError when it has no
    committee or no start time."""
    data = source.data
    meeting: Json = data.get("Moede") or {}
    committee = _text(data.get("Udvalg") or {}, "Navn").lstrip(". ")
    start = _start(meeting, settings, source.path)
    if not committee or start is None:
        missing = "committee (/Udvalg/Navn)" if not committee else "start (/Moede/Dato)"
        raise InputError(source.path, f"an agenda portal meeting without its {missing}")
    held = meeting.get("Afsluttet") is True
    supplementary = bool(data.get("TillaegsDagsorden") or meeting.get("IsSupplementaryAgenda"))
    items_data: Sequence[Json] = data.get("Dagsordenpunkter") or []
    base, link = _attachment_base(items_data)
    # Before a meeting is held, its list of members says nothing of who came.
    present, absent = _participants(meeting.get("Moededeltagere") or []) if held else ((), ())
    return MinutesDoc(
        source=SourceInfo(
            name=source.name,
            path=source.path,
            sha256=source.sha256,
            media_type=MediaKind.JSON.value,
            pages=1,
        ),
        kind=DocKind.MINUTES if held and not supplementary else DocKind.AGENDA,
        language="da",
        committee=Located(committee, Span.at("/Udvalg/Navn"), _text(data["Udvalg"], "Navn")),
        municipality=_municipality(base, link),
        start=start,
        end=_end(meeting, start.value, settings),
        place=_located(meeting, "Sted", "/Moede/Sted"),
        present=present,
        absent=absent,
        items=tuple(_item(item, i, held, base) for i, item in enumerate(items_data)),
        identifier=_identifier(data),
    )


def _text(obj: Json, key: str) -> str:
    value = obj.get(key)
    return " ".join(str(value).split()) if value is not None else ""


def _located(obj: Json, key: str, pointer: str) -> Located[str] | None:
    value = _text(obj, key)
    return Located(value, Span.at(pointer)) if value else None


def _zone(settings: BuildSettings) -> ZoneInfo:
    return ZoneInfo(settings.timezone)


def _moment(value: str, zone: ZoneInfo, *, naive_utc: bool) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC if naive_utc else zone)
    return moment.astimezone(zone)


def _start(meeting: Json, settings: BuildSettings, path: str) -> Located[datetime] | None:
    for key in ("MeetingBeginUtc", "Dato"):
        raw = _text(meeting, key)
        if raw:
            moment = _moment(raw, _zone(settings), naive_utc=key.endswith("Utc"))
            if moment is None:
                raise InputError(path, f"/Moede/{key} is no date and time: {raw!r}")
            return Located(moment, Span.at(f"/Moede/{key}"), raw)
    return None


def _end(meeting: Json, start: datetime, settings: BuildSettings) -> Located[datetime] | None:
    raw = _text(meeting, "MeetingEndUtc")
    moment = _moment(raw, _zone(settings), naive_utc=True) if raw else None
    if moment is None or moment <= start:
        return None
    return Located(moment, Span.at("/Moede/MeetingEndUtc"), raw)


def _identifier(data: Json) -> Located[str] | None:
    for key, pointer in (("Id", "/Id"), ("Moede", "/Moede/Id")):
        value = _text(data, key) if key == "Id" else _text(data.get("Moede") or {}, "Id")
        if value and not _NO_ID.match(value):
            return Located(value, Span.at(pointer))
    return None


def _participants(
    people: Sequence[Json],
) -> tuple[tuple[Located[str], ...], tuple[Located[str], ...]]:
    """(present, absent): Absent or ParticipationCancelled makes a member absent."""
    present: dict[str, Located[str]] = {}
    absent: dict[str, Located[str]] = {}
    for index, person in enumerate(people):
        name = _text(person, "Name")
        if not name:
            continue
        away = bool(person.get("Absent") or person.get("ParticipationCancelled"))
        (absent if away else present).setdefault(
            name, Located(name, Span.at(f"/Moede/Moededeltagere/{index}/Name"))
        )
    return (
        tuple(v for k, v in present.items() if k not in absent),
        tuple(absent.values()),
    )


def _attachment_base(items: Sequence[Json]) -> tuple[str | None, str]:
    """Where the portal serves documents by id (the folder of the first item link), and
    the JSON Pointer of that link."""
    for i, item in enumerate(items):
        for f, field in enumerate(item.get("Felter") or []):
            link = _text(field, "Link")
            if link.startswith(("http://", "https://")):
                return link.rsplit("/", 1)[0] + "/", f"/Dagsordenpunkter/{i}/Felter/{f}/Link"
    return None, ""


def _municipality(base: str | None, pointer: str) -> Located[str] | None:
    """The municipality a portal's host names ("dagsordener.greve.dk": "Greve").

    >>> _municipality("https://dagsordener.greve.dk/Vis/Pdf/bilag/", "/x").value
    'Greve'
    """
    if base is None:
        return None
    labels = (urlsplit(base).hostname or "").split(".")
    if len(labels) < 3 or labels[0] not in _PORTAL_HOSTS:
        return None
    name = _known(labels[1]) or "-".join(part.capitalize() for part in labels[1].split("-"))
    return Located(name, Span.at(pointer), base)


def _known(label: str) -> str | None:
    """The municipality a host label spells without Danish letters ("lyngby-taarbaek":
    "Lyngby-Taarbæk", "koege": "Køge"), from the language's table; None if unknown.

    >>> _known("lyngby-taarbaek"), _known("koege"), _known("havnbjerg")
    ('Lyngby-Taarbæk', 'Køge', None)
    """
    spelt = {fold(name): name for name, _ in language("da").municipalities.values()}
    return spelt.get(label.casefold())


def _item(data: Json, index: int, held: bool, base: str | None) -> AgendaItem:
    at = f"/Dagsordenpunkter/{index}"
    caption = _text(data, "Caption") or _text(data, "Navn")
    title = _CLOSED.sub("", caption).strip()
    closed = title != caption
    texts: dict[SectionKind, tuple[str, str]] = {}
    for f_index, field in enumerate(data.get("Felter") or []):
        pointer = f"{at}/Felter/{f_index}/Html"
        for kind, text in sections(str(field.get("Html") or ""), held=held).items():
            if kind in texts:
                text = f"{texts[kind][0]}\n{text}"
                pointer = texts[kind][1]
            texts[kind] = (text, pointer)
    found = tuple(
        Section(kind, Located(texts[kind][0], Span.at(texts[kind][1])))
        for kind in _ORDER
        if kind in texts
    )
    recommendation = texts.get(SectionKind.RECOMMENDATION)
    unit = recommender(recommendation[0]) if recommendation else None
    by = Located(unit, Span.at(recommendation[1])) if unit and recommendation else None
    case = _text(data, "CaseNumber") or _text(data, "SagsNummer")
    identifier = _text(data, "Id")
    return AgendaItem(
        span=Span.at(at),
        number=_number(data, at),
        public=Located(not closed, Span.at(f"{at}/Caption"), caption if closed else ""),
        title=Located(title or caption, Span.at(f"{at}/Caption"), caption),
        case_id=Located(case, Span.at(f"{at}/CaseNumber")) if case else None,
        sections=found,
        recommended_by=by,
        attachments=_attachments(data.get("Bilag") or [], at, base),
        identifier=Located(identifier, Span.at(f"{at}/Id")) if identifier else None,
    )


def _number(data: Json, at: str) -> Located[int] | None:
    for key in ("Number", "Punktnummer"):
        raw = _text(data, key)
        digits = re.match(r"\d+", raw)
        if digits and int(digits[0]) >= 1:
            return Located(int(digits[0]), Span.at(f"{at}/{key}"), raw)
    sorting = data.get("Sorting")
    if isinstance(sorting, int) and sorting >= 1:
        return Located(sorting, Span.at(f"{at}/Sorting"), str(sorting))
    return None


def _attachments(found: Sequence[Json], at: str, base: str | None) -> tuple[Attachment, ...]:
    attachments = []
    for index, bilag in enumerate(found):
        title = _text(bilag, "Navn")
        identifier = _text(bilag, "Id")
        served = _text(bilag, "HarPdfVersion").casefold() != "false"  # the portal has a PDF
        if not title:
            continue
        attachments.append(
            Attachment(
                title=Located(title, Span.at(f"{at}/Bilag/{index}/Navn")),
                number=identifier or None,
                url=f"{base}{identifier}" if base and identifier and served else None,
            )
        )
    return tuple(attachments)
