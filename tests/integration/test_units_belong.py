"""Every unit says which organisation it belongs to (issue 13, point 9): "Tværgående
Funktioner indstiller" in Gentofte's minutes is a unit of Gentofte Kommune."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import open_store, select

pytestmark = pytest.mark.integration


def test_every_unit_belongs_to_an_organisation_in_its_graph(seed_store: Path) -> None:
    orphans = select(
        open_store(seed_store),
        """SELECT ?g ?unit WHERE { GRAPH ?g { ?unit a org:OrganizationalUnit
            FILTER NOT EXISTS { ?unit org:subOrganizationOf|org:unitOf ?whole } } }""",
    )
    assert orphans == []


def test_recommending_unit_is_a_unit_of_the_municipality(seed_store: Path) -> None:
    rows = select(
        open_store(seed_store),
        """SELECT DISTINCT ?label WHERE { ?item mkg:recommendedBy ?unit .
            ?unit org:subOrganizationOf+ ?m . ?m a mkg:Municipality ; rdfs:label ?label }""",
    )
    assert rows == [{"label": "Gentofte Kommune"}]
