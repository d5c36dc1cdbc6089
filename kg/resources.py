"""The data that ships inside the package: the ontology and concept scheme, the SHACL
shapes and the named queries, read with `importlib.resources` from ``kg/data/``.

They travel with the code (a wheel holds them), so ``kg`` works wherever it is installed,
with no checkout and no environment variable.

>>> sorted(p.name for p in data_folder("shapes").glob("*.ttl"))
['core.ttl']
"""

from __future__ import annotations

from enum import StrEnum
from importlib.resources import files
from pathlib import Path

from kg.errors import KgError


class DataFolder(StrEnum):
    """The folders of ``kg/data``."""

    ONTOLOGY = "ontology"  # the OWL ontology and the SKOS concept scheme
    SHAPES = "shapes"  # the SHACL shapes every document graph must pass
    SPARQL = "sparql"  # the named queries, one .rq file each


def data_folder(name: DataFolder | str) -> Path:
    """The folder ``name`` of the package's data, as a path on disk."""
    folder = files("kg") / "data" / DataFolder(name).value
    if not isinstance(folder, Path) or not folder.is_dir():
        raise KgError(
            f"the package data folder kg/data/{name} is missing or not on disk ({folder})",
            hint="reinstall minutes-kg from its wheel or with pip install -e",
        )
    return folder
