"""The search index (kg.search) on inline graphs: Danish word forms, ranking, snippets,
hostile queries, and an index kept in step with the store as graphs are written, replaced
and removed, and after a killed build."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.search import Field, SearchIndex, find, search
from kg.search.fields import Searchable
from kg.search.index import _SCHEMA
from kg.search.rows import RESOURCE_MASK, RESOURCE_SHIFT, Rows
from kg.search.words import Query
from kg.vocab import DCT, MKG, RDFS

BASE = "http://example.org/id/"


def _quads(graph: str, facts: list[tuple[str, str, str]]) -> list[ox.Quad]:
    return [
        ox.Quad(
            ox.NamedNode(BASE + s),
            ox.NamedNode(p),
            ox.Literal(o, language="da"),
            ox.NamedNode(graph),
        )
        for s, p, o in facts
    ]


G1, G2 = BASE + "document/a", BASE + "document/b"
FACTS = {
    G1: [
        ("item/1", RDFS.label, "Ladestandere til elbiler"),
        ("item/1", DCT.title, "Ladestandere til elbiler"),
        ("item/1", MKG.decision, "Godkendt. Forvaltningen opsætter ladestandere ved rådhuset."),
        ("item/2", RDFS.label, "Budget 2024"),
        ("item/2", MKG.background, "Budgettet omfatter nye ladestandere og en cykelsti."),
        ("item/2", MKG.decision, "Udsat."),
        ("project/3", RDFS.label, "Iværksættermiljø"),
        ("place/4", RDFS.label, "Gentofte Rådhus"),
        ("item/5", RDFS.label, "Klimahandleplanerne 2023-2030"),
    ],
    G2: [
        ("item/1", RDFS.label, "Ladestandere til elbiler"),  # stated by both documents
        ("item/6", RDFS.label, "Robotterne i hjemmeplejen"),
        ("item/6", MKG.summary, "Velfærdsteknologi: robotter hjælper borgerne i eget hjem."),
    ],
}


def _store(graphs: dict[str, list[tuple[str, str, str]]]) -> ox.Store:
    store = ox.Store()
    for graph, facts in graphs.items():
        store.extend(_quads(graph, facts))
    return store


@pytest.fixture
def built(tmp_path: Path) -> tuple[SearchIndex, ox.Store]:
    """An index written as a build writes it: begin, a batch of graphs, finish."""
    store = _store(FACTS)
    index = SearchIndex.beside(tmp_path)
    index.begin(ox.Store())
    index.update({g: _quads(g, f) for g, f in FACTS.items()})
    index.finish(store)
    return index, store


def labels(index: SearchIndex, text: str) -> list[str]:
    return [h.label for h in search(index, text).hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rådhuset", "Gentofte Rådhus"),  # definite form of a bare word
        ("raadhus", "Gentofte Rådhus"),  # å written out
        ("RÅDHUS", "Gentofte Rådhus"),  # case
        ("ladestanderen", "Ladestandere til elbiler"),  # singular definite of a plural
        ("klimahandleplan", "Klimahandleplanerne 2023-2030"),  # plural definite in the text
        ("handleplanerne", "Klimahandleplanerne 2023-2030"),  # the head of a compound
        ("iværksættermiljøet", "Iværksættermiljø"),  # definite compound
        ("miljøet", "Iværksættermiljø"),  # the last part of a compound
        ("robot", "Robotterne i hjemmeplejen"),  # the bare form of a definite plural
        ("velfærdsteknolo", "Robotterne i hjemmeplejen"),  # a word still being typed
    ],
)
def test_danish_word_forms(built: tuple[SearchIndex, ox.Store], query: str, expected: str) -> None:
    assert expected in labels(built[0], query)


def test_a_name_or_title_match_outranks_a_text_match(built: tuple[SearchIndex, ox.Store]) -> None:
    index, _ = built
    found = labels(index, "ladestandere")
    # item 2 holds the word in its background text only: it comes after the title match
    assert found == ["Ladestandere til elbiler", "Budget 2024"]
    assert search(index, "ladestandere").total == 2


def test_a_resource_stated_by_two_documents_is_found_once(
    built: tuple[SearchIndex, ox.Store],
) -> None:
    assert labels(built[0], "elbiler") == ["Ladestandere til elbiler"]


def test_every_word_must_match_and_a_phrase_in_order(built: tuple[SearchIndex, ox.Store]) -> None:
    index, _ = built
    assert labels(index, "ladestandere cykelsti") == ["Budget 2024"]
    assert labels(index, '"nye ladestandere"') == ["Budget 2024"]
    assert labels(index, '"ladestandere nye"') == []


def test_snippets_mark_the_matched_words_in_the_original_text(
    built: tuple[SearchIndex, ox.Store],
) -> None:
    (hit,) = search(built[0], "robot").hits
    assert hit.snippet is not None
    marked = [text for text, mark in hit.snippet.parts if mark]
    assert marked == ["robotter"]  # the section text, not the label shown already
    assert hit.snippet.text == "Velfærdsteknologi: robotter hjælper borgerne i eget hjem."
    assert hit.snippet.lang == "da"
    budget = search(built[0], "cykelstien").hits[0]
    assert budget.snippet is not None and [t for t, m in budget.snippet.parts if m] == ["cykelsti"]


@pytest.mark.parametrize(
    "hostile",
    [
        '"',
        '"""',
        "*",
        "NEAR(",
        "NEAR(a b, 2)",
        "-",
        "OR",
        "a OR",
        "AND NOT",
        "{stems tails}: x",
        "stems : x",
        "^",
        "''",
        "",
        "   ",
        "(((",
        "x" * 10_000,
        "ladestandere " * 2_000,
        '"unclosed phrase',
        "\x00",
        "😀",
    ],
)
def test_hostile_queries_never_fail(built: tuple[SearchIndex, ox.Store], hostile: str) -> None:
    results = search(built[0], hostile)
    assert results.total == len(results.hits) or results.total > len(results.hits)
    find(built[0], hostile, fields=[Field.DECISION])


