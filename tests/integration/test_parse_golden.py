"""Golden files: the parser reads each seed as the reviewed reading in tests/data/golden/
(see the README there), and the seeds build to the reviewed graph ``seeds.trig``.

A difference is either a fault of the parser or a deliberate change; rewriting a golden
file (``python -m tests.golden``) is a reviewed act, never the way to make this pass.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import rdflib

from tests.golden import (
    GOLDEN,
    SEEDS_GRAPH,
    assert_same_graphs,
    build_seeds,
    golden_file,
    read_seed,
    reading,
)

pytestmark = pytest.mark.integration

READINGS = sorted(p.stem for p in GOLDEN.glob("*.json"))


def test_every_seed_has_a_golden_reading(seeds: Path) -> None:
    assert sorted(p.stem for p in seeds.glob("*.txt")) == READINGS


@pytest.mark.parametrize("name", READINGS)
def test_the_parser_reads_the_seed_as_reviewed(seeds: Path, name: str) -> None:
    seed = seeds / f"{name}.txt"
    want = golden_file(seed).read_text(encoding="utf-8")
    got = reading(read_seed(seed))
    if got != want:
        diff = difflib.unified_diff(
            want.splitlines(), got.splitlines(), "golden", "parser", lineterm="", n=2
        )
        pytest.fail(
            f"{seed.name}: the parser's reading differs from {golden_file(seed)}; read the "
            "document: a fault to mend, or a change to review (python -m tests.golden "
            f"--write {name[:3]}):\n" + "\n".join(diff)
        )


def test_the_seeds_build_to_the_reviewed_graph(seeds: Path, tmp_path: Path) -> None:
    expected = rdflib.Dataset()
    expected.parse(SEEDS_GRAPH, format="trig")
    assert_same_graphs(expected, build_seeds(tmp_path / "store"), "the seeds")
