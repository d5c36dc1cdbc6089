"""What the reader's newer rules must leave alone: texts the rules of
test_layouts_systems.py could misread, each read as before them (a review found each
one; invented documents, no text of a real one)."""

from __future__ import annotations

from kg.ingest.html import html_lines
from kg.parse import MinutesDoc, parse
from kg.settings import BuildSettings
from tests.textdoc import text_of

SETTINGS = BuildSettings()


def read(body: str) -> MinutesDoc:
    return parse(text_of(body, name="doc.txt"), SETTINGS)


def items(doc: MinutesDoc) -> list[tuple[int | None, str, bool | None, str | None]]:
    return [
        (
            i.number.value if i.number else None,
            i.title.value if i.title else "",
            i.public.value if i.public else None,
            i.case_id.value if i.case_id else None,
        )
        for i in doc.items
    ]


HEAD = "Referat\nØkonomiudvalget\nDato: 12-03-2024 kl. 16:00\n\n"
FIRST = "1. Godkendelse af dagsorden\nSagsnr.: 24/1234\n\nBeslutning\nGodkendt.\n\n"
LAST = "3. Salg af grund\nSagsnr.: 24/9999\n\nBeslutning\nGodkendt.\n"
THREE = [
    (1, "Godkendelse af dagsorden", None, "24/1234"),
    (2, "Ændring af takster", None, "24/5678"),
    (3, "Salg af grund", None, "24/9999"),
]


def second(body: str) -> str:
    """A document whose item 2 holds ``body``."""
    return f"{HEAD}{FIRST}2. Ændring af takster\nSagsnr.: 24/5678\n\n{body}\n\n{LAST}"


def test_dates_and_fractions_opening_lines_of_an_item_are_no_minute_numbers() -> None:
    text = second(
        "Sagsfremstilling\nTidsplan:\n14/3 Budgetseminar for byrådet\n15/5 Økonomiudvalgets"
        " 1. behandling\n1/4 Kommunen betaler resten.\n\nBeslutning\nGodkendt."
    )
    assert items(read(text)) == THREE


def test_a_list_in_an_item_numbered_with_a_number_word_or_a_bracket_is_no_items() -> None:
    words = "Sagsfremstilling\nPunkt 1 - Takster hæves med 2 pct.\nPunkt 2 - Takster fastholdes."
    points = "Indstilling\nForvaltningen indstiller, at\n1) Der gives en bevilling.\n"
    points += "2) Beløbet finansieres af kassen.\n3) Projektet igangsættes i 2024."
    assert items(read(second(words))) == THREE
    assert items(read(second(points))) == THREE


def test_an_ordinal_opening_an_ordered_list_item_is_the_title_s_own() -> None:
    page = "<ol><li>Regnskab 2023</li><li>2. behandling af budget 2025</li></ol>"
    assert [line.text for line in html_lines(page) if line.text] == [
        "1. Regnskab 2023",
        "2. 2. behandling af budget 2025",
    ]


def test_words_of_a_title_or_an_item_s_text_that_are_also_marks_mark_nothing() -> None:
    doc = read(
        f"{HEAD}1. Anmodning om aktindsigt i lukket sag\nSagsnr.: 24/1234\n\nBeslutning\n"
        "Imødekommet.\n\n2. Status på svømmehallerne\nSagsnr.: 24/5678\nSydbadet - lukket\n"
        "Nordbadet - åben\n\nBeslutning\nTaget til efterretning.\n"
    )
    assert items(doc) == [
        (1, "Anmodning om aktindsigt i lukket sag", None, "24/1234"),
        (2, "Status på svømmehallerne", None, "24/5678"),
    ]
    for title in ("Questions from the Public", "Exclusion of the Public"):
        english = read(f"Minutes of the meeting of the Cabinet held on 14 May 2024\n\n1. {title}\n")
        assert [(n, t, p) for n, t, p, _ in items(english)] == [(1, title, None)]


def test_abbreviated_titles_in_an_attendance_list_end_no_sentence() -> None:
    doc = read(f"{HEAD}Deltagere: Borgm. Anne Hansen (A), Rådm. Bo Jensen (V), Carl Nielsen\n")
    assert doc.present is not None
    assert [n.value for n in doc.present] == ["Anne Hansen", "Bo Jensen", "Carl Nielsen"]


def test_a_committee_a_title_writes_in_lower_case() -> None:
    doc = read("Referat af mødet i økonomiudvalget den 12. marts 2024 kl. 16:00\n\n" + FIRST)
    assert doc.committee is not None and doc.committee.value == "økonomiudvalget"


def test_a_year_range_under_a_title_is_no_case_id_and_a_date_no_end() -> None:
    doc = read(
        f"{HEAD}{FIRST}2. Budgetforslag\n2025-2028\n\nSagsfremstilling\nLicitationen sluttede "
        "01.03.2024, og der kom tre bud.\n"
    )
    assert items(doc)[1] == (2, "Budgetforslag", None, None)
    assert doc.end is None


