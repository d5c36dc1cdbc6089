"""The reader on layouts of agenda portals and PDF exports it had not seen, one rule at a
time, on invented documents (no text of a real document): fields in classed spans side by
side, badges after titles, an attendance table with party and remark columns, a case
label before a document number, a breadcrumb and "ordinært møde i" before a committee."""

from __future__ import annotations

from pathlib import Path

from kg.ingest.html import html_lines
from kg.parse import MinutesDoc, parse
from kg.reading import parse_file
from kg.settings import BuildSettings
from tests.textdoc import text_of
from tests.unit.test_layouts_systems import cases, items

SETTINGS = BuildSettings()


def read(body: str, name: str = "doc.txt") -> MinutesDoc:
    return parse(text_of(body, name=name), SETTINGS)


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
    page = tmp_path / "referat.html"
    page.write_text(PORTAL, encoding="utf-8")
    doc = parse_file(page, page.name, SETTINGS)
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
    doc = parse(text_of(PDF_TABLE), SETTINGS)
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
