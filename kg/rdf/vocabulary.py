"""The concept schemes, stated once: the vocabulary graph.

A technology or method that an item discusses is described by the project's scheme file
(`kg/data/ontology/concepts.ttl`), not by the document: so a document graph says only
that its item ``mkg:discusses`` the concept, and the concept's type, scheme, labels and
Wikidata match are stated once, for every concept of the scheme, in the graph
`VOCABULARY_GRAPH` that each build keeps up to date. (A store of 1,000 synthetic
documents restated the 69 triples of the concepts its documents name 16,063 times.)
"""

from __future__ import annotations

from pyoxigraph import Quad

from kg.extract.concepts import Concept, Scheme
from kg.iri import Minter
from kg.rdf.builder import GraphBuilder
from kg.rdf.terms import iri, text
from kg.vocab import RDF, RDFS, SKOS

#: The graph that states the concept schemes (named after the scheme file's namespace).
VOCABULARY_GRAPH = "https://w3id.org/minutes-kg/concepts"


def describe_concept(b: GraphBuilder, concept: Concept, scheme: str) -> None:
    """The concept's type, scheme, labels (``rdfs:label`` the Danish preferred label) and
    exact matches."""
    node = concept.iri
    b.add(scheme, RDF.type, iri(SKOS.ConceptScheme))
    b.add(node, RDF.type, iri(SKOS.Concept))
    b.add(node, SKOS.inScheme, iri(scheme))
    b.add(node, RDFS.label, text(concept.pref_label("da"), "da"))
    for lang in ("da", "en"):
        b.add(node, SKOS.prefLabel, text(concept.pref_label(lang), lang))
    for match in concept.exact_match:
        b.add(node, SKOS.exactMatch, iri(match))


def vocabulary_graph(scheme: Scheme, minter: Minter) -> tuple[Quad, ...]:
    """The quads of `VOCABULARY_GRAPH`: every concept of ``scheme`` described."""
    b = GraphBuilder(VOCABULARY_GRAPH, minter)
    for concept in scheme.concepts:
        describe_concept(b, concept, scheme.scheme_of(concept.iri))
    return tuple(b.quads)
