"""A meeting's ordinal and a conference's title are facts (issue 13, point 9): "4. møde",
"fjerde møde tirsdag d. 26. september 2017 i form af konferencen "Teknologilaboratorium
…"", "Andet møde i Opgaveudvalg om Innovation"; "På første møde" (another meeting) is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import BASE, iri, open_store, select

pytestmark = pytest.mark.integration

SEPT = iri("meeting", "gentofte-opgaveudvalg-om-innovation-2017-09-26")
APRIL = iri("meeting", "gentofte-opgaveudvalg-om-innovation-2017-04-25")
CONFERENCE = "Teknologilaboratorium – indsigt i morgendagens teknologibaserede velfærdsløsninger"


@pytest.mark.parametrize(
    ("seed", "meeting", "ordinal"),
    [
        ("000-fd3d242d88b435d4-txt", SEPT, "4"),
        ("001-347c8e4df3f056bf-txt", APRIL, "2"),
        ("002-c6265e7b12b39cd7-txt", SEPT, "4"),
        ("003-bd0ca278388b9c75-txt", APRIL, "2"),
    ],
)
def test_each_document_states_its_meetings_ordinal(
    seed_store: Path, seed: str, meeting: str, ordinal: str
) -> None:
    rows = select(
        open_store(seed_store),
        f"SELECT ?n WHERE {{ GRAPH <{BASE}id/document/{seed}> {{ <{meeting}> mkg:ordinal ?n }} }}",
    )
    assert rows == [{"n": ordinal}]


@pytest.mark.parametrize("seed", ["000-fd3d242d88b435d4-txt", "002-c6265e7b12b39cd7-txt"])
def test_conference_title_is_stated(seed_store: Path, seed: str) -> None:
    rows = select(
        open_store(seed_store),
        f"""SELECT ?t WHERE {{ GRAPH <{BASE}id/document/{seed}> {{
            <{SEPT}> dct:alternative ?t }} }}""",
    )
    assert rows == [{"t": CONFERENCE}]
