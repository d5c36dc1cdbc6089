"""The reader on layouts of agenda portals and PDF exports it had not seen, one rule at a
time, on invented documents (no text of a real document): fields in classed spans side by
side, badges after titles, an attendance table with party and remark columns, a case
label before a document number, a breadcrumb and "ordinært møde i" before a committee."""

from __future__ import annotations

from pathlib import Path

from kg.ingest.html import html_lines
from kg.parse import MinutesDoc
from kg.reading import parse_file
from kg.settings import BuildSettings
from tests.unit.test_layouts_systems import cases, items, read

SETTINGS = BuildSettings()


def read_file(path: Path, text: str) -> MinutesDoc:
    """``text`` written to ``path`` and read as a file of its kind (cells, HTML)."""
    path.write_text(text, encoding="utf-8")
    return parse_file(path, path.name, SETTINGS)


def test_classed_spans_side_by_side_are_fields_apart_and_plain_inline_text_is_not() -> None:
    head = '<div><span class="no">1</span><span class="t">Budget</span><span class="s">Åben</span>'
    assert [line.text for line in html_lines(head + "</div>")] == ["1 Budget Åben"]
    # the same markup through the library's parser (a comment takes the fast path away)
    assert [line.text for line in html_lines("<!-- x -->" + head + "</div>")] == ["1 Budget Åben"]
    assert [
        line.text for line in html_lines("<p>Bør<span>ne</span>udvalg <b>a</b><i>b</i></p>")
    ] == ["Børneudvalg ab"]


def test_an_ordered_list_whose_number_stands_in_a_field_of_its_own() -> None:
    page = "<ol><li><span>1</span> <span>Budget</span></li><li>7 Udvalg</li></ol>"
    assert [line.text for line in html_lines(page)] == ["1 Budget", "2. 7 Udvalg"]


PORTAL = """<html><body>
<nav>Forside / Politik / Socialudvalget</nav>
<h1>Referat</h1>
<p>Mødedato: 12. september 2024 kl. 16.00</p>
<ol class="items">
<li><div class="head"><span class="no">1</span><span class="title">Godkendelse af dagsorden</span><span class="access">Åben</span></div>
<div class="case">EMN-2024-03311</div><div><h4>Beslutning</h4><p>Godkendt.</p></div></li>
<li><div class="head"><span class="no">2</span><span class="title">Budgetopfølgning for Vorup Enge</span><span class="access">Åben</span></div>
<div class="case">EMN-2024-00982</div><div><h4>Beslutning</h4><p>Taget til efterretning.</p></div></li>
<li><div class="head"><span class="no">3</span><span class="title">Meddelelser</span><span class="access">Åben</span></div></li>
<li><div class="head"><span class="no">4</span><span class="title">Borgersag</span><span class="access">Lukket</span></div></li>
</ol>
</body></html>"""


def test_a_portal_page_with_badges_a_breadcrumb_and_empty_items_at_the_end(tmp_path: Path) -> None:
    doc = read_file(tmp_path / "referat.html", PORTAL)
    assert doc.committee is not None and doc.committee.value == "Socialudvalget"
    assert items(doc) == [
        (1, "Godkendelse af dagsorden", True),
        (2, "Budgetopfølgning for Vorup Enge", True),
        (3, "Meddelelser", True),
        (4, "Borgersag", False),
    ]
    assert cases(doc) == ["EMN-2024-03311", "EMN-2024-00982", None, None]


def test_one_title_ending_in_a_capitalised_mark_word_keeps_it_where_nothing_else_is_marked() -> (
    None
):
    doc = read(
        "Referat\nKulturudvalget\nMødedato: 3. marts 2025\n\n"
        "1. Godkendelse af dagsorden\nSagsnr.: 25/101\n\nBeslutning\nGodkendt.\n\n"
        "2. Skolen Lukket\nSagsnr.: 25/102\n\nBeslutning\nGodkendt.\n"
    )
    assert items(doc) == [(1, "Godkendelse af dagsorden", None), (2, "Skolen Lukket", None)]


PDF_TABLE = """Herning Kommune                                  Referat
Miljøudvalget

Dato: 14-05-2024
Tidspunkt: 14:00

Deltagere

Navn                 Parti   Bemærkning
Anders Kjær Bak      A       Formand
Bent Sølvsten        V       Afbud
Malene Fog           C
Peter Brund          F       Deltog fra punkt 2
Inger Lyngsø         O

Punkt 1: Godkendelse af dagsorden
Sag: 2024-004512          Dok.nr.: 2024-004512-3          Åbent

Beslutning
Godkendt.

Punkt 2: Naturpulje 2024
Sag: 2024-001203          Dok.nr.: 2024-001203-7          Lukket

Beslutning
Godkendt.
"""


