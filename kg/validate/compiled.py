"""The compiled SHACL gate: the shapes evaluated in Python over a batch of document graphs.

    from kg.validate import compile_shapes, load_shapes, validate_batch

    compiled = compile_shapes(load_shapes(folder))        # once per build (ShapesError)
    results = validate_batch({"doc-a": quads_a, "doc-b": quads_b}, compiled)
    results["doc-a"]                                      # [] when doc-a conforms

``validate_batch`` takes the document graphs of a batch, by any key (a file name, a graph
IRI), indexes each graph's triples (kg/validate/index.py; graph names are dropped, so each
key's quads are one graph) and checks the shapes' constraints on them directly
(kg/validate/checks.py), with no SPARQL. Each graph is validated on its own triples only,
exactly as ``validate_quads`` (pySHACL, the reference) validates one graph: both give the
same violations (shape, focus, path, value, severity), nested results of sh:node included,
and find a source page and line for the same ones (the earliest, where a node's facts give
several); tests/unit/test_shacl_compiled.py (cases), test_shacl_compiled_components.py
(every component and path) and tests/integration/test_shacl_compiled_graphs.py (real
graphs, mutants) hold them to it. A Violation's message is the shape's sh:message
(pySHACL writes its own when a shape has none). Violations with the same source position
are in the order of their other fields, the same in every run.

The batch size matters little (benchmarks/validation.py): a graph costs about the same
alone or in a batch; batches of a few documents to a hundred are best.

Only the SHACL Core features read by kg/validate/shapes_model.py are supported; shapes that
use anything else are refused (ShapesError) rather than checked in part.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib

from kg.validate.checks import Found, Plan, compile_plan
from kg.validate.gate import XSD_STRING, Shapes, Term, Violation, rdflib_term, short_name
from kg.validate.index import DocumentGraph, Written, index_batch
from kg.validate.shapes_model import Shape, read_shapes
from kg.validate.terms import plain_value, to_term
from kg.vocab import MKG, RDF


@dataclass(frozen=True)
class CompiledShapes:
    """The shapes read and compiled into a plan of checks (picklable: a build sends it to
    each worker process once)."""

    digest: str
    plan: Plan


def compile_shapes(shapes: Shapes) -> CompiledShapes:
    """The shapes as a plan of checks; a ShapesError when they use an unsupported feature."""
    return CompiledShapes(digest=shapes.digest, plan=compile_plan(read_shapes(shapes.graph)))


def validate_batch(
    graphs: Mapping[str, Collection[ox.Quad] | Written], shapes: Shapes | CompiledShapes
) -> dict[str, list[Violation]]:
    """The violations of each graph of the batch (an empty list when it conforms), each
    graph validated on its own; sorted by source position as ``validate_quads`` sorts.
    A graph is given as its quads, or as `Written` N-Quads."""
    compiled = shapes if isinstance(shapes, CompiledShapes) else compile_shapes(shapes)
    results: dict[str, list[Violation]] = {}
    for key, graph in index_batch(graphs).items():
        found = compiled.plan.run(graph)
        lines = _source_lines(graph, found) if found else {}
        violations = {
            _violation(shape, focus, value, lines.get(focus, {})) for shape, focus, value in found
        }
        results[key] = sorted(violations, key=_position)
    return results


def _position(v: Violation) -> tuple[object, ...]:
    """Source position first, as ``validate_quads`` sorts; then every other field (None
    before an empty text or 0), so that the order is the same in every run."""
    return (
        v.page or 0,
        v.line or 0,
        v.shape,
        v.focus,
        v.path or "",
        v.value or "",
        v.message,
        v.severity,
        v.path is not None,
        v.value is not None,
        v.page is not None,
        v.line is not None,
    )


def _violation(
    shape: Shape,
    focus: str,
    value: str | None,
    lines: Mapping[str | None, tuple[int, int]],
) -> Violation:
    path = shape.path_node
    where = lines.get(str(path) if isinstance(path, rdflib.URIRef) else None) or lines.get(None)
    return Violation(
        shape=short_name(shape.node),
        focus=_text(to_term(focus)),
        path=short_name(path) if path is not None else None,
        message=shape.message or "does not conform",
        severity=short_name(shape.severity),
        value=_text(to_term(value)) if value is not None else None,
        page=where[0] if where else None,
        line=where[1] if where else None,
    )


def _text(term: Term) -> str:
    """A term as ``str()`` of its rdflib term gives it (rdflib writes some literals in their
    canonical form, as "+00:00" for "Z"), so both engines name values alike."""
    if isinstance(term, ox.Literal) and term.datatype.value != XSD_STRING and not term.language:
        return str(rdflib_term(term))
    return term.value if not isinstance(term, ox.Triple) else str(term)


_SUBJECT = f"<{RDF.subject}>"
_PREDICATE = f"<{RDF.predicate}>"
_OBJECT = f"<{RDF.object}>"
_PAGE = f"<{MKG.page}>"
_FIRST_LINE = f"<{MKG.firstLine}>"


def _source_lines(
    graph: DocumentGraph, found: Found
) -> dict[str, dict[str | None, tuple[int, int]]]:
    """Where the graph states a fact of each focus node (an IRI): by the fact's predicate,
    and the first of any fact (None) where the node is the subject or else the object."""
    located: dict[str, dict[str | None, tuple[int, int]]] = defaultdict(dict)
    for node in {focus for _, focus, _ in found if focus[0] == "<"}:
        subject = located[node]
        objects: list[tuple[int, int]] = []
        for statement in graph.subjects(_SUBJECT, node):
            # a fact whose rdf:predicate is a literal is counted as one about the object
            predicates = graph.objects(statement, _PREDICATE) or (None,)
            for where in _places(graph, statement):
                for predicate in predicates:
                    if predicate is not None and predicate[0] == '"':
                        objects.append(where)
                        continue
                    for by in (plain_value(predicate) if predicate else None, None):
                        held = subject.get(by)
                        subject[by] = where if held is None else min(held, where)
        for statement in graph.subjects(_OBJECT, node):
            objects.extend(_places(graph, statement))
        if objects:
            subject.setdefault(None, min(objects))
    return located


def _places(graph: DocumentGraph, statement: str) -> list[tuple[int, int]]:
    """Each (page, first line) a statement gives, as numbers."""
    places = []
    for page in graph.objects(statement, _PAGE):
        for line in graph.objects(statement, _FIRST_LINE):
            try:
                places.append((int(plain_value(page)), int(plain_value(line))))
            except ValueError:
                continue
    return places
