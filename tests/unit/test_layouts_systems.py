"""The reader on more publishing systems' layouts and on English minutes, one rule at a
time, on invented documents (no text of a real document): time ranges, contents lists
headed by their columns, open/closed marks after a title, "Punkt N - Title", prose
absence followed by another sentence, twelve-hour clocks and ordinal dates."""

from __future__ import annotations

from datetime import time

import pytest

from kg.errors import InputError
from kg.ingest.html import html_lines
from kg.language import language
from kg.parse import MinutesDoc, parse
from kg.parse.dates import clock_range, find_clock, find_dates
from kg.settings import BuildSettings
from tests.textdoc import text_of

SETTINGS = BuildSettings()


def read(body: str, name: str = "doc.txt") -> MinutesDoc:
    return parse(text_of(body, name=name), SETTINGS)


def items(doc: MinutesDoc) -> list[tuple[int | None, str, bool | None]]:
    return [
        (
            i.number.value if i.number else None,
            i.title.value if i.title else "",
            i.public.value if i.public else None,
        )
        for i in doc.items
    ]


def cases(doc: MinutesDoc) -> list[str | None]:
    return [i.case_id.value if i.case_id else None for i in doc.items]


def clock(doc: MinutesDoc, which: str) -> str | None:
    found = doc.start if which == "start" else doc.end
    return found.value.strftime("%H:%M") if found else None


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Mødetidspunkt: 16:00 - 18:30", (time(16), time(18, 30))),
        ("Mandag 6. februar 2023, kl. 15:30-17:00", (time(15, 30), time(17))),
        ("Kl. 09.00 til kl. 11.30", (time(9), time(11, 30))),
        ("from 7.00 pm to 9.30 pm", (time(19), time(21, 30))),
        ("Mødetidspunkt: 16:00", None),
        ("16:00 i Byrådssalen - 2. sal", None),
    ],
)
def test_time_ranges(written: str, expected: tuple[time, time] | None) -> None:
    assert clock_range(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("held on Tuesday 14 March 2023 at 7.00 pm", "19:00"),
        ("Commencing at 6.00pm", "18:00"),
        ("The meeting closed at 8.45 p.m.", "20:45"),
        ("at 7pm", "19:00"),
        ("12.30 am", "00:30"),
        ("12 pm", "12:00"),
        ("kl. 17 i salen", None),  # a bare hour only with am/pm
        ("14.00 pm", None),  # no hour of a twelve-hour clock
    ],
)
def test_twelve_hour_clocks(written: str, expected: str | None) -> None:
    found = find_clock(written)
    assert (found.strftime("%H:%M") if found else None) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("MONDAY 11TH SEPTEMBER 2023", "2023-09-11"),
        ("Wednesday 8th November 2023", "2023-11-08"),
        ("23rd January, 2024", "2024-01-23"),
        ("the 3rd of May 2022", "2022-05-03"),
    ],
)
def test_ordinal_dates(written: str, expected: str) -> None:
    assert [f.day.isoformat() for f in find_dates(written, language("en"))] == [expected]


FIRST_AGENDA = """
    Vestby Kommune

    Referat
    Økonomiudvalget

    Mødedato: 14.03.2023
    Mødetid: 16:00 - 18:30
    Mødested: Mødelokale 1, Rådhuset
    Deltagere: Anne Berg, Jonas Friis, Karin Mølgaard
    Afbud fra Per Lund (V). Som stedfortræder deltog Ole Brink (V).

    Indholdsfortegnelse
    Pkt.   Titel                                              Side
    1.     Godkendelse af dagsorden ......................... 2
    2.     Budgetopfølgning pr. 28. februar ................. 3
    3.     Køb af ejendom (Lukket) .......................... 5

    1. Godkendelse af dagsorden

    Beslutning
    Godkendt.
"""