def test_an_attendance_table_with_party_and_remark_columns() -> None:
    doc = read(PDF_TABLE)
    assert [n.value for n in doc.present] == [
        "Anders Kjær Bak",
        "Malene Fog",
        "Peter Brund",  # there from item 2: present
        "Inger Lyngsø",
    ]
    assert [n.value for n in doc.absent] == ["Bent Sølvsten"]


def test_a_case_label_before_a_document_number_and_a_mark_ending_the_line() -> None:
    doc = read(PDF_TABLE)
    assert items(doc) == [(1, "Godkendelse af dagsorden", True), (2, "Naturpulje 2024", False)]
    assert cases(doc)[0] == "2024-004512"  # not "2024-004512-3", the document's number


def test_the_words_of_a_meeting_before_the_committee() -> None:
    for title, committee in [
        ("Referat fra ordinært møde i Regionsrådet", "Regionsrådet"),
        ("Ekstraordinært møde i Kommunalbestyrelsen", "Kommunalbestyrelsen"),
    ]:
        doc = read(
            f"{title}\ntirsdag den 24. september 2024 kl. 15.00\n\n1. Budget\n\nBeslutning\nGodkendt.\n"
        )
        assert doc.committee is not None and doc.committee.value == committee, title


def test_an_attendance_table_with_the_status_before_a_remark_and_a_column_pair_head() -> None:
    doc = read(
        "Referat\nKommunalbestyrelsen\nMødedato: 27.02.2025\n\nFremmøde\n"
        "Navn Parti Fremmødt/Afbud Bemærkning\n"
        "Jens Christian Vestergaard A Fremmødt Borgmester\n"
        "Hanne Lykke Sørensen C Afbud\n"
        "Rasmus Egelund C Fremmødt Stedfortræder for Hanne Lykke Sørensen\n"
        "Bo Riisager V X\n\n"
        "1. Budget\n\nBeslutning\nGodkendt.\n"
    )
    assert [n.value for n in doc.present] == [
        "Jens Christian Vestergaard",
        "Rasmus Egelund",
        "Bo Riisager",  # a cross in a column the text lost: the list's own field
    ]
    assert [n.value for n in doc.absent] == ["Hanne Lykke Sørensen"]


def test_a_comma_list_below_members_counts_as_present_beside_afbud_ingen() -> None:
    doc = read(
        "REFERAT\nUdvalg Social- og Sundhedsudvalget\nMødedato Torsdag den 3. april 2025\n\n"
        "Medlemmer\nJette Dalsgaard (A) (formand), Kim Overgaard (V), Susanne Riis Mortensen\n"
        "(A), Leif Brandt (C), Sara El-Khatib\n(Ø)\nAfbud Ingen\n\n"
        "112. Godkendelse af dagsorden\n\nBeslutning\nGodkendt.\n"
    )
    assert [n.value for n in doc.present] == [
        "Jette Dalsgaard",
        "Kim Overgaard",
        "Susanne Riis Mortensen",
        "Leif Brandt",
        "Sara El-Khatib",
    ]
    assert doc.absent == ()


def test_staff_who_also_took_part_end_the_list_of_the_absent() -> None:
    doc = read(
        "Referat\nTeknik- og Miljøudvalget\nMødedato Tirsdag den 14. januar 2025\n"
        "Deltagere Henrik Bjerregaard (V), formand\nMette Kjærsgaard (A), næstformand\n"
        "Fraværende Anders Holm Pedersen (A)\nDesuden deltog Teknisk direktør Lone Brask\n"
        "Vejchef Jørn Mikkelsen\n\n1. Budget\n\nBeslutning\nGodkendt.\n"
    )
    assert [n.value for n in doc.absent] == ["Anders Holm Pedersen"]


def test_the_time_and_place_on_a_line_that_repeats_the_date_of_a_running_header() -> None:
    for line, place in [
        (
            "Møde den 15-05-2025 kl. 08:30 - Mødelokale Skoven, Stensig Rådhus",
            "Mødelokale Skoven, Stensig Rådhus",
        ),
        (
            "Ekstraordinært møde i Byrådet torsdag den 15. maj 2025 kl. 08.30 i Byrådssalen, Stensig Rådhus.",
            "Byrådssalen, Stensig Rådhus",
        ),
        (
            "Mødet afholdes torsdag den 15. maj 2025 kl. 8.30 i Salen, Rådhuset i Stensig.",
            "Salen, Rådhuset i Stensig",
        ),
    ]:
        doc = read(
            f"Stensig Kommune - Byrådet - 15.05.2025\n\nReferat\nByrådet\n\n{line}\n\n"
            "1. Budget\n\nBeslutning\nGodkendt.\n"
        )
        assert doc.start is not None and doc.start.value.strftime("%H:%M") == "08:30", line
        assert doc.place is not None and doc.place.value == place, line


