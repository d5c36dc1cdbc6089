"""An English document's graph: the names minutes-kg gives what the document implies
(the role of a committee's members, the municipality's official name) are English and
tagged so, not Danish words tagged as English."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.pipeline import Status, build
from kg.settings import BuildSettings, RunSettings
from kg.store import open_store
from tests.unit.test_layouts_systems import ENGLISH

QUERY = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX mkg: <https://w3id.org/minutes-kg/ontology#>
SELECT ?kind ?label WHERE {
  { ?x a org:Role . BIND("role" AS ?kind) } UNION { ?x a mkg:Municipality . BIND("town" AS ?kind) }
  ?x rdfs:label ?label
}
"""


def test_an_english_document_gets_english_names(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "planning-2023-03-14-minutes.txt").write_text(ENGLISH, encoding="utf-8")
    report = build([folder], tmp_path / "store", BuildSettings(), run=RunSettings(jobs=1))
    assert [o.status for o in report.outcomes] == [Status.LOADED]
    rows = open_store(tmp_path / "store", read_only=True).raw.query(QUERY)
    assert isinstance(rows, ox.QuerySolutions)
    found = {
        (row["kind"].value, row["label"].value, row["label"].language)
        for row in rows
        if isinstance(row["kind"], ox.Literal) and isinstance(row["label"], ox.Literal)
    }
    assert found == {("role", "Member", "en"), ("town", "Ashby Vale", "en")}


def test_a_meeting_s_times_are_written_in_the_time_zone_given(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "planning-2023-03-14-minutes.txt").write_text(ENGLISH, encoding="utf-8")
    settings = BuildSettings(timezone="America/New_York")
    build([folder], tmp_path / "store", settings, run=RunSettings(jobs=1))
    rows = open_store(tmp_path / "store", read_only=True).raw.query(
        "SELECT ?t WHERE { ?m a <https://w3id.org/minutes-kg/ontology#Meeting> ; "
        "<http://www.w3.org/ns/prov#startedAtTime> ?t }"
    )
    assert isinstance(rows, ox.QuerySolutions)
    assert [row["t"].value for row in rows] == ["2023-03-14T19:00:00-04:00"]
