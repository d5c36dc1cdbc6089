"""The reader on the layouts municipalities publish in, one rule at a time, on invented
documents written in each form (no text of a real document)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kg.errors import InputError, UsageError
from kg.ingest.model import Text
from kg.language import language
from kg.parse import DocKind, MinutesDoc, SectionKind, parse
from kg.parse.contents import split_run
from kg.parse.dates import find_clock, find_dates
from kg.parse.headings import case_id
from kg.parse.meta import DocMeta, apply_meta, read_meta_table, read_sidecar
from kg.settings import BuildSettings
from tests.textdoc import text_of

SETTINGS = BuildSettings()
DA = language("da")


def read(body: str, name: str = "doc.txt") -> MinutesDoc:
    return parse(text_of(body, name=name), SETTINGS)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("06-11-2018 kl. 13:00", "2018-11-06"),
        ("Torsdag den 5. oktober 2017", "2017-10-05"),
        ("Onsdag, April 3, 2019 - 18:00", "2019-04-03"),
        ("Mødedato 02. december 2013", "2013-12-02"),
        ("13. oktober2010 kl. 08:30", "2010-10-13"),
        ("2020-06-04 09:00:00", "2020-06-04"),
    ],
)
def test_dates_in_every_written_form(written: str, expected: str) -> None:
    assert [f.day.isoformat() for f in find_dates(written, DA)] == [expected]


def test_impossible_dates_and_bare_numbers_are_no_dates() -> None:
    assert find_dates("31-02-2019, sag 16/35237, kl. 12.00, 1,3 mio. kr.", DA) == []


@pytest.mark.parametrize(
    ("written", "clock"),
    [("kl. 15.45", "15:45"), ("Kl. 17:00", "17:00"), ("09:00:00", "09:00"), ("- 18:00", "18:00")],
)
def test_clock_times(written: str, clock: str) -> None:
    found = find_clock(written)
    assert found is not None and found.strftime("%H:%M") == clock


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Sags ID: EMN-2017-02193", "EMN-2017-02193"),
        ("Sagsid.: 11/565", "11/565"),
        ("Sagsnr.: 16/35237", "16/35237"),
        ("Sagsnr. 299835 Kultur- og Idrætsudvalget Åbent punkt", "299835"),
        ("00.01.00P35-0104", "00.01.00P35-0104"),
        ("00.30S00 - 2016/41522", "00.30S00 - 2016/41522"),
        ("EMN-2025-010561", "EMN-2025-010561"),
        ("Sagsfremstilling", None),
        ("I 2017 blev 16 sager behandlet.", None),
    ],
)
def test_case_ids_of_the_systems_municipalities_use(line: str, expected: str | None) -> None:
    assert case_id(line, DA) == expected


LABELLED_ABOVE = """
    UDVALG

    Udvalget for Park og Vej

    MØDE

    Referat

    STED

    Torvet 4, mødelokale 2.10

    STARTTIDSPUNKT

    12-05-2021 16:00:00

    SLUTTIDSPUNKT

    12-05-2021 17:30:00

    PUNKTER

    14. Godkendelse af dagsorden
    15. Nye bænke i byparken

    14. Godkendelse af dagsorden

    Indstilling

    Administrationen indstiller, at dagsordenen godkendes.

    Beslutning i Udvalget for Park og Vej den 12-05-2021

    Godkendt

    15. Nye bænke i byparken

    Indstilling

    Administrationen indstiller, at 1. forslaget godkendes.
