"""`kg load`: reference data beside the minutes, graphs kept, files replaced as a whole."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from tests.helpers import ask, open_store, select

pytestmark = pytest.mark.integration
runner = CliRunner()
LINKS = "http://localhost:8000/id/graph/links"


@pytest.fixture()
def store(seed_store: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(seed_store, copy)
    return copy


def test_turtle_goes_into_the_named_graph_and_joins_the_minutes(
    store: Path, tmp_path: Path
) -> None:
    file = tmp_path / "links.ttl"
    file.write_text(
        "<http://localhost:8000/id/organization/gentofte-kommune> "
        "<http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q503164> .\n"
    )
    result = runner.invoke(app, ["load", str(file), "--store", str(store), "--graph", LINKS])
    assert result.exit_code == 0, result.output
    db = open_store(store)
    assert ask(db, f"ASK {{ GRAPH <{LINKS}> {{ ?o owl:sameAs ?wd }} }}")
    rows = select(
        db,
        "SELECT ?wd WHERE { ?p foaf:name 'Gry Ravn' . ?m org:member ?p ; org:organization/owl:sameAs ?wd }",
    )
    assert rows == [{"wd": "http://www.wikidata.org/entity/Q503164"}]


def test_nquads_keep_their_graphs_and_reloading_replaces(store: Path, tmp_path: Path) -> None:
    file = tmp_path / "register.nq"
    file.write_text(
        '<http://r/a> <http://r/p> "1" <http://r/g1> .\n<http://r/b> <http://r/p> "2" <http://r/g2> .\n'
    )
    assert runner.invoke(app, ["load", str(file), "--store", str(store)]).exit_code == 0
    file.write_text('<http://r/a> <http://r/p> "3" <http://r/g1> .\n')
    assert runner.invoke(app, ["load", str(file), "--store", str(store)]).exit_code == 0
    rows = select(open_store(store), "SELECT ?g ?v WHERE { GRAPH ?g { ?s <http://r/p> ?v } }")
    assert {(r["g"], r["v"]) for r in rows} == {("http://r/g1", "3"), ("http://r/g2", "2")}


def test_a_gzipped_dump_loads_as_it_is(store: Path, tmp_path: Path) -> None:
    """kg publish writes its dumps gzipped only (minutes-kg.nq.gz); kg load takes them."""
    file = tmp_path / "register.nq.gz"
    file.write_bytes(gzip.compress(b'<http://r/a> <http://r/p> "1" <http://r/g1> .\n'))
    result = runner.invoke(app, ["load", str(file), "--store", str(store)])
    assert result.exit_code == 0, result.output
    rows = select(open_store(store), "SELECT ?g ?v WHERE { GRAPH ?g { ?s <http://r/p> ?v } }")
    assert rows == [{"g": "http://r/g1", "v": "1"}]


@pytest.mark.parametrize(
    ("name", "content", "args", "message"),
    [
        ("t.ttl", "<http://a> <http://b> <http://c> .\n", [], "--graph"),
        ("q.nq", '<http://a> <http://b> "x" .\n', [], "outside any named graph"),
        ("bad.ttl", "<http://a> <http://b> .\n", ["--graph", LINKS], "bad.ttl"),
        ("x.csv", "a,b\n", ["--graph", LINKS], "unknown RDF format"),
        ("t.nq.gz", "not gzip", [], "t.nq.gz"),
        (
            "t.ttl",
            "<http://a> <http://b> <http://c> .\n",
            ["--graph", "not an iri"],
            "absolute IRI",
        ),
    ],
)
def test_bad_files_change_nothing(
    store: Path, tmp_path: Path, name: str, content: str, args: list[str], message: str
) -> None:
    before = len(open_store(store))
    file = tmp_path / name
    file.write_text(content)
    result = runner.invoke(app, ["load", str(file), "--store", str(store), *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(open_store(store)) == before
