"""Page numbers and running headers and footers are dropped; text that repeats is not."""

from __future__ import annotations

from kg.ingest.furniture import drop_page_furniture
from kg.ingest.repair import RawLine


def pages(*contents: list[str]) -> list[RawLine]:
    return [
        RawLine(text, page, number)
        for page, lines in enumerate(contents, start=1)
        for number, text in enumerate(lines, start=1)
    ]


def texts(lines: list[RawLine]) -> list[str]:
    return [line.text for line in lines]


def test_page_numbers_in_any_common_form() -> None:
    raw = pages(["a", "b", "Side 1 af 3"], ["c", "2"], ["Page 3 of 3", "d"])
    assert texts(drop_page_furniture(raw)) == ["a", "b", "c", "d"]


def test_running_header_with_changing_date_or_number() -> None:
    header = "Klima- og Miljøudvalget, møde {n}"
    words = ["første", "anden", "tredje", "fjerde"]
    body = ["Udvalget drøftede sagen.", "Godkendt.", "Taget til efterretning.", "Intet."]
    raw = pages(*[[header.format(n=n), body[n - 1], words[n - 1]] for n in range(1, 5)])
    kept = [t for n in range(1, 5) for t in (body[n - 1], words[n - 1])]
    assert texts(drop_page_furniture(raw)) == [header.format(n=1), *kept]  # first one stays


def test_a_running_header_that_repeats_the_title_keeps_the_title() -> None:
    """Regression: the title line on page 1 was dropped with its repeats."""
    title = "Referat af møde i Teknikudvalget"
    raw = pages(*[[title, f"side {n} tekst {'abcd'[n]}", "x" * n] for n in range(4)])
    assert texts(drop_page_furniture(raw))[0] == title
    assert texts(drop_page_furniture(raw)).count(title) == 1


def test_a_heading_that_opens_two_pages_is_kept() -> None:
    raw = pages(["Bilag", "1. Kort"], ["Bilag", "2. Plan"], ["Resumé", "x"], ["Baggrund", "y"])
    assert texts(drop_page_furniture(raw)) == texts(raw)


def test_a_single_page_is_left_alone() -> None:
    raw = pages(["1", "Side 1 af 1"])
    assert drop_page_furniture(raw) == raw


def test_numbers_inside_the_text_are_kept() -> None:
    raw = pages(["Intro", "2023", "slut"], ["Intro 2", "42 husstande", "slut"])
    kept = texts(drop_page_furniture(raw))
    assert "42 husstande" in kept


def test_a_case_line_under_each_items_heading_is_kept() -> None:
    """Regression (found by `kg synth` PDFs): each item page opened with the item's
    heading and its "Sags ID", the shapes repeated on most pages, and the case ids went."""
    cases = ["23.00.00-A00-1-21", "00.01.00-G01-7-19", "82.02.00-P20-3-20", "27.12.00-A00-2-22"]
    raw = pages(
        *[[f"{n}. Punkt {n}", f"Sags ID: {case}", "Tekst."] for n, case in enumerate(cases, 1)]
    )
    kept = texts(drop_page_furniture(raw))
    assert [t for t in kept if t.startswith("Sags ID")] == [f"Sags ID: {c}" for c in cases]
