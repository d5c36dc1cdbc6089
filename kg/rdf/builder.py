"""Collects the quads of one document graph, each extracted fact with its source span."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Quad

from kg.iri import Minter
from kg.parse.model import Span
from kg.rdf.terms import integer, iri, text
from kg.vocab import MKG, PROV, RDF

Object = NamedNode | Literal
#: The terms every fact's statement names (a namespace's term is made at each use).
_TYPE, _SUBJECT, _PREDICATE, _OBJECT = RDF.type, RDF.subject, RDF.predicate, RDF.object
_STATEMENT, _DERIVED, _RESOLVED = RDF.Statement, PROV.wasDerivedFrom, MKG.resolvedFrom
_POINTER, _PAGE, _FIRST, _LAST = MKG.jsonPointer, MKG.page, MKG.firstLine, MKG.lastLine
_SOURCE_TEXT = MKG.sourceText


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
    _integers: dict[int, Literal] = field(default_factory=dict)

    def add(self, subject: str, predicate: str, obj: Object) -> None:
        """One triple, without provenance (types, labels, links the mapping makes)."""
        quad = Quad(self._node(subject), self._node(predicate), obj, self._node(self.graph))
        if quad not in self._seen:
            self._seen.add(quad)
            self.quads.append(quad)

    def _node(self, value: str) -> NamedNode:
        node = self._nodes.get(value)
        if node is None:
            node = self._nodes[value] = iri(value)
        return node

    def _integer(self, value: int) -> Literal:
        found = self._integers.get(value)
        if found is None:
            found = self._integers[value] = integer(value)
        return found

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
        add, term = self.add, self._node
        add(node, _TYPE, term(_STATEMENT))
        add(node, _SUBJECT, term(subject))
        add(node, _PREDICATE, term(predicate))
        add(node, _OBJECT, obj)
        add(node, _DERIVED, term(self.graph))
        if resolved_from is not None:
            add(node, _RESOLVED, term(resolved_from))
        elif span is not None and span.pointer:
            add(node, _POINTER, text(span.pointer))
        elif span is not None:
            add(node, _PAGE, self._integer(span.page))
            add(node, _FIRST, self._integer(span.first))
            add(node, _LAST, self._integer(span.last))
        lexical = obj.value
        if raw and raw.strip() != lexical:
            add(node, _SOURCE_TEXT, text(raw.strip()))
