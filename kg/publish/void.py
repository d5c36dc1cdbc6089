"""The VoID description of the dataset (``/.well-known/void``), counted from the store.

Counts are over the merged graph, what the dumps hold: the store's default graph (the
union of the named graphs' facts as a set) with the citations it leaves out, read in
their graphs. Every count is of distinct triples, subjects or objects.
"""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, SKOS, XSD

from kg.publish.catalog import CATALOG
from kg.publish.dumps import DumpFormat
from kg.publish.settings import PublishSettings
from kg.store.protocol import QueryStore
from kg.store.run import distinct_rows
from kg.vocab import PREFIXES

VOID = Namespace("http://rdfs.org/ns/void#")
WELL_KNOWN_VOID = ".well-known/void"
WIKIDATA = "http://www.wikidata.org/entity/"
#: The predicates that link a resource to its Wikidata item.
LINK_PREDICATES = (str(SKOS.exactMatch), str(OWL.sameAs))


def _merged(pattern: str) -> str:
    """``?s pattern`` in the merged graph: the default graph's triples, and the citations'
    in their graphs."""
    cited = f"GRAPH ?g {{ ?s <{RDF.subject}> ?cited . ?s {pattern} }}"
    return f"{{ ?s {pattern} }} UNION {{ {cited} }}"


_DISTINCT = f"SELECT DISTINCT ?s ?p ?o WHERE {{ {_merged('?p ?o')} }}"
#: The merged graph's typed nodes.
_TYPED = f"SELECT DISTINCT ?s ?c WHERE {{ {_merged('a ?c')} }}"


def counts(store: QueryStore) -> dict[str, int]:
    """Distinct triples, subjects and objects, and the number of classes and properties."""
    row = distinct_rows(
        store,
        f"""SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects)
                   (COUNT(DISTINCT ?o) AS ?objects) (COUNT(DISTINCT ?p) AS ?properties)
            WHERE {{ {_DISTINCT} }}""",
    )[0]
    classes = distinct_rows(store, f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ {_TYPED} }}")[0]
    return {
        "triples": int(row["triples"]),
        "distinctSubjects": int(row["subjects"]),
        "distinctObjects": int(row["objects"]),
        "properties": int(row["properties"]),
        "classes": int(classes["n"]),
    }


def class_partitions(store: QueryStore) -> dict[str, int]:
    """Each class with the number of its distinct instances."""
    rows = distinct_rows(
        store,
        f"SELECT ?c (COUNT(?s) AS ?n) WHERE {{ {{ {_TYPED} }} FILTER(isIRI(?c)) }} GROUP BY ?c",
    )
    return {r["c"]: int(r["n"]) for r in rows}


def property_partitions(store: QueryStore) -> dict[str, int]:
    """Each property with the number of distinct triples that use it."""
    rows = distinct_rows(store, f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ {_DISTINCT} }} GROUP BY ?p")
    return {r["p"]: int(r["n"]) for r in rows}


def wikidata_links(store: QueryStore) -> dict[str, int]:
    """For each link predicate, the distinct links to a Wikidata item."""
    found = {}
    for predicate in LINK_PREDICATES:
        row = distinct_rows(
            store,
            f"""SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE {{
                  ?s <{predicate}> ?o FILTER(STRSTARTS(STR(?o), "{WIKIDATA}")) }} }}""",
        )[0]
        found[predicate] = int(row["n"])
    return found


def void_graph(store: QueryStore, settings: PublishSettings) -> Graph:
    """The VoID description; the dataset is the catalogue's ``dcat:Dataset``."""
    base = settings.base_iri
    g = Graph()
    g.bind("void", VOID)
    g.bind("dct", DCTERMS)
    dataset = URIRef(f"{base}{CATALOG}#dataset")
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, DCTERMS.title, Literal(settings.title, lang="da")))
    g.add((dataset, DCTERMS.title, Literal(settings.title_en, lang="en")))
    g.add((dataset, DCTERMS.license, URIRef(settings.licence)))
    g.add((dataset, DCTERMS.publisher, URIRef(settings.publisher)))
    g.add((dataset, FOAF.homepage, URIRef(base)))
    g.add((dataset, VOID.sparqlEndpoint, URIRef(f"{base}sparql")))
    g.add((dataset, VOID.uriSpace, Literal(base)))
    for fmt in DumpFormat:
        g.add((dataset, VOID.dataDump, URIRef(f"{base}dumps/{fmt.value}")))
    for name, value in counts(store).items():
        g.add((dataset, VOID[name], _integer(value)))
    classes = class_partitions(store)
    properties = property_partitions(store)
    for cls, entities in sorted(classes.items()):
        part = BNode()
        g.add((dataset, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(cls)))
        g.add((part, VOID.entities, _integer(entities)))
    for prop, triples in sorted(properties.items()):
        part = BNode()
        g.add((dataset, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(prop)))
        g.add((part, VOID.triples, _integer(triples)))
    for vocabulary in _vocabularies([*classes, *properties]):
        g.add((dataset, VOID.vocabulary, URIRef(vocabulary)))
    _linksets(g, dataset, base, wikidata_links(store))
    return g


def _vocabularies(terms: Sequence[str]) -> list[str]:
    """The namespaces (of the project's prefixes) that the classes and properties are in."""
    used = {ns for ns in PREFIXES.values() for term in terms if term.startswith(ns)}
    return sorted(used)


def _linksets(g: Graph, dataset: URIRef, base: str, links: dict[str, int]) -> None:
    wikidata = URIRef(f"{base}{WELL_KNOWN_VOID}#wikidata")
    g.add((wikidata, RDF.type, VOID.Dataset))
    g.add((wikidata, DCTERMS.title, Literal("Wikidata", lang="en")))
    g.add((wikidata, VOID.uriSpace, Literal(WIKIDATA)))
    g.add((wikidata, FOAF.homepage, URIRef("https://www.wikidata.org/")))
    for predicate, count in links.items():
        if not count:
            continue
        name = predicate.rsplit("#", 1)[-1]
        linkset = URIRef(f"{base}{WELL_KNOWN_VOID}#wikidata-{name}")
        g.add((dataset, VOID.subset, linkset))
        g.add((linkset, RDF.type, VOID.Linkset))
        g.add((linkset, VOID.subjectsTarget, dataset))
        g.add((linkset, VOID.objectsTarget, wikidata))
        g.add((linkset, VOID.linkPredicate, URIRef(predicate)))
        g.add((linkset, VOID.triples, _integer(count)))


def _integer(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)
