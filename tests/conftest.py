"""Shared fixtures: where the repository and ../shared are, and the session's stores.

The seeds and the bundled examples are each built once per session (`seed_build`,
`examples_build`), for the many tests that only read them. A test that changes a store
copies the folder first (``shutil.copytree``) or builds its own, and says why: a build
with other settings or inputs, a build whose own output is what it tests (the CLI's
report, a rebuild's outcomes), or a store it removes from or loads into.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from kg.report import BuildReport
    from kg.validate import CompiledShapes, Shapes
    from tests.virtuoso_support import Virtuoso

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
#: Real documents of 13 municipalities with hand labels (issue 11's development corpus).
CORPUS_TEXT = SHARED / "corpus" / "text"
#: The official DCAT-AP shapes `kg publish --standards` checks the catalogue record against.
STANDARDS = SHARED / "standards"
EXAMPLES = ROOT / "examples"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that needs the Virtuoso server is slow: starting one takes about ten seconds.
    (A test that chooses it by a parameter marks that parameter.)"""
    for item in items:
        if "virtuoso" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


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


@dataclass(frozen=True)
class Built:
    """A store folder the session built, and what the build reported. Read it only."""

    folder: Path
    report: BuildReport


def _build(source: Path, prefix: str) -> Built:
    """``source`` built with the default settings into a new folder, removed when the
    run ends."""
    from kg.pipeline import build
    from kg.settings import BuildSettings

    folder = Path(tempfile.mkdtemp(prefix=f"kg-{prefix}-"))
    atexit.register(shutil.rmtree, folder, True)
    report = build([source], folder, BuildSettings())
    assert report.ok, report.outcomes
    return Built(folder, report)


@functools.cache
def examples_built() -> Built:
    """The bundled examples built once per run. A function as well as a fixture, for
    tests that parametrise over what the store holds (at collection, before fixtures)."""
    return _build(EXAMPLES, "examples")


@pytest.fixture(scope="session")
def examples_build() -> Built:
    """The bundled examples built once per session, for tests that only read them."""
    return examples_built()


@pytest.fixture(scope="session")
def examples_store(examples_build: Built) -> Path:
    """The folder of `examples_build`."""
    return examples_build.folder


@pytest.fixture(scope="session")
def seed_build(seeds: Path) -> Built:
    """The seeds built once per session, for tests that only read them."""
    return _build(seeds, "seeds")


@pytest.fixture(scope="session")
def seed_store(seed_build: Built) -> Path:
    """The folder of `seed_build`."""
    return seed_build.folder


@pytest.fixture(scope="session")
def shapes() -> Shapes:
    """The project's SHACL shapes (kg/data/shapes), loaded once per session."""
    from kg.validate import load_shapes

    return load_shapes(ROOT / "kg" / "data" / "shapes")


@pytest.fixture(scope="session")
def compiled(shapes: Shapes) -> CompiledShapes:
    """`shapes` compiled for the build's gate."""
    from kg.validate import compile_shapes

    return compile_shapes(shapes)


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """A Virtuoso server of the session's own on loopback (tests/virtuoso_support.py);
    tests using it skip when Virtuoso is not installed."""
    from tests.virtuoso_support import SKIP_REASON, programs, running

    if programs() is None:
        pytest.skip(SKIP_REASON)
    with running(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server
