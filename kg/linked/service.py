"""The SPARQL 1.1 Service Description of the endpoint: what it answers in, its features
and its dataset with the size of each named graph. ``/sparql`` answers it (`kg.web.sparql`)
and `kg publish` writes it beside the catalogue. For a browser, the endpoint's own page
(`endpoint_page`)."""

from __future__ import annotations

from html import escape

import pyoxigraph as ox

from kg.formats import Media
from kg.store.protocol import QueryStore
from kg.store.run import distinct_rows
from kg.vocab import RDF, XSD

#: What a SELECT or ASK answers in, and what a CONSTRUCT or DESCRIBE does (first: default).
RESULTS = [Media.SPARQL_JSON, Media.SPARQL_XML, Media.CSV, Media.TSV, Media.JSON]
GRAPHS = [Media.TURTLE, Media.NTRIPLES, Media.JSONLD, Media.RDFXML, Media.NQUADS]

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"

_Fact = tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, ox.NamedNode | ox.BlankNode | ox.Literal]


def graph_sizes(store: QueryStore) -> list[tuple[str, int]]:
    """Each named graph and its number of triples, in IRI order."""
    rows = distinct_rows(
        store, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    )
    return sorted((r["g"], int(r["n"])) for r in rows)


def description(endpoint: str, graphs: list[tuple[str, int]], federated: bool) -> list[ox.Triple]:
    """A SPARQL 1.1 Service Description of the endpoint at ``endpoint``."""

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    a = ox.NamedNode(RDF.type)
    service, dataset, default = (ox.BlankNode(n) for n in ("service", "dataset", "default"))
    facts: list[_Fact] = [
        (service, a, sd("Service")),
        (service, sd("endpoint"), ox.NamedNode(endpoint)),
        (service, sd("supportedLanguage"), sd("SPARQL11Query")),
        (service, sd("feature"), sd("UnionDefaultGraph")),
        (
            service,
            sd("defaultEntailmentRegime"),
            ox.NamedNode("http://www.w3.org/ns/entailment/Simple"),
        ),
    ]
    if federated:
        facts.append((service, sd("feature"), sd("BasicFederatedQuery")))
    for media in (*RESULTS, *GRAPHS):
        if media.w3c is not None:
            facts.append((service, sd("resultFormat"), ox.NamedNode(media.w3c)))
    facts += [
        (service, sd("defaultDataset"), dataset),
        (dataset, a, sd("Dataset")),
        (dataset, sd("defaultGraph"), default),
        (default, a, sd("Graph")),
    ]
    for iri, size in graphs:
        named, graph = ox.BlankNode(), ox.BlankNode()
        facts += [
            (dataset, sd("namedGraph"), named),
            (named, a, sd("NamedGraph")),
            (named, sd("name"), ox.NamedNode(iri)),
            (named, sd("graph"), graph),
            (graph, a, sd("Graph")),
            (
                graph,
                ox.NamedNode(VOID + "triples"),
                ox.Literal(str(size), datatype=ox.NamedNode(XSD.integer)),
            ),
        ]
    return [ox.Triple(*fact) for fact in facts]


def serialize(triples: list[ox.Triple], media: Media = Media.TURTLE) -> bytes:
    """A service description in an RDF format, with its two prefixes."""
    assert media.rdf_format is not None, media
    return ox.serialize(triples, format=media.rdf_format, prefixes={"sd": SD, "void": VOID}) or b""


def service_description(store: QueryStore, base: str) -> bytes:
    """The service description of the endpoint ``{base}sparql``, in Turtle, as `kg publish`
    writes it."""
    return serialize(description(f"{base}sparql", graph_sizes(store), federated=False))


def endpoint_page(endpoint: str) -> str:
    """The HTML page of the endpoint at ``endpoint``: what it is, and a form to query it."""
    return _PAGE.format(endpoint=escape(endpoint))


_PAGE = """<!doctype html>
<html lang="en"><meta charset="utf-8"><title>SPARQL endpoint</title>
<h1>SPARQL endpoint</h1>
<p>This is a read-only SPARQL 1.1 endpoint: <code>{endpoint}</code>. Send a query by GET or
POST (the SPARQL 1.1 Protocol); SELECT and ASK answer JSON, XML, CSV or TSV, CONSTRUCT and
DESCRIBE answer Turtle, N-Triples, JSON-LD or RDF/XML. The default graph is the union of
all graphs, each triple once.</p>
<form method="get" action="{endpoint}">
<textarea name="query" rows="8" cols="80">SELECT ?graph (COUNT(*) AS ?triples)
WHERE {{ GRAPH ?graph {{ ?s ?p ?o }} }}
GROUP BY ?graph</textarea><br>
<label>Results as <select name="format"><option>json</option><option>xml</option>
<option>csv</option><option>tsv</option></select></label>
<button type="submit">Run</button>
</form>
<p>The service description in <a href="?format=ttl">Turtle</a> or
<a href="?format=jsonld">JSON-LD</a>; <a href="/api/queries">the named queries</a>.</p>
</html>
"""
