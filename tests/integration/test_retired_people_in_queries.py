"""A named query asked about a merged-away person IRI (issue 13, point 10) answers for the
person it was merged into, as that IRI's page redirects there."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.store.queries import catalogue
from kg.store.run import run
from tests.conftest import ROOT
from tests.helpers import ask, iri, open_store

pytestmark = pytest.mark.integration

RETIRED = iri("person", "poul-v-jensen")
CANONICAL = iri("person", "poul-vagn-jensen")


def _rows(store: ox.Store, name: str, person: str) -> set[tuple[str, ...]]:
    query = catalogue(ROOT / "kg" / "data" / "sparql")[name]
    results = run(store, query, {"person": person})
    assert isinstance(results, ox.QuerySolutions)
    names = [v.value for v in results.variables if v.value != "person"]
    return {tuple(str(row[n]) for n in names) for row in results}


def test_the_seeds_retire_the_abbreviated_name(seed_store: Path) -> None:
    assert ask(open_store(seed_store), f"ASK {{ <{RETIRED}> owl:sameAs <{CANONICAL}> }}")


@pytest.mark.parametrize("name", ["attendance-of-person", "projects-and-roles-of-person"])
def test_retired_person_iri_answers_for_the_merged_person(seed_store: Path, name: str) -> None:
    store = open_store(seed_store)
    canonical = _rows(store, name, CANONICAL)
    assert canonical, f"{name} gives nothing for {CANONICAL}: the comparison proves nothing"
    assert _rows(store, name, RETIRED) == canonical
