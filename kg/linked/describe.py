"""A resource's description in RDF: its triples, the labels of what it links to, and
the triples of its blank nodes, written in a format of `kg.formats` with the prefixes
it uses."""

from __future__ import annotations

import json
from collections.abc import Iterable

import pyoxigraph as ox

from kg.formats import Media
from kg.linked.lookups import Node
from kg.linked.reader import Reader
from kg.linked.terms import LABEL
from kg.vocab import RDF, XSD

# ---------------------------------------------------------------- the description (RDF)


def description(reader: Reader, node: ox.NamedNode) -> list[ox.Triple]:
    """The triples with ``node`` as subject, the labels of the IRIs it links to, and the
    triples of the blank nodes it links to (a concise bounded description)."""
    triples: dict[ox.Triple, None] = {}
    linked: dict[ox.NamedNode, None] = {}
    todo: list[Node] = [node]
    done: set[Node] = set()
    while todo:
        subject = todo.pop(0)
        if subject in done:
            continue
        done.add(subject)
        for predicate, obj in reader.pairs(subject):
            triples[ox.Triple(subject, predicate, obj)] = None
            if isinstance(obj, ox.BlankNode) and len(done) < 100:
                todo.append(obj)
            elif isinstance(obj, ox.NamedNode) and obj != node:
                linked[obj] = None
    for target in linked:
        for label in reader.objects(target, LABEL):
            triples[ox.Triple(target, LABEL, label)] = None
    return list(triples)


def serialize(triples: Iterable[ox.Triple], media: Media, namespaces: dict[str, str]) -> bytes:
    """Triples in an RDF media type, with the prefixes that they use where the format
    has them."""
    rdf_format = media.rdf_format
    assert rdf_format is not None, media
    triples = list(triples)
    namespaces = used_prefixes(triples, namespaces)
    if media is Media.JSONLD:
        # pyoxigraph writes expanded JSON-LD; the prefixes go into a context beside it.
        expanded = json.loads(ox.serialize(triples, format=rdf_format) or b"[]")
        nodes = expanded.get("@graph", [expanded]) if isinstance(expanded, dict) else expanded
        document = {"@context": namespaces, "@graph": nodes}
        return json.dumps(document, ensure_ascii=False, indent=1).encode()
    if media is Media.NTRIPLES:
        return ox.serialize(triples, format=rdf_format) or b""
    return ox.serialize(triples, format=rdf_format, prefixes=namespaces) or b""


#: The datatypes of plain and language-tagged literals, which no serialisation writes.
_UNWRITTEN = {XSD.string, RDF.langString}


def used_prefixes(triples: Iterable[ox.Triple], namespaces: dict[str, str]) -> dict[str, str]:
    """The namespaces that an IRI of the triples (or a literal's datatype, when written)
    is in; a resource's description uses a few of the thirty, which were half of its
    Turtle.

    >>> from kg.vocab import PREFIXES, RDFS
    >>> x = ox.NamedNode(PREFIXES["mkg"] + "x")
    >>> t = ox.Triple(x, ox.NamedNode(RDFS.label), ox.Literal("x"))
    >>> sorted(used_prefixes([t], PREFIXES))
    ['mkg', 'rdfs']
    >>> one = ox.Literal("1", datatype=ox.NamedNode(XSD.integer))
    >>> sorted(used_prefixes([ox.Triple(x, x, one)], PREFIXES))
    ['mkg', 'xsd']
    """
    iris: set[str] = set()
    for triple in triples:
        for term in (triple.subject, triple.predicate, triple.object):
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
            elif isinstance(term, ox.Literal) and term.datatype.value not in _UNWRITTEN:
                iris.add(term.datatype.value)
    # a namespace ending in "/" or "#" begins an IRI exactly when it begins the IRI's
    # stem (up to its last "/" or "#"), and the stems are few: each namespace is tried
    # against them, not against every IRI (that was half a Turtle page's time)
    stems = {iri[: max(iri.rfind("/"), iri.rfind("#")) + 1] for iri in iris}
    return {
        name: namespace
        for name, namespace in namespaces.items()
        if _starts(stems if namespace.endswith(("/", "#")) else iris, namespace)
    }


def _starts(iris: set[str], namespace: str) -> bool:
    return any(iri.startswith(namespace) for iri in iris)