def test_a_mark_inside_a_wrapped_title_and_a_classification_case_id_after_sag() -> None:
    doc = read(
        "Dagsorden\nBørne- og Ungeudvalget\nonsdag den 5. marts 2025\n\n"
        "49. Ny tildelingsmodel for specialundervisning i Åben sag folkeskolen\n"
        "Sag: 17.02.00-G01-7-24\n\nSagsfremstilling\nTekst.\n\n"
        "50. Takster for dagtilbud Åben sag\nSag: 28.09.00-S55-1-25\n\nSagsfremstilling\nTekst.\n"
    )
    assert items(doc) == [
        (49, "Ny tildelingsmodel for specialundervisning i folkeskolen", True),
        (50, "Takster for dagtilbud", True),
    ]
    assert cases(doc) == ["17.02.00-G01-7-24", "28.09.00-S55-1-25"]


def test_the_municipality_before_a_committee_in_a_running_header() -> None:
    doc = read(
        "Skovbjerg Kommune - Børne- og Ungeudvalget - Dagsorden 05.03.2025\n\n"
        "1. Budget\n\nSagsfremstilling\nTekst.\n"
    )
    assert doc.committee is not None and doc.committee.value == "Børne- og Ungeudvalget"


def test_an_attendance_table_whose_cells_tabs_set_apart(tmp_path: Path) -> None:
    doc = read_file(
        tmp_path / "protokol.txt",
        "BESLUTNINGSPROTOKOL\nFælles Naturparkudvalg\n\nDato:\t12. november 2024\n"
        "Tid:\tKl. 9.30 – 12.00\n\nDeltagere\nNavn\tKommune\tFunktion\tFremmøde\n"
        "Anne-Mette Juhl\tRavnsholm\tFormand\tTil stede\n"
        "Helle Skytte\tRavnsholm\tMedlem\tAfbud\n"
        "Otto Kjærgaard\tRavnsholm\tStedfortræder for Helle Skytte\tTil stede\n\n"
        "Ad 1. Godkendelse af dagsorden\nJ.nr.: 01.05.15-A00-1-24\nBeslutning:\nGodkendt.\n\n"
        "Ad 2. Naturparkplan 2025-2029\nJ.nr.: 01.05.15-P20-3-24\nBeslutning:\nGodkendt.\n\n"
        "Mødet sluttede kl. 11.45.\n",
    )
    assert [n.value for n in doc.present] == ["Anne-Mette Juhl", "Otto Kjærgaard"]
    assert [n.value for n in doc.absent] == ["Helle Skytte"]
    assert items(doc) == [
        (1, "Godkendelse af dagsorden", None),
        (2, "Naturparkplan 2025-2029", None),
    ]
    # what happened over what was planned
    assert doc.end is not None and doc.end.value.strftime("%H:%M") == "11:45"


def test_an_html_attendance_table_with_crosses_under_present_and_absent(tmp_path: Path) -> None:
    doc = read_file(
        tmp_path / "referat.html",
        "<h1>Referat</h1><p>Miljøudvalget</p><p>Dato: 15. maj 2025 kl. 8.30</p>"
        "<p>Deltagere</p><table><tr><th>Navn</th><th>Parti</th><th>Fremmødt</th><th>Afbud</th></tr>"
        "<tr><td>Bo Riisager</td><td>V</td><td>X</td><td></td></tr>"
        "<tr><td>Frederik Houmann</td><td>F</td><td></td><td>X</td></tr></table>"
        "<h2>1. Budget</h2><h3>Beslutning</h3><p>Godkendt.</p>",
    )
    assert [n.value for n in doc.present] == ["Bo Riisager"]
    assert [n.value for n in doc.absent] == ["Frederik Houmann"]


def test_a_reference_to_an_item_with_what_was_decided_is_no_heading() -> None:
    doc = read(
        "Referat\nHandicaprådet\nDato: 14. januar 2025\n\nDagsorden\n"
        "1) Velkommen og godkendelse af dagsorden\n2) Meddelelser\n\nReferat\n"
        "Ad 1) Per Ry bød velkommen. Dagsordenen blev godkendt.\nAd 2) Ingen bemærkninger.\n"
    )
    assert all(
        title != "Per Ry bød velkommen. Dagsordenen blev godkendt" for _, title, _ in items(doc)
    )


