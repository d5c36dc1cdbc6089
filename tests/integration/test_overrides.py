"""Curated identity decisions win over the algorithm, in both directions, and persist."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.pipeline import build
from kg.settings import BuildSettings
from tests.helpers import open_store, select

pytestmark = pytest.mark.integration

OVERRIDES = """
[[different]]
names = ["Maria Cordt", "Marie Cordt"]

[[same]]
names = ["Gry Ravn", "Rikke Ulk"]
label = "Rikke Ulk"
"""


def test_overrides_win_and_are_kept_for_later_builds(seeds: Path, tmp_path: Path) -> None:
    file = tmp_path / "overrides.toml"
    file.write_text(OVERRIDES, encoding="utf-8")
    store = tmp_path / "store"
    build([seeds], store, BuildSettings(), overrides=file)
    db = open_store(store)
    cordt = select(
        db,
        "SELECT DISTINCT ?p WHERE { ?p foaf:name ?n FILTER(?n IN ('Maria Cordt', 'Marie Cordt')) }",
    )
    assert len(cordt) == 2
    merged = select(
        db, "SELECT DISTINCT ?alt WHERE { ?p foaf:name 'Rikke Ulk' ; skos:altLabel ?alt }"
    )
    assert merged == [{"alt": "Gry Ravn"}]
    del db
    # a later build without --overrides keeps them
    build([seeds / "000_fd3d242d88b435d4.txt"], store, BuildSettings())
    db = open_store(store)
    assert len(select(db, "SELECT DISTINCT ?p WHERE { ?p foaf:name 'Marie Cordt' }")) == 1


def test_explain_lists_doubtful_merges_first(seed_store: Path) -> None:
    result = CliRunner().invoke(app, ["resolve", "--store", str(seed_store), "--explain"])
    assert result.exit_code == 0, result.output
    heads = [line.split(" ")[0] for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert heads[0] == "jesper-alkestrup"  # a one-letter slip is the least certain
    assert set(heads) == {
        "jesper-alkestrup",
        "bastian-broby-glavind-hansen",
        "maria-cordt",
        "poul-vagn-jensen",
    }
    scores = [
        float(line.split("score ")[1].split(")")[0])
        for line in result.stdout.splitlines()
        if "(score" in line
    ]
    assert scores == sorted(scores)


def test_bad_overrides_file_is_a_clear_error(seeds: Path, tmp_path: Path) -> None:
    file = tmp_path / "overrides.toml"
    file.write_text('[[same]]\nnames = ["Only One"]\n', encoding="utf-8")
    result = CliRunner().invoke(
        app, ["build", str(seeds), "--store", str(tmp_path / "s"), "--overrides", str(file)]
    )
    assert result.exit_code == 2  # the build could not run: nothing was built
    assert "overrides.toml" in result.stderr
    assert not (tmp_path / "s" / "oxigraph").exists()
