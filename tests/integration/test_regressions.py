"""Regressions found in review, one test each, named after what broke."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from kg.pipeline import Status, build
from kg.settings import BuildSettings
from tests.helpers import ask, open_store, select

pytestmark = pytest.mark.integration
CPR = "010203-1234"


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(dedent(text).strip() + "\n", encoding="utf-8")


MINUTES = f"""
    Referat af møde i Teknikudvalget

    Mødetidspunkt 12-03-2019 20:00
    Mødeafholdelse Rådhuset

    Protokollen blev læst
    og mødet hævet kl.: 00:30

    Tilstede: Ida Holm og Ole Berg

    Fraværende: Ingen

    1 (Åben) Klage fra borger {CPR}

    Sags ID: EMN-2019-00001

    Resumé

    Sagen om klagen.

    Indstilling

    Vej og Park indstiller, at borger {CPR} får afslag.

    Beslutninger:

    Godkendt.

    Bilag

    1. Klagen (1234567 - {CPR})
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("corpus")
    _write(corpus, "referat.txt", MINUTES)
    folder = tmp_path_factory.mktemp("store")
    report = build([corpus], folder, BuildSettings())
    assert report.ok, report.outcomes
    return folder


def test_cpr_in_a_heading_an_indstiller_line_or_an_attachment_line_is_nowhere(store: Path) -> None:
    db = open_store(store)
    assert not ask(
        db,
        f'ASK {{ GRAPH ?g {{ ?s ?p ?o FILTER(CONTAINS(STR(?o), "{CPR}") || CONTAINS(STR(?s), "010203")) }} }}',
    )
    cached = "".join(p.read_text(encoding="utf-8") for p in (store / "documents").glob("*.json"))
    assert CPR not in cached and "0102031234" not in cached


def test_fravaerende_ingen_means_nobody(store: Path) -> None:
    db = open_store(store)
    assert not ask(db, "ASK { ?m mkg:absent ?p }")
    assert not ask(db, "ASK { ?p foaf:name ?n FILTER(STRSTARTS(?n, 'Ingen')) }")


def test_a_meeting_past_midnight_ends_the_next_day(store: Path) -> None:
    rows = select(
        open_store(store), "SELECT ?end WHERE { ?m a mkg:Meeting ; prov:endedAtTime ?end }"
    )
    assert rows == [{"end": "2019-03-13T00:30:00+01:00"}]


def test_indstiller_on_one_line_keeps_the_recommendation(store: Path) -> None:
    rows = select(
        open_store(store),
        "SELECT ?r ?u WHERE { ?i mkg:recommendation ?r ; mkg:recommendedBy/rdfs:label ?u }",
    )
    assert rows == [{"r": "at borger [CPR-nummer fjernet] får afslag.", "u": "Vej og Park"}]


def test_two_meetings_of_one_committee_on_one_day(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for clock, title in (("09:00", "Budget"), ("15:00", "Cykelsti")):
        _write(
            corpus,
            f"referat-{clock[:2]}.txt",
            f"""
            Referat af møde i Teknikudvalget
            Mødetidspunkt 12-03-2019 {clock}
            1 (Åben) {title}
            Beslutninger:
            Godkendt.
            """,
        )
    report = build([corpus], tmp_path / "store", BuildSettings())
    assert report.ok
    rows = select(
        open_store(tmp_path / "store"),
        "SELECT ?m (COUNT(DISTINCT ?t) AS ?n) WHERE { ?m a mkg:Meeting ; prov:startedAtTime ?t } GROUP BY ?m",
    )
    assert {r["m"].rsplit("/", 1)[1]: r["n"] for r in rows} == {
        "teknikudvalget-2019-03-12-0900": "1",
        "teknikudvalget-2019-03-12-1500": "1",
    }


def test_closed_item_text_of_a_headless_agenda_leaves_the_cache(tmp_path: Path) -> None:
    """An agenda extract does not say its item is closed; its minutes do."""
    corpus = tmp_path / "corpus"
    _write(
        corpus,
        "referat.txt",
        """
        Referat af møde i Socialudvalget
        Mødetidspunkt 01-02-2024 15:00
        1 (Lukket) Klage over afgørelse
        Sags ID: EMN-2024-00001
        Resumé
        Hemmelig tekst om borgerens helbred og familie og økonomi.
        """,
    )
    _write(
        corpus,
        "udtraek.txt",
        """
        Resumé
        Hemmelig tekst om borgerens helbred og familie og økonomi.
        """,
    )
    store = tmp_path / "store"
    report = build([corpus], store, BuildSettings())
    assert {o.status for o in report.outcomes} == {Status.LOADED}
    cached = "".join(p.read_text(encoding="utf-8") for p in (store / "documents").glob("*.json"))
    assert "Hemmelig" not in cached
    assert not ask(
        open_store(store), 'ASK { GRAPH ?g { ?s ?p ?o FILTER(CONTAINS(STR(?o), "Hemmelig")) } }'
    )


def test_english_minutes_build_and_keep_their_language(tmp_path: Path) -> None:
    """The shapes accepted only @da text, so every English document was quarantined
    (found by `kg synth` with English documents)."""
    _write(
        tmp_path / "docs",
        "planning-2019-03-12.txt",
        """
        Minutes of the meeting of the Planning Committee
        Meeting time 12-03-2019 17:00
        Venue Room 4
        The meeting was closed at 18:30
        Present: Ann Lee, Bo Chan and Cy Diaz
        Absent: Di Eng

        1 (Open) Cycle lane
        Case ID: PLN-2019-00012
        Summary
        A new cycle lane along the harbour.
        Decision
        Approved.
        """,
    )
    report = build([tmp_path / "docs"], tmp_path / "store", BuildSettings())
    assert [o.status for o in report.outcomes] == [Status.LOADED], report.outcomes
    store = open_store(tmp_path / "store")
    rows = select(
        store,
        "SELECT ?title ?decision WHERE { ?i a mkg:AgendaItem ; dct:title ?title ; "
        "mkg:decision ?decision }",
    )
    assert rows == [{"title": "Cycle lane", "decision": "Approved."}]
    assert ask(store, 'ASK { ?i dct:title "Cycle lane"@en ; mkg:decision "Approved."@en }')