def test_a_pdf_export_with_a_time_range_and_a_contents_list_headed_by_its_columns() -> None:
    doc = read(FIRST_AGENDA)
    assert (clock(doc, "start"), clock(doc, "end")) == ("16:00", "18:30")
    assert items(doc) == [
        (1, "Godkendelse af dagsorden", None),
        (2, "Budgetopfølgning pr. 28. februar", None),
        (3, "Køb af ejendom", False),
    ]
    assert doc.absent is not None and [n.value for n in doc.absent] == ["Per Lund"]
    assert doc.present is not None and [n.value for n in doc.present] == [
        "Anne Berg",
        "Jonas Friis",
        "Karin Mølgaard",
    ]


UNHEADED_CONTENTS = """
    Beslutningsprotokol
    Kommunalbestyrelsen, Vestby Kommune
    Tirsdag den 14. marts 2023 kl. 17.00

    Punkt   Tekst                                                Side
    1.      Godkendelse af dagsorden                             1
    2.      Regnskab 2022                                        2
    3.      Salg af tidligere skolebygning - LUKKET              4

    1. Godkendelse af dagsorden
    Beslutning: Godkendt.

    Mødet sluttede kl. 19.45
"""


def test_a_contents_list_with_only_its_column_heads_and_the_end_in_the_last_lines() -> None:
    doc = read(UNHEADED_CONTENTS)
    assert items(doc) == [
        (1, "Godkendelse af dagsorden", None),
        (2, "Regnskab 2022", None),
        (3, "Salg af tidligere skolebygning", False),
    ]
    assert (clock(doc, "start"), clock(doc, "end")) == ("17:00", "19:45")


NUMBER_WORD_AND_DASH = """
    Dagsorden
    Folkeoplysningsudvalget
    Dato: 14-03-2023 kl. 17:00

    Punkt 1 - Godkendelse af dagsorden
    Sagsnr.: 23/00211

    Punkt 2 - Ansøgning om lokaletilskud
    Sagsnr.: 23/00345

    Punkt 3 - Orientering Åbent punkt
"""


def test_number_word_headings_with_a_dash_and_a_mark_after_the_title() -> None:
    doc = read(NUMBER_WORD_AND_DASH)
    assert items(doc) == [
        (1, "Godkendelse af dagsorden", None),
        (2, "Ansøgning om lokaletilskud", None),
        (3, "Orientering", True),
    ]
    assert cases(doc) == [
        "23/00211",
        "23/00345",
        None,
    ]


def test_a_title_that_ends_in_a_word_like_a_mark_keeps_it() -> None:
    doc = read("Referat\nByrådet\nDato: 14-03-2023\n\n1. Skal hallen være åben\nGodkendt.\n")
    assert items(doc) == [(1, "Skal hallen være åben", None)]


ENGLISH = """
    Ashby Vale District Council

    Minutes of the meeting of the Planning Committee held on Tuesday 14th March 2023
    at 7.00 pm

    Present: Councillors A. Smith (Chair), B. Jones and C. Patel
    Apologies: Cllr. D. Evans

    1. Apologies for absence
    Noted.

    2. Planning application for a new school
    Resolved: that the application be approved.

    The meeting closed at 8.45 pm.
"""


def test_english_minutes_with_a_twelve_hour_clock() -> None:
    doc = read(ENGLISH)
    assert doc.start is not None and doc.start.value.isoformat()[:16] == "2023-03-14T19:00"
    assert clock(doc, "end") == "20:45"
    assert doc.present is not None and [n.value for n in doc.present] == [
        "A. Smith",
        "B. Jones",
        "C. Patel",
    ]
    assert doc.absent is not None and [n.value for n in doc.absent] == ["D. Evans"]


def test_an_ordered_list_whose_items_number_themselves_is_not_numbered_twice() -> None:
    page = "<ol><li>41. Godkendelse af dagsorden</li><li>42. Kapacitet</li></ol>"
    page += "<ol><li>Første</li><li>Anden</li></ol>"
    assert [line.text for line in html_lines(page) if line.text] == [
        "41. Godkendelse af dagsorden",
        "42. Kapacitet",
        "1. Første",
        "2. Anden",
    ]


