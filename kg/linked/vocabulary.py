"""Documented pages of the ontology and the concept schemes, read from ``kg/data/ontology/*.ttl``.

Each term is a section with its IRI, its Danish and English labels and comments, and its
links (super-class, domain, range, broader, Wikidata); each has an anchor by local name,
so ``ontology/#Meeting`` shows ``mkg:Meeting``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.vocab import local_name

_TEXT = (RDFS.label, SKOS.prefLabel, RDFS.comment, SKOS.definition, DCTERMS.description)
_LINKS = {
    RDFS.subClassOf: "subclass of",
    RDFS.subPropertyOf: "subproperty of",
    RDFS.domain: "domain",
    RDFS.range: "range",
    SKOS.broader: "broader",
    SKOS.inScheme: "in scheme",
    SKOS.exactMatch: "same as",
    SKOS.closeMatch: "close to",
    SKOS.relatedMatch: "related to",
}
_KINDS = (
    (OWL.Class, "Classes"),
    (OWL.ObjectProperty, "Object properties"),
    (OWL.DatatypeProperty, "Datatype properties"),
    (OWL.AnnotationProperty, "Annotation properties"),
    (OWL.NamedIndividual, "Individuals"),
)


@dataclass(frozen=True)
class TermView:
    anchor: str
    iri: str
    #: (property name, language, text) for labels, definitions and comments.
    texts: tuple[tuple[str, str, str], ...]
    #: (relation, IRI, shown text)
    links: tuple[tuple[str, str, str], ...]
    alt: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    title: str
    terms: tuple[TermView, ...]


@dataclass(frozen=True)
class VocabularyPage:
    title: str
    intro: str
    source: str
    sections: tuple[Section, ...]


def _term(g: Graph, node: URIRef) -> TermView:
    texts = []
    for predicate in _TEXT:
        for value in sorted(g.objects(node, predicate), key=str):
            if isinstance(value, Literal):
                name = local_name(str(predicate))
                texts.append((name, value.language or "", str(value)))
    links = []
    for predicate, name in _LINKS.items():
        for value in sorted(g.objects(node, predicate), key=str):
            if isinstance(value, URIRef):
                label = g.value(value, RDFS.label) or g.value(value, SKOS.prefLabel)
                links.append((name, str(value), str(label) if label else local_name(str(value))))
    alt = tuple(sorted(str(v) for v in g.objects(node, SKOS.altLabel)))
    return TermView(local_name(str(node)), str(node), tuple(texts), tuple(links), alt)


def ontology_page(path: Path) -> VocabularyPage:
    """The ontology: its classes, properties and individuals."""
    g = Graph().parse(path)
    ontology = next(g.subjects(RDF.type, OWL.Ontology), None)
    title = str(g.value(ontology, DCTERMS.title) or g.value(ontology, RDFS.label) or path.stem)
    intro = str(g.value(ontology, DCTERMS.description) or g.value(ontology, RDFS.comment) or "")
    sections = []
    for cls, heading in _KINDS:
        nodes = sorted({s for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef)}, key=str)
        if nodes:
            sections.append(Section(heading, tuple(_term(g, n) for n in nodes)))
    return VocabularyPage(title, intro, path.name, tuple(sections))


def concepts_page(path: Path) -> VocabularyPage:
    """The concept schemes and their concepts."""
    g = Graph().parse(path)
    sections = []
    schemes = sorted(
        {s for s in g.subjects(RDF.type, SKOS.ConceptScheme) if isinstance(s, URIRef)}, key=str
    )
    for scheme in schemes:
        concepts = sorted(
            {c for c in g.subjects(SKOS.inScheme, scheme) if isinstance(c, URIRef)}, key=str
        )
        heading = str(g.value(scheme, DCTERMS.title) or g.value(scheme, RDFS.label) or scheme)
        sections.append(Section(heading, (_term(g, scheme), *(_term(g, c) for c in concepts))))
    return VocabularyPage("Concept schemes", "", path.name, tuple(sections))
