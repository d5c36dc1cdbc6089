"""Collects the quads of one document graph, each extracted fact with its source span."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Quad

from kg.iri import Minter
from kg.parse.model import Span
from kg.rdf.terms import integer, iri, text
from kg.vocab import MKG, PROV, RDF

Object = NamedNode | Literal


@dataclass
class GraphBuilder:
    """Adds triples to the named graph ``graph``; `fact` also records where they came from."""

    graph: str
    minter: Minter
    #: The names as the document writes them; None where any spelling may be stated.
    spellings: frozenset[str] | None = None
    quads: list[Quad] = field(default_factory=list)
    _seen: set[Quad] = field(default_factory=set)
    #: The terms made so far (a fact names its subject, predicate and object twice).
    _nodes: dict[str, NamedNode] = field(default_factory=dict)

    def add(self, subject: str, predicate: str, obj: Object) -> None:
        """One triple, without provenance (types, labels, links the mapping makes)."""
        quad = Quad(self._node(subject), self._node(predicate), obj, self._node(self.graph))
        if quad not in self._seen:
            self._seen.add(quad)
            self.quads.append(quad)

    def _node(self, value: str) -> NamedNode:
        return self._nodes.get(value) or self._nodes.setdefault(value, iri(value))

    def states(self, subject: str, predicate: str) -> bool:
        """Whether the graph has a triple of ``subject`` and ``predicate`` so far."""
        node, prop = iri(subject), iri(predicate)
        return any(q.subject == node and q.predicate == prop for q in self.quads)

    def fact(
        self,
        subject: str,
        predicate: str,
        obj: Object,
        span: Span | None,
        *,
        raw: str | None = None,
        resolved_from: str | None = None,
    ) -> None:
        """One triple read from the document at ``span`` (or taken from the document
        ``resolved_from``), with a reified statement saying so: the page and lines, or
        the JSON Pointer of a value read from JSON."""
        self.add(subject, predicate, obj)
        where = (span.pointer or f"{span.page}:{span.first}-{span.last}") if span else ""
        node = self.minter.skolem(
            self.graph, subject, predicate, str(obj), where, resolved_from or "", raw or ""
        )
        self.add(node, RDF.type, iri(RDF.Statement))
        self.add(node, RDF.subject, iri(subject))
        self.add(node, RDF.predicate, iri(predicate))
        self.add(node, RDF.object, obj)
        self.add(node, PROV.wasDerivedFrom, iri(self.graph))
        if resolved_from is not None:
            self.add(node, MKG.resolvedFrom, iri(resolved_from))
        elif span is not None and span.pointer:
            self.add(node, MKG.jsonPointer, text(span.pointer))
        elif span is not None:
            self.add(node, MKG.page, integer(span.page))
            self.add(node, MKG.firstLine, integer(span.first))
            self.add(node, MKG.lastLine, integer(span.last))
        lexical = obj.value
        if raw and raw.strip() != lexical:
            self.add(node, MKG.sourceText, text(raw.strip()))
