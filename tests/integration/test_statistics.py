"""The statistics graph the build writes: every figure equals the COUNT(DISTINCT) answer
of SPARQL over the union of the graphs, after a build and after `kg remove`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg import stats
from kg.cli import app
from kg.stats.count import TECHNOLOGIES
from tests.helpers import BASE, open_store, select

pytestmark = pytest.mark.integration

#: The truth: each figure as SPARQL counts it.
COUNTS = {
    "documents": "?x a mkg:SourceDocument",
    "committees": "?x a mkg:Committee",
    "meetings": "?x a mkg:Meeting",
    "items": "?x a mkg:AgendaItem",
    "people": "?x a person:Person",
    "projects": "?x a mkg:Project",
    "technologies": f"?i mkg:discusses ?x . ?x skos:inScheme <{TECHNOLOGIES}>",
    "decisions": "?x mkg:decision ?d",
}
PER_RESOURCE = {
    "committees": """SELECT ?r (COUNT(DISTINCT ?m) AS ?n) WHERE { ?r a mkg:Committee
        OPTIONAL { ?m a mkg:Meeting ; mkg:heldBy ?r ; dct:date ?day } } GROUP BY ?r""",
    "people": """SELECT ?r (COUNT(DISTINCT ?m) AS ?n) WHERE { ?r a person:Person
        OPTIONAL { ?m mkg:present|mkg:absent ?r } } GROUP BY ?r""",
    "projects": """SELECT ?r (COUNT(DISTINCT ?p) AS ?n) WHERE { ?r a mkg:Project OPTIONAL {
        ?g mkg:worksOn ?r . ?ms org:organization ?g ; org:member ?p } } GROUP BY ?r""",
    "technologies": f"""SELECT ?r (COUNT(DISTINCT ?i) AS ?n) WHERE {{
        ?i mkg:discusses ?r . ?r skos:inScheme <{TECHNOLOGIES}> }} GROUP BY ?r""",
    "meetings": "SELECT ?r (0 AS ?n) WHERE { ?r a mkg:Meeting }",
}


def _check(folder: Path) -> stats.Statistics:
    """The statistics graph of the store in ``folder``, checked against SPARQL."""
    store = open_store(folder)
    found = stats.read(store, BASE)
    assert found is not None, "the build wrote no statistics graph"
    for name, pattern in COUNTS.items():
        truth = select(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}")
        assert found.counts[name] == int(truth[0]["n"]), name
    for name, query in PER_RESOURCE.items():
        per = {row["r"]: int(row["n"]) for row in select(store, query)}
        rows = found.listings[name].rows
        assert len(rows) == len({r.iri for r in rows}), f"{name}: a resource listed twice"
        if name == "meetings":
            assert {r.iri for r in rows} == set(per)
        else:
            assert {r.iri: r.values[0] for r in rows} == per, name
    return found


def test_statistics_of_the_seeds_equal_sparql_counts(seed_store: Path) -> None:
    found = _check(seed_store)
    assert found.counts["meetings"] == 2 and found.counts["documents"] == 4


def test_statistics_of_the_examples_equal_sparql_counts(examples_store: Path) -> None:
    found = _check(examples_store)
    # every list of the examples has rows, so each count above was of something
    assert all(found.listings[name].rows for name in PER_RESOURCE)
    assert found.counts["technologies"] > 0 and found.counts["projects"] > 0


def test_statistics_stay_right_after_kg_remove(examples_store: Path, tmp_path: Path) -> None:
    folder = tmp_path / "store"
    shutil.copytree(examples_store, folder)
    before = _check(folder)
    documents = select(open_store(folder), "SELECT ?d WHERE { ?d a mkg:SourceDocument }")
    graph = sorted(row["d"] for row in documents)[0]
    result = CliRunner().invoke(app, ["remove", graph, "--store", str(folder)])
    assert result.exit_code == 0, result.output
    after = _check(folder)
    assert after.counts["documents"] == before.counts["documents"] - 1


def test_statistics_stay_right_after_kg_load(examples_store: Path, tmp_path: Path) -> None:
    """Regression: `kg load` left the statistics as the build counted them, so a person
    loaded from a register was on no list page."""
    folder = tmp_path / "store"
    shutil.copytree(examples_store, folder)
    before = _check(folder)
    register = tmp_path / "register.nq"
    person = f"<{BASE}id/person/ada-register>"
    kind = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    register.write_text(
        f"{person} {kind} <http://www.w3.org/ns/person#Person> <urn:example:register> .\n"
        f'{person} <http://xmlns.com/foaf/0.1/name> "Ada Register" <urn:example:register> .\n'
    )
    result = CliRunner().invoke(app, ["load", str(register), "--store", str(folder)])
    assert result.exit_code == 0, result.output
    after = _check(folder)
    assert after.counts["people"] == before.counts["people"] + 1
