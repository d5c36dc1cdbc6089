"""What the command line says when it is used wrongly: choices listed, an undeclared
prefix named, help texts that match what the commands do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.pipeline import build
from kg.settings import BuildSettings
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("messages")
    assert build([EXAMPLES / "klima-og-miljoeudvalget"], folder, BuildSettings()).ok
    return folder


def test_a_bad_format_lists_the_choices(store: Path) -> None:
    result = CliRunner().invoke(app, ["query", "ASK {}", "--store", str(store), "--format", "yaml"])
    assert result.exit_code == 2
    assert "--format must be one of: table, csv, tsv, json, xml" in result.output
    assert "ResultFormat" not in result.output


@pytest.mark.parametrize(
    ("query", "named", "hint"),
    [
        (
            "SELECT ?m WHERE { ?m a mkg:Meeting }",
            "mkg:",
            "PREFIX mkg: <https://w3id.org/minutes-kg/ontology#>",
        ),
        ("SELECT * WHERE { ?s ex:p ?o OPTIONAL { ?s ?q ?r } }", "ex:", "PREFIX ex: <...>"),
    ],
)
def test_an_undeclared_prefix_is_named(store: Path, query: str, named: str, hint: str) -> None:
    result = CliRunner().invoke(app, ["query", query, "--store", str(store)])
    assert result.exit_code == 2
    assert f"uses the prefix {named} without declaring it" in result.output
    assert hint in result.output
    assert "expected" not in result.output


def test_a_query_that_breaks_otherwise_still_says_why(store: Path) -> None:
    result = CliRunner().invoke(app, ["query", "SELECT WHERE {", "--store", str(store)])
    assert result.exit_code == 2
    assert "does not parse" in result.output


@pytest.mark.parametrize("command", ["validate", "query", "export", "graph", "publish", "serve"])
def test_read_only_commands_do_not_promise_to_make_the_store(command: str) -> None:
    text = CliRunner().invoke(app, [command, "--help"]).output
    assert "made if missing" not in text.replace("\n", " ").split("--out")[0]
    assert "<bool>" not in text


@pytest.mark.parametrize("command", ["build", "load"])
def test_writing_commands_make_the_store(command: str) -> None:
    text = " ".join(CliRunner().invoke(app, [command, "--help"]).output.split())
    assert "The store folder (made if missing)" in text
    assert "<bool>" not in text


def test_validate_and_publish_say_each_stage_when_not_on_a_terminal(
    store: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    validated = runner.invoke(app, ["validate", "--store", str(store)])
    assert validated.exit_code == 0, validated.output
    assert re.search(r"^validating \(4\)…", validated.output, re.M)  # the 4 klima documents
    assert "done in" in validated.output
    published = runner.invoke(
        app,
        [
            "publish",
            "--store",
            str(store),
            "--out",
            str(tmp_path / "site"),
            "--placeholder-contact",
        ],
    )
    assert published.exit_code == 0, published.output
    stages = [line.split("…")[0] for line in published.output.splitlines() if "…" in line]
    assert stages[:1] == ["dumps, catalogue and changelog"]
    assert any(s.startswith("pages (") for s in stages)
    assert "list pages and vocabularies" in stages


def test_a_setting_that_does_not_validate_is_named_by_its_option(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["build", str(EXAMPLES), "--store", str(tmp_path / "s"), "--timezone", "Mars/Base"]
    )
    assert result.exit_code == 2
    assert "--timezone: no time zone 'Mars/Base'" in result.output
    assert "pydantic" not in result.output
    assert not (tmp_path / "s").exists()
