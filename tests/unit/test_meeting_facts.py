"""A meeting's ordinal and a conference's title, read from item texts whatever their case
(the words each pattern needs are looked for first, in the text lowered)."""

from __future__ import annotations

import pytest

from kg.extract.schedule import meeting_facts
from kg.parse import parse
from kg.settings import BuildSettings
from tests.textdoc import text_of

MINUTES = """
    Referat af møde i Kultur- og Fritidsudvalget
    Mødetidspunkt 12-09-2024 16:00
    Tilstede: Anna Holm og Bo Lund
    1 (Åben) Orientering
    Beslutninger:
    {text}
"""


def facts(text: str) -> list[tuple[str, str, str | None]]:
    doc = parse(text_of(MINUTES.format(text=text), "referat.txt"), BuildSettings())
    return [
        (f.kind, f.value.value, f.day.isoformat() if f.day else None) for f in meeting_facts(doc)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'Udvalgets FJERDE MØDE tirsdag d. 26. september 2017 i form af KONFERENCEN "Fremtidens bibliotek".',
            [("ordinal", "4", "2017-09-26"), ("conference", "Fremtidens bibliotek", "2017-09-26")],
        ),
        ("Det 3. Gang den 4. oktober 2023 blev sagen drøftet.", [("ordinal", "3", "2023-10-04")]),
        (  # the Kelvin sign is a K to case-blind matching, and lowers to a k
            'Den 1. maj 2024 holdt udvalget \u212aonferencen "Åbne data".',
            [("conference", "Åbne data", "2024-05-01")],
        ),
        ("Sagen blev drøftet og taget til efterretning.", []),
    ],
)
def test_ordinals_and_conferences_are_found_whatever_their_case(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert facts(text) == expected