def test_punkt_nr_headings_a_document_number_and_a_case_id_beside_the_number() -> None:
    doc = read(
        "Referat\nKlima- og Forsyningsudvalget\nDato: 2025-03-04\n\n"
        "Punkt nr. 45 - Godkendelse af dagsorden\nDok. nr. 2025-004512\nBeslutning\nGodkendt.\n\n"
        "Punkt nr. 46 - Klimahandleplan 2025 - status\nSagsID: 1169930\nBeslutning\nGodkendt.\n"
    )
    assert items(doc) == [
        (45, "Godkendelse af dagsorden", None),
        (46, "Klimahandleplan 2025 - status", None),
    ]
    assert cases(doc) == [None, "1169930"]
    doc = read(
        "BESLUTNINGSPROTOKOL\nTeknik- og Miljøudvalget\nMøde den 4. marts 2025\n\n"
        "Sag nr. 14                                     J.nr. 05.01.10-G00-3-25\n\n"
        "Vintertjeneste - status\n\nSagsfremstilling:\nTekst.\n\n"
        "Sag nr. 15                                     J.nr. 13.02.00-S55-1-25\n\n"
        "Takstblad for vand 2025\n\nSagsfremstilling:\nTekst.\n"
    )
    assert items(doc) == [
        (14, "Vintertjeneste - status", None),
        (15, "Takstblad for vand 2025", None),
    ]
    assert cases(doc) == ["05.01.10-G00-3-25", "13.02.00-S55-1-25"]


def test_a_search_form_is_no_committee() -> None:
    doc = read(
        "Hasselund Kommune - Dagsordener og referater\n"
        "Udvalg: Alle udvalg    Periode: 2025    Søg\n\n"
        "Kultur- og Fritidsudvalget\nDagsorden\n\nDato: 10. marts 2025\n\n"
        "1. Godkendelse af dagsorden\n\nIndstilling\nGodkendes.\n"
    )
    assert doc.committee is not None and doc.committee.value == "Kultur- og Fritidsudvalget"


def test_a_transcript_run_into_one_line_with_its_attendance_table_and_items() -> None:
    doc = read(
        "Bøgelund Kommune Referat Kommunalbestyrelsen Dato og tid: 28. januar 2025 kl. 19:00 "
        "- 21:40 Sted: Byrådssalen, Rådhuset Deltagere Navn Parti Status Karen Vestergaard A "
        "Til stede (borgmester) Hanne Fjord A Afbud Mikkel Steen A Til stede - stedfortræder "
        "for Hanne Fjord Lise-Lotte Agger SF Til stede Niels Ove Dam V Til stede fra pkt. 3 "
        "1. Godkendelse af dagsorden Åben sag Sagsnr.: 25/000412 Beslutning Godkendt. "
        "2. Meddelelser fra borgmesteren Åben sag Sagsnr.: 25/000413 Beslutning Taget til "
        "efterretning. 3. Anlægsbevilling til renovering af svømmehallen Åben sag Sagsnr.: "
        "24/018877 Beslutning Godkendt. Niels Ove Dam (V) deltog fra dette punkt."
    )
    assert doc.committee is not None and doc.committee.value == "Kommunalbestyrelsen"
    assert [n.value for n in doc.present] == [
        "Karen Vestergaard",
        "Mikkel Steen",
        "Lise-Lotte Agger",
        "Niels Ove Dam",
    ]
    assert [n.value for n in doc.absent] == ["Hanne Fjord"]
    assert items(doc) == [
        (1, "Godkendelse af dagsorden", True),
        (2, "Meddelelser fra borgmesteren", True),
        (3, "Anlægsbevilling til renovering af svømmehallen", True),
    ]
    assert cases(doc) == ["25/000412", "25/000413", "24/018877"]


