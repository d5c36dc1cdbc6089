"""The query worker's writing of solutions (kg.web.runner)."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from kg.web.runner import _solutions

EX = "http://example.org/"
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


ROWS_QUERY = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s ?o"


def _rows_store() -> ox.Store:
    store = ox.Store()
    values: list[ox.NamedNode | ox.BlankNode | ox.Literal] = [
        ox.Literal("line one\nline two\ttabbed", language="da"),
        ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        ox.NamedNode(EX + "iri"),
        ox.BlankNode("b0"),
        ox.Literal('"quoted" \\ text'),
    ]
    for i, value in enumerate(values):
        store.add(ox.Quad(ox.NamedNode(f"{EX}s{i}"), LABEL, value))
    return store


@pytest.mark.parametrize(
    "fmt",
    [
        ox.QueryResultsFormat.JSON,
        ox.QueryResultsFormat.XML,
        ox.QueryResultsFormat.CSV,
        ox.QueryResultsFormat.TSV,
    ],
)
def test_solutions_are_written_as_the_store_writes_them(fmt: ox.QueryResultsFormat) -> None:
    store = _rows_store()
    direct = store.query(ROWS_QUERY)
    assert isinstance(direct, ox.QuerySolutions)
    results = store.query(ROWS_QUERY)
    assert isinstance(results, ox.QuerySolutions)
    assert _solutions(results, fmt, 100) == ("ok", direct.serialize(format=fmt))


def test_solutions_stop_past_the_result_limit() -> None:
    store = _rows_store()
    for limit, kind in [(4, "too-many"), (5, "ok")]:
        results = store.query(ROWS_QUERY)
        assert isinstance(results, ox.QuerySolutions)
        assert _solutions(results, ox.QueryResultsFormat.JSON, limit)[0] == kind


def test_solutions_without_rows_or_variables() -> None:
    store = _rows_store()
    results = store.query(f"SELECT ?s WHERE {{ ?s <{EX}nothing> ?o }}")
    assert isinstance(results, ox.QuerySolutions)
    kind, body = _solutions(results, ox.QueryResultsFormat.JSON, 0)
    assert kind == "ok"
    assert isinstance(body, bytes)
    assert json.loads(body) == {"head": {"vars": ["s"]}, "results": {"bindings": []}}
