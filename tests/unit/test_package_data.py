"""Every data file of the package ships in the wheel: the package-data patterns of
pyproject.toml cover each file under kg/ that is not Python (issue 15: the wheel held
no .ttl and no .rq; tests/integration/test_wheel.py builds one, this is the quick check)."""

from __future__ import annotations

import tomllib
from pathlib import Path, PurePosixPath

from tests.conftest import ROOT

PACKAGE = ROOT / "kg"


def test_package_data_patterns_cover_every_data_file() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["kg"]
    data = [
        PurePosixPath(path.relative_to(PACKAGE).as_posix())
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    ]
    assert data  # the ontology, shapes, queries, templates, scripts, language files
    uncovered = [str(p) for p in data if not any(p.match(pattern) for pattern in patterns)]
    assert uncovered == [], "add these to [tool.setuptools.package-data] in pyproject.toml"


def test_no_module_looks_for_data_beside_the_checkout() -> None:
    """Data is read with importlib.resources (kg.resources), never from ../ of the package."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if "parents[2]" in path.read_text(encoding="utf-8")
        or "KG_HOME" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_the_data_folders_are_in_the_package() -> None:
    from kg.resources import DataFolder, data_folder

    for folder in DataFolder:
        found = data_folder(folder)
        assert found.is_dir() and Path(found).is_relative_to(PACKAGE)
        assert any(found.iterdir())
