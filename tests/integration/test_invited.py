"""Who was invited (issue 13, point 4): 000 says the *chairs* of the handicap and senior
councils were invited, not the councils; the graph invites their posts (org:Post, the
chair's role in that council), and the councils only where a text invites a council."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import BASE, open_store, select

pytestmark = pytest.mark.integration

GRAPH_000 = f"{BASE}id/document/000-fd3d242d88b435d4-txt"


def _invited(store: Path) -> list[dict[str, str]]:
    return select(
        open_store(store),
        f"""SELECT ?x ?type ?label WHERE {{ GRAPH <{GRAPH_000}> {{
            ?meeting mkg:invited ?x . ?x a ?type ; rdfs:label ?label }} }}""",
    )


def test_chairs_of_councils_invited_not_the_councils(seed_store: Path) -> None:
    invited = {(row["type"].rsplit("#", 1)[1], row["label"]) for row in _invited(seed_store)}
    assert ("Organization", "Handicaprådet") not in invited
    assert ("Organization", "Seniorrådet") not in invited
    assert ("Post", "Formand for Handicaprådet") in invited
    assert ("Post", "Formand for Seniorrådet") in invited
    assert ("Organization", "Kommunalbestyrelsen") in invited  # "hele Kommunalbestyrelsen"


def test_invited_chair_is_a_post_in_the_council_with_the_chair_role(seed_store: Path) -> None:
    rows = select(
        open_store(seed_store),
        f"""SELECT ?council ?role WHERE {{ GRAPH <{GRAPH_000}> {{
            ?meeting mkg:invited ?post . ?post a org:Post ; org:postIn ?c ; org:role ?r .
            ?c a org:Organization ; rdfs:label ?council . ?r a org:Role ; rdfs:label ?role }} }}""",
    )
    assert {(r["council"], r["role"]) for r in rows} == {
        ("Handicaprådet", "Formand"),
        ("Seniorrådet", "Formand"),
    }
