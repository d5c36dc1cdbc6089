"""The same behaviour over both stores: the embedded Oxigraph folder and a Virtuoso
server (tests/virtuoso_support.py), each compared with a reference build of the examples
into Oxigraph."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from kg.iri import statistics_graph
from kg.pipeline import Status, build
from kg.resources import data_folder
from kg.settings import BuildSettings
from kg.store import GraphStore, Serialization, StoreAddress, open_store
from kg.store.queries import catalogue
from kg.store.run import distinct_rows, run
from kg.web.app import create_app
from kg.web.settings import ServeSettings
from tests.conftest import EXAMPLES

#: Virtuoso's tests are slow: its server takes seconds to start, and each build more.
BACKENDS = ["oxigraph", pytest.param("virtuoso", marks=pytest.mark.slow)]
Row = frozenset[tuple[str, str]]


@pytest.fixture(scope="module")
def reference(examples_store: Path) -> Path:
    """The examples built into an Oxigraph folder: what every backend must equal."""
    return examples_store


@pytest.fixture(scope="module", params=BACKENDS)
def address(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> StoreAddress:
    """An empty store of each kind, with its work folder."""
    work = tmp_path_factory.mktemp(request.param)
    if request.param == "oxigraph":
        return StoreAddress.of(work / "store")
    server = request.getfixturevalue("virtuoso")
    server.clear()
    return StoreAddress.parse(server.address, work=work / "work")


@pytest.fixture(scope="module")
def built(address: StoreAddress) -> StoreAddress:
    report = build([EXAMPLES], address, BuildSettings())
    assert report.ok, report.outcomes
    return address


@pytest.fixture
def store(built: StoreAddress) -> GraphStore:
    """The built store, opened for one test (an Oxigraph folder has one writer at a time)."""
    return open_store(built)


@pytest.fixture
def reader(built: StoreAddress) -> GraphStore:
    """The built store, opened to read only: a test module's server may hold it."""
    return open_store(built, read_only=True)


def _kept(graphs: Iterable[str]) -> set[str]:
    """The graphs that two builds of the same documents share: all but the build's own
    provenance, named by its time, and the statistics graph, whose drawings follow the
    order in which a store answers (a sampled betweenness and the nodes' layout)."""
    statistics = statistics_graph(BuildSettings().base_iri)
    return {g for g in graphs if "/id/build/" not in g and g.strip("<>") != statistics}


def _rows(solutions: object) -> set[Row]:
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return {frozenset((n, _cell(s[n])) for n in names if s[n] is not None) for s in solutions}


def _cell(term: object) -> str:
    """A term as text; a plain string by its sorted ", "-separated parts, since the order
    GROUP_CONCAT joins in is left open by SPARQL 1.1 (Virtuoso and Oxigraph differ)."""
    if isinstance(term, ox.Literal) and term.language is None and term.datatype == _STRING:
        return ", ".join(sorted(term.value.split(", ")))
    return str(term)


_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")


def test_build_fills_the_same_graphs(store: GraphStore, reference: Path) -> None:
    expected = open_store(reference, read_only=True)
    assert len(store) == len(expected)
    assert _kept(store.graphs()) == _kept(expected.graphs())
    assert store.document_graphs() == expected.document_graphs()
    for iri in expected.document_graphs():
        assert store.graph(iri) == expected.graph(iri), iri


def test_named_queries_answer_the_same(store: GraphStore, reference: Path) -> None:
    expected = open_store(reference, read_only=True)
    values = {"word": "skole"}
    for param, kind in [("person", "person:Person"), ("project", "mkg:Project")]:
        found = distinct_rows(expected.raw, f"SELECT ?x WHERE {{ ?x a {kind} }} ORDER BY ?x")
        values[param] = found[0]["x"]
    asked = 0
    for name, query in sorted(catalogue(data_folder("sparql")).items()):
        given = {p.name: values[p.name] for p in query.params if p.name in values}
        if any(p.required and p.name not in given for p in query.params):
            continue
        got, want = run(store.raw, query, given), run(expected.raw, query, given)
        assert _rows(got) == _rows(want), name
        asked += 1
    assert asked >= 5