def test_operators_are_words_not_syntax(built: tuple[SearchIndex, ox.Store]) -> None:
    # "OR" is a word to look for (none of the texts has it), never FTS5's operator
    assert labels(built[0], "ladestandere OR udsat") == []
    assert Query.parse("NEAR(x").fts() == '(stems : "near"* OR tails : "raen"*) AND (stems : "x")'


def test_pages(built: tuple[SearchIndex, ox.Store]) -> None:
    index, _ = built
    everything = labels(index, "ladestandere")
    first = search(index, "ladestandere", offset=0, limit=1)
    second = search(index, "ladestandere", offset=1, limit=1)
    assert [h.label for h in first.hits + second.hits] == everything
    assert first.total == second.total == 2
    assert search(index, "ladestandere", offset=5, limit=1).hits == ()


def test_find_looks_in_the_fields_asked(built: tuple[SearchIndex, ox.Store]) -> None:
    index, _ = built
    assert find(index, "ladestandere", fields=[Field.DECISION]) == [BASE + "item/1"]
    assert find(index, "udsat", fields=[Field.DECISION]) == [BASE + "item/2"]
    assert find(index, "budget", fields=[Field.DECISION]) == []


def test_a_replaced_graph_replaces_its_texts(built: tuple[SearchIndex, ox.Store]) -> None:
    index, store = built
    changed = [f for f in FACTS[G1] if f[0] != "place/4"] + [("place/4", RDFS.label, "Byrådssalen")]
    index.begin(store)
    store.remove_graph(ox.NamedNode(G1))
    store.extend(_quads(G1, changed))
    index.update({G1: _quads(G1, changed)})
    index.finish(store)
    assert labels(index, "gentofte") == []
    assert labels(index, "byrådssalen") == ["Byrådssalen"]


def test_a_removed_graph_takes_only_its_own_texts(built: tuple[SearchIndex, ox.Store]) -> None:
    index, store = built
    index.begin(store)
    store.remove_graph(ox.NamedNode(G1))  # as kg remove does
    index.finish(store)
    assert labels(index, "budget") == []
    assert labels(index, "elbiler") == ["Ladestandere til elbiler"]  # G2 states it too
    assert labels(index, "robot") == ["Robotterne i hjemmeplejen"]


