"""The remote store against the tests' own Virtuoso (tests/virtuoso_support.py): literals
round-trip exactly, bound values and query forms answer as pyoxigraph does, and failures
are reported plainly. The address and query-text rules are in tests/unit/test_store_remote.py.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.store import StoreAddress, open_store
from kg.store.protocol import Bound
from kg.store.remote import RemoteQueryError, RemoteStore, RemoteTimeout
from tests.virtuoso_support import Virtuoso

pytestmark = pytest.mark.integration

XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture
def remote(virtuoso: Virtuoso, tmp_path: Path) -> RemoteStore:
    virtuoso.clear()
    store = open_store(StoreAddress.parse(virtuoso.address, work=tmp_path), timeout=30)
    assert isinstance(store, RemoteStore)
    return store


def _literals() -> list[ox.Literal]:
    return [
        ox.Literal("plain"),
        ox.Literal("Hej æøå 😀", language="da"),
        ox.Literal("Hello", language="en-GB"),
        ox.Literal('quotes " and \\ and\nnew lines\tand tabs'),
        ox.Literal("x" * 20_000),
        ox.Literal("0", datatype=ox.NamedNode(XSD + "integer")),
        ox.Literal("-42", datatype=ox.NamedNode(XSD + "integer")),
        ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")),
        ox.Literal("false", datatype=ox.NamedNode(XSD + "boolean")),
        ox.Literal("2024-01-15T17:00:00+01:00", datatype=ox.NamedNode(XSD + "dateTime")),
        ox.Literal("2024-01-15T17:00:00", datatype=ox.NamedNode(XSD + "dateTime")),
        ox.Literal("2024-01-15", datatype=ox.NamedNode(XSD + "date")),
        ox.Literal("odd", datatype=ox.NamedNode("urn:x-test:type")),
    ]


def test_literals_round_trip_exactly(remote: RemoteStore) -> None:
    graph = ox.NamedNode("urn:x-test:literals")
    quads = {
        ox.Quad(ox.NamedNode(f"urn:x-test:s{i}"), ox.NamedNode("urn:x-test:p"), lit, graph)
        for i, lit in enumerate(_literals())
    }
    remote.replace_graph(graph.value, quads)
    assert remote.graph(graph.value) == quads
    for quad in quads:  # and each literal finds its subject as a pattern
        assert [q.subject for q in remote.raw.quads_for_pattern(None, None, quad.object)] == [
            quad.subject
        ]


def test_bound_values_answer_as_oxigraph_does(remote: RemoteStore) -> None:
    graph = "urn:x-test:bound"
    p = ox.NamedNode("urn:x-test:p")
    quads = [
        ox.Quad(ox.NamedNode(f"urn:x-test:s{i}"), p, ox.Literal(f"word {i}"), ox.NamedNode(graph))
        for i in range(5)
    ]
    remote.replace_graph(graph, quads)
    local = ox.Store()
    local.extend(quads)
    query = "SELECT ?w ?s WHERE { ?s <urn:x-test:p> ?o FILTER(CONTAINS(?o, ?w)) }"
    bound: dict[ox.Variable, Bound] = {ox.Variable("w"): ox.Literal("3")}
    got = remote.raw.query(query, substitutions=bound)
    want = local.query(query, substitutions=bound, use_default_graph_as_union=True)
    assert isinstance(got, ox.QuerySolutions) and isinstance(want, ox.QuerySolutions)
    assert [(s["w"], s["s"]) for s in got] == [(s["w"], s["s"]) for s in want]


def test_each_query_form_gives_pyoxigraph_results(remote: RemoteStore) -> None:
    graph = "urn:x-test:forms"
    quad = ox.Quad(
        ox.NamedNode("urn:x-test:s"),
        ox.NamedNode("urn:x-test:p"),
        ox.Literal("o"),
        ox.NamedNode(graph),
    )
    remote.replace_graph(graph, [quad])
    asked = remote.raw.query("ASK { <urn:x-test:s> ?p ?o }")
    assert isinstance(asked, ox.QueryBoolean) and bool(asked)
    built = remote.raw.query(
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <urn:x-test:forms> { ?s ?p ?o } }"
    )
    assert isinstance(built, ox.QueryTriples)
    assert list(built) == [ox.Triple(quad.subject, quad.predicate, quad.object)]


def test_system_graphs_are_left_out(remote: RemoteStore) -> None:
    assert len(remote) == 0
    assert list(remote.graphs()) == []
    assert list(remote.raw) == []


def test_a_failed_put_leaves_the_old_graph(remote: RemoteStore) -> None:
    graph = "urn:x-test:atomic"
    old = {
        ox.Quad(
            ox.NamedNode("urn:x-test:s"),
            ox.NamedNode("urn:x-test:p"),
            ox.Literal("old"),
            ox.NamedNode(graph),
        )
    }
    remote.replace_graph(graph, old)
    assert remote.endpoints.graph_store is not None
    answer = httpx.put(
        remote.endpoints.graph_store,
        params={"graph": graph},
        content=b'<urn:x-test:s> <urn:x-test:p> "new" .\n<urn:x-test:s> broken .\n',
        headers={"Content-Type": "application/n-triples"},
    )
    assert answer.status_code >= 400
    assert remote.graph(graph) == old


def test_a_syntax_error_is_a_syntax_error(remote: RemoteStore) -> None:
    with pytest.raises(SyntaxError) as caught:
        remote.raw.query("SELECT WHERE nonsense")
    assert isinstance(caught.value, RemoteQueryError)


def test_a_slow_query_is_stopped_at_the_time_limit(virtuoso: Virtuoso, tmp_path: Path) -> None:
    store = open_store(StoreAddress.parse(virtuoso.address, work=tmp_path), timeout=0.5)
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with pytest.raises(RemoteTimeout):  # over Virtuoso's own graphs: the union graph is empty
        store.raw.query(heavy, use_default_graph_as_union=True)


def test_a_store_that_is_down_is_named_with_a_hint(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(StoreError) as caught:
        open_store(StoreAddress.parse(f"sparql+http://127.0.0.1:{port}/sparql", work=tmp_path))
    assert f"127.0.0.1:{port}" in caught.value.message
    assert caught.value.hint


def test_a_page_that_is_not_sparql_is_refused(virtuoso: Virtuoso, tmp_path: Path) -> None:
    address = f"sparql+http://127.0.0.1:{virtuoso.http_port}/no-such-endpoint"
    with pytest.raises(StoreError):
        open_store(StoreAddress.parse(address, work=tmp_path))