def test_a_transcript_with_short_run_together_items_glued_page_numbers_and_footers() -> None:
    doc = read(
        "1Mølleby Kommune\nByrådet\nReferat\nMødedato: Mandag den 27. januar 2025\n"
        "Byrådet 27-01-2025 Side 1 af 3\n2Indholdsfortegnelse\nÅben dagsorden\n"
        "1. Godkendelse af dagsorden......................3\n"
        "2. Spørgetid for borgerne........................3\n"
        "Lukket dagsorden\n3. Personalesag.................................3\n"
        "Byrådet 27-01-2025 Side 2 af 3\n3Byrådet 27-01-2025\n"
        "1. Godkendelse af dagsorden Sagsnr.: 00.01.00-A00-1-25 Beslutning Godkendt.\n"
        "2. Spørgetid for borgerne Sagsnr.: 00.01.00-A00-2-25 Beslutning Ingen spørgsmål.\n"
        "3. Personalesag Lukket punkt Sagsnr.: 81.00.00-G00-2-25 Beslutning Godkendt.\n"
        "Byrådet 27-01-2025 Side 3 af 3\n"
    )
    assert items(doc) == [
        (1, "Godkendelse af dagsorden", True),
        (2, "Spørgetid for borgerne", True),
        (3, "Personalesag", False),
    ]
    assert cases(doc)[:2] == ["00.01.00-A00-1-25", "00.01.00-A00-2-25"]


def test_the_body_in_one_cell_of_a_header_row_and_a_preposition_before_it(
    tmp_path: Path,
) -> None:
    doc = read_file(
        tmp_path / "dagsorden.txt",
        "REGION MIDTJYLLAND                                           Regionsrådet\n\n"
        "Dagsorden\n\ntil mødet i Regionsrådet onsdag den 23. april 2025 kl. 13.00\n\n"
        "1. Godkendelse af dagsorden\n\nSagsfremstilling\nTekst.\n",
    )
    assert doc.committee is not None and doc.committee.value == "Regionsrådet"
    doc = read(
        "DAGSORDEN\nfor Kommunalbestyrelsens møde torsdag den 28. november 2024 kl. 19.00\n\n"
        "1. Godkendelse af dagsorden\n\nSagsfremstilling\nTekst.\n"
    )
    assert doc.committee is not None and doc.committee.value == "Kommunalbestyrelsen"


def test_a_mark_below_the_last_contents_entry_is_that_entrys_alone() -> None:
    doc = read(
        "Referat\nØkonomiudvalget\nMødedato: tirsdag den 4. marts 2025\n\nIndhold\n"
        "Punkt 112: Godkendelse af dagsorden\nPunkt 117: Meddelelser\n"
        "Punkt 118: Salg af ejendom\n   Lukket punkt\n\n\n"
        "Punkt 112: Godkendelse af dagsorden\nSagsnr.: 00.01.00-A00-1-25\n\nBeslutning\nGodkendt.\n\n"
        "Punkt 117: Meddelelser\nSagsnr.: 00.01.00-A00-1-25\n\nBeslutning\nIngen.\n\n"
        "Punkt 118: Salg af ejendom\nLukket punkt\n\nBeslutning\nGodkendt.\n"
    )
    assert items(doc) == [
        (112, "Godkendelse af dagsorden", None),
        (117, "Meddelelser", None),
        (118, "Salg af ejendom", False),
    ]


def test_british_minutes_numbered_year_first_in_parts_open_and_exempt() -> None:
    doc = read(
        "ASHCOMBE BOROUGH COUNCIL\n\nPLANNING COMMITTEE\n\n"
        "MINUTES of the meeting held on Tuesday, 4 March 2025 at 7.00 pm in the Council Chamber\n\n"
        "PART I - ITEMS CONSIDERED IN PUBLIC\n\n24/86   APOLOGIES\n\nNone were received.\n\n"
        "24/87   12 HARCOURT CRESCENT, ASHCOMBE\n\nApplication No: 24/01355/HOU\n\n"
        "RESOLVED: That permission be granted.\n\n"
        "PART II - EXEMPT ITEMS\n\n24/88   ENFORCEMENT - UNIT 7\n\nRESOLVED: That action be taken.\n"
    )
    assert items(doc) == [
        (86, "APOLOGIES", True),
        (87, "12 HARCOURT CRESCENT, ASHCOMBE", True),
        (88, "ENFORCEMENT - UNIT 7", False),
    ]
    assert doc.place is not None and doc.place.value == "Council Chamber"


def test_closed_items_below_their_group_heading() -> None:
    doc = read(
        "Referat\nByrådet\nMødedato: 27. januar 2025\n\n"
        "1. Godkendelse af dagsorden\n\nBeslutning\nGodkendt.\n\nLukkede punkter\n\n"
        "2. Køb af jord\n\nBeslutning\nGodkendt.\n\n3. Personalesag\n\nBeslutning\nGodkendt.\n"
    )
    assert items(doc) == [
        (1, "Godkendelse af dagsorden", None),
        (2, "Køb af jord", False),
        (3, "Personalesag", False),
    ]


