"""Repair of extraction artefacts: each rule, with the source lines each output line spans."""

from __future__ import annotations

import pytest

from kg.ingest.repair import HeadingSet, RawLine, clean_text, heading_pattern, repair

Span = tuple[str, int, int]


def _repair(*texts: str) -> list[Span]:
    """Repair lines of one page numbered from 1; (text, first, last) of each output line."""
    lines = repair(RawLine(text, 1, number) for number, text in enumerate(texts, 1))
    return [(line.text, line.first, line.last) for line in lines]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Tekst med mellemrum  ", "Tekst med mellemrum"),
        ("   Resumé", "Resumé"),
        ("a\u00a0b\u2009c\u202fd\u3000e", "a b c d e"),
        ("a  \t  b", "a b"),
        ("1 (Åben) Eventuelt\t6", "1 (Åben) Eventuelt 6"),
        ("4.  Udforskning", "4. Udforskning"),
        ("”Vi skaber” og „nyt“", '"Vi skaber" og "nyt"'),
        ("det’s ‘citat’", "det's 'citat'"),
        ("ﬁnansiering og ﬂow", "finansiering og flow"),
        ("a\x07b\x9dc", "abc"),
        ("a\x0bb\x0cc", "a b c"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("kom\u00admu\u00adnen", "kommunen"),
        ("Resume\u0301", "Resumé"),
        ("a – b — c", "a – b — c"),
        ("–5 grader", "–5 grader"),
    ],
)
def test_characters_are_normalised(raw: str, expected: str) -> None:
    assert _repair(raw) == [(expected, 1, 1)]


@pytest.mark.parametrize(
    "raw",
    [
        "• Punkt",
        "◦ Punkt",
        "▪ Punkt",
        "● Punkt",
        "· Punkt",
        "– Punkt",
        "— Punkt",
        "\uf0b7 Punkt",
        "\uf0a7\tPunkt",
        "•Punkt",
        "  •   Punkt",
        "- Punkt",
    ],
)
def test_bullets_become_dash(raw: str) -> None:
    assert _repair(raw) == [("- Punkt", 1, 1)]


