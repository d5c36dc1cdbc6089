"""A build's new graphs spooled and loaded into the embedded store in growing loads."""

from __future__ import annotations

import math
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.rdf.nquads import encode
from kg.store import OxigraphStore, union
from kg.store import spool as spool_module
from kg.store.base import GraphStore
from kg.store.oxigraph import JOURNAL_FILE
from kg.store.spool import SPOOL_FOLDER, Spool

P = ox.NamedNode("http://example.org/p")
SHARED = ox.NamedNode("http://example.org/shared")


def graph_iri(n: int) -> str:
    return f"http://example.org/graph/{n}"


def quads(n: int) -> list[ox.Quad]:
    """Graph ``n``: a statement of its own, and one every graph states."""
    name = ox.NamedNode(graph_iri(n))
    own = ox.Quad(ox.NamedNode(f"http://example.org/s{n}"), P, ox.Literal(str(n)), name)
    return [own, ox.Quad(SHARED, P, ox.Literal("all"), name)]


def batch(numbers: range) -> tuple[list[str], bytes, bytes]:
    data = encode([q for n in numbers for q in quads(n)])
    return [graph_iri(n) for n in numbers], data, union.triples(data)


def expected_default(numbers: range) -> set[ox.Quad]:
    found = {ox.Quad(q.subject, q.predicate, q.object) for n in numbers for q in quads(n)}
    return {q for q in found if q.predicate == P}


def default_graph(store: OxigraphStore) -> set[ox.Quad]:
    return set(store.raw.quads_for_pattern(None, None, None, ox.DefaultGraph()))


@pytest.fixture
def store(tmp_path: Path) -> OxigraphStore:
    return OxigraphStore(tmp_path / "store")


def test_every_batch_is_in_the_store_once_the_spool_is_left(store: OxigraphStore) -> None:
    with Spool(store, 1.0) as spool:
        for start in range(0, 64, 4):
            spool.add(*batch(range(start, start + 4)))
    for n in range(64):
        assert store.graph(graph_iri(n)) == set(quads(n))
    assert default_graph(store) == expected_default(range(64))  # the union, as a set
    assert len(store) == counted(store) == 128
    assert not (store.folder / SPOOL_FOLDER).exists()
    assert not (store.folder / JOURNAL_FILE).exists()


def counted(store: OxigraphStore) -> int:
    return len(store.raw) - store.union_size()


@pytest.mark.parametrize("growth", [1.0, 3.0])
def test_loads_grow_so_that_their_number_grows_with_the_logarithm(
    store: OxigraphStore, growth: float
) -> None:
    """Each load but the last takes at least ``growth`` times what the loads before it
    took: 64 batches of one size make at most 2 + log(64) / log(1 + growth) loads (fewer
    where the loader was busy when the spool had grown enough)."""
    with Spool(store, growth) as spool:
        for n in range(64):
            spool.add(*batch(range(n, n + 1)))
    assert 1 <= spool.loads <= 2 + math.log(64) / math.log(1 + growth)
    assert len(list(store.graphs())) == 64


def test_growth_0_loads_a_batch_whenever_the_loader_is_free(store: OxigraphStore) -> None:
    with Spool(store, 0.0) as spool:
        spool.add(*batch(range(0, 2)))
        spool.finish()  # waits: the loader is free for the next batch
        spool.add(*batch(range(2, 4)))
        spool.finish()
    assert spool.loads == 2
    assert len(list(store.graphs())) == 4


def test_a_graph_the_store_holds_is_replaced_not_spooled(store: OxigraphStore) -> None:
    with Spool(store, 1.0) as spool:
        spool.add(*batch(range(0, 3)))
    changed = [ox.Quad(SHARED, P, ox.Literal("changed"), ox.NamedNode(graph_iri(1)))]
    data = encode(changed)
    with Spool(store, 1.0) as spool:
        spool.add([graph_iri(1)], data, union.triples(data))
        spool.add(*batch(range(3, 5)))
    assert store.graph(graph_iri(1)) == set(changed)
    assert store.graph(graph_iri(0)) == set(quads(0))
    assert len(list(store.graphs())) == 5
    default = default_graph(store)
    assert ox.Quad(SHARED, P, ox.Literal("changed")) in default
    assert ox.Quad(ox.NamedNode("http://example.org/s1"), P, ox.Literal("1")) not in default


def test_leaving_with_an_error_loads_nothing_more_and_removes_the_spool(
    store: OxigraphStore,
) -> None:
    with pytest.raises(RuntimeError, match="stopped"), Spool(store, 1.0) as spool:
        spool.add(*batch(range(0, 2)))  # loaded at once: the loader is free
        spool.add(*batch(range(2, 3)))  # spooled: less than what was loaded
        raise RuntimeError("stopped")
    assert {graph_iri(0), graph_iri(1)} == set(store.graphs())
    assert not (store.folder / SPOOL_FOLDER).exists()
    assert not (store.folder / JOURNAL_FILE).exists()


