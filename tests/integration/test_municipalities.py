"""Municipalities in the graph, and documents placed by what they say or what the user
says: two municipalities' committees of one name stay apart, their people too, and an
agenda loads on its own before its minutes arrive."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pyoxigraph as ox
import pytest

from kg.pipeline import Status, build
from kg.settings import BuildSettings, RunSettings
from tests.helpers import iri, select

pytestmark = pytest.mark.integration

MINUTES = """
    {municipality}

    Referat af møde i Økonomiudvalget

    Mødetidspunkt 04-05-2020 17:00
    Mødeafholdelse Rådssalen

    Tilstede: Anne Holm og Bo Lund

    Fraværende: Carl Dam

    1 (Åben) Budgetopfølgning

    Sags ID: EMN-2020-00001

    Beslutninger:

    Godkendt.
"""

AGENDA = """
    Dagsorden til møde i Økonomiudvalget

    Mødetidspunkt 04-05-2020 17:00
    Mødeafholdelse Rådssalen

    1 (Åben) Budgetopfølgning

    Sags ID: EMN-2020-00001

    Resumé

    Budgettet følges op.
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(dedent(text).strip() + "\n", encoding="utf-8")
    return path


def _build(paths: list[Path], store: Path, municipality: str | None = None) -> ox.Store:
    settings = BuildSettings(municipality=municipality)
    report = build(paths, store, settings, run=RunSettings(jobs=1))
    assert report.ok, report.outcomes
    return ox.Store.read_only(str(store / "oxigraph"))


def test_two_municipalities_committees_and_people_stay_apart(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    gentofte = _write(docs / "a", "referat.txt", MINUTES.format(municipality="GENTOFTE KOMMUNE"))
    greve = _write(docs / "b", "referat.txt", MINUTES.format(municipality="Greve Kommune"))
    store = _build([docs], tmp_path / "store")
    committees = select(
        store,
        """SELECT ?c ?code WHERE { ?m mkg:heldBy ?c . ?c org:subOrganizationOf ?k .
           ?k dct:identifier ?code }""",
    )
    assert {(r["c"], r["code"]) for r in committees} == {
        (iri("committee", "gentofte-oekonomiudvalget"), "157"),
        (iri("committee", "greve-oekonomiudvalget"), "253"),
    }
    people = select(
        store, """SELECT DISTINCT ?p WHERE { ?m mkg:present ?p . ?p foaf:name "Anne Holm" }"""
    )
    assert len(people) == 2  # the same name in two municipalities: two people
    assert gentofte.exists() and greve.exists()


def test_a_folder_of_documents_that_name_no_municipality_takes_the_users(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    _write(folder, "referat.txt", MINUTES.format(municipality=""))
    store = _build([folder], tmp_path / "store", municipality="Gentofte")
    assert select(store, "SELECT ?c WHERE { ?m mkg:heldBy ?c }") == [
        {"c": iri("committee", "gentofte-oekonomiudvalget")}
    ]


def test_an_agenda_loads_alone_and_its_minutes_join_it_later(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    agenda = _write(folder, "dagsorden.txt", AGENDA)
    store_dir = tmp_path / "store"
    store = _build([agenda], store_dir)
    meeting = iri("meeting", "oekonomiudvalget-2020-05-04")
    assert select(store, "SELECT ?m WHERE { ?m a mkg:Meeting }") == [{"m": meeting}]
    del store
    minutes = _write(folder, "referat.txt", MINUTES.format(municipality=""))
    report = build([minutes], store_dir, BuildSettings(), run=RunSettings(jobs=1))
    assert {o.status for o in report.outcomes if not o.kept} <= {Status.LOADED}
    store = ox.Store.read_only(str(store_dir / "oxigraph"))
    rows = select(
        store,
        """SELECT ?m ?i (COUNT(DISTINCT ?g) AS ?n) WHERE {
           GRAPH ?g { ?m mkg:agendaItem ?i } } GROUP BY ?m ?i""",
    )
    assert rows == [{"m": meeting, "i": iri("item", "oekonomiudvalget-2020-05-04-1"), "n": "2"}]


def test_a_sidecar_places_a_document_whose_text_does_not_say(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    page = _write(
        folder,
        "punkt1.txt",
        """
        1. Godkendelse af dagsorden

        Beslutning

        Godkendt.
        """,
    )
    (folder / "punkt1.txt.meta.json").write_text(
        '{"committee": "Teknisk Udvalg", "date": "2021-01-12", "kind": "minutes",'
        ' "municipality": "Aarhus"}',
        encoding="utf-8",
    )
    store = _build([folder], tmp_path / "store")
    rows = select(
        store,
        """SELECT ?m ?day ?code WHERE { ?m a mkg:Meeting ; dct:date ?day ; mkg:heldBy ?c .
           ?c org:subOrganizationOf/dct:identifier ?code }""",
    )
    assert rows == [
        {
            "m": iri("meeting", "aarhus-teknisk-udvalg-2021-01-12"),
            "day": "2021-01-12",
            "code": "751",
        }
    ]
    pointers = select(
        store,
        """SELECT ?p WHERE { GRAPH ?doc { ?s rdf:predicate mkg:heldBy ; mkg:jsonPointer ?p } }""",
    )
    assert pointers == [{"p": "punkt1.txt.meta.json#/committee"}]
    assert page.exists()


def test_kg_build_lists_what_each_document_stated_and_writes_the_report(tmp_path: Path) -> None:
    """Regression: the per-document listing and --report had no fields (the build never
    recorded what each document stated)."""
    import json

    from typer.testing import CliRunner

    from kg.cli import app

    folder = tmp_path / "docs"
    _write(folder, "referat.txt", MINUTES.format(municipality="Greve Kommune"))
    _write(folder, "dagsorden.txt", AGENDA)
    report = tmp_path / "report.json"
    argv = ["build", str(folder), "--store", str(tmp_path / "store"), "--report", str(report)]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 0, result.output
    assert "read referat.txt: kind minutes, committee Økonomiudvalget, municipality Greve" in (
        result.stdout
    )
    assert "read dagsorden.txt: kind agenda" in result.stdout
    assert "not stated: municipality, end, present, absent" in result.stdout
    documents = json.loads(report.read_text("utf-8"))["documents"]
    assert documents["referat.txt"]["status"] == "loaded"
    assert documents["referat.txt"]["stated"]["date"] == "2020-05-04"
    assert documents["referat.txt"]["stated"]["present"] == 2
    assert documents["dagsorden.txt"]["stated"]["municipality"] is None
