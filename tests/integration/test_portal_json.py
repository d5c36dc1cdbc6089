"""The 60 agenda portal meetings of Greve Kommune (../shared/corpus/portal-json) built into
one store: every one loads and conforms, and for each the graph's items and attendance
equal what its JSON says (read here straight from the JSON, not through the parser)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg.pipeline import BuildReport, Status, build, validate_store
from kg.settings import BuildSettings, RunSettings
from tests.conftest import SHARED
from tests.helpers import open_store, select

pytestmark = [pytest.mark.integration, pytest.mark.slow]

PORTAL_JSON = SHARED / "corpus" / "portal-json"
FILES = sorted(PORTAL_JSON.glob("*.json")) if PORTAL_JSON.is_dir() else []
_CLOSED = re.compile(r"^\s*lukket\s*:\s*", re.IGNORECASE)


def _json(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_bytes())
    return data


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildReport, Path]:
    if not FILES:
        pytest.skip(f"../shared/corpus/portal-json is not beside the repository ({PORTAL_JSON})")
    folder = tmp_path_factory.mktemp("portal-store")
    report = build([PORTAL_JSON], folder, BuildSettings(), run=RunSettings(jobs=2))
    return report, folder


@pytest.fixture(scope="module")
def store(built: tuple[BuildReport, Path]) -> Iterator[ox.Store]:
    yield open_store(built[1])


def test_all_sixty_load_and_none_is_quarantined(built: tuple[BuildReport, Path]) -> None:
    report = built[0]
    assert len(FILES) == 60
    assert report.count(Status.LOADED) == 60, [o for o in report.outcomes if o.messages]
    assert report.ok
    assert report.triples > 0


def test_every_document_graph_conforms_to_the_shapes(built: tuple[BuildReport, Path]) -> None:
    violations = validate_store(built[1])
    assert len(violations) == 60
    assert {name: found for name, found in violations.items() if found} == {}


def _expected_items(data: dict[str, Any]) -> set[tuple[int, str, bool, str | None, str]]:
    items = set()
    for item in data["Dagsordenpunkter"]:
        caption = " ".join(item["Caption"].split())
        public = not _CLOSED.match(caption)
        title = _CLOSED.sub("", caption).strip()
        case = (item["CaseNumber"] or None) if public else None  # closed: case withheld
        items.add((int(item["Number"]), title, public, case, item["Id"]))
    return items


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_items_equal_the_json(path: Path, store: ox.Store) -> None:
    data = _json(path)
    rows = select(
        store,
        f"""
        SELECT ?item ?number ?title ?public ?case ?id WHERE {{
          ?meeting a mkg:Meeting ; dct:identifier "{data["Id"]}" ; mkg:agendaItem ?item .
          ?item mkg:number ?number ; dct:title ?title ; mkg:public ?public ;
                dct:identifier ?id .
          OPTIONAL {{ ?item mkg:case/dct:identifier ?case }}
        }}""",
    )
    found = {
        (int(r["number"]), r["title"], r["public"] == "true", r.get("case"), r["id"]) for r in rows
    }
    assert len(rows) == len(found) == len(data["Dagsordenpunkter"])
    assert found == _expected_items(data)


def _people(store: ox.Store, meeting_id: str, prop: str) -> dict[str, set[str]]:
    """Each person present (or absent) at the meeting, with all their spellings."""
    rows = select(
        store,
        f"""
        SELECT ?person ?name WHERE {{
          ?meeting a mkg:Meeting ; dct:identifier "{meeting_id}" ; mkg:{prop} ?person .
          ?person foaf:name|skos:altLabel ?name .
        }}""",
    )
    people: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        people[row["person"]].add(row["name"])
    return people


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_present_and_absent_equal_the_json(path: Path, store: ox.Store) -> None:
    data = _json(path)
    members = data["Moede"]["Moededeltagere"] or []
    away = {m["Name"] for m in members if m["Absent"] or m["ParticipationCancelled"]}
    there = {m["Name"] for m in members} - away
    for prop, names in (("present", there), ("absent", away)):
        people = _people(store, data["Id"], prop)
        assert len(people) == len(names), prop
        for name in names:
            assert sum(name in spellings for spellings in people.values()) == 1, (prop, name)


def test_a_member_of_several_committees_is_one_person(store: ox.Store) -> None:
    committees_of: dict[str, set[str]] = defaultdict(set)
    for path in FILES:
        data = _json(path)
        for member in data["Moede"]["Moededeltagere"] or []:
            committees_of[member["Name"]].add(data["Udvalg"]["Navn"])
    several = {name for name, committees in committees_of.items() if len(committees) > 1}
    assert "Bjarke Abel" in several
    for name in sorted(committees_of):
        rows = select(
            store,
            f"""
            SELECT DISTINCT ?person ?committee WHERE {{
              ?person foaf:name|skos:altLabel "{name}" .
              ?meeting mkg:present|mkg:absent ?person ; mkg:heldBy/rdfs:label ?committee .
            }}""",
        )
        assert len({r["person"] for r in rows}) == 1, (name, rows)
        assert {r["committee"] for r in rows} == committees_of[name], name


def test_provenance_cites_the_json_path(store: ox.Store) -> None:
    rows = select(
        store,
        """
        SELECT ?pointer WHERE { GRAPH ?doc {
          ?s a rdf:Statement ; rdf:predicate prov:atLocation ; mkg:jsonPointer ?pointer .
        } }""",
    )
    assert {r["pointer"] for r in rows} == {"/Moede/Sted"}
    assert not select(
        store,
        "SELECT ?s WHERE { GRAPH ?g { ?s a rdf:Statement ; mkg:jsonPointer ?p ; mkg:page ?n } }",
    )
