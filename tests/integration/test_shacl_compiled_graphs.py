"""The compiled SHACL engine gives exactly pySHACL's violations on real graphs: the shape
examples with the ontology mixed in, every document graph of the examples and seeds
builds, and ~200 mutants of real document graphs (the inline cases are in
tests/unit/test_shacl_compiled.py). Any difference is a bug in the compiled engine.
"""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.store.oxigraph import OxigraphStore
from kg.validate import CompiledShapes, Shapes
from kg.validate.gate import Term
from tests.conftest import ROOT
from tests.unit.test_shacl_compiled import assert_same, parse
from tests.unit.test_shapes import EXAMPLES as SHAPE_EXAMPLES
from tests.unit.test_shapes import PREFIXES

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def ontology() -> list[ox.Quad]:
    return list(
        ox.parse(
            path=ROOT / "kg" / "data" / "ontology" / "minutes-kg.ttl", format=ox.RdfFormat.TURTLE
        )
    )


@pytest.mark.slow  # pySHACL on every shape example with the whole ontology: seconds
def test_examples_with_the_ontology_mixed_in(
    shapes: Shapes, compiled: CompiledShapes, ontology: list[ox.Quad]
) -> None:
    # rdfs:subClassOf in the data graph widens class targets and sh:class, in both engines.
    graphs = {e.name: parse(PREFIXES + e.turtle) + ontology for e in SHAPE_EXAMPLES}
    assert_same(graphs, shapes, compiled)


# -- real document graphs and their mutants --------------------------------------------------


def document_graphs(folder: Path) -> dict[str, list[ox.Quad]]:
    store = OxigraphStore(folder, read_only=True)
    return {
        name: sorted(store.graph(iri), key=str) for iri, name in store.document_graphs().items()
    }


@pytest.fixture(scope="module")
def example_graphs(examples_store: Path) -> dict[str, list[ox.Quad]]:
    return document_graphs(examples_store)


def test_every_document_graph_of_the_examples(
    example_graphs: dict[str, list[ox.Quad]], shapes: Shapes, compiled: CompiledShapes
) -> None:
    found = assert_same(example_graphs, shapes, compiled)
    assert len(found) >= 8 and not any(found.values())


def test_every_document_graph_of_the_seeds(
    seed_store: Path, shapes: Shapes, compiled: CompiledShapes
) -> None:
    found = assert_same(document_graphs(seed_store), shapes, compiled)
    assert found and not any(found.values())


def mutate(quads: list[ox.Quad], rng: random.Random) -> list[ox.Quad]:
    """``quads`` with one to three triples dropped, given a second value, or retyped."""
    out = list(quads)
    for _ in range(rng.randint(1, 3)):
        index = rng.randrange(len(out))
        quad = out[index]
        operation = rng.choice(["drop", "duplicate", "retype", "retype"])
        if operation == "drop":
            del out[index]
        elif operation == "duplicate":
            out.append(ox.Quad(quad.subject, quad.predicate, second_value(quad.object, rng)))
        else:
            out[index] = ox.Quad(quad.subject, quad.predicate, retyped(quad.object, rng))
    return out


def second_value(term: Term, rng: random.Random) -> Term:
    if isinstance(term, ox.Literal):
        if term.datatype.value.endswith(("#integer", "#boolean", "#dateTime")):
            return ox.Literal(
                {"i": "7", "b": "false", "d": "2030-01-01T00:00:00Z"}[
                    term.datatype.value.rsplit("#", 1)[1][0]
                ],
                datatype=term.datatype,
            )
        return (
            ox.Literal(term.value + " (2)", language=term.language or None)
            if term.language
            else ox.Literal(term.value + "-2", datatype=term.datatype)
        )
    if isinstance(term, ox.NamedNode):
        return ox.NamedNode(term.value + rng.choice(["-other", ""]))
    return term


XSD = "http://www.w3.org/2001/XMLSchema#"


def retyped(term: Term, rng: random.Random) -> Term:
    if isinstance(term, ox.NamedNode):
        if rng.random() < 0.5:
            return ox.Literal(term.value)
        return ox.NamedNode("http://www.w3.org/ns/org#Role")  # another class, or an odd value
    if not isinstance(term, ox.Literal):
        return ox.NamedNode("http://localhost:8000/id/elsewhere")
    if term.language:
        return (
            ox.Literal(term.value, language="en") if rng.random() < 0.5 else ox.Literal(term.value)
        )
    kind = term.datatype.value.removeprefix(XSD)
    choices = {
        "string": [
            ox.Literal(term.value, language="da"),
            ox.Literal(term.value.upper()),
            ox.Literal(term.value, datatype=ox.NamedNode(XSD + "integer")),
            ox.Literal(""),
        ],
        "integer": [
            ox.Literal(term.value),
            ox.Literal("0", datatype=term.datatype),
            ox.Literal("-3", datatype=term.datatype),
        ],
        "boolean": [
            ox.Literal("Åben"),
            ox.Literal("false", datatype=term.datatype),
            ox.Literal("true", datatype=term.datatype),
        ],
        "dateTime": [
            ox.Literal(term.value),
            ox.Literal("1999-01-01T00:00:00Z", datatype=term.datatype),
            ox.Literal(term.value[:19] + "+01:00", datatype=term.datatype),
        ],
    }.get(kind, [ox.Literal(term.value)])
    return rng.choice(choices)


@pytest.mark.slow  # both engines on 200 graphs: about 40 s on two busy cores
def test_mutants_of_real_document_graphs(
    example_graphs: dict[str, list[ox.Quad]], shapes: Shapes, compiled: CompiledShapes
) -> None:
    rng = random.Random(20261123)
    names = sorted(example_graphs)
    mutants = {
        f"mutant {n}": mutate(example_graphs[names[n % len(names)]], rng) for n in range(200)
    }
    found = assert_same(mutants, shapes, compiled)
    assert sum(1 for f in found.values() if f) > 100  # most mutants break a rule
