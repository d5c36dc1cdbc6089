"""What a worker hands the build's writer is written once: each graph's N-Quads, read by
the SHACL gate as they are (`kg.validate.Written`), and the facts for the default graph
picked out of those lines (`kg.store.union.graph_triples`). Each gives what the quads
themselves give."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.extract import extract
from kg.iri import Minter
from kg.parse import parse
from kg.preparing import Job, Tables, prepare
from kg.rdf.mapping import map_document
from kg.rdf.nquads import encode
from kg.rdf.origin import origin, origin_quads
from kg.resolve import resolve
from kg.resources import data_folder
from kg.settings import BuildSettings
from kg.store import union
from kg.validate import CompiledShapes, Written, compile_shapes, load_shapes, validate_batch
from kg.vocab import MKG, RDF
from tests.textdoc import text_of

SETTINGS = BuildSettings()

MINUTES = """
    Referat af møde i Kultur- og Fritidsudvalget
    Mødetidspunkt 12-09-2024 16:00
    Tilstede: Anna Holm, Bo Lund og Carl Juhl
    Fraværende: Dorte Vinge
    1 (Åben) Nyt kunstgræsanlæg
    Sagsnr.: EMN-2024-00123
    Beslutninger:
    Godkendt, med "tilføjelsen" om <ventetid>.
    2 (Lukket) Personalesag
"""


@pytest.fixture(scope="module")
def compiled() -> CompiledShapes:
    return compile_shapes(load_shapes(data_folder("shapes")))


@pytest.fixture(scope="module")
def mapped() -> tuple[str, tuple[ox.Quad, ...]]:
    """The graph IRI and quads of one mapped document."""
    resolution = resolve([extract(parse(text_of(MINUTES, "referat.txt"), SETTINGS))], SETTINGS)
    graph = map_document(resolution.docs[0], resolution, Minter(SETTINGS.base_iri))
    return graph.iri, graph.quads


def test_the_facts_picked_from_the_lines_are_the_facts_of_the_quads(
    mapped: tuple[str, tuple[ox.Quad, ...]],
) -> None:
    iri, quads = mapped
    expected = ox.serialize(union.kept(quads), format=ox.RdfFormat.N_TRIPLES)
    picked = union.graph_triples(encode(quads), iri)
    assert picked == expected
    assert picked == union.triples(encode(quads))
    cited = {q.subject for q in quads if q.predicate == ox.NamedNode(RDF.subject)}
    assert cited and not any(
        line.startswith(str(s).encode()) for s in cited for line in picked.splitlines()
    )


def test_lines_of_another_graph_are_read_for_their_own_graph(
    mapped: tuple[str, tuple[ox.Quad, ...]],
) -> None:
    """N-Quads that are not one graph's as `encode` writes them: each line's graph is read."""
    iri, quads = mapped
    other = ox.NamedNode("http://example.org/other")
    moved = [ox.Quad(q.subject, q.predicate, q.object, other) for q in quads[:5]]
    data = encode([*quads, *moved])
    assert union.graph_triples(data, iri) == union.triples(data)


@pytest.mark.parametrize("broken", [False, True])
def test_the_gate_reads_written_graphs_as_it_reads_their_quads(
    mapped: tuple[str, tuple[ox.Quad, ...]], compiled: CompiledShapes, broken: bool
) -> None:
    iri, quads = mapped
    if broken:  # an item number that is no integer, and a statement without its subject
        item = next(q.subject for q in quads if q.predicate == ox.NamedNode(MKG.number))
        graph = ox.NamedNode(iri)
        quads = (
            *quads,
            ox.Quad(item, ox.NamedNode(MKG.number), ox.Literal("one"), graph),
            *(ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads[:1]),
        )
        quads = tuple(q for q in quads if q.predicate != ox.NamedNode(RDF.subject))
    written = Written(iri, encode(quads).decode())
    from_quads = validate_batch({"doc": quads}, compiled)["doc"]
    assert validate_batch({"doc": written}, compiled)["doc"] == from_quads
    assert bool(from_quads) is broken


def test_a_chunk_writes_each_graph_once_and_its_facts_from_it(compiled: CompiledShapes) -> None:
    docs = [
        extract(parse(text_of(MINUTES.replace("12-09-2024", day), f"r{n}.txt"), SETTINGS))
        for n, day in enumerate(("12-09-2024", "10-10-2024"))
    ]
    resolution = resolve(docs, SETTINGS)
    minter = Minter(SETTINGS.base_iri)
    chunk = prepare(
        [Job(p) for p in resolution.docs], Tables.of(resolution, minter, compiled, None)
    )
    assert len(chunk.graphs) == 2
    graphs = []
    for placed in resolution.docs:
        graph = map_document(placed, resolution, minter)
        source = origin(placed.mentions.doc.source, None)
        graphs.append((*graph.quads, *origin_quads(graph.iri, source)))
    assert set(ox.parse(chunk.nquads, format=ox.RdfFormat.N_QUADS)) == {
        q for quads in graphs for q in quads
    }
    facts = {q.triple for q in ox.parse(chunk.facts, format=ox.RdfFormat.N_TRIPLES)}
    assert facts == {t for quads in graphs for t in union.kept(quads)}
