"""Reading the values of a node's property once, however many graphs state them.

Oxigraph's union of the graphs repeats a triple once per named graph that states it: a
technology concept's label is stated by every document that mentions the concept, two
thousand times in a store of two million quads. `distinct_objects` and its siblings let
the store drop the repeats (a ``SELECT DISTINCT``) rather than build a Python object per
copy, and `Memo` remembers the answers for the life of an application, since the
linked-data pages ask for the labels of the same few shared nodes again and again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from itertools import chain, islice
from typing import Any

import pyoxigraph as ox

from kg.store.protocol import QueryStore

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Node = ox.NamedNode | ox.BlankNode
Key = tuple[Node, ox.NamedNode]

#: How many (node, property) answers a `Memo` keeps by default (some 200 to 300 bytes
#: each: at most about 30 MB).
MEMO_SIZE = 100_000
#: Past this many quads, a pattern's repeats are dropped by the store (a SPARQL query
#: costs a few Python objects' worth more than an index pattern, and saves one per quad).
FEW = 32


def distinct_objects(store: QueryStore, node: Node, predicate: ox.NamedNode) -> list[Term]:
    """The objects of ``node``'s ``predicate`` across the graphs, each once, in store order."""
    return _distinct(
        store,
        node,
        store.quads_for_pattern(node, predicate, None, None),
        lambda q: q.object,
        f"SELECT DISTINCT ?o WHERE {{ {node} {predicate} ?o }}",
    )


def distinct_pairs(store: QueryStore, node: Node) -> list[tuple[ox.NamedNode, Term]]:
    """Every (predicate, object) of ``node`` across the graphs, each once, in store order."""
    return _distinct(
        store,
        node,
        store.quads_for_pattern(node, None, None, None),
        lambda q: (q.predicate, q.object),
        f"SELECT DISTINCT ?p ?o WHERE {{ {node} ?p ?o }}",
    )


def distinct_links(store: QueryStore, node: Node) -> list[tuple[Term, ox.NamedNode]]:
    """Every (subject, predicate) linking to ``node`` across the graphs, each once, in
    store order."""
    return _distinct(
        store,
        node,
        store.quads_for_pattern(None, None, node, None),
        lambda q: (q.subject, q.predicate),
        f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p {node} }}",
    )


def _distinct(
    store: QueryStore,
    node: Node,
    quads: Iterator[ox.Quad],
    part: Callable[[ox.Quad], Any],
    query: str,
) -> list[Any]:
    """The distinct ``part`` of the quads of an index pattern about ``node``: read in
    Python when there are few (the usual case, and the cheapest), else by ``query``, a
    ``SELECT DISTINCT`` of the same parts, so that the store drops the repeats. Both read
    the same index, so the order is the same. A blank node, which a query text cannot
    name, is always read in Python."""
    first = list(islice(quads, FEW))
    if len(first) < FEW or not isinstance(node, ox.NamedNode):
        return list(dict.fromkeys(part(q) for q in chain(first, quads)))
    results = store.query(query, use_default_graph_as_union=True)
    assert isinstance(results, ox.QuerySolutions)
    width = len(results.variables)
    if width == 1:
        return [solution[0] for solution in results]
    return [tuple(solution[i] for i in range(width)) for solution in results]


class Memo:
    """The objects of (node, property) pairs, remembered: bounded (the least recently used
    go first) and safe to share between the threads that answer requests.

    One memo belongs to one application and so to one store, which ``kg serve`` opens
    read-only: what it remembers stays true while the application runs. A remote store
    (`kg.store.remote`) may change under a running server; its pages then show what was
    read first until the application restarts or the memo is cleared.
    """

    def __init__(self, size: int = MEMO_SIZE) -> None:
        self.size = size
        self._found: OrderedDict[Key, tuple[Term, ...]] = OrderedDict()
        self._lock = threading.Lock()

    def objects(self, store: QueryStore, node: Node, predicate: ox.NamedNode) -> list[Term]:
        """`distinct_objects`, read from the store the first time only."""
        key = (node, predicate)
        with self._lock:
            found = self._found.get(key)
            if found is not None:
                self._found.move_to_end(key)
                return list(found)
        objects = distinct_objects(store, node, predicate)
        with self._lock:
            self._found[key] = tuple(objects)
            if len(self._found) > self.size:
                self._found.popitem(last=False)
        return objects

    def clear(self) -> None:
        """Forget everything (after the store changed)."""
        with self._lock:
            self._found.clear()

    def __len__(self) -> int:
        return len(self._found)