def test_a_case_label_ending_the_heading_line_and_the_absent_below_their_label() -> None:
    doc = read(
        "Randers Kommune\n\nBeslutningsprotokol for Randers Byråds møde mandag den 23. juni 2025 "
        "kl. 17.00 i Byrådssalen, Rådhuset\n\nTil stede:\nTorben Mølgaard (A), Mette Kruse (C), "
        "Jens Ole Mikkelsen (V).\nFraværende:\nKaren Lykke Sand (V). Stedfortræder Jens Ole "
        "Mikkelsen (V) var indkaldt og deltog i hele mødet.\n\n"
        "112. Godkendelse af dagsorden Sagsnr. 00.22.04-A00-1-25\n\nBeslutning\nGodkendt.\n\n"
        "113. Meddelelser Sagsnr. 00.01.00-A00-7-25\n\nBeslutning\nTaget til efterretning.\n"
    )
    assert doc.committee is not None and doc.committee.value == "Randers Byråd"
    assert [n.value for n in doc.absent] == ["Karen Lykke Sand"]
    assert items(doc) == [(112, "Godkendelse af dagsorden", None), (113, "Meddelelser", None)]
    assert cases(doc) == ["00.22.04-A00-1-25", "00.01.00-A00-7-25"]


def test_items_numbered_with_a_dash_or_a_slash_and_labels_with_inner_punctuation() -> None:
    doc = read(
        "Dagsorden\nMiljø- og Teknikudvalget\nDato: 5. marts 2025\n\n"
        "1/ Godkendelse af dagsorden – Åbent punkt\n\nAcadre-nr.: 24/4102\n\nSagsfremstilling\nTekst.\n\n"
        "2/ Meddelelser – Åbent punkt\n\nAcadre-nr.: 24/4103\n\nSagsfremstilling\nTekst.\n"
    )
    assert items(doc) == [(1, "Godkendelse af dagsorden", True), (2, "Meddelelser", True)]
    assert cases(doc) == ["24/4102", "24/4103"]
    doc = read(
        "Referat\nKulturudvalget\nDato: 5. marts 2025\n\n"
        "1 - Godkendelse af dagsorden\n     Dok./sagsnr.: 00.01.00-A00-21-24\n\nBeslutning\nGodkendt.\n\n"
        "2 - Meddelelser\n     Dok./sagsnr.: 20.00.00-Ø00-3-24\n\nBeslutning\nGodkendt.\n"
    )
    assert items(doc) == [(1, "Godkendelse af dagsorden", None), (2, "Meddelelser", None)]
    assert cases(doc) == ["00.01.00-A00-21-24", "20.00.00-Ø00-3-24"]


def test_an_html_table_of_items_with_status_and_case_columns(tmp_path: Path) -> None:
    rows = "".join(
        f"<tr><td>{n}</td><td><a href='#p{n}'>{title}</a></td>"
        f"<td><span class='label'>{mark}</span></td><td>{case}</td></tr>"
        for n, title, mark, case in [
            (1, "Godkendelse af dagsorden", "Åben", "2024-000311"),
            (2, "Meddelelser", "Åben", "2024-000312"),
            (3, "Salg af ejendom", "Lukket", "2024-004117"),
        ]
    )
    doc = read_file(
        tmp_path / "dagsorden.html",
        "<h1>Dagsorden – Kommunalbestyrelsen mandag 24. juni 2024 kl. 18:00</h1>"
        "<h2>Punkter på dagsordenen</h2><table><tr><th>Nr.</th><th>Titel</th><th>Status</th>"
        f"<th>Sagsnr.</th></tr>{rows}</table>"
        "<h3>1. Godkendelse af dagsorden</h3><h4>Indstilling</h4><p>Godkendes.</p>",
    )
    assert items(doc) == [
        (1, "Godkendelse af dagsorden", True),
        (2, "Meddelelser", True),
        (3, "Salg af ejendom", False),
    ]
    assert cases(doc) == ["2024-000311", "2024-000312", "2024-004117"]


def test_a_place_that_wraps_onto_the_next_line_after_a_comma() -> None:
    doc = read(
        "PLANNING COMMITTEE\n\nMINUTES of the meeting of the Planning Committee held on\n"
        "Tuesday, 4 March 2025 at 7.00 pm in the Council Chamber, Civic Offices,\n"
        "Wharf Road, Ashcombe\n\n24/86   APOLOGIES\n\nNone.\n\n24/87   MINUTES\n\nApproved.\n"
    )
    assert doc.place is not None
    assert doc.place.value == "Council Chamber, Civic Offices, Wharf Road, Ashcombe"


