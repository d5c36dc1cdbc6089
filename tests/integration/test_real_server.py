"""A real `kg serve` on loopback: a standard SPARQL client, dereferencing, and pages kept
answering while slow queries run."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import ResultRow

from tests.browser_support import served

pytestmark = [pytest.mark.integration, pytest.mark.slow]  # a `kg serve` of its own


@pytest.fixture(scope="module")
def site(seed_store: Path) -> Iterator[str]:
    with served(seed_store) as address:
        yield address


def test_rdflib_sparql_store_queries_the_endpoint(site: str) -> None:
    graph = rdflib.Graph(SPARQLStore(site + "/sparql", returnFormat="json"))
    result = graph.query(
        "SELECT DISTINCT ?name WHERE { ?m <https://w3id.org/minutes-kg/ontology#absent> ?p . "
        "?p <http://xmlns.com/foaf/0.1/name> ?name } ORDER BY ?name"
    )
    rows = [row for row in result if isinstance(row, ResultRow)]
    assert [str(r[0]) for r in rows] == [
        "Bastian Broby Glavind Hansen", "Casper Schiøtz Bratvold", "Jesper Alkestrup",
        "Maria Cordt", "Mira Wessels", "Nikolaj Beuschel", "Poul Vagn Jensen",
    ]  # fmt: skip
    assert bool(graph.query("ASK { ?s a <https://w3id.org/minutes-kg/ontology#Meeting> }"))


def test_construct_and_dereference_parse_back(site: str) -> None:
    response = httpx.post(
        site + "/sparql",
        content="CONSTRUCT { ?m ?p ?o } WHERE { ?m a <https://w3id.org/minutes-kg/ontology#Meeting> ; ?p ?o }",
        headers={"content-type": "application/sparql-query", "accept": "text/turtle"},
    )
    assert response.status_code == 200
    assert len(rdflib.Graph().parse(data=response.text, format="turtle")) > 20
    page = httpx.get(site + "/id/person/poul-vagn-jensen.ttl")
    person = rdflib.URIRef("http://localhost:8000/id/person/poul-vagn-jensen")
    assert (
        person,
        rdflib.namespace.FOAF.name,
        rdflib.Literal("Poul Vagn Jensen"),
    ) in rdflib.Graph().parse(data=page.text, format="turtle")


SLOW = """SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"""


def test_a_burst_of_slow_queries_does_not_stop_pages(site: str) -> None:
    """Six queries that cannot finish in time; while they run, pages still answer, and
    every slow one ends with a clear status, not a hang."""
    finished: list[int] = []
    statuses: list[int] = []

    def slow() -> None:
        response = httpx.get(site + "/sparql", params={"query": SLOW}, timeout=120)
        statuses.append(response.status_code)
        finished.append(1)

    threads = [threading.Thread(target=slow) for _ in range(6)]
    for t in threads:
        t.start()
    pages = []
    for _ in range(10):
        pages.append(httpx.get(site + "/id/person/gry-ravn", timeout=60).status_code)
        pages.append(httpx.get(site + "/", timeout=60).status_code)
    served_while_busy = len(finished) < len(threads)
    for t in threads:
        t.join()
    assert pages == [200] * 20
    assert served_while_busy, "every slow query had ended before the pages were answered"
    assert set(statuses) <= {503, 422} and statuses
