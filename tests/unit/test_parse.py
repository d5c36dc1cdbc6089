"""The parser on small inline documents, Danish and English."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from kg.errors import InputError
from kg.parse import DocKind, SectionKind, parse
from kg.settings import BuildSettings
from tests.textdoc import text_of

SETTINGS = BuildSettings()
CPH = ZoneInfo("Europe/Copenhagen")

MINUTES = """
    Referat af møde i Teknik- og Miljøudvalget

    Mødetidspunkt 12-03-2019 17:00
    Mødeafholdelse Mødelokale 2

    Protokollen blev læst
    og mødet hævet kl.: 19:15

    Tilstede: Ida Holm, Ole Berg (formand) og Per Ravn

    Fraværende: Eva Lund

    Indholdsfortegnelse

    1 (Åben) Cykelsti langs Strandvejen 3
    2 (Lukket) Køb af grund 4

    1 (Åben) Cykelsti langs Strandvejen

    Sags ID: EMN-2019-00123

    Resumé

    Forvaltningen foreslår en cykelsti.

    Indstilling

    Teknik og Miljø indstiller

    At cykelstien anlægges.

    Tidligere beslutninger:

    .

    Beslutninger:

    Teknik- og Miljøudvalget den 12. marts 2019

    Godkendt.

    Bilag

    1. Kort over strækningen (1234567 - EMN-2019-00123)
    2. Budget

    2 (Lukket) Køb af grund

    Sags ID: EMN-2019-00200

    Beslutninger:

    Godkendt.
