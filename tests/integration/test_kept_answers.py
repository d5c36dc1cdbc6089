"""Kept answers (`kg.store.kept`): a named query marked ``# kept: yes`` is answered from
what the build counted into the statistics graph. The answer must equal the query's own
evaluation after every change of the store, in-process and over the API, and a kept
answer that does not belong to the query's text is never used."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kg.cli import app
from kg.resources import data_folder
from kg.store import kept
from kg.store.queries import NamedQuery, catalogue
from kg.store.run import run
from kg.vocab import DCT, RDF
from kg.web.app import create_app
from kg.web.settings import ServeSettings
from tests.helpers import open_store, select

pytestmark = pytest.mark.integration

KEPT = [q for q in catalogue(data_folder("sparql")).values() if q.kept]
PRESENTED = catalogue(data_folder("sparql"))["organisations-that-presented"]


def _rows(results: object) -> list[tuple[str | None, ...]]:
    """Solutions as tuples of N-Triples terms, in their order."""
    assert isinstance(results, ox.QuerySolutions)
    names = [v.value for v in results.variables]
    return [tuple(None if s[n] is None else str(s[n]) for n in names) for s in results]


def test_the_catalogue_keeps_the_corpus_wide_aggregate() -> None:
    assert PRESENTED.kept and not PRESENTED.params


@pytest.mark.parametrize("query", KEPT, ids=[q.name for q in KEPT])
def test_a_kept_answer_equals_the_evaluation(examples_store: Path, query: NamedQuery) -> None:
    store = open_store(examples_store)
    answer = kept.kept(store, query)
    assert answer is not None, "the build kept no answer"
    live = _rows(store.query(query.text))
    assert live, "the examples give this query no rows: the comparison would prove nothing"
    assert _rows(answer) == live
    assert _rows(run(store, query)) == live


def _copy(store: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    shutil.copytree(store, folder)
    return folder


def test_the_kept_answer_follows_removals(examples_store: Path, tmp_path: Path) -> None:
    folder = _copy(examples_store, tmp_path)
    before = _rows(open_store(folder).query(PRESENTED.text))
    stating = select(
        open_store(folder),
        "SELECT DISTINCT ?d WHERE { GRAPH ?d { ?i mkg:presenter|mkg:interviewee ?p } }",
    )
    assert stating
    result = CliRunner().invoke(
        app, ["remove", *sorted(row["d"] for row in stating), "--store", str(folder)]
    )
    assert result.exit_code == 0, result.output
    store = open_store(folder)
    after = kept.kept(store, PRESENTED)
    assert after is not None
    assert _rows(after) == _rows(store.query(PRESENTED.text)) == []
    assert before != []


def test_a_query_of_another_text_is_evaluated(examples_store: Path) -> None:
    store = open_store(examples_store)
    changed = replace(PRESENTED, text=PRESENTED.text + "\nLIMIT 1\n")
    assert kept.kept(store, changed) is None
    assert len(_rows(run(store, changed))) == 1
    assert len(_rows(run(store, PRESENTED))) > 1


def _forge(statistics: str, graph: str, answer: list[dict[str, dict[str, str]]]) -> list[ox.Quad]:
    """A kept answer of `PRESENTED` with the rows ``answer``, in ``graph``."""
    subset = ox.NamedNode(f"{statistics}#{kept.identifier(PRESENTED)}")
    text = json.dumps(
        {
            "query": kept.digest(PRESENTED),
            "results": {
                "head": {"vars": ["organisation", "label", "items", "people"]},
                "results": {"bindings": answer},
            },
        }
    )
    g = ox.NamedNode(graph)
    return [
        ox.Quad(
            subset, ox.NamedNode(str(DCT.identifier)), ox.Literal(kept.identifier(PRESENTED)), g
        ),
        ox.Quad(
            subset, ox.NamedNode(RDF.value), ox.Literal(text, datatype=ox.NamedNode(RDF.JSON)), g
        ),
    ]


ROW = {
    "organisation": {"type": "uri", "value": "http://example.org/unit"},
    "label": {"type": "literal", "value": "Unit"},
    "items": {
        "type": "literal",
        "value": "7",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    },
    "people": {"type": "literal", "value": "Ada"},
}


def test_only_the_statistics_graph_is_read() -> None:
    store = ox.Store()
    for quad in _forge("http://e.org/statistics", "http://e.org/documents/forged", [ROW]):
        store.add(quad)
    assert kept.kept(store, PRESENTED) is None
    for quad in _forge("http://e.org/statistics", "http://e.org/statistics", [ROW]):
        store.add(quad)
    found = kept.kept(store, PRESENTED)
    assert found is not None
    assert _rows(found) == [
        (
            "<http://example.org/unit>",
            '"Unit"',
            '"7"^^<http://www.w3.org/2001/XMLSchema#integer>',
            '"Ada"',
        )
    ]


@pytest.mark.parametrize("text", ["not json", '{"query": "0", "results": {}}', "[1, 2]"])
def test_a_broken_kept_answer_is_not_read(text: str) -> None:
    store = ox.Store()
    g = ox.NamedNode("http://e.org/statistics")
    subset = ox.NamedNode("http://e.org/statistics#s")
    store.add(
        ox.Quad(
            subset, ox.NamedNode(str(DCT.identifier)), ox.Literal(kept.identifier(PRESENTED)), g
        )
    )
    store.add(ox.Quad(subset, ox.NamedNode(RDF.value), ox.Literal(text), g))
    assert kept.kept(store, PRESENTED) is None


@pytest.fixture()
def forged_store(examples_store: Path, tmp_path: Path) -> Path:
    """A copy of the examples whose kept answer says one made-up row."""
    folder = _copy(examples_store, tmp_path)
    store = ox.Store(str(folder / "oxigraph"))
    statistics = "http://localhost:8000/statistics"
    for quad in list(
        store.quads_for_pattern(
            None, ox.NamedNode(str(DCT.identifier)), ox.Literal(kept.identifier(PRESENTED))
        )
    ):
        store.remove(quad)
    for quad in _forge(statistics, statistics, [ROW]):
        store.add(quad)
    store.flush()
    del store
    return folder


@pytest.fixture()
def client(forged_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServeSettings(store=forged_store))) as c:
        yield c


def test_the_api_answers_the_kept_answer(client: TestClient) -> None:
    answer = client.get("/api/queries/organisations-that-presented?format=csv")
    assert answer.status_code == 200, answer.text
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert rows == [
        {"organisation": "http://example.org/unit", "label": "Unit", "items": "7", "people": "Ada"}
    ]
    sparql = client.get("/api/queries/organisations-that-presented")
    assert sparql.headers["content-type"].startswith("application/sparql-results+json")
    assert sparql.json()["results"]["bindings"] == [ROW]


def test_the_api_evaluates_when_nothing_is_kept(examples_store: Path, tmp_path: Path) -> None:
    folder = _copy(examples_store, tmp_path)
    store = ox.Store(str(folder / "oxigraph"))
    for quad in list(
        store.quads_for_pattern(
            None, ox.NamedNode(str(DCT.identifier)), ox.Literal(kept.identifier(PRESENTED))
        )
    ):
        store.remove(quad)
    store.flush()
    live = _rows(store.query(PRESENTED.text))
    del store
    with TestClient(create_app(ServeSettings(store=folder))) as c:
        answer = c.get("/api/queries/organisations-that-presented")
    assert answer.status_code == 200, answer.text
    assert len(answer.json()["results"]["bindings"]) == len(live) > 0