"""


def test_upper_case_labels_with_their_value_on_the_next_line() -> None:
    doc = read(LABELLED_ABOVE)
    assert doc.kind is DocKind.MINUTES
    assert doc.committee is not None and doc.committee.value == "Udvalget for Park og Vej"
    assert doc.place is not None and doc.place.value == "Torvet 4, mødelokale 2.10"
    assert doc.start is not None and doc.start.value.isoformat() == "2021-05-12T16:00:00+02:00"
    assert doc.end is not None and doc.end.value.isoformat() == "2021-05-12T17:30:00+02:00"
    assert [(i.number.value, i.title.value) for i in doc.items if i.number and i.title] == [
        (14, "Godkendelse af dagsorden"),
        (15, "Nye bænke i byparken"),
    ]
    decision = doc.items[0].section(SectionKind.DECISION)
    assert decision is not None and decision.value == "Godkendt"


WEB_PAGE = """
    Vi bruger cookies til statistik. Accepter cookies for at fortsætte.

    Accepter cookies

    Referat - Kultur- og Fritidsudvalget den 3. marts 2022

    Mødefakta

    Dato: Torsdag den 3. marts 2022
    Mødetidspunkt: Kl. 16:30
    Mødested: Byrådssalen, Rådhuset

    Medlemmer

      • Karen Lund (A)
      • Jens Bo Holm (V)
      • Sofie Dahl ((F))

    Fraværende:
    Jens Bo Holm

    1. Godkendelse af dagsorden

    Beslutning i Kultur- og Fritidsudvalget den 03-03-2022

    Godkendt.

    2. Tilskud til foreningerne

    Indstilling

    Kultur og Fritid indstiller til udvalget

      1. at tilskuddet godkendes
      2. at sagen sendes videre

    Beslutning i Kultur- og Fritidsudvalget den 03-03-2022

    Ad 1.

    Godkendt.
"""


def test_a_web_page_with_a_cookie_banner_and_a_members_list() -> None:
    doc = read(WEB_PAGE)
    assert doc.committee is not None and doc.committee.value == "Kultur- og Fritidsudvalget"
    assert doc.day is not None and doc.day.value == date(2022, 3, 3)
    assert doc.start is not None and doc.start.value.strftime("%H:%M") == "16:30"
    assert doc.place is not None and doc.place.value == "Byrådssalen, Rådhuset"
    # the absent member stands in the members list: it is no list of the present
    assert [a.value for a in doc.absent] == ["Jens Bo Holm"]
    assert doc.present == ()
    # the numbered list of a recommendation is no item
    assert [i.number.value for i in doc.items if i.number] == [1, 2]


TRANSCRIPT = (
    "1 VESTBY KOMMUNE Åbent referat til Teknik- og Miljøudvalget Mødedato: Mandag den 7."
    " marts 2016 Mødetidspunkt: 15:00 Mødelokale: 112 Medlemmer: Afbud: Ane Berg, Bo Kjær,"
    " Carl Dam Ingen\n"
    "2 Indholdsfortegnelse Punkter til dagsorden Side 1. Godkendelse af dagsorden"
    " Vejbump på Skolevej Eventuelt\n"
    "3 Teknik- og Miljøudvalget d Godkendelse af dagsorden Åben sag Sagsnr.: 16/1234"
    " Sagsansvarlig: abc BESLUTNING I TEKNIK- OG MILJØUDVALGET DEN Godkendt\n"
    "4 Teknik- og Miljøudvalget d Vejbump på Skolevej Åben sag Sagsnr.: 16/2345"
    " Sagsansvarlig: abc RESUMÉ Der ønskes vejbump. INDSTILLING Forvaltningen indstiller,"
    " at der etableres vejbump."
)


def test_a_pdf_transcript_run_together_by_a_mirror() -> None:
    doc = read(TRANSCRIPT)
    assert doc.kind is DocKind.MINUTES
    assert doc.committee is not None and doc.committee.value == "Teknik- og Miljøudvalget"
    assert doc.start is not None and doc.start.value.isoformat() == "2016-03-07T15:00:00+01:00"
    assert doc.place is not None and doc.place.value == "112"
    # "Medlemmer: Afbud: A, B, C Ingen": the members came, nobody sent apologies
    assert [p.value for p in doc.present] == ["Ane Berg", "Bo Kjær", "Carl Dam"]
    assert doc.absent == ()
    items = [(i.number.value, i.title.value) for i in doc.items if i.number and i.title]
    assert items == [(1, "Godkendelse af dagsorden"), (2, "Vejbump på Skolevej")]
    assert [i.case_id.value for i in doc.items if i.case_id] == ["16/1234", "16/2345"]
    assert all(i.public is not None and i.public.value for i in doc.items)


GLUED = """
    Nordby Kommunes logo

    Plan og miljøs møde den 9. maj 2023

    Mødelokale 4 kl. 17.00

    Referat
    Fold alle punkter

    12Godkendelse af dagsorden

    Beslutning

    Godkendt

    13Ny lokalplan for havnen

    Resume

    Planen gennemgås.
