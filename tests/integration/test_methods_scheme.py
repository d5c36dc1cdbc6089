"""Methods are not technologies (issue 13, point 7): "udviklingsmetoder", "prototyping",
"minimum viable product" and "continuous delivery" are concepts of a scheme of methods,
and technologies-by-committee does not list them."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.store.queries import catalogue
from kg.store.run import run
from tests.conftest import ROOT
from tests.helpers import open_store, select

pytestmark = pytest.mark.integration

CONCEPTS = "https://w3id.org/minutes-kg/concepts/"
METHODS = ["development-method", "prototyping", "minimum-viable-product", "continuous-delivery"]


@pytest.mark.parametrize("slug", METHODS)
def test_method_is_in_the_methods_scheme_not_the_technologies(seed_store: Path, slug: str) -> None:
    rows = select(
        open_store(seed_store), f"SELECT ?s WHERE {{ <{CONCEPTS}{slug}> skos:inScheme ?s }}"
    )
    assert {r["s"] for r in rows} == {f"{CONCEPTS}methods"}


def test_technologies_by_committee_lists_no_method(seed_store: Path) -> None:
    query = catalogue(ROOT / "kg" / "data" / "sparql")["technologies-by-committee"]
    results = run(open_store(seed_store), query)
    assert isinstance(results, ox.QuerySolutions)
    concepts = {str(row["concept"].value) for row in results}
    assert concepts, "the query lists nothing: the test proves nothing"
    assert not concepts & {CONCEPTS + slug for slug in METHODS}
