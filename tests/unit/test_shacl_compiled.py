"""The compiled SHACL engine gives exactly pySHACL's violations (the reference engine).

Compared as sets of (shape, focus node, path, value, severity): on every example of
test_shapes.py, with the ontology mixed in, all examples in one batch, every document graph
of the examples and seeds builds, ~200 mutants of real document graphs, and small shapes
graphs for the features core.ttl does not use. Any difference is a bug in the compiled engine.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.errors import ShapesError
from kg.pipeline import build
from kg.settings import BuildSettings
from kg.store.oxigraph import OxigraphStore
from kg.validate import (
    CompiledShapes,
    Shapes,
    Violation,
    compile_shapes,
    load_shapes,
    validate_batch,
    validate_quads,
)
from kg.validate.gate import Term
from tests.conftest import EXAMPLES, ROOT
from tests.unit.test_shapes import EXAMPLES as SHAPE_EXAMPLES
from tests.unit.test_shapes import PREFIXES, Example

Key = tuple[str, str, str | None, str | None, str]


def keys(violations: Iterable[Violation]) -> set[Key]:
    return {(v.shape, v.focus, v.path, v.value, v.severity) for v in violations}


def located(violations: Iterable[Violation]) -> set[Key]:
    return {k for v in violations if v.page is not None for k in keys([v])}


def parse(turtle: str) -> list[ox.Quad]:
    return list(ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE))


@pytest.fixture(scope="module")
def shapes() -> Shapes:
    return load_shapes(ROOT / "kg" / "data" / "shapes")


@pytest.fixture(scope="module")
def compiled(shapes: Shapes) -> CompiledShapes:
    return compile_shapes(shapes)


def assert_same(
    graphs: Mapping[str, Sequence[ox.Quad]], shapes: Shapes, compiled: CompiledShapes
) -> dict[str, set[Key]]:
    """Both engines on each graph; the compiled one on all of them in one batch."""
    batch = validate_batch(graphs, compiled)
    assert set(batch) == set(graphs)
    found = {}
    for name, quads in graphs.items():
        gate = validate_quads(quads, shapes)
        reference = keys(gate)
        assert keys(batch[name]) == reference, name
        # Both find where the document states the fact (the statement may differ).
        assert located(batch[name]) == located(gate), name
        found[name] = reference
    return found


# -- the examples of every shape -------------------------------------------------------------


@pytest.mark.parametrize("example", SHAPE_EXAMPLES, ids=lambda example: example.name)
def test_example(example: Example, shapes: Shapes, compiled: CompiledShapes) -> None:
    found = assert_same({example.name: parse(PREFIXES + example.turtle)}, shapes, compiled)
    shapes_found = {shape for shape, *_ in found[example.name]}
    expected = {shape for _, shape in example.expected}
    # Besides the expected results: the nested results (sh:detail) of the shape a value must
    # conform to by sh:node, which validate_quads reports too.
    assert expected <= shapes_found and shapes_found - expected <= {"AnyOrganization"}


@pytest.fixture(scope="module")
def ontology() -> list[ox.Quad]:
    return list(
        ox.parse(
            path=ROOT / "kg" / "data" / "ontology" / "minutes-kg.ttl", format=ox.RdfFormat.TURTLE
        )
    )


def test_examples_with_the_ontology_mixed_in(
    shapes: Shapes, compiled: CompiledShapes, ontology: list[ox.Quad]
) -> None:
    # rdfs:subClassOf in the data graph widens class targets and sh:class, in both engines.
    graphs = {e.name: parse(PREFIXES + e.turtle) + ontology for e in SHAPE_EXAMPLES}
    assert_same(graphs, shapes, compiled)


def test_graphs_of_a_batch_do_not_see_each_other(shapes: Shapes, compiled: CompiledShapes) -> None:
    # The committee a meeting is held by is typed only in the other graph: still a violation.
    world = parse(PREFIXES + SHAPE_EXAMPLES[0].turtle)
    meeting = next(e for e in SHAPE_EXAMPLES if e.name == "meeting")
    quads = parse(PREFIXES + meeting.turtle)
    committee = rdflib.URIRef("http://localhost:8000/id/committee/opgaveudvalg-om-innovation")
    typed = [q for q in quads if q.subject == ox.NamedNode(str(committee))]
    rest = [q for q in quads if q.subject != ox.NamedNode(str(committee))]
    found = assert_same({"typed": typed + world, "rest": rest}, shapes, compiled)
    held_by = ("Meeting-heldBy", THE_MEETING, "heldBy", str(committee), "Violation")
    assert held_by in found["rest"]
    assert all(not k[0].startswith("Meeting") for k in found["typed"])


THE_MEETING = "http://localhost:8000/id/meeting/opgaveudvalg-om-innovation-2017-09-26"


def test_all_examples_in_one_batch(shapes: Shapes, compiled: CompiledShapes) -> None:
    graphs = {e.name: parse(PREFIXES + e.turtle) for e in SHAPE_EXAMPLES}
    found = assert_same(graphs, shapes, compiled)
    assert sum(1 for f in found.values() if f) == sum(1 for e in SHAPE_EXAMPLES if e.expected)


# -- real document graphs and their mutants --------------------------------------------------


def document_graphs(folder: Path) -> dict[str, list[ox.Quad]]:
    store = OxigraphStore(folder, read_only=True)
    return {
        name: sorted(store.graph(iri), key=str) for iri, name in store.document_graphs().items()
    }


@pytest.fixture(scope="module")
def example_graphs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[ox.Quad]]:
    folder = tmp_path_factory.mktemp("examples")
    assert build([EXAMPLES], folder, BuildSettings()).ok
    return document_graphs(folder)


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


# -- shapes that use features core.ttl does not, and those the engine refuses ---------------

SHAPES_PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

EXTRA_SHAPES = (
    SHAPES_PREFIXES
    + """