def test_union_rows_are_distinct_the_same(store: GraphStore, reference: Path) -> None:
    query = "SELECT ?item ?title WHERE { ?item dct:title ?title }"
    expected = distinct_rows(open_store(reference, read_only=True).raw, query)
    got = distinct_rows(store.raw, query)
    assert len(got) == len(expected)
    assert {tuple(sorted(r.items())) for r in got} == {tuple(sorted(r.items())) for r in expected}


def test_rebuild_without_change_writes_nothing(built: StoreAddress, reference: Path) -> None:
    report = build([EXAMPLES], built, BuildSettings())
    assert report.ok
    assert {o.status for o in report.outcomes} == {Status.UNCHANGED}
    assert report.build_iri is None  # no provenance of a build that wrote nothing
    assert report.triples == len(open_store(reference, read_only=True))


def test_replace_graph_replaces_the_whole_graph(store: GraphStore) -> None:
    iri = "urn:x-test:replaced"
    first = [_quad(iri, f"urn:x-test:s{i}", f"old {i}") for i in range(3)]
    second = [_quad(iri, "urn:x-test:s9", 'new "quoted"\nline'), _quad(iri, "urn:x-test:s8", 7)]
    total = len(store)
    store.replace_graph(iri, first)
    assert store.graph(iri) == set(first)
    store.replace_graph(iri, second)
    assert store.graph(iri) == set(second)
    assert len(store) == total + len(second)
    store.remove_graph(iri)
    assert store.graph(iri) == set()
    assert len(store) == total