def test_a_killed_build_is_caught_up_on_the_next_start(
    built: tuple[SearchIndex, ox.Store], tmp_path: Path
) -> None:
    index, store = built
    index.begin(store)
    store.extend(_quads(G2, [("item/7", RDFS.label, "Skolereformen")]))  # written, then killed
    assert labels(index, "skolereform") == []
    assert SearchIndex.beside(tmp_path).ensure(store) is True  # the mark says: check
    assert labels(index, "skolereform") == ["Skolereformen"]
    assert SearchIndex.beside(tmp_path).ensure(store) is False  # in step: nothing read


def test_an_index_made_for_a_store_built_without_one(tmp_path: Path) -> None:
    store = _store(FACTS)
    index = SearchIndex.ready(tmp_path, store)
    assert labels(index, "rådhuset") == ["Gentofte Rådhus", "Ladestandere til elbiler"]
    assert labels(index, "ladestandere") == ["Ladestandere til elbiler", "Budget 2024"]


def _rows(index: SearchIndex) -> list[list[tuple[object, ...]]]:
    with index.reader() as db:
        return [
            db.execute(query).fetchall()
            for query in (
                "SELECT id, resource, field, lang, text, hash FROM texts ORDER BY id",
                "SELECT id, iri FROM resources ORDER BY id",
                "SELECT text, graph FROM sources ORDER BY text, graph",
                "SELECT iri, digest FROM graphs ORDER BY iri",
                "SELECT rowid, stems, tails, field FROM words ORDER BY rowid",
            )
        ]


def test_a_batch_of_graphs_makes_the_rows_and_ids_that_one_graph_at_a_time_makes(
    tmp_path: Path,
) -> None:
    """Row ids order the ranking: a batch written at once (kg.search.rows) must number its
    texts as writing each graph in turn does, a replaced graph among new ones too."""
    g3 = BASE + "document/c"
    later = {
        G1: [*FACTS[G1][:3], ("item/2", RDFS.label, "Budget 2025")],  # replaced
        g3: [("item/2", RDFS.label, "Budget 2024"), ("item/8", MKG.summary, "Nye skoler.")],
    }
    apart, together = SearchIndex(tmp_path / "apart.sqlite"), SearchIndex(tmp_path / "at-once")
    for graph, facts in [*FACTS.items(), *later.items()]:
        apart.update({graph: _quads(graph, facts)})
    together.update({g: _quads(g, f) for g, f in FACTS.items()})
    together.update({g: _quads(g, f) for g, f in later.items()})
    assert _rows(together) == _rows(apart)
    texts = [row[4] for row in _rows(together)[0]]
    assert "Budget 2025" in texts and "Nye skoler." in texts


def test_an_index_sqlite_cannot_read_is_made_again(tmp_path: Path) -> None:
    """A build writes the index without syncing; a machine that stopped midway may leave
    it unreadable, and the next start makes it again from the store."""
    store = _store(FACTS)
    SearchIndex.beside(tmp_path).path.write_bytes(b"not a database" * 100)
    index = SearchIndex.ready(tmp_path, store)
    assert labels(index, "robot") == ["Robotterne i hjemmeplejen"]


def test_a_batch_goes_into_each_table_in_the_order_of_its_key(tmp_path: Path) -> None:
    """Texts are numbered by field and length first, so a batch's ids are spread over
    the range: they are inserted in key order (FTS5 given them out of order wrote many
    small segments and merged them, at 2.5 times the CPU), and the rows are those the
    batch makes."""
    db = sqlite3.connect(tmp_path / "index.sqlite")
    db.executescript(_SCHEMA)
    found = {
        g: Searchable.of((q.subject, q.predicate, q.object) for q in _quads(g, f))
        for g, f in FACTS.items()
    }
    inserted: dict[str, list[str]] = defaultdict(list)
    db.set_trace_callback(lambda sql: inserted[sql.split(" (")[0]].append(sql))
    Rows(db).replace(found, {})
    db.set_trace_callback(None)
    words = [
        int(sql.rsplit("VALUES (", 1)[1].split(",")[0]) for sql in inserted["INSERT INTO words"]
    ]
    texts = [
        int(sql.rsplit("VALUES (", 1)[1].split(",")[0]) for sql in inserted["INSERT INTO texts"]
    ]
    assert len(words) == len(texts) > 3
    assert words == sorted(words) and texts == sorted(texts)
    made = sorted(texts, key=lambda i: (i >> RESOURCE_SHIFT) & RESOURCE_MASK)
    assert made != texts  # the batch made them out of key order
