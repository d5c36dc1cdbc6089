"""The privacy gate: closed items keep only their existence; CPR numbers never survive."""

from __future__ import annotations

import pytest

from kg.extract import apply_privacy, redact_text
from kg.parse import parse
from kg.settings import BuildSettings
from tests.textdoc import text_of

DOC = """
    Referat af møde i Socialudvalget
    Mødetidspunkt 01-02-2024 15:00
    1 (Lukket) Klage over afgørelse
    Sags ID: EMN-2024-00001
    Resumé
    Borgeren med cpr-nr. 010203-1234 klager over afgørelsen.
    Beslutninger:
    Klagen afvises.
    2 (Åben) Orientering
    Resumé
    Henvendelse fra 0102031234 er besvaret.
"""


def test_closed_item_keeps_only_number_and_title() -> None:
    doc, redactions = apply_privacy(parse(text_of(DOC, "s.txt"), BuildSettings()))
    closed = doc.items[0]
    assert closed.title is not None and closed.title.value == "Klage over afgørelse"
    assert closed.sections == () and closed.case_id is None and closed.attachments == ()
    assert ("s.txt", 3, "closed item text") in {
        (r.document, r.span.first, r.kind) for r in redactions
    }


def test_cpr_numbers_are_replaced_and_reported_without_value() -> None:
    doc, redactions = apply_privacy(parse(text_of(DOC, "s.txt"), BuildSettings()))
    summary = doc.items[1].sections[0].text
    assert "0102031234" not in summary.value and "0102031234" not in summary.raw
    assert "[CPR-nummer fjernet]" in summary.value
    cpr = [r for r in redactions if r.kind == "CPR number"]
    assert [(r.document, r.span.first) for r in cpr] == [("s.txt", 11)]
    assert all("1234" not in repr(r) for r in redactions)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("010203-1234", 1),
        ("0102031234", 1),
        ("010203 1234", 1),
        ("EMN-2017-04615", 0),
        ("bilag 1804694", 0),
        ("tlf. 3333 4444", 0),
        ("993399-1234", 0),  # not a date
        ("1010203-12345", 0),  # part of a longer number
    ],
)
def test_cpr_pattern(text: str, count: int) -> None:
    assert redact_text(text)[1] == count