ex:ThingShape a sh:NodeShape ; sh:targetClass ex:Thing , ex:Other ;
    sh:property ex:Thing-parent , ex:Thing-code , ex:Thing-nick , ex:Thing-off , ex:Thing-kind ,
    ex:Thing-tail .
ex:Thing-parent a sh:PropertyShape ; sh:path [ sh:inversePath ex:child ] ; sh:maxCount 1 ;
    sh:nodeKind sh:BlankNodeOrIRI .
ex:Thing-code a sh:PropertyShape ; sh:path ( ex:part ex:code ) ; sh:pattern "^ab" ;
    sh:flags "i" ; sh:minCount 2 .
ex:Thing-nick a sh:PropertyShape ; sh:path ex:nick ; sh:languageIn ( "en" "da" ) ;
    sh:minLength 2 .
ex:Thing-off a sh:PropertyShape ; sh:path ex:nick ; sh:deactivated true ; sh:maxCount 0 .
ex:Thing-tail a sh:PropertyShape ; sh:path ex:tail ; sh:pattern "b$" .
ex:Thing-kind a sh:PropertyShape ; sh:path ex:kind ; sh:in ( ex:A "b" 3 ) ;
    sh:nodeKind sh:IRIOrLiteral .
"""
)

EXTRA_DATA = """
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a a ex:Thing ; ex:part ex:p1 , ex:p2 ; ex:nick "Al"@en-GB , "x"@da , "Bo"@de , "Cy" ;
    ex:kind ex:A , "b" , 3 , "3" , ex:B ;
    ex:tail "ab\\n" , "ab\\nc" .
ex:p1 ex:code "ABC" . ex:p2 ex:code "xab" , "abd" .
ex:m ex:child ex:a . _:n ex:child ex:a .
ex:o a ex:Other ; ex:part ex:p1 .
"""


def test_features_outside_core_ttl() -> None:
    graph = rdflib.Graph().parse(data=EXTRA_SHAPES, format="turtle")
    shapes = Shapes(graph, "test")
    found = assert_same({"data": parse(EXTRA_DATA)}, shapes, compile_shapes(shapes))
    assert {k[0] for k in found["data"]} == {
        "Thing-parent",
        "Thing-code",
        "Thing-nick",
        "Thing-kind",
        "Thing-tail",
    }


@pytest.mark.parametrize(
    ("shape", "term"),
    [
        ("ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:closed true .", "closed"),
        ("ex:S a sh:NodeShape ; sh:targetNode ex:x ; sh:class ex:T .", "targetNode"),
        (
            "ex:S a sh:PropertyShape ; sh:targetClass ex:T ; sh:path ex:p ; sh:maxInclusive 3 .",
            "maxInclusive",
        ),
        (
            "ex:S a sh:PropertyShape ; sh:targetClass ex:T ; sh:path ex:p ; sh:datatype xsd:time .",
            "datatype",
        ),
    ],
)
def test_unsupported_features_are_refused(shape: str, term: str) -> None:
    graph = rdflib.Graph().parse(data=SHAPES_PREFIXES + shape, format="turtle")
    with pytest.raises(ShapesError, match=rf"shape S: sh:{term}"):
        compile_shapes(Shapes(graph, "test"))