def test_a_short_case_label_counts_before_a_case_shaped_value_only() -> None:
    doc = read(
        "Referat\nKlimaudvalget\nDato: 06-02-2023\n\n"
        "1. Godkendelse af dagsorden\nSag: 23/00211\n\n"
        "2. Sag 7 om vejene\nSag: Orientering\n"
    )
    assert [(i.number.value if i.number else None) for i in doc.items] == [1, 2]
    assert cases(doc) == ["23/00211", None]
    assert doc.items[0].title is not None
    assert doc.items[0].title.value == "Godkendelse af dagsorden"


def test_a_weekday_after_the_title_word_is_no_committee() -> None:
    doc = read(
        "Referat mandag den 27. november 2023 kl. 18.00\nByrådet\n\n"
        "1. Godkendelse af dagsorden\nGodkendt.\n"
    )
    assert doc.committee is not None and doc.committee.value == "Byrådet"


def test_an_english_letterhead_names_the_municipality() -> None:
    doc = read(ENGLISH)
    assert doc.municipality is not None and doc.municipality.value == "Ashby Vale"


def test_the_official_name_of_a_municipality_the_table_does_not_know() -> None:
    assert language("da").official_name("Havnbjerg") == "Havnbjerg Kommune"
    assert language("da").official_name("København") == "Københavns Kommune"
    assert language("en").official_name("Ashby Vale") == "Ashby Vale"


MINUTE_NUMBERS = """
    Agenda for Cabinet on Tuesday, 23rd January 2024 at 6.30 pm

    45/23 Apologies for Absence
    Apologies were noted.

    46/23 Declarations of Interest
    None.

    47/23 Revenue budget 2024/25
    Resolved: that the budget be recommended to Council.
"""


def test_minutes_numbered_with_their_year_and_an_agenda_for_a_body() -> None:
    doc = read(MINUTE_NUMBERS)
    assert doc.committee is not None and doc.committee.value == "Cabinet"
    assert items(doc) == [
        (45, "Apologies for Absence", None),
        (46, "Declarations of Interest", None),
        (47, "Revenue budget 2024/25", None),
    ]
    assert doc.start is not None and doc.start.value.isoformat()[:16] == "2024-01-23T18:30"


def test_a_body_named_before_its_kind_of_meeting() -> None:
    doc = read("CITY COUNCIL REGULAR MEETING\nJune 5, 2023 at 7:00 p.m.\n\n1. Call to order\n")
    assert doc.committee is not None and doc.committee.value.casefold() == "city council"


NORWEGIAN = """
    Møtebok for formannskapet

    Møtedato: 17.10.2023 kl. 09:00
    Til stede: Astrid Hammer, Bjarne Vollan
    Forfall: Kåre Engen

    Sak 12/23 Godkjenning av innkalling og saksliste
    Vedtak: Innkalling og saksliste ble godkjent etter en kort debatt.

    Sak 13/23 Høring av plan for eldreomsorgen
    Saken ble drøftet, og formannskapet gikk mot forslaget etter møtet med rådmannen.
"""


def test_a_document_in_a_language_without_a_file_is_refused_with_the_reason() -> None:
    with pytest.raises(InputError, match="is written in Norwegian") as caught:
        read(NORWEGIAN, name="motebok.txt")
    assert "motebok.txt" in str(caught.value)


def test_a_list_ends_at_a_label_the_language_does_not_know() -> None:
    doc = read(
        "Referat\nByrådet\nDato: 06-02-2023\n"
        "Til stede: Astrid Hammer, Bjarne Vollan\nGæster: Kåre Engen, Liv Moe\n\n"
        "1. Godkendelse af dagsorden\nGodkendt.\n"
    )
    assert doc.present is not None
    assert [n.value for n in doc.present] == ["Astrid Hammer", "Bjarne Vollan"]


