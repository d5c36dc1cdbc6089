"""Resolution on inline documents: placing agendas, stable ids, name keys."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.extract.model import Mentions
from kg.iri import slugify
from kg.parse import parse
from kg.privacy import apply_privacy
from kg.resolve import resolve
from kg.resolve.names import committee_key
from kg.settings import BuildSettings
from tests.textdoc import text_of

SETTINGS = BuildSettings()

MINUTES = """
    Referat af møde i Opgaveudvalg om Grøn Omstilling
    Mødetidspunkt 14-03-2023 16:00
    Tilstede: Anne Holm og Bo Lund
    1 (Åben) Varmeplan for bydelen
    Sags ID: EMN-2023-00101
    Resumé
    Udvalget drøfter fjernvarme, varmepumper og tidsplan for udrulning i bydelen.
    Beslutninger:
    Godkendt.
    2 (Åben) Eventuelt
    Sags ID: EMN-2023-00102
    Beslutninger:
    Intet.
"""

AGENDA_CASE = """
    1 (Åben) Varmeplan for bydelen
    Sags ID: EMN-2023-00101
    Resumé
    Kort tekst.
"""

AGENDA_TEXT = """
    Resumé
    Udvalget drøfter fjernvarme, varmepumper og tidsplan for udrulning i bydelen.
"""

STRANGER = """
    Resumé
    Et helt andet emne om skolernes ferieplan og busruter.
"""


def mentions(body: str, name: str) -> Mentions:
    doc, _ = apply_privacy(parse(text_of(body, name=name), SETTINGS))
    return extract(doc)


def corpus() -> list[Mentions]:
    return [
        mentions(MINUTES, "referat.txt"),
        mentions(AGENDA_CASE, "dagsorden-a.txt"),
        mentions(AGENDA_TEXT, "dagsorden-b.txt"),
    ]


def test_agenda_with_case_id_joins_the_meeting_and_item() -> None:
    placed = {d.mentions.doc.source.name: d for d in resolve(corpus(), SETTINGS).docs}
    agenda = placed["dagsorden-a.txt"]
    assert agenda.problem is None
    assert agenda.meeting is not None
    assert agenda.meeting.slug == "opgaveudvalg-om-groen-omstilling-2023-03-14"
    assert agenda.meeting.resolved_from == "referat.txt"
    assert [i.slug if i else None for i in agenda.items] == [
        "opgaveudvalg-om-groen-omstilling-2023-03-14-1"
    ]


def test_agenda_without_heading_joins_by_text() -> None:
    placed = {d.mentions.doc.source.name: d for d in resolve(corpus(), SETTINGS).docs}
    agenda = placed["dagsorden-b.txt"]
    (item,) = agenda.items
    assert item is not None
    assert item.slug == "opgaveudvalg-om-groen-omstilling-2023-03-14-1"
    assert item.title == "Varmeplan for bydelen"
    assert item.resolved_from == "referat.txt"
    assert item.evidence.startswith("text similarity")


def test_agenda_that_matches_nothing_is_unplaced() -> None:
    docs = resolve([*corpus(), mentions(STRANGER, "x.txt")], SETTINGS).docs
    stranger = next(d for d in docs if d.mentions.doc.source.name == "x.txt")
    assert stranger.problem is not None
    assert stranger.problem.startswith("cannot tell which meeting this document belongs to")
    assert "sidecar FILE.meta.json" in stranger.problem


def test_ids_do_not_depend_on_input_order() -> None:
    def ids(order: list[Mentions]) -> dict[str, tuple[str | None, tuple[str | None, ...]]]:
        return {
            d.mentions.doc.source.name: (
                d.meeting.slug if d.meeting else None,
                tuple(i.slug if i else None for i in d.items),
            )
            for d in resolve(order, SETTINGS).docs
        }

    forward = corpus()
    assert ids(forward) == ids(list(reversed(forward)))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Opgaveudvalg om Innovation", "Opgaveudvalget om Innovation", True),
        ("Opgaveudvalg om Innovation", "Opgaveudvalg for Innovation", True),
        ("Opgaveudvalg om Innovation", "Udvalg om Innovation", True),
        (
            "Opgaveudvalget for digitalisering og teknologi",
            "Opgaveudvalg om Digitalisering og Teknologi",
            True,
        ),
        ("Opgaveudvalg om Innovation", "Opgaveudvalg for digitalisering og teknologi", False),
        ("Økonomiudvalget", "Teknik- og Miljøudvalget", False),
    ],
)
def test_committee_spellings(a: str, b: str, same: bool) -> None:
    assert (committee_key(a) == committee_key(b)) is same


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Schiøtz Bratvold", "schioetz-bratvold"),
        ("Rådhusallen", "raadhusallen"),
        ("Ærø Kommune", "aeroe-kommune"),
        ("José García", "jose-garcia"),
        ("EMN-2017-04615", "emn-2017-04615"),
        ("17/12345", "17-12345"),
        ("///", "x"),
    ],
)
def test_slugs_are_readable_and_slash_free(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_a_lone_first_name_that_fits_nobody_is_left_out_not_a_crash() -> None:
    """Regression: slug_of raised KeyError for a one-word name in an attendance list."""
    body = MINUTES.replace(
        "Tilstede: Anne Holm og Bo Lund", "Tilstede: Anne Holm, Rasmus og Bo Lund"
    )
    placed = resolve([mentions(body, "referat.txt")], SETTINGS).docs[0]
    assert set(placed.people) == {"Anne Holm", "Bo Lund"}


SHIFTED_MINUTES = """
    Referat af møde i Teknikudvalget
    Mødetidspunkt 12-03-2019 17:00
    1 (Åben) Budget
    Resumé
    Budgettet for vejområdet gennemgås med anlæg og drift.
    2 (Lukket) Personalesag
    3 (Åben) Cykelsti langs Strandvejen
    Resumé
    Forvaltningen foreslår en dobbeltrettet cykelsti langs Strandvejen.
"""

SHIFTED_AGENDA = """
    Dagsorden til møde i Teknikudvalget
    Mødetidspunkt 12-03-2019 17:00
    1 (Åben) Budget
    Resumé
    Budgettet for vejområdet gennemgås med anlæg og drift.
    2 (Åben) Cykelsti langs Strandvejen
    Resumé
    Forvaltningen foreslår en dobbeltrettet cykelsti langs Strandvejen.
    3 (Åben) Trafiktælling
    Resumé
    Resultatet af trafiktællingen.
"""


def test_agenda_numbered_otherwise_than_its_minutes() -> None:
    """Regression: agenda item 2 'Cykelsti' merged into the minutes' closed item 2."""
    docs = resolve(
        [mentions(SHIFTED_MINUTES, "referat.txt"), mentions(SHIFTED_AGENDA, "dagsorden.txt")],
        SETTINGS,
    ).docs
    minutes, agenda = sorted(docs, key=lambda d: d.mentions.doc.source.name != "referat.txt")
    meeting = "teknikudvalget-2019-03-12"
    assert [i.slug if i else None for i in minutes.items] == [
        f"{meeting}-1",
        f"{meeting}-2",
        f"{meeting}-3",
    ]
    assert [i.slug if i else None for i in agenda.items] == [
        f"{meeting}-1",
        f"{meeting}-3",  # the cykelsti is the minutes' item 3
        f"{meeting}-3-trafiktaelling",  # not in the minutes; number 3 is theirs
    ]
