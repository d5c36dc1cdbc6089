"""Reading a node's values once however many graphs repeat them (kg.linked.lookups, from
the default graph that `kg.store.union` keeps)."""

from __future__ import annotations

import threading

import pyoxigraph as ox
import pytest

from kg.linked.lookups import Memo, distinct_links, distinct_objects, distinct_pairs
from kg.store import union

EX = "http://example.org/"
FEW = 32
NODE = ox.NamedNode(EX + "concept")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
MENTIONS = ox.NamedNode(EX + "mentions")


def _store(graphs: int) -> ox.Store:
    """A concept described the same way by ``graphs`` graphs, with one extra label in one
    graph, and mentioned by a document in each; the default graph their union."""
    store = ox.Store()
    store.add(ox.Quad(NODE, TYPE, ox.NamedNode(EX + "Concept")))
    for n in range(graphs):
        graph = ox.NamedNode(f"{EX}graph/{n}")
        store.add(ox.Quad(NODE, LABEL, ox.Literal("varmepumpe", language="da"), graph))
        store.add(ox.Quad(NODE, LABEL, ox.Literal("heat pump", language="en"), graph))
        store.add(ox.Quad(NODE, TYPE, ox.NamedNode(EX + "Concept"), graph))
        store.add(ox.Quad(ox.NamedNode(f"{EX}doc/{n % 3}"), MENTIONS, NODE, graph))
    store.add(ox.Quad(NODE, LABEL, ox.Literal("pompe à chaleur", language="fr"), graph))
    store.update(union.rebuild())
    return store


def _python_dedup(store: ox.Store) -> tuple[list[object], list[object], list[object]]:
    objects = [q.object for q in store.quads_for_pattern(NODE, LABEL, None, None)]
    pairs = [(q.predicate, q.object) for q in store.quads_for_pattern(NODE, None, None, None)]
    links = [(q.subject, q.predicate) for q in store.quads_for_pattern(None, None, NODE, None)]
    return (list(dict.fromkeys(objects)), list(dict.fromkeys(pairs)), list(dict.fromkeys(links)))


@pytest.mark.parametrize("graphs", [1, FEW // 3, FEW, FEW * 4])
def test_distinct_reads_each_value_once_in_store_order(graphs: int) -> None:
    store = _store(graphs)
    objects, pairs, links = _python_dedup(store)
    assert distinct_objects(store, NODE, LABEL) == objects
    assert distinct_pairs(store, NODE) == pairs
    assert distinct_links(store, NODE) == links
    assert len(objects) == 3
    assert len(links) == min(graphs, 3)


def test_distinct_reads_a_blank_node_through_the_index() -> None:
    store = ox.Store()
    blank = ox.BlankNode("b1")
    for n in range(FEW * 2):
        store.add(ox.Quad(blank, LABEL, ox.Literal("x"), ox.NamedNode(f"{EX}g/{n}")))
    store.update(union.rebuild())
    assert distinct_objects(store, blank, LABEL) == [ox.Literal("x")]
    assert distinct_pairs(store, blank) == [(LABEL, ox.Literal("x"))]


def test_memo_answers_as_the_store_and_remembers() -> None:
    store = _store(FEW * 2)
    memo = Memo()
    first = memo.objects(store, NODE, LABEL)
    assert first == distinct_objects(store, NODE, LABEL)
    store.clear()  # what it read stays remembered (kg serve's store does not change)
    assert memo.objects(store, NODE, LABEL) == first
    memo.clear()
    assert memo.objects(store, NODE, LABEL) == []


def test_memo_is_bounded_and_forgets_the_least_recently_used() -> None:
    store = _store(1)
    memo = Memo(size=2)
    nodes = [ox.NamedNode(f"{EX}n{i}") for i in range(3)]
    memo.objects(store, nodes[0], LABEL)
    memo.objects(store, nodes[1], LABEL)
    memo.objects(store, nodes[0], LABEL)  # used again: n1 is now the oldest
    store.add(ox.Quad(nodes[0], LABEL, ox.Literal("late")))
    store.add(ox.Quad(nodes[1], LABEL, ox.Literal("late")))
    memo.objects(store, nodes[2], LABEL)
    assert len(memo) == 2
    assert memo.objects(store, nodes[0], LABEL) == []  # remembered
    assert memo.objects(store, nodes[1], LABEL) == [ox.Literal("late")]  # read again


def test_memo_shared_by_threads_gives_every_thread_the_same_answers() -> None:
    store = _store(FEW * 2)
    memo = Memo(size=8)
    nodes = [NODE, *(ox.NamedNode(f"{EX}doc/{i}") for i in range(3))]
    want = {n: distinct_objects(store, n, LABEL) for n in nodes}
    errors: list[str] = []

    def read() -> None:
        for _ in range(200):
            for node in nodes:
                if memo.objects(store, node, LABEL) != want[node]:
                    errors.append(node.value)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_used_prefixes_are_those_some_iri_starts_with() -> None:
    """The stems' shortcut (`kg.linked.describe.used_prefixes`) against the definition:
    every namespace that some IRI of the triples (or a written datatype) starts with."""
    import itertools
    import random

    from kg.linked.describe import used_prefixes
    from kg.vocab import PREFIXES

    namespaces = dict(PREFIXES) | {
        "base": "http://localhost:8000/",
        "person": "http://localhost:8000/id/person/",
        "odd": "urn:example:odd-",  # ends in neither "/" nor "#"
    }
    pool = [ns + local for ns in namespaces.values() for local in ("x", "a/b", "")]
    pool += [ns + "c#d" for ns in namespaces.values() if ns.endswith("/")]
    pool += ["http://elsewhere.org/x", "urn:example:odd-thing", "urn:example:other"]
    chooser = random.Random(7)
    for _ in range(200):
        iris = chooser.sample(pool, chooser.randint(1, 8))
        spo = list(itertools.zip_longest(iris, iris[1:], iris[2:], fillvalue=iris[0]))
        triples = [
            ox.Triple(ox.NamedNode(s), ox.NamedNode(p), ox.Literal("1", datatype=ox.NamedNode(o)))
            for s, p, o in spo
        ]
        written = {term for s, p, o in spo for term in (s, p, o)}
        want = {n: ns for n, ns in namespaces.items() if any(i.startswith(ns) for i in written)}
        assert used_prefixes(triples, namespaces) == want
