"""People beyond attendance, working groups, projects, themes and organisations in the seeds."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.helpers import iri, open_store, select

pytestmark = pytest.mark.integration
SEPT_ITEM = iri("item", "gentofte-opgaveudvalg-om-innovation-2017-09-26-1")
SEPT = iri("meeting", "gentofte-opgaveudvalg-om-innovation-2017-09-26")


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
        ("Sundhedsdata", iri("committee", "gentofte-opgaveudvalg-om-innovation"), "5"),
        (
            "Borgere i udkanten af arbejdsmarkedet",
            iri("committee", "gentofte-opgaveudvalg-om-innovation"),
            "5",
        ),
        ("Iværksættermiljø", iri("committee", "gentofte-opgaveudvalg-om-innovation"), "5"),
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
    assert rows[0]["c"] != iri("committee", "gentofte-opgaveudvalg-om-innovation")
    assert rows[0]["label"].casefold().endswith("digitalisering og teknologi")


def test_invited_councils(store: ox.Store) -> None:
    """The whole Kommunalbestyrelsen, and the chairs of the two councils (not the councils)."""
    rows = select(store, f"SELECT ?label WHERE {{ <{SEPT}> mkg:invited/rdfs:label ?label }}")
    assert {r["label"] for r in rows} == {
        "Kommunalbestyrelsen",
        "Formand for Handicaprådet",
        "Formand for Seniorrådet",
    }


CONFERENCE_TECHNOLOGIES = {
    "internet-of-things": "Q251212",
    "big-data": "Q858810",
    "virtual-reality": "Q170519",
    "augmented-reality": "Q254183",
    "artificial-intelligence": "Q11660",
    "robot": "Q11012",
    "sensor": "Q167676",
    "chatbot": "Q870780",
    "software-robot": None,
    "virtual-assistant": None,
    "speech-recognition": None,
    # issue 13, point 8: the conference's title, the groups' use of data, the blog,
    # the politicians' talk of driving digitalisation
    "welfare-technology": None,
    "data-analysis": "Q1988917",
    "blog": "Q30849",
    "digitalisation": None,
}


def test_conference_item_discusses_its_technologies_linked_to_wikidata(store: ox.Store) -> None:
    rows = select(
        store,
        f"""SELECT ?c ?wd WHERE {{ <{SEPT_ITEM}> mkg:discusses ?c .
          ?c skos:inScheme <https://w3id.org/minutes-kg/concepts/technologies> .
          OPTIONAL {{ ?c skos:exactMatch ?wd }} }}""",
    )
    found = {r["c"].rsplit("/", 1)[1]: r.get("wd", "").rsplit("/", 1)[-1] or None for r in rows}
    for concept, wikidata in CONFERENCE_TECHNOLOGIES.items():
        assert concept in found, concept
        assert found[concept] == wikidata, concept


def test_technology_mention_points_to_its_line_and_words(store: ox.Store) -> None:
    doc = iri("document", "000-fd3d242d88b435d4-txt")
    rows = select(
        store,
        f"""SELECT ?line ?text WHERE {{ GRAPH <{doc}> {{ ?s rdf:subject <{SEPT_ITEM}> ;
          rdf:predicate mkg:discusses ; rdf:object <https://w3id.org/minutes-kg/concepts/software-robot> ;
          mkg:firstLine ?line ; mkg:sourceText ?text }} }}""",
    )
    assert {"line": "99", "text": "Softwarerobotter"} in rows


def test_the_april_items_discuss_only_data_analysis(store: ox.Store) -> None:
    """The health-data group will work with actors "der arbejder med sundhedsdata/kombinere
    data på alternative måder": data analysis (issue 13, point 8), and no other technology."""
    rows = select(
        store,
        f"""SELECT DISTINCT ?c WHERE {{ <{iri("meeting", "gentofte-opgaveudvalg-om-innovation-2017-04-25")}> mkg:agendaItem/mkg:discusses ?c .
          ?c skos:inScheme <https://w3id.org/minutes-kg/concepts/technologies> }}""",
    )
    assert rows == [{"c": "https://w3id.org/minutes-kg/concepts/data-analysis"}]


def test_collaboration_platforms_named(store: ox.Store) -> None:
    rows = select(
        store,
        f"""SELECT DISTINCT ?label WHERE {{ <{iri("item", "gentofte-opgaveudvalg-om-innovation-2017-04-25-1")}> mkg:discusses ?p .
          ?p skos:inScheme <{iri("scheme", "platforms")}> ; rdfs:label ?label }}""",
    )
    assert {r["label"] for r in rows} == {"Facebook", "Drop box", "Trello"}


def test_collaboration_platforms_linked_to_wikidata_where_verified(store: ox.Store) -> None:
    """Like the technologies (issue 13, point 9): Facebook is Wikidata's Q355; no id of
    Trello or Dropbox could be verified, and none is guessed."""
    rows = select(
        store,
        f"""SELECT ?label ?wd WHERE {{ ?p skos:inScheme <{iri("scheme", "platforms")}> ;
          rdfs:label ?label . OPTIONAL {{ ?p skos:exactMatch ?wd }} }}""",
    )
    assert {(r["label"], r.get("wd")) for r in rows} == {
        ("Facebook", "http://www.wikidata.org/entity/Q355"),
        ("Drop box", None),
        ("Trello", None),
    }
