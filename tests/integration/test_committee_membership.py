"""Membership in the committee itself (issue 13, point 5): 001 calls the 15 people of its
working groups "medlemmer i udvalget", and the attendance lists name the committee's
people; the design's pattern ?m org:member ?p ; org:organization <committee> finds them,
each membership saying how it is known (stated, or inferred from attendance)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import iri, open_store, select

pytestmark = pytest.mark.integration

COMMITTEE = iri("committee", "gentofte-opgaveudvalg-om-innovation")


def _members(store: Path, basis: str | None = None) -> set[str]:
    extra = f"; mkg:membershipBasis mkg:{basis}" if basis else ""
    rows = select(
        open_store(store),
        f"""SELECT DISTINCT ?p WHERE {{ ?m org:member ?p ; org:organization <{COMMITTEE}> ;
            org:role/rdfs:label "Medlem"@da {extra} }}""",
    )
    return {r["p"].rsplit("/", 1)[1] for r in rows}


def test_design_pattern_finds_the_committees_members(seed_store: Path) -> None:
    assert len(_members(seed_store)) >= 15


def test_members_named_as_members_are_stated(seed_store: Path) -> None:
    stated = _members(seed_store, "Stated")
    assert len(stated) == 15
    assert {"rikke-ulk", "poul-vagn-jensen", "marie-louise-andreassen"} <= stated


def test_members_in_attendance_lists_are_inferred_and_told_apart(seed_store: Path) -> None:
    assert len(_members(seed_store, "Attendance")) >= 15
    person = iri("person", "rikke-ulk")
    bases = select(
        open_store(seed_store),
        f"""SELECT DISTINCT ?basis WHERE {{ ?m org:member <{person}> ;
            org:organization <{COMMITTEE}> ; mkg:membershipBasis ?basis }}""",
    )
    assert {r["basis"].rsplit("#", 1)[1] for r in bases} == {"Stated", "Attendance"}
    lines = select(
        open_store(seed_store),
        f"""SELECT DISTINCT ?line WHERE {{
            ?m org:member <{person}> ; org:organization <{COMMITTEE}> .
            GRAPH ?doc {{ ?s rdf:subject ?m ; rdf:predicate org:member ;
               prov:wasDerivedFrom <{iri("document", "001-347c8e4df3f056bf-txt")}> ;
               mkg:firstLine ?line }} }}""",
    )
    found = {int(r["line"]) for r in lines}
    assert 110 in found  # "Følgende medlemmer i udvalget ser på Sundhedsdata: …"
    assert any(line < 30 for line in found)  # the attendance list


def test_chair_named_in_the_attendance_list_holds_the_chair_role(tmp_path: Path) -> None:
    """acadre-referat's "Ole Berg (formand)": the chair of the committee, stated."""
    from kg.pipeline import build
    from kg.settings import BuildSettings, RunSettings
    from tests.conftest import ROOT

    source = ROOT / "tests" / "data" / "layouts" / "acadre-referat" / "input.txt"
    assert build([source], tmp_path / "s", BuildSettings(), run=RunSettings(jobs=1)).ok
    rows = select(
        open_store(tmp_path / "s"),
        """SELECT ?p ?role ?basis WHERE { ?m org:member ?p ; org:organization ?c ;
            org:role/rdfs:label ?role ; mkg:membershipBasis ?basis . ?c a mkg:Committee
            FILTER(?role != "Medlem"@da) }""",
    )
    assert {(r["p"].rsplit("/", 1)[1], r["role"], r["basis"].rsplit("#", 1)[1]) for r in rows} == {
        ("ole-berg", "Formand", "Stated")
    }
