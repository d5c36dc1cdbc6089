"""pySHACL over one document graph at a time; violations name shape, node and source line."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

import pyoxigraph as ox
import rdflib
from pyshacl import validate as shacl_validate

from kg.errors import ShapesError
from kg.vocab import MKG, RDF, SH

_SH = rdflib.Namespace(SH.iri)
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

#: Any RDF term of pyoxigraph.
Term: TypeAlias = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass(frozen=True)
class Shapes:
    """The loaded shapes graph and a hash of its files, recorded in build provenance."""

    graph: rdflib.Graph
    digest: str


@dataclass(frozen=True)
class Violation:
    """One result of the gate, in terms a user can act on."""

    shape: str
    focus: str
    path: str | None
    message: str
    severity: str
    value: str | None = None
    page: int | None = None
    line: int | None = None

    def describe(self, source: str) -> str:
        """One line: where in the source, which shape, which node, what is wrong."""
        where = source
        if self.page is not None and self.line is not None:
            where += f", page {self.page}, line {self.line}"
        path = f" {self.path}" if self.path else ""
        return f"{where}: {self.message} [shape {self.shape}; node {self.focus}{path}]"


def load_shapes(folder: Path) -> Shapes:
    """All ``*.ttl`` files of ``folder`` as one shapes graph."""
    files = sorted(folder.glob("*.ttl"))
    if not files:
        raise ShapesError(f"no shapes (*.ttl) in {folder}")
    graph = rdflib.Graph()
    digest = hashlib.sha256()
    for file in files:
        data = file.read_bytes()
        digest.update(file.name.encode() + b"\0" + data)
        try:
            graph.parse(data=data, format="turtle")
        except Exception as exc:  # rdflib raises many types for bad Turtle
            raise ShapesError(f"{file}: the shapes do not parse: {exc}") from exc
    return Shapes(graph, digest.hexdigest()[:16])


def to_rdflib(quads: Iterable[ox.Quad]) -> rdflib.Graph:
    """The triples of ``quads`` (graph names dropped) as an rdflib graph; blank nodes keep
    their labels, so a violation names the same node whichever engine found it."""
    graph = rdflib.Graph()
    for quad in quads:
        graph.add(
            (rdflib_term(quad.subject), rdflib_term(quad.predicate), rdflib_term(quad.object))
        )
    return graph


def rdflib_term(term: Term) -> rdflib.term.Node:
    """An oxigraph term as the rdflib term (blank nodes keep their labels)."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise ValueError(f"RDF-star triple terms are not supported: {term}")


def validate_quads(quads: Iterable[ox.Quad], shapes: Shapes) -> list[Violation]:
    """The violations of one graph (empty when it conforms), sorted by source position."""
    data = to_rdflib(quads)
    conforms, results, _ = shacl_validate(
        data, shacl_graph=shapes.graph, inference="none", advanced=True, allow_warnings=True
    )
    if conforms:
        return []
    violations = [
        _violation(results, node, data)
        for node in results.subjects(rdflib.RDF.type, _SH.ValidationResult)
    ]
    return sorted(violations, key=lambda v: (v.page or 0, v.line or 0, v.shape, v.focus))


def _violation(results: rdflib.Graph, node: rdflib.term.Node, data: rdflib.Graph) -> Violation:
    def one(prop: rdflib.URIRef) -> rdflib.term.Node | None:
        return results.value(node, prop)

    focus = one(_SH.focusNode)
    shape = one(_SH.sourceShape)
    path = one(_SH.resultPath)
    value = one(_SH.value)
    message = one(_SH.resultMessage)
    severity = one(_SH.resultSeverity)
    page, line = _source_line(data, focus, path)
    return Violation(
        shape=short_name(shape),
        focus=str(focus),
        path=short_name(path) if path is not None else None,
        message=str(message) if message is not None else "does not conform",
        severity=short_name(severity),
        value=str(value) if value is not None else None,
        page=page,
        line=line,
    )


def short_name(term: rdflib.term.Node | None) -> str:
    if term is None:
        return "(anonymous)"
    if isinstance(term, rdflib.BNode):
        return "(anonymous)"
    text = str(term)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


def _source_line(
    data: rdflib.Graph, focus: rdflib.term.Node | None, path: rdflib.term.Node | None
) -> tuple[int | None, int | None]:
    """Where the document states the failing fact (or, failing that, anything of the node)."""
    if focus is None:
        return None, None
    subject = rdflib.URIRef(RDF.subject)
    predicate = rdflib.URIRef(RDF.predicate)
    statements = list(data.subjects(subject, focus))
    preferred = [s for s in statements if path is not None and (s, predicate, path) in data]
    # A node that is the object of a fact (a person in an attendance list) is found there.
    statements += list(data.subjects(rdflib.URIRef(RDF.object), focus))
    for statement in preferred + statements:
        page = data.value(statement, rdflib.URIRef(MKG.page))
        line = data.value(statement, rdflib.URIRef(MKG.firstLine))
        if page is not None and line is not None:
            return int(page), int(line)  # type: ignore[call-overload]
    return None, None