"""


def test_minutes_header() -> None:
    doc = parse(text_of(MINUTES), SETTINGS)
    assert doc.kind is DocKind.MINUTES
    assert doc.language == "da"
    assert doc.committee is not None and doc.committee.value == "Teknik- og Miljøudvalget"
    assert doc.start is not None and doc.start.value == datetime(2019, 3, 12, 17, 0, tzinfo=CPH)
    assert doc.start.value.isoformat() == "2019-03-12T17:00:00+01:00"
    assert doc.end is not None and doc.end.value.isoformat() == "2019-03-12T19:15:00+01:00"
    assert doc.place is not None and doc.place.value == "Mødelokale 2"
    assert [p.value for p in doc.present] == ["Ida Holm", "Ole Berg", "Per Ravn"]
    assert [p.value for p in doc.absent] == ["Eva Lund"]
    assert doc.absent[0].span.first == 11


def test_minutes_items_skip_the_table_of_contents() -> None:
    doc = parse(text_of(MINUTES), SETTINGS)
    assert [(i.number.value if i.number else None) for i in doc.items] == [1, 2]
    first, closed = doc.items
    assert first.title is not None and first.title.value == "Cykelsti langs Strandvejen"
    assert first.title.span.first == 18
    assert first.public is not None and first.public.value is True
    assert closed.public is not None and closed.public.value is False
    assert first.case_id is not None and first.case_id.value == "EMN-2019-00123"


def test_sections_unit_and_attachments() -> None:
    item = parse(text_of(MINUTES), SETTINGS).items[0]
    summary = item.section(SectionKind.SUMMARY)
    assert summary is not None and summary.value == "Forvaltningen foreslår en cykelsti."
    recommendation = item.section(SectionKind.RECOMMENDATION)
    assert recommendation is not None and recommendation.value == "At cykelstien anlægges."
    assert item.recommended_by is not None and item.recommended_by.value == "Teknik og Miljø"
    decision = item.section(SectionKind.DECISION)
    assert decision is not None and decision.value == "Godkendt."
    assert item.section(SectionKind.PRIOR_DECISIONS) is None
    assert [(a.title.value, a.number, a.case_id) for a in item.attachments] == [
        ("Kort over strækningen", "1234567", "EMN-2019-00123"),
        ("Budget", None, None),
    ]


def test_winter_and_summer_offsets() -> None:
    summer = MINUTES.replace("12-03-2019 17:00", "12-06-2019 17:00")
    doc = parse(text_of(summer), SETTINGS)
    assert doc.start is not None and doc.start.value.isoformat() == "2019-06-12T17:00:00+02:00"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("26-09-2017 16:30", "2017-09-26T16:30:00+02:00"),
        ("26.09.2017 kl. 16.30", "2017-09-26T16:30:00+02:00"),
        ("tirsdag den 26. september 2017 kl. 16.30", "2017-09-26T16:30:00+02:00"),
        ("2017-01-05 09:00", "2017-01-05T09:00:00+01:00"),
    ],
)
def test_meeting_time_forms(written: str, expected: str) -> None:
    doc = parse(text_of(MINUTES.replace("12-03-2019 17:00", written)), SETTINGS)
    assert doc.start is not None and doc.start.value.isoformat() == expected


def test_impossible_meeting_date_names_file_and_line() -> None:
    with pytest.raises(InputError) as caught:
        parse(
            text_of(MINUTES.replace("12-03-2019 17:00", "31-02-2019 17:00"), name="m.txt"), SETTINGS
        )
    assert caught.value.line == 3
    assert "not a real date" in caught.value.reason
    assert str(caught.value).startswith("m.txt, page 1, line 3:")


def test_meeting_time_without_a_date_is_left_out_not_refused() -> None:
    doc = parse(text_of(MINUTES.replace("12-03-2019 17:00", "snart")), SETTINGS)
    assert doc.day is None and doc.start is None
    assert doc.committee is not None and len(doc.items) == 2


def test_meeting_date_without_a_time_keeps_the_date() -> None:
    doc = parse(text_of(MINUTES.replace("12-03-2019 17:00", "12-03-2019")), SETTINGS)
    assert doc.day is not None and doc.day.value.isoformat() == "2019-03-12"
    assert doc.start is None and doc.end is None


def test_agenda_without_heading_is_one_unnumbered_item() -> None:
    doc = parse(
        text_of("""
            Resumé
            Udvalget drøfter en ny plan.

            Indstilling
            Center for Børn indstiller

            At planen godkendes.
        """),
        SETTINGS,
    )
    assert doc.kind is DocKind.AGENDA
    assert doc.committee is None and doc.start is None
    (item,) = doc.items
    assert item.number is None and item.title is None
    assert item.recommended_by is not None and item.recommended_by.value == "Center for Børn"


def test_agenda_title_line() -> None:
    doc = parse(
        text_of("""
            Dagsorden til møde i Børne- og Skoleudvalget
            Mødetidspunkt 01-02-2024 15:00
            Mødeafholdelse Rådhuset

            1 (Åben) Skolestruktur
            Sags ID: 24/1234
            Resumé
            Tekst.
        """),
        SETTINGS,
    )
    assert doc.kind is DocKind.AGENDA
    assert doc.items[0].case_id is not None and doc.items[0].case_id.value == "24/1234"


def test_text_that_is_not_minutes() -> None:
    with pytest.raises(InputError, match="does not look like minutes or an agenda"):
        parse(text_of("Indkøbsliste\nmælk\nbrød", name="liste.txt"), SETTINGS)


def test_english_minutes() -> None:
    doc = parse(
        text_of("""
            Minutes of the meeting of the Planning Committee
            Meeting time 12-03-2019 17:00
            Venue Room 4
            The meeting was closed at 18:30
            Present: Ann Lee, Bo Chan and Cy Diaz
            Absent: Di Eng

            1 (Open) Cycle lane
            Case ID: PLN-2019-00012
            Summary
            A new cycle lane.
            Decision
            Approved.
        """),
        SETTINGS,
    )
    assert doc.language == "en"
    assert doc.kind is DocKind.MINUTES
    assert doc.committee is not None and doc.committee.value == "Planning Committee"
    assert [p.value for p in doc.present] == ["Ann Lee", "Bo Chan", "Cy Diaz"]
    assert doc.end is not None and doc.end.value.isoformat() == "2019-03-12T18:30:00+01:00"
    item = doc.items[0]
    assert item.case_id is not None and item.case_id.value == "PLN-2019-00012"
    decision = item.section(SectionKind.DECISION)
    assert decision is not None and decision.value == "Approved."


def test_attendance_list_wrapped_over_lines_as_in_a_pdf() -> None:
    doc = parse(
        text_of("""
            Referat af møde i Kulturudvalget
            Mødetidspunkt 05-05-2021 17:00
            Tilstede: Anne Holm, Henrik K. Lauridsen, Torben
            Melgaard, Sara Kold og
            Emil Quist
            Fraværende: Jakob Thrane
            1 (Åben) Eventuelt
            Beslutninger:
            Intet.
        """),
        SETTINGS,
    )
    assert [(p.value, p.span.first) for p in doc.present] == [
        ("Anne Holm", 3),
        ("Henrik K. Lauridsen", 3),
        ("Torben Melgaard", 4),
        ("Sara Kold", 4),
        ("Emil Quist", 5),
    ]
    assert [p.value for p in doc.absent] == ["Jakob Thrane"]
