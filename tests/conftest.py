"""Shared fixtures: where the repository and ../shared are, and a built seed store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.virtuoso_support import Virtuoso

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
#: Real documents of 13 municipalities with hand labels (issue 11's development corpus).
CORPUS_TEXT = SHARED / "corpus" / "text"
#: The official DCAT-AP shapes `kg publish --standards` checks the catalogue record against.
STANDARDS = SHARED / "standards"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The real documents in ../shared/seeds; tests using them skip when it is absent."""
    if not SEEDS.is_dir():
        pytest.skip(f"../shared/seeds is not beside the repository (looked in {SEEDS})")
    return SEEDS


@pytest.fixture(scope="session")
def corpus_text() -> Path:
    """The labelled real documents in ../shared/corpus/text; tests using them skip when it
    is absent."""
    if not (CORPUS_TEXT / "labels.json").is_file():
        pytest.skip(f"../shared/corpus/text is not beside the repository (looked in {CORPUS_TEXT})")
    return CORPUS_TEXT


@pytest.fixture(scope="session")
def standards() -> Path:
    """The official DCAT-AP shapes in ../shared/standards; tests using them skip when it
    is absent."""
    if not STANDARDS.is_dir():
        pytest.skip(f"../shared/standards is not beside the repository (looked in {STANDARDS})")
    return STANDARDS


@pytest.fixture(scope="session")
def seed_store(seeds: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built once into a store folder, for tests that only read it."""
    from kg.pipeline import build
    from kg.settings import BuildSettings

    folder = tmp_path_factory.mktemp("seeds")
    report = build([seeds], folder, BuildSettings())
    assert report.ok, report.outcomes
    return folder


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """A Virtuoso server of the session's own on loopback (tests/virtuoso_support.py);
    tests using it skip when Virtuoso is not installed."""
    from tests.virtuoso_support import SKIP_REASON, programs, running

    if programs() is None:
        pytest.skip(SKIP_REASON)
    with running(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server