def test_a_spool_a_killed_build_left_is_not_loaded(store: OxigraphStore) -> None:
    left = store.folder / SPOOL_FOLDER / "1.nq"
    left.parent.mkdir()
    left.write_bytes(encode(quads(9)))
    with Spool(store, 1.0) as spool:
        spool.add(*batch(range(0, 1)))
    assert set(store.graphs()) == {graph_iri(0)}


def test_a_load_of_many_files_is_whole_as_one_of_one(
    store: OxigraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files of at most 2 lines (a batch of one graph writes 2 quads and 2 triples of the
    union) until 10 lines are loaded, then one file a load. With ``growth`` 3, the second
    load waits for 3 batches at least: 3 files of quads."""
    monkeypatch.setattr(spool_module, "PART_LINES", 2)
    monkeypatch.setattr(spool_module, "WHOLE_AFTER", 10)
    parts: list[int] = []
    load = store.load_spooled

    def counting(quads: list[Path], facts: list[Path], *args: object, **kwargs: object) -> None:
        assert len(quads) == 1 or all(len(q.read_bytes().splitlines()) <= 2 for q in quads)
        parts.append(len(quads))
        load(quads, facts, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "load_spooled", counting)
    with Spool(store, 3.0) as spool:
        for n in range(40):
            spool.add(*batch(range(n, n + 1)))
    assert parts[0] == 1  # the first batch alone
    assert parts[1] >= 3  # then files of 2 lines
    assert parts[2:] == [1] * (len(parts) - 2)  # and past 10 lines, one file a load
    for n in range(40):
        assert store.graph(graph_iri(n)) == set(quads(n))
    assert default_graph(store) == expected_default(range(40))


def union_of_named_graphs(store: OxigraphStore) -> set[ox.Quad]:
    """What the default graph must hold: the union's triples of every named graph."""
    return {
        ox.Quad(t.subject, t.predicate, t.object)
        for g in store.graphs()
        for t in union.kept(list(store.graph(g)))
    }


def test_the_union_stays_whole_when_a_graph_is_replaced_while_a_shared_triple_waits(
    store: OxigraphStore,
) -> None:
    """A shared triple is spooled, not yet loaded, when a changed graph that also stated
    it is replaced, which takes it out of the union (no loaded graph states it): the
    spooled statements put it back when their load comes, and the union is what the
    named graphs state."""
    with Spool(store, 1.0) as spool:
        spool.add(*batch(range(0, 1)))  # graph 0 states the shared triple
    own = encode(quads(10)[:1])
    changed = encode([ox.Quad(SHARED, P, ox.Literal("changed"), ox.NamedNode(graph_iri(0)))])
    with Spool(store, 100.0) as spool:
        spool.add([graph_iri(10)], own, union.triples(own))  # loaded at once
        spool.add(*batch(range(11, 13)))  # spooled until the spool is left
        spool.add([graph_iri(0)], changed, union.triples(changed))  # replaced at once
        assert ox.Quad(SHARED, P, ox.Literal("all")) not in default_graph(store)
    default = default_graph(store)
    assert ox.Quad(SHARED, P, ox.Literal("all")) in default
    assert default == union_of_named_graphs(store)
    assert len(store) == counted(store) == 1 + 1 + 4


def test_the_embedded_store_writes_a_build_through_its_spool(store: OxigraphStore) -> None:
    loads: list[int] = []
    with store.writing(1.0, between=loads.append) as writes:
        assert isinstance(writes, Spool)
        for start in range(0, 16, 4):
            writes.add(*batch(range(start, start + 4)))
    assert loads == list(range(1, writes.loads + 1))  # between each load's quads and triples
    assert writes.seconds > 0
    assert default_graph(store) == expected_default(range(16))


def test_a_store_without_a_spool_writes_each_batch_at_once(store: OxigraphStore) -> None:
    """`GraphStore.writing` as a store that has no spool of its own writes (the remote
    one): one `load_nquads` a batch, in the store before the next batch is given."""
    writes_seen: list[int] = []
    with GraphStore.writing(store, 1.0, between=writes_seen.append) as writes:
        for n, start in enumerate(range(0, 12, 4), start=1):
            writes.add(*batch(range(start, start + 4)))
            assert len(list(store.graphs())) == 4 * n
    assert writes_seen == [1, 2, 3]
    assert writes.seconds > 0
    assert default_graph(store) == expected_default(range(12))
