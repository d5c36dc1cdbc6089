"""Reading the values of a node's property, each once, from the default graph.

The default graph is the union of the document graphs as a set (`kg.store.union`): a
technology concept's label, stated by every document that mentions the concept, is one
triple there, so an index pattern on it reads each value once. `Memo` remembers the
answers for the life of an application, since the linked-data pages ask for the labels of
the same few shared nodes again and again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import pyoxigraph as ox

from kg.store.protocol import QueryStore

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Node = ox.NamedNode | ox.BlankNode
Key = tuple[Node, ox.NamedNode]

#: How many (node, property) answers a `Memo` keeps by default (some 200 to 300 bytes
#: each: at most about 30 MB).
MEMO_SIZE = 100_000
DEFAULT = ox.DefaultGraph()


def distinct_objects(store: QueryStore, node: Node, predicate: ox.NamedNode) -> list[Term]:
    """The objects of ``node``'s ``predicate``, each once, in store order."""
    return [q.object for q in store.quads_for_pattern(node, predicate, None, DEFAULT)]


def distinct_pairs(store: QueryStore, node: Node) -> list[tuple[ox.NamedNode, Term]]:
    """Every (predicate, object) of ``node``, each once, in store order."""
    return [(q.predicate, q.object) for q in store.quads_for_pattern(node, None, None, DEFAULT)]


def stated_pairs(store: QueryStore, node: Node) -> list[tuple[ox.NamedNode, Term]]:
    """Every (predicate, object) of ``node`` in the named graphs, each once, in store
    order: for a node the default graph leaves out (a citation)."""
    pairs = (
        (q.predicate, q.object)
        for q in store.quads_for_pattern(node, None, None, None)
        if not isinstance(q.graph_name, ox.DefaultGraph)
    )
    return list(dict.fromkeys(pairs))


def distinct_links(store: QueryStore, node: Node) -> list[tuple[Term, ox.NamedNode]]:
    """Every (subject, predicate) linking to ``node``, each once, in store order."""
    return [(q.subject, q.predicate) for q in store.quads_for_pattern(None, None, node, DEFAULT)]


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