def test_a_title_goes_on_with_a_lower_case_label_word_or_a_colon() -> None:
    doc = read(
        f"{HEAD}{FIRST}2. Godkendelse af anlægsbevilling og\nstart af byggeriet på Nordskolen\n"
        "Sagsnr.: 24/5678\n\n3. Ansøgning fra Foreningen\nKunst og Kultur: Tilskud til festival\n"
        "Sagsnr.: 24/9999\n"
    )
    assert [t for _, t, _, _ in items(doc)] == [
        "Godkendelse af dagsorden",
        "Godkendelse af anlægsbevilling og start af byggeriet på Nordskolen",
        "Ansøgning fra Foreningen Kunst og Kultur: Tilskud til festival",
    ]


def test_a_danish_text_quoting_swedish_is_read_as_danish() -> None:
    quote = (
        "Region Skåne har meddelt: »Vi är positiva till att samarbetet fortsätter och att "
        "nämnden för kollektivtrafik också deltar, eller att beslut fattas av styrelsen.«"
    )
    doc = read(f"{second(f'Sagsfremstilling{chr(10)}{quote}')}")
    assert items(doc) == THREE
    assert doc.language == "da"


def test_party_letters_and_danish_short_words_do_not_make_a_text_english() -> None:
    doc = read(
        "Dagsorden\nBy- og Havneudvalget\n12-03-2024\n\nAnne Hansen (A)\nBo Jensen (A)\n"
        "Carl Nielsen (A)\nDorte Ipsen (A)\n\n1. Salg af to grunde ved havnen\n"
        "2. Plan for by og havn\n"
    )
    assert doc.language == "da"


def test_a_list_whose_line_ends_in_a_comma_goes_on_past_a_label() -> None:
    doc = read(
        f"{HEAD}Deltagere: Anne Hansen (A), Bo Jensen (V),\nSuppleant: Dorte Ipsen (O), "
        "Erik Møller (C)\nAfbud: Jens Berg (A)\n\n" + FIRST
    )
    assert doc.present is not None and [n.value for n in doc.present] == [
        "Anne Hansen",
        "Bo Jensen",
        "Dorte Ipsen",
        "Erik Møller",
    ]


def test_a_closed_item_titled_by_its_mark_keeps_it_and_the_next_item_stays() -> None:
    doc = read(f"{HEAD}{FIRST}2. Lukket punkt\n\n{LAST}")
    assert items(doc) == [
        (1, "Godkendelse af dagsorden", None, "24/1234"),
        (2, "Lukket punkt", False, None),
        (3, "Salg af grund", None, "24/9999"),
    ]


def test_abbreviated_first_names_in_a_list_joined_by_and() -> None:
    doc = read(f"{HEAD}Deltagere: Anne Hansen (A), Jens Chr. Hansen (V) og Bo Jensen (O)\n" + FIRST)
    assert doc.present is not None
    assert [n.value for n in doc.present] == ["Anne Hansen", "Jens Chr. Hansen", "Bo Jensen"]


def test_a_member_absent_for_part_of_the_meeting_stays_present() -> None:
    doc = read(
        f"{HEAD}Deltagere: Anne Hansen, Bo Jensen, Carl Madsen\n"
        "Afbud: Carl Madsen (deltog fra kl. 17.30)\n\n" + FIRST
    )
    assert doc.present is not None
    assert [n.value for n in doc.present] == ["Anne Hansen", "Bo Jensen", "Carl Madsen"]


def test_a_floor_is_a_place_and_a_day_month_year_elsewhere_no_meeting_date() -> None:
    doc = read(
        "Referat\nByrådet\nTirsdag den 12. marts 2024 kl. 16.00\n2. sal, Rådhuset\n\n" + FIRST
    )
    assert doc.place is not None and doc.place.value == "2. sal, Rådhuset"
    dated = read(
        "Referat\nByrådet\nBudgetopfølgning pr. 30/9 2023\nTirsdag den 12. marts 2024 kl. 16.00\n\n"
        + FIRST
    )
    assert dated.day is not None and dated.day.value.isoformat() == "2024-03-12"


def test_an_hour_then_an_ordinal_is_no_time_range() -> None:
    doc = read(
        "Referat\nByrådet\nMødedato: 12.03.2024\nMødetid: kl. 16 - 1. sal, mødelokale 3\n\n" + FIRST
    )
    assert doc.end is None


def test_a_danish_agenda_with_an_english_title_and_danish_river_names_is_danish() -> None:
    doc = read(
        "Dagsorden\nByrådet\n12. marts 2024 kl. 17.00\n\n1. Memorandum of Understanding between "
        "the City of Aarhus and the City of Rostock on the exchange of students\n\n"
        "2. Vandløbsregulativ for Skjern Å, Odense Å, Gudenå og Storå ved Holstebro Å\n"
    )
    assert doc.language == "da"
    assert doc.committee is not None and doc.committee.value == "Byrådet"


def test_the_meeting_s_own_start_corrects_a_whole_hour_from_a_time_field() -> None:
    doc = read(
        "Referat\nByrådet\nMødedato: 12. marts 2024 kl. 17\nMødet startede kl. 17.30\n\n" + FIRST
    )
    assert doc.start is not None and doc.start.value.strftime("%H:%M") == "17:30"
