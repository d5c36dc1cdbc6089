"""The compiled SHACL gate: shapes as SPARQL queries, run over a batch of document graphs.

    from kg.validate import compile_shapes, load_shapes, validate_batch

    compiled = compile_shapes(load_shapes(folder))        # once per build (ShapesError)
    results = validate_batch({"doc-a": quads_a, "doc-b": quads_b}, compiled)
    results["doc-a"]                                      # [] when doc-a conforms

``validate_batch`` takes the document graphs of a batch, by any key (a file name, a graph
IRI), loads them into an in-memory pyoxigraph store, each in its own named graph, and runs
the compiled queries over all of them at once. Quads that already sit in one named graph per
key (as a document graph's do) are loaded as they are; others are copied into a new graph.
Each graph is validated on its own triples only, exactly as ``validate_quads`` (pySHACL, the
reference) validates one graph: both give the same violations (shape, focus, path, value,
severity), nested results of sh:node included, and find a source page and line for the same
ones; tests/unit/test_shacl_compiled.py (cases) and
tests/integration/test_shacl_compiled_graphs.py (real graphs, mutants) hold them to it. A
Violation's message is the shape's sh:message (pySHACL writes its own when a shape has
none). Batches of 100 to 500 documents work well; the store is dropped when the call
returns.

Only the SHACL Core features read by kg/validate/shapes_model.py are supported; shapes that
use anything else are refused (ShapesError) rather than checked in part.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeAlias

import pyoxigraph as ox
import rdflib

from kg.validate.gate import XSD_STRING, Shapes, Term, Violation, rdflib_term, short_name
from kg.validate.ordering import fails
from kg.validate.shapes_model import Shape, read_shapes
from kg.validate.sparql import Check, compile_checks
from kg.vocab import MKG, RDF, RDFS

_BATCH_GRAPH = "urn:x-kg-batch:"
_SUBCLASS = ox.NamedNode(RDFS.subClassOf)


@dataclass(frozen=True)
class CompiledShapes:
    """The queries of a shapes graph: without and with rdfs:subClassOf in the data."""

    digest: str
    plain: tuple[Check, ...]
    with_subclasses: tuple[Check, ...]


def compile_shapes(shapes: Shapes) -> CompiledShapes:
    """The shapes as SPARQL queries; a ShapesError when they use an unsupported feature."""
    model = read_shapes(shapes.graph)
    return CompiledShapes(
        digest=shapes.digest,
        plain=tuple(compile_checks(model, subclasses=False)),
        with_subclasses=tuple(compile_checks(model, subclasses=True)),
    )


def validate_batch(
    graphs: Mapping[str, Collection[ox.Quad]], shapes: Shapes | CompiledShapes
) -> dict[str, list[Violation]]:
    """The violations of each graph of the batch (an empty list when it conforms), each
    graph validated on its own; sorted by source position as ``validate_quads`` sorts."""
    compiled = shapes if isinstance(shapes, CompiledShapes) else compile_shapes(shapes)
    store = ox.Store()
    keys = _load(store, graphs)
    subclasses = next(store.quads_for_pattern(None, _SUBCLASS, None), None) is not None
    found = _run(store, compiled.with_subclasses if subclasses else compiled.plain)
    lines = _source_lines(store, found)
    results: dict[str, list[Violation]] = {key: [] for key in graphs}
    for graph, rows in found.items():
        violations = {
            _violation(shape, focus, value, lines.get((graph, focus), {}))
            for shape, focus, value in rows
        }
        results[keys[graph]] = sorted(
            violations, key=lambda v: (v.page or 0, v.line or 0, v.shape, v.focus)
        )
    return results


def _load(store: ox.Store, graphs: Mapping[str, Collection[ox.Quad]]) -> dict[str, str]:
    """Each graph into its own named graph of ``store``: the one its quads are in when that
    is one named graph per key (no copying), else a new one. Answers graph IRI -> key."""
    names: dict[str, str] = {}
    for key, quads in graphs.items():
        first = next(iter(quads), None)
        name = first.graph_name if first is not None else None
        if not isinstance(name, ox.NamedNode) or name.value in names:
            break
        if any(q.graph_name != name for q in quads):
            break
        names[name.value] = key
    else:
        store.extend([q for quads in graphs.values() for q in quads])
        return names
    names = {}
    renamed: list[ox.Quad] = []
    for index, (key, quads) in enumerate(graphs.items()):
        name = ox.NamedNode(f"{_BATCH_GRAPH}{index}")
        names[name.value] = key
        renamed.extend(ox.Quad(q.subject, q.predicate, q.object, name) for q in quads)
    store.extend(renamed)  # one call: a call per graph costs more than the quads
    return names


#: (shape, focus, value) of each violation, by graph IRI.
Found: TypeAlias = "dict[str, set[tuple[Shape, Term, Term | None]]]"


def _run(store: ox.Store, checks: Sequence[Check]) -> Found:
    """(shape, focus, value) of each violation, by graph IRI."""
    found: Found = defaultdict(set)
    for check in checks:
        solutions = store.query(check.query)
        assert isinstance(solutions, ox.QuerySolutions)
        for row in solutions:
            graph, focus = row["g"], row["f"]
            assert isinstance(graph, ox.NamedNode) and focus is not None
            value = row["v"] if check.reports_value else None
            if check.compares:
                assert value is not None and row["w"] is not None
                if not fails(check.component, value, row["w"]):
                    continue
            shape = check.shape
            if check.dispatch:
                which = row["s"]
                assert which is not None
                shape = check.dispatch[int(which.value)]
            found[graph.value].add((shape, focus, value))
    return found


def _violation(
    shape: Shape,
    focus: Term,
    value: Term | None,
    lines: Mapping[str | None, tuple[int, int]],
) -> Violation:
    path = shape.path_node
    where = lines.get(str(path) if isinstance(path, rdflib.URIRef) else None) or lines.get(None)
    return Violation(
        shape=short_name(shape.node),
        focus=_text(focus),
        path=short_name(path) if path is not None else None,
        message=shape.message or "does not conform",
        severity=short_name(shape.severity),
        value=_text(value) if value is not None else None,
        page=where[0] if where else None,
        line=where[1] if where else None,
    )


def _text(term: Term) -> str:
    """A term as ``str()`` of its rdflib term gives it (rdflib writes some literals in their
    canonical form, as "+00:00" for "Z"), so both engines name values alike."""
    if isinstance(term, ox.Literal) and term.datatype.value != XSD_STRING and not term.language:
        return str(rdflib_term(term))
    return term.value if not isinstance(term, ox.Triple) else str(term)


_LINES_QUERY = f"""
SELECT ?g ?x ?predicate ?page ?line WHERE {{
  VALUES ?x {{ %s }}
  GRAPH ?g {{
    {{ ?s <{RDF.subject}> ?x OPTIONAL {{ ?s <{RDF.predicate}> ?predicate }} }}
    UNION {{ ?s <{RDF.object}> ?x BIND("object" AS ?predicate) }}
    ?s <{MKG.page}> ?page ; <{MKG.firstLine}> ?line .
  }}
}}"""


def _source_lines(
    store: ox.Store, found: Found
) -> dict[tuple[str, Term], dict[str | None, tuple[int, int]]]:
    """Where each graph states a fact of each focus node: by the fact's predicate, and the
    first of any fact (None) where the node is the subject or else the object."""
    foci = {focus for rows in found.values() for _, focus, _ in rows}
    named = sorted(f"<{f.value}>" for f in foci if isinstance(f, ox.NamedNode))
    if not named:
        return {}
    solutions = store.query(_LINES_QUERY % " ".join(named))
    assert isinstance(solutions, ox.QuerySolutions)
    subject: dict[tuple[str, Term], dict[str | None, tuple[int, int]]] = defaultdict(dict)
    objects: dict[tuple[str, Term], tuple[int, int]] = {}
    for row in solutions:
        graph, node, predicate = row["g"], row["x"], row["predicate"]
        page, line = row["page"], row["line"]
        assert isinstance(graph, ox.NamedNode) and node is not None
        assert page is not None and line is not None
        try:
            where = (int(page.value), int(line.value))
        except ValueError:
            continue
        key = (graph.value, node)
        if isinstance(predicate, ox.Literal):  # the node is the object of the fact
            objects[key] = min(objects.get(key, where), where)
            continue
        for by in (predicate.value if predicate is not None else None, None):
            held = subject[key].get(by)
            subject[key][by] = where if held is None else min(held, where)
    for key, where in objects.items():
        subject[key].setdefault(None, where)
    return dict(subject)