def test_clean_text_is_the_per_line_normalisation() -> None:
    assert clean_text("  •\u00a0“Vi skaber”\tmetoder  ") == '- "Vi skaber" metoder'


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["kommu-", "nen er ny"], [("kommunen er ny", 1, 2)]),
        (["social-", "og sundhed"], [("social- og sundhed", 1, 2)]),
        (["børne-", "eller ungeområdet"], [("børne- eller ungeområdet", 1, 2)]),
        (["health-", "and care"], [("health- and care", 1, 2)]),
        (["Andreas Boysen-", "Kleist deltog"], [("Andreas Boysen-Kleist deltog", 1, 2)]),
        (["nye IT-", "systemer"], [("nye IT-systemer", 1, 2)]),
        (["send en e-", "mail"], [("send en e-mail", 1, 2)]),
        (["kommu\u00ad", "nen"], [("kommunen", 1, 2)]),
        (["kommu-", "", "nen"], [("kommunen", 1, 3)]),
        (["3-", "5 projekter"], [("3-", 1, 1), ("5 projekter", 2, 2)]),
        (["a -", "b"], [("a - b", 1, 2)]),
        (["Boysen-", "", "Kleist"], [("Boysen-", 1, 1), ("", 2, 2), ("Kleist", 3, 3)]),
    ],
)
def test_hyphenated_words_are_joined(raw: list[str], expected: list[Span]) -> None:
    assert _repair(*raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # next line starts lower-case
        (["Vi skaber metoder og", "viden"], [("Vi skaber metoder og viden", 1, 2)]),
        (["kl. 19.00 ca.", "med pause"], [("kl. 19.00 ca. med pause", 1, 2)]),
        # ... across one blank line, when the line does not end a sentence
        (
            ['formål "Vi skaber metoder og ', "", 'viden, mens vi arbejder"'],
            [('formål "Vi skaber metoder og viden, mens vi arbejder"', 1, 3)],
        ),
        (
            ["Det er slut.", "", "og så videre"],
            [("Det er slut.", 1, 1), ("", 2, 2), ("og så videre", 3, 3)],
        ),
        (["Det er slut:", "", "og så"], [("Det er slut:", 1, 1), ("", 2, 2), ("og så", 3, 3)]),
        (["metoder og", "", "", "viden"], [("metoder og", 1, 1), ("", 2, 3), ("viden", 4, 4)]),
        # trailing whitespace, next line directly after
        (
            ["i samarbejde med ", "Opgaveudvalget for digitalisering og teknologi."],
            [("i samarbejde med Opgaveudvalget for digitalisering og teknologi.", 1, 2)],
        ),
        (
            ["teknologi. ", "Konferencen har overordnet to formål:"],
            [("teknologi.", 1, 1), ("Konferencen har overordnet to formål:", 2, 2)],
        ),
        (
            ["i samarbejde med ", "", "Opgaveudvalget for digitalisering."],
            [("i samarbejde med", 1, 1), ("", 2, 2), ("Opgaveudvalget for digitalisering.", 3, 3)],
        ),
        (
            ["Gry Ravn", "Innovationschef i Gentofte."],
            [("Gry Ravn", 1, 1), ("Innovationschef i Gentofte.", 2, 2)],
        ),
        # a comma at the end, next line directly after
        (
            ["Tim Frank Andersen,", "Digitaliseringsdirektør Charlie Tango."],
            [("Tim Frank Andersen, Digitaliseringsdirektør Charlie Tango.", 1, 2)],
        ),
        (
            ["særligt ældre,", "", "Udfordringer relateret til ledighed,"],
            [("særligt ældre,", 1, 1), ("", 2, 2), ("Udfordringer relateret til ledighed,", 3, 3)],
        ),
        (["Mødelokale G, ", "Gentofte Rådhus. "], [("Mødelokale G, Gentofte Rådhus.", 1, 2)]),
        # chains of joins
        (
            ["• Fremsætte forslag til ", "model, der sikrer ", "at innovation forankres."],
            [("- Fremsætte forslag til model, der sikrer at innovation forankres.", 1, 3)],
        ),
        (["•", "Punkt alene"], [("- Punkt alene", 1, 2)]),
    ],
)
def test_broken_sentences_are_joined(raw: list[str], expected: list[Span]) -> None:
    assert _repair(*raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["følgende projekter: ", "- Sundhedsdata "], ["følgende projekter:", "- Sundhedsdata"]),
        (["tre projekter ", "- Sundhedsdata"], ["tre projekter", "- Sundhedsdata"]),
        (["udvikling og ", "2. dels at afprøve"], ["udvikling og", "2. dels at afprøve"]),
        (["udvikling og ", "2) dels at afprøve"], ["udvikling og", "2) dels at afprøve"]),
        (["udvikling og ", "• dels at afprøve"], ["udvikling og", "- dels at afprøve"]),
        (["regi ", "-skole og gymnasier"], ["regi", "-skole og gymnasier"]),
        (["arbejdsgrupper ", "Borgere i udkanten:"], ["arbejdsgrupper", "Borgere i udkanten:"]),
        (["arbejdsgrupper,", "Sundhedsdata"], ["arbejdsgrupper,", "Sundhedsdata"]),
    ],
)
def test_lists_and_heading_like_lines_are_not_joined(raw: list[str], expected: list[str]) -> None:
    assert [text for text, _, _ in _repair(*raw)] == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["Resumé", "opgaveudvalget skal"], ["Resumé", "opgaveudvalget skal"]),
        ([" Resumé ", "Opgaveudvalget skal"], ["Resumé", "Opgaveudvalget skal"]),
        (["Der blev peget på ", "Baggrund"], ["Der blev peget på", "Baggrund"]),
        (["sagen ", "Indstilling"], ["sagen", "Indstilling"]),
        (["Tidligere beslutninger:", "."], ["Tidligere beslutninger:", "."]),
        (["Beslutninger:", "godkendt"], ["Beslutninger:", "godkendt"]),
        (["og ", "bilag"], ["og", "bilag"]),
        (["uden punktum ", "2 (Åben) Eventuelt"], ["uden punktum", "2 (Åben) Eventuelt"]),
        ([" 1 (Åben) Andet møde i ", "Opgaveudvalg"], ["1 (Åben) Andet møde i", "Opgaveudvalg"]),
        (["3 (Lukket) Personalesag,", "fortsat"], ["3 (Lukket) Personalesag,", "fortsat"]),
        (
            ["Mødelokale G,", "Sags ID: EMN-2017-02193"],
            ["Mødelokale G,", "Sags ID: EMN-2017-02193"],
        ),
        (["Sags ID: EMN-2017-02193 ", "og mere"], ["Sags ID: EMN-2017-02193", "og mere"]),
        (
            ["Mødetidspunkt 26-09-2017 16:30", "Mødeafholdelse Rådhusallen"],
            ["Mødetidspunkt 26-09-2017 16:30", "Mødeafholdelse Rådhusallen"],
        ),
        (
            ["Protokollen blev læst", "og mødet hævet kl.: 21:00"],
            ["Protokollen blev læst", "og mødet hævet kl.: 21:00"],
        ),
        (["Tilstede: A, B,", "og C"], ["Tilstede: A, B,", "og C"]),
        (["We discussed the ", "Background"], ["We discussed the", "Background"]),
        (["Summary", "the committee met"], ["Summary", "the committee met"]),
        (["Present: A,", "B"], ["Present: A,", "B"]),
        (["Absent: C ", "and D"], ["Absent: C", "and D"]),
        (["agreed ", "Decision:"], ["agreed", "Decision:"]),
        (["see ", "Attachments"], ["see", "Attachments"]),
        (["item ", "4 (Open) Any other business"], ["item", "4 (Open) Any other business"]),
    ],
)
def test_headings_are_never_joined(raw: list[str], expected: list[str]) -> None:
    assert [text for text, _, _ in _repair(*raw)] == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["a.", "", "", "", "b."], [("a.", 1, 1), ("", 2, 4), ("b.", 5, 5)]),
        (["a.", " ", "\t", "b."], [("a.", 1, 1), ("", 2, 3), ("b.", 4, 4)]),
        (["", " ", "a.", "", ""], [("a.", 3, 3)]),
        (["a.", "", "b."], [("a.", 1, 1), ("", 2, 2), ("b.", 3, 3)]),
        (["", ""], []),
        ([], []),
    ],
)
def test_blank_lines_are_collapsed_and_trimmed(raw: list[str], expected: list[Span]) -> None:
    assert _repair(*raw) == expected


def test_lines_on_different_pages_are_not_joined() -> None:
    lines = repair([RawLine("kommu-", 1, 9), RawLine("nen og", 2, 1), RawLine("viden", 2, 2)])
    assert [(line.text, line.page, line.first, line.last) for line in lines] == [
        ("kommu-", 1, 9, 9),
        ("nen og viden", 2, 1, 2),
    ]


def test_heading_sets_are_extensible_per_language() -> None:
    swedish = HeadingSet(
        language="sv",
        sections=("Beslut",),
        labels=("och mötet avslutades",),
        item_markers=("Öppen",),
    )
    raw = [RawLine("Protokollet justerades", 1, 1), RawLine("och mötet avslutades kl. 21", 1, 2)]
    assert [line.text for line in repair(raw)] == [
        "Protokollet justerades och mötet avslutades kl. 21"
    ]
    assert [line.text for line in repair(raw, headings=(swedish,))] == [
        "Protokollet justerades",
        "och mötet avslutades kl. 21",
    ]
    assert heading_pattern((swedish,)).match("1 (Öppen) Val")
    assert heading_pattern((swedish,)).match("beslut:")
    assert heading_pattern(()).match("Resumé") is None
