"""An interviewee is a part of its own (issue 13, point 9): "Gry Ravn … interviewede Tim
Frank Andersen" makes him the item's mkg:interviewee, not a presenter by that line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import BASE, iri, open_store, select

pytestmark = pytest.mark.integration

GRAPH_000 = f"{BASE}id/document/000-fd3d242d88b435d4-txt"
GRAPH_002 = f"{BASE}id/document/002-c6265e7b12b39cd7-txt"


def _parts(store: Path, line: int, graph: str = GRAPH_000) -> set[tuple[str, str]]:
    rows = select(
        open_store(store),
        f"""SELECT ?p ?o WHERE {{ GRAPH <{graph}> {{
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


@pytest.mark.parametrize(
    ("graph", "line"),
    [(GRAPH_000, 66), (GRAPH_000, 118), (GRAPH_002, 46)],
    ids=["minutes-66", "minutes-118", "agenda-46"],
)
def test_interviewer_is_no_presenter_by_the_interview_line(
    seed_store: Path, graph: str, line: int
) -> None:
    """ "Gry Ravn, Innovationschef i Gentofte Kommune, interviewer Tim Frank Andersen": her
    title made the line read her as a presenter too; she interviews (issue 13, point 9)."""
    assert _parts(seed_store, line, graph) == {
        ("interviewer", "gry-ravn"),
        ("interviewee", "tim-frank-andersen"),
    }


def test_going_through_the_programme_still_makes_a_presenter(seed_store: Path) -> None:
    """Line 54: "Gry Ravn, Innovationschef i Gentofte Kommune, gennemgår programmet"."""
    assert _parts(seed_store, 54) == {("presenter", "gry-ravn")}


def test_interviewee_is_defined_in_the_ontology(seed_store: Path) -> None:
    person = iri("person", "tim-frank-andersen")
    assert select(open_store(seed_store), f"SELECT ?i WHERE {{ ?i mkg:interviewee <{person}> }}")