def test_all_members_but_one_in_prose_and_the_end_under_its_own_label() -> None:
    doc = read(
        "Referat\nKlima- og Miljøudvalget\n\nMødedato\n11-06-2024\nMødetid\n08:00\n"
        "Mødet sluttet\n10:25\n\nAlle medlemmer var mødt undtagen Bent Frandsen (V), for hvem "
        "stedfortræder Ole Bak (V) mødte.\n\n1. Budget\n\nBeslutning\nGodkendt.\n"
    )
    assert [n.value for n in doc.absent] == ["Bent Frandsen"]
    assert doc.end is not None and doc.end.value.strftime("%H:%M") == "10:25"


def test_a_title_that_opens_with_the_kind_of_matter_and_a_colon() -> None:
    doc = read(
        "REFERAT\nÆldrerådet\nden 11. februar 2025 kl. 9.30\n\nDagsorden:\n"
        "1) Godkendelse af dagsorden\n2) Høring: Forslag til takster for madservice 2025\n"
        "3) Eventuelt\n\nAd 1)\nGodkendt.\n\nAd 2)\nIngen bemærkninger.\n\nAd 3)\nIntet.\n"
    )
    assert [title for _, title, _ in items(doc)] == [
        "Godkendelse af dagsorden",
        "Høring: Forslag til takster for madservice 2025",
        "Eventuelt",
    ]


def test_a_mark_before_the_title_a_badge_after_a_marked_item_and_a_title_wrapping_in_lower_case() -> (
    None
):
    doc = read(
        "Referat\nUdvalget for Klima\nDato: 5. marts 2025\n\n"
        "Punkt 1 Åben sag Klimahandlingsplan 2025 - status\nSag: 24-019932\n\nBeslutning\nGodkendt.\n\n"
        "Punkt 2 Lukket punkt: Personsag\nSag: 24-019933\n\nBeslutning\nGodkendt.\n\n"
        "Punkt 3 Lokalplan 742 for boliger ved Søndre Ringvej, endelig\nvedtagelse\n"
        "Sag: 24-018834\n\nBeslutning\nGodkendt.\n"
    )
    assert items(doc) == [
        (1, "Klimahandlingsplan 2025 - status", True),
        (2, "Lukket punkt: Personsag", False),  # a prefix with its colon stays, as written
        (3, "Lokalplan 742 for boliger ved Søndre Ringvej, endelig vedtagelse", None),
    ]


def test_a_portal_list_whose_number_title_and_badge_are_blocks_of_their_own(tmp_path: Path) -> None:
    doc = read_file(
        tmp_path / "referat.html",
        "<h1>Referat</h1><p>Økonomiudvalget</p><p>Tirsdag den 19. marts 2024</p>"
        "<ol class='agenda-items'>"
        + "".join(
            f"<li><div class='item-head'><span class='item-number'>{n}.</span> "
            f"<h2 class='item-title'>{title}</h2> <span class='badge'>{mark}</span></div>"
            f"<section><h3>Beslutning</h3><p>Godkendt.</p></section></li>"
            for n, title, mark in [
                (1, "Godkendelse af dagsorden", "Åben"),
                (2, "Salg af grund", "Lukket"),
            ]
        )
        + "</ol>",
    )
    assert items(doc) == [(1, "Godkendelse af dagsorden", True), (2, "Salg af grund", False)]


def test_a_table_of_items_without_a_page_column_is_a_contents_list(
    tmp_path: Path,
) -> None:
    doc = read_file(
        tmp_path / "dagsorden.html",
        "<h1>Dagsorden</h1><p>Kommunalbestyrelsen onsdag den 25. september 2024 kl. 18.30</p>"
        "<table><tr><th>Nr.</th><th>Titel</th><th>J.nr.</th><th>Status</th></tr>"
        "<tr><td>201</td><td>Godkendelse af dagsorden</td><td>24/00117</td><td>Åben</td></tr>"
        "<tr><td>202</td><td>Meddelelser</td><td>24/00118</td><td>Åben</td></tr>"
        "<tr><td>203</td><td>Personalesag</td><td>-</td><td>Lukket</td></tr></table>"
        "<h2>201. Godkendelse af dagsorden</h2><p>J.nr. 24/00117 – Åben sag</p>"
        "<h3>Indstilling</h3><p>Godkendes.</p>",
    )
    assert items(doc) == [
        (201, "Godkendelse af dagsorden", True),
        (202, "Meddelelser", True),
        (203, "Personalesag", False),
    ]
    assert cases(doc)[:2] == ["24/00117", "24/00118"]