ATTENDANCE_TABLE = """
    Referat
    Børne- og Familieudvalget
    Dato: onsdag den 7. juni 2023
    Sted: Maribo Hallerne, mødelokalet

    Deltagere

    Navn Parti Fremmøde
    Mette Lauritsen A Til stede
    Henrik Bøgh V Til stede
    Anja Sloth F Afbud

    1. Godkendelse af dagsorden
    Godkendt.
"""


def test_an_attendance_table_with_a_status_column_and_a_place_in_two_parts() -> None:
    doc = read(ATTENDANCE_TABLE)
    assert doc.present is not None and [n.value for n in doc.present] == [
        "Mette Lauritsen",
        "Henrik Bøgh",
    ]
    assert doc.absent is not None and [n.value for n in doc.absent] == ["Anja Sloth"]
    assert doc.place is not None and doc.place.value == "Maribo Hallerne, mødelokalet"


def test_a_participants_table_without_status_and_the_absent_listed_apart() -> None:
    doc = read(
        "Referat\nPlan- og Klimaudvalget\nMødedato\n18. april 2023\n\nDeltagere\n"
        "Navn                 Parti\nBo Kristensen        V\nAnders Leth          C\n\n"
        "Fraværende\nAnders Leth\n\n1. Godkendelse af dagsorden\nGodkendt.\n"
    )
    assert doc.present is not None and [n.value for n in doc.present] == ["Bo Kristensen"]
    assert doc.absent is not None and [n.value for n in doc.absent] == ["Anders Leth"]


AGENDA_WITH_FIELDS = """
    Agenda for the Planning Committee on Wednesday 26 April 2023 at 6.00pm

    1. Development application for a two lot subdivision
    File: DA2023/045
    Author: Senior Town Planner
    Consent agenda items below.

    2. Consent agenda
    a. Approval of minutes
    b. Claims and payroll
"""


def test_a_title_stops_at_a_field_and_a_lettered_list_is_no_title() -> None:
    doc = read(AGENDA_WITH_FIELDS)
    assert items(doc) == [
        (1, "Development application for a two lot subdivision", None),
        (2, "Consent agenda", None),
    ]
    assert cases(doc) == ["DA2023/045", None]


WEB_BADGES = """
    Dagsorden - Kultur- og Fritidsudvalget
    tirsdag 11. februar 2025 kl. 17:00

    Start: kl. 17.00
    Slut: kl. 18.05
    Mødested: Mødelokale Sct. Bendt, Rådhuset Mødeslut: 18.05

    Mødedeltagere
    Helle Kjær Andersen (A) - Formand
    Thomas Buus (V)
    Rikke Bundgaard (A), stedfortræder for Kim Hessellund (A)

    1) Godkendelse af dagsorden Åbent
    Godkendt.

    2) Budgetopfølgning
    Åbent punkt Sagsnr. 00.30.10-S00-3-25
    Taget til efterretning.

    3) Ny aftale om drift af kantinen
    Lukket punkt Sagsnr. 82.06.00-G00-1-25
"""


def test_a_web_page_with_status_badges_role_suffixes_and_fields_side_by_side() -> None:
    doc = read(WEB_BADGES)
    assert doc.committee is not None and doc.committee.value == "Kultur- og Fritidsudvalget"
    assert (clock(doc, "start"), clock(doc, "end")) == ("17:00", "18:05")
    assert doc.place is not None and doc.place.value == "Mødelokale Sct. Bendt, Rådhuset"
    assert items(doc) == [
        (1, "Godkendelse af dagsorden", True),
        (2, "Budgetopfølgning", True),
        (3, "Ny aftale om drift af kantinen", False),
    ]
    assert cases(doc)[:2] == [
        None,
        "00.30.10-S00-3-25",
    ]
    assert doc.present is not None and [n.value for n in doc.present] == [
        "Helle Kjær Andersen",
        "Thomas Buus",
        "Rikke Bundgaard",
    ]


