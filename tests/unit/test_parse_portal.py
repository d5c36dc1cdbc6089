"""An agenda portal's meeting JSON to a MinutesDoc, on inline JSON (fast)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kg.errors import InputError
from kg.ingest.portal import PortalFile, read_portal
from kg.iri import Minter
from kg.parse.model import DocKind, SectionKind, Span
from kg.parse.portal import parse_portal
from kg.parse.portal_html import sections, split_parts
from kg.privacy import apply_privacy
from kg.rdf.builder import GraphBuilder
from kg.rdf.terms import text
from kg.settings import BuildSettings
from kg.vocab import MKG, PROV

SETTINGS = BuildSettings()
LINK = "https://dagsordener.solby.dk/Vis/Pdf/bilag/"
HTML = (
    "<div><div id='sagsfremstillingContainer'>\r\n<div><h3>Beslutning</h3>\r\n"
    "<span>Godkendt.<br><br>Fraværende: Ida Holm</span></div>\r\n<h3>Fremstilling</h3>\r\n"
    "<span class='ukendt'><h2>Sagsprocedure</h2>\n<p>Udvalget.</p>\n"
    "<h3><span>Resume</span></h3>\n<p>Kort om sagen.</p>\n<h2>Indstilling</h2>\n"
    "<p><i>Center for Teknik &amp; Miljø indstiller, at</i></p><ol><li>planen godkendes.</li></ol>"
    "<h2>Sagsbeskrivelse</h2><p>Første afsnit.</p>\n<p>&nbsp;</p>\n<p>Andet&nbsp;afsnit.</p>"
    "<h3><i><br> </i></h3><p>Hører til sagsbeskrivelsen.</p>"
    "<h2>Økonomiske  konsekvenser</h2> Ingen.</span>\r\n<h3>Sagens forløb</h3>\r\n"
    "<span class='sagsforloeb'><u>10-01-2022 Udvalget</u><br> Udsat.<br></span></div></div>"
)


def _item(number: str, caption: str, html: str, **more: Any) -> dict[str, Any]:
    item = {
        "Id": f"item-{number}",
        "Number": number,
        "Caption": caption,
        "CaseNumber": f"22-00000{number}",
        "IsOpen": False,
        "Felter": [{"Html": html, "Link": LINK + f"doc-{number}"}],
        "Bilag": [],
    }
    return item | more


def _meeting(**moede: Any) -> dict[str, Any]:
    return {
        "Id": "meeting-1",
        "TillaegsDagsorden": False,
        "Udvalg": {"Id": "u1", "Navn": ".Teknik- og Miljøudvalget"},
        "Moede": {
            "Id": "00000000-0000-0000-0000-000000000000",
            "Dato": "2022-01-10T16:00:00+01:00",
            "MeetingBeginUtc": "2022-01-10T16:00:00+01:00",
            "MeetingEndUtc": None,
            "Sted": " Mødelokale 2 ",
            "Afsluttet": True,
            "Moededeltagere": [
                {"Name": "Ida Holm", "Absent": True, "ParticipationCancelled": False},
                {"Name": "Ole Berg", "Absent": False, "ParticipationCancelled": False},
                {"Name": "Eva Lund", "Absent": False, "ParticipationCancelled": True},
                {"Name": "Ole Berg", "Absent": False, "ParticipationCancelled": False},
            ],
        }
        | moede,
        "Dagsordenpunkter": [
            _item(
                "1",
                "Lokalplan for Havnen",
                HTML,
                Bilag=[
                    {"Navn": "Kort", "Id": "b-1", "HarPdfVersion": "true"},
                    {"Navn": "", "Id": "b-2"},
                    {"Navn": "Notat", "Id": "b-3", "HarPdfVersion": "false"},
                ],
            ),
            _item("2", "Lukket: Køb af grund", "<div><p>Anbefales.</p></div>"),
        ],
    }


def _parse(data: dict[str, Any]) -> Any:
    return parse_portal(PortalFile("m.json", "m.json", "0" * 64, data), SETTINGS)


def test_the_meeting() -> None:
    doc = _parse(_meeting())
    assert doc.kind is DocKind.MINUTES
    assert doc.committee.value == "Teknik- og Miljøudvalget"
    assert doc.municipality.value == "Solby"
    assert doc.start.value == datetime(2022, 1, 10, 16, tzinfo=ZoneInfo("Europe/Copenhagen"))
    assert doc.start.span == Span.at("/Moede/MeetingBeginUtc")
    assert doc.end is None
    assert doc.place.value == "Mødelokale 2"
    assert doc.identifier.value == "meeting-1"
    assert [p.value for p in doc.present] == ["Ole Berg"]
    assert [p.value for p in doc.absent] == ["Ida Holm", "Eva Lund"]
    assert doc.absent[1].span.pointer == "/Moede/Moededeltagere/2/Name"


def test_a_naive_utc_start_is_told_in_local_time() -> None:
    doc = _parse(_meeting(MeetingBeginUtc="2022-06-01T15:00:00", Dato=None))
    assert doc.start.value.isoformat() == "2022-06-01T17:00:00+02:00"


def test_a_meeting_not_held_is_an_agenda_without_attendance() -> None:
    doc = _parse(_meeting(Afsluttet=False))
    assert doc.kind is DocKind.AGENDA
    assert doc.present == doc.absent == ()


def test_a_supplementary_agenda_is_an_agenda() -> None:
    assert _parse(_meeting() | {"TillaegsDagsorden": True}).kind is DocKind.AGENDA


def test_items_and_their_sections() -> None:
    first, closed = _parse(_meeting()).items
    assert (first.number.value, first.public.value, first.title.value) == (
        1,
        True,
        "Lokalplan for Havnen",
    )
    assert first.case_id.value == "22-000001" and first.identifier.value == "item-1"
    found = {s.kind: s.text.value for s in first.sections}
    assert found == {
        SectionKind.DECISION: "Godkendt.\nFraværende: Ida Holm",
        SectionKind.SUMMARY: "Kort om sagen.",
        SectionKind.RECOMMENDATION: "Center for Teknik & Miljø indstiller, at\n1. planen godkendes.",
        SectionKind.BACKGROUND: "Første afsnit.\nAndet afsnit.\nHører til sagsbeskrivelsen.\n"
        "Sagsprocedure\nUdvalget.\nØkonomiske konsekvenser\nIngen.",
        SectionKind.PRIOR_DECISIONS: "10-01-2022 Udvalget\nUdsat.",
    }
    assert first.recommended_by.value == "Center for Teknik & Miljø"
    assert first.sections[0].text.span.pointer == "/Dagsordenpunkter/0/Felter/0/Html"
    assert [(a.title.value, a.number, a.url) for a in first.attachments] == [
        ("Kort", "b-1", LINK + "b-1"),
        ("Notat", "b-3", None),  # no PDF version: no link
    ]
    assert (closed.public.value, closed.title.value, closed.public.raw) == (
        False,
        "Køb af grund",
        "Lukket: Køb af grund",
    )


def test_a_closed_item_keeps_only_number_title_and_portal_id() -> None:
    doc, redactions = apply_privacy(_parse(_meeting()), SETTINGS)
    closed = doc.items[1]
    assert closed.sections == () and closed.case_id is None and closed.attachments == ()
    assert closed.identifier is not None and closed.identifier.value == "item-2"
    assert [r.kind.value for r in redactions] == ["closed-item"]


@pytest.mark.parametrize(
    ("html", "held", "expected"),
    [
        ("<div>Taget til efterretning.</div>", True, {SectionKind.DECISION}),
        ("<div>Til orientering.</div>", False, {SectionKind.BACKGROUND}),
        ("<div id='x'>\r\n\r\n</div>", True, set()),
        ("<h3>Fremstilling</h3><p>Direkte tekst.</p>", True, {SectionKind.BACKGROUND}),
    ],
)
def test_text_without_headings(html: str, held: bool, expected: set[SectionKind]) -> None:
    assert set(sections(html, held=held)) == expected


def test_an_empty_heading_is_no_heading() -> None:
    assert [p.heading for p in split_parts("<h3>A</h3>x<h3> <br> </h3>y<h3>B</h3>z")] == [
        "A",
        "B",
    ]


def test_a_fact_read_from_json_cites_its_pointer() -> None:
    builder = GraphBuilder("http://localhost:8000/id/document/d", Minter(SETTINGS.base_iri))
    subject = "http://localhost:8000/id/meeting/m"
    builder.fact(subject, PROV.atLocation, text("Rådhuset"), Span.at("/Moede/Sted"))
    predicates = {q.predicate.value: str(q.object) for q in builder.quads}
    assert predicates[MKG.jsonPointer] == '"/Moede/Sted"'
    assert MKG.page not in predicates and MKG.firstLine not in predicates


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"Moede": {"Dato": ', "not valid JSON"),
        (json.dumps({"name": "x"}).encode(), "no agenda portal meeting"),
        (b"\xff\xfe\x00", "not UTF-8"),
    ],
)
def test_a_json_file_that_is_not_a_portal_meeting(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "other.json"
    path.write_bytes(content)
    with pytest.raises(InputError) as raised:
        read_portal(path)
    assert str(path) in str(raised.value) and reason in str(raised.value)


def test_a_meeting_without_committee_is_refused() -> None:
    data = _meeting()
    data["Udvalg"]["Navn"] = None
    with pytest.raises(InputError, match="without its committee"):
        _parse(data)
