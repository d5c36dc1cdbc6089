"""The compiled SHACL engine gives exactly pySHACL's violations (the reference engine).

Compared as sets of (shape, focus node, path, value, severity): on every example of
test_shapes.py, all examples in one batch, and small shapes graphs for the features core.ttl
does not use (every component and path form: test_shacl_compiled_components.py; real
document graphs and their mutants: tests/integration/test_shacl_compiled_graphs.py). Any
difference is a bug in the compiled engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pyoxigraph as ox
import pytest
import rdflib

from kg.errors import ShapesError
from kg.validate import (
    CompiledShapes,
    Shapes,
    Violation,
    compile_shapes,
    validate_batch,
    validate_quads,
)
from tests.unit.test_shapes import EXAMPLES as SHAPE_EXAMPLES
from tests.unit.test_shapes import PREFIXES, Example

Key = tuple[str, str, str | None, str | None, str]


def keys(violations: Iterable[Violation]) -> set[Key]:
    return {(v.shape, v.focus, v.path, v.value, v.severity) for v in violations}


def located(violations: Iterable[Violation]) -> set[Key]:
    return {k for v in violations if v.page is not None for k in keys([v])}


def parse(turtle: str) -> list[ox.Quad]:
    return list(ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE))


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
