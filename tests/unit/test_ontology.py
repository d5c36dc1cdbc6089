"""The OWL ontology in kg/data/ontology/minutes-kg.ttl: complete, documented in Danish and English, aligned.

Also checks that kg/data/shapes/core.ttl is itself valid SHACL (against the SHACL-SHACL shapes).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

import pyshacl
import pytest
from pyshacl.errors import ReportableRuntimeError
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, SH
from rdflib.term import Node

from kg import vocab

ROOT: Final = Path(__file__).resolve().parents[2]
ONTOLOGY_FILE: Final = ROOT / "kg" / "data" / "ontology" / "minutes-kg.ttl"
SHAPES_FILE: Final = ROOT / "kg" / "data" / "shapes" / "core.ttl"
GRAPH_MODEL_FILE: Final = ROOT / "docs" / "graph-model.md"
#: Copies of standard vocabularies beside the repository (present in CI, see .ci/run).
STANDARDS_DIR: Final = ROOT.parent / "shared" / "standards" / "vocabularies"

MKG_IRI: Final = "https://w3id.org/minutes-kg/ontology#"
MKG: Final = Namespace(MKG_IRI)
PROV: Final = Namespace("http://www.w3.org/ns/prov#")
MKGSH: Final = Namespace("https://w3id.org/minutes-kg/shapes#")
VANN: Final = Namespace("http://purl.org/vocab/vann/")
ONTOLOGY: Final = URIRef("https://w3id.org/minutes-kg/ontology")

#: The five vocabularies every mkg: term is aligned to, where one has a near term.
BESLUIT: Final = "http://data.vlaanderen.be/ns/besluit#"
OPARL: Final = "https://schema.oparl.org/1.1/"
SCHEMA: Final = "https://schema.org/"
ORG: Final = "http://www.w3.org/ns/org#"
FOAF: Final = "http://xmlns.com/foaf/0.1/"
STANDARDS: Final = (BESLUIT, OPARL, SCHEMA, ORG, FOAF)
ALIGNMENTS: Final = (RDFS.subClassOf, RDFS.subPropertyOf, SKOS.closeMatch, SKOS.exactMatch)

#: mkg: terms that none of the five vocabularies comes near, and why.
UNALIGNED: Final = {
    "absent": "none has attendance by absence (OSLO besluit has only presence terms)",
    "priorDecisions": "none has a section for earlier decisions on a case",
    "case": "OParl reaches a paper only through a Consultation (related, not close)",
    "sha256": "OParl has SHA-1 and SHA-512 checksums only (related, not close)",
    "firstLine": "line positions in a source text are not modelled by any of them",
    "lastLine": "line positions in a source text are not modelled by any of them",
    "sourceText": "verbatim evidence text for a reified fact is not modelled by any of them",
    "jsonPointer": "positions in a JSON source are not modelled by any of them",
    "membershipBasis": "none says how a membership is known (stated or inferred)",
    "resolvedFrom": "derivation by entity resolution: a PROV sub-property only",
    "settingsHash": "build settings digests are specific to this tool",
    "shapesHash": "SHACL shapes digests are specific to this tool",
}

#: OParl 1.1 object types and properties (from the OParl 1.1 schema), to catch misspelt matches.
OPARL_TERMS: Final = {
    "AgendaItem",
    "Body",
    "Consultation",
    "File",
    "Meeting",
    "Membership",
    "Organization",
    "Paper",
    "Person",
    "agendaItem",
    "auxiliaryFile",
    "consultation",
    "number",
    "organization",
    "participant",
    "public",
    "resolutionText",
    "result",
    "sha512Checksum",
    "underDirectionOf",
}

TERM_TYPES: Final = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    SKOS.Concept,
    SKOS.ConceptScheme,
}
XSD: Final = "http://www.w3.org/2001/XMLSchema#"
LITERAL_RANGES: Final = {RDF.langString} | {
    URIRef(XSD + t) for t in ("string", "integer", "boolean")
}


def _load(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def _mkg_terms_in_shapes() -> set[URIRef]:
    shapes = _load(SHAPES_FILE)
    nodes = {node for triple in shapes for node in triple}
    return {node for node in nodes if isinstance(node, URIRef) and node.startswith(MKG_IRI)}


def _mkg_terms_in_graph_model() -> set[URIRef]:
    text = GRAPH_MODEL_FILE.read_text(encoding="utf-8")
    return {MKG[name] for name in re.findall(r"\bmkg:([A-Za-z][A-Za-z0-9]*)", text)}


def _mkg_terms_in_vocab() -> set[URIRef]:
    values = vars(vocab).values()
    return {
        URIRef(value)
        for value in values
        if isinstance(value, str) and value.startswith(MKG_IRI) and value != MKG_IRI
    }


USED_TERMS: Final = sorted(
    _mkg_terms_in_shapes() | _mkg_terms_in_graph_model() | _mkg_terms_in_vocab()
)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return _load(ONTOLOGY_FILE)


def _defined(ontology: Graph, rdf_type: URIRef) -> list[URIRef]:
    return sorted(
        term
        for term in ontology.subjects(RDF.type, rdf_type)
        if isinstance(term, URIRef) and term.startswith(MKG_IRI)
    )


def _classes_and_properties(ontology: Graph) -> list[URIRef]:
    return (
        _defined(ontology, OWL.Class)
        + _defined(ontology, OWL.ObjectProperty)
        + _defined(ontology, OWL.DatatypeProperty)
    )


def _languages(ontology: Graph, term: Node, predicate: URIRef) -> list[str | None]:
    return sorted(
        (
            value.language
            for value in ontology.objects(term, predicate)
            if isinstance(value, Literal)
        ),
        key=str,
    )


def _is_standard(node: Node) -> bool:
    # str() first: URIRef.startswith does not take a tuple of prefixes.
    return isinstance(node, URIRef) and str(node).startswith(STANDARDS)


# -- the ontology header ----------------------------------------------------------------------


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in ontology
    assert _languages(ontology, ONTOLOGY, DCTERMS.title) == ["da", "en"]
    assert _languages(ontology, ONTOLOGY, DCTERMS.description) == ["da", "en"]
    assert ontology.value(ONTOLOGY, OWL.versionInfo) == Literal("0.1.0")
    license_ = URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert ontology.value(ONTOLOGY, DCTERMS.license) == license_
    assert ontology.value(ONTOLOGY, VANN.preferredNamespacePrefix) == Literal("mkg")
    assert ontology.value(ONTOLOGY, VANN.preferredNamespaceUri) == Literal(MKG_IRI)


# -- every term that is used is defined and documented ------------------------------------------


def test_the_used_terms_are_found() -> None:
    # Guards the collection below: a broken regex or import would make the next test vacuous.
    assert MKG.Meeting in _mkg_terms_in_shapes()
    assert MKG.resolvedFrom in _mkg_terms_in_graph_model()
    assert MKG.DocumentKinds in _mkg_terms_in_vocab()
    assert str(vocab.MKG) == MKG_IRI


@pytest.mark.parametrize("term", USED_TERMS, ids=lambda term: str(term).removeprefix(MKG_IRI))
def test_used_term_is_defined_and_documented(term: URIRef, ontology: Graph) -> None:
    types = set(ontology.objects(term, RDF.type))
    assert types & TERM_TYPES, f"{term} is not defined in {ONTOLOGY_FILE.name}"
    assert _languages(ontology, term, RDFS.label) == ["da", "en"]
    assert _languages(ontology, term, SKOS.definition) == ["da", "en"]
    assert ontology.value(term, RDFS.isDefinedBy) == ONTOLOGY


def test_every_defined_term_is_documented(ontology: Graph) -> None:
    defined = {
        term
        for term in ontology.subjects(RDF.type, None)
        if isinstance(term, URIRef) and term.startswith(MKG_IRI)
    }
    assert defined >= set(USED_TERMS)
    for term in defined:
        assert _languages(ontology, term, RDFS.label) == ["da", "en"], term
        assert _languages(ontology, term, SKOS.definition) == ["da", "en"], term
        assert ontology.value(term, RDFS.isDefinedBy) == ONTOLOGY, term


# -- classes and properties -----------------------------------------------------------------


def test_properties_have_domain_and_a_range_of_their_kind(ontology: Graph) -> None:
    for prop in _defined(ontology, OWL.ObjectProperty):
        assert len(list(ontology.objects(prop, RDFS.domain))) == 1, prop
        ranges = list(ontology.objects(prop, RDFS.range))
        assert len(ranges) == 1 and ranges[0] not in LITERAL_RANGES, prop
    for prop in _defined(ontology, OWL.DatatypeProperty):
        assert len(list(ontology.objects(prop, RDFS.domain))) == 1, prop
        ranges = list(ontology.objects(prop, RDFS.range))
        assert len(ranges) == 1 and ranges[0] in LITERAL_RANGES, prop


def test_sub_class_and_sub_property_are_used_on_their_kind(ontology: Graph) -> None:
    classes = set(_defined(ontology, OWL.Class))
    properties = set(
        _defined(ontology, OWL.ObjectProperty) + _defined(ontology, OWL.DatatypeProperty)
    )
    assert {
        s for s in ontology.subjects(RDFS.subClassOf, None) if str(s).startswith(MKG_IRI)
    } <= classes
    assert {
        s for s in ontology.subjects(RDFS.subPropertyOf, None) if str(s).startswith(MKG_IRI)
    } <= properties


def test_classes_named_in_the_design(ontology: Graph) -> None:
    # DESIGN.md fixes these superclasses; they are part of the contract.
    expected = {
        MKG.Committee: URIRef(ORG + "Organization"),
        MKG.WorkingGroup: URIRef(ORG + "OrganizationalUnit"),
        MKG.Project: URIRef(FOAF + "Project"),
        MKG.SourceDocument: URIRef(FOAF + "Document"),
        MKG.Attachment: URIRef(FOAF + "Document"),
        MKG.Meeting: PROV.Activity,
        MKG.Build: PROV.Activity,
    }
    for cls, superclass in expected.items():
        assert (cls, RDFS.subClassOf, superclass) in ontology


@pytest.mark.parametrize("name", sorted(UNALIGNED))
def test_unaligned_terms_are_defined_and_really_unaligned(name: str, ontology: Graph) -> None:
    term = MKG[name]
    assert term in _classes_and_properties(ontology)
    aligned = [t for p in ALIGNMENTS for t in ontology.objects(term, p) if _is_standard(t)]
    assert not aligned, f"{name} is aligned now: remove it from UNALIGNED"


def test_every_class_and_property_is_aligned(ontology: Graph) -> None:
    missing = [
        term
        for term in _classes_and_properties(ontology)
        if str(term).removeprefix(MKG_IRI) not in UNALIGNED
        and not any(_is_standard(t) for p in ALIGNMENTS for t in ontology.objects(term, p))
    ]
    assert not missing, f"not aligned to {', '.join(STANDARDS)}: {missing}"


def test_oparl_matches_name_oparl_terms(ontology: Graph) -> None:
    targets = {o for _, o in ontology.subject_objects(None) if str(o).startswith(OPARL)}
    assert targets
    assert {str(t).removeprefix(OPARL) for t in targets} <= OPARL_TERMS


@pytest.mark.parametrize(
    ("namespace", "file_name"), [(BESLUIT, "oslo-besluit.ttl"), (ORG, "org.ttl")]
)
def test_alignment_targets_exist_in_the_standard(
    namespace: str, file_name: str, ontology: Graph
) -> None:
    path = STANDARDS_DIR / file_name
    if not path.exists():
        pytest.skip(f"{path} is not beside the repository")
    standard = _load(path)
    targets = {o for _, o in ontology.subject_objects(None) if str(o).startswith(namespace)}
    assert targets
    unknown = {t for t in targets if (t, None, None) not in standard}
    assert not unknown, f"not defined in {file_name}: {unknown}"


# -- document kinds ---------------------------------------------------------------------------


def test_document_kinds_scheme_matches_the_shape(ontology: Graph) -> None:
    in_scheme = set(ontology.subjects(SKOS.inScheme, MKG.DocumentKinds))
    assert in_scheme == {MKG.Minutes, MKG.Agenda}
    for kind in in_scheme:
        assert (kind, RDF.type, MKG.DocumentKind) in ontology
        assert (kind, RDF.type, SKOS.Concept) in ontology
    assert (MKG.DocumentKinds, RDF.type, SKOS.ConceptScheme) in ontology

    shapes = _load(SHAPES_FILE)
    allowed = shapes.value(MKGSH["SourceDocument-type"], SH["in"])
    assert allowed is not None
    assert set(Collection(shapes, allowed)) == in_scheme


# -- the shapes are valid SHACL ----------------------------------------------------------------


def test_shapes_conform_to_shacl_shacl() -> None:
    try:
        conforms, _report, text = pyshacl.validate(
            Graph(), shacl_graph=_load(SHAPES_FILE), meta_shacl=True, inference="none"
        )
    except ReportableRuntimeError as error:  # raised when the meta-validation fails
        pytest.fail(str(error))
    assert conforms, text
