"""An interviewee is a part of its own (issue 13, point 9): "Gry Ravn … interviewede Tim
Frank Andersen" makes him the item's mkg:interviewee, not a presenter by that line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import BASE, iri, open_store, select

pytestmark = pytest.mark.integration

GRAPH_000 = f"{BASE}id/document/000-fd3d242d88b435d4-txt"


def _parts(store: Path, line: int) -> set[tuple[str, str]]:
    rows = select(
        open_store(store),
        f"""SELECT ?p ?o WHERE {{ GRAPH <{GRAPH_000}> {{
            ?s rdf:predicate ?p ; rdf:object ?o ; mkg:firstLine {line}
            FILTER(?p IN (mkg:presenter, mkg:interviewer, mkg:interviewee)) }} }}""",
    )
    return {(r["p"].rsplit("#", 1)[1], r["o"].rsplit("/", 1)[1]) for r in rows}


@pytest.mark.parametrize("line", [66, 118])
def test_interviewee_is_no_presenter(seed_store: Path, line: int) -> None:
    parts = _parts(seed_store, line)
    assert ("interviewer", "gry-ravn") in parts
    assert ("interviewee", "tim-frank-andersen") in parts
    assert ("presenter", "tim-frank-andersen") not in parts


def test_interviewee_is_defined_in_the_ontology(seed_store: Path) -> None:
    person = iri("person", "tim-frank-andersen")
    assert select(open_store(seed_store), f"SELECT ?i WHERE {{ ?i mkg:interviewee <{person}> }}")