def test_a_single_mark_word_before_a_case_id_and_a_bare_year_and_number_id() -> None:
    doc = read(
        "Referat\nBørne- og Familieudvalget\nDato: 05-09-2023\n\n"
        "140. Godkendelse af dagsorden\nÅben · Sagsnr.: 23/18804\nGodkendt.\n\n"
        "141. Anbringelsessag\nLukket Sagsnr.: 23/20117\n\n"
        "142. Kvalitetsrapport\n2024-004422\nTaget til efterretning.\n"
    )
    assert items(doc) == [
        (140, "Godkendelse af dagsorden", True),
        (141, "Anbringelsessag", False),
        (142, "Kvalitetsrapport", None),
    ]
    assert cases(doc) == [
        "23/18804",
        "23/20117",
        "2024-004422",
    ]


def test_a_mark_beside_the_number_and_the_title_on_the_next_line() -> None:
    doc = read(
        "Beslutningsprotokol\nByrådet\nDato: 26-09-2024\n\nPunkt 101   Åbent punkt\n"
        "Godkendelse af dagsorden\nSags-id: 24/4512\nBeslutning: Godkendt.\n\n"
        "Punkt 102   Lukket punkt\nSalg af byggegrund\nSags-id: 24/4513\n"
    )
    assert items(doc) == [
        (101, "Godkendelse af dagsorden", True),
        (102, "Salg af byggegrund", False),
    ]


def test_items_headed_item_and_a_dash_and_a_file_number_under_the_title() -> None:
    doc = read(
        "Minutes of the meeting of the Municipal District held on 3 June 2024\n\n"
        "ITEM 1 – MATTERS ARISING\nResolved: there were no matters arising.\n\n"
        "ITEM 2 – ROADS PROGRAMME 2024: PROGRESS REPORT\nFile #: 24-0398\nResolved: noted.\n"
    )
    assert [(n, t) for n, t, _ in items(doc)] == [
        (1, "MATTERS ARISING"),
        (2, "ROADS PROGRAMME 2024: PROGRESS REPORT"),
    ]


def test_a_mark_that_is_the_title_stays_the_title_above_a_case_id() -> None:
    doc = read(
        "Beslutningsreferat\nSundheds- og Kulturudvalget\nDato: 21-08-2024\n\n"
        "90. Godkendelse af dagsorden\n2024-004422\nGodkendt.\n\n91. Lukket punkt\n2024-010276\n"
    )
    assert items(doc) == [(90, "Godkendelse af dagsorden", None), (91, "Lukket punkt", False)]


def test_a_time_and_place_field_with_hours_only_and_a_day_month_year_date() -> None:
    doc = read(
        "Referat\nHandicaprådet\nTid og sted: Tirsdag d. 14/1 2025, kl. 14-16, mødelokale "
        "Fyrtårnet\n\n1. Godkendelse af dagsorden\nGodkendt.\n"
    )
    assert doc.day is not None and doc.day.value.isoformat() == "2025-01-14"
    assert (clock(doc, "start"), clock(doc, "end")) == ("14:00", "16:00")


def test_a_place_below_the_date_and_no_place_from_a_contents_line() -> None:
    doc = read(
        "Dagsorden\nKommunalbestyrelsen\nTorsdag den 28. november 2024 kl. 19.00\n"
        "i Rådhusets mødesal, Stationsvej 14\n\nPkt. 7 Køb af areal ved Vestergaard Skole\n"
    )
    assert doc.place is not None and doc.place.value == "Rådhusets mødesal, Stationsvej 14"
    no_place = read(
        "Dagsorden\nKommunalbestyrelsen\nTorsdag den 28. november 2024 kl. 19.00\n\n"
        "Pkt. 7 Køb af areal ved Vestergaard Skole\nSagsnr.: 24/1234\n"
    )
    assert no_place.place is None
