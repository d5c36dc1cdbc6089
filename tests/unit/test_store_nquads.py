"""Writing document graphs as N-Quads bytes (what a build's workers hand back)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.rdf.nquads import digest, encode
from kg.store import OxigraphStore, union
from kg.store.oxigraph import JOURNAL_FILE

G1, G2 = "http://example.org/graph/1", "http://example.org/graph/2"


def quad(subject: str, value: str, graph: str) -> ox.Quad:
    return ox.Quad(
        ox.NamedNode(f"http://example.org/{subject}"),
        ox.NamedNode("http://example.org/p"),
        ox.Literal(value),
        ox.NamedNode(graph),
    )


@pytest.fixture
def store(tmp_path: Path) -> OxigraphStore:
    return OxigraphStore(tmp_path)


def test_new_graphs_hold_exactly_their_quads(store: OxigraphStore) -> None:
    one = {quad("a", "1", G1), quad("b", "2", G1)}
    two = {quad("a", "3", G2)}
    store.load_nquads(encode([*one, *two]), [G1, G2])
    assert store.graph(G1) == one
    assert store.graph(G2) == two
    assert len(store) == 3


def test_a_graph_the_store_holds_is_replaced_and_the_others_kept(store: OxigraphStore) -> None:
    store.load_nquads(encode([quad("a", "old", G1), quad("a", "kept", G2)]), [G1, G2])
    store.load_nquads(encode([quad("a", "new", G1)]), [G1])
    assert store.graph(G1) == {quad("a", "new", G1)}
    assert store.graph(G2) == {quad("a", "kept", G2)}


def counted(store: OxigraphStore) -> int:
    """The quads of the named graphs, counted in the store itself."""
    return len(store.raw) - store.union_size()


def test_the_size_kept_since_an_empty_store_was_opened_is_the_size_counted(
    store: OxigraphStore,
) -> None:
    shared = quad("a", "same", G1)
    store.load_nquads(encode([shared, quad("b", "2", G1)]), [G1])
    store.replace_graph(G2, [quad("a", "same", G2), quad("a", "same", G2), quad("c", "3", G2)])
    assert len(store) == counted(store) == 4
    store.load_nquads(encode([quad("a", "new", G1)]), [G1])  # an existing graph: replaced
    store.replace_graph(G2, [quad("d", "4", G2)])
    assert len(store) == counted(store) == 2
    store.remove_graph(G1)
    assert len(store) == counted(store) == 1


def test_a_store_opened_with_graphs_counts_its_size(tmp_path: Path) -> None:
    OxigraphStore(tmp_path).load_nquads(encode([quad("a", "1", G1)]), [G1])
    reopened = OxigraphStore(tmp_path)
    reopened.replace_graph(G2, [quad("b", "2", G2)])
    assert len(reopened) == counted(reopened) == 2


def test_a_bad_batch_writes_nothing(store: OxigraphStore) -> None:
    data = encode([quad("a", "1", G1)]) + b"<http://example.org/b> <broken .\n"
    with pytest.raises(StoreError):
        store.load_nquads(data, [G1])
    assert len(store) == 0


def test_the_digest_is_of_the_set_of_quads() -> None:
    a, b = quad("a", "1", G1), quad("b", "2", G1)
    assert digest([a, b]) == digest([b, a, b])
    assert digest([a, b]) != digest([a])
    assert digest([a]) != digest([quad("a", "1", G2)])


class Killed(Exception):
    """Stands for the process being killed in the middle of a write."""


def _killed_write(folder: Path) -> None:
    """A store with graph G1, and a write of G2 killed when G2's quads and some of their
    triples are in: the store is closed when this returns."""
    store = OxigraphStore(folder)
    store.load_nquads(encode([quad("a", "1", G1)]), [G1])
    own = quad("b", "2", G2)

    def kill() -> None:
        store.raw.bulk_load(union.triples(encode([own])), format=ox.RdfFormat.N_QUADS)
        raise Killed

    with pytest.raises(Killed):
        store.load_nquads(encode([quad("a", "1", G2), own]), [G2], between=kill)
    assert store.graph(G2)  # half of the batch is in the store


def test_graphs_a_killed_bulk_load_left_are_taken_out_when_the_store_is_next_opened(
    tmp_path: Path,
) -> None:
    _killed_write(tmp_path)
    with pytest.raises(StoreError, match="stopped while writing"):
        OxigraphStore(tmp_path, read_only=True)
    reopened = OxigraphStore(tmp_path)
    assert set(reopened.graphs()) == {G1}
    default = reopened.raw.quads_for_pattern(None, None, None, ox.DefaultGraph())
    assert {(q.subject, q.object) for q in default} == {
        (ox.NamedNode("http://example.org/a"), ox.Literal("1"))
    }
    assert not (tmp_path / JOURNAL_FILE).exists()