def _quad(graph: str, subject: str, value: str | int) -> ox.Quad:
    literal = (
        ox.Literal(str(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
        if isinstance(value, int)
        else ox.Literal(value, language="da")
    )
    return ox.Quad(
        ox.NamedNode(subject), ox.NamedNode("urn:x-test:p"), literal, ox.NamedNode(graph)
    )


def test_load_file_replaces_each_graph_it_fills(store: GraphStore, tmp_path: Path) -> None:
    file = tmp_path / "register.trig"
    file.write_text(
        '<urn:x-test:a> { <urn:x-test:org> <urn:x-test:name> "Gentofte"@da . }\n'
        "<urn:x-test:b> { <urn:x-test:org> <urn:x-test:cvr> 12345678 . }\n",
        encoding="utf-8",
    )
    assert store.load_file(file) == {"urn:x-test:a": 1, "urn:x-test:b": 1}
    assert {str(q.object) for q in store.graph("urn:x-test:a")} == {'"Gentofte"@da'}
    assert [q.object for q in store.graph("urn:x-test:b")] == [
        ox.Literal("12345678", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    ]
    for graph in ("urn:x-test:a", "urn:x-test:b"):
        store.remove_graph(graph)


def test_export_round_trips(store: GraphStore, reference: Path, tmp_path: Path) -> None:
    output = tmp_path / "all.nq"
    count = store.export(Serialization.NQUADS, output)
    read = set(ox.parse(path=str(output), format=ox.RdfFormat.N_QUADS))
    assert len(read) == count == len(store)
    want = set(open_store(reference, read_only=True).named_quads())
    assert {q for q in read if _kept([str(q.graph_name)])} == {
        q for q in want if _kept([str(q.graph_name)])
    }


# -- serving


@pytest.fixture(scope="module")
def served(built: StoreAddress) -> Iterator[TestClient]:
    with TestClient(create_app(ServeSettings(store=built))) as client:
        yield client


@pytest.fixture(scope="module")
def expected_client(reference: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServeSettings(store=reference))) as client:
        yield client


def _meeting(reference: Path) -> str:
    rows = distinct_rows(
        open_store(reference, read_only=True).raw,
        "SELECT ?m WHERE { ?m a mkg:Meeting } ORDER BY ?m",
    )
    return rows[0]["m"]


def test_resource_page_is_the_same(
    served: TestClient, expected_client: TestClient, reference: Path
) -> None:
    path = "/" + _meeting(reference).split("/", 3)[3]
    page, want = served.get(path), expected_client.get(path)
    assert page.status_code == want.status_code == 200
    assert "text/html" in page.headers["content-type"]
    turtle, want_turtle = served.get(path + ".ttl"), expected_client.get(path + ".ttl")
    assert turtle.status_code == 200
    got = set(ox.parse(turtle.content, format=ox.RdfFormat.TURTLE))
    assert got == set(ox.parse(want_turtle.content, format=ox.RdfFormat.TURTLE))
    assert got


def test_named_query_api_is_the_same(served: TestClient, expected_client: TestClient) -> None:
    path = "/api/queries/meetings-of-committee"
    got, want = served.get(path), expected_client.get(path)
    assert got.status_code == want.status_code == 200
    assert got.json()["results"]["bindings"]
    assert _bindings(got.json()) == _bindings(want.json())


def _bindings(data: dict[str, object]) -> list[str]:
    results = data["results"]
    assert isinstance(results, dict)
    return sorted(repr(sorted(b.items())) for b in results["bindings"])


def test_sparql_endpoint_is_the_same(served: TestClient, expected_client: TestClient) -> None:
    query = (
        "PREFIX mkg: <https://w3id.org/minutes-kg/ontology#> "
        "SELECT DISTINCT ?m ?c WHERE { ?m a mkg:Meeting ; mkg:heldBy ?c }"
    )
    params = {"query": query, "format": "csv"}
    got, want = served.get("/sparql", params=params), expected_client.get("/sparql", params=params)
    assert got.status_code == want.status_code == 200
    rows = sorted(tuple(r) for r in csv.reader(io.StringIO(got.text)))
    assert rows == sorted(tuple(r) for r in csv.reader(io.StringIO(want.text)))
    assert len(rows) > 1


# -- the relation graphs and the release, read through the same interface


def test_relation_graph_is_the_same(reader: GraphStore, reference: Path) -> None:
    from kg import graphs

    name = graphs.GraphName.parse("who-works-on-what")
    got = graphs.analysed(reader.raw, name)
    want = graphs.analysed(open_store(reference, read_only=True).raw, name)
    assert got.number_of_nodes() > 0
    assert dict(got.nodes(data="label")) == dict(want.nodes(data="label"))
    assert {frozenset(e) for e in got.edges()} == {frozenset(e) for e in want.edges()}


def test_publish_writes_the_same_dump(reader: GraphStore, tmp_path: Path) -> None:
    from kg.publish.dumps import read_dump
    from kg.publish.settings import load_settings
    from kg.publish.site import publish

    settings = load_settings(None, version="1.0.0")
    report = publish(reader.raw, tmp_path / "site", settings)
    assert report.resources > 0
    dump = tmp_path / "site" / "dumps" / "minutes-kg.nq.gz"
    read = set(read_dump(dump))
    statistics = ox.NamedNode(statistics_graph(BuildSettings().base_iri))  # not published
    assert read == {q for q in reader.named_quads() if q.graph_name != statistics}


def test_cli_takes_the_address(built: StoreAddress, reference: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    runner = CliRunner()
    env = {"KG_WORK": str(built.work)}
    argv = ["query", "meetings-of-committee", "--format", "csv"]
    got = runner.invoke(app, [*argv, "--store", str(built)], env=env)
    want = runner.invoke(app, [*argv, "--store", str(reference)])
    assert got.exit_code == want.exit_code == 0, got.output
    assert sorted(got.stdout.splitlines()) == sorted(want.stdout.splitlines())
    exported = runner.invoke(
        app, ["export", "--store", str(built), "--format", "ntriples", "-o", str(tmp_path / "a.nt")]
    )
    assert exported.exit_code == 0, exported.output
    assert len(list(ox.parse(path=str(tmp_path / "a.nt"), format=ox.RdfFormat.N_TRIPLES))) > 0
