"""The default graph is the union of the named graphs as a set (issue 14, point 2): counts
count each triple once, in-process, through `kg query` and at ``/sparql``; every write
(build, replace, remove) keeps it equal to the set union of the named graphs, on the
embedded store and on Virtuoso."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import StoreError
from kg.pipeline import build
from kg.rdf.nquads import encode
from kg.rdf.vocabulary import VOCABULARY_GRAPH
from kg.removal import Removal
from kg.settings import BuildSettings, RunSettings
from kg.store import GraphStore, OxigraphStore, Serialization, StoreAddress, open_store
from kg.store.union import UNION_GRAPH
from kg.web.app import create_app
from kg.web.settings import ServeSettings
from tests.conftest import EXAMPLES
from tests.virtuoso_support import Virtuoso

pytestmark = pytest.mark.integration

SETTINGS = BuildSettings()
RUN = RunSettings(jobs=1)
MEETINGS = "PREFIX mkg: <https://w3id.org/minutes-kg/ontology#>\n" + (
    "SELECT (COUNT(?m) AS ?n) WHERE { ?m a mkg:Meeting }"
)
NAMES = "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\nSELECT ?p ?name WHERE { ?p foaf:name ?name }"
MKG = "https://w3id.org/minutes-kg/ontology#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
CONCEPTS = "https://w3id.org/minutes-kg/concepts/"
SUBJECT = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#subject")
MINUTES = EXAMPLES / "klima-og-miljoeudvalget" / "referat-2023-03-14.txt"
AGENDA = EXAMPLES / "klima-og-miljoeudvalget" / "dagsorden-2023-03-14.txt"


def _triples(quads: Iterable[ox.Quad]) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in quads}


def _default(store: GraphStore) -> set[ox.Triple]:
    return _triples(store.raw.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def _union(store: GraphStore) -> set[ox.Triple]:
    """The set union of the named graphs' facts, read graph by graph: each graph's triples
    but those of its citations (the nodes with an ``rdf:subject`` in it)."""
    found: set[ox.Triple] = set()
    for graph in store.graphs():
        quads = store.graph(graph)
        cited = {q.subject for q in quads if q.predicate == SUBJECT}
        found |= _triples(q for q in quads if q.subject not in cited)
    return found


def _count(results: object) -> int:
    assert isinstance(results, ox.QuerySolutions)
    (row,) = list(results)
    value = row["n"]
    assert isinstance(value, ox.Literal)
    return int(value.value)


# -- the seeds: two meetings, each stated by its minutes and its agenda


def test_the_seeds_meeting_count_is_two_in_process(seed_store: Path) -> None:
    store = open_store(seed_store, read_only=True)
    assert _count(store.raw.query(MEETINGS)) == 2
    # the document graphs, for contrast: each meeting stated by its minutes and agenda
    stated = MEETINGS.replace("{ ?m a mkg:Meeting }", "{ GRAPH ?g { ?m a mkg:Meeting } }")
    assert _count(store.raw.query(stated)) == 4


def test_the_seeds_meeting_count_is_two_in_kg_query(seed_store: Path) -> None:
    done = CliRunner().invoke(
        app, ["query", MEETINGS, "--store", str(seed_store), "--format", "csv"]
    )
    assert done.exit_code == 0, done.output
    assert done.output.split() == ["n", "2"]


def test_the_seeds_meeting_count_is_two_at_the_sparql_endpoint(seed_store: Path) -> None:
    with TestClient(create_app(ServeSettings(store=seed_store))) as client:
        answer = client.get(
            "/sparql",
            params={"query": MEETINGS},
            headers={"Accept": "application/sparql-results+json"},
        )
    assert answer.status_code == 200, answer.text
    assert answer.json()["results"]["bindings"][0]["n"]["value"] == "2"


def test_each_person_is_named_once(seed_store: Path) -> None:
    store = open_store(seed_store, read_only=True)
    rows = store.raw.query(NAMES)
    assert isinstance(rows, ox.QuerySolutions)
    pairs = [(str(s["p"]), str(s["name"])) for s in rows]
    assert len(pairs) == len(set(pairs)) >= 20
    people = {p for p, _ in pairs}
    assert len(people) == len(pairs)  # one foaf:name each


# -- every write keeps the default graph the set union of the named graphs, on both stores


@pytest.fixture(params=["oxigraph", pytest.param("virtuoso", marks=pytest.mark.slow)])
def address(request: pytest.FixtureRequest, tmp_path: Path) -> StoreAddress:
    if request.param == "oxigraph":
        return StoreAddress.of(tmp_path / "store")
    server = request.getfixturevalue("virtuoso")
    server.clear()
    return StoreAddress.parse(server.address, work=tmp_path / "work")


def _quad(graph: str, subject: str, value: str) -> ox.Quad:
    return ox.Quad(
        ox.NamedNode(subject), ox.NamedNode("urn:x-test:p"), ox.Literal(value), ox.NamedNode(graph)
    )


def test_a_triple_two_graphs_state_survives_the_removal_of_one(address: StoreAddress) -> None:
    store = open_store(address)
    shared = "urn:x-test:shared"
    store.replace_graphs(
        {
            "urn:x-test:a": [
                _quad("urn:x-test:a", shared, "both"),
                _quad("urn:x-test:a", "urn:x-test:s1", "a"),
            ],
            "urn:x-test:b": [_quad("urn:x-test:b", shared, "both")],
        }
    )
    both = ox.Triple(ox.NamedNode(shared), ox.NamedNode("urn:x-test:p"), ox.Literal("both"))
    alone = ox.Triple(ox.NamedNode("urn:x-test:s1"), ox.NamedNode("urn:x-test:p"), ox.Literal("a"))
    assert _default(store) == {both, alone}
    store.remove_graph("urn:x-test:a")
    assert _default(store) == {both}
    store.replace_graph("urn:x-test:b", [_quad("urn:x-test:b", "urn:x-test:s2", "b")])
    assert both not in _default(store) and len(_default(store)) == 1
    store.remove_graph("urn:x-test:b")
    assert _default(store) == set()
    assert store.union_size() == 0


def test_a_citation_stays_in_its_graph_and_out_of_the_default_graph(
    address: StoreAddress,
) -> None:
    """A reified statement's triples are the graph's own: the default graph holds the fact
    it cites (once, though two graphs state it), not the citation; removing one graph
    removes its citation and keeps the fact the other states."""
    store = open_store(address)
    fact = _quad("urn:x-test:a", "urn:x-test:s", "x")

    def cited(graph: str) -> list[ox.Quad]:
        node, g = ox.NamedNode(f"urn:x-test:st-{graph[-1]}"), ox.NamedNode(graph)
        return [
            ox.Quad(fact.subject, fact.predicate, fact.object, g),
            ox.Quad(node, SUBJECT, fact.subject, g),
            ox.Quad(node, ox.NamedNode("urn:x-test:line"), ox.Literal("4"), g),
        ]

    store.replace_graphs({"urn:x-test:a": cited("urn:x-test:a")})
    store.load_nquads(encode(cited("urn:x-test:b")), ["urn:x-test:b"])
    assert _default(store) == {fact.triple} == _union(store)
    assert store.union_size() == 1 and len(store) == 6
    store.remove_graph("urn:x-test:a")
    assert _default(store) == {fact.triple}
    assert len(store.graph("urn:x-test:b")) == 3
    store.remove_graph("urn:x-test:b")
    assert _default(store) == set()


def test_build_remove_and_replace_keep_the_default_graph_the_set_union(
    address: StoreAddress, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(MINUTES, folder / "referat.txt")
    shutil.copy(AGENDA, folder / "dagsorden.txt")
    assert build([folder], address, SETTINGS, run=RUN).ok
    store = open_store(address, read_only=True)
    built = _default(store)
    assert built == _union(store)
    assert store.union_size() == len(built) < len(store)  # shared triples are stated twice
    # every citation is in its document's graph only, and the document is its graph
    citations = list(store.raw.quads_for_pattern(None, SUBJECT, None, None))
    assert len(citations) > 100
    assert not any(isinstance(q.graph_name, ox.DefaultGraph) for q in citations)
    rows = store.raw.query(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?doc { ?st <http://www.w3.org/ns/prov#"
        "wasDerivedFrom> ?doc ; <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s } }"
    )
    assert _count(rows) == len(citations)
    meeting = [
        t
        for t in built
        if str(t.object) == "<https://w3id.org/minutes-kg/ontology#Meeting>"
        and str(t.predicate) == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    ]  # (the statistics graph's class partition names the class too)
    assert len(meeting) == 1
    # remove the minutes: the meeting, which the agenda states too, stays; what the
    # minutes alone said goes
    report = build([], address, SETTINGS, run=RUN, remove=Removal(("referat.txt",)))
    assert report.removed == ["referat.txt"]
    store = open_store(address, read_only=True)
    after = _default(store)
    assert after == _union(store)
    assert meeting[0] in after
    assert len(after) < len(built)
    # the minutes again, changed: the document's graph is replaced
    changed = MINUTES.read_text(encoding="utf-8").replace("Klima", "Klimaet", 1)
    (folder / "referat.txt").write_text(changed, encoding="utf-8")
    assert build([folder], address, SETTINGS, run=RUN).ok
    store = open_store(address, read_only=True)
    assert _default(store) == _union(store)
    assert meeting[0] in _default(store)


def test_exports_hold_the_named_graphs_and_the_distinct_triples(
    address: StoreAddress, tmp_path: Path
) -> None:
    assert build([MINUTES, AGENDA], address, SETTINGS, run=RUN).ok
    store = open_store(address, read_only=True)

    quads = tmp_path / "all.nq"
    assert store.export(Serialization.NQUADS, quads) == len(store)
    read = list(ox.parse(path=str(quads), format=ox.RdfFormat.N_QUADS))
    assert not any(isinstance(q.graph_name, ox.DefaultGraph) for q in read)
    assert UNION_GRAPH not in {
        str(q.graph_name.value) for q in read if isinstance(q.graph_name, ox.NamedNode)
    }
    triples = tmp_path / "all.nt"
    merged = _triples(read)  # the facts and the citations, each triple once
    assert store.export(Serialization.NTRIPLES, triples) == len(merged) > store.union_size()
    assert _triples(ox.parse(path=str(triples), format=ox.RdfFormat.N_TRIPLES)) == merged
    assert _union(store) < merged


# -- a store written before the default graph was kept


def test_a_store_without_its_default_graph_gets_it_when_opened_for_writing(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    (folder / "oxigraph").mkdir(parents=True)
    old = ox.Store(str(folder / "oxigraph"))  # as an earlier version wrote it: graphs only
    old.extend(
        [_quad("urn:x-test:a", "urn:x-test:s", "x"), _quad("urn:x-test:b", "urn:x-test:s", "x")]
    )
    del old
    with pytest.raises(StoreError) as caught:
        OxigraphStore(folder, read_only=True)
    assert caught.value.hint
    store = OxigraphStore(folder)
    assert len(_default(store)) == 1 and store.union_size() == 1 and len(store) == 2


def test_a_default_graph_holding_citations_is_made_again_when_opened_for_writing(
    address: StoreAddress,
) -> None:
    """A store an earlier version wrote copied the citations into the default graph (or
    a remote store's union graph), where a removal would leave them: opened for writing,
    its default graph is made again, the citations left out."""
    fact = _quad("urn:x-test:a", "urn:x-test:s", "x")
    citation = ox.Quad(ox.NamedNode("urn:x-test:st"), SUBJECT, fact.subject, fact.graph_name)
    store = open_store(address)
    store.replace_graphs({"urn:x-test:a": [fact, citation]})
    old = ox.Quad(citation.subject, citation.predicate, citation.object)
    if isinstance(store, OxigraphStore):
        store.raw.add(old)
    else:
        from kg.store.remote import RemoteStore

        assert isinstance(store, RemoteStore)
        store.raw.update(f"INSERT DATA {{ GRAPH <{UNION_GRAPH}> {{ {old.triple} }} }}")
    assert citation.triple in _default(store)
    del store
    mended = open_store(address)
    assert _default(mended) == {fact.triple} == _union(mended)


# -- shared descriptions stated once


def test_a_concept_is_described_once_in_the_vocabulary_graph(seed_store: Path) -> None:
    store = open_store(seed_store, read_only=True)
    discussed = {
        q.object
        for q in store.raw.quads_for_pattern(
            None, ox.NamedNode(MKG + "discusses"), None, ox.DefaultGraph()
        )
        if isinstance(q.object, ox.NamedNode) and q.object.value.startswith(CONCEPTS)
    }
    assert len(discussed) >= 5
    for concept in discussed:
        graphs = {q.graph_name for q in store.raw.quads_for_pattern(concept, None, None, None)}
        assert graphs == {ox.NamedNode(VOCABULARY_GRAPH), ox.DefaultGraph()}, concept
        labels = list(store.raw.quads_for_pattern(concept, ox.NamedNode(LABEL), None, None))
        assert len(labels) == 2  # once in the vocabulary graph, once in the default graph
    # and the item that discusses it says so in its document's graph, with its source
    stated = store.raw.quads_for_pattern(None, ox.NamedNode(MKG + "discusses"), None, None)
    assert {q.graph_name for q in stated} - {ox.DefaultGraph()} <= {
        ox.NamedNode(g) for g in store.document_graphs()
    }


def test_a_remote_write_cut_off_between_its_requests_is_mended_at_the_next_open(
    virtuoso: Virtuoso, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A remote store's write is three requests (union out, graph in, union in): one cut
    off after the graph is in leaves its mark, and the next open for writing makes the
    union graph again (it lacked the new graph's triples)."""
    from kg.store.remote import RemoteQueries, RemoteStore

    virtuoso.clear()
    address = StoreAddress.parse(virtuoso.address, work=tmp_path / "work")
    store = open_store(address)
    assert isinstance(store, RemoteStore)
    store.replace_graph("urn:x-test:a", [_quad("urn:x-test:a", "urn:x-test:s1", "a")])
    sent = RemoteQueries.update

    def cut(self: RemoteQueries, update: str) -> None:
        if update.startswith(f"INSERT {{ GRAPH <{UNION_GRAPH}>"):
            raise ConnectionError("the connection went")  # after the graph's PUT
        sent(self, update)

    monkeypatch.setattr(RemoteQueries, "update", cut)
    with pytest.raises(ConnectionError):
        store.replace_graph("urn:x-test:b", [_quad("urn:x-test:b", "urn:x-test:s2", "b")])
    monkeypatch.setattr(RemoteQueries, "update", sent)
    assert store.cut_off()
    assert _default(store) != _union(store)  # out of step: the write was cut off
    reader = open_store(address, read_only=True)
    assert isinstance(reader, RemoteStore) and reader.cut_off()  # reading does not mend it
    mended = open_store(address)
    assert isinstance(mended, RemoteStore) and not mended.cut_off()
    assert _default(mended) == _union(mended) and len(_union(mended)) == 2
