"""The default graph as a set: the union of the named graphs, materialised and kept up
to date by every write.

A store's union of its named graphs is a bag (Oxigraph's ``use_default_graph_as_union``,
Virtuoso's default graph): a triple stated by two document graphs comes back twice, and a
``COUNT`` counts it twice. So a store keeps one more graph, the *union graph*, holding
each triple that some named graph states, once; queries that name no dataset read it as
their default graph. In the embedded store the union graph is the store's own default
graph (which nothing else writes: a file's triples outside a named graph are refused);
a remote store, whose default graph is already the bag, keeps it as the named graph
`UNION_GRAPH` and names it as the query's default graph.

Every write keeps it: replacing or removing graph G first takes out of the union graph
each triple of G that no other named graph states (one index lookup per triple of G,
the ``FILTER NOT EXISTS``: no rescan of the store), then writes G and copies its new
triples in. These are SPARQL updates whose text this module writes; the embedded store
runs them with the graph's own write in one transaction. A new graph's triples are its
quads without their graph (`triples`), which the embedded store's bulk load writes after
the quads (`kg.store.oxigraph`).

The union holds the *facts* of the graphs, not their citations. A citation is a node of a
graph that has an ``rdf:subject`` there: a reified statement saying where in the document
a fact was read (docs/graph-model.md). Its triples stay in its document's graph, where
``GRAPH ?doc { ?st rdf:subject ?s }`` finds them with their document, and are left out of
the union: they are some three quarters of a document graph, and each is stated by one
graph only, so copying them would add nothing a set needs while doubling what a build
writes. So a triple is in the union when some named graph states it of a subject that
is no citation there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import pyoxigraph as ox

from kg.vocab import RDF

#: The named graph that holds the union in a remote store (the embedded store uses its
#: default graph). Not a graph of the data: it is left out of graph listings and exports.
UNION_GRAPH = "urn:x-minutes-kg:union"


#: The filter, inside a ``GRAPH`` pattern, that keeps a triple out of the union when its
#: subject is a citation in that graph.
_FACT = f"FILTER NOT EXISTS {{ ?s <{RDF.subject}> ?cited }}"


def _into(union: str | None) -> str:
    """The template that writes ``?s ?p ?o`` into the union graph."""
    return "{ ?s ?p ?o }" if union is None else f"{{ GRAPH <{union}> {{ ?s ?p ?o }} }}"


def forget(graph: str, union: str | None = None) -> str:
    """The update that takes out of the union graph (``None``: the default graph) each
    triple of ``graph`` that no other named graph states: before ``graph`` is replaced
    or removed."""
    others = f"?g != <{graph}>" if union is None else f"?g != <{graph}> && ?g != <{union}>"
    return (
        f"DELETE {_into(union)} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o {_FACT} }} "
        f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o {_FACT} }} FILTER({others}) }} }}"
    )


def gather(graph: str, union: str | None = None) -> str:
    """The update that copies the triples of ``graph`` into the union graph: after it is
    written."""
    return f"INSERT {_into(union)} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o {_FACT} }} }}"


def rebuild(union: str | None = None, apart: Sequence[str] = ()) -> str:
    """The update that fills the union graph from every named graph but those ``apart``
    (a store written before the union graph was kept, or one whose union graph is to be
    checked).

    >>> rebuild("urn:u", ["urn:w"]).endswith("FILTER(?g NOT IN (<urn:u>, <urn:w>)) }")
    True
    """
    left_out = ([] if union is None else [union]) + [g for g in apart if g != union]
    listed = ", ".join(f"<{g}>" for g in left_out)
    other = f" FILTER(?g NOT IN ({listed}))" if left_out else ""
    clear = "CLEAR SILENT DEFAULT" if union is None else f"CLEAR SILENT GRAPH <{union}>"
    return f"{clear} ;\nINSERT {_into(union)} WHERE {{ GRAPH ?g {{ ?s ?p ?o {_FACT} }}{other} }}"


#: The graph of a line of N-Quads, an IRI, with the line's end: what `triples` cuts off.
_GRAPH_TERM = re.compile(rb" (<[^<>\"{}|^`\\\x00-\x20]*>) \.\r?$", re.MULTILINE)
#: A line of N-Quads stating a citation's ``rdf:subject``: the citation and its graph.
_CITATION = re.compile(
    rb"^(\S+) <" + RDF.subject.encode() + rb"> [^\n]*? (<[^<>\"{}|^`\\\x00-\x20]*>) \.\r?$",
    re.MULTILINE,
)


def triples(nquads: bytes) -> bytes:
    """The triple of each quad of ``nquads`` (every line a quad of a named graph, as
    `kg.rdf.nquads` writes them) that belongs in the union, as lines of the default graph:
    all but those of citations.

    >>> triples(b'<s:a> <s:p> "x y" <g:1> .\\n<s:b> <s:p> <s:c> <g:2> .\\n')
    b'<s:a> <s:p> "x y" .\\n<s:b> <s:p> <s:c> .\\n'
    >>> subject = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject>"
    >>> triples(b"<s:st> " + subject + b" <s:a> <g:1> .\\n<s:st> <s:p> <s:c> <g:1> .\\n"
    ...         b"<s:a> <s:p> <s:c> <g:1> .\\n<s:st> <s:p> <s:c> <g:2> .\\n")
    b'<s:a> <s:p> <s:c> .\\n<s:st> <s:p> <s:c> .\\n'
    """
    cited = set(_CITATION.findall(nquads))
    if cited:
        subjects = {subject for subject, _ in cited}
        kept = []
        for line in nquads.splitlines(keepends=True):
            subject = line[: line.find(b" ")]
            if subject in subjects:
                graph = _GRAPH_TERM.search(line)
                if graph is not None and (subject, graph.group(1)) in cited:
                    continue
            kept.append(line)
        nquads = b"".join(kept)
    return _GRAPH_TERM.sub(b" .", nquads)


#: The predicate of a citation's subject, as N-Quads writes it between two terms.
_SUBJECT_TERM = f" <{RDF.subject}> ".encode()


def _cited(nquads: bytes) -> set[bytes]:
    """The subjects of the lines of ``nquads`` whose predicate is ``rdf:subject``: the
    citations. (A search for the predicate, then the term before it, which starts its
    line when the predicate follows the subject: a term holds no space but in a literal.)

    >>> _cited(b'<s:st> ' + _SUBJECT_TERM[1:] + b'<s:a> <g:1> .\\n'
    ...        b'<s:b> <s:p> "a <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> b" <g:1> .\\n')
    {b'<s:st>'}
    """
    found: set[bytes] = set()
    at = nquads.find(_SUBJECT_TERM)
    while at >= 0:
        start = nquads.rfind(b"\n", 0, at) + 1
        subject = nquads[start:at]
        if b" " not in subject:
            found.add(subject)
        at = nquads.find(_SUBJECT_TERM, at + 1)
    return found


#: What makes a node a citation in its graph (see above).
CITES = ox.NamedNode(RDF.subject)


def graph_triples(nquads: bytes, graph: str) -> bytes:
    """`triples` of the N-Quads of the one named graph ``graph``, as `kg.rdf.nquads.encode`
    writes a graph (each quad on a line of its own, ending with the graph's name): what a
    worker process that has just written them gives the build's writer. Quicker than
    `triples`, which finds each line's graph.

    >>> subject = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject>"
    >>> graph_triples(b"<s:st> " + subject + b" <s:a> <g:1> .\\n<s:st> <s:p> <s:c> <g:1> .\\n"
    ...               b'<s:a> <s:p> "x <g:1> ." <g:1> .\\n', "g:1")
    b'<s:a> <s:p> "x <g:1> ." .\\n'
    """
    suffix = f" <{graph}> .".encode()
    lines = nquads.splitlines()
    if nquads.count(suffix + b"\n") != len(lines):
        return triples(nquads)  # not as `encode` writes one graph: read each line's graph
    cited = _cited(nquads)
    cut = len(suffix)
    kept = [line[:-cut] for line in lines if line[: line.find(b" ")] not in cited]
    return b"".join(line + b" .\n" for line in kept)


def kept(quads: Sequence[ox.Quad]) -> Iterator[ox.Triple]:
    """The triples of ``quads``, one named graph's, that belong in the union."""
    cited = {q.subject for q in quads if q.predicate == CITES}
    return (q.triple for q in quads if q.subject not in cited)