"""


def test_item_numbers_glued_to_titles_and_a_genitive_title() -> None:
    doc = read(GLUED)
    assert doc.committee is not None and doc.committee.value == "Plan og miljø"
    assert doc.day is not None and doc.day.value == date(2023, 5, 9)
    assert doc.start is not None and doc.start.value.strftime("%H:%M") == "17:00"
    assert doc.place is not None and doc.place.value == "Mødelokale 4"
    assert [(i.number.value, i.title.value) for i in doc.items if i.number and i.title] == [
        (12, "Godkendelse af dagsorden"),
        (13, "Ny lokalplan for havnen"),
    ]


def test_prose_attendance_and_the_place_a_meeting_was_held_in() -> None:
    doc = read("""
        Teknisk Udvalg
        Protokol
        Tirsdag den 4. april 2017 kl. 17:00 afholdt Teknisk Udvalg møde i Mødesal 2.
        Medlemmerne var til stede, undtagen: Ole Vang var fraværende.
        1. Eventuelt
        Beslutning
        Intet.
    """)
    assert doc.kind is DocKind.MINUTES
    assert doc.committee is not None and doc.committee.value == "Teknisk Udvalg"
    assert doc.place is not None and doc.place.value == "Mødesal 2"
    assert [a.value for a in doc.absent] == ["Ole Vang"]
    assert doc.present == ()


def test_a_numbered_attendance_list_with_titles_and_a_decision_in_prose() -> None:
    doc = read("""
        1. Godkendelse af dagsorden

        Beslutning

        Økonomiudvalgets beslutning i mødet den 2. juni 2021

        Mødet startede kl. 15.30 og sluttede kl. 16.10.

        Fraværende med afbud:

        Ingen.

        Deltagerne var:

        1. Borgmester Eva Sand (A)

        2. Kim Lund (V)

        Dagsordenen blev godkendt.
    """)
    assert doc.kind is DocKind.MINUTES
    assert doc.committee is not None and doc.committee.value == "Økonomiudvalget"
    assert doc.start is not None and doc.start.value.isoformat() == "2021-06-02T15:30:00+02:00"
    assert doc.end is not None and doc.end.value.strftime("%H:%M") == "16:10"
    assert [p.value for p in doc.present] == ["Eva Sand", "Kim Lund"]
    assert doc.absent == ()
    assert [i.number.value for i in doc.items if i.number] == [1]


def test_a_contents_list_run_into_one_line_is_cut_by_its_numbering() -> None:
    line = text_of("x").lines[0]
    entries = split_run(
        "Punkt nr. Side Bilagsoversigt 3 1 Meddelelser 4 2 Ny skolesti - anlæg 5"
        " 3 Regnskab 2013 for museet. 9",
        line,
        DA,
    )
    assert [(e.number, e.title) for e in entries] == [
        (1, "Meddelelser"),
        (2, "Ny skolesti - anlæg"),
        (3, "Regnskab 2013 for museet."),
    ]


def test_open_and_closed_groups_of_a_run_together_contents_list() -> None:
    line = text_of("x").lines[0]
    entries = split_run(
        "Åben dagsorden 1 Budget 2024 2 Eventuelt Lukket dagsorden 3 Personalesag", line, DA
    )
    assert [(e.number, e.title, e.public) for e in entries] == [
        (1, "Budget 2024", True),
        (2, "Eventuelt", True),
        (3, "Personalesag", False),
    ]


def test_an_item_heading_broken_over_two_lines_is_one_title() -> None:
    doc = read("""
        REFERAT Vestby Byråd d. 27-08-2025
        Mødedato Onsdag d. 27. august 2025 kl. 16:00
        Mødested Byrådssalen
        Punkt 1: Godkendelse af dagsorden
        EMN-2025-000001
        Beslutninger
        Godkendt.
        Punkt 2: Svar på forslag om at sikre den gamle grillbars
        fremtid ved havnen
        EMN-2025-000002
        Beslutninger
        Oversendt.
        Punkt 3: Lukket: Køb af ejendom
        EMN-2025-000003
    """)
    assert doc.committee is not None and doc.committee.value == "Vestby Byråd"
    titles = [i.title.value for i in doc.items if i.title]
    assert titles[1] == "Svar på forslag om at sikre den gamle grillbars fremtid ved havnen"
    closed = doc.items[2]
    assert closed.public is not None and closed.public.value is False


def test_municipalities_named_in_the_text() -> None:
    doc = read(LABELLED_ABOVE.replace("UDVALG\n", "HOLBÆK KOMMUNE\n\n    UDVALG\n", 1))
    assert doc.municipality is not None and doc.municipality.value == "Holbæk"
    genitive = read(WEB_PAGE + "\n    Det er Københavns Kommunes plan.\n")
    assert genitive.municipality is not None and genitive.municipality.value == "København"
    assert read(WEB_PAGE).municipality is None  # no municipality named: none invented


def test_a_text_with_neither_header_nor_items_is_refused() -> None:
    with pytest.raises(InputError, match="does not look like minutes or an agenda"):
        read("Indkøbsliste\nmælk\nbrød", name="liste.txt")


def test_metadata_wins_over_the_text(tmp_path: Path) -> None:
    sidecar = tmp_path / "referat.txt.meta.json"
    sidecar.write_text('{"committee": "Økonomiudvalget", "date": "2021-06-03", "start": "17:00"}')
    meta = read_sidecar(sidecar)
    doc = apply_meta(read(GLUED), meta, sidecar.name, "Europe/Copenhagen")
    assert doc.committee is not None and doc.committee.value == "Økonomiudvalget"
    assert doc.committee.span.pointer == "referat.txt.meta.json#/committee"
    assert doc.start is not None and doc.start.value.isoformat() == "2021-06-03T17:00:00+02:00"


def test_metadata_that_cannot_be_read_names_the_file_and_the_field(tmp_path: Path) -> None:
    bad = tmp_path / "a.meta.json"
    bad.write_text('{"date": "3. juni"}')
    with pytest.raises(InputError, match="date"):
        read_sidecar(bad)
    broken = tmp_path / "b.meta.json"
    broken.write_text('{\n"date": }')
    with pytest.raises(InputError) as caught:
        read_sidecar(broken)
    assert caught.value.line == 2
    table = tmp_path / "meta.csv"
    table.write_text("file,kind\na.txt,referat\n")
    with pytest.raises(UsageError, match="line 2: kind"):
        read_meta_table(table)
    table.write_text("file,municipality\na.txt,Gentofte\n")
    assert read_meta_table(table) == {"a.txt": DocMeta(municipality="Gentofte")}


def test_a_fault_of_the_reader_on_one_document_does_not_stop_a_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression guard: an unexpected exception in the reader made the whole build fail
    with a traceback; now that document is reported unreadable and the others load."""
    from kg import reading
    from kg.pipeline import Status, build
    from kg.settings import RunSettings

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text(LABELLED_ABOVE, encoding="utf-8")
    (folder / "bad.txt").write_text(WEB_PAGE, encoding="utf-8")
    real = reading.parse  # type: ignore[attr-defined]

    def failing(text: Text, settings: BuildSettings) -> MinutesDoc:
        if text.name == "bad.txt":
            raise RuntimeError("an unforeseen layout")
        return real(text, settings)

    monkeypatch.setattr(reading, "parse", failing)
    report = build([folder], tmp_path / "store", SETTINGS, run=RunSettings(jobs=1))
    status = {o.name: o for o in report.outcomes}
    assert status["good.txt"].status is Status.LOADED
    assert status["bad.txt"].status is Status.UNREADABLE
    assert "an unforeseen layout" in status["bad.txt"].messages[0]
    assert "please report it" in status["bad.txt"].messages[0]
