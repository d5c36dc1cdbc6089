"""The SPARQL 1.1 Protocol endpoint, in-process: media types, errors, the dataset
parameters, the service description, SERVICE refusal, the time and result limits and
the read-only store."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from fastapi import FastAPI
from fastapi.testclient import TestClient

from kg.formats import Media
from kg.store import OxigraphStore
from kg.web.app import create_app
from kg.web.errors import HttpError
from kg.web.runner import Job, QueryRunner, QueryTimeout, TooManyResults
from kg.web.settings import ServeSettings
from kg.web.sparql import close_runner, inspect_query, query_runner

EX = "http://example.org/id/"
DOC1 = "http://example.org/graph/doc1"
DOC2 = "http://example.org/graph/doc2"
BULK = "http://example.org/graph/bulk"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
BULK_SIZE = 1500
MAX_RESULTS = 200
TIMEOUT = 1.0
PREFIX = f"PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX ex: <{EX}>\n"
LABELS = {
    DOC1: ["Børne- og Ungeudvalget", "Møde i Ærøskøbing"],
    DOC2: ["Søren Æbelø", "Budgetmøde: «økonomi» og skæve tal"],
}
ALL_LABELS = {label for labels in LABELS.values() for label in labels}
LABEL_QUERY = PREFIX + "SELECT ?label WHERE { ?s rdfs:label ?label }"
UDVALG = PREFIX + "SELECT ?label WHERE { ex:udvalg rdfs:label ?label }"


def _quad(s: str, p: str, o: ox.NamedNode | ox.Literal, g: str) -> ox.Quad:
    return ox.Quad(ox.NamedNode(EX + s), ox.NamedNode(p), o, ox.NamedNode(g))


@pytest.fixture(scope="module")
def store_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sparql-store")
    store = OxigraphStore(folder)
    udvalg = ox.NamedNode(EX + "udvalg")
    store.replace_graphs(
        {
            DOC1: [
                _quad("udvalg", LABEL, ox.Literal(LABELS[DOC1][0], language="da"), DOC1),
                _quad("moede1", LABEL, ox.Literal(LABELS[DOC1][1], language="da"), DOC1),
                _quad("moede1", EX + "udvalg", udvalg, DOC1),
            ],
            DOC2: [
                _quad("person", LABEL, ox.Literal(LABELS[DOC2][0], language="da"), DOC2),
                _quad("person", EX + "medlemAf", udvalg, DOC2),
                _quad("moede2", LABEL, ox.Literal(LABELS[DOC2][1], language="da"), DOC2),
            ],
            BULK: [_quad(f"n{i}", EX + "value", ox.Literal(i), BULK) for i in range(BULK_SIZE)],
        }
    )
    del store  # the server opens it read-only
    return folder


def _app(folder: Path, **settings: Any) -> FastAPI:
    return create_app(ServeSettings(store=folder, **settings))


@pytest.fixture(scope="module")
def app(store_folder: Path) -> Iterator[FastAPI]:
    app = _app(store_folder, query_timeout=TIMEOUT, max_results=MAX_RESULTS, query_workers=2)
    yield app
    close_runner(app)


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


def _error(response: httpx.Response, status: int, fragment: str) -> None:
    assert response.status_code == status, response.text
    assert fragment in response.json()["error"], response.json()


def _labels(response: httpx.Response) -> set[str]:
    assert response.status_code == 200, response.text
    rows = json.loads(response.content)["results"]["bindings"]
    return {row["label"]["value"] for row in rows}


# Results in every media type


@pytest.mark.parametrize(
    ("accept", "fmt", "media"),
    [
        ("application/sparql-results+json", None, Media.SPARQL_JSON),
        ("application/sparql-results+xml", None, Media.SPARQL_XML),
        ("text/csv", None, Media.CSV),
        ("text/tab-separated-values", None, Media.TSV),
        ("application/json", None, Media.JSON),
        (None, None, Media.SPARQL_JSON),
        ("*/*", None, Media.SPARQL_JSON),
        ("text/html,application/xhtml+xml,*/*;q=0.8", None, Media.SPARQL_JSON),
        ("text/csv;q=0.5, application/sparql-results+xml", None, Media.SPARQL_XML),
        ("application/xml", None, Media.SPARQL_XML),
        ("text/html", "csv", Media.CSV),
        ("text/turtle", "tsv", Media.TSV),
        (None, "xml", Media.SPARQL_XML),
        (None, "json", Media.SPARQL_JSON),
        (None, "application/sparql-results+xml", Media.SPARQL_XML),
    ],
)
def test_select_answers_each_results_format(
    client: TestClient, accept: str | None, fmt: str | None, media: Media
) -> None:
    params = {"query": UDVALG} | ({"format": fmt} if fmt else {})
    headers = {"accept": accept} if accept else {}
    response = client.get("/sparql", params=params, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == media.content_type
    assert "accept" in response.headers["vary"].lower()
    if media is Media.CSV:
        assert list(csv.reader(io.StringIO(response.text))) == [["label"], [LABELS[DOC1][0]]]
        return
    assert media.results_format is not None
    solutions = ox.parse_query_results(response.content, media.results_format)
    assert isinstance(solutions, ox.QuerySolutions)
    assert [s["label"] for s in solutions] == [ox.Literal(LABELS[DOC1][0], language="da")]


@pytest.mark.parametrize(
    ("media", "expected"),
    [
        (Media.SPARQL_JSON, b'"boolean":true'),
        (Media.JSON, b'"boolean":true'),
        (Media.SPARQL_XML, b"<boolean>true</boolean>"),
        (Media.CSV, b"true"),
        (Media.TSV, b"true"),
    ],
)
def test_ask_answers_each_results_format(client: TestClient, media: Media, expected: bytes) -> None:
    query = (
        "# is there a committee?\n" + PREFIX + 'ASK { ?s rdfs:label "Børne- og Ungeudvalget"@da }'
    )
    response = client.get("/sparql", params={"query": query}, headers={"accept": media.value})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == media.content_type
    assert expected in response.content


def test_results_keep_every_kind_of_term(client: TestClient) -> None:
    """Rows go through TSV in the worker (to be counted): nothing may change on the way."""
    query = (
        'SELECT ?a ?b ?c WHERE { VALUES (?a ?b ?c) { ("tab\\there\\nny linje \\"æ\\""@da 1 '
        '<http://example.org/x>) (UNDEF "2024-05-01"^^<http://www.w3.org/2001/XMLSchema#date> '
        '"ø") ("1.5e0"^^<http://www.w3.org/2001/XMLSchema#double> UNDEF UNDEF) } }'
    )
    for media in (Media.SPARQL_JSON, Media.SPARQL_XML, Media.TSV, Media.CSV):
        assert media.results_format is not None
        response = client.get("/sparql", params={"query": query, "format": media.value})
        direct = ox.Store().query(query)
        assert isinstance(direct, ox.QuerySolutions)
        assert response.content == direct.serialize(format=media.results_format)


def test_select_counts_blank_nodes_and_empty_results(client: TestClient) -> None:
    both = client.get("/sparql", params={"query": "SELECT ?x WHERE { BIND(BNODE() AS ?x) }"})
    assert json.loads(both.content)["results"]["bindings"][0]["x"]["type"] == "bnode"
    none = client.get("/sparql", params={"query": "SELECT ?x WHERE { FILTER(false) }"})
    assert json.loads(none.content) == {"head": {"vars": ["x"]}, "results": {"bindings": []}}


CONSTRUCT = PREFIX + "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }"
DESCRIBE = f"DESCRIBE <{EX}person>"


@pytest.mark.parametrize(
    ("query", "accept", "fmt", "media"),
    [
        (CONSTRUCT, "text/turtle", None, Media.TURTLE),
        (CONSTRUCT, "application/n-triples", None, Media.NTRIPLES),
        (CONSTRUCT, "application/ld+json", None, Media.JSONLD),
        (CONSTRUCT, "application/rdf+xml", None, Media.RDFXML),
        (CONSTRUCT, "application/n-quads", None, Media.NQUADS),
        (CONSTRUCT, "text/plain", None, Media.NTRIPLES),
        (CONSTRUCT, None, None, Media.TURTLE),
        (CONSTRUCT, "text/html,*/*;q=0.8", None, Media.TURTLE),
        (CONSTRUCT, "text/html", "nt", Media.NTRIPLES),
        (CONSTRUCT, None, "jsonld", Media.JSONLD),
        (CONSTRUCT, None, "rdf", Media.RDFXML),
        (DESCRIBE, None, None, Media.TURTLE),
        (DESCRIBE, "application/ld+json", None, Media.JSONLD),
        (DESCRIBE, None, "ttl", Media.TURTLE),
    ],
)
def test_graph_queries_answer_each_rdf_format(
    client: TestClient, query: str, accept: str | None, fmt: str | None, media: Media
) -> None:
    params = {"query": query} | ({"format": fmt} if fmt else {})
    headers = {"accept": accept} if accept else {}
    response = client.get("/sparql", params=params, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == media.content_type
    assert media.rdf_format is not None
    got = {(t.subject, t.predicate, t.object) for t in ox.parse(response.content, media.rdf_format)}
    if query == DESCRIBE:
        person = ox.NamedNode(EX + "person")
        assert got == {
            (person, ox.NamedNode(LABEL), ox.Literal(LABELS[DOC2][0], language="da")),
            (person, ox.NamedNode(EX + "medlemAf"), ox.NamedNode(EX + "udvalg")),
        }
    else:
        assert {o.value for (_, _, o) in got} == ALL_LABELS


def test_get_and_both_posts_answer_alike(client: TestClient) -> None:
    by_get = client.get("/sparql", params={"query": LABEL_QUERY})
    by_form = client.post("/sparql", data={"query": LABEL_QUERY})
    by_body = client.post(
        "/sparql",
        content=LABEL_QUERY.encode(),
        headers={"content-type": "application/sparql-query; charset=UTF-8"},
    )
    assert _labels(by_get) == _labels(by_form) == _labels(by_body) == ALL_LABELS


# Errors

GOOD = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"
FORM = {"content-type": "application/x-www-form-urlencoded"}
QUERY_BODY = {"content-type": "application/sparql-query"}


@pytest.mark.parametrize(
    ("method", "url", "body", "headers", "status", "fragment"),
    [
        ("GET", "/sparql?query=SELECT%20*%20WHERE%20%7B", None, {}, 400, "does not parse"),
        ("GET", "/sparql?query=WHERE%20%7B%7D", None, {}, 400, "must be a SELECT"),
        ("GET", "/sparql?query=", None, {}, 400, "empty"),
        ("GET", "/sparql?query=%23%20only%20a%20comment", None, {}, 400, "empty"),
        ("GET", "/sparql?query=ASK%7B%7D&query=ASK%7B%7D", None, {}, 400, "has 2"),
        ("GET", "/sparql?query=ASK%7B%7D&update=CLEAR%20ALL", None, {}, 400, "read-only"),
        ("GET", "/sparql?query=%FF", None, {}, 400, "UTF-8"),
        ("GET", "/sparql?query=ASK%7B%7D&default-graph-uri=not%20an%20iri", None, {}, 400, "IRI"),
        ("GET", "/sparql?query=ASK%7B%7D&named-graph-uri=relative", None, {}, 400, "IRI"),
        ("GET", "/sparql?query=ASK%7B%7D&named-graph-uri=http://a%20b", None, {}, 400, "IRI"),
        ("POST", "/sparql", b"query=ASK%7B%7D&query=ASK%7B%7D", FORM, 400, "has 2"),
        ("POST", "/sparql?query=ASK%7B%7D", b"ASK {}", QUERY_BODY, 400, "has 2"),
        ("POST", "/sparql", b"format=json", FORM, 400, "has 0"),
        ("POST", "/sparql", b"", QUERY_BODY, 400, "empty"),
        ("POST", "/sparql", b"   \n", QUERY_BODY, 400, "empty"),
        ("POST", "/sparql", "ASK { ?s ?p 'Ærø' }".encode("latin-1"), QUERY_BODY, 400, "UTF-8"),
        ("POST", "/sparql", b"query=ASK%7B%3Fs%3Fp'%C6r%F8'%7D", FORM, 400, "UTF-8"),
        ("POST", "/sparql", b"ASK {}", {"content-type": "text/plain"}, 415, "text/plain"),
        ("POST", "/sparql", b"ASK {}", {"content-type": "application/json"}, 415, "not"),
        ("POST", "/sparql", b"ASK {}", {}, 415, "without a Content-Type"),
        (
            "POST",
            "/sparql",
            b"ASK {}",
            {"content-type": "application/sparql-query; charset=ISO-8859-1"},
            415,
            "UTF-8",
        ),
        ("POST", "/sparql", b"x" * ((1 << 20) + 1), QUERY_BODY, 413, "larger"),
        ("GET", "/sparql?query=ASK%7B%7D", None, {"accept": "text/turtle"}, 406, "Accept"),
        ("GET", "/sparql?query=ASK%7B%7D&format=ttl", None, {}, 406, "json, xml, csv, tsv"),
        ("GET", "/sparql?query=ASK%7B%7D&format=png", None, {}, 406, "format=png"),
        (
            "GET",
            "/sparql?query=CONSTRUCT%7B%7DWHERE%7B%7D",
            None,
            {"accept": "application/sparql-results+json"},
            406,
            "Accept",
        ),
        ("GET", "/sparql", None, {"accept": "image/png"}, 406, "Accept"),
    ],
)
def test_bad_requests_are_refused(
    client: TestClient,
    method: str,
    url: str,
    body: bytes | None,
    headers: dict[str, str],
    status: int,
    fragment: str,
) -> None:
    response = client.request(method, url, content=body, headers=headers)
    _error(response, status, fragment)


def test_errors_speak_json_to_sparql_clients(client: TestClient) -> None:
    response = client.get(
        "/sparql",
        params={"query": "SELECT * {"},
        headers={"accept": "application/sparql-results+json"},
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"].startswith("the query does not parse")


# The dataset

NAMED_QUERY = "SELECT ?graph WHERE { GRAPH ?graph { ?s <" + LABEL + "> ?label } }"


@pytest.mark.parametrize(
    ("query", "defaults", "named", "expected"),
    [
        (LABEL_QUERY, [], [], ALL_LABELS),
        (LABEL_QUERY.replace("WHERE", f"FROM <{DOC1}> WHERE"), [], [], set(LABELS[DOC1])),
        (LABEL_QUERY.replace("WHERE", f"FROM <{DOC1}> WHERE"), [DOC2], [], set(LABELS[DOC2])),
        (LABEL_QUERY, [DOC2], [], set(LABELS[DOC2])),
        (LABEL_QUERY, [DOC1, DOC2], [], ALL_LABELS),
        (LABEL_QUERY, [], [DOC1], set()),  # the protocol's dataset has no default graph
        (LABEL_QUERY.replace("WHERE", f"FROM NAMED <{DOC1}> WHERE"), [], [], set()),
        (LABEL_QUERY, ["http://example.org/graph/none"], [], set()),
    ],
)
def test_dataset_parameters_replace_from(
    client: TestClient, query: str, defaults: list[str], named: list[str], expected: set[str]
) -> None:
    params = [("query", query)]
    params += [("default-graph-uri", g) for g in defaults]
    params += [("named-graph-uri", g) for g in named]
    assert _labels(client.get("/sparql", params=params)) == expected
    form = urlencode(params).encode()
    assert _labels(client.post("/sparql", content=form, headers=FORM)) == expected


@pytest.mark.parametrize(
    ("query", "defaults", "named", "expected"),
    [
        (NAMED_QUERY, [], [], {DOC1, DOC2}),
        (NAMED_QUERY.replace("WHERE", f"FROM NAMED <{DOC1}> WHERE"), [], [], {DOC1}),
        (NAMED_QUERY.replace("WHERE", f"FROM NAMED <{DOC1}> WHERE"), [], [DOC2], {DOC2}),
        (NAMED_QUERY, [], [DOC1, DOC2], {DOC1, DOC2}),
        (NAMED_QUERY, [DOC1], [], set()),  # the protocol's dataset has no named graph
    ],
)
def test_named_graph_parameters_replace_from_named(
    client: TestClient, query: str, defaults: list[str], named: list[str], expected: set[str]
) -> None:
    params = [("query", query)]
    params += [("default-graph-uri", g) for g in defaults]
    params += [("named-graph-uri", g) for g in named]
    by_body = client.post("/sparql", params=params[1:], content=query.encode(), headers=QUERY_BODY)
    for response in (client.get("/sparql", params=params), by_body):
        assert response.status_code == 200, response.text
        rows = json.loads(response.content)["results"]["bindings"]
        assert {row["graph"]["value"] for row in rows} == expected


# The service description

SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
FORMATS = rdflib.Namespace("http://www.w3.org/ns/formats/")


@pytest.mark.parametrize(
    ("accept", "fmt", "media", "rdflib_format"),
    [
        ("text/turtle", None, Media.TURTLE, "turtle"),
        (None, None, Media.TURTLE, "turtle"),
        ("*/*", None, Media.TURTLE, "turtle"),
        ("application/ld+json", None, Media.JSONLD, "json-ld"),
        ("application/n-triples", None, Media.NTRIPLES, "nt"),
        ("application/rdf+xml", None, Media.RDFXML, "xml"),
        ("text/html", "ttl", Media.TURTLE, "turtle"),
        (None, "jsonld", Media.JSONLD, "json-ld"),
    ],
)
def test_service_description(
    client: TestClient, accept: str | None, fmt: str | None, media: Media, rdflib_format: str
) -> None:
    headers = {"accept": accept} if accept else {}
    response = client.get("/sparql", params={"format": fmt} if fmt else {}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == media.content_type
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    service = graph.value(predicate=rdflib.RDF.type, object=SD.Service)
    assert service is not None
    assert graph.value(service, SD.endpoint) == rdflib.URIRef("http://testserver/sparql")
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    assert (service, SD.feature, SD.BasicFederatedQuery) not in graph
    formats = set(graph.objects(service, SD.resultFormat))
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV"):
        assert FORMATS[name] in formats
    assert {FORMATS.SPARQL_Results_TSV, FORMATS.Turtle, FORMATS["JSON-LD"]} <= formats
    assert {FORMATS["N-Triples"], FORMATS.RDF_XML} <= formats
    dataset = graph.value(service, SD.defaultDataset)
    assert graph.value(dataset, SD.defaultGraph) is not None
    sizes = {}
    for named in graph.objects(dataset, SD.namedGraph):
        size = graph.value(graph.value(named, SD.graph), VOID.triples)
        assert isinstance(size, rdflib.Literal)
        sizes[str(graph.value(named, SD.name))] = size.toPython()
    assert sizes == {DOC1: 3, DOC2: 3, BULK: BULK_SIZE}


def test_service_description_page_for_browsers(client: TestClient) -> None:
    response = client.get("/sparql", headers={"accept": "text/html,*/*;q=0.8"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "SPARQL endpoint" in response.text
    assert '<form method="get" action="http://testserver/sparql">' in response.text
    assert 'name="query"' in response.text


def test_the_endpoint_is_in_the_openapi_document(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"get", "post"} <= set(paths["/sparql"])
    names = {p["name"] for p in paths["/sparql"]["get"]["parameters"]}
    assert names == {"query", "default-graph-uri", "named-graph-uri", "format"}


# SERVICE


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A loopback port that records whether anything connected to it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        sock.settimeout(0.3)
        yield sock


def _connected(sock: socket.socket) -> bool:
    try:
        conn, _ = sock.accept()
    except TimeoutError:
        return False
    conn.close()
    return True


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("SELECT * WHERE { SERVICE <{evil}> { ?s ?p ?o } }", "SERVICE is not allowed to <{evil}>"),
        ("SELECT * WHERE { SERVICE SILENT <{evil}> { ?s ?p ?o } }", "not allowed to <{evil}>"),
        ("select * where { service <{evil}> { ?s ?p ?o } }", "not allowed to <{evil}>"),
        ("SELECT * WHERE { ?s ?p ?o SERVICE ?s { ?a ?b ?c } }", "not allowed to ?s"),
        ("SELECT * WHERE { SERVICE SILENT $x { ?a ?b ?c } }", "not allowed to $x"),
        (
            "PREFIX e: <{root}> SELECT * WHERE { SERVICE e:sparql { ?s ?p ?o } }",
            "not allowed to <{evil}>",
        ),
        (
            "SELECT * WHERE { OPTIONAL { SERVICE # a comment\n <{evil}> { ?s ?p ?o } } }",
            "not allowed to <{evil}>",
        ),
        (
            "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <{evil}> { ?s ?p ?o } } } }",
            "not allowed to <{evil}>",
        ),
        ("ASK { FILTER EXISTS { SERVICE <{evil}> { ?s ?p ?o } } }", "not allowed to <{evil}>"),
        (
            "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE<{evil}>{ ?s ?p ?o } }",
            "not allowed to <{evil}>",
        ),
        (
            "BASE <{root}> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
            "not allowed to <sparql>",
        ),
        (
            "SELECT * WHERE { SERVICE <{root}\\u0073parql> { ?s ?p ?o } }",
            "not allowed to <{evil}>",
        ),
        # `<'x>` looks like an IRI to the lexer, which then misses SERVICE: the probe catches it
        (
            "SELECT * WHERE { ?s ?p ?a FILTER(?a<'x>') SERVICE <{evil}> { ?s ?p ?o } FILTER(?a<'y') }",
            "does not parse",
        ),
    ],
)
def test_service_is_refused_before_anything_connects(
    client: TestClient, listener: socket.socket, query: str, fragment: str
) -> None:
    root = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    values = {"root": root, "evil": root + "sparql"}
    text = query.replace("{root}", values["root"]).replace("{evil}", values["evil"])
    response = client.get("/sparql", params={"query": text})
    _error(response, 400, fragment.replace("{evil}", values["evil"]))
    assert not _connected(listener)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?service WHERE { ?service ?p "SERVICE <{evil}> { }" } # SERVICE <{evil}> {}',
        "SELECT * WHERE { <http://example.org/service> ?p ?o }",
        "PREFIX service: <http://example.org/> SELECT * WHERE { ?s service:p ?o }",
        "SELECT * WHERE { ?s ?p '''\nSERVICE <{evil}> {}\n''' }",
    ],
)
def test_service_only_mentioned_is_no_service(
    client: TestClient, listener: socket.socket, query: str
) -> None:
    evil = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    response = client.get("/sparql", params={"query": query.replace("{evil}", evil)})
    assert response.status_code == 200, response.text
    assert not _connected(listener)


def test_an_allowed_service_passes_the_checks() -> None:
    """Parse time only: the allowed endpoint is never called in tests."""
    allowed = "https://query.wikidata.org/sparql"
    query = (
        'PREFIX wd: <https://query.wikidata.org/> SELECT * WHERE { ?s ?p "service" '
        "SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } "
        "SERVICE SILENT wd:sparql { ?s ?p ?o } }"
    )
    shape = inspect_query(query, [allowed])
    assert shape.form == "SELECT"
    assert shape.probe is not None
    assert shape.probe.count("SERVICE") == 2  # kept: these are allowed
    assert '"servicf"' in shape.probe  # what is not a checked SERVICE is made inert
    with pytest.raises(HttpError, match=r"not allowed to <https://query\.wikidata\.org/other>"):
        inspect_query(query + " SERVICE wd:other {}", [allowed])


@pytest.mark.parametrize(
    ("query", "form", "has_dataset"),
    [
        ("PREFIX x: <http://example.org/#> SELECT * WHERE {}", "SELECT", False),
        ("# comment\nASK {}", "ASK", False),
        ("DESCRIBE <http://example.org/x>", "DESCRIBE", False),
        ("base <http://b/> prefix : <http://c/> construct {} where {}", "CONSTRUCT", False),
        ("PREFIX : <http://c/#> # SELECT\nDESCRIBE :x FROM <http://g>", "DESCRIBE", True),
        ('PREFIX p: <http://c/> SELECT ("FROM" AS ?x) WHERE {}', "SELECT", False),
        ('VERSION "1.2" ASK {}', "ASK", False),
    ],
)
def test_query_form_is_read_before_running(query: str, form: str, has_dataset: bool) -> None:
    shape = inspect_query(query, [])
    assert (shape.form, shape.has_dataset, shape.probe) == (form, has_dataset, None)


# The limits


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


SLOW = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{BULK}> {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }} }}"


def test_a_slow_query_is_stopped_while_others_are_answered(
    app: FastAPI, client: TestClient
) -> None:
    query_runner(app).start()
    workers = {p.pid for p in multiprocessing.active_children() if p.name == "kg-sparql"}
    assert len(workers) == 2
    slow: list[httpx.Response] = []
    thread = threading.Thread(
        target=lambda: slow.append(client.get("/sparql", params={"query": SLOW}))
    )
    began = time.monotonic()
    thread.start()
    time.sleep(0.2)
    fast = time.monotonic()
    assert _labels(client.get("/sparql", params={"query": UDVALG})) == {LABELS[DOC1][0]}
    assert time.monotonic() - fast < 0.5
    assert thread.is_alive()  # the slow query still runs meanwhile
    thread.join(10)
    assert TIMEOUT <= time.monotonic() - began < TIMEOUT + 3
    _error(slow[0], 503, f"the query ran longer than {TIMEOUT:g} s and was stopped")
    stopped = [pid for pid in workers if pid is not None and not _alive(pid)]
    assert len(stopped) == 1  # killed, not abandoned
    # and a fresh worker takes its place
    assert _labels(client.get("/sparql", params={"query": UDVALG})) == {LABELS[DOC1][0]}


def test_the_runner_stops_a_slow_query(store_folder: Path) -> None:
    before = {p.pid for p in multiprocessing.active_children()}
    runner = QueryRunner(store_folder, timeout=0.5, max_results=10, workers=1)
    try:
        with pytest.raises(QueryTimeout, match=r"longer than 0\.5 s"):
            runner.run_sync(Job(SLOW, Media.CSV.value))
        with pytest.raises(TooManyResults, match="more than 10 results"):
            runner.run_sync(
                Job(f"SELECT * WHERE {{ GRAPH <{BULK}> {{ ?s ?p ?o }} }}", Media.TSV.value)
            )
        assert runner.run_sync(Job("ASK {}", Media.CSV.value)) == b"true"
    finally:
        runner.close()
    assert {p.pid for p in multiprocessing.active_children()} <= before  # all stopped


@pytest.mark.parametrize(
    ("query", "accept", "status"),
    [
        (f"SELECT * WHERE {{ GRAPH <{BULK}> {{ ?s ?p ?o }} }}", "text/csv", 422),
        (
            f"SELECT * WHERE {{ GRAPH <{BULK}> {{ ?s ?p ?o }} }} LIMIT {MAX_RESULTS}",
            "text/csv",
            200,
        ),
        (f"SELECT * WHERE {{ ?s <{EX}value> ?o }} LIMIT {MAX_RESULTS + 1}", "text/csv", 422),
        (f"CONSTRUCT WHERE {{ ?s <{EX}value> ?o }}", "text/turtle", 422),
        (f"CONSTRUCT WHERE {{ ?s <{EX}value> ?o }} LIMIT {MAX_RESULTS}", "text/turtle", 200),
        (f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{BULK}> {{ ?s ?p ?o }} }}", "text/csv", 200),
    ],
)
def test_results_past_the_limit_are_refused(
    client: TestClient, query: str, accept: str, status: int
) -> None:
    response = client.get("/sparql", params={"query": query}, headers={"accept": accept})
    assert response.status_code == status, response.text
    if status == 422:
        assert response.json()["error"] == f"the query has more than {MAX_RESULTS} results"
        assert f"LIMIT {MAX_RESULTS}" in response.json()["hint"]
    elif accept == "text/csv" and "COUNT" not in query:
        assert len(response.text.strip().splitlines()) == MAX_RESULTS + 1


# Read-only


def _dump(folder: Path) -> set[ox.Quad]:
    return set(ox.Store.read_only(str(folder / "oxigraph")))


INSERT = f'INSERT DATA {{ GRAPH <{DOC1}> {{ <{EX}x> <{LABEL}> "indsat" }} }}'
DROP = f"DROP GRAPH <{DOC1}>"


@pytest.mark.parametrize(
    ("method", "params", "body", "headers"),
    [
        ("GET", {"query": INSERT}, None, {}),
        ("GET", {"update": INSERT}, None, {}),
        ("GET", {"query": "PREFIX e: <http://e/>\n# drop it\n" + DROP}, None, {}),
        ("POST", {}, f"update={INSERT}".encode(), FORM),
        ("POST", {}, urlencode({"query": DROP}).encode(), FORM),
        ("POST", {}, INSERT.encode(), QUERY_BODY),
        ("POST", {}, INSERT.encode(), {"content-type": "application/sparql-update"}),
        ("POST", {}, b"CLEAR ALL", {"content-type": "application/sparql-update"}),
        (
            "POST",
            {},
            f"WITH <{DOC1}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}".encode(),
            QUERY_BODY,
        ),
    ],
)
def test_updates_are_refused_and_change_nothing(
    client: TestClient,
    store_folder: Path,
    method: str,
    params: dict[str, str],
    body: bytes | None,
    headers: dict[str, str],
) -> None:
    before = _dump(store_folder)
    response = client.request(method, "/sparql", params=params, content=body, headers=headers)
    _error(response, 400, "read-only")
    assert _dump(store_folder) == before
    assert _labels(client.get("/sparql", params={"query": LABEL_QUERY})) == ALL_LABELS


def test_the_served_store_cannot_be_written(app: FastAPI) -> None:
    with pytest.raises((OSError, RuntimeError), match="read-write"):
        app.state.kg.store.update(INSERT)


# CORS


def test_cors_preflight_and_answers(client: TestClient) -> None:
    origin = {"origin": "https://editor.example.org"}
    preflight = client.options(
        "/sparql",
        headers=origin
        | {
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "content-type" in preflight.headers["access-control-allow-headers"].lower()
    answer = client.post("/sparql", data={"query": "ASK {}"}, headers=origin)
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize(
    ("query", "subject"),
    [
        # the W3C SPARQL 1.1 Protocol test: relative IRIs resolve against the endpoint's URL
        ("CONSTRUCT { <s> <p> 1 } WHERE {}", "http://testserver/s"),
        ("CONSTRUCT { <#s> <p> 1 } WHERE {}", "http://testserver/sparql#s"),
        # the query's own BASE wins
        ("BASE <http://example.org/b/> CONSTRUCT { <s> <p> 1 } WHERE {}", "http://example.org/b/s"),
    ],
)
def test_relative_iris_resolve_against_the_endpoint_url(
    client: TestClient, query: str, subject: str
) -> None:
    response = client.post(
        "/sparql", data={"query": query}, headers={"accept": "application/n-triples"}
    )
    assert response.status_code == 200, response.text
    (triple,) = ox.parse(response.content, ox.RdfFormat.N_TRIPLES)
    assert triple.subject == ox.NamedNode(subject)
    assert triple.object == ox.Literal("1", datatype=ox.NamedNode(XSD_INTEGER))