def test_a_transcript_whose_pages_each_run_together_cuts_its_items_across_pages() -> None:
    doc = read(
        "Transkript\n\n1 SKIVE KOMMUNE Referat af mødet i Børne- og Familieudvalget den 5. februar "
        "2024 kl. 15.00 Mødested: Rådhuset, mødelokale 3 Fraværende: Birthe Lund\n\n"
        "2 Børne- og Familieudvalget 5. februar 2024 14. Godkendelse af dagsorden Åbent punkt "
        "Sags-ID: 00.01.00-A00-2-24 Beslutning Godkendt. 15. Orientering om tilsyn Åbent punkt "
        "Sags-ID: 28.09.08-G01-1-24 Beslutning Taget til efterretning.\n\n"
        "3 Børne- og Familieudvalget 5. februar 2024 16. Budgetopfølgning Åbent punkt Sags-ID: "
        "00.30.14-S00-3-24 Beslutning Anbefales over for Økonomiudvalget og byrådet i sin helhed.\n"
    )
    assert items(doc) == [
        (14, "Godkendelse af dagsorden", True),
        (15, "Orientering om tilsyn", True),
        (16, "Budgetopfølgning", True),
    ]


def test_a_member_marked_absent_in_brackets_and_a_further_field_on_the_lists_line() -> None:
    doc = read(
        "ÆRØ KOMMUNE\n\nØkonomiudvalget\nReferat af ordinært møde tirsdag 3/9-2024 kl. 9.00\n\n"
        "Deltagere:\nJens Erik Rasmussen, formand\nLis Hyldgaard Nørby\nKim Hansen (afbud)\n"
        "Pernille Grønbæk, stedfortræder for Kim Hansen\n\n1) Budget\n\nBeslutning\nGodkendt.\n"
    )
    assert [n.value for n in doc.present] == [
        "Jens Erik Rasmussen",
        "Lis Hyldgaard Nørby",
        "Pernille Grønbæk",
    ]
    assert [n.value for n in doc.absent] == ["Kim Hansen"]
    doc = read(
        "Referat\nBørne- og Familieudvalget\nden 5. februar 2024 kl. 15.00\n"
        "Fraværende: Birthe Lund Stedfortræder: Ingen\n\n1. Budget\n\nBeslutning\nGodkendt.\n"
    )
    assert [n.value for n in doc.absent] == ["Birthe Lund"]


def test_guards_a_sentence_that_names_a_closed_meeting_is_no_group_heading() -> None:
    doc = read(
        "Referat\nKulturudvalget\nDato: 5. marts 2025\n\n"
        "1. Godkendelse af dagsorden\n\nBeslutning\nGodkendt.\n\n"
        "2. Mødeplan for 2026\n\nBeslutning\nGodkendt.\nLukket møde om budgettet holdes den 3. april.\n\n"
        "3. Budgetopfølgning\n\nBeslutning\nTaget til efterretning.\n"
    )
    assert [public for _, _, public in items(doc)] == [None, None, None]


def test_guards_a_title_ending_in_a_capitalised_word_where_items_are_marked_otherwise() -> None:
    doc = read(
        "Referat\nKulturudvalget\nDato: 5. marts 2025\n\n"
        "1. Godkendelse af dagsorden\nÅben\n\nBeslutning\nGodkendt.\n\n"
        "2. Kunstværket Lukket\n\nBeslutning\nUdstillingen forlænges.\n\n"
        "3. Eventuelt\nÅben\n\nBeslutning\nIntet.\n"
    )
    assert items(doc)[1] == (2, "Kunstværket Lukket", None)


def test_guards_a_numbered_list_in_a_long_paragraph_and_a_sentence_after_the_date() -> None:
    phases = (
        "Projektet gennemføres i fire faser: 1. Forundersøgelse af kapaciteten på skolerne i "
        "hele kommunen 2. Projektering med rådgiver og skolebestyrelser 3. Udbud af "
        "entreprisen i fagentrepriser 4. Udførelse over to skoleår med start i sommeren 2026."
    )
    doc = read(
        "Referat\nBørne- og Skoleudvalget\n"
        "Mødet den 12. marts 2025 kl. 16.00 i henhold til ny plan for rådhuset\n\n"
        f"1. Godkendelse af dagsorden\n\nBeslutning\nGodkendt.\n\n2. Skoleudbygning\n\n"
        f"Sagsfremstilling\n{phases}\n\n3. Eventuelt\n\nBeslutning\nIntet.\n"
    )
    assert [title for _, title, _ in items(doc)] == [
        "Godkendelse af dagsorden",
        "Skoleudbygning",
        "Eventuelt",
    ]
    assert doc.place is None
