"""Shared fixtures: where the repository and ../shared are, and a built seed store."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The real documents in ../shared/seeds; tests using them skip when it is absent."""
    if not SEEDS.is_dir():
        pytest.skip(f"../shared/seeds is not beside the repository (looked in {SEEDS})")
    return SEEDS


@pytest.fixture(scope="session")
def seed_store(seeds: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built once into a store folder, for tests that only read it."""
    from kg.pipeline import build
    from kg.settings import BuildSettings

    folder = tmp_path_factory.mktemp("seeds")
    report = build([seeds], folder, BuildSettings())
    assert report.ok, report.outcomes
    return folder
