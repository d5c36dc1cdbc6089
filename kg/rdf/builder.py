"""Collects the quads of one document graph, each extracted fact with its source span."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Quad

from kg.iri import Minter
from kg.parse.model import Span
from kg.rdf.terms import integer, iri, text
from kg.vocab import MKG, PROV, RDF

Object = NamedNode | Literal
#: The terms every fact's statement names (made once: a namespace's term is made at each use).
_TYPE, _SUBJECT, _PREDICATE, _OBJECT = map(
    NamedNode, (RDF.type, RDF.subject, RDF.predicate, RDF.object)
)
_STATEMENT, _DERIVED, _RESOLVED = map(
    NamedNode, (RDF.Statement, PROV.wasDerivedFrom, MKG.resolvedFrom)
)
_POINTER, _PAGE, _FIRST, _LAST = map(
    NamedNode, (MKG.jsonPointer, MKG.page, MKG.firstLine, MKG.lastLine)
)
_SOURCE_TEXT = NamedNode(MKG.sourceText)


@dataclass
class GraphBuilder:
    """Adds triples to the named graph ``graph``; `fact` also records where they came from."""

    graph: str
    minter: Minter
    #: The names as the document writes them; None where any spelling may be stated.
    spellings: frozenset[str] | None = None
    quads: list[Quad] = field(default_factory=list)
    #: The distinct literals of ``quads`` (what the privacy gate's last line reads).
    literals: dict[Literal, None] = field(default_factory=dict)
    _seen: set[Quad] = field(default_factory=set)
    #: The statements written so far: a statement's IRI is a digest of all it says, so
    #: one already written is the same statement again.
    _statements: set[str] = field(default_factory=set)
    #: The subject and predicate of each triple `add` wrote so far (`states`).
    _stated: set[tuple[str, str]] = field(default_factory=set)
    #: The terms made so far (a fact names its subject, predicate and object twice).
    _nodes: dict[str, NamedNode] = field(default_factory=dict)
    _integers: dict[int, Literal] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._graph = self._node(self.graph)

    def add(self, subject: str, predicate: str, obj: Object) -> None:
        """One triple, without provenance (types, labels, links the mapping makes)."""
        nodes = self._nodes
        s = nodes.get(subject) or self._node(subject)
        p = nodes.get(predicate) or self._node(predicate)
        quad = Quad(s, p, obj, self._graph)
        if quad not in self._seen:
            self._seen.add(quad)
            self.quads.append(quad)
            self._stated.add((subject, predicate))
            if type(obj) is Literal:
                self.literals[obj] = None

    def _node(self, value: str) -> NamedNode:
        node = self._nodes.get(value)
        if node is None:
            node = self._nodes[value] = iri(value)
        return node

    def _integer(self, value: int) -> Literal:
        found = self._integers.get(value)
        if found is None:
            found = self._integers[value] = integer(value)
            self.literals[found] = None
        return found

    def states(self, subject: str, predicate: str) -> bool:
        """Whether the graph has a triple of ``subject`` and ``predicate`` so far (of the
        triples `add` wrote: a statement's own are never asked for)."""
        return (subject, predicate) in self._stated

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
        name = self.minter.skolem(
            self.graph, subject, predicate, str(obj), where, resolved_from or "", raw or ""
        )
        if name in self._statements:
            return
        self._statements.add(name)
        # a statement's node is named by this builder alone: none of its triples can have
        # been added before, nor be added again but by the same statement
        node, graph, term = self._node(name), self._graph, self._node
        quads = self.quads
        quads += (
            Quad(node, _TYPE, _STATEMENT, graph),
            Quad(node, _SUBJECT, term(subject), graph),
            Quad(node, _PREDICATE, term(predicate), graph),
            Quad(node, _OBJECT, obj, graph),
            Quad(node, _DERIVED, graph, graph),
        )
        if resolved_from is not None:
            quads.append(Quad(node, _RESOLVED, term(resolved_from), graph))
        elif span is not None and span.pointer:
            pointer = text(span.pointer)
            quads.append(Quad(node, _POINTER, pointer, graph))
            self.literals[pointer] = None
        elif span is not None:
            integer = self._integer
            quads += (
                Quad(node, _PAGE, integer(span.page), graph),
                Quad(node, _FIRST, integer(span.first), graph),
                Quad(node, _LAST, integer(span.last), graph),
            )
        if raw and raw.strip() != obj.value:
            written = text(raw.strip())
            quads.append(Quad(node, _SOURCE_TEXT, written, graph))
            self.literals[written] = None
