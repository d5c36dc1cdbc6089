"""People beyond attendance, working groups, projects, themes and organisations in the seeds."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.helpers import iri, open_store, select

pytestmark = pytest.mark.integration
SEPT_ITEM = iri("item", "opgaveudvalg-om-innovation-2017-09-26-1")
SEPT = iri("meeting", "opgaveudvalg-om-innovation-2017-09-26")


@pytest.fixture()
def store(seed_store: Path) -> ox.Store:
    return open_store(seed_store)


def test_three_working_groups_of_five_under_the_committee(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?group ?project ?committee (COUNT(DISTINCT ?person) AS ?n) WHERE {
          ?group a mkg:WorkingGroup ; org:subOrganizationOf ?committee ; mkg:worksOn ?p .
          ?p a mkg:Project ; rdfs:label ?project .
          ?m org:organization ?group ; org:member ?person . }
          GROUP BY ?group ?project ?committee""",
    )
    assert {(r["project"], r["committee"], r["n"]) for r in rows} == {
        ("Sundhedsdata", iri("committee", "opgaveudvalg-om-innovation"), "5"),
        (
            "Borgere i udkanten af arbejdsmarkedet",
            iri("committee", "opgaveudvalg-om-innovation"),
            "5",
        ),
        ("Iværksættermiljø", iri("committee", "opgaveudvalg-om-innovation"), "5"),
    }


def test_exactly_three_projects_despite_a_misspelling(store: ox.Store) -> None:
    rows = select(store, "SELECT DISTINCT ?p WHERE { ?p a mkg:Project }")
    assert len(rows) == 3


def test_who_works_on_what_pattern_of_design(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT DISTINCT ?name WHERE {
          ?m org:member ?person ; org:organization ?group . ?group mkg:worksOn ?project .
          ?project rdfs:label "Sundhedsdata"@da . ?person foaf:name ?name }""",
    )
    assert {r["name"] for r in rows} == {
        "Christian Steen Jensen", "Rikke Ulk", "Jonatan Schloss", "Michael Fenger", "Marianne Zangenberg",
    }  # fmt: skip


PRESENTERS = {
    "Gry Ravn": ("Innovationschef", "Gentofte Kommune", None),
    "Tim Frank Andersen": ("Digitaliseringsdirektør", "Charlie Tango", None),
    "Berit Kronby": ("Forstander", "Rygårdscenteret", "Gentofte Kommune"),
    "Bo Sund": ("Afdelingschef", "Job & Ydelser", "Gentofte Kommune"),
    "Steen Bager": ("Afdelingschef", "Børn og Familie", "Gentofte Kommune"),
    "Frank E. Andersen": ("Kommunaldirektør", "Gentofte Kommune", None),
    "Torben H. D. Petersen": (
        "Afdelingschef",
        "Forebyggelse og Sundhedsfremme",
        "Gentofte Kommune",
    ),
}


def test_presenters_and_owners_have_title_and_organisation(store: ox.Store) -> None:
    rows = select(
        store,
        f"""SELECT ?name ?title ?org ?parent WHERE {{
          <{SEPT_ITEM}> mkg:presenter ?person . ?person foaf:name ?name .
          ?m a org:Membership ; org:member ?person ; org:role/rdfs:label ?title ;
             org:organization ?o ; mkg:statedAt <{SEPT}> . ?o rdfs:label ?org .
          OPTIONAL {{ ?o org:subOrganizationOf/rdfs:label ?parent }} }}""",
    )
    found = {r["name"]: (r["title"], r["org"], r.get("parent")) for r in rows}
    assert found == PRESENTERS


def test_interview(store: ox.Store) -> None:
    rows = select(store, f"SELECT ?name WHERE {{ <{SEPT_ITEM}> mkg:interviewer/foaf:name ?name }}")
    assert rows == [{"name": "Gry Ravn"}]


def test_themes_with_owners(store: ox.Store) -> None:
    rows = select(
        store,
        f"""SELECT ?theme ?owner WHERE {{ <{SEPT_ITEM}> mkg:discusses ?t . ?t a skos:Concept ;
          skos:inScheme <{iri("scheme", "themes")}> ; rdfs:label ?theme ; mkg:owner/foaf:name ?owner }}""",
    )
    assert {(r["theme"], r["owner"]) for r in rows} == {
        ("Demens", "Berit Kronby"),
        ("Arbejdsledige", "Bo Sund"),
        ("Udsatte børn og unge", "Steen Bager"),
        ("Iværksætteri", "Frank E. Andersen"),
        ("Prædiabetikere", "Torben H. D. Petersen"),
    }


def test_collaborating_committee_is_another_committee(store: ox.Store) -> None:
    rows = select(
        store,
        f"SELECT ?c ?label WHERE {{ <{SEPT}> mkg:inCollaborationWith ?c . ?c a mkg:Committee ; rdfs:label ?label }}",
    )
    assert len(rows) == 1
    assert rows[0]["c"] != iri("committee", "opgaveudvalg-om-innovation")
    assert rows[0]["label"].casefold().endswith("digitalisering og teknologi")


def test_invited_councils(store: ox.Store) -> None:
    rows = select(store, f"SELECT ?label WHERE {{ <{SEPT}> mkg:invited/rdfs:label ?label }}")
    assert {r["label"] for r in rows} == {"Kommunalbestyrelsen", "Handicaprådet", "Seniorrådet"}
