"""Every vocabulary term the code names is a term its vocabulary defines (issue 17, point 4).

`kg.vocab.MKG` is closed over the ontology: a misspelt ``MKG.Meting`` raises at once. The
standard namespaces stay open at run time (their term lists are large and not ours), so a
scan of the code checks each ``DCT.x``, ``SKOS.x``, ``PROV.x``, ... against the term lists
that rdflib ships for those vocabularies.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path
from typing import Final

import pytest
from rdflib import Graph, URIRef
from rdflib import namespace as ns

from kg import vocab

ROOT: Final = Path(__file__).resolve().parents[2]
PACKAGE: Final = ROOT / "kg"

#: The namespaces of kg.vocab (and of kg.publish) by the name the code gives them, with
#: the term list each is checked against; PERSON, SPDX and VCARD have none in rdflib.
STANDARD: Final[dict[str, type[ns.DefinedNamespace]]] = {
    "DCT": ns.DCTERMS,
    "FOAF": ns.FOAF,
    "ORG": ns.ORG,
    "OWL": ns.OWL,
    "PROV": ns.PROV,
    "RDF": ns.RDF,
    "RDFS": ns.RDFS,
    "SCHEMA": ns.SDO,
    "SH": ns.SH,
    "SKOS": ns.SKOS,
    "XSD": ns.XSD,
    "VOID": ns.VOID,
    "DCAT": ns.DCAT,
}


@cache
def _names() -> tuple[tuple[str, str, str], ...]:
    """(namespace name, term, where) for each ``NAME.term`` and ``NAME["term"]`` in the
    package's code, NAME being an upper-case name."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                found.append((node.value.id, node.attr, where))
            elif (
                isinstance(node, ast.Subscript)
                and isinstance(node.value, ast.Name)
                and isinstance(node.slice, ast.Constant)
                and isinstance(node.slice.value, str)
            ):
                found.append((node.value.id, node.slice.value, where))
    return tuple(found)


def _uses(name: str) -> list[tuple[str, str]]:
    """(where, term) for each term of the namespace called ``name`` in the code."""
    return [
        (where, term) for n, term, where in _names() if n == name and term not in {"iri", "defines"}
    ]


def _defines(namespace: type[ns.DefinedNamespace], term: str) -> bool:
    return URIRef(str(namespace) + term) in namespace


def test_the_scan_finds_the_code_s_terms() -> None:
    # Guards the tests below: a scan that found nothing would pass them vacuously.
    assert ("title" in {term for _, term in _uses("DCT")}) and len(list(_uses("MKG"))) > 50


def test_the_ontology_terms_are_what_an_rdf_parser_reads() -> None:
    """The closed namespace's line scan of the ontology agrees with a Turtle parser."""
    graph = Graph().parse(PACKAGE / "data" / "ontology" / "minutes-kg.ttl", format="turtle")
    parsed = {
        str(s).removeprefix(vocab.MKG_IRI)
        for s in graph.subjects()
        if isinstance(s, URIRef) and str(s).startswith(vocab.MKG_IRI)
    }
    assert vocab.ontology_terms() == parsed


def test_a_misspelt_term_of_the_core_vocabulary_raises() -> None:
    assert vocab.MKG.Meeting == vocab.MKG_IRI + "Meeting"
    with pytest.raises(vocab.UndefinedTerm, match="Meting"):
        _ = vocab.MKG.Meting
    with pytest.raises(vocab.UndefinedTerm):
        _ = vocab.MKG["presenter "]
    assert not vocab.MKG.defines("Meting") and vocab.DCT.defines("anything")
    assert _defines(ns.DCTERMS, "title") and not _defines(ns.DCTERMS, "tittle")


def test_every_core_term_the_code_names_is_in_the_ontology() -> None:
    undefined = [
        f"{where}: mkg:{term}" for where, term in _uses("MKG") if not vocab.MKG.defines(term)
    ]
    assert not undefined, "terms the ontology does not define:\n" + "\n".join(undefined)


@pytest.mark.parametrize("name", sorted(STANDARD))
def test_every_standard_term_the_code_names_is_defined(name: str) -> None:
    namespace = STANDARD[name]
    undefined = [
        f"{where}: {name}.{term}" for where, term in _uses(name) if not _defines(namespace, term)
    ]
    assert not undefined, f"terms {namespace} does not define:\n" + "\n".join(undefined)
