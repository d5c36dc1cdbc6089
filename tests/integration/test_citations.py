"""Citations name the line that holds the words (issue 13, point 2): after PDF repair has
joined a paragraph's lines, a fact read from its third line cites the third, not the first."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import BASE, open_store, select

pytestmark = pytest.mark.integration


def _citations(store: Path, seed: str) -> list[dict[str, str]]:
    graph = f"{BASE}id/document/{seed.replace('_', '-').replace('.', '-')}"
    return select(
        open_store(store),
        f"""SELECT ?p ?o ?first ?raw WHERE {{ GRAPH <{graph}> {{
            ?s rdf:predicate ?p ; rdf:object ?o ; mkg:firstLine ?first ; mkg:sourceText ?raw
            FILTER(isIRI(?o)) }} }}""",
    )


@pytest.mark.parametrize(
    ("seed", "predicate", "words", "line"),
    [
        (
            "002_c6265e7b12b39cd7.txt",
            "inCollaborationWith",
            "Opgaveudvalget for digitalisering",
            21,
        ),
        ("002_c6265e7b12b39cd7.txt", "discusses", "udviklingsmetoder", 68),
    ],
)
def test_joined_paragraph_cites_the_line_that_holds_the_words(
    seed_store: Path, seed: str, predicate: str, words: str, line: int
) -> None:
    lines = {
        int(row["first"])
        for row in _citations(seed_store, seed)
        if row["p"].endswith(f"#{predicate}") and row["raw"].startswith(words)
    }
    assert line in lines


@pytest.mark.parametrize(
    "seed",
    [
        "000_fd3d242d88b435d4.txt",
        "001_347c8e4df3f056bf.txt",
        "002_c6265e7b12b39cd7.txt",
        "003_bd0ca278388b9c75.txt",
    ],
)
def test_every_named_thing_is_cited_at_a_line_holding_its_first_word(
    seeds: Path, seed_store: Path, seed: str
) -> None:
    source = (seeds / seed).read_text(encoding="utf-8").splitlines()
    wrong = [
        (row["p"], row["raw"], int(row["first"]))
        for row in _citations(seed_store, seed)
        if row["raw"].split()[0].rstrip(",.:;-")
        not in source[int(row["first"]) - 1].replace("\u00ad", "")
    ]
    assert wrong == []
