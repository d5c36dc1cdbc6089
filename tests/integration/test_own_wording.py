"""Each document's graph states its own wording (issue 13, point 1): an agenda's section
is never replaced by its minutes' text, however alike; where two documents' texts are the
same, a query finds it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.settings import BuildSettings
from tests.helpers import BASE, open_store, select

pytestmark = pytest.mark.integration

AGENDA_003 = "003_bd0ca278388b9c75.txt"
GRAPH_003 = f"{BASE}id/document/003-bd0ca278388b9c75-txt"
ITEM = f"{BASE}id/item/gentofte-opgaveudvalg-om-innovation-2017-04-25-1"


@pytest.fixture(scope="module")
def four_topics(seeds: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds, with agenda 003 recommending "FIRE emner" where it says "tre emner"."""
    corpus = tmp_path_factory.mktemp("four-topics")
    for path in seeds.glob("*.txt"):
        shutil.copy(path, corpus / path.name)
    agenda = corpus / AGENDA_003
    wording = agenda.read_text(encoding="utf-8")
    assert wording.count("følgende tre emner") == 1
    agenda.write_text(wording.replace("følgende tre emner", "følgende FIRE emner"), "utf-8")
    folder = tmp_path_factory.mktemp("four-topics-store")
    report = build([corpus], folder, BuildSettings())
    assert report.ok, report.outcomes
    return folder


def _in_graph(folder: Path, graph: str, prop: str) -> list[str]:
    rows = select(
        open_store(folder),
        f"SELECT ?t WHERE {{ GRAPH <{graph}> {{ <{ITEM}> {prop} ?t }} }}",
    )
    return [row["t"] for row in rows]


def test_agenda_recommendation_changed_to_four_topics_says_four(four_topics: Path) -> None:
    (recommendation,) = _in_graph(four_topics, GRAPH_003, "mkg:recommendation")
    assert "FIRE emner" in recommendation
    assert "tre emner" not in recommendation


def test_agenda_background_keeps_the_agendas_spelling(seed_store: Path) -> None:
    (background,) = _in_graph(seed_store, GRAPH_003, "mkg:background")
    assert "Møder i Opgavudvalget" in background  # the agenda's own typo, not the minutes'


def test_minutes_typo_is_no_alt_label_in_the_agendas_graph(seed_store: Path) -> None:
    rows = select(
        open_store(seed_store),
        f"""SELECT ?s WHERE {{ GRAPH <{GRAPH_003}> {{
            ?s skos:altLabel ?l FILTER(STR(?l) = "Iværksætttermiljø") }} }}""",
    )
    assert rows == []


def test_identical_texts_of_two_documents_are_found_by_query(seed_store: Path) -> None:
    rows = select(
        open_store(seed_store),
        """SELECT DISTINCT ?item ?p WHERE {
            GRAPH ?agenda { ?agenda dct:type mkg:Agenda . ?item ?p ?text }
            GRAPH ?minutes { ?minutes dct:type mkg:Minutes . ?item ?p ?text }
            FILTER(?p IN (mkg:summary, mkg:background, mkg:recommendation))
        }""",
    )
    assert rows, "no section reads the same in an agenda and its minutes"


def test_markdown_marks_and_bullets_are_not_part_of_section_texts(seed_store: Path) -> None:
    """Issue 13, point 9: "- **At opgaveudvalget …**" states its words; the marks are
    kept as the text as written (mkg:sourceText)."""
    rows = select(
        open_store(seed_store),
        """SELECT ?t WHERE { ?i mkg:summary|mkg:background|mkg:recommendation|mkg:decision ?t }""",
    )
    marked = [
        line
        for row in rows
        for line in row["t"].splitlines()
        if "**" in line or line.startswith(("- ", "* ", "• "))
    ]
    assert marked == []
    assert select(
        open_store(seed_store),
        """SELECT ?s WHERE { GRAPH ?doc { ?s rdf:predicate mkg:decision ; mkg:sourceText ?raw
            FILTER(CONTAINS(?raw, "- **At opgaveudvalget")) } }""",
    )
