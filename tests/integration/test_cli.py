"""The `kg` commands and their exit codes, as scripts and checks call them."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from typer.testing import CliRunner

from kg.cli import app

pytestmark = pytest.mark.integration
runner = CliRunner()


@pytest.fixture(scope="module")
def store(seeds: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-store")
    result = runner.invoke(app, ["build", str(seeds), "--store", str(folder)])
    assert result.exit_code == 0, result.output
    assert "4 loaded" in result.stdout
    return folder


def test_console_script_runs(store: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg",
            "query",
            "meetings-of-committee",
            "--store",
            str(store),
            "--format",
            "csv",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [r["start"] for r in rows] == ["2017-09-26T16:30:00+02:00", "2017-04-25T19:00:00+02:00"]
    assert [r["items"] for r in rows] == ["1", "2"]


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["build"]).exit_code == 2
    assert (
        runner.invoke(
            app, ["build", str(tmp_path / "nowhere"), "--store", str(tmp_path / "s")]
        ).exit_code
        == 2
    )
    assert runner.invoke(app, ["validate", "--store", str(tmp_path / "missing")]).exit_code == 2
    assert (
        runner.invoke(
            app, ["build", str(tmp_path), "--store", str(tmp_path / "s"), "--base-iri", "ftp://x"]
        ).exit_code
        == 2
    )


def test_validate_exits_0_on_a_conforming_store(store: Path) -> None:
    result = runner.invoke(app, ["validate", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "4 document graphs, 0 with violations" in result.stdout


def test_validate_exits_1_on_violations(store: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    import shutil

    shutil.copytree(store, broken)
    db = ox.Store(str(broken / "oxigraph"))
    doc = "http://localhost:8000/id/document/000-fd3d242d88b435d4-txt"
    meeting = "http://localhost:8000/id/meeting/gentofte-opgaveudvalg-om-innovation-2017-09-26"
    db.update(
        f"INSERT DATA {{ GRAPH <{doc}> {{ <{meeting}> <https://w3id.org/minutes-kg/ontology#absent> <http://localhost:8000/id/person/rikke-ulk> }} }}"
    )
    del db
    result = runner.invoke(app, ["validate", "--store", str(broken)])
    assert result.exit_code == 1
    assert "000_fd3d242d88b435d4.txt" in result.stderr
    assert "gentofte-opgaveudvalg-om-innovation-2017-09-26" in result.stderr


def test_query_json_is_w3c_sparql_results(store: Path) -> None:
    result = runner.invoke(
        app,
        [
            "query",
            "attendance-of-person",
            "--store",
            str(store),
            "--format",
            "json",
            "--param",
            "person=http://localhost:8000/id/person/poul-vagn-jensen",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["head"]["vars"] == ["person", "meeting", "label", "date", "start", "attendance"]
    assert [b["attendance"]["value"] for b in data["results"]["bindings"]] == ["present", "absent"]


def test_query_parameters_are_bound_not_pasted(store: Path) -> None:
    hostile = 'x") } UNION { ?s ?p ?o } #'
    result = runner.invoke(
        app,
        [
            "query",
            "decisions-containing",
            "--store",
            str(store),
            "--format",
            "json",
            "--param",
            f"text={hostile}",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"]["bindings"] == []


def test_query_text_and_rq_file(store: Path, tmp_path: Path) -> None:
    text = "SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE { ?i a <https://w3id.org/minutes-kg/ontology#AgendaItem> }"
    result = runner.invoke(app, ["query", text, "--store", str(store), "--format", "csv"])
    assert result.stdout.splitlines() == ["n", "3"]
    file = tmp_path / "q.rq"
    file.write_text(text)
    assert (
        runner.invoke(
            app, ["query", str(file), "--store", str(store), "--format", "tsv"]
        ).stdout.splitlines()[1]
        == "3"
    )


def test_query_errors(store: Path) -> None:
    assert runner.invoke(app, ["query", "no-such-query", "--store", str(store)]).exit_code == 2
    assert runner.invoke(app, ["query", "SELECT WHERE {", "--store", str(store)]).exit_code == 2
    assert (
        runner.invoke(
            app, ["query", "meetings-of-committee", "--store", str(store), "--format", "yaml"]
        ).exit_code
        == 2
    )


@pytest.mark.parametrize(
    ("fmt", "parser", "dataset"),
    [
        ("nquads", "nquads", True),
        ("trig", "trig", True),
        ("turtle", "turtle", False),
        ("ntriples", "nt", False),
        ("jsonld", "json-ld", True),
    ],
)
def test_export_parses_back_to_the_store(
    store: Path, tmp_path: Path, fmt: str, parser: str, dataset: bool
) -> None:
    out = tmp_path / f"dump.{fmt}"
    result = runner.invoke(app, ["export", "--store", str(store), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    db = ox.Store.read_only(str(store / "oxigraph"))
    if dataset:
        parsed = rdflib.Dataset()
        parsed.parse(out, format=parser)
        named = [
            g for g in parsed.graphs() if g.identifier != rdflib.graph.DATASET_DEFAULT_GRAPH_ID
        ]
        assert sum(len(g) for g in named) == sum(  # the named graphs' quads, not the default's
            1 for q in db if not isinstance(q.graph_name, ox.DefaultGraph)
        )
        assert {str(g.identifier) for g in named} == {g.value for g in db.named_graphs()}
    else:
        graph = rdflib.Graph().parse(out, format=parser)
        assert len(graph) == len({(q.subject, q.predicate, q.object) for q in db})
