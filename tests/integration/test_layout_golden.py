"""Golden files: each layout family's invented document builds to the reviewed graph in
tests/data/layouts/<family>/expected.trig (see the README there).

Writing the expected graphs is a deliberate, reviewed act, never a way to make this test
pass: ``python -m tests.integration.test_layout_golden --write FAMILY...`` rewrites the
named families' files, and the difference is read before it is committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import rdflib

from kg.pipeline import build
from kg.settings import BuildSettings, RunSettings
from tests.golden import assert_same_graphs, document_graphs

pytestmark = pytest.mark.integration

LAYOUTS = Path(__file__).resolve().parents[1] / "data" / "layouts"
FAMILIES = sorted(p.name for p in LAYOUTS.iterdir() if p.is_dir())
#: A fixed address for the documents' sources, so that the graph names no local path.
SOURCE_URL = "https://example.invalid/minutes/"


def built(family: str, store: Path) -> rdflib.Dataset:
    """The document graphs the family's input builds to."""
    (source,) = (LAYOUTS / family).glob("input.*")
    settings = BuildSettings(source_url=SOURCE_URL)
    report = build([source], store, settings, run=RunSettings(jobs=1))
    assert report.ok, report.outcomes
    return document_graphs(store, settings)


@pytest.mark.parametrize("family", FAMILIES)
def test_layout_builds_its_reviewed_graph(family: str, tmp_path: Path) -> None:
    expected = rdflib.Dataset()
    expected.parse(LAYOUTS / family / "expected.trig", format="trig")
    assert_same_graphs(expected, built(family, tmp_path / "store"), family)


def _write(families: list[str]) -> None:
    import tempfile

    for family in families:
        with tempfile.TemporaryDirectory() as folder:
            dataset = built(family, Path(folder) / "store")
        target = LAYOUTS / family / "expected.trig"
        target.write_text(dataset.serialize(format="trig"), encoding="utf-8")
        print(f"wrote {target}: review the difference before committing it")


if __name__ == "__main__":
    if sys.argv[1:2] != ["--write"] or not sys.argv[2:]:
        sys.exit(
            f"usage: python -m tests.integration.test_layout_golden --write {' '.join(FAMILIES)}"
        )
    _write(sys.argv[2:])
